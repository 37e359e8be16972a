/*
 * The machine driven for rremu (emu/emu.h): booted from a guest or a
 * snapshot, or from a log through the replay session; run, recorded or
 * replayed through the gate; paused, saved, served to gdb and finished.
 * Nothing here prints: what happened goes back in a struct emu_report.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>
#include <unistd.h>

#include "emu.h"
#include "machine.h"
#include "debug.h"
#include "dtb.h"
#include "gate.h"
#include "gdb.h"
#include "pin.h"
#include "replay.h"
#include "../lib/rrsnap.h"

_Static_assert(EMU_CMDLINE_MAX == SH_CMDLINE_MAX, "GET_CMDLINE's size");
_Static_assert(EMU_RAM_ALIGN == PAGE_SIZE, "RAM is whole pages");

struct emu_session {
	struct emu_config c;
	struct machine	 m;
	struct replay	 rp;		/* replay: the session */
	struct rr_snap	*resume;	/* run/record: -L's snapshot */
	struct rr_header h;		/* the run's header */
	struct gate_config gc;		/* as the gate is attached */
	struct rr_writer *w;		/* record: the log */
	struct pin	*pin;		/* run/record: pinned host inputs */
	uint64_t	 end;		/* replay: the log's last icount */
	volatile sig_atomic_t snap;	/* emu_interrupt(s, 1) */
};

/* An error with no position, about file who: -1. */
static int
fail(struct emu_report *rep, int who, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int
fail(struct emu_report *rep, int who, const char *fmt, ...)
{
	va_list ap;

	memset(&rep->err, 0, sizeof(rep->err));
	rep->err.kind = EMU_E_MACHINE;
	rep->err.offset = RR_NO_OFFSET;
	rep->err.event = RR_NO_EVENT;
	va_start(ap, fmt);
	vsnprintf(rep->err.msg, sizeof(rep->err.msg), fmt, ap);
	va_end(ap);
	rep->blame = who;
	rep->result = EMU_TROUBLE;
	return -1;
}

/* The machine's own error (m->err): -1. */
static int
fail_machine(struct emu_session *s, struct emu_report *rep)
{
	rep->err = s->m.err;
	rep->blame = EMU_BLAME_MACHINE;
	rep->result = s->m.err.kind == EMU_E_DIVERGED ? EMU_DIVERGED :
	    EMU_TROUBLE;
	return -1;
}

/* A library error about an output (who: OUTPUT or SAVED): -1. */
static int
fail_lib(struct emu_report *rep, int who, const struct rr_error *e)
{
	rep->has_lib = 1;
	rep->lib = *e;
	rep->blame = who;
	rep->result = EMU_TROUBLE;
	return -1;
}

static void
report_init(struct emu_report *rep)
{
	memset(rep, 0, sizeof(*rep));
	rep->err.offset = RR_NO_OFFSET;
	rep->err.event = RR_NO_EVENT;
}

/* Where the machine is, the gate's counts, a divergence's parts. */
static void
report_where(struct emu_session *s, struct emu_report *rep)
{
	const uint32_t *ids;
	uint32_t i;

	rep->icount = s->m.icount;
	rep->end_icount = s->end;
	rep->pc = s->m.cpu.pc;
	rep->exit_code = s->m.exit_code;
	rep->events = gate_events(&s->m);
	rep->agreed = gate_agreed(&s->m);
	rep->nparts = gate_diverged_parts(&s->m, &ids);
	for (i = 0; i < rep->nparts; i++)
		rep->parts[i] = ids[i];
}

/* The whole file at path: new, or NULL with errno set. */
static uint8_t *
slurp(const char *path, size_t *len)
{
	uint8_t *p = NULL, *np;
	size_t cap = 0, n = 0;
	ssize_t k;
	int fd;

	if ((fd = strcmp(path, "-") == 0 ? STDIN_FILENO :
	    open(path, O_RDONLY | O_CLOEXEC)) < 0)
		return NULL;
	for (;;) {
		if (n == cap) {
			cap = cap ? cap * 2 : 1 << 16;
			if (cap > (1u << 30) || (np = realloc(p, cap)) == NULL) {
				errno = EFBIG;
				break;
			}
			p = np;
		}
		k = read(fd, p + n, cap - n);
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0) {
			if (k == 0) {
				if (fd != STDIN_FILENO)
					close(fd);
				*len = n;
				return p;
			}
			break;
		}
		n += (size_t)k;
	}
	if (fd != STDIN_FILENO)
		close(fd);
	free(p);
	return NULL;
}

/* -L for run and record: the snapshot, of this guest's machine. */
static int
load_resume(struct emu_session *s, struct emu_report *rep)
{
	const struct emu_config *c = &s->c;
	const struct rr_header *sh;
	struct rr_error err;
	char msg[256];

	if (rr_snap_read(&s->resume, c->load, &err) != RR_OK) {
		fail(rep, EMU_BLAME_SNAPSHOT, "%s", err.msg);
		rep->err.offset = err.offset;
		return -1;
	}
	if (machine_load(&s->m, s->resume, msg, sizeof(msg)) != 0)
		return fail(rep, EMU_BLAME_SNAPSHOT, "%s", msg);
	sh = &rr_snap_meta(s->resume)->hdr;
	if (sh->image_hash != s->h.image_hash)
		return fail(rep, EMU_BLAME_SNAPSHOT, "snapshot is of another "
		    "guest image");
	if (sh->semihosting != (uint32_t)c->semihosting)
		return fail(rep, EMU_BLAME_SNAPSHOT, "snapshot of a machine %s "
		    "semihosting: %s --semihosting", c->semihosting ?
		    "without" : "with", c->semihosting ? "drop" : "add");
	memcpy(s->h.recording_id, sh->recording_id, 16);
	/* The run goes on with the snapshot's clock, not -t's. */
	s->h.clock_shift = s->m.clock_shift;
	return 0;
}

/* Run and record: the machine from the ELF, or a snapshot of it. */
static int
boot(struct emu_session *s, struct emu_report *rep)
{
	const struct emu_config *c = &s->c;
	uint8_t *img;
	size_t len;
	uint32_t entry;
	char msg[256];
	int rc;

	if (machine_init(&s->m, c->ram, c->shift) != 0)
		return fail(rep, EMU_BLAME_NONE, "cannot build a machine with "
		    "%llu bytes of RAM", (unsigned long long)c->ram);
	if ((img = slurp(c->guest, &len)) == NULL)
		return fail(rep, EMU_BLAME_GUEST, "cannot read: %s",
		    strerror(errno));
	rc = elf_load(&s->m, img, len, &entry, msg, sizeof(msg));
	free(img);
	if (rc != 0)
		return fail(rep, EMU_BLAME_GUEST, "%s", msg);
	s->m.sh.on = (uint32_t)c->semihosting;
	if (machine_boot(&s->m, entry) != 0)
		return fail(rep, EMU_BLAME_GUEST, "%s", s->m.err.msg);
	machine_header(&s->m, &s->h);
	if (c->load != NULL) {
		if (load_resume(s, rep) != 0)
			return -1;
	} else
		while (getrandom(s->h.recording_id, 16, 0) < 0 &&
		    errno == EINTR)
			;
	s->h.created = (int64_t)time(NULL);
	s->h.checkpoint_interval = c->checkpoint_interval;
	s->h.keyframe_interval = c->keyframe_interval;
	snprintf(s->h.tool_version, sizeof(s->h.tool_version), "rremu %s",
	    RR_LIB_VERSION);
	return 0;
}

/*
 * Replay: the machine from the log's first keyframe, or from -L's
 * snapshot, with its gate attached (emu/replay.c); the log checked
 * against the guest's ELF if one was given.
 */
static int
boot_replay(struct emu_session *s, struct emu_report *rep)
{
	const struct emu_config *c = &s->c;
	struct emu_error e;
	uint8_t *img;
	size_t len;
	int rc;

	rc = replay_open(&s->rp, &s->m, c->log, c->logname, c->out_fd, &e);
	if (rc == 0)
		rc = replay_start(&s->rp, c->load, 0, &e);
	s->end = s->rp.end;
	if (rc == -EMU_BLAME_MACHINE)
		return fail_machine(s, rep);
	if (rc != 0) {
		rep->err = e;
		rep->blame = -rc;
		rep->result = EMU_TROUBLE;
		return -1;
	}
	s->h = s->rp.h;
	s->gc = s->rp.gc;
	if (c->guest != NULL) {
		if ((img = slurp(c->guest, &len)) == NULL)
			return fail(rep, EMU_BLAME_GUEST, "cannot read: %s",
			    strerror(errno));
		rc = rr_hash64(img, len, 0) != s->h.image_hash;
		free(img);
		if (rc)
			return fail(rep, EMU_BLAME_LOG, "recorded from another "
			    "guest image than %s", c->guestname);
	}
	return 0;
}

int
emu_pin_check(const char *name, const char *arg, char *err, size_t errlen)
{
	struct pin_config pc;

	memset(&pc, 0, sizeof(pc));
	return pin_option(&pc, name, arg, err, errlen);
}

/*
 * Run and record: the pinned host inputs the options ask for, opened
 * for the machine booted (or resumed), and said in the header.
 */
static int
open_pins(struct emu_session *s, struct emu_report *rep)
{
	const struct emu_config *c = &s->c;
	struct pin_config pc;
	struct emu_error e;
	char msg[256];

	memset(&pc, 0, sizeof(pc));
	if ((c->rtc_base != NULL && pin_option(&pc, "rtc-base", c->rtc_base,
	    msg, sizeof(msg)) != 0) || (c->entropy_seed != NULL &&
	    pin_option(&pc, "entropy-seed", c->entropy_seed, msg,
	    sizeof(msg)) != 0) || (c->host_from != NULL &&
	    pin_option(&pc, "host-from", c->host_from, msg,
	    sizeof(msg)) != 0))
		return fail(rep, EMU_BLAME_NONE, "%s", msg);
	if (pin_open(&s->pin, &pc, &s->h, s->resume, &e) != 0) {
		rep->err = e;
		rep->blame = e.kind == EMU_E_LOG ? EMU_BLAME_HOST_FROM :
		    EMU_BLAME_SNAPSHOT;
		rep->result = EMU_TROUBLE;
		return -1;
	}
	pin_header(s->pin, &s->h);
	return 0;
}

int
emu_open(struct emu_session **sp, const struct emu_config *c,
    struct emu_report *rep)
{
	struct emu_session *s;
	struct rr_writer_options wo;
	struct rr_error err;

	report_init(rep);
	if ((*sp = s = calloc(1, sizeof(*s))) == NULL)
		return fail(rep, EMU_BLAME_NONE, "out of memory");
	s->c = *c;
	s->end = UINT64_MAX;
	if (c->mode == EMU_REPLAY)
		return boot_replay(s, rep);
	if (boot(s, rep) != 0 || open_pins(s, rep) != 0)
		return -1;
	if (c->mode != EMU_RECORD)
		return 0;
	memset(&wo, 0, sizeof(wo));
	wo.block_size = c->block_size;
	wo.journal = 1;		/* a killed recorder leaves a readable log */
	wo.background = 1;	/* compress on the second core */
	wo.inputs = c->inputs;
	wo.ninputs = c->ninputs;
	if (rr_writer_open(&s->w, c->log, &s->h, &wo, &err) != RR_OK) {
		s->w = NULL;
		return fail_lib(rep, EMU_BLAME_OUTPUT, &err);
	}
	return 0;
}

int
emu_start(struct emu_session *s, struct emu_report *rep)
{
	const struct emu_config *c = &s->c;

	report_init(rep);
	s->m.hooks = c->hooks;
	if (c->mode == EMU_REPLAY)
		return 0;	/* attached by replay_start */
	memset(&s->gc, 0, sizeof(s->gc));
	s->gc.mode = c->mode;
	s->gc.out_fd = c->out_fd;
	s->gc.in_fd = c->in_fd;
	s->gc.escape = c->escape;
	s->gc.w = s->w;
	s->gc.hdr = &s->h;
	s->gc.resume = s->resume;
	s->gc.sh_root = c->sh_root;
	s->gc.sh_cmdline = c->sh_cmdline;
	s->gc.pin = s->pin;
	if (gate_attach(&s->m, &s->gc) != 0)
		return fail_machine(s, rep);
	return 0;
}

/* A pause asked for at the terminal (^A s, ^A i) or by a signal. */
static int
take_request(struct emu_session *s)
{
	int r = gate_take_request(&s->m);

	if (s->snap) {
		s->snap = 0;
		return 's';
	}
	return r;
}

int
emu_run(struct emu_session *s, uint64_t to, struct emu_report *rep)
{
	struct replay_outcome o;
	struct machine *m = &s->m;
	int stop, req;

	report_init(rep);
	stop = machine_run(m, to < s->end ? to : s->end);
	if (stop == STOP_REQUEST && m->err.kind == EMU_E_NONE &&
	    (req = take_request(s)) != 0) {
		m->stop_req = 0;
		rep->stop = EMU_ASKED;
		rep->request = req;
		report_where(s, rep);
		return rep->result = EMU_MATCHED;
	}
	replay_outcome(m, stop, s->end, &o);
	rep->result = o.result;
	rep->stop = o.stop;
	rep->has_end = o.has_end;
	rep->reason = o.reason;
	rep->status = o.status;
	if (o.trunc != NULL) {
		rep->trunc_offset = o.trunc->offset;
		rep->trunc_event = o.trunc->event;
	}
	if (o.gap != NULL) {
		rep->gap_event = o.gap->number;
		rep->gap_resume_icount = o.gap->resume_icount;
		rep->gap_resume_event = o.gap->resume_event;
	}
	rep->err = m->err;
	rep->blame = m->err.kind != EMU_E_NONE ? EMU_BLAME_MACHINE :
	    EMU_BLAME_NONE;
	report_where(s, rep);
	return rep->result;
}

int
emu_save(struct emu_session *s, const char *path,
    const struct rr_fileid *inputs, size_t ninputs, struct emu_report *rep)
{
	struct rr_snap *snap;
	struct rr_error err;
	int rc;

	report_init(rep);
	if (machine_save(&s->m, &s->h, &snap) != 0)
		return fail(rep, EMU_BLAME_NONE, "cannot save state");
	if (gate_snap_save(&s->m, snap) != 0) {
		rr_snap_free(snap);
		return fail(rep, EMU_BLAME_NONE, "cannot save state");
	}
	rc = rr_snap_write(snap, path, inputs, ninputs, &err);
	rr_snap_free(snap);
	if (rc != RR_OK)
		return fail_lib(rep, EMU_BLAME_SAVED, &err);
	return 0;
}

void
emu_finish(struct emu_session *s, int early, int64_t status,
    uint32_t reason, const char *text, struct emu_report *rep)
{
	const struct rr_error *end_err;
	struct machine *m = &s->m;
	struct rr_error err;
	char endtext[768];
	size_t n;

	report_init(rep);	/* EMU_MATCHED unless checking finds */
	/*
	 * Where the values taken from the known-good log parted from it:
	 * for the front end to say, and in the END event's text.
	 */
	pin_parted(s->pin, rep->parted, sizeof(rep->parted));
	if (!(s->c.mode == EMU_REPLAY && early) &&
	    gate_finish(m, status, reason == RR_END_EXIT) != 0)
		rep->result = m->err.kind == EMU_E_DIVERGED ? EMU_DIVERGED :
		    EMU_TROUBLE;
	rep->err = m->err;
	rep->blame = m->err.kind != EMU_E_NONE ? EMU_BLAME_MACHINE :
	    EMU_BLAME_NONE;
	if (s->w != NULL) {
		if (m->err.kind != EMU_E_NONE)
			text = m->err.msg;
		else if (reason == RR_END_EXIT)
			text = NULL;
		snprintf(endtext, sizeof(endtext), "%s", text != NULL ? text :
		    "");
		if (rep->parted[0] != '\0') {
			n = strlen(endtext);
			snprintf(endtext + n, sizeof(endtext) - n, "%s%s",
			    n > 0 ? "; " : "", rep->parted);
		}
		if (rr_writer_close(s->w, m->icount, status, reason,
		    endtext[0] != '\0' ? endtext : NULL, &err) != RR_OK) {
			rep->has_lib = 1;
			rep->lib = err;
		}
		s->w = NULL;
	}
	report_where(s, rep);
	rep->host_errno = gate_host_errno(m);
	/* A log whose end is not a valid footer is said so, as rrverify. */
	if (s->rp.r != NULL && (end_err = rr_reader_end_error(s->rp.r)) !=
	    NULL) {
		rep->has_end_error = 1;
		rep->end_error = *end_err;
	}
}

void
emu_interrupt(struct emu_session *s, int snap)
{
	if (snap)
		s->snap = 1;
	s->m.stop_req = 1;
	s->m.brk = 1;
}

void
emu_where(struct emu_session *s, struct emu_report *rep)
{
	report_init(rep);
	report_where(s, rep);
}

void
emu_close(struct emu_session *s)
{
	if (s == NULL)
		return;
	replay_close(&s->rp);
	gate_detach(&s->m);
	rr_writer_abort(s->w);
	rr_snap_free(s->resume);
	pin_close(s->pin);
	machine_free(&s->m);
	free(s);
}

int
emu_gdb(struct emu_session *s, const char *addr, uint64_t interval,
    uint64_t key_cost, int *at_end, struct emu_report *rep)
{
	struct debug_config dc;
	int rc;

	report_init(rep);
	memset(&dc, 0, sizeof(dc));
	dc.addr = addr;
	dc.log = s->c.mode == EMU_REPLAY ? s->c.log : NULL;
	dc.gc = s->gc;
	dc.end = s->c.mode == EMU_REPLAY ? s->end : UINT64_MAX;
	dc.interval = interval;
	dc.key_cost = key_cost;
	*at_end = 0;
	rc = debug_serve(&s->m, &dc, at_end, rep->err.msg,
	    sizeof(rep->err.msg));
	report_where(s, rep);
	switch (rc) {
	case DEBUG_DETACHED:
		return EMU_GDB_DETACHED;
	case DEBUG_KILLED:
		return EMU_GDB_KILLED;
	default:
		rep->err.kind = EMU_E_MACHINE;
		return EMU_GDB_FAILED;
	}
}

int
emu_gdb_addr_check(const char *addr, char *err, size_t errlen)
{
	return gdb_addr_check(addr, err, errlen);
}

uint8_t *
emu_dtb(uint32_t ram, size_t *len)
{
	struct machine m;
	uint8_t *buf;

	if (machine_init(&m, ram, 0) != 0)
		return NULL;
	if ((buf = malloc(DTB_MAX)) != NULL &&
	    (*len = dtb_build(&m, buf, DTB_MAX)) == 0) {
		free(buf);
		buf = NULL;
	}
	machine_free(&m);
	return buf;
}
