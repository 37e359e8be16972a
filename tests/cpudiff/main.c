/*
 * The guest side of the differential test (tests/cpudiff/README): run
 * every generated stream and print what it left, the same text on
 * rremu and on QEMU when both machines agree.
 */
#include "rt.h"

typedef void	 stream_fn(void);

extern stream_fn *const streams[];
extern const uint32_t nstreams;
extern uint32_t	 trap_log[], trap_log_end[], dump[32];

void		 stream_run(stream_fn *fn, uint8_t *data);
void		 stream_run_priv(stream_fn *fn, uint32_t mstatus, uint32_t satp,
		    uint32_t medeleg);

/* The configuration words after a stream's first jump (gen.c). */
struct cfg {
	uint32_t	 jump;
	uint32_t	 mode;		/* 0 U, 1 S, 3 M */
	uint32_t	 status;	/* mstatus.SUM and MXR */
	uint32_t	 medeleg;
	uint32_t	 asid;
	uint32_t	 pte[4];	/* flags of the data window's PTEs */
};

#define PTE_V		0x01u
#define PTE_RWX		0x0eu
#define PTE_U		0x10u
#define PTE_A		0x40u
#define PTE_D		0x80u
#define WINDOW		0x40000000u	/* the data window's virtual base */

/* The data area a stream reads and writes, with a margin past its end. */
static uint8_t	 data[4096 + 16] __attribute__((aligned(16)));
/* S and U streams: four data pages, the page tables (gen.c names them). */
uint8_t		 cpd_vdata[4][4096] __attribute__((aligned(4096)));
uint32_t	 cpd_leaf[1024] __attribute__((aligned(4096)));
static uint32_t	 root[1024] __attribute__((aligned(4096)));

static uint32_t
fnv(const void *p, size_t n, uint32_t h)
{
	const uint8_t *b = p;
	size_t i;

	for (i = 0; i < n; i++)
		h = (h ^ b[i]) * 16777619u;
	return h;
}

static void
fill(uint8_t *p, size_t n, uint32_t x)
{
	size_t i;

	for (i = 0; i < n; i++) {
		x = x * 1103515245u + 12345u;
		p[i] = (uint8_t)(x >> 16);
	}
}

/*
 * Sv32 for a stream in S or U: the first 4 MiB of RAM (code, harness,
 * trap log) identity-mapped by one megapage, which U may run but not
 * write; the data window's four pages under one leaf table.
 */
static uint32_t
map(const struct cfg *c)
{
	uint32_t i, ram = 0x80000000u, mega;

	for (i = 0; i < 1024; i++)
		root[i] = cpd_leaf[i] = 0;
	mega = PTE_V | PTE_A | (c->mode == 0 ? 0x0au | PTE_U :
	    PTE_RWX | PTE_D);
	root[ram >> 22] = (ram >> 12) << 10 | mega;
	root[WINDOW >> 22] = ((uint32_t)(uintptr_t)cpd_leaf >> 12) << 10 |
	    PTE_V;
	for (i = 0; i < 4; i++)
		cpd_leaf[i] = ((uint32_t)(uintptr_t)cpd_vdata[i] >> 12) << 10 |
		    c->pte[i];
	return 0x80000000u | c->asid << 22 |
	    (uint32_t)(uintptr_t)root >> 12;
}

int
main(void)
{
	const struct cfg *c;
	uint32_t s, i, h, satp, *t;

	/*
	 * PMP open to S and U: with no entry, S and U may access nothing
	 * (and QEMU 7.2 makes the MRET to them illegal, README).
	 */
	__asm__ volatile ("csrw pmpaddr0, %0; csrw pmpcfg0, %1" ::
	    "r"(0xffffffffu), "r"(0x1fu));
	for (s = 0; s < nstreams; s++) {
		c = (const struct cfg *)(const void *)streams[s];
		/* The same contents before every stream. */
		fill(data, sizeof(data), 0x12345678u + s);
		if (c->mode == 3) {
			stream_run(streams[s], data);
		} else {
			fill(&cpd_vdata[0][0], sizeof(cpd_vdata),
			    0x9abcdef0u + s);
			satp = map(c);
			stream_run_priv(streams[s], c->mode << 11 | c->status,
			    satp, c->medeleg);
		}
		printf("stream %lu mode %lu\n", s, c->mode);
		for (t = trap_log; t < (uint32_t *)dump[3]; t += 4)
			printf("trap %lu %08lx %08lx %lx\n", t[0], t[1], t[2],
			    t[3]);
		for (i = 1; i < 32; i++)
			if (i != 2 && i != 4 && i != 8)
				printf("x%lu %08lx\n", i, dump[i]);
		/* FNV-1a over the data area; the window and its PTEs. */
		h = fnv(data, sizeof(data), 2166136261u);
		printf("data %08lx\n", h);
		if (c->mode != 3) {
			h = fnv(cpd_vdata, sizeof(cpd_vdata), 2166136261u);
			printf("window %08lx pte %08lx %08lx %08lx %08lx\n", h,
			    cpd_leaf[0], cpd_leaf[1], cpd_leaf[2],
			    cpd_leaf[3]);
		}
	}
	(void)trap_log_end;
	return 0;
}
