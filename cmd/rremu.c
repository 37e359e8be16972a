/*
 * rremu: run, record or replay a guest on the deterministic RV32 machine.
 * The front end: options, the terminal, signals, messages and the exit
 * status; the machine is driven behind emu/emu.h.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

#include "../lib/rr.h"
#include "../emu/emu.h"
#include "common.h"

/*
 * Exit status (rremu(1)): the guest's code is passed through; the
 * statuses above it are rremu's own, below those the shell gives a
 * meaning (126, 127, 128 and up).
 */
#define EX_GUEST_MAX	122	/* guest codes above are shown as 122 */
#define EX_DIVERGED	123	/* replay parted from the recording */
#define EX_UNFINISHED	124	/* the guest did not exit (as timeout(1)) */
#define EX_TROUBLE	125	/* usage, I/O, bad input, emulator error */

#define MAX_PAUSES	64
#define MAX_INPUTS	8
/*
 * The default keyframe interval, in instructions: a recording can be cut
 * (rrcut) at any keyframe, so a cut replays at most this many
 * instructions it does not keep.  By instruction count, never by log
 * bytes, so two recordings of the same input stay identical.  Chosen by
 * measurement (rremu(1)): on the bench workloads it costs under 2% of
 * log size and no measurable record time.
 */
#define KEYFRAME_DEFAULT	200000000ull
#define CHECKPOINT_DEFAULT	10000000ull

struct opts {
	int		 mode;		/* enum emu_mode; -1 dtb */
	const char	*modename;
	const char	*input;		/* -I */
	const char	*output;	/* -o */
	const char	*load;		/* -L */
	const char	*save;		/* -S */
	const char	*gdb;		/* --gdb */
	uint64_t	 ram, shift, ckpt, key, limit, stop_at, block;
	uint64_t	 pauses[MAX_PAUSES];
	int		 npauses;
	int		 quiet, verbose;
	int		 ram_set, shift_set, ckpt_set, key_set;
	int		 semihosting;
	const char	*sh_root;
	char		 cmdline[EMU_CMDLINE_MAX];
};

/* One run: its options, its session, and what the end report needs. */
struct run {
	const struct opts *o;
	struct emu_session *s;
	const char	*guest;		/* the ELF (run, record) */
	const char	*log;		/* replay: the log */
	int		 in_fd;		/* UART input opened (-1 none) */
	int		 halted;	/* stopped before the end: a replay's
					   log goes on */
	char		 end_text[256];	/* the END event's text (record) */
	/* The files this run reads (and writes): never written over. */
	struct rr_fileid inputs[MAX_INPUTS];
	size_t		 ninputs;
};

/*
 * What a signal handler and atexit() reach: they take no argument.
 */
static struct emu_session *volatile signal_session;
static struct termios saved_tio;
static int tio_saved = -1;

static void
usage(FILE *f)
{
	fprintf(f, "usage: rremu run [-qv] [-I file] [-L snap] [-m size] "
	    "[-n limit] [-P list]\n"
	    "             [-S snap] [-t shift] [-u icount] guest.elf\n"
	    "       rremu record [-qv] [-b size] [-c interval] [-I file] "
	    "[-k interval]\n"
	    "             [-L snap] [-m size] [-n limit] [-P list] [-S snap] "
	    "[-t shift]\n"
	    "             [-u icount] -o trace.rr guest.elf\n"
	    "       rremu run|record --semihosting [--semihosting-root dir] "
	    "... guest.elf [arg ...]\n"
	    "       rremu replay [-qv] [-L snap] [-n limit] [-P list] "
	    "[-S snap] [-u icount]\n"
	    "             trace.rr [guest.elf]\n"
	    "       rremu run|replay --gdb address ...\n"
	    "       rremu dtb [-m size] -o virt.dtb\n");
}

static void
help(void)
{
	usage(stdout);
	printf("\nModes: run (no log), record (writes -o's log), replay "
	    "(checks a log), dtb.\n\n"
	    "  -b, --block-size size     record: block payload size "
	    "(256..16M)\n"
	    "  -c, --checkpoint-interval n\n"
	    "                            record: a state hash every n "
	    "instructions (0: none)\n"
	    "  --gdb address             run, replay: serve gdb at "
	    "[host:]port (port 0:\n"
	    "                            one the system picks) or a Unix "
	    "socket path\n"
	    "  -h, --help                this text\n"
	    "  -I, --input file          run, record: UART input from file "
	    "(default stdin)\n"
	    "  -k, --keyframe-interval n record: a keyframe every n "
	    "instructions\n"
	    "  -L, --load-snapshot snap  start from a snapshot of the same "
	    "guest or log\n"
	    "  -m, --ram size            run, record, dtb: RAM (64K..1G, "
	    "default 128M)\n"
	    "  -n, --limit n             stop after n instructions "
	    "(status 124)\n"
	    "  -o, --output file         record, dtb: where the log or tree "
	    "goes\n"
	    "  -P, --pause-at list       pause at these icounts: report "
	    "(-v), save (-S)\n"
	    "  -q, --quiet               no guest output on stdout\n"
	    "  -S, --save-snapshot snap  save the state at -u (or at -P's "
	    "icounts, as snap.N)\n"
	    "  --semihosting             run, record: answer RISC-V "
	    "semihosting calls\n"
	    "  --semihosting-root dir    the files semihosting may open\n"
	    "  -t, --shift n             run, record: clock shift, "
	    "vtime_ns = icount << n\n"
	    "  -u, --stop-at icount      stop at this instruction count "
	    "(status 0)\n"
	    "  -v, --verbose             say how the run went\n"
	    "  -V, --version             versions\n\n"
	    "Exit status: the guest's (0-122; higher shown as 122), 123 "
	    "the replay\ndiverged, 124 the guest did not finish, 125 "
	    "trouble.  See rremu(1).\n");
}

/* After -h or -V: was it written? */
static int
stdout_status(void)
{
	return cmd_exit() != 0 ? EX_TROUBLE : 0;
}

/* A usage error: what is wrong, then the synopsis; exit 125. */
static void
badusage(const char *fmt, ...)
    __attribute__((format(printf, 1, 2), noreturn));

static void
badusage(const char *fmt, ...)
{
	va_list ap;

	if (fmt != NULL) {
		va_start(ap, fmt);
		cmd_vmsg(NULL, RR_NO_OFFSET, RR_NO_EVENT, fmt, ap);
		va_end(ap);
	}
	usage(stderr);
	exit(EX_TROUBLE);
}

static void
restore_tty(void)
{
	if (tio_saved == 0)
		(void)tcsetattr(STDIN_FILENO, TCSANOW, &saved_tio);
	tio_saved = -1;
}

static void
on_signal(int sig)
{
	if (signal_session != NULL)
		emu_interrupt(signal_session, sig == SIGUSR1);
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
	if (errno != 0 || end == s || *s == '-')
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

/* -P: icounts, comma separated, each above 0 (before anything ran). */
static int
parse_pauses(struct opts *o, const char *s)
{
	char buf[32];
	const char *p = s, *c;
	size_t n;

	while (*p != '\0') {
		c = strchr(p, ',');
		n = c ? (size_t)(c - p) : strlen(p);
		if (n == 0 || n >= sizeof(buf) || o->npauses == MAX_PAUSES)
			return -1;
		memcpy(buf, p, n);
		buf[n] = '\0';
		if (cmd_number(buf, &o->pauses[o->npauses]) != 0 ||
		    o->pauses[o->npauses++] == 0)
			return -1;
		p += n + (c != NULL);
	}
	return 0;
}

/* Note a file of this run by identity ("-": standard input, if a file). */
static void
add_input(struct run *r, const char *path)
{
	struct stat st;

	if (r->ninputs == MAX_INPUTS)
		return;
	if (strcmp(path, "-") == 0 && (fstat(STDIN_FILENO, &st) != 0 ||
	    !S_ISREG(st.st_mode)))
		return;
	if (rr_fileid_path(path, &r->inputs[r->ninputs]) == 0)
		r->ninputs++;
}

/* The log written, in messages: "-" is standard output here. */
static const char *
out_name(const struct opts *o)
{
	return strcmp(o->output, "-") == 0 ? "stdout" : o->output;
}

/*
 * Say what went wrong, naming the file it is about: a machine error
 * (a log error or a divergence) names the log replayed or written; a
 * divergence's text names its event and icount itself.
 */
static void
say(const struct run *r, const struct emu_report *rep, const char *saved)
{
	const struct opts *o = r->o;
	const char *file = NULL;
	uint64_t event = rep->err.event;

	switch (rep->blame) {
	case EMU_BLAME_LOG:
		file = r->log;
		break;
	case EMU_BLAME_SNAPSHOT:
		file = o->load;
		break;
	case EMU_BLAME_GUEST:
		file = r->guest;
		break;
	case EMU_BLAME_OUTPUT:
		file = out_name(o);
		break;
	case EMU_BLAME_SAVED:
		file = rr_output_name(saved);
		break;
	case EMU_BLAME_MACHINE:
		if (rep->err.kind == EMU_E_LOG ||
		    rep->err.kind == EMU_E_DIVERGED)
			file = o->mode == EMU_REPLAY ? r->log :
			    o->output != NULL ? out_name(o) : NULL;
		if (rep->err.kind != EMU_E_LOG)
			event = RR_NO_EVENT;
		break;
	default:
		break;
	}
	if (rep->has_lib)
		cmd_rrerr(file, &rep->lib);
	else
		cmd_msg(file, rep->err.offset, event, "%s", rep->err.msg);
}

/* Save a snapshot at path; a replay that cannot write one stops. */
static int
save(struct run *r, const char *path)
{
	struct emu_report rep;

	if (emu_save(r->s, path, &rep) == 0)
		return 0;
	say(r, &rep, path);
	if (rep.has_lib)
		r->halted = 1;	/* a replay stops here: no divergence */
	return -1;
}

/* The next icount to stop at: -n, -u, a pause, whichever first. */
static uint64_t
next_stop(const struct opts *o, uint64_t now)
{
	uint64_t n = o->limit < o->stop_at ? o->limit : o->stop_at;
	int i;

	for (i = 0; i < o->npauses; i++)
		if (o->pauses[i] > now && o->pauses[i] < n)
			n = o->pauses[i];
	return n;
}

/* A pause at icount -P asked for (not -u): report, save, go on. */
static int
pause_here(struct run *r, const struct emu_report *rep)
{
	const struct opts *o = r->o;
	char path[4096];
	int i, paused = 0;

	for (i = 0; i < o->npauses; i++)
		paused |= o->pauses[i] == rep->icount;
	if (!paused || rep->icount == o->stop_at)
		return 0;
	if (o->verbose)
		cmd_msg(NULL, RR_NO_OFFSET, RR_NO_EVENT, "paused at icount "
		    "%llu, pc 0x%08x", (unsigned long long)rep->icount,
		    rep->pc);
	if (o->save != NULL) {
		snprintf(path, sizeof(path), "%s.%llu", o->save,
		    (unsigned long long)rep->icount);
		if (save(r, path) != 0)
			return -1;
	}
	return 1;
}

/* A pause on request (^A s, ^A i, SIGUSR1): report or save. */
static int
request_here(struct run *r, const struct emu_report *rep)
{
	char path[4096];

	if (rep->request != 's') {
		cmd_msg(NULL, RR_NO_OFFSET, RR_NO_EVENT, "at icount %llu, pc "
		    "0x%08x", (unsigned long long)rep->icount, rep->pc);
		return 0;
	}
	snprintf(path, sizeof(path), "%s.%llu", r->o->save != NULL ?
	    r->o->save : "rremu", (unsigned long long)rep->icount);
	if (save(r, path) != 0)
		return -1;
	cmd_msg(NULL, RR_NO_OFFSET, RR_NO_EVENT, "saved %s at icount %llu, "
	    "pc 0x%08x", cmd_name(path), (unsigned long long)rep->icount,
	    rep->pc);
	return 0;
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
error_status(const struct emu_report *rep)
{
	return rep->err.kind == EMU_E_DIVERGED ? EX_DIVERGED : EX_TROUBLE;
}

/*
 * Replay reached the recording's END while the guest runs on (an END
 * with the guest's exit is a divergence, said by the session).
 */
static int
recording_ended(const struct run *r, const struct emu_report *rep)
{
	/*
	 * A piece cut out of a longer recording (rrcut) ends where the cut
	 * does: reaching it with every checkpoint matched is success.
	 */
	if (rep->reason == RR_END_CUT) {
		if (r->o->verbose)
			cmd_msg(r->log, RR_NO_OFFSET, RR_NO_EVENT, "reached "
			    "the cut's END at icount %llu; every checkpoint "
			    "matched, the last at icount %llu",
			    (unsigned long long)rep->icount,
			    (unsigned long long)rep->agreed);
		return 0;
	}
	cmd_msg(NULL, RR_NO_OFFSET, RR_NO_EVENT, "the recording ended here, "
	    "%s, at icount %llu", rr_end_reason_name(rep->reason),
	    (unsigned long long)rep->icount);
	return EX_UNFINISHED;
}

/* How the run stopped, said, and the exit status it calls for. */
static int
ended(struct run *r, const struct emu_report *rep, uint32_t *reason,
    int64_t *status)
{
	const struct opts *o = r->o;

	if (rep->has_end) {
		*reason = rep->reason;
		*status = rep->status;
	}
	switch (rep->stop) {
	case EMU_AT:
		r->halted = 1;
		if (rep->icount == o->stop_at) {
			*reason = RR_END_STOPPED;
			if (o->save != NULL && save(r, o->save) != 0)
				return EX_TROUBLE;
			cmd_msg(NULL, RR_NO_OFFSET, RR_NO_EVENT,
			    "stopped at icount %llu, pc 0x%08x",
			    (unsigned long long)rep->icount, rep->pc);
			return 0;
		}
		*reason = RR_END_LIMIT;
		cmd_msg(NULL, RR_NO_OFFSET, RR_NO_EVENT,
		    "instruction limit %llu reached, pc 0x%08x",
		    (unsigned long long)rep->icount, rep->pc);
		return EX_UNFINISHED;
	case EMU_ENDED:
		return recording_ended(r, rep);
	case EMU_EXITED:
		*reason = RR_END_EXIT;
		*status = rep->exit_code;
		if (o->stop_at != UINT64_MAX && o->save != NULL)
			cmd_msg(NULL, RR_NO_OFFSET, RR_NO_EVENT, "the guest "
			    "exited at icount %llu, before -u %llu: no "
			    "snapshot saved", (unsigned long long)rep->icount,
			    (unsigned long long)o->stop_at);
		return guest_status(rep->exit_code);
	case EMU_TRUNCATED:
		r->halted = 1;
		cmd_msg(r->log, rep->trunc_offset, rep->trunc_event, "the log "
		    "ends without END (not closed): replay matched its %llu "
		    "events, up to icount %llu",
		    (unsigned long long)rep->events,
		    (unsigned long long)rep->icount);
		return EX_UNFINISHED;
	case EMU_GAP:
		*reason = RR_END_STOPPED;
		r->halted = 1;
		cmd_msg(r->log, RR_NO_OFFSET, rep->gap_event, "replay stops "
		    "at a gap in the recording at icount %llu; every "
		    "checkpoint before it matched; the recording resumes at "
		    "icount %llu (event %llu of the original)",
		    (unsigned long long)rep->icount,
		    (unsigned long long)rep->gap_resume_icount,
		    (unsigned long long)rep->gap_resume_event);
		return EX_UNFINISHED;
	case EMU_REQUESTED:
		*reason = RR_END_STOPPED;
		r->halted = 1;
		cmd_msg(NULL, RR_NO_OFFSET, RR_NO_EVENT, "stopped on request "
		    "at icount %llu, pc 0x%08x",
		    (unsigned long long)rep->icount, rep->pc);
		return EX_UNFINISHED;
	case EMU_STUCK:
		/* Stuck, where the recording was too or not: as recorded. */
		return error_status(rep);
	case EMU_IDLE:
		*reason = RR_END_STOPPED;
		snprintf(r->end_text, sizeof(r->end_text), "guest waits for "
		    "input that will not come (icount %llu, pc 0x%08x)",
		    (unsigned long long)rep->icount, rep->pc);
		cmd_msg(NULL, RR_NO_OFFSET, RR_NO_EVENT, "%s", r->end_text);
		return EX_UNFINISHED;
	default:
		if (!rep->has_end)
			*reason = RR_END_ERROR;
		return error_status(rep);
	}
}

/* Run to the end, pausing where asked; returns the exit status. */
static int
drive(struct run *r, uint32_t *reason, int64_t *status)
{
	struct emu_report rep;
	uint64_t now;
	int rc;

	emu_where(r->s, &rep);
	now = rep.icount;
	for (;;) {
		emu_run(r->s, next_stop(r->o, now), &rep);
		now = rep.icount;
		if (rep.stop == EMU_AT && (rc = pause_here(r, &rep)) != 0) {
			if (rc < 0)
				return EX_TROUBLE;
			continue;
		}
		if (rep.stop == EMU_ASKED) {
			if (request_here(r, &rep) != 0)
				return EX_TROUBLE;
			continue;
		}
		return ended(r, &rep, reason, status);
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
serve_gdb(struct run *r, uint32_t *reason, int64_t *status)
{
	struct emu_report rep;
	uint64_t interval = 0, key_cost = 0;
	int end = 0;

	/* rremu(1), ENVIRONMENT: for tests and measurements. */
	if (env_number("RREMU_SNAP_INTERVAL", &interval) != 0 ||
	    env_number("RREMU_KEY_COST", &key_cost) != 0) {
		*reason = RR_END_ERROR;
		r->halted = 1;
		return EX_TROUBLE;
	}
	switch (emu_gdb(r->s, r->o->gdb, interval, key_cost, &end, &rep)) {
	case EMU_GDB_DETACHED:
		return drive(r, reason, status);
	case EMU_GDB_KILLED:
		if (end)
			return drive(r, reason, status);
		*reason = RR_END_STOPPED;
		r->halted = 1;
		if (rep.err.msg[0] != '\0')
			cmd_msg(NULL, RR_NO_OFFSET, RR_NO_EVENT, "gdb: %s",
			    rep.err.msg);
		else
			cmd_msg(NULL, RR_NO_OFFSET, RR_NO_EVENT, "stopped by "
			    "gdb at icount %llu, pc 0x%08x",
			    (unsigned long long)rep.icount, rep.pc);
		return EX_UNFINISHED;
	default:
		*reason = RR_END_ERROR;
		r->halted = 1;
		cmd_msg(NULL, RR_NO_OFFSET, RR_NO_EVENT, "gdb: %s",
		    rep.err.msg);
		return EX_TROUBLE;
	}
}

/*
 * Options that mean nothing in a mode are refused, not ignored: a user
 * who asks replay for -m 64M would otherwise think it took effect.
 */
static void
check_options(const struct opts *o)
{
	if (o->mode == EMU_REPLAY && o->input != NULL)
		badusage("-I: replay takes its input from the log");
	if (o->mode == EMU_REPLAY && (o->ram_set || o->shift_set))
		badusage("-m and -t: replay builds the machine the log "
		    "describes");
	if (o->mode != EMU_RECORD && (o->ckpt_set || o->key_set ||
	    o->block != 0))
		badusage("-b, -c and -k are for record");
	if (o->mode == EMU_RECORD && strcmp(o->output, "-") == 0 &&
	    !o->quiet)
		badusage("-o - needs -q: guest output would mix into the log");
	if (o->mode == EMU_RECORD && o->gdb != NULL)
		badusage("--gdb is for run and replay");
	if (o->mode == EMU_REPLAY && (o->semihosting || o->sh_root != NULL))
		badusage("--semihosting: replay builds the machine the log "
		    "describes, and takes every answer from it");
	if (o->sh_root != NULL && !o->semihosting)
		badusage("--semihosting-root needs --semihosting");
}

/* Long-only options: values no short option has. */
#define OPT_GDB		0x100
#define OPT_SEMIHOSTING	0x101
#define OPT_SH_ROOT	0x102

/* Options from argv[1] on (argv[0] the mode); returns optind. */
static int
parse_args(struct opts *o, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "block-size", required_argument, NULL, 'b' },
		{ "checkpoint-interval", required_argument, NULL, 'c' },
		{ "gdb", required_argument, NULL, OPT_GDB },
		{ "help", no_argument, NULL, 'h' },
		{ "input", required_argument, NULL, 'I' },
		{ "keyframe-interval", required_argument, NULL, 'k' },
		{ "load-snapshot", required_argument, NULL, 'L' },
		{ "ram", required_argument, NULL, 'm' },
		{ "limit", required_argument, NULL, 'n' },
		{ "output", required_argument, NULL, 'o' },
		{ "pause-at", required_argument, NULL, 'P' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "save-snapshot", required_argument, NULL, 'S' },
		{ "semihosting", no_argument, NULL, OPT_SEMIHOSTING },
		{ "semihosting-root", required_argument, NULL, OPT_SH_ROOT },
		{ "shift", required_argument, NULL, 't' },
		{ "stop-at", required_argument, NULL, 'u' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	char err[256];
	int ch, bad;

	while ((ch = getopt_long(argc, argv, ":b:c:hI:i:k:L:m:n:o:P:qs:S:t:u:vV",
	    longopts, NULL)) != -1) {
		bad = 0;
		switch (ch) {
		case 'b':
			bad = parse_size(optarg, &o->block) != 0 ||
			    o->block < RR_BLOCK_MIN || o->block > RR_BLOCK_MAX;
			break;
		case 'c':
			bad = cmd_number(optarg, &o->ckpt) != 0;
			o->ckpt_set = 1;
			break;
		case OPT_GDB:
			if (emu_gdb_addr_check(optarg, err, sizeof(err)) != 0)
				badusage("bad value for --gdb: %s", err);
			o->gdb = optarg;
			break;
		case OPT_SEMIHOSTING:
			o->semihosting = 1;
			break;
		case OPT_SH_ROOT:
			o->sh_root = optarg;
			break;
		case 'h':
			help();
			exit(stdout_status());
		case 'I':
			o->input = optarg;
			break;
		case 'i':
		case 's':
			/* rremu(1): the old letters, now -I and -u. */
			badusage("-%c is now -%c (--%s); -i and -s mean ranges "
			    "and statistics in the other tools", ch,
			    ch == 'i' ? 'I' : 'u', ch == 'i' ? "input" :
			    "stop-at");
		case 'k':
			bad = cmd_number(optarg, &o->key) != 0;
			o->key_set = 1;
			break;
		case 'L':
			o->load = optarg;
			break;
		case 'm':
			bad = parse_size(optarg, &o->ram) != 0 ||
			    o->ram < EMU_RAM_MIN || o->ram > EMU_RAM_MAX ||
			    o->ram % EMU_RAM_ALIGN != 0;
			o->ram_set = 1;
			break;
		case 'n':
			bad = cmd_number(optarg, &o->limit) != 0;
			break;
		case 'o':
			o->output = optarg;
			break;
		case 'P':
			bad = parse_pauses(o, optarg) != 0;
			break;
		case 'q':
			o->quiet = 1;
			break;
		case 'S':
			o->save = optarg;
			break;
		case 't':
			bad = cmd_number(optarg, &o->shift) != 0 ||
			    o->shift > EMU_SHIFT_MAX;
			o->shift_set = 1;
			break;
		case 'u':
			bad = cmd_number(optarg, &o->stop_at) != 0;
			break;
		case 'v':
			o->verbose = 1;
			break;
		case 'V':
			cmd_version();
			exit(stdout_status());
		default:
			cmd_badopt(ch, argv);
			badusage(NULL);
		}
		if (bad)
			badusage("bad value for -%c: %s", ch, optarg);
	}
	return optind;
}

/*
 * Semihosting's GET_CMDLINE: the guest's file name and the words after
 * it, as QEMU gives the kernel's name and its arguments.
 */
static int
join_cmdline(struct opts *o, int n, char **words)
{
	size_t len = 0, k;
	int i;

	for (i = 0; i < n; i++) {
		k = strlen(words[i]);
		if (len + (i > 0) + k >= sizeof(o->cmdline))
			return -1;
		if (i > 0)
			o->cmdline[len++] = ' ';
		memcpy(o->cmdline + len, words[i], k);
		len += k;
	}
	o->cmdline[len] = '\0';
	return 0;
}

/* rremu dtb: the device tree a machine of -m's RAM boots with. */
static int
write_dtb(const struct opts *o)
{
	struct rr_output out;
	struct rr_error err;
	uint8_t *buf;
	size_t n, off = 0;
	ssize_t k;

	if ((buf = emu_dtb((uint32_t)o->ram, &n)) == NULL) {
		cmd_msg(NULL, RR_NO_OFFSET, RR_NO_EVENT, "cannot build the "
		    "device tree");
		return EX_TROUBLE;
	}
	if (rr_output_open(&out, o->output, 0, NULL, 0, &err) != RR_OK) {
		free(buf);
		cmd_rrerr(rr_output_name(o->output), &err);
		return EX_TROUBLE;
	}
	while (off < n) {
		k = write(out.fd, buf + off, n - off);
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0) {
			cmd_syserr(rr_output_name(o->output), k < 0 ? errno :
			    EIO, "cannot write");
			rr_output_abort(&out);
			free(buf);
			return EX_TROUBLE;
		}
		off += (size_t)k;
	}
	free(buf);
	if (rr_output_commit(&out, &err) != RR_OK) {
		cmd_rrerr(rr_output_name(o->output), &err);
		return EX_TROUBLE;
	}
	return 0;
}

/* The mode and its options from the command line, checked. */
static int
parse_command(struct opts *o, int argc, char **argv)
{
	int ind;

	memset(o, 0, sizeof(*o));
	o->ram = 128u << 20;
	o->ckpt = CHECKPOINT_DEFAULT;
	o->key = KEYFRAME_DEFAULT;
	o->limit = UINT64_MAX;
	o->stop_at = UINT64_MAX;
	if (argc < 2 || argv[1][0] == '-') {
		if (argc >= 2 && (strcmp(argv[1], "-h") == 0 ||
		    strcmp(argv[1], "--help") == 0)) {
			help();
			exit(stdout_status());
		}
		if (argc >= 2 && (strcmp(argv[1], "-V") == 0 ||
		    strcmp(argv[1], "--version") == 0)) {
			cmd_version();
			exit(stdout_status());
		}
		badusage(argc < 2 ? "a mode is needed: run, record, replay "
		    "or dtb" : "a mode comes first: run, record, replay or "
		    "dtb");
	}
	o->modename = argv[1];
	o->mode = strcmp(argv[1], "run") == 0 ? EMU_RUN :
	    strcmp(argv[1], "record") == 0 ? EMU_RECORD :
	    strcmp(argv[1], "replay") == 0 ? EMU_REPLAY :
	    strcmp(argv[1], "dtb") == 0 ? -1 : -2;
	if (o->mode == -2)
		badusage("unknown mode: %s", cmd_name(argv[1]));
	ind = parse_args(o, argc - 1, argv + 1) + 1;
	if (o->mode == -1) {
		if (argc != ind || o->output == NULL || o->load != NULL ||
		    o->input != NULL || o->save != NULL || o->gdb != NULL ||
		    o->shift_set || o->ckpt_set || o->key_set)
			badusage("dtb takes -m and -o only, and needs -o");
		return ind;
	}
	if (argc - ind < 1)
		badusage(o->mode == EMU_REPLAY ? "replay needs a log" :
		    "%s needs a guest ELF", o->modename);
	if (argc - ind > 1 && !(o->mode == EMU_REPLAY && argc - ind == 2) &&
	    !(o->semihosting && o->mode != EMU_REPLAY))
		badusage("too many files: %s", o->mode == EMU_REPLAY ?
		    "replay takes a log and at most one guest ELF" :
		    "the guest's arguments need --semihosting");
	if (o->semihosting && join_cmdline(o, argc - ind, argv + ind) != 0) {
		cmd_msg(NULL, RR_NO_OFFSET, RR_NO_EVENT, "the guest's command "
		    "line is over %u bytes", EMU_CMDLINE_MAX - 1);
		exit(EX_TROUBLE);
	}
	if ((o->mode == EMU_RECORD) != (o->output != NULL))
		badusage(o->output ? "-o is for record" :
		    "record needs -o trace.rr");
	check_options(o);
	return ind;
}

/* Print the end report; returns the exit status, raised if need be. */
static int
report_end(struct run *r, int ex, uint32_t reason, int64_t status)
{
	const struct opts *o = r->o;
	struct emu_report rep, mrep;

	emu_finish(r->s, r->halted, status, reason, r->end_text, &rep);
	if (rep.result != EMU_MATCHED && ex != EX_DIVERGED)
		ex = error_status(&rep);
	if (ex == EX_DIVERGED || (ex == EX_TROUBLE &&
	    rep.err.kind != EMU_E_NONE)) {
		mrep = rep;
		mrep.blame = EMU_BLAME_MACHINE;
		mrep.has_lib = 0;
		say(r, &mrep, NULL);
	}
	if (rep.has_lib) {
		cmd_rrerr(out_name(o), &rep.lib);
		ex = EX_TROUBLE;
	}
	if (o->verbose && o->mode == EMU_REPLAY)
		cmd_msg(NULL, RR_NO_OFFSET, RR_NO_EVENT, "%s: %llu instructions, "
		    "%llu events checked", o->modename,
		    (unsigned long long)rep.icount,
		    (unsigned long long)rep.events);
	else if (o->verbose)
		cmd_msg(NULL, RR_NO_OFFSET, RR_NO_EVENT, "%s: %llu instructions",
		    o->modename, (unsigned long long)rep.icount);
	/*
	 * Every end that is not a divergence or trouble is a replay that
	 * matched everything it checked: say so, and how far it went.
	 */
	if (o->mode == EMU_REPLAY && o->verbose && ex != EX_DIVERGED &&
	    ex != EX_TROUBLE) {
		if (reason == RR_END_EXIT)
			cmd_msg(r->log, RR_NO_OFFSET, RR_NO_EVENT,
			    "replay matches the recording");
		else
			cmd_msg(r->log, RR_NO_OFFSET, RR_NO_EVENT,
			    "replay matches the recording up to icount %llu",
			    (unsigned long long)rep.icount);
	}
	if (rep.host_errno != 0) {
		cmd_syserr("stdout", rep.host_errno, "cannot write the guest's "
		    "output");
		if (ex < EX_TROUBLE)
			ex = EX_TROUBLE;
	}
	/* A log whose end is not a valid footer is said so, as rrverify. */
	if (rep.has_end_error) {
		cmd_rrerr(r->log, &rep.end_error);
		if (ex < EX_TROUBLE)
			ex = EX_TROUBLE;
	}
	return ex;
}

/* Open the session (and the input, the terminal); 0 or an exit status. */
static int
open_session(struct run *r, const char *file, const char *elf)
{
	const struct opts *o = r->o;
	struct emu_config c;
	struct emu_report rep;
	struct rr_error err;
	int fd;

	memset(&c, 0, sizeof(c));
	c.mode = o->mode;
	c.out_fd = o->quiet ? -1 : STDOUT_FILENO;
	c.in_fd = -1;
	c.load = o->load;
	if (o->mode == EMU_REPLAY) {
		r->log = file;
		c.log = file;
		c.logname = cmd_name(file);
		c.guest = r->guest = elf;
		c.guestname = elf != NULL ? cmd_name(elf) : NULL;
	} else {
		c.guest = r->guest = file;
		c.guestname = cmd_name(file);
		c.log = o->output;
		c.ram = (uint32_t)o->ram;
		c.shift = (uint32_t)o->shift;
		c.checkpoint_interval = o->ckpt;
		c.keyframe_interval = o->key;
		c.block_size = (uint32_t)o->block;
		c.semihosting = o->semihosting;
		c.sh_root = o->sh_root;
		c.sh_cmdline = o->cmdline;
		if (o->input == NULL || strcmp(o->input, "-") == 0)
			fd = STDIN_FILENO;
		else if ((fd = open(o->input, O_RDONLY | O_CLOEXEC)) < 0) {
			cmd_syserr(o->input, errno, "cannot open");
			return EX_TROUBLE;
		}
		c.in_fd = r->in_fd = fd;
		/* Keys go to the guest; the escape keys to rremu. */
		c.escape = raw_tty(fd);
	}
	c.inputs = r->inputs;
	c.ninputs = r->ninputs;
	if (emu_open(&r->s, &c, &rep) != 0) {
		say(r, &rep, NULL);
		return EX_TROUBLE;
	}
	signal_session = r->s;
	if (o->mode == EMU_RECORD) {
		/* The log is now a file of this run: -S may not replace it. */
		if (strcmp(o->output, "-") != 0)
			add_input(r, o->output);
		if (o->save != NULL && rr_output_check(o->save, r->inputs,
		    r->ninputs, &err) != RR_OK) {
			cmd_rrerr(rr_output_name(o->save), &err);
			return EX_TROUBLE;
		}
	}
	if (emu_start(r->s, &rep) != 0) {
		say(r, &rep, NULL);
		return EX_TROUBLE;
	}
	return 0;
}

int
main(int argc, char **argv)
{
	struct opts o;
	struct run r;
	struct rr_error err;
	struct sigaction sa;
	int64_t status = 0;
	uint32_t reason = RR_END_ERROR;
	int ind, ex;

	cmd_init("rremu");
	ind = parse_command(&o, argc, argv);
	if (o.mode == -1)
		return write_dtb(&o);
	memset(&r, 0, sizeof(r));
	r.o = &o;
	r.in_fd = -1;
	/* Every file read, by identity: an output never replaces one. */
	add_input(&r, argv[ind]);
	if (argc - ind == 2 && o.mode == EMU_REPLAY)
		add_input(&r, argv[ind + 1]);
	if (o.load != NULL)
		add_input(&r, o.load);
	if (o.mode != EMU_REPLAY)
		add_input(&r, o.input != NULL ? o.input : "-");
	if (o.mode == EMU_RECORD && rr_output_check(o.output, r.inputs,
	    r.ninputs, &err) != RR_OK) {
		cmd_rrerr(out_name(&o), &err);
		return EX_TROUBLE;
	}
	if (o.save != NULL && rr_output_check(o.save, r.inputs, r.ninputs,
	    &err) != RR_OK) {
		cmd_rrerr(rr_output_name(o.save), &err);
		return EX_TROUBLE;
	}
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);	/* the terminal went: close the log */
	sigaction(SIGUSR1, &sa, NULL);
	ex = open_session(&r, argv[ind], o.mode == EMU_REPLAY &&
	    argc - ind == 2 ? argv[ind + 1] : NULL);
	if (ex == 0) {
		ex = o.gdb != NULL ? serve_gdb(&r, &reason, &status) :
		    drive(&r, &reason, &status);
		ex = report_end(&r, ex, reason, status);
	}
	restore_tty();
	signal_session = NULL;
	emu_close(r.s);
	if (r.in_fd > STDIN_FILENO)
		close(r.in_fd);
	return ex;
}
