/* mkqlog: a QEMU replay log from a description (tests/data/README). */
#include <stdio.h>
#include <stdlib.h>

#include "qasm.h"

#define DESC_MAX	(1u << 16)
#define LOG_MAX		(1u << 16)

int
main(int argc, char **argv)
{
	static char desc[DESC_MAX];
	static uint8_t log[LOG_MAX];
	char err[300];
	size_t n, len;
	FILE *f;

	if (argc != 3) {
		fprintf(stderr, "usage: mkqlog desc.qdesc out.qlog\n");
		return 2;
	}
	if ((f = fopen(argv[1], "r")) == NULL) {
		perror(argv[1]);
		return 2;
	}
	n = fread(desc, 1, sizeof(desc) - 1, f);
	fclose(f);
	desc[n] = '\0';
	if (qasm(desc, log, sizeof(log), &len, err, sizeof(err)) != 0) {
		fprintf(stderr, "mkqlog: %s: %s\n", argv[1], err);
		return 1;
	}
	if ((f = fopen(argv[2], "wb")) == NULL ||
	    fwrite(log, 1, len, f) != len || fclose(f) != 0) {
		perror(argv[2]);
		return 2;
	}
	return 0;
}
