/* Front-end status and messages: exit status, version, `prog: file: ...`. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../lib/rr.h"
#include "../lib/rrsnap.h"
#include "msg.h"
#include "out.h"

const char *cmd_prog = "rr";
static int exit_status;

/* A tool that leaves by exit() rather than cmd_exit() loses no output. */
static void
flush_at_exit(void)
{
	if (cmd_out.len > 0)
		cmd_flush();
}

/*
 * Interrupted: no temporary output is left behind (the target keeps
 * what it held), then the signal's own action, so the parent sees it.
 */
static void
on_fatal(int sig)
{
	rr_output_cleanup();
	signal(sig, SIG_DFL);
	raise(sig);
}

void
cmd_init(const char *prog)
{
	static const int fatal[] = { SIGINT, SIGTERM, SIGHUP };
	struct sigaction sa;
	size_t i;
	int fd;

	cmd_prog = prog;
	/*
	 * Started with standard input, output or error closed, a tool
	 * would open its files on those numbers and read or write them by
	 * mistake: hold them with /dev/null.
	 */
	for (fd = 0; fd < 3; fd++)
		if (fcntl(fd, F_GETFD) == -1 && errno == EBADF)
			(void)open("/dev/null", fd == 0 ? O_RDONLY : O_WRONLY);
	atexit(flush_at_exit);
	/*
	 * A parent that ignores SIGPIPE would turn `| head` into EPIPE
	 * errors; the default action ends the tool quietly, as cat(1).
	 */
	signal(SIGPIPE, SIG_DFL);
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_fatal;
	sigemptyset(&sa.sa_mask);
	for (i = 0; i < sizeof(fatal) / sizeof(fatal[0]); i++) {
		struct sigaction old;

		/* A signal the parent ignores stays ignored (nohup). */
		if (sigaction(fatal[i], NULL, &old) == 0 &&
		    old.sa_handler != SIG_IGN)
			(void)sigaction(fatal[i], &sa, NULL);
	}
}

int
cmd_status(int st)
{
	if (st > exit_status)
		exit_status = st;
	return exit_status;
}

int
cmd_exit(void)
{
	if (cmd_flush() != 0) {
		cmd_out_finish(0);
		return cmd_status(CMD_EXIT_FAIL);
	}
	/* -o's file: kept only when nothing went wrong that it shows. */
	if (cmd_out_finish(exit_status < CMD_EXIT_FAIL) != 0)
		cmd_status(CMD_EXIT_FAIL);
	/* Data a full disk refused shows up only at fflush or fclose. */
	if (fflush(stdout) != 0 || ferror(stdout)) {
		cmd_syserr("stdout", errno, "write error");
		cmd_status(CMD_EXIT_FAIL);
	}
	if (fclose(stdout) != 0 && exit_status < CMD_EXIT_FAIL) {
		cmd_syserr("stdout", errno, "close error");
		cmd_status(CMD_EXIT_FAIL);
	}
	return exit_status;
}

void
cmd_version(void)
{
	cmd_printf("%s (rr toolkit) %s\nlibrr %s\n"
	    "log format %d.%d, snapshot format %d.%d\n", cmd_prog,
	    CMD_VERSION, RR_LIB_VERSION, RR_LOG_MAJOR, RR_LOG_MINOR,
	    RR_SNAP_MAJOR, RR_SNAP_MINOR);
}

char *
cmd_mask(char *buf, size_t size, const char *s)
{
	size_t i;

	if (size == 0)
		return buf;
	for (i = 0; s[i] != '\0' && i + 1 < size; i++) {
		unsigned char c = (unsigned char)s[i];

		buf[i] = (c < 0x20 || c == 0x7f) ? '?' : (char)c;
	}
	buf[i] = '\0';
	return buf;
}

const char *
cmd_name(const char *file)
{
	static char bufs[4][PATH_MAX];
	static int next;
	char *b;

	if (strcmp(file, "-") == 0)
		return "(stdin)";
	b = bufs[next];
	next = (next + 1) % 4;
	return cmd_mask(b, PATH_MAX, file);
}

void
cmd_vmsg(const char *file, uint64_t offset, uint64_t event,
    const char *fmt, va_list ap)
{
	/* Data already produced goes out before the message about it. */
	cmd_flush();
	fflush(stdout);
	fprintf(stderr, "%s: ", cmd_prog);
	if (file != NULL)
		fprintf(stderr, "%s: ", cmd_name(file));
	if (offset != RR_NO_OFFSET)
		fprintf(stderr, "offset %llu: ", (unsigned long long)offset);
	if (event != RR_NO_EVENT)
		fprintf(stderr, "event %llu: ", (unsigned long long)event);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

void
cmd_msg(const char *file, uint64_t offset, uint64_t event,
    const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	cmd_vmsg(file, offset, event, fmt, ap);
	va_end(ap);
}

void
cmd_syserr(const char *file, int errnum, const char *fmt, ...)
{
	char text[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(text, sizeof(text), fmt, ap);
	va_end(ap);
	cmd_msg(file, RR_NO_OFFSET, RR_NO_EVENT, "%s: %s", text,
	    strerror(errnum));
}

const char *
cmd_rrerr_text(const struct rr_error *e, char *buf, size_t size)
{
	const char *sys = "";

	/* The library keeps errno apart; add its text unless already there. */
	if (e->kind == RR_E_IO && e->sys_errno != 0 &&
	    strstr(e->msg, strerror(e->sys_errno)) == NULL)
		sys = strerror(e->sys_errno);
	snprintf(buf, size, "%s%s%s",
	    e->msg[0] != '\0' ? e->msg : rr_errkind_name(e->kind),
	    *sys != '\0' ? ": " : "", sys);
	return buf;
}

void
cmd_rrerr(const char *file, const struct rr_error *e)
{
	char text[512];

	cmd_msg(file, e->offset, e->event, "%s",
	    cmd_rrerr_text(e, text, sizeof(text)));
}

void
cmd_end_check(const char *file, struct rr_reader *r)
{
	const struct rr_error *e = rr_reader_end_error(r);

	if (e != NULL) {
		cmd_rrerr(file, e);
		cmd_status(CMD_EXIT_DATA);
	}
}

int
cmd_errstatus(const struct rr_error *e)
{
	switch (e->kind) {
	case RR_E_TRUNCATED:
	case RR_E_CORRUPT:
	case RR_E_LIMIT:
		return CMD_EXIT_DATA;
	default:
		return CMD_EXIT_FAIL;
	}
}

int
cmd_binary_out(const char *out, int tty_ok)
{
	if (tty_ok || out == NULL || strcmp(out, "-") != 0 ||
	    !isatty(STDOUT_FILENO))
		return 0;
	cmd_msg(NULL, RR_NO_OFFSET, RR_NO_EVENT, "standard output is a "
	    "terminal: a binary log is not written to it (-o FILE, or a "
	    "pipe; --tty writes it all the same)");
	return -1;
}
