/* Front-end progress on a terminal: for work that takes over a second. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "msg.h"
#include "out.h"
#include "progress.h"
#include "../emu/emu.h"

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
	char vs[1024] = "";

	if (!p->tty || (total == 0 && !p->icounts))
		return;
	clock_gettime(CLOCK_MONOTONIC, &now);
	if (since(&p->start, &now) < 1.0 ||
	    (p->shown && since(&p->last, &now) < 0.1))
		return;
	p->last = now;
	/* What was said before the wait shows before the line. */
	if (!p->shown) {
		cmd_flush();
		fflush(stdout);
	}
	if (p->vs != NULL)
		snprintf(vs, sizeof(vs), " vs %s", cmd_name(p->vs));
	if (total == 0)
		fprintf(stderr, "\r%s: %s%s: icount %llu\033[K", cmd_prog,
		    cmd_name(p->what), vs, (unsigned long long)done);
	else
		fprintf(stderr, "\r%s: %s%s: %3d%%", cmd_prog,
		    cmd_name(p->what), vs, (int)((double)(done > total ?
		    total : done) * 100 / (double)total));
	p->shown = 1;
}

void
cmd_progress_cb(void *arg, uint64_t done, uint64_t total)
{
	cmd_progress_at(arg, done, total);
}

const struct emu_progress *
cmd_progress_replay(struct cmd_progress *p, const char *what,
    struct emu_progress *ep)
{
	cmd_progress_begin(p, what);
	p->icounts = 1;
	ep->fn = cmd_progress_cb;
	ep->arg = p;
	return p->tty ? ep : NULL;
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
