/* exitcode: exits with the code read from its input, for exit status tests. */
#include "rt.h"

#define LINE_MAX	32
#define CODE_MAX	65535u	/* the finisher carries 16 bits of code */

int
main(void)
{
	char line[LINE_MAX];
	uint32_t code = 0;
	int i, n;

	puts("exitcode: type a code, 0 to 65535");
	if ((n = uart_getline(line, sizeof(line), 0)) <= 0) {
		puts("exitcode: no code given");
		return 1;
	}
	for (i = 0; i < n; i++) {
		if (line[i] < '0' || line[i] > '9' ||
		    (code = code * 10 + (uint32_t)(line[i] - '0')) > CODE_MAX) {
			printf("exitcode: not a code: %s\n", line);
			return 1;
		}
	}
	printf("exitcode: exiting with %lu\n", code);
	exit((int)code);
}
