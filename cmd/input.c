/* Front-end inputs: open a log or a snapshot, from a file or a pipe. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../lib/rr.h"
#include "../lib/rrsnap.h"
#include "msg.h"
#include "input.h"

int
cmd_input_open(struct cmd_input *in, const char *file)
{
	struct rr_error err;
	uint8_t head[RR_PROBE_LEN];
	size_t n = 0;
	ssize_t k;
	int fd, rc;

	memset(in, 0, sizeof(*in));
	in->fd = -1;
	if (strcmp(file, "-") == 0)
		fd = STDIN_FILENO;
	else if ((fd = open(file, O_RDONLY | O_CLOEXEC)) == -1) {
		cmd_msg(file, RR_NO_OFFSET, RR_NO_EVENT, "%s",
		    strerror(errno));
		cmd_status(CMD_EXIT_FAIL);
		return -1;
	} else
		in->fd = fd;
	/*
	 * A pipe cannot be peeked at: the bytes read to tell a snapshot
	 * from a log are handed to the library with the descriptor.
	 */
	while (n < sizeof(head) &&
	    (k = read(fd, head + n, sizeof(head) - n)) != 0) {
		if (k < 0 && errno == EINTR)
			continue;
		if (k < 0) {
			cmd_syserr(file, errno, "read error");
			cmd_status(CMD_EXIT_FAIL);
			return -1;
		}
		n += (size_t)k;
	}
	/* Anything else goes to the log reader, which says what is wrong. */
	if (rr_probe(head, n) == RR_PROBE_SNAP)
		rc = rr_snap_read_fd(&in->snap, fd, head, n, &err);
	else
		rc = rr_reader_open_prefix(&in->log, fd, head, n, file, &err);
	if (rc != RR_OK) {
		cmd_rrerr(file, &err);
		cmd_status(cmd_errstatus(&err));
		return -1;
	}
	return 0;
}

void
cmd_input_close(struct cmd_input *in)
{
	rr_reader_close(in->log);
	rr_snap_free(in->snap);
	if (in->fd != -1)
		close(in->fd);
	memset(in, 0, sizeof(*in));
	in->fd = -1;
}
