/* Unit tests: the MMIO devices and the bus (emu/uart.c ... emu/bus.c). */
#include <check.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "../../emu/machine.h"
#include "../../emu/devices.h"
#include "../../lib/rrsnap.h"
#include "unit.h"

#define RAM_SIZE	(64u * 1024)

#define UART(r)		(UART_BASE + (r))
#define PLIC_PRIO(i)	(PLIC_BASE + 4 * (i))
#define PLIC_PENDING	(PLIC_BASE + 0x1000)
#define PLIC_ENABLE	(PLIC_BASE + 0x2000)
#define PLIC_THRESHOLD	(PLIC_BASE + 0x200000)
#define PLIC_CLAIM	(PLIC_BASE + 0x200004)
#define MTIMECMP	(CLINT_BASE + 0x4000)
#define MTIME		(CLINT_BASE + 0xbff8)

static struct machine m;

static void
setup(void)
{
	ck_assert_int_eq(machine_init(&m, RAM_SIZE, 0), 0);
}

static void
teardown(void)
{
	machine_free(&m);
}

static uint32_t
rd(uint32_t addr, int size)
{
	uint32_t v = 0xdeadbeef;

	ck_assert_msg(bus_read(&m, addr, size, &v) == 0,
	    "load 0x%08x/%d faulted", addr, size);
	return v;
}

static void
wr(uint32_t addr, int size, uint32_t v)
{
	ck_assert_msg(bus_write(&m, addr, size, v) == 0,
	    "store 0x%08x/%d faulted", addr, size);
}

static void
push(const char *s)
{
	ck_assert_int_eq(machine_bh_deliver(&m, RR_DEV_UART, RR_BH_UART_RX,
	    (const uint8_t *)s, strlen(s)), 0);
}

/* ---- UART ---- */

START_TEST(uart_reset_values)
{
	ck_assert_uint_eq(rd(UART(5), 1), 0x60);	/* LSR: THRE|TEMT */
	ck_assert_uint_eq(rd(UART(2), 1), 0x01);	/* IIR: none */
	ck_assert_uint_eq(rd(UART(6), 1), 0xb0);	/* MSR: DCD DSR CTS */
	ck_assert_uint_eq(rd(UART(4), 1), 0x08);	/* MCR: OUT2 */
	wr(UART(3), 1, 0x83);				/* DLAB, 8N1 */
	ck_assert_uint_eq(rd(UART(0), 1), 0x0c);	/* DLL: 9600 */
	ck_assert_uint_eq(rd(UART(1), 1), 0x00);	/* DLM */
	wr(UART(0), 1, 0x01);
	wr(UART(1), 1, 0x02);
	ck_assert_uint_eq(rd(UART(0), 1), 0x01);
	ck_assert_uint_eq(rd(UART(1), 1), 0x02);
	wr(UART(3), 1, 0x03);
	ck_assert_uint_eq(rd(UART(1), 1), 0x00);	/* IER again */
	wr(UART(7), 1, 0x5a);
	ck_assert_uint_eq(rd(UART(7), 1), 0x5a);	/* scratch */
	/* A word access is one register, as on virt. */
	ck_assert_uint_eq(rd(UART(5), 4), 0x60);
}
END_TEST

START_TEST(uart_rx_fifo)
{
	char buf[17];
	int i;

	/* Without the FIFO the receiver holds one byte. */
	ck_assert_uint_eq(machine_rx_room(&m, NULL, NULL), 1);
	push("x");
	ck_assert_uint_eq(machine_rx_room(&m, NULL, NULL), 0);
	ck_assert_int_ne(machine_bh_deliver(&m, RR_DEV_UART, RR_BH_UART_RX,
	    (const uint8_t *)"y", 1), 0);
	ck_assert_ptr_nonnull(strstr(m.err.msg, "room for 0"));
	ck_assert_uint_eq(rd(UART(5), 1), 0x61);
	ck_assert_uint_eq(rd(UART(0), 1), 'x');
	ck_assert_uint_eq(rd(UART(5), 1), 0x60);

	wr(UART(2), 1, 0x01);				/* FCR: enable */
	ck_assert_uint_eq(rd(UART(2), 1), 0xc1);
	ck_assert_uint_eq(machine_rx_room(&m, NULL, NULL), 16);
	push("0123456789abcdef");
	ck_assert_uint_eq(machine_rx_room(&m, NULL, NULL), 0);
	for (i = 0; i < 16; i++) {
		ck_assert_uint_eq(rd(UART(5), 1) & 1, 1);
		buf[i] = (char)rd(UART(0), 1);
	}
	buf[16] = '\0';
	ck_assert_str_eq(buf, "0123456789abcdef");
	ck_assert_uint_eq(rd(UART(5), 1), 0x60);
	ck_assert_uint_eq(rd(UART(0), 1), 0);		/* empty: 0 */
	/* Wrap the ring; FCR bit 1 clears the receive FIFO. */
	push("ABCDEFGHIJ");
	ck_assert_uint_eq(rd(UART(0), 1), 'A');
	ck_assert_uint_eq(machine_rx_room(&m, NULL, NULL), 7);
	wr(UART(2), 1, 0x03);
	ck_assert_uint_eq(rd(UART(5), 1), 0x60);
	ck_assert_uint_eq(machine_rx_room(&m, NULL, NULL), 16);
}
END_TEST

START_TEST(uart_iir_priority)
{
	wr(UART(2), 1, 0x01);
	wr(UART(1), 1, 0x03);		/* IER: RX data + THR empty */
	/* Enabling THRI with THR empty latches it. */
	ck_assert_uint_eq(m.uart.thr_ipending, 1);
	push("ab");
	ck_assert_uint_eq(rd(UART(2), 1), 0xc4);	/* RX beats THR */
	ck_assert_uint_eq(rd(UART(0), 1), 'a');
	ck_assert_uint_eq(rd(UART(2), 1), 0xc4);
	ck_assert_uint_eq(rd(UART(0), 1), 'b');
	ck_assert_uint_eq(rd(UART(2), 1), 0xc2);	/* read acks THRI */
	ck_assert_uint_eq(rd(UART(2), 1), 0xc1);
	/* A THR write (loopback: no host output) latches THRI again. */
	wr(UART(4), 1, 0x10);
	wr(UART(0), 1, 'Z');
	ck_assert_uint_eq(rd(UART(2), 1), 0xc4);	/* looped back */
	ck_assert_uint_eq(rd(UART(0), 1), 'Z');
	ck_assert_uint_eq(rd(UART(2), 1), 0xc2);
	/* Loopback: MSR mirrors MCR's modem bits. */
	wr(UART(4), 1, 0x1b);
	ck_assert_uint_eq(rd(UART(6), 1), 0xb0);
	wr(UART(4), 1, 0x14);
	ck_assert_uint_eq(rd(UART(6), 1), 0x40);
	/* IER off: no interrupt whatever is latched. */
	wr(UART(1), 1, 0x00);
	push("q");
	ck_assert_uint_eq(rd(UART(2), 1), 0xc1);
	ck_assert_int_eq(uart_irq(&m.uart), 0);
}
END_TEST

/*
 * A device's interrupt and host input come through its table row
 * (devices.h), not through code in the run loop or the gate: the row's
 * hooks say which device takes the console's input and as what, route
 * a bottom half by its device id, and drive its PLIC line.
 */
START_TEST(device_table_hooks)
{
	const struct device *d;
	uint32_t dev = 0, kind = 0;
	size_t i, nirq = 0;

	ck_assert_uint_eq(machine_rx_room(&m, &dev, &kind), 1);
	ck_assert_uint_eq(dev, RR_DEV_UART);
	ck_assert_uint_eq(kind, RR_BH_UART_RX);
	d = device_input();
	ck_assert_ptr_nonnull(d);
	ck_assert_str_eq(d->name, "uart");
	ck_assert_ptr_eq(device_by_bh(RR_DEV_UART), d);
	ck_assert_ptr_null(device_by_bh(0));
	ck_assert_ptr_null(device_by_bh(RR_DEV_SEMIHOST));
	/* A kind the device does not take is an unknown bottom half. */
	ck_assert_int_eq(machine_bh_deliver(&m, RR_DEV_UART,
	    RR_BH_UART_RX + 1, (const uint8_t *)"x", 1), -1);
	ck_assert_ptr_nonnull(strstr(m.err.msg, "unknown bottom half"));
	ck_assert_uint_eq(machine_rx_room(&m, NULL, NULL), 1);
	emu_clear(&m);
	/* Every row with a line has its level hook; the UART's is 10. */
	for (i = 0; i < ndevices; i++)
		if (devices[i].irq != 0) {
			ck_assert(devices[i].irq_level != NULL);
			ck_assert_uint_eq(devices[i].irq, UART_IRQ);
			nirq++;
		}
	ck_assert_uint_eq(nirq, 1);
	/* Delivery through the row raises the line through the PLIC. */
	wr(PLIC_PRIO(UART_IRQ), 4, 1);
	wr(PLIC_ENABLE, 4, 1u << UART_IRQ);
	wr(UART(1), 1, 0x01);
	ck_assert_int_eq(machine_bh_deliver(&m, dev, kind,
	    (const uint8_t *)"z", 1), 0);
	ck_assert_uint_eq(rd(PLIC_PENDING, 4), 1u << UART_IRQ);
	ck_assert_uint_eq(m.cpu.mip & MIP_MEIP, MIP_MEIP);
}
END_TEST

START_TEST(uart_irq_through_plic)
{
	wr(PLIC_PRIO(UART_IRQ), 4, 1);
	wr(PLIC_ENABLE, 4, 1u << UART_IRQ);
	wr(PLIC_THRESHOLD, 4, 0);
	wr(UART(1), 1, 0x01);
	ck_assert_uint_eq(m.cpu.mip & MIP_MEIP, 0);
	push("k");
	ck_assert_uint_eq(m.cpu.mip & MIP_MEIP, MIP_MEIP);
	ck_assert_uint_eq(rd(PLIC_PENDING, 4), 1u << UART_IRQ);
	/* Claim: the source leaves pending, MEIP drops while in service. */
	ck_assert_uint_eq(rd(PLIC_CLAIM, 4), UART_IRQ);
	ck_assert_uint_eq(m.cpu.mip & MIP_MEIP, 0);
	ck_assert_uint_eq(rd(PLIC_PENDING, 4), 0);
	ck_assert_uint_eq(rd(PLIC_CLAIM, 4), 0);	/* nothing else */
	/* Complete with the line still high: it is pending again. */
	wr(PLIC_CLAIM, 4, UART_IRQ);
	ck_assert_uint_eq(m.cpu.mip & MIP_MEIP, MIP_MEIP);
	ck_assert_uint_eq(rd(PLIC_CLAIM, 4), UART_IRQ);
	ck_assert_uint_eq(rd(UART(0), 1), 'k');		/* line drops */
	wr(PLIC_CLAIM, 4, UART_IRQ);
	ck_assert_uint_eq(m.cpu.mip & MIP_MEIP, 0);
	ck_assert_uint_eq(rd(PLIC_PENDING, 4), 0);
	/* Extra updates change nothing (a stop must be invisible). */
	machine_update_irqs(&m);
	machine_update_irqs(&m);
	ck_assert_uint_eq(rd(PLIC_PENDING, 4), 0);
}
END_TEST

/* ---- PLIC ---- */

START_TEST(plic_priority_threshold)
{
	wr(PLIC_PRIO(3), 4, 0xff);
	ck_assert_uint_eq(rd(PLIC_PRIO(3), 4), 7);	/* 3 bits, WARL */
	wr(PLIC_PRIO(0), 4, 5);
	ck_assert_uint_eq(rd(PLIC_PRIO(0), 4), 0);	/* no source 0 */
	/* Sources 3 and 5 have no device: drive their lines by hand. */
	wr(PLIC_PRIO(3), 4, 2);
	wr(PLIC_PRIO(5), 4, 2);
	wr(PLIC_ENABLE, 4, 0xffffffff);
	ck_assert_uint_eq(rd(PLIC_ENABLE, 4), 0xffffffff);	/* as QEMU */
	plic_set_level(&m.plic, 5, 1);
	plic_set_level(&m.plic, 3, 1);
	wr(PLIC_THRESHOLD, 4, 2);
	ck_assert_int_eq(plic_meip(&m.plic), 0);	/* not above it */
	ck_assert_uint_eq(m.cpu.mip & MIP_MEIP, 0);
	ck_assert_uint_eq(rd(PLIC_CLAIM, 4), 0);
	wr(PLIC_THRESHOLD, 4, 1);
	ck_assert_uint_eq(m.cpu.mip & MIP_MEIP, MIP_MEIP);
	ck_assert_uint_eq(rd(PLIC_PENDING, 4), (1u << 3) | (1u << 5));
	/* Equal priority: the lower id first; else the higher priority. */
	wr(PLIC_PRIO(5), 4, 3);
	ck_assert_uint_eq(rd(PLIC_CLAIM, 4), 5);
	ck_assert_uint_eq(rd(PLIC_CLAIM, 4), 3);
	ck_assert_uint_eq(rd(PLIC_CLAIM, 4), 0);
	ck_assert_uint_eq(m.cpu.mip & MIP_MEIP, 0);
	/* In service, a high line does not make it pending again. */
	plic_set_level(&m.plic, 3, 1);
	ck_assert_uint_eq(rd(PLIC_PENDING, 4), 0);
	/* Completing a source that is not enabled is ignored. */
	wr(PLIC_ENABLE, 4, 1u << 5);
	wr(PLIC_CLAIM, 4, 3);
	ck_assert_uint_eq(m.plic.claimed, (1u << 3) | (1u << 5));
	wr(PLIC_CLAIM, 4, 5);
	ck_assert_uint_eq(m.plic.claimed, 1u << 3);
	/* Pending is read-only. */
	plic_set_level(&m.plic, 5, 1);
	wr(PLIC_PENDING, 4, 0);
	ck_assert_uint_eq(rd(PLIC_PENDING, 4), 1u << 5);
	/* Context 2 and up (no such hart) read 0 and ignore writes. */
	wr(PLIC_THRESHOLD + 0x2000, 4, 5);
	ck_assert_uint_eq(rd(PLIC_THRESHOLD + 0x2000, 4), 0);
	wr(PLIC_ENABLE + 0x100, 4, 0xff);
	ck_assert_uint_eq(rd(PLIC_ENABLE + 0x100, 4), 0);
	ck_assert_uint_eq(m.plic.threshold, 1);
	ck_assert_uint_eq(m.plic.enable_s, 0);
	ck_assert_uint_eq(m.plic.threshold_s, 0);
}
END_TEST

/*
 * Context 1, the hart's S-mode context (QEMU virt: enable +0x2080,
 * threshold +0x201000, claim +0x201004), drives SEIP as context 0
 * drives MEIP; the two share pending and claimed.
 */
START_TEST(plic_context1)
{
	wr(PLIC_PRIO(UART_IRQ), 4, 2);
	wr(PLIC_PRIO(3), 4, 1);
	wr(PLIC_ENABLE + 0x80, 4, (1u << UART_IRQ) | (1u << 3));
	ck_assert_uint_eq(rd(PLIC_ENABLE + 0x80, 4),
	    (1u << UART_IRQ) | (1u << 3));
	ck_assert_uint_eq(rd(PLIC_ENABLE, 4), 0);
	wr(PLIC_THRESHOLD + 0x1000, 4, 0xff);
	ck_assert_uint_eq(rd(PLIC_THRESHOLD + 0x1000, 4), 7);
	ck_assert_uint_eq(rd(PLIC_THRESHOLD, 4), 0);
	wr(PLIC_THRESHOLD + 0x1000, 4, 1);
	/* The UART's THR-empty interrupt raises its line. */
	wr(UART_BASE + 1, 1, 0x02);
	ck_assert_uint_eq(rd(PLIC_PENDING, 4), 1u << UART_IRQ);
	ck_assert_int_eq(plic_seip(&m.plic), 1);
	ck_assert_int_eq(plic_meip(&m.plic), 0);
	ck_assert_uint_eq(m.cpu.mip_ext, MIP_SEIP);
	ck_assert_uint_eq(m.cpu.mip & (MIP_SEIP | MIP_MEIP), 0);
	/* At the threshold: not taken. */
	wr(PLIC_THRESHOLD + 0x1000, 4, 2);
	ck_assert_uint_eq(m.cpu.mip_ext, 0);
	ck_assert_uint_eq(rd(PLIC_CLAIM + 0x1000, 4), 0);
	wr(PLIC_THRESHOLD + 0x1000, 4, 1);
	ck_assert_uint_eq(m.cpu.mip_ext, MIP_SEIP);
	/* Context 0 has nothing enabled: its claim gets nothing. */
	ck_assert_uint_eq(rd(PLIC_CLAIM, 4), 0);
	ck_assert_uint_eq(rd(PLIC_CLAIM + 0x1000, 4), UART_IRQ);
	ck_assert_uint_eq(m.cpu.mip_ext, 0);
	ck_assert_uint_eq(rd(PLIC_CLAIM + 0x1000, 4), 0);
	/* Completing from context 0, where it is not enabled: ignored. */
	wr(PLIC_CLAIM, 4, UART_IRQ);
	ck_assert_uint_eq(m.plic.claimed, 1u << UART_IRQ);
	wr(UART_BASE + 1, 1, 0);
	wr(PLIC_CLAIM + 0x1000, 4, UART_IRQ);
	ck_assert_uint_eq(m.plic.claimed, 0);
	/* Source 3 is enabled in context 1 only; its priority is 1. */
	plic_set_level(&m.plic, 3, 1);
	machine_update_irqs(&m);
	ck_assert_uint_eq(m.cpu.mip_ext, 0);		/* not above 1 */
	wr(PLIC_THRESHOLD + 0x1000, 4, 0);
	ck_assert_uint_eq(m.cpu.mip_ext, MIP_SEIP);
	ck_assert_uint_eq(m.cpu.mip & MIP_MEIP, 0);
}
END_TEST

/* ---- CLINT ---- */

START_TEST(clint_mtime_from_icount)
{
	m.icount = 1000;
	ck_assert_uint_eq(rd(MTIME, 4), 10);		/* 1 ns/insn */
	m.clock_shift = 3;
	ck_assert_uint_eq(rd(MTIME, 4), 80);
	m.idle_bias = 1000;
	ck_assert_uint_eq(rd(MTIME, 4), 90);
	m.icount = 1ull << 40;
	m.clock_shift = 4;
	m.idle_bias = 0;
	ck_assert_uint_eq(machine_mtime(&m), (1ull << 44) / 100);
	ck_assert_uint_eq(rd(MTIME + 4, 4), (uint32_t)(((1ull << 44) / 100)
	    >> 32));
	ck_assert_uint_eq(rd(MTIME, 4), (uint32_t)((1ull << 44) / 100));
	/* mtime is read-only here. */
	wr(MTIME, 4, 0);
	wr(MTIME + 4, 4, 0);
	ck_assert_uint_eq(machine_mtime(&m), (1ull << 44) / 100);
	/* Sub-word access is a fault, as QEMU's 4..8-byte ops say. */
	ck_assert_int_eq(bus_read(&m, MTIME, 1, &(uint32_t){ 0 }), -1);
	ck_assert_int_eq(bus_write(&m, MTIMECMP + 2, 2, 0), -1);
}
END_TEST

START_TEST(clint_mtip_msip)
{
	/* mtimecmp resets to 0 as on QEMU: MTIP pending from the start. */
	ck_assert_uint_eq(m.cpu.mip & MIP_MTIP, MIP_MTIP);
	m.brk = 0;
	wr(MTIMECMP + 4, 4, 0);
	ck_assert_int_eq(m.brk, 1);		/* deadline moved */
	wr(MTIMECMP, 4, 50);
	ck_assert_uint_eq(rd(MTIMECMP, 4), 50);
	ck_assert_uint_eq(rd(MTIMECMP + 4, 4), 0);
	ck_assert_uint_eq(m.cpu.mip & MIP_MTIP, 0);
	ck_assert_uint_eq(machine_deadline(&m), 5000);
	m.icount = 4999;
	machine_update_irqs(&m);
	ck_assert_uint_eq(m.cpu.mip & MIP_MTIP, 0);
	m.icount = 5000;
	machine_update_irqs(&m);
	ck_assert_uint_eq(m.cpu.mip & MIP_MTIP, MIP_MTIP);
	ck_assert_uint_eq(machine_deadline(&m), UINT64_MAX);
	m.brk = 0;
	wr(CLINT_BASE, 4, 0xffffffff);
	ck_assert_int_eq(m.brk, 1);
	ck_assert_uint_eq(rd(CLINT_BASE, 4), 1);
	ck_assert_uint_eq(m.cpu.mip & MIP_MSIP, MIP_MSIP);
	wr(CLINT_BASE, 4, 0);
	ck_assert_uint_eq(m.cpu.mip & MIP_MSIP, 0);
	ck_assert_uint_eq(rd(CLINT_BASE + 4, 4), 0);	/* hart 1: none */
}
END_TEST

/* ---- RTC ---- */

static uint64_t
host_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

START_TEST(rtc_time_latch)
{
	uint64_t before, after, t;
	uint32_t lo, hi;

	/* With no gate the RTC reads the host clock. */
	before = host_ns();
	lo = rd(RTC_BASE + 0x00, 4);
	hi = rd(RTC_BASE + 0x04, 4);
	after = host_ns();
	t = (uint64_t)hi << 32 | lo;
	ck_assert_msg(t >= before && t <= after, "rtc %llu outside "
	    "[%llu, %llu]", (unsigned long long)t,
	    (unsigned long long)before, (unsigned long long)after);
	/* TIME_HIGH is the latch, not a fresh read. */
	m.rtc.time_high = 0x1234;
	ck_assert_uint_eq(rd(RTC_BASE + 0x04, 4), 0x1234);
	/* Setting the time: an offset to the host clock. */
	wr(RTC_BASE + 0x04, 4, 7);
	(void)rd(RTC_BASE + 0x00, 4);
	/* 8 if the low word wrapped in between (once per 4.3 s). */
	ck_assert(m.rtc.time_high == 7 || m.rtc.time_high == 8);
	ck_assert_uint_ne(m.rtc.tick_offset, 0);
}
END_TEST

START_TEST(rtc_alarm_never_fires)
{
	wr(RTC_BASE + 0x0c, 4, 0);
	wr(RTC_BASE + 0x08, 4, 1);		/* long past */
	wr(RTC_BASE + 0x10, 4, 0xff);
	ck_assert_uint_eq(rd(RTC_BASE + 0x08, 4), 1);
	ck_assert_uint_eq(rd(RTC_BASE + 0x10, 4), 1);
	ck_assert_uint_eq(rd(RTC_BASE + 0x18, 4), 1);	/* armed */
	ck_assert_uint_eq(m.rtc.irq_pending, 0);
	ck_assert_uint_eq(m.cpu.mip & MIP_MEIP, 0);
	wr(RTC_BASE + 0x14, 4, 1);
	ck_assert_uint_eq(rd(RTC_BASE + 0x18, 4), 0);
	ck_assert_int_eq(bus_read(&m, RTC_BASE, 2, &(uint32_t){ 0 }), -1);
}
END_TEST

/* ---- finisher ---- */

static const struct {
	uint32_t	 off, val;
	int		 exited, code;
} fin_cases[] = {
	{ 0, 0x5555, 1, 0 },
	{ 0, 0x00073333, 1, 7 },
	{ 0, 0xffff3333, 1, 0xffff },
	{ 0, 0x3333, 1, 0 },
	{ 0, 0x1234, 0, 0 },
	{ 0, 0x7777, 0, 0 },		/* reset: ignored */
	{ 4, 0x5555, 0, 0 },		/* not the register */
};

START_TEST(finisher_codes)
{
	m.brk = 0;
	wr(FINISHER_BASE + fin_cases[_i].off, 4, fin_cases[_i].val);
	ck_assert_int_eq(m.exited, fin_cases[_i].exited);
	ck_assert_int_eq(m.exit_code, fin_cases[_i].code);
	ck_assert_int_eq(m.brk, fin_cases[_i].exited);
	ck_assert_uint_eq(rd(FINISHER_BASE, 4), 0);
}
END_TEST

/* ---- bus ---- */

START_TEST(bus_unmapped)
{
	static const uint32_t holes[] = {
		0, 0xfff, 0x101024, 0x102000, 0x1ffffff, 0x200c000,
		0x2010000, 0xc600000, 0x10000008, 0x10000100, 0x7fffffff,
		RAM_BASE + RAM_SIZE, 0xffffffff
	};
	uint32_t v;
	size_t i;

	for (i = 0; i < sizeof(holes) / sizeof(holes[0]); i++) {
		ck_assert_msg(bus_read(&m, holes[i], 4, &v) == -1,
		    "load 0x%08x did not fault", holes[i]);
		ck_assert_msg(bus_write(&m, holes[i], 1, 0) == -1,
		    "store 0x%08x did not fault", holes[i]);
	}
	ck_assert_int_eq(bus_read(&m, RAM_BASE + RAM_SIZE - 2, 4, &v), -1);
	/* RAM through the bus marks the page dirty. */
	memset(m.dirty, 0, sizeof(*m.dirty));
	wr(RAM_BASE + 3 * PAGE_SIZE + 8, 4, 0x11223344);
	ck_assert_uint_eq(rd(RAM_BASE + 3 * PAGE_SIZE + 8, 2), 0x3344);
	ck_assert_uint_eq(m.dirty[0], 1u << 3);
}
END_TEST

/* ---- the device table ---- */

/*
 * The header's device list is part of every log and snapshot: one made
 * from the table must read as logs recorded before it say.
 */
START_TEST(device_table_describe)
{
	char buf[RR_STRING_MAX];

	devices_describe(buf, sizeof(buf));
	ck_assert_str_eq(buf, "finisher@0x100000,goldfish-rtc@0x101000,"
	    "clint@0x2000000,plic@0xc000000,uart16550@0x10000000,seed-csr");
}
END_TEST

/* Windows apart from each other and RAM; names and part ids unique. */
START_TEST(device_table_rows)
{
	const struct device *a, *b;
	size_t i, j;

	for (i = 0; i < ndevices; i++) {
		a = &devices[i];
		ck_assert(a->write != NULL && a->reset != NULL &&
		    a->save != NULL && a->load != NULL && a->hash != NULL);
		ck_assert_ptr_eq(device_at(a->base), a);
		ck_assert_ptr_eq(device_at(a->base + a->size - 1), a);
		ck_assert_uint_lt((uint64_t)a->base + a->size, RAM_BASE + 1);
		for (j = i + 1; j < ndevices; j++) {
			b = &devices[j];
			ck_assert_msg(a->base + a->size <= b->base ||
			    b->base + b->size <= a->base, "%s and %s overlap",
			    a->name, b->name);
			ck_assert_str_ne(a->name, b->name);
			ck_assert_uint_ne(a->part, b->part);
		}
	}
}
END_TEST

/* ---- device snapshot sections ---- */

static struct rr_snap *
new_snap(const char *section)
{
	struct rr_snap *s;

	ck_assert_int_eq(rr_snap_new(&s, NULL), RR_OK);
	ck_assert_int_eq(rr_snap_begin(s, section), RR_OK);
	return s;
}

START_TEST(device_sections_roundtrip)
{
	struct machine m2;
	struct rr_snap *s;
	char err[256];

	wr(UART(2), 1, 0x01);
	wr(UART(1), 1, 0x03);
	push("hello, world");
	(void)rd(UART(0), 1);
	wr(PLIC_PRIO(UART_IRQ), 4, 5);
	wr(PLIC_ENABLE, 4, 1u << UART_IRQ);
	(void)rd(PLIC_CLAIM, 4);
	wr(MTIMECMP, 4, 77);
	wr(RTC_BASE + 0x08, 4, 99);
	wr(FINISHER_BASE, 4, 0x1234);
	ck_assert_int_eq(machine_init(&m2, RAM_SIZE, 0), 0);

	s = new_snap("uart");
	ck_assert_int_eq(uart_save(&m.uart, s), 0);
	ck_assert_int_eq(uart_load(&m2.uart, s, 0, err, sizeof(err)),
	    0);
	rr_snap_free(s);
	/* The FIFO is compared in order: rx_head need not match. */
	ck_assert_uint_eq(m2.uart.rx_count, m.uart.rx_count);
	ck_assert_uint_eq(rd(UART(0), 1), m2.uart.rbr_fifo[0]);
	ck_assert_uint_eq(m2.uart.iir, m.uart.iir);
	ck_assert_uint_eq(m2.uart.thr_ipending, m.uart.thr_ipending);

	s = new_snap("plic");
	ck_assert_int_eq(plic_save(&m.plic, s), 0);
	ck_assert_int_eq(plic_load(&m2.plic, s, 0, err, sizeof(err)),
	    0);
	rr_snap_free(s);
	ck_assert_mem_eq(&m2.plic, &m.plic, sizeof(m.plic));

	s = new_snap("clint");
	ck_assert_int_eq(clint_save(&m.clint, s), 0);
	ck_assert_int_eq(clint_load(&m2.clint, s, 0, err, sizeof(err)),
	    0);
	rr_snap_free(s);
	ck_assert_uint_eq(m2.clint.mtimecmp, m.clint.mtimecmp);

	s = new_snap("rtc");
	ck_assert_int_eq(rtc_save(&m.rtc, s), 0);
	ck_assert_int_eq(rtc_load(&m2.rtc, s, 0, err, sizeof(err)), 0);
	rr_snap_free(s);
	ck_assert_mem_eq(&m2.rtc, &m.rtc, sizeof(m.rtc));

	s = new_snap("finisher");
	ck_assert_int_eq(finisher_save(&m.fin, s), 0);
	ck_assert_int_eq(finisher_load(&m2.fin, s, 0, err,
	    sizeof(err)), 0);
	rr_snap_free(s);
	ck_assert_uint_eq(m2.fin.last, 0x1234);
	machine_free(&m2);
}
END_TEST

/* One bad value per case; the loader must name it and change nothing. */
START_TEST(device_sections_invalid)
{
	struct uart u0 = m.uart;
	struct plic p0 = m.plic;
	struct rr_snap *s;
	uint8_t seventeen[17] = { 0 };
	uint32_t prio[32] = { 0 };
	char err[256];

	s = new_snap("uart");
	ck_assert_int_eq(rr_snap_put_bytes(s, "rx", seventeen, 17), RR_OK);
	ck_assert_int_eq(uart_load(&m.uart, s, 0, err, sizeof(err)), -1);
	ck_assert_ptr_nonnull(strstr(err, "17 bytes"));
	rr_snap_free(s);

	/* LSR says data with an empty FIFO. */
	s = new_snap("uart");
	ck_assert_int_eq(rr_snap_put_bytes(s, "rx", "", 0), RR_OK);
	ck_assert_int_eq(rr_snap_put_u64(s, "ier", 0), RR_OK);
	ck_assert_int_eq(rr_snap_put_u64(s, "iir", 1), RR_OK);
	ck_assert_int_eq(rr_snap_put_u64(s, "fcr", 0), RR_OK);
	ck_assert_int_eq(rr_snap_put_u64(s, "lcr", 0), RR_OK);
	ck_assert_int_eq(rr_snap_put_u64(s, "mcr", 8), RR_OK);
	ck_assert_int_eq(rr_snap_put_u64(s, "lsr", 0x61), RR_OK);
	ck_assert_int_eq(rr_snap_put_u64(s, "msr", 0xb0), RR_OK);
	ck_assert_int_eq(rr_snap_put_u64(s, "scr", 0), RR_OK);
	ck_assert_int_eq(rr_snap_put_u64(s, "dll", 12), RR_OK);
	ck_assert_int_eq(rr_snap_put_u64(s, "dlm", 0), RR_OK);
	ck_assert_int_eq(rr_snap_put_u64(s, "thr_ipending", 0), RR_OK);
	ck_assert_int_eq(uart_load(&m.uart, s, 0, err, sizeof(err)), -1);
	ck_assert_ptr_nonnull(strstr(err, "lsr 0x61"));
	rr_snap_free(s);
	ck_assert_mem_eq(&m.uart, &u0, sizeof(u0));

	s = new_snap("plic");
	prio[10] = 9;
	ck_assert_int_eq(rr_snap_put_u32s(s, "priority", prio, 32), RR_OK);
	ck_assert_int_eq(plic_load(&m.plic, s, 0, err, sizeof(err)), -1);
	ck_assert_ptr_nonnull(strstr(err, "priority[10] is 9"));
	rr_snap_free(s);
	ck_assert_mem_eq(&m.plic, &p0, sizeof(p0));

	s = new_snap("clint");
	ck_assert_int_eq(rr_snap_put_u64(s, "msip", 2), RR_OK);
	ck_assert_int_eq(rr_snap_put_u64(s, "mtimecmp", 0), RR_OK);
	ck_assert_int_eq(clint_load(&m.clint, s, 0, err, sizeof(err)),
	    -1);
	ck_assert_ptr_nonnull(strstr(err, "msip is 2"));
	rr_snap_free(s);

	s = new_snap("rtc");
	ck_assert_int_eq(rr_snap_put_u64(s, "time_high", 0), RR_OK);
	ck_assert_int_eq(rr_snap_put_u64(s, "alarm_low", 0), RR_OK);
	ck_assert_int_eq(rr_snap_put_u64(s, "alarm_high", 0), RR_OK);
	ck_assert_int_eq(rr_snap_put_u64(s, "irq_enabled", 2), RR_OK);
	ck_assert_int_eq(rtc_load(&m.rtc, s, 0, err, sizeof(err)), -1);
	ck_assert_ptr_nonnull(strstr(err, "irq_enabled is 2"));
	rr_snap_free(s);

	s = new_snap("finisher");
	ck_assert_int_eq(rr_snap_put_u64(s, "lost", 0), RR_OK);
	ck_assert_int_eq(finisher_load(&m.fin, s, 0, err, sizeof(err)),
	    -1);
	ck_assert_ptr_nonnull(strstr(err, "last"));
	rr_snap_free(s);
}
END_TEST

Suite		*suite_devices(void);

Suite *
suite_devices(void)
{
	Suite *s = suite_create("devices");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, uart_reset_values);
	tcase_add_test(tc, uart_rx_fifo);
	tcase_add_test(tc, uart_iir_priority);
	tcase_add_test(tc, uart_irq_through_plic);
	tcase_add_test(tc, device_table_hooks);
	tcase_add_test(tc, plic_priority_threshold);
	tcase_add_test(tc, plic_context1);
	tcase_add_test(tc, clint_mtime_from_icount);
	tcase_add_test(tc, clint_mtip_msip);
	tcase_add_test(tc, rtc_time_latch);
	tcase_add_test(tc, rtc_alarm_never_fires);
	tcase_add_loop_test(tc, finisher_codes, 0,
	    (int)(sizeof(fin_cases) / sizeof(fin_cases[0])));
	tcase_add_test(tc, bus_unmapped);
	tcase_add_test(tc, device_table_describe);
	tcase_add_test(tc, device_table_rows);
	tcase_add_test(tc, device_sections_roundtrip);
	tcase_add_test(tc, device_sections_invalid);
	suite_add_tcase(s, tc);
	return s;
}
