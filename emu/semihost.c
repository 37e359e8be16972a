/*
 * RISC-V semihosting, the machine's half (semihost.h).  Arguments are
 * read from RAM and checked here: a pointer or length that leaves RAM
 * is EFAULT, a handle not open EBADF, and an operation this machine
 * lacks is -1 with ENOSYS; a call never stops the run.  What only the
 * host knows is asked of the gate, one query a call at most.
 */
#include <stdio.h>
#include <string.h>

#include "machine.h"
#include "gate.h"
#include "semihost.h"
#include "devkit.h"
#include "../lib/rrsnap.h"

/* The sequence around the EBREAK (QEMU's trans_ebreak). */
#define INSN_PRE	0x01f01013u	/* slli x0, x0, 0x1f */
#define INSN_EBREAK	0x00100073u	/* not c.ebreak: all three are 32-bit */
#define INSN_POST	0x40705013u	/* srai x0, x0, 7 */
#define SH_PAGE		4096u		/* the three share one page */

#define ADP_APP_EXIT	0x20026u	/* ADP_Stopped_ApplicationExit */

/* ":semihosting-features": magic, then SH_EXT_EXIT_EXTENDED and
   SH_EXT_STDOUT_STDERR, as QEMU 7.2 answers. */
static const uint8_t features[] = { 'S', 'H', 'F', 'B', 0x03 };

/* Guest bytes [addr, addr + len) if all of them are RAM, else NULL. */
static uint8_t *
span(struct machine *m, uint32_t addr, uint64_t len)
{
	uint64_t off = (uint64_t)addr - m->ram_base;

	if (addr < m->ram_base || off > m->ram_size ||
	    len > m->ram_size - off)
		return NULL;
	return m->ram + off;
}

static int
rd32(struct machine *m, uint32_t addr, uint32_t *v)
{
	const uint8_t *p = span(m, addr, 4);

	if (p == NULL)
		return -1;
	*v = (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	    (uint32_t)p[3] << 24;
	return 0;
}

/* Bytes written to RAM from outside the hart. */
static void
touched(struct machine *m, uint32_t addr, uint32_t len)
{
	if (len == 0)
		return;
	machine_dirty_range(m, addr - m->ram_base, len);
	cpu_flush_cache(m);
}

static int
wr32(struct machine *m, uint32_t addr, uint32_t v)
{
	uint8_t *p = span(m, addr, 4);

	if (p == NULL)
		return -1;
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
	p[2] = (uint8_t)(v >> 16);
	p[3] = (uint8_t)(v >> 24);
	touched(m, addr, 4);
	return 0;
}

/* A parameter block of n words at a1. */
static int
args(struct machine *m, uint32_t a1, uint32_t *w, int n)
{
	int i;

	for (i = 0; i < n; i++)
		if (rd32(m, a1 + 4 * (uint32_t)i, &w[i]) != 0)
			return -1;
	return 0;
}

/* The handle h names, or NULL. */
static struct sh_handle *
handle(struct semihost *sh, uint32_t h)
{
	if (h < 1 || h > SH_FILES || sh->h[h - 1].kind == SH_FREE)
		return NULL;
	return &sh->h[h - 1];
}

static void
console_out(struct machine *m, const uint8_t *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		gate_output(m, RR_DEV_SEMIHOST, p[i]);
}

/* -1 with errno e, the result of a failed call. */
static int64_t
fail(struct semihost *sh, uint32_t e)
{
	sh->err = e;
	return -1;
}

static int64_t
sh_open(struct machine *m, uint32_t a1, int *again)
{
	struct semihost *sh = &m->sh;
	struct sh_query q;
	char path[SH_PATH_MAX];
	const uint8_t *p;
	uint32_t w[3], i, kind;

	if (args(m, a1, w, 3) != 0)
		return fail(sh, SH_EFAULT);
	if (w[2] >= SH_PATH_MAX)
		return fail(sh, SH_ENAMETOOLONG);
	if ((p = span(m, w[0], w[2])) == NULL)
		return fail(sh, SH_EFAULT);
	if (w[1] > 11 || memchr(p, 0, w[2]) != NULL)
		return fail(sh, SH_EINVAL);
	memcpy(path, p, w[2]);
	path[w[2]] = '\0';
	/* Modes 0-3 read, 4-7 write, 8-11 append ("r", "w", "a"). */
	if (strcmp(path, ":tt") == 0)
		kind = w[1] < 4 ? SH_TT_IN : SH_TT_OUT;
	else if (w[1] > 1)
		return fail(sh, SH_EACCES);	/* files are read-only */
	else if (strcmp(path, ":semihosting-features") == 0)
		kind = SH_FEATURES;
	else
		kind = SH_FILE;
	for (i = 0; i < SH_FILES && sh->h[i].kind != SH_FREE; i++)
		;
	if (i == SH_FILES)
		return fail(sh, SH_EMFILE);
	if (kind == SH_FILE) {
		memset(&q, 0, sizeof(q));
		q.op = SH_OPEN;
		q.path = path;
		if (gate_semihost(m, &q) != 0) {
			*again = 1;
			return 0;
		}
		if (q.result < 0)
			return fail(sh, q.err);
	}
	memset(&sh->h[i], 0, sizeof(sh->h[i]));
	sh->h[i].kind = kind;
	if (kind == SH_FILE)
		memcpy(sh->h[i].path, path, sizeof(path));
	return i + 1;
}

static int64_t
sh_write(struct machine *m, uint32_t a1)
{
	struct semihost *sh = &m->sh;
	struct sh_handle *f;
	const uint8_t *p;
	uint32_t w[3];

	if (args(m, a1, w, 3) != 0)
		return fail(sh, SH_EFAULT);
	if ((f = handle(sh, w[0])) == NULL || (f->kind != SH_TT_OUT &&
	    f->kind != SH_TT_IN))
		return fail(sh, SH_EBADF);
	if ((p = span(m, w[1], w[2])) == NULL)
		return fail(sh, SH_EFAULT);
	console_out(m, p, w[2]);
	return 0;	/* bytes not written */
}

static int64_t
sh_read(struct machine *m, uint32_t a1, int *again)
{
	struct semihost *sh = &m->sh;
	uint8_t buf[SH_READ_MAX];
	struct sh_handle *f;
	struct sh_query q;
	uint32_t w[3], n;
	uint8_t *p;

	if (args(m, a1, w, 3) != 0)
		return fail(sh, SH_EFAULT);
	if ((f = handle(sh, w[0])) == NULL)
		return fail(sh, SH_EBADF);
	if ((p = span(m, w[1], w[2])) == NULL)
		return fail(sh, SH_EFAULT);
	n = w[2] < SH_READ_MAX ? w[2] : SH_READ_MAX;
	if (n == 0)
		return 0;
	if (f->kind == SH_FEATURES) {
		n = f->pos >= sizeof(features) ? 0 :
		    (uint32_t)sizeof(features) - f->pos < n ?
		    (uint32_t)sizeof(features) - f->pos : n;
		memcpy(p, features + (f->pos < sizeof(features) ? f->pos :
		    0), n);
		touched(m, w[1], n);
		f->pos += n;
		return w[2] - n;
	}
	memset(&q, 0, sizeof(q));
	q.op = SH_READ;
	q.path = f->kind == SH_FILE ? f->path : NULL;
	q.pos = f->pos;
	q.want = n;
	q.data = buf;
	if (gate_semihost(m, &q) != 0) {
		*again = 1;
		return 0;
	}
	if (q.result < 0)
		return fail(sh, q.err);
	memcpy(p, buf, q.len);
	touched(m, w[1], (uint32_t)q.len);
	if (f->kind == SH_FILE)
		f->pos += (uint32_t)q.len;
	return w[2] - q.len;	/* bytes not read */
}

/* A query with no arguments but the operation: its result. */
static int64_t
ask(struct machine *m, uint32_t op, int *again)
{
	struct sh_query q;

	memset(&q, 0, sizeof(q));
	q.op = op;
	if (gate_semihost(m, &q) != 0) {
		*again = 1;
		return 0;
	}
	if (q.result < 0)
		return fail(&m->sh, q.err);
	return q.result;
}

static int64_t
sh_readc(struct machine *m, int *again)
{
	struct sh_query q;
	uint8_t c;

	memset(&q, 0, sizeof(q));
	q.op = SH_READC;
	q.want = 1;
	q.data = &c;
	if (gate_semihost(m, &q) != 0) {
		*again = 1;
		return 0;
	}
	/* No byte: the input has ended (EOF, -1). */
	return q.len == 1 ? c : -1;
}

static int64_t
sh_flen(struct machine *m, uint32_t a1, int *again)
{
	struct semihost *sh = &m->sh;
	struct sh_handle *f;
	struct sh_query q;
	uint32_t h;

	if (rd32(m, a1, &h) != 0)
		return fail(sh, SH_EFAULT);
	if ((f = handle(sh, h)) == NULL || f->kind == SH_TT_IN ||
	    f->kind == SH_TT_OUT)
		return fail(sh, SH_EBADF);
	if (f->kind == SH_FEATURES)
		return sizeof(features);
	memset(&q, 0, sizeof(q));
	q.op = SH_FLEN;
	q.path = f->path;
	if (gate_semihost(m, &q) != 0) {
		*again = 1;
		return 0;
	}
	return q.result < 0 ? fail(sh, q.err) : q.result;
}

static int64_t
sh_cmdline(struct machine *m, uint32_t a1, int *again)
{
	struct semihost *sh = &m->sh;
	uint8_t buf[SH_CMDLINE_MAX];
	struct sh_query q;
	uint32_t w[2];
	uint8_t *p;

	if (args(m, a1, w, 2) != 0 || span(m, w[0], w[1]) == NULL)
		return fail(sh, SH_EFAULT);
	memset(&q, 0, sizeof(q));
	q.op = SH_GET_CMDLINE;
	q.want = sizeof(buf) - 1;
	q.data = buf;
	if (gate_semihost(m, &q) != 0) {
		*again = 1;
		return 0;
	}
	if (q.result < 0)
		return fail(sh, q.err);
	if (q.len + 1 > w[1])
		return fail(sh, SH_E2BIG);	/* as QEMU */
	p = span(m, w[0], q.len + 1);
	memcpy(p, buf, q.len);
	p[q.len] = '\0';
	touched(m, w[0], (uint32_t)q.len + 1);
	(void)wr32(m, a1 + 4, (uint32_t)q.len);
	return 0;
}

/*
 * As QEMU 7.2 answers on virt: the heap is the RAM between the end of
 * the image and the device tree, and the stack the same RAM from the
 * top down.
 */
static int64_t
sh_heapinfo(struct machine *m, uint32_t a1)
{
	uint32_t blk, v[4], i;

	v[0] = m->sh.heap_lo;
	v[1] = m->sh.heap_hi;
	v[2] = m->sh.heap_hi;
	v[3] = m->sh.heap_lo;
	if (rd32(m, a1, &blk) != 0 || span(m, blk, 16) == NULL)
		return fail(&m->sh, SH_EFAULT);
	for (i = 0; i < 4; i++)
		(void)wr32(m, blk + 4 * i, v[i]);
	return 0;
}

static int64_t
sh_elapsed(struct machine *m, uint32_t a1, int *again)
{
	int64_t t;

	if (span(m, a1, 8) == NULL)
		return fail(&m->sh, SH_EFAULT);
	t = ask(m, SH_ELAPSED, again);
	if (*again || t < 0)
		return t;
	(void)wr32(m, a1, (uint32_t)t);
	(void)wr32(m, a1 + 4, (uint32_t)((uint64_t)t >> 32));
	return 0;
}

static void
sh_exit(struct machine *m, uint32_t reason, uint32_t code)
{
	/* What the host sees of QEMU's exit(code): its low 8 bits. */
	m->exit_code = reason == ADP_APP_EXIT ? (int)(code & 0xff) : 1;
	m->exited = 1;
	m->brk = 1;
}

/* Answer operation op with argument a1: the new a0. */
static int64_t
dispatch(struct machine *m, uint32_t op, uint32_t a1, int *again)
{
	struct semihost *sh = &m->sh;
	struct sh_handle *f;
	const uint8_t *p, *e;
	uint32_t w[2];

	switch (op) {
	case SH_OPEN:
		return sh_open(m, a1, again);
	case SH_CLOSE:
		if (rd32(m, a1, &w[0]) != 0)
			return fail(sh, SH_EFAULT);
		if ((f = handle(sh, w[0])) == NULL)
			return fail(sh, SH_EBADF);
		memset(f, 0, sizeof(*f));
		return 0;
	case SH_WRITEC:
		if ((p = span(m, a1, 1)) == NULL)
			return fail(sh, SH_EFAULT);
		console_out(m, p, 1);
		return a1;	/* a0 is left as it was */
	case SH_WRITE0:
		if ((p = span(m, a1, 1)) == NULL)
			return fail(sh, SH_EFAULT);
		/* Up to the NUL, or the end of RAM. */
		e = memchr(p, 0, m->ram_size - (a1 - m->ram_base));
		console_out(m, p, e != NULL ? (size_t)(e - p) :
		    m->ram_size - (a1 - m->ram_base));
		return a1;
	case SH_WRITE:
		return sh_write(m, a1);
	case SH_READ:
		return sh_read(m, a1, again);
	case SH_READC:
		return sh_readc(m, again);
	case SH_ISTTY:
		if (rd32(m, a1, &w[0]) != 0)
			return fail(sh, SH_EFAULT);
		if ((f = handle(sh, w[0])) == NULL)
			return fail(sh, SH_EBADF);
		return f->kind == SH_TT_IN || f->kind == SH_TT_OUT;
	case SH_SEEK:
		if (args(m, a1, w, 2) != 0)
			return fail(sh, SH_EFAULT);
		if ((f = handle(sh, w[0])) == NULL)
			return fail(sh, SH_EBADF);
		if (f->kind != SH_FILE && f->kind != SH_FEATURES)
			return fail(sh, SH_ESPIPE);
		if (w[1] > INT32_MAX)
			return fail(sh, SH_EINVAL);
		f->pos = w[1];
		return 0;
	case SH_FLEN:
		return sh_flen(m, a1, again);
	case SH_CLOCK:
	case SH_TIME:
		return ask(m, op, again);
	case SH_ELAPSED:
		return sh_elapsed(m, a1, again);
	case SH_TICKFREQ:
		return SH_TICKFREQ_HZ;
	case SH_ERRNO:
		return sh->err;
	case SH_GET_CMDLINE:
		return sh_cmdline(m, a1, again);
	case SH_HEAPINFO:
		return sh_heapinfo(m, a1);
	case SH_EXIT:
		sh_exit(m, a1, 0);
		return 0;
	case SH_EXIT_EXTENDED:
		if (args(m, a1, w, 2) != 0)
			return fail(sh, SH_EFAULT);
		sh_exit(m, w[0], w[1]);
		return 0;
	default:
		return fail(sh, SH_ENOSYS);
	}
}

int
semihost_call(struct machine *m, uint32_t *x)
{
	uint32_t pc = m->cpu.pc, pre, post, insn;
	int64_t r;
	int again = 0;

	/* As QEMU: any halfword boundary, the three in one page. */
	if (!m->sh.on || (pc & 1) != 0 || pc < m->ram_base + 4 ||
	    ((pc - 4) & ~(SH_PAGE - 1)) != ((pc + 4) & ~(SH_PAGE - 1)) ||
	    rd32(m, pc - 4, &pre) != 0 || rd32(m, pc + 4, &post) != 0 ||
	    rd32(m, pc, &insn) != 0 || pre != INSN_PRE ||
	    insn != INSN_EBREAK || post != INSN_POST)
		return SH_NOT;
	r = dispatch(m, x[10], x[11], &again);
	if (again)
		return SH_AGAIN;
	x[10] = (uint32_t)r;
	return SH_DONE;
}

void
semihost_reset(struct semihost *sh)
{
	uint32_t on = sh->on, lo = sh->heap_lo, hi = sh->heap_hi;

	memset(sh, 0, sizeof(*sh));
	sh->on = on;
	sh->heap_lo = lo;
	sh->heap_hi = hi;
}

/* ---- snapshot section "semihost" ---- */

int
semihost_save(const struct semihost *sh, struct rr_snap *s)
{
	uint32_t kind[SH_FILES], pos[SH_FILES], i;
	char name[16];

	for (i = 0; i < SH_FILES; i++) {
		kind[i] = sh->h[i].kind;
		pos[i] = sh->h[i].pos;
	}
	if (rr_snap_put_u64(s, "errno", sh->err) != RR_OK ||
	    rr_snap_put_u64(s, "heap_lo", sh->heap_lo) != RR_OK ||
	    rr_snap_put_u64(s, "heap_hi", sh->heap_hi) != RR_OK ||
	    rr_snap_put_u32s(s, "kind", kind, SH_FILES) != RR_OK ||
	    rr_snap_put_u32s(s, "pos", pos, SH_FILES) != RR_OK)
		return -1;
	for (i = 0; i < SH_FILES; i++) {
		if (sh->h[i].kind != SH_FILE)
			continue;
		snprintf(name, sizeof(name), "path%u", i + 1);
		if (rr_snap_put_string(s, name, sh->h[i].path) != RR_OK)
			return -1;
	}
	return 0;
}

int
semihost_load(struct semihost *sh, const struct rr_snap *s, size_t sec,
    char *err, size_t errlen)
{
	const struct snap_in in = { s, sec, "semihost", err, errlen };
	uint32_t kind[SH_FILES], pos[SH_FILES], e, i;
	struct semihost t;
	struct rr_error re;
	char name[16];

	memset(&t, 0, sizeof(t));
	t.on = 1;
	if (snap_u32(&in, "errno", &e, UINT32_MAX) != 0 ||
	    snap_u32(&in, "heap_lo", &t.heap_lo, UINT32_MAX) != 0 ||
	    snap_u32(&in, "heap_hi", &t.heap_hi, UINT32_MAX) != 0)
		return -1;
	t.err = e;
	if (rr_snap_get_u32s(s, sec, "kind", kind, SH_FILES, &re) != RR_OK ||
	    rr_snap_get_u32s(s, sec, "pos", pos, SH_FILES, &re) != RR_OK)
		return SNAP_FAIL(&in, "%s", re.msg);
	for (i = 0; i < SH_FILES; i++) {
		if (kind[i] > SH_FILE)
			return SNAP_FAIL(&in, "handle %u of kind %u", i + 1,
			    kind[i]);
		t.h[i].kind = kind[i];
		t.h[i].pos = pos[i];
		if (kind[i] != SH_FILE)
			continue;
		snprintf(name, sizeof(name), "path%u", i + 1);
		if (rr_snap_get_string(s, sec, name, t.h[i].path,
		    sizeof(t.h[i].path), &re) != RR_OK)
			return SNAP_FAIL(&in, "%s", re.msg);
	}
	*sh = t;
	return 0;
}
