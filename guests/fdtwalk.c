/*
 * fdtwalk: boot as on QEMU's virt (a0 = hart id, a1 = device tree), walk
 * the flattened tree the machine handed over, find the console by
 * /chosen's stdout-path and print through the UART found there.  Lines
 * that start with "~ " differ between machines (the ISA string).  The
 * mmu-type and the PLIC's contexts are those of the tree's revision 2
 * (emu/dtb.h): revision 1 has no mmu-type and one context.
 */
#include "rt.h"

#define FDT_MAGIC	0xd00dfeedu
#define FDT_BEGIN_NODE	1u
#define FDT_END_NODE	2u
#define FDT_PROP	3u
#define FDT_NOP		4u
#define FDT_END		9u
#define DEPTH_MAX	8

static const uint8_t *fdt;
static uint32_t fdt_size, off_struct, off_strings, size_struct;
static volatile uint8_t *console;

static uint32_t
be32(const void *p)
{
	const uint8_t *b = p;

	return (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 |
	    (uint32_t)b[2] << 8 | b[3];
}

/* Print through the UART the tree named, polling its LSR. */
static void
cputs(const char *s)
{
	for (; *s != '\0'; s++) {
		if (*s == '\n')
			cputs("\r");
		while ((console[5] & 0x20) == 0)
			;
		console[0] = (uint8_t)*s;
	}
}

static void
cputx(uint32_t v)
{
	char b[11];
	int i;

	b[0] = '0';
	b[1] = 'x';
	for (i = 0; i < 8; i++)
		b[2 + i] = "0123456789abcdef"[(v >> (28 - 4 * i)) & 15];
	b[10] = '\0';
	cputs(b);
}

struct prop {
	const uint8_t	*val;
	uint32_t	 len;
};

/*
 * Find property name of the node at path ("/" for the root): 1 and *p
 * set, or 0.  Paths are matched a component at a time while walking.
 */
static int
lookup(const char *path, const char *name, struct prop *p)
{
	char cur[DEPTH_MAX * 32];
	size_t depth_len[DEPTH_MAX + 1];
	uint32_t off = off_struct, tok, len, nameoff;
	int depth = -1;
	size_t n, k;

	cur[0] = '\0';
	while (off + 4 <= off_struct + size_struct) {
		tok = be32(fdt + off);
		off += 4;
		switch (tok) {
		case FDT_BEGIN_NODE: {
			const char *nm = (const char *)fdt + off;

			depth++;
			if (depth > DEPTH_MAX)
				return 0;
			n = depth > 0 ? depth_len[depth - 1] : 0;
			if (depth > 0) {
				cur[n++] = '/';
				for (k = 0; nm[k] != '\0' && n + 1 < sizeof(cur);
				    k++)
					cur[n++] = nm[k];
			}
			cur[n] = '\0';
			depth_len[depth] = n;
			off += ((uint32_t)strlen(nm) + 1 + 3) & ~3u;
			break;
		}
		case FDT_END_NODE:
			if (depth < 0)
				return 0;
			depth--;
			if (depth >= 0)
				cur[depth_len[depth]] = '\0';
			break;
		case FDT_PROP:
			len = be32(fdt + off);
			nameoff = be32(fdt + off + 4);
			off += 8;
			if (strcmp(cur[0] ? cur : "/", path) == 0 &&
			    strcmp((const char *)fdt + off_strings + nameoff,
			    name) == 0) {
				p->val = fdt + off;
				p->len = len;
				return 1;
			}
			off += (len + 3) & ~3u;
			break;
		case FDT_NOP:
			break;
		default:
			return 0;
		}
	}
	return 0;
}

int
main(int hartid, char **dtb)
{
	struct prop p, q;

	fdt = (const uint8_t *)dtb;
	console = (volatile uint8_t *)(uintptr_t)RT_UART;
	if (fdt == NULL || be32(fdt) != FDT_MAGIC) {
		puts("fdtwalk: no device tree in a1");
		return 1;
	}
	fdt_size = be32(fdt + 4);
	off_struct = be32(fdt + 8);
	off_strings = be32(fdt + 12);
	size_struct = be32(fdt + 36);
	if (!lookup("/chosen", "stdout-path", &p)) {
		puts("fdtwalk: no /chosen/stdout-path");
		return 2;
	}
	if (!lookup((const char *)p.val, "reg", &q) || q.len != 16) {
		puts("fdtwalk: the console has no reg");
		return 3;
	}
	console = (volatile uint8_t *)(uintptr_t)be32(q.val + 4);
	cputs("fdtwalk: hart ");
	cputx((uint32_t)hartid);
	cputs(", device tree at ");
	cputx((uint32_t)(uintptr_t)dtb);
	cputs("\nfdtwalk: stdout-path ");
	cputs((const char *)p.val);
	cputs(" at ");
	cputx((uint32_t)(uintptr_t)console);
	if (lookup("/memory@80000000", "reg", &q) && q.len == 16) {
		cputs("\nfdtwalk: memory ");
		cputx(be32(q.val + 4));
		cputs(" size ");
		cputx(be32(q.val + 12));
	}
	if (lookup("/cpus", "timebase-frequency", &q) && q.len == 4) {
		cputs("\nfdtwalk: timebase ");
		cputx(be32(q.val));
	}
	if (lookup("/soc/test@100000", "compatible", &q)) {
		cputs("\nfdtwalk: finisher ");
		cputs((const char *)q.val);
	}
	/* Sv32 (so S-mode) and the PLIC's contexts: M's, and S's. */
	if (lookup("/cpus/cpu@0", "mmu-type", &q)) {
		cputs("\nfdtwalk: mmu-type ");
		cputs((const char *)q.val);
	}
	if (lookup("/soc/plic@c000000", "interrupts-extended", &q)) {
		cputs("\nfdtwalk: PLIC contexts ");
		cputx(q.len / 8);
	}
	if (lookup("/cpus/cpu@0", "riscv,isa", &q)) {
		cputs("\n~ fdtwalk: isa ");
		cputs((const char *)q.val);
	}
	cputs("\nfdtwalk: printed through the UART the tree names\n");
	(void)fdt_size;
	return 0;
}
