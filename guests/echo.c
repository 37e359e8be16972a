/* echo: reads lines through the UART receive interrupt and echoes them. */
#include "rt.h"

#define LINE_MAX	256

int
main(void)
{
	char line[LINE_MAX];
	uint32_t lines = 0, bytes = 0;
	int n;

	puts("echo: type lines; \"quit\" or ^D ends");
	for (;;) {
		putstr("> ");
		if ((n = uart_getline(line, sizeof(line), 1)) < 0) {
			/* The prompt is still on this line. */
			puts("\necho: end of input");
			break;
		}
		if (strcmp(line, "quit") == 0)
			break;
		lines++;
		bytes += (uint32_t)n;
		printf("echo: %s\n", line);
	}
	printf("echo: %lu lines, %lu bytes", lines, bytes);
	if (uart_line_dropped > 0)
		printf(", %lu bytes of overlong lines dropped",
		    uart_line_dropped);
	puts(", bye");
	printf("~ echo: %lu receive interrupts\n", rt_ext_irqs);
	return 0;
}
