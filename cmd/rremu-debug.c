/*
 * rremu debug: a replay served to gdb on a private Unix socket, by a
 * child of rremu, and gdb started on it with the terminal (as Mozilla
 * rr's `rr replay`).  rremu waits for gdb and exits with its status.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../lib/rr.h"
#include "common.h"
#include "rremu.h"

#define GDB_DEFAULT	"gdb-multiarch"
#define GDB_ARGS_MAX	256	/* gdb's arguments besides the user's */

/* The server's end of the pipe that says it listens (gdb_ready). */
static int ready_fd = -1;
/* SIGTERM or SIGHUP while gdb runs: gdb is ended, then rremu. */
static volatile sig_atomic_t ended_by;

static void
on_end(int sig)
{
	ended_by = sig;
}

/* Hook: the socket listens; the parent may start gdb. */
static void
server_ready(void *arg, const char *where)
{
	(void)arg, (void)where;
	if (ready_fd >= 0) {
		(void)!write(ready_fd, "", 1);
		close(ready_fd);
		ready_fd = -1;
	}
}

/* Is prog a program execvp would find: a path, or a name on PATH? */
static int
findable(const char *prog)
{
	const char *path = getenv("PATH"), *p, *c;
	char buf[4096];
	size_t n;

	if (strchr(prog, '/') != NULL)
		return access(prog, X_OK) == 0;
	for (p = path != NULL ? path : "/usr/bin:/bin"; ; p = c + 1) {
		c = strchr(p, ':');
		n = c != NULL ? (size_t)(c - p) : strlen(p);
		if (n + strlen(prog) + 2 <= sizeof(buf)) {
			snprintf(buf, sizeof(buf), "%.*s/%s", (int)n, n > 0 ? p :
			    ".", prog);
			if (access(buf, X_OK) == 0)
				return 1;
		}
		if (c == NULL)
			return 0;
	}
}

/*
 * The private directory: under $TMPDIR (or /tmp), unless that is too
 * long for a socket's path or has a character gdb's "target remote"
 * line would split at.
 */
static int
make_dir(char *dir, size_t len)
{
	struct sockaddr_un sun;
	const char *t = getenv("TMPDIR");

	if (t == NULL || t[0] != '/' || strlen(t) + 40 > sizeof(sun.sun_path) ||
	    strpbrk(t, " \t\n\"'\\") != NULL)
		t = "/tmp";
	snprintf(dir, len, "%s/rremu-debug.XXXXXX", t);
	if (mkdtemp(dir) == NULL) {
		cmd_syserr(dir, errno, "cannot make a directory");
		return -1;
	}
	return 0;
}

/* The child that serves the replay: never returns. */
static void
serve(struct rremu_run *r, const char *sock, const char *log, int rfd)
{
	struct emu_report rep;
	int fd, end = 0, rc;

	/*
	 * Its own process group: the terminal's ^C is gdb's, which sends
	 * the stub its own interrupt.  Nothing of it on the terminal:
	 * stderr goes to a file the parent shows if the server fails.
	 */
	(void)setpgid(0, 0);
	signal(SIGINT, SIG_IGN);
	signal(SIGQUIT, SIG_IGN);
	ready_fd = rfd;
	if ((fd = open("/dev/null", O_RDWR)) >= 0) {
		(void)dup2(fd, STDIN_FILENO);
		(void)dup2(fd, STDOUT_FILENO);
		close(fd);
	}
	if ((fd = open(log, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC,
	    0600)) >= 0) {
		(void)dup2(fd, STDERR_FILENO);
		close(fd);
	}
	rc = emu_gdb(r->s, sock, 0, 0, &end, &rep);
	if (rc == EMU_GDB_FAILED)
		cmd_msg(NULL, RR_NO_OFFSET, RR_NO_EVENT, "gdb: %s",
		    rep.err.msg);
	fflush(stderr);
	_exit(rc == EMU_GDB_FAILED ? EX_TROUBLE : 0);
}

/* Copy the server's messages (file log) to stderr. */
static void
show_log(const char *log)
{
	char buf[4096];
	ssize_t k;
	int fd;

	if ((fd = open(log, O_RDONLY | O_CLOEXEC)) < 0)
		return;
	while ((k = read(fd, buf, sizeof(buf))) > 0)
		(void)!write(STDERR_FILENO, buf, (size_t)k);
	close(fd);
}

/* Start gdb on sock; its pid, or -1 after a message. */
static pid_t
start_gdb(const struct rremu_opts *o, const char *gdb, const char *sock)
{
	static char arch[] = "set architecture riscv:rv32";
	char target[340], *argv[GDB_ARGS_MAX + 8];
	pid_t pid;
	int n = 0, i;

	if (o->ngdb_args > GDB_ARGS_MAX) {
		cmd_msg(NULL, RR_NO_OFFSET, RR_NO_EVENT, "over %d arguments "
		    "for gdb", GDB_ARGS_MAX);
		return -1;
	}
	snprintf(target, sizeof(target), "target remote %s", sock);
	argv[n++] = (char *)gdb;
	/* The ELF first: -ex commands run after gdb has read it. */
	if (o->elf != NULL)
		argv[n++] = (char *)o->elf;
	argv[n++] = "-ex";
	argv[n++] = arch;
	argv[n++] = "-ex";
	argv[n++] = target;
	for (i = 0; i < o->ngdb_args; i++)
		argv[n++] = o->gdb_args[i];
	argv[n] = NULL;
	fflush(stdout);
	fflush(stderr);
	if ((pid = fork()) < 0) {
		cmd_syserr(NULL, errno, "cannot start %s", gdb);
		return -1;
	}
	if (pid == 0) {
		signal(SIGINT, SIG_DFL);
		signal(SIGQUIT, SIG_DFL);
		signal(SIGTERM, SIG_DFL);
		signal(SIGHUP, SIG_DFL);
		signal(SIGUSR1, SIG_DFL);
		execvp(gdb, argv);
		cmd_syserr(NULL, errno, "cannot run %s", cmd_name(gdb));
		_exit(EX_TROUBLE);
	}
	return pid;
}

/*
 * Wait for pid, through signals; its wait status.  After SIGTERM or
 * SIGHUP (on_end), pid is sent SIGTERM once.
 */
static int
wait_for(pid_t pid)
{
	int st = 0, sent = 0;

	while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
		if (ended_by != 0 && !sent) {
			(void)kill(pid, SIGTERM);
			sent = 1;
		}
	return st;
}

int
rremu_debug(struct rremu_run *r, struct emu_hooks *hooks)
{
	const struct rremu_opts *o = r->o;
	struct sigaction ign, end, old_int, old_quit, old_term, old_hup;
	const char *gdb;
	char dir[256], sock[300], log[300], c;
	pid_t server, gpid;
	int p[2], st, ex = EX_TROUBLE;
	ssize_t k;

	gdb = o->gdb_command != NULL ? o->gdb_command : getenv("RREMU_GDB");
	if (gdb == NULL || gdb[0] == '\0')
		gdb = GDB_DEFAULT;
	if (!findable(gdb)) {
		cmd_msg(NULL, RR_NO_OFFSET, RR_NO_EVENT, "%s: no such program%s",
		    cmd_name(gdb), strcmp(gdb, GDB_DEFAULT) == 0 ?
		    " (Debian: apt-get install gdb-multiarch; or name a gdb "
		    "with --gdb-command)" : "");
		return EX_TROUBLE;
	}
	if (make_dir(dir, sizeof(dir)) != 0)
		return EX_TROUBLE;
	snprintf(sock, sizeof(sock), "%s/gdb.sock", dir);
	snprintf(log, sizeof(log), "%s/server.log", dir);
	if (pipe(p) != 0) {
		cmd_syserr(NULL, errno, "cannot make a pipe");
		goto out;
	}
	hooks->gdb_ready = server_ready;
	fflush(stdout);
	fflush(stderr);
	if ((server = fork()) < 0) {
		cmd_syserr(NULL, errno, "cannot start the gdb server");
		close(p[0]);
		close(p[1]);
		goto out;
	}
	if (server == 0) {
		close(p[0]);
		serve(r, sock, log, p[1]);
	}
	close(p[1]);
	while ((k = read(p[0], &c, 1)) < 0 && errno == EINTR)
		;
	close(p[0]);
	if (k != 1) {
		/* The server ended before it listened: say why. */
		(void)wait_for(server);
		show_log(log);
		goto out;
	}
	/*
	 * gdb has the terminal, and its signals: rremu only waits, and
	 * passes SIGTERM or SIGHUP on to gdb.
	 */
	memset(&ign, 0, sizeof(ign));
	ign.sa_handler = SIG_IGN;
	end = ign;
	end.sa_handler = on_end;
	sigaction(SIGINT, &ign, &old_int);
	sigaction(SIGQUIT, &ign, &old_quit);
	sigaction(SIGTERM, &end, &old_term);
	sigaction(SIGHUP, &end, &old_hup);
	if ((gpid = start_gdb(o, gdb, sock)) > 0) {
		st = wait_for(gpid);
		ex = WIFEXITED(st) ? WEXITSTATUS(st) : WIFSIGNALED(st) ?
		    128 + WTERMSIG(st) : EX_TROUBLE;
	}
	sigaction(SIGINT, &old_int, NULL);
	sigaction(SIGQUIT, &old_quit, NULL);
	sigaction(SIGTERM, &old_term, NULL);
	sigaction(SIGHUP, &old_hup, NULL);
	/*
	 * gdb is gone.  The server only reads (the log, the ELF) and its
	 * socket is in the directory removed here: ended outright, it
	 * leaves nothing behind, even while it still waits for gdb.
	 */
	(void)kill(server, SIGKILL);
	st = wait_for(server);
	if (WIFEXITED(st) && WEXITSTATUS(st) != 0)
		show_log(log);
out:
	(void)unlink(sock);
	(void)unlink(log);
	if (rmdir(dir) != 0)
		cmd_syserr(dir, errno, "cannot remove");
	return ex;
}
