/*
 * Typed errors of the machine and the gate: what stopped a run in error,
 * where, and why.  rremu chooses its exit status from the kind alone.
 */
#ifndef EMU_ERROR_H
#define EMU_ERROR_H

#include <stdarg.h>
#include <stdint.h>

enum emu_err_kind {
	EMU_E_NONE = 0,
	EMU_E_MACHINE,		/* the machine cannot go on: its setup, a
				   snapshot or bottom half it cannot use */
	EMU_E_LOG,		/* the log cannot be read or written */
	EMU_E_DIVERGED,		/* replay parted from the recording */
	EMU_E_STUCK		/* the guest can make no progress: a trap
				   that leads only to itself (emu/cpu.c) */
};

struct emu_error {
	int		 kind;		/* EMU_E_* */
	uint64_t	 icount;	/* when it happened */
	uint32_t	 pc;
	uint64_t	 event;		/* log event concerned, or RR_NO_EVENT */
	uint64_t	 offset;	/* byte offset in the log, or
					   RR_NO_OFFSET */
	char		 msg[256];	/* what, without the position */
};

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
/* Clear m->err. */
void		 emu_clear(struct machine *m);

#endif /* EMU_ERROR_H */
