/* Front-end inputs: open a log or a snapshot, from a file or a pipe. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../lib/rr.h"
#include "../lib/qreplay.h"
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
	else if (rr_probe(head, n) == RR_PROBE_QEMU)
		rc = rr_qreader_open_fd(&in->qemu, fd, head, n, &err);
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
	rr_qreader_close(in->qemu);
	if (in->fd != -1)
		close(in->fd);
	memset(in, 0, sizeof(*in));
	in->fd = -1;
}

int
cmd_input_refuse_qemu(const struct cmd_input *in, const char *file,
    const char *what)
{
	struct rr_qinfo info;

	if (in->qemu == NULL)
		return 0;
	rr_qreader_info(in->qemu, &info);
	cmd_msg(file, RR_NO_OFFSET, RR_NO_EVENT, "a QEMU replay log "
	    "(version 0x%x%s): %s", (unsigned)info.version,
	    info.header_missing ? ", header missing" : "", what);
	cmd_status(CMD_EXIT_FAIL);
	return 1;
}
