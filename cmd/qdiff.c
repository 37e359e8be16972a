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

#define LINE_MAX_Q	512	/* an event line: payloads are cut at 64 bytes */
#define CONTEXT_MAX	64

/* What a kind is to a comparison (formats/qemu-replay.md). */
enum qclass {
	Q_GUEST,	/* the guest's own behaviour: where runs part */
	Q_HOST,		/* host values that differ between runs: clocks, random */
	Q_INPUT		/* inputs from outside: the candidate causes */
};

static enum qclass
qclass_of(unsigned raw)
{
	switch (raw) {
	case RR_Q_CLOCK:
	case RR_Q_CLOCK_LAST:
	case RR_Q_RANDOM:
		return Q_HOST;
	case RR_Q_ASYNC + RR_QA_INPUT:
	case RR_Q_ASYNC + RR_QA_CHAR_READ:
	case RR_Q_ASYNC + RR_QA_NET:
	case RR_Q_CHAR_READ_ALL:
	case RR_Q_CHAR_READ_ALL_ERROR:
	case RR_Q_AUDIO_IN:
		return Q_INPUT;
	default:
		return Q_GUEST;
	}
}

struct line {
	char	 s[LINE_MAX_Q];
};

struct side {
	const char		*name;
	struct rr_qreader	*r;
	int			 fd;
	const struct rr_qevent	*e;
	int			 rc;
};

/* An event as rrdump prints it, into a string (one formatter for both). */
static void
render(const struct rr_qevent *e, struct line *l)
{
	size_t n;

	cmd_flush();
	cmd_qevent_text(e);
	n = cmd_out.len < sizeof(l->s) ? cmd_out.len : sizeof(l->s) - 1;
	memcpy(l->s, cmd_out.buf, n);
	l->s[n] = '\0';
	cmd_out.len = 0;
}

/* An event line as a JSON string, without its newline. */
static json_t *
event_obj(const char *line)
{
	size_t n = strlen(line);

	return json_stringn(line, n > 0 && line[n - 1] == '\n' ? n - 1 : n);
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
	rr_qreader_close(s->r);
	if (s->fd != -1)
		close(s->fd);
}

static void
put_context(struct line *ring, uint64_t n, uint32_t context)
{
	uint64_t i, from = n > context ? n - context : 0;

	for (i = from; i < n; i++) {
		cmd_putc(' ');
		cmd_puts(ring[i % CONTEXT_MAX].s);
	}
}

/* One side where the logs part: its event, or where it ended. */
static void
put_side(int c, const struct side *s, const struct line *l, uint64_t n)
{
	cmd_putc(c);
	if (s->rc == RR_OK)
		cmd_puts(l->s);
	else if (n == 0)
		cmd_printf("EOF on %s before any event\n", cmd_name(s->name));
	else
		cmd_printf("EOF on %s after event %llu\n", cmd_name(s->name),
		    (unsigned long long)(n - 1));
}

/*
 * Walk both logs in order.  Host values and inputs that differ are
 * noted; the first event of the guest's own that differs (or a kind
 * that differs, or an end) is where the runs part.
 */
static int
compare(struct side *a, struct side *b, const struct cmd_qdiff_opts *o)
{
	struct line ring[CONTEXT_MAX], la, lb, cause_a, cause_b;
	uint64_t n = 0, nhost = 0, ninput = 0, cause_ev = RR_NO_EVENT;
	uint64_t host_first = RR_NO_EVENT;
	const char *why = NULL;
	json_t *j;
	int st = CMD_EXIT_OK;

	for (;; n++) {
		a->rc = rr_qreader_next(a->r, &a->e);
		b->rc = rr_qreader_next(b->r, &b->e);
		if (a->rc != RR_OK || b->rc != RR_OK)
			break;
		if (a->e->size == b->e->size &&
		    memcmp(a->e->bytes, b->e->bytes, a->e->size) == 0) {
			if (o->context > 0)
				render(a->e, &ring[n % CONTEXT_MAX]);
			continue;
		}
		if (a->e->raw != b->e->raw) {
			why = "the events differ in kind";
			break;
		}
		switch (qclass_of(a->e->raw)) {
		case Q_HOST:
			if (nhost++ == 0)
				host_first = n;
			break;
		case Q_INPUT:
			if (ninput++ == 0) {
				cause_ev = n;
				render(a->e, &cause_a);
				render(b->e, &cause_b);
			}
			break;
		default:
			why = "the guest's events differ";
			break;
		}
		if (why != NULL)
			break;
		if (o->context > 0)
			render(a->e, &ring[n % CONTEXT_MAX]);
	}
	/* Damage on either side is trouble before anything is said. */
	if (a->rc == RR_FATAL || b->rc == RR_FATAL) {
		if (a->rc == RR_FATAL)
			cmd_rrerr(a->name, rr_qreader_error(a->r));
		if (b->rc == RR_FATAL)
			cmd_rrerr(b->name, rr_qreader_error(b->r));
		if (why == NULL && (a->rc == RR_OK || b->rc == RR_OK ||
		    (a->rc == RR_FATAL) != (b->rc == RR_FATAL)))
			why = "one log ends here";
		st = CMD_EXIT_DATA;
	} else if (why == NULL && a->rc != b->rc)
		why = "one log ends here";
	if (why != NULL || nhost > 0 || ninput > 0)
		st = CMD_EXIT_DATA;
	if (o->quiet)
		return st;
	if (why != NULL) {
		la.s[0] = lb.s[0] = '\0';
		if (a->rc == RR_OK)
			render(a->e, &la);
		if (b->rc == RR_OK)
			render(b->e, &lb);
	}
	if (o->json) {
		if ((j = cmd_jrecord("qemu-result", NULL)) != NULL) {
			json_object_set_new(j, "same", json_boolean(st == 0));
			json_object_set_new(j, "events", rr_json_u64(n));
			if (why != NULL) {
				json_object_set_new(j, "parts_at",
				    rr_json_u64(n));
				json_object_set_new(j, "why", json_string(why));
				json_object_set_new(j, "a", a->rc == RR_OK ?
				    event_obj(la.s) : json_null());
				json_object_set_new(j, "b", b->rc == RR_OK ?
				    event_obj(lb.s) : json_null());
			}
			json_object_set_new(j, "inputs", rr_json_u64(ninput));
			if (ninput > 0) {
				json_object_set_new(j, "cause_event",
				    rr_json_u64(cause_ev));
				json_object_set_new(j, "cause_a",
				    event_obj(cause_a.s));
				json_object_set_new(j, "cause_b",
				    event_obj(cause_b.s));
			}
			json_object_set_new(j, "host_values",
			    rr_json_u64(nhost));
		}
		cmd_jrecord_put(j);
		return st;
	}
	if (why != NULL) {
		cmd_printf("QEMU replay logs part at event %llu: %s\n",
		    (unsigned long long)n, why);
		put_context(ring, n, o->context);
		put_side('-', a, &la, n);
		put_side('+', b, &lb, n);
	}
	if (ninput > 0) {
		cmd_printf("  %s input differs first at event %llu (%llu "
		    "inputs differ%s), the candidate cause:\n",
		    why != NULL ? "before that, an" : "an",
		    (unsigned long long)cause_ev, (unsigned long long)ninput,
		    why != NULL ? " before it" : "");
		cmd_printf(" -%s +%s", cause_a.s, cause_b.s);
	}
	if (nhost > 0)
		cmd_printf("  host values (clocks, random) differ at %llu "
		    "events, the first at event %llu\n",
		    (unsigned long long)nhost,
		    (unsigned long long)host_first);
	if (why == NULL && st != 0)
		cmd_printf("%s differ; the guest's events agree (%llu "
		    "events)\n", ninput > 0 ? "inputs" : "only host values",
		    (unsigned long long)n);
	return st;
}

int
cmd_qdiff(const char *name_a, const char *name_b, struct cmd_input *in,
    const struct cmd_qdiff_opts *o)
{
	struct side a, b;
	int qa, qb, st;

	memset(&a, 0, sizeof(a));
	memset(&b, 0, sizeof(b));
	qa = open_side(&a, name_a, in);
	qb = open_side(&b, name_b, in);
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
	} else
		st = compare(&a, &b, o);
	close_side(&a);
	close_side(&b);
	return st;
}
