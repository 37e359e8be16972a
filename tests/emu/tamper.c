/*
 * tamper: copy a log, changing the value of event N (a clock or entropy
 * read) by adding D, replacing keyframe N by the log's first keyframe
 * (another state), or changing the last byte of output event N (the same
 * length, other bytes), for the divergence tests (tests/emu/props.sh).
 * usage: tamper IN OUT N [D]   prints the tampered event's icount
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../lib/rr.h"

int
main(int argc, char **argv)
{
	struct rr_reader *r;
	struct rr_writer *w;
	struct rr_event ev;
	struct rr_error err;
	struct rr_writer_options o = { 0, 0, 0, 0, 0, NULL, 0 };
	uint64_t n, d, at = 0;
	uint8_t *first = NULL, *out = NULL;
	size_t nfirst = 0;
	int rc, found = 0;

	if (argc < 4) {
		fprintf(stderr, "usage: tamper in out n [delta]\n");
		return 2;
	}
	n = strtoull(argv[3], NULL, 0);
	d = argc > 4 ? strtoull(argv[4], NULL, 0) : 1000000;
	if (rr_reader_open(&r, argv[1], &err) != RR_OK) {
		fprintf(stderr, "tamper: %s\n", err.msg);
		return 2;
	}
	o.block_size = rr_reader_header(r)->block_size;
	if (rr_writer_open(&w, argv[2], rr_reader_header(r), &o, &err) !=
	    RR_OK) {
		fprintf(stderr, "tamper: %s\n", err.msg);
		return 2;
	}
	while ((rc = rr_reader_next(r, &ev)) == RR_OK) {
		if (ev.kind == RR_EV_END) {
			rc = rr_writer_close(w, ev.icount, ev.status,
			    ev.subkind, NULL, &err);
			w = NULL;
			break;
		}
		if (ev.kind == RR_EV_KEYFRAME && first == NULL) {
			if ((first = malloc(ev.len)) == NULL)
				return 2;
			memcpy(first, ev.data, ev.len);
			nfirst = ev.len;
		}
		if (ev.number == n && ev.kind == RR_EV_OUTPUT && ev.len > 0) {
			if ((out = malloc(ev.len)) == NULL)
				return 2;
			memcpy(out, ev.data, ev.len);
			out[ev.len - 1] ^= 0x20;
			ev.data = out;
			ev.raw = NULL;
			at = ev.icount;
			found = 1;
		} else if (ev.number == n && ev.kind == RR_EV_KEYFRAME) {
			ev.data = first;
			ev.len = nfirst;
			ev.raw = NULL;
			at = ev.icount;
			found = 1;
		} else if (ev.number == n) {
			if (ev.kind != RR_EV_CLOCK && ev.kind != RR_EV_ENTROPY) {
				fprintf(stderr, "tamper: event %llu is no "
				    "clock or entropy read, keyframe or output\n",
				    (unsigned long long)n);
				return 2;
			}
			ev.value += d;
			ev.raw = NULL;	/* encode from the changed value */
			if (ev.kind == RR_EV_ENTROPY)
				ev.value = (ev.value & 0xffff) | (2u << 30);
			at = ev.icount;
			found = 1;
		}
		if (rr_writer_event(w, &ev) != RR_OK) {
			fprintf(stderr, "tamper: %s\n", rr_writer_error(w)->msg);
			return 2;
		}
	}
	rr_reader_close(r);
	free(first);
	free(out);
	if (rc != RR_OK || w != NULL || !found) {
		fprintf(stderr, "tamper: copy failed\n");
		rr_writer_abort(w);
		return 2;
	}
	printf("%llu\n", (unsigned long long)at);
	return 0;
}
