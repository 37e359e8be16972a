/* Unit tests: semihosting's machine half and the boot (emu/semihost.c, dtb.c). */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "../../emu/dtb.h"
#include "../../emu/machine.h"
#include "../../lib/rrsnap.h"
#include "unit.h"

#define RAM_SIZE	(1u << 20)
#define PRE		0x01f01013u	/* slli x0, x0, 0x1f */
#define EBREAK		0x00100073u
#define POST		0x40705013u	/* srai x0, x0, 7 */
#define ARGS		(RAM_BASE + 0x8000)	/* parameter blocks */
#define STR		(RAM_BASE + 0x9000)

static struct machine m;

static void
put32(uint32_t addr, uint32_t v)
{
	memcpy(m.ram + (addr - RAM_BASE), &v, 4);
}

static uint32_t
get32(uint32_t addr)
{
	uint32_t v;

	memcpy(&v, m.ram + (addr - RAM_BASE), 4);
	return v;
}

static void
setup(void)
{
	ck_assert_int_eq(machine_init(&m, RAM_SIZE, 0), 0);
	m.sh.on = 1;
}

static void
teardown(void)
{
	machine_free(&m);
}

/* The sequence with its EBREAK at addr; the call's answer in x. */
static int
call_at(uint32_t addr, uint32_t op, uint32_t a1, uint32_t *x)
{
	put32(addr - 4, PRE);
	put32(addr, EBREAK);
	put32(addr + 4, POST);
	memset(x, 0, 32 * sizeof(*x));
	x[10] = op;
	x[11] = a1;
	m.cpu.pc = addr;
	return semihost_call(&m, x);
}

static uint32_t
call(uint32_t op, uint32_t a1)
{
	uint32_t x[32];

	ck_assert_int_eq(call_at(RAM_BASE + 0x100, op, a1, x), SH_DONE);
	return x[10];
}

START_TEST(sequence_recognised)
{
	uint32_t x[32];

	ck_assert_int_eq(call_at(RAM_BASE + 0x100, SH_TICKFREQ, 0, x),
	    SH_DONE);
	ck_assert_uint_eq(x[10], SH_TICKFREQ_HZ);
	/* Off: a breakpoint. */
	m.sh.on = 0;
	ck_assert_int_eq(call_at(RAM_BASE + 0x100, SH_TICKFREQ, 0, x),
	    SH_NOT);
	m.sh.on = 1;
	/* Either shift missing. */
	put32(RAM_BASE + 0x0fc, 0x01f01093u);
	m.cpu.pc = RAM_BASE + 0x100;
	ck_assert_int_eq(semihost_call(&m, x), SH_NOT);
	put32(RAM_BASE + 0x0fc, PRE);
	put32(RAM_BASE + 0x104, 0x40705093u);
	ck_assert_int_eq(semihost_call(&m, x), SH_NOT);
	/* A c.ebreak (and the next 2 bytes) between them: not a call. */
	put32(RAM_BASE + 0x104, POST);
	ck_assert_int_eq(semihost_call(&m, x), SH_DONE);
	put32(RAM_BASE + 0x100, 0x00019002u);
	ck_assert_int_eq(semihost_call(&m, x), SH_NOT);
	put32(RAM_BASE + 0x100, EBREAK);
	/* The three in one page: not across either page boundary. */
	ck_assert_int_eq(call_at(RAM_BASE + 0x1ffc, SH_TICKFREQ, 0, x),
	    SH_NOT);
	ck_assert_int_eq(call_at(RAM_BASE + 0x2000, SH_TICKFREQ, 0, x),
	    SH_NOT);
	ck_assert_int_eq(call_at(RAM_BASE + 0x2004, SH_TICKFREQ, 0, x),
	    SH_DONE);
	ck_assert_int_eq(call_at(RAM_BASE + 0x1ff8, SH_TICKFREQ, 0, x),
	    SH_DONE);
	/* At a halfword boundary, as QEMU (a program linked without
	   relaxation has picolibc's sequence there); not at an odd pc;
	   no room before it in RAM; none after. */
	put32(RAM_BASE + 0x1fe, PRE);
	put32(RAM_BASE + 0x202, EBREAK);
	put32(RAM_BASE + 0x206, POST);
	m.cpu.pc = RAM_BASE + 0x202;
	ck_assert_int_eq(semihost_call(&m, x), SH_DONE);
	put32(RAM_BASE + 0x1ff, PRE);
	put32(RAM_BASE + 0x203, EBREAK);
	put32(RAM_BASE + 0x207, POST);
	m.cpu.pc = RAM_BASE + 0x203;
	ck_assert_int_eq(semihost_call(&m, x), SH_NOT);
	m.cpu.pc = RAM_BASE;
	ck_assert_int_eq(semihost_call(&m, x), SH_NOT);
	put32(RAM_BASE + RAM_SIZE - 8, PRE);
	put32(RAM_BASE + RAM_SIZE - 4, EBREAK);
	m.cpu.pc = RAM_BASE + RAM_SIZE - 4;
	ck_assert_int_eq(semihost_call(&m, x), SH_NOT);
}
END_TEST

/* Through the hart: the EBREAK retires and the SRAI follows. */
START_TEST(through_the_hart)
{
	uint32_t p = RAM_BASE;

	put32(p, 0x03100513u);		/* li a0, 0x31 (TICKFREQ) */
	put32(p + 4, PRE);
	put32(p + 8, EBREAK);
	put32(p + 12, POST);
	put32(p + 16, 0x0000006fu);	/* j . */
	machine_reset(&m, p);
	ck_assert_int_eq(machine_run(&m, 4), STOP_LIMIT);
	ck_assert_uint_eq(m.cpu.x[10], SH_TICKFREQ_HZ);
	ck_assert_uint_eq(m.cpu.pc, p + 16);
	ck_assert_uint_eq(m.cpu.mcause, 0);
	/* The same 2 bytes further on, after a c.nop: d moves by the
	   EBREAK's length, not by a slot. */
	m.ram[0] = 0x01;
	m.ram[1] = 0x00;
	put32(p + 2, 0x03100513u);
	put32(p + 6, PRE);
	put32(p + 10, EBREAK);
	put32(p + 14, POST);
	put32(p + 18, 0x0000006fu);
	cpu_flush_cache(&m);
	machine_reset(&m, p);
	ck_assert_int_eq(machine_run(&m, 5), STOP_LIMIT);
	ck_assert_uint_eq(m.cpu.x[10], SH_TICKFREQ_HZ);
	ck_assert_uint_eq(m.cpu.pc, p + 18);
	ck_assert_uint_eq(m.cpu.mcause, 0);
	put32(p, 0x03100513u);
	put32(p + 4, PRE);
	put32(p + 8, EBREAK);
	put32(p + 12, POST);
	put32(p + 16, 0x0000006fu);
	cpu_flush_cache(&m);
	/*
	 * A call that writes RAM (a READ) clears the decode cache under
	 * the hart: it still goes on past the EBREAK, the call made once
	 * (twice would read the 5 bytes, then none).
	 */
	memcpy(m.ram + (STR - RAM_BASE), ":semihosting-features", 22);
	put32(ARGS, STR);
	put32(ARGS + 4, 0);
	put32(ARGS + 8, 21);
	ck_assert_uint_eq(call(SH_OPEN, ARGS), 1);
	put32(ARGS, 1);
	put32(ARGS + 4, STR);
	put32(ARGS + 8, 64);
	put32(p + 0x40, 0x00600513u);	/* li a0, 6 (READ) */
	put32(p + 0x44, 0x800085b7u);	/* lui a1, ARGS */
	put32(p + 0x48, PRE);
	put32(p + 0x4c, EBREAK);
	put32(p + 0x50, POST);
	put32(p + 0x54, 0x0000006fu);
	cpu_flush_cache(&m);
	machine_reset(&m, p + 0x40);
	m.sh.h[0].kind = SH_FEATURES;
	ck_assert_int_eq(machine_run(&m, 5), STOP_LIMIT);
	ck_assert_uint_eq(m.cpu.x[10], 64 - 5);
	ck_assert_uint_eq(m.cpu.pc, p + 0x54);
	ck_assert_uint_eq(m.sh.h[0].pos, 5);
	/* Off: the documented trap, mcause 3, mtval 0, mepc the EBREAK. */
	m.sh.on = 0;
	machine_reset(&m, p);
	m.cpu.mtvec = p + 16;
	ck_assert_int_eq(machine_run(&m, 3), STOP_LIMIT);
	ck_assert_uint_eq(m.cpu.mcause, 3);
	ck_assert_uint_eq(m.cpu.mtval, 0);
	ck_assert_uint_eq(m.cpu.mepc, p + 8);
	ck_assert_uint_eq(m.cpu.pc, p + 16);
	ck_assert_uint_eq(m.cpu.x[10], 0x31);
}
END_TEST

START_TEST(bad_arguments)
{
	/* Each: -1 and its errno, which ERRNO then says. */
	ck_assert_uint_eq(call(SH_CLOSE, ARGS + RAM_SIZE), (uint32_t)-1);
	ck_assert_uint_eq(call(SH_ERRNO, 0), SH_EFAULT);
	put32(ARGS, 5);
	ck_assert_uint_eq(call(SH_CLOSE, ARGS), (uint32_t)-1);
	ck_assert_uint_eq(call(SH_ERRNO, 0), SH_EBADF);
	put32(ARGS, 0);
	ck_assert_uint_eq(call(SH_ISTTY, ARGS), (uint32_t)-1);
	put32(ARGS, SH_FILES + 1);
	ck_assert_uint_eq(call(SH_ISTTY, ARGS), (uint32_t)-1);
	ck_assert_uint_eq(call(SH_ERRNO, 0), SH_EBADF);
	ck_assert_uint_eq(call(0x12, 0), (uint32_t)-1);
	ck_assert_uint_eq(call(SH_ERRNO, 0), SH_ENOSYS);
	/* WRITE0 from outside RAM, or at RAM's very end with no NUL. */
	ck_assert_uint_eq(call(SH_WRITE0, 0x1000), (uint32_t)-1);
	ck_assert_uint_eq(call(SH_ERRNO, 0), SH_EFAULT);
	ck_assert_uint_eq(call(SH_HEAPINFO, RAM_BASE + RAM_SIZE - 2),
	    (uint32_t)-1);
	/* OPEN: a name of SH_PATH_MAX bytes, a mode past 11. */
	memcpy(m.ram + (STR - RAM_BASE), ":tt", 4);
	put32(ARGS, STR);
	put32(ARGS + 4, 0);
	put32(ARGS + 8, SH_PATH_MAX);
	ck_assert_uint_eq(call(SH_OPEN, ARGS), (uint32_t)-1);
	ck_assert_uint_eq(call(SH_ERRNO, 0), SH_ENAMETOOLONG);
	put32(ARGS + 8, 3);
	put32(ARGS + 4, 12);
	ck_assert_uint_eq(call(SH_OPEN, ARGS), (uint32_t)-1);
	ck_assert_uint_eq(call(SH_ERRNO, 0), SH_EINVAL);
	/* A name with a NUL inside its length. */
	memcpy(m.ram + (STR - RAM_BASE), ":t\0t", 4);
	put32(ARGS + 4, 0);
	put32(ARGS + 8, 4);
	ck_assert_uint_eq(call(SH_OPEN, ARGS), (uint32_t)-1);
	ck_assert_uint_eq(call(SH_ERRNO, 0), SH_EINVAL);
	/* A file without a gate or a root: it does not open. */
	memcpy(m.ram + (STR - RAM_BASE), "a.txt", 6);
	put32(ARGS + 4, 0);
	put32(ARGS + 8, 5);
	ck_assert_uint_eq(call(SH_OPEN, ARGS), (uint32_t)-1);
	ck_assert_uint_eq(call(SH_ERRNO, 0), SH_ENOENT);
}
END_TEST

START_TEST(handles)
{
	uint32_t i, h;

	memcpy(m.ram + (STR - RAM_BASE), ":tt", 4);
	put32(ARGS, STR);
	put32(ARGS + 8, 3);
	for (i = 1; i <= SH_FILES; i++) {
		put32(ARGS + 4, i % 2 ? 0 : 4);
		ck_assert_uint_eq(call(SH_OPEN, ARGS), i);
	}
	ck_assert_uint_eq(call(SH_OPEN, ARGS), (uint32_t)-1);
	ck_assert_uint_eq(call(SH_ERRNO, 0), SH_EMFILE);
	put32(ARGS + 16, 2);
	ck_assert_uint_eq(call(SH_ISTTY, ARGS + 16), 1);
	ck_assert_uint_eq(call(SH_CLOSE, ARGS + 16), 0);
	ck_assert_uint_eq(call(SH_CLOSE, ARGS + 16), (uint32_t)-1);
	/* The lowest free handle is taken again. */
	ck_assert_uint_eq(call(SH_OPEN, ARGS), 2);
	/* The features file: its 5 bytes, then nothing. */
	memcpy(m.ram + (STR - RAM_BASE), ":semihosting-features", 22);
	put32(ARGS + 8, 21);
	put32(ARGS + 4, 0);
	put32(ARGS + 16, 3);
	ck_assert_uint_eq(call(SH_CLOSE, ARGS + 16), 0);
	h = call(SH_OPEN, ARGS);
	ck_assert_uint_eq(h, 3);
	ck_assert_uint_eq(call(SH_FLEN, ARGS + 16), 5);
	ck_assert_uint_eq(call(SH_ISTTY, ARGS + 16), 0);
	put32(ARGS + 20, STR);
	put32(ARGS + 24, 64);
	ck_assert_uint_eq(call(SH_READ, ARGS + 16), 64 - 5);
	ck_assert_int_eq(memcmp(m.ram + (STR - RAM_BASE), "SHFB\x03", 5), 0);
	ck_assert_uint_eq(call(SH_READ, ARGS + 16), 64);
	put32(ARGS + 20, 4);
	ck_assert_uint_eq(call(SH_SEEK, ARGS + 16), 0);
	put32(ARGS + 20, STR);
	ck_assert_uint_eq(call(SH_READ, ARGS + 16), 63);
	ck_assert_uint_eq(m.ram[STR - RAM_BASE], 3);
	/* Console input without a gate: the end of the input. */
	put32(ARGS + 16, 1);
	ck_assert_uint_eq(call(SH_READ, ARGS + 16), 64);
	ck_assert_uint_eq(call(SH_READC, 0), (uint32_t)-1);
	ck_assert_uint_eq(call(SH_SEEK, ARGS + 16), (uint32_t)-1);
	ck_assert_uint_eq(call(SH_ERRNO, 0), SH_ESPIPE);
}
END_TEST

START_TEST(exits)
{
	put32(ARGS, 0x20026);
	put32(ARGS + 4, 0x103);
	call(SH_EXIT_EXTENDED, ARGS);
	ck_assert(m.exited);
	ck_assert_int_eq(m.exit_code, 3);	/* as a host sees 0x103 */
	m.exited = 0;
	put32(ARGS, 0x20023);
	call(SH_EXIT_EXTENDED, ARGS);
	ck_assert_int_eq(m.exit_code, 1);
	call(SH_EXIT, 0x20026);
	ck_assert_int_eq(m.exit_code, 0);
	call(SH_EXIT, 0x20024);
	ck_assert_int_eq(m.exit_code, 1);
}
END_TEST

/* save -> load -> save: the same bytes; what was open stays open. */
START_TEST(snapshot_round_trip)
{
	struct rr_snap *s, *s2;
	struct machine m2;
	uint8_t *b1, *b2;
	size_t l1, l2;
	char err[200];

	memcpy(m.ram + (STR - RAM_BASE), ":tt", 4);
	put32(ARGS, STR);
	put32(ARGS + 4, 4);
	put32(ARGS + 8, 3);
	ck_assert_uint_eq(call(SH_OPEN, ARGS), 1);
	call(0x77, 0);		/* errno ENOSYS */
	m.sh.h[4].kind = SH_FILE;
	m.sh.h[4].pos = 99;
	strcpy(m.sh.h[4].path, "dir/f.txt");
	m.sh.heap_lo = RAM_BASE + 0x1000;
	m.sh.heap_hi = RAM_BASE + 0x80000;
	ck_assert_int_eq(machine_save(&m, NULL, &s), 0);
	ck_assert_int_eq(rr_snap_encode(s, &b1, &l1), RR_OK);
	ck_assert_int_eq(machine_init(&m2, RAM_SIZE, 0), 0);
	ck_assert_int_eq(machine_load(&m2, s, err, sizeof(err)), 0);
	ck_assert_uint_eq(m2.sh.on, 1);
	ck_assert_uint_eq(m2.sh.err, SH_ENOSYS);
	ck_assert_uint_eq(m2.sh.h[0].kind, SH_TT_OUT);
	ck_assert_uint_eq(m2.sh.h[4].pos, 99);
	ck_assert_str_eq(m2.sh.h[4].path, "dir/f.txt");
	ck_assert_uint_eq(m2.sh.heap_hi, RAM_BASE + 0x80000);
	ck_assert_int_eq(machine_save(&m2, NULL, &s2), 0);
	ck_assert_int_eq(rr_snap_encode(s2, &b2, &l2), RR_OK);
	ck_assert_uint_eq(l1, l2);
	ck_assert_int_eq(memcmp(b1, b2, l1), 0);
	ck_assert_uint_eq(rr_snap_meta(s2)->hdr.semihosting, 1);
	/* A machine without semihosting: no section, and the flag off. */
	m2.sh.on = 0;
	rr_snap_free(s2);
	ck_assert_int_eq(machine_save(&m2, NULL, &s2), 0);
	ck_assert_int_lt(rr_snap_find(s2, "semihost"), 0);
	ck_assert_uint_eq(rr_snap_meta(s2)->hdr.semihosting, 0);
	ck_assert_int_eq(machine_load(&m, s2, err, sizeof(err)), 0);
	ck_assert_uint_eq(m.sh.on, 0);
	ck_assert_uint_eq(m.sh.h[0].kind, SH_FREE);
	free(b1);
	free(b2);
	rr_snap_free(s);
	rr_snap_free(s2);
	machine_free(&m2);
}
END_TEST

/* The boot: the tree at QEMU's place, a1 at it, a0 the hart. */
START_TEST(boot_places_the_tree)
{
	uint8_t buf[DTB_MAX];
	size_t n;
	uint32_t a;

	ck_assert_uint_eq(dtb_build(&m, buf, 64), 0);
	n = dtb_build(&m, buf, sizeof(buf));
	ck_assert_uint_gt(n, 0);
	m.image_end = RAM_BASE + 0x1000;
	ck_assert_int_eq(machine_boot(&m, RAM_BASE), 0);
	a = m.cpu.x[11];
	ck_assert_uint_eq(m.cpu.x[10], 0);
	/* 1 MiB of RAM: QEMU's 2 MiB-aligned place is the image; the top. */
	ck_assert_uint_eq(a, (RAM_BASE + RAM_SIZE - n) & ~7u);
	ck_assert_int_eq(memcmp(m.ram + (a - RAM_BASE), buf, n), 0);
	ck_assert_uint_eq(get32(a), 0xedfe0dd0u);	/* big-endian magic */
	ck_assert_uint_eq(m.sh.heap_lo, RAM_BASE + 0x1000);
	ck_assert_uint_eq(m.sh.heap_hi, a);
	/* An image that leaves no room: refused. */
	m.image_end = RAM_BASE + RAM_SIZE - 16;
	ck_assert_int_eq(machine_boot(&m, RAM_BASE), -1);
	m.image_end = RAM_BASE + RAM_SIZE + 4096;
	ck_assert_uint_eq(dtb_place(&m, n), 0);
}
END_TEST

START_TEST(boot_place_as_qemu)
{
	struct machine big;

	ck_assert_int_eq(machine_init(&big, 128u << 20, 0), 0);
	big.image_end = RAM_BASE + 0x5000;
	ck_assert_uint_eq(dtb_place(&big, 1800), 0x87e00000u);
	ck_assert_uint_eq(dtb_place(&big, 2u << 20), 0x87e00000u);
	ck_assert_uint_eq(dtb_place(&big, (2u << 20) + 1), 0x87c00000u);
	machine_free(&big);
	ck_assert_int_eq(machine_init(&big, 4u << 20, 0), 0);
	big.image_end = RAM_BASE + 0x5000;
	ck_assert_uint_eq(dtb_place(&big, 1800), 0x80200000u);
	machine_free(&big);
	/* RAM past 3 GiB: below 3 GiB, as QEMU (the placing reads only
	   the RAM's bounds and the image's end). */
	memset(&big, 0, sizeof(big));
	big.ram_base = RAM_BASE;
	big.ram_size = 0x60000000u;
	big.image_end = RAM_BASE + 0x5000;
	ck_assert_uint_eq(dtb_place(&big, 1800), 0xbfe00000u);
}
END_TEST

Suite *
suite_semihost(void)
{
	Suite *s = suite_create("semihost");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, sequence_recognised);
	tcase_add_test(tc, through_the_hart);
	tcase_add_test(tc, bad_arguments);
	tcase_add_test(tc, handles);
	tcase_add_test(tc, exits);
	tcase_add_test(tc, snapshot_round_trip);
	tcase_add_test(tc, boot_places_the_tree);
	tcase_add_test(tc, boot_place_as_qemu);
	suite_add_tcase(s, tc);
	return s;
}
