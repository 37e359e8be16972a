/* Front-end inputs: a log or a snapshot, told apart by rr_probe. */
#ifndef CMD_INPUT_H
#define CMD_INPUT_H

#include "../lib/rr.h"

struct cmd_input {
	struct rr_reader *log;		/* a log, or */
	struct rr_snap	*snap;		/* a snapshot */
	int		 fd;		/* ours to close, or -1 */
};
/*
 * Open file ("-": stdin; pipes work too).  0 with in->log or in->snap
 * set; -1 after a message, with the exit status raised (1 for damaged
 * data, 2 for trouble).  Close with cmd_input_close in either case.
 */
int		 cmd_input_open(struct cmd_input *in, const char *file);
void		 cmd_input_close(struct cmd_input *in);

#endif /* CMD_INPUT_H */
