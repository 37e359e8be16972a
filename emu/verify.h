/*
 * What rrverify and rrdiff need the machine for: a snapshot's state hash
 * recomputed from its fields, a keyframe loaded as this machine's state.
 * lib/ checks the format; this checks that the state is one this machine
 * can be in.  Nothing here prints.
 */
#ifndef EMU_VERIFY_H
#define EMU_VERIFY_H

#include <stddef.h>
#include <stdint.h>

#include "error.h"
#include "../lib/rr.h"

struct rr_snap;
struct emu_check;

/* A checker with no machine yet (built on first use); NULL on ENOMEM. */
struct emu_check *emu_check_new(void);
void		 emu_check_free(struct emu_check *c);	/* accepts NULL */

/*
 * Load s into a machine of its configuration and recompute its state
 * hash from the fields.  0, or -1 with msg saying what is wrong (a
 * missing section, a field of the wrong type, size or range, RAM of
 * another size, a hash that differs).
 */
int		 emu_check_snap(struct emu_check *c, const struct rr_snap *s,
		    char *msg, size_t len);
/* The same as an rr_verify keyframe hook (arg: a struct emu_check). */
int		 emu_check_keyframe(void *arg, const struct rr_snap *s,
		    const struct rr_event *ev, char *msg, size_t len);

#endif /* EMU_VERIFY_H */
