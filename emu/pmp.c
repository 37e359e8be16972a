/* Physical memory protection: QEMU 7.2 virt's 16 entries. */
#include <stdint.h>

#include "pmp.h"

uint8_t
pmp_cfg(const struct cpu *c, unsigned i)
{
	return (uint8_t)(c->pmpcfg[i / 4] >> (8 * (i % 4)));
}

int
pmp_range(const struct cpu *c, unsigned i, uint64_t *lo, uint64_t *hi)
{
	uint64_t a = c->pmpaddr[i], ones;

	switch (pmp_cfg(c, i) & PMP_A_MASK) {
	case PMP_A_TOR:
		*lo = i == 0 ? 0 : (uint64_t)c->pmpaddr[i - 1] << 2;
		*hi = a << 2;
		return *lo < *hi;
	case PMP_A_NA4:
		*lo = a << 2;
		*hi = *lo + 4;
		return 1;
	case PMP_A_NAPOT:
		/* Trailing ones t: 2^(t+3) bytes; all 32: the whole space. */
		for (ones = 0; ones < 32 && ((a >> ones) & 1) != 0; ones++)
			;
		*lo = (a & ~(((uint64_t)1 << ones) - 1)) << 2;
		*hi = *lo + ((uint64_t)1 << (ones + 3));
		return 1;
	}
	return 0;
}

int
pmp_check(const struct cpu *c, uint64_t pa, uint32_t n, uint32_t acc,
    uint32_t priv)
{
	uint64_t lo, hi, end = pa + n;
	unsigned i;
	uint8_t cfg;

	for (i = 0; i < PMP_N; i++) {
		if (!pmp_range(c, i, &lo, &hi) || end <= lo || pa >= hi)
			continue;
		if (pa < lo || end > hi)
			return -1;	/* partly inside */
		cfg = pmp_cfg(c, i);
		if (priv == PRV_M && (cfg & PMP_L) == 0)
			return 0;
		return (cfg & acc) == acc ? 0 : -1;
	}
	return priv == PRV_M ? 0 : -1;
}

int
pmp_locks_m(const struct cpu *c)
{
	unsigned i;
	uint8_t cfg;

	for (i = 0; i < PMP_N; i++) {
		cfg = pmp_cfg(c, i);
		if ((cfg & PMP_L) != 0 && (cfg & PMP_A_MASK) != PMP_A_OFF)
			return 1;
	}
	return 0;
}

void
pmp_cfg_write(struct cpu *c, unsigned reg, uint32_t v)
{
	uint32_t nv = 0, cfg, k;

	/* A locked entry keeps its configuration byte; others take all
	   8 bits as written (QEMU 7.2). */
	for (k = 0; k < 4; k++) {
		cfg = pmp_cfg(c, reg * 4 + k);
		if ((cfg & PMP_L) == 0)
			cfg = (v >> (8 * k)) & 0xff;
		nv |= cfg << (8 * k);
	}
	c->pmpcfg[reg] = nv;
}

void
pmp_addr_write(struct cpu *c, unsigned i, uint32_t v)
{
	/* Locked, or the top of a locked TOR range: ignored. */
	if ((pmp_cfg(c, i) & PMP_L) != 0)
		return;
	if (i + 1 < PMP_N && (pmp_cfg(c, i + 1) & PMP_L) != 0 &&
	    (pmp_cfg(c, i + 1) & PMP_A_MASK) == PMP_A_TOR)
		return;
	c->pmpaddr[i] = v;
}
