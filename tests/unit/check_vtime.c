/* Unit tests: virtual time never wraps, deadlines are never behind. */
#include <check.h>
#include <string.h>

#include "../../emu/machine.h"
#include "unit.h"

/*
 * Regression: with a clock shift of 32, icount << shift wrapped after
 * 2^32 instructions; time went backwards and the run loop spun on a
 * deadline behind the current icount.
 */
START_TEST(vtime_saturates)
{
	struct machine m;

	memset(&m, 0, sizeof(m));
	ck_assert_int_eq(machine_init(&m, 1 << 16, 32), 0);
	m.icount = (1ull << 32) - 1;
	ck_assert_uint_eq(machine_vtime_ns(&m), ((1ull << 32) - 1) << 32);
	m.icount = (1ull << 32) + 5;
	ck_assert_uint_eq(machine_vtime_ns(&m), UINT64_MAX);
	m.clint.mtimecmp = 1ull << 40;
	ck_assert_uint_eq(machine_deadline(&m), UINT64_MAX);
	m.icount = 10;
	m.idle_bias = UINT64_MAX - 5;
	ck_assert_uint_eq(machine_vtime_ns(&m), UINT64_MAX);
	machine_free(&m);
}
END_TEST

START_TEST(deadline_ahead)
{
	struct machine m;
	uint64_t d;

	memset(&m, 0, sizeof(m));
	ck_assert_int_eq(machine_init(&m, 1 << 16, 3), 0);
	m.icount = 1000;
	m.clint.mtimecmp = 5000;	/* 500000 ns: icount 62500 */
	d = machine_deadline(&m);
	ck_assert_uint_eq(d, 62500);
	m.icount = d;
	ck_assert_uint_ge(machine_mtime(&m), m.clint.mtimecmp);
	ck_assert_uint_eq(machine_deadline(&m), UINT64_MAX);
	machine_free(&m);
}
END_TEST

Suite *
suite_vtime(void)
{
	Suite *s = suite_create("vtime");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, vtime_saturates);
	tcase_add_test(tc, deadline_ahead);
	suite_add_tcase(s, tc);
	return s;
}
