/* Unit tests: the ELF loader (emu/elf.c), good images and every refusal. */
#include <check.h>
#include <stdio.h>
#include <string.h>

#include "../../emu/machine.h"
#include "unit.h"

#define RAM_SIZE	(64u * 1024)
#define PH0		52u		/* first program header */
#define PH1		(PH0 + 32u)
#define PH2		(PH1 + 32u)
#define TEXT_OFF	0x100u
#define DATA_OFF	0x110u
#define IMG_LEN		0x118u

static struct machine m;
static uint8_t img[IMG_LEN];

static void
put16(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
}

static void
put32(uint8_t *p, uint32_t v)
{
	put16(p, v);
	put16(p + 2, v >> 16);
}

static void
phdr(uint8_t *p, uint32_t type, uint32_t off, uint32_t paddr,
    uint32_t filesz, uint32_t memsz)
{
	put32(p, type);
	put32(p + 4, off);
	put32(p + 8, paddr);		/* vaddr: not used */
	put32(p + 12, paddr);
	put32(p + 16, filesz);
	put32(p + 20, memsz);
	put32(p + 24, 5);
	put32(p + 28, 4);
}

/*
 * A small good image: text at RAM_BASE, data with a .bss tail at
 * RAM_BASE + 0x1000, and a PT_NOTE the loader skips.
 */
static void
build(void)
{
	unsigned i;

	memset(img, 0, sizeof(img));
	img[0] = 0x7f;
	memcpy(img + 1, "ELF", 3);
	img[4] = 1;			/* ELFCLASS32 */
	img[5] = 1;			/* little-endian */
	img[6] = 1;			/* EV_CURRENT */
	put16(img + 16, 2);		/* ET_EXEC */
	put16(img + 18, 243);		/* EM_RISCV */
	put32(img + 20, 1);
	put32(img + 24, RAM_BASE + 4);	/* entry */
	put32(img + 28, PH0);
	put16(img + 40, 52);
	put16(img + 42, 32);
	put16(img + 44, 3);
	phdr(img + PH0, 1, TEXT_OFF, RAM_BASE, 16, 16);
	phdr(img + PH1, 4, 0, 0, 0, 0);
	phdr(img + PH2, 1, DATA_OFF, RAM_BASE + 0x1000, 8, 0x100);
	for (i = 0; i < 24; i++)
		img[TEXT_OFF + i] = (uint8_t)(0x10 + i);
}

static void
setup(void)
{
	ck_assert_int_eq(machine_init(&m, RAM_SIZE, 0), 0);
	memset(m.ram, 0xaa, RAM_SIZE);
	build();
}

static void
teardown(void)
{
	machine_free(&m);
}

START_TEST(elf_good)
{
	uint32_t entry = 0;
	uint64_t h0;
	char err[256] = "";
	unsigned i;

	h0 = machine_hash(&m, NULL, NULL);
	ck_assert_msg(elf_load(&m, img, IMG_LEN, &entry, err,
	    sizeof(err)) == 0, "%s", err);
	ck_assert_uint_eq(entry, RAM_BASE + 4);
	for (i = 0; i < 16; i++)
		ck_assert_uint_eq(m.ram[i], 0x10 + i);
	ck_assert_uint_eq(m.ram[16], 0xaa);		/* beyond memsz */
	for (i = 0; i < 8; i++)
		ck_assert_uint_eq(m.ram[0x1000 + i], 0x20 + i);
	for (i = 8; i < 0x100; i++)
		ck_assert_uint_eq(m.ram[0x1000 + i], 0);	/* .bss */
	ck_assert_uint_eq(m.ram[0x1100], 0xaa);
	ck_assert_uint_eq(m.image_hash, rr_hash64(img, IMG_LEN, 0));
	/* The hash cache was reset: new RAM shows in the state hash. */
	ck_assert_uint_ne(machine_hash(&m, NULL, NULL), h0);
}
END_TEST

/* Each case breaks the good image one way; the message names where. */
static const struct bad {
	const char	*what;
	uint32_t	 at;		/* byte offset to change */
	int		 width;		/* 1, 2, 4; 0: cut the file */
	uint32_t	 val;
	const char	*msg;
} bad[] = {
	{ "truncated header", 20, 0, 0,
	    "offset 20: file ends inside the ELF header" },
	{ "empty file", 0, 0, 0,
	    "offset 0: file ends inside the ELF header" },
	{ "bad magic", 1, 1, 'e', "offset 0: bad magic" },
	{ "64-bit class", 4, 1, 2, "offset 4: ELF class 2 (64-bit)" },
	{ "big-endian", 5, 1, 2, "offset 5: data encoding 2" },
	{ "ELF version", 6, 1, 0, "offset 6: ELF version 0" },
	{ "shared object", 16, 2, 3, "offset 16: type 3" },
	{ "x86-64", 18, 2, 62, "offset 18: machine 62" },
	{ "entry outside RAM", 24, 4, 0x1000, "offset 24: entry point "
	    "0x00001000 is outside RAM" },
	{ "small phentsize", 42, 2, 16, "offset 42: program header size 16" },
	{ "huge phnum", 44, 2, 0xffff, "offset 44: 65535 program headers" },
	{ "no phdrs", 44, 2, 0, "offset 44: 0 program headers" },
	{ "phdrs past end", 44, 2, 200, "offset 28: program headers at 52 "
	    "(200 of 32 bytes) run past the end of the file (280 bytes)" },
	{ "phoff overflows", 28, 4, 0xfffffff0, "offset 28: program headers "
	    "at 4294967280" },
	{ "segment below RAM", PH0 + 12, 4, 0x70000000, "offset 64: segment "
	    "0: memory 0x70000000+0x10 is outside RAM" },
	{ "segment past RAM end", PH0 + 12, 4, RAM_BASE + RAM_SIZE - 8,
	    "offset 64: segment 0: memory 0x8000fff8+0x10 is outside RAM" },
	{ "memsz wraps", PH2 + 20, 4, 0xffffffff, "offset 128: segment 2: "
	    "memory 0x80001000+0xffffffff is outside RAM" },
	{ "filesz over memsz", PH0 + 16, 4, 0x1000, "offset 68: "
	    "segment 0: file size 4096 exceeds memory size 16" },
	{ "segment past end of file", PH2 + 4, 4, 0x114, "offset 120: "
	    "segment 2: file bytes 0x114+0x8 run past the end of the file" },
	{ "offset overflows", PH2 + 4, 4, 0xfffffffc, "offset 120: segment "
	    "2: file bytes 0xfffffffc+0x8 run past the end" },
	{ "no PT_LOAD", PH0, 4, 6, NULL },	/* patched below */
};

START_TEST(elf_refused)
{
	const struct bad *b = &bad[_i];
	uint32_t entry = 0x12345678;
	size_t len = IMG_LEN;
	char err[256] = "";
	unsigned i;

	if (b->width == 0)
		len = b->at;
	else if (b->width == 1)
		img[b->at] = (uint8_t)b->val;
	else if (b->width == 2)
		put16(img + b->at, b->val);
	else
		put32(img + b->at, b->val);
	if (b->msg == NULL)
		put32(img + PH2, 7);		/* all three not PT_LOAD */
	ck_assert_int_eq(elf_load(&m, img, len, &entry, err, sizeof(err)),
	    -1);
	ck_assert_msg(strstr(err, b->msg != NULL ? b->msg :
	    "offset 44: no loadable segment in 3 program headers") != NULL,
	    "%s: got \"%s\"", b->what, err);
	/* Nothing was written, and entry was left alone. */
	ck_assert_uint_eq(entry, 0x12345678);
	for (i = 0; i < RAM_SIZE; i++)
		if (m.ram[i] != 0xaa)
			ck_abort_msg("%s: RAM byte %u written", b->what, i);
	ck_assert_uint_eq(m.image_hash, 0);
}
END_TEST

/* A segment may end exactly at the end of RAM and of the file. */
START_TEST(elf_edges)
{
	uint32_t entry;
	char err[256] = "";

	phdr(img + PH2, 1, IMG_LEN - 8, RAM_BASE + RAM_SIZE - 8, 8, 8);
	ck_assert_msg(elf_load(&m, img, IMG_LEN, &entry, err,
	    sizeof(err)) == 0, "%s", err);
	ck_assert_uint_eq(m.ram[RAM_SIZE - 1], img[IMG_LEN - 1]);
	/* memsz 0 is skipped even if its address is nonsense. */
	phdr(img + PH2, 1, 0, 0x1000, 0, 0);
	ck_assert_msg(elf_load(&m, img, IMG_LEN, &entry, err,
	    sizeof(err)) == 0, "%s", err);
}
END_TEST

Suite		*suite_elf(void);

Suite *
suite_elf(void)
{
	Suite *s = suite_create("elf");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, elf_good);
	tcase_add_loop_test(tc, elf_refused, 0,
	    (int)(sizeof(bad) / sizeof(bad[0])));
	tcase_add_test(tc, elf_edges);
	suite_add_tcase(s, tc);
	return s;
}
