/* Unit tests: the front-end helpers the tools share (cmd/, common.h). */
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>

#include <check.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../../cmd/common.h"
#include "unit.h"

#define NELEM(a)	((int)(sizeof(a) / sizeof((a)[0])))

/* ---- Helpers: redirected descriptors, files, the output buffer ---- */

/*
 * Point fd at path (truncated, or read when rd) and return a dup of the
 * old descriptor for unredirect().  Stdio buffers are flushed first so
 * nothing written before lands in the file.
 */
static int
redirect(int fd, const char *path, int rd)
{
	int nfd, saved;

	fflush(stdout);
	fflush(stderr);
	nfd = rd ? open(path, O_RDONLY) :
	    open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	ck_assert_msg(nfd >= 0, "open %s: %s", path, strerror(errno));
	saved = dup(fd);
	ck_assert_int_ge(saved, 0);
	ck_assert_int_eq(dup2(nfd, fd), fd);
	close(nfd);
	return saved;
}

static void
unredirect(int fd, int saved)
{
	fflush(stdout);
	fflush(stderr);
	ck_assert_int_eq(dup2(saved, fd), fd);
	close(saved);
}

/* Whole text file into buf (terminated); "" when it cannot be read. */
static const char *
read_text(const char *path, char *buf, size_t size)
{
	size_t n = 0;
	FILE *f;

	buf[0] = '\0';
	if ((f = fopen(path, "rb")) == NULL)
		return buf;
	n = fread(buf, 1, size - 1, f);
	buf[n] = '\0';
	fclose(f);
	return buf;
}

static void
write_text(const char *path, const char *s)
{
	FILE *f;

	f = fopen(path, "wb");
	ck_assert_msg(f != NULL, "create %s: %s", path, strerror(errno));
	ck_assert_int_eq(fputs(s, f) >= 0, 1);
	ck_assert_int_eq(fclose(f), 0);
}

/* Remove a tree of plain files and directories (no symlinks followed). */
static void
rm_tree(const char *path)
{
	char sub[PATH_MAX];
	struct dirent *de;
	struct stat st;
	DIR *d;

	if (lstat(path, &st) != 0)
		return;
	if (S_ISDIR(st.st_mode) && (d = opendir(path)) != NULL) {
		while ((de = readdir(d)) != NULL) {
			if (strcmp(de->d_name, ".") == 0 ||
			    strcmp(de->d_name, "..") == 0)
				continue;
			if ((size_t)snprintf(sub, sizeof(sub), "%s/%s", path,
			    de->d_name) < sizeof(sub))
				rm_tree(sub);
		}
		closedir(d);
		rmdir(path);
	} else
		unlink(path);
}

static char scratch[PATH_MAX];

static void
scratch_remove(void)
{
	if (scratch[0] != '\0')
		rm_tree(scratch);
}

/*
 * This process's scratch directory (each forked test has its own),
 * removed at exit; a failed check leaves by _exit, so its stays.
 */
static const char *
scratch_dir(void)
{
	const char *t = getenv("TMPDIR");

	if (scratch[0] == '\0') {
		snprintf(scratch, sizeof(scratch), "%s/rrcommon.XXXXXX",
		    t != NULL && *t != '\0' ? t : "/tmp");
		ck_assert_msg(mkdtemp(scratch) != NULL, "mkdtemp: %s",
		    strerror(errno));
		atexit(scratch_remove);
	}
	return scratch;
}

/* Messages printed to stderr between err_begin and err_end. */
static char err_path[PATH_MAX];
static int err_saved = -1;

static void
err_begin(void)
{
	snprintf(err_path, sizeof(err_path), "%s/stderr", scratch_dir());
	err_saved = redirect(STDERR_FILENO, err_path, 0);
}

static const char *
err_end(void)
{
	static char buf[8192];

	unredirect(STDERR_FILENO, err_saved);
	err_saved = -1;
	read_text(err_path, buf, sizeof(buf));
	unlink(err_path);
	return buf;
}

/* A fresh directory of its own for one test. */
static const char *
fresh_dir(void)
{
	static char dir[PATH_MAX];

	snprintf(dir, sizeof(dir), "%s/dir.XXXXXX", scratch_dir());
	ck_assert_msg(mkdtemp(dir) != NULL, "mkdtemp: %s", strerror(errno));
	return dir;
}

/* Temporary files rr_output_open left in dir. */
static int
count_tmp(const char *dir)
{
	struct dirent *de;
	DIR *d;
	int n = 0;

	d = opendir(dir);
	ck_assert_ptr_nonnull(d);
	while ((de = readdir(d)) != NULL)
		if (strncmp(de->d_name, ".rr-tmp.", 8) == 0)
			n++;
	closedir(d);
	return n;
}

static void
path_in(char *buf, size_t size, const char *dir, const char *name)
{
	int n;

	n = snprintf(buf, size, "%s/%s", dir, name);
	ck_assert(n > 0 && (size_t)n < size);
}

/* ---- cmd_number ---- */

static const struct {
	const char	*s;
	uint64_t	 v;
} number_good[] = {
	{ "0", 0 },
	{ "7", 7 },
	{ "42", 42 },
	{ "007", 7 },
	{ "4294967296", 4294967296ull },
	{ "18446744073709551615", UINT64_MAX },
	{ "0x0", 0 },
	{ "0xff", 255 },
	{ "0XFF", 255 },
	{ "0xDeadBeef", 0xdeadbeefull },
	{ "0x000000000000000000001", 1 },
	{ "0xffffffffffffffff", UINT64_MAX },
	{ "0x8000000000000000", 1ull << 63 },
	/* Separators and suffixes (rr(7), "Numbers"): powers of 1000. */
	{ "40_000_000", 40000000 },
	{ "1_0", 10 },
	{ "0xffff_ffff", 0xffffffffull },
	{ "40M", 40000000 },
	{ "40m", 40000000 },
	{ "1.5G", 1500000000 },
	{ "1K", 1000 },
	{ "2.001K", 2001 },
	{ "0.5K", 500 },
	{ "12T", 12000000000000ull },
	{ "0.000000000001T", 1 },
	{ "1_000.5K", 1000500 },
	{ "18446744073709551.615K", UINT64_MAX },
	{ "18446744.073709551615T", UINT64_MAX },
};

START_TEST(number_good_values)
{
	uint64_t v = 12345;

	ck_assert_msg(cmd_number(number_good[_i].s, &v) == 0,
	    "'%s' refused", number_good[_i].s);
	ck_assert_uint_eq(v, number_good[_i].v);
}
END_TEST

static const char *const number_bad[] = {
	"",			/* empty */
	"0x", "0X",		/* prefix, no digits */
	"x1", "-1", "+1", "-0",	/* signs strtoull would take */
	" 1", "\t1", "1 ",	/* spaces */
	"1x", "12a", "1.5", "1e3", "0b1", "0o7",	/* trailing junk */
	"0xg", "0x-1", "0x+1", "0x 1", "0x1g", "ff", "a",
	"18446744073709551616",	/* UINT64_MAX + 1 */
	"99999999999999999999999",
	"0x10000000000000000",	/* 2^64 */
	"0x1ffffffffffffffff",
	"_1", "1_", "1__0", "0x_1", "_",	/* '_' only between digits */
	"1.0005K", "0.0005K",	/* not whole */
	"1.K", ".5K", "1.5", "1.5KK", "1KB", "1Ki", "16E", "1P",
	"0x10K", "1.5.5K", "K", "~1",
	"18446744073709551.616K",	/* over by one */
	"18446745T", "0.0000000000000000001T",	/* 19 fraction digits */
};

START_TEST(number_bad_values)
{
	uint64_t v = 0;

	ck_assert_msg(cmd_number(number_bad[_i], &v) == -1,
	    "'%s' accepted as %llu", number_bad[_i], (unsigned long long)v);
}
END_TEST

/* Sizes: the same spelling, powers of 1024. */
START_TEST(size_values)
{
	static const struct {
		const char	*s;
		uint64_t	 v;
	} good[] = {
		{ "1K", 1024 }, { "1.5K", 1536 }, { "64M", 64ull << 20 },
		{ "1.5G", 3ull << 29 }, { "2T", 2ull << 40 },
		{ "1_048_576", 1048576 }, { "0x400", 1024 },
		{ "0.5k", 512 }, { "16777215.9990234375T", (16777216ull << 40) - (1ull << 30) },
	};
	static const char *const bad[] = {
		"1.0001K", "16777216T", "1.5", "K", "1KiB",
	};
	uint64_t v;
	size_t i;

	for (i = 0; i < NELEM(good); i++) {
		v = 7;
		ck_assert_msg(cmd_size(good[i].s, &v) == 0, "'%s' refused",
		    good[i].s);
		ck_assert_uint_eq(v, good[i].v);
	}
	for (i = 0; i < NELEM(bad); i++)
		ck_assert_msg(cmd_size(bad[i], &v) == -1, "'%s' accepted",
		    bad[i]);
}
END_TEST

/*
 * "Decimal or 0x-prefixed hex, the whole string": strtoull(3) in base 16
 * takes a second "0x" of its own, so "0x0x10" must not read as 16.
 */
START_TEST(number_double_hex_prefix)
{
	static const char *const s[] = { "0x0x10", "0X0X10", "0x0Xff" };
	uint64_t v = 0;
	int i;

	for (i = 0; i < NELEM(s); i++)
		ck_assert_msg(cmd_number(s[i], &v) == -1,
		    "'%s' accepted as %llu", s[i], (unsigned long long)v);
}
END_TEST

/* ---- cmd_range_parse, cmd_range_from_end ---- */

static const struct {
	const char	*s;
	uint64_t	 lo, hi;
	int		 lo_end, hi_end;
} range_good[] = {
	{ "5", 5, 5, 0, 0 },
	{ "0", 0, 0, 0, 0 },
	{ "3-7", 3, 7, 0, 0 },
	{ "3-3", 3, 3, 0, 0 },
	{ "3-", 3, UINT64_MAX, 0, 0 },
	{ "0-", 0, UINT64_MAX, 0, 0 },
	{ "-7", 0, 7, 0, 0 },
	{ "-0", 0, 0, 0, 0 },
	{ "0x10-0x1f", 16, 31, 0, 0 },
	{ "0-18446744073709551615", 0, UINT64_MAX, 0, 0 },
	{ "18446744073709551615", UINT64_MAX, UINT64_MAX, 0, 0 },
	{ "~1", 1, 1, 1, 1 },
	{ "~0x10", 16, 16, 1, 1 },
	{ "~10-", 10, UINT64_MAX, 1, 0 },
	{ "-~2", 0, 2, 0, 1 },
	{ "~5-~2", 5, 2, 1, 1 },
	{ "~3-~3", 3, 3, 1, 1 },
	/* Mixed ends can only be checked against a log. */
	{ "2-~1", 2, 1, 0, 1 },
	{ "~1-0", 1, 0, 1, 0 },
	{ "100-~100", 100, 100, 0, 1 },
};

START_TEST(range_parse_good)
{
	struct cmd_range r;
	const char *msg;
	int rc;

	memset(&r, 0xa5, sizeof(r));
	err_begin();
	rc = cmd_range_parse(&r, "-e", range_good[_i].s);
	msg = err_end();
	ck_assert_msg(rc == 0, "'%s' refused: %s", range_good[_i].s, msg);
	ck_assert_str_eq(msg, "");
	ck_assert_int_eq(r.set, 1);
	ck_assert_uint_eq(r.lo, range_good[_i].lo);
	ck_assert_uint_eq(r.hi, range_good[_i].hi);
	ck_assert_int_eq(r.lo_end != 0, range_good[_i].lo_end);
	ck_assert_int_eq(r.hi_end != 0, range_good[_i].hi_end);
	ck_assert_int_eq(cmd_range_from_end(&r) != 0,
	    range_good[_i].lo_end || range_good[_i].hi_end);
}
END_TEST

static const char *const range_bad[] = {
	"", "-", "~", "~-", "-~", "~0", "~0-", "-~0", "~0x0", "~00",
	"1-2-3", "--1", "1--", "---", "1-2-", "-1-2",
	"a", "1a", "a-1", "1-b", " 1", "1 ", "1 -2", "1- 2", "+1", "+1-2",
	"~-1", "~~1", "~ 1", "1~", "1-2~", "~1~",
	"0x", "0x-1", "1-0x", "1,2", "1..2", "1:2",
	"18446744073709551616", "-18446744073709551616",
	"~18446744073709551616",
};

START_TEST(range_parse_bad)
{
	struct cmd_range r;
	const char *msg;
	char want[128];
	int rc;

	err_begin();
	rc = cmd_range_parse(&r, "-e", range_bad[_i]);
	msg = err_end();
	ck_assert_msg(rc == -1, "'%s' accepted", range_bad[_i]);
	/* rr(7) message: `prog: -e: bad range 'S' (...)`. */
	snprintf(want, sizeof(want), "-e: bad range '%s'", range_bad[_i]);
	ck_assert_msg(strstr(msg, want) != NULL, "message for '%s': %s",
	    range_bad[_i], msg);
	ck_assert_int_eq(strchr(msg, '\n') - msg, (long)strlen(msg) - 1);
}
END_TEST

/* A start after the end, with ends of one kind: a usage error at once. */
static const char *const range_inverted[] = {
	"7-3", "1-0", "0x11-0x10", "18446744073709551615-18446744073709551614",
	"~2-~5", "~1-~2", "~0x10-~0x11",
};

START_TEST(range_parse_inverted)
{
	struct cmd_range r;
	const char *msg;
	char want[128];
	int rc;

	err_begin();
	rc = cmd_range_parse(&r, "-i", range_inverted[_i]);
	msg = err_end();
	ck_assert_msg(rc == -1, "'%s' accepted", range_inverted[_i]);
	snprintf(want, sizeof(want), "-i: empty range '%s'",
	    range_inverted[_i]);
	ck_assert_msg(strstr(msg, want) != NULL, "message for '%s': %s",
	    range_inverted[_i], msg);
}
END_TEST

/*
 * rr(7): "A range whose start lies after its end is a usage error."
 * ~5 always lies after ~18446744073709551615, as after ~6; the parser
 * takes hi == UINT64_MAX for an open end even when hi is a ~N.
 */
START_TEST(range_parse_inverted_from_end_max)
{
	static const char *const s[] = {
		"~5-~18446744073709551615", "~1-~0xffffffffffffffff"
	};
	struct cmd_range r;
	int i, rc, saved;

	for (i = 0; i < NELEM(s); i++) {
		saved = redirect(STDERR_FILENO, "/dev/null", 0);
		rc = cmd_range_parse(&r, "-e", s[i]);
		unredirect(STDERR_FILENO, saved);
		ck_assert_msg(rc == -1, "'%s' accepted", s[i]);
	}
}
END_TEST

START_TEST(range_unset)
{
	struct cmd_range r;
	uint64_t lo = 1, hi = 1;

	memset(&r, 0, sizeof(r));
	ck_assert_int_eq(cmd_range_from_end(&r), 0);
	/* Not given: everything. */
	ck_assert_int_eq(cmd_range_resolve(&r, 10, &lo, &hi), 0);
	ck_assert_uint_eq(lo, 0);
	ck_assert_uint_eq(hi, UINT64_MAX);
	ck_assert_int_eq(cmd_range_resolve(&r, 0, &lo, &hi), 0);
	ck_assert_uint_eq(lo, 0);
	ck_assert_uint_eq(hi, UINT64_MAX);
}
END_TEST

/* ---- cmd_range_resolve ---- */

static const struct {
	const char	*s;
	uint64_t	 last;
	int		 rc;
	uint64_t	 lo, hi;
} resolve_cases[] = {
	{ "5", 10, 0, 5, 5 },
	{ "3-7", 10, 0, 3, 7 },
	{ "3-", 10, 0, 3, UINT64_MAX },
	{ "-4", 10, 0, 0, 4 },
	/* Past the end selects nothing, but is not empty or an error. */
	{ "5", 3, 0, 5, 5 },
	{ "100-200", 50, 0, 100, 200 },
	{ "~1", 10, 0, 10, 10 },
	{ "~1", 0, 0, 0, 0 },
	{ "~3", 10, 0, 8, 8 },
	{ "~11", 10, 0, 0, 0 },
	{ "~10-", 99, 0, 90, UINT64_MAX },
	{ "~1-", 99, 0, 99, UINT64_MAX },
	/* A ~N start before the start is the start. */
	{ "~11-", 10, 0, 0, UINT64_MAX },
	{ "~12-", 10, 0, 0, UINT64_MAX },
	{ "~18446744073709551615-", 10, 0, 0, UINT64_MAX },
	{ "-~1", 10, 0, 0, 10 },
	{ "-~2", 10, 0, 0, 9 },
	{ "-~11", 10, 0, 0, 0 },
	{ "~5-~2", 10, 0, 6, 9 },
	{ "~3-~3", 10, 0, 8, 8 },
	{ "~100-~1", 10, 0, 0, 10 },
	{ "2-~1", 10, 0, 2, 10 },
	{ "10-~1", 10, 0, 10, 10 },
	{ "~1-3", 2, 0, 2, 3 },
	{ "~1-", UINT64_MAX, 0, UINT64_MAX, UINT64_MAX },
	{ "0x10-0x20", UINT64_MAX, 0, 16, 32 },
	/* Mixed ends that cross in this log: empty. */
	{ "2-~1", 1, -1, 0, 0 },
	{ "11-~1", 10, -1, 0, 0 },
	{ "~1-3", 10, -1, 0, 0 },
	{ "~2-0", 10, -1, 0, 0 },
};

START_TEST(range_resolve_table)
{
	struct cmd_range r;
	uint64_t lo = 777, hi = 777;
	int rc;

	err_begin();
	rc = cmd_range_parse(&r, "-e", resolve_cases[_i].s);
	err_end();
	ck_assert_int_eq(rc, 0);
	rc = cmd_range_resolve(&r, resolve_cases[_i].last, &lo, &hi);
	ck_assert_msg(rc == resolve_cases[_i].rc,
	    "'%s' last %llu: rc %d lo %llu hi %llu", resolve_cases[_i].s,
	    (unsigned long long)resolve_cases[_i].last, rc,
	    (unsigned long long)lo, (unsigned long long)hi);
	if (rc != 0)
		return;
	ck_assert_uint_eq(lo, resolve_cases[_i].lo);
	ck_assert_uint_eq(hi, resolve_cases[_i].hi);
}
END_TEST

/*
 * "~1 is the last" for every last: with last == UINT64_MAX, last + 1
 * wraps to 0 and every ~N high end was taken for one before the start.
 */
START_TEST(range_resolve_last_is_uint64_max)
{
	static const struct {
		const char	*s;
		uint64_t	 lo, hi;
	} c[] = {
		{ "~1", UINT64_MAX, UINT64_MAX },
		{ "-~1", 0, UINT64_MAX },
		{ "~3-~2", UINT64_MAX - 2, UINT64_MAX - 1 },
		{ "5-~18446744073709551615", 5, 1 },
	};
	struct cmd_range r;
	uint64_t lo, hi;
	int i, rc;

	for (i = 0; i < NELEM(c); i++) {
		ck_assert_int_eq(cmd_range_parse(&r, "-i", c[i].s), 0);
		lo = hi = 777;
		rc = cmd_range_resolve(&r, UINT64_MAX, &lo, &hi);
		if (c[i].lo > c[i].hi) {
			ck_assert_int_eq(rc, -1);
			continue;
		}
		ck_assert_msg(rc == 0, "'%s' with last UINT64_MAX is empty",
		    c[i].s);
		ck_assert_uint_eq(lo, c[i].lo);
		ck_assert_uint_eq(hi, c[i].hi);
	}
}
END_TEST

/* ---- cmd_kinds_parse, cmd_kinds_has, cmd_kinds_all ---- */

#define K(n)	(1u << (n))
#define KMID	K(11)		/* stands for kinds 11..254 */
#define KALL	0xfffu

static const struct {
	const char	*s;
	uint32_t	 low;		/* kinds 0..10, and KMID */
	int		 k255, k256;	/* kind 255; kinds above 255 */
} kinds_good[] = {
	{ "clock", K(1), 0, 0 },
	{ "entropy", K(2), 0, 0 },
	{ "clock,entropy,end", K(1) | K(2) | K(8), 0, 0 },
	{ "bh,output,checkpoint,keyframe,mark", 0xf8, 0, 0 },
	{ "end,clock", K(1) | K(8), 0, 0 },
	{ "gap", K(9), 0, 0 },	/* 1.2 */
	{ "semihost", K(10), 0, 0 },	/* 1.3 */
	{ "clock,clock", K(1), 0, 0 },
	{ "1", K(1), 0, 0 },
	{ "0", K(0), 0, 0 },
	{ "0x8", K(8), 0, 0 },
	{ "9,10", K(9) | K(10), 0, 0 },
	{ "unknown-9", K(9), 0, 0 },
	{ "unknown-0xa", K(10), 0, 0 },
	{ "unknown-255", 0, 1, 0 },
	{ "255", 0, 1, 0 },
	/* Every kind this build has no name for. */
	{ "unknown", K(0) | KMID, 1, 1 },
	{ "unknown,clock", K(0) | K(1) | KMID, 1, 1 },
	/* Removals only: from all kinds. */
	{ "^clock", KALL & ~K(1), 1, 1 },
	{ "^clock,^end", KALL & ~K(1) & ~K(8), 1, 1 },
	{ "^1,^unknown-9", KALL & ~K(1) & ~K(9), 1, 1 },
	{ "^unknown", 0x7fe, 0, 0 },
	{ "^255", KALL, 0, 1 },
	/* Any plain item: from none, in order. */
	{ "clock,^clock", 0, 0, 0 },
	{ "^clock,entropy", K(2), 0, 0 },
	{ "unknown,^unknown-9", K(0) | KMID, 1, 1 },
	{ "unknown,^0", KMID, 1, 1 },
};

START_TEST(kinds_parse_good)
{
	struct cmd_kinds k;
	const char *msg;
	uint32_t kind;
	int rc, want;

	memset(&k, 0x5a, sizeof(k));
	err_begin();
	rc = cmd_kinds_parse(&k, "-k", kinds_good[_i].s);
	msg = err_end();
	ck_assert_msg(rc == 0, "'%s' refused: %s", kinds_good[_i].s, msg);
	ck_assert_str_eq(msg, "");
	for (kind = 0; kind <= 10; kind++) {
		want = (kinds_good[_i].low >> kind) & 1;
		ck_assert_msg(cmd_kinds_has(&k, kind) == want,
		    "'%s': kind %u %s", kinds_good[_i].s, kind,
		    want ? "missing" : "present");
	}
	for (kind = 11; kind < 255; kind++)
		ck_assert_int_eq(cmd_kinds_has(&k, kind),
		    (kinds_good[_i].low & KMID) != 0);
	ck_assert_int_eq(cmd_kinds_has(&k, 255), kinds_good[_i].k255);
	ck_assert_int_eq(cmd_kinds_has(&k, 256), kinds_good[_i].k256);
	ck_assert_int_eq(cmd_kinds_has(&k, 1000), kinds_good[_i].k256);
	ck_assert_int_eq(cmd_kinds_has(&k, UINT32_MAX), kinds_good[_i].k256);
}
END_TEST

static const char *const kinds_bad[] = {
	"", ",", ",,", "^", "bogus", "clock,bogus", "bogus,clock", "^bogus",
	"clock ", " clock", "^^clock", "unknown-", "unknown-x", "unknown-1x",
	"unknown-unknown", "unknown-4294967296", "4294967296", "-1", "+1",
	"0x", "1.0", "clock;entropy",
	/* A kind is one byte: more is refused, not taken silently. */
	"unknown-256", "300", "4294967295", "^unknown-300", "clock,256",
};

START_TEST(kinds_parse_bad)
{
	struct cmd_kinds k;
	const char *msg;
	int rc;

	err_begin();
	rc = cmd_kinds_parse(&k, "-k", kinds_bad[_i]);
	msg = err_end();
	ck_assert_msg(rc == -1, "'%s' accepted", kinds_bad[_i]);
	ck_assert_msg(strstr(msg, ": -k: ") != NULL &&
	    (strstr(msg, "unknown kind") != NULL ||
	    strstr(msg, "kinds are 0 to 255") != NULL ||
	    strstr(msg, "empty kind list") != NULL),
	    "message for '%s': %s", kinds_bad[_i], msg);
}
END_TEST

START_TEST(kinds_all)
{
	struct cmd_kinds k;
	uint32_t kind;

	memset(&k, 0, sizeof(k));
	cmd_kinds_all(&k);
	for (kind = 0; kind <= 300; kind++)
		ck_assert_int_eq(cmd_kinds_has(&k, kind), 1);
	ck_assert_int_eq(cmd_kinds_has(&k, UINT32_MAX), 1);
	memset(&k, 0, sizeof(k));
	for (kind = 0; kind <= 300; kind++)
		ck_assert_int_eq(cmd_kinds_has(&k, kind), 0);
}
END_TEST

/* ---- cmd_mask, cmd_name ---- */

static const struct {
	const char	*s;
	size_t		 size;
	const char	*want;
} mask_cases[] = {
	{ "trace.rr", 64, "trace.rr" },
	{ "a\tb\nc\rd", 64, "a?b?c?d" },
	{ "\x01\x1f\x20\x7e\x7f", 64, "?? ~?" },
	{ "\x1b[31mred", 64, "?[31mred" },
	{ "caf\xc3\xa9", 64, "caf\xc3\xa9" },	/* UTF-8 is not control */
	{ "abcdef", 4, "abc" },
	{ "ab\ncd", 4, "ab?" },
	{ "abc", 1, "" },
	{ "", 8, "" },
	{ "-", 8, "-" },
};

START_TEST(mask_table)
{
	char buf[64];

	memset(buf, 'X', sizeof(buf));
	ck_assert_ptr_eq(cmd_mask(buf, mask_cases[_i].size, mask_cases[_i].s),
	    buf);
	ck_assert_str_eq(buf, mask_cases[_i].want);
	/* Nothing written past size. */
	if (mask_cases[_i].size < sizeof(buf))
		ck_assert_int_eq(buf[mask_cases[_i].size], 'X');
}
END_TEST

START_TEST(mask_size_zero)
{
	char buf[4] = "XYZ";

	ck_assert_ptr_eq(cmd_mask(buf, 0, "abc"), buf);
	ck_assert_str_eq(buf, "XYZ");
}
END_TEST

START_TEST(name_masks)
{
	const char *a, *b, *c, *d;
	char in[] = "bad\nname\x7f.rr";

	ck_assert_str_eq(cmd_name("-"), "(stdin)");
	ck_assert_str_eq(cmd_name("./-"), "./-");
	ck_assert_str_eq(cmd_name("--"), "--");
	ck_assert_str_eq(cmd_name(in), "bad?name?.rr");
	/* The caller's string is left alone. */
	ck_assert_str_eq(in, "bad\nname\x7f.rr");
	/* Four names stay valid at once, as in one message. */
	a = cmd_name("one\t");
	b = cmd_name("two");
	c = cmd_name("three\r");
	d = cmd_name("four");
	ck_assert_str_eq(a, "one?");
	ck_assert_str_eq(b, "two");
	ck_assert_str_eq(c, "three?");
	ck_assert_str_eq(d, "four");
}
END_TEST

START_TEST(name_long)
{
	char *big;

	big = malloc(PATH_MAX + 100);
	ck_assert_ptr_nonnull(big);
	memset(big, 'a', PATH_MAX + 99);
	big[PATH_MAX + 99] = '\0';
	big[10] = '\n';
	ck_assert_uint_lt(strlen(cmd_name(big)), PATH_MAX);
	ck_assert_int_eq(cmd_name(big)[10], '?');
	free(big);
}
END_TEST

/* ---- cmd_status, messages, cmd_exit ---- */

START_TEST(status_never_goes_down)
{
	int base;

	base = cmd_status(CMD_EXIT_OK);
	ck_assert_int_ge(base, CMD_EXIT_OK);
	ck_assert_int_eq(cmd_status(CMD_EXIT_OK), base);
	ck_assert_int_eq(cmd_status(CMD_EXIT_DATA),
	    base > CMD_EXIT_DATA ? base : CMD_EXIT_DATA);
	ck_assert_int_eq(cmd_status(CMD_EXIT_OK),
	    base > CMD_EXIT_DATA ? base : CMD_EXIT_DATA);
	ck_assert_int_eq(cmd_status(CMD_EXIT_FAIL), CMD_EXIT_FAIL);
	ck_assert_int_eq(cmd_status(CMD_EXIT_DATA), CMD_EXIT_FAIL);
	ck_assert_int_eq(cmd_status(CMD_EXIT_OK), CMD_EXIT_FAIL);
	ck_assert_int_eq(cmd_status(CMD_EXIT_FAIL), CMD_EXIT_FAIL);
}
END_TEST

START_TEST(msg_format)
{
	const char *msg;

	cmd_prog = "rrtest";
	err_begin();
	cmd_msg("tr\nace.rr", 4096, 17, "checksum %s", "mismatch");
	cmd_msg("-", RR_NO_OFFSET, RR_NO_EVENT, "truncated");
	cmd_msg(NULL, RR_NO_OFFSET, 3, "x");
	cmd_msg(NULL, 0, RR_NO_EVENT, "y");
	cmd_syserr("f", ENOENT, "cannot %s", "open");
	msg = err_end();
	ck_assert_str_eq(msg,
	    "rrtest: tr?ace.rr: offset 4096: event 17: checksum mismatch\n"
	    "rrtest: (stdin): truncated\n"
	    "rrtest: event 3: x\n"
	    "rrtest: offset 0: y\n"
	    "rrtest: f: cannot open: No such file or directory\n");
}
END_TEST

/* Output buffered before a message reaches stdout before it. */
START_TEST(msg_flushes_output_first)
{
	char path[PATH_MAX], buf[64];
	int saved;

	path_in(path, sizeof(path), fresh_dir(), "stdout");
	saved = redirect(STDOUT_FILENO, path, 0);
	cmd_out.len = 0;
	cmd_puts("data before");
	err_begin();
	ck_assert_str_eq(read_text(path, buf, sizeof(buf)), "");
	cmd_msg(NULL, RR_NO_OFFSET, RR_NO_EVENT, "problem");
	ck_assert_str_eq(read_text(path, buf, sizeof(buf)), "data before");
	ck_assert_uint_eq(cmd_out.len, 0);
	err_end();
	unredirect(STDOUT_FILENO, saved);
}
END_TEST

/* cmd_exit closes stdout: only in a forked test. */
static int
nofork(void)
{
	const char *f = getenv("CK_FORK");

	return f != NULL && strcmp(f, "no") == 0;
}

START_TEST(exit_writes_output)
{
	char path[PATH_MAX], buf[64];

	if (nofork())
		return;

	path_in(path, sizeof(path), fresh_dir(), "stdout");
	redirect(STDOUT_FILENO, path, 0);
	cmd_out.len = 0;
	cmd_putu(42);
	cmd_putc('\n');
	ck_assert_int_eq(cmd_exit(), CMD_EXIT_OK);
	ck_assert_str_eq(read_text(path, buf, sizeof(buf)), "42\n");
}
END_TEST

/* A full disk: the status becomes 2 and a message names stdout. */
START_TEST(exit_write_error)
{
	const char *msg;
	int rc;

	if (nofork() || access("/dev/full", W_OK) != 0)
		return;
	redirect(STDOUT_FILENO, "/dev/full", 0);
	cmd_prog = "rrtest";
	cmd_out.len = 0;
	cmd_puts("lost\n");
	err_begin();
	rc = cmd_exit();
	msg = err_end();
	ck_assert_int_eq(rc, CMD_EXIT_FAIL);
	ck_assert_int_eq(cmd_status(CMD_EXIT_OK), CMD_EXIT_FAIL);
	ck_assert_msg(strstr(msg, "rrtest: stdout: write error") != NULL,
	    "message: %s", msg);
}
END_TEST

/* ---- Buffered output ---- */

static const struct {
	uint64_t	 v;
	const char	*want;
} putu_cases[] = {
	{ 0, "0" },
	{ 7, "7" },
	{ 10, "10" },
	{ 99, "99" },
	{ 100, "100" },
	{ 99999999, "99999999" },	/* the eight-digit split */
	{ 100000000, "100000000" },
	{ 1234567890123ull, "1234567890123" },
	{ 4294967295u, "4294967295" },
	{ 9999999999999999999ull, "9999999999999999999" },
	{ 10000000000000000000ull, "10000000000000000000" },
	{ UINT64_MAX, "18446744073709551615" },
};

START_TEST(putu_table)
{
	cmd_out.len = 0;
	cmd_putu(putu_cases[_i].v);
	ck_assert_str_eq(unit_out_take(), putu_cases[_i].want);
}
END_TEST

/* Around every power of ten: the digit count's one comparison. */
START_TEST(putu_powers)
{
	char want[32];
	uint64_t p = 1, v;
	int k, d;

	for (k = 0; k < 20; k++, p *= 10)
		for (d = -1; d <= 1; d++) {
			if (p == 1 && d < 0)
				continue;
			v = p + (uint64_t)(int64_t)d;
			cmd_out.len = 0;
			cmd_putu(v);
			snprintf(want, sizeof(want), "%" PRIu64, v);
			ck_assert_str_eq(unit_out_take(), want);
		}
}
END_TEST

/*
 * cmd_putu_near against snprintf over steps of every kind: the same
 * number, one more (with carries into a new digit), a change in the low
 * eight digits only, larger jumps, and going down.
 */
START_TEST(putu_near_steps)
{
	static const uint64_t seq[] = {
		0, 0, 1, 2, 9, 10, 11, 99, 100, 98, 99999999, 100000000,
		100000001, 112345678, 199999999, 200000000, 200000005,
		1796558314761720000ull, 1796558314773284000ull,
		1796558314999999999ull, 1796558315000000000ull,
		9999999999999999999ull, 10000000000000000000ull,
		UINT64_MAX - 1, UINT64_MAX, 5, 5, 6
	};
	struct cmd_numcache c;
	char want[32];
	uint64_t v = 0;
	size_t i;
	unsigned seed = 12345;

	memset(&c, 0, sizeof(c));
	for (i = 0; i < NELEM(seq); i++) {
		cmd_out.len = 0;
		cmd_putu_near(&c, seq[i]);
		snprintf(want, sizeof(want), "%" PRIu64, seq[i]);
		ck_assert_str_eq(unit_out_take(), want);
	}
	/* A random walk of small and large steps. */
	for (i = 0; i < 20000; i++) {
		seed = seed * 1103515245u + 12345u;
		switch (seed >> 29) {
		case 0: case 1: case 2: v++; break;
		case 3: break;
		case 4: v += seed >> 8; break;
		case 5: v -= v > 3 ? 3 : v; break;
		case 6: v = v * 10 + 9; break;
		default: v = (uint64_t)seed << 32 | seed; break;
		}
		cmd_out.len = 0;
		cmd_putu_near(&c, v);
		snprintf(want, sizeof(want), "%" PRIu64, v);
		ck_assert_str_eq(unit_out_take(), want);
	}
}
END_TEST

static const struct {
	int64_t		 v;
	const char	*want;
} puti_cases[] = {
	{ 0, "0" },
	{ -1, "-1" },
	{ 1, "1" },
	{ -10, "-10" },
	{ INT64_MAX, "9223372036854775807" },
	{ INT64_MIN + 1, "-9223372036854775807" },
	{ INT64_MIN, "-9223372036854775808" },
};

START_TEST(puti_table)
{
	cmd_out.len = 0;
	cmd_puti(puti_cases[_i].v);
	ck_assert_str_eq(unit_out_take(), puti_cases[_i].want);
}
END_TEST

static const struct {
	uint64_t	 v;
	int		 digits;
	const char	*want;
} putx_cases[] = {
	{ 0, 1, "0" },
	{ 0, 0, "0" },
	{ 0, -5, "0" },
	{ 0, 8, "00000000" },
	{ 0x1f, 8, "0000001f" },
	{ 0xabcdef, 2, "abcdef" },	/* grows to fit */
	{ 0xabcdef, 6, "abcdef" },
	{ 0xff, 2, "ff" },
	{ 0x100, 2, "100" },
	{ 1, 16, "0000000000000001" },
	{ 1, 20, "0000000000000001" },	/* at most 16 */
	{ UINT64_MAX, 1, "ffffffffffffffff" },
	{ UINT64_MAX, 16, "ffffffffffffffff" },
	{ 0x8000000000000000ull, 4, "8000000000000000" },
};

START_TEST(putx_table)
{
	cmd_out.len = 0;
	cmd_putx(putx_cases[_i].v, putx_cases[_i].digits);
	ck_assert_str_eq(unit_out_take(), putx_cases[_i].want);
}
END_TEST

static const struct {
	const char	*p;
	size_t		 n, max;
	const char	*want;
} putq_cases[] = {
	{ "", 0, 64, "\"\"" },
	{ "hello, world", 12, 64, "\"hello, world\"" },
	{ " ~", 2, 64, "\" ~\"" },
	{ "a\"b\\c", 5, 64, "\"a\\\"b\\\\c\"" },
	{ "\n\r\t", 3, 64, "\"\\n\\r\\t\"" },
	{ "\0\x01\x1f\x7f\x80\xff", 6, 64,
	    "\"\\x00\\x01\\x1f\\x7f\\x80\\xff\"" },
	{ "\x1b[0m", 4, 64, "\"\\x1b[0m\"" },
	{ "caf\xc3\xa9", 5, 64, "\"caf\\xc3\\xa9\"" },
	/* max counts input bytes, then "..." after the quote. */
	{ "abcdef", 6, 3, "\"abc\"..." },
	{ "abcdef", 6, 6, "\"abcdef\"" },
	{ "abcdef", 6, 7, "\"abcdef\"" },
	{ "ab", 2, 0, "\"\"..." },
	{ "\n\n\n\n", 4, 2, "\"\\n\\n\"..." },
	{ "\xff\"x", 3, 2, "\"\\xff\\\"\"..." },
};

START_TEST(putq_table)
{
	cmd_out.len = 0;
	cmd_putq((const uint8_t *)putq_cases[_i].p, putq_cases[_i].n,
	    putq_cases[_i].max);
	ck_assert_str_eq(unit_out_take(), putq_cases[_i].want);
}
END_TEST

/* Every byte value: \xHH for exactly the non-printable ones. */
START_TEST(putq_every_byte)
{
	char want[8];
	uint8_t b;
	int c;

	for (c = 0; c < 256; c++) {
		b = (uint8_t)c;
		cmd_out.len = 0;
		cmd_putq(&b, 1, 1);
		if (c == '"' || c == '\\')
			snprintf(want, sizeof(want), "\"\\%c\"", c);
		else if (c == '\n')
			snprintf(want, sizeof(want), "\"\\n\"");
		else if (c == '\r')
			snprintf(want, sizeof(want), "\"\\r\"");
		else if (c == '\t')
			snprintf(want, sizeof(want), "\"\\t\"");
		else if (c >= 0x20 && c < 0x7f)
			snprintf(want, sizeof(want), "\"%c\"", c);
		else
			snprintf(want, sizeof(want), "\"\\x%02x\"", c);
		ck_assert_str_eq(unit_out_take(), want);
	}
}
END_TEST

/* Mixed calls append; the name is masked; cmd_printf formats. */
START_TEST(put_appends)
{
	cmd_out.len = 0;
	cmd_puts("n=");
	cmd_putu(3);
	cmd_putc(' ');
	cmd_puti(-4);
	cmd_put(" x", 2);
	cmd_putx(0xa, 2);
	cmd_putc(' ');
	cmd_putname("a\tb");
	cmd_printf(" %s/%d", "p", 9);
	ck_assert_str_eq(unit_out_take(), "n=3 -4 x0a a?b p/9");
}
END_TEST

/* More than the buffer holds reaches stdout whole and in order. */
START_TEST(put_overflows_to_stdout)
{
	char path[PATH_MAX];
	uint8_t *got;
	size_t i, n, total = 3 * CMD_OUT_SIZE + 123;
	char *data;
	int saved;

	data = malloc(total);
	ck_assert_ptr_nonnull(data);
	for (i = 0; i < total; i++)
		data[i] = (char)('a' + i % 26);
	path_in(path, sizeof(path), fresh_dir(), "stdout");
	saved = redirect(STDOUT_FILENO, path, 0);
	cmd_out.len = 0;
	cmd_put(data, 1000);
	cmd_put(data + 1000, total - 1000 - 7);
	for (i = total - 7; i < total; i++)
		cmd_putc(data[i]);
	ck_assert_uint_le(cmd_out.len, CMD_OUT_SIZE);
	ck_assert_int_eq(cmd_flush(), 0);
	ck_assert_uint_eq(cmd_out.len, 0);
	unredirect(STDOUT_FILENO, saved);
	got = unit_slurp(path, &n);
	ck_assert_ptr_nonnull(got);
	ck_assert_uint_eq(n, total);
	ck_assert_int_eq(memcmp(got, data, total), 0);
	free(got);
	free(data);
}
END_TEST

/* ---- rr_output_open, _check, _commit, _abort (lib/output.c) ---- */

static int
out_write(struct rr_output *o, const char *text)
{
	size_t n = strlen(text);

	return write(o->fd, text, n) == (ssize_t)n ? 0 : -1;
}

/* A refusal: RR_FATAL, o cleared, no temporary file, the reason in err. */
static void
assert_refused(const char *dir, const char *path, const struct rr_fileid *in,
    size_t nin, const char *why)
{
	struct rr_output o;
	struct rr_error err;

	ck_assert_msg(rr_output_open(&o, path, 0, in, nin, &err) == RR_FATAL,
	    "%s accepted", path);
	ck_assert_msg(strstr(err.msg, why) != NULL, "%s: %s", path, err.msg);
	ck_assert_int_eq(o.fd, -1);
	ck_assert_ptr_null(o.tmp);
	ck_assert_ptr_null(o.path);
	ck_assert_int_eq(count_tmp(dir), 0);
	ck_assert_int_eq(rr_output_check(path, in, nin, &err), RR_FATAL);
	ck_assert_msg(strstr(err.msg, why) != NULL, "%s: %s", path, err.msg);
}

/* Every name of one file is that file: identity, not spelling. */
START_TEST(output_refuses_input)
{
	char a[PATH_MAX], b[PATH_MAX], hard[PATH_MAX], sym[PATH_MAX];
	char dotted[PATH_MAX], none[PATH_MAX], cwd[PATH_MAX], buf[64];
	const char *dir = fresh_dir();
	struct rr_fileid in[2];
	struct rr_output o;
	struct rr_error err;
	int saved;

	path_in(a, sizeof(a), dir, "a.rr");
	path_in(b, sizeof(b), dir, "b.rr");
	path_in(hard, sizeof(hard), dir, "hard.rr");
	path_in(sym, sizeof(sym), dir, "sym.rr");
	path_in(dotted, sizeof(dotted), dir, "./a.rr");
	path_in(none, sizeof(none), dir, "none.rr");
	write_text(a, "A");
	write_text(b, "B");
	ck_assert_int_eq(link(a, hard), 0);
	ck_assert_int_eq(symlink("a.rr", sym), 0);
	ck_assert_int_eq(rr_fileid_path(b, &in[0]), 0);
	ck_assert_int_eq(rr_fileid_path(a, &in[1]), 0);
	assert_refused(dir, a, in, 2, "is an input");
	assert_refused(dir, dotted, in, 2, "is an input");
	assert_refused(dir, hard, in, 2, "is an input");
	assert_refused(dir, sym, in, 2, "is an input");
	/* A relative name from inside the folder. */
	ck_assert_ptr_nonnull(getcwd(cwd, sizeof(cwd)));
	ck_assert_int_eq(chdir(dir), 0);
	assert_refused(".", "a.rr", in, 2, "is an input");
	assert_refused(".", "./sym.rr", in, 2, "is an input");
	ck_assert_int_eq(chdir(cwd), 0);
	ck_assert_str_eq(read_text(a, buf, sizeof(buf)), "A");
	/* Only the inputs given count. */
	ck_assert_int_eq(rr_output_open(&o, a, 0, in, 1, &err), RR_OK);
	rr_output_abort(&o);
	ck_assert_int_eq(rr_output_open(&o, none, 0, in, 2, &err), RR_OK);
	rr_output_abort(&o);
	ck_assert_int_eq(count_tmp(dir), 0);
	/* Standard input, when it is the file. */
	saved = redirect(STDIN_FILENO, a, 1);
	ck_assert_int_eq(rr_fileid_path("-", &in[0]), 0);
	unredirect(STDIN_FILENO, saved);
	assert_refused(dir, hard, in, 1, "is an input");
	ck_assert_str_eq(read_text(a, buf, sizeof(buf)), "A");
	/* "-" as the output is stdout, whatever the inputs. */
	ck_assert_int_eq(rr_output_open(&o, "-", 0, in, 1, &err), RR_OK);
	ck_assert_int_eq(o.fd, STDOUT_FILENO);
	ck_assert_int_eq(rr_output_commit(&o, &err), RR_OK);
	ck_assert_int_ne(fcntl(STDOUT_FILENO, F_GETFD), -1);
	ck_assert_str_eq(rr_output_name("-"), "stdout");
	ck_assert_str_eq(rr_output_name(a), a);
}
END_TEST

START_TEST(output_commit_new)
{
	char target[PATH_MAX], buf[64];
	const char *dir = fresh_dir();
	struct rr_output o;
	struct rr_error err;

	path_in(target, sizeof(target), dir, "out.rr");
	ck_assert_int_eq(rr_output_open(&o, target, 0, NULL, 0, &err), RR_OK);
	ck_assert_int_ge(o.fd, 0);
	ck_assert_int_eq(o.direct, 0);
	ck_assert_int_eq(out_write(&o, "hello\n"), 0);
	/* Nothing under the target's name until commit. */
	ck_assert_int_eq(access(target, F_OK), -1);
	ck_assert_int_eq(count_tmp(dir), 1);
	ck_assert_int_eq(rr_output_commit(&o, &err), RR_OK);
	ck_assert_str_eq(read_text(target, buf, sizeof(buf)), "hello\n");
	ck_assert_int_eq(count_tmp(dir), 0);
	/* Abort after commit is harmless. */
	rr_output_abort(&o);
	ck_assert_str_eq(read_text(target, buf, sizeof(buf)), "hello\n");
}
END_TEST

START_TEST(output_replaces_and_aborts)
{
	char target[PATH_MAX], other[PATH_MAX], buf[64];
	const char *dir = fresh_dir();
	struct rr_output o;
	struct rr_error err;

	path_in(target, sizeof(target), dir, "out.rr");
	write_text(target, "old contents\n");
	ck_assert_int_eq(rr_output_open(&o, target, 0, NULL, 0, &err), RR_OK);
	ck_assert_int_eq(out_write(&o, "new\n"), 0);
	ck_assert_str_eq(read_text(target, buf, sizeof(buf)),
	    "old contents\n");
	ck_assert_int_eq(rr_output_commit(&o, &err), RR_OK);
	ck_assert_str_eq(read_text(target, buf, sizeof(buf)), "new\n");
	/* Abort: an old target is left as it was, a new one never made. */
	ck_assert_int_eq(rr_output_open(&o, target, 0, NULL, 0, &err), RR_OK);
	ck_assert_int_eq(out_write(&o, "junk"), 0);
	rr_output_abort(&o);
	rr_output_abort(&o);
	ck_assert_str_eq(read_text(target, buf, sizeof(buf)), "new\n");
	path_in(other, sizeof(other), dir, "new.rr");
	ck_assert_int_eq(rr_output_open(&o, other, 0, NULL, 0, &err), RR_OK);
	rr_output_abort(&o);
	ck_assert_int_eq(access(other, F_OK), -1);
	ck_assert_int_eq(count_tmp(dir), 0);
}
END_TEST

/* The signal handlers' cleanup removes every live temporary file. */
START_TEST(output_cleanup)
{
	char t1[PATH_MAX], t2[PATH_MAX];
	const char *dir = fresh_dir();
	struct rr_output o1, o2;
	struct rr_error err;

	path_in(t1, sizeof(t1), dir, "one.rr");
	path_in(t2, sizeof(t2), dir, "two.rr");
	write_text(t2, "old\n");
	ck_assert_int_eq(rr_output_open(&o1, t1, 0, NULL, 0, &err), RR_OK);
	ck_assert_int_eq(rr_output_open(&o2, t2, 0, NULL, 0, &err), RR_OK);
	ck_assert_int_eq(count_tmp(dir), 2);
	rr_output_cleanup();
	ck_assert_int_eq(count_tmp(dir), 0);
	ck_assert_int_eq(access(t1, F_OK), -1);
	ck_assert_int_eq(access(t2, F_OK), 0);
	rr_output_abort(&o1);
	rr_output_abort(&o2);
	/* A committed output is no longer the cleanup's. */
	ck_assert_int_eq(rr_output_open(&o1, t1, 0, NULL, 0, &err), RR_OK);
	ck_assert_int_eq(rr_output_commit(&o1, &err), RR_OK);
	rr_output_cleanup();
	ck_assert_int_eq(access(t1, F_OK), 0);
}
END_TEST

/* A FIFO is written as it is: no temporary file, no rename over it. */
START_TEST(output_fifo_and_device)
{
	char fifo[PATH_MAX], buf[8];
	const char *dir = fresh_dir();
	struct rr_output o;
	struct rr_error err;
	struct stat st;
	int rd;

	path_in(fifo, sizeof(fifo), dir, "pipe");
	ck_assert_int_eq(mkfifo(fifo, 0600), 0);
	rd = open(fifo, O_RDONLY | O_NONBLOCK);
	ck_assert_int_ge(rd, 0);
	ck_assert_int_eq(rr_output_open(&o, fifo, 0, NULL, 0, &err), RR_OK);
	ck_assert_int_eq(o.direct, 1);
	ck_assert_ptr_null(o.tmp);
	ck_assert_int_eq(count_tmp(dir), 0);
	ck_assert_int_eq(out_write(&o, "abc"), 0);
	ck_assert_int_eq(rr_output_commit(&o, &err), RR_OK);
	ck_assert_int_eq(read(rd, buf, sizeof(buf)), 3);
	close(rd);
	ck_assert_int_eq(stat(fifo, &st), 0);
	ck_assert(S_ISFIFO(st.st_mode));
	/* /dev/null is a character device: written, never replaced. */
	ck_assert_int_eq(rr_output_open(&o, "/dev/null", 0, NULL, 0, &err),
	    RR_OK);
	ck_assert_int_eq(o.direct, 1);
	ck_assert_ptr_null(o.tmp);
	ck_assert_int_eq(out_write(&o, "x"), 0);
	ck_assert_int_eq(rr_output_commit(&o, &err), RR_OK);
	ck_assert_int_eq(stat("/dev/null", &st), 0);
	ck_assert(S_ISCHR(st.st_mode));
}
END_TEST

/* A Unix socket is connected to and written, never replaced. */
START_TEST(output_socket)
{
	char path[PATH_MAX], buf[8];
	const char *dir = fresh_dir();
	struct sockaddr_un sa;
	struct rr_output o;
	struct rr_error err;
	struct stat st;
	int ls, c;

	path_in(path, sizeof(path), dir, "sock");
	memset(&sa, 0, sizeof(sa));
	sa.sun_family = AF_UNIX;
	ck_assert_uint_lt(strlen(path), sizeof(sa.sun_path));
	memcpy(sa.sun_path, path, strlen(path));
	ls = socket(AF_UNIX, SOCK_STREAM, 0);
	ck_assert_int_ge(ls, 0);
	ck_assert_int_eq(bind(ls, (struct sockaddr *)&sa, sizeof(sa)), 0);
	ck_assert_int_eq(listen(ls, 1), 0);
	ck_assert_int_eq(rr_output_open(&o, path, 0, NULL, 0, &err), RR_OK);
	ck_assert_int_eq(o.direct, 1);
	ck_assert_ptr_null(o.tmp);
	ck_assert_int_eq(out_write(&o, "abc"), 0);
	ck_assert_int_eq(rr_output_commit(&o, &err), RR_OK);
	c = accept(ls, NULL, NULL);
	ck_assert_int_ge(c, 0);
	ck_assert_int_eq(read(c, buf, sizeof(buf)), 3);
	ck_assert_int_eq(memcmp(buf, "abc", 3), 0);
	close(c);
	ck_assert_int_eq(stat(path, &st), 0);
	ck_assert(S_ISSOCK(st.st_mode));
	ck_assert_int_eq(count_tmp(dir), 0);
	/* Nobody listening: refused, with the system's reason. */
	close(ls);
	ck_assert_int_eq(rr_output_open(&o, path, 0, NULL, 0, &err),
	    RR_FATAL);
	ck_assert_int_eq(err.kind, RR_E_IO);
	ck_assert_int_eq(err.sys_errno, ECONNREFUSED);
	ck_assert_ptr_null(o.path);
	ck_assert_int_eq(o.fd, -1);
}
END_TEST

/* Refused before anything is written: a folder, a folder not there. */
START_TEST(output_refuses_places)
{
	char sub[PATH_MAX], target[PATH_MAX], notdir[PATH_MAX];
	const char *dir = fresh_dir();

	path_in(sub, sizeof(sub), dir, "sub");
	ck_assert_int_eq(mkdir(sub, 0700), 0);
	assert_refused(dir, sub, NULL, 0, "is a folder");
	path_in(target, sizeof(target), dir, "missing/out.rr");
	assert_refused(dir, target, NULL, 0, strerror(ENOENT));
	path_in(notdir, sizeof(notdir), dir, "file");
	write_text(notdir, "x");
	path_in(target, sizeof(target), dir, "file/out.rr");
	assert_refused(dir, target, NULL, 0, strerror(ENOTDIR));
}
END_TEST

/* In place (a recording's journal): the target itself, no rename. */
START_TEST(output_inplace)
{
	char target[PATH_MAX], buf[64];
	const char *dir = fresh_dir();
	struct rr_output o;
	struct rr_error err;

	path_in(target, sizeof(target), dir, "rec.rr");
	write_text(target, "older and longer\n");
	ck_assert_int_eq(rr_output_open(&o, target, RR_OUT_INPLACE, NULL, 0,
	    &err), RR_OK);
	ck_assert_ptr_null(o.tmp);
	ck_assert_int_eq(count_tmp(dir), 0);
	ck_assert_int_eq(out_write(&o, "j\n"), 0);
	/* Written as it goes: what a killed recorder leaves. */
	ck_assert_str_eq(read_text(target, buf, sizeof(buf)), "j\n");
	rr_output_abort(&o);
	ck_assert_str_eq(read_text(target, buf, sizeof(buf)), "j\n");
}
END_TEST

/* A bare name: the temporary file goes in the current directory. */
START_TEST(output_relative)
{
	char cwd[PATH_MAX], buf[64];
	const char *dir = fresh_dir();
	struct rr_output o;
	struct rr_error err;

	ck_assert_ptr_nonnull(getcwd(cwd, sizeof(cwd)));
	ck_assert_int_eq(chdir(dir), 0);
	ck_assert_int_eq(rr_output_open(&o, "rel.rr", 0, NULL, 0, &err),
	    RR_OK);
	ck_assert_int_eq(count_tmp("."), 1);
	ck_assert_int_eq(out_write(&o, "rel\n"), 0);
	ck_assert_int_eq(rr_output_commit(&o, &err), RR_OK);
	ck_assert_int_eq(count_tmp("."), 0);
	ck_assert_str_eq(read_text("rel.rr", buf, sizeof(buf)), "rel\n");
	ck_assert_int_eq(chdir(cwd), 0);
}
END_TEST

Suite *
suite_common(void)
{
	Suite *s = suite_create("common");
	TCase *tc;

	tc = tcase_create("number");
	tcase_add_loop_test(tc, number_good_values, 0, NELEM(number_good));
	tcase_add_loop_test(tc, number_bad_values, 0, NELEM(number_bad));
	tcase_add_test(tc, number_double_hex_prefix);
	suite_add_tcase(s, tc);

	tc = tcase_create("range");
	tcase_add_loop_test(tc, range_parse_good, 0, NELEM(range_good));
	tcase_add_loop_test(tc, range_parse_bad, 0, NELEM(range_bad));
	tcase_add_loop_test(tc, range_parse_inverted, 0,
	    NELEM(range_inverted));
	tcase_add_test(tc, range_parse_inverted_from_end_max);
	tcase_add_test(tc, range_unset);
	tcase_add_loop_test(tc, range_resolve_table, 0,
	    NELEM(resolve_cases));
	tcase_add_test(tc, range_resolve_last_is_uint64_max);
	suite_add_tcase(s, tc);

	tc = tcase_create("kinds");
	tcase_add_loop_test(tc, kinds_parse_good, 0, NELEM(kinds_good));
	tcase_add_loop_test(tc, kinds_parse_bad, 0, NELEM(kinds_bad));
	tcase_add_test(tc, kinds_all);
	suite_add_tcase(s, tc);

	tc = tcase_create("names");
	tcase_add_loop_test(tc, mask_table, 0, NELEM(mask_cases));
	tcase_add_test(tc, mask_size_zero);
	tcase_add_test(tc, name_masks);
	tcase_add_test(tc, name_long);
	suite_add_tcase(s, tc);

	tc = tcase_create("status");
	tcase_add_test(tc, status_never_goes_down);
	tcase_add_test(tc, msg_format);
	tcase_add_test(tc, msg_flushes_output_first);
	tcase_add_test(tc, exit_writes_output);
	tcase_add_test(tc, exit_write_error);
	suite_add_tcase(s, tc);

	tc = tcase_create("output");
	tcase_add_loop_test(tc, putu_table, 0, NELEM(putu_cases));
	tcase_add_test(tc, putu_powers);
	tcase_add_test(tc, size_values);
	tcase_add_test(tc, putu_near_steps);
	tcase_add_loop_test(tc, puti_table, 0, NELEM(puti_cases));
	tcase_add_loop_test(tc, putx_table, 0, NELEM(putx_cases));
	tcase_add_loop_test(tc, putq_table, 0, NELEM(putq_cases));
	tcase_add_test(tc, putq_every_byte);
	tcase_add_test(tc, put_appends);
	tcase_add_test(tc, put_overflows_to_stdout);
	suite_add_tcase(s, tc);

	tc = tcase_create("files");
	tcase_add_test(tc, output_refuses_input);
	tcase_add_test(tc, output_commit_new);
	tcase_add_test(tc, output_replaces_and_aborts);
	tcase_add_test(tc, output_cleanup);
	tcase_add_test(tc, output_fifo_and_device);
	tcase_add_test(tc, output_socket);
	tcase_add_test(tc, output_refuses_places);
	tcase_add_test(tc, output_inplace);
	tcase_add_test(tc, output_relative);
	suite_add_tcase(s, tc);
	return s;
}
