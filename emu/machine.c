/* The machine: setup, virtual time, interrupts, bottom halves, run loop. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "machine.h"
#include "devices.h"
#include "dtb.h"
#include "gate.h"

#define NS_PER_TICK	(1000000000u / MTIME_HZ)	/* 100 */
#define SHIFT_MAX	32u
/*
 * Deadlines beyond 2^63 ns of virtual time (292 years) count as "never":
 * it keeps every deadline computation below clear of overflow.
 */
#define VTIME_HORIZON	((uint64_t)1 << 63)

int
machine_init(struct machine *m, uint32_t ram_size, uint32_t clock_shift)
{
	memset(m, 0, sizeof(*m));
	if (ram_size == 0 || ram_size % PAGE_SIZE != 0 ||
	    ram_size > 0u - RAM_BASE) {
		return emu_fail(m, EMU_E_MACHINE, RR_NO_EVENT, RR_NO_OFFSET,
		    "RAM size %u: must be a nonzero multiple of %u up to %u "
		    "bytes", ram_size, PAGE_SIZE, 0u - RAM_BASE);
	}
	if (clock_shift > SHIFT_MAX) {
		return emu_fail(m, EMU_E_MACHINE, RR_NO_EVENT, RR_NO_OFFSET,
		    "clock shift %u: at most %u", clock_shift, SHIFT_MAX);
	}
	m->ram_base = RAM_BASE;
	m->ram_size = ram_size;
	m->dtb_rev = DTB_REV_LATEST;
	m->npages = ram_size / PAGE_SIZE;
	m->clock_shift = clock_shift;
	m->image_end = RAM_BASE;
	m->ram = calloc(ram_size, 1);
	m->dirty = calloc((m->npages + 63) / 64, sizeof(*m->dirty));
	m->page_hash = calloc(m->npages, sizeof(*m->page_hash));
	m->nonzero = calloc((m->npages + 63) / 64, sizeof(*m->nonzero));
	if (m->ram == NULL || m->dirty == NULL || m->page_hash == NULL ||
	    m->nonzero == NULL || cpu_cache_init(m) != 0) {
		machine_free(m);
		return emu_fail(m, EMU_E_MACHINE, RR_NO_EVENT, RR_NO_OFFSET,
		    "out of memory for %u bytes of RAM", ram_size);
	}
	/* calloc'd RAM is zero: no page needs reading to hash it. */
	machine_hash_zero(m);
	machine_reset(m, m->ram_base);
	return 0;
}

void
machine_free(struct machine *m)
{
	if (m == NULL)
		return;
	if (m->cache != NULL)
		cpu_cache_free(m);
	free(m->ram);
	free(m->dirty);
	free(m->page_hash);
	free(m->nonzero);
	m->ram = NULL;
	m->dirty = NULL;
	m->page_hash = NULL;
	m->nonzero = NULL;
	m->cache = NULL;
}

/*
 * Back to the state at power-on: devices, CPU, virtual clock.  stop_req
 * is left alone: it belongs to whoever asked for a stop.
 */
void
machine_reset(struct machine *m, uint32_t entry)
{
	devices_reset(m);
	semihost_reset(&m->sh);
	m->icount = 0;
	m->idle_bias = 0;
	m->brk = 0;
	m->exited = 0;
	m->exit_code = 0;
	emu_clear(m);
	cpu_reset(m, entry);
	machine_update_irqs(m);
}

int
machine_boot(struct machine *m, uint32_t entry)
{
	uint8_t buf[DTB_MAX];
	uint32_t a;
	size_t n;

	machine_reset(m, entry);
	if ((n = dtb_build(m, buf, sizeof(buf))) == 0 ||
	    (a = dtb_place(m, n)) == 0)
		return emu_fail(m, EMU_E_MACHINE, RR_NO_EVENT, RR_NO_OFFSET,
		    "no room for the device tree (%zu bytes) above the image "
		    "(ends at 0x%08llx) in RAM", n,
		    (unsigned long long)m->image_end);
	memcpy(m->ram + (a - m->ram_base), buf, n);
	machine_dirty_range(m, a - m->ram_base, (uint32_t)n);
	cpu_flush_cache(m);
	m->cpu.x[11] = a;
	m->sh.heap_lo = (uint32_t)m->image_end;
	m->sh.heap_hi = a;
	return 0;
}

/*
 * Saturates instead of wrapping, so time never goes backwards: with a
 * shift of 32 that is reached after 2^32 instructions.
 */
uint64_t
machine_vtime_ns(const struct machine *m)
{
	uint64_t t;

	if (m->icount > (UINT64_MAX >> m->clock_shift))
		return UINT64_MAX;
	t = m->icount << m->clock_shift;
	return t > UINT64_MAX - m->idle_bias ? UINT64_MAX : t + m->idle_bias;
}

uint64_t
machine_mtime(const struct machine *m)
{
	return machine_vtime_ns(m) / NS_PER_TICK;
}

/* Virtual ns at which mtime reaches mtimecmp, or 0 for never. */
static uint64_t
deadline_ns(const struct machine *m)
{
	uint64_t cmp = m->clint.mtimecmp;

	if (cmp > VTIME_HORIZON / NS_PER_TICK)
		return 0;
	return cmp * NS_PER_TICK;
}

uint64_t
machine_deadline(const struct machine *m)
{
	uint64_t target, now, need, ic;

	if ((target = deadline_ns(m)) == 0)
		return UINT64_MAX;
	now = machine_vtime_ns(m);
	if (now >= target || now > VTIME_HORIZON)
		return UINT64_MAX;		/* due already */
	/* First icount whose vtime reaches target: round up. */
	need = target - m->idle_bias;		/* bias <= now < target */
	ic = need >> m->clock_shift;
	if ((ic << m->clock_shift) < need)
		ic++;
	/* Never a deadline that is not ahead: the loop would not move. */
	return ic > m->icount ? ic : UINT64_MAX;
}

void
machine_update_irqs(struct machine *m)
{
	uint32_t mip = m->cpu.mip & ~(MIP_MSIP | MIP_MTIP | MIP_MEIP);
	size_t i;

	if (m->clint.msip & 1)
		mip |= MIP_MSIP;
	if (machine_mtime(m) >= m->clint.mtimecmp)
		mip |= MIP_MTIP;
	/* Every device's line to the PLIC, by the table. */
	for (i = 0; i < ndevices; i++)
		if (devices[i].irq != 0)
			plic_set_level(&m->plic, devices[i].irq,
			    devices[i].irq_level(m));
	if (plic_meip(&m->plic))
		mip |= MIP_MEIP;
	m->cpu.mip = mip;
	m->cpu.mip_ext = plic_seip(&m->plic) ? MIP_SEIP : 0;
}

int
machine_bh_deliver(struct machine *m, uint32_t device, uint32_t kind,
    const uint8_t *data, size_t len)
{
	const struct device *d = device_by_bh(device);
	int rc;

	if (d != NULL && (rc = d->bh(m, kind, data, len)) <= 0) {
		if (rc < 0)
			return -1;
		machine_settle(m);
		m->brk = 1;
		return 0;
	}
	return emu_fail(m, EMU_E_MACHINE, RR_NO_EVENT, RR_NO_OFFSET,
	    "icount %llu: unknown bottom half: device %u kind %u",
	    (unsigned long long)m->icount, device, kind);
}

size_t
machine_rx_room(const struct machine *m, uint32_t *dev, uint32_t *kind)
{
	const struct device *d = device_input();

	if (d == NULL)
		return 0;
	if (dev != NULL)
		*dev = d->bh_dev;
	if (kind != NULL)
		*kind = d->input_kind;
	return d->input_room(m);
}

int
machine_isa_ok(const char *isa)
{
	return strcmp(isa, MACHINE_ISA) == 0 ||
	    strcmp(isa, "rv32ima_zicsr_zifencei_zkr") == 0;
}

void
machine_header(const struct machine *m, struct rr_header *h)
{
	rr_header_init(h);
	snprintf(h->machine, sizeof(h->machine), "%s", MACHINE_NAME);
	snprintf(h->isa, sizeof(h->isa), "%s", MACHINE_ISA);
	devices_describe(h->devices, sizeof(h->devices));
	h->ram_base = m->ram_base;
	h->ram_size = m->ram_size;
	h->clock_shift = m->clock_shift;
	h->image_hash = m->image_hash;
	h->dtb_hash = dtb_hash(m);
	h->semihosting = m->sh.on;
}

/*
 * WFI with a timer deadline ahead and the timer interrupt enabled: jump
 * virtual time so that mtime == mtimecmp now (QEMU's icount sleep=off).
 * icount does not move.  Returns 1 if time jumped.
 */
static int
idle_skip(struct machine *m)
{
	uint64_t target, now;

	if (!(m->cpu.mie & MIP_MTIP) || (target = deadline_ns(m)) == 0)
		return 0;
	now = machine_vtime_ns(m);
	if (now >= target)
		return 0;
	m->idle_bias += target - now;
	return 1;
}

/*
 * Settle the machine at an instruction boundary: interrupt lines follow
 * device state and virtual time, a hart in WFI with an enabled interrupt
 * pending wakes, and a hart in WFI with none pending but a timer deadline
 * ahead jumps virtual time to it and wakes there.  It runs after every
 * slice of instructions and inside every bottom half, in every mode, and
 * nothing else changes state at a boundary; so the state seen by a
 * checkpoint, a keyframe, a snapshot or a stop is the same function of
 * the events before it in record and in replay (formats/rrlog.md, "One
 * instruction count").  Settling a settled machine changes nothing.
 */
void
machine_settle(struct machine *m)
{
	machine_update_irqs(m);
	if (!m->cpu.wfi)
		return;
	if (!(cpu_mip(&m->cpu) & m->cpu.mie) && idle_skip(m))
		machine_update_irqs(m);
	if (cpu_mip(&m->cpu) & m->cpu.mie)
		m->cpu.wfi = 0;
}

/*
 * The order below is part of the log format's meaning: record and replay
 * must do the same things at the same icount, and a stop (any return)
 * must leave nothing half done, so that calling again continues exactly.
 * At one icount: stops are taken first; then the gate's events in log
 * order (checkpoint, keyframe, bottom halves; each bottom half settles
 * the machine as it is delivered); then a hart still in WFI is idle and
 * the gate may wait for input.  Between these steps the machine is
 * always settled, so a stop between any two of them is a valid end.
 */
int
machine_run(struct machine *m, uint64_t stop_at)
{
	uint64_t limit, due, dl;

	/* A state saved unsettled (by an older rremu) settles first. */
	machine_settle(m);
	for (;;) {
		if (m->exited)
			return STOP_EXIT;
		if (m->icount >= stop_at)
			return STOP_LIMIT;
		if (m->stop_req)
			return STOP_REQUEST;
		/* Before the gate's events: the state a limit stop has. */
		if (m->dbg && m->icount != m->dbg_pass && cpu_debug_here(m))
			return STOP_DEBUG;
		if (gate_due(m) <= m->icount) {
			if (gate_service(m, 0) != 0)
				return STOP_ERROR;
			if (m->exited)
				return STOP_EXIT;
			if (gate_due(m) <= m->icount) {
				emu_fail(m, EMU_E_MACHINE, RR_NO_EVENT,
				    RR_NO_OFFSET, "icount %llu: the gate is "
				    "still due after service",
				    (unsigned long long)m->icount);
				return STOP_ERROR;
			}
		}
		if (m->cpu.wfi) {
			/*
			 * Settled and still waiting: nothing is pending and
			 * no timer deadline lies ahead.  The gate may block
			 * for host input; a bottom half settles (and so
			 * wakes) the hart as it is delivered.
			 */
			if (gate_service(m, 1) != 0)
				return STOP_ERROR;
			if (m->cpu.wfi && !m->exited && !m->stop_req)
				return STOP_IDLE;
			continue;
		}
		limit = stop_at;
		if ((dl = machine_deadline(m)) < limit)
			limit = dl;
		if ((due = gate_due(m)) < limit)
			limit = due;
		m->brk = 0;
		cpu_run(m, limit);
		machine_settle(m);
		if (m->dbg_hit) {
			m->dbg_hit = 0;
			return STOP_DEBUG;
		}
	}
}
