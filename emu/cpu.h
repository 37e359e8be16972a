/* The RV32IMA hart: architectural state and the interpreter entry points. */
#ifndef EMU_CPU_H
#define EMU_CPU_H

#include <stdint.h>

struct machine;

/* mip/mie bits */
#define MIP_MSIP	(1u << 3)
#define MIP_MTIP	(1u << 7)
#define MIP_MEIP	(1u << 11)

/*
 * Everything here is guest-visible state and is saved in snapshots
 * (emu/snapshot.c, section "cpu"); the decode cache is not state.
 */
struct cpu {
	uint32_t	 x[32];
	uint32_t	 pc;
	uint32_t	 mstatus;
	uint32_t	 mie;
	uint32_t	 mip;		/* MSIP/MTIP/MEIP as devices drive them */
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
};

struct cpu_cache;		/* decode cache, private to cpu.c */

/* Reset: all registers 0, pc = entry, a0 = hart 0, a1 = dtb (0). */
void		 cpu_reset(struct machine *m, uint32_t entry);
/*
 * Execute until m->icount >= limit, m->brk is set, the hart waits in WFI
 * with nothing pending (cpu.wfi = 1), or the machine exits.  Takes a
 * pending enabled interrupt at the first instruction boundary.
 */
void		 cpu_run(struct machine *m, uint64_t limit);
/* RAM was written from outside the hart (ELF load, snapshot load). */
void		 cpu_flush_cache(struct machine *m);
/* Create/free the decode cache for m's RAM. */
int		 cpu_cache_init(struct machine *m);
void		 cpu_cache_free(struct machine *m);

#endif /* EMU_CPU_H */
