/* rrdiff of QEMU logs: what it says, as text or JSON (cmd/qdiff.c). */
#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "../lib/rrjson.h"
#include "common.h"
#include "qdiff.h"

/* The guest's events compared before a parting, as diff -U shows them. */
struct pair {
	struct line	 a, b;
	int		 same;
};
static struct pair ring[CONTEXT_MAX];

void
cmd_qdiff_keep(uint64_t n, const struct line *a, const struct line *b,
    int same)
{
	ring[n % CONTEXT_MAX].a = *a;
	ring[n % CONTEXT_MAX].b = *b;
	ring[n % CONTEXT_MAX].same = same;
}

/* An event as rrdump prints it, into a string (one formatter for both). */
void
cmd_qdiff_render(const struct rr_qevent *e, struct line *l)
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

static const char *
plural(uint64_t n, const char *one, const char *more)
{
	return n == 1 ? one : more;
}

/* With all: what followed the open difference, before the next. */
void
cmd_qdiff_close_root(struct tally *t)
{
	json_t *j;

	if (!t->root || t->o->quiet)
		return;
	t->root = 0;
	if (!t->o->json) {
		cmd_printf("after this, %llu event%s shifted, %llu differ%s, "
		    "%llu ha%s no partner\n", (unsigned long long)t->shifted,
		    plural(t->shifted, " is", "s are"),
		    (unsigned long long)t->changed,
		    plural(t->changed, "s", ""),
		    (unsigned long long)t->unpaired,
		    plural(t->unpaired, "s", "ve"));
		return;
	}
	if ((j = cmd_jrecord("qemu_diff_summary", NULL)) != NULL) {
		json_object_set_new(j, "shifted", rr_json_u64(t->shifted));
		json_object_set_new(j, "differ", rr_json_u64(t->changed));
		json_object_set_new(j, "unpaired", rr_json_u64(t->unpaired));
	}
	cmd_jrecord_put(j);
}

/* " event N icount N", or " (none)". */
static void
put_where(const struct pending *p)
{
	if (p == NULL) {
		cmd_puts(" (none)");
		return;
	}
	cmd_printf(" event %llu icount %llu", (unsigned long long)p->number,
	    (unsigned long long)p->icount);
}

/* With all: an input that differs, or that one side has alone. */
void
cmd_qdiff_cause(struct tally *t, const struct pending *pa, const struct pending *pb,
    const char *why)
{
	json_t *j;

	if (t->o->quiet)
		return;
	if (t->o->json) {
		if ((j = cmd_jrecord("qemu_diff_cause", NULL)) != NULL) {
			json_object_set_new(j, "why", json_string(why));
			json_object_set_new(j, "a", pa != NULL ?
			    event_obj(pa->line->s) : json_null());
			json_object_set_new(j, "b", pb != NULL ?
			    event_obj(pb->line->s) : json_null());
		}
		cmd_jrecord_put(j);
		return;
	}
	cmd_puts("cause: the input ");
	cmd_puts(rr_qkind_name((pa != NULL ? pa : pb)->raw));
	cmd_puts(" at");
	put_where(pa);
	cmd_puts(" vs");
	put_where(pb);
	cmd_printf(": %s\n", why);
	cmd_putc('-');
	cmd_puts(pa != NULL ? pa->line->s : "(none)\n");
	cmd_putc('+');
	cmd_puts(pb != NULL ? pb->line->s : "(none)\n");
}

/* One side where the logs part: its event, or where it ended. */
static void
put_side(int c, const struct side *s, const struct line *l)
{
	struct rr_qinfo info;
	uint64_t last;

	cmd_putc(c);
	if (s->e != NULL) {
		cmd_puts(l->s);
		return;
	}
	rr_qreader_info(s->r, &info);
	last = s->past ? s->last : info.events > 0 ? info.events - 1 : 0;
	cmd_printf("EOF on %s after event %llu\n", cmd_name(s->name),
	    (unsigned long long)last);
}

static void
put_context(uint64_t n, uint32_t context)
{
	uint64_t i, from = n > context ? n - context : 0;

	for (i = from; i < n; i++) {
		if (ring[i % CONTEXT_MAX].same) {
			cmd_putc(' ');
			cmd_puts(ring[i % CONTEXT_MAX].a.s);
			continue;
		}
		cmd_putc('-');
		cmd_puts(ring[i % CONTEXT_MAX].a.s);
		cmd_putc('+');
		cmd_puts(ring[i % CONTEXT_MAX].b.s);
	}
}

/* Where the guest's events part: the n-th pair, for why. */
void
cmd_qdiff_part(const struct tally *t, uint64_t n, const char *why,
    const struct side *a, const struct side *b, const struct line *la,
    const struct line *lb)
{
	json_t *j;

	if (t->o->quiet)
		return;
	if (t->o->json) {
		if ((j = cmd_jrecord("qemu_diff_part", NULL)) != NULL) {
			json_object_set_new(j, "guest_event", rr_json_u64(n));
			json_object_set_new(j, "why", json_string(why));
			json_object_set_new(j, "a", a->e != NULL ?
			    event_obj(la->s) : json_null());
			json_object_set_new(j, "b", b->e != NULL ?
			    event_obj(lb->s) : json_null());
		}
		cmd_jrecord_put(j);
		return;
	}
	cmd_printf("QEMU replay logs part at the guest's event %llu: %s\n",
	    (unsigned long long)n, why);
	put_context(n, t->o->context);
	put_side('-', a, la);
	put_side('+', b, lb);
}

static void
result_json(const struct tally *t, uint64_t n, const struct side *a,
    const struct side *b, const struct line *la, const struct line *lb,
    int same)
{
	json_t *j;

	if ((j = cmd_jrecord("qemu_diff_result", NULL)) != NULL) {
		json_object_set_new(j, "same", json_boolean(same));
		json_object_set_new(j, "guest_events", rr_json_u64(n));
		if (t->part_why != NULL && !t->o->all) {
			json_object_set_new(j, "why",
			    json_string(t->part_why));
			json_object_set_new(j, "a", a->e != NULL ?
			    event_obj(la->s) : json_null());
			json_object_set_new(j, "b", b->e != NULL ?
			    event_obj(lb->s) : json_null());
		}
		json_object_set_new(j, "inputs", rr_json_u64(t->ninput));
		if (t->ninput > 0) {
			json_object_set_new(j, "cause",
			    json_string(t->cause_why));
			json_object_set_new(j, "cause_a",
			    event_obj(t->cause_a.s));
			json_object_set_new(j, "cause_b",
			    event_obj(t->cause_b.s));
		}
		json_object_set_new(j, "host_values", rr_json_u64(t->nhost));
		json_object_set_new(j, "uncompared", rr_json_u64(t->unmatched));
		if (t->o->all) {
			json_object_set_new(j, "differences",
			    rr_json_u64(t->differences));
			json_object_set_new(j, "causes",
			    rr_json_u64(t->causes));
		}
	}
	cmd_jrecord_put(j);
}

/* The first finding in a line, for --junit. */
void
cmd_qdiff_first(const struct tally *t, int st)
{
	char *f = t->o->first;
	size_t n;

	if (f == NULL || st == CMD_EXIT_OK)
		return;
	if (t->part_why != NULL)
		snprintf(f, t->o->first_size, "the guest's events part at "
		    "its event %llu: %s", (unsigned long long)t->part_n,
		    t->part_why);
	else if (t->ninput > 0)
		snprintf(f, t->o->first_size, "the input %s: %s",
		    t->cause_why, strcmp(t->cause_a.s, "(none)\n") == 0 ?
		    t->cause_b.s : t->cause_a.s);
	else if (t->nhost > 0)
		snprintf(f, t->o->first_size, "only host values differ: "
		    "%llu, the first at icount %llu",
		    (unsigned long long)t->nhost,
		    (unsigned long long)t->nhost_first);
	n = strlen(f);
	if (n > 0 && f[n - 1] == '\n')
		f[n - 1] = '\0';
}

void
cmd_qdiff_report(const struct tally *t, uint64_t n, const struct side *a,
    const struct side *b, const struct line *la, const struct line *lb,
    int st)
{
	const struct cmd_qdiff_opts *o = t->o;

	if (o->quiet)
		return;
	if (o->json) {
		result_json(t, n, a, b, la, lb, st == CMD_EXIT_OK);
		return;
	}
	if (t->part_why != NULL && !o->all)
		cmd_qdiff_part(t, n, t->part_why, a, b, la, lb);
	if (t->ninput > 0 && !o->all) {
		cmd_printf("  %llu input%s%s; the first %s, the candidate "
		    "cause:\n", (unsigned long long)t->ninput, t->ninput == 1 ?
		    " differs" : "s differ", t->part_why != NULL ?
		    " before that" : "", t->cause_why);
		cmd_printf(" -%s +%s", t->cause_a.s, t->cause_b.s);
	}
	if (t->nhost > 0)
		cmd_printf("  host values (clocks, random) differ: %llu, the "
		    "first at icount %llu\n", (unsigned long long)t->nhost,
		    (unsigned long long)t->nhost_first);
	if (t->unmatched > 0)
		cmd_printf("  %llu inputs or host values not compared "
		    "(over %u waiting)\n", (unsigned long long)t->unmatched,
		    PENDING_MAX);
	if (t->part_why == NULL && st != CMD_EXIT_OK)
		cmd_printf("%s differ; the guest's events agree (%llu "
		    "events)\n", t->ninput > 0 ? "inputs" : "only host values",
		    (unsigned long long)n);
	if (o->all)
		cmd_printf("%llu independent difference%s, %llu cause%s\n",
		    (unsigned long long)t->differences,
		    plural(t->differences, "", "s"),
		    (unsigned long long)t->causes, plural(t->causes, "", "s"));
}

