/* 16550 UART: polled output and input, an interrupt-driven receive ring. */
#include "rt.h"

#define UART_RBR	0u		/* read: receive buffer */
#define UART_THR	0u		/* write: transmit holding */
#define UART_IER	1u
#define UART_LCR	3u
#define UART_MCR	4u
#define UART_LSR	5u

#define IER_ERBFI	0x01u		/* received data available */
#define LCR_8N1		0x03u
#define MCR_DTR_RTS_OUT2 0x0bu		/* OUT2 gates the IRQ on a PC 16550 */
#define LSR_DR		0x01u
#define LSR_THRE	0x20u

#define PLIC_PRIORITY(id)	(RT_PLIC + 4u * (id))
#define PLIC_ENABLE0		(RT_PLIC + 0x2000u)
#define PLIC_THRESHOLD0		(RT_PLIC + 0x200000u)

#define MIE_MEIE	(1u << 11)

#define REG(r)		MMIO8(RT_UART + (r))

/*
 * Receive ring, filled by uart_isr, emptied by uart_rx_take.  Indices
 * run freely and are masked on use.  When the ring is full the handler
 * stops reading and masks the receive interrupt: bytes wait in the UART
 * (and the host waits for room) instead of being lost.
 */
#define RING_SIZE	4096u		/* power of two */
static volatile uint8_t	 ring[RING_SIZE];
static uint32_t		 ring_limit = RING_SIZE;
static volatile uint32_t ring_head, ring_tail;
static volatile int	 rx_throttled;
static int		 rx_irq_on;
static int		 line_eof;

uint32_t		 uart_line_dropped;
volatile uint32_t	 uart_rx_stalls;

void
uart_init(void)
{
	REG(UART_IER) = 0;
	REG(UART_LCR) = LCR_8N1;
	/*
	 * FCR is left as reset made it.  Input may already be waiting
	 * (QEMU reads a pipe before the first instruction runs), and
	 * changing the FIFO enable bit flushes the receiver: those bytes
	 * would be lost.  The handler drains whatever the mode holds.
	 */
	REG(UART_MCR) = MCR_DTR_RTS_OUT2;
}

int
putchar(int c)
{
	while ((REG(UART_LSR) & LSR_THRE) == 0)
		;
	REG(UART_THR) = (uint8_t)c;
	return (uint8_t)c;
}

void
putstr(const char *s)
{
	while (*s != '\0')
		putchar(*s++);
}

int
puts(const char *s)
{
	putstr(s);
	putchar('\n');
	return 0;
}

int
uart_poll(void)
{
	if ((REG(UART_LSR) & LSR_DR) == 0)
		return -1;
	return REG(UART_RBR);
}

int
uart_getc_polled(void)
{
	int c;

	while ((c = uart_poll()) < 0)
		;
	return c;
}

void
uart_rx_irq_enable(void)
{
	uint32_t mie = MIE_MEIE;

	if (rx_irq_on)
		return;
	rx_irq_on = 1;
	MMIO32(PLIC_PRIORITY(RT_UART_IRQ)) = 1;
	MMIO32(PLIC_THRESHOLD0) = 0;
	MMIO32(PLIC_ENABLE0) |= 1u << RT_UART_IRQ;
	REG(UART_IER) = IER_ERBFI;
	__asm__ volatile ("csrs mie, %0" :: "r"(mie) : "memory");
	irq_on();
}

void
uart_isr(void)
{
	/* Drain everything: the FIFO is small and the host may be fast. */
	while ((REG(UART_LSR) & LSR_DR) != 0) {
		if (ring_head - ring_tail >= ring_limit) {
			rx_throttled = 1;
			uart_rx_stalls++;
			REG(UART_IER) = 0;
			return;
		}
		ring[ring_head % RING_SIZE] = REG(UART_RBR);
		ring_head++;
	}
}

void
uart_rx_set_limit(uint32_t n)
{
	int on;

	on = irq_off();
	ring_limit = n == 0 || n > RING_SIZE ? RING_SIZE : n;
	irq_restore(on);
}

int
uart_rx_take(void)
{
	int c = -1, on;

	on = irq_off();
	if (ring_tail != ring_head) {
		c = ring[ring_tail % RING_SIZE];
		ring_tail++;
		if (rx_throttled) {
			rx_throttled = 0;
			REG(UART_IER) = IER_ERBFI;
		}
	}
	irq_restore(on);
	return c;
}

int
getchar(void)
{
	int c;

	uart_rx_irq_enable();
	for (;;) {
		/*
		 * Check and sleep with interrupts off: a byte arriving
		 * in between still ends the WFI (it wakes on mip & mie
		 * whatever mstatus.MIE says) and is taken at irq_on.
		 */
		irq_off();
		if ((c = uart_rx_take()) >= 0) {
			irq_on();
			return c;
		}
		wfi();
		irq_on();
	}
}

int
uart_getline(char *buf, size_t size, int echo)
{
	static int last_cr;
	size_t len = 0;
	int c;

	if (line_eof)
		return -1;
	for (;;) {
		c = getchar();
		if (c == '\n' && last_cr) {
			/* The LF of a CR LF pair: the CR ended the line. */
			last_cr = 0;
			continue;
		}
		last_cr = c == '\r';
		if (c == '\r' || c == '\n')
			break;
		if (c == 0x04) {
			line_eof = 1;
			if (len == 0)
				return -1;
			break;
		}
		if (c == 0x7f || c == 0x08) {
			if (len > 0) {
				len--;
				if (echo)
					putstr("\b \b");
			}
			continue;
		}
		if (len + 1 < size) {
			buf[len++] = (char)c;
			if (echo)
				putchar(c);
		} else
			uart_line_dropped++;
	}
	if (echo)
		putchar('\n');
	buf[len] = '\0';
	return (int)len;
}
