/*
 * The PLIC at 0xc000000, laid out as on QEMU virt: one hart, context 0
 * (M-mode, MEIP) and context 1 (S-mode, SEIP).
 */
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
#define ENABLE_STRIDE	0x80u
#define CONTEXT_STRIDE	0x1000u
#define CTX_S		1u		/* the S-mode context */

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

static uint32_t *
enable_of(struct plic *p, uint32_t ctx)
{
	return ctx == CTX_S ? &p->enable_s : &p->enable;
}

static uint32_t *
threshold_of(struct plic *p, uint32_t ctx)
{
	return ctx == CTX_S ? &p->threshold_s : &p->threshold;
}

/*
 * Highest-priority source context ctx may claim (lowest id on a tie), or
 * 0.  Both contexts share pending and claimed: a source claimed by one
 * is in service for both.
 */
static uint32_t
best(const struct plic *p, uint32_t ctx)
{
	uint32_t ready, id, max_id = 0, max_prio;

	max_prio = ctx == CTX_S ? p->threshold_s : p->threshold;
	ready = p->pending & (ctx == CTX_S ? p->enable_s : p->enable) &
	    ~p->claimed;
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
	return best(p, 0) != 0;
}

int
plic_seip(const struct plic *p)
{
	return best(p, CTX_S) != 0;
}

/*
 * The context (0 or 1) whose enable word, or threshold or claim
 * register, is at off with base at context 0's; -1 if none.
 */
static int
context_at(uint32_t off, uint32_t base, uint32_t stride)
{
	if (off == base)
		return 0;
	if (off == base + stride)
		return CTX_S;
	return -1;
}

/* Other contexts and holes read 0. */
int
plic_read(struct machine *m, uint32_t off, uint32_t *val)
{
	struct plic *p = &m->plic;
	uint32_t id;
	int ctx;

	*val = 0;
	if (off < R_PENDING) {
		if (off / 4 < NSOURCES)
			*val = p->priority[off / 4];
	} else if (off == R_PENDING)
		*val = p->pending;
	else if ((ctx = context_at(off, R_ENABLE, ENABLE_STRIDE)) >= 0)
		*val = *enable_of(p, (uint32_t)ctx);
	else if ((ctx = context_at(off, R_THRESHOLD, CONTEXT_STRIDE)) >= 0)
		*val = *threshold_of(p, (uint32_t)ctx);
	else if ((ctx = context_at(off, R_CLAIM, CONTEXT_STRIDE)) >= 0) {
		if ((id = best(p, (uint32_t)ctx)) != 0) {
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
	int ctx;

	if (off < R_PENDING) {
		if (off != 0 && off / 4 < NSOURCES)
			p->priority[off / 4] = val & PRIO_MASK;
	} else if ((ctx = context_at(off, R_ENABLE, ENABLE_STRIDE)) >= 0)
		*enable_of(p, (uint32_t)ctx) = val;	/* bit 0 kept, as QEMU */
	else if ((ctx = context_at(off, R_THRESHOLD, CONTEXT_STRIDE)) >= 0)
		*threshold_of(p, (uint32_t)ctx) = val & PRIO_MASK;
	else if ((ctx = context_at(off, R_CLAIM, CONTEXT_STRIDE)) >= 0) {
		/*
		 * Completing a source that is not enabled in the context
		 * completing it is ignored.
		 */
		if (val < NSOURCES &&
		    (*enable_of(p, (uint32_t)ctx) & (1u << val)))
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
	/*
	 * Context 1 joined later: written only when not 0, so snapshots
	 * of machines that never use it are what they were before it.
	 */
	if ((p->enable_s != 0 &&
	    rr_snap_put_u64(s, "enable_s", p->enable_s) != RR_OK) ||
	    (p->threshold_s != 0 &&
	    rr_snap_put_u64(s, "threshold_s", p->threshold_s) != RR_OK))
		return -1;
	return 0;
}

/* An optional field: absent reads as 0. */
static int
opt_bits(const struct snap_in *in, const char *field, uint32_t *v,
    uint32_t mask)
{
	*v = 0;
	if (!snap_has(in->s, in->sec, field))
		return 0;
	return snap_bits(in, field, v, mask);
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
	    snap_bits(&in, "claimed", &t.claimed, 0xfffffffe) != 0 ||
	    opt_bits(&in, "enable_s", &t.enable_s, 0xffffffff) != 0 ||
	    opt_bits(&in, "threshold_s", &t.threshold_s, PRIO_MASK) != 0)
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
	/* Context 1 joined later: hashed when it is not 0 (plic_save). */
	if ((p->enable_s | p->threshold_s) != 0) {
		hash_put32(&h, p->enable_s);
		hash_put32(&h, p->threshold_s);
	}
	return hash_done(&h, RR_PART_PLIC);
}
