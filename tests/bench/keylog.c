/*
 * keylog: the synthetic workload of the cut and merge benchmark: N clock
 * events from a seeded generator (as tests/bench/logbench.c makes them)
 * with, every K instructions, a checkpoint and a keyframe as rremu
 * writes them, so the log can be cut and split at its keyframes.
 * usage: keylog OUT N K [SEED]   prints: events bytes keyframes
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../lib/rr.h"
#include "../../lib/rrsnap.h"

static uint64_t state;

/* xorshift64*: the same sequence on every machine. */
static uint64_t
next_random(void)
{
	state ^= state >> 12;
	state ^= state << 25;
	state ^= state >> 27;
	return state * 0x2545F4914F6CDD1Dull;
}

/* A small snapshot standing for the machine at icount ic. */
static int
keyframe(struct rr_writer *w, const struct rr_header *h, uint64_t ic)
{
	struct rr_snap_meta m;
	struct rr_snap *s;
	uint8_t *buf, fill[4096];
	size_t len;
	int rc;

	memset(&m, 0, sizeof(m));
	m.hdr = *h;
	m.icount = ic;
	m.state_hash = ic * 0x9E3779B97F4A7C15ull;
	memset(fill, (int)(ic >> 10), sizeof(fill));
	/* A log starts with its keyframe; later ones follow a checkpoint. */
	if ((ic > 0 && rr_writer_checkpoint(w, ic, m.state_hash, NULL, 0) !=
	    RR_OK) || rr_snap_new(&s, &m) != RR_OK)
		return -1;
	rc = rr_snap_begin(s, "bench") == RR_OK &&
	    rr_snap_put_bytes(s, "fill", fill, sizeof(fill)) == RR_OK &&
	    rr_snap_encode(s, &buf, &len) == RR_OK ? 0 : -1;
	rr_snap_free(s);
	if (rc == 0) {
		rc = rr_writer_keyframe(w, ic, buf, len) == RR_OK ? 0 : -1;
		free(buf);
	}
	return rc;
}

int
main(int argc, char **argv)
{
	struct rr_writer *w;
	struct rr_header h;
	struct rr_error err;
	uint64_t n, k, i, ic = 0, ns = 1790000000000000000ull, r, next_key;
	uint64_t nkeys = 1;

	if (argc < 4) {
		fprintf(stderr, "usage: keylog out n k [seed]\n");
		return 2;
	}
	n = strtoull(argv[2], NULL, 0);
	k = strtoull(argv[3], NULL, 0);
	state = argc > 4 ? strtoull(argv[4], NULL, 0) : 0x5eed;
	if (state == 0)
		state = 1;
	if (k == 0)
		k = UINT64_MAX;
	rr_header_init(&h);
	snprintf(h.machine, sizeof(h.machine), "rr-virt32");
	snprintf(h.tool_version, sizeof(h.tool_version), "keylog");
	memset(h.recording_id, 0x42, sizeof(h.recording_id));
	h.ram_base = 0x80000000u;
	h.ram_size = 128u << 20;
	h.keyframe_interval = k == UINT64_MAX ? 0 : k;
	if (rr_writer_open(&w, argv[1], &h, NULL, &err) != RR_OK ||
	    keyframe(w, &h, 0) != 0) {
		fprintf(stderr, "keylog: cannot write %s\n", argv[1]);
		return 2;
	}
	next_key = k;
	for (i = 0; i < n; i++) {
		r = next_random();
		ic += (r & 63) == 0 ? 16 + (r >> 8) % 200 : 16;
		ns += 37 + (r >> 20) % 7 + ((r >> 32 & 1023) == 0 ?
		    1000 + (r >> 40) % 9000 : 0);
		/* Keyframes fall on multiples of k, before that icount's reads. */
		while (ic >= next_key) {
			if (keyframe(w, &h, next_key) != 0) {
				fprintf(stderr, "keylog: %s\n",
				    rr_writer_error(w)->msg);
				return 2;
			}
			nkeys++;
			next_key += k;
		}
		if (rr_writer_clock(w, ic, ns) != RR_OK) {
			fprintf(stderr, "keylog: %s\n", rr_writer_error(w)->msg);
			return 2;
		}
	}
	r = rr_writer_bytes(w);
	if (rr_writer_close(w, ic, 0, RR_END_EXIT, NULL, &err) != RR_OK) {
		fprintf(stderr, "keylog: %s\n", err.msg);
		return 2;
	}
	printf("%llu %llu %llu\n", (unsigned long long)n,
	    (unsigned long long)r, (unsigned long long)nkeys);
	return 0;
}
