/* Fuzz target: the log reader on arbitrary bytes: events, blocks, seeks. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "../../lib/rr.h"
#include "../../lib/rrjson.h"

int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Bounds so one input cannot run for long, whatever it claims. */
#define EVENTS_MAX	100000
#define BLOCKS_MAX	10000
/* Inputs up to this size also go through a pipe (fits its buffer). */
#define PIPE_MAX	32768

static int fd = -1;

/* The reader wants a file: one temporary file, rewritten per input. */
static int
load(const uint8_t *data, size_t size)
{
	FILE *f;
	size_t done = 0;
	ssize_t k;

	if (fd == -1) {
		if ((f = tmpfile()) == NULL)
			return -1;
		/* Kept open for the whole run; the file has no name. */
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

/* Read events until the end or an error; check what must hold. */
static uint64_t
walk_events(struct rr_reader *r, int json)
{
	struct rr_event ev;
	uint64_t n = 0, last = 0, ic = 0;
	json_t *j;
	int rc;

	while (n < EVENTS_MAX && (rc = rr_reader_next(r, &ev)) == RR_OK) {
		/* Numbers count up by one, icounts never go down. */
		if ((n > 0 && ev.number != last + 1) || ev.icount < ic)
			abort();
		if (ev.len > 0 && ev.data == NULL)
			abort();
		if (ev.nparts > RR_PARTS_MAX)
			abort();
		last = ev.number;
		ic = ev.icount;
		if (json && n < 64) {
			j = rr_event_json(&ev);
			json_decref(j);
		}
		n++;
	}
	if (n < EVENTS_MAX && rc != RR_EOF && rr_reader_error(r)->msg[0] ==
	    '\0')
		abort();	/* every error says what it is */
	return n;
}

/* The stream path: no seeking, the reader only moves forward. */
static void
from_pipe(const uint8_t *data, size_t size)
{
	struct rr_reader *r;
	struct rr_error err;
	struct rr_block b;
	int p[2];

	if (size > PIPE_MAX || pipe(p) != 0)
		return;
	if (write(p[1], data, size) != (ssize_t)size) {
		close(p[0]);
		close(p[1]);
		return;
	}
	close(p[1]);
	if (rr_reader_open_fd(&r, p[0], "fuzz-pipe", &err) == RR_OK) {
		walk_events(r, 0);
		/* Refused on a stream that has moved on; must not crash. */
		if (rr_reader_rewind(r) == RR_OK)
			while (rr_reader_next_block(r, &b) == RR_OK)
				;
		rr_reader_seek_event(r, 0);
		rr_reader_close(r);
	}
	close(p[0]);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct rr_reader *r;
	struct rr_error err;
	struct rr_block b;
	struct rr_info info;
	json_t *j;
	uint64_t n, nev = 0, lastic = 0, i;
	int rc;

	if (load(data, size) != 0 ||
	    rr_reader_open_fd(&r, fd, "fuzz", &err) != RR_OK)
		return 0;
	j = rr_header_json(rr_reader_header(r));
	json_decref(j);
	rr_reader_info(r, &info);
	n = walk_events(r, 1);

	/* Blocks, from the start. */
	if (rr_reader_rewind(r) == RR_OK)
		for (i = 0; i < BLOCKS_MAX &&
		    (rc = rr_reader_next_block(r, &b)) == RR_OK; i++) {
			j = rr_block_json(&b);
			json_decref(j);
		}

	/* Seeks through the index (built by scanning when missing). */
	if (rr_reader_extent(r, &nev, &lastic) == RR_OK) {
		uint64_t targets[] = { 0, nev / 2, nev ? nev - 1 : 0, nev,
		    n / 3, UINT64_MAX };

		for (i = 0; i < sizeof(targets) / sizeof(targets[0]); i++) {
			if (rr_reader_seek_event(r, targets[i]) == RR_OK) {
				struct rr_event ev;

				if (rr_reader_next(r, &ev) == RR_OK &&
				    ev.number < targets[i])
					abort();
			}
		}
		if (rr_reader_seek_icount(r, lastic / 2) == RR_OK)
			walk_events(r, 0);
		rr_reader_seek_icount(r, lastic);
		rr_reader_seek_icount(r, UINT64_MAX);
	}
	rr_reader_close(r);
	from_pipe(data, size);
	return 0;
}
