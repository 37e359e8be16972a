/*
 * Unit tests: pinned host inputs (emu/pin.c): base dates against the C
 * library's timegm, the seeded generator, and values taken from a
 * known-good log until the guest asks in another order.
 */
#include <check.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "../../emu/machine.h"
#include "../../emu/pin.h"
#include "../../emu/semihost.h"
#include "../../lib/rr.h"
#include "unit.h"

static const unsigned mdays[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30,
    31, 30, 31 };

static unsigned
month_days(int y, int mo)
{
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;

	return mdays[mo - 1] + (mo == 2 && leap);
}

/* Dates from 1970 to 2500, with and without a time, as timegm says. */
START_TEST(date_timegm)
{
	char buf[64];
	struct tm tm;
	uint64_t ns;
	unsigned days[3];
	int y, mo, i, n = 0;

	for (y = 1970; y <= 2500; y += (y < 2110 ? 1 : 13)) {
		for (mo = 1; mo <= 12; mo++) {
			days[0] = 1;
			days[1] = 15;
			days[2] = month_days(y, mo);
			for (i = 0; i < 3; i++) {
				memset(&tm, 0, sizeof(tm));
				tm.tm_year = y - 1900;
				tm.tm_mon = mo - 1;
				tm.tm_mday = (int)days[i];
				tm.tm_hour = (y + mo) % 24;
				tm.tm_min = (y * 7 + i) % 60;
				tm.tm_sec = (mo * 13 + i) % 60;
				snprintf(buf, sizeof(buf), "%04d-%02d-%02uT%02d:"
				    "%02d:%02d%s", y, mo, days[i], tm.tm_hour,
				    tm.tm_min, tm.tm_sec, i == 1 ? "Z" : "");
				ck_assert_msg(pin_parse_date(buf, &ns) == 0,
				    "%s refused", buf);
				ck_assert_uint_eq(ns, (uint64_t)timegm(&tm) *
				    1000000000ull);
				/* The date alone is its midnight. */
				buf[10] = '\0';
				tm.tm_hour = tm.tm_min = tm.tm_sec = 0;
				ck_assert_int_eq(pin_parse_date(buf, &ns), 0);
				ck_assert_uint_eq(ns, (uint64_t)timegm(&tm) *
				    1000000000ull);
				n++;
			}
			/* The day after a month's last is refused. */
			snprintf(buf, sizeof(buf), "%04d-%02d-%02u", y, mo,
			    month_days(y, mo) + 1);
			ck_assert_msg(pin_parse_date(buf, &ns) != 0,
			    "%s taken", buf);
		}
	}
	ck_assert_int_gt(n, 5000);
	ck_assert_int_eq(pin_parse_date("@0", &ns), 0);
	ck_assert_uint_eq(ns, 0);
	ck_assert_int_eq(pin_parse_date("@1767225600", &ns), 0);
	ck_assert_int_eq(pin_parse_date("2026-01-01", &ns), 0);
	ck_assert_uint_eq(ns, 1767225600ull * 1000000000ull);
	/* The last second of 2500 is the latest base. */
	ck_assert_int_eq(pin_parse_date("2500-12-31T23:59:59", &ns), 0);
	ck_assert_int_eq(pin_parse_date("@16756761599", &ns), 0);
	ck_assert_uint_eq(ns, 16756761599ull * 1000000000ull);
}
END_TEST

static const char *const bad_dates[] = {
	"", "2026", "2026-1-01", "2026-01-1", "2026/01/01", "2026-13-01",
	"2026-00-10", "2026-01-00", "2026-01-32", "2026-02-29", "2100-02-29",
	"2024-02-30", "2026-04-31", "1969-12-31", "2501-01-01", "0000-01-01",
	"2026-01-01T24:00:00", "2026-01-01T00:60:00", "2026-01-01T00:00:60",
	"2026-01-01 00:00:00", "2026-01-01T00:00", "2026-01-01T", "2026-01-01ZZ",
	" 2026-01-01", "2026-01-01 ", "+026-01-01", "2026-01-01T0a:00:00",
	"@", "@-1", "@+1", "@x", "@1x", "@ 1", "@99999999999999999999",
	"@16756761600", "now", "utc"
};

START_TEST(date_bad)
{
	uint64_t ns = 12345;

	ck_assert_msg(pin_parse_date(bad_dates[_i], &ns) != 0,
	    "\"%s\" taken", bad_dates[_i]);
	ck_assert_uint_eq(ns, 12345);
}
END_TEST

START_TEST(options)
{
	struct pin_config c;
	char err[160];

	memset(&c, 0, sizeof(c));
	ck_assert_int_eq(pin_option(&c, "rtc-base", "2026-02-29", err,
	    sizeof(err)), -1);
	ck_assert_ptr_nonnull(strstr(err, "--rtc-base"));
	ck_assert_int_eq(c.clock_vm, 0);
	ck_assert_int_eq(pin_option(&c, "entropy-seed", "-1", err,
	    sizeof(err)), -1);
	ck_assert_int_eq(pin_option(&c, "entropy-seed", "18446744073709551616",
	    err, sizeof(err)), -1);
	ck_assert_int_eq(pin_option(&c, "entropy-seed", "12x", err,
	    sizeof(err)), -1);
	ck_assert_int_eq(pin_option(&c, "entropy-seed", "", err,
	    sizeof(err)), -1);
	ck_assert_ptr_nonnull(strstr(err, "--entropy-seed"));
	ck_assert_int_eq(c.entropy_seeded, 0);
	ck_assert_int_eq(pin_option(&c, "entropy-seed", "0xffffffffffffffff",
	    err, sizeof(err)), 0);
	ck_assert_int_eq(c.entropy_seeded, 1);
	ck_assert_uint_eq(c.entropy_seed, UINT64_MAX);
	ck_assert_int_eq(pin_option(&c, "rtc-base", "1970-01-02", err,
	    sizeof(err)), 0);
	ck_assert_int_eq(c.clock_vm, 1);
	ck_assert_uint_eq(c.clock_base, 86400ull * 1000000000ull);
}
END_TEST

/* ES16 values, the same for the same seed and count, and varied. */
START_TEST(seeded)
{
	static const uint64_t seeds[] = { 0, 1, 42, UINT64_MAX };
	static uint8_t seen[65536];
	uint32_t v, w;
	uint64_t n;
	unsigned distinct = 0, same = 0;

	memset(seen, 0, sizeof(seen));
	for (n = 0; n < 1000; n++) {
		v = pin_seeded(seeds[_i], n);
		ck_assert_uint_eq(v >> 30, 2);		/* OPST = ES16 */
		ck_assert_uint_eq(v & 0x3fff0000u, 0);
		ck_assert_uint_eq(pin_seeded(seeds[_i], n), v);
		distinct += !seen[v & 0xffff];
		seen[v & 0xffff] = 1;
		w = pin_seeded(seeds[(_i + 1) % 4], n);
		same += v == w;
	}
	/* 1000 draws of 16 bits: about 8 repeats are expected. */
	ck_assert_uint_ge(distinct, 950);
	ck_assert_uint_le(same, 20);
}
END_TEST

/* The virtual clock from its base, the generator's values in order. */
START_TEST(vm_and_seed)
{
	struct pin_config c;
	struct rr_header h;
	struct machine m;
	struct emu_error e;
	struct pin *p;
	uint64_t ns;
	uint32_t v;
	int64_t res;
	int i;

	memset(&c, 0, sizeof(c));
	memset(&m, 0, sizeof(m));
	rr_header_init(&h);
	ck_assert_int_eq(pin_open(&p, &c, &h, NULL, &e), 0);
	ck_assert_ptr_null(p);		/* nothing pinned */
	ck_assert_int_eq(pin_clock(NULL, &m, 0, &ns), 0);
	c.clock_vm = 1;
	c.clock_base = 5000000000ull;
	c.entropy_seeded = 1;
	c.entropy_seed = 7;
	ck_assert_int_eq(pin_open(&p, &c, &h, NULL, &e), 0);
	ck_assert_ptr_nonnull(p);
	pin_header(p, &h);
	ck_assert(h.clock_vm && h.entropy_seeded && !h.has_host_from);
	ck_assert_uint_eq(h.clock_base, 5000000000ull);
	ck_assert_uint_eq(h.entropy_seed, 7);
	ck_assert_int_eq(machine_init(&m, 1 << 16, 2), 0);
	m.icount = 1000;
	m.idle_bias = 300;
	ck_assert_int_eq(pin_clock(p, &m, 0, &ns), 1);
	ck_assert_uint_eq(ns, 5000000000ull + (1000 << 2) + 300);
	for (i = 0; i < 5; i++) {
		ck_assert_int_eq(pin_entropy(p, &m, 0, &v), 1);
		ck_assert_uint_eq(v, pin_seeded(7, (uint64_t)i));
	}
	/* Semihosting's clocks: since boot, and the base's seconds. */
	m.icount = 250000000;	/* 1 s at shift 2, + 300 ns */
	ck_assert_int_eq(pin_semihost(p, &m, 0, SH_CLOCK, &res), 1);
	ck_assert_int_eq(res, 100);
	ck_assert_int_eq(pin_semihost(p, &m, 0, SH_ELAPSED, &res), 1);
	ck_assert_int_eq(res, 1000000300);
	ck_assert_int_eq(pin_semihost(p, &m, 0, SH_TIME, &res), 1);
	ck_assert_int_eq(res, 6);
	ck_assert_int_eq(pin_semihost(p, &m, 0, SH_READ, &res), 0);
	pin_close(p);
	/* Entropy alone: the clock is the host's. */
	c.clock_vm = 0;
	ck_assert_int_eq(pin_open(&p, &c, &h, NULL, &e), 0);
	ck_assert_int_eq(pin_clock(p, &m, 0, &ns), 0);
	ck_assert_int_eq(pin_semihost(p, &m, 0, SH_TIME, &res), 0);
	ck_assert_int_eq(pin_entropy(p, &m, 0, &v), 1);
	pin_close(p);
	machine_free(&m);
}
END_TEST

/* A known-good log: clock, entropy, a bottom half, clock, semihost TIME. */
static void
good_log(const char *path, uint64_t image)
{
	struct rr_writer *w;
	struct rr_header h;
	struct rr_error err;

	rr_header_init(&h);
	h.image_hash = image;
	h.semihosting = 1;
	ck_assert_int_eq(rr_writer_open(&w, path, &h, NULL, &err), RR_OK);
	ck_assert_int_eq(rr_writer_clock(w, 10, 111), RR_OK);
	ck_assert_int_eq(rr_writer_entropy(w, 20, 0x80000222u), RR_OK);
	ck_assert_int_eq(rr_writer_bh(w, 30, RR_DEV_UART, RR_BH_UART_RX, "x",
	    1), RR_OK);
	ck_assert_int_eq(rr_writer_clock(w, 40, 333), RR_OK);
	ck_assert_int_eq(rr_writer_semihost(w, 45, SH_TIME, 444, 0, NULL, 0),
	    RR_OK);
	ck_assert_int_eq(rr_writer_close(w, 50, 0, RR_END_EXIT, NULL, &err),
	    RR_OK);
}

START_TEST(host_from)
{
	struct pin_config c;
	struct rr_header h;
	struct machine m;
	struct emu_error e;
	struct pin *p;
	char path[512], text[512];
	uint64_t ns;
	uint32_t v;
	int64_t res;

	snprintf(path, sizeof(path), "%s/good.rr", unit_tmpdir());
	good_log(path, 0x1234);
	memset(&c, 0, sizeof(c));
	memset(&m, 0, sizeof(m));
	ck_assert_int_eq(machine_init(&m, 1 << 16, 0), 0);
	rr_header_init(&h);
	c.host_from = path;
	/* Another guest's log is refused. */
	h.image_hash = 0x1235;
	ck_assert_int_eq(pin_open(&p, &c, &h, NULL, &e), -1);
	ck_assert_ptr_nonnull(strstr(e.msg, "another guest image"));
	h.image_hash = 0x1234;
	ck_assert_int_eq(pin_open(&p, &c, &h, NULL, &e), 0);
	/* The same order: its values, bottom halves skipped. */
	ck_assert_int_eq(pin_clock(p, &m, 1, &ns), 1);
	ck_assert_uint_eq(ns, 111);
	ck_assert_int_eq(pin_entropy(p, &m, 2, &v), 1);
	ck_assert_uint_eq(v, 0x80000222u);
	ck_assert_int_eq(pin_clock(p, &m, 3, &ns), 1);
	ck_assert_uint_eq(ns, 333);
	ck_assert_int_eq(pin_parted(p, text, sizeof(text)), 0);
	/* Another order: the host answers from here on. */
	m.icount = 77;
	ck_assert_int_eq(pin_entropy(p, &m, 9, &v), 0);
	ck_assert_int_eq(pin_parted(p, text, sizeof(text)), 1);
	ck_assert_msg(strstr(text, "event 9, icount 77: the guest's host "
	    "value 4 is entropy, that log's is semihosting TIME (its event "
	    "4, icount 45)") != NULL, "%s", text);
	ck_assert_int_eq(pin_semihost(p, &m, 10, SH_TIME, &res), 0);
	pin_close(p);
	/* The same order to its end, then one more. */
	ck_assert_int_eq(pin_open(&p, &c, &h, NULL, &e), 0);
	ck_assert_int_eq(pin_clock(p, &m, 0, &ns), 1);
	ck_assert_int_eq(pin_entropy(p, &m, 1, &v), 1);
	ck_assert_int_eq(pin_clock(p, &m, 2, &ns), 1);
	ck_assert_int_eq(pin_semihost(p, &m, 3, SH_TIME, &res), 1);
	ck_assert_int_eq(res, 444);
	ck_assert_int_eq(pin_parted(p, text, sizeof(text)), 0);
	ck_assert_int_eq(pin_clock(p, &m, 4, &ns), 0);
	ck_assert_int_eq(pin_parted(p, text, sizeof(text)), 1);
	ck_assert_ptr_nonnull(strstr(text, "host value 5 is clock, that log "
	    "has no more"));
	pin_close(p);
	machine_free(&m);
}
END_TEST

/*
 * The known-good log goes bad after it was checked (cut short under a
 * running recorder): the request fails with the reader's error on
 * m->err, and no value is made up.
 */
START_TEST(host_from_goes_bad)
{
	struct pin_config c;
	struct rr_header h;
	struct machine m;
	struct emu_error e;
	struct pin *p;
	char path[512];
	uint64_t ns = 99;

	snprintf(path, sizeof(path), "%s/good.rr", unit_tmpdir());
	good_log(path, 0x1234);
	memset(&c, 0, sizeof(c));
	memset(&m, 0, sizeof(m));
	ck_assert_int_eq(machine_init(&m, 1 << 16, 0), 0);
	rr_header_init(&h);
	h.image_hash = 0x1234;
	c.host_from = path;
	ck_assert_int_eq(pin_open(&p, &c, &h, NULL, &e), 0);
	ck_assert_int_eq(truncate(path, 200), 0);
	ck_assert_int_eq(pin_clock(p, &m, 0, &ns), -1);
	ck_assert_uint_eq(ns, 99);
	ck_assert_int_eq(m.err.kind, EMU_E_MACHINE);
	ck_assert_ptr_nonnull(strstr(m.err.msg, "--host-from"));
	pin_close(p);
	machine_free(&m);
}
END_TEST

Suite *
suite_pin(void)
{
	Suite *s = suite_create("pin");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, date_timegm);
	tcase_add_loop_test(tc, date_bad, 0,
	    (int)(sizeof(bad_dates) / sizeof(bad_dates[0])));
	tcase_add_test(tc, options);
	tcase_add_loop_test(tc, seeded, 0, 4);
	tcase_add_test(tc, vm_and_seed);
	tcase_add_test(tc, host_from);
	tcase_add_test(tc, host_from_goes_bad);
	suite_add_tcase(s, tc);
	return s;
}
