/* Front-end inputs: a log or a snapshot, told apart by rr_probe. */
#ifndef CMD_INPUT_H
#define CMD_INPUT_H

#include "../lib/rr.h"

struct cmd_input {
	struct rr_reader *log;		/* a log, or */
	struct rr_snap	*snap;		/* a snapshot */
	int		 fd;		/* ours to close, or -1 */
	struct rr_qreader *qemu;	/* or a QEMU replay log */
};
/*
 * Open file ("-": stdin; pipes work too).  0 with in->log, in->snap or
 * in->qemu set; -1 after a message, with the exit status raised (1 for damaged
 * data, 2 for trouble).  Close with cmd_input_close in either case.
 */
int		 cmd_input_open(struct cmd_input *in, const char *file);
void		 cmd_input_close(struct cmd_input *in);
/*
 * A tool that cannot read a QEMU replay log: if in is one, say so (`a
 * QEMU replay log (version ...): what`), raise the status to 2, return 1.
 */
int		 cmd_input_refuse_qemu(const struct cmd_input *in,
		    const char *file, const char *what);

#endif /* CMD_INPUT_H */
