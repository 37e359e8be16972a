/*
 * rrdump --html and rrdiff --html: one self-contained page (no network,
 * no other file): the header and statistics of each log, then its
 * timeline, drawn by cmd/page.js from the buckets embedded here as JSON.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "../lib/rr.h"
#include "../lib/rrtimeline.h"
#include "out.h"
#include "draw.h"

/* cmd/page.js and cmd/page.css, embedded by the Makefile ($(B)/gen/page.c). */
extern const unsigned char cmd_page_js[], cmd_page_css[];
extern const size_t cmd_page_js_len, cmd_page_css_len;

static const char *const set_names[RR_TL_NSETS] = {
	"markers", "breaks", "inputs", "output"
};

static void
put_str(const char *s)
{
	cmd_put_xml((const uint8_t *)s, strlen(s));
}

static void
row_s(const char *key, const char *value)
{
	cmd_printf("<tr><th>%s</th><td>", key);
	put_str(value);
	cmd_puts("</td></tr>\n");
}

static void
row_u(const char *key, uint64_t v)
{
	cmd_printf("<tr data-key=\"%s\"><th>%s</th><td>%llu</td></tr>\n", key,
	    key, (unsigned long long)v);
}

/* The header, as rrdump -H names its fields. */
static void
header_table(const struct rr_header *h)
{
	char buf[64];
	int i;

	cmd_puts("<table class=\"hdr\">\n");
	snprintf(buf, sizeof(buf), "%u.%u", h->major, h->minor);
	row_s("format", buf);
	for (i = 0; i < 16; i++)
		snprintf(buf + 2 * i, 3, "%02x", h->recording_id[i]);
	row_s("recording_id", buf);
	row_s("machine", h->machine);
	row_s("isa", h->isa);
	row_s("tool_version", h->tool_version);
	row_u("ram_size", h->ram_size);
	row_u("clock_shift", h->clock_shift);
	snprintf(buf, sizeof(buf), "0x%016llx",
	    (unsigned long long)h->image_hash);
	row_s("image_hash", buf);
	row_u("checkpoint_interval", h->checkpoint_interval);
	row_u("keyframe_interval", h->keyframe_interval);
	if (h->has_origin) {
		row_u("origin_event", h->origin_event);
		row_u("origin_icount", h->origin_icount);
	}
	cmd_puts("</table>\n");
}

/* The statistics of the events drawn, as rrdump --stats names them. */
static void
stats_table(struct cmd_run *run, int ri)
{
	const struct rr_tl_lane *lanes;
	uint64_t n[RR_TL_OTHER + 1], first, last, events;
	size_t nl, i;
	uint32_t k;
	char key[48], name[32];

	memset(n, 0, sizeof(n));
	lanes = rr_timeline_lanes(run->tl, &nl);
	for (i = 0; i < nl; i++)
		n[lanes[i].kind] = lanes[i].events;
	events = rr_timeline_events(run->tl, &first, &last);
	cmd_printf("<table class=\"stats\" id=\"stats-%d\">\n", ri);
	row_u("events", events);
	for (k = 1; k <= RR_TL_OTHER; k++) {
		if (k > RR_EV_KIND_MAX && n[k] == 0)
			continue;
		snprintf(key, sizeof(key), "events.%s",
		    cmd_lane_name(k, name, sizeof(name)));
		row_u(key, n[k]);
	}
	if (events > 0) {
		row_u("icount_first", first);
		row_u("icount_last", last);
	}
	if (run->info.file_size > 0)
		row_u("file_bytes", run->info.file_size);
	row_s("closed", run->info.closed ? "yes" : "no");
	row_s("indexed", run->info.has_index ? "yes" : "no");
	cmd_puts("</table>\n");
	if (run->damaged)
		cmd_puts("<p class=\"damaged\">The log is damaged: the events "
		    "after the damage are missing.</p>\n");
}

static void
item_json(const struct rr_tl_item *it)
{
	uint8_t end[RR_TL_TEXT + 64];
	char name[32];
	size_t k;

	cmd_printf("{\"e\":%llu,\"i\":%llu,\"k\":\"%s\"",
	    (unsigned long long)it->number, (unsigned long long)it->icount,
	    cmd_lane_name(it->kind, name, sizeof(name)));
	switch (it->kind) {
	case RR_EV_CHECKPOINT:
		cmd_printf(",\"t\":\"0x%016llx\"",
		    (unsigned long long)it->value);
		break;
	case RR_EV_KEYFRAME:
		cmd_printf(",\"t\":\"%llu bytes\"", (unsigned long long)it->len);
		break;
	case RR_EV_GAP:
		cmd_printf(",\"t\":\"resumes at icount %llu\"",
		    (unsigned long long)it->value);
		break;
	case RR_EV_END:
		/* The reason and status, then its text. */
		k = (size_t)snprintf((char *)end, sizeof(end), "%s, status "
		    "%lld%s", rr_end_reason_name(it->subkind),
		    (long long)it->status, it->tlen > 0 ? ": " : "");
		memcpy(end + k, it->text, it->tlen);
		cmd_puts(",\"t\":");
		cmd_put_jstr(end, k + it->tlen);
		break;
	default:
		cmd_puts(",\"t\":");
		cmd_put_evtext(it->kind, it->value, it->text, it->tlen);
	}
	/* Text cut at RR_TL_TEXT bytes: how many more there were. */
	if (it->tlen == RR_TL_TEXT && it->len > it->tlen)
		cmd_printf(",\"more\":%llu", (unsigned long long)(it->len -
		    it->tlen));
	cmd_putc('}');
}

static void
run_json(struct cmd_run *run)
{
	const struct rr_tl_lane *lanes;
	struct rr_tl_items s;
	uint64_t origin, prev;
	unsigned shift;
	size_t nl, i, c;
	int set;
	char name[32], word[1024];
	const char *cls;

	lanes = rr_timeline_lanes(run->tl, &nl);
	rr_timeline_scale(run->tl, &origin, &shift);
	cmd_puts("{\"file\":");
	cmd_put_jstr((const uint8_t *)run->file, strlen(run->file));
	cmd_puts(",\"cmd\":");
	cmd_shellword(word, sizeof(word), run->file);
	cmd_put_jstr((const uint8_t *)word, strlen(word));
	cmd_printf(",\"lo\":%llu,\"hi\":%llu,\"origin\":%llu,\"shift\":%u,"
	    "\"damaged\":%s,\"lanes\":[", (unsigned long long)run->lo,
	    (unsigned long long)run->hi, (unsigned long long)origin, shift,
	    run->damaged ? "true" : "false");
	for (i = 0; i < nl; i++) {
		cls = lanes[i].kind < RR_TL_OTHER &&
		    rr_kind_name(lanes[i].kind) != NULL ?
		    rr_kind_name(lanes[i].kind) : "unknown";
		cmd_printf("%s\n{\"name\":\"%s\",\"cls\":\"%s\",\"events\":%llu,"
		    "\"b\":[", i ? "," : "", cmd_lane_name(lanes[i].kind, name,
		    sizeof(name)), cls, (unsigned long long)lanes[i].events);
		/* Buckets as deltas: short numbers. */
		for (c = 0, prev = 0; c < lanes[i].ncells; c++) {
			cmd_puts(c ? "," : "");
			cmd_putu(lanes[i].cells[c].bucket - prev);
			prev = lanes[i].cells[c].bucket;
		}
		cmd_puts("],\"c\":[");
		for (c = 0; c < lanes[i].ncells; c++) {
			cmd_puts(c ? "," : "");
			cmd_putu(lanes[i].cells[c].count);
		}
		cmd_puts("]}");
	}
	cmd_puts("],\"sets\":{");
	for (set = 0; set < RR_TL_NSETS; set++) {
		rr_timeline_items(run->tl, set, &s);
		cmd_printf("%s\n\"%s\":{\"total\":%llu,\"stride\":%llu,"
		    "\"list\":[", set ? "," : "", set_names[set],
		    (unsigned long long)s.total, (unsigned long long)s.stride);
		for (i = 0; i < s.n; i++) {
			cmd_puts(i ? ",\n" : "");
			item_json(&s.items[i]);
		}
		cmd_puts("]}");
	}
	cmd_puts("}}");
}

static void
mark_json(const char *name, const struct cmd_diffmark *m)
{
	cmd_printf("\"%s\":", name);
	if (m == NULL || !m->set) {
		cmd_puts("null");
		return;
	}
	cmd_puts("{\"what\":");
	cmd_put_jstr((const uint8_t *)m->what, strlen(m->what));
	if (m->a != NULL)
		cmd_printf(",\"a\":{\"e\":%llu,\"i\":%llu}",
		    (unsigned long long)m->a->number,
		    (unsigned long long)m->a->icount);
	if (m->b != NULL)
		cmd_printf(",\"b\":{\"e\":%llu,\"i\":%llu}",
		    (unsigned long long)m->b->number,
		    (unsigned long long)m->b->icount);
	cmd_putc('}');
}

void
cmd_html(struct cmd_run *runs, int n, const struct cmd_diffmark *cause,
    const struct cmd_diffmark *effect)
{
	int i;

	cmd_puts("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n"
	    "<meta charset=\"utf-8\">\n<title>");
	for (i = 0; i < n; i++) {
		cmd_puts(i ? " vs " : "");
		put_str(runs[i].file);
	}
	cmd_puts("</title>\n<style>\n");
	cmd_put_palette();
	cmd_put(cmd_page_css, cmd_page_css_len);
	cmd_puts("</style>\n</head>\n<body>\n<h1>");
	for (i = 0; i < n; i++) {
		cmd_puts(i ? " vs " : "");
		put_str(runs[i].file);
	}
	cmd_puts("</h1>\n<header>\n");
	for (i = 0; i < n; i++) {
		cmd_printf("<section class=\"run-info\" data-run=\"%d\">", i);
		if (n > 1) {
			cmd_puts("<h2>");
			put_str(runs[i].file);
			cmd_puts("</h2>");
		}
		header_table(runs[i].hdr);
		stats_table(&runs[i], i);
		cmd_puts("</section>\n");
	}
	cmd_puts("</header>\n<div id=\"app\"></div>\n<pre id=\"errors\">"
	    "</pre>\n<noscript>The timeline needs JavaScript.</noscript>\n"
	    "<script type=\"application/json\" id=\"rr-data\">\n{\"runs\":[");
	for (i = 0; i < n; i++) {
		cmd_puts(i ? ",\n" : "");
		run_json(&runs[i]);
	}
	cmd_puts("]");
	if (cause != NULL || effect != NULL) {
		cmd_puts(",\"diff\":{");
		mark_json("cause", cause);
		cmd_putc(',');
		mark_json("effect", effect);
		cmd_puts("}");
	}
	cmd_puts("}\n</script>\n<script>\n");
	cmd_put(cmd_page_js, cmd_page_js_len);
	cmd_puts("</script>\n</body>\n</html>\n");
}
