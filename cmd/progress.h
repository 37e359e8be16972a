/* Front-end progress on a terminal: for work that takes over a second. */
#ifndef CMD_PROGRESS_H
#define CMD_PROGRESS_H

#include <stdint.h>
#include <time.h>

/*
 * One line on stderr, rewritten in place ("rrverify: trace.rr: 43%"),
 * only when stderr is a terminal and only once the work has taken a
 * second; at most ten times a second.  cmd_progress_clear takes the line
 * away (before any message, and at the end).
 */
struct cmd_progress {
	const char	*what;		/* "trace.rr: replay" */
	int		 tty;
	int		 shown;
	struct timespec	 start, last;
};
void		 cmd_progress_begin(struct cmd_progress *p, const char *what);
void		 cmd_progress_at(struct cmd_progress *p, uint64_t done,
		    uint64_t total);
void		 cmd_progress_clear(struct cmd_progress *p);
/* Is p's line on the terminal now (for tests and callers)? */
int		 cmd_progress_shown(const struct cmd_progress *p);

#endif /* CMD_PROGRESS_H */
