/* The rr-virt32 machine: memory map, device state, bus and run loop. */
#ifndef EMU_MACHINE_H
#define EMU_MACHINE_H

#include <stddef.h>
#include <stdint.h>

#include "cpu.h"
#include "error.h"
#include "../lib/rr.h"

/* Memory map: a subset of QEMU's riscv virt board. */
#define FINISHER_BASE	0x00100000u
#define RTC_BASE	0x00101000u
#define CLINT_BASE	0x02000000u
#define PLIC_BASE	0x0c000000u
#define UART_BASE	0x10000000u
#define RAM_BASE	0x80000000u

#define UART_IRQ	10u		/* PLIC source, as on virt */
#define PAGE_SHIFT	12
#define PAGE_SIZE	(1u << PAGE_SHIFT)
#define RAM_REGIONS	16u		/* checkpoint RAM parts */
#define MTIME_HZ	10000000u	/* CLINT mtime: 10 MHz */

#define MACHINE_NAME	"rr-virt32"
#define MACHINE_ISA	"rv32ima_zicsr_zifencei_zkr"
#define MACHINE_DEVICES	"finisher@0x100000,goldfish-rtc@0x101000," \
			"clint@0x2000000,plic@0xc000000," \
			"uart16550@0x10000000,seed-csr"

/* Device ids for bottom halves and output events. */
#define DEV_UART	1u
#define BH_UART_RX	1u		/* payload: received bytes */

struct uart {
	uint8_t		 rbr_fifo[16];	/* received bytes */
	uint32_t	 rx_head, rx_count;
	uint8_t		 ier, iir, fcr, lcr, mcr, lsr, msr, scr;
	uint8_t		 dll, dlm;
	uint8_t		 thr_ipending;	/* THR-empty interrupt latched */
};

struct clint {
	uint32_t	 msip;
	uint64_t	 mtimecmp;
};

struct plic {
	uint32_t	 priority[32];
	uint32_t	 pending;	/* bit per source */
	uint32_t	 enable;	/* context 0 (hart 0, M-mode) */
	uint32_t	 threshold;
	uint32_t	 claimed;	/* bit per source in service */
};

struct rtc {
	uint32_t	 time_high;	/* latched by a TIME_LOW read */
	uint32_t	 alarm_low, alarm_high;
	uint32_t	 irq_enabled, alarm_running, irq_pending;
	uint64_t	 tick_offset;	/* guest-set time minus host clock */
};

struct finisher {
	uint32_t	 last;		/* last value written */
};

struct gate;			/* record/replay gate, emu/gate.c */

struct machine {
	struct cpu	 cpu;
	uint64_t	 icount;	/* instructions executed */
	uint8_t		*ram;
	uint32_t	 ram_base;
	uint32_t	 ram_size;	/* bytes, multiple of PAGE_SIZE */
	uint64_t	*dirty;		/* bit per page written since hashed */
	uint64_t	*page_hash;	/* per-page hash cache (emu/hash.c) */
	uint64_t	*nonzero;	/* bit per page that may hold data:
					   exact for pages not dirty */
	uint32_t	 npages;	/* ram_size / PAGE_SIZE */
	uint32_t	 region_dirty;	/* bit per RAM region to rehash */
	uint64_t	 region_hash[RAM_REGIONS];
	uint32_t	 clock_shift;	/* vtime_ns = (icount << shift) + bias */
	uint64_t	 idle_bias;	/* ns skipped by WFI */
	struct uart	 uart;
	struct clint	 clint;
	struct plic	 plic;
	struct rtc	 rtc;
	struct finisher	 fin;
	struct gate	*gate;		/* NULL: plain run, no input */
	struct cpu_cache *cache;	/* decode cache (cpu.c) */
	uint64_t	 image_hash;	/* of the loaded ELF */
	volatile int	 stop_req;	/* set asynchronously: stop soon */
	int		 brk;		/* end the current cpu_run slice */
	int		 exited;	/* finisher written */
	int		 exit_code;	/* guest's exit code */
	struct emu_error err;		/* why the machine stopped in error */
};

/* ---- machine.c ---- */
int		 machine_init(struct machine *m, uint32_t ram_size,
		    uint32_t clock_shift);
void		 machine_free(struct machine *m);
/* Reset devices and CPU (RAM is left alone). */
void		 machine_reset(struct machine *m, uint32_t entry);

enum machine_stop {
	STOP_EXIT = 0,		/* guest wrote the finisher */
	STOP_LIMIT,		/* icount reached stop_at */
	STOP_REQUEST,		/* m->stop_req */
	STOP_IDLE,		/* WFI forever: no deadline, no input left */
	STOP_ERROR		/* m->error says why */
};
/*
 * Run until the guest exits, m->icount == stop_at exactly, a stop is
 * requested, or an error.  May be called again to continue: stopping
 * changes nothing the guest can see.
 */
int		 machine_run(struct machine *m, uint64_t stop_at);

uint64_t	 machine_vtime_ns(const struct machine *m);
uint64_t	 machine_mtime(const struct machine *m);
/*
 * Recompute MSIP/MTIP/MEIP in cpu.mip from device state.  Idempotent:
 * calling it again changes nothing (a stop must be invisible).
 */
void		 machine_update_irqs(struct machine *m);
/*
 * At an instruction boundary: update the interrupt lines, and wake a hart
 * in WFI (jumping virtual time to a timer deadline if that is what it
 * waits for).  Run after every slice and every bottom half, in every
 * mode; idempotent.
 */
void		 machine_settle(struct machine *m);
/*
 * Deliver a bottom half to its device (called by the gate), then settle
 * the machine: a hart the delivery wakes is awake before anything else
 * happens at this icount.  -1 with
 * m->error for an unknown device/kind or more bytes than there is room.
 */
int		 machine_bh_deliver(struct machine *m, uint32_t device,
		    uint32_t kind, const uint8_t *data, size_t len);
/* How many bytes the UART can take now. */
size_t		 machine_rx_room(const struct machine *m);
/*
 * The icount at which mtime reaches mtimecmp, if that is later than now;
 * UINT64_MAX when the timer is already due or never will be.
 */
uint64_t	 machine_deadline(const struct machine *m);

/*
 * Note a RAM write at byte offset off (from ram_base) for the state hash.
 * cpu.c may set the bit itself: bit (page & 63) of dirty[page >> 6].
 */
static inline void
machine_dirty(struct machine *m, uint32_t off)
{
	uint32_t page = off >> PAGE_SHIFT;

	m->dirty[page >> 6] |= (uint64_t)1 << (page & 63);
}

/* ---- bus.c: MMIO, called by the CPU for non-RAM addresses ---- */
/* 0 on success, -1 for an access fault.  size is 1, 2 or 4. */
int		 bus_load(struct machine *m, uint32_t addr, int size,
		    uint32_t *val);
int		 bus_store(struct machine *m, uint32_t addr, int size,
		    uint32_t val);

/* ---- one file per device ---- */
int		 uart_load(struct machine *m, uint32_t off, uint32_t *val);
int		 uart_store(struct machine *m, uint32_t off, uint32_t val);
void		 uart_reset(struct uart *u);
int		 uart_irq(const struct uart *u);
size_t		 uart_rx_room(const struct uart *u);
void		 uart_rx_push(struct uart *u, const uint8_t *p, size_t n);
int		 clint_load(struct machine *m, uint32_t off, int size,
		    uint32_t *val);
int		 clint_store(struct machine *m, uint32_t off, int size,
		    uint32_t val);
void		 clint_reset(struct clint *c);
int		 plic_load(struct machine *m, uint32_t off, uint32_t *val);
int		 plic_store(struct machine *m, uint32_t off, uint32_t val);
void		 plic_reset(struct plic *p);
void		 plic_set_level(struct plic *p, uint32_t irq, int level);
int		 plic_meip(const struct plic *p);
int		 rtc_load(struct machine *m, uint32_t off, uint32_t *val);
int		 rtc_store(struct machine *m, uint32_t off, uint32_t val);
void		 rtc_reset(struct rtc *r);
int		 finisher_store(struct machine *m, uint32_t off, uint32_t val);
void		 finisher_reset(struct finisher *f);

/*
 * Each device saves itself as one rrsnap section (the caller has begun
 * it) and loads itself from section sec.  A loader validates every value
 * and touches only its own device, and only when all of it is good; err
 * says which field is wrong.  (uart_load is the MMIO read, hence _snap.)
 */
struct rr_snap;
int		 uart_snap_save(const struct uart *u, struct rr_snap *s);
int		 uart_snap_load(struct uart *u, const struct rr_snap *s,
		    size_t sec, char *err, size_t errlen);
int		 clint_snap_save(const struct clint *c, struct rr_snap *s);
int		 clint_snap_load(struct clint *c, const struct rr_snap *s,
		    size_t sec, char *err, size_t errlen);
int		 plic_snap_save(const struct plic *p, struct rr_snap *s);
int		 plic_snap_load(struct plic *p, const struct rr_snap *s,
		    size_t sec, char *err, size_t errlen);
int		 rtc_snap_save(const struct rtc *r, struct rr_snap *s);
int		 rtc_snap_load(struct rtc *r, const struct rr_snap *s,
		    size_t sec, char *err, size_t errlen);
int		 finisher_snap_save(const struct finisher *f,
		    struct rr_snap *s);
int		 finisher_snap_load(struct finisher *f,
		    const struct rr_snap *s, size_t sec, char *err,
		    size_t errlen);

/* ---- elf.c ---- */
/* Load an ELF32 RISC-V executable at p_paddr; *entry from e_entry. */
int		 elf_load(struct machine *m, const uint8_t *img, size_t len,
		    uint32_t *entry, char *err, size_t errlen);

/* ---- hash.c: the state hash, without a full RAM scan each time ---- */
/*
 * Whole-state hash; parts (at most RR_PARTS_MAX) get one hash per CPU,
 * device, time state and RAM region.  Only pages dirtied since the last
 * call are rehashed.
 */
uint64_t	 machine_hash(struct machine *m, struct rr_part *parts,
		    uint32_t *nparts);
/* Forget the page-hash cache (after RAM is replaced wholesale). */
void		 machine_hash_reset(struct machine *m);
/* RAM is all zero (fresh): know it without reading a page. */
void		 machine_hash_zero(struct machine *m);
/* Mark bytes [off, off + len) of RAM as written from outside the hart. */
void		 machine_dirty_range(struct machine *m, uint32_t off,
		    uint32_t len);

/* ---- snapshot.c: machine <-> rrsnap sections, one per device ---- */
struct rr_snap;
/*
 * Save everything into a new snapshot (caller frees with rr_snap_free).
 * h (may be NULL) gives the recording id and such; the configuration
 * fields (machine, ISA, devices, RAM, clock shift, image hash) are
 * always this machine's.
 */
int		 machine_save(struct machine *m, const struct rr_header *h,
		    struct rr_snap **out);
/*
 * Load a snapshot; sections in any order, unknown ones ignored.  The
 * machine configuration must match (RAM size, ISA, devices); err says
 * what differs.  The clock shift is taken from the snapshot.  A refusal
 * before RAM is read leaves the machine as it was; after that (bad RAM,
 * state hash mismatch) it must be reset or reloaded before running.
 */
int		 machine_load(struct machine *m, const struct rr_snap *s,
		    char *err, size_t errlen);

/* Fill a header with this machine's configuration. */
void		 machine_header(const struct machine *m, struct rr_header *h);

#endif /* EMU_MACHINE_H */
