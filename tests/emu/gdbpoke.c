/*
 * gdbpoke: a raw gdb remote client for what gdb itself cannot be made to
 * do from a script (tests/emu/gdb.sh): Ctrl-C while the guest runs, a
 * packet over the size limit, and going away in the middle of a packet.
 * usage: gdbpoke HOST PORT    prints what it saw; exit 0 if all was right
 */
#include <netdb.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

static int fd = -1;
static int bad;

static void
send_pkt(const char *p)
{
	char buf[16384];
	unsigned sum = 0;
	size_t i, n = strlen(p);

	for (i = 0; i < n; i++)
		sum += (unsigned char)p[i];
	n = (size_t)snprintf(buf, sizeof(buf), "$%s#%02x", p, sum & 0xff);
	if (send(fd, buf, n, MSG_NOSIGNAL) != (ssize_t)n) {
		perror("gdbpoke: send");
		exit(2);
	}
}

/* The next packet's payload (acks skipped); waits up to 30 seconds. */
static const char *
reply(void)
{
	static char buf[65536];
	size_t n = 0;
	struct pollfd pfd = { fd, POLLIN, 0 };
	char c;

	for (;;) {
		if (poll(&pfd, 1, 30000) != 1 || recv(fd, &c, 1, 0) != 1) {
			fprintf(stderr, "gdbpoke: no reply\n");
			exit(2);
		}
		if (n == 0 && c != '$')
			continue;
		if (c == '#')
			break;
		if (n < sizeof(buf) - 1)
			buf[n++] = c;
	}
	/* the two checksum digits */
	if (recv(fd, &c, 1, MSG_WAITALL) != 1 || recv(fd, &c, 1,
	    MSG_WAITALL) != 1)
		exit(2);
	buf[n] = '\0';
	return buf + 1;
}

static void
expect(const char *what, const char *got, const char *want)
{
	int ok = strncmp(got, want, strlen(want)) == 0;

	printf("%s %s: %s\n", ok ? "ok  " : "FAIL", what, got);
	bad |= !ok;
}

int
main(int argc, char **argv)
{
	struct addrinfo hints, *res;
	struct timespec ts = { 0, 300000000 };
	static char big[9000];

	if (argc != 3) {
		fprintf(stderr, "usage: gdbpoke host port\n");
		return 2;
	}
	memset(&hints, 0, sizeof(hints));
	hints.ai_socktype = SOCK_STREAM;
	if (getaddrinfo(argv[1], argv[2], &hints, &res) != 0 ||
	    (fd = socket(res->ai_family, SOCK_STREAM, 0)) < 0 ||
	    connect(fd, res->ai_addr, res->ai_addrlen) != 0) {
		perror("gdbpoke: connect");
		return 2;
	}
	freeaddrinfo(res);
	send_pkt("qSupported");
	expect("qSupported", reply(), "PacketSize=1000;");
	/* Over the limit: refused, and the session goes on. */
	memset(big, 'm', sizeof(big) - 1);
	send_pkt(big);
	expect("oversized packet", reply(), "E16");
	send_pkt("qC");
	expect("served after it", reply(), "QC1");
	/* Ctrl-C while it runs: a SIGINT stop. */
	send_pkt("vCont;c");
	nanosleep(&ts, NULL);
	if (send(fd, "\003", 1, MSG_NOSIGNAL) != 1)
		return 2;
	expect("Ctrl-C while running", reply(), "T02");
	send_pkt("qRcmd,69636f756e74");	/* icount */
	expect("monitor after the stop", reply(), "O6963");
	/* Gone in the middle of a packet: rremu ends on its own. */
	if (send(fd, "$m8000", 6, MSG_NOSIGNAL) != 6)
		return 2;
	close(fd);
	return bad;
}
