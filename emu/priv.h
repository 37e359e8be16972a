/* Privilege modes M, S and U: CSR access rules, trap CSRs, delegation, xRET. */
#ifndef EMU_PRIV_H
#define EMU_PRIV_H

#include <stdint.h>

#include "cpu.h"

#define MSTATUS_SIE	(1u << 1)
#define MSTATUS_MIE	(1u << 3)
#define MSTATUS_SPIE	(1u << 5)
#define MSTATUS_MPIE	(1u << 7)
#define MSTATUS_SPP	(1u << 8)
#define MSTATUS_VS	(3u << 9)
#define MSTATUS_MPP	(3u << 11)
#define MSTATUS_FS	(3u << 13)
#define MSTATUS_MPRV	(1u << 17)
#define MSTATUS_SUM	(1u << 18)
#define MSTATUS_MXR	(1u << 19)
#define MSTATUS_TVM	(1u << 20)
#define MSTATUS_TW	(1u << 21)
#define MSTATUS_TSR	(1u << 22)
#define MSTATUS_SD	(1u << 31)
#define MSTATUS_MPP_SHIFT 11

#define IRQ_FLAG	0x80000000u

/* Synchronous exception causes. */
enum {
	EXC_INSN_MISALIGNED = 0,
	EXC_INSN_FAULT = 1,
	EXC_ILLEGAL = 2,
	EXC_BREAKPOINT = 3,
	EXC_LOAD_MISALIGNED = 4,
	EXC_LOAD_FAULT = 5,
	EXC_STORE_MISALIGNED = 6,
	EXC_STORE_FAULT = 7,
	EXC_ECALL_U = 8,	/* + privilege: 9 from S, 11 from M */
	EXC_ECALL_M = 11,
	EXC_INSN_PAGE = 12,
	EXC_LOAD_PAGE = 13,
	EXC_STORE_PAGE = 15
};

/* The privileged instructions whose legality depends on the mode. */
enum priv_insn {
	PRIV_MRET, PRIV_SRET, PRIV_WFI, PRIV_SFENCE
};

/*
 * 0 if the current mode may access CSR csr (write: the instruction
 * writes it), -1 for an illegal instruction: the level in the number's
 * bits 9:8, satp under mstatus.TVM, the counters under mcounteren and
 * scounteren, seed outside M.
 */
int		 priv_csr_allowed(const struct cpu *c, uint32_t csr, int write);
/* Read one of the CSRs this file holds: 0, or -1 if it is not one. */
int		 priv_csr_read(const struct cpu *c, uint32_t csr, uint32_t *v);
/*
 * Write one of them: -1 if it is not one, 1 if the write may have made
 * an interrupt takeable or changed how memory is translated (the hart
 * ends its slice), else 0.
 */
int		 priv_csr_write(struct cpu *c, uint32_t csr, uint32_t v);
/* 0 if the instruction may run in the current mode, -1 if illegal. */
int		 priv_insn_allowed(const struct cpu *c, enum priv_insn which);
/*
 * Take the trap cause (IRQ_FLAG for an interrupt) at pc with tval:
 * delegated to S by medeleg/mideleg when the hart is not in M.  Returns
 * the handler's address.
 */
uint32_t	 priv_trap(struct cpu *c, uint32_t pc, uint32_t cause,
		    uint32_t tval);
/* The interrupt to take now (its cause without IRQ_FLAG), or -1. */
int		 priv_irq(const struct cpu *c);
/* MRET and SRET: the mode and mstatus they leave; return the new pc. */
uint32_t	 priv_mret(struct cpu *c);
uint32_t	 priv_sret(struct cpu *c);

/* The mode loads and stores run with (mstatus.MPRV). */
static inline uint32_t
priv_data(const struct cpu *c)
{
	if (c->priv == PRV_M && (c->mstatus & MSTATUS_MPRV) != 0)
		return (c->mstatus & MSTATUS_MPP) >> MSTATUS_MPP_SHIFT;
	return c->priv;
}

#endif /* EMU_PRIV_H */
