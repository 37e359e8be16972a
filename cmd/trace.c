/*
 * rrdump --trace-events: a log as Chrome's trace event JSON, which
 * Perfetto and chrome://tracing open (formats/trace-events.md).
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "../lib/rr.h"
#include "../lib/rrtimeline.h"
#include "out.h"
#include "draw.h"

#define COLUMNS		1000	/* counter samples over the range */

/* Threads of the one process: where each kind of event goes. */
enum { TID_INPUT = 1, TID_OUTPUT = 2, TID_MARKER = 3 };

static unsigned	 shift;
static uint64_t	 written;		/* events so far */

/* Virtual time: icount << clock shift, in ns (saturated). */
static uint64_t
vtime(uint64_t icount)
{
	if (shift >= 64 || icount > (UINT64_MAX >> shift))
		return UINT64_MAX;
	return icount << shift;
}

static void
put_ts(uint64_t icount)
{
	uint64_t ns = vtime(icount);

	unsigned frac = (unsigned)(ns % 1000);
	char *d;

	/* Microseconds, exactly: the trace's unit. */
	cmd_puts(",\"ts\":");
	cmd_putu(ns / 1000);
	d = cmd_room(4);
	d[0] = '.';
	d[1] = (char)('0' + frac / 100);
	d[2] = (char)('0' + frac / 10 % 10);
	d[3] = (char)('0' + frac % 10);
	cmd_out.len += 4;
}

static void
begin_event(const char *name, const char *cat, const char *ph, int tid)
{
	/* By hand, not printf: one of these per event of the log. */
	cmd_puts(written++ == 0 ? "\n{\"name\":\"" : ",\n{\"name\":\"");
	cmd_puts(name);
	cmd_puts("\",\"cat\":\"");
	cmd_puts(cat);
	cmd_puts("\",\"ph\":\"");
	cmd_puts(ph);
	cmd_puts("\",\"pid\":1,\"tid\":");
	cmd_putu((uint64_t)tid);
}

static void
thread_name(int tid, const char *name)
{
	begin_event("thread_name", "__metadata", "M", tid);
	cmd_printf(",\"args\":{\"name\":\"%s\"}}", name);
}

void
cmd_trace_begin(const char *file, const struct rr_header *h)
{
	char id[40];
	int i;

	shift = h->clock_shift;
	written = 0;
	for (i = 0; i < 16; i++)
		snprintf(id + 2 * i, 3, "%02x", h->recording_id[i]);
	cmd_puts("{\"displayTimeUnit\":\"ns\",\"otherData\":{\"file\":");
	cmd_put_jstr((const uint8_t *)file, strlen(file));
	cmd_printf(",\"recording_id\":\"%s\",\"clock_shift\":%u,"
	    "\"time\":\"ts is icount << clock_shift ns\"},\"traceEvents\":[",
	    id, h->clock_shift);
	begin_event("process_name", "__metadata", "M", 0);
	cmd_puts(",\"args\":{\"name\":");
	cmd_put_jstr((const uint8_t *)file, strlen(file));
	cmd_puts("}}");
	thread_name(TID_INPUT, "inputs");
	thread_name(TID_OUTPUT, "output");
	thread_name(TID_MARKER, "markers");
}

void
cmd_trace_event(void *arg, const struct rr_event *ev)
{
	const char *name = rr_kind_name(ev->kind);
	int set = rr_timeline_set_of(ev->kind);

	(void)arg;
	if (set < 0)		/* unknown kinds: in the counters only */
		return;
	if (set == RR_TL_INPUTS)
		begin_event(name, "input", "i", TID_INPUT);
	else if (set == RR_TL_OUTPUT)
		begin_event(name, "output", "i", TID_OUTPUT);
	else
		begin_event(name, "marker", "i", TID_MARKER);
	cmd_puts(set == RR_TL_INPUTS || set == RR_TL_OUTPUT ?
	    ",\"s\":\"t\"" : ",\"s\":\"g\"");
	put_ts(ev->icount);
	cmd_puts(",\"args\":{\"event\":");
	cmd_putu(ev->number);
	cmd_puts(",\"icount\":");
	cmd_putu(ev->icount);
	switch (ev->kind) {
	case RR_EV_CHECKPOINT:
		cmd_printf(",\"hash\":\"0x%016llx\"",
		    (unsigned long long)ev->value);
		break;
	case RR_EV_KEYFRAME:
		cmd_printf(",\"bytes\":%zu", ev->len);
		break;
	case RR_EV_GAP:
		cmd_printf(",\"resume_event\":%llu,\"resume_icount\":%llu",
		    (unsigned long long)ev->resume_event,
		    (unsigned long long)ev->resume_icount);
		break;
	case RR_EV_END:
		cmd_printf(",\"status\":%lld,\"reason\":\"%s\"",
		    (long long)ev->status, rr_end_reason_name(ev->subkind));
		/* FALLTHROUGH */
	default:	/* inputs, output, mark: their text */
		if (ev->kind == RR_EV_BH || ev->kind == RR_EV_OUTPUT)
			cmd_printf(",\"device\":%u", ev->device);
		if (ev->kind == RR_EV_SEMIHOST)
			cmd_printf(",\"op\":%u,\"result\":%lld", ev->subkind,
			    (long long)ev->status);
		cmd_puts(",\"text\":");
		cmd_put_evtext(ev->kind, ev->value, ev->data, ev->len);
	}
	cmd_puts("}}");
}

/* Event density: each lane's events per column, as one counter. */
static void
counters(struct cmd_run *run)
{
	static uint64_t counts[RR_TL_OTHER + 1][COLUMNS];
	const struct rr_tl_lane *lanes;
	double span;
	uint64_t at;
	size_t nl, i, c, ncols;
	char name[32];

	lanes = rr_timeline_lanes(run->tl, &nl);
	if (nl == 0)
		return;
	span = (double)(run->hi - run->lo) + 1.0;
	ncols = span > COLUMNS ? COLUMNS : (size_t)span;
	for (i = 0; i < nl; i++)
		rr_timeline_columns(run->tl, &lanes[i], run->lo,
		    cmd_run_end(run), counts[i], ncols);
	for (c = 0; c <= ncols; c++) {
		/* The last sample, all zero, closes the last column. */
		at = run->lo + (uint64_t)(span * (double)c / (double)ncols);
		begin_event("events", "density", "C", 0);
		put_ts(at);
		cmd_puts(",\"args\":{");
		for (i = 0; i < nl; i++)
			cmd_printf("%s\"%s\":%llu", i ? "," : "",
			    cmd_lane_name(lanes[i].kind, name, sizeof(name)),
			    c < ncols ? (unsigned long long)counts[i][c] : 0);
		cmd_puts("}}");
	}
}

void
cmd_trace_end(struct cmd_run *run)
{
	counters(run);
	cmd_puts("\n]}\n");
}
