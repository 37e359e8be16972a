/* Unit tests: RV32C expansion (emu/rvc.c) and naming what is missing (emu/lacks.c). */
#include <check.h>
#include <string.h>

#include "../../emu/lacks.h"
#include "../../emu/rvc.h"
#include "unit.h"

/*
 * Each compressed instruction and its 32-bit equivalent, both as GNU as
 * (binutils 2.40) encodes them: "c.lw a5, 124(a0)" with .option rvc and
 * "lw a5, 124(a0)" with .option norvc.  Jumps and branches are relative,
 * so both forms of ".+N" encode the same offset.
 */
static const struct {
	uint16_t	 h;
	uint32_t	 w;
} expand_cases[] = {
	{ 0x0808, 0x01010513 }, /* c.addi4spn a0, sp, 16 */
	{ 0x1fe4, 0x3fc10493 }, /* c.addi4spn s1, sp, 1020 */
	{ 0x5d7c, 0x07c52783 }, /* c.lw a5, 124(a0) */
	{ 0x4080, 0x0004a403 }, /* c.lw s0, 0(s1) */
	{ 0xc2b8, 0x04e6a023 }, /* c.sw a4, 64(a3) */
	{ 0xc1d0, 0x00c5a223 }, /* c.sw a2, 4(a1) */
	{ 0x1501, 0xfe050513 }, /* c.addi a0, -32 */
	{ 0x02fd, 0x01f28293 }, /* c.addi t0, 31 */
	{ 0x0001, 0x00000013 }, /* c.nop */
	{ 0x2ffd, 0x7fe000ef }, /* c.jal .+2046 */
	{ 0x3001, 0x801ff0ef }, /* c.jal .-2048 */
	{ 0x2009, 0x002000ef }, /* c.jal .+2 */
	{ 0x537d, 0xfff00313 }, /* c.li t1, -1 */
	{ 0x47c5, 0x01100793 }, /* c.li a5, 17 */
	{ 0x7101, 0xe0010113 }, /* c.addi16sp sp, -512 */
	{ 0x617d, 0x1f010113 }, /* c.addi16sp sp, 496 */
	{ 0x6141, 0x01010113 }, /* c.addi16sp sp, 16 */
	{ 0x657d, 0x0001f537 }, /* c.lui a0, 0x1f */
	{ 0x7901, 0xfffe0937 }, /* c.lui s2, 0xfffe0 */
	{ 0x6385, 0x000013b7 }, /* c.lui t2, 1 */
	{ 0x817d, 0x01f55513 }, /* c.srli a0, 31 */
	{ 0x8005, 0x00145413 }, /* c.srli s0, 1 */
	{ 0x859d, 0x4075d593 }, /* c.srai a1, 7 */
	{ 0x86fd, 0x41f6d693 }, /* c.srai a3, 31 */
	{ 0x9a7d, 0xfff67613 }, /* c.andi a2, -1 */
	{ 0x88d5, 0x0154f493 }, /* c.andi s1, 21 */
	{ 0x8d0d, 0x40b50533 }, /* c.sub a0, a1 */
	{ 0x8c3d, 0x00f44433 }, /* c.xor s0, a5 */
	{ 0x8f51, 0x00c76733 }, /* c.or a4, a2 */
	{ 0x8ee5, 0x0096f6b3 }, /* c.and a3, s1 */
	{ 0xaffd, 0x7fe0006f }, /* c.j .+2046 */
	{ 0xb001, 0x801ff06f }, /* c.j .-2048 */
	{ 0xbffd, 0xfffff06f }, /* c.j .-2 */
	{ 0xcd7d, 0x0e050f63 }, /* c.beqz a0, .+254 */
	{ 0xd081, 0xf00480e3 }, /* c.beqz s1, .-256 */
	{ 0xe389, 0x00079163 }, /* c.bnez a5, .+2 */
	{ 0xfc6d, 0xfe041de3 }, /* c.bnez s0, .-6 */
	{ 0x02fe, 0x01f29293 }, /* c.slli t0, 31 */
	{ 0x0506, 0x00151513 }, /* c.slli a0, 1 */
	{ 0x50fe, 0x0fc12083 }, /* c.lwsp ra, 252(sp) */
	{ 0x4f82, 0x00012f83 }, /* c.lwsp t6, 0(sp) */
	{ 0x8082, 0x00008067 }, /* c.jr ra */
	{ 0x8f82, 0x000f8067 }, /* c.jr t6 */
	{ 0x852e, 0x00b00533 }, /* c.mv a0, a1 */
	{ 0x8f86, 0x00100fb3 }, /* c.mv t6, ra */
	{ 0x9002, 0x00100073 }, /* c.ebreak */
	{ 0x9502, 0x000500e7 }, /* c.jalr a0 */
	{ 0x947e, 0x01f40433 }, /* c.add s0, t6 */
	{ 0x912a, 0x00a10133 }, /* c.add sp, a0 */
	{ 0xdf86, 0x0e112e23 }, /* c.swsp ra, 252(sp) */
	{ 0xc07e, 0x01f12023 }, /* c.swsp t6, 0(sp) */
};

START_TEST(expand)
{
	ck_assert_msg(rvc_expand(expand_cases[_i].h) == expand_cases[_i].w,
	    "0x%04x: got 0x%08x, want 0x%08x", expand_cases[_i].h,
	    rvc_expand(expand_cases[_i].h), expand_cases[_i].w);
	ck_assert_int_eq(RVC_LEN(expand_cases[_i].h), 2);
}
END_TEST

/* Reserved encodings and those of extensions the machine lacks. */
static const uint16_t illegal_cases[] = {
	0x0000,		/* all zero: defined illegal */
	0x0008,		/* c.addi4spn with nzuimm 0 */
	0x2000,		/* c.fld */
	0x6000,		/* c.flw */
	0x8000,		/* quadrant 0, funct3 4: reserved (Zcb) */
	0xa000,		/* c.fsd */
	0xe000,		/* c.fsw */
	0x6101,		/* c.addi16sp with nzimm 0 */
	0x6501,		/* c.lui a0, 0: reserved */
	0x9101,		/* c.srli s0, 32: RV64 only */
	0x9501,		/* c.srai s0, 32 */
	0x9c01,		/* c.subw: RV64 */
	0x9c21,		/* c.addw */
	0x1082,		/* c.slli ra, 32 */
	0x2082,		/* c.fldsp */
	0x4002,		/* c.lwsp x0: reserved */
	0x6082,		/* c.flwsp */
	0x8002,		/* c.jr x0: reserved */
	0xa002,		/* c.fsdsp */
	0xe002,		/* c.fswsp */
	0x0003		/* not compressed at all (low bits 11) */
};

START_TEST(expand_illegal)
{
	ck_assert_msg(rvc_expand(illegal_cases[_i]) == 0,
	    "0x%04x expands to 0x%08x", illegal_cases[_i],
	    rvc_expand(illegal_cases[_i]));
}
END_TEST

START_TEST(hints)
{
	/* HINTs run as their base instruction, which writes x0. */
	ck_assert_uint_eq(rvc_expand(0x0005), 0x00100013);	/* c.addi x0, 1 */
	ck_assert_uint_eq(rvc_expand(0x4005), 0x00100013);	/* c.li x0, 1 */
	ck_assert_uint_eq(rvc_expand(0x6005), 0x00001037);	/* c.lui x0, 1 */
	ck_assert_uint_eq(rvc_expand(0x802e), 0x00b00033);	/* c.mv x0, a1 */
	ck_assert_uint_eq(rvc_expand(0x0002), 0x00001013);	/* c.slli x0, 0 */
	ck_assert_uint_eq(RVC_LEN(0x0013), 4);
}
END_TEST

static const struct {
	uint32_t	 w;
	int		 len;
	const char	*want;		/* NULL: nothing named */
} lacks_cases[] = {
	{ 0x18001073, 4, NULL },	/* csrw satp: S mode exists */
	{ 0x10529073, 4, NULL },	/* csrw stvec */
	{ 0x00302573, 4, "csrr fcsr: F (single-precision floating point) "
	    "is not implemented" },
	{ 0xc2002573, 4, "csrr 0xc20: V (vectors) is not implemented" },
	{ 0x60002573, 4, "csrr 0x600: H (the hypervisor extension) is not "
	    "implemented" },
	{ 0x7a0025f3, 4, "csrr 0x7a0: Sdtrig and debug mode is not "
	    "implemented" },
	{ 0x00052007, 4, "flw: F (single-precision floating point) is not "
	    "implemented" },
	{ 0x00b53027, 4, "fsd: D (double-precision floating point) is not "
	    "implemented" },
	{ 0x02b57553, 4, "floating-point operation: D (double-precision "
	    "floating point) is not implemented" },
	{ 0x0c0572d7, 4, "vector operation: V (vectors) is not "
	    "implemented" },
	{ 0x0015051b, 4, "addiw/slliw/srliw/sraiw: RV64 (this is an RV32 "
	    "machine) is not implemented" },
	{ 0x00053503, 4, "ld: RV64 (this is an RV32 machine) is not "
	    "implemented" },
	{ 0x00056503, 4, "lwu: RV64 (this is an RV32 machine) is not "
	    "implemented" },
	{ 0x00057503, 4, NULL },	/* load funct3 7: reserved */
	{ 0x04b50533, 4, NULL },	/* OP funct7 2: reserved */
	{ 0x10200073, 4, NULL },	/* sret */
	{ 0x60051513, 4, "bit-manipulation instruction: B (bit "
	    "manipulation: Zba, Zbb, Zbc, Zbs) is not implemented" },
	{ 0x6000, 2, "c.flw: F (single-precision floating point) is not "
	    "implemented" },
	{ 0x2082, 2, "c.fldsp: D (double-precision floating point) is not "
	    "implemented" },
	{ 0x8000, 2, "c.lbu/c.lhu/c.sb/c.sh: Zcb (more compressed "
	    "instructions) is not implemented" },
	{ 0xa000, 2, "c.fsd: D (double-precision floating point) is not "
	    "implemented" },
	{ 0x1082, 2, "c.slli by 32 or more: RV64 (this is an RV32 "
	    "machine) is not implemented" },
	{ 0x9c01, 2, "c.subw/c.addw: RV64 (this is an RV32 machine) is "
	    "not implemented" },
	{ 0x0000, 2, NULL },		/* illegal, but no extension's */
	{ 0xffffffff, 4, NULL },
	{ 0xf1102573, 4, NULL },	/* csrr mvendorid: exists */
	{ 0x30001073, 4, NULL }		/* csrw mstatus */
};

START_TEST(lacks)
{
	char buf[160] = "untouched";
	int named;

	named = lacks_name(lacks_cases[_i].w, lacks_cases[_i].len, buf,
	    sizeof(buf));
	if (lacks_cases[_i].want == NULL) {
		ck_assert_int_eq(named, 0);
		ck_assert_str_eq(buf, "untouched");
	} else {
		ck_assert_int_eq(named, 1);
		ck_assert_str_eq(buf, lacks_cases[_i].want);
	}
}
END_TEST

Suite *
suite_rvc(void)
{
	Suite *s = suite_create("rvc");
	TCase *tc = tcase_create("rvc");

	tcase_add_loop_test(tc, expand, 0,
	    (int)(sizeof(expand_cases) / sizeof(expand_cases[0])));
	tcase_add_loop_test(tc, expand_illegal, 0,
	    (int)(sizeof(illegal_cases) / sizeof(illegal_cases[0])));
	tcase_add_test(tc, hints);
	tcase_add_loop_test(tc, lacks, 0,
	    (int)(sizeof(lacks_cases) / sizeof(lacks_cases[0])));
	suite_add_tcase(s, tc);
	return s;
}
