/* librr(3)'s example: count a log's events by kind, then seek by icount. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>

#include <rr.h>

/* Name an error as rr tools do: file, offset, event, message. */
static void
report(const char *file, const struct rr_error *e)
{
	fprintf(stderr, "example: %s: ", file);
	if (e->offset != RR_NO_OFFSET)
		fprintf(stderr, "offset %" PRIu64 ": ", e->offset);
	if (e->event != RR_NO_EVENT)
		fprintf(stderr, "event %" PRIu64 ": ", e->event);
	fprintf(stderr, "%s\n", e->msg);
}

int
main(int argc, char *argv[])
{
	struct rr_reader *r;
	struct rr_error err;
	struct rr_event ev;
	uint64_t counts[RR_EV_KIND_MAX + 1] = { 0 }, other = 0, n = 0;
	uint64_t icount = 0;
	uint32_t k;
	int rc;

	if (argc < 2 || argc > 3) {
		fprintf(stderr, "usage: example file [icount]\n");
		return 2;
	}
	if (argc == 3)
		icount = strtoull(argv[2], NULL, 0);
	/* Before a handle exists, errors go into the caller's struct. */
	if (rr_reader_open(&r, argv[1], &err) != RR_OK) {
		report(argv[1], &err);
		return 2;
	}
	printf("machine %s, %" PRIu64 " bytes of RAM\n",
	    rr_reader_header(r)->machine, rr_reader_header(r)->ram_size);
	/* RR_OK per event, RR_EOF after END; below zero: damage. */
	while ((rc = rr_reader_next(r, &ev)) == RR_OK || rc == RR_WARN) {
		if (rc == RR_WARN) {
			/* A bad record: say so and go on. */
			report(argv[1], rr_reader_error(r));
			continue;
		}
		n++;
		if (ev.kind <= RR_EV_KIND_MAX)
			counts[ev.kind]++;
		else
			other++;
	}
	if (rc != RR_EOF) {
		/* The handle holds the error; the events before it counted. */
		report(argv[1], rr_reader_error(r));
		rr_reader_close(r);
		return 1;
	}
	printf("%" PRIu64 " events\n", n);
	for (k = 1; k <= RR_EV_KIND_MAX; k++)
		if (counts[k] > 0)
			printf("  %-10s %" PRIu64 "\n", rr_kind_name(k),
			    counts[k]);
	if (other > 0)
		printf("  %-10s %" PRIu64 "\n", "unknown", other);
	/* Through the index: no scan of the blocks before. */
	rc = rr_reader_seek_icount(r, icount);
	if (rc == RR_OK)
		rc = rr_reader_next(r, &ev);
	if (rc == RR_OK)
		printf("first event at icount >= %" PRIu64 ": number %"
		    PRIu64 ", %s at %" PRIu64 "\n", icount, ev.number,
		    rr_kind_name(ev.kind) != NULL ? rr_kind_name(ev.kind) :
		    "unknown", ev.icount);
	else if (rc == RR_EOF)
		printf("no event at icount >= %" PRIu64 "\n", icount);
	else {
		report(argv[1], rr_reader_error(r));
		rr_reader_close(r);
		return 1;
	}
	rr_reader_close(r);
	return 0;
}
