/*
 * rrdump --svg: a log's timeline as a static SVG, no script: one lane
 * per kind with its events per pixel as bars, markers for checkpoints,
 * keyframes, gaps and END, an axis of instruction counts.
 */
#include <stdint.h>
#include <string.h>

#include "../lib/rr.h"
#include "../lib/rrtimeline.h"
#include "out.h"
#include "draw.h"

#define WIDTH	1200
#define LEFT	110		/* the lanes' names */
#define PLOT	(WIDTH - LEFT - 20)
#define TOP	64
#define LANE	26
#define TICKS	6

static uint64_t	 col[PLOT];

/* The class of a kind's colour: its name, or "unknown". */
static const char *
colour_of(uint32_t kind)
{
	const char *n = kind < RR_TL_OTHER ? rr_kind_name(kind) : NULL;

	return n != NULL ? n : "unknown";
}

static void
lane(struct cmd_run *run, const struct rr_tl_lane *l, int y)
{
	uint64_t max = 0;
	char name[32];
	int c, h;

	rr_timeline_columns(run->tl, l, run->lo, cmd_run_end(run), col, PLOT);
	for (c = 0; c < PLOT; c++)
		if (col[c] > max)
			max = col[c];
	cmd_printf("<g class=\"lane k-%s\" data-kind=\"%s\" data-events=\""
	    "%llu\"><title>%s: %llu events</title>\n", colour_of(l->kind),
	    cmd_lane_name(l->kind, name, sizeof(name)),
	    (unsigned long long)l->events, name,
	    (unsigned long long)l->events);
	cmd_printf("<text x=\"%d\" y=\"%d\" class=\"name\">%s</text>\n",
	    LEFT - 8, y + LANE / 2 + 4, name);
	cmd_printf("<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" "
	    "class=\"bg\"/>\n", LEFT, y + 1, PLOT, LANE - 2);
	for (c = 0; c < PLOT; c++) {
		if (col[c] == 0)
			continue;
		/* At least a pixel, so one event among many shows. */
		h = (int)((double)col[c] / (double)max * (LANE - 6));
		if (h < 1)
			h = 1;
		cmd_printf("<rect x=\"%d\" y=\"%d\" width=\"1\" height=\"%d\"/>"
		    "\n", LEFT + c, y + LANE - 3 - h, h);
	}
	cmd_puts("</g>\n");
}

static void
markers(struct cmd_run *run, int set, int y0, int y1)
{
	struct rr_tl_items s;
	const struct rr_tl_item *it;
	char name[32];
	double x;
	size_t i;

	rr_timeline_items(run->tl, set, &s);
	for (i = 0; i < s.n; i++) {
		it = &s.items[i];
		x = LEFT + cmd_run_x(run, it->icount, PLOT);
		cmd_printf("<line class=\"marker k-%s\" data-kind=\"%s\" "
		    "data-icount=\"%llu\" x1=\"%.1f\" x2=\"%.1f\" y1=\"%d\" "
		    "y2=\"%d\"><title>%s at icount %llu (event %llu)",
		    colour_of(it->kind), cmd_lane_name(it->kind, name,
		    sizeof(name)), (unsigned long long)it->icount, x, x, y0, y1,
		    name, (unsigned long long)it->icount,
		    (unsigned long long)it->number);
		if (it->kind == RR_EV_CHECKPOINT)
			cmd_printf(": state hash 0x%016llx",
			    (unsigned long long)it->value);
		else if (it->tlen > 0) {
			cmd_puts(": ");
			cmd_put_xml(it->text, it->tlen);
		}
		cmd_puts("</title></line>\n");
	}
}

static void
axis(struct cmd_run *run, int y)
{
	double span = (double)(run->hi - run->lo);
	uint64_t at;
	double x;
	int i;

	cmd_printf("<line class=\"axis\" x1=\"%d\" x2=\"%d\" y1=\"%d\" "
	    "y2=\"%d\"/>\n", LEFT, LEFT + PLOT, y, y);
	for (i = 0; i < TICKS; i++) {
		at = run->lo + (uint64_t)(span * i / (TICKS - 1));
		x = LEFT + cmd_run_x(run, at, PLOT);
		cmd_printf("<line class=\"axis\" x1=\"%.1f\" x2=\"%.1f\" "
		    "y1=\"%d\" y2=\"%d\"/><text class=\"tick\" x=\"%.1f\" "
		    "y=\"%d\">%llu</text>\n", x, x, y, y + 5, x, y + 18,
		    (unsigned long long)at);
	}
	cmd_printf("<text class=\"name\" x=\"%d\" y=\"%d\">icount</text>\n",
	    LEFT - 8, y + 18);
}

void
cmd_svg(struct cmd_run *run)
{
	const struct rr_tl_lane *lanes;
	uint64_t events;
	size_t nl, i;
	int height, bottom;

	lanes = rr_timeline_lanes(run->tl, &nl);
	events = rr_timeline_events(run->tl, NULL, NULL);
	bottom = TOP + (int)nl * LANE;
	height = bottom + 34;
	cmd_printf("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" "
	    "height=\"%d\" viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" "
	    "font-size=\"12\">\n<style>\n", WIDTH, height, WIDTH, height);
	cmd_put_palette();
	cmd_puts("text{fill:#222;stroke:none}.name,.tick{text-anchor:end}"
	    ".tick{text-anchor:middle;font-size:11px}"
	    ".bg{fill:#f4f4f4;stroke:none}.axis{stroke:#444}"
	    ".marker{stroke-width:1;opacity:.8}.title{font-size:15px}"
	    ".lane rect{stroke:none}\n"
	    "</style>\n<rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>\n");
	cmd_puts("<text class=\"title\" x=\"10\" y=\"22\">");
	cmd_put_xml((const uint8_t *)run->file, strlen(run->file));
	cmd_printf("</text>\n<text x=\"10\" y=\"44\">%llu events, icount "
	    "%llu to %llu, format %u.%u, ", (unsigned long long)events,
	    (unsigned long long)run->lo, (unsigned long long)run->hi,
	    run->hdr->major, run->hdr->minor);
	cmd_put_xml((const uint8_t *)run->hdr->machine,
	    strlen(run->hdr->machine));
	cmd_printf(", clock shift %u%s</text>\n", run->hdr->clock_shift,
	    run->damaged ? " (damaged: events after the damage missing)" : "");
	for (i = 0; i < nl; i++)
		lane(run, &lanes[i], TOP + (int)i * LANE);
	markers(run, RR_TL_MARKERS, TOP, bottom);
	markers(run, RR_TL_BREAKS, TOP, bottom);
	axis(run, bottom + 4);
	cmd_puts("</svg>\n");
}
