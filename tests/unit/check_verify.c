/* lib/verify.c: rrverify's checks of a log (rr_verify_*). */
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "unit.h"
#include "../../lib/rr.h"
#include "../../lib/rrcheck.h"

static char path[512];

/* A closed log of n events over several 256-byte blocks, in path. */
static void
write_log(size_t n, int close_it)
{
	struct rr_writer *w;
	struct rr_header h;
	struct rr_error err;
	struct rr_writer_options o = { 256, 0, 1, 0, 0, NULL, 0 };
	struct rr_part parts[2] = { { 1, 0x11 }, { 256, 0x22 } };
	size_t i;

	snprintf(path, sizeof(path), "%s/v.rr", unit_tmpdir());
	rr_header_init(&h);
	ck_assert_int_eq(rr_writer_open(&w, path, &h, &o, &err), RR_OK);
	for (i = 0; i < n; i++) {
		uint64_t ic = i * 10;

		switch (i % 5) {
		case 0:
			ck_assert_int_eq(rr_writer_clock(w, ic, 1700000000000 +
			    i * 37), RR_OK);
			break;
		case 1:
			ck_assert_int_eq(rr_writer_entropy(w, ic,
			    (uint32_t)i), RR_OK);
			break;
		case 2:
			ck_assert_int_eq(rr_writer_output(w, ic, RR_DEV_UART,
			    "line\n", 5), RR_OK);
			break;
		case 3:
			ck_assert_int_eq(rr_writer_checkpoint(w, ic, i, parts,
			    2), RR_OK);
			break;
		default:
			ck_assert_int_eq(rr_writer_bh(w, ic, RR_DEV_UART,
			    RR_BH_UART_RX, "input", 5), RR_OK);
			break;
		}
	}
	if (close_it)
		ck_assert_int_eq(rr_writer_close(w, n * 10, 0, RR_END_EXIT,
		    NULL, &err), RR_OK);
	else {
		ck_assert_int_eq(rr_writer_flush(w), RR_OK);
		rr_writer_abort(w);
	}
}

struct count {
	uint64_t	 n;
	uint64_t	 first_offset;
	int		 first_kind;
};

static void
on_problem(void *arg, const struct rr_problem *p)
{
	struct count *c = arg;

	if (c->n++ == 0) {
		c->first_offset = p->offset;
		c->first_kind = p->kind;
	}
	ck_assert_ptr_nonnull(p->check);
	ck_assert(p->msg[0] != '\0');
}

static int
verify(const char *file, struct rr_verify_report *rep, struct count *c)
{
	struct rr_verify *v;
	int rc;

	memset(c, 0, sizeof(*c));
	c->first_offset = RR_NO_OFFSET;
	ck_assert_ptr_nonnull(v = rr_verify_new());
	rr_verify_set_problem(v, on_problem, c);
	rc = rr_verify_log(v, file, rep);
	rr_verify_free(v);
	return rc;
}

static void
write_bytes(const char *file, const uint8_t *p, size_t n)
{
	int fd = open(file, O_WRONLY | O_CREAT | O_TRUNC, 0644);

	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(write(fd, p, n), (ssize_t)n);
	close(fd);
}

START_TEST(valid_log)
{
	struct rr_verify_report rep;
	struct count c;

	write_log(300, 1);
	ck_assert_int_eq(verify(path, &rep, &c), RR_OK);
	ck_assert_int_eq(rep.verdict, RR_VERDICT_VALID);
	ck_assert_uint_eq(c.n, 0);
	ck_assert_uint_eq(rep.problems, 0);
	ck_assert_uint_eq(rep.events, 301);	/* END included */
	ck_assert_uint_eq(rep.checkpoints, 60);
	ck_assert(rep.closed && rep.indexed && rep.ended);
	ck_assert_uint_gt(rep.blocks, 3);
}
END_TEST

/* A killed recorder: truncated, and every event is still good. */
START_TEST(not_closed)
{
	struct rr_verify_report rep;
	struct count c;

	write_log(300, 0);
	ck_assert_int_eq(verify(path, &rep, &c), RR_OK);
	ck_assert_int_eq(rep.verdict, RR_VERDICT_TRUNCATED);
	ck_assert_uint_eq(rep.good_events, 300);
	ck_assert_uint_eq(c.n, 1);
	ck_assert_int_eq(c.first_kind, RR_E_TRUNCATED);
}
END_TEST

/*
 * Cut at every byte: never valid, the first problem no further than the
 * cut, and what is called good lies before it.
 */
START_TEST(truncate_every_offset)
{
	struct rr_verify_report rep;
	struct count c;
	char cutpath[600];
	uint8_t *img;
	size_t len, cut;

	write_log(120, 1);
	img = unit_slurp(path, &len);
	ck_assert_ptr_nonnull(img);
	snprintf(cutpath, sizeof(cutpath), "%s/cut.rr", unit_tmpdir());
	for (cut = 0; cut < len; cut++) {
		write_bytes(cutpath, img, cut);
		ck_assert_int_eq(verify(cutpath, &rep, &c), RR_OK);
		ck_assert_int_ne(rep.verdict, RR_VERDICT_VALID);
		ck_assert_uint_ge(c.n, 1);
		ck_assert_uint_le(c.first_offset, cut);
		ck_assert_uint_le(rep.good_bytes, cut);
		ck_assert_uint_le(rep.good_events, 121);
	}
	free(img);
}
END_TEST

/*
 * Every single byte changed: every one is caught (the checksums and the
 * footer cover every byte of a closed log), with a problem at an offset
 * inside the file (or at its end: a header size that grew past it),
 * and the verdict is never valid.
 */
START_TEST(flip_every_byte)
{
	struct rr_verify_report rep;
	struct count c;
	char bad[600];
	uint8_t *img;
	size_t len, i;

	write_log(120, 1);
	img = unit_slurp(path, &len);
	ck_assert_ptr_nonnull(img);
	snprintf(bad, sizeof(bad), "%s/flip.rr", unit_tmpdir());
	for (i = 0; i < len; i++) {
		img[i] ^= 0x20;
		write_bytes(bad, img, len);
		img[i] ^= 0x20;
		ck_assert_int_eq(verify(bad, &rep, &c), RR_OK);
		if (rep.verdict == RR_VERDICT_VALID)
			ck_abort_msg("byte %zu changed, called valid", i);
		ck_assert_uint_le(c.first_offset, len);
	}
	free(img);
}
END_TEST

/* Problems are counted in the report as they reach the callback. */
START_TEST(problems_counted)
{
	struct rr_verify_report rep;
	struct count c;
	char bad[600];
	uint8_t *img;
	size_t len;

	write_log(200, 1);
	img = unit_slurp(path, &len);
	/* Two payloads damaged: two problems at least, events after both. */
	img[len / 4] ^= 1;
	img[len / 2] ^= 1;
	snprintf(bad, sizeof(bad), "%s/two.rr", unit_tmpdir());
	write_bytes(bad, img, len);
	ck_assert_int_eq(verify(bad, &rep, &c), RR_OK);
	ck_assert_int_eq(rep.verdict, RR_VERDICT_CORRUPT);
	ck_assert_uint_ge(c.n, 2);
	ck_assert_uint_eq(c.n, rep.problems);
	ck_assert_uint_gt(rep.after_events, 0);
	free(img);
}
END_TEST

/*
 * A pipe whose first plen bytes the caller read (as rrverify does to
 * tell a log from a snapshot or a QEMU log): the same report as for
 * the file, for a whole log and for one cut short and one damaged in
 * the middle, whatever the prefix's length.
 */
static void
verify_pipe(const uint8_t *img, size_t len, size_t plen,
    struct rr_verify_report *rep)
{
	struct rr_verify *v;
	uint8_t pre[4096];
	pid_t pid;
	int fd[2], st;
	size_t got = 0;
	ssize_t k;

	ck_assert_int_eq(pipe(fd), 0);
	ck_assert_int_ge(pid = fork(), 0);
	if (pid == 0) {
		size_t off = 0;

		close(fd[0]);
		signal(SIGPIPE, SIG_DFL);
		while (off < len) {
			k = write(fd[1], img + off, len - off);
			if (k <= 0)
				_exit(1);
			off += (size_t)k;
		}
		_exit(0);
	}
	close(fd[1]);
	while (got < plen && (k = read(fd[0], pre + got, plen - got)) > 0)
		got += (size_t)k;
	ck_assert_uint_eq(got, plen < len ? plen : len);
	ck_assert_ptr_nonnull(v = rr_verify_new());
	ck_assert_int_eq(rr_verify_log_prefix(v, fd[0], pre, got, rep),
	    RR_OK);
	rr_verify_free(v);
	close(fd[0]);
	ck_assert_int_eq(waitpid(pid, &st, 0), pid);
}

START_TEST(pipe_prefix)
{
	static const size_t plens[] = { 1, 16, 100, 4096 };
	struct rr_verify_report want, got;
	struct count c;
	char cutpath[600];
	uint8_t *img;
	size_t len, i, shape, n;

	write_log(200, 1);
	img = unit_slurp(path, &len);
	ck_assert_ptr_nonnull(img);
	snprintf(cutpath, sizeof(cutpath), "%s/piped.rr", unit_tmpdir());
	for (shape = 0; shape < 3; shape++) {
		n = shape == 1 ? len * 2 / 3 : len;
		if (shape == 2)
			img[len / 2] ^= 4;
		write_bytes(cutpath, img, n);
		ck_assert_int_eq(verify(cutpath, &want, &c), RR_OK);
		for (i = 0; i < sizeof(plens) / sizeof(plens[0]); i++) {
			verify_pipe(img, n, plens[i], &got);
			ck_assert_int_eq(got.verdict, want.verdict);
			ck_assert_uint_eq(got.file_size, n);
			ck_assert_uint_eq(got.events, want.events);
			ck_assert_uint_eq(got.good_bytes, want.good_bytes);
			ck_assert_uint_eq(got.good_events, want.good_events);
			ck_assert_uint_eq(got.damage_offset,
			    want.damage_offset);
			ck_assert_uint_eq(got.after_events, want.after_events);
		}
	}
	free(img);
}
END_TEST

START_TEST(missing_file)
{
	struct rr_verify_report rep;
	struct count c;

	struct rr_verify *v;

	ck_assert_int_eq(verify("/nonexistent/x.rr", &rep, &c), RR_FATAL);
	/* The error is the last call's: a good log after it leaves none. */
	write_log(50, 1);
	ck_assert_ptr_nonnull(v = rr_verify_new());
	ck_assert_int_eq(rr_verify_log(v, "/nonexistent/x.rr", &rep),
	    RR_FATAL);
	ck_assert_int_ne(rr_verify_error(v)->kind, 0);
	ck_assert_int_eq(rr_verify_log(v, path, &rep), RR_OK);
	ck_assert_int_eq(rr_verify_error(v)->kind, 0);
	ck_assert_int_eq(rep.verdict, RR_VERDICT_VALID);
	rr_verify_free(v);
}
END_TEST

Suite *
suite_verify(void)
{
	Suite *s = suite_create("verify");
	TCase *tc = tcase_create("log");

	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, valid_log);
	tcase_add_test(tc, not_closed);
	tcase_add_test(tc, truncate_every_offset);
	tcase_add_test(tc, flip_every_byte);
	tcase_add_test(tc, problems_counted);
	tcase_add_test(tc, pipe_prefix);
	tcase_add_test(tc, missing_file);
	suite_add_tcase(s, tc);
	return s;
}
