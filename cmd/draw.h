/*
 * Front-end pictures of a log: the events a selection takes, bucketed by
 * lib/rrtimeline.h, for the renderers (html.c, svg.c, trace.c), and the
 * text escapes they share.
 */
#ifndef CMD_DRAW_H
#define CMD_DRAW_H

#include <stddef.h>
#include <stdint.h>

#include "../lib/rr.h"
#include "../lib/rrtimeline.h"
#include "select.h"

enum cmd_view {
	CMD_VIEW_HTML = 1,	/* --html */
	CMD_VIEW_SVG,		/* --svg */
	CMD_VIEW_TRACE		/* --trace-events */
};

/* A log read for a picture. */
struct cmd_run {
	const char	*file;		/* as given */
	const struct rr_header *hdr;	/* borrowed from the reader */
	struct rr_info	 info;
	struct rr_timeline *tl;
	uint64_t	 lo, hi;	/* icounts drawn, inclusive */
	int		 damaged;	/* reading stopped at damage (told) */
};

/*
 * Read the events sel takes from r into a new timeline; each(arg, ev)
 * sees every one of them too (NULL: none).  0, or -1 after a message
 * (status raised).  Damage stops the walk: it is told, the status
 * raised, run->damaged set, and what came before it kept (0).  Free
 * with cmd_run_free (accepts a run load failed on).
 */
int		 cmd_run_load(struct cmd_run *run, struct rr_reader *r,
		    const char *file, const struct cmd_select *sel,
		    cmd_event_fn *each, void *arg);
void		 cmd_run_free(struct cmd_run *run);
/* The end of the range drawn, exclusive (hi + 1, but never past 2^64 - 1). */
uint64_t	 cmd_run_end(const struct cmd_run *run);
/* x in [0, width) of icount on run's range (clamped). */
double		 cmd_run_x(const struct cmd_run *run, uint64_t icount,
		    double width);
/* The colours of the lanes and markers, as CSS classes k-NAME. */
void		 cmd_put_palette(void);

/* rrdump --html, --svg or --trace-events: r drawn as view asks. */
void		 cmd_draw(int view, struct rr_reader *r, const char *file,
		    const struct cmd_select *sel);

/*
 * What rrdiff --html marks on both timelines: the first differing input
 * (the cause) and the first place the guest's behaviour parts (the
 * effect), each an event on either side (NULL: that side has none), and
 * a sentence that says what differs.
 */
struct cmd_diffmark {
	int		 set;
	const struct rr_event *a, *b;
	char		 what[256];
};

/* The page of runs[0..n) (html.c): one timeline each, on one axis. */
void		 cmd_html(struct cmd_run *runs, int n,
		    const struct cmd_diffmark *cause,
		    const struct cmd_diffmark *effect);
/*
 * rrdiff --html a b (diffhtml.c): both logs drawn, the cause and the
 * effect found by rr_diff_logs with options o marked.  The exit status:
 * 0 the same, 1 different, 2 trouble (after a message).
 */
struct rr_diff_options;
int		 cmd_diff_html(const char *a, const char *b,
		    const struct rr_diff_options *o);
/* The SVG of a run (svg.c). */
void		 cmd_svg(struct cmd_run *run);
/* Trace events (trace.c): begin, each event, end with the counters. */
void		 cmd_trace_begin(const char *file, const struct rr_header *h);
void		 cmd_trace_event(void *arg, const struct rr_event *ev);
void		 cmd_trace_end(struct cmd_run *run);

/*
 * Text: bytes p[0..n) as a JSON string with its quotes (valid UTF-8 as
 * it is, any other byte as the code point of its value, U+0080 to
 * U+00FF; '<', '>' and '&' escaped, so it can sit in an HTML script);
 * as XML or HTML text (the same characters, control bytes but newline
 * and tab as \xHH).
 */
void		 cmd_put_jstr(const uint8_t *p, size_t n);
void		 cmd_put_xml(const uint8_t *p, size_t n);
/*
 * An event's text as a JSON string: a clock value "N ns", an entropy
 * value "0x%08x", else its data (cmd_put_jstr).
 */
void		 cmd_put_evtext(uint32_t kind, uint64_t value,
		    const uint8_t *data, size_t len);
/* A lane's name: the kind's, "unknown-K", or "unknown" (RR_TL_OTHER). */
const char	*cmd_lane_name(uint32_t kind, char *buf, size_t len);

#endif /* CMD_DRAW_H */
