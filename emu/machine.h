/* The rr-virt32 machine: memory map, device state, bus and run loop. */
#ifndef EMU_MACHINE_H
#define EMU_MACHINE_H

#include <stddef.h>
#include <stdint.h>

#include "cpu.h"
#include "error.h"
#include "../lib/rr.h"

#include "clint.h"
#include "finisher.h"
#include "plic.h"
#include "rtc.h"
#include "semihost.h"
#include "uart.h"

/*
 * Memory map: a subset of QEMU's riscv virt board.  Each device's window
 * is in its header and in the device table (devices.c).
 */
#define RAM_BASE	0x80000000u

#define PAGE_SHIFT	12
#define PAGE_SIZE	(1u << PAGE_SHIFT)
#define RAM_REGIONS	RR_PART_RAM_REGIONS	/* checkpoint RAM parts */
#define MTIME_HZ	10000000u	/* CLINT mtime: 10 MHz */

#define MACHINE_NAME	"rr-virt32"
#define MACHINE_ISA	"rv32imac_zicsr_zifencei_zicntr_zkr"

/* After the MMIO devices in the header's device list (devices.c). */
#define MACHINE_CSR_DEVICES "seed-csr"

/* Device ids and bottom-half kinds: RR_DEV_* and RR_BH_* (lib/rr.h). */

struct gate;			/* record/replay gate, emu/gate.c */

struct machine {
	struct cpu	 cpu;
	uint64_t	 icount;	/* instructions executed */
	uint8_t		*ram;
	uint32_t	 ram_base;
	uint32_t	 ram_size;	/* bytes, multiple of PAGE_SIZE */
	uint32_t	 dtb_rev;	/* the device tree's revision (dtb.h):
					   configuration, not state */
	uint64_t	*dirty;		/* bit per page written since hashed */
	uint64_t	*page_hash;	/* per-page hash cache (emu/hash.c) */
	uint64_t	*nonzero;	/* bit per page that may hold data:
					   exact for pages not dirty */
	uint32_t	 npages;	/* ram_size / PAGE_SIZE */
	uint64_t	*written;	/* NULL, or bit per page written since
					   the owner cleared it: hashing moves
					   dirty bits here (emu/debug.c) */
	uint32_t	 region_dirty;	/* bit per RAM region to rehash */
	uint64_t	 region_hash[RAM_REGIONS];
	uint32_t	 clock_shift;	/* vtime_ns = (icount << shift) + bias */
	uint64_t	 idle_bias;	/* ns skipped by WFI */
	struct uart	 uart;
	struct clint	 clint;
	struct plic	 plic;
	struct rtc	 rtc;
	struct finisher	 fin;
	struct semihost	 sh;		/* on: answers semihosting calls */
	struct gate	*gate;		/* NULL: plain run, no input */
	struct cpu_cache *cache;	/* decode cache (cpu.c) */
	uint64_t	 image_hash;	/* of the loaded ELF */
	uint64_t	 image_end;	/* end of the highest segment loaded
					   (ram_base when none): the device
					   tree goes above it (dtb.c) */
	volatile int	 stop_req;	/* set asynchronously: stop soon */
	int		 brk;		/* end the current cpu_run slice */
	int		 exited;	/* finisher written */
	int		 exit_code;	/* guest's exit code */
	int		 dbg;		/* debugger hooks armed (cpu.h) */
	int		 dbg_hit;	/* the slice ended at a candidate */
	uint64_t	 dbg_pass;	/* icount let through the hooks */
	struct emu_error err;		/* why the machine stopped in error */
	const struct emu_hooks *hooks;	/* the front end's, or NULL */
};

/* ---- machine.c ---- */
int		 machine_init(struct machine *m, uint32_t ram_size,
		    uint32_t clock_shift);
void		 machine_free(struct machine *m);
/* Reset devices and CPU (RAM is left alone). */
void		 machine_reset(struct machine *m, uint32_t entry);
/*
 * Power on with a loaded image, as QEMU's virt with -bios none -kernel:
 * machine_reset, then the device tree written to RAM (emu/dtb.c), a0 =
 * hart id 0, a1 = the tree's address.  -1 with m->err if the tree does
 * not fit.
 */
int		 machine_boot(struct machine *m, uint32_t entry);

enum machine_stop {
	STOP_EXIT = 0,		/* guest wrote the finisher */
	STOP_LIMIT,		/* icount reached stop_at */
	STOP_REQUEST,		/* m->stop_req */
	STOP_IDLE,		/* WFI forever: no deadline, no input left */
	STOP_ERROR,		/* m->error says why */
	STOP_DEBUG		/* a debugger candidate (cpu.h): only
				   while hooks are armed */
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
 * Recompute MSIP/MTIP/MEIP in cpu.mip, and the SEIP line in cpu.mip_ext,
 * from device state.  Idempotent:
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
 * Deliver a bottom half to the device whose table row takes device's
 * bottom halves (devices.h; called by the gate), then settle the
 * machine: a hart the delivery wakes is awake before anything else
 * happens at this icount.  -1 with m->err for an unknown device/kind
 * or more bytes than there is room.
 */
int		 machine_bh_deliver(struct machine *m, uint32_t device,
		    uint32_t kind, const uint8_t *data, size_t len);
/*
 * The host's console input: how many bytes its device (the table's row
 * with an input_kind) takes now, 0 if none does; *dev and *kind (may be
 * NULL) get the bottom half it arrives as.
 */
size_t		 machine_rx_room(const struct machine *m, uint32_t *dev,
		    uint32_t *kind);
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

/* ---- bus.c: RAM and MMIO by address; the CPU calls it for MMIO ---- */
/* 0 on success, -1 for an access fault.  size is 1, 2 or 4. */
int		 bus_read(struct machine *m, uint32_t addr, int size,
		    uint32_t *val);
int		 bus_write(struct machine *m, uint32_t addr, int size,
		    uint32_t val);

/* ---- elf.c ---- */
/* Load an ELF32 RISC-V executable at p_paddr; *entry from e_entry. */
int		 elf_load(struct machine *m, const uint8_t *img, size_t len,
		    uint32_t *entry, char *err, size_t errlen);

/* ---- hash.c: the state hash, without a full RAM scan each time ---- */
/*
 * Whole-state hash; parts (at most RR_PARTS_MAX) get one hash per CPU,
 * device (devices.c), time state and RAM region, in ascending part id
 * order.  Only pages dirtied since the last call are rehashed.
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

/*
 * As machine_save and machine_load, without RAM: the caller keeps RAM
 * pages itself (emu/debug.c shares them between snapshots).  Before
 * machine_load_noram the caller puts RAM as it was at the save and marks
 * the pages it changed dirty; the state hash check covers RAM too.
 */
int		 machine_save_noram(struct machine *m, struct rr_snap **out);
int		 machine_load_noram(struct machine *m, const struct rr_snap *s,
		    char *err, size_t errlen);

/*
 * A log or snapshot of this ISA runs on this machine: MACHINE_ISA, or
 * the one it had before C and writable counters
 * (rv32ima_zicsr_zifencei_zkr), whose guests run the same way here but
 * for what checkpoints catch: a compressed word they trapped on, misa, a
 * write to mcycle or minstret.
 */
int		 machine_isa_ok(const char *isa);
/* Fill a header with this machine's configuration (machine.c). */
void		 machine_header(const struct machine *m, struct rr_header *h);

#endif /* EMU_MACHINE_H */
