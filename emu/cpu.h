/* The RV32IMAC hart: architectural state and the interpreter entry points. */
#ifndef EMU_CPU_H
#define EMU_CPU_H

#include <stdint.h>

struct machine;

/* mip/mie bits */
#define MIP_SSIP	(1u << 1)
#define MIP_MSIP	(1u << 3)
#define MIP_STIP	(1u << 5)
#define MIP_MTIP	(1u << 7)
#define MIP_SEIP	(1u << 9)
#define MIP_MEIP	(1u << 11)

/* Privilege levels, as the spec encodes them (mstatus.MPP, cpu.priv). */
#define PRV_U		0u
#define PRV_S		1u
#define PRV_M		3u

/*
 * Everything here but mip_ext is guest-visible state and is saved in snapshots
 * (emu/snapshot.c, section "cpu"); the decode cache is not state.
 */
struct cpu {
	uint32_t	 x[32];
	uint32_t	 pc;
	uint32_t	 mstatus;
	uint32_t	 mie;
	uint32_t	 mip;		/* MSIP/MTIP/MEIP as devices drive them,
				   SSIP/STIP/SEIP as software wrote them */
	uint32_t	 mtvec;
	uint32_t	 mscratch;
	uint32_t	 mepc;
	uint32_t	 mcause;
	uint32_t	 mtval;
	uint32_t	 mcountinhibit;
	uint32_t	 wfi;		/* 1: stopped in WFI, nothing pending */
	uint32_t	 resv_valid;	/* LR/SC reservation */
	uint32_t	 resv_addr;
	/* Added after the original layout (snapshot.c saves these too). */
	uint32_t	 resv_val;	/* value LR read: SC compares it, as QEMU */
	uint32_t	 pmpcfg[4];	/* read back, not enforced */
	uint32_t	 pmpaddr[16];
	/*
	 * Zicntr (cpu.c, "counters"): mcycle and minstret are their
	 * source (virtual ns, instructions) plus an offset while counting,
	 * and the offset itself while mcountinhibit stops them.  Each
	 * offset is 64 bits kept as two words (low first), so the struct
	 * stays words without padding; cpu_ctr_off() reads one.
	 */
	uint32_t	 ctr_off[4];
	uint32_t	 mcounteren;	/* counter access from S and U */
	/*
	 * S and U modes, Sv32 and their CSRs (emu/priv.c, emu/mmu.c).
	 * All 0 in a machine that never left M with them untouched, but
	 * priv, which is PRV_M there; snapshots and the hash keep these
	 * only when they are not those values.
	 */
	uint32_t	 priv;		/* PRV_U, PRV_S or PRV_M */
	uint32_t	 medeleg;
	uint32_t	 mideleg;
	uint32_t	 stvec;
	uint32_t	 sscratch;
	uint32_t	 sepc;
	uint32_t	 scause;
	uint32_t	 stval;
	uint32_t	 satp;
	uint32_t	 scounteren;
	uint32_t	 menvcfg;	/* FIOM only */
	uint32_t	 senvcfg;	/* FIOM only */
	/*
	 * Not state: MIP_SEIP while the PLIC's context 1 asks for an
	 * interrupt, else 0.  machine_update_irqs derives it from the
	 * PLIC, so snapshots and the hash leave it out.  mip.SEIP reads
	 * as the OR of this line and the bit software wrote (mip above),
	 * and only the written bit takes part in a CSRRS or CSRRC.
	 */
	uint32_t	 mip_ext;
};

/* mip as software reads it and as interrupts are taken from it. */
static inline uint32_t
cpu_mip(const struct cpu *c)
{
	return c->mip | c->mip_ext;
}

/*
 * The hart's S/U state is what a machine with M only has: in M, every
 * S CSR, delegation and satp 0, no mstatus bit but MIE, MPIE and an
 * MPP of M or U.  Such states hash as they did before S and U were
 * added (emu/hash.c).
 */
int		 cpu_sys_default(const struct cpu *c);

/* The index of a counter's offset, and its bit in mcountinhibit. */
#define CTR_CYCLE	0
#define CTR_INSTRET	1
#define CTR_BIT(i)	((i) == CTR_CYCLE ? 1u : 4u)

static inline uint64_t
cpu_ctr_off(const struct cpu *c, int i)
{
	return c->ctr_off[2 * i] | (uint64_t)c->ctr_off[2 * i + 1] << 32;
}

static inline void
cpu_ctr_off_set(struct cpu *c, int i, uint64_t v)
{
	c->ctr_off[2 * i] = (uint32_t)v;
	c->ctr_off[2 * i + 1] = (uint32_t)(v >> 32);
}

struct cpu_cache;		/* decode cache, private to cpu.c */

/* Reset: all registers 0, pc = entry (machine_boot then sets a1). */
void		 cpu_reset(struct machine *m, uint32_t entry);
/*
 * Execute until m->icount >= limit, m->brk is set, the hart waits in WFI
 * with nothing pending (cpu.wfi = 1), or the machine exits.  Takes a
 * pending enabled interrupt at the first instruction boundary.
 */
void		 cpu_run(struct machine *m, uint64_t limit);
/*
 * RAM bytes [off, off + n) were written by the hart outside its own
 * store paths (the page walk's A/D bits): dirty pages, stale decodes.
 */
void		 cpu_ram_touch(struct machine *m, uint32_t off, uint32_t n);
/* RAM was written from outside the hart (ELF load, snapshot load). */
void		 cpu_flush_cache(struct machine *m);
/*
 * Debugger hooks (emu/debug.c).  With break- or watchpoints armed the
 * hart ends its slice, before executing it, at every instruction that
 * may be a hit: one at a breakpoint's address, a load, store or AMO
 * whose address range overlaps a watched range of its kind, an illegal
 * instruction (it may still be a watched access as the engine decodes
 * it), and the instruction at which an interrupt is taken.  These are
 * candidates; the engine decides.  m->dbg_pass lets the instruction at
 * that icount through.  Breakpoints mark their decode-cache slot, and
 * the marks outlive cache flushes and code rewrites, so a run without
 * hits goes at full speed; watchpoints decode loads and stores as
 * checked variants, so unwatched runs never pay for them.
 */
#define CPU_WATCH_READ	1
#define CPU_WATCH_WRITE	2
struct cpu_watch {
	uint32_t	 addr, len;
	int		 acc;		/* CPU_WATCH_READ | CPU_WATCH_WRITE */
};
/* Arm hooks for nbp breakpoints and nwp watched ranges; 0 of both
   disarms.  -1 if out of memory (nothing armed). */
int		 cpu_debug_arm(struct machine *m, const uint32_t *bp, int nbp,
		    const struct cpu_watch *wp, int nwp);
/*
 * CSR csr as the next instruction would read it, for the debugger; -1
 * if the hart has no such CSR.  Reads nothing through the gate (the
 * seed CSR is not one of these).
 */
int		 cpu_csr_peek(const struct machine *m, uint32_t csr,
		    uint32_t *v);
/* The instruction at the current pc is a candidate (see above). */
int		 cpu_debug_here(struct machine *m);
/* Create/free the decode cache for m's RAM. */
int		 cpu_cache_init(struct machine *m);
void		 cpu_cache_free(struct machine *m);

#endif /* EMU_CPU_H */
