/* Shared helpers for the unit tests (not a suite). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "unit.h"

const char *
unit_builddir(void)
{
	const char *b = getenv("B");

	return b != NULL && *b != '\0' ? b : "build";
}

const char *
unit_tmpdir(void)
{
	static char dir[256];
	const char *t = getenv("TMPDIR");

	if (dir[0] == '\0') {
		snprintf(dir, sizeof(dir), "%s/rrunit.XXXXXX",
		    t != NULL ? t : "/tmp");
		if (mkdtemp(dir) == NULL)
			return "/tmp";
	}
	return dir;
}

uint8_t *
unit_slurp(const char *path, size_t *len)
{
	FILE *f;
	uint8_t *p = NULL, *np;
	size_t cap = 0, n = 0, k;

	if ((f = fopen(path, "rb")) == NULL)
		return NULL;
	for (;;) {
		if (n == cap) {
			cap = cap ? cap * 2 : 65536;
			if ((np = realloc(p, cap)) == NULL) {
				free(p);
				fclose(f);
				return NULL;
			}
			p = np;
		}
		if ((k = fread(p + n, 1, cap - n, f)) == 0)
			break;
		n += k;
	}
	fclose(f);
	*len = n;
	return p;
}
