/* Unit tests: CRC32C, varints, the 64-bit hash (lib/util.c). */
#include <check.h>
#include <stdio.h>
#include <string.h>

#include "../../lib/rr.h"
#include "../../lib/internal.h"
#include "unit.h"

START_TEST(crc32c_vectors)
{
	uint8_t zeros[32], ones[32];

	memset(zeros, 0, sizeof(zeros));
	memset(ones, 0xff, sizeof(ones));
	/* Known answers (RFC 3720, appendix B.4, and the check value). */
	ck_assert_uint_eq(rr_crc32c(0, "123456789", 9), 0xE3069283u);
	ck_assert_uint_eq(rr_crc32c(0, zeros, 32), 0x8A9136AAu);
	ck_assert_uint_eq(rr_crc32c(0, ones, 32), 0x62A8AB43u);
	ck_assert_uint_eq(rr_crc32c(0, "", 0), 0);
	/* Continuation equals one pass. */
	ck_assert_uint_eq(rr_crc32c(rr_crc32c(0, "12345", 5), "6789", 4),
	    0xE3069283u);
}
END_TEST

/*
 * The CPU's CRC32C instruction and slicing by 8 agree on random buffers
 * of every alignment and length, and when a CRC is continued.
 */
START_TEST(crc32c_hw_sw)
{
	/* Long enough for the three-stretch runs (3 x 8 KiB and less). */
	static uint8_t buf[65536 + 16];
	uint32_t seed = 12345, a, b;
	size_t i, off, len, cut;
	int round;

	for (i = 0; i < sizeof(buf); i++) {
		seed = seed * 1103515245u + 12345u;
		buf[i] = (uint8_t)(seed >> 16);
	}
	ck_assert_uint_eq(rr_crc32c_hw(0, "123456789", 9), 0xE3069283u);
	ck_assert_uint_eq(rr_crc32c_sw(0, "123456789", 9), 0xE3069283u);
	for (round = 0; round < 2000; round++) {
		seed = seed * 1103515245u + 12345u;
		off = (seed >> 8) % 16;
		len = round < 64 ? (size_t)round : round % 2 ?
		    (seed >> 12) % 8193 : (seed >> 12) % 65537;
		cut = len > 0 ? (seed >> 4) % len : 0;
		a = rr_crc32c_sw(0, buf + off, len);
		b = rr_crc32c_hw(0, buf + off, len);
		ck_assert_msg(a == b, "offset %zu length %zu: software "
		    "0x%08x, hardware 0x%08x", off, len, a, b);
		ck_assert_uint_eq(rr_crc32c(0, buf + off, len), a);
		b = rr_crc32c_hw(rr_crc32c_hw(0, buf + off, cut),
		    buf + off + cut, len - cut);
		ck_assert_uint_eq(b, a);
	}
	/* Which path ran, for whoever reads the log. */
	if (!rr_crc32c_hw_available())
		fprintf(stderr, "util: no CRC32C instruction: the hardware "
		    "path was the software one\n");
}
END_TEST

START_TEST(hash64_vectors)
{
	ck_assert_uint_eq(rr_hash64("", 0, 0), 0xEF46DB3751D8E999ull);
	ck_assert_uint_eq(rr_hash64("abc", 3, 0), 0x44BC2CF5AD770999ull);
	ck_assert_uint_ne(rr_hash64("abc", 3, 1), rr_hash64("abc", 3, 0));
}
END_TEST

static const uint64_t varint_vals[] = {
	0, 1, 127, 128, 255, 16383, 16384, 0xffffffffull, 1ull << 63,
	UINT64_MAX
};
static const size_t varint_lens[] = { 1, 1, 1, 2, 2, 2, 3, 5, 10, 10 };

START_TEST(varint_roundtrip)
{
	uint8_t buf[16];
	uint64_t v;
	size_t n;

	n = rr_varint_put(buf, varint_vals[_i]);
	ck_assert_uint_eq(n, varint_lens[_i]);
	ck_assert_uint_eq(rr_varint_get(buf, n, &v), n);
	ck_assert_uint_eq(v, varint_vals[_i]);
	/* Every shorter prefix is a truncation. */
	while (n-- > 0)
		ck_assert_uint_eq(rr_varint_get(buf, n, &v), 0);
}
END_TEST

START_TEST(varint_overlong)
{
	uint8_t eleven[11], bits[10];
	uint64_t v;

	memset(eleven, 0x80, sizeof(eleven));
	eleven[10] = 0;
	ck_assert_uint_eq(rr_varint_get(eleven, 11, &v), 0);
	/* Tenth byte may hold only bit 63. */
	memset(bits, 0xff, 9);
	bits[9] = 0x02;
	ck_assert_uint_eq(rr_varint_get(bits, 10, &v), 0);
	ck_assert_int_eq(rr_zigzag(-1), 1);
	ck_assert_int_eq(rr_unzigzag(rr_zigzag(INT64_MIN)), INT64_MIN);
	ck_assert_int_eq(rr_unzigzag(rr_zigzag(INT64_MAX)), INT64_MAX);
}
END_TEST

Suite *
suite_util(void)
{
	Suite *s = suite_create("util");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, crc32c_vectors);
	tcase_add_test(tc, crc32c_hw_sw);
	tcase_add_test(tc, hash64_vectors);
	tcase_add_loop_test(tc, varint_roundtrip, 0,
	    (int)(sizeof(varint_vals) / sizeof(varint_vals[0])));
	tcase_add_test(tc, varint_overlong);
	suite_add_tcase(s, tc);
	return s;
}
