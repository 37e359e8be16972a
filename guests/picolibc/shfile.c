/*
 * shfile: a picolibc program over semihosting, as people build one to
 * run under QEMU: printf, stderr, a file read under the root folder
 * (fopen, fseek to its end for its length, fgets), a file that is not
 * there, and exit(3).  Its output and status match QEMU's
 * (tests/emu/semihost.sh).
 */
#include <stdio.h>
#include <stdlib.h>

int
main(void)
{
	char line[80];
	FILE *f;
	long n;

	printf("shfile: hello from picolibc over semihosting\n");
	fprintf(stderr, "shfile: this line went to stderr\n");
	if ((f = fopen("shfile.txt", "r")) == NULL) {
		printf("shfile: cannot open shfile.txt\n");
		exit(2);
	}
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	printf("shfile: shfile.txt has %ld bytes\n", n);
	while (fgets(line, sizeof(line), f) != NULL)
		printf("shfile: read: %s", line);
	fclose(f);
	f = fopen("missing.txt", "r");
	printf("shfile: missing.txt %s\n", f != NULL ? "opened" :
	    "does not open");
	exit(3);
}
