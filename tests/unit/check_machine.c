/* Unit tests: run loop, virtual time, state hash, snapshots (emu/machine.c). */
#include <check.h>
#include <stddef.h>
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../../emu/machine.h"
#include "../../emu/devkit.h"
#include "../../emu/emu.h"
#include "../../emu/error.h"
#include "../../emu/dtb.h"
#include "../../emu/replay.h"
#include "../../lib/rrsnap.h"
#include "unit.h"

#define RAM_SIZE	(1u << 20)
#define DATA		(RAM_BASE + 0x10000)	/* programs' data */
#define ITERS		24		/* timer program rounds */
#define STORES		32		/* stores per round */

/* ---- a tiny RV32 assembler: enough for the test programs ---- */

enum {
	ZERO = 0, T0 = 5, T1 = 6, T2 = 7, S1 = 9, A0 = 10, A1 = 11,
	S2 = 18, S3 = 19, S4 = 20, S5 = 21, S6 = 22, T3 = 28, T4 = 29,
	T5 = 30
};
#define CSR_MSTATUS	0x300
#define CSR_MIE		0x304
#define CSR_MTVEC	0x305
#define CSR_MEPC	0x341

struct prog {
	uint32_t	 w[256];
	unsigned	 n;
};

static void
emit(struct prog *p, uint32_t w)
{
	ck_assert_uint_lt(p->n, 256);
	p->w[p->n++] = w;
}

static uint32_t
itype(int32_t imm, unsigned rs1, unsigned f3, unsigned rd, unsigned op)
{
	return ((uint32_t)imm & 0xfff) << 20 | rs1 << 15 | f3 << 12 |
	    rd << 7 | op;
}

static uint32_t
stype(int32_t imm, unsigned rs2, unsigned rs1, unsigned f3)
{
	uint32_t i = (uint32_t)imm;

	return (i >> 5 & 0x7f) << 25 | rs2 << 20 | rs1 << 15 | f3 << 12 |
	    (i & 0x1f) << 7 | 0x23;
}

static uint32_t
btype(int32_t off, unsigned rs2, unsigned rs1, unsigned f3)
{
	uint32_t i = (uint32_t)off;

	return (i >> 12 & 1) << 31 | (i >> 5 & 0x3f) << 25 | rs2 << 20 |
	    rs1 << 15 | f3 << 12 | (i >> 1 & 0xf) << 8 | (i >> 11 & 1) << 7 |
	    0x63;
}

static uint32_t
jal(unsigned rd, int32_t off)
{
	uint32_t i = (uint32_t)off;

	return (i >> 20 & 1) << 31 | (i >> 1 & 0x3ff) << 21 |
	    (i >> 11 & 1) << 20 | (i >> 12 & 0xff) << 12 | rd << 7 | 0x6f;
}

#define ADDI(rd, rs, imm)	itype(imm, rs, 0, rd, 0x13)
#define ANDI(rd, rs, imm)	itype(imm, rs, 7, rd, 0x13)
#define SLLI(rd, rs, sh)	itype(sh, rs, 1, rd, 0x13)
#define ADD(rd, a, b)	((uint32_t)(b) << 20 | (a) << 15 | (rd) << 7 | 51)
#define LW(rd, rs, imm)		itype(imm, rs, 2, rd, 0x03)
#define LBU(rd, rs, imm)	itype(imm, rs, 4, rd, 0x03)
#define SW(rs2, rs1, imm)	stype(imm, rs2, rs1, 2)
#define SB(rs2, rs1, imm)	stype(imm, rs2, rs1, 0)
#define CSRW(csr, rs)		itype(csr, rs, 1, ZERO, 0x73)
#define CSRSI(csr, z)		itype(csr, z, 6, ZERO, 0x73)
#define CSRCI(csr, z)		itype(csr, z, 7, ZERO, 0x73)
#define WFI			0x10500073u
#define MRET			0x30200073u

/* Always two instructions, so addresses can be worked out in advance. */
static void
li(struct prog *p, unsigned rd, uint32_t v)
{
	uint32_t hi = (v + 0x800) >> 12;
	int32_t lo = (int32_t)(v - (hi << 12));

	emit(p, hi << 12 | rd << 7 | 0x37);
	emit(p, ADDI(rd, rd, lo));
}

/* Rewrite the li at instruction `at` to load v. */
static void
patch_li(struct prog *p, unsigned at, unsigned rd, uint32_t v)
{
	struct prog q;

	q.n = 0;
	li(&q, rd, v);
	p->w[at] = q.w[0];
	p->w[at + 1] = q.w[1];
}

/* Branch from instruction `at` to instruction `to`. */
static void
patch_b(struct prog *p, unsigned at, unsigned to, unsigned rs1,
    unsigned rs2, unsigned f3)
{
	p->w[at] = btype(((int32_t)to - (int32_t)at) * 4, rs2, rs1, f3);
}

static void
exit_pass(struct prog *p)
{
	li(p, T0, 0x5555);
	li(p, T1, FINISHER_BASE);
	emit(p, SW(T0, T1, 0));
	emit(p, jal(ZERO, 0));
}

/*
 * The timer program: ITERS rounds of arming mtimecmp a varying distance
 * ahead, storing across RAM pages, then waiting in WFI (with MIE off
 * around the check, so the wakeup cannot be lost) for the interrupt,
 * whose handler counts in s6 and disarms the timer.  With a large clock
 * shift the interrupt lands in the middle of the busy part instead.
 */
static void
timer_prog(struct prog *p)
{
	unsigned loop, busy, chk, skip, handler_li;

	p->n = 0;
	handler_li = p->n;
	li(p, T0, 0);				/* patched: handler */
	emit(p, CSRW(CSR_MTVEC, T0));
	li(p, S4, CLINT_BASE + 0x4000);
	li(p, S5, CLINT_BASE + 0xbff8);
	li(p, S1, DATA);
	li(p, S3, ITERS);
	li(p, T4, 4100);
	emit(p, ADDI(S2, ZERO, 0));
	emit(p, ADDI(S6, ZERO, 0));
	emit(p, ADDI(T5, ZERO, -1));
	emit(p, SW(T5, S4, 4));		/* mtimecmp 0 is due: disarm */
	li(p, T0, MIP_MTIP);
	emit(p, CSRW(CSR_MIE, T0));
	emit(p, CSRSI(CSR_MSTATUS, 8));
	loop = p->n;
	emit(p, LW(T1, S5, 0));			/* mtime (low word) */
	emit(p, ANDI(T2, S2, 3));
	emit(p, SLLI(T2, T2, 5));
	emit(p, ADDI(T2, T2, 3));		/* 3 + 32 * (i & 3) ticks */
	emit(p, ADD(T1, T1, T2));
	emit(p, SW(T1, S4, 0));			/* hi is all ones here */
	emit(p, SW(ZERO, S4, 4));
	emit(p, ADDI(A1, ZERO, STORES));
	emit(p, SLLI(T3, S2, 6));
	emit(p, ADD(A0, S1, T3));
	busy = p->n;
	emit(p, SW(S2, A0, 0));
	emit(p, ADD(A0, A0, T4));
	emit(p, ADDI(A1, A1, -1));
	emit(p, 0);
	patch_b(p, p->n - 1, busy, A1, ZERO, 1);	/* bne a1, zero */
	emit(p, CSRCI(CSR_MSTATUS, 8));
	chk = p->n;
	emit(p, 0);				/* bne s6, s2, skip */
	emit(p, WFI);
	skip = p->n;
	patch_b(p, chk, skip, S6, S2, 1);
	emit(p, CSRSI(CSR_MSTATUS, 8));
	emit(p, ADDI(S2, S2, 1));
	emit(p, 0);
	patch_b(p, p->n - 1, loop, S2, S3, 1);	/* bne s2, s3, loop */
	exit_pass(p);
	patch_li(p, handler_li, T0, RAM_BASE + 4 * p->n);	/* handler */
	emit(p, ADDI(S6, S6, 1));
	emit(p, ADDI(T5, ZERO, -1));
	emit(p, SW(T5, S4, 4));			/* mtimecmp hi: disarm */
	emit(p, MRET);
}

static void
load_prog(struct machine *m, const struct prog *p)
{
	unsigned i;

	for (i = 0; i < p->n; i++) {
		m->ram[4 * i] = (uint8_t)p->w[i];
		m->ram[4 * i + 1] = (uint8_t)(p->w[i] >> 8);
		m->ram[4 * i + 2] = (uint8_t)(p->w[i] >> 16);
		m->ram[4 * i + 3] = (uint8_t)(p->w[i] >> 24);
	}
	cpu_flush_cache(m);
	machine_hash_reset(m);
	machine_reset(m, RAM_BASE);
}

static void
mk(struct machine *m, uint32_t shift, const struct prog *p)
{
	ck_assert_int_eq(machine_init(m, RAM_SIZE, shift), 0);
	load_prog(m, p);
}

/* A fixed PRNG so that a failure reproduces. */
static uint64_t
rnd(uint64_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 7;
	*s ^= *s << 17;
	return *s;
}

/* ---- virtual time ---- */

static const uint32_t shifts[] = { 0, 1, 3, 7, 20, 32 };

START_TEST(deadline_math)
{
	struct machine m;
	uint64_t seed = 0x9e3779b97f4a7c15ull + (uint64_t)_i, d, cmp, ic;
	int k;

	ck_assert_int_eq(machine_init(&m, 64 * 1024, shifts[_i]), 0);
	for (k = 0; k < 2000; k++) {
		m.icount = rnd(&seed) % 1000000;
		m.idle_bias = rnd(&seed) % 1000000000;
		cmp = machine_mtime(&m) + rnd(&seed) % 100000;
		m.clint.mtimecmp = cmp;
		d = machine_deadline(&m);
		if (cmp <= machine_mtime(&m)) {
			ck_assert_uint_eq(d, UINT64_MAX);
			continue;
		}
		ck_assert_uint_gt(d, m.icount);
		ic = m.icount;
		m.icount = d;
		ck_assert_uint_ge(machine_mtime(&m), cmp);
		m.icount = d - 1;
		ck_assert_uint_lt(machine_mtime(&m), cmp);
		m.icount = ic;
	}
	/* Never: mtimecmp beyond any reachable time. */
	m.icount = 5;
	m.clint.mtimecmp = UINT64_MAX;
	ck_assert_uint_eq(machine_deadline(&m), UINT64_MAX);
	m.clint.mtimecmp = UINT64_MAX / 100 + 1;
	ck_assert_uint_eq(machine_deadline(&m), UINT64_MAX);
	machine_free(&m);
}
END_TEST

START_TEST(wfi_jumps_time)
{
	struct machine m;
	struct prog p = { .n = 0 };
	struct rr_snap *s;
	char err[256];

	li(&p, T1, CLINT_BASE + 0x4000);
	emit(&p, SW(ZERO, T1, 4));
	li(&p, T0, 1000000);
	emit(&p, SW(T0, T1, 0));		/* mtimecmp = 1e6 ticks */
	li(&p, T0, MIP_MTIP);
	emit(&p, CSRW(CSR_MIE, T0));
	emit(&p, WFI);			/* MIE off: wakes, no trap */
	exit_pass(&p);
	mk(&m, 0, &p);
	/*
	 * Stop right after the WFI: the time skip and the wake are part of
	 * settling after it (formats/rrlog.md, "One instruction count"), so
	 * no stop can fall between the WFI and the wake.
	 */
	ck_assert_int_eq(machine_run(&m, 10), STOP_LIMIT);
	ck_assert_uint_eq(m.cpu.wfi, 0);
	ck_assert_uint_eq(machine_mtime(&m), 1000000);
	ck_assert_int_eq(machine_save(&m, NULL, &s), 0);
	machine_free(&m);
	ck_assert_int_eq(machine_init(&m, RAM_SIZE, 0), 0);
	ck_assert_msg(machine_load(&m, s, err, sizeof(err)) == 0, "%s", err);
	rr_snap_free(s);
	ck_assert_uint_eq(m.cpu.wfi, 0);
	ck_assert_uint_eq(machine_mtime(&m), 1000000);
	ck_assert_int_eq(machine_run(&m, UINT64_MAX), STOP_EXIT);
	/* 0.1 s of guest time passed in a few instructions. */
	ck_assert_uint_lt(m.icount, 20);
	ck_assert_uint_eq(machine_mtime(&m), 1000000);
	ck_assert_uint_gt(m.idle_bias, 99999000);
	ck_assert_uint_eq(m.cpu.mcause, 0);		/* no trap taken */
	machine_free(&m);

	/*
	 * A hart in WFI with an interrupt already pending wakes at once:
	 * virtual time does not jump to a timer deadline that lies ahead.
	 */
	ck_assert_int_eq(machine_init(&m, RAM_SIZE, 0), 0);
	m.cpu.wfi = 1;
	m.cpu.mie = MIP_MSIP | MIP_MTIP;
	m.clint.msip = 1;
	m.clint.mtimecmp = 1000000;
	machine_settle(&m);
	ck_assert_uint_eq(m.cpu.wfi, 0);
	ck_assert_uint_eq(m.idle_bias, 0);
	/* Nothing pending: the same hart jumps to the deadline and wakes. */
	m.cpu.wfi = 1;
	m.clint.msip = 0;
	machine_settle(&m);
	ck_assert_uint_eq(m.cpu.wfi, 0);
	ck_assert_uint_eq(machine_mtime(&m), 1000000);
	machine_free(&m);

	/* Nothing enabled and no input: the machine is idle for good. */
	p.n = 0;
	emit(&p, WFI);
	exit_pass(&p);
	mk(&m, 0, &p);
	ck_assert_int_eq(machine_run(&m, UINT64_MAX), STOP_IDLE);
	ck_assert_uint_eq(m.icount, 1);
	ck_assert_uint_eq(m.idle_bias, 0);
	ck_assert_int_eq(machine_run(&m, UINT64_MAX), STOP_IDLE);
	ck_assert_uint_eq(m.icount, 1);
	machine_free(&m);
}
END_TEST

/*
 * A timer interrupt due at icount D is taken exactly there, however the
 * run is cut: the handler stores the loop counter and exits.
 */
START_TEST(deadline_irq_exact)
{
	struct machine m;
	struct prog p = { .n = 0 };
	uint64_t stops[4], d;
	unsigned setup, handler, i;
	uint32_t a0 = 0;

	li(&p, T0, 0);			/* patched below */
	emit(&p, CSRW(CSR_MTVEC, T0));
	li(&p, T1, CLINT_BASE + 0x4000);
	emit(&p, SW(ZERO, T1, 4));
	li(&p, T0, 123);
	emit(&p, SW(T0, T1, 0));	/* deadline: 12300 ns */
	li(&p, T0, MIP_MTIP);
	emit(&p, CSRW(CSR_MIE, T0));
	li(&p, S1, DATA);
	emit(&p, CSRSI(CSR_MSTATUS, 8));
	setup = p.n;
	emit(&p, ADDI(A0, A0, 1));
	emit(&p, jal(ZERO, -4));
	handler = p.n;
	emit(&p, SW(A0, S1, 0));
	exit_pass(&p);
	patch_li(&p, 0, T0, RAM_BASE + 4 * handler);
	d = 12300;			/* shift 0: 1 ns per instruction */
	stops[0] = UINT64_MAX;
	stops[1] = d - 1;
	stops[2] = d;
	stops[3] = d + 1;
	for (i = 0; i < 4; i++) {
		mk(&m, 0, &p);
		if (stops[i] != UINT64_MAX) {
			ck_assert_int_eq(machine_run(&m, stops[i]), STOP_LIMIT);
			ck_assert_uint_eq(m.icount, stops[i]);
			if (stops[i] <= d)
				ck_assert_uint_eq(m.cpu.mcause, 0);
			else
				ck_assert_uint_eq(m.cpu.mcause,
				    0x80000007u);
			if (stops[i] == d - 1)
				ck_assert_uint_eq(machine_deadline(&m), d);
		}
		ck_assert_int_eq(machine_run(&m, UINT64_MAX), STOP_EXIT);
		a0 = m.ram[0x10000] | m.ram[0x10001] << 8;
		/* setup instructions, then 2 per round. */
		ck_assert_uint_eq(a0, (d - setup + 1) / 2);
		ck_assert_uint_eq(m.cpu.mcause, 0x80000007u);
		machine_free(&m);
	}
}
END_TEST

START_TEST(stop_exact)
{
	struct machine m;
	struct prog p;
	uint64_t at[] = { 1, 2, 17, 100, 1001, 2500 };
	size_t i;

	timer_prog(&p);
	mk(&m, 0, &p);
	for (i = 0; i < sizeof(at) / sizeof(at[0]); i++) {
		ck_assert_int_eq(machine_run(&m, at[i]), STOP_LIMIT);
		ck_assert_uint_eq(m.icount, at[i]);
		/* Asking again for the same point does nothing. */
		ck_assert_int_eq(machine_run(&m, at[i]), STOP_LIMIT);
		ck_assert_uint_eq(m.icount, at[i]);
	}
	m.stop_req = 1;
	ck_assert_int_eq(machine_run(&m, UINT64_MAX), STOP_REQUEST);
	ck_assert_uint_eq(m.icount, 2500);
	m.stop_req = 0;
	ck_assert_int_eq(machine_run(&m, UINT64_MAX), STOP_EXIT);
	ck_assert_int_eq(m.exit_code, 0);
	ck_assert_uint_eq(m.cpu.x[S6], ITERS);	/* every interrupt came */
	ck_assert_int_eq(machine_run(&m, UINT64_MAX), STOP_EXIT);
	machine_free(&m);
}
END_TEST

/* The straight run every interrupted one must match. */
static uint64_t
straight(uint32_t shift, const struct prog *p, uint64_t *icount,
    struct rr_part *parts)
{
	struct machine m;
	uint32_t n;
	uint64_t h;

	mk(&m, shift, p);
	ck_assert_int_eq(machine_run(&m, UINT64_MAX), STOP_EXIT);
	ck_assert_uint_eq(m.cpu.x[S6], ITERS);
	*icount = m.icount;
	h = machine_hash(&m, parts, &n);
	ck_assert_uint_eq(n, 7 + RAM_REGIONS);
	machine_free(&m);
	return h;
}

START_TEST(random_stops_same_hash)
{
	struct rr_part want[RR_PARTS_MAX], got[RR_PARTS_MAX];
	struct machine m;
	struct prog p;
	uint64_t n, h, seed = 12345 + (uint64_t)_i, span;
	uint32_t np, i;
	int rc, stops = 0;

	timer_prog(&p);
	h = straight(shifts[_i], &p, &n, want);
	mk(&m, shifts[_i], &p);
	span = n / 40 + 2;
	do {
		rc = machine_run(&m, m.icount + 1 + rnd(&seed) % span);
		ck_assert(rc == STOP_LIMIT || rc == STOP_EXIT);
		/* Hashing midway clears dirty bits: must change nothing. */
		if (++stops % 3 == 0)
			(void)machine_hash(&m, NULL, NULL);
	} while (rc != STOP_EXIT);
	ck_assert_uint_gt(stops, 20);
	ck_assert_uint_eq(m.icount, n);
	ck_assert_uint_eq(machine_hash(&m, got, &np), h);
	for (i = 0; i < np; i++)
		ck_assert_uint_eq(got[i].hash, want[i].hash);
	machine_free(&m);
}
END_TEST

/* UART input through a bottom half, PLIC claim/complete, guest handler. */
START_TEST(uart_program)
{
	struct machine m;
	struct prog p = { .n = 0 };
	unsigned main_loop, handler, rx, done;

	li(&p, T0, 0);				/* patched: handler */
	emit(&p, CSRW(CSR_MTVEC, T0));
	li(&p, T1, PLIC_BASE);
	emit(&p, ADDI(T0, ZERO, 1));
	emit(&p, SW(T0, T1, 4 * UART_IRQ));	/* priority 1 */
	li(&p, T1, PLIC_BASE + 0x2000);
	li(&p, T0, 1u << UART_IRQ);
	emit(&p, SW(T0, T1, 0));		/* enable */
	li(&p, S4, PLIC_BASE + 0x200000);
	emit(&p, SW(ZERO, S4, 0));		/* threshold 0 */
	li(&p, S5, UART_BASE);
	emit(&p, ADDI(T0, ZERO, 1));
	emit(&p, SB(T0, S5, 2));		/* FCR: FIFO on */
	emit(&p, SB(T0, S5, 1));		/* IER: RX data */
	li(&p, S1, DATA);
	li(&p, T0, MIP_MEIP);
	emit(&p, CSRW(CSR_MIE, T0));
	emit(&p, CSRSI(CSR_MSTATUS, 8));
	main_loop = p.n;
	emit(&p, WFI);
	emit(&p, jal(ZERO, -4));
	handler = p.n;
	emit(&p, LW(T0, S4, 4));		/* claim */
	rx = p.n;
	emit(&p, LBU(T1, S5, 5));
	emit(&p, ANDI(T1, T1, 1));
	emit(&p, 0);				/* beq t1, zero, done */
	emit(&p, LBU(T2, S5, 0));
	emit(&p, SB(T2, S1, 0));
	emit(&p, ADDI(S1, S1, 1));
	emit(&p, jal(ZERO, ((int32_t)rx - (int32_t)p.n) * 4));
	done = p.n;
	patch_b(&p, rx + 2, done, T1, ZERO, 0);
	emit(&p, SW(T0, S4, 4));		/* complete */
	emit(&p, MRET);
	patch_li(&p, 0, T0, RAM_BASE + 4 * handler);
	(void)main_loop;
	mk(&m, 0, &p);
	ck_assert_int_eq(machine_run(&m, UINT64_MAX), STOP_IDLE);
	ck_assert_uint_eq(machine_rx_room(&m, NULL, NULL), 16);
	ck_assert_uint_eq(m.cpu.wfi, 1);
	ck_assert_int_eq(machine_bh_deliver(&m, RR_DEV_UART, RR_BH_UART_RX,
	    (const uint8_t *)"hello", 5), 0);
	/*
	 * Regression (a recording stopped by a signal failed to replay):
	 * the wake is part of the delivery, so a checkpoint or a stop right
	 * after a bottom half sees the hart awake in record and in replay.
	 */
	ck_assert_uint_eq(m.cpu.wfi, 0);
	ck_assert_int_eq(machine_run(&m, UINT64_MAX), STOP_IDLE);
	ck_assert_int_eq(machine_bh_deliver(&m, RR_DEV_UART, RR_BH_UART_RX,
	    (const uint8_t *)", rr", 4), 0);
	ck_assert_int_eq(machine_run(&m, UINT64_MAX), STOP_IDLE);
	ck_assert_mem_eq(m.ram + 0x10000, "hello, rr", 9);
	ck_assert_uint_eq(m.cpu.x[S1], DATA + 9);
	ck_assert_uint_eq(m.plic.claimed, 0);
	ck_assert_uint_eq(m.cpu.mip & MIP_MEIP, 0);
	ck_assert_uint_eq(m.cpu.mcause, 0x8000000bu);
	/* Unknown bottom halves are refused with the reason. */
	ck_assert_int_eq(machine_bh_deliver(&m, 9, 1, NULL, 0), -1);
	ck_assert_ptr_nonnull(strstr(m.err.msg, "device 9"));
	machine_free(&m);
}
END_TEST

/* ---- the state hash ---- */

START_TEST(hash_names_region)
{
	struct rr_part a[RR_PARTS_MAX], b[RR_PARTS_MAX];
	struct machine m;
	struct prog p = { .n = 0 };
	uint64_t h0, h1;
	uint32_t na, nb, i, off = 5 * (RAM_SIZE / RAM_REGIONS) + 123;

	exit_pass(&p);
	mk(&m, 0, &p);
	h0 = machine_hash(&m, a, &na);
	ck_assert_uint_eq(na, 23);
	ck_assert_uint_eq(machine_hash(&m, NULL, NULL), h0);
	ck_assert_int_eq(bus_write(&m, RAM_BASE + off, 1, 0x42), 0);
	h1 = machine_hash(&m, b, &nb);
	ck_assert_uint_ne(h1, h0);
	for (i = 0; i < na; i++) {
		ck_assert_uint_eq(b[i].id, a[i].id);
		if (a[i].id == RR_PART_RAM0 + 5)
			ck_assert_uint_ne(b[i].hash, a[i].hash);
		else
			ck_assert_msg(b[i].hash == a[i].hash,
			    "part %u changed too", a[i].id);
	}
	/* Only dirty pages are rehashed: a write behind its back is unseen. */
	m.ram[off] = 0;
	ck_assert_uint_eq(machine_hash(&m, NULL, NULL), h1);
	machine_dirty(&m, off);
	ck_assert_uint_eq(machine_hash(&m, NULL, NULL), h0);
	m.ram[off] = 0x42;
	machine_hash_reset(&m);
	ck_assert_uint_eq(machine_hash(&m, NULL, NULL), h1);
	/* Device state has its own part. */
	m.uart.scr = 1;
	ck_assert_uint_ne(machine_hash(&m, b, &nb), h1);
	ck_assert_uint_ne(b[2].hash, a[2].hash);
	ck_assert_uint_eq(b[2].id, RR_PART_UART);
	machine_free(&m);
}
END_TEST

/*
 * Guards the snapshot and the hash: a field added to struct cpu must be
 * added to emu/snapshot.c and emu/hash.c too, then counted here.
 */
START_TEST(cpu_layout_known)
{
	/* 83 words of state and mip_ext, which is derived (not saved). */
	ck_assert_msg(sizeof(struct cpu) == 84 * 4, "struct cpu is %zu bytes:"
	    " save and hash the new fields, then update this test",
	    sizeof(struct cpu));
}
END_TEST

/* Every word of guest-visible state feeds the hash. */
START_TEST(hash_covers_every_field)
{
	struct machine m;
	uint32_t *w, i, n;
	uint64_t h0;

	ck_assert_int_eq(machine_init(&m, 64 * 1024, 0), 0);
	h0 = machine_hash(&m, NULL, NULL);
	w = (uint32_t *)(void *)&m.cpu;
	for (i = 0; i < sizeof(m.cpu) / 4; i++) {
		/* The PLIC's SEIP line: derived, hashed in the PLIC's part. */
		if (i == offsetof(struct cpu, mip_ext) / 4)
			continue;
		w[i] ^= 1;
		ck_assert_msg(machine_hash(&m, NULL, NULL) != h0,
		    "cpu word %u is not hashed", i);
		w[i] ^= 1;
	}
	w = (uint32_t *)(void *)&m.plic;
	for (i = 0; i < sizeof(m.plic) / 4; i++) {
		w[i] ^= 1;
		ck_assert_msg(machine_hash(&m, NULL, NULL) != h0,
		    "plic word %u is not hashed", i);
		w[i] ^= 1;
	}
	w = (uint32_t *)(void *)&m.rtc;
	for (i = 0; i < sizeof(m.rtc) / 4; i++) {
		w[i] ^= 1;
		ck_assert_msg(machine_hash(&m, NULL, NULL) != h0,
		    "rtc word %u is not hashed", i);
		w[i] ^= 1;
	}
#define FLIP(f) do {							\
	(f) ^= 1;							\
	ck_assert_msg(machine_hash(&m, NULL, NULL) != h0,		\
	    #f " is not hashed");					\
	(f) ^= 1;							\
} while (0)
	FLIP(m.clint.msip);
	FLIP(m.clint.mtimecmp);
	FLIP(m.uart.ier);
	FLIP(m.uart.iir);
	FLIP(m.uart.fcr);
	FLIP(m.uart.lcr);
	FLIP(m.uart.mcr);
	FLIP(m.uart.lsr);
	FLIP(m.uart.msr);
	FLIP(m.uart.scr);
	FLIP(m.uart.dll);
	FLIP(m.uart.dlm);
	FLIP(m.uart.thr_ipending);
	FLIP(m.uart.rx_count);
	FLIP(m.fin.last);
	FLIP(m.exited);
	FLIP(m.exit_code);
	FLIP(m.idle_bias);
	FLIP(m.clock_shift);
#undef FLIP
	/* Not state: where the FIFO ring starts, and icount. */
	m.uart.rx_head = 5;
	m.icount = 77;
	ck_assert_uint_eq(machine_hash(&m, NULL, NULL), h0);
	n = 0;
	(void)machine_hash(&m, NULL, &n);
	ck_assert_uint_eq(n, 23);
	machine_free(&m);
}
END_TEST


/* ---- snapshots ---- */

static struct rr_snap *
roundtrip(struct rr_snap *s, uint8_t **bytes, size_t *len)
{
	struct rr_snap *d;
	struct rr_error e;

	ck_assert_int_eq(rr_snap_encode(s, bytes, len), RR_OK);
	ck_assert_msg(rr_snap_decode(&d, *bytes, *len, &e) == RR_OK,
	    "decode: %s", e.msg);
	return d;
}

START_TEST(snapshot_resume)
{
	struct machine m, m2;
	struct prog p;
	struct rr_snap *s, *d, *s2;
	uint8_t *b1, *b2;
	size_t l1, l2;
	uint64_t n, h, at, seed = 777 + (uint64_t)_i;
	char err[256];

	timer_prog(&p);
	h = straight(3, &p, &n, NULL);
	at = 1 + rnd(&seed) % (n - 1);
	mk(&m, 3, &p);
	ck_assert_int_eq(machine_run(&m, at), STOP_LIMIT);
	ck_assert_int_eq(machine_save(&m, NULL, &s), 0);
	d = roundtrip(s, &b1, &l1);
	ck_assert_uint_eq(rr_snap_meta(d)->icount, at);
	machine_free(&m);

	/* A fresh machine with other contents and another clock shift. */
	ck_assert_int_eq(machine_init(&m2, RAM_SIZE, 0), 0);
	memset(m2.ram, 0xcc, RAM_SIZE);
	ck_assert_msg(machine_load(&m2, d, err, sizeof(err)) == 0, "load: %s",
	    err);
	ck_assert_uint_eq(m2.icount, at);
	ck_assert_uint_eq(m2.clock_shift, 3);
	/* save -> load -> save: the same bytes. */
	ck_assert_int_eq(machine_save(&m2, NULL, &s2), 0);
	ck_assert_int_eq(rr_snap_encode(s2, &b2, &l2), RR_OK);
	ck_assert_uint_eq(l2, l1);
	ck_assert_int_eq(memcmp(b1, b2, l1), 0);
	ck_assert_int_eq(machine_run(&m2, UINT64_MAX), STOP_EXIT);
	ck_assert_uint_eq(m2.icount, n);
	ck_assert_uint_eq(machine_hash(&m2, NULL, NULL), h);
	free(b1);
	free(b2);
	rr_snap_free(s);
	rr_snap_free(s2);
	rr_snap_free(d);
	machine_free(&m2);
}
END_TEST

/* Copy a snapshot with its sections in the order given by perm. */
static struct rr_snap *
permute(const struct rr_snap *s, const size_t *perm, size_t n,
    const char *drop, int extra, const struct rr_snap_meta *meta)
{
	struct rr_snap *c;
	struct rr_snap_field f;
	size_t i, k, sec;

	ck_assert_int_eq(rr_snap_new(&c, meta != NULL ? meta :
	    rr_snap_meta(s)), RR_OK);
	if (extra) {
		ck_assert_int_eq(rr_snap_begin(c, "future-device"), RR_OK);
		ck_assert_int_eq(rr_snap_put_u64(c, "knob", 3), RR_OK);
	}
	for (i = 0; i < n; i++) {
		sec = perm[i];
		if (drop != NULL && strcmp(rr_snap_section_name(s, sec),
		    drop) == 0)
			continue;
		ck_assert_int_eq(rr_snap_begin(c,
		    rr_snap_section_name(s, sec)), RR_OK);
		for (k = 0; k < rr_snap_nfields(s, sec); k++) {
			ck_assert_int_eq(rr_snap_field(s, sec, k, &f), RR_OK);
			ck_assert_int_eq(rr_snap_put_field(c, &f), RR_OK);
		}
	}
	return c;
}

START_TEST(snapshot_sections_any_order)
{
	struct machine m, m2;
	struct prog p;
	struct rr_snap *s, *d, *c, *cd;
	uint8_t *b, *cb;
	size_t l, cl, perm[RR_SNAP_SECTIONS_MAX], n, i, j, t;
	uint64_t seed = 4242, h;
	char err[256];

	timer_prog(&p);
	mk(&m, 0, &p);
	ck_assert_int_eq(machine_run(&m, 1500), STOP_LIMIT);
	h = machine_hash(&m, NULL, NULL);
	ck_assert_int_eq(machine_save(&m, NULL, &s), 0);
	d = roundtrip(s, &b, &l);
	n = rr_snap_nsections(d);
	ck_assert_uint_eq(n, 9);
	for (i = 0; i < n; i++)
		perm[i] = i;
	for (i = n - 1; i > 0; i--) {
		j = rnd(&seed) % (i + 1);
		t = perm[i], perm[i] = perm[j], perm[j] = t;
	}
	c = permute(d, perm, n, NULL, 1, NULL);
	cd = roundtrip(c, &cb, &cl);
	ck_assert_str_ne(rr_snap_section_name(cd, 1),
	    rr_snap_section_name(d, 0));
	ck_assert_int_eq(machine_init(&m2, RAM_SIZE, 0), 0);
	ck_assert_msg(machine_load(&m2, cd, err, sizeof(err)) == 0,
	    "load: %s", err);
	ck_assert_uint_eq(machine_hash(&m2, NULL, NULL), h);
	ck_assert_int_eq(machine_run(&m, UINT64_MAX), STOP_EXIT);
	ck_assert_int_eq(machine_run(&m2, UINT64_MAX), STOP_EXIT);
	ck_assert_uint_eq(machine_hash(&m2, NULL, NULL),
	    machine_hash(&m, NULL, NULL));
	rr_snap_free(c);
	rr_snap_free(cd);
	free(cb);

	/* A missing section is named. */
	c = permute(d, perm, n, "rtc", 0, NULL);
	ck_assert_int_eq(machine_load(&m2, c, err, sizeof(err)), -1);
	ck_assert_str_eq(err, "snapshot has no \"rtc\" section");
	rr_snap_free(c);
	free(b);
	rr_snap_free(s);
	rr_snap_free(d);
	machine_free(&m);
	machine_free(&m2);
}
END_TEST

START_TEST(snapshot_refused)
{
	struct machine m, m2;
	struct prog p;
	struct rr_snap *s, *c;
	struct rr_snap_meta meta;
	size_t perm[16], i;
	char err[256];

	timer_prog(&p);
	mk(&m, 0, &p);
	ck_assert_int_eq(machine_run(&m, 500), STOP_LIMIT);
	ck_assert_int_eq(machine_save(&m, NULL, &s), 0);

	ck_assert_int_eq(machine_init(&m2, 2 * RAM_SIZE, 0), 0);
	ck_assert_int_eq(machine_load(&m2, s, err, sizeof(err)), -1);
	ck_assert_str_eq(err, "snapshot RAM size 1 MiB, machine has 2 MiB");
	machine_free(&m2);

	/* A state hash that does not match what was loaded. */
	meta = *rr_snap_meta(s);
	meta.state_hash ^= 1;
	for (i = 0; i < rr_snap_nsections(s); i++)
		perm[i] = i;
	c = permute(s, perm, rr_snap_nsections(s), NULL, 0, &meta);
	ck_assert_int_eq(machine_init(&m2, RAM_SIZE, 0), 0);
	ck_assert_int_eq(machine_load(&m2, c, err, sizeof(err)), -1);
	ck_assert_ptr_nonnull(strstr(err, "state hash after loading"));
	rr_snap_free(c);
	machine_free(&m2);

	/* Another machine or ISA. */
	meta = *rr_snap_meta(s);
	snprintf(meta.hdr.isa, sizeof(meta.hdr.isa), "rv64gc");
	ck_assert_int_eq(rr_snap_new(&c, &meta), RR_OK);
	ck_assert_int_eq(machine_load(&m, c, err, sizeof(err)), -1);
	ck_assert_ptr_nonnull(strstr(err, "ISA \"rv64gc\""));
	rr_snap_free(c);
	rr_snap_free(s);
	machine_free(&m);
}
END_TEST

START_TEST(init_refused)
{
	struct machine m;

	ck_assert_int_eq(machine_init(&m, 0, 0), -1);
	ck_assert_ptr_nonnull(strstr(m.err.msg, "RAM size 0"));
	ck_assert_int_eq(machine_init(&m, PAGE_SIZE + 1, 0), -1);
	ck_assert_int_eq(machine_init(&m, 0x80001000u, 0), -1);
	ck_assert_int_eq(machine_init(&m, PAGE_SIZE, 33), -1);
	ck_assert_ptr_nonnull(strstr(m.err.msg, "clock shift 33"));
	machine_free(&m);
	/* The smallest machine: one page, regions mostly empty. */
	ck_assert_int_eq(machine_init(&m, PAGE_SIZE, 32), 0);
	ck_assert_uint_eq(m.npages, 1);
	m.ram[7] = 1;
	machine_dirty(&m, 7);
	(void)machine_hash(&m, NULL, NULL);
	machine_free(&m);
	machine_free(&m);		/* twice is harmless */
}
END_TEST

/* machine_load reports bad values by section and field. */
START_TEST(snapshot_bad_field)
{
	struct machine m, m2;
	struct prog p;
	struct rr_snap *s, *c;
	struct rr_snap_field f;
	struct rr_header h;
	size_t sec, k;
	char err[256];

	timer_prog(&p);
	mk(&m, 5, &p);
	ck_assert_int_eq(machine_run(&m, 700), STOP_LIMIT);
	/* The caller's header keeps its own fields; config is the machine's. */
	rr_header_init(&h);
	memset(h.recording_id, 0x5a, sizeof(h.recording_id));
	h.ram_size = 12345;
	h.clock_shift = 9;
	ck_assert_int_eq(machine_save(&m, &h, &s), 0);
	ck_assert_uint_eq(rr_snap_meta(s)->hdr.recording_id[3], 0x5a);
	ck_assert_uint_eq(rr_snap_meta(s)->hdr.ram_size, RAM_SIZE);
	ck_assert_uint_eq(rr_snap_meta(s)->hdr.clock_shift, 5);
	ck_assert_uint_eq(rr_snap_meta(s)->icount, 700);
	ck_assert_uint_eq(rr_snap_meta(s)->state_hash,
	    machine_hash(&m, NULL, NULL));

	/* Copy it with cpu.wfi = 2. */
	ck_assert_int_eq(rr_snap_new(&c, rr_snap_meta(s)), RR_OK);
	for (sec = 0; sec < rr_snap_nsections(s); sec++) {
		ck_assert_int_eq(rr_snap_begin(c, rr_snap_section_name(s,
		    sec)), RR_OK);
		for (k = 0; k < rr_snap_nfields(s, sec); k++) {
			ck_assert_int_eq(rr_snap_field(s, sec, k, &f), RR_OK);
			if (strcmp(rr_snap_section_name(s, sec), "cpu") == 0 &&
			    strcmp(f.name, "wfi") == 0)
				f.u = 2;
			ck_assert_int_eq(rr_snap_put_field(c, &f), RR_OK);
		}
	}
	ck_assert_int_eq(machine_init(&m2, RAM_SIZE, 0), 0);
	ck_assert_int_eq(machine_load(&m2, c, err, sizeof(err)), -1);
	ck_assert_str_eq(err, "cpu: wfi is 0x2, at most 0x1");
	/* Nothing was changed: the machine is as it was built. */
	ck_assert_uint_eq(m2.icount, 0);
	ck_assert_uint_eq(m2.clock_shift, 0);
	rr_snap_free(c);
	ck_assert_msg(machine_load(&m2, s, err, sizeof(err)) == 0, "%s", err);
	ck_assert_uint_eq(m2.clock_shift, 5);
	rr_snap_free(s);
	machine_free(&m);
	machine_free(&m2);
}
END_TEST

/* Every field survives save and load, not just what the hash sees. */
/*
 * Fields added to a section later are optional (formats/rrsnap.md): the
 * counters' offsets and mcounteren are written only when not 0, an
 * absent one loads as 0, and snap_has finds a field at any index.
 */
START_TEST(snapshot_optional_fields)
{
	struct machine m, m2;
	struct rr_snap *s, *c;
	struct rr_snap_meta meta;
	char err[256];
	long sec;

	ck_assert_int_eq(machine_init(&m, 64 * 1024, 0), 0);
	ck_assert_int_eq(machine_init(&m2, 64 * 1024, 0), 0);
	ck_assert_int_eq(machine_save(&m, NULL, &s), 0);
	ck_assert_int_ge(sec = rr_snap_find(s, "cpu"), 0);
	ck_assert(snap_has(s, (size_t)sec, "x"));		/* index 0 */
	ck_assert(snap_has(s, (size_t)sec, "resv_val"));	/* the last */
	ck_assert(!snap_has(s, (size_t)sec, "mcycle_off"));
	ck_assert(!snap_has(s, (size_t)sec, "mcounteren"));
	m2.cpu.ctr_off[1] = 5;
	ck_assert_msg(machine_load(&m2, s, err, sizeof(err)) == 0, "%s", err);
	ck_assert_uint_eq(m2.cpu.ctr_off[1], 0);
	rr_snap_free(s);

	cpu_ctr_off_set(&m.cpu, CTR_INSTRET, 0x123456789ull);
	m.cpu.mcounteren = 5;
	ck_assert_int_eq(machine_save(&m, NULL, &s), 0);
	sec = rr_snap_find(s, "cpu");
	ck_assert(snap_has(s, (size_t)sec, "minstret_off"));
	ck_assert(!snap_has(s, (size_t)sec, "mcycle_off"));
	ck_assert_msg(machine_load(&m2, s, err, sizeof(err)) == 0, "%s", err);
	ck_assert_uint_eq(cpu_ctr_off(&m2.cpu, CTR_INSTRET), 0x123456789ull);
	ck_assert_uint_eq(m2.cpu.mcounteren, 5);
	rr_snap_free(s);

	/* A section whose only field is the one looked for. */
	memset(&meta, 0, sizeof(meta));
	ck_assert_int_eq(rr_snap_new(&c, &meta), RR_OK);
	ck_assert_int_eq(rr_snap_begin(c, "t"), RR_OK);
	ck_assert_int_eq(rr_snap_put_u64(c, "a", 1), RR_OK);
	ck_assert(snap_has(c, (size_t)rr_snap_find(c, "t"), "a"));
	ck_assert(!snap_has(c, (size_t)rr_snap_find(c, "t"), "b"));
	rr_snap_free(c);
	machine_free(&m);
	machine_free(&m2);
}
END_TEST

START_TEST(snapshot_keeps_every_field)
{
	struct machine m, m2;
	struct rr_snap *s, *d;
	uint8_t *b;
	size_t l;
	uint32_t *w, i;
	char err[256];

	ck_assert_int_eq(machine_init(&m, 64 * 1024, 4), 0);
	w = (uint32_t *)(void *)&m.cpu;
	for (i = 0; i < sizeof(m.cpu) / 4; i++)
		w[i] = 0x01010101u * (i + 1);
	m.cpu.x[0] = 0;
	m.cpu.wfi = 1;
	m.cpu.resv_valid = 1;
	m.cpu.priv = PRV_S;
	m.cpu.menvcfg = 1;
	m.cpu.senvcfg = 1;
	m.icount = 123456;
	m.idle_bias = 987654321;
	m.clint.msip = 1;
	m.clint.mtimecmp = 0x123456789ull;
	for (i = 1; i < 32; i++)
		m.plic.priority[i] = i & 7;
	m.plic.enable = 0xdeadbeef;
	m.plic.threshold = 3;
	m.plic.pending = 0x0f0;
	m.plic.claimed = 0xf00;
	m.plic.enable_s = 0x10;
	m.plic.threshold_s = 2;
	m.cpu.mip_ext = plic_seip(&m.plic) ? MIP_SEIP : 0;
	ck_assert_uint_eq(m.cpu.mip_ext, MIP_SEIP);
	m.rtc.time_high = 11;
	m.rtc.alarm_low = 12;
	m.rtc.alarm_high = 13;
	m.rtc.irq_enabled = 1;
	m.rtc.alarm_running = 1;
	m.rtc.irq_pending = 1;
	m.rtc.tick_offset = 0xfedcba9876543210ull;
	m.fin.last = 0xabcd1234;
	m.exited = 1;
	m.exit_code = 0xabcd;
	m.uart.dll = 1;
	m.uart.dlm = 2;
	m.uart.scr = 3;
	m.uart.lcr = 0x1b;
	ck_assert_int_eq(uart_write(&m, 2, 0x01), 0);
	uart_rx_push(&m.uart, (const uint8_t *)"abc", 3);
	m.ram[100] = 1;
	machine_dirty(&m, 100);
	m.image_hash = 0x5555;
	ck_assert_int_eq(machine_save(&m, NULL, &s), 0);
	d = roundtrip(s, &b, &l);
	ck_assert_int_eq(machine_init(&m2, 64 * 1024, 0), 0);
	ck_assert_msg(machine_load(&m2, d, err, sizeof(err)) == 0, "%s", err);
	ck_assert_mem_eq(&m2.cpu, &m.cpu, sizeof(m.cpu));
	ck_assert_mem_eq(&m2.plic, &m.plic, sizeof(m.plic));
	ck_assert_mem_eq(&m2.rtc, &m.rtc, sizeof(m.rtc));
	ck_assert_mem_eq(&m2.uart, &m.uart, sizeof(m.uart));
	ck_assert_uint_eq(m2.clint.msip, 1);
	ck_assert_uint_eq(m2.clint.mtimecmp, m.clint.mtimecmp);
	ck_assert_uint_eq(m2.fin.last, m.fin.last);
	ck_assert_uint_eq(m2.icount, m.icount);
	ck_assert_uint_eq(m2.idle_bias, m.idle_bias);
	ck_assert_uint_eq(m2.clock_shift, 4);
	ck_assert_int_eq(m2.exited, 1);
	ck_assert_int_eq(m2.exit_code, 0xabcd);
	ck_assert_uint_eq(m2.image_hash, 0x5555);
	ck_assert_mem_eq(m2.ram, m.ram, 64 * 1024);
	free(b);
	rr_snap_free(s);
	rr_snap_free(d);
	machine_free(&m);
	machine_free(&m2);
}
END_TEST

/*
 * The privilege fields: absent in an M-only machine's snapshot (which
 * is as it was before them), and a reserved mode refused on load.
 */
START_TEST(snapshot_priv_fields)
{
	struct machine m, m2;
	struct rr_snap *s, *d;
	uint8_t *b;
	size_t l, i, n;
	long sec;
	struct rr_snap_field f;
	char err[256];

	ck_assert_int_eq(machine_init(&m, 64 * 1024, 0), 0);
	ck_assert_int_eq(machine_save(&m, NULL, &s), 0);
	d = roundtrip(s, &b, &l);
	n = rr_snap_nfields(d, 0);
	for (i = 0; i < n; i++) {
		ck_assert_int_eq(rr_snap_field(d, 0, i, &f), RR_OK);
		ck_assert_msg(strcmp(f.name, "priv") != 0 &&
		    strcmp(f.name, "satp") != 0, "cpu.%s saved", f.name);
	}
	/* Nor the PLIC's context 1, unused there. */
	ck_assert_int_ge(sec = rr_snap_find(d, "plic"), 0);
	n = rr_snap_nfields(d, (size_t)sec);
	ck_assert_uint_eq(n, 5);
	for (i = 0; i < n; i++) {
		ck_assert_int_eq(rr_snap_field(d, (size_t)sec, i, &f), RR_OK);
		ck_assert_msg(strstr(f.name, "_s") == NULL, "plic.%s saved",
		    f.name);
	}
	free(b);
	rr_snap_free(s);
	rr_snap_free(d);
	m.cpu.priv = 2;
	ck_assert_int_eq(machine_save(&m, NULL, &s), 0);
	d = roundtrip(s, &b, &l);
	ck_assert_int_eq(machine_init(&m2, 64 * 1024, 0), 0);
	ck_assert_int_ne(machine_load(&m2, d, err, sizeof(err)), 0);
	ck_assert_msg(strstr(err, "priv is 0x2, not 0 (U), 1 (S) or 3 (M)") !=
	    NULL, "%s", err);
	free(b);
	rr_snap_free(s);
	rr_snap_free(d);
	machine_free(&m);
	machine_free(&m2);
}
END_TEST

/*
 * Device tree revisions (emu/dtb.h): new machines boot the latest; a
 * header's tree hash names its revision, revision 1's hash is what
 * rremu wrote before revision 2 (tests/emu/old), and a machine loaded
 * from a snapshot goes on with the snapshot's revision.
 */
START_TEST(dtb_revisions)
{
	struct machine m, m2;
	struct rr_snap *s, *d;
	struct rr_header h;
	uint64_t h1, h2;
	uint8_t *b;
	size_t l;
	char err[256];

	ck_assert_int_eq(machine_init(&m, 1u << 20, 0), 0);
	ck_assert_uint_eq(m.dtb_rev, DTB_REV_LATEST);
	h2 = dtb_hash(&m);
	m.dtb_rev = DTB_REV_M;
	h1 = dtb_hash(&m);
	ck_assert_uint_eq(h1, 0x8f16d756f7889a00ull);
	ck_assert_uint_ne(h2, h1);
	ck_assert_uint_ne(h2, 0);
	ck_assert_uint_eq(dtb_rev_of(&m, h1), DTB_REV_M);
	ck_assert_uint_eq(dtb_rev_of(&m, h2), DTB_REV_SU);
	ck_assert_uint_eq(dtb_rev_of(&m, 0), DTB_REV_M);
	ck_assert_uint_eq(dtb_rev_of(&m, h1 ^ 1), 0);
	machine_header(&m, &h);
	ck_assert_uint_eq(h.dtb_hash, h1);
	ck_assert_int_eq(machine_save(&m, NULL, &s), 0);
	d = roundtrip(s, &b, &l);
	ck_assert_int_eq(machine_init(&m2, 1u << 20, 0), 0);
	ck_assert_msg(machine_load(&m2, d, err, sizeof(err)) == 0, "%s", err);
	ck_assert_uint_eq(m2.dtb_rev, DTB_REV_M);
	free(b);
	rr_snap_free(s);
	rr_snap_free(d);
	machine_free(&m);
	machine_free(&m2);
}
END_TEST

/*
 * A log of an S/U guest recorded by rremu before tree revision 2 and
 * the PLIC's context 1 (tests/emu/old/README): replay_open takes the
 * revision its header names, and it replays to its END with every
 * checkpoint's hash matching.
 */
START_TEST(old_log_replays)
{
	struct machine m;
	struct replay r;
	struct replay_outcome o;
	struct emu_error e;
	const char *log = "tests/emu/old/os-dtb1.rr";

	ck_assert_msg(replay_open(&r, &m, log, log, -1, &e) == 0, "%s",
	    e.msg);
	ck_assert_uint_eq(m.dtb_rev, DTB_REV_M);
	ck_assert_msg(replay_start(&r, NULL, 0, &e) == 0, "%s", e.msg);
	ck_assert_int_eq(replay_run(&r, UINT64_MAX, &o), EMU_MATCHED);
	ck_assert_int_eq(o.stop, EMU_EXITED);
	replay_close(&r);
}
END_TEST

/* ---- the guest programs, if built: $B/guests, every .elf ---- */

#define GUEST_BUDGET	2000000u	/* instructions per guest run */

static int
guest_boot(struct machine *m, const char *path)
{
	uint8_t *img;
	size_t len;
	uint32_t entry;
	char err[256];

	ck_assert_int_eq(machine_init(m, 16u << 20, 0), 0);
	ck_assert_ptr_nonnull(img = unit_slurp(path, &len));
	ck_assert_msg(elf_load(m, img, len, &entry, err, sizeof(err)) == 0,
	    "%s: %s", path, err);
	free(img);
	machine_reset(m, entry);
	return 0;
}

static uint64_t
guest_straight(const char *path, uint64_t *icount)
{
	struct machine m;
	uint64_t h;
	int rc;

	guest_boot(&m, path);
	rc = machine_run(&m, GUEST_BUDGET);
	ck_assert_msg(rc != STOP_ERROR, "%s: %s", path, m.err.msg);
	*icount = m.icount;
	h = machine_hash(&m, NULL, NULL);
	machine_free(&m);
	return h;
}

/*
 * Each guest that is deterministic without a gate (no RTC or entropy
 * reads: two straight runs agree) must end in the same state when cut
 * at random points, and when resumed from a snapshot.
 */
START_TEST(guests_random_stops)
{
	struct machine m, m2;
	struct rr_snap *s;
	struct dirent *de;
	char dir[512], path[1024], err[256];
	uint64_t h, h2, n, n2, seed = 99, at;
	int rc, compared = 0, devnull;
	DIR *d;

	snprintf(dir, sizeof(dir), "%s/guests", unit_builddir());
	if ((d = opendir(dir)) == NULL)
		return;		/* guests not built: nothing to do */
	/* Guest output would go to stdout: keep the test log readable. */
	fflush(stdout);
	if ((devnull = open("/dev/null", O_WRONLY)) >= 0) {
		dup2(devnull, STDOUT_FILENO);
		close(devnull);
	}
	while ((de = readdir(d)) != NULL) {
		n = strlen(de->d_name);
		if (n < 5 || strcmp(de->d_name + n - 4, ".elf") != 0)
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, de->d_name);
		h = guest_straight(path, &n);
		if (guest_straight(path, &n2) != h || n2 != n)
			continue;	/* reads host time or entropy */
		guest_boot(&m, path);
		do {
			at = m.icount + 1 + rnd(&seed) % (n / 30 + 2);
			rc = machine_run(&m, at < n ? at : n);
			ck_assert_msg(rc != STOP_ERROR, "%s: %s", path,
			    m.err.msg);
		} while (m.icount < n && rc == STOP_LIMIT);
		ck_assert_msg(m.icount == n, "%s: icount %llu, straight %llu",
		    path, (unsigned long long)m.icount,
		    (unsigned long long)n);
		ck_assert_msg(machine_hash(&m, NULL, NULL) == h,
		    "%s: cut at random points, the state differs", path);
		machine_free(&m);

		/* Snapshot at a random point, resume elsewhere. */
		at = 1 + rnd(&seed) % n;
		guest_boot(&m, path);
		(void)machine_run(&m, at);
		ck_assert_int_eq(machine_save(&m, NULL, &s), 0);
		ck_assert_int_eq(machine_init(&m2, 16u << 20, 0), 0);
		ck_assert_msg(machine_load(&m2, s, err, sizeof(err)) == 0,
		    "%s: %s", path, err);
		(void)machine_run(&m2, GUEST_BUDGET);
		h2 = machine_hash(&m2, NULL, NULL);
		ck_assert_msg(h2 == h && m2.icount == n, "%s: resumed from "
		    "icount %llu, the state differs", path,
		    (unsigned long long)at);
		rr_snap_free(s);
		machine_free(&m);
		machine_free(&m2);
		compared++;
	}
	closedir(d);
	ck_assert_msg(compared > 0, "no deterministic guest in %s", dir);
}
END_TEST

Suite		*suite_machine(void);

/*
 * A code address in the machine's messages: the hex, then the front
 * end's name for it; a lookup that fails or names nothing leaves the
 * hex alone, whatever it wrote into the buffer.
 */
static int sym_rc;
static const char *sym_text;

static int
fake_symbolize(void *arg, uint32_t addr, char *buf, size_t len)
{
	(void)arg;
	(void)addr;
	snprintf(buf, len, "%s", sym_text);
	return sym_rc;
}

START_TEST(addr_text_names)
{
	static struct machine m;
	struct emu_hooks h;
	char buf[64];

	memset(&h, 0, sizeof(h));
	h.symbolize = fake_symbolize;
	ck_assert_str_eq(emu_addr_text(&m, 0x80000010, buf, sizeof(buf)),
	    "0x80000010");
	m.hooks = &h;
	sym_rc = 0;
	sym_text = "main+0x10 (m.c:3)";
	ck_assert_str_eq(emu_addr_text(&m, 0x80000010, buf, sizeof(buf)),
	    "0x80000010 main+0x10 (m.c:3)");
	sym_rc = -1;
	sym_text = "junk";
	ck_assert_str_eq(emu_addr_text(&m, 0x80000010, buf, sizeof(buf)),
	    "0x80000010");
	sym_rc = 0;
	sym_text = "";
	ck_assert_str_eq(emu_addr_text(&m, 0x80000010, buf, sizeof(buf)),
	    "0x80000010");
	/* No room for a name: the hex only. */
	sym_text = "main";
	ck_assert_str_eq(emu_addr_text(&m, 0x80000010, buf, 11),
	    "0x80000010");
	m.hooks = NULL;
}
END_TEST

Suite *
suite_machine(void)
{
	Suite *s = suite_create("machine");
	TCase *tc = tcase_create("core");

	tcase_set_timeout(tc, 120);
	tcase_add_loop_test(tc, deadline_math, 0,
	    (int)(sizeof(shifts) / sizeof(shifts[0])));
	tcase_add_test(tc, wfi_jumps_time);
	tcase_add_test(tc, deadline_irq_exact);
	tcase_add_test(tc, stop_exact);
	tcase_add_loop_test(tc, random_stops_same_hash, 0,
	    (int)(sizeof(shifts) / sizeof(shifts[0])));
	tcase_add_test(tc, uart_program);
	tcase_add_test(tc, hash_names_region);
	tcase_add_test(tc, cpu_layout_known);
	tcase_add_loop_test(tc, snapshot_resume, 0, 4);
	tcase_add_test(tc, snapshot_sections_any_order);
	tcase_add_test(tc, snapshot_refused);
	tcase_add_test(tc, guests_random_stops);
	tcase_add_test(tc, init_refused);
	tcase_add_test(tc, snapshot_bad_field);
	tcase_add_test(tc, hash_covers_every_field);
	tcase_add_test(tc, snapshot_keeps_every_field);
	tcase_add_test(tc, snapshot_priv_fields);
	tcase_add_test(tc, dtb_revisions);
	tcase_add_test(tc, old_log_replays);
	tcase_add_test(tc, snapshot_optional_fields);
	tcase_add_test(tc, addr_text_names);
	suite_add_tcase(s, tc);
	return s;
}
