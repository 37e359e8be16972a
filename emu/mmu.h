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
/*
 * Or'ed into an access kind: a debugger's look, which changes nothing
 * (no A/D bits) and checks only that the page is mapped (no PMP, no
 * permission bits).
 */
#define MMU_PEEK	0x100u
#define SATP_PPN	0x003fffffu

/* What a walk found, for a translation cache (emu/cpu.c). */
struct mmu_leaf {
	uint32_t	 pte;		/* the leaf, A and D as now set */
	int		 walked;	/* 0: no walk (M, or Bare) */
	int		 nread;		/* table entries read: 1 or 2 */
	uint32_t	 read[2];	/* their RAM offsets */
};

/*
 * Translate va for an access of kind acc (PMP_R, PMP_W or PMP_X) in
 * mode priv: in M, or with satp's MODE Bare, *pa = va.  Otherwise a
 * walk of the Sv32 tables with every check the spec has, in QEMU
 * 7.2's order, setting A (and D for a store) in the leaf as QEMU does.
 * Returns 0, or -1 with *cause set: a page fault of the access's kind,
 * or an access fault when PMP denies reading a table entry.  leaf, if
 * not NULL, says what the walk read.
 */
int		 mmu_translate(struct machine *m, uint32_t va, uint32_t acc,
		    uint32_t priv, uint64_t *pa, uint32_t *cause,
		    struct mmu_leaf *leaf);
/*
 * May a leaf pte serve an access of kind acc in mode priv (U, SUM,
 * MXR, R/W/X)?  The A/D rules are apart: a cached leaf without D
 * serves no store.
 */
int		 mmu_leaf_ok(const struct cpu *c, uint32_t pte, uint32_t acc,
		    uint32_t priv);

#endif /* EMU_MMU_H */
