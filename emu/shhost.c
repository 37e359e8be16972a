/* Semihosting's host half: files under the root, clocks, command line. */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "semihost.h"
#include "shhost.h"

int
shhost_root(const char *dir)
{
	return open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
}

uint64_t
shhost_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

/*
 * Open path under root a component at a time, following no symbolic
 * link and no "..": a regular file's descriptor, or -1 with *err.
 */
static int
open_under(int root, const char *path, uint32_t *err)
{
	char buf[SH_PATH_MAX], *p, *slash;
	struct stat st;
	int dir = root, fd, e;

	if (root < 0 || path[0] == '\0') {
		*err = SH_ENOENT;
		return -1;
	}
	if (path[0] == '/' || strlen(path) >= sizeof(buf)) {
		*err = SH_EACCES;
		return -1;
	}
	memcpy(buf, path, strlen(path) + 1);
	for (p = buf;; p = slash + 1) {
		if ((slash = strchr(p, '/')) != NULL)
			*slash = '\0';
		if (strcmp(p, "..") == 0) {
			e = EACCES;
			break;
		}
		if (slash != NULL && (p[0] == '\0' || strcmp(p, ".") == 0))
			continue;
		if (p[0] == '\0' || strcmp(p, ".") == 0) {
			e = EISDIR;
			break;
		}
		fd = openat(dir, p, O_RDONLY | O_NOFOLLOW | O_CLOEXEC |
		    O_NOCTTY | O_NONBLOCK | (slash != NULL ? O_DIRECTORY : 0));
		e = errno;
		if (dir != root)
			close(dir);
		dir = root;
		if (fd < 0)
			break;
		if (slash != NULL) {
			dir = fd;
			continue;
		}
		if (fstat(fd, &st) != 0)
			st.st_mode = 0;
		if (!S_ISREG(st.st_mode)) {
			e = S_ISDIR(st.st_mode) ? EISDIR : EACCES;
			close(fd);
			break;
		}
		return fd;
	}
	if (dir != root)
		close(dir);
	/* A link met with O_NOFOLLOW: refused, not "too many links". */
	*err = e == ELOOP || e == ENOTDIR ? SH_EACCES : (uint32_t)e;
	return -1;
}

static void
file_answer(struct sh_query *q, int root)
{
	struct stat st;
	ssize_t k;
	int fd;

	if ((fd = open_under(root, q->path, &q->err)) < 0) {
		q->result = -1;
		return;
	}
	switch (q->op) {
	case SH_READ:
		do
			k = pread(fd, q->data, q->want, (off_t)q->pos);
		while (k < 0 && errno == EINTR);
		if (k < 0) {
			q->result = -1;
			q->err = (uint32_t)errno;
		} else
			q->len = (size_t)k;
		break;
	case SH_FLEN:
		if (fstat(fd, &st) != 0 || st.st_size > INT32_MAX) {
			q->result = -1;
			q->err = SH_EIO;
		} else
			q->result = st.st_size;
		break;
	default:	/* SH_OPEN: it opens */
		break;
	}
	close(fd);
}

void
shhost_answer(struct sh_query *q, int root, uint64_t start,
    const char *cmdline)
{
	struct timespec ts;
	size_t n;

	q->result = 0;
	q->err = 0;
	q->len = 0;
	switch (q->op) {
	case SH_OPEN:
	case SH_READ:
	case SH_FLEN:
		file_answer(q, root);
		break;
	case SH_CLOCK:
		q->result = (int64_t)((shhost_now() - start) / 10000000u);
		break;
	case SH_ELAPSED:
		q->result = (int64_t)(shhost_now() - start);
		break;
	case SH_TIME:
		clock_gettime(CLOCK_REALTIME, &ts);
		q->result = ts.tv_sec;
		break;
	case SH_GET_CMDLINE:
		n = cmdline != NULL ? strlen(cmdline) : 0;
		q->len = n < q->want ? n : q->want;
		if (q->len > 0)
			memcpy(q->data, cmdline, q->len);
		break;
	default:
		q->result = -1;
		q->err = SH_ENOSYS;
		break;
	}
}
