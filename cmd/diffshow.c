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
	cmd_puts("--- ");
	cmd_puts(cmd_name(ds->a));
	cmd_puts("\n+++ ");
	cmd_puts(cmd_name(ds->b));
	cmd_putc('\n');
}

static void
line(int mark, const struct rr_event *ev)
{
	cmd_putc(mark);
	cmd_event_text(ev);
}

/* A hunk: context, then the two sides, as diff -U shows it. */
static void
hunk(struct diffshow *ds, const struct rr_diff_item *it)
{
	uint64_t sa, sb;
	size_t i, na, nb;

	diffshow_files(ds);
	na = it->nctx + (it->a != NULL);
	nb = it->nctx + (it->b != NULL);
	sa = it->nctx > 0 ? it->ctx_a[0].ev.number : it->a != NULL ?
	    it->a->ev.number : 0;
	sb = it->nctx > 0 ? it->ctx_b[0].ev.number : it->b != NULL ?
	    it->b->ev.number : 0;
	cmd_printf("@@ -%llu,%zu +%llu,%zu @@\n", (unsigned long long)sa, na,
	    (unsigned long long)sb, nb);
	for (i = 0; i < it->nctx; i++)
		line(' ', &it->ctx_a[i].ev);
	if (it->a != NULL)
		line('-', &it->a->ev);
	if (it->b != NULL)
		line('+', &it->b->ev);
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

void
diffshow_item(struct diffshow *ds, const struct rr_diff_item *it)
{
	char parts[512];
	size_t i;

	switch (it->type) {
	case RR_DIFF_HEADER:
		cmd_puts(cmd_name(ds->a));
		cmd_putc(' ');
		cmd_puts(cmd_name(ds->b));
		cmd_printf(" differ: header %s: ", it->field);
		cmd_putname(it->a_text);
		cmd_puts(" vs ");
		cmd_putname(it->b_text);
		cmd_putc('\n');
		break;
	case RR_DIFF_EVENT:
		cmd_puts(cmd_name(ds->a));
		cmd_putc(' ');
		cmd_puts(cmd_name(ds->b));
		cmd_puts(" differ:");
		if (it->a != NULL)
			cmd_printf(" event %llu icount %llu",
			    (unsigned long long)it->a->ev.number,
			    (unsigned long long)it->a->ev.icount);
		else
			cmd_puts(" (none)");
		cmd_puts(" vs");
		if (it->b != NULL)
			cmd_printf(" event %llu icount %llu",
			    (unsigned long long)it->b->ev.number,
			    (unsigned long long)it->b->ev.icount);
		else
			cmd_puts(" (none)");
		cmd_putc('\n');
		hunk(ds, it);
		break;
	case RR_DIFF_EOF:
		cmd_puts("EOF on ");
		cmd_puts(cmd_name(it->eof_side == 0 ? ds->a : ds->b));
		if (it->eof_events == 0)
			cmd_puts(" before any event\n");
		else
			cmd_printf(" after event %llu\n",
			    (unsigned long long)(it->eof_events - 1));
		hunk(ds, it);
		break;
	case RR_DIFF_INPUT:
		/* Each one only with --all; a summary says how many. */
		break;
	case RR_DIFF_STATE:
		part_list(parts, sizeof(parts), it->parts, it->nparts);
		cmd_printf("guest state parts at the checkpoint at icount %llu "
		    "(event %llu vs %llu): ",
		    (unsigned long long)it->a->ev.icount,
		    (unsigned long long)it->a->ev.number,
		    (unsigned long long)it->b->ev.number);
		if (it->nparts > 0)
			cmd_printf("%s differ%s\n", parts,
			    it->nparts == 1 ? "s" : "");
		else
			cmd_puts("the state hash differs, no part does\n");
		if (it->have_agree && it->agree_prefix)
			cmd_printf("  the logs are the same bytes up to event "
			    "%llu, icount %llu: the states agree there\n",
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
		cmd_printf("  %llu input%s in between, the candidate "
		    "cause%s:\n", (unsigned long long)it->inputs,
		    it->inputs == 1 ? " differs" : "s differ",
		    it->inputs == 1 ? "" : "s");
		for (i = 0; i < it->ncand; i++) {
			cmd_puts(" -");
			cmd_event_text(&it->cand_a[i].ev);
			cmd_puts(" +");
			cmd_event_text(&it->cand_b[i].ev);
		}
		if (it->inputs > it->ncand)
			cmd_printf("  ... and %llu more\n",
			    (unsigned long long)(it->inputs - it->ncand));
		break;
	}
}

/* ---- snapshots ---- */

static const char *const abi[32] = {
	"zero", "ra", "sp", "gp", "tp", "t0", "t1", "t2", "s0", "s1", "a0",
	"a1", "a2", "a3", "a4", "a5", "a6", "a7", "s2", "s3", "s4", "s5",
	"s6", "s7", "s8", "s9", "s10", "s11", "t3", "t4", "t5", "t6"
};

/* "x[10]" is shown as "a0": the registers by their ABI names. */
static void
field_name(char *buf, size_t size, const struct rr_snapdiff_item *it)
{
	if (it->type == RR_SNAPDIFF_ELEMENT && strcmp(it->section, "cpu") ==
	    0 && strcmp(it->field, "x") == 0 && it->index < 32)
		snprintf(buf, size, "cpu.%s", abi[it->index]);
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

static void
field_value(const struct rr_snap_field *f)
{
	switch (f->type) {
	case RR_SNAP_U64:
		cmd_printf("0x%llx", (unsigned long long)f->u);
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
		if ((j = cmd_jrecord("field", NULL)) == NULL) {
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
	cmd_puts(name);
	cmd_puts(": ");
	switch (it->type) {
	case RR_SNAPDIFF_META:
		if (strcmp(it->field, "machine") == 0 ||
		    strcmp(it->field, "isa") == 0 ||
		    strcmp(it->field, "devices") == 0)
			cmd_puts("differs");
		else if (strstr(it->field, "hash") != NULL)
			cmd_printf("%016llx vs %016llx",
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
		field_value(it->fa);
		cmd_puts(" vs ");
		field_value(it->fb);
		break;
	case RR_SNAPDIFF_ELEMENT:
		cmd_printf("0x%llx vs 0x%llx", (unsigned long long)it->a,
		    (unsigned long long)it->b);
		break;
	case RR_SNAPDIFF_PAGES:
		cmd_printf("pages %llu-%llu (0x%llx-0x%llx) differ; first "
		    "byte at 0x%llx: 0x%02llx vs 0x%02llx",
		    (unsigned long long)it->page_first,
		    (unsigned long long)it->page_last,
		    (unsigned long long)(base + it->page_first * RR_SNAP_PAGE),
		    (unsigned long long)(base + (it->page_last + 1) *
		    RR_SNAP_PAGE - 1), (unsigned long long)(base + it->byte),
		    (unsigned long long)it->a, (unsigned long long)it->b);
		break;
	}
	cmd_putc('\n');
}

