/*
 * What rremu's own files share (cmd/rremu.c: the run, the terminal,
 * signals; rremu-opt.c: the command line; rremu-end.c: how the run
 * ended, said): exit statuses, options, the run.
 */
#ifndef CMD_RREMU_H
#define CMD_RREMU_H

#include <stddef.h>
#include <stdint.h>

#include "../emu/emu.h"

struct cmd_sym;

/*
 * Exit status (rremu(1)): the guest's code is passed through; the
 * statuses above it are rremu's own, below those the shell gives a
 * meaning (126, 127, 128 and up).
 */
#define EX_GUEST_MAX	122	/* guest codes above are shown as 122 */
#define EX_DIVERGED	123	/* replay parted from the recording */
#define EX_UNFINISHED	124	/* the guest did not exit (timeout(1)) */
#define EX_TROUBLE	125	/* usage, I/O, bad input, emulator error */

#define MAX_PAUSES	64

/* The command line, parsed and checked (rremu_parse). */
struct rremu_opts {
	int		 mode;		/* enum emu_mode; -1: dtb */
	const char	*modename;
	const char	*input;		/* -I */
	const char	*output;	/* -o */
	const char	*load;		/* -L */
	const char	*save;		/* -S */
	const char	*gdb;		/* --gdb */
	const char	*junit;		/* --junit */
	int		 json;		/* -j: the end report as JSON */
	const char	*elf;		/* --elf, or replay's second operand */
	int		 debug;		/* rremu debug (a replay) */
	const char	*gdb_command;	/* debug: --gdb-command */
	char		**gdb_args;	/* debug: what follows "--" */
	int		 ngdb_args;
	uint64_t	 ram, shift, ckpt, key, limit, stop_at, block;
	uint64_t	 pauses[MAX_PAUSES];
	int		 npauses;
	int		 quiet, verbose;
	int		 ram_set, shift_set, ckpt_set, key_set;
	int		 semihosting;
	const char	*sh_root;
	/* Pinned host inputs: --rtc-base, --entropy-seed, --host-from. */
	const char	*rtc_base, *entropy_seed, *host_from;
	char		 cmdline[EMU_CMDLINE_MAX];
};

#define MAX_INPUTS	8

/*
 * The first problem a run met, as said on stderr: what --json's record
 * and --junit's failure give (rremu-json.c).  A divergence; damage: the
 * replayed log cannot be read on, ends without END or at a gap, or its
 * end is not a valid footer; trouble: anything else that ends in 125.
 */
enum rremu_pkind {
	RREMU_P_NONE = 0,
	RREMU_P_DIVERGENCE,
	RREMU_P_DAMAGE,
	RREMU_P_TROUBLE
};

struct rremu_problem {
	int		 kind;		/* enum rremu_pkind */
	int		 has_file;
	char		 file[256];	/* as messages name it */
	uint64_t	 offset, event;	/* RR_NO_OFFSET, RR_NO_EVENT: none */
	char		 msg[512];
};

/* One run: its options, its session, and what the end report needs. */
struct rremu_run {
	const struct rremu_opts *o;
	struct emu_session *s;
	const char	*guest;		/* the ELF (run, record) */
	const char	*log;		/* replay: the log */
	int		 in_fd;		/* UART input opened, or -1 */
	int		 halted;	/* stopped before the end: a replay's
					   log goes on */
	struct cmd_sym	*sym;		/* --elf's names, or NULL */
	char		 end_text[256];	/* END's text (record) */
	const char	*how;		/* how it stopped (rremu_ended), or
					   NULL: it never ran */
	struct rremu_problem problem;	/* the first one said */
	int		 exit_code;	/* the guest's, when how is "exit" */
	uint32_t	 reason;	/* END's reason (rremu_report_end) */
	int		 has_fin;	/* fin: emu_finish's report */
	struct emu_report fin;
	/* The files this run reads (and writes): never written over. */
	struct rr_fileid inputs[MAX_INPUTS];
	size_t		 ninputs;
};

/*
 * Parse and check argv (rremu(1)): the mode, its options and their
 * combination.  -h and -V print and exit; a usage error says what is
 * wrong, shows the synopsis and exits EX_TROUBLE.  Returns the index of
 * the first file operand.
 */
int		 rremu_parse(struct rremu_opts *o, int argc, char **argv);

/* ---- rremu-end.c: how the run ended, said ---- */
/* The log written, in messages ("-" is standard output). */
const char	*rremu_out_name(const struct rremu_opts *o);
/* Say what rep's error is, naming its file (saved: -S's path). */
void		 rremu_say(struct rremu_run *r,
		    const struct emu_report *rep, const char *saved);
/*
 * Say how the run stopped (rep from emu_run) and return the exit status
 * it calls for; *reason and *status get what the log's END says.
 * Saves -S's snapshot at -u's stop (through rremu_save).
 */
int		 rremu_ended(struct rremu_run *r,
		    const struct emu_report *rep,
		    uint32_t *reason, int64_t *status);
/* Finish the run and say its end report; the exit status, raised. */
int		 rremu_report_end(struct rremu_run *r, int ex,
		    uint32_t reason,
		    int64_t status);
/* A code address as messages show it (r->sym's name after it). */
const char	*rremu_addr(const struct rremu_run *r, uint32_t addr,
		    char *buf, size_t len);
/* (rremu.c) Save a snapshot at path; 0, or -1 said. */
int		 rremu_save(struct rremu_run *r, const char *path);

/* ---- rremu-json.c: the end, for machines (--json, --junit) ---- */
/*
 * Say a problem as cmd_msg does, and keep it if it is the run's first
 * (kind: enum rremu_pkind).
 */
void		 rremu_problem(struct rremu_run *r, int kind,
		    const char *file, uint64_t offset, uint64_t event,
		    const char *fmt, ...)
		    __attribute__((format(printf, 6, 7)));
/* The same for a library error (cmd_rrerr). */
void		 rremu_problem_rr(struct rremu_run *r, int kind,
		    const char *file, const struct rr_error *e);
/*
 * After the run (or a failure before it): write --junit's report, then
 * --json's record as the last line of stdout, and flush stdout.  Returns
 * the exit status ex, raised to EX_TROUBLE if either cannot be written.
 */
int		 rremu_results(struct rremu_run *r, int ex);
/* ---- rremu-debug.c: rremu debug ---- */
/*
 * gdb on a private socket of a replay served by a child of rremu (the
 * session r->s, opened); hooks is the session's.  Returns gdb's exit
 * status, or EX_TROUBLE after a message.
 */
struct emu_hooks;
int		 rremu_debug(struct rremu_run *r, struct emu_hooks *hooks);

#endif /* CMD_RREMU_H */
