/* The PLIC at 0xc000000, laid out as on QEMU virt; one hart, context 0. */
#include <stdio.h>
#include <string.h>

#include "machine.h"
#include "devkit.h"
#include "../lib/rrsnap.h"

#define NSOURCES	32u	/* ids 1..31; 0 means "none" */
#define PRIO_MASK	7u	/* 3 priority bits, WARL as on virt */

#define R_PRIORITY	0x000000	/* + 4 * id */
#define R_PENDING	0x001000
#define R_ENABLE	0x002000	/* context 0; stride 0x80 */
#define R_THRESHOLD	0x200000	/* context 0; stride 0x1000 */
#define R_CLAIM		0x200004

void
plic_reset(struct plic *p)
{
	memset(p, 0, sizeof(*p));
}

/*
 * The gateway of a level-triggered source: a high line makes the source
 * pending unless a request from it is in service; a low line withdraws
 * it.  Calling this again with the same level changes nothing, so extra
 * interrupt updates (a stop, a snapshot) are invisible to the guest.
 */
void
plic_set_level(struct plic *p, uint32_t irq, int level)
{
	uint32_t bit;

	if (irq == 0 || irq >= NSOURCES)
		return;
	bit = 1u << irq;
	if (!level)
		p->pending &= ~bit;
	else if (!(p->claimed & bit))
		p->pending |= bit;
}

/* Highest-priority claimable source (lowest id on a tie), or 0. */
static uint32_t
best(const struct plic *p)
{
	uint32_t ready, id, max_id = 0, max_prio = p->threshold;

	ready = p->pending & p->enable & ~p->claimed;
	for (id = 1; ready != 0 && id < NSOURCES; id++) {
		if ((ready & (1u << id)) && p->priority[id] > max_prio) {
			max_prio = p->priority[id];
			max_id = id;
		}
	}
	return max_id;
}

int
plic_meip(const struct plic *p)
{
	return best(p) != 0;
}

/* Other contexts and holes read 0. */
int
plic_read(struct machine *m, uint32_t off, uint32_t *val)
{
	struct plic *p = &m->plic;
	uint32_t id;

	*val = 0;
	if (off < R_PENDING) {
		if (off / 4 < NSOURCES)
			*val = p->priority[off / 4];
	} else if (off == R_PENDING)
		*val = p->pending;
	else if (off == R_ENABLE)
		*val = p->enable;
	else if (off == R_THRESHOLD)
		*val = p->threshold;
	else if (off == R_CLAIM) {
		if ((id = best(p)) != 0) {
			p->pending &= ~(1u << id);
			p->claimed |= 1u << id;
		}
		*val = id;
	}
	return 0;
}

int
plic_write(struct machine *m, uint32_t off, uint32_t val)
{
	struct plic *p = &m->plic;

	if (off < R_PENDING) {
		if (off != 0 && off / 4 < NSOURCES)
			p->priority[off / 4] = val & PRIO_MASK;
	} else if (off == R_ENABLE)
		p->enable = val;	/* bit 0 kept, as QEMU does */
	else if (off == R_THRESHOLD)
		p->threshold = val & PRIO_MASK;
	else if (off == R_CLAIM) {
		/* Completing a source that is not enabled is ignored. */
		if (val < NSOURCES && (p->enable & (1u << val)))
			p->claimed &= ~(1u << val);
	}
	/* Pending is read-only; other contexts ignore writes. */
	return 0;
}

/* ---- snapshot section "plic", hash part RR_PART_PLIC ---- */

int
plic_save(const struct plic *p, struct rr_snap *s)
{
	if (rr_snap_put_u32s(s, "priority", p->priority, NSOURCES) != RR_OK ||
	    rr_snap_put_u64(s, "pending", p->pending) != RR_OK ||
	    rr_snap_put_u64(s, "enable", p->enable) != RR_OK ||
	    rr_snap_put_u64(s, "threshold", p->threshold) != RR_OK ||
	    rr_snap_put_u64(s, "claimed", p->claimed) != RR_OK)
		return -1;
	return 0;
}

int
plic_load(struct plic *p, const struct rr_snap *s, size_t sec, char *err,
    size_t errlen)
{
	const struct snap_in in = { s, sec, "plic", err, errlen };
	struct plic t;
	struct rr_error e;
	uint32_t i;

	if (rr_snap_get_u32s(s, sec, "priority", t.priority, NSOURCES,
	    &e) != RR_OK)
		return SNAP_FAIL(&in, "%s", e.msg);
	for (i = 0; i < NSOURCES; i++)
		if (t.priority[i] > PRIO_MASK || (i == 0 && t.priority[i]))
			return SNAP_FAIL(&in, "priority[%u] is %u, at most %u",
			    i, t.priority[i], i ? PRIO_MASK : 0);
	if (snap_bits(&in, "pending", &t.pending, 0xfffffffe) != 0 ||
	    snap_bits(&in, "enable", &t.enable, 0xffffffff) != 0 ||
	    snap_bits(&in, "threshold", &t.threshold, PRIO_MASK) != 0 ||
	    snap_bits(&in, "claimed", &t.claimed, 0xfffffffe) != 0)
		return -1;
	if (t.pending & t.claimed)
		return SNAP_FAIL(&in, "sources 0x%x both pending and claimed",
		    t.pending & t.claimed);
	*p = t;
	return 0;
}

uint64_t
plic_hash(const struct machine *m)
{
	const struct plic *p = &m->plic;
	struct hash_buf h = { .n = 0 };
	uint32_t i;

	for (i = 0; i < NSOURCES; i++)
		hash_put32(&h, p->priority[i]);
	hash_put32(&h, p->pending);
	hash_put32(&h, p->enable);
	hash_put32(&h, p->threshold);
	hash_put32(&h, p->claimed);
	return hash_done(&h, RR_PART_PLIC);
}
