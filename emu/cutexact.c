/* The replay driver of rrcut --exact: a fresh keyframe at any instruction count. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "machine.h"
#include "gate.h"
#include "cutexact.h"
#include "../lib/rr.h"
#include "../lib/rrsnap.h"

static int
fail(struct rr_error *err, int kind, uint64_t event, const char *what,
    const char *why)
{
	memset(err, 0, sizeof(*err));
	err->kind = kind;
	err->offset = RR_NO_OFFSET;
	err->event = event;
	snprintf(err->msg, sizeof(err->msg), "--exact: %s%s%.160s", what,
	    why != NULL ? ": " : "", why != NULL ? why : "");
	return -1;
}

/* The state of m as a keyframe, and where in the log it stands. */
static int
take(struct machine *m, const struct rr_header *h, uint8_t **buf,
    size_t *len, uint64_t *next, struct rr_error *err)
{
	struct rr_snap *s;
	int rc;

	if (machine_save(m, h, &s) != 0)
		return fail(err, RR_E_NOMEM, RR_NO_EVENT, "cannot save the "
		    "state", NULL);
	rc = gate_snap_save(m, s) == 0 && gate_snap_next_event(s, next) == 1 &&
	    rr_snap_encode(s, buf, len) == RR_OK ? 0 : -1;
	rr_snap_free(s);
	return rc == 0 ? 0 : fail(err, RR_E_NOMEM, RR_NO_EVENT, "cannot "
	    "encode the keyframe", NULL);
}

int
exact_keyframe(const char *path, uint64_t key_event, uint64_t target,
    uint8_t **buf, size_t *len, uint64_t *next_event, struct rr_error *err)
{
	struct machine m;
	struct gate_config gc;
	struct rr_reader *r = NULL;
	struct rr_snap *s = NULL;
	struct rr_event ev;
	const struct rr_header *h;
	char msg[256];
	int rc = -1, stop;

	memset(&m, 0, sizeof(m));
	*buf = NULL;
	if (rr_reader_open(&r, path, err) != RR_OK)
		return -1;
	h = rr_reader_header(r);
	if (h->ram_size == 0 || h->ram_size > UINT32_MAX ||
	    machine_init(&m, (uint32_t)h->ram_size, h->clock_shift) != 0) {
		fail(err, RR_E_UNSUPPORTED, RR_NO_EVENT, "cannot build the "
		    "recorded machine", NULL);
		rr_reader_close(r);
		return -1;
	}
	if (rr_reader_seek_event(r, key_event) != RR_OK ||
	    rr_reader_next(r, &ev) != RR_OK) {
		*err = *rr_reader_error(r);
		goto out;
	}
	if (ev.kind != RR_EV_KEYFRAME || ev.icount > target) {
		fail(err, RR_E_INVAL, key_event, "no keyframe to start from",
		    NULL);
		goto out;
	}
	if (rr_snap_decode(&s, ev.data, ev.len, err) != RR_OK) {
		snprintf(msg, sizeof(msg), "%s", err->msg);
		fail(err, RR_E_CORRUPT, key_event, "the keyframe to start "
		    "from is unreadable", msg);
		goto out;
	}
	if (machine_load(&m, s, msg, sizeof(msg)) != 0) {
		fail(err, RR_E_CORRUPT, key_event, "keyframe", msg);
		goto out;
	}
	memset(&gc, 0, sizeof(gc));
	gc.mode = GATE_REPLAY;
	gc.in_fd = gc.out_fd = -1;
	gc.r = r;		/* at the event after the keyframe */
	gc.hdr = h;
	gc.resume = s;
	if (gate_attach(&m, &gc) != 0) {
		fail(err, RR_E_CORRUPT, RR_NO_EVENT, "replay", m.err.msg);
		goto out;
	}
	/* A pause at the target, as rremu replay -s makes one. */
	while ((stop = machine_run(&m, target)) == STOP_REQUEST &&
	    m.err.kind == EMU_E_NONE && gate_take_request(&m) != 0)
		m.stop_req = 0;
	if (stop != STOP_LIMIT || m.icount != target ||
	    m.err.kind != EMU_E_NONE) {
		fail(err, m.err.kind == EMU_E_DIVERGED ? RR_E_CORRUPT :
		    RR_E_INVAL, m.err.event, "the replay did not reach the "
		    "icount asked for", m.err.kind != EMU_E_NONE ? m.err.msg :
		    "the recording ends before it");
		goto out;
	}
	rc = take(&m, h, buf, len, next_event, err);
out:
	gate_detach(&m);
	machine_free(&m);
	rr_snap_free(s);
	rr_reader_close(r);
	return rc;
}
