/*
 * The debugger engine behind rremu --gdb: break- and watchpoints,
 * stepping, and reverse execution over in-memory snapshots of a replay.
 * It drives the machine from outside, with machine_run limits.
 */
#ifndef EMU_DEBUG_H
#define EMU_DEBUG_H

#include <stddef.h>
#include <stdint.h>

#include "gate.h"

struct machine;

/*
 * Reverse execution keeps a snapshot every DEBUG_SNAP_INTERVAL
 * instructions; at more than DEBUG_SNAP_MAX snapshots or
 * DEBUG_SNAP_BYTES bytes of them, every other one is dropped and the
 * interval doubles.  A step back replays at most one interval.
 * Snapshots share the RAM pages that did not change between them, so
 * the bytes are those of the pages written per interval.  96 MiB: a
 * 128 MiB guest that uses all its RAM, with its snapshots, stays under
 * 256 MiB.
 */
#define DEBUG_SNAP_INTERVAL	(1u << 20)
#define DEBUG_SNAP_MAX		1024u
#define DEBUG_SNAP_BYTES	(96u << 20)
/*
 * Local snapshots: one every DEBUG_SNAP_INTERVAL instructions over the
 * DEBUG_LOCAL_MAX intervals before the target of each replay (a goto, a
 * step back), where the next steps back will be; at most
 * DEBUG_LOCAL_MAX of them, and DEBUG_LOCAL_BYTES more bytes but for the
 * DEBUG_LOCAL_KEEP nearest.  They are
 * dropped first, farthest from the current point first.
 */
#define DEBUG_LOCAL_MAX		128u
#define DEBUG_LOCAL_BYTES	(64u << 20)
#define DEBUG_LOCAL_KEEP	16u

struct debug_config {
	const char	*addr;		/* --gdb ADDR */
	const char	*log;		/* replay: the log's path, else NULL */
	struct gate_config gc;		/* as the gate was attached */
	uint64_t	 end;		/* replay: last icount (UINT64_MAX:
					   the log was not closed) */
	uint64_t	 interval;	/* snapshot interval; 0: default */
	size_t		 max_snaps;	/* 0: DEBUG_SNAP_MAX */
};

enum debug_result {
	DEBUG_DETACHED = 0,	/* gdb detached: run on without it */
	DEBUG_KILLED,		/* gdb killed the guest, or went away, or
				   a signal came first (err says so) */
	DEBUG_FAILED		/* could not serve gdb (err says why) */
};

/*
 * Serve one gdb connection on c->addr, the machine stopped before its
 * next instruction and its gate attached as c->gc says.  Returns enum
 * debug_result; with DEBUG_DETACHED the machine and gate are left in a
 * state where the plain run loop can go on.  *at_end: the machine is at
 * the end of the recording, or the guest has exited.
 */
int		 debug_serve(struct machine *m, const struct debug_config *c,
		    int *at_end, char *err, size_t errlen);

/* ---- for tests and benchmarks: the engine without a socket ---- */
struct debug;
struct debug	*debug_new(struct machine *m, const struct debug_config *c,
		    char *err, size_t errlen);
void		 debug_free(struct debug *d);	/* accepts NULL */
/* Go to icount ic, forwards or backwards.  0, or -1 (err). */
int		 debug_goto(struct debug *d, uint64_t ic, char *err,
		    size_t errlen);
/* Set (insert) or clear a breakpoint at addr, as gdb's Z0/z0.  0, -1. */
int		 debug_breakpoint(struct debug *d, uint32_t addr, int insert);
/* reverse-continue: to the last breakpoint hit before now, or the
   start.  0, or -1 (err). */
int		 debug_reverse_continue(struct debug *d, char *err,
		    size_t errlen);
/* Snapshots held and their bytes. */
void		 debug_snap_stats(const struct debug *d, size_t *n,
		    size_t *bytes, uint64_t *interval);

#endif /* EMU_DEBUG_H */
