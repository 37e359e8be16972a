/* The SiFive test finisher at 0x100000: how a guest ends the run. */
#include <stdio.h>
#include <string.h>

#include "machine.h"
#include "../lib/rrsnap.h"

#define FIN_FAIL	0x3333	/* (code << 16) | FAIL: exit code */
#define FIN_PASS	0x5555	/* exit 0 */

void
finisher_reset(struct finisher *f)
{
	memset(f, 0, sizeof(*f));
}

/*
 * Only offset 0 is a register.  Other values (QEMU's 0x7777 reset among
 * them) are kept in `last` but do nothing: a reset request would need a
 * machine-level reset the recording does not describe.
 */
int
finisher_store(struct machine *m, uint32_t off, uint32_t val)
{
	if (off != 0)
		return 0;
	m->fin.last = val;
	switch (val & 0xffff) {
	case FIN_PASS:
		m->exit_code = 0;
		break;
	case FIN_FAIL:
		m->exit_code = (int)(val >> 16);
		break;
	default:
		return 0;
	}
	m->exited = 1;
	m->brk = 1;
	return 0;
}

int
finisher_snap_save(const struct finisher *f, struct rr_snap *s)
{
	return rr_snap_put_u64(s, "last", f->last) == RR_OK ? 0 : -1;
}

int
finisher_snap_load(struct finisher *f, const struct rr_snap *s, size_t sec,
    char *err, size_t errlen)
{
	struct rr_error e;
	uint64_t v;

	if (rr_snap_get_u64(s, sec, "last", &v, &e) != RR_OK) {
		snprintf(err, errlen, "finisher: %s", e.msg);
		return -1;
	}
	if (v > UINT32_MAX) {
		snprintf(err, errlen, "finisher: last is 0x%llx, wider than "
		    "32 bits", (unsigned long long)v);
		return -1;
	}
	f->last = (uint32_t)v;
	return 0;
}
