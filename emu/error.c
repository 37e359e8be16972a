/* Typed errors of the machine and the gate (emu/error.h). */
#include <stdio.h>
#include <string.h>

#include "machine.h"

int
emu_vfail(struct machine *m, int kind, uint64_t event, uint64_t offset,
    const char *fmt, va_list ap)
{
	struct emu_error *e = &m->err;

	e->kind = kind;
	e->lib_kind = 0;
	e->icount = m->icount;
	e->pc = m->cpu.pc;
	e->event = event;
	e->offset = offset;
	vsnprintf(e->msg, sizeof(e->msg), fmt, ap);
	m->brk = 1;
	return -1;
}

int
emu_fail(struct machine *m, int kind, uint64_t event, uint64_t offset,
    const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	emu_vfail(m, kind, event, offset, fmt, ap);
	va_end(ap);
	return -1;
}

const char *
emu_addr_text(const struct machine *m, uint32_t addr, char *buf,
    size_t len)
{
	const struct emu_hooks *h = m->hooks;
	int n;

	n = snprintf(buf, len, "0x%08x", addr);
	if (h != NULL && h->symbolize != NULL && n > 0 &&
	    (size_t)n + 1 < len) {
		buf[n] = ' ';
		if (h->symbolize(h->sym_arg, addr, buf + n + 1,
		    len - (size_t)n - 1) != 0 || buf[n + 1] == '\0')
			buf[n] = '\0';
	}
	return buf;
}

void
emu_clear(struct machine *m)
{
	memset(&m->err, 0, sizeof(m->err));
	m->err.event = RR_NO_EVENT;
	m->err.offset = RR_NO_OFFSET;
}
