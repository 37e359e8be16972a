/*
 * Unit tests: code addresses named from a guest's ELF (cmd/sym.c): the
 * entry point by its label and source line, an address no symbol holds
 * as plain hex, and the ELFs refused (another image, not an ELF).
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../lib/rr.h"
#include "../../cmd/sym.h"
#include "unit.h"

/* guests/rt/crt0.S: _start's first instruction, la gp. */
#define START_LINE	12

static char elf[512];
static uint64_t elf_hash;
static uint32_t entry;

static void
load(void)
{
	uint8_t *img;
	size_t len;

	snprintf(elf, sizeof(elf), "%s/guests/hello.elf", unit_builddir());
	ck_assert_ptr_nonnull(img = unit_slurp(elf, &len));
	ck_assert_uint_ge(len, 28);
	elf_hash = rr_hash64(img, len, 0);
	entry = (uint32_t)img[24] | (uint32_t)img[25] << 8 |
	    (uint32_t)img[26] << 16 | (uint32_t)img[27] << 24;
	free(img);
}

START_TEST(names_the_entry)
{
	struct cmd_sym *s;
	char buf[200], want[64];

	load();
	ck_assert_int_eq(cmd_sym_open(&s, elf, &elf_hash), 0);
	ck_assert_int_eq(cmd_sym_name(s, entry, buf, sizeof(buf)), 0);
	snprintf(want, sizeof(want), "_start (crt0.S:%d)", START_LINE);
	ck_assert_str_eq(buf, want);
	ck_assert_int_eq(cmd_sym_name(s, entry + 4, buf, sizeof(buf)), 0);
	ck_assert_msg(strncmp(buf, "_start+0x4 (crt0.S:", 19) == 0, "%s", buf);
	snprintf(want, sizeof(want), "0x%08x _start (crt0.S:%d)", entry,
	    START_LINE);
	ck_assert_str_eq(cmd_sym_addr(s, entry, buf, sizeof(buf)), want);
	/* Cut to fit: still a terminated string. */
	ck_assert_int_eq(cmd_sym_name(s, entry, buf, 4), 0);
	ck_assert_str_eq(buf, "_st");
	cmd_sym_close(s);
}
END_TEST

/*
 * A mapping symbol ("$x...", RISC-V's mark of where code starts) is
 * nobody's name: code after one, with no label of its own, is named
 * after the label before it (tests/emu/labels.S; no DWARF there).
 */
START_TEST(mapping_symbols_skipped)
{
	struct cmd_sym *s;
	char path[512], buf[200];

	snprintf(path, sizeof(path), "%s/tests/emu/labels.elf",
	    unit_builddir());
	ck_assert_int_eq(cmd_sym_open(&s, path, NULL), 0);
	ck_assert_int_eq(cmd_sym_name(s, 0x80000004, buf, sizeof(buf)), 0);
	ck_assert_str_eq(buf, "_start+0x4");
	ck_assert_int_eq(cmd_sym_name(s, 0x80000000, buf, sizeof(buf)), 0);
	ck_assert_str_eq(buf, "_start");
	/* Past the code: the section's end bounds an unsized label. */
	ck_assert_int_eq(cmd_sym_name(s, 0x8000000c, buf, sizeof(buf)), -1);
	cmd_sym_close(s);
}
END_TEST

/* Below the image, above it, and with no ELF at all: plain hex. */
START_TEST(no_symbol_plain_hex)
{
	struct cmd_sym *s;
	char buf[200];

	load();
	ck_assert_int_eq(cmd_sym_open(&s, elf, NULL), 0);
	ck_assert_int_eq(cmd_sym_name(s, 0x1000, buf, sizeof(buf)), -1);
	ck_assert_str_eq(buf, "");
	ck_assert_str_eq(cmd_sym_addr(s, 0x1000, buf, sizeof(buf)),
	    "0x00001000");
	ck_assert_str_eq(cmd_sym_addr(s, 0x87fffffc, buf, sizeof(buf)),
	    "0x87fffffc");
	cmd_sym_close(s);
	ck_assert_int_eq(cmd_sym_name(NULL, entry, buf, sizeof(buf)), -1);
	ck_assert_str_eq(cmd_sym_addr(NULL, entry, buf, sizeof(buf)) + 10,
	    "");
	cmd_sym_close(NULL);
}
END_TEST

START_TEST(refuses)
{
	struct cmd_sym *s = (struct cmd_sym *)&s;
	uint64_t other;
	char path[600];
	FILE *f;

	load();
	other = elf_hash + 1;
	ck_assert_int_eq(cmd_sym_open(&s, elf, &other), -1);
	ck_assert_ptr_null(s);
	snprintf(path, sizeof(path), "%s/text", unit_tmpdir());
	ck_assert_ptr_nonnull(f = fopen(path, "w"));
	fputs("this is not an ELF file\n", f);
	fclose(f);
	ck_assert_int_eq(cmd_sym_open(&s, path, NULL), -1);
	snprintf(path, sizeof(path), "%s/missing", unit_tmpdir());
	ck_assert_int_eq(cmd_sym_open(&s, path, NULL), -1);
	ck_assert_int_eq(cmd_sym_open(&s, unit_tmpdir(), NULL), -1);
}
END_TEST

Suite *
suite_sym(void)
{
	Suite *su = suite_create("sym");
	TCase *tc = tcase_create("names");

	tcase_add_test(tc, names_the_entry);
	tcase_add_test(tc, mapping_symbols_skipped);
	tcase_add_test(tc, no_symbol_plain_hex);
	tcase_add_test(tc, refuses);
	suite_add_tcase(su, tc);
	return su;
}
