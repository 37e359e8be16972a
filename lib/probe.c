/* librr: tell a log from a snapshot by its first bytes. */
#include <string.h>

#include "rr.h"
#include "format.h"

int
rr_probe(const void *buf, size_t len)
{
	size_t n = len < RR_PROBE_LEN ? len : RR_PROBE_LEN;
	int log, snap;

	log = memcmp(buf, LOG_MAGIC, n) == 0;
	snap = memcmp(buf, SNAP_MAGIC, n) == 0;
	/* The two magics share their first three bytes. */
	if (log && snap)
		return RR_PROBE_MORE;
	if (snap)
		return RR_PROBE_SNAP;
	if (log)
		return RR_PROBE_LOG;
	return RR_PROBE_UNKNOWN;
}
