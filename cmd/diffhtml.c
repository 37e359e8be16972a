/*
 * rrdiff --html: two recordings' timelines on one axis, with the first
 * differing input (the cause) and the first place the guest's behaviour
 * parts (the effect) marked on both, as lib/diff.c finds them.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "../lib/rr.h"
#include "../lib/rrcheck.h"
#include "../lib/rrtimeline.h"
#include "msg.h"
#include "select.h"
#include "draw.h"

/* Differences looked at for a cause and an effect, at most. */
#define ITEMS_MAX	64

struct found {
	struct cmd_diffmark cause, effect;
	struct rr_event	 ev[4];		/* cause a, b; effect a, b */
};

/* `kind "text"` or `kind value` of an event, short, into buf. */
static void
describe(char *buf, size_t len, const struct rr_event *ev)
{
	char text[40];
	size_t i, n = ev->len < 24 ? ev->len : 24;

	if (ev->kind == RR_EV_CLOCK) {
		snprintf(buf, len, "clock %llu ns",
		    (unsigned long long)ev->value);
		return;
	}
	if (ev->kind == RR_EV_ENTROPY || ev->kind == RR_EV_CHECKPOINT) {
		snprintf(buf, len, "%s 0x%llx", rr_kind_name(ev->kind),
		    (unsigned long long)ev->value);
		return;
	}
	for (i = 0; i < n; i++)
		text[i] = ev->data[i] >= 0x20 && ev->data[i] < 0x7f ?
		    (char)ev->data[i] : '.';
	text[n] = '\0';
	snprintf(buf, len, "%s \"%s%s\"", rr_kind_name(ev->kind) != NULL ?
	    rr_kind_name(ev->kind) : "unknown", text,
	    ev->len > n ? "..." : "");
}

/* Mark m with a and b (either may be NULL), said as why. */
static void
mark(struct cmd_diffmark *m, struct rr_event *keep,
    const struct rr_diff_event *a, const struct rr_diff_event *b,
    const char *why)
{
	char da[96], db[96];
	const struct rr_event *e = a != NULL ? &a->ev : &b->ev;

	m->set = 1;
	m->a = m->b = NULL;
	da[0] = db[0] = '\0';
	if (a != NULL) {
		keep[0] = a->ev;
		keep[0].data = NULL;
		m->a = &keep[0];
		describe(da, sizeof(da), &a->ev);
	}
	if (b != NULL) {
		keep[1] = b->ev;
		keep[1].data = NULL;
		m->b = &keep[1];
		describe(db, sizeof(db), &b->ev);
	}
	snprintf(m->what, sizeof(m->what), "%s at event %llu, icount %llu: "
	    "%s / %s", why, (unsigned long long)e->number,
	    (unsigned long long)e->icount, a != NULL ? da : "(none)",
	    b != NULL ? db : "(none)");
}

static void
on_item(void *arg, const struct rr_diff_item *it)
{
	struct found *f = arg;

	/* lib/diff.c decides cause and effect; the page marks the first. */
	switch (it->type) {
	case RR_DIFF_CAUSE:
		if (!f->cause.set)
			mark(&f->cause, &f->ev[0], it->a, it->b,
			    it->shifted ? "an input comes at another icount" :
			    "an input differs");
		break;
	case RR_DIFF_EFFECT:
		if (!f->effect.set)
			mark(&f->effect, &f->ev[2], it->a, it->b,
			    "the guest's behaviour parts");
		break;
	case RR_DIFF_EOF:
		if (!f->effect.set && (it->a != NULL || it->b != NULL))
			mark(&f->effect, &f->ev[2], it->a, it->b,
			    "one run ends, the other goes on");
		break;
	case RR_DIFF_HEADER:
		/* The machines differ: a cause with no place on the axis. */
		if (!f->cause.set) {
			f->cause.set = 1;
			snprintf(f->cause.what, sizeof(f->cause.what), "the "
			    "machines differ: %.40s %.90s / %.90s", it->field, it->a_text,
			    it->b_text);
		}
		break;
	default:
		break;
	}
}

/* Open and bucket one log for the page. */
static int
load(struct cmd_run *run, struct rr_reader **rp, const char *file)
{
	struct cmd_select all;
	struct rr_error e;

	memset(run, 0, sizeof(*run));
	if (rr_reader_open(rp, file, &e) != RR_OK) {
		cmd_rrerr(file, &e);
		cmd_status(cmd_errstatus(&e));
		return -1;
	}
	cmd_select_init(&all);
	return cmd_run_load(run, *rp, file, &all, NULL, NULL);
}

int
cmd_diff_html(const char *a, const char *b, const struct rr_diff_options *opt)
{
	struct rr_diff_options o = *opt;
	struct rr_diff_report rep;
	struct rr_reader *r[2] = { NULL, NULL };
	struct cmd_run run[2];
	struct rr_diff *d;
	struct found f;
	int side, st = CMD_EXIT_FAIL;

	if (strcmp(a, "-") == 0 || strcmp(b, "-") == 0) {
		cmd_msg(NULL, RR_NO_OFFSET, RR_NO_EVENT, "--html reads each "
		    "log twice: give files, not standard input");
		return CMD_EXIT_FAIL;
	}
	memset(&f, 0, sizeof(f));
	o.all = 1;
	o.max = ITEMS_MAX;
	if ((d = rr_diff_new(&o)) == NULL) {
		cmd_msg(NULL, RR_NO_OFFSET, RR_NO_EVENT, "out of memory");
		return CMD_EXIT_FAIL;
	}
	rr_diff_set_item(d, on_item, &f);
	if (rr_diff_logs(d, a, b, &rep) != RR_OK) {
		cmd_rrerr(rr_diff_error(d, &side)->kind == RR_E_NONE ? NULL :
		    side == 0 ? a : b, rr_diff_error(d, NULL));
		rr_diff_free(d);
		return CMD_EXIT_FAIL;
	}
	rr_diff_free(d);
	memset(run, 0, sizeof(run));
	if (load(&run[0], &r[0], a) == 0 && load(&run[1], &r[1], b) == 0) {
		cmd_html(run, 2, &f.cause, &f.effect);
		st = rep.same ? CMD_EXIT_OK : CMD_EXIT_DATA;
	}
	for (side = 0; side < 2; side++) {
		cmd_run_free(&run[side]);
		rr_reader_close(r[side]);
	}
	return st;
}
