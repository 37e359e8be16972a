/*
 * Typed errors of the machine and the gate: what stopped a run in error,
 * where, and why.  rremu chooses its exit status from the kind alone.
 */
#ifndef EMU_ERROR_H
#define EMU_ERROR_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include "emu.h"

struct machine;

/*
 * Record an error of this kind on m (m->err), at m's icount and pc, and
 * end the current slice.  Returns -1, for `return emu_fail(...)`.
 */
int		 emu_fail(struct machine *m, int kind, uint64_t event,
		    uint64_t offset, const char *fmt, ...)
		    __attribute__((format(printf, 5, 6)));
int		 emu_vfail(struct machine *m, int kind, uint64_t event,
		    uint64_t offset, const char *fmt, va_list ap);
/*
 * A code address as messages show it: "0x80000010", then " " and its
 * name where the front end's symbolize hook finds one.  Returns buf.
 */
const char	*emu_addr_text(const struct machine *m, uint32_t addr,
		    char *buf, size_t len);
/* Clear m->err. */
void		 emu_clear(struct machine *m);

#endif /* EMU_ERROR_H */
