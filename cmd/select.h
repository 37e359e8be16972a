/* Front-end event selection: ranges, kinds, counts, blocks, input files. */
#ifndef CMD_SELECT_H
#define CMD_SELECT_H

#include <stdint.h>

#include "../lib/rr.h"
#include "args.h"
#include "input.h"

/*
 * What the selection options (-c, -e, -i, -k; rr(7)) ask for.  Fill it
 * with cmd_select_init and cmd_select_option; the walks below read it.
 */
struct cmd_select {
	struct cmd_range events;	/* -e: event numbers */
	struct cmd_range icount;	/* -i: instruction counts */
	struct cmd_kinds kinds;		/* -k */
	int		 count_set;
	uint64_t	 count;		/* -c: at most this many events */
	/*
	 * Blocks: the log's last event and icount, for ranges counted from
	 * the end (UINT64_MAX: not known).
	 */
	uint64_t	 last_event, last_icount;
};

/* Every event of every kind. */
void		 cmd_select_init(struct cmd_select *s);
/*
 * Take option ch ('c', 'e', 'i' or 'k') with its argument.  0 taken; -1
 * bad argument (message printed: show usage, exit 2); 1 not ours.
 */
int		 cmd_select_option(struct cmd_select *s, int ch,
		    const char *arg);
/* Does a range count from the end (and so need a seekable log)? */
int		 cmd_select_from_end(const struct cmd_select *s);

/* Called for each selected event; the event is borrowed. */
typedef void	 cmd_event_fn(void *arg, const struct rr_event *ev);

/*
 * Walk the selected events of r: seek through the index to the first
 * (a pipe is read up to it), skip kinds not asked for, stop at the count
 * or past the end of a range.  A bad record (RR_WARN) is reported and
 * passed over.  Returns 0 when the selection is done, 1 when the reader
 * stopped at damage (the error is on the handle, not yet reported: the
 * caller tells it after what it printed), -1 after a message when the
 * walk could not start (exit status raised).
 */
int		 cmd_select_events(const struct cmd_select *s,
		    struct rr_reader *r, const char *file, cmd_event_fn *fn,
		    void *arg);

/*
 * Blocks: before a walk, read the log's extent if a range counts from
 * the end (without one, such a range selects every block); then
 * cmd_select_block says whether a block holds selected events.
 */
void		 cmd_select_blocks_begin(struct cmd_select *s,
		    struct rr_reader *r);
int		 cmd_select_block(const struct cmd_select *s,
		    const struct rr_block *b);

/*
 * Open each of files in turn (none: "-", standard input) and call fn
 * with it, which is closed after.  With more than one file, each starts
 * with a heading: `==> name <==`, or as JSON Lines {"type":"file",
 * "name":...}.  A file that cannot be opened is reported (exit status
 * raised) and skipped.
 */
typedef void	 cmd_input_fn(void *arg, const char *file,
		    struct cmd_input *in);
void		 cmd_select_files(char **files, int nfiles, int json,
		    cmd_input_fn *fn, void *arg);

#endif /* CMD_SELECT_H */
