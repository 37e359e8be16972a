/* Sv32 address translation: the page walk, its checks and A/D bits. */

/*
 * There is no TLB to keep coherent: every access walks (two RAM reads),
 * so a table entry written is seen at once, stopping and resuming
 * cannot change a translation, and SFENCE.VMA has nothing to drop.  The
 * spec allows a hart to see changed entries before SFENCE.VMA; QEMU's
 * TLB may or may not, so guests that depend on either are wrong on
 * both.  A table entry outside RAM is a page fault (QEMU reads devices
 * there; no guest keeps tables in a device).
 */
#include <stdint.h>
#include <string.h>

#include "machine.h"
#include "mmu.h"
#include "pmp.h"
#include "priv.h"

static uint32_t
page_fault(uint32_t acc)
{
	return acc == PMP_X ? EXC_INSN_PAGE : acc == PMP_W ?
	    EXC_STORE_PAGE : EXC_LOAD_PAGE;
}

static uint32_t
access_fault(uint32_t acc)
{
	return acc == PMP_X ? EXC_INSN_FAULT : acc == PMP_W ?
	    EXC_STORE_FAULT : EXC_LOAD_FAULT;
}

static uint32_t
rd32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	    (uint32_t)p[3] << 24;
}

int
mmu_leaf_ok(const struct cpu *c, uint32_t pte, uint32_t acc, uint32_t priv)
{
	if ((pte & PTE_U) != 0) {
		/* S reaches U pages for data with SUM, never for code. */
		if (priv != PRV_U && ((c->mstatus & MSTATUS_SUM) == 0 ||
		    acc == PMP_X))
			return 0;
	} else if (priv == PRV_U)
		return 0;
	switch (acc) {
	case PMP_R:
		return (pte & PTE_R) != 0 || ((pte & PTE_X) != 0 &&
		    (c->mstatus & MSTATUS_MXR) != 0);
	case PMP_W:
		return (pte & PTE_W) != 0;
	default:
		return (pte & PTE_X) != 0;
	}
}

int
mmu_translate(struct machine *m, uint32_t va, uint32_t acc, uint32_t priv,
    uint64_t *pa, uint32_t *cause, struct mmu_leaf *leaf)
{
	const struct cpu *c = &m->cpu;
	uint64_t a, pte_addr;
	uint32_t pte = 0, nv, ppn, off;
	int level, peek = (acc & MMU_PEEK) != 0;

	acc &= ~MMU_PEEK;
	if (leaf != NULL)
		leaf->walked = leaf->nread = 0;
	if (priv == PRV_M || (c->satp & SATP_MODE) == 0) {
		*pa = va;
		return 0;
	}
	a = (uint64_t)(c->satp & SATP_PPN) << PAGE_SHIFT;
	for (level = 1; level >= 0; level--) {
		pte_addr = a + ((va >> (PAGE_SHIFT + 10 * level)) & 0x3ff) * 4;
		if (!peek && pmp_check(c, pte_addr, 4, PMP_R, PRV_S) != 0) {
			*cause = access_fault(acc);
			return -1;
		}
		off = (uint32_t)(pte_addr - m->ram_base);
		if (pte_addr < m->ram_base || off >= m->ram_size)
			goto fault;
		pte = rd32(m->ram + off);
		if (leaf != NULL)
			leaf->read[leaf->nread++] = off;
		if ((pte & PTE_V) == 0 || (pte & (PTE_R | PTE_W)) == PTE_W)
			goto fault;
		if ((pte & (PTE_R | PTE_X)) != 0)
			break;
		if (level == 0)
			goto fault;
		a = (uint64_t)(pte >> 10) << PAGE_SHIFT;
	}
	ppn = pte >> 10;
	if (level == 1 && (ppn & 0x3ff) != 0)
		goto fault;		/* misaligned superpage */
	if (!peek && !mmu_leaf_ok(c, pte, acc, priv))
		goto fault;
	nv = pte | PTE_A | (acc == PMP_W ? PTE_D : 0);
	if (!peek && nv != pte) {
		off = (uint32_t)(pte_addr - m->ram_base);
		m->ram[off] = (uint8_t)nv;
		cpu_ram_touch(m, off, 1);
	}
	if (leaf != NULL) {
		leaf->pte = nv;
		leaf->walked = 1;
	}
	if (level == 1)
		*pa = ((uint64_t)(ppn >> 10) << 22) | (va & 0x3fffffu);
	else
		*pa = ((uint64_t)ppn << PAGE_SHIFT) | (va & (PAGE_SIZE - 1));
	return 0;
fault:
	*cause = page_fault(acc);
	return -1;
}
