/* Name the missing extension behind an illegal instruction (emu/lacks.h). */

/*
 * Only for messages: the hart decides what is legal (emu/cpu.c).  The
 * opcode map is the unprivileged spec's (table "RISC-V base opcode
 * map"), the CSR ranges the privileged spec's (table "Allocation of
 * RISC-V CSR address ranges").
 */
#include <stdio.h>
#include <stdint.h>

#include "lacks.h"

static const char F[] = "F (single-precision floating point)";
static const char D[] = "D (double-precision floating point)";
static const char ZFH[] = "Zfh (half-precision floating point)";
static const char Q[] = "Q (quad-precision floating point)";
static const char V[] = "V (vectors)";
static const char H[] = "H (the hypervisor extension)";
static const char RV64[] = "RV64 (this is an RV32 machine)";
static const char ZB[] = "B (bit manipulation: Zba, Zbb, Zbc, Zbs)";
static const char ZCB[] = "Zcb (more compressed instructions)";
static const char CMO[] = "Zicbom/Zicboz (cache-block operations)";
static const char DBG[] = "Sdtrig and debug mode";

/* Floating-point formats as instruction fields encode them. */
static const char *const fmt_ext[4] = { F, D, ZFH, Q };

struct csr_range {
	uint16_t	 lo, hi;
	const char	*name;		/* NULL: print the number */
	const char	*ext;
};

static const struct csr_range csrs[] = {
	{ 0x001, 0x001, "fflags", F }, { 0x002, 0x002, "frm", F },
	{ 0x003, 0x003, "fcsr", F },
	{ 0x008, 0x00f, NULL, V }, { 0xc20, 0xc22, NULL, V },
	{ 0x200, 0x2ff, NULL, H }, { 0x600, 0x6ff, NULL, H },
	{ 0xa00, 0xaff, NULL, H }, { 0xe00, 0xeff, NULL, H },
	{ 0x7a0, 0x7bf, NULL, DBG }
};

static int
csr_lacks(uint32_t w, char *buf, size_t size)
{
	static const char *const op[8] = { NULL, "csrrw", "csrrs", "csrrc",
	    NULL, "csrrwi", "csrrsi", "csrrci" };
	static const char *const shortop[8] = { NULL, "csrw", "csrs", "csrc",
	    NULL, "csrwi", "csrsi", "csrci" };
	uint32_t csr = w >> 20, f3 = (w >> 12) & 7, rd = (w >> 7) & 31;
	uint32_t rs1 = (w >> 15) & 31;
	const char *name;
	char num[8];
	size_t i;

	if (op[f3] == NULL)
		return 0;
	for (i = 0; i < sizeof(csrs) / sizeof(csrs[0]); i++)
		if (csr >= csrs[i].lo && csr <= csrs[i].hi)
			break;
	if (i == sizeof(csrs) / sizeof(csrs[0]))
		return 0;
	/* The assembler's short forms: csrr, csrw, csrs, csrc. */
	if ((f3 == 2 || f3 == 3) && rs1 == 0)
		name = "csrr";
	else if (rd == 0)
		name = shortop[f3];
	else
		name = op[f3];
	if (csrs[i].name == NULL)
		snprintf(num, sizeof(num), "0x%03x", (unsigned)csr);
	snprintf(buf, size, "%s %s: %s is not implemented", name,
	    csrs[i].name != NULL ? csrs[i].name : num, csrs[i].ext);
	return 1;
}

static int
put(char *buf, size_t size, const char *what, const char *ext)
{
	snprintf(buf, size, "%s: %s is not implemented", what, ext);
	return 1;
}

static int
lacks32(uint32_t w, char *buf, size_t size)
{
	static const char *const fld[8] = { NULL, "flh", "flw", "fld", "flq",
	    NULL, NULL, NULL };
	static const char *const fst[8] = { NULL, "fsh", "fsw", "fsd", "fsq",
	    NULL, NULL, NULL };
	static const char *const fext[8] = { V, ZFH, F, D, Q, V, V, V };
	uint32_t f3 = (w >> 12) & 7, f7 = w >> 25;

	switch (w & 0x7f) {
	case 0x07:
		return put(buf, size, fld[f3] != NULL ? fld[f3] :
		    "vector load", fext[f3]);
	case 0x27:
		return put(buf, size, fst[f3] != NULL ? fst[f3] :
		    "vector store", fext[f3]);
	case 0x43: case 0x47: case 0x4b: case 0x4f:
		return put(buf, size, "fused multiply-add",
		    fmt_ext[(w >> 25) & 3]);
	case 0x53:
		return put(buf, size, "floating-point operation",
		    fmt_ext[(w >> 25) & 3]);
	case 0x57:
		return put(buf, size, "vector operation", V);
	case 0x1b:
		return put(buf, size, "addiw/slliw/srliw/sraiw", RV64);
	case 0x3b:
		return put(buf, size, "32-bit operation (addw, mulw...)",
		    RV64);
	case 0x03:
		if (f3 == 3 || f3 == 6)
			return put(buf, size, f3 == 3 ? "ld" : "lwu", RV64);
		return 0;
	case 0x23:
		return f3 == 3 ? put(buf, size, "sd", RV64) : 0;
	case 0x2f:
		return f3 == 3 ? put(buf, size, "64-bit atomic", RV64) : 0;
	case 0x0f:
		return f3 == 2 ? put(buf, size, "cache-block operation", CMO) :
		    0;
	case 0x13:
	case 0x33:
		if (f7 == 0x04 || f7 == 0x05 || f7 == 0x10 || f7 == 0x14 ||
		    f7 == 0x24 || f7 == 0x30 || f7 == 0x34 ||
		    (f7 == 0x20 && f3 != 0 && f3 != 5))
			return put(buf, size, "bit-manipulation instruction",
			    ZB);
		return 0;
	case 0x73:
		if (f3 != 0)
			return csr_lacks(w, buf, size);
		if (w == 0x7b200073)
			return put(buf, size, "dret", DBG);
		if ((f7 & 0x5d) == 0x11)	/* hfence.vvma, .gvma */
			return put(buf, size, "hfence", H);
		return 0;
	}
	return 0;
}

static int
lacks16(uint32_t h, char *buf, size_t size)
{
	static const char *const q0[8] = { NULL, "c.fld", NULL, "c.flw",
	    NULL, "c.fsd", NULL, "c.fsw" };
	static const char *const q2[8] = { NULL, "c.fldsp", NULL, "c.flwsp",
	    NULL, "c.fsdsp", NULL, "c.fswsp" };
	uint32_t f3 = (h >> 13) & 7, b12 = (h >> 12) & 1;

	switch (h & 3) {
	case 0:
		if (q0[f3] != NULL)
			return put(buf, size, q0[f3], (f3 & 2) != 0 ? F : D);
		if (f3 == 4)
			return put(buf, size, "c.lbu/c.lhu/c.sb/c.sh", ZCB);
		return 0;
	case 1:
		if (f3 == 4 && b12 && ((h >> 10) & 3) < 2)
			return put(buf, size, "c.srli/c.srai by 32 or more",
			    RV64);
		if (f3 == 4 && b12 && ((h >> 10) & 3) == 3)
			return ((h >> 5) & 3) < 2 ?
			    put(buf, size, "c.subw/c.addw", RV64) :
			    put(buf, size, "c.mul/c.zext/c.sext/c.not", ZCB);
		return 0;
	case 2:
		if (q2[f3] != NULL)
			return put(buf, size, q2[f3], (f3 & 2) != 0 ? F : D);
		if (f3 == 0 && b12)
			return put(buf, size, "c.slli by 32 or more", RV64);
		return 0;
	}
	return 0;
}

int
lacks_name(uint32_t w, int len, char *buf, size_t size)
{
	return len == 2 ? lacks16(w & 0xffff, buf, size) :
	    lacks32(w, buf, size);
}
