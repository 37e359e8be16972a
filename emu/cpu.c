/* The RV32IMAC hart: predecoding interpreter, CSRs, traps and interrupts. */

/*
 * How it works.  Every RAM halfword has a slot in the decode cache (an
 * instruction may start at any 2-byte boundary, IALIGN = 16); a slot is
 * decoded the first time it is executed (op, registers, immediate, with
 * branch and jump targets made slot indices, and the instruction's
 * length: a compressed one is decoded as its 32-bit expansion, emu/rvc.c)
 * and each handler jumps straight to the next one's (threaded code; a
 * switch where the compiler lacks labels as values).  Every store to RAM
 * marks its page dirty (the state hash rehashes only those) and, if the
 * page holds decoded slots, drops the slots of every instruction it
 * overwrote part of (the slot a 32-bit instruction starts in is the one
 * before its second half), so code changes are seen at once; FENCE.I has
 * nothing left to do.
 *
 * The hot loop keeps the slot pointer (the pc follows from it) and
 * icount in locals, with a copy of the registers whose entry 32 soaks
 * up writes to x0.  It checks the limit before every instruction, so a
 * run stops exactly at it; m->icount is written back before every call
 * out of the hart (bus, gate, clock), so devices see the count of
 * instructions completed before the current one.  Interrupts are taken
 * only between slices (cpu_run's loop), and the loop leaves the slice
 * whenever one may have become takeable (a device access, a CSR write,
 * MRET): where a run is stopped can never move the instruction an
 * interrupt lands on.
 *
 * Where QEMU 7.2 (qemu-system-riscv32 -M virt) and the spec disagree on
 * a guest-visible detail, this follows what QEMU was measured to do,
 * and says so beside the code; the exception is mepc (bit 0 reads as
 * zero, as the spec says).  With C, IALIGN is 16 and no jump or branch
 * can reach an odd address (JALR clears bit 0), so only an odd entry
 * point can raise instruction-address-misaligned.
 */
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cpu.h"
#include "gate.h"
#include "lacks.h"
#include "machine.h"
#include "mmu.h"
#include "pmp.h"
#include "priv.h"
#include "rvc.h"

/* RV32 (MXL = 1) with A, C, I, M, S and U; fixed, as QEMU's misa is. */
#define MISA_VALUE	(1u << 30 | 1u << 0 | 1u << 2 | 1u << 8 | \
			 1u << 12 | 1u << 18 | 1u << 20)

/*
 * CSR numbers.  The top two bits of a CSR number being 11 marks it
 * read-only (privileged spec, 2.1).
 */
enum {
	CSR_SEED = 0x015,
	CSR_SATP = 0x180, CSR_MISA = 0x301, CSR_MIP = 0x344,
	CSR_MSTATUSH = 0x310,
	CSR_MENVCFGH = 0x31a, CSR_MCOUNTINHIBIT = 0x320,
	CSR_MHPMEVENT3 = 0x323, CSR_MHPMEVENT31 = 0x33f,
	CSR_PMPCFG0 = 0x3a0, CSR_PMPCFG3 = 0x3a3,
	CSR_PMPADDR0 = 0x3b0, CSR_PMPADDR15 = 0x3bf,
	CSR_MCYCLE = 0xb00, CSR_MINSTRET = 0xb02,
	CSR_MHPMCOUNTER3 = 0xb03, CSR_MHPMCOUNTER18 = 0xb12,
	CSR_MCYCLEH = 0xb80, CSR_MINSTRETH = 0xb82,
	CSR_MHPMCOUNTER3H = 0xb83, CSR_MHPMCOUNTER18H = 0xb92,
	CSR_CYCLE = 0xc00, CSR_TIME = 0xc01, CSR_INSTRET = 0xc02,
	CSR_HPMCOUNTER3 = 0xc03, CSR_HPMCOUNTER18 = 0xc12,
	CSR_CYCLEH = 0xc80, CSR_TIMEH = 0xc81, CSR_INSTRETH = 0xc82,
	CSR_HPMCOUNTER3H = 0xc83, CSR_HPMCOUNTER18H = 0xc92,
	CSR_MVENDORID = 0xf11, CSR_MARCHID = 0xf12, CSR_MIMPID = 0xf13,
	CSR_MHARTID = 0xf14, CSR_MCONFIGPTR = 0xf15
};

/*
 * Instructions between looks at m->stop_req: it is set asynchronously,
 * so polling it per instruction would cost a memory load each.
 */
#define CHUNK		65536u

/* Decoded operations.  OP_DECODE is 0 so a zeroed entry means "stale". */
enum op {
	OP_DECODE = 0,
	OP_LUI,		/* LUI and AUIPC: imm holds the final value */
	OP_JAL, OP_JALR, OP_JFAR,
	OP_BEQ, OP_BNE, OP_BLT, OP_BGE, OP_BLTU, OP_BGEU, OP_BFAR,
	OP_LB, OP_LH, OP_LW, OP_LBU, OP_LHU,
	OP_SB, OP_SH, OP_SW,
	OP_ADDI, OP_SLTI, OP_SLTIU, OP_XORI, OP_ORI, OP_ANDI,
	OP_SLLI, OP_SRLI, OP_SRAI,
	OP_ADD, OP_SUB, OP_SLL, OP_SLT, OP_SLTU, OP_XOR, OP_SRL, OP_SRA,
	OP_OR, OP_AND,
	OP_MUL, OP_MULH, OP_MULHSU, OP_MULHU, OP_DIV, OP_DIVU, OP_REM,
	OP_REMU,
	OP_LR, OP_SC, OP_AMOSWAP, OP_AMOADD, OP_AMOXOR, OP_AMOAND, OP_AMOOR,
	OP_AMOMIN, OP_AMOMAX, OP_AMOMINU, OP_AMOMAXU,
	OP_NOP,		/* FENCE, FENCE.I */
	OP_SFENCE,	/* SFENCE.VMA: no TLB (emu/mmu.c), so only its rules */
	OP_CSRRW, OP_CSRRS, OP_CSRRC, OP_CSRRWI, OP_CSRRSI, OP_CSRRCI,
	OP_ECALL, OP_EBREAK, OP_MRET, OP_SRET, OP_WFI,
	OP_ILLEGAL,
	/*
	 * The ops a compressed instruction expands to that go straight on
	 * to the next one, in forms of their own whose handlers step 2
	 * bytes: a step read from the decode would put a load on the
	 * chain from one dispatch to the next (1.8 times the time on
	 * compute.elf).  Every other op steps 4 bytes or jumps.
	 */
	OP_C_LUI, OP_C_ADDI, OP_C_ANDI, OP_C_SLLI, OP_C_SRLI, OP_C_SRAI,
	OP_C_ADD, OP_C_SUB, OP_C_XOR, OP_C_OR, OP_C_AND, OP_C_LW, OP_C_SW,
	OP_C_BEQ, OP_C_BNE,
	/* Debugger hooks only (cpu.h): a breakpoint, checked accesses. */
	OP_BREAK,
	OP_LBW, OP_LHW, OP_LWW, OP_LBUW, OP_LHUW,	/* as OP_LB.. */
	OP_SBW, OP_SHW, OP_SWW,				/* as OP_SB.. */
	OP_MAX
};

/* A watched variant is its plain op moved by this much. */
#define OP_WATCHED	(OP_LBW - OP_LB)

/*
 * Register 32 is a write sink: rd == x0 decodes to it, so no handler
 * has to test for x0 and x[0] is never written.
 */
#define RZ		32

/*
 * A decoded instruction.  The target of a branch or JAL is a slot
 * index when it is in RAM (so taking it costs no range check); the ops
 * for the other case (JFAR, BFAR) hold it as an address.  len is the
 * instruction's length in slots (halfwords): 1 or 2.
 */
struct dec {
	uint8_t		 op, rd, rs1, rs2;
	uint32_t	 imm;	/* immediate, or the target as above */
	uint8_t		 len;
};

/*
 * The translation cache of run_sys: one entry per virtual page number
 * (mod TLB_N) and effective mode, holding the leaf as the walk left it
 * and which PMP permissions hold over the whole physical page.  It is
 * dropped whenever anything a walk read could have changed: satp and
 * PMP writes, and any store to a page a cached walk read a table entry
 * from (CODE_PT), so it never answers other than a walk would, and
 * stopping or resuming a run cannot change a translation.
 */
#define TLB_N		64
#define MEMO_N		4096
struct tlb_ent {
	uint32_t	 key;		/* 1 + effective mode; 0: empty */
	uint32_t	 vpn;
	uint32_t	 ppn;		/* the physical page */
	uint32_t	 pte;
	uint32_t	 pmp;		/* PMP_R/W/X good for the whole page */
};

/* Bits of cpu_cache.code[]. */
#define CODE_DEC	1	/* some decoded instruction has a byte here */
#define CODE_PT		2	/* a cached walk read a table entry here */

/*
 * d: one slot per RAM halfword, then two sentinels; d[-1] is a spare
 * that a store to the first halfword may clear.  code: per page,
 * CODE_DEC and CODE_PT.
 */
struct cpu_cache {
	struct dec	*mem;	/* the allocation: d - 1 */
	struct dec	*d;
	uint8_t		*code;
	uint32_t	 nslots;
	uint32_t	 npages;
	/* Debugger hooks (cpu.h); bpage: per page, a breakpoint in it. */
	uint32_t	*bp;
	int		 nbp;
	uint8_t		*bpage;
	struct cpu_watch *wp;
	int		 nwp;
	struct tlb_ent	 tlb[TLB_N];
	int		 tlb_live;	/* some entry is not empty */
	uint32_t	 tlb_gen;	/* flushes so far (struct pagec) */
	/*
	 * run_sys's decodes, by pc: a decode made at pc 0 (jump, branch
	 * and AUIPC immediates relative) is a function of the instruction
	 * word alone, so an entry whose word is the one fetched is right
	 * whatever the mapping, and nothing ever has to drop one.
	 */
	struct {
		uint32_t	 w;
		struct dec	 d;	/* len 0: empty */
	}		 memo[MEMO_N];
};

static void
tlb_flush(struct cpu_cache *cc)
{
	if (cc->tlb_live) {
		memset(cc->tlb, 0, sizeof(cc->tlb));
		cc->tlb_live = 0;
		cc->tlb_gen++;
	}
}

static inline uint32_t
ld16(const uint8_t *p)
{
	uint16_t v;

	memcpy(&v, p, 2);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
	v = __builtin_bswap16(v);
#endif
	return v;
}

static inline uint32_t
ld32(const uint8_t *p)
{
	uint32_t v;

	memcpy(&v, p, 4);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
	v = __builtin_bswap32(v);
#endif
	return v;
}

static inline void
st16(uint8_t *p, uint32_t v)
{
	uint16_t h = (uint16_t)v;

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
	h = __builtin_bswap16(h);
#endif
	memcpy(p, &h, 2);
}

static inline void
st32(uint8_t *p, uint32_t v)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
	v = __builtin_bswap32(v);
#endif
	memcpy(p, &v, 4);
}

/* Sign-extend the low bits of v. */
static inline uint32_t
sext(uint32_t v, int bits)
{
	uint32_t m = 1u << (bits - 1);

	v &= (m << 1) - 1;
	return (v ^ m) - m;
}

/* Arithmetic shift right without relying on signed >> of negatives. */
static inline uint32_t
sra32(uint32_t v, uint32_t s)
{
	uint32_t sign = (uint32_t)0 - (v >> 31);

	return (v >> s) | (sign & ~(0xffffffffu >> s));
}

static inline int32_t
s32(uint32_t v)
{
	/* Two's-complement reinterpretation without implementation quirks. */
	return v <= INT32_MAX ? (int32_t)v : -(int32_t)(~v) - 1;
}

static inline int
irq_ready(const struct cpu *c)
{
	return (cpu_mip(c) & c->mie) != 0 && priv_irq(c) >= 0;
}

/*
 * The fast path (run_fast) runs M-mode code whose accesses are all
 * physical and unchecked: no MPRV to a lower mode, no locked PMP
 * entry.  Everything else runs in run_sys.
 */
static inline int
fast_ok(const struct cpu *c)
{
	return c->priv == PRV_M && ((c->mstatus & MSTATUS_MPRV) == 0 ||
	    (c->mstatus & MSTATUS_MPP) == MSTATUS_MPP) && !pmp_locks_m(c);
}

/*
 * The integer operations, for both interpreters; op is a constant in
 * run_fast's handlers, so each folds to its one line once inlined (a
 * call there would double compute.elf's time: GCC does not inline a
 * function this size at every one of its 30 uses on its own).
 */
#if defined(__GNUC__)
#define ALWAYS_INLINE	__attribute__((always_inline))
#else
#define ALWAYS_INLINE
#endif
static inline ALWAYS_INLINE uint32_t
alu(int op, uint32_t a, uint32_t b)
{
	switch (op) {
	case OP_ADD:
	case OP_ADDI:
	case OP_C_ADD:
	case OP_C_ADDI:
		return a + b;
	case OP_SUB:
	case OP_C_SUB:
		return a - b;
	case OP_SLL:
		return a << (b & 31);
	case OP_SLLI:
	case OP_C_SLLI:
		return a << b;
	case OP_SLT:
	case OP_SLTI:
		return s32(a) < s32(b);
	case OP_SLTU:
	case OP_SLTIU:
		return a < b;
	case OP_XOR:
	case OP_XORI:
	case OP_C_XOR:
		return a ^ b;
	case OP_SRL:
		return a >> (b & 31);
	case OP_SRLI:
	case OP_C_SRLI:
		return a >> b;
	case OP_SRA:
		return sra32(a, b & 31);
	case OP_SRAI:
	case OP_C_SRAI:
		return sra32(a, b);
	case OP_OR:
	case OP_ORI:
	case OP_C_OR:
		return a | b;
	case OP_AND:
	case OP_ANDI:
	case OP_C_AND:
	case OP_C_ANDI:
		return a & b;
	case OP_MUL:
		return a * b;
	case OP_MULH:
		return (uint32_t)((uint64_t)((int64_t)s32(a) * s32(b)) >> 32);
	case OP_MULHSU:
		return (uint32_t)((uint64_t)((int64_t)s32(a) * (int64_t)b) >>
		    32);
	case OP_MULHU:
		return (uint32_t)(((uint64_t)a * b) >> 32);
	case OP_DIV:
		if (b == 0)
			return 0xffffffffu;
		if (a == 0x80000000u && b == 0xffffffffu)
			return a;
		return (uint32_t)(s32(a) / s32(b));
	case OP_DIVU:
		return b == 0 ? 0xffffffffu : a / b;
	case OP_REM:
		if (b == 0)
			return a;
		if (a == 0x80000000u && b == 0xffffffffu)
			return 0;
		return (uint32_t)(s32(a) % s32(b));
	case OP_REMU:
		return b == 0 ? a : a % b;
	}
	return 0;
}

/* ---- decoding ---- */

static uint32_t
imm_i(uint32_t w)
{
	return sext(w >> 20, 12);
}

static uint32_t
imm_s(uint32_t w)
{
	return sext((w >> 25) << 5 | ((w >> 7) & 0x1f), 12);
}

static uint32_t
imm_b(uint32_t w)
{
	return sext(((w >> 31) & 1) << 12 | ((w >> 7) & 1) << 11 |
	    ((w >> 25) & 0x3f) << 5 | ((w >> 8) & 0xf) << 1, 13);
}

static uint32_t
imm_j(uint32_t w)
{
	return sext(((w >> 31) & 1) << 20 | ((w >> 12) & 0xff) << 12 |
	    ((w >> 20) & 1) << 11 | ((w >> 21) & 0x3ff) << 1, 21);
}

static int
branch_taken(uint32_t f3, uint32_t a, uint32_t b)
{
	switch (f3) {
	case 0:
		return a == b;
	case 1:
		return a != b;
	case 4:
		return s32(a) < s32(b);
	case 5:
		return s32(a) >= s32(b);
	case 6:
		return a < b;
	default:
		return a >= b;
	}
}

/*
 * Decode the 32-bit instruction word w (a compressed one's expansion)
 * found at address pc into d, for RAM of size bytes at base.
 */
static void
decode(uint32_t w, uint32_t pc, uint32_t base, uint32_t size,
    struct dec *d)
{
	static const uint8_t br[8] = { OP_BEQ, OP_BNE, OP_ILLEGAL,
	    OP_ILLEGAL, OP_BLT, OP_BGE, OP_BLTU, OP_BGEU };
	static const uint8_t ld[8] = { OP_LB, OP_LH, OP_LW, OP_ILLEGAL,
	    OP_LBU, OP_LHU, OP_ILLEGAL, OP_ILLEGAL };
	static const uint8_t alui[8] = { OP_ADDI, OP_SLLI, OP_SLTI,
	    OP_SLTIU, OP_XORI, OP_SRLI, OP_ORI, OP_ANDI };
	static const uint8_t alu[8] = { OP_ADD, OP_SLL, OP_SLT, OP_SLTU,
	    OP_XOR, OP_SRL, OP_OR, OP_AND };
	static const uint8_t mul[8] = { OP_MUL, OP_MULH, OP_MULHSU,
	    OP_MULHU, OP_DIV, OP_DIVU, OP_REM, OP_REMU };
	static const uint8_t csr[8] = { OP_ILLEGAL, OP_CSRRW, OP_CSRRS,
	    OP_CSRRC, OP_ILLEGAL, OP_CSRRWI, OP_CSRRSI, OP_CSRRCI };
	uint32_t rd = (w >> 7) & 31, rs1 = (w >> 15) & 31;
	uint32_t rs2 = (w >> 20) & 31, f3 = (w >> 12) & 7, f7 = w >> 25;
	uint32_t imm = 0;
	int op = OP_ILLEGAL;

	switch (w & 0x7f) {
	case 0x37:		/* LUI */
		op = OP_LUI;
		imm = w & 0xfffff000u;
		break;
	case 0x17:		/* AUIPC: the address is known now */
		op = OP_LUI;
		imm = pc + (w & 0xfffff000u);
		break;
	case 0x6f:		/* JAL */
		imm = pc + imm_j(w);
		if (imm - base < size) {
			op = OP_JAL;
			imm = (imm - base) >> 1;
		} else
			op = OP_JFAR;
		break;
	case 0x67:		/* JALR */
		if (f3 == 0) {
			op = OP_JALR;
			imm = imm_i(w);
		}
		break;
	case 0x63:		/* BRANCH */
		imm = pc + imm_b(w);
		op = br[f3];
		if (op == OP_ILLEGAL)
			break;
		if (imm - base >= size) {
			/*
			 * Faults on the fetch (outside RAM) only when
			 * taken: keep the condition.
			 */
			op = OP_BFAR;
			rd = f3;
		} else
			imm = (imm - base) >> 1;
		break;
	case 0x03:		/* LOAD */
		op = ld[f3];
		imm = imm_i(w);
		break;
	case 0x23:		/* STORE */
		if (f3 <= 2)
			op = OP_SB + (int)f3;
		imm = imm_s(w);
		break;
	case 0x13:		/* OP-IMM */
		op = alui[f3];
		imm = imm_i(w);
		if (f3 == 1 && f7 != 0)
			op = OP_ILLEGAL;
		else if (f3 == 5) {
			if (f7 == 0x20)
				op = OP_SRAI;
			else if (f7 != 0)
				op = OP_ILLEGAL;
		}
		if (f3 == 1 || f3 == 5)
			imm = rs2;
		break;
	case 0x33:		/* OP */
		if (f7 == 0)
			op = alu[f3];
		else if (f7 == 1)
			op = mul[f3];
		else if (f7 == 0x20 && f3 == 0)
			op = OP_SUB;
		else if (f7 == 0x20 && f3 == 5)
			op = OP_SRA;
		break;
	case 0x2f:		/* AMO, word only */
		if (f3 != 2)
			break;
		switch (w >> 27) {
		case 0x02:
			if (rs2 == 0)
				op = OP_LR;
			break;
		case 0x03:
			op = OP_SC;
			break;
		case 0x01:
			op = OP_AMOSWAP;
			break;
		case 0x00:
			op = OP_AMOADD;
			break;
		case 0x04:
			op = OP_AMOXOR;
			break;
		case 0x0c:
			op = OP_AMOAND;
			break;
		case 0x08:
			op = OP_AMOOR;
			break;
		case 0x10:
			op = OP_AMOMIN;
			break;
		case 0x14:
			op = OP_AMOMAX;
			break;
		case 0x18:
			op = OP_AMOMINU;
			break;
		case 0x1c:
			op = OP_AMOMAXU;
			break;
		}
		break;
	case 0x0f:		/* MISC-MEM: FENCE, FENCE.I */
		if (f3 <= 1)
			op = OP_NOP;
		break;
	case 0x73:		/* SYSTEM */
		if (f3 != 0) {
			op = csr[f3];
			imm = w >> 20;
			break;
		}
		switch (w) {
		case 0x00000073:
			op = OP_ECALL;
			break;
		case 0x00100073:
			op = OP_EBREAK;
			break;
		case 0x30200073:
			op = OP_MRET;
			break;
		case 0x10200073:
			op = OP_SRET;
			break;
		case 0x10500073:
			op = OP_WFI;
			break;
		default:
			if ((w >> 25) == 0x09 && rd == 0)
				op = OP_SFENCE;
			break;
		}
		break;
	}
	d->op = (uint8_t)op;
	d->rd = (uint8_t)(rd == 0 && op != OP_BFAR ? RZ : rd);
	d->rs1 = (uint8_t)rs1;
	d->rs2 = (uint8_t)rs2;
	d->imm = imm;
}

/* ---- debugger hooks ---- */

static int
bp_has(const struct cpu_cache *cc, uint32_t pc)
{
	int i;

	for (i = 0; i < cc->nbp; i++)
		if (cc->bp[i] == pc)
			return 1;
	return 0;
}

/* The same overlap test as the engine's, so no hit is missed. */
static int
watch_hit(const struct cpu_cache *cc, uint32_t a, uint32_t n, int acc)
{
	const struct cpu_watch *w;
	int i;

	for (i = 0; i < cc->nwp; i++) {
		w = &cc->wp[i];
		if ((w->acc & acc) != 0 && a < w->addr + w->len &&
		    w->addr < a + n)
			return 1;
	}
	return 0;
}

/*
 * The 2-byte form of an op that an RV32C expansion decodes to; ops
 * that jump, trap or take a slow path (which steps by the decode's len)
 * have none.
 */
static uint8_t
c_form(uint8_t op)
{
	switch (op) {
	case OP_LUI:
		return OP_C_LUI;
	case OP_ADDI:
		return OP_C_ADDI;
	case OP_ANDI:
		return OP_C_ANDI;
	case OP_SLLI:
		return OP_C_SLLI;
	case OP_SRLI:
		return OP_C_SRLI;
	case OP_SRAI:
		return OP_C_SRAI;
	case OP_ADD:
		return OP_C_ADD;
	case OP_SUB:
		return OP_C_SUB;
	case OP_XOR:
		return OP_C_XOR;
	case OP_OR:
		return OP_C_OR;
	case OP_AND:
		return OP_C_AND;
	case OP_LW:
		return OP_C_LW;
	case OP_SW:
		return OP_C_SW;
	case OP_BEQ:
		return OP_C_BEQ;
	case OP_BNE:
		return OP_C_BNE;
	}
	return op;
}

/*
 * Decode the instruction at RAM offset off (even) into its slot d, and
 * mark the pages it has bytes in as holding code; with watchpoints,
 * loads and stores are checked.  -1 (d untouched) for a 32-bit
 * instruction whose second half lies past the end of RAM: fetching that
 * half faults, at address base + off + 2.
 */
static int
dec_fill(struct machine *m, uint32_t off, struct dec *d)
{
	struct cpu_cache *cc = m->cache;
	uint32_t w = ld16(m->ram + off);

	if (RVC_LEN(w) == 4) {
		if (off > m->ram_size - 4)
			return -1;
		w = ld32(m->ram + off);
		d->len = 2;
	} else {
		w = rvc_expand(w);
		d->len = 1;
	}
	decode(w, m->ram_base + off, m->ram_base, m->ram_size, d);
	if (cc->nwp > 0 && d->op >= OP_LB && d->op <= OP_SW)
		d->op = (uint8_t)(d->op + OP_WATCHED);	/* steps by len */
	else if (d->len == 1)
		d->op = c_form(d->op);
	cc->code[off >> PAGE_SHIFT] |= CODE_DEC;
	cc->code[(off + 2u * d->len - 1) >> PAGE_SHIFT] |= CODE_DEC;
	return 0;
}

/*
 * Drop the decodes of the breakpoints' slots (in RAM, even): the next
 * fetch of one decodes it again, and marks it if it is still a
 * breakpoint, as after a flush or a store to it.
 */
static void
bp_drop(struct machine *m)
{
	struct cpu_cache *cc = m->cache;
	uint32_t off;
	int i;

	for (i = 0; i < cc->nbp; i++) {
		off = cc->bp[i] - m->ram_base;
		if (off >= m->ram_size || (off & 1) != 0)
			continue;
		cc->d[off >> 1].op = OP_DECODE;
	}
}

/* ---- memory outside the fast path ---- */

/*
 * RAM bytes [off, off + n) were written: dirty pages, stale decodes (of
 * the slots the bytes are in, and of the slot before, whose 32-bit
 * instruction may end in them).
 */
void
cpu_ram_touch(struct machine *m, uint32_t off, uint32_t n)
{
	struct cpu_cache *cc = m->cache;
	uint32_t end = off + n - 1, p, w;

	for (p = off >> PAGE_SHIFT; p <= end >> PAGE_SHIFT; p++) {
		m->dirty[p >> 6] |= 1ull << (p & 63);
		if (cc->code[p] & CODE_PT)
			tlb_flush(cc);
	}
	for (w = off >= 2 ? (off >> 1) - 1 : 0; w <= end >> 1; w++)
		if (cc->code[w >> (PAGE_SHIFT - 1)])
			cc->d[w].op = OP_DECODE;
}

static inline int
in_ram(const struct machine *m, uint32_t a)
{
	return a - m->ram_base < m->ram_size;
}

/*
 * Load n bytes at a, anywhere: RAM, MMIO, or a misaligned access that
 * straddles the two (done a byte at a time).  Returns -1 for an access
 * fault, 0 if only RAM was read, 1 if a device was.
 */
static int
mem_load(struct machine *m, uint32_t a, uint32_t n, uint32_t *v)
{
	uint32_t i, b, t;
	int first = in_ram(m, a), last = in_ram(m, a + n - 1), mmio = 0;

	if (first && last) {
		b = a - m->ram_base;
		*v = n == 4 ? ld32(m->ram + b) : n == 2 ? ld16(m->ram + b) :
		    m->ram[b];
		return 0;
	}
	if (!first && !last)
		return bus_read(m, a, (int)n, v) < 0 ? -1 : 1;
	*v = 0;
	for (i = 0; i < n; i++) {
		b = a + i;
		if (in_ram(m, b))
			t = m->ram[b - m->ram_base];
		else {
			if (bus_read(m, b, 1, &t) < 0)
				return -1;
			mmio = 1;
		}
		*v |= (t & 0xff) << (8 * i);
	}
	return mmio;
}

/* As mem_load, for stores; device bytes go first so a fault leaves RAM. */
static int
mem_store(struct machine *m, uint32_t a, uint32_t n, uint32_t v)
{
	uint32_t i, b;
	int first = in_ram(m, a), last = in_ram(m, a + n - 1);

	if (first && last) {
		b = a - m->ram_base;
		if (n == 4)
			st32(m->ram + b, v);
		else if (n == 2)
			st16(m->ram + b, v);
		else
			m->ram[b] = (uint8_t)v;
		cpu_ram_touch(m, b, n);
		return 0;
	}
	if (!first && !last)
		return bus_write(m, a, (int)n, v) < 0 ? -1 : 1;
	for (i = 0; i < n; i++) {
		b = a + i;
		if (!in_ram(m, b) &&
		    bus_write(m, b, 1, (v >> (8 * i)) & 0xff) < 0)
			return -1;
	}
	for (i = 0; i < n; i++) {
		b = a + i;
		if (in_ram(m, b)) {
			m->ram[b - m->ram_base] = (uint8_t)(v >> (8 * i));
			cpu_ram_touch(m, b - m->ram_base, 1);
		}
	}
	return 1;
}

/*
 * LR, SC and the AMOs.  Returns -1 with *cause set for a trap (mtval is
 * the address), 0 when done in RAM, 1 when a device was accessed.
 *
 * The exceptions are QEMU 7.2's, measured with a probe guest, not the
 * spec's: a misaligned LR or AMO raises load address-misaligned, and an
 * AMO whose read faults raises load access fault.  SC checks the
 * reservation before anything else, and a reservation is always
 * aligned, so a misaligned SC fails (rd = 1) without a trap.  SC
 * succeeds when the reservation covers a and the word still holds the
 * value LR read.
 */
/*
 * va is the address the instruction named (the reservation is kept by
 * it, as QEMU keeps it), a the physical one it was translated to.
 */
static int
amo(struct machine *m, int op, uint32_t va, uint32_t a, uint32_t src,
    uint32_t *out, uint32_t *cause)
{
	struct cpu *c = &m->cpu;
	uint32_t old, nv = 0;
	int mmio, ram = in_ram(m, a);

	if (op == OP_SC && (!c->resv_valid || c->resv_addr != va)) {
		c->resv_valid = 0;
		*out = 1;
		return 0;
	}
	if ((a & 3) != 0) {
		*cause = EXC_LOAD_MISALIGNED;
		return -1;
	}
	*cause = EXC_LOAD_FAULT;
	if ((mmio = mem_load(m, a, 4, &old)) < 0)
		return -1;
	switch (op) {
	case OP_LR:
		c->resv_valid = 1;
		c->resv_addr = va;
		c->resv_val = old;
		*out = old;
		return mmio;
	case OP_SC:
		c->resv_valid = 0;
		if (old != c->resv_val) {
			*out = 1;
			return mmio;
		}
		nv = src;
		old = 0;	/* rd = 0: success */
		break;
	case OP_AMOSWAP:
		nv = src;
		break;
	case OP_AMOADD:
		nv = old + src;
		break;
	case OP_AMOXOR:
		nv = old ^ src;
		break;
	case OP_AMOAND:
		nv = old & src;
		break;
	case OP_AMOOR:
		nv = old | src;
		break;
	case OP_AMOMIN:
		nv = s32(old) < s32(src) ? old : src;
		break;
	case OP_AMOMAX:
		nv = s32(old) > s32(src) ? old : src;
		break;
	case OP_AMOMINU:
		nv = old < src ? old : src;
		break;
	case OP_AMOMAXU:
		nv = old > src ? old : src;
		break;
	}
	if (ram) {
		st32(m->ram + (a - m->ram_base), nv);
		cpu_ram_touch(m, a - m->ram_base, 4);
	} else {
		*cause = EXC_STORE_FAULT;
		if (bus_write(m, a, 4, nv) < 0)
			return -1;
		mmio = 1;
	}
	*out = old;
	return mmio;
}

/* ---- counters ---- */

/*
 * Zicntr, deterministic: nothing here is recorded.  mcycle counts
 * virtual nanoseconds, as QEMU's does under -icount (1 per instruction
 * at clock shift 0, and the time WFI skips); minstret counts
 * instructions, as the spec says (QEMU 7.2 gives it the cycle count).
 * time is the CLINT's mtime.  Both are writable; a value written is
 * what the next instruction reads (the writing instruction has counted
 * already: a CSR write takes effect after the rest of the instruction;
 * QEMU 7.2 reads one more), and mcountinhibit's CY and IR bits stop
 * them (QEMU 7.2 lets an inhibited counter run on: a QEMU bug).
 */
static uint64_t
ctr_src(const struct machine *m, int i)
{
	return i == CTR_CYCLE ? machine_vtime_ns(m) : m->icount;
}

/* The source as the next instruction sees it. */
static uint64_t
ctr_src_next(const struct machine *m, int i)
{
	return ctr_src(m, i) + (i == CTR_CYCLE ? 1ull << m->clock_shift : 1);
}

static uint64_t
ctr_read(const struct machine *m, int i)
{
	const struct cpu *c = &m->cpu;

	if ((c->mcountinhibit & CTR_BIT(i)) != 0)
		return cpu_ctr_off(c, i);
	return ctr_src(m, i) + cpu_ctr_off(c, i);
}

/* Write half (0 low, 1 high) of counter i. */
static void
ctr_write(struct machine *m, int i, int half, uint32_t v)
{
	struct cpu *c = &m->cpu;
	uint64_t cur, nv;

	cur = (c->mcountinhibit & CTR_BIT(i)) != 0 ? cpu_ctr_off(c, i) :
	    ctr_src_next(m, i) + cpu_ctr_off(c, i);
	nv = half ? (cur & 0xffffffffu) | (uint64_t)v << 32 :
	    (cur & ~(uint64_t)0xffffffffu) | v;
	cpu_ctr_off_set(c, i, (c->mcountinhibit & CTR_BIT(i)) != 0 ? nv :
	    nv - ctr_src_next(m, i));
}

/* mcountinhibit = v: a counter that stops keeps the value it reached. */
static void
ctr_inhibit(struct machine *m, uint32_t v)
{
	struct cpu *c = &m->cpu;
	uint32_t was = c->mcountinhibit;
	int i;

	for (i = CTR_CYCLE; i <= CTR_INSTRET; i++) {
		if ((was & CTR_BIT(i)) == 0 && (v & CTR_BIT(i)) != 0)
			cpu_ctr_off_set(c, i, cpu_ctr_off(c, i) +
			    ctr_src_next(m, i));
		else if ((was & CTR_BIT(i)) != 0 && (v & CTR_BIT(i)) == 0)
			cpu_ctr_off_set(c, i, cpu_ctr_off(c, i) -
			    ctr_src_next(m, i));
	}
	c->mcountinhibit = v;	/* all bits kept, as QEMU */
}

/* ---- CSRs ---- */

/* Read a CSR; -1 if it does not exist.  Changes nothing. */
static int
csr_read(const struct machine *m, uint32_t csr, uint32_t *v)
{
	const struct cpu *c = &m->cpu;

	if (priv_csr_read(c, csr, v) == 0)
		return 0;
	switch (csr) {
	case CSR_MISA:
		*v = MISA_VALUE;
		return 0;
	case CSR_MSTATUSH:
	case CSR_MENVCFGH:
	case CSR_MVENDORID:
	case CSR_MARCHID:
	case CSR_MIMPID:
	case CSR_MHARTID:
	case CSR_MCONFIGPTR:
		*v = 0;
		return 0;
	case CSR_MCOUNTINHIBIT:
		*v = c->mcountinhibit;
		return 0;
	case CSR_MCYCLE:
	case CSR_CYCLE:
		*v = (uint32_t)ctr_read(m, CTR_CYCLE);
		return 0;
	case CSR_MINSTRET:
	case CSR_INSTRET:
		*v = (uint32_t)ctr_read(m, CTR_INSTRET);
		return 0;
	case CSR_MCYCLEH:
	case CSR_CYCLEH:
		*v = (uint32_t)(ctr_read(m, CTR_CYCLE) >> 32);
		return 0;
	case CSR_MINSTRETH:
	case CSR_INSTRETH:
		*v = (uint32_t)(ctr_read(m, CTR_INSTRET) >> 32);
		return 0;
	case CSR_TIME:
		*v = (uint32_t)machine_mtime(m);
		return 0;
	case CSR_TIMEH:
		*v = (uint32_t)(machine_mtime(m) >> 32);
		return 0;
	}
	if (csr >= CSR_PMPCFG0 && csr <= CSR_PMPCFG3) {
		*v = c->pmpcfg[csr - CSR_PMPCFG0];
		return 0;
	}
	if (csr >= CSR_PMPADDR0 && csr <= CSR_PMPADDR15) {
		*v = c->pmpaddr[csr - CSR_PMPADDR0];
		return 0;
	}
	/*
	 * Performance counters read as zero (a legal WARL choice): the
	 * ones QEMU has (16 counters, 3..18; events 3..31), so a guest
	 * that probes them traps on the same numbers on both.
	 */
	if ((csr >= CSR_MHPMEVENT3 && csr <= CSR_MHPMEVENT31) ||
	    (csr >= CSR_MHPMCOUNTER3 && csr <= CSR_MHPMCOUNTER18) ||
	    (csr >= CSR_MHPMCOUNTER3H && csr <= CSR_MHPMCOUNTER18H) ||
	    (csr >= CSR_HPMCOUNTER3 && csr <= CSR_HPMCOUNTER18) ||
	    (csr >= CSR_HPMCOUNTER3H && csr <= CSR_HPMCOUNTER18H)) {
		*v = 0;
		return 0;
	}
	return -1;
}

/*
 * Write a CSR that exists and is writable.  Returns 1 when the write may
 * have made an interrupt takeable, 0 otherwise.
 */
static int
csr_write(struct machine *m, uint32_t csr, uint32_t v)
{
	int st;

	if ((st = priv_csr_write(&m->cpu, csr, v)) >= 0) {
		if (csr == CSR_SATP)
			tlb_flush(m->cache);
		return st;
	}
	switch (csr) {
	case CSR_MCOUNTINHIBIT:
		ctr_inhibit(m, v);
		return 0;
	case CSR_MCYCLE:
	case CSR_MCYCLEH:
		ctr_write(m, CTR_CYCLE, csr == CSR_MCYCLEH, v);
		return 0;
	case CSR_MINSTRET:
	case CSR_MINSTRETH:
		ctr_write(m, CTR_INSTRET, csr == CSR_MINSTRETH, v);
		return 0;
	}
	/* PMP changes may move the hart between run_fast and run_sys. */
	if (csr >= CSR_PMPCFG0 && csr <= CSR_PMPCFG3) {
		pmp_cfg_write(&m->cpu, csr - CSR_PMPCFG0, v);
		tlb_flush(m->cache);
		return 1;
	}
	if (csr >= CSR_PMPADDR0 && csr <= CSR_PMPADDR15) {
		pmp_addr_write(&m->cpu, csr - CSR_PMPADDR0, v);
		tlb_flush(m->cache);
		return 1;
	}
	/*
	 * Everything else that exists ignores writes: misa is fixed;
	 * mstatush (QEMU 7.2 keeps a hypervisor's two bits there),
	 * menvcfgh and the hpm counters and events are zero.
	 */
	return 0;
}

/*
 * Execute a Zicsr instruction.  src is rs1's value (or the zero-extended
 * uimm); rs1 is the rs1/uimm field.  Returns -1 for illegal instruction,
 * 1 when the slice may have to end (an interrupt may have become
 * takeable, or the gate was called), else 0.
 */
static int
csr_insn(struct machine *m, int op, uint32_t csr, uint32_t src,
    uint32_t rs1, uint32_t *out)
{
	uint32_t old;
	int rw = op == OP_CSRRW || op == OP_CSRRWI, wr;

	/*
	 * As QEMU 7.2: CSRRS/CSRRC write (and so trap on a read-only
	 * CSR) only when the bits to set or clear are nonzero.  The spec
	 * says any rs1 other than x0 is a write; QEMU passes the value as
	 * its write mask, and guests must behave the same on both.
	 */
	wr = rw || src != 0;
	if (wr && (csr >> 10) == 3)
		return -1;
	if (priv_csr_allowed(&m->cpu, csr, wr) != 0)
		return -1;
	if (csr == CSR_SEED) {
		/*
		 * Zkr: seed is only accessible with a read-write form
		 * (CSRRS/CSRRC with rs1 = x0 and CSRRSI/CSRRCI with
		 * uimm = 0 are illegal); the written value is ignored.
		 * csrrw with rd = x0 still polls the source, as QEMU's
		 * rmw_seed does, so both consume one value per access.
		 */
		if (!rw && rs1 == 0)
			return -1;
		*out = gate_entropy(m);
		return 1;	/* the gate may have set brk (replay error) */
	}
	if (csr_read(m, csr, &old) < 0)
		return -1;
	*out = old;
	if (!wr)
		return 0;
	/* The PLIC's SEIP line is read but never written back. */
	if (csr == CSR_MIP)
		old = m->cpu.mip;
	switch (op) {
	case OP_CSRRW:
	case OP_CSRRWI:
		return csr_write(m, csr, src);
	case OP_CSRRS:
	case OP_CSRRSI:
		return csr_write(m, csr, old | src);
	default:
		return csr_write(m, csr, old & ~src);
	}
}

/* ---- traps ---- */

/* Take the highest-priority pending enabled interrupt (emu/priv.c). */
static void
take_irq(struct cpu *c)
{
	c->pc = priv_trap(c, c->pc, IRQ_FLAG | (uint32_t)priv_irq(c), 0);
}

/*
 * The hart cannot make progress: the trap at pc (the instruction at
 * icount ic, cause, tval) enters a handler at h that cannot be fetched,
 * or whose first instruction is the one that trapped, so it would trap
 * the same way there for ever.  Stop the machine with one line saying
 * so, naming the instruction's extension when the machine lacks it.
 */
static void
stuck(struct machine *m, uint64_t ic, uint32_t pc, uint32_t cause,
    uint32_t tval, uint32_t h)
{
	static const char *const names[] = {
		"instruction address misaligned", "instruction access fault",
		"illegal instruction", "breakpoint",
		"load address misaligned", "load access fault",
		"store/AMO address misaligned", "store/AMO access fault",
		"ecall from U-mode", "ecall from S-mode", "reserved",
		"ecall from M-mode"
	};
	char what[112] = "", why[96], pcs[160], hs[160];
	uint32_t off = pc - m->ram_base;
	int len;

	if (cause == EXC_ILLEGAL && off < m->ram_size) {
		len = RVC_LEN(ld16(m->ram + off));
		if (len == 4 && off <= m->ram_size - 4 &&
		    lacks_name(ld32(m->ram + off), 4, what + 2,
		    sizeof(what) - 2))
			memcpy(what, ", ", 2);
		else if (len == 2 && lacks_name(ld16(m->ram + off), 2,
		    what + 2, sizeof(what) - 2))
			memcpy(what, ", ", 2);
	}
	if (h - m->ram_base >= m->ram_size)
		snprintf(why, sizeof(why), "cannot be fetched: %s",
		    m->cpu.mtvec == 0 ? "mtvec was never set" :
		    "it is not in RAM");
	else
		snprintf(why, sizeof(why), "traps the same way again, "
		    "nothing else retired");
	emu_fail(m, EMU_E_STUCK, RR_NO_EVENT, RR_NO_OFFSET, "guest stuck at "
	    "icount %llu, pc %s: %s (mcause %u, mtval 0x%08x)%s; the "
	    "handler at mtvec %s %s", (unsigned long long)ic,
	    emu_addr_text(m, pc, pcs, sizeof(pcs)),
	    cause < sizeof(names) / sizeof(names[0]) ? names[cause] :
	    "exception", cause, tval, what,
	    emu_addr_text(m, h, hs, sizeof(hs)), why);
	m->stop_req = 1;
}

/* ---- the interpreter ---- */

/*
 * Dispatch.  With GNU C's labels as values each handler ends in an
 * indirect jump of its own through a table, so the host's branch
 * predictor can learn what follows each kind of instruction; without
 * them (or with CPU_SWITCH defined, to test this) a switch in a loop
 * does the same job.  __extension__ keeps -Wpedantic quiet about the
 * extension, which is used only here.
 */
#if defined(__GNUC__) && !defined(CPU_SWITCH)
#define THREADED	1
#endif

/*
 * Run until icount reaches lim.  Returns 1 when cpu_run must return
 * (brk, exit, WFI), 0 to go round cpu_run's loop, which takes an
 * interrupt that became pending and enabled.
 *
 * The pc is not kept as such: while d points into RAM's slots (or at
 * the slot after the last, which a run off the end of RAM reaches) it
 * is base + 2 * (d - dc).  Only a fetch that cannot be decoded (pc
 * outside RAM or odd) makes d point at the far sentinel, and then pc
 * holds the address that was fetched.
 */
static int
run_fast(struct machine *m, uint64_t lim)
{
	struct cpu *c = &m->cpu;
	struct cpu_cache *cc = m->cache;
	struct dec *const dc = cc->d, *const end = dc + cc->nslots;
	struct dec *const far = end + 1;
	struct dec *d;
	uint8_t *const ram = m->ram, *const code = cc->code;
	uint64_t *const dirty = m->dirty;
	const uint32_t base = m->ram_base, size = m->ram_size;
	uint64_t ic = m->icount;
	const uint64_t pass = m->dbg_pass;
	struct dec *rearm = NULL;
	uint32_t r[33], pc, a, off, v, cause = 0, tval = 0, n;
	int st, ret = 0, op;
#ifdef THREADED
	static const void *const tab[OP_MAX] = {
		[OP_DECODE] = __extension__ &&l_OP_DECODE,
		[OP_LUI] = __extension__ &&l_OP_LUI,
		[OP_JAL] = __extension__ &&l_OP_JAL,
		[OP_JALR] = __extension__ &&l_OP_JALR,
		[OP_JFAR] = __extension__ &&l_OP_JFAR,
		[OP_BEQ] = __extension__ &&l_OP_BEQ,
		[OP_BNE] = __extension__ &&l_OP_BNE,
		[OP_BLT] = __extension__ &&l_OP_BLT,
		[OP_BGE] = __extension__ &&l_OP_BGE,
		[OP_BLTU] = __extension__ &&l_OP_BLTU,
		[OP_BGEU] = __extension__ &&l_OP_BGEU,
		[OP_BFAR] = __extension__ &&l_OP_BFAR,
		[OP_LB] = __extension__ &&l_OP_LB,
		[OP_LH] = __extension__ &&l_OP_LH,
		[OP_LW] = __extension__ &&l_OP_LW,
		[OP_LBU] = __extension__ &&l_OP_LBU,
		[OP_LHU] = __extension__ &&l_OP_LHU,
		[OP_SB] = __extension__ &&l_OP_SB,
		[OP_SH] = __extension__ &&l_OP_SH,
		[OP_SW] = __extension__ &&l_OP_SW,
		[OP_ADDI] = __extension__ &&l_OP_ADDI,
		[OP_SLTI] = __extension__ &&l_OP_SLTI,
		[OP_SLTIU] = __extension__ &&l_OP_SLTIU,
		[OP_XORI] = __extension__ &&l_OP_XORI,
		[OP_ORI] = __extension__ &&l_OP_ORI,
		[OP_ANDI] = __extension__ &&l_OP_ANDI,
		[OP_SLLI] = __extension__ &&l_OP_SLLI,
		[OP_SRLI] = __extension__ &&l_OP_SRLI,
		[OP_SRAI] = __extension__ &&l_OP_SRAI,
		[OP_ADD] = __extension__ &&l_OP_ADD,
		[OP_SUB] = __extension__ &&l_OP_SUB,
		[OP_SLL] = __extension__ &&l_OP_SLL,
		[OP_SLT] = __extension__ &&l_OP_SLT,
		[OP_SLTU] = __extension__ &&l_OP_SLTU,
		[OP_XOR] = __extension__ &&l_OP_XOR,
		[OP_SRL] = __extension__ &&l_OP_SRL,
		[OP_SRA] = __extension__ &&l_OP_SRA,
		[OP_OR] = __extension__ &&l_OP_OR,
		[OP_AND] = __extension__ &&l_OP_AND,
		[OP_MUL] = __extension__ &&l_OP_MUL,
		[OP_MULH] = __extension__ &&l_OP_MULH,
		[OP_MULHSU] = __extension__ &&l_OP_MULHSU,
		[OP_MULHU] = __extension__ &&l_OP_MULHU,
		[OP_DIV] = __extension__ &&l_OP_DIV,
		[OP_DIVU] = __extension__ &&l_OP_DIVU,
		[OP_REM] = __extension__ &&l_OP_REM,
		[OP_REMU] = __extension__ &&l_OP_REMU,
		[OP_LR] = __extension__ &&l_OP_AMO,
		[OP_SC] = __extension__ &&l_OP_AMO,
		[OP_AMOSWAP] = __extension__ &&l_OP_AMO,
		[OP_AMOADD] = __extension__ &&l_OP_AMO,
		[OP_AMOXOR] = __extension__ &&l_OP_AMO,
		[OP_AMOAND] = __extension__ &&l_OP_AMO,
		[OP_AMOOR] = __extension__ &&l_OP_AMO,
		[OP_AMOMIN] = __extension__ &&l_OP_AMO,
		[OP_AMOMAX] = __extension__ &&l_OP_AMO,
		[OP_AMOMINU] = __extension__ &&l_OP_AMO,
		[OP_AMOMAXU] = __extension__ &&l_OP_AMO,
		[OP_NOP] = __extension__ &&l_OP_NOP,
		[OP_SFENCE] = __extension__ &&l_OP_NOP,
		[OP_CSRRW] = __extension__ &&l_OP_CSR,
		[OP_CSRRS] = __extension__ &&l_OP_CSR,
		[OP_CSRRC] = __extension__ &&l_OP_CSR,
		[OP_CSRRWI] = __extension__ &&l_OP_CSR,
		[OP_CSRRSI] = __extension__ &&l_OP_CSR,
		[OP_CSRRCI] = __extension__ &&l_OP_CSR,
		[OP_ECALL] = __extension__ &&l_OP_ECALL,
		[OP_EBREAK] = __extension__ &&l_OP_EBREAK,
		[OP_MRET] = __extension__ &&l_OP_MRET,
		[OP_SRET] = __extension__ &&l_OP_SRET,
		[OP_WFI] = __extension__ &&l_OP_WFI,
		[OP_ILLEGAL] = __extension__ &&l_OP_ILLEGAL,
		[OP_C_LUI] = __extension__ &&l_OP_C_LUI,
		[OP_C_ADDI] = __extension__ &&l_OP_C_ADDI,
		[OP_C_ANDI] = __extension__ &&l_OP_C_ANDI,
		[OP_C_SLLI] = __extension__ &&l_OP_C_SLLI,
		[OP_C_SRLI] = __extension__ &&l_OP_C_SRLI,
		[OP_C_SRAI] = __extension__ &&l_OP_C_SRAI,
		[OP_C_ADD] = __extension__ &&l_OP_C_ADD,
		[OP_C_SUB] = __extension__ &&l_OP_C_SUB,
		[OP_C_XOR] = __extension__ &&l_OP_C_XOR,
		[OP_C_OR] = __extension__ &&l_OP_C_OR,
		[OP_C_AND] = __extension__ &&l_OP_C_AND,
		[OP_C_LW] = __extension__ &&l_OP_C_LW,
		[OP_C_SW] = __extension__ &&l_OP_C_SW,
		[OP_C_BEQ] = __extension__ &&l_OP_C_BEQ,
		[OP_C_BNE] = __extension__ &&l_OP_C_BNE,
		[OP_BREAK] = __extension__ &&l_OP_BREAK,
		[OP_LBW] = __extension__ &&l_OP_WATCHED,
		[OP_LHW] = __extension__ &&l_OP_WATCHED,
		[OP_LWW] = __extension__ &&l_OP_WATCHED,
		[OP_LBUW] = __extension__ &&l_OP_WATCHED,
		[OP_LHUW] = __extension__ &&l_OP_WATCHED,
		[OP_SBW] = __extension__ &&l_OP_WATCHED,
		[OP_SHW] = __extension__ &&l_OP_WATCHED,
		[OP_SWW] = __extension__ &&l_OP_WATCHED
	};
#endif
	/* Bytes accessed by each watched op. */
	static const uint8_t wsize[OP_MAX - OP_LBW] = { 1, 2, 4, 1, 2, 1, 2,
	    4 };

	memcpy(r, c->x, sizeof(c->x));
	r[RZ] = 0;
	pc = c->pc;
	off = pc - base;
	d = off < size && (pc & 1) == 0 ? dc + (off >> 1) : far;

/* The pc of the slot d (d != far). */
#define PC		(base + (uint32_t)(d - dc) * 2)
/* The pc of the instruction after d's. */
#define NEXTPC		(PC + 2u * d->len)
/* The pc, wherever d points. */
#define CURPC		(d == far ? pc : PC)
#ifdef THREADED
#define CASE(o)		l_##o:
/* A handler shared by several ops, named for the table by l. */
#define CASEL(l, o)	l_##l:
#define DEFAULT
/*
 * Execute the instruction at d, whose limit check is done.  The empty
 * asm differs at each use (its operand is the line), so GCC's
 * cross-jumping cannot merge the handlers' tails back into one shared
 * indirect jump, which would undo the point of threading (1.41 s
 * against 1.19 s on compute.elf).
 */
#define DISPATCH	__extension__ ({ \
				__asm__ ("" : : "i" (__LINE__)); \
				goto *tab[d->op]; \
			  })
/* Check the limit, then execute the instruction at d. */
#define RESUME		{ if (ic >= lim) \
				goto out; \
			  DISPATCH; }
#else
#define CASE(o)		case o:
#define CASEL(l, o)	case o:
#define DEFAULT		default:
#define DISPATCH	continue
#define RESUME		continue
#endif
/* Straight on to the next instruction, 4 bytes on (2: NEXT16). */
#define NEXT		{ d += 2; \
			  ic++; \
			  RESUME; }
#define NEXT16		{ d++; \
			  ic++; \
			  RESUME; }
/* The same, either length: for paths that are not hot. */
#define NEXTLEN		{ d += d->len; \
			  ic++; \
			  RESUME; }
/* Jump to t (even); outside RAM the far sentinel makes it fault. */
#define JUMP(t)		{ pc = (t); \
			  off = pc - base; \
			  d = off < size ? dc + (off >> 1) : far; \
			  ic++; \
			  RESUME; }
/* Go to slot i (< nslots), a branch or JAL target. */
#define JUMPI(i)	{ d = dc + (i); \
			  ic++; \
			  RESUME; }
/* End the slice before the instruction at d: a debugger candidate. */
#define CANDIDATE	{ m->dbg_hit = 1; \
			  ret = 1; \
			  goto out; }
/* Go to the trap code. */
#define TRAP(c_, t_)	{ cause = (c_); \
			  tval = (t_); \
			  goto trap; }
/*
 * RAM bytes [o, o + n_) stored: the page is dirty, decodes stale (as
 * ram_touch says; dc[-1] is a spare, for o < 2).
 */
#define TOUCH(o, n_)	{ if ((((o) ^ ((o) + (n_) - 1)) >> 12) == 0) { \
				dirty[(o) >> 18] |= 1ull << (((o) >> 12) & 63); \
				if (code[(o) >> 12]) { \
					if (code[(o) >> 12] & CODE_PT) \
						tlb_flush(cc); \
					struct dec *q_ = dc + ((o) >> 1) - 1; \
					struct dec *e_ = dc + \
					    (((o) + (n_) - 1) >> 1); \
					do \
						q_->op = OP_DECODE; \
					while (q_++ != e_); \
				} \
			  } else \
				cpu_ram_touch(m, (o), (n_)); }

#ifdef THREADED
	RESUME;
	{
#else
	for (;;) {
		if (ic >= lim)
			goto out;
		switch (d->op) {
#endif
		CASE(OP_DECODE)
			if (d >= end) {
				/* end or far: nothing in RAM to decode */
				pc = CURPC;
				if (cc->nbp > 0 && ic != pass && bp_has(cc, pc))
					CANDIDATE;
				if (pc - base < size)	/* odd pc */
					TRAP(EXC_INSN_MISALIGNED, pc);
				TRAP(EXC_INSN_FAULT, pc);
			}
			off = (uint32_t)(d - dc) * 2;
			if (dec_fill(m, off, d) != 0) {
				if (cc->nbp > 0 && ic != pass &&
				    bp_has(cc, base + off))
					CANDIDATE;
				/* Its second half is past the end of RAM. */
				TRAP(EXC_INSN_FAULT, base + off + 2);
			}
			/* A rewritten or flushed breakpoint slot is marked again. */
			if (cc->nbp > 0 && cc->bpage[off >> PAGE_SHIFT] &&
			    bp_has(cc, base + off))
				d->op = OP_BREAK;
			DISPATCH;
		CASE(OP_BREAK)
			if (ic != pass)
				CANDIDATE;
			/*
			 * Let it through: run it decoded, alone, and mark
			 * the slot again when the slice ends.
			 */
			off = (uint32_t)(d - dc) * 2;
			if (dec_fill(m, off, d) != 0)
				TRAP(EXC_INSN_FAULT, base + off + 2);
			rearm = d;
			lim = ic + 1;
			DISPATCH;
		CASEL(OP_WATCHED, OP_LBW)
#ifndef THREADED
		case OP_LHW:
		case OP_LWW:
		case OP_LBUW:
		case OP_LHUW:
		case OP_SBW:
		case OP_SHW:
		case OP_SWW:
#endif
			a = r[d->rs1] + d->imm;
			n = wsize[d->op - OP_LBW];
			if (d->op >= OP_SBW) {
				if (ic != pass && watch_hit(cc, a, n,
				    CPU_WATCH_WRITE))
					CANDIDATE;
				goto store_slow;
			}
			if (ic != pass && watch_hit(cc, a, n, CPU_WATCH_READ))
				CANDIDATE;
			goto load_slow;
		CASE(OP_LUI)
			r[d->rd] = d->imm;
			NEXT;
		CASE(OP_JAL)
			r[d->rd] = NEXTPC;
			JUMPI(d->imm);
		CASE(OP_JFAR)
			r[d->rd] = NEXTPC;
			JUMP(d->imm);
		CASE(OP_JALR)
			a = (r[d->rs1] + d->imm) & ~1u;
			r[d->rd] = NEXTPC;
			JUMP(a);
		CASE(OP_BEQ)
			if (r[d->rs1] == r[d->rs2])
				JUMPI(d->imm);
			NEXT;
		CASE(OP_BNE)
			if (r[d->rs1] != r[d->rs2])
				JUMPI(d->imm);
			NEXT;
		CASE(OP_BLT)
			if (s32(r[d->rs1]) < s32(r[d->rs2]))
				JUMPI(d->imm);
			NEXT;
		CASE(OP_BGE)
			if (s32(r[d->rs1]) >= s32(r[d->rs2]))
				JUMPI(d->imm);
			NEXT;
		CASE(OP_BLTU)
			if (r[d->rs1] < r[d->rs2])
				JUMPI(d->imm);
			NEXT;
		CASE(OP_BGEU)
			if (r[d->rs1] >= r[d->rs2])
				JUMPI(d->imm);
			NEXT;
		CASE(OP_BFAR)
			if (branch_taken(d->rd, r[d->rs1], r[d->rs2]))
				JUMP(d->imm);
			NEXTLEN;

		CASE(OP_LB)
			a = r[d->rs1] + d->imm;
			off = a - base;
			if (off < size) {
				r[d->rd] = sext(ram[off], 8);
				NEXT;
			}
			n = 1;
			goto load_slow;
		CASE(OP_LBU)
			a = r[d->rs1] + d->imm;
			off = a - base;
			if (off < size) {
				r[d->rd] = ram[off];
				NEXT;
			}
			n = 1;
			goto load_slow;
		CASE(OP_LH)
			a = r[d->rs1] + d->imm;
			off = a - base;
			if (off <= size - 2) {
				r[d->rd] = sext(ld16(ram + off), 16);
				NEXT;
			}
			n = 2;
			goto load_slow;
		CASE(OP_LHU)
			a = r[d->rs1] + d->imm;
			off = a - base;
			if (off <= size - 2) {
				r[d->rd] = ld16(ram + off);
				NEXT;
			}
			n = 2;
			goto load_slow;
		CASE(OP_LW)
			a = r[d->rs1] + d->imm;
			off = a - base;
			if (off <= size - 4) {
				r[d->rd] = ld32(ram + off);
				NEXT;
			}
			n = 4;
		load_slow:
			m->icount = ic;
			c->pc = PC;
			if ((st = mem_load(m, a, n, &v)) < 0)
				TRAP(EXC_LOAD_FAULT, a);
			op = d->op >= OP_LBW ? d->op - OP_WATCHED : d->op;
			if (op == OP_LB)
				v = sext(v, 8);
			else if (op == OP_LH)
				v = sext(v, 16);
			r[d->rd] = v;
			d += d->len;
			ic++;
			if (st > 0)
				goto after_io;
			RESUME;

		CASE(OP_SB)
			a = r[d->rs1] + d->imm;
			off = a - base;
			if (off < size) {
				ram[off] = (uint8_t)r[d->rs2];
				TOUCH(off, 1);
				NEXT;
			}
			n = 1;
			goto store_slow;
		CASE(OP_SH)
			a = r[d->rs1] + d->imm;
			off = a - base;
			if (off <= size - 2) {
				st16(ram + off, r[d->rs2]);
				TOUCH(off, 2);
				NEXT;
			}
			n = 2;
			goto store_slow;
		CASE(OP_SW)
			a = r[d->rs1] + d->imm;
			off = a - base;
			if (off <= size - 4) {
				st32(ram + off, r[d->rs2]);
				TOUCH(off, 4);
				NEXT;
			}
			n = 4;
		store_slow:
			m->icount = ic;
			c->pc = PC;
			if ((st = mem_store(m, a, n, r[d->rs2])) < 0)
				TRAP(EXC_STORE_FAULT, a);
			d += d->len;
			ic++;
			if (st > 0)
				goto after_io;
			RESUME;

		CASE(OP_ADDI)
			r[d->rd] = alu(OP_ADDI, r[d->rs1], d->imm);
			NEXT;
		CASE(OP_SLTI)
			r[d->rd] = alu(OP_SLTI, r[d->rs1], d->imm);
			NEXT;
		CASE(OP_SLTIU)
			r[d->rd] = alu(OP_SLTIU, r[d->rs1], d->imm);
			NEXT;
		CASE(OP_XORI)
			r[d->rd] = alu(OP_XORI, r[d->rs1], d->imm);
			NEXT;
		CASE(OP_ORI)
			r[d->rd] = alu(OP_ORI, r[d->rs1], d->imm);
			NEXT;
		CASE(OP_ANDI)
			r[d->rd] = alu(OP_ANDI, r[d->rs1], d->imm);
			NEXT;
		CASE(OP_SLLI)
			r[d->rd] = alu(OP_SLLI, r[d->rs1], d->imm);
			NEXT;
		CASE(OP_SRLI)
			r[d->rd] = alu(OP_SRLI, r[d->rs1], d->imm);
			NEXT;
		CASE(OP_SRAI)
			r[d->rd] = alu(OP_SRAI, r[d->rs1], d->imm);
			NEXT;
		CASE(OP_ADD)
			r[d->rd] = alu(OP_ADD, r[d->rs1], r[d->rs2]);
			NEXT;
		CASE(OP_SUB)
			r[d->rd] = alu(OP_SUB, r[d->rs1], r[d->rs2]);
			NEXT;
		CASE(OP_SLL)
			r[d->rd] = alu(OP_SLL, r[d->rs1], r[d->rs2]);
			NEXT;
		CASE(OP_SLT)
			r[d->rd] = alu(OP_SLT, r[d->rs1], r[d->rs2]);
			NEXT;
		CASE(OP_SLTU)
			r[d->rd] = alu(OP_SLTU, r[d->rs1], r[d->rs2]);
			NEXT;
		CASE(OP_XOR)
			r[d->rd] = alu(OP_XOR, r[d->rs1], r[d->rs2]);
			NEXT;
		CASE(OP_SRL)
			r[d->rd] = alu(OP_SRL, r[d->rs1], r[d->rs2]);
			NEXT;
		CASE(OP_SRA)
			r[d->rd] = alu(OP_SRA, r[d->rs1], r[d->rs2]);
			NEXT;
		CASE(OP_OR)
			r[d->rd] = alu(OP_OR, r[d->rs1], r[d->rs2]);
			NEXT;
		CASE(OP_AND)
			r[d->rd] = alu(OP_AND, r[d->rs1], r[d->rs2]);
			NEXT;

		CASE(OP_MUL)
			r[d->rd] = alu(OP_MUL, r[d->rs1], r[d->rs2]);
			NEXT;
		CASE(OP_MULH)
			r[d->rd] = alu(OP_MULH, r[d->rs1], r[d->rs2]);
			NEXT;
		CASE(OP_MULHSU)
			r[d->rd] = alu(OP_MULHSU, r[d->rs1], r[d->rs2]);
			NEXT;
		CASE(OP_MULHU)
			r[d->rd] = alu(OP_MULHU, r[d->rs1], r[d->rs2]);
			NEXT;
		CASE(OP_DIV)
			r[d->rd] = alu(OP_DIV, r[d->rs1], r[d->rs2]);
			NEXT;
		CASE(OP_DIVU)
			r[d->rd] = alu(OP_DIVU, r[d->rs1], r[d->rs2]);
			NEXT;
		CASE(OP_REM)
			r[d->rd] = alu(OP_REM, r[d->rs1], r[d->rs2]);
			NEXT;
		CASE(OP_REMU)
			r[d->rd] = alu(OP_REMU, r[d->rs1], r[d->rs2]);
			NEXT;

		CASEL(OP_AMO, OP_LR)
#ifndef THREADED
		case OP_SC:
		case OP_AMOSWAP:
		case OP_AMOADD:
		case OP_AMOXOR:
		case OP_AMOAND:
		case OP_AMOOR:
		case OP_AMOMIN:
		case OP_AMOMAX:
		case OP_AMOMINU:
		case OP_AMOMAXU:
#endif
			a = r[d->rs1];
			if (cc->nwp > 0 && ic != pass && watch_hit(cc, a, 4,
			    CPU_WATCH_READ | CPU_WATCH_WRITE))
				CANDIDATE;
			m->icount = ic;
			c->pc = PC;
			if ((st = amo(m, d->op, a, a, r[d->rs2], &v, &n)) < 0)
				TRAP(n, a);
			r[d->rd] = v;
			d += d->len;
			ic++;
			if (st > 0)
				goto after_io;
			RESUME;

		CASE(OP_NOP)
#ifndef THREADED
		case OP_SFENCE:		/* legal in M */
#endif
			NEXT;

		/* The 2-byte forms (see enum op). */
		CASE(OP_C_LUI)
			r[d->rd] = d->imm;
			NEXT16;
		CASE(OP_C_ADDI)
			r[d->rd] = alu(OP_C_ADDI, r[d->rs1], d->imm);
			NEXT16;
		CASE(OP_C_ANDI)
			r[d->rd] = alu(OP_C_ANDI, r[d->rs1], d->imm);
			NEXT16;
		CASE(OP_C_SLLI)
			r[d->rd] = alu(OP_C_SLLI, r[d->rs1], d->imm);
			NEXT16;
		CASE(OP_C_SRLI)
			r[d->rd] = alu(OP_C_SRLI, r[d->rs1], d->imm);
			NEXT16;
		CASE(OP_C_SRAI)
			r[d->rd] = alu(OP_C_SRAI, r[d->rs1], d->imm);
			NEXT16;
		CASE(OP_C_ADD)
			r[d->rd] = alu(OP_C_ADD, r[d->rs1], r[d->rs2]);
			NEXT16;
		CASE(OP_C_SUB)
			r[d->rd] = alu(OP_C_SUB, r[d->rs1], r[d->rs2]);
			NEXT16;
		CASE(OP_C_XOR)
			r[d->rd] = alu(OP_C_XOR, r[d->rs1], r[d->rs2]);
			NEXT16;
		CASE(OP_C_OR)
			r[d->rd] = alu(OP_C_OR, r[d->rs1], r[d->rs2]);
			NEXT16;
		CASE(OP_C_AND)
			r[d->rd] = alu(OP_C_AND, r[d->rs1], r[d->rs2]);
			NEXT16;
		CASE(OP_C_BEQ)
			if (r[d->rs1] == r[d->rs2])
				JUMPI(d->imm);
			NEXT16;
		CASE(OP_C_BNE)
			if (r[d->rs1] != r[d->rs2])
				JUMPI(d->imm);
			NEXT16;
		CASE(OP_C_LW)
			a = r[d->rs1] + d->imm;
			off = a - base;
			if (off <= size - 4) {
				r[d->rd] = ld32(ram + off);
				NEXT16;
			}
			n = 4;
			goto load_slow;
		CASE(OP_C_SW)
			a = r[d->rs1] + d->imm;
			off = a - base;
			if (off <= size - 4) {
				st32(ram + off, r[d->rs2]);
				TOUCH(off, 4);
				NEXT16;
			}
			n = 4;
			goto store_slow;

		CASEL(OP_CSR, OP_CSRRW)
#ifndef THREADED
		case OP_CSRRS:
		case OP_CSRRC:
		case OP_CSRRWI:
		case OP_CSRRSI:
		case OP_CSRRCI:
#endif
			m->icount = ic;
			c->pc = PC;
			st = csr_insn(m, d->op, d->imm,
			    d->op >= OP_CSRRWI ? d->rs1 : r[d->rs1], d->rs1,
			    &v);
			if (st < 0)
				goto illegal;
			r[d->rd] = v;
			d += d->len;
			ic++;
			/* A seed read through the gate may end the slice. */
			if (st > 0)
				goto after_io;
			RESUME;

		CASE(OP_ECALL)
			TRAP(EXC_ECALL_M, 0);
		CASE(OP_EBREAK)
			/*
			 * A semihosting call, when on (emu/semihost.c): only
			 * a 32-bit EBREAK in RAM, so never from the far slot.
			 */
			m->icount = ic;
			c->pc = CURPC;
			if ((st = semihost_call(m, r)) == SH_DONE) {
				/* Past the 32-bit EBREAK, not by d->len: a call
				   that wrote RAM cleared the decode cache. */
				d += 2;
				ic++;
				goto after_io;
			}
			if (st == SH_AGAIN) {
				ret = 1;
				goto out;
			}
			/* QEMU 7.2 leaves mtval 0 (the spec allows pc or 0). */
			TRAP(EXC_BREAKPOINT, 0);
		CASE(OP_MRET)
			ic++;
			pc = priv_mret(c);
			off = pc - base;
			/* mepc is even unless the entry pc was not. */
			d = off < size && (pc & 1) == 0 ? dc + (off >> 1) : far;
			/* To S or U, or with MPRV: run_sys goes on. */
			if (irq_ready(c) || !fast_ok(c))
				goto out;
			RESUME;
		CASE(OP_SRET)
			/* Legal in M; always leaves it. */
			ic++;
			pc = priv_sret(c);
			off = pc - base;
			d = off < size && (pc & 1) == 0 ? dc + (off >> 1) : far;
			goto out;
		CASE(OP_WFI)
			/* Pending counts even with MIE clear (spec, 3.3.3). */
			if ((cpu_mip(c) & c->mie) != 0)
				NEXT;
			c->wfi = 1;
			d += d->len;
			ic++;
			ret = 1;
			goto out;
		CASE(OP_ILLEGAL)
		DEFAULT
			/* It may be an access as the engine decodes it. */
			if (cc->nwp > 0 && ic != pass)
				CANDIDATE;
		illegal:
			/* mtval is the instruction: 16 bits when compressed. */
			off = (uint32_t)(d - dc) * 2;
			TRAP(EXC_ILLEGAL, d->len == 2 ? ld32(ram + off) :
			    ld16(ram + off));
#ifndef THREADED
		}
#endif
	trap:
		/* Every attempt counts. */
		a = CURPC;
		ic++;
		pc = priv_trap(c, a, cause, tval);	/* from M: to M */
		off = pc - base;
		d = off < size ? dc + (off >> 1) : far;
		/*
		 * A handler that cannot be fetched, or that starts with the
		 * instruction that trapped: the hart would trap there for
		 * ever (MIE is clear now, so not even an interrupt can
		 * change that).  Stop with the reason instead of spinning.
		 */
		if (off >= size || pc == a) {
			m->icount = ic;
			c->pc = pc;
			stuck(m, ic - 1, a, cause, tval, pc);
			ret = 1;
			goto out;
		}
		/*
		 * A faulting device access may still have set brk.  The
		 * trap cleared MIE, so no interrupt can have become
		 * takeable.
		 */
		if (m->brk || m->exited) {
			ret = 1;
			goto out;
		}
		RESUME;

	after_io:
		/*
		 * A device or the gate may end the slice; a device or a CSR
		 * write may have made an interrupt takeable.
		 */
		if (m->brk || m->exited) {
			ret = 1;
			goto out;
		}
		if (irq_ready(c) || !fast_ok(c))
			goto out;
		RESUME;
	}
out:
	if (rearm != NULL)
		rearm->op = OP_BREAK;
	memcpy(c->x, r, sizeof(c->x));
	c->pc = CURPC;
	m->icount = ic;
	return ret;
#undef PC
#undef NEXTPC
#undef CURPC
#undef CASE
#undef CASEL
#undef DEFAULT
#undef DISPATCH
#undef RESUME
#undef NEXT
#undef NEXT16
#undef NEXTLEN
#undef JUMP
#undef JUMPI
#undef TRAP
#undef TOUCH
#undef CANDIDATE
}

/* ---- outside the fast path: S, U, MPRV, locked PMP ---- */

/*
 * Translate and check an access of n bytes at va of kind acc: *pa, or
 * -1 with the trap's cause and tval.  An access that crosses into a
 * page mapped elsewhere is done a byte at a time (*split = 1), after
 * both pages translated: a fault on the second page reports its first
 * address, as QEMU does.
 */
/*
 * Translate va through the cache (struct tlb_ent), walking on a miss;
 * *pmp_ok: PMP is known to allow acc over va's whole physical page.
 */
static int
vm_xlate(struct machine *m, uint32_t va, uint32_t acc, uint32_t priv,
    uint64_t *pa, int *pmp_ok, uint32_t *cause)
{
	struct cpu_cache *cc = m->cache;
	const struct cpu *c = &m->cpu;
	struct tlb_ent *e = &cc->tlb[(va >> PAGE_SHIFT) % TLB_N];
	struct mmu_leaf lf;
	uint32_t a;
	int i;

	if (e->key == priv + 1 && e->vpn == va >> PAGE_SHIFT &&
	    mmu_leaf_ok(c, e->pte, acc, priv) &&
	    (acc != PMP_W || (e->pte & PTE_D) != 0)) {
		*pa = (uint64_t)e->ppn << PAGE_SHIFT | (va & (PAGE_SIZE - 1));
		*pmp_ok = (e->pmp & acc) != 0;
		return 0;
	}
	*pmp_ok = 0;
	if (mmu_translate(m, va, acc, priv, pa, cause, &lf) != 0)
		return -1;
	if (!lf.walked)
		return 0;
	for (i = 0; i < lf.nread; i++)
		cc->code[lf.read[i] >> PAGE_SHIFT] |= CODE_PT;
	e->key = priv + 1;
	e->vpn = va >> PAGE_SHIFT;
	e->ppn = (uint32_t)(*pa >> PAGE_SHIFT);
	e->pte = lf.pte;
	e->pmp = 0;
	for (a = PMP_R; a <= PMP_X; a <<= 1)
		if (pmp_check(c, *pa & ~(uint64_t)(PAGE_SIZE - 1), PAGE_SIZE,
		    a, priv) == 0)
			e->pmp |= a;
	cc->tlb_live = 1;
	*pmp_ok = (e->pmp & acc) != 0;
	return 0;
}

static int
vm_addr(struct machine *m, uint32_t va, uint32_t n, uint32_t acc,
    uint64_t *pa, int *split, uint32_t *cause, uint32_t *tval)
{
	const struct cpu *c = &m->cpu;
	uint32_t priv = acc == PMP_X ? c->priv : priv_data(c), va2;
	uint64_t pa2 = 0;
	int ok, ok2;

	*split = 0;
	*tval = va;
	if (vm_xlate(m, va, acc, priv, pa, &ok, cause) != 0)
		return -1;
	if ((va & (PAGE_SIZE - 1)) + n > PAGE_SIZE) {
		va2 = (va | (PAGE_SIZE - 1)) + 1;
		if (vm_xlate(m, va2, acc, priv, &pa2, &ok2, cause) != 0) {
			*tval = va2;
			return -1;
		}
		*split = pa2 != *pa + (va2 - va);
		if (*split && ((!ok && pmp_check(c, *pa, va2 - va, acc,
		    priv) != 0) || (!ok2 && pmp_check(c, pa2, n - (va2 - va),
		    acc, priv) != 0)))
			goto denied;
		if (!*split && !(ok && ok2) && pmp_check(c, *pa, n, acc,
		    priv) != 0)
			goto denied;
	} else if (!ok && pmp_check(c, *pa, n, acc, priv) != 0)
		goto denied;
	if ((*pa >> 32) != 0 || (*split && (pa2 >> 32) != 0))
		goto denied;
	return 0;
denied:
	*cause = acc == PMP_X ? EXC_INSN_FAULT : acc == PMP_W ?
	    EXC_STORE_FAULT : EXC_LOAD_FAULT;
	return -1;
}

/* A load through the MMU: as mem_load, -1 with cause and tval set. */
static int
vm_load(struct machine *m, uint32_t va, uint32_t n, uint32_t *v,
    uint32_t *cause, uint32_t *tval)
{
	uint64_t pa;
	uint32_t i, t;
	int split, st, mmio = 0;

	if (vm_addr(m, va, n, PMP_R, &pa, &split, cause, tval) != 0)
		return -1;
	*cause = EXC_LOAD_FAULT;
	if (!split)
		return mem_load(m, (uint32_t)pa, n, v);
	*v = 0;
	for (i = 0; i < n; i++) {
		/* Both pages are known good: these cannot fault. */
		(void)mmu_translate(m, va + i, PMP_R, priv_data(&m->cpu), &pa,
		    cause, NULL);
		if ((st = mem_load(m, (uint32_t)pa, 1, &t)) < 0)
			return -1;
		mmio |= st;
		*v |= (t & 0xff) << (8 * i);
	}
	return mmio;
}

/* A store through the MMU, as vm_load. */
static int
vm_store(struct machine *m, uint32_t va, uint32_t n, uint32_t v,
    uint32_t *cause, uint32_t *tval)
{
	uint64_t pa;
	uint32_t i;
	int split, st, mmio = 0;

	if (vm_addr(m, va, n, PMP_W, &pa, &split, cause, tval) != 0)
		return -1;
	*cause = EXC_STORE_FAULT;
	if (!split)
		return mem_store(m, (uint32_t)pa, n, v);
	for (i = 0; i < n; i++) {
		(void)mmu_translate(m, va + i, PMP_W, priv_data(&m->cpu), &pa,
		    cause, NULL);
		if ((st = mem_store(m, (uint32_t)pa, 1, v >> (8 * i))) < 0)
			return -1;
		mmio |= st;
	}
	return mmio;
}

/* Fetch 16 bits at va for execution: 0, or -1 with cause and tval. */
static int
vm_fetch16(struct machine *m, uint32_t va, uint32_t *w, uint32_t *cause,
    uint32_t *tval)
{
	uint64_t pa;
	int split;

	if (vm_addr(m, va, 2, PMP_X, &pa, &split, cause, tval) != 0)
		return -1;
	if (pa < m->ram_base || pa - m->ram_base > m->ram_size - 2) {
		*cause = EXC_INSN_FAULT;
		return -1;
	}
	*w = ld16(m->ram + (pa - m->ram_base));
	return 0;
}

/*
 * run_sys's last page for fetches, loads and stores: a RAM page the
 * translation cache maps with the permission and PMP allowing it over
 * the whole page, used with no lookup while the cache is unchanged
 * (tlb_gen) and nothing changed the mode, mstatus or PMP (a trap, an
 * xRET or a CSR write empties all three).
 */
struct pagec {
	uint32_t	 vpn;
	uint8_t		*host;		/* NULL: empty */
};

static void
pagec_fill(struct machine *m, struct pagec *p, uint32_t va, uint32_t acc)
{
	const struct cpu *c = &m->cpu;
	const struct tlb_ent *e = &m->cache->tlb[(va >> PAGE_SHIFT) % TLB_N];
	uint32_t priv = acc == PMP_X ? c->priv : priv_data(c);
	uint64_t pa = (uint64_t)e->ppn << PAGE_SHIFT;

	p->host = NULL;
	if (e->key != priv + 1 || e->vpn != va >> PAGE_SHIFT ||
	    (e->pmp & acc) == 0 || (acc == PMP_W && (e->pte & PTE_D) == 0) ||
	    !mmu_leaf_ok(c, e->pte, acc, priv) || pa < m->ram_base ||
	    pa - m->ram_base >= m->ram_size)
		return;
	p->vpn = va >> PAGE_SHIFT;
	p->host = m->ram + (pa - m->ram_base);
}

/*
 * One instruction at a time, each fetched through the MMU and PMP (or
 * the last fetch page, struct pagec) and decoded by the memo, keyed by
 * pc and checked against the word fetched (with no RAM window, so
 * every jump target is an address; the decode cache holds physical
 * decodes for run_fast only and is never consulted here, so no mapping
 * can make it stale).
 * Returns as run_fast does, and 0 too when an interrupt may be
 * takeable or run_fast may take over.
 */
static int
run_sys(struct machine *m, uint64_t lim)
{
	struct cpu *c = &m->cpu;
	struct cpu_cache *cc = m->cache;
	struct dec *d;
	uint64_t ic = m->icount;
	const uint64_t pass = m->dbg_pass;
	uint32_t r[33], pc = c->pc, npc, w, hi, a, v, n, cause, tval, ilen;
	uint32_t off, p, gen = cc->tlb_gen;
	int st, ret = 0, op, chk;
	/* The debugger arms its hooks between runs, never during one. */
	const int nbp = cc->nbp, nwp = cc->nwp;
	static const uint8_t lsize[] = { 1, 2, 4, 1, 2 };
	struct pagec pf = { 0, NULL }, pl = { 0, NULL }, ps = { 0, NULL };
	/*
	 * Threading (as run_fast): the common ops go on to the next
	 * instruction themselves when it is in the fetch page and its
	 * decode is in the memo, each through its own indirect jump; every
	 * other case goes round the loop.
	 */
	const void *tab[OP_MAX];
	int i;

/* The access of n_ bytes at a_ lies in page cache p_'s page. */
#define IN_PAGE(p_, a_, n_) ((p_).host != NULL && \
			     (p_).vpn == (a_) >> PAGE_SHIFT && \
			     ((a_) & (PAGE_SIZE - 1)) <= PAGE_SIZE - (n_))
#define PAGEC_DROP	(pf.host = pl.host = ps.host = NULL)
/*
 * m->icount and c->pc are the loop's ic and pc, written back before
 * anything outside it may read them (a device, the counters, the gate,
 * semihosting) and at its end: not at every instruction.
 */
#define SYNC		(m->icount = ic, c->pc = pc)

/*
 * The instruction at npc next: ic counted, and, when no check of the
 * loop's top can apply (the limit, a flush, a breakpoint, a misaligned
 * pc, a fetch outside the page, a decode to make), straight to its op.
 */
#define SYS_NEXT	{ \
	ic++; \
	pc = npc; \
	if (ic < lim && gen == cc->tlb_gen && nbp == 0 && (pc & 1) == 0 && \
	    IN_PAGE(pf, pc, 4)) { \
		off = pc & (PAGE_SIZE - 1); \
		w = ld16(pf.host + off); \
		ilen = 2; \
		if (RVC_LEN(w) == 4) { \
			w |= ld16(pf.host + off + 2) << 16; \
			ilen = 4; \
		} \
		d = &cc->memo[(pc >> 1) % MEMO_N].d; \
		if (d->len != 0 && cc->memo[(pc >> 1) % MEMO_N].w == w) { \
			npc = pc + ilen; \
			op = d->op; \
			__extension__ ({ \
				__asm__ ("" : : "i" (__LINE__)); \
				goto *tab[op]; \
			}); \
		} \
	} \
	goto again; \
}
	for (i = 0; i < OP_MAX; i++)
		tab[i] = __extension__ &&s_other;
	tab[OP_LUI] = __extension__ &&s_lui;
	tab[OP_JFAR] = __extension__ &&s_jfar;
	tab[OP_JALR] = __extension__ &&s_jalr;
	tab[OP_BFAR] = __extension__ &&s_bfar;
	for (i = OP_LB; i <= OP_LHU; i++)
		tab[i] = __extension__ &&s_load;
	for (i = OP_SB; i <= OP_SW; i++)
		tab[i] = __extension__ &&s_store;
	for (i = OP_ADDI; i <= OP_SRAI; i++)
		tab[i] = __extension__ &&s_alui;
	for (i = OP_ADD; i <= OP_REMU; i++)
		tab[i] = __extension__ &&s_alur;
	memcpy(r, c->x, sizeof(c->x));
	r[RZ] = 0;
again:
	while (ic < lim) {
		if (gen != cc->tlb_gen) {
			PAGEC_DROP;
			gen = cc->tlb_gen;
		}
		if (nbp > 0 && ic != pass && bp_has(cc, pc)) {
			m->dbg_hit = 1;
			ret = 1;
			break;
		}
		if ((pc & 1) != 0) {
			cause = EXC_INSN_MISALIGNED;
			tval = pc;
			goto trap;
		}
		ilen = 2;
		if (IN_PAGE(pf, pc, 4)) {
			off = pc & (PAGE_SIZE - 1);
			w = ld16(pf.host + off);
			if (RVC_LEN(w) == 4) {
				w |= ld16(pf.host + off + 2) << 16;
				ilen = 4;
			}
		} else {
			if (vm_fetch16(m, pc, &w, &cause, &tval) != 0)
				goto trap;
			if (RVC_LEN(w) == 4) {
				if (vm_fetch16(m, pc + 2, &hi, &cause,
				    &tval) != 0)
					goto trap;
				w |= hi << 16;
				ilen = 4;
			}
			pagec_fill(m, &pf, pc, PMP_X);
		}
		d = &cc->memo[(pc >> 1) % MEMO_N].d;
		if (d->len == 0 || cc->memo[(pc >> 1) % MEMO_N].w != w) {
			cc->memo[(pc >> 1) % MEMO_N].w = w;
			decode(ilen == 4 ? w : rvc_expand(w), 0, 0, 0, d);
			d->len = (uint8_t)(ilen / 2);
		}
		npc = pc + ilen;
		op = d->op;
s_other:
		chk = 0;
		switch (op) {
		case OP_LUI:		/* AUIPC's immediate is relative */
s_lui:
			r[d->rd] = (w & 0x7f) == 0x17 ? pc + d->imm : d->imm;
			SYS_NEXT;
		case OP_JFAR:
s_jfar:
			r[d->rd] = npc;
			npc = pc + d->imm;
			SYS_NEXT;
		case OP_JALR:
s_jalr:
			a = (r[d->rs1] + d->imm) & ~1u;
			r[d->rd] = npc;
			npc = a;
			SYS_NEXT;
		case OP_BFAR:
s_bfar:
			if (branch_taken(d->rd, r[d->rs1], r[d->rs2]))
				npc = pc + d->imm;
			SYS_NEXT;
		case OP_LB:
		case OP_LH:
		case OP_LW:
		case OP_LBU:
		case OP_LHU:
s_load:
			a = r[d->rs1] + d->imm;
			n = lsize[op - OP_LB];
			if (nwp > 0 && ic != pass &&
			    watch_hit(cc, a, n, CPU_WATCH_READ))
				goto candidate;
			if (IN_PAGE(pl, a, n)) {
				off = a & (PAGE_SIZE - 1);
				v = n == 4 ? ld32(pl.host + off) : n == 2 ?
				    ld16(pl.host + off) : pl.host[off];
				st = 0;
			} else if ((st = (SYNC, vm_load(m, a, n, &v, &cause,
			    &tval))) < 0)
				goto trap;
			else if (st == 0)
				pagec_fill(m, &pl, a, PMP_R);
			if (op == OP_LB)
				v = sext(v, 8);
			else if (op == OP_LH)
				v = sext(v, 16);
			r[d->rd] = v;
			if (st == 0)
				SYS_NEXT;
			chk = st;
			break;
		case OP_SB:
		case OP_SH:
		case OP_SW:
s_store:
			a = r[d->rs1] + d->imm;
			n = 1u << (op - OP_SB);
			if (nwp > 0 && ic != pass &&
			    watch_hit(cc, a, n, CPU_WATCH_WRITE))
				goto candidate;
			if (IN_PAGE(ps, a, n)) {
				off = (uint32_t)(ps.host - m->ram) +
				    (a & (PAGE_SIZE - 1));
				if (n == 4)
					st32(m->ram + off, r[d->rs2]);
				else if (n == 2)
					st16(m->ram + off, r[d->rs2]);
				else
					m->ram[off] = (uint8_t)r[d->rs2];
				/*
				 * A page dirty already, with no decode and
				 * no table entry a cached walk read, has
				 * nothing more to update (cpu_ram_touch:
				 * a decode that ends in a page marks it).
				 */
				p = off >> PAGE_SHIFT;
				if (cc->code[p] != 0 ||
				    (m->dirty[p >> 6] >> (p & 63) & 1) == 0)
					cpu_ram_touch(m, off, n);
				st = 0;
			} else if ((st = (SYNC, vm_store(m, a, n, r[d->rs2],
			    &cause, &tval))) < 0)
				goto trap;
			else if (st == 0)
				pagec_fill(m, &ps, a, PMP_W);
			if (st == 0)
				SYS_NEXT;
			chk = st;
			break;
		case OP_ADDI:
		case OP_SLTI:
		case OP_SLTIU:
		case OP_XORI:
		case OP_ORI:
		case OP_ANDI:
		case OP_SLLI:
		case OP_SRLI:
		case OP_SRAI:
s_alui:
			r[d->rd] = alu(op, r[d->rs1], d->imm);
			SYS_NEXT;
		case OP_ADD: case OP_SUB: case OP_SLL: case OP_SLT:
		case OP_SLTU: case OP_XOR: case OP_SRL: case OP_SRA:
		case OP_OR: case OP_AND: case OP_MUL: case OP_MULH:
		case OP_MULHSU: case OP_MULHU: case OP_DIV: case OP_DIVU:
		case OP_REM: case OP_REMU:
s_alur:
			r[d->rd] = alu(op, r[d->rs1], r[d->rs2]);
			SYS_NEXT;
		case OP_LR: case OP_SC: case OP_AMOSWAP: case OP_AMOADD:
		case OP_AMOXOR: case OP_AMOAND: case OP_AMOOR:
		case OP_AMOMIN: case OP_AMOMAX: case OP_AMOMINU:
		case OP_AMOMAXU: {
			uint64_t pa;
			int split;

			a = r[d->rs1];
			tval = a;
			if (nwp > 0 && ic != pass && watch_hit(cc, a, 4,
			    CPU_WATCH_READ | CPU_WATCH_WRITE))
				goto candidate;
			SYNC;
			if (op == OP_SC && (!c->resv_valid ||
			    c->resv_addr != a)) {
				c->resv_valid = 0;
				r[d->rd] = 1;
				break;
			}
			if ((a & 3) != 0) {
				cause = EXC_LOAD_MISALIGNED;
				goto trap;
			}
			/*
			 * LR and the AMOs read first, as QEMU 7.2 does them:
			 * the read's translation (setting A; a fault there
			 * is a load fault, as amo() says for access faults),
			 * then, but for LR, the write's.
			 */
			if (op != OP_SC && vm_addr(m, a, 4, PMP_R, &pa,
			    &split, &cause, &tval) != 0)
				goto trap;
			if (op != OP_LR && vm_addr(m, a, 4, PMP_W, &pa,
			    &split, &cause, &tval) != 0)
				goto trap;
			if ((st = amo(m, op, a, (uint32_t)pa, r[d->rs2], &v,
			    &cause)) < 0)
				goto trap;
			r[d->rd] = v;
			chk = st;
			break;
		}
		case OP_NOP:
			break;
		case OP_SFENCE:
			if (priv_insn_allowed(c, PRIV_SFENCE) != 0)
				goto illegal;
			break;
		case OP_CSRRW: case OP_CSRRS: case OP_CSRRC:
		case OP_CSRRWI: case OP_CSRRSI: case OP_CSRRCI:
			SYNC;
			st = csr_insn(m, op, d->imm, op >= OP_CSRRWI ?
			    d->rs1 : r[d->rs1], d->rs1, &v);
			if (st < 0)
				goto illegal;
			r[d->rd] = v;
			chk = st;
			break;
		case OP_ECALL:
			cause = EXC_ECALL_U + c->priv;
			tval = 0;
			goto trap;
		case OP_EBREAK:
			/* Semihosting reads memory as physical: M only. */
			if (c->priv == PRV_M && ilen == 4) {
				SYNC;
				if ((st = semihost_call(m, r)) == SH_DONE) {
					chk = 1;
					break;
				}
				if (st == SH_AGAIN) {
					ret = 1;
					goto out;
				}
			}
			cause = EXC_BREAKPOINT;
			tval = 0;
			goto trap;
		case OP_MRET:
		case OP_SRET:
			if (priv_insn_allowed(c, op == OP_MRET ? PRIV_MRET :
			    PRIV_SRET) != 0)
				goto illegal;
			npc = op == OP_MRET ? priv_mret(c) : priv_sret(c);
			chk = 1;
			break;
		case OP_WFI:
			if (priv_insn_allowed(c, PRIV_WFI) != 0)
				goto illegal;
			if ((cpu_mip(c) & c->mie) != 0)
				break;
			c->wfi = 1;
			ic++;
			pc = npc;
			ret = 1;
			goto out;
		default:
			if (nwp > 0 && ic != pass)
				goto candidate;
			goto illegal;
		}
		ic++;
		pc = npc;
		if (chk) {
			PAGEC_DROP;
			if (m->brk || m->exited) {
				ret = 1;
				break;
			}
			if (irq_ready(c) || fast_ok(c))
				break;
		}
		continue;
illegal:
		cause = EXC_ILLEGAL;
		tval = ilen == 4 ? w : w & 0xffff;
trap:
		PAGEC_DROP;
		a = pc;
		ic++;
		pc = priv_trap(c, a, cause, tval);
		if (pc == a) {
			/* The handler is the instruction that trapped. */
			m->icount = ic;
			c->pc = pc;
			stuck(m, ic - 1, a, cause, tval, pc);
			ret = 1;
			goto out;
		}
		if (m->brk || m->exited) {
			ret = 1;
			break;
		}
		if (fast_ok(c))
			break;
		continue;
candidate:
		m->dbg_hit = 1;
		ret = 1;
		break;
	}
out:
	memcpy(c->x, r, sizeof(c->x));
	c->pc = pc;
	m->icount = ic;
	return ret;
#undef IN_PAGE
#undef PAGEC_DROP
#undef SYNC
#undef SYS_NEXT
}

void
cpu_run(struct machine *m, uint64_t limit)
{
	struct cpu *c = &m->cpu;
	uint64_t lim;

	if (c->wfi) {
		/* Still waiting unless something is pending, even masked. */
		if ((cpu_mip(c) & c->mie) == 0)
			return;
		c->wfi = 0;
	}
	while (m->icount < limit && !m->exited && !m->stop_req) {
		/*
		 * Interrupts are taken just before the next instruction,
		 * so a stop at icount N always leaves the state from before
		 * it: where a run stops cannot change what happens.
		 */
		if (irq_ready(c)) {
			/*
			 * The state before the handler's first instruction
			 * is no stop state: the candidate is the one before,
			 * and the handler's first instruction goes through.
			 */
			if (m->dbg) {
				if (m->icount != m->dbg_pass) {
					m->dbg_hit = 1;
					return;
				}
				m->dbg_pass = m->icount;
			}
			take_irq(c);
		}
		lim = limit - m->icount > CHUNK ? m->icount + CHUNK : limit;
		if (fast_ok(c) ? run_fast(m, lim) : run_sys(m, lim))
			break;
	}
}

void
cpu_reset(struct machine *m, uint32_t entry)
{
	memset(&m->cpu, 0, sizeof(m->cpu));
	m->cpu.pc = entry;
	/*
	 * MPP = M at reset, as this machine always had it (QEMU 7.2 resets
	 * it to U; the spec leaves it open); the hart starts in M.
	 */
	m->cpu.mstatus = MSTATUS_MPP;
	m->cpu.priv = PRV_M;
	/* a0 = hart id; a1 = the device tree, set by machine_boot. */
	m->cpu.x[10] = 0;
	m->cpu.x[11] = 0;
}

void
cpu_flush_cache(struct machine *m)
{
	struct cpu_cache *cc = m->cache;
	uint32_t p, w, n;

	if (cc == NULL)
		return;
	for (p = 0; p < cc->npages; p++) {
		if (!cc->code[p])
			continue;
		w = p << (PAGE_SHIFT - 1);
		n = cc->nslots - w < PAGE_SIZE / 2 ? cc->nslots - w :
		    PAGE_SIZE / 2;
		memset(cc->d + w, 0, n * sizeof(*cc->d));
		cc->code[p] = 0;
	}
	tlb_flush(cc);
}

int
cpu_debug_arm(struct machine *m, const uint32_t *bp, int nbp,
    const struct cpu_watch *wp, int nwp)
{
	struct cpu_cache *cc = m->cache;
	uint32_t *nb = NULL, off;
	struct cpu_watch *nw = NULL;
	int i, reflush = (cc->nwp > 0) != (nwp > 0);

	if (cc->bpage == NULL &&
	    (cc->bpage = calloc(cc->npages ? cc->npages : 1, 1)) == NULL)
		return -1;
	if ((nbp > 0 && (nb = malloc((size_t)nbp * sizeof(*nb))) == NULL) ||
	    (nwp > 0 && (nw = malloc((size_t)nwp * sizeof(*nw))) == NULL)) {
		free(nb);
		return -1;
	}
	bp_drop(m);
	for (i = 0; i < cc->nbp; i++)
		if ((off = cc->bp[i] - m->ram_base) < m->ram_size)
			cc->bpage[off >> PAGE_SHIFT] = 0;
	free(cc->bp);
	free(cc->wp);
	if (nbp > 0)
		memcpy(nb, bp, (size_t)nbp * sizeof(*nb));
	if (nwp > 0)
		memcpy(nw, wp, (size_t)nwp * sizeof(*nw));
	cc->bp = nb;
	cc->nbp = nbp;
	cc->wp = nw;
	cc->nwp = nwp;
	for (i = 0; i < nbp; i++)
		if ((off = bp[i] - m->ram_base) < m->ram_size)
			cc->bpage[off >> PAGE_SHIFT] = 1;
	m->dbg = nbp > 0 || nwp > 0;
	m->dbg_hit = 0;
	/* Loads and stores change between plain and checked decodes. */
	if (reflush)
		cpu_flush_cache(m);
	else
		bp_drop(m);
	return 0;
}

int
cpu_csr_peek(const struct machine *m, uint32_t csr, uint32_t *v)
{
	return csr_read(m, csr, v);
}

int
cpu_debug_here(struct machine *m)
{
	struct cpu_cache *cc = m->cache;
	uint32_t off, w, cause;
	uint64_t pa;

	if (bp_has(cc, m->cpu.pc))
		return 1;
	/* The instruction where the pc maps it (changing nothing). */
	if (mmu_translate(m, m->cpu.pc, PMP_X | MMU_PEEK, m->cpu.priv, &pa,
	    &cause, NULL) != 0 || pa < m->ram_base ||
	    pa - m->ram_base >= m->ram_size)
		return 0;
	off = (uint32_t)(pa - m->ram_base);
	if (cc->nwp == 0 || off >= m->ram_size || off > m->ram_size - 2)
		return 0;
	w = ld16(m->ram + off);
	if (RVC_LEN(w) == 2)
		w = rvc_expand(w);
	w &= 0x7f;
	return w == 0x03 || w == 0x23 || w == 0x2f;
}

int
cpu_cache_init(struct machine *m)
{
	struct cpu_cache *cc;

	cpu_cache_free(m);
	if ((cc = calloc(1, sizeof(*cc))) == NULL)
		return -1;
	cc->nslots = m->ram_size / 2;
	cc->npages = (m->ram_size + PAGE_SIZE - 1) / PAGE_SIZE;
	/*
	 * calloc: untouched pages of a large cache cost no memory.  The
	 * spare before d[0] and two sentinels after the last slot.
	 */
	cc->mem = calloc((size_t)cc->nslots + 3, sizeof(*cc->mem));
	cc->d = cc->mem + 1;
	cc->code = calloc(cc->npages ? cc->npages : 1, 1);
	if (cc->mem == NULL || cc->code == NULL) {
		free(cc->mem);
		free(cc->code);
		free(cc);
		return -1;
	}
	m->cache = cc;
	return 0;
}

void
cpu_cache_free(struct machine *m)
{
	if (m->cache == NULL)
		return;
	free(m->cache->mem);
	free(m->cache->code);
	free(m->cache->bp);
	free(m->cache->bpage);
	free(m->cache->wp);
	free(m->cache);
	m->cache = NULL;
}
