/* librr: the one rule for every file a tool writes (rr(7), "Outputs"). */
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "rr.h"
#include "internal.h"

#define TMP_NAME	".rr-tmp.XXXXXX"

/*
 * The temporary files alive now, for rr_output_cleanup in a signal
 * handler: a slot is set after the name exists and cleared before the
 * name is freed, so the handler only ever sees a whole string.
 */
#define LIVE_MAX	32
static char *volatile live[LIVE_MAX];

static void
live_add(char *tmp)
{
	int i;

	for (i = 0; i < LIVE_MAX; i++)
		if (live[i] == NULL) {
			live[i] = tmp;
			return;
		}
}

static void
live_del(const char *tmp)
{
	int i;

	for (i = 0; i < LIVE_MAX; i++)
		if (live[i] == tmp)
			live[i] = NULL;
}

void
rr_output_cleanup(void)
{
	int i;
	char *t;

	/* unlink(2) is async-signal-safe; nothing here allocates. */
	for (i = 0; i < LIVE_MAX; i++)
		if ((t = live[i]) != NULL)
			(void)unlink(t);
}

int
rr_fileid_fd(int fd, struct rr_fileid *id)
{
	struct stat st;

	if (fstat(fd, &st) != 0)
		return -1;
	id->dev = (uint64_t)st.st_dev;
	id->ino = (uint64_t)st.st_ino;
	return 0;
}

int
rr_fileid_path(const char *path, struct rr_fileid *id)
{
	struct stat st;

	if (strcmp(path, "-") == 0)
		return rr_fileid_fd(STDIN_FILENO, id);
	if (stat(path, &st) != 0)
		return -1;
	id->dev = (uint64_t)st.st_dev;
	id->ino = (uint64_t)st.st_ino;
	return 0;
}

static int
is_input(const struct stat *st, const struct rr_fileid *in, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (in[i].dev == (uint64_t)st->st_dev &&
		    in[i].ino == (uint64_t)st->st_ino)
			return 1;
	return 0;
}

static int
usage_err(struct rr_error *err, const char *fmt, const char *what)
{
	rr_seterr(err, RR_E_UNSUPPORTED, RR_NO_OFFSET, RR_NO_EVENT, fmt,
	    what);
	return RR_FATAL;
}

/*
 * What writing path would do: 0 for a regular file or a new name (a
 * temporary file and a rename), 1 for a device or FIFO, 2 for a socket
 * (written directly), RR_FATAL with err filled when it is refused.
 */
static int
classify(const char *path, const struct rr_fileid *in, size_t nin,
    struct rr_error *err)
{
	struct stat st;
	const char *slash;
	char *dir;
	size_t dlen;
	int rc;

	if (stat(path, &st) == 0) {
		if (is_input(&st, in, nin))
			return usage_err(err, "%s", "is an input of this run: "
			    "not written over");
		if (S_ISCHR(st.st_mode) || S_ISFIFO(st.st_mode))
			return 1;
		if (S_ISSOCK(st.st_mode))
			return 2;
		if (S_ISDIR(st.st_mode))
			return usage_err(err, "%s", "is a folder");
		if (!S_ISREG(st.st_mode))
			return usage_err(err, "%s", "is neither a file nor a "
			    "character device or FIFO: not written");
	} else if (errno != ENOENT) {
		rc = errno;
		rr_seterr(err, RR_E_IO, RR_NO_OFFSET, RR_NO_EVENT, "%s",
		    strerror(rc));
		err->sys_errno = rc;
		return RR_FATAL;
	}
	/* A file goes through its folder: can a new name be made there? */
	slash = strrchr(path, '/');
	dlen = slash == NULL ? 0 : slash == path ? 1 : (size_t)(slash - path);
	if ((dir = malloc(dlen + 2)) == NULL) {
		rr_seterr(err, RR_E_NOMEM, RR_NO_OFFSET, RR_NO_EVENT,
		    "out of memory");
		return RR_FATAL;
	}
	if (dlen == 0)
		strcpy(dir, ".");
	else {
		memcpy(dir, path, dlen);
		dir[dlen] = '\0';
	}
	if (stat(dir, &st) != 0)
		rc = errno;
	else if (!S_ISDIR(st.st_mode))
		rc = ENOTDIR;
	else if (access(dir, W_OK | X_OK) != 0)
		rc = errno;
	else
		rc = 0;
	if (rc != 0) {
		rr_seterr(err, RR_E_IO, RR_NO_OFFSET, RR_NO_EVENT,
		    "cannot write in folder %s: %s", dir, strerror(rc));
		err->sys_errno = rc;
		rc = RR_FATAL;
	}
	free(dir);
	return rc;
}

/* A Unix stream socket at path, connected: -1 with errno on failure. */
static int
open_socket(const char *path)
{
	struct sockaddr_un sa;
	int fd, e;

	memset(&sa, 0, sizeof(sa));
	sa.sun_family = AF_UNIX;
	if (strlen(path) >= sizeof(sa.sun_path)) {
		errno = ENAMETOOLONG;
		return -1;
	}
	memcpy(sa.sun_path, path, strlen(path));
	if ((fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0)) < 0)
		return -1;
	if (connect(fd, (struct sockaddr *)&sa, sizeof(sa)) != 0) {
		e = errno;
		close(fd);
		errno = e;
		return -1;
	}
	return fd;
}

int
rr_output_check(const char *path, const struct rr_fileid *in, size_t nin,
    struct rr_error *err)
{
	int rc;

	rr_clearerr(err);
	if (strcmp(path, "-") == 0)
		return RR_OK;
	rc = classify(path, in, nin, err);
	return rc < 0 ? rc : RR_OK;
}

int
rr_output_open(struct rr_output *o, const char *path, unsigned flags,
    const struct rr_fileid *in, size_t nin, struct rr_error *err)
{
	const char *slash;
	size_t dirlen;
	mode_t mask;
	int kind, e;

	memset(o, 0, sizeof(*o));
	o->fd = -1;
	rr_clearerr(err);
	if (strcmp(path, "-") == 0) {
		o->fd = STDOUT_FILENO;
		o->direct = 1;
		return RR_OK;
	}
	if ((kind = classify(path, in, nin, err)) < 0)
		return RR_FATAL;
	if ((o->path = strdup(path)) == NULL)
		goto nomem;
	if (kind > 0 || (flags & RR_OUT_INPLACE)) {
		/* No O_CREAT on a node: what is there is written, not made. */
		o->fd = kind == 2 ? open_socket(path) : open(path, kind == 1 ?
		    O_WRONLY | O_CLOEXEC : O_WRONLY | O_CREAT | O_TRUNC |
		    O_CLOEXEC, 0666);
		if (o->fd < 0) {
			e = errno;
			rr_seterr(err, RR_E_IO, RR_NO_OFFSET, RR_NO_EVENT,
			    "cannot open: %s", strerror(e));
			err->sys_errno = e;
			rr_output_abort(o);
			return RR_FATAL;
		}
		o->direct = 1;
		o->own_fd = 1;
		return RR_OK;
	}
	/* The same folder as the target, so rename(2) stays atomic. */
	slash = strrchr(path, '/');
	dirlen = slash != NULL ? (size_t)(slash - path) + 1 : 0;
	if ((o->tmp = malloc(dirlen + sizeof(TMP_NAME))) == NULL)
		goto nomem;
	memcpy(o->tmp, path, dirlen);
	memcpy(o->tmp + dirlen, TMP_NAME, sizeof(TMP_NAME));
	if ((o->fd = mkstemp(o->tmp)) == -1) {
		rr_seterr_io(err, "cannot create a temporary file");
		free(o->tmp);
		o->tmp = NULL;
		rr_output_abort(o);
		return RR_FATAL;
	}
	live_add(o->tmp);
	o->own_fd = 1;
	/* mkstemp makes 0600; the file gets the mode the umask gives. */
	mask = umask(022);
	umask(mask);
	(void)fchmod(o->fd, 0666 & ~mask);
	return RR_OK;
nomem:
	rr_seterr(err, RR_E_NOMEM, RR_NO_OFFSET, RR_NO_EVENT, "out of memory");
	rr_output_abort(o);
	return RR_FATAL;
}

int
rr_output_commit(struct rr_output *o, struct rr_error *err)
{
	int rc = RR_OK;

	rr_clearerr(err);
	if (o->tmp != NULL) {
		/*
		 * Synced before the rename, so the name never points at
		 * missing data after a crash.  A file system that cannot
		 * sync says EINVAL.
		 */
		if (fsync(o->fd) != 0 && errno != EINVAL)
			rc = rr_seterr_io(err, "fsync");
		if (close(o->fd) != 0 && rc == RR_OK)
			rc = rr_seterr_io(err, "close");
		o->fd = -1;
		if (rc == RR_OK && rename(o->tmp, o->path) != 0)
			rc = rr_seterr_io(err, "rename");
	} else if (o->own_fd) {
		if (close(o->fd) != 0)
			rc = rr_seterr_io(err, "close");
		o->fd = -1;
	}
	if (rc == RR_OK && o->tmp != NULL) {
		live_del(o->tmp);
		free(o->tmp);
		o->tmp = NULL;
	}
	rr_output_abort(o);
	return rc;
}

void
rr_output_abort(struct rr_output *o)
{
	if (o->own_fd && o->fd >= 0)
		(void)close(o->fd);
	if (o->tmp != NULL) {
		live_del(o->tmp);
		(void)unlink(o->tmp);
		free(o->tmp);
	}
	free(o->path);
	memset(o, 0, sizeof(*o));
	o->fd = -1;
}

const char *
rr_output_name(const char *path)
{
	return strcmp(path, "-") == 0 ? "stdout" : path;
}
