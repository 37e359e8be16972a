/* The system bus: RAM and MMIO dispatch by address range. */
#include <string.h>

#include "machine.h"

/*
 * Region sizes as QEMU 7.2's virt maps them (probed with a guest that
 * loads past each end): an access beyond one is an access fault there.
 */
#define FINISHER_SIZE	0x1000u
#define RTC_SIZE	0x24u		/* the goldfish registers only */
#define CLINT_SIZE	0xc000u		/* ACLINT swi 0x4000 + mtimer 0x8000 */
#define PLIC_SIZE	0x600000u
#define UART_SIZE	0x8u		/* 8 registers, shift 0 */

static int
in(uint32_t addr, uint32_t base, uint32_t size)
{
	return addr >= base && addr - base < size;
}

/*
 * A device access may change what is pending (a claim, an IIR read, a
 * THR write).  Recompute at once so the hart sees it at the next
 * instruction; if mip moved, end the slice so cpu_run re-enters and
 * takes the interrupt at a boundary the run loop controls.
 */
static void
after_mmio(struct machine *m)
{
	uint32_t before = m->cpu.mip;

	machine_update_irqs(m);
	if (m->cpu.mip != before)
		m->brk = 1;
}

/*
 * The CLINT, PLIC and RTC take aligned 32-bit accesses only, as QEMU's
 * models declare; anything else is an access fault there too.
 */
static int
word_ok(uint32_t addr, int size)
{
	return size == 4 && (addr & 3) == 0;
}

static int
ram_access(struct machine *m, uint32_t addr, int size, uint32_t *val,
    int store)
{
	uint32_t off = addr - m->ram_base;
	uint8_t *p;
	int i;

	if (off > m->ram_size - (uint32_t)size)
		return -1;
	p = m->ram + off;
	if (store) {
		for (i = 0; i < size; i++)
			p[i] = (uint8_t)(*val >> (8 * i));
		machine_dirty(m, off);
		machine_dirty(m, off + (uint32_t)size - 1);
	} else {
		*val = 0;
		for (i = 0; i < size; i++)
			*val |= (uint32_t)p[i] << (8 * i);
	}
	return 0;
}

int
bus_load(struct machine *m, uint32_t addr, int size, uint32_t *val)
{
	int rc;

	if (size != 1 && size != 2 && size != 4)
		return -1;
	if (in(addr, m->ram_base, m->ram_size))
		return ram_access(m, addr, size, val, 0);
	if (in(addr, UART_BASE, UART_SIZE))
		/* One register per access whatever its width, as on virt. */
		rc = uart_load(m, addr - UART_BASE, val);
	else if (in(addr, CLINT_BASE, CLINT_SIZE) && word_ok(addr, size))
		rc = clint_load(m, addr - CLINT_BASE, size, val);
	else if (in(addr, PLIC_BASE, PLIC_SIZE) && word_ok(addr, size))
		rc = plic_load(m, addr - PLIC_BASE, val);
	else if (in(addr, RTC_BASE, RTC_SIZE) && word_ok(addr, size))
		rc = rtc_load(m, addr - RTC_BASE, val);
	else if (in(addr, FINISHER_BASE, FINISHER_SIZE) && size >= 2) {
		*val = 0;	/* write-only */
		return 0;
	} else
		return -1;
	if (rc == 0)
		after_mmio(m);
	return rc;
}

int
bus_store(struct machine *m, uint32_t addr, int size, uint32_t val)
{
	int rc;

	if (size != 1 && size != 2 && size != 4)
		return -1;
	if (size < 4)
		val &= (1u << (8 * size)) - 1;
	if (in(addr, m->ram_base, m->ram_size))
		return ram_access(m, addr, size, &val, 1);
	if (in(addr, UART_BASE, UART_SIZE))
		rc = uart_store(m, addr - UART_BASE, val);
	else if (in(addr, CLINT_BASE, CLINT_SIZE) && word_ok(addr, size))
		rc = clint_store(m, addr - CLINT_BASE, size, val);
	else if (in(addr, PLIC_BASE, PLIC_SIZE) && word_ok(addr, size))
		rc = plic_store(m, addr - PLIC_BASE, val);
	else if (in(addr, RTC_BASE, RTC_SIZE) && word_ok(addr, size))
		rc = rtc_store(m, addr - RTC_BASE, val);
	else if (in(addr, FINISHER_BASE, FINISHER_SIZE) && size >= 2)
		rc = finisher_store(m, addr - FINISHER_BASE, val);
	else
		return -1;
	if (rc == 0)
		after_mmio(m);
	return rc;
}
