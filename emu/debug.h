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
 * Reverse execution keeps a snapshot (an anchor) every
 * DEBUG_SNAP_INTERVAL instructions; at more than DEBUG_SNAP_MAX
 * snapshots or DEBUG_SNAP_BYTES bytes of them (DEBUG_KEYED_BYTES when
 * the log's keyframes stand in for anchors), every other one is dropped
 * and the interval doubles.  Snapshots share the RAM pages that did not
 * change between them, so the bytes are those of the pages written per
 * interval.  The budgets keep a 128 MiB guest that rewrites 64 MiB of
 * its RAM (memwalk, make bench) under 256 MiB with its snapshots.
 */
#define DEBUG_SNAP_INTERVAL	(1u << 20)
#define DEBUG_SNAP_MAX		1024u
#define DEBUG_SNAP_BYTES	(96u << 20)
/*
 * Local snapshots: one every DEBUG_SNAP_INTERVAL instructions over the
 * DEBUG_LOCAL_MAX intervals before the target of each replay (a goto, a
 * step back), where the next steps back will be, so a step back
 * replays at most one interval; at most DEBUG_LOCAL_MAX of them, and
 * DEBUG_LOCAL_BYTES more bytes than the anchors' budget but for the
 * DEBUG_LOCAL_KEEP nearest.  They are dropped first, farthest from the
 * current point first, and all but those between a keyframe loaded and
 * its target when one is.
 */
#define DEBUG_LOCAL_MAX		128u
#define DEBUG_LOCAL_BYTES	(64u << 20)
#define DEBUG_LOCAL_KEEP	16u

/*
 * The log's keyframes (one every keyframe_interval instructions, the
 * recorder's default policy) are restore points that hold no memory:
 * one is loaded instead of replaying from an earlier snapshot when it
 * is more than DEBUG_KEY_COST instructions later.  Loading one of
 * 64 MiB of RAM takes 0.2-0.45 s (memwalk), about as long as replaying
 * 10^8 instructions; a smaller threshold keeps every replay to a target
 * within one keyframe interval and 32 Mi instructions of it, so that a
 * goto's worst case is bounded by the keyframe interval.
 */
#define DEBUG_KEY_COST		(32u << 20)
/* The anchors' budget then: the keyframes are anchors that cost none. */
#define DEBUG_KEYED_BYTES	(32u << 20)

struct debug_config {
	const char	*addr;		/* --gdb ADDR */
	const char	*log;		/* replay: the log's path, else NULL */
	struct gate_config gc;		/* as the gate was attached */
	uint64_t	 end;		/* replay: last icount (UINT64_MAX:
					   the log was not closed) */
	uint64_t	 interval;	/* snapshot interval; 0: default */
	size_t		 max_snaps;	/* 0: DEBUG_SNAP_MAX */
	uint64_t	 key_cost;	/* 0: DEBUG_KEY_COST */
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
/*
 * Set (insert) or clear a watchpoint of kind (enum gdb_bp: GDB_WP_WRITE,
 * _READ, _ACCESS) on len bytes at addr, as gdb's Z2-Z4/z2-z4.  0, -1.
 */
int		 debug_watchpoint(struct debug *d, int kind, uint32_t addr,
		    uint32_t len, int insert);
/* continue: forwards to the next break- or watchpoint hit or the end,
   replaying every instruction on the way.  0, or -1 (err). */
int		 debug_continue(struct debug *d, char *err, size_t errlen);
/* reverse-continue: to the last breakpoint hit before now, or the
   start.  0, or -1 (err). */
int		 debug_reverse_continue(struct debug *d, char *err,
		    size_t errlen);
/* Snapshots held and their bytes. */
void		 debug_snap_stats(const struct debug *d, size_t *n,
		    size_t *bytes, uint64_t *interval);

/* The engine as gdb's target (struct debug * as its target pointer). */
const struct gdb_ops *debug_gdb_ops(void);
/* Keyframes loaded from the log so far. */
uint64_t	 debug_key_loads(const struct debug *d);
/* The icount the last goto or reverse-continue window replayed from. */
uint64_t	 debug_replayed_from(const struct debug *d);

#endif /* EMU_DEBUG_H */
