/* Calendar form of RTC values, so a person can check them against a clock. */
#include "rt.h"

void
print_utc(uint64_t ns)
{
	uint32_t days, secs, y, m, d, era, doe, yoe, doy, mp;

	secs = (uint32_t)((ns / 1000000000u) % 86400u);
	days = (uint32_t)(ns / 1000000000u / 86400u);
	/* Howard Hinnant's civil_from_days, for days >= 0. */
	days += 719468;
	era = days / 146097;
	doe = days - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	y = yoe + era * 400;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	d = doy - (153 * mp + 2) / 5 + 1;
	m = mp < 10 ? mp + 3 : mp - 9;
	if (m <= 2)
		y++;
	printf("%04lu-%02lu-%02lu %02lu:%02lu:%02lu.%09lu UTC", y, m, d,
	    secs / 3600, secs / 60 % 60, secs % 60,
	    (uint32_t)(ns % 1000000000u));
}
