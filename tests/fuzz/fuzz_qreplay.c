/* Fuzz target: the QEMU replay log reader on arbitrary bytes. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../../lib/rr.h"
#include "../../lib/qreplay.h"

int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Inputs up to this size also go through a pipe (fits its buffer). */
#define PIPE_MAX	32768

/* Read every event from fd; check what must hold whatever the bytes. */
static void
walk(int fd, const uint8_t *prefix, size_t plen, size_t size)
{
	struct rr_qreader *r;
	struct rr_error err;
	const struct rr_qevent *e;
	struct rr_qinfo info;
	uint64_t end = RR_Q_HEADER_LEN, icount = 0, n = 0;
	int rc;

	if (rr_qreader_open_fd(&r, fd, prefix, plen, &err) != RR_OK) {
		if (err.kind == RR_E_NONE || err.msg[0] == '\0')
			abort();
		return;
	}
	while ((rc = rr_qreader_next(r, &e)) == RR_OK) {
		/* Events tile the file from the header on. */
		if (e->offset != end || e->size == 0 ||
		    e->offset + e->size > size || e->number != n ||
		    e->icount < icount || e->name == NULL ||
		    (e->len > 0 && e->data == NULL))
			abort();
		end = e->offset + e->size;
		icount = e->icount;
		n++;
	}
	rr_qreader_info(r, &info);
	if (info.events != n || info.good_end != end)
		abort();
	if (rc == RR_FATAL) {
		/* Every stop says where: at the end of the whole events. */
		if (rr_qreader_error(r)->kind == RR_E_NONE ||
		    rr_qreader_error(r)->offset != end ||
		    rr_qreader_next(r, &e) != RR_FATAL)
			abort();
	} else if (rc != RR_EOF || !info.ended || end != size)
		abort();
	rr_qreader_close(r);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	FILE *f;
	int p[2];

	/* A file, probed the way the tools do: its first bytes first. */
	if ((f = tmpfile()) == NULL)
		return 0;
	if (fwrite(data, 1, size, f) == size && fflush(f) == 0) {
		rewind(f);
		walk(fileno(f), NULL, 0, size);
	}
	fclose(f);
	/* A pipe, with a prefix already read. */
	if (size <= PIPE_MAX && pipe(p) == 0) {
		if (size <= RR_PROBE_LEN ||
		    write(p[1], data + RR_PROBE_LEN, size - RR_PROBE_LEN) ==
		    (ssize_t)(size - RR_PROBE_LEN)) {
			close(p[1]);
			walk(p[0], data, size < RR_PROBE_LEN ? size :
			    RR_PROBE_LEN, size);
		} else
			close(p[1]);
		close(p[0]);
	}
	return 0;
}
