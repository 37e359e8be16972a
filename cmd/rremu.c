/*
 * rremu: run, record or replay a guest on the deterministic RV32 machine.
 * The front end (with rremu-opt.c, its command line, and rremu-end.c,
 * how a run ended): the terminal, signals, pauses, messages and the exit
 * status; the machine is driven behind emu/emu.h.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

#include "../lib/rr.h"
#include "common.h"
#include "rremu.h"
#include "sym.h"

/* What a signal handler and atexit() reach: they take no argument. */
static struct emu_session *volatile signal_session;
static struct termios saved_tio;
static int tio_saved = -1;

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

/* Note a file of this run by identity ("-": standard input, if a file). */
static void
add_input(struct rremu_run *r, const char *path)
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

/* A replay that cannot write a snapshot stops there (rremu.h). */
int
rremu_save(struct rremu_run *r, const char *path)
{
	struct emu_report rep;

	if (emu_save(r->s, path, r->inputs, r->ninputs, &rep) == 0)
		return 0;
	rremu_say(r, &rep, path);
	if (rep.has_lib)
		r->halted = 1;	/* a replay stops here: no divergence */
	return -1;
}

/* The next icount to stop at: -n, -u, a pause, whichever first. */
static uint64_t
next_stop(const struct rremu_opts *o, uint64_t now)
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
pause_here(struct rremu_run *r, const struct emu_report *rep)
{
	const struct rremu_opts *o = r->o;
	char path[4096], pc[200];
	int i, paused = 0;

	for (i = 0; i < o->npauses; i++)
		paused |= o->pauses[i] == rep->icount;
	if (!paused || rep->icount == o->stop_at)
		return 0;
	if (o->verbose)
		cmd_msg(NULL, RR_NO_OFFSET, RR_NO_EVENT, "paused at icount "
		    "%llu, pc %s", (unsigned long long)rep->icount,
		    rremu_addr(r, rep->pc, pc, sizeof(pc)));
	if (o->save != NULL) {
		snprintf(path, sizeof(path), "%s.%llu", o->save,
		    (unsigned long long)rep->icount);
		if (rremu_save(r, path) != 0)
			return -1;
	}
	return 1;
}

/* A pause on request (^A s, ^A i, SIGUSR1): report or save. */
static int
request_here(struct rremu_run *r, const struct emu_report *rep)
{
	char path[4096], pc[200];

	if (rep->request != 's') {
		cmd_msg(NULL, RR_NO_OFFSET, RR_NO_EVENT, "at icount %llu, pc "
		    "%s", (unsigned long long)rep->icount,
		    rremu_addr(r, rep->pc, pc, sizeof(pc)));
		return 0;
	}
	snprintf(path, sizeof(path), "%s.%llu", r->o->save != NULL ?
	    r->o->save : "rremu", (unsigned long long)rep->icount);
	if (rremu_save(r, path) != 0)
		return -1;
	cmd_msg(NULL, RR_NO_OFFSET, RR_NO_EVENT, "saved %s at icount %llu, "
	    "pc %s", cmd_name(path), (unsigned long long)rep->icount,
	    rremu_addr(r, rep->pc, pc, sizeof(pc)));
	return 0;
}

/* Where the guest's output goes: -q nowhere, -j stderr (rremu(1)). */
static int
guest_fd(const struct rremu_opts *o)
{
	return o->quiet ? -1 : o->json ? STDERR_FILENO : STDOUT_FILENO;
}

/*
 * A replay on a terminal says how far it is, on stderr, once it has
 * taken a second (cmd/progress.c): it stops every EMU_PROGRESS_STEP
 * instructions to say so, which changes nothing the guest can see.  Not
 * when the guest's output goes to the same terminal.
 */

/* Run to the end, pausing where asked; returns the exit status. */
static int
drive(struct rremu_run *r, uint32_t *reason, int64_t *status)
{
	struct cmd_progress pg;
	struct emu_report rep;
	uint64_t now, want, to, end;
	int rc, show;

	emu_where(r->s, &rep);
	now = rep.icount;
	end = rep.end_icount;
	cmd_progress_begin(&pg, r->log != NULL ? r->log : "replay");
	show = pg.tty && r->o->mode == EMU_REPLAY && end != UINT64_MAX &&
	    (guest_fd(r->o) < 0 || !isatty(guest_fd(r->o)));
	for (;;) {
		want = next_stop(r->o, now);
		to = show && want - now > EMU_PROGRESS_STEP ? now +
		    EMU_PROGRESS_STEP : want;
		emu_run(r->s, to, &rep);
		now = rep.icount;
		if (rep.stop == EMU_AT && to < want && now == to) {
			cmd_progress_at(&pg, now, end);
			continue;
		}
		cmd_progress_clear(&pg);
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
		return rremu_ended(r, &rep, reason, status);
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
serve_gdb(struct rremu_run *r, uint32_t *reason, int64_t *status)
{
	struct emu_report rep;
	uint64_t interval = 0, key_cost = 0;
	char pc[200];
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
		r->how = "stopped";
		if (rep.err.msg[0] != '\0')
			cmd_msg(NULL, RR_NO_OFFSET, RR_NO_EVENT, "gdb: %s",
			    rep.err.msg);
		else
			cmd_msg(NULL, RR_NO_OFFSET, RR_NO_EVENT, "stopped by "
			    "gdb at icount %llu, pc %s",
			    (unsigned long long)rep.icount,
			    rremu_addr(r, rep.pc, pc, sizeof(pc)));
		return EX_UNFINISHED;
	default:
		*reason = RR_END_ERROR;
		r->halted = 1;
		rremu_problem(r, RREMU_P_TROUBLE, NULL, RR_NO_OFFSET,
		    RR_NO_EVENT, "gdb: %s", rep.err.msg);
		return EX_TROUBLE;
	}
}

/* rremu dtb: the device tree a machine of -m's RAM boots with. */
static int
write_dtb(const struct rremu_opts *o)
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

/* Open the session (and the input, the terminal); 0 or an exit status. */
static int
open_session(struct rremu_run *r, const char *file, const char *elf,
    struct emu_hooks *hooks)
{
	const struct rremu_opts *o = r->o;
	struct emu_config c;
	struct emu_report rep;
	struct rr_error err;
	int fd;

	memset(&c, 0, sizeof(c));
	c.mode = o->mode;
	/* debug: the terminal is gdb's. */
	c.out_fd = o->debug ? -1 : guest_fd(o);
	c.in_fd = -1;
	c.load = o->load;
	c.rtc_base = o->rtc_base;
	c.entropy_seed = o->entropy_seed;
	c.host_from = o->host_from;
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
			rremu_problem(r, RREMU_P_TROUBLE, o->input,
			    RR_NO_OFFSET, RR_NO_EVENT, "cannot open: %s",
			    strerror(errno));
			return EX_TROUBLE;
		}
		c.in_fd = r->in_fd = fd;
		/* Keys go to the guest; the escape keys to rremu. */
		c.escape = raw_tty(fd);
	}
	c.inputs = r->inputs;
	c.ninputs = r->ninputs;
	c.hooks = hooks;
	if (emu_open(&r->s, &c, &rep) != 0) {
		rremu_say(r, &rep, NULL);
		return EX_TROUBLE;
	}
	/* The session has checked that elf is the log's image. */
	if (elf != NULL && o->mode == EMU_REPLAY) {
		if (cmd_sym_open(&r->sym, elf, NULL) != 0)
			return EX_TROUBLE;
		hooks->symbolize = cmd_sym_hook;
		hooks->sym_arg = r->sym;
	}
	signal_session = r->s;
	if (o->mode == EMU_RECORD) {
		/* The log is now a file of this run: -S may not replace it. */
		if (strcmp(o->output, "-") != 0)
			add_input(r, o->output);
		if (o->save != NULL && rr_output_check(o->save, r->inputs,
		    r->ninputs, &err) != RR_OK) {
			rremu_problem_rr(r, RREMU_P_TROUBLE,
			    rr_output_name(o->save), &err);
			return EX_TROUBLE;
		}
	}
	if (emu_start(r->s, &rep) != 0) {
		rremu_say(r, &rep, NULL);
		return EX_TROUBLE;
	}
	return 0;
}

int
main(int argc, char **argv)
{
	struct rremu_opts o;
	struct rremu_run r;
	struct emu_hooks hooks;
	struct rr_error err;
	struct sigaction sa;
	int64_t status = 0;
	uint32_t reason = RR_END_ERROR;
	int ind, ex;

	cmd_init("rremu");
	ind = rremu_parse(&o, argc, argv);
	if (o.mode == -1)
		return write_dtb(&o);
	memset(&r, 0, sizeof(r));
	r.o = &o;
	r.in_fd = -1;
	/* Every file read, by identity: an output never replaces one. */
	add_input(&r, argv[ind]);
	if (o.elf != NULL)
		add_input(&r, o.elf);
	if (o.load != NULL)
		add_input(&r, o.load);
	if (o.host_from != NULL)
		add_input(&r, o.host_from);
	if (o.mode != EMU_REPLAY)
		add_input(&r, o.input != NULL ? o.input : "-");
	if (o.mode == EMU_RECORD && rr_output_check(o.output, r.inputs,
	    r.ninputs, &err) != RR_OK) {
		rremu_problem_rr(&r, RREMU_P_TROUBLE, rremu_out_name(&o), &err);
		return rremu_results(&r, EX_TROUBLE);
	}
	if (o.save != NULL && rr_output_check(o.save, r.inputs, r.ninputs,
	    &err) != RR_OK) {
		rremu_problem_rr(&r, RREMU_P_TROUBLE, rr_output_name(o.save),
		    &err);
		return rremu_results(&r, EX_TROUBLE);
	}
	/* --junit names a file that can be written, before any work. */
	if (o.junit != NULL && rr_output_check(o.junit, r.inputs, r.ninputs,
	    &err) != RR_OK) {
		rremu_problem_rr(&r, RREMU_P_TROUBLE, rr_output_name(o.junit),
		    &err);
		o.junit = NULL;
		return rremu_results(&r, EX_TROUBLE);
	}
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);	/* the terminal went: close the log */
	sigaction(SIGUSR1, &sa, NULL);
	memset(&hooks, 0, sizeof(hooks));
	hooks.event_text = cmd_event_string;
	ex = open_session(&r, argv[ind], o.elf, &hooks);
	if (ex == 0 && o.debug)
		ex = rremu_debug(&r, &hooks);
	else if (ex == 0) {
		ex = o.gdb != NULL ? serve_gdb(&r, &reason, &status) :
		    drive(&r, &reason, &status);
		ex = rremu_report_end(&r, ex, reason, status);
	}
	restore_tty();
	signal_session = NULL;
	emu_close(r.s);
	cmd_sym_close(r.sym);
	if (r.in_fd > STDIN_FILENO)
		close(r.in_fd);
	return rremu_results(&r, ex);
}
