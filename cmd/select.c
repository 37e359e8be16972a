/* Front-end event selection: ranges, kinds, counts, blocks, input files. */
#include <stdint.h>
#include <string.h>

#include <jansson.h>

#include "../lib/rr.h"
#include "msg.h"
#include "args.h"
#include "out.h"
#include "jsonl.h"
#include "input.h"
#include "select.h"

void
cmd_select_init(struct cmd_select *s)
{
	memset(s, 0, sizeof(*s));
	cmd_kinds_all(&s->kinds);
	s->last_event = s->last_icount = UINT64_MAX;
}

int
cmd_select_option(struct cmd_select *s, int ch, const char *arg)
{
	switch (ch) {
	case 'c':
		if (cmd_number(arg, &s->count) != 0) {
			cmd_msg(NULL, RR_NO_OFFSET, RR_NO_EVENT,
			    "--count: bad number '%s'", arg);
			return -1;
		}
		s->count_set = 1;
		return 0;
	case 'e':
		return cmd_range_parse(&s->events, "--events", arg);
	case 'i':
		return cmd_range_parse(&s->icount, "--icount", arg);
	case 'k':
		return cmd_kinds_parse(&s->kinds, "--kind", arg);
	default:
		return 1;
	}
}

int
cmd_select_from_end(const struct cmd_select *s)
{
	return cmd_range_from_end(&s->events) ||
	    cmd_range_from_end(&s->icount);
}

int
cmd_select_events(const struct cmd_select *s, struct rr_reader *r,
    const char *file, cmd_event_fn *fn, void *arg)
{
	struct rr_event ev;
	struct rr_info info;
	uint64_t elo, ehi, ilo, ihi, n = 0, last_ic = 0, taken = 0;
	int rc;

	rr_reader_info(r, &info);
	if (cmd_select_from_end(s)) {
		if (!info.seekable) {
			cmd_msg(file, RR_NO_OFFSET, RR_NO_EVENT, "ranges "
			    "counted from the end need a seekable file");
			cmd_status(CMD_EXIT_FAIL);
			return -1;
		}
		if (rr_reader_extent(r, &n, &last_ic) < 0) {
			cmd_rrerr(file, rr_reader_error(r));
			cmd_status(cmd_errstatus(rr_reader_error(r)));
			return -1;
		}
	}
	if (cmd_range_resolve(&s->events, n > 0 ? n - 1 : 0, &elo,
	    &ehi) != 0 || (s->events.set && s->events.lo_end && n == 0) ||
	    cmd_range_resolve(&s->icount, last_ic, &ilo, &ihi) != 0)
		return 0;
	/* Seek, never scan, to the selection (without an index: scan). */
	rc = RR_OK;
	if (info.seekable && elo > 0)
		rc = rr_reader_seek_event(r, elo);
	else if (info.seekable && ilo > 0)
		rc = rr_reader_seek_icount(r, ilo);
	if (rc == RR_EOF)
		return 0;
	if (rc < 0)
		return 1;
	while (!s->count_set || taken < s->count) {
		rc = rr_reader_next(r, &ev);
		if (rc == RR_EOF) {
			cmd_end_check(file, r);
			return 0;
		}
		if (rc == RR_WARN) {
			cmd_rrerr(file, rr_reader_error(r));
			cmd_status(CMD_EXIT_DATA);
			continue;
		}
		if (rc < 0)
			return 1;
		/* Numbers and icounts only go up: past the end, stop. */
		if (ev.number > ehi || ev.icount > ihi)
			return 0;
		if (ev.number < elo || ev.icount < ilo ||
		    !cmd_kinds_has(&s->kinds, ev.kind))
			continue;
		taken++;
		fn(arg, &ev);
	}
	return 0;
}

void
cmd_select_blocks_begin(struct cmd_select *s, struct rr_reader *r)
{
	uint64_t n;

	s->last_event = s->last_icount = UINT64_MAX;
	if (cmd_select_from_end(s) &&
	    rr_reader_extent(r, &n, &s->last_icount) == RR_OK && n > 0)
		s->last_event = n - 1;
	else
		s->last_icount = UINT64_MAX;
}

int
cmd_select_block(const struct cmd_select *s, const struct rr_block *b)
{
	uint64_t lo, hi;

	if (s->events.set && (!cmd_range_from_end(&s->events) ||
	    s->last_event != UINT64_MAX)) {
		if (cmd_range_resolve(&s->events, s->last_event, &lo,
		    &hi) != 0)
			return 0;
		if (b->count == 0 || b->first_event > hi ||
		    b->first_event + b->count - 1 < lo)
			return 0;
	}
	if (s->icount.set && (!cmd_range_from_end(&s->icount) ||
	    s->last_icount != UINT64_MAX)) {
		if (cmd_range_resolve(&s->icount, s->last_icount, &lo,
		    &hi) != 0)
			return 0;
		if (b->icount_first > hi || b->icount_last < lo)
			return 0;
	}
	return 1;
}

/* `==> name <==` before each file when there are several. */
static void
heading(const char *file, int json)
{
	json_t *j;

	if (!json) {
		cmd_put("==> ", 4);
		cmd_putname(file);
		cmd_put(" <==\n", 5);
		return;
	}
	if ((j = cmd_new_record("file")) != NULL)
		json_object_set_new(j, "name", json_string(file));
	cmd_put_record(j, "file");
}

void
cmd_select_files(char **files, int nfiles, int json, cmd_input_fn *fn,
    void *arg)
{
	static char *stdin_only[] = { "-" };
	struct cmd_input in;
	int i;

	if (nfiles == 0) {
		files = stdin_only;
		nfiles = 1;
	}
	for (i = 0; i < nfiles; i++) {
		if (nfiles > 1)
			heading(files[i], json);
		if (cmd_input_open(&in, files[i]) == 0)
			fn(arg, files[i], &in);
		cmd_input_close(&in);
	}
}
