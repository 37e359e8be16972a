/*
 * The record/replay gate: the one door through which non-determinism
 * enters the machine.  Devices never call a host clock, random source or
 * file descriptor themselves; they call these.  With m->gate == NULL the
 * gate is a plain run with no input: host clock, host entropy, output to
 * stdout.
 */
#ifndef EMU_GATE_H
#define EMU_GATE_H

#include <stddef.h>
#include <stdint.h>

#include "emu.h"

struct machine;
struct rr_writer;
struct rr_reader;
struct rr_header;
struct rr_snap;
struct rr_error;

/* The modes are rremu's (enum emu_mode, emu/emu.h). */
enum gate_mode {
	GATE_RUN = EMU_RUN,
	GATE_RECORD = EMU_RECORD,
	GATE_REPLAY = EMU_REPLAY
};

struct gate_config {
	int		 mode;
	int		 in_fd;		/* UART input (run/record); -1 none */
	int		 out_fd;	/* guest output shown here; -1 none */
	int		 escape;	/* in_fd is a raw terminal: ^A x stops */
	struct rr_writer *w;		/* record: the log (not owned) */
	struct rr_reader *r;		/* replay: positioned at the first
					   event after the start state */
	const struct rr_header *hdr;	/* the run's header: record takes
					   keyframes and checkpoints at its
					   intervals (0: none; keyframes:
					   the first only); NULL: this
					   machine's, with none */
	const struct rr_snap *resume;	/* started from this snapshot: its
					   "gate" section is restored */
	const char	*sh_root;	/* run/record: semihosting opens
					   files under this folder; NULL:
					   none */
	const char	*sh_cmdline;	/* run/record: GET_CMDLINE's answer */
};

/*
 * Attach a gate to m (m->gate).  Record: writes the first keyframe.
 * -1 with m->err on failure.
 */
int		 gate_attach(struct machine *m, const struct gate_config *c);
/* Detach and free; accepts a machine without a gate. */
void		 gate_detach(struct machine *m);
/*
 * The run stopped: flush output, then record: log a final checkpoint;
 * replay: check the recording's remaining events at this icount (final
 * checkpoint, END status).  -1 with m->err on divergence.
 */
int		 gate_finish(struct machine *m, int64_t status, int ended);
/* Replay: the log's END was reached (reason, status). */
int		 gate_replay_end(const struct machine *m, uint32_t *reason,
		    int64_t *status);
/*
 * Replay: the log ended without END (a killed recorder's log): the
 * reader's error that says where (borrowed), or NULL.
 */
const struct rr_error *gate_replay_truncated(const struct machine *m);
/* Replay stopped at a gap in the log (format 1.2): that event, or NULL. */
const struct rr_event *gate_replay_gap(const struct machine *m);
/* A request typed at a raw terminal (^A s, ^A i), once; 0 if none. */
int		 gate_take_request(struct machine *m);
/* errno of a failed write of guest output to out_fd, or 0. */
int		 gate_host_errno(const struct machine *m);
/* Counts for reports. */
uint64_t	 gate_events(const struct machine *m);
/* Replay: the icount of the last checkpoint that matched (or the start). */
uint64_t	 gate_agreed(const struct machine *m);
/* Gate state in snapshots: section "gate" (output not yet logged). */
int		 gate_snap_save(const struct machine *m, struct rr_snap *s);
int		 gate_snap_load(struct machine *m, const struct rr_snap *s,
		    char *err, size_t errlen);
/*
 * The number of the first log event not yet applied to snapshot s's
 * state, from its "gate" section: 1 and *n set, 0 if s does not say,
 * -1 if the field is damaged.
 */
int		 gate_snap_next_event(const struct rr_snap *s, uint64_t *n);

/* Host clock value for the RTC (ns since the epoch). */
uint64_t	 gate_clock(struct machine *m);
/* Value of the Zkr seed CSR (OPST in bits 31:30, entropy in 15:0). */
uint32_t	 gate_entropy(struct machine *m);
/* One byte of guest output from device dev (RR_DEV_UART, RR_DEV_SEMIHOST). */
void		 gate_output(struct machine *m, uint32_t dev, uint8_t c);
/*
 * The host's answer to semihosting query q (emu/semihost.h): run and
 * record ask the host (the console's input, as the UART would have it;
 * files under sh_root and clocks by emu/shhost.c), record logs it as a
 * SEMIHOST event, replay takes it from the log.  -1 (m->err set, or a
 * stop came while waiting for input): the call is not answered.
 */
struct sh_query;
int		 gate_semihost(struct machine *m, struct sh_query *q);
/* The next icount at which the gate needs control (UINT64_MAX: none). */
uint64_t	 gate_due(struct machine *m);
/*
 * Service the gate at the current icount: checkpoints, keyframes and
 * bottom halves due now.  idle: the hart waits in WFI with no timer
 * deadline, so the gate may block for host input.  Returns 0, or -1 on
 * error or divergence (m->err says why, m->brk set).
 */
int		 gate_service(struct machine *m, int idle);

#endif /* EMU_GATE_H */
