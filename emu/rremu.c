/* rremu: run, record or replay a guest on the deterministic RV32 machine. */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "machine.h"
#include "dtb.h"
#include "gate.h"
#include "debug.h"
#include "pin.h"
#include "replay.h"
#include "../cmd/common.h"
#include "../lib/rr.h"
#include "../lib/rrsnap.h"

/* Exit status (rremu(1)): the guest's code is passed through. */
#define EX_GUEST_MAX	124	/* guest codes above are shown as 124 */
#define EX_TROUBLE	125	/* usage, I/O, bad input, emulator error */
#define EX_DIVERGED	126	/* replay parted from the recording */
#define EX_UNFINISHED	127	/* the guest did not exit */

#define MAX_PAUSES	64
/*
 * The default keyframe interval, in instructions: a recording can be cut
 * (rrcut) at any keyframe, so a cut replays at most this many
 * instructions it does not keep.  By instruction count, never by log
 * bytes, so two recordings of the same input stay identical.  Chosen by
 * measurement (rremu(1)): on the bench workloads it costs under 2% of
 * log size and no measurable record time.
 */
#define KEYFRAME_DEFAULT	200000000ull

static struct {
	int		 mode;
	const char	*input;
	const char	*output;
	const char	*load;
	const char	*save;
	const char	*gdb;		/* --gdb ADDR */
	uint64_t	 ram;
	uint64_t	 shift;
	uint64_t	 ckpt;
	uint64_t	 key;
	uint64_t	 limit;
	uint64_t	 stop_at;
	uint64_t	 pauses[MAX_PAUSES];
	int		 npauses;
	int		 quiet;
	int		 verbose;
	uint64_t	 block;
	int		 ram_set, shift_set, ckpt_set, key_set;
	int		 semihosting;	/* --semihosting */
	const char	*sh_root;	/* --semihosting-root */
	char		 cmdline[SH_CMDLINE_MAX];	/* GET_CMDLINE */
} opt;

/*
 * Pinned host inputs (--rtc-base, --entropy-seed, --host-from): what the
 * options say, and the sources opened from it (emu/pin.c).
 */
static struct pin_config pins;
static struct pin *pin;

static struct machine mach;
/* Stopped before the end (-s, -n, a signal): a replay's log goes on. */
static int halted;
static const char *log_name;	/* replay: the log, for messages */
static char end_text[768];	/* the END event's text (record) */
/* Replay: the recording's last icount; the replay never runs past it. */
static uint64_t replay_end = UINT64_MAX;

/*
 * The files this run reads (and the log it writes): no snapshot is
 * ever written over one of them, by whatever name (rr_output_open).
 */
#define MAX_INPUTS	8
static struct rr_fileid inputs[MAX_INPUTS];
static size_t ninputs;

static void report_error(const char *input);

static struct termios saved_tio;
static int tio_saved = -1;

static void
usage(FILE *f)
{
	fprintf(f, "usage: rremu run [-qv] [-i file] [-L snap] [-m size] "
	    "[-n limit] [-P list]\n"
	    "             [-s icount] [-S snap] [-t shift] guest.elf\n"
	    "       rremu record [-qv] [-b size] [-c interval] [-i file] "
	    "[-k interval]\n"
	    "             [-L snap] [-m size] [-n limit] [-P list] "
	    "[-s icount] [-S snap]\n"
	    "             [-t shift] -o trace.rr guest.elf\n"
	    "       rremu run|record --semihosting [--semihosting-root dir] "
	    "... guest.elf [arg ...]\n"
	    "       rremu run|record [--rtc-base date] [--entropy-seed n] "
	    "[--host-from good.rr] ...\n"
	    "       rremu replay [-qv] [-L snap] [-n limit] [-P list] "
	    "[-s icount] [-S snap]\n"
	    "             trace.rr [guest.elf]\n"
	    "       rremu run|replay --gdb address ...\n"
	    "       rremu dtb [-m size] -o virt.dtb\n");
}

/* The log's name in messages: "-" is standard output here. */
static const char *
out_name(void)
{
	return strcmp(opt.output, "-") == 0 ? "stdout" : opt.output;
}

/* After -h or -V: was it written? */
static int
stdout_status(void)
{
	if (cmd_exit() != 0)
		return EX_TROUBLE;
	return 0;
}

static void
restore_tty(void)
{
	if (tio_saved == 0)
		(void)tcsetattr(STDIN_FILENO, TCSANOW, &saved_tio);
	tio_saved = -1;
}

static volatile sig_atomic_t snap_signal;

static void
on_signal(int sig)
{
	if (sig == SIGUSR1)
		snap_signal = 1;
	mach.stop_req = 1;
	mach.brk = 1;
}

/* A pause asked for: SIGUSR1 or ^A s saves a snapshot, ^A i reports. */
static int
take_request(void)
{
	int r = gate_take_request(&mach);

	if (snap_signal) {
		snap_signal = 0;
		return 's';
	}
	return r;
}

/* Raw terminal: keys go to the guest; ^A x stops (rremu(1)). */
static int
raw_tty(int fd)
{
	struct termios t;

	if (!isatty(fd) || tcgetattr(fd, &saved_tio) != 0)
		return 0;
	tio_saved = 0;
	atexit(restore_tty);
	t = saved_tio;
	t.c_iflag &= ~(unsigned)(IGNBRK | BRKINT | PARMRK | ISTRIP | INLCR |
	    IGNCR | ICRNL | IXON);
	t.c_lflag &= ~(unsigned)(ECHO | ECHONL | ICANON | ISIG | IEXTEN);
	t.c_cflag |= CS8;
	t.c_cc[VMIN] = 1;
	t.c_cc[VTIME] = 0;
	(void)tcsetattr(fd, TCSANOW, &t);
	return 1;
}

/* 64M, 512K, 1G or plain bytes. */
static int
parse_size(const char *s, uint64_t *v)
{
	char *end;
	unsigned long long n;
	int sh = 0;

	errno = 0;
	n = strtoull(s, &end, 0);
	if (errno != 0 || end == s)
		return -1;
	if (*end == 'K' || *end == 'k')
		sh = 10;
	else if (*end == 'M' || *end == 'm')
		sh = 20;
	else if (*end == 'G' || *end == 'g')
		sh = 30;
	else if (*end != '\0')
		return -1;
	if (sh != 0 && end[1] != '\0')
		return -1;
	if (n > (UINT64_MAX >> sh))
		return -1;
	*v = (uint64_t)n << sh;
	return 0;
}

static int
parse_pauses(const char *s)
{
	char buf[32];
	const char *p = s, *c;
	size_t n;

	while (*p != '\0') {
		c = strchr(p, ',');
		n = c ? (size_t)(c - p) : strlen(p);
		if (n == 0 || n >= sizeof(buf) || opt.npauses == MAX_PAUSES)
			return -1;
		memcpy(buf, p, n);
		buf[n] = '\0';
		if (cmd_number(buf, &opt.pauses[opt.npauses]) != 0 ||
		    opt.pauses[opt.npauses++] == 0)
			return -1;	/* icount 0 is before anything ran */
		p += n + (c != NULL);
	}
	return 0;
}

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

/* Note a file of this run by identity ("-": standard input, if a file). */
static void
add_input(const char *path)
{
	struct stat st;

	if (ninputs == MAX_INPUTS)
		return;
	if (strcmp(path, "-") == 0 && (fstat(STDIN_FILENO, &st) != 0 ||
	    !S_ISREG(st.st_mode)))
		return;
	if (rr_fileid_path(path, &inputs[ninputs]) == 0)
		ninputs++;
}

/* Save a snapshot of the machine (with the gate's state) to path. */
static int
save_snapshot(const char *path, const struct rr_header *h)
{
	struct rr_snap *s;
	struct rr_error err;
	int rc;

	if (machine_save(&mach, h, &s) != 0) {
		cmd_msg(NULL, RR_NO_OFFSET, RR_NO_EVENT, "cannot save state");
		return -1;
	}
	if (gate_snap_save(&mach, s) != 0) {
		cmd_msg(NULL, RR_NO_OFFSET, RR_NO_EVENT, "cannot save state");
		rr_snap_free(s);
		return -1;
	}
	rc = rr_snap_write(s, path, inputs, ninputs, &err);
	rr_snap_free(s);
	if (rc != RR_OK) {
		cmd_rrerr(rr_output_name(path), &err);
		halted = 1;	/* a replay stops here: no divergence */
		return -1;
	}
	return 0;
}

static int
load_snapshot(const char *path, struct rr_snap **sp)
{
	struct rr_error err;
	char msg[256];

	if (rr_snap_read(sp, path, &err) != RR_OK) {
		cmd_msg(path, err.offset, RR_NO_EVENT, "%s", err.msg);
		return -1;
	}
	if (machine_load(&mach, *sp, msg, sizeof(msg)) != 0) {
		cmd_msg(path, RR_NO_OFFSET, RR_NO_EVENT, "%s", msg);
		rr_snap_free(*sp);
		*sp = NULL;
		return -1;
	}
	return 0;
}

/* Build the machine for run/record: from the ELF, or a snapshot. */
static int
boot(const char *elf, struct rr_snap **resume, struct rr_header *h)
{
	uint8_t *img;
	size_t len;
	uint32_t entry;
	char msg[256];
	int rc;

	if (machine_init(&mach, (uint32_t)opt.ram, (uint32_t)opt.shift) != 0) {
		cmd_msg(NULL, RR_NO_OFFSET, RR_NO_EVENT,
		    "cannot build a machine with %llu bytes of RAM",
		    (unsigned long long)opt.ram);
		return -1;
	}
	if ((img = slurp(elf, &len)) == NULL) {
		cmd_syserr(elf, errno, "cannot read");
		return -1;
	}
	rc = elf_load(&mach, img, len, &entry, msg, sizeof(msg));
	free(img);
	if (rc != 0) {
		cmd_msg(elf, RR_NO_OFFSET, RR_NO_EVENT, "%s", msg);
		return -1;
	}
	mach.sh.on = (uint32_t)opt.semihosting;
	if (machine_boot(&mach, entry) != 0) {
		cmd_msg(elf, RR_NO_OFFSET, RR_NO_EVENT, "%s", mach.err.msg);
		return -1;
	}
	machine_header(&mach, h);
	if (opt.load != NULL) {
		if (load_snapshot(opt.load, resume) != 0)
			return -1;
		if (rr_snap_meta(*resume)->hdr.image_hash != h->image_hash) {
			cmd_msg(opt.load, RR_NO_OFFSET, RR_NO_EVENT,
			    "snapshot is of another guest image");
			return -1;
		}
		if (rr_snap_meta(*resume)->hdr.semihosting !=
		    (uint32_t)opt.semihosting) {
			cmd_msg(opt.load, RR_NO_OFFSET, RR_NO_EVENT,
			    "snapshot of a machine %s semihosting: %s "
			    "--semihosting", opt.semihosting ? "without" :
			    "with", opt.semihosting ? "drop" : "add");
			return -1;
		}
		memcpy(h->recording_id, rr_snap_meta(*resume)->hdr.recording_id,
		    16);
		/* The run goes on with the snapshot's clock, not -t's. */
		h->clock_shift = mach.clock_shift;
	} else
		while (getrandom(h->recording_id, 16, 0) < 0 && errno == EINTR)
			;
	h->created = (int64_t)time(NULL);
	h->checkpoint_interval = opt.ckpt;
	h->keyframe_interval = opt.key;
	snprintf(h->tool_version, sizeof(h->tool_version), "rremu %s",
	    RR_LIB_VERSION);
	return 0;
}

/*
 * Build the machine for replay from the log's first keyframe, or from
 * -L's snapshot, and attach its gate (emu/replay.c, shared with rrverify,
 * rrdiff and rrcut).
 */
static int
boot_replay(struct replay *p, const char *log, const char *elf)
{
	struct emu_error e;
	uint8_t *img;
	size_t len;
	int rc;

	rc = replay_open(p, &mach, log, cmd_name(log), opt.quiet ? -1 :
	    STDOUT_FILENO, &e);
	if (rc == 0)
		rc = replay_start(p, opt.load, 0, &e);
	replay_end = p->end;
	if (rc == -REPLAY_GATE) {
		report_error(log);
		return -1;
	}
	if (rc != 0) {
		cmd_msg(rc == -REPLAY_SNAPSHOT ? opt.load : log, e.offset,
		    e.event, "%s", e.msg);
		return -1;
	}
	if (elf != NULL) {
		if ((img = slurp(elf, &len)) == NULL) {
			cmd_syserr(elf, errno, "cannot read");
			return -1;
		}
		rc = rr_hash64(img, len, 0) != p->h.image_hash;
		free(img);
		if (rc) {
			cmd_msg(log, RR_NO_OFFSET, RR_NO_EVENT, "recorded from "
			    "another guest image than %s", cmd_name(elf));
			return -1;
		}
	}
	return 0;
}

/*
 * Say what m->err says, positioned: a log error or a divergence names the
 * log (replay) or the output (record) with its offset and event.
 */
static void
report_error(const char *input)
{
	const char *file = NULL;

	if (mach.err.kind == EMU_E_LOG || mach.err.kind == EMU_E_DIVERGED)
		file = opt.mode == GATE_REPLAY ? input : out_name();
	/* A divergence's text names its event and icount itself. */
	cmd_msg(file, mach.err.offset, mach.err.kind == EMU_E_LOG ?
	    mach.err.event : RR_NO_EVENT, "%s", mach.err.msg);
}

static int
guest_status(int code)
{
	if (code < 0 || code > EX_GUEST_MAX) {
		cmd_msg(NULL, RR_NO_OFFSET, RR_NO_EVENT, "guest exit code %d "
		    "shown as %d", code, EX_GUEST_MAX);
		return EX_GUEST_MAX;
	}
	return code;
}

/* After an error: was it the replay parting from the log, or trouble? */
static int
error_status(void)
{
	return mach.err.kind == EMU_E_DIVERGED ? EX_DIVERGED : EX_TROUBLE;
}

/*
 * Replay reached the recording's END while the guest runs on (an END
 * with the guest's exit is a divergence, replay_outcome says).
 */
static int
recording_ended(uint32_t reason)
{
	/*
	 * A piece cut out of a longer recording (rrcut) ends where the cut
	 * does: reaching it with every checkpoint matched is success.
	 */
	if (reason == RR_END_CUT) {
		if (opt.verbose)
			cmd_msg(log_name, RR_NO_OFFSET, RR_NO_EVENT, "reached "
			    "the cut's END at icount %llu; every checkpoint "
			    "matched, the last at icount %llu",
			    (unsigned long long)mach.icount,
			    (unsigned long long)gate_agreed(&mach));
		return 0;
	}
	cmd_msg(NULL, RR_NO_OFFSET, RR_NO_EVENT, "the recording ended here, "
	    "%s, at icount %llu", rr_end_reason_name(reason),
	    (unsigned long long)mach.icount);
	return EX_UNFINISHED;
}

static uint64_t
next_stop(void)
{
	uint64_t n = opt.limit < opt.stop_at ? opt.limit : opt.stop_at;

	if (replay_end < n)
		n = replay_end;
	int i;

	for (i = 0; i < opt.npauses; i++)
		if (opt.pauses[i] > mach.icount && opt.pauses[i] < n)
			n = opt.pauses[i];
	return n;
}

/* A pause at icount -P asked for (not -s): report, save, go on. */
static int
pause_here(const struct rr_header *h)
{
	char path[4096];
	int i, paused = 0;

	for (i = 0; i < opt.npauses; i++)
		paused |= opt.pauses[i] == mach.icount;
	if (!paused || mach.icount == opt.stop_at)
		return 0;
	if (opt.verbose)
		cmd_msg(NULL, RR_NO_OFFSET, RR_NO_EVENT, "paused at icount "
		    "%llu, pc 0x%08x", (unsigned long long)mach.icount,
		    mach.cpu.pc);
	if (opt.save != NULL) {
		snprintf(path, sizeof(path), "%s.%llu", opt.save,
		    (unsigned long long)mach.icount);
		if (save_snapshot(path, h) != 0)
			return -1;
	}
	return 1;
}

/* A pause on request (^A s, ^A i, SIGUSR1): report or save. */
static int
request_here(const struct rr_header *h, int req)
{
	char path[4096];

	if (req != 's') {
		cmd_msg(NULL, RR_NO_OFFSET, RR_NO_EVENT, "at icount %llu, pc "
		    "0x%08x", (unsigned long long)mach.icount, mach.cpu.pc);
		return 0;
	}
	snprintf(path, sizeof(path), "%s.%llu", opt.save != NULL ? opt.save :
	    "rremu", (unsigned long long)mach.icount);
	if (save_snapshot(path, h) != 0)
		return -1;
	cmd_msg(NULL, RR_NO_OFFSET, RR_NO_EVENT, "saved %s at icount %llu, "
	    "pc 0x%08x", cmd_name(path), (unsigned long long)mach.icount,
	    mach.cpu.pc);
	return 0;
}

/* Run to the end; returns the exit status. */
static int
drive(const struct rr_header *h, uint32_t *reason, int64_t *status)
{
	struct replay_outcome o;
	int rc, req;

	for (;;) {
		rc = machine_run(&mach, next_stop());
		if (rc == STOP_LIMIT && mach.err.kind == EMU_E_NONE &&
		    (req = pause_here(h)) != 0) {
			if (req < 0)
				return EX_TROUBLE;
			continue;
		}
		if (rc == STOP_REQUEST && mach.err.kind == EMU_E_NONE &&
		    (req = take_request()) != 0) {
			mach.stop_req = 0;
			if (request_here(h, req) != 0)
				return EX_TROUBLE;
			continue;
		}
		break;
	}
	replay_outcome(&mach, rc, replay_end, &o);
	if (o.has_end) {
		*reason = o.reason;
		*status = o.status;
	}
	switch (o.stop) {
	case REPLAY_AT:
		halted = 1;
		if (mach.icount == opt.stop_at) {
			*reason = RR_END_STOPPED;
			if (opt.save != NULL && save_snapshot(opt.save, h) != 0)
				return EX_TROUBLE;
			cmd_msg(NULL, RR_NO_OFFSET, RR_NO_EVENT,
			    "stopped at icount %llu, pc 0x%08x",
			    (unsigned long long)mach.icount, mach.cpu.pc);
			return 0;
		}
		*reason = RR_END_LIMIT;
		cmd_msg(NULL, RR_NO_OFFSET, RR_NO_EVENT,
		    "instruction limit %llu reached, pc 0x%08x",
		    (unsigned long long)mach.icount, mach.cpu.pc);
		return EX_UNFINISHED;
	case REPLAY_ENDED:
		return recording_ended(*reason);
	case REPLAY_EXITED:
		*reason = RR_END_EXIT;
		*status = mach.exit_code;
		if (opt.stop_at != UINT64_MAX && opt.save != NULL)
			cmd_msg(NULL, RR_NO_OFFSET, RR_NO_EVENT, "the guest "
			    "exited at icount %llu, before -s %llu: no "
			    "snapshot saved", (unsigned long long)mach.icount,
			    (unsigned long long)opt.stop_at);
		return guest_status(mach.exit_code);
	case REPLAY_TRUNCATED:
		halted = 1;
		cmd_msg(log_name, o.trunc->offset, o.trunc->event, "the log "
		    "ends without END (not closed): replay matched its %llu "
		    "events, up to icount %llu",
		    (unsigned long long)gate_events(&mach),
		    (unsigned long long)mach.icount);
		return EX_UNFINISHED;
	case REPLAY_GAP:
		*reason = RR_END_STOPPED;
		halted = 1;
		cmd_msg(log_name, RR_NO_OFFSET, o.gap->number, "replay stops "
		    "at a gap in the recording at icount %llu; every "
		    "checkpoint before it matched; the recording resumes at "
		    "icount %llu (event %llu of the original)",
		    (unsigned long long)mach.icount,
		    (unsigned long long)o.gap->resume_icount,
		    (unsigned long long)o.gap->resume_event);
		return EX_UNFINISHED;
	case REPLAY_REQUESTED:
		*reason = RR_END_STOPPED;
		halted = 1;
		cmd_msg(NULL, RR_NO_OFFSET, RR_NO_EVENT, "stopped on request "
		    "at icount %llu, pc 0x%08x",
		    (unsigned long long)mach.icount, mach.cpu.pc);
		return EX_UNFINISHED;
	case REPLAY_STUCK:
		/* Stuck, where the recording was too or not: as recorded. */
		return error_status();
	case REPLAY_IDLE:
		*reason = RR_END_STOPPED;
		snprintf(end_text, sizeof(end_text), "guest waits for input "
		    "that will not come (icount %llu, pc 0x%08x)",
		    (unsigned long long)mach.icount, mach.cpu.pc);
		cmd_msg(NULL, RR_NO_OFFSET, RR_NO_EVENT, "%s", end_text);
		return EX_UNFINISHED;
	default:
		if (rc != STOP_LIMIT && rc != STOP_REQUEST && !o.has_end)
			*reason = RR_END_ERROR;
		return error_status();
	}
}

/* A positive number from environment variable name into *v, if set. */
static int
env_number(const char *name, uint64_t *v)
{
	const char *env = getenv(name);

	if (env == NULL)
		return 0;
	if (cmd_number(env, v) != 0 || *v == 0) {
		cmd_msg(NULL, RR_NO_OFFSET, RR_NO_EVENT, "%s: not a positive "
		    "number: %s", name, env);
		return -1;
	}
	return 0;
}

/*
 * --gdb: gdb drives the machine until it detaches (then the run goes on
 * as without gdb), kills it or goes away (rremu stops there), or the end
 * is reached (rremu ends as the run or replay would).
 */
static int
serve_gdb(const struct rr_header *h, const char *log,
    const struct gate_config *gc, uint32_t *reason, int64_t *status)
{
	struct debug_config dc;
	char err[256];
	int end;

	memset(&dc, 0, sizeof(dc));
	err[0] = '\0';
	dc.addr = opt.gdb;
	dc.log = opt.mode == GATE_REPLAY ? log : NULL;
	dc.gc = *gc;
	dc.end = opt.mode == GATE_REPLAY ? replay_end : UINT64_MAX;
	/* rremu(1), ENVIRONMENT: for tests and measurements. */
	if (env_number("RREMU_SNAP_INTERVAL", &dc.interval) != 0 ||
	    env_number("RREMU_KEY_COST", &dc.key_cost) != 0) {
		*reason = RR_END_ERROR;
		halted = 1;
		return EX_TROUBLE;
	}
	switch (debug_serve(&mach, &dc, &end, err, sizeof(err))) {
	case DEBUG_DETACHED:
		return drive(h, reason, status);
	case DEBUG_KILLED:
		if (end)
			return drive(h, reason, status);
		*reason = RR_END_STOPPED;
		halted = 1;
		if (err[0] != '\0')
			cmd_msg(NULL, RR_NO_OFFSET, RR_NO_EVENT, "gdb: %s", err);
		else
			cmd_msg(NULL, RR_NO_OFFSET, RR_NO_EVENT, "stopped by "
			    "gdb at icount %llu, pc 0x%08x",
			    (unsigned long long)mach.icount, mach.cpu.pc);
		return EX_UNFINISHED;
	default:
		*reason = RR_END_ERROR;
		halted = 1;
		cmd_msg(NULL, RR_NO_OFFSET, RR_NO_EVENT, "gdb: %s", err);
		return EX_TROUBLE;
	}
}

/* Open the pinned host inputs of a run or record, and say them in h. */
static int
open_pins(struct rr_header *h, const struct rr_snap *resume)
{
	struct emu_error e;

	if (pin_open(&pin, &pins, h, resume, &e) != 0) {
		cmd_msg(e.kind == EMU_E_LOG ? pins.host_from : opt.load,
		    e.offset, e.event, "%s", e.msg);
		return -1;
	}
	pin_header(pin, h);
	return 0;
}

/*
 * Where the values taken from --host-from's log parted from it: said on
 * stderr, and in the END event's text.
 */
static void
pins_parted(void)
{
	char text[512];
	size_t n = strlen(end_text);

	if (!pin_parted(pin, text, sizeof(text)))
		return;
	cmd_msg(opt.output != NULL ? out_name() : NULL, RR_NO_OFFSET,
	    RR_NO_EVENT, "%s", text);
	snprintf(end_text + n, sizeof(end_text) - n, "%s%s", n > 0 ? "; " :
	    "", text);
}

/*
 * Options that mean nothing in a mode are refused, not ignored: a user
 * who asks replay for -m 64M would otherwise think it took effect.
 */
static int
check_options(void)
{
	const char *bad = NULL;

	if (opt.mode == GATE_REPLAY) {
		if (opt.input != NULL)
			bad = "-i: replay takes its input from the log";
		else if (opt.ram_set || opt.shift_set)
			bad = "-m and -t: replay builds the machine the log "
			    "describes";
	}
	if (opt.mode != GATE_RECORD && (opt.ckpt_set || opt.key_set ||
	    opt.block != 0))
		bad = "-b, -c and -k are for record";
	if (opt.mode == GATE_RECORD && strcmp(opt.output, "-") == 0 &&
	    !opt.quiet)
		bad = "-o - needs -q: guest output would mix into the log";
	if (opt.mode == GATE_RECORD && opt.gdb != NULL)
		bad = "--gdb is for run and replay";
	if (opt.mode == GATE_REPLAY && (opt.semihosting ||
	    opt.sh_root != NULL))
		bad = "--semihosting: replay builds the machine the log "
		    "describes, and takes every answer from it";
	if (opt.sh_root != NULL && !opt.semihosting)
		bad = "--semihosting-root needs --semihosting";
	if (opt.mode == GATE_REPLAY && (pins.clock_vm ||
	    pins.entropy_seeded || pins.host_from != NULL))
		bad = "--rtc-base, --entropy-seed and --host-from are for run "
		    "and record: a replay takes every host value from its log";
	if (bad != NULL)
		cmd_msg(NULL, RR_NO_OFFSET, RR_NO_EVENT, "%s", bad);
	return bad != NULL ? -1 : 0;
}

/* Long-only options: values no short option has. */
#define OPT_GDB		0x100
#define OPT_SEMIHOSTING	0x101
#define OPT_SH_ROOT	0x102
#define OPT_PIN		0x103	/* --rtc-base, --entropy-seed, --host-from */

static int
parse_args(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "block-size", required_argument, NULL, 'b' },
		{ "checkpoint-interval", required_argument, NULL, 'c' },
		{ "entropy-seed", required_argument, NULL, OPT_PIN },
		{ "gdb", required_argument, NULL, OPT_GDB },
		{ "help", no_argument, NULL, 'h' },
		{ "host-from", required_argument, NULL, OPT_PIN },
		{ "input", required_argument, NULL, 'i' },
		{ "keyframe-interval", required_argument, NULL, 'k' },
		{ "load-snapshot", required_argument, NULL, 'L' },
		{ "ram", required_argument, NULL, 'm' },
		{ "limit", required_argument, NULL, 'n' },
		{ "output", required_argument, NULL, 'o' },
		{ "pause-at", required_argument, NULL, 'P' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "rtc-base", required_argument, NULL, OPT_PIN },
		{ "stop-at", required_argument, NULL, 's' },
		{ "save-snapshot", required_argument, NULL, 'S' },
		{ "semihosting", no_argument, NULL, OPT_SEMIHOSTING },
		{ "semihosting-root", required_argument, NULL, OPT_SH_ROOT },
		{ "shift", required_argument, NULL, 't' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	char msg[160];
	int ch, li, bad = 0;

	opt.ram = 128u << 20;
	opt.ckpt = 10000000;
	opt.key = KEYFRAME_DEFAULT;
	opt.limit = UINT64_MAX;
	opt.stop_at = UINT64_MAX;
	while ((ch = getopt_long(argc, argv, ":b:c:hi:k:L:m:n:o:P:qs:S:t:vV",
	    longopts, &li)) != -1) {
		switch (ch) {
		case 'b':
			bad |= parse_size(optarg, &opt.block) != 0 ||
			    opt.block < RR_BLOCK_MIN || opt.block > RR_BLOCK_MAX;
			break;
		case 'c':
			bad |= cmd_number(optarg, &opt.ckpt) != 0;
			opt.ckpt_set = 1;
			break;
		case OPT_GDB:
			opt.gdb = optarg;
			break;
		case OPT_SEMIHOSTING:
			opt.semihosting = 1;
			break;
		case OPT_SH_ROOT:
			opt.sh_root = optarg;
			break;
		case OPT_PIN:
			if (pin_option(&pins, longopts[li].name, optarg, msg,
			    sizeof(msg)) != 0) {
				cmd_msg(NULL, RR_NO_OFFSET, RR_NO_EVENT, "%s",
				    msg);
				usage(stderr);
				exit(EX_TROUBLE);
			}
			break;
		case 'h':
			usage(stdout);
			exit(stdout_status());
		case 'i':
			opt.input = optarg;
			break;
		case 'k':
			bad |= cmd_number(optarg, &opt.key) != 0;
			opt.key_set = 1;
			break;
		case 'L':
			opt.load = optarg;
			break;
		case 'm':
			bad |= parse_size(optarg, &opt.ram) != 0 ||
			    opt.ram < (1u << 16) || opt.ram > (1ull << 30) ||
			    opt.ram % PAGE_SIZE != 0;
			opt.ram_set = 1;
			break;
		case 'n':
			bad |= cmd_number(optarg, &opt.limit) != 0;
			break;
		case 'o':
			opt.output = optarg;
			break;
		case 'P':
			bad |= parse_pauses(optarg) != 0;
			break;
		case 'q':
			opt.quiet = 1;
			break;
		case 's':
			bad |= cmd_number(optarg, &opt.stop_at) != 0;
			break;
		case 'S':
			opt.save = optarg;
			break;
		case 't':
			bad |= cmd_number(optarg, &opt.shift) != 0 ||
			    opt.shift > 32;
			opt.shift_set = 1;
			break;
		case 'v':
			opt.verbose = 1;
			break;
		case 'V':
			cmd_version();
			exit(stdout_status());
		default:
			cmd_badopt(ch, argv);
			usage(stderr);
			exit(EX_TROUBLE);
		}
		if (bad) {
			cmd_msg(NULL, RR_NO_OFFSET, RR_NO_EVENT,
			    "bad value for -%c: %s", ch, optarg);
			usage(stderr);
			exit(EX_TROUBLE);
		}
	}
	return optind;
}

/*
 * Semihosting's GET_CMDLINE: the guest's file name and the words after
 * it, as QEMU gives the kernel's name and its arguments.
 */
static int
join_cmdline(int n, char **words)
{
	size_t len = 0, k;
	int i;

	for (i = 0; i < n; i++) {
		k = strlen(words[i]);
		if (len + (i > 0) + k >= sizeof(opt.cmdline))
			return -1;
		if (i > 0)
			opt.cmdline[len++] = ' ';
		memcpy(opt.cmdline + len, words[i], k);
		len += k;
	}
	opt.cmdline[len] = '\0';
	return 0;
}

/* rremu dtb: the device tree a machine of -m's RAM boots with. */
static int
write_dtb(void)
{
	struct rr_output o;
	struct rr_error err;
	uint8_t buf[DTB_MAX];
	size_t n, off = 0;
	ssize_t k;

	if (machine_init(&mach, (uint32_t)opt.ram, 0) != 0 ||
	    (n = dtb_build(&mach, buf, sizeof(buf))) == 0) {
		cmd_msg(NULL, RR_NO_OFFSET, RR_NO_EVENT, "cannot build the "
		    "device tree");
		machine_free(&mach);
		return EX_TROUBLE;
	}
	machine_free(&mach);
	if (rr_output_open(&o, opt.output, 0, NULL, 0, &err) != RR_OK) {
		cmd_rrerr(rr_output_name(opt.output), &err);
		return EX_TROUBLE;
	}
	while (off < n) {
		k = write(o.fd, buf + off, n - off);
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0) {
			cmd_syserr(rr_output_name(opt.output), k < 0 ? errno :
			    EIO, "cannot write");
			rr_output_abort(&o);
			return EX_TROUBLE;
		}
		off += (size_t)k;
	}
	if (rr_output_commit(&o, &err) != RR_OK) {
		cmd_rrerr(rr_output_name(opt.output), &err);
		return EX_TROUBLE;
	}
	return 0;
}

int
main(int argc, char **argv)
{
	struct gate_config gc;
	struct rr_writer_options wo;
	struct rr_writer *w = NULL;
	struct replay rp;
	struct rr_snap *resume = NULL;
	struct rr_header h;
	struct rr_error err;
	const struct rr_error *end_err;
	struct sigaction sa;
	const char *mode;
	int64_t status = 0;
	uint32_t reason = RR_END_ERROR;
	int ind, ex, e, in_fd = -1;

	cmd_init("rremu");
	memset(&rp, 0, sizeof(rp));
	if (argc < 2 || argv[1][0] == '-') {
		if (argc >= 2 && (strcmp(argv[1], "-h") == 0 ||
		    strcmp(argv[1], "--help") == 0)) {
			usage(stdout);
			return stdout_status();
		}
		if (argc >= 2 && (strcmp(argv[1], "-V") == 0 ||
		    strcmp(argv[1], "--version") == 0)) {
			cmd_version();
			return stdout_status();
		}
		usage(stderr);
		return EX_TROUBLE;
	}
	mode = argv[1];
	if (strcmp(mode, "dtb") == 0) {
		opt.mode = GATE_RUN;
		ind = parse_args(argc - 1, argv + 1) + 1;
		if (argc != ind || opt.output == NULL || opt.load != NULL ||
		    opt.input != NULL || opt.save != NULL || opt.gdb != NULL ||
		    opt.shift_set || opt.ckpt_set || opt.key_set ||
		    pins.clock_vm || pins.entropy_seeded ||
		    pins.host_from != NULL) {
			cmd_msg(NULL, RR_NO_OFFSET, RR_NO_EVENT, "dtb takes -m "
			    "and -o only, and needs -o");
			usage(stderr);
			return EX_TROUBLE;
		}
		return write_dtb();
	}
	opt.mode = strcmp(mode, "run") == 0 ? GATE_RUN :
	    strcmp(mode, "record") == 0 ? GATE_RECORD :
	    strcmp(mode, "replay") == 0 ? GATE_REPLAY : -1;
	if (opt.mode < 0) {
		cmd_msg(NULL, RR_NO_OFFSET, RR_NO_EVENT, "unknown mode: %s",
		    cmd_name(mode));
		usage(stderr);
		return EX_TROUBLE;
	}
	ind = parse_args(argc - 1, argv + 1) + 1;
	if (argc - ind != 1 && !(opt.mode == GATE_REPLAY && argc - ind == 2) &&
	    !(opt.semihosting && opt.mode != GATE_REPLAY && argc - ind > 1)) {
		usage(stderr);
		return EX_TROUBLE;
	}
	if (opt.semihosting && join_cmdline(argc - ind, argv + ind) != 0) {
		cmd_msg(NULL, RR_NO_OFFSET, RR_NO_EVENT, "the guest's command "
		    "line is over %u bytes", SH_CMDLINE_MAX - 1);
		return EX_TROUBLE;
	}
	if ((opt.mode == GATE_RECORD) != (opt.output != NULL)) {
		cmd_msg(NULL, RR_NO_OFFSET, RR_NO_EVENT, opt.output ?
		    "-o is for record" : "record needs -o trace.rr");
		usage(stderr);
		return EX_TROUBLE;
	}
	if (check_options() != 0) {
		usage(stderr);
		return EX_TROUBLE;
	}
	/* Every file read, by identity: an output never replaces one. */
	add_input(argv[ind]);
	if (argc - ind == 2 && opt.mode == GATE_REPLAY)
		add_input(argv[ind + 1]);
	if (opt.load != NULL)
		add_input(opt.load);
	if (pins.host_from != NULL)
		add_input(pins.host_from);
	if (opt.mode != GATE_REPLAY)
		add_input(opt.input != NULL ? opt.input : "-");
	if (opt.mode == GATE_RECORD && rr_output_check(opt.output, inputs,
	    ninputs, &err) != RR_OK) {
		cmd_rrerr(out_name(), &err);
		return EX_TROUBLE;
	}
	if (opt.save != NULL && rr_output_check(opt.save, inputs, ninputs,
	    &err) != RR_OK) {
		cmd_rrerr(rr_output_name(opt.save), &err);
		return EX_TROUBLE;
	}
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);	/* the terminal went: close the log */
	sigaction(SIGUSR1, &sa, NULL);
	memset(&gc, 0, sizeof(gc));
	gc.mode = opt.mode;
	gc.out_fd = opt.quiet ? -1 : STDOUT_FILENO;
	gc.in_fd = -1;
	if (opt.mode == GATE_REPLAY) {
		log_name = argv[ind];
		if (boot_replay(&rp, argv[ind], argc - ind == 2 ?
		    argv[ind + 1] : NULL) != 0) {
			ex = EX_TROUBLE;
			goto out;
		}
		h = rp.h;
	} else {
		if (boot(argv[ind], &resume, &h) != 0 ||
		    open_pins(&h, resume) != 0) {
			ex = EX_TROUBLE;
			goto out;
		}
		if (opt.input == NULL || strcmp(opt.input, "-") == 0)
			in_fd = STDIN_FILENO;
		else if ((in_fd = open(opt.input, O_RDONLY | O_CLOEXEC)) < 0) {
			cmd_syserr(opt.input, errno, "cannot open");
			ex = EX_TROUBLE;
			goto out;
		}
		gc.in_fd = in_fd;
		gc.escape = raw_tty(in_fd);
	}
	if (opt.mode == GATE_RECORD) {
		memset(&wo, 0, sizeof(wo));
		wo.block_size = (uint32_t)opt.block;
		wo.journal = 1;	/* a killed recorder leaves a readable log */
		wo.background = 1;	/* compress on the second core */
		wo.inputs = inputs;
		wo.ninputs = ninputs;
		if (rr_writer_open(&w, opt.output, &h, &wo, &err) != RR_OK) {
			cmd_rrerr(out_name(), &err);
			ex = EX_TROUBLE;
			goto out;
		}
		/* The log is now a file of this run: -S may not replace it. */
		if (strcmp(opt.output, "-") != 0)
			add_input(opt.output);
		if (opt.save != NULL && rr_output_check(opt.save, inputs,
		    ninputs, &err) != RR_OK) {
			cmd_rrerr(rr_output_name(opt.save), &err);
			ex = EX_TROUBLE;
			goto out;
		}
		gc.w = w;
		gc.checkpoint_interval = opt.ckpt;
		gc.keyframe_interval = opt.key;
	}
	gc.hdr = &h;
	gc.resume = resume;
	gc.sh_root = opt.sh_root;
	gc.sh_cmdline = opt.cmdline;
	gc.pin = pin;
	if (opt.mode == GATE_REPLAY)
		gc = rp.gc;	/* attached by replay_start */
	else if (gate_attach(&mach, &gc) != 0) {
		report_error(argv[ind]);
		ex = EX_TROUBLE;
		goto out;
	}
	ex = opt.gdb != NULL ? serve_gdb(&h, argv[ind], &gc, &reason,
	    &status) : drive(&h, &reason, &status);
	if (!(opt.mode == GATE_REPLAY && halted) &&
	    gate_finish(&mach, status, reason == RR_END_EXIT) != 0 &&
	    ex != EX_DIVERGED)
		ex = error_status();
	if (ex == EX_DIVERGED || (ex == EX_TROUBLE &&
	    mach.err.kind != EMU_E_NONE))
		report_error(argv[ind]);
	if (w != NULL) {
		if (mach.err.kind != EMU_E_NONE)
			snprintf(end_text, sizeof(end_text), "%s",
			    mach.err.msg);
		else if (reason == RR_END_EXIT)
			end_text[0] = '\0';
		pins_parted();
		if (rr_writer_close(w, mach.icount, status, reason,
		    end_text[0] != '\0' ? end_text : NULL, &err) != RR_OK) {
			cmd_rrerr(out_name(), &err);
			ex = EX_TROUBLE;
		}
		w = NULL;
	} else
		pins_parted();
	if (opt.verbose && opt.mode == GATE_REPLAY)
		cmd_msg(NULL, RR_NO_OFFSET, RR_NO_EVENT, "%s: %llu instructions, "
		    "%llu events checked", mode, (unsigned long long)mach.icount,
		    (unsigned long long)gate_events(&mach));
	else if (opt.verbose)
		cmd_msg(NULL, RR_NO_OFFSET, RR_NO_EVENT, "%s: %llu instructions",
		    mode, (unsigned long long)mach.icount);
	/*
	 * Every end that is not a divergence or trouble is a replay that
	 * matched everything it checked: say so, and how far it went.
	 */
	if (opt.mode == GATE_REPLAY && opt.verbose && ex != EX_DIVERGED &&
	    ex != EX_TROUBLE) {
		if (reason == RR_END_EXIT)
			cmd_msg(argv[ind], RR_NO_OFFSET, RR_NO_EVENT,
			    "replay matches the recording");
		else
			cmd_msg(argv[ind], RR_NO_OFFSET, RR_NO_EVENT,
			    "replay matches the recording up to icount %llu",
			    (unsigned long long)mach.icount);
	}
	if ((e = gate_host_errno(&mach)) != 0) {
		cmd_syserr("stdout", e, "cannot write the guest's output");
		if (ex < EX_TROUBLE)
			ex = EX_TROUBLE;
	}
	/* A log whose end is not a valid footer is said so, as rrverify. */
	if (rp.r != NULL && (end_err = rr_reader_end_error(rp.r)) != NULL) {
		cmd_rrerr(argv[ind], end_err);
		if (ex < EX_TROUBLE)
			ex = EX_TROUBLE;
	}
out:
	restore_tty();
	replay_close(&rp);
	gate_detach(&mach);
	rr_writer_abort(w);
	rr_snap_free(resume);
	pin_close(pin);
	if (in_fd > STDIN_FILENO)
		close(in_fd);
	machine_free(&mach);
	return ex;
}
