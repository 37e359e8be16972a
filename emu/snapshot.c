/* Machine snapshots: one rrsnap section per component, loaded by name. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "machine.h"
#include "devices.h"
#include "devkit.h"
#include "dtb.h"
#include "../lib/rrsnap.h"

/*
 * Section names.  Sections are saved in the order cpu, time, ram, the
 * devices in table order (devices.c), machine; loading looks each one up
 * by name, so any order works, and sections this version does not know
 * are ignored.
 */
#define SEC_CPU		"cpu"
#define SEC_TIME	"time"
#define SEC_RAM		"ram"
#define SEC_MACHINE	"machine"
#define SEC_SEMIHOST	"semihost"

#define SHIFT_MAX	32u

/* CPU CSRs other than x[], by field name, in save order. */
struct csr_field {
	const char	*name;
	size_t		 off;
	uint32_t	 max;
};

#define CSR(f, max)	{ #f, offsetof(struct cpu, f), max }
static const struct csr_field csr_fields[] = {
	CSR(pc, UINT32_MAX),
	CSR(mstatus, UINT32_MAX),
	CSR(mie, UINT32_MAX),
	CSR(mip, UINT32_MAX),
	CSR(mtvec, UINT32_MAX),
	CSR(mscratch, UINT32_MAX),
	CSR(mepc, UINT32_MAX),
	CSR(mcause, UINT32_MAX),
	CSR(mtval, UINT32_MAX),
	CSR(mcountinhibit, UINT32_MAX),
	CSR(wfi, 1),
	CSR(resv_valid, 1),
	CSR(resv_addr, UINT32_MAX),
	CSR(resv_val, UINT32_MAX)
};
#undef CSR
#define NCSR	(sizeof(csr_fields) / sizeof(csr_fields[0]))

/*
 * The privilege state (emu/priv.c), added to 1.0 later: each written
 * only when it is not its M-only value (priv M, the rest 0), and read
 * as that value when absent, so older snapshots load.
 */
#define SYSF(f, max, def) { #f, offsetof(struct cpu, f), max, def }
static const struct {
	const char	*name;
	size_t		 off;
	uint32_t	 max;
	uint32_t	 def;
} sys_fields[] = {
	SYSF(priv, PRV_M, PRV_M),
	SYSF(medeleg, UINT32_MAX, 0),
	SYSF(mideleg, UINT32_MAX, 0),
	SYSF(stvec, UINT32_MAX, 0),
	SYSF(sscratch, UINT32_MAX, 0),
	SYSF(sepc, UINT32_MAX, 0),
	SYSF(scause, UINT32_MAX, 0),
	SYSF(stval, UINT32_MAX, 0),
	SYSF(satp, UINT32_MAX, 0),
	SYSF(scounteren, UINT32_MAX, 0),
	SYSF(menvcfg, 1, 0),
	SYSF(senvcfg, 1, 0)
};
#undef SYSF
#define NSYS	(sizeof(sys_fields) / sizeof(sys_fields[0]))

static uint32_t *
csr_ptr(struct cpu *c, size_t i)
{
	return (uint32_t *)(void *)((char *)c + csr_fields[i].off);
}

static uint32_t
csr_get(const struct cpu *c, size_t i)
{
	uint32_t v;

	memcpy(&v, (const char *)c + csr_fields[i].off, sizeof(v));
	return v;
}

static int
save_cpu(const struct cpu *c, struct rr_snap *s)
{
	size_t i;
	uint32_t v;

	if (rr_snap_put_u32s(s, "x", c->x, 32) != RR_OK ||
	    rr_snap_put_u32s(s, "pmpcfg", c->pmpcfg, 4) != RR_OK ||
	    rr_snap_put_u32s(s, "pmpaddr", c->pmpaddr, 16) != RR_OK)
		return -1;
	for (i = 0; i < NCSR; i++)
		if (rr_snap_put_u64(s, csr_fields[i].name,
		    csr_get(c, i)) != RR_OK)
			return -1;
	/* Fields added to 1.0 later: written only when not 0. */
	if ((cpu_ctr_off(c, CTR_CYCLE) != 0 && rr_snap_put_u64(s,
	    "mcycle_off", cpu_ctr_off(c, CTR_CYCLE)) != RR_OK) ||
	    (cpu_ctr_off(c, CTR_INSTRET) != 0 && rr_snap_put_u64(s,
	    "minstret_off", cpu_ctr_off(c, CTR_INSTRET)) != RR_OK) ||
	    (c->mcounteren != 0 && rr_snap_put_u64(s, "mcounteren",
	    c->mcounteren) != RR_OK))
		return -1;
	for (i = 0; i < NSYS; i++) {
		memcpy(&v, (const char *)c + sys_fields[i].off, sizeof(v));
		if (v != sys_fields[i].def &&
		    rr_snap_put_u64(s, sys_fields[i].name, v) != RR_OK)
			return -1;
	}
	return 0;
}

static int
load_cpu(struct cpu *c, const struct rr_snap *s, size_t sec, char *err,
    size_t errlen)
{
	const struct snap_in in = { s, sec, SEC_CPU, err, errlen };
	struct cpu t;
	struct rr_error e;
	uint64_t v;
	size_t i;

	memset(&t, 0, sizeof(t));
	if (rr_snap_get_u32s(s, sec, "x", t.x, 32, &e) != RR_OK ||
	    rr_snap_get_u32s(s, sec, "pmpcfg", t.pmpcfg, 4, &e) != RR_OK ||
	    rr_snap_get_u32s(s, sec, "pmpaddr", t.pmpaddr, 16, &e) != RR_OK)
		return SNAP_FAIL(&in, "%s", e.msg);
	if (t.x[0] != 0)
		return SNAP_FAIL(&in, "x0 is 0x%08x, must be 0", t.x[0]);
	for (i = 0; i < NCSR; i++) {
		if (snap_u64(&in, csr_fields[i].name, &v) != 0)
			return -1;
		if (v > csr_fields[i].max)
			return SNAP_FAIL(&in, "%s is 0x%llx, at most 0x%x",
			    csr_fields[i].name, (unsigned long long)v,
			    csr_fields[i].max);
		*csr_ptr(&t, i) = (uint32_t)v;
	}
	if (snap_opt_u64(&in, "mcycle_off", &v) != 0)
		return -1;
	cpu_ctr_off_set(&t, CTR_CYCLE, v);
	if (snap_opt_u64(&in, "minstret_off", &v) != 0)
		return -1;
	cpu_ctr_off_set(&t, CTR_INSTRET, v);
	if (snap_opt_u64(&in, "mcounteren", &v) != 0)
		return -1;
	if (v > UINT32_MAX)
		return SNAP_FAIL(&in, "mcounteren is 0x%llx, at most 0x%x",
		    (unsigned long long)v, UINT32_MAX);
	t.mcounteren = (uint32_t)v;
	for (i = 0; i < NSYS; i++) {
		v = sys_fields[i].def;
		if (snap_has(s, sec, sys_fields[i].name) &&
		    snap_u64(&in, sys_fields[i].name, &v) != 0)
			return -1;
		if (v > sys_fields[i].max || (i == 0 && v == 2))
			return SNAP_FAIL(&in, "%s is 0x%llx, %s",
			    sys_fields[i].name, (unsigned long long)v,
			    i == 0 ? "not 0 (U), 1 (S) or 3 (M)" :
			    "out of range");
		memcpy((char *)&t + sys_fields[i].off, &(uint32_t){
		    (uint32_t)v }, sizeof(uint32_t));
	}
	*c = t;
	return 0;
}

/*
 * machine_save hashes the machine first, so no page is dirty and
 * m->nonzero is exact: RAM known to be zero is not read.
 */
static int
save_sections(struct machine *m, struct rr_snap *s, int ram)
{
	size_t i;

	if (rr_snap_begin(s, SEC_CPU) != RR_OK || save_cpu(&m->cpu, s) != 0)
		return -1;
	if (rr_snap_begin(s, SEC_TIME) != RR_OK ||
	    rr_snap_put_u64(s, "icount", m->icount) != RR_OK ||
	    rr_snap_put_u64(s, "clock_shift", m->clock_shift) != RR_OK ||
	    rr_snap_put_u64(s, "idle_bias", m->idle_bias) != RR_OK)
		return -1;
	if (ram && (rr_snap_begin(s, SEC_RAM) != RR_OK ||
	    rr_snap_put_u64(s, "base", m->ram_base) != RR_OK ||
	    rr_snap_put_pages_map(s, "mem", m->ram, m->ram_size,
	    m->nonzero) != RR_OK))
		return -1;
	for (i = 0; i < ndevices; i++)
		if (rr_snap_begin(s, devices[i].name) != RR_OK ||
		    devices[i].save(m, s) != 0)
			return -1;
	if (rr_snap_begin(s, SEC_MACHINE) != RR_OK ||
	    rr_snap_put_u64(s, "exited", (uint64_t)m->exited) != RR_OK ||
	    rr_snap_put_i64(s, "exit_code", m->exit_code) != RR_OK)
		return -1;
	/* Only a machine with semihosting has its section. */
	if (m->sh.on && (rr_snap_begin(s, SEC_SEMIHOST) != RR_OK ||
	    semihost_save(&m->sh, s) != 0))
		return -1;
	return 0;
}

/*
 * The configuration fields always come from the machine itself; the rest
 * of h (recording id, intervals, tool version) is the caller's.
 */
static int
save(struct machine *m, const struct rr_header *h, int ram,
    struct rr_snap **out)
{
	struct rr_snap_meta meta;
	struct rr_header own;
	struct rr_snap *s;

	*out = NULL;
	machine_header(m, &own);
	memset(&meta, 0, sizeof(meta));
	meta.hdr = h != NULL ? *h : own;
	memcpy(meta.hdr.machine, own.machine, sizeof(own.machine));
	memcpy(meta.hdr.isa, own.isa, sizeof(own.isa));
	memcpy(meta.hdr.devices, own.devices, sizeof(own.devices));
	meta.hdr.ram_base = own.ram_base;
	meta.hdr.ram_size = own.ram_size;
	meta.hdr.clock_shift = own.clock_shift;
	meta.hdr.image_hash = own.image_hash;
	meta.hdr.dtb_hash = own.dtb_hash;
	meta.hdr.semihosting = own.semihosting;
	meta.icount = m->icount;
	meta.state_hash = machine_hash(m, NULL, NULL);
	if (rr_snap_new(&s, &meta) != RR_OK)
		return -1;
	if (save_sections(m, s, ram) != 0) {
		rr_snap_free(s);
		return -1;
	}
	*out = s;
	return 0;
}

int
machine_save(struct machine *m, const struct rr_header *h,
    struct rr_snap **out)
{
	return save(m, h, 1, out);
}

int
machine_save_noram(struct machine *m, struct rr_snap **out)
{
	return save(m, NULL, 0, out);
}

static int
check_config(const struct machine *m, const struct rr_header *h, char *err,
    size_t errlen)
{
	char devs[sizeof(h->devices)];

	if (strcmp(h->machine, MACHINE_NAME) != 0) {
		snprintf(err, errlen, "snapshot machine \"%s\", this machine "
		    "is \"%s\"", h->machine, MACHINE_NAME);
		return -1;
	}
	if (!machine_isa_ok(h->isa)) {
		snprintf(err, errlen, "snapshot ISA \"%s\", machine has "
		    "\"%s\"", h->isa, MACHINE_ISA);
		return -1;
	}
	devices_describe(devs, sizeof(devs));
	if (strcmp(h->devices, devs) != 0) {
		snprintf(err, errlen, "snapshot devices \"%s\", machine has "
		    "\"%s\"", h->devices, devs);
		return -1;
	}
	if (h->ram_size != m->ram_size) {
		if (h->ram_size % (1u << 20) == 0 && m->ram_size %
		    (1u << 20) == 0)
			snprintf(err, errlen, "snapshot RAM size %llu MiB, "
			    "machine has %u MiB",
			    (unsigned long long)(h->ram_size >> 20),
			    m->ram_size >> 20);
		else
			snprintf(err, errlen, "snapshot RAM size %llu bytes, "
			    "machine has %u bytes",
			    (unsigned long long)h->ram_size, m->ram_size);
		return -1;
	}
	if (h->ram_base != m->ram_base) {
		snprintf(err, errlen, "snapshot RAM base 0x%llx, machine has "
		    "0x%x", (unsigned long long)h->ram_base, m->ram_base);
		return -1;
	}
	return 0;
}

static int
find(const struct rr_snap *s, const char *name, size_t *sec, char *err,
    size_t errlen)
{
	long i;

	if ((i = rr_snap_find(s, name)) < 0) {
		snprintf(err, errlen, "snapshot has no \"%s\" section", name);
		return -1;
	}
	*sec = (size_t)i;
	return 0;
}

static int
load_time(const struct rr_snap *s, uint64_t icount,
    uint64_t *ic, uint32_t *shift, uint64_t *bias, char *err,
    size_t errlen)
{
	struct snap_in in = { s, 0, SEC_TIME, err, errlen };
	uint64_t v;

	if (find(s, SEC_TIME, &in.sec, err, errlen) != 0 ||
	    snap_u64(&in, "icount", ic) != 0 ||
	    snap_u64(&in, "clock_shift", &v) != 0 ||
	    snap_u64(&in, "idle_bias", bias) != 0)
		return -1;
	if (*ic != icount)
		return SNAP_FAIL(&in, "icount %llu, but the snapshot is of "
		    "icount %llu", (unsigned long long)*ic,
		    (unsigned long long)icount);
	if (v > SHIFT_MAX)
		return SNAP_FAIL(&in, "clock_shift %llu, at most %u",
		    (unsigned long long)v, SHIFT_MAX);
	*shift = (uint32_t)v;
	return 0;
}

static int
load_flags(const struct rr_snap *s, int *exited, int *code, char *err,
    size_t errlen)
{
	struct snap_in in = { s, 0, SEC_MACHINE, err, errlen };
	struct rr_error e;
	uint64_t x;
	int64_t c;

	if (find(s, SEC_MACHINE, &in.sec, err, errlen) != 0 ||
	    snap_u64(&in, "exited", &x) != 0)
		return -1;
	if (rr_snap_get_i64(s, in.sec, "exit_code", &c, &e) != RR_OK)
		return SNAP_FAIL(&in, "%s", e.msg);
	if (x > 1)
		return SNAP_FAIL(&in, "exited is %llu, must be 0 or 1",
		    (unsigned long long)x);
	/* The finisher gives 16 bits; anything else never came from it. */
	if (c < 0 || c > 0xffff)
		return SNAP_FAIL(&in, "exit_code %lld, must be 0 to 65535",
		    (long long)c);
	*exited = (int)x;
	*code = (int)c;
	return 0;
}

static int
load_ram(struct machine *m, const struct rr_snap *s, char *err,
    size_t errlen)
{
	struct snap_in in = { s, 0, SEC_RAM, err, errlen };
	struct rr_error e;
	uint64_t base, *stored, clear;
	uint32_t w, nw = (m->npages + 63) / 64, p;

	if (find(s, SEC_RAM, &in.sec, err, errlen) != 0 ||
	    snap_u64(&in, "base", &base) != 0)
		return -1;
	if (base != m->ram_base)
		return SNAP_FAIL(&in, "base 0x%llx, machine has 0x%x",
		    (unsigned long long)base, m->ram_base);
	if ((stored = calloc(nw, sizeof(*stored))) == NULL)
		return SNAP_FAIL(&in, "out of memory");
	if (rr_snap_get_pages_map(s, in.sec, "mem", m->ram, m->ram_size,
	    stored, &e) != RR_OK) {
		free(stored);
		machine_hash_reset(m);
		return SNAP_FAIL(&in, "%s", e.msg);
	}
	/*
	 * Stored pages are rehashed; the others are zero in the snapshot,
	 * and are zeroed here only where RAM may hold data, so a fresh
	 * machine's untouched RAM is never read or written.
	 */
	for (w = 0; w < nw; w++) {
		m->dirty[w] |= stored[w];
		clear = ~stored[w] & (m->nonzero[w] | m->dirty[w]);
		for (; clear != 0; clear &= clear - 1) {
			p = w * 64 + (uint32_t)__builtin_ctzll(clear);
			if (p < m->npages) {
				memset(m->ram + (size_t)p * PAGE_SIZE, 0,
				    PAGE_SIZE);
				m->dirty[w] |= (uint64_t)1 << (p % 64);
			}
		}
	}
	free(stored);
	return 0;
}

/*
 * Every section is decoded and checked into a copy first; the machine is
 * changed only when all of them are good, except RAM, which is too big
 * to stage: if RAM or the final hash check fails, the machine is in no
 * defined state and must be reloaded or reset before it runs again.
 */
static int
load(struct machine *m, const struct rr_snap *s, int ram, char *err,
    size_t errlen)
{
	const struct rr_snap_meta *meta = rr_snap_meta(s);
	struct machine stage;	/* devices are loaded here first */
	struct semihost sh;
	struct cpu cpu;
	uint64_t icount, bias, h;
	uint32_t shift, rev;
	int exited, code;
	size_t sec, i;

	if (check_config(m, &meta->hdr, err, errlen) != 0)
		return -1;
	if (find(s, SEC_CPU, &sec, err, errlen) != 0 ||
	    load_cpu(&cpu, s, sec, err, errlen) != 0 ||
	    load_time(s, meta->icount, &icount, &shift, &bias, err,
	    errlen) != 0)
		return -1;
	memset(&stage, 0, sizeof(stage));
	for (i = 0; i < ndevices; i++)
		if (find(s, devices[i].name, &sec, err, errlen) != 0 ||
		    devices[i].load(&stage, s, sec, err, errlen) != 0)
			return -1;
	if (load_flags(s, &exited, &code, err, errlen) != 0)
		return -1;
	/* The header says whether the machine had semihosting. */
	memset(&sh, 0, sizeof(sh));
	if (meta->hdr.semihosting && (find(s, SEC_SEMIHOST, &sec, err,
	    errlen) != 0 || semihost_load(&sh, s, sec, err, errlen) != 0))
		return -1;
	if (ram && load_ram(m, s, err, errlen) != 0)
		return -1;
	m->cpu = cpu;
	m->icount = icount;
	m->clock_shift = shift;
	m->idle_bias = bias;
	for (i = 0; i < ndevices; i++)
		devices[i].commit(m, &stage);
	/* Derived, not saved: the line from the PLIC just loaded. */
	m->cpu.mip_ext = plic_seip(&m->plic) ? MIP_SEIP : 0;
	m->exited = exited;
	m->exit_code = code;
	m->sh = sh;
	m->image_hash = meta->hdr.image_hash;
	m->brk = 0;
	emu_clear(m);
	cpu_flush_cache(m);
	/* load_ram marked every page it changed: rehash those only. */
	m->region_dirty = (uint32_t)((1ull << RAM_REGIONS) - 1);
	if ((h = machine_hash(m, NULL, NULL)) != meta->state_hash) {
		snprintf(err, errlen, "state hash after loading is %016llx, "
		    "snapshot says %016llx", (unsigned long long)h,
		    (unsigned long long)meta->state_hash);
		return -1;
	}
	/*
	 * The machine goes on with the tree the snapshot's machine booted
	 * with (in its RAM): its headers name that tree from here on.
	 */
	if ((rev = dtb_rev_of(m, meta->hdr.dtb_hash)) != 0)
		m->dtb_rev = rev;
	return 0;
}

int
machine_load(struct machine *m, const struct rr_snap *s, char *err,
    size_t errlen)
{
	return load(m, s, 1, err, errlen);
}

int
machine_load_noram(struct machine *m, const struct rr_snap *s, char *err,
    size_t errlen)
{
	return load(m, s, 0, err, errlen);
}
