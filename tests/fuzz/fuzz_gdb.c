/* Fuzz target: the gdb remote protocol (emu/gdb.c), bytes from a client. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../emu/gdb.h"

int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/*
 * Seeds in corpus/fuzz_gdb/: session (what gdb sends on connecting,
 * then breakpoints, resumes both ways, monitor, detach), badsum,
 * toolong (a packet over GDB_PACKET_MAX), binary (X with escapes),
 * noack (QStartNoAckMode, then packets without acks), garbage.
 */

static uint8_t mem[4096];
static uint32_t regs[33];
static size_t sent;

static int
t_read_reg(void *t, int regno, uint32_t *v)
{
	(void)t;
	if (regno < 0 || regno > 32)
		return -1;
	*v = regs[regno];
	return 0;
}

static int
t_write_reg(void *t, int regno, uint32_t v, char *err, size_t errlen)
{
	(void)t;
	if (regno < 0 || regno > 32) {
		snprintf(err, errlen, "no such register");
		return -1;
	}
	regs[regno] = v;
	return 0;
}

static int
t_read_mem(void *t, uint32_t addr, uint8_t *buf, size_t len)
{
	(void)t;
	if (addr > sizeof(mem) || len > sizeof(mem) - addr)
		return -1;
	memcpy(buf, mem + addr, len);
	return 0;
}

static int
t_write_mem(void *t, uint32_t addr, const uint8_t *buf, size_t len,
    char *err, size_t errlen)
{
	(void)t;
	if (addr > sizeof(mem) || len > sizeof(mem) - addr) {
		snprintf(err, errlen, "not memory");
		return -1;
	}
	memcpy(mem + addr, buf, len);
	return 0;
}

static int
t_breakpoint(void *t, int kind, uint32_t addr, uint32_t len, int insert)
{
	(void)t;
	(void)addr;
	(void)len;
	(void)insert;
	return kind > 4 ? -1 : 0;
}

static int
t_resume(void *t, int action, struct gdb_stop *st)
{
	(void)t;
	memset(st, 0, sizeof(*st));
	st->kind = action % 6;
	st->pc = regs[32];
	st->wp_kind = GDB_WP_WRITE + action % 3;
	if (action == GDB_RCONT)
		snprintf(st->text, sizeof(st->text), "stopped $#}*");
	return 0;
}

static int
t_monitor(void *t, const char *cmd, char *out, size_t len)
{
	(void)t;
	snprintf(out, len, "%s\n", cmd);
	return 0;
}

static const struct gdb_ops ops = {
	t_read_reg, t_write_reg, t_read_mem, t_write_mem, t_breakpoint,
	t_resume, t_monitor
};

/* Every frame the stub sends must be well formed. */
static int
io_write(void *io, const void *p, size_t n)
{
	const uint8_t *b = p;
	uint8_t sum = 0;
	size_t i;

	(void)io;
	if (n > 2 * GDB_PACKET_MAX + 8)
		abort();
	if (n == 1 && (b[0] == '+' || b[0] == '-'))
		return 0;
	if (n < 4 || b[0] != '$' || b[n - 3] != '#')
		abort();
	for (i = 1; i < n - 3; i++) {
		if (b[i] == '$' || b[i] == '#')
			abort();
		sum = (uint8_t)(sum + b[i]);
	}
	if (gdb_hexval(b[n - 2]) != sum >> 4 ||
	    gdb_hexval(b[n - 1]) != (sum & 15))
		abort();
	sent += n;
	return 0;
}

static int
io_poll(void *io)
{
	(void)io;
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct gdb_session s;

	memset(mem, 0x5a, sizeof(mem));
	memset(regs, 0, sizeof(regs));
	gdb_session_init(&s, &ops, NULL, size > 0 && (data[0] & 1));
	s.write = io_write;
	s.poll_break = io_poll;
	/* D and k end a session: go on with a fresh one, as a new client. */
	while (size > 0) {
		(void)gdb_session_feed(&s, data, 1);
		data++;
		size--;
		if (s.event != GDB_EV_NONE)
			s.event = GDB_EV_NONE;
	}
	return 0;
}
