/*
 * Unit tests: RAM known to be zero is neither read nor written by the
 * state hash and snapshots (emu/hash.c, emu/snapshot.c), and what they
 * skip is truly zero.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "../../emu/machine.h"
#include "../../lib/rrsnap.h"
#include "unit.h"

#define RAM	(1u << 20)

static void
poke(struct machine *m, uint32_t off, uint8_t v)
{
	m->ram[off] = v;
	machine_dirty(m, off);
}

/* Pages stored in a snapshot's RAM field. */
static uint64_t
stored_pages(struct rr_snap *s)
{
	struct rr_snap_field f;
	long sec = rr_snap_find(s, "ram");
	size_t i;

	ck_assert_int_ge(sec, 0);
	for (i = 0; i < rr_snap_nfields(s, (size_t)sec); i++) {
		ck_assert_int_eq(rr_snap_field(s, (size_t)sec, i, &f), RR_OK);
		if (f.type == RR_SNAP_PAGES)
			return f.npages;
	}
	ck_abort_msg("no pages field");
	return 0;
}

START_TEST(fresh_machine_hashes_as_zero)
{
	struct machine a, b;

	memset(&a, 0, sizeof(a));
	memset(&b, 0, sizeof(b));
	ck_assert_int_eq(machine_init(&a, RAM, 0), 0);
	ck_assert_int_eq(machine_init(&b, RAM, 0), 0);
	/* b is hashed the slow way: every page read. */
	machine_hash_reset(&b);
	ck_assert_uint_eq(machine_hash(&a, NULL, NULL),
	    machine_hash(&b, NULL, NULL));
	machine_free(&a);
	machine_free(&b);
}
END_TEST

START_TEST(zeroed_again_is_not_stored)
{
	struct machine m;
	struct rr_snap *s;

	memset(&m, 0, sizeof(m));
	ck_assert_int_eq(machine_init(&m, RAM, 0), 0);
	poke(&m, 5 * PAGE_SIZE + 7, 0x42);
	poke(&m, 9 * PAGE_SIZE, 0x01);
	ck_assert_int_eq(machine_save(&m, NULL, &s), 0);
	ck_assert_uint_eq(stored_pages(s), 2);
	rr_snap_free(s);
	/* A page written back to zero is zero again for the snapshot. */
	poke(&m, 5 * PAGE_SIZE + 7, 0);
	ck_assert_int_eq(machine_save(&m, NULL, &s), 0);
	ck_assert_uint_eq(stored_pages(s), 1);
	rr_snap_free(s);
	machine_free(&m);
}
END_TEST

/*
 * Loading into a machine whose RAM holds other data: pages the
 * snapshot does not store must come out zero, and the hash must agree.
 */
START_TEST(load_clears_stale_pages)
{
	struct machine a, b;
	struct rr_snap *s;
	char err[256];
	uint32_t i;

	memset(&a, 0, sizeof(a));
	memset(&b, 0, sizeof(b));
	ck_assert_int_eq(machine_init(&a, RAM, 0), 0);
	ck_assert_int_eq(machine_init(&b, RAM, 0), 0);
	poke(&a, 3 * PAGE_SIZE, 0x33);
	ck_assert_int_eq(machine_save(&a, NULL, &s), 0);
	/* b: junk in pages a has as zero, hashed or not yet hashed. */
	poke(&b, 1 * PAGE_SIZE + 100, 0x77);
	(void)machine_hash(&b, NULL, NULL);
	poke(&b, 200 * PAGE_SIZE + 5, 0x99);
	ck_assert_int_eq(machine_load(&b, s, err, sizeof(err)), 0);
	for (i = 0; i < RAM; i++)
		if (b.ram[i] != a.ram[i])
			ck_abort_msg("byte 0x%x differs after load", i);
	ck_assert_uint_eq(machine_hash(&b, NULL, NULL),
	    machine_hash(&a, NULL, NULL));
	rr_snap_free(s);
	machine_free(&a);
	machine_free(&b);
}
END_TEST

Suite *
suite_sparse(void)
{
	Suite *s = suite_create("sparse");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, fresh_machine_hashes_as_zero);
	tcase_add_test(tc, zeroed_again_is_not_stored);
	tcase_add_test(tc, load_clears_stale_pages);
	suite_add_tcase(s, tc);
	return s;
}
