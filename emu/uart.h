/* The 16550A UART: state, registers, snapshot section "uart", hash part. */
#ifndef EMU_UART_H
#define EMU_UART_H

#include <stddef.h>
#include <stdint.h>

#define UART_BASE	0x10000000u
#define UART_SIZE	0x8u		/* 8 registers, shift 0 */
#define UART_IRQ	10u		/* PLIC source, as on virt */

struct machine;
struct rr_snap;

struct uart {
	uint8_t		 rbr_fifo[16];	/* received bytes */
	uint32_t	 rx_head, rx_count;
	uint8_t		 ier, iir, fcr, lcr, mcr, lsr, msr, scr;
	uint8_t		 dll, dlm;
	uint8_t		 thr_ipending;	/* THR-empty interrupt latched */
};

/* One register per access whatever its width, as on virt; off is 0..7. */
int		 uart_read(struct machine *m, uint32_t off, uint32_t *val);
int		 uart_write(struct machine *m, uint32_t off, uint32_t val);
void		 uart_reset(struct uart *u);
int		 uart_save(const struct uart *u, struct rr_snap *s);
int		 uart_load(struct uart *u, const struct rr_snap *s,
		    size_t sec, char *err, size_t errlen);
uint64_t	 uart_hash(const struct machine *m);

/* The interrupt line, and the receiver as bottom halves feed it. */
int		 uart_irq(const struct uart *u);
size_t		 uart_rx_room(const struct uart *u);
void		 uart_rx_push(struct uart *u, const uint8_t *p, size_t n);
/* The same as the device table's hooks (emu/devices.h). */
int		 uart_irq_line(const struct machine *m);
size_t		 uart_input_room(const struct machine *m);
int		 uart_bh(struct machine *m, uint32_t kind, const uint8_t *data,
		    size_t len);

#endif /* EMU_UART_H */
