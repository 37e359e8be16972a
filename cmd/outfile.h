/* Front-end output files: a temporary file beside the target, then rename. */
#ifndef CMD_OUTFILE_H
#define CMD_OUTFILE_H

#include <stdio.h>

struct cmd_outfile {
	char		*path;		/* target; NULL for stdout */
	char		*tmp;		/* temporary, NULL for stdout */
	int		 fd;
	FILE		*fp;
};
/*
 * Open an output: "-" is stdout; otherwise a temporary file in the same
 * directory.  Refuses (message printed, -1) a path that names one of the
 * inputs (same device and inode), so an output never replaces an input.
 */
int		 cmd_outfile_open(struct cmd_outfile *o, const char *path,
		    char *const *inputs, int ninputs);
/* Flush, fsync, close, rename over the target.  -1 (message) on error. */
int		 cmd_outfile_commit(struct cmd_outfile *o);
/* Remove the temporary file.  Safe after commit and on a zeroed struct. */
void		 cmd_outfile_abort(struct cmd_outfile *o);
/* 1 if path and any of inputs are the same file, else 0. */
int		 cmd_same_file(const char *path, char *const *inputs,
		    int ninputs);

#endif /* CMD_OUTFILE_H */
