/*
 * shin: scanf from standard input over semihosting (picolibc reads it a
 * byte at a time with READC), then the next line.  Not up to the end:
 * picolibc's getchar never says EOF over semihosting (READC returns -1
 * at the end of the input, and picolibc 1.8 takes it for a byte).
 */
#include <stdio.h>
#include <stdlib.h>

int
main(void)
{
	char word[32], line[64];
	int a, b;

	if (scanf("%31s %d %d", word, &a, &b) != 3) {
		printf("shin: scanf failed\n");
		return 1;
	}
	printf("shin: %s: %d + %d = %d\n", word, a, b, a + b);
	(void)getchar();	/* the end of the first line */
	if (fgets(line, sizeof(line), stdin) != NULL)
		printf("shin: then: %s", line);
	return 0;
}
