/* Privilege modes M, S and U: CSR access rules, trap CSRs, delegation, xRET. */

/*
 * Where the privileged spec leaves a choice, this does what QEMU 7.2's
 * rv32 CPU was measured to do (-cpu rv32,h=false: the machine has no
 * hypervisor); rr(7), "Privilege modes", lists the choices.
 */
#include <stdint.h>

#include "priv.h"

enum {
	CSR_SEED = 0x015,
	CSR_SSTATUS = 0x100, CSR_SIE = 0x104, CSR_STVEC = 0x105,
	CSR_SCOUNTEREN = 0x106, CSR_SENVCFG = 0x10a,
	CSR_SSCRATCH = 0x140, CSR_SEPC = 0x141, CSR_SCAUSE = 0x142,
	CSR_STVAL = 0x143, CSR_SIP = 0x144, CSR_SATP = 0x180,
	CSR_MSTATUS = 0x300, CSR_MEDELEG = 0x302, CSR_MIDELEG = 0x303,
	CSR_MIE = 0x304, CSR_MTVEC = 0x305, CSR_MCOUNTEREN = 0x306,
	CSR_MENVCFG = 0x30a, CSR_MSCRATCH = 0x340, CSR_MEPC = 0x341,
	CSR_MCAUSE = 0x342, CSR_MTVAL = 0x343, CSR_MIP = 0x344
};

/*
 * What software may write.  mstatus: VS is writable and sets SD when
 * it is 3 (Dirty), as QEMU 7.2 keeps it although the machine has no
 * vector unit; UBE, FS and the endianness bits read 0.
 */
#define MSTATUS_W	(MSTATUS_SIE | MSTATUS_MIE | MSTATUS_SPIE | \
			 MSTATUS_MPIE | MSTATUS_SPP | MSTATUS_VS | \
			 MSTATUS_MPP | MSTATUS_MPRV | MSTATUS_SUM | \
			 MSTATUS_MXR | MSTATUS_TVM | MSTATUS_TW | MSTATUS_TSR)
#define SSTATUS_W	(MSTATUS_SIE | MSTATUS_SPIE | MSTATUS_SPP | \
			 MSTATUS_VS | MSTATUS_SUM | MSTATUS_MXR)
#define S_INTS		(MIP_SSIP | MIP_STIP | MIP_SEIP)
#define MIE_W		(S_INTS | MIP_MSIP | MIP_MTIP | MIP_MEIP)
/*
 * medeleg: every exception but 10 (a hypervisor's) and 14 (reserved);
 * 11, ECALL from M, is kept as QEMU 7.2 keeps it, though a trap from
 * M is never delegated.
 */
#define MEDELEG_W	0xbbffu
#define ENVCFG_FIOM	1u

static uint32_t
status_read(const struct cpu *c)
{
	uint32_t s = c->mstatus;

	if ((s & MSTATUS_VS) == MSTATUS_VS || (s & MSTATUS_FS) == MSTATUS_FS)
		s |= MSTATUS_SD;
	return s;
}

int
priv_csr_allowed(const struct cpu *c, uint32_t csr, int write)
{
	uint32_t bit;

	(void)write;
	if (((csr >> 8) & 3) > c->priv)
		return -1;
	if (c->priv == PRV_M)
		return 0;
	if (csr == CSR_SEED)
		return -1;		/* no mseccfg: M only */
	if (csr == CSR_SATP && c->priv == PRV_S &&
	    (c->mstatus & MSTATUS_TVM) != 0)
		return -1;
	/* cycle, time, instret, hpmcounterN and their high halves */
	if ((csr >= 0xc00 && csr <= 0xc1f) || (csr >= 0xc80 && csr <= 0xc9f)) {
		bit = 1u << (csr & 31);
		if ((c->mcounteren & bit) == 0)
			return -1;
		if (c->priv == PRV_U && (c->scounteren & bit) == 0)
			return -1;
	}
	return 0;
}

int
priv_csr_read(const struct cpu *c, uint32_t csr, uint32_t *v)
{
	switch (csr) {
	case CSR_MSTATUS:
		*v = status_read(c);
		return 0;
	case CSR_SSTATUS:
		*v = status_read(c) & (SSTATUS_W | MSTATUS_SD);
		return 0;
	case CSR_MEDELEG:
		*v = c->medeleg;
		return 0;
	case CSR_MIDELEG:
		*v = c->mideleg;
		return 0;
	case CSR_MIE:
		*v = c->mie;
		return 0;
	case CSR_SIE:
		*v = c->mie & c->mideleg;
		return 0;
	case CSR_MIP:
		*v = cpu_mip(c);
		return 0;
	case CSR_SIP:
		*v = cpu_mip(c) & c->mideleg;
		return 0;
	case CSR_MTVEC:
		*v = c->mtvec;
		return 0;
	case CSR_STVEC:
		*v = c->stvec;
		return 0;
	case CSR_MCOUNTEREN:
		*v = c->mcounteren;
		return 0;
	case CSR_SCOUNTEREN:
		*v = c->scounteren;
		return 0;
	case CSR_MENVCFG:
		*v = c->menvcfg;
		return 0;
	case CSR_SENVCFG:
		*v = c->senvcfg;
		return 0;
	case CSR_MSCRATCH:
		*v = c->mscratch;
		return 0;
	case CSR_SSCRATCH:
		*v = c->sscratch;
		return 0;
	case CSR_MEPC:
		*v = c->mepc;
		return 0;
	case CSR_SEPC:
		*v = c->sepc;
		return 0;
	case CSR_MCAUSE:
		*v = c->mcause;
		return 0;
	case CSR_SCAUSE:
		*v = c->scause;
		return 0;
	case CSR_MTVAL:
		*v = c->mtval;
		return 0;
	case CSR_STVAL:
		*v = c->stval;
		return 0;
	case CSR_SATP:
		*v = c->satp;
		return 0;
	}
	return -1;
}

int
priv_csr_write(struct cpu *c, uint32_t csr, uint32_t v)
{
	uint32_t m;

	switch (csr) {
	case CSR_MSTATUS:
		/* MPP keeps what is written, 2 too, as QEMU 7.2. */
		c->mstatus = v & MSTATUS_W;
		return 1;
	case CSR_SSTATUS:
		c->mstatus = (c->mstatus & ~SSTATUS_W) | (v & SSTATUS_W);
		return 1;
	case CSR_MEDELEG:
		c->medeleg = v & MEDELEG_W;
		return 0;
	case CSR_MIDELEG:
		c->mideleg = v & S_INTS;
		return 1;
	case CSR_MIE:
		c->mie = v & MIE_W;
		return 1;
	case CSR_SIE:
		m = c->mideleg & S_INTS;
		c->mie = (c->mie & ~m) | (v & m);
		return 1;
	case CSR_MIP:
		/* The M bits and SEIP's line are the devices'. */
		c->mip = (c->mip & ~S_INTS) | (v & S_INTS);
		return 1;
	case CSR_SIP:
		m = c->mideleg & MIP_SSIP;
		c->mip = (c->mip & ~m) | (v & m);
		return 1;
	case CSR_MTVEC:
		/* Modes 2 and 3 are reserved: QEMU ignores such a write. */
		if ((v & 3) < 2)
			c->mtvec = v;
		return 0;
	case CSR_STVEC:
		if ((v & 3) < 2)
			c->stvec = v;
		return 0;
	case CSR_MCOUNTEREN:
		c->mcounteren = v;	/* all bits kept, as QEMU */
		return 0;
	case CSR_SCOUNTEREN:
		c->scounteren = v;
		return 0;
	case CSR_MENVCFG:
		c->menvcfg = v & ENVCFG_FIOM;
		return 0;
	case CSR_SENVCFG:
		c->senvcfg = v & ENVCFG_FIOM;
		return 0;
	case CSR_MSCRATCH:
		c->mscratch = v;
		return 0;
	case CSR_SSCRATCH:
		c->sscratch = v;
		return 0;
	case CSR_MEPC:
		c->mepc = v & ~1u;	/* IALIGN = 16 */
		return 0;
	case CSR_SEPC:
		c->sepc = v & ~1u;
		return 0;
	case CSR_MCAUSE:
		c->mcause = v;
		return 0;
	case CSR_SCAUSE:
		c->scause = v;
		return 0;
	case CSR_MTVAL:
		c->mtval = v;
		return 0;
	case CSR_STVAL:
		c->stval = v;
		return 0;
	case CSR_SATP:
		/* Every bit kept: MODE, 9 ASID bits, PPN (QEMU 7.2). */
		c->satp = v;
		return 1;
	}
	return -1;
}

int
priv_insn_allowed(const struct cpu *c, enum priv_insn which)
{
	switch (which) {
	case PRIV_MRET:
		return c->priv == PRV_M ? 0 : -1;
	case PRIV_SRET:
		if (c->priv == PRV_U || (c->priv == PRV_S &&
		    (c->mstatus & MSTATUS_TSR) != 0))
			return -1;
		return 0;
	case PRIV_WFI:
		/* U never (S exists); S unless mstatus.TW. */
		if (c->priv == PRV_U || (c->priv == PRV_S &&
		    (c->mstatus & MSTATUS_TW) != 0))
			return -1;
		return 0;
	case PRIV_SFENCE:
		if (c->priv == PRV_U || (c->priv == PRV_S &&
		    (c->mstatus & MSTATUS_TVM) != 0))
			return -1;
		return 0;
	}
	return -1;
}

uint32_t
priv_trap(struct cpu *c, uint32_t pc, uint32_t cause, uint32_t tval)
{
	uint32_t code = cause & ~IRQ_FLAG, s = c->mstatus, deleg;
	int irq = (cause & IRQ_FLAG) != 0;

	/* As QEMU: a trap drops the reservation so no SC spans it. */
	c->resv_valid = 0;
	deleg = irq ? c->mideleg : c->medeleg;
	if (c->priv != PRV_M && code < 32 && ((deleg >> code) & 1) != 0) {
		c->sepc = pc & ~1u;
		c->scause = cause;
		c->stval = tval;
		s &= ~(MSTATUS_SIE | MSTATUS_SPIE | MSTATUS_SPP);
		if ((c->mstatus & MSTATUS_SIE) != 0)
			s |= MSTATUS_SPIE;
		if (c->priv == PRV_S)
			s |= MSTATUS_SPP;
		c->mstatus = s;
		c->priv = PRV_S;
		return (c->stvec & ~3u) +
		    ((c->stvec & 1) != 0 && irq ? 4 * code : 0);
	}
	c->mepc = pc & ~1u;	/* bit 0 is zero even for an odd entry */
	c->mcause = cause;
	c->mtval = tval;
	s &= ~(MSTATUS_MIE | MSTATUS_MPIE | MSTATUS_MPP);
	if ((c->mstatus & MSTATUS_MIE) != 0)
		s |= MSTATUS_MPIE;
	s |= c->priv << MSTATUS_MPP_SHIFT;
	c->mstatus = s;
	c->priv = PRV_M;
	return (c->mtvec & ~3u) + ((c->mtvec & 1) != 0 && irq ? 4 * code : 0);
}

/* The highest-priority interrupt in irqs: MEI MSI MTI SEI SSI STI. */
static int
highest(uint32_t irqs)
{
	static const uint8_t order[] = { 11, 3, 7, 9, 1, 5 };
	unsigned i;

	for (i = 0; i < sizeof(order); i++)
		if ((irqs >> order[i]) & 1)
			return order[i];
	return -1;
}

int
priv_irq(const struct cpu *c)
{
	uint32_t pend = cpu_mip(c) & c->mie, irqs;

	if (pend == 0)
		return -1;
	/* M's interrupts first, enabled below M or by MIE; then S's. */
	irqs = pend & ~c->mideleg;
	if (irqs != 0 && (c->priv < PRV_M || (c->mstatus & MSTATUS_MIE) != 0))
		return highest(irqs);
	irqs = pend & c->mideleg;
	if (irqs != 0 && (c->priv < PRV_S || (c->priv == PRV_S &&
	    (c->mstatus & MSTATUS_SIE) != 0)))
		return highest(irqs);
	return -1;
}

uint32_t
priv_mret(struct cpu *c)
{
	uint32_t s = c->mstatus, mpp = (s & MSTATUS_MPP) >> MSTATUS_MPP_SHIFT;

	s &= ~(MSTATUS_MIE | MSTATUS_MPP);
	if ((c->mstatus & MSTATUS_MPIE) != 0)
		s |= MSTATUS_MIE;
	s |= MSTATUS_MPIE;		/* MPP = U, the least privileged */
	if (mpp != PRV_M)
		s &= ~MSTATUS_MPRV;
	c->mstatus = s;
	/* The reserved MPP 2 returns to S (not measured on QEMU). */
	c->priv = mpp == 2 ? PRV_S : mpp;
	return c->mepc;
}

uint32_t
priv_sret(struct cpu *c)
{
	uint32_t s = c->mstatus;

	c->priv = (s & MSTATUS_SPP) != 0 ? PRV_S : PRV_U;
	s &= ~(MSTATUS_SIE | MSTATUS_SPP | MSTATUS_MPRV);
	if ((c->mstatus & MSTATUS_SPIE) != 0)
		s |= MSTATUS_SIE;
	s |= MSTATUS_SPIE;
	c->mstatus = s;
	return c->sepc;
}

int
cpu_sys_default(const struct cpu *c)
{
	uint32_t mpp = c->mstatus & MSTATUS_MPP;

	return c->priv == PRV_M && (mpp == 0 || mpp == MSTATUS_MPP) &&
	    (c->mstatus & ~(MSTATUS_MIE | MSTATUS_MPIE | MSTATUS_MPP)) == 0 &&
	    (c->medeleg | c->mideleg | c->stvec | c->sscratch | c->sepc |
	    c->scause | c->stval | c->satp | c->scounteren | c->menvcfg |
	    c->senvcfg) == 0;
}
