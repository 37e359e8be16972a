/*
 * Fuzz target: the verifier on arbitrary bytes.  Besides not crashing,
 * what it says must hold up: a valid verdict means the reader, which
 * shares no code with the verifier's walk, reads every event to END;
 * counts and offsets stay inside the file.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../../lib/rr.h"
#include "../../lib/rrcheck.h"

int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int fd = -1;

static int
load(const uint8_t *data, size_t size)
{
	FILE *f;
	size_t done = 0;
	ssize_t k;

	if (fd == -1) {
		if ((f = tmpfile()) == NULL)
			return -1;
		if ((fd = dup(fileno(f))) == -1)
			return -1;
		fclose(f);
	}
	if (ftruncate(fd, 0) != 0)
		return -1;
	while (done < size) {
		if ((k = pwrite(fd, data + done, size - done,
		    (off_t)done)) <= 0)
			return -1;
		done += (size_t)k;
	}
	return 0;
}

struct seen {
	size_t		 size;
	uint64_t	 n;
};

static void
on_problem(void *arg, const struct rr_problem *p)
{
	struct seen *s = arg;

	s->n++;
	/* A problem is where the bytes are, or at their end. */
	if (p->offset != RR_NO_OFFSET && p->offset > s->size)
		abort();
	if (p->msg[0] == '\0' || p->check == NULL)
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct rr_verify *v;
	struct rr_verify_report rep;
	struct rr_reader *r;
	struct rr_error err;
	struct rr_event ev;
	struct seen s = { size, 0 };
	uint64_t n = 0;
	int rc;

	if (load(data, size) != 0 || (v = rr_verify_new()) == NULL)
		return 0;
	rr_verify_set_problem(v, on_problem, &s);
	if (lseek(fd, 0, SEEK_SET) != 0 ||
	    rr_verify_log_fd(v, fd, &rep) != RR_OK) {
		rr_verify_free(v);
		return 0;
	}
	rr_verify_free(v);
	if (s.n != rep.problems || rep.good_events > rep.events ||
	    rep.good_bytes > size)
		abort();
	if ((rep.verdict == RR_VERDICT_VALID) != (rep.problems == 0))
		abort();
	if (rep.verdict != RR_VERDICT_VALID)
		return 0;
	/* Valid: the reader must agree, event for event. */
	if (rr_reader_open_fd(&r, fd, "fuzz", &err) != RR_OK)
		abort();
	while ((rc = rr_reader_next(r, &ev)) == RR_OK)
		n++;
	if (rc != RR_EOF || n != rep.events)
		abort();
	rr_reader_close(r);
	return 0;
}
