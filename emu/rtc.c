/* The goldfish RTC at 0x101000: host wall-clock time, through the gate. */
#include <stdio.h>
#include <string.h>

#include "machine.h"
#include "gate.h"
#include "devkit.h"
#include "../lib/rrsnap.h"

#define R_TIME_LOW		0x00
#define R_TIME_HIGH		0x04
#define R_ALARM_LOW		0x08
#define R_ALARM_HIGH		0x0c
#define R_IRQ_ENABLED		0x10
#define R_CLEAR_ALARM		0x14
#define R_ALARM_STATUS		0x18
#define R_CLEAR_INTERRUPT	0x1c

/*
 * gate_clock() is the only place host time enters the machine: the gate
 * records each value (or replays it).  The guest may set the time; that
 * is kept as an offset to the host clock, as QEMU does.
 *
 * Alarms are stored and read back but never fire: when one would fire
 * depends on the host clock racing the guest, which no recording could
 * reproduce at an exact instruction.  IRQ line 11 therefore never rises.
 */
static uint64_t
now(struct machine *m)
{
	return gate_clock(m) + m->rtc.tick_offset;
}

void
rtc_reset(struct rtc *r)
{
	memset(r, 0, sizeof(*r));
}

/* A TIME_LOW read latches TIME_HIGH. */
int
rtc_read(struct machine *m, uint32_t off, uint32_t *val)
{
	struct rtc *r = &m->rtc;
	uint64_t t;

	switch (off) {
	case R_TIME_LOW:
		t = now(m);
		r->time_high = (uint32_t)(t >> 32);
		*val = (uint32_t)t;
		break;
	case R_TIME_HIGH:
		*val = r->time_high;
		break;
	case R_ALARM_LOW:
		*val = r->alarm_low;
		break;
	case R_ALARM_HIGH:
		*val = r->alarm_high;
		break;
	case R_IRQ_ENABLED:
		*val = r->irq_enabled;
		break;
	case R_ALARM_STATUS:
		*val = r->alarm_running;
		break;
	default:
		*val = 0;
		break;
	}
	return 0;
}

int
rtc_write(struct machine *m, uint32_t off, uint32_t val)
{
	struct rtc *r = &m->rtc;
	uint64_t cur, set;

	switch (off) {
	case R_TIME_LOW:
	case R_TIME_HIGH:
		cur = now(m);
		if (off == R_TIME_LOW)
			set = (cur & 0xffffffff00000000ull) | val;
		else
			set = (cur & 0xffffffffull) | (uint64_t)val << 32;
		r->tick_offset += set - cur;
		break;
	case R_ALARM_LOW:
		r->alarm_low = val;
		r->alarm_running = 1;	/* armed; see above: never fires */
		break;
	case R_ALARM_HIGH:
		r->alarm_high = val;
		break;
	case R_IRQ_ENABLED:
		r->irq_enabled = val & 1;
		break;
	case R_CLEAR_ALARM:
		r->alarm_running = 0;
		break;
	case R_CLEAR_INTERRUPT:
		r->irq_pending = 0;
		break;
	default:
		break;
	}
	return 0;
}

/* ---- snapshot section "rtc", hash part RR_PART_RTC ---- */

int
rtc_save(const struct rtc *r, struct rr_snap *s)
{
	if (rr_snap_put_u64(s, "time_high", r->time_high) != RR_OK ||
	    rr_snap_put_u64(s, "alarm_low", r->alarm_low) != RR_OK ||
	    rr_snap_put_u64(s, "alarm_high", r->alarm_high) != RR_OK ||
	    rr_snap_put_u64(s, "irq_enabled", r->irq_enabled) != RR_OK ||
	    rr_snap_put_u64(s, "alarm_running", r->alarm_running) != RR_OK ||
	    rr_snap_put_u64(s, "irq_pending", r->irq_pending) != RR_OK ||
	    rr_snap_put_u64(s, "tick_offset", r->tick_offset) != RR_OK)
		return -1;
	return 0;
}

int
rtc_load(struct rtc *r, const struct rr_snap *s, size_t sec, char *err,
    size_t errlen)
{
	const struct snap_in in = { s, sec, "rtc", err, errlen };
	struct rtc t;

	if (snap_u32(&in, "time_high", &t.time_high, UINT32_MAX) != 0 ||
	    snap_u32(&in, "alarm_low", &t.alarm_low, UINT32_MAX) != 0 ||
	    snap_u32(&in, "alarm_high", &t.alarm_high, UINT32_MAX) != 0 ||
	    snap_u32(&in, "irq_enabled", &t.irq_enabled, 1) != 0 ||
	    snap_u32(&in, "alarm_running", &t.alarm_running, 1) != 0 ||
	    snap_u32(&in, "irq_pending", &t.irq_pending, 1) != 0 ||
	    snap_u64(&in, "tick_offset", &t.tick_offset) != 0)
		return -1;
	*r = t;
	return 0;
}

uint64_t
rtc_hash(const struct machine *m)
{
	const struct rtc *r = &m->rtc;
	struct hash_buf h = { .n = 0 };

	hash_put32(&h, r->time_high);
	hash_put32(&h, r->alarm_low);
	hash_put32(&h, r->alarm_high);
	hash_put32(&h, r->irq_enabled);
	hash_put32(&h, r->alarm_running);
	hash_put32(&h, r->irq_pending);
	hash_put64(&h, r->tick_offset);
	return hash_done(&h, RR_PART_RTC);
}
