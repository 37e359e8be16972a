/* Front-end pictures of a log: the selection bucketed, and text escapes. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "../lib/rr.h"
#include "../lib/rrtimeline.h"
#include "msg.h"
#include "out.h"
#include "select.h"
#include "draw.h"

struct load {
	struct cmd_run	*run;
	cmd_event_fn	*each;
	void		*arg;
	int		 nomem;
};

static void
take(void *arg, const struct rr_event *ev)
{
	struct load *l = arg;

	if (l->nomem)
		return;
	if (rr_timeline_add(l->run->tl, ev) != RR_OK) {
		l->nomem = 1;
		return;
	}
	if (l->each != NULL)
		l->each(l->arg, ev);
}

int
cmd_run_load(struct cmd_run *run, struct rr_reader *r, const char *file,
    const struct cmd_select *sel, cmd_event_fn *each, void *arg)
{
	struct load l;
	uint64_t first, last;
	int rc;

	memset(run, 0, sizeof(*run));
	run->file = file;
	run->hdr = rr_reader_header(r);
	if ((run->tl = rr_timeline_new()) == NULL) {
		cmd_msg(file, RR_NO_OFFSET, RR_NO_EVENT, "out of memory");
		cmd_status(CMD_EXIT_FAIL);
		return -1;
	}
	memset(&l, 0, sizeof(l));
	l.run = run;
	l.each = each;
	l.arg = arg;
	if ((rc = cmd_select_events(sel, r, file, take, &l)) < 0)
		return -1;
	if (l.nomem) {
		cmd_msg(file, RR_NO_OFFSET, RR_NO_EVENT, "out of memory");
		cmd_status(CMD_EXIT_FAIL);
		return -1;
	}
	if (rc > 0) {
		run->damaged = 1;
		cmd_rrerr(file, rr_reader_error(r));
		cmd_status(cmd_errstatus(rr_reader_error(r)));
	}
	rr_reader_info(r, &run->info);
	rr_timeline_events(run->tl, &first, &last);
	/* The range asked for, where it names its ends; else the events'. */
	run->lo = sel->icount.set && !sel->icount.lo_end ? sel->icount.lo :
	    first;
	run->hi = sel->icount.set && !sel->icount.hi_end &&
	    sel->icount.hi != UINT64_MAX ? sel->icount.hi : last;
	if (run->hi < run->lo)
		run->hi = run->lo;
	return 0;
}

void
cmd_run_free(struct cmd_run *run)
{
	rr_timeline_free(run->tl);
	run->tl = NULL;
}

void
cmd_draw(int view, struct rr_reader *r, const char *file,
    const struct cmd_select *sel)
{
	struct cmd_run run;

	if (view == CMD_VIEW_TRACE)
		cmd_trace_begin(file, rr_reader_header(r));
	if (cmd_run_load(&run, r, file, sel, view == CMD_VIEW_TRACE ?
	    cmd_trace_event : NULL, NULL) == 0) {
		if (view == CMD_VIEW_HTML)
			cmd_html(&run, 1, NULL, NULL);
		else if (view == CMD_VIEW_SVG)
			cmd_svg(&run);
		else
			cmd_trace_end(&run);
	}
	cmd_run_free(&run);
}

uint64_t
cmd_run_end(const struct cmd_run *run)
{
	return run->hi == UINT64_MAX ? run->hi : run->hi + 1;
}

double
cmd_run_x(const struct cmd_run *run, uint64_t icount, double width)
{
	double span = (double)(run->hi - run->lo) + 1.0;

	if (icount <= run->lo)
		return 0;
	if (icount > run->hi)
		return width;
	return (double)(icount - run->lo) / span * width;
}

/*
 * One colour per kind, for SVG fills and HTML backgrounds alike (the
 * page's script reads them back from the classes).
 */
static const struct {
	const char	*name, *colour;
} palette[] = {
	{ "clock", "#1f77b4" }, { "entropy", "#9467bd" },
	{ "bh", "#2ca02c" }, { "output", "#ff7f0e" },
	{ "checkpoint", "#7f7f7f" }, { "keyframe", "#17becf" },
	{ "mark", "#bcbd22" }, { "end", "#000000" }, { "gap", "#d62728" },
	{ "semihost", "#8c564b" }, { "unknown", "#e377c2" },
	{ "cause", "#d62728" }, { "effect", "#c800c8" }
};

void
cmd_put_palette(void)
{
	size_t i;

	for (i = 0; i < sizeof(palette) / sizeof(palette[0]); i++)
		cmd_printf(".k-%s{fill:%s;stroke:%s;background:%s;"
		    "border-color:%s}\n", palette[i].name, palette[i].colour,
		    palette[i].colour, palette[i].colour, palette[i].colour);
}

const char *
cmd_lane_name(uint32_t kind, char *buf, size_t len)
{
	if (kind >= RR_TL_OTHER)
		snprintf(buf, len, "unknown");
	else if (rr_kind_name(kind) != NULL)
		snprintf(buf, len, "%s", rr_kind_name(kind));
	else
		snprintf(buf, len, "unknown-%u", kind);
	return buf;
}

/* A code point below U+0800 (a byte that is no UTF-8) as UTF-8. */
static void
put_latin1(unsigned c)
{
	cmd_putc((int)(0xc0 | c >> 6));
	cmd_putc((int)(0x80 | (c & 0x3f)));
}

/*
 * Bytes p[0..n) as text: a valid UTF-8 sequence as it is, a byte that
 * is none as its Latin-1 code point; an ASCII byte through esc, which
 * writes it its own way and returns 1, or returns 0 to have it as it is.
 */
static void
put_text(const uint8_t *p, size_t n, int (*esc)(unsigned c))
{
	size_t i = 0, k;

	while (i < n) {
		if ((k = rr_utf8_len(p + i, n - i)) > 1)
			cmd_put(p + i, k);
		else if (k == 0)
			put_latin1(p[i]);
		else if (!esc(p[i]))
			cmd_putc(p[i]);
		i += k > 1 ? k : 1;
	}
}

static const char hex[] = "0123456789abcdef";

static int
json_esc(unsigned c)
{
	if (c == '"' || c == '\\') {
		cmd_putc('\\');
		cmd_putc((int)c);
	} else if (c == '\n')
		cmd_put("\\n", 2);
	else if (c == '\t')
		cmd_put("\\t", 2);
	else if (c < 0x20 || c == 0x7f || c == '<' || c == '>' || c == '&') {
		/* Also what could end a script element or start markup. */
		cmd_put("\\u00", 4);
		cmd_putc(hex[c >> 4]);
		cmd_putc(hex[c & 15]);
	} else
		return 0;
	return 1;
}

static int
xml_esc(unsigned c)
{
	if (c == '<')
		cmd_puts("&lt;");
	else if (c == '>')
		cmd_puts("&gt;");
	else if (c == '&')
		cmd_puts("&amp;");
	else if (c == '"')
		cmd_puts("&quot;");
	else if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7f) {
		/* XML 1.0 has no way to write these: shown. */
		cmd_put("\\x", 2);
		cmd_putc(hex[c >> 4]);
		cmd_putc(hex[c & 15]);
	} else
		return 0;
	return 1;
}

void
cmd_put_jstr(const uint8_t *p, size_t n)
{
	cmd_putc('"');
	put_text(p, n, json_esc);
	cmd_putc('"');
}

void
cmd_put_xml(const uint8_t *p, size_t n)
{
	put_text(p, n, xml_esc);
}

void
cmd_put_evtext(uint32_t kind, uint64_t value, const uint8_t *data,
    size_t len)
{
	char buf[32];

	if (kind == RR_EV_CLOCK)
		snprintf(buf, sizeof(buf), "%llu ns", (unsigned long long)value);
	else if (kind == RR_EV_ENTROPY)
		snprintf(buf, sizeof(buf), "0x%08llx",
		    (unsigned long long)value);
	else {
		cmd_put_jstr(data, len);
		return;
	}
	cmd_put_jstr((const uint8_t *)buf, strlen(buf));
}
