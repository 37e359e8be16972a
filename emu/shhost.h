/*
 * Semihosting's host half: files under the root folder the user named,
 * the host's clocks and the command line.  Only the gate calls it (a
 * record logs every answer; a replay never asks the host).
 */
#ifndef EMU_SHHOST_H
#define EMU_SHHOST_H

#include <stdint.h>

struct sh_query;

/* Open the root folder: a descriptor, or -1 with errno. */
int		 shhost_root(const char *dir);
/* The host's monotonic clock, ns. */
uint64_t	 shhost_now(void);
/*
 * Answer q (not a console read): SH_OPEN, SH_READ and SH_FLEN of
 * q->path under root (-1: none; ENOENT), SH_CLOCK and SH_ELAPSED since
 * start (shhost_now), SH_TIME, SH_GET_CMDLINE (cmdline, NULL: empty).
 * A path leaves the root neither by ".." nor by a symbolic link: links
 * are not followed; only regular files open.
 */
void		 shhost_answer(struct sh_query *q, int root, uint64_t start,
		    const char *cmdline);

#endif /* EMU_SHHOST_H */
