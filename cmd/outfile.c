/* Front-end output files: a temporary file beside the target, renamed on commit. */
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
	const char *slash;
	size_t dirlen;
	mode_t mask;

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
	if ((o->path = strdup(path)) == NULL)
		goto fail;
	/* Same directory as the target, so rename(2) stays atomic. */
	slash = strrchr(path, '/');
	dirlen = slash != NULL ? (size_t)(slash - path) + 1 : 0;
	if ((o->tmp = malloc(dirlen + 16)) == NULL)
		goto fail;
	memcpy(o->tmp, path, dirlen);
	memcpy(o->tmp + dirlen, ".rr-tmp.XXXXXX", 15);
	if ((o->fd = mkstemp(o->tmp)) == -1) {
		cmd_syserr(path, errno, "cannot create temporary file");
		free(o->tmp);
		o->tmp = NULL;
		cmd_outfile_abort(o);
		return -1;
	}
	/* mkstemp makes 0600; an output gets the mode the umask gives. */
	mask = umask(022);
	umask(mask);
	(void)fchmod(o->fd, 0666 & ~mask);
	if ((o->fp = fdopen(o->fd, "wb")) == NULL)
		goto fail;
	return 0;
fail:
	cmd_syserr(path, errno, "cannot open output");
	cmd_outfile_abort(o);
	return -1;
}

int
cmd_outfile_commit(struct cmd_outfile *o)
{
	int rc = 0;

	if (o->tmp == NULL) {
		if (o->fp != NULL && fflush(o->fp) != 0) {
			cmd_syserr("stdout", errno, "write error");
			return -1;
		}
		return 0;
	}
	if (fflush(o->fp) != 0 || ferror(o->fp) || fsync(o->fd) != 0) {
		cmd_syserr(o->path, errno, "write error");
		rc = -1;
	}
	if (fclose(o->fp) != 0 && rc == 0) {
		cmd_syserr(o->path, errno, "close error");
		rc = -1;
	}
	o->fp = NULL;
	o->fd = -1;
	if (rc == 0 && rename(o->tmp, o->path) != 0) {
		cmd_syserr(o->path, errno, "cannot rename into place");
		rc = -1;
	}
	if (rc != 0) {
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
	else if (o->fd > STDERR_FILENO)
		close(o->fd);
	if (o->tmp != NULL)
		unlink(o->tmp);
	free(o->tmp);
	free(o->path);
	memset(o, 0, sizeof(*o));
	o->fd = -1;
}
