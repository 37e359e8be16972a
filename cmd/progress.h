/* Front-end progress on a terminal: for work that takes over a second. */
#ifndef CMD_PROGRESS_H
#define CMD_PROGRESS_H

#include <stdint.h>
#include <time.h>

/*
 * One line on stderr, rewritten in place ("rrverify: trace.rr: 43%"),
 * only when stderr is a terminal and only once the work has taken a
 * second; at most ten times a second.  cmd_progress_clear takes the line
 * away (before any message, and at the end).  Where the total is not
 * known (0) the line says "icount N" if icounts is set, else nothing.
 */
struct cmd_progress {
	const char	*what;		/* the file ("trace.rr") */
	const char	*vs;		/* a second file ("a.rr vs b.rr"), or
					   NULL */
	int		 icounts;	/* done is an icount */
	int		 tty;
	int		 shown;
	struct timespec	 start, last;
};
void		 cmd_progress_begin(struct cmd_progress *p, const char *what);
void		 cmd_progress_at(struct cmd_progress *p, uint64_t done,
		    uint64_t total);
void		 cmd_progress_clear(struct cmd_progress *p);
/*
 * cmd_progress_at as a callback (arg: the struct cmd_progress), for
 * emu_progress and rr_verify_set_progress.
 */
void		 cmd_progress_cb(void *arg, uint64_t done, uint64_t total);
/*
 * Begin p for a replay of what (icounts shown where the end is not
 * known) and make *ep the emulator's callback into it.  Returns ep, or
 * NULL (no callback: the replay runs in one go) when stderr is not a
 * terminal.
 */
struct emu_progress;
const struct emu_progress *cmd_progress_replay(struct cmd_progress *p,
		    const char *what, struct emu_progress *ep);
/* Is p's line on the terminal now (for tests and callers)? */
int		 cmd_progress_shown(const struct cmd_progress *p);

#endif /* CMD_PROGRESS_H */
