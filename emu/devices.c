/* The device table: each MMIO device's window, part id and operations. */
#include <stdio.h>

#include "machine.h"
#include "devices.h"

/*
 * Reset, save, load and commit reach only the device's own member of
 * struct machine; these adapters give the table one signature for all.
 */
#define STATE_OPS(dev, member)						\
static void								\
dev##_reset_in(struct machine *m)					\
{									\
	dev##_reset(&m->member);					\
}									\
static int								\
dev##_save_in(const struct machine *m, struct rr_snap *s)		\
{									\
	return dev##_save(&m->member, s);				\
}									\
static int								\
dev##_load_in(struct machine *m, const struct rr_snap *s, size_t sec,	\
    char *err, size_t errlen)						\
{									\
	return dev##_load(&m->member, s, sec, err, errlen);		\
}									\
static void								\
dev##_commit_in(struct machine *m, const struct machine *from)		\
{									\
	m->member = from->member;					\
}

STATE_OPS(clint, clint)
STATE_OPS(plic, plic)
STATE_OPS(uart, uart)
STATE_OPS(rtc, rtc)
STATE_OPS(finisher, fin)

#define OPS(dev)							\
	.reset = dev##_reset_in, .save = dev##_save_in,			\
	.load = dev##_load_in, .commit = dev##_commit_in,		\
	.hash = dev##_hash

/* Row order is snapshot section order. */
const struct device devices[] = {
	{
		.name = "clint", .model = "clint",
		.base = CLINT_BASE, .size = CLINT_SIZE,
		.access = DEV_WORD | DEV_ALIGNED, .part = RR_PART_CLINT,
		.read = clint_read, .write = clint_write, OPS(clint)
	}, {
		.name = "plic", .model = "plic",
		.base = PLIC_BASE, .size = PLIC_SIZE,
		.access = DEV_WORD | DEV_ALIGNED, .part = RR_PART_PLIC,
		.read = plic_read, .write = plic_write, OPS(plic)
	}, {
		.name = "uart", .model = "uart16550",
		.base = UART_BASE, .size = UART_SIZE,
		.access = DEV_BYTE | DEV_HALF | DEV_WORD,
		.part = RR_PART_UART,
		.read = uart_read, .write = uart_write, OPS(uart),
		.irq = UART_IRQ, .irq_level = uart_irq_line,
		.bh_dev = RR_DEV_UART, .bh = uart_bh,
		.input_kind = RR_BH_UART_RX, .input_room = uart_input_room
	}, {
		.name = "rtc", .model = "goldfish-rtc",
		.base = RTC_BASE, .size = RTC_SIZE,
		.access = DEV_WORD | DEV_ALIGNED, .part = RR_PART_RTC,
		.read = rtc_read, .write = rtc_write, OPS(rtc)
	}, {
		.name = "finisher", .model = "finisher",
		.base = FINISHER_BASE, .size = FINISHER_SIZE,
		.access = DEV_HALF | DEV_WORD, .part = RR_PART_FINISHER,
		.read = NULL, .write = finisher_write, OPS(finisher)
	}
};
const size_t ndevices = sizeof(devices) / sizeof(devices[0]);

/* machine_hash: the CPU, the devices, time and RAM regions. */
_Static_assert(sizeof(devices) / sizeof(devices[0]) + 2 + RAM_REGIONS <=
    RR_PARTS_MAX, "more checkpoint parts than RR_PARTS_MAX");

const struct device *
device_at(uint32_t addr)
{
	size_t i;

	for (i = 0; i < ndevices; i++)
		if (addr >= devices[i].base &&
		    addr - devices[i].base < devices[i].size)
			return &devices[i];
	return NULL;
}

const struct device *
device_by_bh(uint32_t dev)
{
	size_t i;

	for (i = 0; dev != 0 && i < ndevices; i++)
		if (devices[i].bh_dev == dev)
			return &devices[i];
	return NULL;
}

const struct device *
device_input(void)
{
	size_t i;

	for (i = 0; i < ndevices; i++)
		if (devices[i].input_kind != 0)
			return &devices[i];
	return NULL;
}

void
devices_reset(struct machine *m)
{
	size_t i;

	for (i = 0; i < ndevices; i++)
		devices[i].reset(m);
}

void
devices_describe(char *buf, size_t len)
{
	const struct device *d, *next;
	size_t i, n = 0;
	int w;

	buf[0] = '\0';
	for (d = NULL;; d = next) {
		/* The row with the lowest base above the last one. */
		next = NULL;
		for (i = 0; i < ndevices; i++)
			if ((d == NULL || devices[i].base > d->base) &&
			    (next == NULL || devices[i].base < next->base))
				next = &devices[i];
		if (next == NULL)
			break;
		w = snprintf(buf + n, len - n, "%s@0x%x,", next->model,
		    next->base);
		if (w < 0 || (size_t)w >= len - n)
			return;
		n += (size_t)w;
	}
	snprintf(buf + n, len - n, "%s", MACHINE_CSR_DEVICES);
}
