/*
 * The front door from the tools (cmd/) into the machine: the one header
 * of emu/ a tool includes, with one prefix (emu_) and one report type
 * (struct emu_report).  rremu runs, records and replays through an
 * emu_session; rrverify checks a replay or a snapshot; rrdiff finds the
 * state at an icount and the first instruction two replays part at;
 * rrcut makes keyframes anywhere.  Nothing here prints or exits: every
 * outcome and error is typed, and the front end words it.
 */
#ifndef EMU_EMU_H
#define EMU_EMU_H

#include <stddef.h>
#include <stdint.h>

#include "../lib/rr.h"

struct rr_snap;
struct rr_fileid;

/* ---- errors and reports ---- */

enum emu_err_kind {
	EMU_E_NONE = 0,
	EMU_E_MACHINE,		/* the machine cannot go on: its setup, a
				   snapshot or bottom half it cannot use */
	EMU_E_LOG,		/* the log cannot be read or written */
	EMU_E_DIVERGED,		/* replay parted from the recording */
	EMU_E_STUCK		/* the guest can make no progress: a trap
				   that leads only to itself (emu/cpu.c) */
};

/* What stopped a run in error, where, and why. */
struct emu_error {
	int		 kind;		/* EMU_E_* */
	uint64_t	 icount;	/* when it happened */
	uint32_t	 pc;
	uint64_t	 event;		/* log event concerned, or RR_NO_EVENT */
	uint64_t	 offset;	/* byte offset in the log, or
					   RR_NO_OFFSET */
	char		 msg[512];	/* what, without the position */
	int		 lib_kind;	/* E_LOG from the log's reader or
					   writer: its enum rr_errkind, else
					   0 */
};

/* How a replay (or a run) came out. */
enum emu_result {
	EMU_MATCHED = 0,	/* every event and checkpoint matched, to
				   END, to the end of an unclosed log, or
				   to the icount asked for */
	EMU_DIVERGED,		/* err says where */
	EMU_TROUBLE,		/* err says why */
	EMU_UNFINISHED		/* the recording ends where the guest does
				   not (limit, stop): matched so far */
};

/* What stopped it. */
enum emu_stop {
	EMU_AT = 0,		/* the icount asked for, before the end */
	EMU_EXITED,		/* the guest exited (exit_code) */
	EMU_ENDED,		/* the recording's END, the guest running
				   on (reason not RR_END_EXIT) */
	EMU_TRUNCATED,		/* the log ends without END: trunc_* */
	EMU_GAP,		/* a gap in the log: gap_* */
	EMU_REQUESTED,		/* a stop request (a signal, ^A x) */
	EMU_IDLE,		/* the guest waits for input that will not
				   come (replay: the recording holds none) */
	EMU_STUCK,		/* the guest can make no progress (err,
				   EMU_E_STUCK); has_end: the recording
				   ended there too */
	EMU_FAILED,		/* a divergence or trouble: err */
	EMU_ASKED		/* a pause asked for at the terminal (^A s,
				   ^A i) or by emu_interrupt(snap):
				   request; the run goes on when called
				   again */
};

/* Which input an error is about: the front end names that file. */
enum emu_blame {
	EMU_BLAME_NONE = 0,	/* no file: the machine, memory */
	EMU_BLAME_LOG,		/* the log replayed (or the machine it asks
				   for) */
	EMU_BLAME_SNAPSHOT,	/* the snapshot to start from */
	EMU_BLAME_MACHINE,	/* err is the machine's own (a gate that
				   would not attach, a divergence): a log
				   error or divergence names the log */
	EMU_BLAME_GUEST,	/* the guest's ELF */
	EMU_BLAME_OUTPUT,	/* the log being written (lib set) */
	EMU_BLAME_SAVED,	/* the snapshot being written (lib set) */
	EMU_BLAME_LOG_B,	/* a comparison's second log (the first is
				   EMU_BLAME_LOG) */
	EMU_BLAME_HOST_FROM	/* the known-good log host values come
				   from (emu_config.host_from) */
};

/* The one report: what a run, replay, check or comparison found. */
struct emu_report {
	int		 result;	/* enum emu_result */
	int		 stop;		/* enum emu_stop */
	int		 blame;		/* enum emu_blame */
	struct emu_error err;		/* DIVERGED, TROUBLE, a failed call */
	int		 has_lib;	/* lib is the error (an output) */
	struct rr_error	 lib;
	uint64_t	 icount;	/* where the machine is */
	uint64_t	 end_icount;	/* replay: the recording's last icount;
					   else UINT64_MAX */
	uint32_t	 pc;
	uint64_t	 events;	/* log events checked (replay) */
	/* DIVERGED at a checkpoint: the parts of the state that differ */
	uint32_t	 parts[RR_PARTS_MAX];
	uint32_t	 nparts;
	uint64_t	 agreed;	/* replay: icount of the last checkpoint
					   that matched (or the start) */
	uint64_t	 state_hash;	/* rrverify --log: the state replayed
					   to */
	int		 replayed;	/* the log ran through the machine:
					   icount and events say how far */
	int		 exit_code;	/* EXITED: the guest's code */
	int		 has_end;	/* the recording's END was reached */
	uint32_t	 reason;	/* its reason (RR_END_*) */
	int64_t		 status;	/* its exit status */
	uint64_t	 trunc_offset;	/* TRUNCATED: where the log ends */
	uint64_t	 trunc_event;
	uint64_t	 gap_event;	/* GAP: the gap's event number */
	uint64_t	 gap_resume_icount, gap_resume_event;
	int		 request;	/* ASKED: 's' save, 'i' report */
	int		 host_errno;	/* guest output could not be written */
	int		 has_end_error;	/* the log's end is not a valid footer */
	struct rr_error	 end_error;
	/* run/record: where the values from host_from parted, or "" */
	char		 parted[512];
};

/* ---- rremu: a run, a recording or a replay ---- */

enum emu_mode {
	EMU_RUN = 0,		/* host values, nothing logged */
	EMU_RECORD,		/* host values, each one logged */
	EMU_REPLAY		/* values from the log, checked as it goes */
};

/* Bounds of the machine's configuration, for option checks. */
#define EMU_RAM_MIN	(1u << 16)
#define EMU_RAM_MAX	(1u << 30)
#define EMU_RAM_ALIGN	4096u		/* RAM is whole pages */
#define EMU_SHIFT_MAX	32u
#define EMU_CMDLINE_MAX	1024u		/* semihosting GET_CMDLINE, with
					   its NUL */

/*
 * What the front end lends the machine to show people things: emu/
 * prints nothing and reads no symbols of its own.  Each may be NULL.
 */
struct emu_hooks {
	/*
	 * A code address's name, "main+0x10 (main.c:12)", into buf
	 * (divergence and stuck messages, after the address): 0, or -1
	 * with none.
	 */
	int		(*symbolize)(void *arg, uint32_t addr, char *buf,
			    size_t len);
	void		*sym_arg;
	/*
	 * One event as rrdump prints it (rr(7), "Text"), without its
	 * newline, into buf (gdb's monitor events).  NULL: number, icount
	 * and kind only.
	 */
	void		(*event_text)(const struct rr_event *ev, char *buf,
			    size_t len);
	/*
	 * emu_gdb listens at where and waits for gdb.  NULL: said on
	 * stderr ("rremu: waiting for gdb on where").
	 */
	void		(*gdb_ready)(void *arg, const char *where);
	void		*ready_arg;
};

struct emu_config {
	int		 mode;		/* enum emu_mode */
	const char	*guest;		/* run/record: the ELF booted; replay:
					   one the log must be of, or NULL */
	const char	*guestname;	/* guest, as messages name it */
	const char	*log;		/* replay: read; record: written ("-":
					   standard output) */
	const char	*logname;	/* log, as messages name it */
	const char	*load;		/* a snapshot to start from, or NULL */
	uint32_t	 ram;		/* run/record: RAM bytes */
	uint32_t	 shift;		/* run/record: the clock shift */
	uint64_t	 checkpoint_interval;	/* record: 0 none */
	uint64_t	 keyframe_interval;	/* record: 0 the first only */
	uint32_t	 block_size;	/* record: 0 the default */
	int		 semihosting;	/* run/record: answer semihosting */
	const char	*sh_root;	/* files semihosting may open, or NULL */
	const char	*sh_cmdline;	/* GET_CMDLINE's answer */
	int		 in_fd;		/* run/record: UART input; -1 none */
	int		 escape;	/* in_fd is a raw terminal: ^A keys */
	int		 out_fd;	/* guest output; -1 nowhere */
	/* record: the files of this run, which the log may not replace */
	const struct rr_fileid *inputs;
	size_t		 ninputs;
	/*
	 * run/record: pinned host inputs (emu/pin.c), as the options spell
	 * them, or NULL: --rtc-base, --entropy-seed, --host-from.
	 */
	const char	*rtc_base;
	const char	*entropy_seed;
	const char	*host_from;
	const struct emu_hooks *hooks;	/* or NULL */
};

/*
 * Check a pinned-input option's value ("rtc-base", "entropy-seed",
 * "host-from"): 0, or -1 with why in err (before anything runs).
 */
int		 emu_pin_check(const char *name, const char *arg, char *err,
		    size_t errlen);

struct emu_session;

/*
 * Build the machine c describes: run/record boot the guest (or resume
 * snapshot c->load of it), record opens the log; replay builds the
 * machine the log describes at its first keyframe or at c->load.  c is
 * kept (with its strings) until emu_close.  0, or -1 with rep->err and
 * rep->blame (rep->lib for the log written) saying what failed; either
 * way *sp is set and emu_close frees it.
 */
int		 emu_open(struct emu_session **sp, const struct emu_config *c,
		    struct emu_report *rep);
/*
 * Attach the gate and start (record: the first keyframe is written).
 * 0, or -1 with rep filled.
 */
int		 emu_start(struct emu_session *s, struct emu_report *rep);
/*
 * Run to icount to (a replay never runs past its recording's end), or
 * until the guest exits, a stop or pause is asked for, or an error; say
 * how it came out.  Called again, the run goes on: stopping changes
 * nothing the guest can see.  Returns rep->result.
 */
int		 emu_run(struct emu_session *s, uint64_t to,
		    struct emu_report *rep);
/*
 * Save the machine's state, with the gate's, as snapshot file path,
 * never over one of the files inputs names (the run's files, the log
 * being recorded among them).  0, or -1 with rep filled
 * (EMU_BLAME_SAVED with lib: the file could not be written).
 */
int		 emu_save(struct emu_session *s, const char *path,
		    const struct rr_fileid *inputs, size_t ninputs,
		    struct emu_report *rep);
/*
 * End the run: unless a replay stopped before its end (early), flush the
 * guest's output and check (replay) or log (record) what is due at this
 * icount; record closes the log with status, reason and text (the
 * machine's error, if it has one, is the text).  rep gets the counts,
 * the error that checking found (result EMU_DIVERGED or EMU_TROUBLE;
 * EMU_MATCHED if none), a write error of the log (has_lib), of the
 * guest's output (host_errno) and a damaged end of the replayed log.
 */
void		 emu_finish(struct emu_session *s, int early, int64_t status,
		    uint32_t reason, const char *text, struct emu_report *rep);
/*
 * From a signal handler: stop soon (snap 0), or pause to save a
 * snapshot (snap 1: the next emu_run returns EMU_ASKED, request 's').
 */
void		 emu_interrupt(struct emu_session *s, int snap);
/* Where the machine is: icount, pc, the gate's counts. */
void		 emu_where(struct emu_session *s, struct emu_report *rep);
/* Free everything; accepts NULL. */
void		 emu_close(struct emu_session *s);

/* How a gdb session ended (emu_gdb). */
enum emu_gdb_end {
	EMU_GDB_DETACHED = 0,	/* the run goes on without gdb */
	EMU_GDB_KILLED,		/* gdb killed it or went away */
	EMU_GDB_FAILED		/* the stub could not serve: err */
};
/*
 * Serve the session to gdb at addr ("[host:]port", rremu(1)) until it
 * detaches, kills the machine or goes away; a replay is served forwards
 * and backwards.  interval and key_cost tune the snapshot store (0: the
 * defaults).  *at_end: the run reached its end under gdb.  Returns enum
 * emu_gdb_end; rep says where the machine is, and rep->err.msg why the
 * stub failed or gdb went away ("" if it did not say).
 */
int		 emu_gdb(struct emu_session *s, const char *addr,
		    uint64_t interval, uint64_t key_cost, int *at_end,
		    struct emu_report *rep);
/*
 * addr is one emu_gdb can listen at: "[host:]port" with a port of 1 to
 * 65535 and a host that is a numeric IPv4 address or a name.  0, or -1
 * with why in err.
 */
int		 emu_gdb_addr_check(const char *addr, char *err,
		    size_t errlen);

/* The device tree a machine of ram bytes boots with: new, *len bytes. */
uint8_t		*emu_dtb(uint32_t ram, size_t *len);

/* ---- progress of a long replay ---- */

/*
 * How far a replay (or a comparison) has come, for a front end to show:
 * fn is called between steps of about EMU_PROGRESS_STEP instructions
 * with done of total (total 0: not known; done is then the icount
 * reached).  A replay stops to call it, which changes nothing the guest
 * can see.  Every function below that takes one accepts NULL: none.
 */
#define EMU_PROGRESS_STEP	(1ull << 26)
#define EMU_LOCKSTEP_COST	256u	/* measured: 3M against 700M
					   instructions a second */
struct emu_progress {
	void		(*fn)(void *arg, uint64_t done, uint64_t total);
	void		*arg;
};

/* ---- checks (rrverify) ---- */

struct emu_check;

/* A checker with no machine yet (built on first use); NULL on ENOMEM. */
struct emu_check *emu_check_new(void);
void		 emu_check_free(struct emu_check *c);	/* accepts NULL */
/*
 * Load s into a machine of its configuration and recompute its state
 * hash from the fields.  0, or -1 with msg saying what is wrong (a
 * missing section, a field of the wrong type, size or range, RAM of
 * another size, a hash that differs).
 */
int		 emu_check_snap(struct emu_check *c, const struct rr_snap *s,
		    char *msg, size_t len);
/* The same as an rr_verify keyframe hook (arg: a struct emu_check). */
int		 emu_check_keyframe(void *arg, const struct rr_snap *s,
		    const struct rr_event *ev, char *msg, size_t len);
/*
 * Replay log to its end through the machine (the code rremu replay
 * runs), checking every event, checkpoint and END.  logname names the
 * log in messages.  Returns the result (also in rep->result); a log or
 * snapshot that cannot be used is EMU_TROUBLE with rep->blame set.
 */
int		 emu_verify_replay(const char *log, const char *logname,
		    const struct emu_progress *pg, struct emu_report *rep);
/*
 * Does snapshot s hold the state that log says the machine had at s's
 * instruction count?  Checks that it belongs to the recording, replays
 * the log to that count and compares state hashes.  EMU_MATCHED,
 * EMU_DIVERGED (rep->err says how), or EMU_TROUBLE.
 */
int		 emu_verify_snap_log(const struct rr_snap *s, const char *log,
		    const char *logname, const struct emu_progress *pg,
		    struct emu_report *rep);

/* ---- exact states (rrdiff, rrcut) ---- */

/*
 * Replay log to icount and save the machine's state there as a new
 * snapshot (*out; caller frees).  EMU_MATCHED, or another enum
 * emu_result with rep->err saying why (the log ends before icount, it
 * diverges, it cannot be read).
 */
int		 emu_state_at(const char *log, const char *logname,
		    uint64_t icount, struct rr_snap **out,
		    const struct emu_progress *pg, struct emu_report *rep);

/* Where two replays part, instruction by instruction. */
struct emu_exact {
	int		 found;		/* states differ after instruction */
	uint64_t	 icount;	/* the count after it */
	uint32_t	 pc;		/* its address */
	struct rr_snap	*a, *b;		/* both states after it (new) */
	uint64_t	 compared;	/* instructions stepped in lock step */
};

/*
 * Replay a and b to from (the last icount at which their states are
 * known to agree), then step both one instruction at a time, comparing
 * state hashes, until they differ, to is passed, or either run ends.
 * Returns EMU_MATCHED with x filled (x->found 0: no difference up to
 * to), or another enum emu_result with rep->err and rep->blame
 * (EMU_BLAME_LOG a, EMU_BLAME_LOG_B b) saying which log failed and why.
 * Free x->a and x->b.  pg is told the work of both replays to from and
 * of the lock step, an instruction of which costs as much as
 * EMU_LOCKSTEP_COST of a replay; where neither to nor the recordings'
 * ends are known, done is a's icount and total 0.
 */
int		 emu_exact_diff(const char *a, const char *b, const char *aname,
		    const char *bname, uint64_t from, uint64_t to,
		    const struct emu_progress *pg, struct emu_exact *x,
		    struct emu_report *rep);

/*
 * Keyframes at any instruction count of the log at path, made by one
 * replay walking forwards (rrcut --split --exact asks for them in
 * ascending order; an earlier target starts the walk again).
 */
struct emu_walk;
/* 0, or -1 with err filled; pg is kept (NULL: none) and told
   (icount, target) as each walk goes. */
int		 emu_walk_open(struct emu_walk **wp, const char *path,
		    const struct emu_progress *pg, struct rr_error *err);
/*
 * Replay to icount target, from where the walk is or from the log's
 * keyframe numbered key_event at key_icount if the walk is not between
 * that and target, checking every event on the way, and encode the
 * state there as a keyframe (a snapshot image, new: caller frees *buf).
 * *next_event: the number of the log's first event not applied to that
 * state.  0, or -1 with err filled (a divergence, a damaged log, a
 * target the recording never reaches).
 */
int		 emu_walk_keyframe(struct emu_walk *w, uint64_t key_event,
		    uint64_t key_icount, uint64_t target, uint8_t **buf,
		    size_t *len, uint64_t *next_event, struct rr_error *err);
/* Accepts NULL. */
void		 emu_walk_close(struct emu_walk *w);

#endif /* EMU_EMU_H */
