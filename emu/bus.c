/* The system bus: RAM and MMIO dispatch by address range. */
#include <string.h>

#include "machine.h"
#include "devices.h"

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
	uint32_t before = cpu_mip(&m->cpu);

	machine_update_irqs(m);
	if (cpu_mip(&m->cpu) != before)
		m->brk = 1;
}

/*
 * The device at addr if it takes an access of this size there, else
 * NULL.  Widths and alignment are each device's as QEMU's models declare
 * them (the CLINT, PLIC and RTC take aligned 32-bit accesses only);
 * anything else is an access fault there too.
 */
static const struct device *
device_for(uint32_t addr, int size)
{
	const struct device *d;

	if ((d = device_at(addr)) == NULL || !(d->access & (uint32_t)size))
		return NULL;
	if ((d->access & DEV_ALIGNED) && (addr & ((uint32_t)size - 1)) != 0)
		return NULL;
	return d;
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
bus_read(struct machine *m, uint32_t addr, int size, uint32_t *val)
{
	const struct device *d;
	int rc;

	if (size != 1 && size != 2 && size != 4)
		return -1;
	if (in(addr, m->ram_base, m->ram_size))
		return ram_access(m, addr, size, val, 0);
	if ((d = device_for(addr, size)) == NULL)
		return -1;
	if (d->read == NULL) {
		*val = 0;	/* write-only */
		return 0;
	}
	if ((rc = d->read(m, addr - d->base, val)) == 0)
		after_mmio(m);
	return rc;
}

int
bus_write(struct machine *m, uint32_t addr, int size, uint32_t val)
{
	const struct device *d;
	int rc;

	if (size != 1 && size != 2 && size != 4)
		return -1;
	if (size < 4)
		val &= (1u << (8 * size)) - 1;
	if (in(addr, m->ram_base, m->ram_size))
		return ram_access(m, addr, size, &val, 1);
	if ((d = device_for(addr, size)) == NULL)
		return -1;
	if ((rc = d->write(m, addr - d->base, val)) == 0)
		after_mmio(m);
	return rc;
}
