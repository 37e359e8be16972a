/*
 * Replay a log to any instruction count and take a keyframe there: what
 * `rrcut --exact` needs from the machine (lib/ never depends on emu/).
 */
#ifndef EMU_CUTEXACT_H
#define EMU_CUTEXACT_H

#include <stddef.h>
#include <stdint.h>

struct rr_error;

/*
 * Replay the log at path from its keyframe numbered key_event up to
 * icount target, checking every event on the way, and encode the state
 * there as a keyframe (a snapshot image, new: caller frees *buf).
 * *next_event: the number of the log's first event not applied to that
 * state.  0, or -1 with err filled (a divergence, a damaged log, a
 * target the recording never reaches).
 */
int	 exact_keyframe(const char *path, uint64_t key_event, uint64_t target,
	    uint8_t **buf, size_t *len, uint64_t *next_event,
	    struct rr_error *err);

#endif /* EMU_CUTEXACT_H */
