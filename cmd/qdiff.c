/* Front-end comparison of two QEMU replay logs: rrdiff's rules on them. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "../lib/rrjson.h"
#include "common.h"
#include "qemu.h"
#include "qdiff.h"

/*
 * What a kind is to a comparison.  Two runs of one guest agree on its
 * own events at the same instruction counts; how often the host's
 * timers ran (checkpoints, clock reads, bottom halves) and how the
 * instructions were cut into instruction events are the host's choice.
 */
enum qclass {
	Q_GUEST,	/* the guest's behaviour: compared with its icount */
	Q_INPUT,	/* inputs from outside: the candidate causes */
	Q_HOST,		/* host values: clocks, random */
	Q_TIMING	/* instruction events, checkpoints, bottom halves */
};

static enum qclass
qclass_of(unsigned raw)
{
	if (raw == RR_Q_INTERRUPT || raw == RR_Q_EXCEPTION ||
	    raw == RR_Q_CHAR_WRITE || raw == RR_Q_AUDIO_OUT ||
	    raw == RR_Q_END ||
	    (raw >= RR_Q_SHUTDOWN && raw <= RR_Q_SHUTDOWN_LAST))
		return Q_GUEST;
	switch (raw) {
	case RR_Q_ASYNC + RR_QA_INPUT:
	case RR_Q_ASYNC + RR_QA_CHAR_READ:
	case RR_Q_ASYNC + RR_QA_NET:
	case RR_Q_CHAR_READ_ALL:
	case RR_Q_CHAR_READ_ALL_ERROR:
	case RR_Q_AUDIO_IN:
		return Q_INPUT;
	case RR_Q_CLOCK:
	case RR_Q_CLOCK_LAST:
	case RR_Q_RANDOM:
		return Q_HOST;
	default:
		return Q_TIMING;
	}
}

/* FNV-1a of the payload: what is compared of inputs and host values. */
static uint64_t
payload_hash(const struct rr_qevent *e)
{
	uint64_t h = 0xcbf29ce484222325ull;
	size_t i;

	for (i = 1; i < e->size; i++)
		h = (h ^ e->bytes[i]) * 0x100000001b3ull;
	return h;
}

/*
 * Resolve -e and -i for side s, reading its extent first if a range
 * counts from the end; 0, or -1 after a message.
 */
static int
side_range(struct side *s, const struct cmd_select *sel)
{
	uint64_t nev = UINT64_MAX, last_ic = UINT64_MAX;

	s->elo = s->ilo = 0;
	s->ehi = s->ihi = UINT64_MAX;
	if (sel == NULL)
		return 0;
	if (cmd_select_from_end(sel)) {
		if (rr_qreader_index(s->r, &nev, &last_ic) != RR_OK) {
			cmd_rrerr(s->name, rr_qreader_error(s->r));
			return -1;
		}
		if (nev-- == 0)
			goto none;
	}
	if (cmd_range_resolve(&sel->events, nev, &s->elo, &s->ehi) != 0 ||
	    cmd_range_resolve(&sel->icount, last_ic, &s->ilo, &s->ihi) != 0)
		goto none;
	if (cmd_select_from_end(sel) &&
	    rr_qreader_seek(s->r, s->elo, s->ilo) != RR_OK) {
		cmd_rrerr(s->name, rr_qreader_error(s->r));
		return -1;
	}
	return 0;
none:
	s->elo = s->ilo = UINT64_MAX;
	s->ehi = s->ihi = 0;
	return 0;
}

static int
open_side(struct side *s, const char *name, struct cmd_input *in)
{
	struct rr_error err;
	uint8_t head[RR_PROBE_LEN];
	ssize_t k;

	s->name = name;
	s->fd = -1;
	if (strcmp(name, "-") == 0) {
		s->r = in->qemu;
		in->qemu = NULL;
		return s->r != NULL ? 1 : 0;
	}
	if ((s->fd = open(name, O_RDONLY | O_CLOEXEC)) == -1)
		return 0;	/* the rr comparison says why */
	k = read(s->fd, head, sizeof(head));
	if (k <= 0 || rr_probe(head, (size_t)k) != RR_PROBE_QEMU) {
		close(s->fd);
		s->fd = -1;
		return 0;
	}
	if (rr_qreader_open_fd(&s->r, s->fd, head, (size_t)k, &err) != RR_OK) {
		cmd_rrerr(name, &err);
		return -1;
	}
	return 1;
}

static void
close_side(struct side *s)
{
	size_t i;
	int c;

	for (c = 0; c < 2; c++) {
		for (i = 0; i < s->qn[c]; i++)
			free(s->q[c][i].line);
		free(s->q[c]);
	}
	rr_qreader_close(s->r);
	if (s->fd != -1)
		close(s->fd);
}



/*
 * With all: a new independent difference; 0, or -1 when -c says no
 * more (the comparison stops).
 */
static int
open_root(struct tally *t, int cause)
{
	if (t->o->max > 0 && t->differences >= t->o->max) {
		t->stop = 1;
		return -1;
	}
	cmd_qdiff_close_root(t);
	t->root = 1;
	t->root_cause = cause;
	t->effect = !cause;
	t->shifted = t->changed = t->unpaired = 0;
	t->differences++;
	t->causes += cause != 0;
	return 0;
}



/* With all: an input that differs, or that one side has alone. */
static void
cause_all(struct tally *t, const struct pending *pa, const struct pending *pb,
    const char *why)
{
	if (open_root(t, 1) == 0)
		cmd_qdiff_cause(t, pa, pb, why);
}

/*
 * A pair of inputs that differ (c 2) or come at other icounts (c 1):
 * the first is the candidate cause; with all, each that differs is a
 * cause of its own, and one that comes at another icount is one when
 * nothing differed before it (else a consequence).
 */
static void
input_differs(struct tally *t, const struct pending *pa,
    const struct pending *pb, int c)
{
	const char *why = c == 2 ? "differs" : "arrives at another icount";

	if (t->ninput++ == 0) {
		t->cause_a = *pa->line;
		t->cause_b = *pb->line;
		t->cause_why = why;
	}
	if (!t->o->all)
		return;
	if (c == 2 || !t->root)
		cause_all(t, pa, pb, why);
	else
		t->shifted++;
}

/* Compare what both sides have of stream c (0 inputs, 1 host values). */
static void
match(struct side *a, struct side *b, int c, struct tally *t)
{
	struct pending *pa, *pb;

	while (a->qhead[c] < a->qn[c] && b->qhead[c] < b->qn[c] &&
	    !t->stop) {
		pa = &a->q[c][a->qhead[c]++];
		pb = &b->q[c][b->qhead[c]++];
		if (pa->raw == pb->raw && pa->hash == pb->hash &&
		    (c == 1 || pa->icount == pb->icount))
			continue;
		if (c == 1) {
			if (t->nhost++ == 0)
				t->nhost_first = pa->icount;
			continue;
		}
		if (pa->line != NULL && pb->line != NULL)
			input_differs(t, pa, pb, pa->raw == pb->raw &&
			    pa->hash == pb->hash ? 1 : 2);
	}
	/* Both drained to the same point: start the queues again. */
	if (a->qhead[c] == a->qn[c] && b->qhead[c] == b->qn[c]) {
		for (; a->qn[c] > 0; a->qn[c]--)
			free(a->q[c][a->qn[c] - 1].line);
		for (; b->qn[c] > 0; b->qn[c]--)
			free(b->q[c][b->qn[c] - 1].line);
		a->qhead[c] = b->qhead[c] = 0;
	}
}

static void
push(struct side *s, int c, const struct rr_qevent *e, struct tally *t)
{
	struct pending *p;

	if (s->qn[c] == PENDING_MAX) {
		t->unmatched++;
		return;
	}
	if (s->q[c] == NULL &&
	    (s->q[c] = calloc(PENDING_MAX, sizeof(*p))) == NULL) {
		t->unmatched++;
		return;
	}
	p = &s->q[c][s->qn[c]++];
	p->hash = payload_hash(e);
	p->icount = e->icount;
	p->number = e->number;
	p->raw = e->raw;
	p->line = NULL;
	if (c == 0 && (p->line = malloc(sizeof(*p->line))) != NULL)
		cmd_qdiff_render(e, p->line);
	else if (c == 0)
		t->unmatched++;
}

/*
 * Read one event of side i of ab: 1 a guest event (s->e), 0 an event
 * of another kind (an input or host value is queued and matched with
 * the other side's; kinds not compared are passed over), -1 the side
 * ended (or its range did; s->e NULL).
 */
static int
step(struct side *ab, int i, struct tally *t)
{
	struct side *s = &ab[i];
	const struct rr_qevent *e;
	enum qclass k;

	if (s->past || t->stop ||
	    (s->rc = rr_qreader_next(s->r, &s->e)) != RR_OK) {
		s->e = NULL;
		return -1;
	}
	e = s->e;
	/* Numbers and icounts only go up: past the range, stop. */
	if (e->number > s->ehi || e->icount > s->ihi) {
		s->past = 1;
		s->last = e->number - (e->number > 0);
		s->e = NULL;
		return -1;
	}
	if (e->number < s->elo || e->icount < s->ilo ||
	    !cmd_kinds_has(&t->o->kinds, e->raw))
		return 0;
	k = qclass_of(e->raw);
	if (k == Q_GUEST)
		return 1;
	if (k == Q_INPUT || k == Q_HOST) {
		push(s, k == Q_INPUT ? 0 : 1, e, t);
		match(&ab[0], &ab[1], k == Q_INPUT ? 0 : 1, t);
	}
	return 0;
}

/* Side i up to its next guest event, or its end. */
static void
advance(struct side *ab, int i, struct tally *t)
{
	while (step(ab, i, t) == 0)
		continue;
}

static size_t
waiting(const struct side *s)
{
	return (s->qn[0] - s->qhead[0]) + (s->qn[1] - s->qhead[1]);
}

/*
 * Both sides up to their next guest event, the one with less waiting
 * read first: two runs that agree keep their queues short, however many
 * inputs and host values come between two guest events.
 */
static void
advance_both(struct side *ab, struct tally *t)
{
	int done[2] = { 0, 0 }, i;

	while (!done[0] || !done[1]) {
		i = done[0] || (!done[1] && waiting(&ab[1]) < waiting(&ab[0]));
		done[i] = step(ab, i, t) != 0;
	}
}

/*
 * With no input found to differ: an input one side has and the other
 * not (by where the runs part, if they do) is the candidate cause.  With all, the
 * inputs one side has alone at the end: the first is a cause when
 * nothing differed before, the rest have no partner.
 */
static void
unmatched_input(struct side *a, struct side *b, struct tally *t)
{
	struct side *s = a->qhead[0] < a->qn[0] ? a : b;
	const struct pending *p;

	if (s->qhead[0] == s->qn[0])
		return;
	p = &s->q[0][s->qhead[0]];
	if (t->o->all && !t->stop) {
		if (!t->root && p->line != NULL) {
			cause_all(t, s == a ? p : NULL, s == b ? p : NULL,
			    s == a ? "is not in b" : "is not in a");
			p++;
		}
		if (t->root)
			t->unpaired += (uint64_t)(&s->q[0][s->qn[0]] - p);
	}
	if (t->ninput > 0 || s->q[0][s->qhead[0]].line == NULL)
		return;
	p = &s->q[0][s->qhead[0]];
	t->ninput = s->qn[0] - s->qhead[0];
	t->cause_why = t->part_why == NULL ? (s == a ? "is not in b" :
	    "is not in a") : s == a ? "is not in b by then" :
	    "is not in a by then";
	snprintf(t->cause_a.s, sizeof(t->cause_a.s), "%s",
	    s == a ? p->line->s : "(none)\n");
	snprintf(t->cause_b.s, sizeof(t->cause_b.s), "%s",
	    s == b ? p->line->s : "(none)\n");
}





/*
 * With all: the guest's n-th pair differs (c 2), comes at another
 * icount (c 1), or one side has ended (c 3).  The effect of the open
 * cause, or a difference of its own; after, a consequence.
 */
static void
part_all(struct tally *t, uint64_t n, int c, const char *why,
    const struct side *a, const struct side *b, const struct line *la,
    const struct line *lb)
{
	int fresh = !t->root;

	if (fresh && open_root(t, 0) != 0)
		return;
	if (c == 1)
		t->shifted++;
	else if (c == 2)
		t->changed++;
	else
		t->unpaired++;
	if (fresh || !t->effect)
		cmd_qdiff_part(t, n, why, a, b, la, lb);
	t->effect = 1;
}



/*
 * Three streams, each in its order: the guest's events with their
 * icounts (where runs part), inputs with their icounts (the candidate
 * causes: the first that differs is named), host values (counted).
 * With all, every input that differs is a cause, and the guest's
 * events are compared on past where they part.
 */
static int
compare(struct side *ab, const struct cmd_qdiff_opts *o)
{
	struct side *a = &ab[0], *b = &ab[1];
	struct line la, lb;
	struct tally t;
	uint64_t n = 0;
	const char *why;
	int st = CMD_EXIT_OK, c;

	memset(&t, 0, sizeof(t));
	t.o = o;
	for (;; n++) {
		advance_both(ab, &t);
		if (a->e != NULL)
			cmd_qdiff_render(a->e, &la);
		if (b->e != NULL)
			cmd_qdiff_render(b->e, &lb);
		if (t.stop)
			break;
		why = NULL;
		if (a->e == NULL || b->e == NULL) {
			if ((a->e == NULL) != (b->e == NULL)) {
				why = "one log ends here";
				c = 3;
			}
		} else if (a->e->raw != b->e->raw || a->e->size !=
		    b->e->size || memcmp(a->e->bytes, b->e->bytes,
		    a->e->size) != 0) {
			why = "the guest's events differ";
			c = 2;
		} else if (a->e->icount != b->e->icount) {
			why = "the guest's event comes at another icount";
			c = 1;
		}
		if (why != NULL && o->all)
			part_all(&t, n, c, why, a, b, &la, &lb);
		if (why != NULL && t.part_why == NULL) {
			t.part_why = why;
			t.part_n = n;
		}
		if (a->e == NULL || b->e == NULL || (why != NULL && !o->all))
			break;
		if (o->context > 0)
			cmd_qdiff_keep(n, &la, &lb, why == NULL);
	}
	/* With all, what the other side goes on with has no partner. */
	if (o->all && !t.stop && (a->e == NULL) != (b->e == NULL)) {
		c = a->e != NULL ? 0 : 1;
		for (advance(ab, c, &t); ab[c].e != NULL && !t.stop;
		    advance(ab, c, &t))
			t.unpaired++;
	}
	if (a->rc == RR_FATAL || b->rc == RR_FATAL) {
		if (a->rc == RR_FATAL)
			cmd_rrerr(a->name, rr_qreader_error(a->r));
		if (b->rc == RR_FATAL)
			cmd_rrerr(b->name, rr_qreader_error(b->r));
		st = CMD_EXIT_DATA;
	}
	unmatched_input(a, b, &t);
	/* What one side has left over counts as differing. */
	t.nhost += (a->qn[1] - a->qhead[1]) + (b->qn[1] - b->qhead[1]);
	if (t.part_why != NULL || t.nhost > 0 || t.ninput > 0 ||
	    t.differences > 0 ||
	    a->qn[0] - a->qhead[0] != b->qn[0] - b->qhead[0])
		st = CMD_EXIT_DATA;
	cmd_qdiff_first(&t, st);
	if (o->all)
		cmd_qdiff_close_root(&t);
	cmd_qdiff_report(&t, n, a, b, &la, &lb, st);
	return st;
}

int
cmd_qdiff(const char *name_a, const char *name_b, struct cmd_input *in,
    const struct cmd_qdiff_opts *o)
{
	struct side ab[2];
	int qa, qb, st;

	memset(ab, 0, sizeof(ab));
	qa = open_side(&ab[0], name_a, in);
	qb = open_side(&ab[1], name_b, in);
	if (qa == 0 && qb == 0)
		return -1;
	if (qa < 0 || qb < 0)
		st = CMD_EXIT_FAIL;
	else if (qa == 0 || qb == 0) {
		cmd_msg(qa == 0 ? name_a : name_b, RR_NO_OFFSET, RR_NO_EVENT,
		    "not a QEMU replay log: a QEMU log compares with another "
		    "QEMU log only");
		st = CMD_EXIT_FAIL;
	} else if (o->refuse != NULL) {
		cmd_msg(NULL, RR_NO_OFFSET, RR_NO_EVENT, "QEMU replay logs: "
		    "%s", o->refuse);
		st = CMD_EXIT_FAIL;
	} else if (side_range(&ab[0], o->sel) != 0 ||
	    side_range(&ab[1], o->sel) != 0)
		st = CMD_EXIT_FAIL;
	else
		st = compare(ab, o);
	close_side(&ab[0]);
	close_side(&ab[1]);
	return st;
}
