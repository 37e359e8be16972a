/* The CLINT at 0x2000000: msip, mtimecmp and the virtual mtime. */
#include <stdio.h>
#include <string.h>

#include "machine.h"
#include "devkit.h"
#include "../lib/rrsnap.h"

#define R_MSIP		0x0000
#define R_MTIMECMP	0x4000	/* lo; hi at +4 */
#define R_MTIME		0xbff8	/* lo; hi at +4 */

/*
 * mtimecmp resets to 0 as QEMU's does (the spec leaves it unknown), so
 * MTIP is pending from reset until the guest programs the timer.
 */
void
clint_reset(struct clint *c)
{
	memset(c, 0, sizeof(*c));
}

int
clint_read(struct machine *m, uint32_t off, uint32_t *val)
{
	uint64_t t;

	switch (off) {
	case R_MSIP:
		*val = m->clint.msip;
		break;
	case R_MTIMECMP:
		*val = (uint32_t)m->clint.mtimecmp;
		break;
	case R_MTIMECMP + 4:
		*val = (uint32_t)(m->clint.mtimecmp >> 32);
		break;
	case R_MTIME:
	case R_MTIME + 4:
		t = machine_mtime(m);
		*val = off == R_MTIME ? (uint32_t)t : (uint32_t)(t >> 32);
		break;
	default:
		*val = 0;	/* other harts' registers: none here */
		break;
	}
	return 0;
}

/*
 * mtime is read-only here: it is derived from the instruction count, and
 * letting the guest move it would need a second offset in the virtual
 * clock for no guest we run.  Writes to it are ignored.  A write to msip
 * or mtimecmp changes what is pending or when, so it ends the CPU's
 * slice (m->brk) and the run loop recomputes interrupts and the deadline.
 */
int
clint_write(struct machine *m, uint32_t off, uint32_t val)
{
	struct clint *c = &m->clint;

	switch (off) {
	case R_MSIP:
		c->msip = val & 1;
		break;
	case R_MTIMECMP:
		c->mtimecmp = (c->mtimecmp & 0xffffffff00000000ull) | val;
		break;
	case R_MTIMECMP + 4:
		c->mtimecmp = (c->mtimecmp & 0xffffffffull) |
		    (uint64_t)val << 32;
		break;
	default:
		return 0;	/* mtime and other harts: ignored */
	}
	m->brk = 1;
	return 0;
}

/* ---- snapshot section "clint", hash part RR_PART_CLINT ---- */

int
clint_save(const struct clint *c, struct rr_snap *s)
{
	if (rr_snap_put_u64(s, "msip", c->msip) != RR_OK ||
	    rr_snap_put_u64(s, "mtimecmp", c->mtimecmp) != RR_OK)
		return -1;
	return 0;
}

int
clint_load(struct clint *c, const struct rr_snap *s, size_t sec, char *err,
    size_t errlen)
{
	const struct snap_in in = { s, sec, "clint", err, errlen };
	uint64_t msip, cmp;

	if (snap_u64(&in, "msip", &msip) != 0 ||
	    snap_u64(&in, "mtimecmp", &cmp) != 0)
		return -1;
	if (msip > 1)
		return SNAP_FAIL(&in, "msip is %llu, must be 0 or 1",
		    (unsigned long long)msip);
	c->msip = (uint32_t)msip;
	c->mtimecmp = cmp;
	return 0;
}

uint64_t
clint_hash(const struct machine *m)
{
	struct hash_buf h = { .n = 0 };

	hash_put32(&h, m->clint.msip);
	hash_put64(&h, m->clint.mtimecmp);
	return hash_done(&h, RR_PART_CLINT);
}
