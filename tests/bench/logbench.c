/*
 * logbench: write the fixed synthetic workload of the log benchmark:
 * N host-clock events from a seeded generator, as a guest reading the
 * RTC in a loop makes them (a steady loop stride, a clock that advances
 * some tens of ns a read with jitter, an occasional longer gap).
 *
 * With -c and -k it also writes what a recorder writes between them: a
 * checkpoint every -c instructions (its hash follows the clock values
 * read so far, as a guest that keeps them would) and a keyframe every -k
 * instructions, a true snapshot of an rr-virt32 with 128 MiB of RAM and
 * the checkpoint of the same state before it.  -d P changes the clock
 * values of the last P percent of the events by one ns: a copy that
 * parts from the original only there.  -e E changes the clock value of
 * event E alone (counting clock reads from 0) by one ns: one early
 * input that differs.
 * usage: logbench [-c interval] [-k interval] [-d percent] [-e event]
 *     OUT N [SEED]
 * prints: events bytes seconds
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "../../lib/rr.h"
#include "../../lib/rrsnap.h"
#include "../../emu/machine.h"

static uint64_t state;

/* xorshift64*: a fixed, seeded sequence on every machine. */
static uint64_t
rnd(void)
{
	state ^= state >> 12;
	state ^= state << 25;
	state ^= state >> 27;
	return state * 0x2545F4914F6CDD1Dull;
}

static void
check(struct rr_writer *w, int rc)
{
	if (rc != RR_OK) {
		fprintf(stderr, "logbench: %s\n", rr_writer_error(w)->msg);
		exit(2);
	}
}

/* A keyframe of m at ic, after the checkpoint of the same state. */
static void
keyframe(struct rr_writer *w, struct machine *m, const struct rr_header *h,
    uint64_t ic)
{
	struct rr_part parts[RR_PARTS_MAX];
	struct rr_snap *s;
	uint8_t *buf;
	size_t len;
	uint32_t n = 0;
	uint64_t hash;

	m->icount = ic;
	hash = machine_hash(m, parts, &n);
	check(w, rr_writer_checkpoint(w, ic, hash, parts, n));
	if (machine_save(m, h, &s) != 0 || rr_snap_encode(s, &buf, &len) !=
	    RR_OK) {
		fprintf(stderr, "logbench: cannot save a snapshot\n");
		exit(2);
	}
	check(w, rr_writer_keyframe(w, ic, buf, len));
	free(buf);
	rr_snap_free(s);
}

int
main(int argc, char **argv)
{
	struct rr_writer *w;
	struct rr_header h;
	struct rr_error err;
	struct timespec t0, t1;
	struct machine m;
	uint64_t n, i, ic = 0, ns = 1790000000000000000ull, r;
	uint64_t ckpt = 0, key = 0, pct = 0, from, next_c, next_k, acc = 0;
	uint64_t one = UINT64_MAX, v;
	int ch;

	while ((ch = getopt(argc, argv, "c:d:e:k:")) != -1) {
		switch (ch) {
		case 'c':
			ckpt = strtoull(optarg, NULL, 0);
			break;
		case 'd':
			pct = strtoull(optarg, NULL, 0);
			break;
		case 'e':
			one = strtoull(optarg, NULL, 0);
			break;
		case 'k':
			key = strtoull(optarg, NULL, 0);
			break;
		default:
			goto usage;
		}
	}
	argc -= optind;
	argv += optind;
	if (argc < 2 || pct > 100)
		goto usage;
	n = strtoull(argv[1], NULL, 0);
	state = argc > 2 ? strtoull(argv[2], NULL, 0) : 0x5eed;
	if (state == 0)
		state = 1;
	rr_header_init(&h);
	if (key > 0) {
		if (machine_init(&m, 128u << 20, 0) != 0) {
			fprintf(stderr, "logbench: no machine\n");
			return 2;
		}
		machine_header(&m, &h);
	} else {
		snprintf(h.machine, sizeof(h.machine), "rr-virt32");
		h.ram_base = 0x80000000u;
		h.ram_size = 128u << 20;
	}
	snprintf(h.tool_version, sizeof(h.tool_version), "logbench");
	h.checkpoint_interval = ckpt;
	h.keyframe_interval = key;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	if (rr_writer_open(&w, argv[0], &h, NULL, &err) != RR_OK) {
		fprintf(stderr, "logbench: %s\n", err.msg);
		return 2;
	}
	if (key > 0)
		keyframe(w, &m, &h, 0);
	next_c = ckpt > 0 ? ckpt : UINT64_MAX;
	next_k = key > 0 ? key : UINT64_MAX;
	from = n - n / 100 * pct;
	for (i = 0; i < n; i++) {
		r = rnd();
		/* 16 instructions a loop; 1 in 64 reads takes a longer path */
		ic += (r & 63) == 0 ? 16 + (r >> 8) % 200 : 16;
		/* about 40 ns a read, +-3 ns of jitter, rare 1-10 us stalls */
		ns += 37 + (r >> 20) % 7 + ((r >> 32 & 1023) == 0 ?
		    1000 + (r >> 40) % 9000 : 0);
		while (ic >= next_c || ic >= next_k) {
			if (next_k <= next_c) {
				keyframe(w, &m, &h, next_k);
				if (next_c == next_k)
					next_c += ckpt;
				next_k += key;
			} else {
				check(w, rr_writer_checkpoint(w, next_c,
				    rr_hash64(&acc, sizeof(acc), next_c), NULL,
				    0));
				next_c += ckpt;
			}
		}
		v = ns + (i >= from) + (i == one);
		check(w, rr_writer_clock(w, ic, v));
		acc = acc * 31 + v;
	}
	r = rr_writer_bytes(w);
	if (rr_writer_close(w, ic, 0, RR_END_EXIT, NULL, &err) != RR_OK) {
		fprintf(stderr, "logbench: %s\n", err.msg);
		return 2;
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	printf("%llu %llu %.6f\n", (unsigned long long)n,
	    (unsigned long long)r, (double)(t1.tv_sec - t0.tv_sec) +
	    (double)(t1.tv_nsec - t0.tv_nsec) / 1e9);
	if (key > 0)
		machine_free(&m);
	return 0;
usage:
	fprintf(stderr, "usage: logbench [-c interval] [-k interval] "
	    "[-d percent] [-e event] out n [seed]\n");
	return 2;
}
