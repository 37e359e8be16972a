/* The SiFive test finisher at 0x100000: how a guest ends the run. */
#include <stdio.h>
#include <string.h>

#include "machine.h"
#include "devkit.h"
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
finisher_write(struct machine *m, uint32_t off, uint32_t val)
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

/* ---- snapshot section "finisher", hash part RR_PART_FINISHER ---- */

int
finisher_save(const struct finisher *f, struct rr_snap *s)
{
	return rr_snap_put_u64(s, "last", f->last) == RR_OK ? 0 : -1;
}

int
finisher_load(struct finisher *f, const struct rr_snap *s, size_t sec,
    char *err, size_t errlen)
{
	const struct snap_in in = { s, sec, "finisher", err, errlen };
	uint64_t v;

	if (snap_u64(&in, "last", &v) != 0)
		return -1;
	if (v > UINT32_MAX)
		return SNAP_FAIL(&in, "last is 0x%llx, wider than 32 bits",
		    (unsigned long long)v);
	f->last = (uint32_t)v;
	return 0;
}

/* exited and exit_code are saved in the "machine" section. */
uint64_t
finisher_hash(const struct machine *m)
{
	struct hash_buf h = { .n = 0 };

	hash_put32(&h, m->fin.last);
	hash_put32(&h, (uint32_t)m->exited);
	hash_put32(&h, (uint32_t)m->exit_code);
	return hash_done(&h, RR_PART_FINISHER);
}
