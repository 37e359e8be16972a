/* The 16550A UART at 0x10000000 (register shift 0), as on QEMU virt. */
#include <stdio.h>
#include <string.h>

#include "machine.h"
#include "gate.h"
#include "devkit.h"
#include "../lib/rrsnap.h"

#define FIFO_LEN	16u

/* Registers (offset from UART_BASE). */
#define R_RBR	0		/* THR on write; DLL with DLAB */
#define R_IER	1		/* DLM with DLAB */
#define R_IIR	2		/* FCR on write */
#define R_LCR	3
#define R_MCR	4
#define R_LSR	5
#define R_MSR	6
#define R_SCR	7

#define IER_RDI		0x01	/* received data available */
#define IER_THRI	0x02	/* THR empty */
#define IER_MASK	0x0f

#define IIR_NO_INT	0x01
#define IIR_ID		0x06
#define IIR_THRI	0x02
#define IIR_RDI		0x04
#define IIR_FIFO	0xc0

#define FCR_FE		0x01	/* FIFO enable */
#define FCR_RFR		0x02	/* reset receive FIFO */
#define FCR_XFR		0x04	/* reset transmit FIFO */
#define FCR_KEEP	0xc9	/* bits the register keeps */

#define LCR_DLAB	0x80

#define MCR_LOOP	0x10
#define MCR_OUT2	0x08
#define MCR_MASK	0x1f

#define LSR_DR		0x01
#define LSR_OE		0x02
#define LSR_BI		0x10
#define LSR_THRE	0x20
#define LSR_TEMT	0x40

#define MSR_CTS		0x10
#define MSR_DSR		0x20
#define MSR_RI		0x40
#define MSR_DCD		0x80

/*
 * Derive IIR from the state.  Only the two sources the brief defines can
 * interrupt: receive data (as soon as one byte is there, i.e. a trigger
 * level of 1 and no character timeout, which would need a host-paced
 * timer) and THR empty.  Line-status and modem-status interrupts never
 * arise: there is no overrun from the host (the gate only delivers what
 * fits) and the modem lines do not move.
 */
static void
update_iir(struct uart *u)
{
	uint8_t id;

	if ((u->ier & IER_RDI) && u->rx_count > 0)
		id = IIR_RDI;
	else if ((u->ier & IER_THRI) && u->thr_ipending)
		id = IIR_THRI;
	else
		id = IIR_NO_INT;
	u->iir = (uint8_t)(id | ((u->fcr & FCR_FE) ? IIR_FIFO : 0));
}

/* LSR.DR follows the FIFO; THRE/TEMT are always set (output is instant). */
static void
update_lsr(struct uart *u)
{
	u->lsr = (uint8_t)((u->lsr & (LSR_OE | LSR_BI)) | LSR_THRE | LSR_TEMT |
	    (u->rx_count > 0 ? LSR_DR : 0));
}

/* In loopback the modem inputs mirror MCR, as on a real 16550. */
static void
update_msr(struct uart *u)
{
	if (u->mcr & MCR_LOOP)
		u->msr = (uint8_t)(((u->mcr & 0x01) ? MSR_DSR : 0) |
		    ((u->mcr & 0x02) ? MSR_CTS : 0) |
		    ((u->mcr & 0x04) ? MSR_RI : 0) |
		    ((u->mcr & 0x08) ? MSR_DCD : 0));
	else
		u->msr = MSR_DCD | MSR_DSR | MSR_CTS;
}

static void
rx_clear(struct uart *u)
{
	memset(u->rbr_fifo, 0, sizeof(u->rbr_fifo));
	u->rx_head = 0;
	u->rx_count = 0;
}

void
uart_reset(struct uart *u)
{
	memset(u, 0, sizeof(*u));
	u->dll = 0x0c;		/* 9600 baud, as QEMU resets it */
	u->mcr = MCR_OUT2;
	update_msr(u);
	update_lsr(u);
	update_iir(u);
}

int
uart_irq(const struct uart *u)
{
	return (u->iir & IIR_NO_INT) == 0;
}

/*
 * Bytes the receiver takes now.  Without the FIFO enabled the 16550 holds
 * one byte in RBR, as QEMU's can_receive says; the gate never delivers
 * more than this, so the receiver never overruns from host input.
 */
size_t
uart_rx_room(const struct uart *u)
{
	if (u->fcr & FCR_FE)
		return FIFO_LEN - u->rx_count;
	return u->rx_count == 0 ? 1 : 0;
}

/* The device table's hooks (devices.h): the line, host input. */
int
uart_irq_line(const struct machine *m)
{
	return uart_irq(&m->uart);
}

size_t
uart_input_room(const struct machine *m)
{
	return uart_rx_room(&m->uart);
}

int
uart_bh(struct machine *m, uint32_t kind, const uint8_t *data, size_t len)
{
	size_t room;

	if (kind != RR_BH_UART_RX)
		return 1;
	room = uart_rx_room(&m->uart);
	if (len > room)
		return emu_fail(m, EMU_E_MACHINE, RR_NO_EVENT, RR_NO_OFFSET,
		    "icount %llu: UART receive of %zu bytes, room for %zu",
		    (unsigned long long)m->icount, len, room);
	uart_rx_push(&m->uart, data, len);
	return 0;
}

/* Bytes beyond the room are dropped with LSR.OE set (loopback only). */
void
uart_rx_push(struct uart *u, const uint8_t *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (uart_rx_room(u) == 0) {
			u->lsr |= LSR_OE;
			continue;
		}
		u->rbr_fifo[(u->rx_head + u->rx_count) % FIFO_LEN] = p[i];
		u->rx_count++;
	}
	update_lsr(u);
	update_iir(u);
}

static uint8_t
rx_pop(struct uart *u)
{
	uint8_t c;

	if (u->rx_count == 0)
		return 0;
	c = u->rbr_fifo[u->rx_head];
	u->rx_head = (u->rx_head + 1) % FIFO_LEN;
	u->rx_count--;
	return c;
}

static void
tx_byte(struct machine *m, uint8_t c)
{
	struct uart *u = &m->uart;

	if (u->mcr & MCR_LOOP)
		uart_rx_push(u, &c, 1);
	else
		gate_output(m, RR_DEV_UART, c);
	/* The byte left at once: THR is empty again. */
	u->thr_ipending = 1;
}

/* Reads can have effects. */
int
uart_read(struct machine *m, uint32_t off, uint32_t *val)
{
	struct uart *u = &m->uart;
	uint8_t v = 0;

	switch (off) {
	case R_RBR:
		if (u->lcr & LCR_DLAB)
			v = u->dll;
		else
			v = rx_pop(u);
		break;
	case R_IER:
		v = (u->lcr & LCR_DLAB) ? u->dlm : u->ier;
		break;
	case R_IIR:
		v = u->iir;
		/* Reading IIR that reports THR empty acknowledges it. */
		if ((v & IIR_ID) == IIR_THRI && !(v & IIR_NO_INT))
			u->thr_ipending = 0;
		break;
	case R_LCR:
		v = u->lcr;
		break;
	case R_MCR:
		v = u->mcr;
		break;
	case R_LSR:
		v = u->lsr;
		u->lsr &= (uint8_t)~(LSR_OE | LSR_BI);
		break;
	case R_MSR:
		v = u->msr;
		break;
	case R_SCR:
		v = u->scr;
		break;
	default:
		return -1;
	}
	update_lsr(u);
	update_iir(u);
	*val = v;
	return 0;
}

int
uart_write(struct machine *m, uint32_t off, uint32_t val)
{
	struct uart *u = &m->uart;
	uint8_t v = (uint8_t)val, changed;

	switch (off) {
	case R_RBR:
		if (u->lcr & LCR_DLAB)
			u->dll = v;
		else
			tx_byte(m, v);
		break;
	case R_IER:
		if (u->lcr & LCR_DLAB) {
			u->dlm = v;
			break;
		}
		changed = (uint8_t)((u->ier ^ v) & IER_MASK);
		u->ier = v & IER_MASK;
		/* Enabling the THR interrupt with THR empty raises it. */
		if (changed & IER_THRI)
			u->thr_ipending = (u->ier & IER_THRI) ? 1 : 0;
		break;
	case R_IIR:
		/* Toggling the FIFO enable resets both FIFOs. */
		if ((v ^ u->fcr) & FCR_FE)
			v |= FCR_RFR | FCR_XFR;
		if (v & FCR_RFR) {
			rx_clear(u);
			u->lsr &= (uint8_t)~(LSR_OE | LSR_BI);
		}
		if (v & FCR_XFR)
			u->thr_ipending = 1;
		u->fcr = v & FCR_KEEP;
		break;
	case R_LCR:
		u->lcr = v;
		break;
	case R_MCR:
		u->mcr = v & MCR_MASK;
		update_msr(u);
		break;
	case R_LSR:
	case R_MSR:
		break;		/* read-only */
	case R_SCR:
		u->scr = v;
		break;
	default:
		return -1;
	}
	update_lsr(u);
	update_iir(u);
	return 0;
}

/* ---- snapshot section "uart", hash part RR_PART_UART ---- */

int
uart_save(const struct uart *u, struct rr_snap *s)
{
	uint8_t rx[FIFO_LEN];
	uint32_t i;

	/* The FIFO is saved in order, so equal states give equal bytes. */
	for (i = 0; i < u->rx_count && i < FIFO_LEN; i++)
		rx[i] = u->rbr_fifo[(u->rx_head + i) % FIFO_LEN];
	if (rr_snap_put_bytes(s, "rx", rx, i) != RR_OK ||
	    rr_snap_put_u64(s, "ier", u->ier) != RR_OK ||
	    rr_snap_put_u64(s, "iir", u->iir) != RR_OK ||
	    rr_snap_put_u64(s, "fcr", u->fcr) != RR_OK ||
	    rr_snap_put_u64(s, "lcr", u->lcr) != RR_OK ||
	    rr_snap_put_u64(s, "mcr", u->mcr) != RR_OK ||
	    rr_snap_put_u64(s, "lsr", u->lsr) != RR_OK ||
	    rr_snap_put_u64(s, "msr", u->msr) != RR_OK ||
	    rr_snap_put_u64(s, "scr", u->scr) != RR_OK ||
	    rr_snap_put_u64(s, "dll", u->dll) != RR_OK ||
	    rr_snap_put_u64(s, "dlm", u->dlm) != RR_OK ||
	    rr_snap_put_u64(s, "thr_ipending", u->thr_ipending) != RR_OK)
		return -1;
	return 0;
}

int
uart_load(struct uart *u, const struct rr_snap *s, size_t sec, char *err,
    size_t errlen)
{
	const struct snap_in in = { s, sec, "uart", err, errlen };
	struct uart t;
	struct rr_error e;
	const uint8_t *rx;
	size_t n;
	uint8_t iir, want;

	memset(&t, 0, sizeof(t));
	if (rr_snap_get_bytes(s, sec, "rx", &rx, &n, &e) != RR_OK)
		return SNAP_FAIL(&in, "%s", e.msg);
	if (n > FIFO_LEN)
		return SNAP_FAIL(&in, "rx FIFO holds %zu bytes, at most %u", n,
		    FIFO_LEN);
	if (n > 0)
		memcpy(t.rbr_fifo, rx, n);
	t.rx_count = (uint32_t)n;
	if (snap_u8(&in, "ier", &t.ier, IER_MASK) != 0 ||
	    snap_u8(&in, "iir", &iir, 0xff) != 0 ||
	    snap_u8(&in, "fcr", &t.fcr, 0xff) != 0 ||
	    snap_u8(&in, "lcr", &t.lcr, 0xff) != 0 ||
	    snap_u8(&in, "mcr", &t.mcr, MCR_MASK) != 0 ||
	    snap_u8(&in, "lsr", &t.lsr, 0xff) != 0 ||
	    snap_u8(&in, "msr", &t.msr, 0xff) != 0 ||
	    snap_u8(&in, "scr", &t.scr, 0xff) != 0 ||
	    snap_u8(&in, "dll", &t.dll, 0xff) != 0 ||
	    snap_u8(&in, "dlm", &t.dlm, 0xff) != 0 ||
	    snap_u8(&in, "thr_ipending", &t.thr_ipending, 1) != 0)
		return -1;
	if (t.fcr & ~FCR_KEEP)
		return SNAP_FAIL(&in, "fcr 0x%02x has bits 0x%02x set", t.fcr,
		    t.fcr & ~FCR_KEEP);
	if (!(t.fcr & FCR_FE) && n > 1)
		return SNAP_FAIL(&in, "rx holds %zu bytes with the FIFO "
		    "disabled, at most 1", n);
	/* Registers that follow from the rest must agree with it. */
	want = t.lsr;
	update_lsr(&t);
	if (want != t.lsr || (want & ~(LSR_DR | LSR_OE | LSR_BI | LSR_THRE |
	    LSR_TEMT)))
		return SNAP_FAIL(&in, "lsr 0x%02x does not fit an rx FIFO of "
		    "%zu bytes (expected 0x%02x)", want, n, t.lsr);
	want = t.msr;
	update_msr(&t);
	if (want != t.msr)
		return SNAP_FAIL(&in, "msr 0x%02x does not fit mcr 0x%02x "
		    "(expected 0x%02x)", want, t.mcr, t.msr);
	update_iir(&t);
	if (iir != t.iir)
		return SNAP_FAIL(&in, "iir 0x%02x does not fit ier 0x%02x, "
		    "fcr 0x%02x and %zu rx bytes (expected 0x%02x)", iir,
		    t.ier, t.fcr, n, t.iir);
	*u = t;
	return 0;
}

uint64_t
uart_hash(const struct machine *m)
{
	const struct uart *u = &m->uart;
	struct hash_buf h = { .n = 0 };
	uint32_t i;

	/* The FIFO in order, not the ring: rx_head is not state. */
	hash_put32(&h, u->rx_count);
	for (i = 0; i < u->rx_count && i < FIFO_LEN; i++)
		hash_put8(&h, u->rbr_fifo[(u->rx_head + i) % FIFO_LEN]);
	hash_put8(&h, u->ier);
	hash_put8(&h, u->iir);
	hash_put8(&h, u->fcr);
	hash_put8(&h, u->lcr);
	hash_put8(&h, u->mcr);
	hash_put8(&h, u->lsr);
	hash_put8(&h, u->msr);
	hash_put8(&h, u->scr);
	hash_put8(&h, u->dll);
	hash_put8(&h, u->dlm);
	hash_put8(&h, u->thr_ipending);
	return hash_done(&h, RR_PART_UART);
}
