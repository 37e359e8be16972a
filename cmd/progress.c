/* Front-end progress on a terminal: for work that takes over a second. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "msg.h"
#include "progress.h"

static double
since(const struct timespec *a, const struct timespec *b)
{
	return (double)(b->tv_sec - a->tv_sec) +
	    (double)(b->tv_nsec - a->tv_nsec) / 1e9;
}

void
cmd_progress_begin(struct cmd_progress *p, const char *what)
{
	memset(p, 0, sizeof(*p));
	p->what = what;
	p->tty = isatty(STDERR_FILENO);
	clock_gettime(CLOCK_MONOTONIC, &p->start);
	p->last = p->start;
}

void
cmd_progress_at(struct cmd_progress *p, uint64_t done, uint64_t total)
{
	struct timespec now;

	if (!p->tty || total == 0)
		return;
	clock_gettime(CLOCK_MONOTONIC, &now);
	if (since(&p->start, &now) < 1.0 ||
	    (p->shown && since(&p->last, &now) < 0.1))
		return;
	p->last = now;
	if (done > total)
		done = total;
	fprintf(stderr, "\r%s: %s: %3d%%", cmd_prog, cmd_name(p->what),
	    (int)(done * 100 / total));
	p->shown = 1;
}

void
cmd_progress_clear(struct cmd_progress *p)
{
	if (p->shown) {
		fputs("\r\033[K", stderr);
		p->shown = 0;
	}
}

int
cmd_progress_shown(const struct cmd_progress *p)
{
	return p->shown;
}
