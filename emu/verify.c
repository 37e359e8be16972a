/* Checks of snapshots and keyframes that need the machine (emu/verify.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "machine.h"
#include "verify.h"
#include "../lib/rrsnap.h"

struct emu_check {
	struct machine	 m;
	int		 ready;
};

struct emu_check *
emu_check_new(void)
{
	return calloc(1, sizeof(struct emu_check));
}

void
emu_check_free(struct emu_check *c)
{
	if (c == NULL)
		return;
	if (c->ready)
		machine_free(&c->m);
	free(c);
}

int
emu_check_snap(struct emu_check *c, const struct rr_snap *s, char *msg,
    size_t len)
{
	const struct rr_snap_meta *meta = rr_snap_meta(s);

	/* One machine serves every snapshot of one RAM size. */
	if (c->ready && (uint64_t)c->m.ram_size != meta->hdr.ram_size) {
		machine_free(&c->m);
		c->ready = 0;
	}
	if (!c->ready) {
		if (meta->hdr.ram_size > UINT32_MAX ||
		    meta->hdr.clock_shift > 32 ||
		    machine_init(&c->m, (uint32_t)meta->hdr.ram_size,
		    meta->hdr.clock_shift) != 0) {
			snprintf(msg, len, "no machine of this configuration "
			    "(%llu bytes of RAM, clock shift %u)",
			    (unsigned long long)meta->hdr.ram_size,
			    meta->hdr.clock_shift);
			return -1;
		}
		c->ready = 1;
	}
	/* machine_load checks every field and recomputes the state hash. */
	return machine_load(&c->m, s, msg, len) == 0 ? 0 : -1;
}

int
emu_check_keyframe(void *arg, const struct rr_snap *s,
    const struct rr_event *ev, char *msg, size_t len)
{
	(void)ev;
	return emu_check_snap(arg, s, msg, len);
}
