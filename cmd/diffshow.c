/* rrdiff's views of a difference: diff -U hunks, state reports, fields. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "../lib/rr.h"
#include "../lib/rrcheck.h"
#include "../lib/rrjson.h"
#include "../lib/rrsnap.h"
#include "common.h"
#include "diffshow.h"

/* ---- logs ---- */

void
diffshow_files(struct diffshow *ds)
{
	if (ds->shown)
		return;
	ds->shown = 1;
	cmd_puts(cmd_paint(CMD_PAINT_OLD));
	cmd_puts("--- ");
	cmd_puts(cmd_name(ds->a));
	cmd_puts(cmd_paint_end());
	cmd_putc('\n');
	cmd_puts(cmd_paint(CMD_PAINT_NEW));
	cmd_puts("+++ ");
	cmd_puts(cmd_name(ds->b));
	cmd_puts(cmd_paint_end());
	cmd_putc('\n');
}

static void
line(int mark, const struct rr_diff_event *k)
{
	struct rr_event ev = k->ev;

	/* Its whole length; the preview needs no more than is kept. */
	ev.len = (size_t)k->size;
	if (mark != ' ')
		cmd_puts(cmd_paint(mark == '-' ? CMD_PAINT_OLD :
		    CMD_PAINT_NEW));
	cmd_putc(mark);
	cmd_event_line(&ev);
	if (k->ev.kind == RR_EV_KEYFRAME)
		cmd_printf(", state %016llx", (unsigned long long)k->digest);
	if (k->ignored)
		cmd_puts("  (ignored)");
	if (mark != ' ')
		cmd_puts(cmd_paint_end());
	cmd_putc('\n');
}

static int
same_line(const struct rr_diff_event *a, const struct rr_diff_event *b)
{
	return a->ev.number == b->ev.number && a->ev.icount == b->ev.icount &&
	    a->ev.kind == b->ev.kind && a->ev.len == b->ev.len &&
	    a->ev.value == b->ev.value && a->size == b->size &&
	    a->digest == b->digest;
}

/*
 * Events after the finding, aligned at their start: a line the same on
 * both sides once, else the first file's, then the second's.
 */
static void
after(const struct rr_diff_item *it)
{
	const struct rr_diff_event *ka, *kb;
	size_t i, n = it->nafter_a > it->nafter_b ? it->nafter_a :
	    it->nafter_b;

	for (i = 0; i < n; i++) {
		ka = i < it->nafter_a ? &it->after_a[i] : NULL;
		kb = i < it->nafter_b ? &it->after_b[i] : NULL;
		if (ka != NULL && kb != NULL && same_line(ka, kb))
			line(' ', ka);
		else {
			if (ka != NULL)
				line('-', ka);
			if (kb != NULL)
				line('+', kb);
		}
	}
}

/*
 * A hunk, as diff -U shows it: the context (every event before, on
 * each side; lines the same on both sides once), the two events, and
 * the context after them.
 */
static void
hunk(struct diffshow *ds, const struct rr_diff_item *it)
{
	uint64_t sa, sb;
	size_t i, na, nb, n;

	diffshow_files(ds);
	na = it->nctx_a + (it->a != NULL) + it->nafter_a;
	nb = it->nctx_b + (it->b != NULL) + it->nafter_b;
	sa = it->nctx_a > 0 ? it->ctx_a[0].ev.number : it->a != NULL ?
	    it->a->ev.number : 0;
	sb = it->nctx_b > 0 ? it->ctx_b[0].ev.number : it->b != NULL ?
	    it->b->ev.number : 0;
	cmd_puts(cmd_paint(CMD_PAINT_HUNK));
	cmd_printf("@@ -%llu,%zu +%llu,%zu @@", (unsigned long long)sa, na,
	    (unsigned long long)sb, nb);
	cmd_puts(cmd_paint_end());
	cmd_putc('\n');
	n = it->nctx_a > it->nctx_b ? it->nctx_a : it->nctx_b;
	for (i = 0; i < n; i++) {
		const struct rr_diff_event *ka = NULL, *kb = NULL;

		/* Aligned at the end: the line before the event is last. */
		if (i + it->nctx_a >= n)
			ka = &it->ctx_a[i + it->nctx_a - n];
		if (i + it->nctx_b >= n)
			kb = &it->ctx_b[i + it->nctx_b - n];
		if (ka != NULL && kb != NULL && same_line(ka, kb))
			line(' ', ka);
		else {
			if (ka != NULL)
				line('-', ka);
			if (kb != NULL)
				line('+', kb);
		}
	}
	if (it->a != NULL)
		line('-', it->a);
	if (it->b != NULL)
		line('+', it->b);
	after(it);
}

static void
part_list(char *buf, size_t size, const uint32_t *parts, uint32_t n)
{
	char name[32];
	size_t len = 0;
	uint32_t i;

	buf[0] = '\0';
	for (i = 0; i < n && len < size; i++)
		len += (size_t)snprintf(buf + len, size - len, "%s%s",
		    i ? ", " : "", rr_part_name(parts[i], name,
		    sizeof(name)));
}

static const char *
kind_name(uint32_t kind)
{
	const char *n = rr_kind_name(kind);

	return n != NULL ? n : "unknown";
}

/* " event 23 icount 105618", or " (none)" */
static void
at(const struct rr_diff_event *k)
{
	if (k != NULL)
		cmd_printf(" event %llu icount %llu",
		    (unsigned long long)k->ev.number,
		    (unsigned long long)k->ev.icount);
	else
		cmd_puts(" (none)");
}

/* "bh at event 23 icount 105618 vs event 23 icount 105700" */
static void
where(const struct rr_diff_event *a, const struct rr_diff_event *b)
{
	cmd_puts(kind_name(a != NULL ? a->ev.kind : b->ev.kind));
	cmd_puts(" at");
	at(a);
	cmd_puts(" vs");
	at(b);
}

/* An input's value: the bytes, or the number read. */
static void
value(const struct rr_diff_event *k)
{
	switch (k->ev.kind) {
	case RR_EV_CLOCK:
		cmd_printf("%llu", (unsigned long long)k->ev.value);
		break;
	case RR_EV_ENTROPY:
		cmd_printf("0x%08llx", (unsigned long long)k->ev.value);
		break;
	case RR_EV_SEMIHOST:
		cmd_printf("result=%lld ", (long long)k->ev.status);
		/* FALLTHROUGH */
	default:
		cmd_putq(k->ev.data, k->ev.len, 64);
		break;
	}
}

static void
agreement(const struct rr_diff_item *it)
{
	if (it->have_agree && it->agree_prefix)
		cmd_printf("  the logs are the same bytes up to event %llu, "
		    "icount %llu: the states agree there\n",
		    (unsigned long long)it->agree_event_a,
		    (unsigned long long)it->agree_icount);
	else if (it->have_agree)
		cmd_printf("  last agreeing checkpoint: icount %llu "
		    "(event %llu vs %llu)\n",
		    (unsigned long long)it->agree_icount,
		    (unsigned long long)it->agree_event_a,
		    (unsigned long long)it->agree_event_b);
	else
		cmd_puts("  no checkpoint agreed before it\n");
}

static void
effect_text(struct diffshow *ds, const struct rr_diff_item *it)
{
	char parts[512];
	size_t i;

	cmd_put_painted(CMD_PAINT_EFFECT, "effect:");
	cmd_putc(' ');
	where(it->a, it->b);
	if (it->a == NULL || it->b == NULL)
		cmd_puts(": the guest goes on in one log only");
	else if (it->shifted)
		cmd_puts(": the same, at another icount");
	else if (it->a->ev.kind == RR_EV_CHECKPOINT &&
	    it->a->ev.icount == it->b->ev.icount) {
		part_list(parts, sizeof(parts), it->parts, it->nparts);
		if (it->nparts > 0)
			cmd_printf(": %s differ%s", parts,
			    it->nparts == 1 ? "s" : "");
		else
			cmd_puts(": the state hash differs, no part does");
	} else
		cmd_puts(": the guest behaves differently");
	if (!it->has_cause)
		cmd_puts("; no input differs before it");
	cmd_putc('\n');
	agreement(it);
	/* One input: the cause, named above. */
	if (it->has_cause && it->inputs > 1) {
		cmd_printf("  %llu input%s since, the candidate cause%s:\n",
		    (unsigned long long)it->inputs,
		    it->inputs == 1 ? " differs" : "s differ",
		    it->inputs == 1 ? "" : "s");
		for (i = 0; i < it->ncand; i++) {
			cmd_putc(' ');
			line('-', &it->cand_a[i]);
			cmd_putc(' ');
			line('+', &it->cand_b[i]);
		}
		if (it->inputs > it->ncand)
			cmd_printf("  ... and %llu more\n",
			    (unsigned long long)(it->inputs - it->ncand));
	}
	hunk(ds, it);
}

void
diffshow_item(struct diffshow *ds, const struct rr_diff_item *it)
{
	switch (it->type) {
	case RR_DIFF_HEADER:
		cmd_puts(cmd_name(ds->a));
		cmd_putc(' ');
		cmd_puts(cmd_name(ds->b));
		cmd_putc(' ');
		cmd_put_painted(CMD_PAINT_WARN, "differ");
		cmd_printf(": header %s: ", it->field);
		cmd_putname(it->a_text);
		cmd_puts(" vs ");
		cmd_putname(it->b_text);
		cmd_putc('\n');
		break;
	case RR_DIFF_CAUSE:
		cmd_put_painted(CMD_PAINT_CAUSE, "cause:");
		cmd_putc(' ');
		where(it->a, it->b);
		if (it->shifted)
			cmd_puts(": delivered at another icount\n");
		else {
			cmd_puts(": ");
			value(it->a);
			cmd_puts(" vs ");
			value(it->b);
			cmd_putc('\n');
		}
		hunk(ds, it);
		break;
	case RR_DIFF_EFFECT:
		effect_text(ds, it);
		break;
	case RR_DIFF_EOF:
		cmd_put_painted(CMD_PAINT_WARN, "EOF");
		cmd_puts(" on ");
		cmd_puts(cmd_name(it->eof_side == 0 ? ds->a : ds->b));
		if (it->eof_events == 0)
			cmd_puts(" before any event\n");
		else
			cmd_printf(" after event %llu\n",
			    (unsigned long long)(it->eof_events - 1));
		hunk(ds, it);
		break;
	case RR_DIFF_SUMMARY:
		cmd_printf("after this, %llu event%s shifted, %llu differ%s, "
		    "%llu ha%s no partner\n",
		    (unsigned long long)it->n_shifted,
		    it->n_shifted == 1 ? " is" : "s are",
		    (unsigned long long)it->n_changed,
		    it->n_changed == 1 ? "s" : "",
		    (unsigned long long)it->n_unpaired,
		    it->n_unpaired == 1 ? "s" : "ve");
		break;
	}
}

/* ---- logs, as JSON Lines ---- */

/*
 * An event of a difference: rrdump's event object; a keyframe's state
 * instead of its bytes, a long payload's first bytes and its size.
 */
static json_t *
event_json(const struct rr_diff_event *k)
{
	struct rr_event ev;
	json_t *j;
	char h[24];

	if (k == NULL)
		return json_null();
	ev = k->ev;
	if ((j = rr_event_json(&ev)) == NULL)
		return json_null();
	json_object_del(j, "type");
	/* A payload kept in part: data and text are its first bytes. */
	if (ev.kind != RR_EV_KEYFRAME && k->size > ev.len)
		json_object_set_new(j, "size", rr_json_u64(k->size));
	if (ev.kind == RR_EV_KEYFRAME) {
		json_object_set_new(j, "size", rr_json_u64(k->size));
		json_object_del(j, "hash");
		snprintf(h, sizeof(h), "0x%016llx",
		    (unsigned long long)k->digest);
		json_object_set_new(j, "state", json_string(h));
	}
	if (k->ignored)
		json_object_set_new(j, "ignored", json_true());
	return j;
}

static json_t *
context_json(const struct rr_diff_event *k, size_t n)
{
	json_t *arr = json_array();
	size_t i;

	for (i = 0; arr != NULL && i < n; i++)
		json_array_append_new(arr, event_json(&k[i]));
	return arr != NULL ? arr : json_null();
}

/* {"kind", "a": {"event", "icount"}, "b": ...}, or null. */
static json_t *
point_json(const struct rr_diff_point *p)
{
	const char *kind;
	json_t *j;
	int i;

	if (!p->set || (j = json_object()) == NULL)
		return json_null();
	kind = rr_kind_name(p->kind);
	json_object_set_new(j, "kind", json_string(kind != NULL ? kind :
	    "unknown"));
	for (i = 0; i < 2; i++)
		json_object_set_new(j, i == 0 ? "a" : "b",
		    p->event[i] == RR_NO_EVENT ? json_null() :
		    json_pack("{s:o,s:o}", "event", rr_json_u64(p->event[i]),
		    "icount", rr_json_u64(p->icount[i])));
	return j;
}

static void
agree_json(json_t *j, const struct rr_diff_item *it)
{
	json_object_set_new(j, "agree_icount", it->have_agree ?
	    rr_json_u64(it->agree_icount) : json_null());
}

void
diffshow_item_json(struct diffshow *ds, const struct rr_diff_item *it)
{
	static const char *const types[] = {
		"?", "diff_header", "diff_cause", "diff_effect", "diff_eof",
		"diff_summary"
	};
	const struct rr_diff_event *k = it->a != NULL ? it->a : it->b;
	json_t *j, *arr;
	char name[32];
	size_t i;

	if (it->type < RR_DIFF_HEADER || it->type > RR_DIFF_SUMMARY ||
	    (j = cmd_jrecord(types[it->type], NULL)) == NULL) {
		cmd_jrecord_put(NULL);
		return;
	}
	if (it->type != RR_DIFF_HEADER && k != NULL)
		json_object_set_new(j, "kind", json_string(
		    rr_kind_name(k->ev.kind) != NULL ?
		    rr_kind_name(k->ev.kind) : "unknown"));
	switch (it->type) {
	case RR_DIFF_HEADER:
		json_object_set_new(j, "field", json_string(it->field));
		json_object_set_new(j, "a", json_string(it->a_text));
		json_object_set_new(j, "b", json_string(it->b_text));
		break;
	case RR_DIFF_SUMMARY:
		json_object_set_new(j, "a", event_json(it->a));
		json_object_set_new(j, "b", event_json(it->b));
		json_object_set_new(j, "shifted", rr_json_u64(it->n_shifted));
		json_object_set_new(j, "changed", rr_json_u64(it->n_changed));
		json_object_set_new(j, "unpaired",
		    rr_json_u64(it->n_unpaired));
		json_object_set_new(j, "inputs", rr_json_u64(it->n_inputs));
		break;
	case RR_DIFF_EOF:
		json_object_set_new(j, "file", json_string(it->eof_side == 0 ?
		    ds->a : ds->b));
		json_object_set_new(j, "events", rr_json_u64(it->eof_events));
		/* FALLTHROUGH */
	case RR_DIFF_CAUSE:
	case RR_DIFF_EFFECT:
		json_object_set_new(j, "a", event_json(it->a));
		json_object_set_new(j, "b", event_json(it->b));
		if (it->type != RR_DIFF_EOF)
			json_object_set_new(j, "shifted",
			    json_boolean(it->shifted));
		if (it->type == RR_DIFF_EFFECT) {
			json_object_set_new(j, "cause", it->has_cause ?
			    point_json(&it->cause) : json_null());
			arr = json_array();
			for (i = 0; arr != NULL && i < it->nparts; i++)
				json_array_append_new(arr, json_string(
				    rr_part_name(it->parts[i], name,
				    sizeof(name))));
			json_object_set_new(j, "parts", arr != NULL ? arr :
			    json_null());
			json_object_set_new(j, "inputs",
			    rr_json_u64(it->inputs));
			arr = json_array();
			for (i = 0; arr != NULL && i < it->ncand; i++)
				json_array_append_new(arr, json_pack(
				    "{s:o,s:o}", "a",
				    event_json(&it->cand_a[i]), "b",
				    event_json(&it->cand_b[i])));
			json_object_set_new(j, "candidates", arr != NULL ?
			    arr : json_null());
		}
		if (it->type != RR_DIFF_EOF)
			agree_json(j, it);
		json_object_set_new(j, "context_a", context_json(it->ctx_a,
		    it->nctx_a));
		json_object_set_new(j, "context_b", context_json(it->ctx_b,
		    it->nctx_b));
		json_object_set_new(j, "after_a", context_json(it->after_a,
		    it->nafter_a));
		json_object_set_new(j, "after_b", context_json(it->after_b,
		    it->nafter_b));
		break;
	}
	cmd_jrecord_put(j);
}

void
diffshow_instruction_json(uint64_t icount, uint32_t pc,
    const char *symbol)
{
	json_t *j;
	char s[16];

	if ((j = cmd_jrecord("diff_instruction", NULL)) != NULL) {
		snprintf(s, sizeof(s), "0x%08x", pc);
		json_object_set_new(j, "icount", rr_json_u64(icount));
		json_object_set_new(j, "pc", json_string(s));
		if (symbol != NULL)
			json_object_set_new(j, "symbol", json_string(symbol));
	}
	cmd_jrecord_put(j);
}

void
diffshow_result_json(const struct rr_diff_report *r, int status,
    uint64_t fields, const char *first, int have_instr, uint64_t icount,
    uint32_t pc)
{
	const struct rr_diff_point *p;
	json_t *j;
	char s[16];

	if ((j = cmd_jrecord("diff_result", NULL)) == NULL) {
		cmd_jrecord_put(NULL);
		return;
	}
	json_object_set_new(j, "same", json_boolean(status == 0));
	json_object_set_new(j, "status", json_integer(status));
	json_object_set_new(j, "message", first[0] != '\0' ?
	    json_string(first) : json_null());
	json_object_set_new(j, "differences", rr_json_u64(r->differences +
	    fields));
	json_object_set_new(j, "causes", rr_json_u64(r->causes));
	json_object_set_new(j, "inputs", rr_json_u64(r->inputs));
	json_object_set_new(j, "checkpoints", rr_json_u64(r->checkpoints));
	json_object_set_new(j, "blocks_skipped",
	    rr_json_u64(r->blocks_skipped));
	p = r->cause.set ? &r->cause : &r->effect;
	json_object_set_new(j, "first", point_json(p));
	json_object_set_new(j, "cause", point_json(&r->cause));
	json_object_set_new(j, "effect", point_json(&r->effect));
	if (have_instr) {
		snprintf(s, sizeof(s), "0x%08x", pc);
		json_object_set_new(j, "instruction", json_pack("{s:o,s:s}",
		    "icount", rr_json_u64(icount), "pc", s));
	} else
		json_object_set_new(j, "instruction", json_null());
	cmd_jrecord_put(j);
}

/* ---- snapshots ---- */

/* "x[10]" is shown as "a0": the registers by their ABI names. */
static void
field_name(char *buf, size_t size, const struct rr_snapdiff_item *it)
{
	const char *reg = it->type == RR_SNAPDIFF_ELEMENT ?
	    rr_snap_element_name(it->section, it->field, it->index) : NULL;

	if (reg != NULL)
		snprintf(buf, size, "%s.%s", it->section, reg);
	else if (it->type == RR_SNAPDIFF_ELEMENT)
		snprintf(buf, size, "%s.%s[%llu]", it->section, it->field,
		    (unsigned long long)it->index);
	else if (it->section == NULL)
		snprintf(buf, size, "%s", it->field);
	else if (it->field == NULL)
		snprintf(buf, size, "%s", it->section);
	else
		snprintf(buf, size, "%s.%s", it->section, it->field);
}

/* The cpu's fields that hold a code address: named with --elf. */
static int
code_field(const struct rr_snapdiff_item *it)
{
	static const char *const names[] = { "pc", "mepc", "sepc", "mtvec",
	    "stvec" };
	size_t i;

	if (strcmp(it->section, "cpu") != 0)
		return 0;
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strcmp(it->field, names[i]) == 0)
			return 1;
	return 0;
}

static void
field_value(const struct diffshow *ds, const struct rr_snapdiff_item *it,
    const struct rr_snap_field *f)
{
	char s[200];

	switch (f->type) {
	case RR_SNAP_U64:
		cmd_put_snap_u64(f->u);
		if (ds->symbolize != NULL && code_field(it) &&
		    f->u <= UINT32_MAX && ds->symbolize(ds->sym_arg,
		    (uint32_t)f->u, s, sizeof(s)) == 0)
			cmd_printf(" %s", s);
		break;
	case RR_SNAP_I64:
		cmd_printf("%lld", (long long)f->u);
		break;
	case RR_SNAP_BYTES:
	case RR_SNAP_STRING:
		cmd_putq(f->data, f->len, 64);
		break;
	default:
		cmd_printf("%s of %llu", rr_snap_type_name(f->type),
		    (unsigned long long)f->count);
		break;
	}
}

/* An array element as rrdump -j gives it: hex of the array's width. */
static json_t *
hex_json(const struct rr_snap_field *f, uint64_t v)
{
	char h[24];

	snprintf(h, sizeof(h), "0x%0*llx", f->type == RR_SNAP_U32S ? 8 : 16,
	    (unsigned long long)v);
	return json_string(h);
}

void
diffshow_field(void *arg, const struct rr_snapdiff_item *it)
{
	struct diffshow *ds = arg;
	struct rr_error e;
	char name[160];
	uint64_t base = 0;
	long sec;
	json_t *j;

	if (ds->quiet)
		return;
	field_name(name, sizeof(name), it);
	if (it->type == RR_SNAPDIFF_PAGES &&
	    (sec = rr_snap_find(ds->snap_a, it->section)) >= 0 &&
	    rr_snap_get_u64(ds->snap_a, (size_t)sec, "base", &base, &e) != RR_OK)
		base = 0;
	if (ds->json) {
		if ((j = cmd_jrecord("diff_field", NULL)) == NULL) {
			cmd_jrecord_put(j);
			return;
		}
		json_object_set_new(j, "name", json_string(name));
		if (it->type == RR_SNAPDIFF_SECTION ||
		    (it->type == RR_SNAPDIFF_FIELD && (!it->in_a ||
		    !it->in_b)))
			json_object_set_new(j, "only_in", json_string(
			    it->in_a ? ds->a : ds->b));
		else if (it->type == RR_SNAPDIFF_PAGES) {
			json_object_set_new(j, "pages", json_pack("[II]",
			    (json_int_t)it->page_first,
			    (json_int_t)it->page_last));
			json_object_set_new(j, "address", rr_json_u64(base +
			    it->byte));
			json_object_set_new(j, "a", rr_json_u64(it->a));
			json_object_set_new(j, "b", rr_json_u64(it->b));
		} else if (it->type == RR_SNAPDIFF_META && strstr(it->field,
		    "hash") != NULL) {
			snprintf(name, sizeof(name), "0x%016llx",
			    (unsigned long long)it->a);
			json_object_set_new(j, "a", json_string(name));
			snprintf(name, sizeof(name), "0x%016llx",
			    (unsigned long long)it->b);
			json_object_set_new(j, "b", json_string(name));
		} else if (it->type == RR_SNAPDIFF_ELEMENT) {
			/* As rrdump -j gives the array: hex of its width. */
			json_object_set_new(j, "a", hex_json(it->fa, it->a));
			json_object_set_new(j, "b", hex_json(it->fa, it->b));
		} else if (it->type != RR_SNAPDIFF_FIELD ||
		    it->fa->type == RR_SNAP_U64 ||
		    it->fa->type == RR_SNAP_I64) {
			json_object_set_new(j, "a", rr_json_u64(it->a));
			json_object_set_new(j, "b", rr_json_u64(it->b));
		}
		cmd_jrecord_put(j);
		return;
	}
	diffshow_files(ds);
	cmd_put_painted(CMD_PAINT_FIELD, name);
	cmd_puts(": ");
	switch (it->type) {
	case RR_SNAPDIFF_META:
		if (strcmp(it->field, "machine") == 0 ||
		    strcmp(it->field, "isa") == 0 ||
		    strcmp(it->field, "devices") == 0)
			cmd_puts("differs");
		else if (strstr(it->field, "hash") != NULL)
			cmd_printf("0x%016llx vs 0x%016llx",
			    (unsigned long long)it->a,
			    (unsigned long long)it->b);
		else
			cmd_printf("%llu vs %llu", (unsigned long long)it->a,
			    (unsigned long long)it->b);
		break;
	case RR_SNAPDIFF_SECTION:
		cmd_puts("section only in ");
		cmd_putname(it->in_a ? ds->a : ds->b);
		break;
	case RR_SNAPDIFF_FIELD:
		if (!it->in_a || !it->in_b) {
			cmd_puts("only in ");
			cmd_putname(it->in_a ? ds->a : ds->b);
			break;
		}
		field_value(ds, it, it->fa);
		cmd_puts(" vs ");
		field_value(ds, it, it->fb);
		break;
	case RR_SNAPDIFF_ELEMENT:
		cmd_put("0x", 2);
		cmd_putx(it->a, it->fa->type == RR_SNAP_U32S ? 8 : 16);
		cmd_puts(" vs 0x");
		cmd_putx(it->b, it->fa->type == RR_SNAP_U32S ? 8 : 16);
		break;
	case RR_SNAPDIFF_PAGES:
		cmd_printf("pages %llu-%llu (", (unsigned long long)it->page_first,
		    (unsigned long long)it->page_last);
		cmd_put_hexval(base + it->page_first * RR_SNAP_PAGE);
		cmd_putc('-');
		cmd_put_hexval(base + (it->page_last + 1) * RR_SNAP_PAGE - 1);
		cmd_puts(") differ; first byte at ");
		cmd_put_hexval(base + it->byte);
		cmd_printf(": 0x%02llx vs 0x%02llx", (unsigned long long)it->a,
		    (unsigned long long)it->b);
		break;
	}
	cmd_putc('\n');
}

