/* Front-end inputs: open a log or a snapshot, from a file or a pipe. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../lib/rr.h"
#include "../lib/rrsnap.h"
#include "msg.h"
#include "input.h"

#define SNAP_MAGIC	"\x89RRS\r\n\x1a\n"
#define MAGIC_LEN	8

/*
 * A pipe cannot be peeked at: once the magic is read, a child feeds it
 * and the rest of the input to the reader through a new pipe.
 */
static int
refeed(int fd, const uint8_t *head, size_t n, long *pidp)
{
	char buf[1 << 16];
	ssize_t k;
	pid_t pid;
	int p[2];

	if (pipe(p) != 0)
		return -1;
	if ((pid = fork()) == -1) {
		close(p[0]);
		close(p[1]);
		return -1;
	}
	if (pid == 0) {
		close(p[0]);
		if (write(p[1], head, n) != (ssize_t)n)
			_exit(1);
		while ((k = read(fd, buf, sizeof(buf))) != 0) {
			if (k < 0 && errno == EINTR)
				continue;
			if (k < 0 || write(p[1], buf, (size_t)k) != k)
				_exit(1);
		}
		_exit(0);
	}
	*pidp = pid;
	close(p[1]);
	return p[0];
}

/* A snapshot from a pipe: read all of it (the magic is already read). */
static int
snap_from_fd(struct cmd_input *in, int fd, const char *file,
    const uint8_t *head, size_t n)
{
	struct rr_error err;
	uint8_t *buf, *nb;
	size_t len = n, cap = 1 << 16;
	ssize_t k;

	if ((buf = malloc(cap)) == NULL)
		goto nomem;
	/* The bytes already read to tell a snapshot from a log. */
	memcpy(buf, head, n);
	for (;;) {
		if (len == cap) {
			if ((nb = realloc(buf, cap *= 2)) == NULL)
				goto nomem;
			buf = nb;
		}
		if ((k = read(fd, buf + len, cap - len)) == 0)
			break;
		if (k < 0 && errno == EINTR)
			continue;
		if (k < 0) {
			cmd_syserr(file, errno, "read error");
			free(buf);
			cmd_status(CMD_EXIT_FAIL);
			return -1;
		}
		len += (size_t)k;
	}
	if (rr_snap_decode(&in->snap, buf, len, &err) != RR_OK) {
		free(buf);
		cmd_rrerr(file, &err);
		cmd_status(cmd_errstatus(&err));
		return -1;
	}
	free(buf);
	return 0;
nomem:
	free(buf);
	cmd_msg(file, RR_NO_OFFSET, RR_NO_EVENT, "out of memory");
	cmd_status(CMD_EXIT_FAIL);
	return -1;
}

int
cmd_input_open(struct cmd_input *in, const char *file)
{
	struct rr_error err;
	uint8_t head[MAGIC_LEN];
	struct stat st;
	off_t start = -1;
	size_t n = 0;
	ssize_t k;
	int fd, rfd;

	memset(in, 0, sizeof(*in));
	in->fd = -1;
	in->pid = -1;
	if (strcmp(file, "-") == 0)
		fd = STDIN_FILENO;
	else if ((fd = open(file, O_RDONLY | O_CLOEXEC)) == -1) {
		cmd_msg(file, RR_NO_OFFSET, RR_NO_EVENT, "%s",
		    strerror(errno));
		cmd_status(CMD_EXIT_FAIL);
		return -1;
	} else
		in->fd = fd;
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode))
		start = lseek(fd, 0, SEEK_CUR);
	while (n < MAGIC_LEN && (k = read(fd, head + n, MAGIC_LEN - n)) != 0) {
		if (k < 0 && errno == EINTR)
			continue;
		if (k < 0) {
			cmd_syserr(file, errno, "read error");
			cmd_status(CMD_EXIT_FAIL);
			return -1;
		}
		n += (size_t)k;
	}
	/* "\x89RRS" is a snapshot, even one cut inside its magic. */
	if (n >= 4 && memcmp(head, SNAP_MAGIC, n) == 0) {
		if (start < 0 || strcmp(file, "-") == 0)
			return snap_from_fd(in, fd, file, head, n);
		if (rr_snap_read(&in->snap, file, &err) != RR_OK) {
			cmd_rrerr(file, &err);
			cmd_status(cmd_errstatus(&err));
			return -1;
		}
		return 0;
	}
	rfd = fd;
	if (start >= 0 && lseek(fd, start, SEEK_SET) == -1) {
		cmd_syserr(file, errno, "seek error");
		cmd_status(CMD_EXIT_FAIL);
		return -1;
	}
	if (start < 0) {
		if ((rfd = refeed(fd, head, n, &in->pid)) == -1) {
			cmd_syserr(file, errno, "cannot read");
			cmd_status(CMD_EXIT_FAIL);
			return -1;
		}
		/* The child holds the input now; the reader gets the pipe. */
		if (in->fd != -1)
			close(in->fd);
		in->fd = rfd;
	}
	if (rr_reader_open_fd(&in->log, rfd, file, &err) != RR_OK) {
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
	/* Closing the pipe ends a child still feeding it (SIGPIPE). */
	if (in->pid > 0)
		waitpid((pid_t)in->pid, NULL, 0);
	memset(in, 0, sizeof(*in));
	in->fd = -1;
	in->pid = -1;
}
