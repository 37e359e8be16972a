/*
 * The socket rremu --gdb serves the protocol (gdb.c) on: listening on
 * a TCP address or a Unix socket, and the bytes of one connection.
 */
#include <errno.h>
#include <netdb.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "gdb.h"

int
gdb_sock_write(int fd, const void *p, size_t n)
{
	const char *q = p;
	ssize_t k;

	while (n > 0) {
		k = send(fd, q, n, MSG_NOSIGNAL);
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			return -1;
		q += k;
		n -= (size_t)k;
	}
	return 0;
}

int
gdb_sock_break(int fd)
{
	struct pollfd pfd;
	uint8_t buf[256];
	ssize_t k, i;

	pfd.fd = fd;
	pfd.events = POLLIN;
	while (poll(&pfd, 1, 0) > 0) {
		k = recv(fd, buf, sizeof(buf), 0);
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			return -1;
		for (i = 0; i < k; i++)
			if (buf[i] == 0x03)
				return 1;
	}
	return 0;
}

/* The address bound, as numbers: port 0 becomes the port chosen. */
static void
sock_name(int fd, const char *addr, char *name, size_t len)
{
	struct sockaddr_storage ss;
	socklen_t sl = sizeof(ss);
	char h[128], p[32];

	if (getsockname(fd, (struct sockaddr *)&ss, &sl) == 0 &&
	    getnameinfo((struct sockaddr *)&ss, sl, h, sizeof(h), p,
	    sizeof(p), NI_NUMERICHOST | NI_NUMERICSERV) == 0)
		snprintf(name, len, "%s:%s", h, p);
	else
		snprintf(name, len, "%s", addr);
}

/*
 * Split a TCP address "[host:]port" into host (empty: not given; "[v6]"
 * loses its brackets) and port, checking both: a port of 0 to 65535 in
 * decimal, a host of letters, digits, '.', '-' and (in brackets) ':'.
 * 0, or -1 with err.
 */
static int
split_addr(const char *addr, char *host, size_t hostlen, const char **port,
    char *err, size_t errlen)
{
	const char *colon = strrchr(addr, ':'), *p;
	size_t n = colon != NULL ? (size_t)(colon - addr) : 0;
	unsigned long v = 0;

	*port = colon != NULL ? colon + 1 : addr;
	if (n >= hostlen) {
		snprintf(err, errlen, "%s: host name too long", addr);
		return -1;
	}
	memcpy(host, addr, n);
	host[n] = '\0';
	/* [::1]:port, as in URLs */
	if (n >= 2 && host[0] == '[' && host[n - 1] == ']') {
		memmove(host, host + 1, n - 2);
		host[n - 2] = '\0';
	} else if (strchr(host, ':') != NULL || strchr(host, '[') != NULL) {
		snprintf(err, errlen, "%s: an IPv6 address goes in brackets: "
		    "[::1]:port", addr);
		return -1;
	}
	for (p = host; *p != '\0'; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || *p == '.' || *p == '-' ||
		    *p == ':' || *p == '%')) {
			snprintf(err, errlen, "%s: not a host name or "
			    "address", addr);
			return -1;
		}
	for (p = *port; *p >= '0' && *p <= '9' && v <= 65535; p++)
		v = v * 10 + (unsigned long)(*p - '0');
	if (p == *port || *p != '\0' || v > 65535) {
		snprintf(err, errlen, "%s: the port is not a number from 0 "
		    "to 65535", addr);
		return -1;
	}
	return 0;
}

int
gdb_addr_check(const char *addr, char *err, size_t errlen)
{
	struct sockaddr_un sun;
	char host[256];
	const char *port;

	if (strchr(addr, '/') != NULL) {
		if (strlen(addr) >= sizeof(sun.sun_path)) {
			snprintf(err, errlen, "%s: path too long", addr);
			return -1;
		}
		return 0;
	}
	return split_addr(addr, host, sizeof(host), &port, err, errlen);
}

/* [host:]port, or a path (with a '/') for a Unix socket. */
int
gdb_listen(const char *addr, char *name, size_t namelen, char *err,
    size_t errlen)
{
	struct addrinfo hints, *res, *ai;
	struct sockaddr_un sun;
	char host[256];
	const char *port;
	int fd = -1, one = 1, rc;

	if (gdb_addr_check(addr, err, errlen) != 0)
		return -1;
	if (strchr(addr, '/') != NULL) {
		memset(&sun, 0, sizeof(sun));
		sun.sun_family = AF_UNIX;
		memcpy(sun.sun_path, addr, strlen(addr));
		if ((fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0)) < 0 ||
		    bind(fd, (struct sockaddr *)&sun, sizeof(sun)) != 0 ||
		    listen(fd, 1) != 0) {
			snprintf(err, errlen, "%s: %s", addr, strerror(errno));
			if (fd >= 0)
				close(fd);
			return -1;
		}
		snprintf(name, namelen, "%s", addr);
		return fd;
	}
	if (split_addr(addr, host, sizeof(host), &port, err, errlen) != 0)
		return -1;
	memset(&hints, 0, sizeof(hints));
	hints.ai_family = AF_UNSPEC;
	hints.ai_socktype = SOCK_STREAM;
	if ((rc = getaddrinfo(host[0] ? host : "127.0.0.1", port, &hints,
	    &res)) != 0) {
		snprintf(err, errlen, "%s: %s", addr, gai_strerror(rc));
		return -1;
	}
	for (ai = res; ai != NULL; ai = ai->ai_next) {
		fd = socket(ai->ai_family, ai->ai_socktype | SOCK_CLOEXEC,
		    ai->ai_protocol);
		if (fd < 0)
			continue;
		(void)setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one,
		    sizeof(one));
		if (bind(fd, ai->ai_addr, ai->ai_addrlen) == 0 &&
		    listen(fd, 1) == 0)
			break;
		close(fd);
		fd = -1;
	}
	freeaddrinfo(res);
	if (fd < 0) {
		snprintf(err, errlen, "%s: %s", addr, strerror(errno));
		return -1;
	}
	sock_name(fd, addr, name, namelen);
	return fd;
}
