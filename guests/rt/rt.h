/* Freestanding runtime for rr guests: devices of the virt board, I/O, traps. */
#ifndef RT_H
#define RT_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

/* Memory map: a subset of QEMU's riscv virt board. */
#define RT_FINISHER	0x00100000u
#define RT_RTC		0x00101000u
#define RT_CLINT	0x02000000u
#define RT_PLIC		0x0c000000u
#define RT_UART		0x10000000u
#define RT_UART_IRQ	10u		/* PLIC source of the UART */
#define RT_MTIME_HZ	10000000u	/* CLINT mtime frequency */

/* The exit code of an unexpected trap (guests use small ones). */
#define RT_EXIT_TRAP	100

/* Seed CSR OPST states, bits 31:30. */
#define SEED_BIST	0u
#define SEED_WAIT	1u
#define SEED_ES16	2u
#define SEED_DEAD	3u

#define MMIO32(a)	(*(volatile uint32_t *)(uintptr_t)(a))
#define MMIO8(a)	(*(volatile uint8_t *)(uintptr_t)(a))

/* ---- sys.c ---- */
__attribute__((noreturn)) void exit(int);
uint64_t	 rtc_ns(void);
uint32_t	 seed_read(void);
/* 16 bits of entropy; *tries (if not NULL) counts reads until ES16. */
uint32_t	 entropy16(uint32_t *tries);
uint64_t	 mtime(void);
void		 wfi(void);
/*
 * Wait for interrupts without a lost wakeup: with interrupts off, test
 * the condition, then call this; it sleeps in WFI, lets pending
 * interrupts run, and returns with interrupts off again.
 *	irq_off(); while (!done) sleep_irq(); irq_on();
 */
void		 sleep_irq(void);
/* Global machine interrupt enable (mstatus.MIE); irq_off returns old. */
int		 irq_off(void);
void		 irq_on(void);
void		 irq_restore(int);
void		*memset(void *, int, size_t);
void		*memcpy(void *, const void *, size_t);
size_t		 strlen(const char *);
int		 strcmp(const char *, const char *);

/* ---- uart.c ---- */
void		 uart_init(void);
int		 putchar(int);
int		 puts(const char *);		/* adds a newline, like stdio */
void		 putstr(const char *);		/* no newline */
/* Polled receive: -1 if no byte is waiting. */
int		 uart_poll(void);
/* Switch receive to the interrupt path: PLIC, IER, MEIE, MIE. */
void		 uart_rx_irq_enable(void);
/*
 * Hold at most n bytes in the receive ring (0: all 4096); a smaller
 * limit makes the UART and the host hold input back sooner.
 */
void		 uart_rx_set_limit(uint32_t n);
/* Interrupt path: next byte, or -1 if the ring is empty. */
int		 uart_rx_take(void);
/* Interrupt path: next byte, sleeping in WFI until one arrives. */
int		 getchar(void);
/* Polled receive, waiting for a byte. */
int		 uart_getc_polled(void);
/*
 * Read a line through the interrupt path into buf (size >= 1): line end
 * removed, NUL-terminated, the rest of an overlong line dropped.  CR,
 * LF and CR LF each end a line.  echo: echo what is typed and handle
 * backspace, for a terminal.  Returns the length, or -1 at the end
 * marker (^D, 0x04) with nothing before it on the line.
 */
int		 uart_getline(char *buf, size_t size, int echo);
/* Called by the trap handler when the PLIC reports the UART. */
void		 uart_isr(void);
/* Times a full ring masked the receive interrupt (input held back). */
extern volatile uint32_t uart_rx_stalls;
/* Bytes uart_getline dropped because a line outgrew the buffer. */
extern uint32_t	 uart_line_dropped;

/* ---- printf.c ---- */
int		 printf(const char *, ...)
		    __attribute__((format(printf, 1, 2)));
int		 vprintf(const char *, va_list);

/* ---- time.c ---- */
/* Print ns since the epoch as "YYYY-MM-DD hh:mm:ss.nnnnnnnnn UTC". */
void		 print_utc(uint64_t ns);

/* ---- trap.c ---- */
typedef void	 timer_fn(uint64_t now);
/*
 * One-shot timer: at mtime >= when, the trap handler disarms the timer
 * and calls fn(mtime), which may arm it again.  Enables mie.MTIE and
 * mstatus.MIE (from a callback, the handler's mret enables MIE).
 */
void		 timer_arm(uint64_t when, timer_fn *fn);
void		 timer_disarm(void);
/*
 * Called for an exception before the runtime reports it and exits with
 * RT_EXIT_TRAP; a hook that returns leaves that to the runtime.
 */
typedef void	 exception_fn(uint32_t mcause, uint32_t mepc, uint32_t mtval);
extern exception_fn *rt_exception_hook;
/* Interrupts taken so far, by kind. */
extern volatile uint32_t rt_timer_irqs, rt_ext_irqs;

#endif /* RT_H */
