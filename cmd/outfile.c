/* Front-end output files: a temporary file beside the target, then rename. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../lib/rr.h"
#include "msg.h"
#include "outfile.h"

int
cmd_same_file(const char *path, char *const *inputs, int ninputs)
{
	struct stat a, b;
	int i;

	if (strcmp(path, "-") == 0 || stat(path, &a) != 0)
		return 0;
	for (i = 0; i < ninputs; i++) {
		if (strcmp(inputs[i], "-") == 0) {
			if (fstat(STDIN_FILENO, &b) != 0)
				continue;
		} else if (stat(inputs[i], &b) != 0)
			continue;
		if (a.st_dev == b.st_dev && a.st_ino == b.st_ino)
			return 1;
	}
	return 0;
}

int
cmd_outfile_open(struct cmd_outfile *o, const char *path,
    char *const *inputs, int ninputs)
{
	struct rr_error err;
	int fd;

	memset(o, 0, sizeof(*o));
	o->fd = -1;
	if (strcmp(path, "-") == 0) {
		o->fd = STDOUT_FILENO;
		o->fp = stdout;
		return 0;
	}
	if (cmd_same_file(path, inputs, ninputs)) {
		cmd_msg(path, RR_NO_OFFSET, RR_NO_EVENT,
		    "output would replace an input");
		return -1;
	}
	if ((o->path = strdup(path)) == NULL) {
		cmd_syserr(path, errno, "cannot open output");
		return -1;
	}
	if ((o->fd = rr_atomic_create(path, &o->tmp, &err)) == -1) {
		cmd_rrerr(path, &err);
		cmd_outfile_abort(o);
		return -1;
	}
	/*
	 * The stream gets a descriptor of its own: fclose closes that one,
	 * rr_atomic_commit syncs and closes o->fd.
	 */
	if ((fd = dup(o->fd)) == -1 || (o->fp = fdopen(fd, "wb")) == NULL) {
		cmd_syserr(path, errno, "cannot open output");
		if (fd != -1)
			close(fd);
		cmd_outfile_abort(o);
		return -1;
	}
	return 0;
}

int
cmd_outfile_commit(struct cmd_outfile *o)
{
	struct rr_error err;
	int rc = 0;

	if (o->tmp == NULL) {
		if (o->fp != NULL && fflush(o->fp) != 0) {
			cmd_syserr("stdout", errno, "write error");
			return -1;
		}
		return 0;
	}
	if (fflush(o->fp) != 0 || ferror(o->fp)) {
		cmd_syserr(o->path, errno, "write error");
		rc = -1;
	}
	if (fclose(o->fp) != 0 && rc == 0) {
		cmd_syserr(o->path, errno, "close error");
		rc = -1;
	}
	o->fp = NULL;
	if (rc != 0) {
		cmd_outfile_abort(o);
		return -1;
	}
	rc = rr_atomic_commit(o->fd, o->tmp, o->path, &err);
	o->fd = -1;
	if (rc != RR_OK) {
		cmd_rrerr(o->path, &err);
		cmd_outfile_abort(o);
		return -1;
	}
	free(o->tmp);
	free(o->path);
	o->tmp = o->path = NULL;
	return 0;
}

void
cmd_outfile_abort(struct cmd_outfile *o)
{
	if (o->fp != NULL && o->fp != stdout)
		fclose(o->fp);
	if (o->tmp != NULL)
		rr_atomic_abort(o->fd, o->tmp);
	else if (o->fd > STDERR_FILENO)
		close(o->fd);
	free(o->tmp);
	free(o->path);
	memset(o, 0, sizeof(*o));
	o->fd = -1;
}
