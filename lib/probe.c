/* librr: tell a log, a snapshot and a QEMU replay log by their first bytes. */
#include <string.h>

#include "rr.h"
#include "format.h"

/* QEMU's version words: 0x00e020XX, big-endian (formats/qemu-replay.md). */
static const char qemu_word[3] = { 0x00, (char)0xe0, 0x20 };
static const char zeros[RR_PROBE_LEN];

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
	if (n >= 4 && memcmp(buf, qemu_word, 3) == 0)
		return RR_PROBE_QEMU;
	if (memcmp(buf, zeros, n) == 0)
		return n == RR_PROBE_LEN ? RR_PROBE_QEMU : RR_PROBE_MORE;
	if (memcmp(buf, qemu_word, n < 3 ? n : 3) == 0)
		return RR_PROBE_MORE;
	return RR_PROBE_UNKNOWN;
}
