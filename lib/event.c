/*
 * librr: the names of event kinds, END reasons and checkpoint parts
 * (formats/rrlog.md, "Events"); what an event's bytes mean is in
 * event.h.
 */
#include <stdio.h>
#include <string.h>

#include "rr.h"
#include "internal.h"

static const char *const kind_names[RR_EV_KIND_MAX + 1] = {
	NULL, "clock", "entropy", "bh", "output", "checkpoint", "keyframe",
	"mark", "end", "gap", "semihost"
};

const char *
rr_kind_name(uint32_t kind)
{
	return kind <= RR_EV_KIND_MAX ? kind_names[kind] : NULL;
}

int
rr_kind_from_name(const char *name)
{
	int k;

	for (k = 1; k <= RR_EV_KIND_MAX; k++)
		if (strcmp(kind_names[k], name) == 0)
			return k;
	return -1;
}

const char *
rr_end_reason_name(uint32_t reason)
{
	static const char *const names[] = {
		"exit", "limit", "stopped", "error", "cut"
	};

	return reason < sizeof(names) / sizeof(names[0]) ? names[reason] :
	    "unknown";
}

const char *
rr_part_name(uint32_t id, char *buf, size_t len)
{
	static const char *const names[] = {
		NULL, "cpu", "clint", "uart", "rtc", "finisher", "plic", "time"
	};

	if (id >= 1 && id <= RR_PART_TIME)
		snprintf(buf, len, "%s", names[id]);
	else if (id >= RR_PART_RAM0 && id < RR_PART_RAM0 + 256)
		snprintf(buf, len, "ram%u", id - RR_PART_RAM0);
	else
		snprintf(buf, len, "part%u", id);
	return buf;
}

int
rr_part_known(uint32_t id)
{
	return (id >= RR_PART_CPU && id <= RR_PART_TIME) ||
	    (id >= RR_PART_RAM0 && id < RR_PART_RAM0 + RR_PART_RAM_REGIONS);
}
