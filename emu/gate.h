/*
 * The record/replay gate: the one door through which non-determinism
 * enters the machine.  Devices never call a host clock, random source or
 * file descriptor themselves; they call these.  With m->gate == NULL the
 * gate is a plain run with no input: host clock, host entropy, output to
 * stdout.
 */
#ifndef EMU_GATE_H
#define EMU_GATE_H

#include <stdint.h>

struct machine;

/* Host clock value for the RTC (ns since the epoch). */
uint64_t	 gate_clock(struct machine *m);
/* Value of the Zkr seed CSR (OPST in bits 31:30, entropy in 15:0). */
uint32_t	 gate_entropy(struct machine *m);
/* One byte of guest output from device dev. */
void		 gate_output(struct machine *m, uint32_t dev, uint8_t c);
/* The next icount at which the gate needs control (UINT64_MAX: none). */
uint64_t	 gate_due(struct machine *m);
/*
 * Service the gate at the current icount: checkpoints, keyframes and
 * bottom halves due now.  idle: the hart waits in WFI with no timer
 * deadline, so the gate may block for host input.  Returns 0, or -1 on
 * error or divergence (m->error says why, m->brk set).
 */
int		 gate_service(struct machine *m, int idle);

#endif /* EMU_GATE_H */
