/* librr(3)'s example: count a log's events, then seek by icount. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>

#include <rr.h>

int
main(int argc, char *argv[])
{
	struct rr_reader *r;
	struct rr_error err;
	struct rr_event ev;
	uint64_t n = 0;
	int rc;

	if (argc != 3)
		return 2;
	if (rr_reader_open(&r, argv[1], &err) != RR_OK) {
		fprintf(stderr, "%s: %s\n", argv[1], err.msg);
		return 2;
	}
	while ((rc = rr_reader_next(r, &ev)) == RR_OK || rc == RR_WARN)
		if (rc == RR_OK)
			n++;
	if (rc != RR_EOF) {
		fprintf(stderr, "%s: offset %" PRIu64 ": %s\n", argv[1],
		    rr_reader_error(r)->offset, rr_reader_error(r)->msg);
		rr_reader_close(r);
		return 1;
	}
	printf("%" PRIu64 " events\n", n);
	rc = rr_reader_seek_icount(r, strtoull(argv[2], NULL, 0));
	if (rc == RR_OK && rr_reader_next(r, &ev) == RR_OK)
		printf("event %" PRIu64 " at icount %" PRIu64 "\n",
		    ev.number, ev.icount);
	rr_reader_close(r);
	return 0;
}
