/*
 * cpudiff_gen: random RV32IMAC instruction streams, as assembly, for the
 * differential test against QEMU (tests/cpudiff/README).
 *
 * usage: cpudiff_gen SEED STREAMS LENGTH > streams.S
 *
 * Each stream is a function stream_N: lines that set every register the
 * stream may write to a random value ("# init"), then 1 to LENGTH random
 * items (short streams keep more of what each item computed: a value
 * overwritten before the end is compared by nothing), each on one line (one instruction, or a short sequence joined
 * by ';' that must stay together), then a jump to stream_done.  Labels
 * (Ln:) are lines of their own, so a shrinker may delete any item line
 * and the rest still assembles: every branch and jump goes forward to a
 * label.  What a stream does not do, so that both machines must agree
 * on every bit of the result: write sp, gp, tp or s0 (the harness's),
 * touch memory other than the data area (through s0 and sp) and a few
 * unmapped addresses, read a counter's value except as the difference
 * of two reads, or run WFI, MRET, SRET, SFENCE.VMA, touch the S-mode
 * CSRs, or anything QEMU's CPU has that rremu's lacks (F with
 * mstatus.FS on, H, misa, mstatus).
 *
 * Every stream begins with a jump over its configuration words ("#
 * cfg": mode, mstatus bits, medeleg, satp's ASID, the four data PTEs).
 * A stream of mode 3 runs in M as above.  About a third run in S or U
 * instead (main.c enters them by MRET), under Sv32 with a random page
 * table: code and harness identity-mapped by one megapage, s0 and sp
 * in a window of four 4 KiB pages at 0x40000000 whose PTEs have random
 * V, R, W, X, U, A and D bits; mstatus.SUM and MXR random; random
 * exceptions delegated to S (in S streams; ECALLs never, so a stream's
 * end reaches M).  Their items add S-mode CSR accesses, SRET, SFENCE.VMA,
 * WFI (in U: illegal), and PTE rewrites followed by SFENCE.VMA (a
 * rewrite without one would show QEMU's TLB, which the spec allows to
 * be stale and rremu does not have).
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>

static uint64_t rng;

static uint32_t
rnd(void)
{
	/* splitmix64: the sequence is the same on every host. */
	uint64_t z = (rng += 0x9e3779b97f4a7c15ull);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return (uint32_t)((z ^ (z >> 31)) >> 32);
}

/* A number in [0, n). */
static uint32_t
below(uint32_t n)
{
	return rnd() % n;
}

/* Registers a stream may write: all but x0, sp, gp, tp and s0. */
static int
wreg(void)
{
	static const int r[] = { 1, 5, 6, 7, 9, 10, 11, 12, 13, 14, 15, 16,
	    17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31 };

	return r[below(sizeof(r) / sizeof(r[0]))];
}

/* Any register, to read. */
static int
rreg(void)
{
	return (int)below(32);
}

/* A register of the compressed set x8..x15 it may write (not s0). */
static int
wcreg(void)
{
	return 9 + (int)below(7);
}

static int
rcreg(void)
{
	return 8 + (int)below(8);
}

/* A signed immediate of bits bits. */
static int32_t
simm(int bits)
{
	return (int32_t)below(1u << bits) - (int32_t)(1u << (bits - 1));
}

static long stream;		/* its number: labels are S<stream>L<n> */
static int nlabel;		/* labels placed so far in this stream */
static int maxlabel;		/* labels it will have; the last is at its
				   end, after every item */
static int nlocal;		/* local labels of auipc pairs */
static int mode;		/* the stream's mode: 0 U, 1 S, 3 M */

/*
 * A label ahead: one of the next few, so compressed branches reach
 * (each label is about four items on, an item at most 24 bytes).
 */
static int
ahead(int near)
{
	int l = nlabel + 1 + (int)below((uint32_t)near);

	return l > maxlabel ? maxlabel : l;
}

static void
alu(void)
{
	static const char *const rr[] = { "add", "sub", "sll", "slt", "sltu",
	    "xor", "srl", "sra", "or", "and", "mul", "mulh", "mulhsu", "mulhu",
	    "div", "divu", "rem", "remu" };
	static const char *const ri[] = { "addi", "slti", "sltiu", "xori",
	    "ori", "andi" };
	static const char *const sh[] = { "slli", "srli", "srai" };

	switch (below(5)) {
	case 0:
	case 1:
		printf("\t%s x%d, x%d, x%d\n", rr[below(18)], wreg(), rreg(),
		    rreg());
		break;
	case 2:
		printf("\t%s x%d, x%d, %d\n", ri[below(6)], wreg(), rreg(),
		    simm(12));
		break;
	case 3:
		printf("\t%s x%d, x%d, %u\n", sh[below(3)], wreg(), rreg(),
		    below(32));
		break;
	default:
		printf("\t%s x%d, 0x%x\n", below(2) ? "lui" : "auipc", wreg(),
		    below(1u << 20));
		break;
	}
}

static void
compressed(void)
{
	int32_t i;

	printf("\t.option rvc; ");
	switch (below(12)) {
	case 0:
		printf("c.li x%d, %d", wreg(), simm(6));
		break;
	case 1:
		do
			i = simm(6);
		while (i == 0);
		/* as writes a negative nzimm as the 20-bit value. */
		printf("c.lui x%d, 0x%x", wreg(), i > 0 ? (uint32_t)i :
		    0x100000u - (uint32_t)-i);
		break;
	case 2:
		do
			i = simm(6);
		while (i == 0);
		printf("c.addi x%d, %d", wreg(), i);
		break;
	case 3:
		printf("c.mv x%d, x%d", wreg(), 1 + (int)below(31));
		break;
	case 4:
		printf("c.add x%d, x%d", wreg(), 1 + (int)below(31));
		break;
	case 5: {
		static const char *const op[] = { "c.sub", "c.xor", "c.or",
		    "c.and" };

		printf("%s x%d, x%d", op[below(4)], wcreg(), rcreg());
		break;
	}
	case 6:
		printf("c.andi x%d, %d", wcreg(), simm(6));
		break;
	case 7:
		printf("%s x%d, %u", below(2) ? "c.srli" : "c.srai", wcreg(),
		    1 + below(31));
		break;
	case 8:
		printf("c.slli x%d, %u", wreg(), 1 + below(31));
		break;
	case 9:
		printf("c.addi4spn x%d, sp, %u", wcreg(), 4 * (1 + below(255)));
		break;
	case 10:
		printf("c.nop");
		break;
	default:
		printf("c.ebreak");
		break;
	}
	printf("; .option norvc\n");
}

/* Loads and stores: the data area through s0 and sp, or nothing. */
static void
memory(void)
{
	static const char *const ld[] = { "lb", "lh", "lw", "lbu", "lhu" };
	static const char *const st[] = { "sb", "sh", "sw" };
	static const int32_t ldsz[] = { 1, 2, 4, 1, 2 };
	static const int32_t stsz[] = { 1, 2, 4 };
	int32_t off;
	uint32_t k;

	switch (below(8)) {
	case 0:
	case 1:
		printf("\t%s x%d, %d(s0)\n", ld[below(5)], wreg(), simm(12));
		break;
	case 2:
	case 3:
		printf("\t%s x%d, %d(s0)\n", st[below(3)], rreg(), simm(12));
		break;
	case 4:
		printf("\t.option rvc; %s x%d, %u(%s); .option norvc\n",
		    below(2) ? "c.lw" : "c.sw", wcreg(), 4 * below(32),
		    "s0");
		break;
	case 5:
		if (below(2))
			printf("\t.option rvc; c.lwsp x%d, %u(sp); "
			    ".option norvc\n", wreg(), 4 * below(64));
		else
			printf("\t.option rvc; c.swsp x%d, %u(sp); "
			    ".option norvc\n", rreg(), 4 * below(64));
		break;
	default:
		/*
		 * Nothing is mapped at 0x400..0x7ff or 0xfffff800.. on
		 * either.  Aligned: QEMU 7.2 splits a misaligned access into
		 * aligned ones and reports the first one's address as mtval
		 * (0x604 for lh from 0x605), where rremu reports the
		 * access's own address, as the privileged spec says.
		 */
		off = below(2) ? 0x400 + (int32_t)below(0x400) :
		    -(int32_t)(1 + below(0x800));
		if (below(2)) {
			k = below(5);
			printf("\t%s x%d, %d(x0)\n", ld[k], wreg(),
			    off & -ldsz[k]);
		} else {
			k = below(3);
			printf("\t%s x%d, %d(x0)\n", st[k], rreg(),
			    off & -stsz[k]);
		}
		break;
	}
}

static void
atomic(void)
{
	static const char *const op[] = { "amoswap.w", "amoadd.w",
	    "amoxor.w", "amoand.w", "amoor.w", "amomin.w", "amomax.w",
	    "amominu.w", "amomaxu.w" };

	switch (below(3)) {
	case 0:
		printf("\tlr.w x%d, (s0)\n", wreg());
		break;
	case 1:
		printf("\tsc.w x%d, x%d, (s0)\n", wreg(), rreg());
		break;
	default:
		printf("\t%s x%d, x%d, (s0)\n", op[below(9)], wreg(), rreg());
		break;
	}
}

/* Forward control transfers, to 2- and 4-byte boundaries alike. */
static void
control(void)
{
	static const char *const br[] = { "beq", "bne", "blt", "bge",
	    "bltu", "bgeu" };
	int t;

	switch (below(7)) {
	case 0:
	case 1:
		printf("\t%s x%d, x%d, S%ldL%d\n", br[below(6)], rreg(), rreg(),
		    stream, ahead(8));
		break;
	case 2:
		/* c.beqz reaches 256 bytes: the next label only. */
		printf("\t.option rvc; %s x%d, S%ldL%d; .option norvc\n",
		    below(2) ? "c.beqz" : "c.bnez", rcreg(), stream, ahead(1));
		break;
	case 3:
		printf("\t.option rvc; %s S%ldL%d; .option norvc\n",
		    below(2) ? "c.j" : "c.jal", stream, ahead(8));
		break;
	case 4:
		printf("\tjal x%d, S%ldL%d\n", below(4) ? wreg() : 0, stream,
		    ahead(8));
		break;
	case 5:
		/* jalr to a label, bit 0 of the sum set half the time. */
		t = ahead(8);
		nlocal++;
		printf("\t.LS%ldj%d: auipc x5, %%pcrel_hi(S%ldL%d); "
		    "addi x5, x5, %%pcrel_lo(.LS%ldj%d); jalr x%d, %u(x5)\n",
		    stream, nlocal, stream, t, stream, nlocal,
		    below(4) ? wreg() : 0, below(2));
		break;
	default:
		/* c.jr and c.jalr, through a register set just before. */
		t = ahead(8);
		nlocal++;
		printf("\t.LS%ldj%d: auipc x9, %%pcrel_hi(S%ldL%d); "
		    "addi x9, x9, %%pcrel_lo(.LS%ldj%d); .option rvc; "
		    "%s x9; .option norvc\n", stream, nlocal, stream, t,
		    stream, nlocal, below(2) ? "c.jr" : "c.jalr");
		break;
	}
}

static void
csr(void)
{
	static const char *const rw[] = { "csrrw", "csrrs", "csrrc" };
	static const char *const rwi[] = { "csrrwi", "csrrsi", "csrrci" };
	static const char *const ctr[] = { "cycle", "instret", "time",
	    "mcycle", "minstret" };
	static const char *const wctr[] = { "mcycle", "minstret", "mcycleh",
	    "minstreth" };
	static const char *const ro[] = { "cycle", "time", "instret",
	    "cycleh", "timeh", "instreth" };
	const char *c;
	int a, b;

	switch (below(7)) {
	case 0:
	case 1:
		c = below(4) ? "mscratch" : "mcounteren";
		if (below(2))
			printf("\t%s x%d, %s, x%d\n", rw[below(3)], wreg(), c,
			    rreg());
		else
			printf("\t%s x%d, %s, %u\n", rwi[below(3)], wreg(), c,
			    below(32));
		break;
	case 2:
	case 3:
		/*
		 * Two reads of a counter, straight on: their difference is
		 * comparable (1 or 0 a step), not their values.  QEMU
		 * counts under -icount what rremu counts; time may tick
		 * between the reads on one machine and not the other, so
		 * its difference is halved away.
		 */
		a = wreg();
		do
			b = wreg();
		while (b == a);
		c = ctr[below(5)];
		printf("\tcsrr x%d, %s; csrr x%d, %s; sub x%d, x%d, x%d", a, c,
		    b, c, a, b, a);
		if (c[0] == 't')
			printf("; srli x%d, x%d, 1", a, a);
		printf("; li x%d, 0\n", b);
		break;
	case 4:
		/*
		 * A write, read back: rremu reads the value written, as the
		 * spec says; QEMU 7.2 reads one more (it counts the writing
		 * instruction).  Compared halved.
		 */
		a = wreg();
		do
			b = wreg();
		while (b == a);
		c = wctr[below(4)];
		printf("\tli x%d, 0x%x; csrw %s, x%d; csrr x%d, %s; "
		    "sub x%d, x%d, x%d; srli x%d, x%d, 1; li x%d, 0\n", a,
		    rnd() & 0x7fffffff, c, a, b, c, b, b, a, b, b, a);
		break;
	default:
		/* A write to a read-only counter: illegal on both. */
		printf("\tcsrw %s, x%d\n", ro[below(6)], 1 + (int)below(31));
		break;
	}
}

/* Words illegal on both machines, mtval the word (or its 16 bits). */
static void
illegal(void)
{
	static const uint32_t custom[] = { 0x0b, 0x2b, 0x5b, 0x7b };

	switch (below(9)) {
	case 0:
		printf("\t.word 0x%08x\n", (rnd() & ~0x7fu) | custom[below(4)]);
		break;
	case 1:
		printf("\t.word 0x%08x\n", below(2) ? 0u : 0xffffffffu);
		break;
	case 2:
		/* OP-32, OP-IMM-32: RV64 only. */
		printf("\t.word 0x%08x\n", (rnd() & ~0x7fu) |
		    (below(2) ? 0x1bu : 0x3bu));
		break;
	case 3:
		/* Floating point with mstatus.FS off (QEMU has F and D). */
		printf("\t.word 0x%08x\n", (rnd() & ~0x7fu) | 0x53u);
		break;
	case 4:
		/* Branch funct3 2 or 3, load funct3 3, 6 or 7. */
		printf("\t.word 0x%08x\n", below(2) ?
		    ((rnd() & ~0x707fu) | (2u + below(2)) << 12 | 0x63u) :
		    ((rnd() & ~0x707fu) | (below(2) ? 3u : 7u) << 12 | 0x03u));
		break;
	case 5:
		printf("\t.half 0x0000\n");
		break;
	case 6:
		/* c.flw, c.fsw, c.fld, c.fsd (FS off) */
		printf("\t.half 0x%04x\n", (rnd() & 0x1ffcu) |
		    (below(4) * 2u + 1u) << 13);
		break;
	case 7:
		/* c.srli, c.srai, c.slli by 32 or more: RV64 only */
		printf("\t.half 0x%04x\n", below(2) ?
		    (0x9001u | below(2) << 10 | below(8) << 7 |
		    below(32) << 2) : (0x1002u | (1 + below(31)) << 7 |
		    below(32) << 2));
		break;
	default:
		/* Reserved: c.addi4spn 0, c.addi16sp 0, c.lui 0, c.jr x0 */
		switch (below(4)) {
		case 0:
			printf("\t.half 0x%04x\n", below(8) << 2);
			break;
		case 1:
			printf("\t.half 0x6101\n");
			break;
		case 2:
			printf("\t.half 0x%04x\n", 0x6001u |
			    (3 + below(29)) << 7);
			break;
		default:
			printf("\t.half 0x8002\n");
			break;
		}
		break;
	}
}

/* A data page's PTE flags: V, R, W, X, U, A, D at random. */
static uint32_t
pte_flags(void)
{
	uint32_t f = rnd() & 0xdeu;	/* R W X U A D; G left clear */

	if (below(8) != 0)
		f |= 1u;		/* V, mostly */
	return f;
}

/* What only S and U streams do. */
static void
privileged(void)
{
	static const char *const rw[] = { "csrrw", "csrrs", "csrrc" };
	static const char *const scsr[] = { "sscratch", "sstatus", "sepc",
	    "scause", "stval", "scounteren", "sie", "sip", "satp",
	    "mstatus", "mscratch", "medeleg" };
	uint32_t k;
	int t, a, b;

	switch (below(6)) {
	case 0:
	case 1:
		/*
		 * S CSRs (satp, sie and sip read only: a satp write would
		 * unmap the stream, an interrupt would come at a time the
		 * machines need not agree on); M's are illegal here.
		 */
		t = (int)below(12);
		if (t >= 6 && t <= 8) {
			printf("\tcsrr x%d, %s\n", wreg(), scsr[t]);
		} else if (t == 1) {
			/* sstatus: SUM, MXR, SPIE and SPP bits only. */
			a = wreg();
			b = wreg();
			k = rnd() & 0xc0120u;
			printf("\tcsrr x%d, sstatus; li x%d, 0x%x; %s x0, "
			    "sstatus, x%d\n", a, b, k, below(2) ? "csrrs" :
			    "csrrc", b);
		} else {
			a = wreg();
			b = rreg();
			printf("\t%s x%d, %s, x%d\n", rw[below(3)], a, scsr[t],
			    b);
		}
		break;
	case 2:
		/* SRET to a label ahead, staying in S (SPP set). */
		t = ahead(8);
		nlocal++;
		printf("\t.LS%ldj%d: auipc x5, %%pcrel_hi(S%ldL%d); "
		    "addi x5, x5, %%pcrel_lo(.LS%ldj%d); csrw sepc, x5; "
		    "li x6, 0x100; csrs sstatus, x6; sret\n", stream, nlocal,
		    stream, t, stream, nlocal);
		break;
	case 3:
		printf("\t%s\n", mode == 0 ? "wfi" : below(2) ? "mret" :
		    "sfence.vma x0, x0");
		break;
	default:
		/* Rewrite data PTE j to page k with new flags, then fence. */
		k = 4096 * below(4);
		a = (int)pte_flags();
		b = 4 * (int)below(4);
		printf("\tlui x5, %%hi(cpd_leaf); addi x5, x5, %%lo(cpd_leaf); "
		    "lui x6, %%hi(cpd_vdata + %u); addi x6, x6, "
		    "%%lo(cpd_vdata + %u); srli x6, x6, 2; ori x6, x6, 0x%x; "
		    "sw x6, %d(x5); sfence.vma x0, x0\n", k, k, a, b);
		break;
	}
}

static void
item(void)
{
	uint32_t k = below(100);

	if (mode != 3 && below(5) == 0) {
		privileged();
		return;
	}

	if (k < 28)
		alu();
	else if (k < 46)
		compressed();
	else if (k < 62)
		memory();
	else if (k < 67)
		atomic();
	else if (k < 77)
		control();
	else if (k < 89)
		csr();
	else if (k < 96)
		illegal();
	else
		printf("\t%s\n", below(3) == 0 ? "ecall" : below(2) ?
		    "ebreak" : "fence.i");
}

/*
 * The configuration words after the stream's first jump (main.c reads
 * them): mode, mstatus bits (SUM, MXR), medeleg, satp's ASID, and the
 * flags of the four data PTEs.
 */
static void
config(long s)
{
	/* Exceptions S may take: not the ECALLs, 10 or 14. */
	const uint32_t deleg = 0xb0ffu;
	uint32_t st = 0, md = 0, asid = 0, f[4] = { 0, 0, 0, 0 };
	int i;

	mode = 3;
	if (below(3) == 0) {
		mode = below(2) ? 1 : 0;
		st = rnd() & 0xc0000u;
		md = mode == 1 ? rnd() & deleg : 0;
		asid = below(512);
		for (i = 0; i < 4; i++)
			f[i] = pte_flags();
	}
	printf("\tj S%ldgo # cfg\n", s);
	printf("\t.word %d, 0x%x, 0x%x, %u, 0x%x, 0x%x, 0x%x, 0x%x # cfg\n",
	    mode, st, md, asid, f[0], f[1], f[2], f[3]);
	printf("S%ldgo:\n", s);
}

int
main(int argc, char **argv)
{
	unsigned long long seed;
	long nstreams, len, n, s, i;
	int r;

	if (argc != 4) {
		fprintf(stderr, "usage: cpudiff_gen SEED STREAMS LENGTH\n");
		return 2;
	}
	seed = strtoull(argv[1], NULL, 0);
	nstreams = strtol(argv[2], NULL, 0);
	len = strtol(argv[3], NULL, 0);
	if (nstreams < 1 || len < 1) {
		fprintf(stderr, "usage: cpudiff_gen SEED STREAMS LENGTH\n");
		return 2;
	}
	printf("# cpudiff_gen %llu %ld %ld\n", seed, nstreams, len);
	printf("\t.option norelax\n\t.option norvc\n\t.text\n");
	for (s = 0; s < nstreams; s++) {
		rng = seed * 1000003u + (uint64_t)s;
		stream = s;
		n = 1 + (long)below((uint32_t)len);
		nlabel = 0;
		maxlabel = (int)(n / 4) + 1;
		printf("\n\t.balign 4\n\t.globl stream_%ld\nstream_%ld:\n", s,
		    s);
		config(s);
		for (r = 1; r < 32; r++)
			if (r != 2 && r != 3 && r != 4 && r != 8)
				printf("\tli x%d, 0x%08x # init\n", r, rnd());
		for (i = 0; i < n; i++) {
			/* A label about every fourth item. */
			if (nlabel < maxlabel - 1 && below(4) == 0)
				printf("S%ldL%d:\n", s, ++nlabel);
			item();
		}
		while (nlabel < maxlabel)
			printf("S%ldL%d:\n", s, ++nlabel);
		printf("\tj %s\n", mode == 3 ? "stream_done" : "stream_exit");
	}
	printf("\n\t.section .rodata\n\t.balign 4\n\t.globl streams\n"
	    "streams:\n");
	for (s = 0; s < nstreams; s++)
		printf("\t.word stream_%ld\n", s);
	printf("\t.globl nstreams\nnstreams:\n\t.word %ld\n", nstreams);
	return 0;
}
