/* Shared helpers for the unit tests (not a suite). */
#define _XOPEN_SOURCE 700	/* nftw */
#include <ftw.h>
#include <sys/stat.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../../cmd/out.h"
#include "unit.h"

const char *
unit_builddir(void)
{
	const char *b = getenv("B");

	return b != NULL && *b != '\0' ? b : "build";
}

static char dir[256];
static pid_t dir_owner;

/*
 * A directory per forked test, inside the one main() made for the run
 * (TMPDIR), which main() removes at the end.
 */
const char *
unit_tmpdir(void)
{
	const char *t = getenv("TMPDIR");

	if (dir[0] == '\0' || dir_owner != getpid()) {
		snprintf(dir, sizeof(dir), "%s/rrunit.XXXXXX",
		    t != NULL ? t : "/tmp");
		if (mkdtemp(dir) == NULL)
			return "/tmp";
		dir_owner = getpid();
	}
	return dir;
}

static int
rm_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

void
unit_rmtree(const char *path)
{
	(void)nftw(path, rm_one, 16, FTW_DEPTH | FTW_PHYS);
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

const char *
unit_out_take(void)
{
	static char buf[4096];

	ck_assert_uint_lt(cmd_out.len, sizeof(buf));
	memcpy(buf, cmd_out.buf, cmd_out.len);
	buf[cmd_out.len] = '\0';
	cmd_out.len = 0;
	return buf;
}
