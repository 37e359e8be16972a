/* Unit tests: rr_probe, a probed pipe opened, rr_output_*. */
#include <sys/stat.h>

#include <check.h>
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../../lib/rr.h"
#include "../../lib/rrsnap.h"
#include "unit.h"

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

static const struct {
	const char	*bytes;
	size_t		 len;
	int		 want;
} probes[] = {
	{ "", 0, RR_PROBE_MORE },
	{ "\x89RR", 3, RR_PROBE_MORE },
	{ "\x89RRL", 4, RR_PROBE_LOG },
	{ "\x89RRS", 4, RR_PROBE_SNAP },
	{ "\x89RRS\r\n", 6, RR_PROBE_SNAP },	/* cut inside its magic */
	{ "\x89RRL\r\n\x1a\n", 8, RR_PROBE_LOG },
	{ "\x89RRS\r\n\x1a\n", 8, RR_PROBE_SNAP },
	{ "\x89RRS\r\n\x1a\nmore", 12, RR_PROBE_SNAP },
	{ "\x89RRL\n\x1a\n\0", 8, RR_PROBE_UNKNOWN },	/* CR lost */
	{ "\x89RRX\r\n\x1a\n", 8, RR_PROBE_UNKNOWN },	/* the log's trailer */
	{ "hello", 5, RR_PROBE_UNKNOWN },
	{ "h", 1, RR_PROBE_UNKNOWN },
	{ "\0\xe0\x20\x0c", 4, RR_PROBE_QEMU },	/* QEMU 7.2 */
	{ "\0\xe0\x20\x0d\0\0\0\0", 8, RR_PROBE_QEMU },
	{ "\0\xe0\x20", 3, RR_PROBE_MORE },
	{ "\0\xe0\x21\x0c", 4, RR_PROBE_UNKNOWN },
	{ "\0\0\0\0\0\0\0\0", 8, RR_PROBE_QEMU },	/* QEMU killed */
	{ "\0\0\0\0", 4, RR_PROBE_MORE },
	{ "\0\0\0\0\0\0\0\1", 8, RR_PROBE_UNKNOWN },
};

START_TEST(probe_table)
{
	ck_assert_int_eq(rr_probe(probes[_i].bytes, probes[_i].len),
	    probes[_i].want);
}
END_TEST

/* A small closed log in memory. */
static uint8_t *
small_log(size_t *len)
{
	char path[4096];
	struct rr_writer *w;
	struct rr_header h;
	struct rr_error err;
	uint8_t *img;

	snprintf(path, sizeof(path), "%s/small.rr", unit_tmpdir());
	rr_header_init(&h);
	ck_assert_int_eq(rr_writer_open(&w, path, &h, NULL, &err), RR_OK);
	ck_assert_int_eq(rr_writer_clock(w, 10, 1000), RR_OK);
	ck_assert_int_eq(rr_writer_mark(w, 20, "here"), RR_OK);
	ck_assert_int_eq(rr_writer_close(w, 30, 0, RR_END_EXIT, "", &err),
	    RR_OK);
	img = unit_slurp(path, len);
	ck_assert_ptr_nonnull(img);
	return img;
}

/* A pipe holding all of p[0..n) after its first skip bytes, closed. */
static int
pipe_with(const uint8_t *p, size_t n, size_t skip)
{
	int fds[2];

	ck_assert_int_eq(pipe(fds), 0);
	ck_assert_uint_lt(n, 4096);	/* fits the pipe's buffer */
	ck_assert_int_eq(write(fds[1], p + skip, n - skip),
	    (ssize_t)(n - skip));
	close(fds[1]);
	return fds[0];
}

/* The bytes read to probe a pipe reach the reader first. */
START_TEST(reader_prefix_pipe)
{
	struct rr_reader *r;
	struct rr_error err;
	struct rr_event ev;
	uint8_t *img;
	size_t len, skip;
	int fd, n, rc;

	img = small_log(&len);
	for (skip = 0; skip <= RR_PROBE_LEN; skip += 4) {
		fd = pipe_with(img, len, skip);
		ck_assert_int_eq(rr_probe(img, skip), skip < 4 ?
		    RR_PROBE_MORE : RR_PROBE_LOG);
		ck_assert_int_eq(rr_reader_open_prefix(&r, fd, img, skip,
		    "-", &err), RR_OK);
		n = 0;
		while ((rc = rr_reader_next(r, &ev)) == RR_OK)
			n++;
		ck_assert_int_eq(rc, RR_EOF);
		ck_assert_int_eq(n, 3);
		rr_reader_close(r);
		close(fd);
	}
	free(img);
}
END_TEST

START_TEST(snap_read_fd_prefix)
{
	struct rr_snap *s, *d;
	struct rr_error err;
	uint8_t *img;
	size_t len;
	int fd;

	ck_assert_int_eq(rr_snap_new(&s, NULL), RR_OK);
	ck_assert_int_eq(rr_snap_begin(s, "cpu"), RR_OK);
	ck_assert_int_eq(rr_snap_put_u64(s, "pc", 0x80000000u), RR_OK);
	ck_assert_int_eq(rr_snap_encode(s, &img, &len), RR_OK);
	ck_assert_int_eq(rr_probe(img, len), RR_PROBE_SNAP);
	fd = pipe_with(img, len, RR_PROBE_LEN);
	ck_assert_int_eq(rr_snap_read_fd(&d, fd, img, RR_PROBE_LEN, &err),
	    RR_OK);
	ck_assert_int_eq(rr_snap_find(d, "cpu"), 0);
	rr_snap_free(d);
	close(fd);
	/* Without its first bytes, it is not a snapshot. */
	fd = pipe_with(img, len, RR_PROBE_LEN);
	ck_assert_int_eq(rr_snap_read_fd(&d, fd, NULL, 0, &err), RR_FATAL);
	ck_assert_ptr_null(d);
	close(fd);
	free(img);
	rr_snap_free(s);
}
END_TEST

/* Temporary files rr_output_open left in dir. */
static int
count_tmp(const char *dir)
{
	struct dirent *de;
	DIR *d;
	int n = 0;

	ck_assert_ptr_nonnull(d = opendir(dir));
	while ((de = readdir(d)) != NULL)
		if (strncmp(de->d_name, ".rr-tmp.", 8) == 0)
			n++;
	closedir(d);
	return n;
}

START_TEST(output_mode_and_errno)
{
	char path[4096];
	const char *dir = unit_tmpdir();
	struct rr_output o;
	struct rr_error err;
	struct stat st;

	snprintf(path, sizeof(path), "%s/out", dir);
	ck_assert_int_eq(rr_output_open(&o, path, 0, NULL, 0, &err), RR_OK);
	ck_assert_int_eq(count_tmp(dir), 1);
	ck_assert_int_eq(write(o.fd, "new\n", 4), 4);
	ck_assert_int_eq(rr_output_commit(&o, &err), RR_OK);
	ck_assert_int_eq(count_tmp(dir), 0);
	/* The mode a new file gets, not mkstemp's 0600. */
	ck_assert_int_eq(stat(path, &st), 0);
	ck_assert_int_ne(st.st_mode & 0044, 0);
	/* No directory: an I/O error with errno, no handle. */
	snprintf(path, sizeof(path), "%s/no/such", dir);
	ck_assert_int_eq(rr_output_open(&o, path, 0, NULL, 0, &err),
	    RR_FATAL);
	ck_assert_ptr_null(o.tmp);
	ck_assert_int_eq(err.kind, RR_E_IO);
	ck_assert_int_eq(err.sys_errno, ENOENT);
}
END_TEST

Suite *
suite_probe(void)
{
	Suite *s = suite_create("probe");
	TCase *tc;

	tc = tcase_create("probe");
	tcase_add_loop_test(tc, probe_table, 0, NELEM(probes));
	tcase_add_test(tc, reader_prefix_pipe);
	tcase_add_test(tc, snap_read_fd_prefix);
	suite_add_tcase(s, tc);
	tc = tcase_create("output");
	tcase_add_test(tc, output_mode_and_errno);
	suite_add_tcase(s, tc);
	return s;
}
