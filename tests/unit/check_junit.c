/* lib/junit.c: JUnit XML reports, escaped, counted, written whole. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "unit.h"
#include "../../lib/rr.h"
#include "../../lib/rrjunit.h"

static char *
report(struct rr_junit *j)
{
	static char path[600];
	struct rr_error e;
	uint8_t *p;
	size_t n;

	snprintf(path, sizeof(path), "%s/r.xml", unit_tmpdir());
	ck_assert_int_eq(rr_junit_write(j, path, NULL, 0, &e), RR_OK);
	ck_assert_ptr_nonnull(p = unit_slurp(path, &n));
	p = realloc(p, n + 1);
	ck_assert_ptr_nonnull(p);
	p[n] = '\0';
	return (char *)p;
}

/* Counts per result; markup and newlines in names and messages escaped. */
START_TEST(counts_and_escapes)
{
	struct rr_junit *j;
	char *x;

	ck_assert_ptr_nonnull(j = rr_junit_new("rrverify"));
	ck_assert_int_eq(rr_junit_case(j, "ok.rr", RR_JUNIT_PASS, NULL, NULL),
	    0);
	ck_assert_int_eq(rr_junit_case(j, "a<b>&\"c\".rr", RR_JUNIT_FAILURE,
	    "offset 5: bad\nline", NULL), 0);
	ck_assert_int_eq(rr_junit_case(j, "gone.rr", RR_JUNIT_ERROR, "I/O",
	    NULL), 0);
	x = report(j);
	ck_assert_ptr_nonnull(strstr(x, "<testsuites name=\"rrverify\" "
	    "tests=\"3\" failures=\"1\" errors=\"1\">"));
	ck_assert_ptr_nonnull(strstr(x, "name=\"a&lt;b&gt;&amp;&quot;c&quot;"
	    ".rr\""));
	ck_assert_ptr_nonnull(strstr(x, "<failure message=\"offset 5: "
	    "bad&#10;line\" type=\"different\">"));
	ck_assert_ptr_nonnull(strstr(x, "<error message=\"I/O\""));
	ck_assert_ptr_nonnull(strstr(x, "<testcase classname=\"rrverify\" "
	    "name=\"ok.rr\"/>"));
	free(x);
	rr_junit_free(j);
}
END_TEST

/* A case given again keeps the worse result and the first message. */
START_TEST(same_case_worse)
{
	struct rr_junit *j;
	char *x;

	ck_assert_ptr_nonnull(j = rr_junit_new("t"));
	ck_assert_int_eq(rr_junit_case(j, "f", RR_JUNIT_FAILURE, "first",
	    NULL), 0);
	ck_assert_int_eq(rr_junit_case(j, "f", RR_JUNIT_PASS, NULL, NULL), 0);
	ck_assert_int_eq(rr_junit_case(j, "f", RR_JUNIT_ERROR, "second",
	    NULL), 0);
	x = report(j);
	ck_assert_ptr_nonnull(strstr(x, "tests=\"1\" failures=\"0\" "
	    "errors=\"1\""));
	ck_assert_ptr_nonnull(strstr(x, "<error message=\"first\""));
	ck_assert_ptr_null(strstr(x, "second"));
	free(x);
	rr_junit_free(j);
}
END_TEST

/* Never written over an input; a folder is refused; nothing left. */
START_TEST(refused)
{
	struct rr_junit *j;
	struct rr_fileid id;
	struct rr_error e;
	char in[600];
	FILE *f;

	snprintf(in, sizeof(in), "%s/in.rr", unit_tmpdir());
	ck_assert_ptr_nonnull(f = fopen(in, "w"));
	fputs("input", f);
	fclose(f);
	ck_assert_int_eq(rr_fileid_path(in, &id), 0);
	ck_assert_ptr_nonnull(j = rr_junit_new("t"));
	ck_assert_int_eq(rr_junit_write(j, in, &id, 1, &e), RR_FATAL);
	ck_assert_int_eq(rr_junit_write(j, unit_tmpdir(), NULL, 0, &e),
	    RR_FATAL);
	rr_junit_free(j);
	rr_junit_free(NULL);
}
END_TEST

Suite *
suite_junit(void)
{
	Suite *s = suite_create("junit");
	TCase *tc = tcase_create("report");

	tcase_add_test(tc, counts_and_escapes);
	tcase_add_test(tc, same_case_worse);
	tcase_add_test(tc, refused);
	suite_add_tcase(s, tc);
	return s;
}
