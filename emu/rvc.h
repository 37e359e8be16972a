/* RV32C: a 16-bit instruction as the 32-bit instruction it stands for. */
#ifndef EMU_RVC_H
#define EMU_RVC_H

#include <stdint.h>

/* Bytes in the instruction whose low half is h: 2 or 4. */
#define RVC_LEN(h)	(((h) & 3) == 3 ? 4 : 2)

/*
 * The 32-bit instruction the compressed instruction h expands to, or 0
 * (an illegal word) for a reserved encoding or one that needs an
 * extension this machine lacks (C.FLW, C.FLD and the other
 * floating-point forms; shifts by 32 or more).  HINTs expand to their
 * base instruction, which writes x0.
 */
uint32_t	 rvc_expand(uint32_t h);

#endif /* EMU_RVC_H */
