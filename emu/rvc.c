/* RV32C: expand a 16-bit instruction into its 32-bit equivalent. */

/*
 * Every RV32C instruction is a short form of one RV32I instruction
 * (the unprivileged spec, chapter "C", lists the pairs), so the hart
 * decodes the expansion and needs no handler of its own for any of
 * them; only the length differs, which the hart keeps beside the
 * decode.  Field layouts follow the spec's tables 16.5 and 16.6.
 */
#include <stdint.h>

#include "rvc.h"

/* Bit b of h, moved to bit at. */
#define BIT(h, b, at)	((((h) >> (b)) & 1u) << (at))
/* Bits hi..lo of h, moved down to start at bit at. */
#define BITS(h, hi, lo, at) \
	((((h) >> (lo)) & ((1u << ((hi) - (lo) + 1)) - 1)) << (at))

enum {
	OPC_LOAD = 0x03, OPC_OPIMM = 0x13, OPC_STORE = 0x23, OPC_OP = 0x33,
	OPC_LUI = 0x37, OPC_BRANCH = 0x63, OPC_JALR = 0x67, OPC_JAL = 0x6f
};

static uint32_t
sext(uint32_t v, int bits)
{
	uint32_t m = 1u << (bits - 1);

	v &= (m << 1) - 1;
	return (v ^ m) - m;
}

static uint32_t
itype(uint32_t opc, uint32_t f3, uint32_t rd, uint32_t rs1, uint32_t imm)
{
	return (imm & 0xfff) << 20 | rs1 << 15 | f3 << 12 | rd << 7 | opc;
}

static uint32_t
stype(uint32_t rs1, uint32_t rs2, uint32_t imm)
{
	return ((imm >> 5) & 0x7f) << 25 | rs2 << 20 | rs1 << 15 | 2u << 12 |
	    (imm & 31) << 7 | OPC_STORE;
}

static uint32_t
rtype(uint32_t f7, uint32_t f3, uint32_t rd, uint32_t rs1, uint32_t rs2)
{
	return f7 << 25 | rs2 << 20 | rs1 << 15 | f3 << 12 | rd << 7 | OPC_OP;
}

static uint32_t
btype(uint32_t f3, uint32_t rs1, uint32_t imm)
{
	return BIT(imm, 12, 31) | BITS(imm, 10, 5, 25) | rs1 << 15 |
	    f3 << 12 | BITS(imm, 4, 1, 8) | BIT(imm, 11, 7) | OPC_BRANCH;
}

static uint32_t
jtype(uint32_t rd, uint32_t imm)
{
	return BIT(imm, 20, 31) | BITS(imm, 10, 1, 21) | BIT(imm, 11, 20) |
	    BITS(imm, 19, 12, 12) | rd << 7 | OPC_JAL;
}

/* The CJ-format jump offset (C.J, C.JAL). */
static uint32_t
cj_imm(uint32_t h)
{
	return sext(BIT(h, 12, 11) | BIT(h, 11, 4) | BITS(h, 10, 9, 8) |
	    BIT(h, 8, 10) | BIT(h, 7, 6) | BIT(h, 6, 7) | BITS(h, 5, 3, 1) |
	    BIT(h, 2, 5), 12);
}

/* The CB-format branch offset (C.BEQZ, C.BNEZ). */
static uint32_t
cb_imm(uint32_t h)
{
	return sext(BIT(h, 12, 8) | BITS(h, 11, 10, 3) | BITS(h, 6, 5, 6) |
	    BITS(h, 4, 3, 1) | BIT(h, 2, 5), 9);
}

/* The 6-bit immediate at 12 and 6:2, sign-extended. */
static uint32_t
ci_imm(uint32_t h)
{
	return sext(BIT(h, 12, 5) | BITS(h, 6, 2, 0), 6);
}

static uint32_t
quadrant0(uint32_t h)
{
	uint32_t rs1 = 8 + BITS(h, 9, 7, 0), rd = 8 + BITS(h, 4, 2, 0);
	uint32_t imm;

	switch (h >> 13) {
	case 0:		/* C.ADDI4SPN; nzuimm 0 (and 0x0000) reserved */
		imm = BITS(h, 12, 11, 4) | BITS(h, 10, 7, 6) | BIT(h, 6, 2) |
		    BIT(h, 5, 3);
		return imm == 0 ? 0 : itype(OPC_OPIMM, 0, rd, 2, imm);
	case 2:		/* C.LW */
		imm = BITS(h, 12, 10, 3) | BIT(h, 6, 2) | BIT(h, 5, 6);
		return itype(OPC_LOAD, 2, rd, rs1, imm);
	case 6:		/* C.SW */
		imm = BITS(h, 12, 10, 3) | BIT(h, 6, 2) | BIT(h, 5, 6);
		return stype(rs1, rd, imm);
	}
	return 0;	/* C.FLD, C.FLW, C.FSD, C.FSW, reserved */
}

static uint32_t
quadrant1(uint32_t h)
{
	static const uint32_t alu_f3[4] = { 0, 4, 6, 7 };  /* sub xor or and */
	uint32_t rd = BITS(h, 11, 7, 0), rp = 8 + BITS(h, 9, 7, 0);
	uint32_t rp2 = 8 + BITS(h, 4, 2, 0), imm;

	switch (h >> 13) {
	case 0:		/* C.ADDI, C.NOP */
		return itype(OPC_OPIMM, 0, rd, rd, ci_imm(h));
	case 1:		/* C.JAL */
		return jtype(1, cj_imm(h));
	case 2:		/* C.LI */
		return itype(OPC_OPIMM, 0, rd, 0, ci_imm(h));
	case 3:
		if (rd == 2) {	/* C.ADDI16SP; nzimm 0 reserved */
			imm = sext(BIT(h, 12, 9) | BIT(h, 6, 4) | BIT(h, 5, 6) |
			    BITS(h, 4, 3, 7) | BIT(h, 2, 5), 10);
			return imm == 0 ? 0 : itype(OPC_OPIMM, 0, 2, 2, imm);
		}
		/* C.LUI; nzimm 0 reserved */
		imm = ci_imm(h);
		return imm == 0 ? 0 : (imm << 12) | rd << 7 | OPC_LUI;
	case 4:
		switch (BITS(h, 11, 10, 0)) {
		case 0:		/* C.SRLI; shamt[5] = 1 is RV64 only */
		case 1:		/* C.SRAI */
			if (BIT(h, 12, 0))
				return 0;
			return itype(OPC_OPIMM, 5, rp, rp, BITS(h, 6, 2, 0) |
			    (BIT(h, 10, 0) ? 0x400u : 0));
		case 2:		/* C.ANDI */
			return itype(OPC_OPIMM, 7, rp, rp, ci_imm(h));
		default:	/* C.SUB C.XOR C.OR C.AND; bit 12: RV64 */
			if (BIT(h, 12, 0))
				return 0;
			return rtype(BITS(h, 6, 5, 0) == 0 ? 0x20 : 0,
			    alu_f3[BITS(h, 6, 5, 0)], rp, rp, rp2);
		}
	case 5:		/* C.J */
		return jtype(0, cj_imm(h));
	case 6:		/* C.BEQZ */
		return btype(0, rp, cb_imm(h));
	default:	/* C.BNEZ */
		return btype(1, rp, cb_imm(h));
	}
}

static uint32_t
quadrant2(uint32_t h)
{
	uint32_t rd = BITS(h, 11, 7, 0), rs2 = BITS(h, 6, 2, 0), imm;

	switch (h >> 13) {
	case 0:		/* C.SLLI; shamt[5] = 1 is RV64 only */
		if (BIT(h, 12, 0))
			return 0;
		return itype(OPC_OPIMM, 1, rd, rd, rs2);
	case 2:		/* C.LWSP; rd = 0 reserved */
		imm = BIT(h, 12, 5) | BITS(h, 6, 4, 2) | BITS(h, 3, 2, 6);
		return rd == 0 ? 0 : itype(OPC_LOAD, 2, rd, 2, imm);
	case 4:
		if (!BIT(h, 12, 0)) {
			if (rs2 == 0)	/* C.JR; rs1 = 0 reserved */
				return rd == 0 ? 0 :
				    itype(OPC_JALR, 0, 0, rd, 0);
			return rtype(0, 0, rd, 0, rs2);	/* C.MV */
		}
		if (rs2 != 0)
			return rtype(0, 0, rd, rd, rs2);	/* C.ADD */
		if (rd == 0)
			return 0x00100073;			/* C.EBREAK */
		return itype(OPC_JALR, 0, 1, rd, 0);		/* C.JALR */
	case 6:		/* C.SWSP */
		imm = BITS(h, 12, 9, 2) | BITS(h, 8, 7, 6);
		return stype(2, rs2, imm);
	}
	return 0;	/* C.FLDSP, C.FLWSP, C.FSDSP, C.FSWSP */
}

uint32_t
rvc_expand(uint32_t h)
{
	h &= 0xffff;
	switch (h & 3) {
	case 0:
		return quadrant0(h);
	case 1:
		return quadrant1(h);
	case 2:
		return quadrant2(h);
	}
	return 0;	/* not compressed */
}
