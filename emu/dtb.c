/*
 * The device tree of rr-virt32, as QEMU 7.2's virt writes its own: the
 * same nodes, names, phandles and properties for the devices the two
 * machines share (tests/emu/dtb.sh compares them node by node), and
 * only those devices.  The soc nodes' reg sizes are those of QEMU's
 * tree; a device's window (devices.c) may be smaller, as QEMU's is.
 * Every revision (dtb.h) stays buildable byte for byte: old logs pin it.
 */
#include <stdio.h>
#include <string.h>

#include <libfdt.h>

#include "machine.h"
#include "dtb.h"

#define PH_CPU		1u	/* phandles as QEMU numbers them */
#define PH_INTC		2u
#define PH_PLIC		3u
#define PH_TEST		4u
#define RTC_IRQ		11u	/* PLIC source of the RTC, as on virt */
#define UART_CLOCK	3686400u
#define PLIC_NDEV	31u	/* sources 1..31 (plic.h: 32 bits) */
#define IRQ_M_SOFT	3u	/* local interrupt numbers (mcause) */
#define IRQ_M_TIMER	7u
#define IRQ_S_EXT	9u
#define IRQ_M_EXT	11u

/* Two cells each of address and size, as the root and soc have. */
static int
reg64(void *f, uint64_t base, uint64_t size)
{
	fdt32_t c[4];

	c[0] = cpu_to_fdt32((uint32_t)(base >> 32));
	c[1] = cpu_to_fdt32((uint32_t)base);
	c[2] = cpu_to_fdt32((uint32_t)(size >> 32));
	c[3] = cpu_to_fdt32((uint32_t)size);
	return fdt_property(f, "reg", c, sizeof(c));
}

static int
cells(void *f, const char *name, const uint32_t *v, size_t n)
{
	fdt32_t c[8];
	size_t i;

	for (i = 0; i < n && i < 8; i++)
		c[i] = cpu_to_fdt32(v[i]);
	return fdt_property(f, name, c, (int)(i * sizeof(c[0])));
}

/* A string list: the strings with their NULs, as one property. */
static int
strings(void *f, const char *name, const char *list, size_t len)
{
	return fdt_property(f, name, list, (int)len);
}

#define STRS(f, n, s)	strings((f), (n), (s), sizeof(s))

static int
cpus(void *f, const struct machine *m)
{
	return fdt_begin_node(f, "cpus") ||
	    fdt_property_u32(f, "#address-cells", 1) ||
	    fdt_property_u32(f, "#size-cells", 0) ||
	    fdt_property_u32(f, "timebase-frequency", MTIME_HZ) ||
	    fdt_begin_node(f, "cpu@0") ||
	    fdt_property_u32(f, "phandle", PH_CPU) ||
	    fdt_property_string(f, "device_type", "cpu") ||
	    fdt_property_u32(f, "reg", 0) ||
	    fdt_property_string(f, "status", "okay") ||
	    fdt_property_string(f, "compatible", "riscv") ||
	    fdt_property_string(f, "riscv,isa", MACHINE_ISA) ||
	    (m->dtb_rev >= DTB_REV_SU &&
	    fdt_property_string(f, "mmu-type", "riscv,sv32")) ||
	    fdt_begin_node(f, "interrupt-controller") ||
	    fdt_property_u32(f, "#interrupt-cells", 1) ||
	    fdt_property(f, "interrupt-controller", NULL, 0) ||
	    fdt_property_string(f, "compatible", "riscv,cpu-intc") ||
	    fdt_property_u32(f, "phandle", PH_INTC) ||
	    fdt_end_node(f) || fdt_end_node(f) ||
	    fdt_begin_node(f, "cpu-map") || fdt_begin_node(f, "cluster0") ||
	    fdt_begin_node(f, "core0") ||
	    fdt_property_u32(f, "cpu", PH_CPU) ||
	    fdt_end_node(f) || fdt_end_node(f) || fdt_end_node(f) ||
	    fdt_end_node(f);
}

/* The finisher as syscon-poweroff and syscon-reboot see it (virt.c). */
static int
syscon(void *f, const char *name, const char *compat, uint32_t value)
{
	return fdt_begin_node(f, name) ||
	    fdt_property_u32(f, "value", value) ||
	    fdt_property_u32(f, "offset", 0) ||
	    fdt_property_u32(f, "regmap", PH_TEST) ||
	    fdt_property_string(f, "compatible", compat) ||
	    fdt_end_node(f);
}

static int
soc(void *f, const struct machine *m)
{
	/* Context 0, M-mode; from revision 2 context 1, S-mode, too. */
	static const uint32_t plic_irqs[] = { PH_INTC, IRQ_M_EXT,
	    PH_INTC, IRQ_S_EXT };
	static const uint32_t clint_irqs[] = { PH_INTC, IRQ_M_SOFT,
	    PH_INTC, IRQ_M_TIMER };

	return fdt_begin_node(f, "soc") ||
	    fdt_property_u32(f, "#address-cells", 2) ||
	    fdt_property_u32(f, "#size-cells", 2) ||
	    fdt_property_string(f, "compatible", "simple-bus") ||
	    fdt_property(f, "ranges", NULL, 0) ||

	    fdt_begin_node(f, "rtc@101000") ||
	    fdt_property_u32(f, "interrupts", RTC_IRQ) ||
	    fdt_property_u32(f, "interrupt-parent", PH_PLIC) ||
	    reg64(f, RTC_BASE, 0x1000) ||
	    fdt_property_string(f, "compatible", "google,goldfish-rtc") ||
	    fdt_end_node(f) ||

	    fdt_begin_node(f, "serial@10000000") ||
	    fdt_property_u32(f, "interrupts", UART_IRQ) ||
	    fdt_property_u32(f, "interrupt-parent", PH_PLIC) ||
	    fdt_property_u32(f, "clock-frequency", UART_CLOCK) ||
	    reg64(f, UART_BASE, 0x100) ||
	    fdt_property_string(f, "compatible", "ns16550a") ||
	    fdt_end_node(f) ||

	    fdt_begin_node(f, "test@100000") ||
	    fdt_property_u32(f, "phandle", PH_TEST) ||
	    reg64(f, FINISHER_BASE, FINISHER_SIZE) ||
	    STRS(f, "compatible", "sifive,test1\0sifive,test0\0syscon") ||
	    fdt_end_node(f) ||

	    fdt_begin_node(f, "plic@c000000") ||
	    fdt_property_u32(f, "phandle", PH_PLIC) ||
	    fdt_property_u32(f, "riscv,ndev", PLIC_NDEV) ||
	    reg64(f, PLIC_BASE, PLIC_SIZE) ||
	    cells(f, "interrupts-extended", plic_irqs,
	    m->dtb_rev >= DTB_REV_SU ? 4 : 2) ||
	    fdt_property(f, "interrupt-controller", NULL, 0) ||
	    STRS(f, "compatible", "sifive,plic-1.0.0\0riscv,plic0") ||
	    fdt_property_u32(f, "#address-cells", 0) ||
	    fdt_property_u32(f, "#interrupt-cells", 1) ||
	    fdt_end_node(f) ||

	    fdt_begin_node(f, "clint@2000000") ||
	    cells(f, "interrupts-extended", clint_irqs, 4) ||
	    reg64(f, CLINT_BASE, 0x10000) ||
	    STRS(f, "compatible", "sifive,clint0\0riscv,clint0") ||
	    fdt_end_node(f) ||

	    fdt_end_node(f);
}

size_t
dtb_build(const struct machine *m, void *buf, size_t cap)
{
	char node[32];

	if (cap > INT32_MAX)
		cap = INT32_MAX;
	snprintf(node, sizeof(node), "memory@%x", m->ram_base);
	if (fdt_create(buf, (int)cap) || fdt_finish_reservemap(buf) ||
	    fdt_begin_node(buf, "") ||
	    fdt_property_u32(buf, "#address-cells", 2) ||
	    fdt_property_u32(buf, "#size-cells", 2) ||
	    fdt_property_string(buf, "compatible", "riscv-virtio") ||
	    fdt_property_string(buf, "model", "riscv-virtio,qemu") ||
	    fdt_begin_node(buf, "chosen") ||
	    fdt_property_string(buf, "stdout-path", "/soc/serial@10000000") ||
	    fdt_end_node(buf) ||
	    syscon(buf, "poweroff", "syscon-poweroff", 0x5555) ||
	    syscon(buf, "reboot", "syscon-reboot", 0x7777) ||
	    fdt_begin_node(buf, node) ||
	    fdt_property_string(buf, "device_type", "memory") ||
	    reg64(buf, m->ram_base, m->ram_size) ||
	    fdt_end_node(buf) ||
	    cpus(buf, m) || soc(buf, m) ||
	    fdt_end_node(buf) || fdt_finish(buf))
		return 0;
	return fdt_totalsize(buf);
}

uint32_t
dtb_place(const struct machine *m, size_t len)
{
	uint64_t end = (uint64_t)m->ram_base + m->ram_size, a;

	if (end > DTB_LIMIT && m->ram_base < DTB_LIMIT)
		end = DTB_LIMIT;
	if (m->image_end > end || len > end - m->image_end)
		return 0;
	a = (end - len) & ~(uint64_t)(DTB_ALIGN - 1);
	if (a >= m->image_end)
		return (uint32_t)a;
	/* A small RAM: QEMU would refuse the overlap; take the top. */
	return (uint32_t)((end - len) & ~(uint64_t)7);
}

uint64_t
dtb_hash(const struct machine *m)
{
	uint8_t buf[DTB_MAX];
	size_t n;

	if ((n = dtb_build(m, buf, sizeof(buf))) == 0)
		return 0;
	return rr_hash64(buf, n, 0);
}

uint32_t
dtb_rev_of(const struct machine *m, uint64_t hash)
{
	struct machine t = *m;	/* the configuration, another revision */
	uint32_t rev;

	if (hash == 0)
		return DTB_REV_M;
	for (rev = DTB_REV_M; rev <= DTB_REV_LATEST; rev++) {
		t.dtb_rev = rev;
		if (dtb_hash(&t) == hash)
			return rev;
	}
	return 0;
}
