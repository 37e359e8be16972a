/* librr: files written whole: a temporary file, fsync, rename. */
#include <sys/stat.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "rr.h"
#include "internal.h"

#define TMP_NAME	".rr-tmp.XXXXXX"

int
rr_atomic_create(const char *path, char **tmp, struct rr_error *err)
{
	const char *slash;
	size_t dirlen;
	mode_t mask;
	int fd;

	*tmp = NULL;
	rr_clearerr(err);
	/* The same directory as the target, so rename(2) stays atomic. */
	slash = strrchr(path, '/');
	dirlen = slash != NULL ? (size_t)(slash - path) + 1 : 0;
	if ((*tmp = malloc(dirlen + sizeof(TMP_NAME))) == NULL) {
		rr_seterr(err, RR_E_NOMEM, RR_NO_OFFSET, RR_NO_EVENT,
		    "out of memory");
		return -1;
	}
	memcpy(*tmp, path, dirlen);
	memcpy(*tmp + dirlen, TMP_NAME, sizeof(TMP_NAME));
	if ((fd = mkstemp(*tmp)) == -1) {
		rr_seterr_io(err, "cannot create a temporary file");
		free(*tmp);
		*tmp = NULL;
		return -1;
	}
	/* mkstemp makes 0600; the file gets the mode the umask gives. */
	mask = umask(022);
	umask(mask);
	(void)fchmod(fd, 0666 & ~mask);
	return fd;
}

int
rr_atomic_commit(int fd, const char *tmp, const char *path,
    struct rr_error *err)
{
	int rc = RR_OK;

	rr_clearerr(err);
	/*
	 * Synced before the rename, so the name never points at missing
	 * data after a crash.  A file system that cannot sync says EINVAL.
	 */
	if (fsync(fd) != 0 && errno != EINVAL)
		rc = rr_seterr_io(err, "fsync");
	if (close(fd) != 0 && rc == RR_OK)
		rc = rr_seterr_io(err, "close");
	if (rc == RR_OK && rename(tmp, path) != 0)
		rc = rr_seterr_io(err, "rename");
	if (rc != RR_OK)
		(void)unlink(tmp);
	return rc;
}

void
rr_atomic_abort(int fd, const char *tmp)
{
	if (fd >= 0)
		(void)close(fd);
	if (tmp != NULL)
		(void)unlink(tmp);
}
