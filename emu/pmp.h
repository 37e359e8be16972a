/* Physical memory protection: QEMU 7.2 virt's 16 entries. */
#ifndef EMU_PMP_H
#define EMU_PMP_H

#include <stdint.h>

#include "cpu.h"

#define PMP_N		16
#define PMP_R		0x01u
#define PMP_W		0x02u
#define PMP_X		0x04u
#define PMP_A_MASK	0x18u
#define PMP_A_OFF	0x00u
#define PMP_A_TOR	0x08u
#define PMP_A_NA4	0x10u
#define PMP_A_NAPOT	0x18u
#define PMP_L		0x80u

/* Entry i's configuration byte. */
uint8_t		 pmp_cfg(const struct cpu *c, unsigned i);
/*
 * The byte range [*lo, *hi) entry i matches (34-bit physical
 * addresses); 0 if it matches nothing (OFF, or an empty TOR range).
 */
int		 pmp_range(const struct cpu *c, unsigned i, uint64_t *lo,
		    uint64_t *hi);
/*
 * May an access of n bytes at physical pa, of kind acc (PMP_R, PMP_W
 * or PMP_X) in mode priv, go ahead?  0 yes, -1 an access fault.  The
 * lowest-numbered entry that matches any byte decides: all bytes in it
 * and the permission in it (M only if locked), else a fault; when none
 * matches, M goes ahead and S and U fault (QEMU 7.2, with no entry
 * configured too).
 */
int		 pmp_check(const struct cpu *c, uint64_t pa, uint32_t n,
		    uint32_t acc, uint32_t priv);
/* Some entry is locked and on: M-mode accesses are checked too. */
int		 pmp_locks_m(const struct cpu *c);
/* CSR writes: pmpcfgN (N = reg, 0..3) and pmpaddrN (0..15). */
void		 pmp_cfg_write(struct cpu *c, unsigned reg, uint32_t v);
void		 pmp_addr_write(struct cpu *c, unsigned i, uint32_t v);

#endif /* EMU_PMP_H */
