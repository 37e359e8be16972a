/* Sv32 address translation: the page walk, its checks and A/D bits. */
#ifndef EMU_MMU_H
#define EMU_MMU_H

#include <stdint.h>

struct machine;

#define PTE_V		0x001u
#define PTE_R		0x002u
#define PTE_W		0x004u
#define PTE_X		0x008u
#define PTE_U		0x010u
#define PTE_G		0x020u
#define PTE_A		0x040u
#define PTE_D		0x080u
#define SATP_MODE	0x80000000u
#define SATP_PPN	0x003fffffu

/*
 * Translate va for an access of kind acc (PMP_R, PMP_W or PMP_X) in
 * mode priv: in M, or with satp's MODE Bare, *pa = va.  Otherwise a
 * walk of the Sv32 tables with every check the spec has, in QEMU
 * 7.2's order, setting A (and D for a store) in the leaf as QEMU does.
 * Returns 0, or -1 with *cause set: a page fault of the access's kind,
 * or an access fault when PMP denies reading a table entry.
 */
int		 mmu_translate(struct machine *m, uint32_t va, uint32_t acc,
		    uint32_t priv, uint64_t *pa, uint32_t *cause);

#endif /* EMU_MMU_H */
