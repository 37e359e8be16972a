/* librr: JUnit XML reports, for CI (rrverify and rrdiff --junit). */
#ifndef RRJUNIT_H
#define RRJUNIT_H

#include "rr.h"

/*
 * A report is one test suite of test cases, kept in memory until it is
 * written whole through an rr_output (temporary file and rename), so a
 * reader never sees half of one.  The document it writes is described
 * by formats/junit.xsd.
 */
enum rr_junit_result {
	RR_JUNIT_PASS = 0,
	RR_JUNIT_FAILURE = 1,	/* the data said no (exit status 1) */
	RR_JUNIT_ERROR = 2	/* trouble (exit status 2) */
};

struct rr_junit;

/* A new report of suite name (copied); NULL on ENOMEM. */
struct rr_junit	*rr_junit_new(const char *suite);
void		 rr_junit_free(struct rr_junit *j);	/* accepts NULL */
/*
 * Add a test case (strings copied; message: the first problem, one
 * line; text: more, or NULL).  A case already added with the same name
 * takes the worse result, and the first message given with it.  0, or
 * -1 on ENOMEM.
 */
int		 rr_junit_case(struct rr_junit *j, const char *name,
		    int result, const char *message, const char *text);
/*
 * Write the report to path ("-": stdout), never over one of in[0..nin).
 * RR_OK, or RR_FATAL with err filled.
 */
int		 rr_junit_write(const struct rr_junit *j, const char *path,
		    const struct rr_fileid *in, size_t nin,
		    struct rr_error *err);

#endif /* RRJUNIT_H */
