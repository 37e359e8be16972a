/*
 * runstat: run a command with stdin/stdout redirected and print its
 * wall time, peak RSS and CPU time, for the benchmarks
 * (tests/bench/run.sh).
 * usage: runstat INFILE OUTFILE cmd [args...]   ("-" keeps the stream)
 * prints: seconds maxrss_kib exit_status user_seconds (exit status
 * 128 + N: killed by signal N; user_seconds: CPU time in user mode,
 * which other processes on the machine disturb less than wall time)
 * exits 1 unless the command ended with status $RUNSTAT_WANT (default 0)
 * exit: 0 if the command exited 0; 1 if it failed (exited nonzero, was
 * killed, or could not be started), said on stderr; 2 on runstat's own
 * trouble.  A timing of a failed run is no timing.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* In the child: report why it cannot run the command, and give up. */
static void
child_fail(const char *what, const char *name, int status)
{
	fprintf(stderr, "runstat: %s %s: %s\n", what, name, strerror(errno));
	_exit(status);
}

int
main(int argc, char **argv)
{
	struct timespec t0, t1;
	struct rusage ru;
	pid_t pid;
	int st, fd, code, want;

	if (argc < 4) {
		fprintf(stderr, "usage: runstat infile outfile cmd [args]\n");
		return 2;
	}
	if (clock_gettime(CLOCK_MONOTONIC, &t0) != 0) {
		perror("runstat: clock_gettime");
		return 2;
	}
	if ((pid = fork()) == 0) {
		if (strcmp(argv[1], "-") != 0) {
			if ((fd = open(argv[1], O_RDONLY)) < 0)
				child_fail("cannot open", argv[1], 126);
			if (dup2(fd, 0) < 0)
				child_fail("cannot redirect from", argv[1], 126);
			close(fd);
		}
		if (strcmp(argv[2], "-") != 0) {
			if ((fd = open(argv[2], O_WRONLY | O_CREAT | O_TRUNC,
			    0644)) < 0)
				child_fail("cannot open", argv[2], 126);
			if (dup2(fd, 1) < 0)
				child_fail("cannot redirect to", argv[2], 126);
			close(fd);
		}
		execvp(argv[3], argv + 3);
		child_fail("cannot run", argv[3], 127);
	}
	if (pid < 0) {
		perror("runstat: fork");
		return 2;
	}
	while (wait4(pid, &st, 0, &ru) < 0) {
		if (errno != EINTR) {
			perror("runstat: wait4");
			return 2;
		}
	}
	if (clock_gettime(CLOCK_MONOTONIC, &t1) != 0) {
		perror("runstat: clock_gettime");
		return 2;
	}
	code = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
	printf("%.6f %ld %d %.6f\n", (double)(t1.tv_sec - t0.tv_sec) +
	    (double)(t1.tv_nsec - t0.tv_nsec) / 1e9, ru.ru_maxrss, code,
	    (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec / 1e6);
	if (fflush(stdout) != 0 || ferror(stdout)) {
		perror("runstat: stdout");
		return 2;
	}
	if (WIFSIGNALED(st)) {
		fprintf(stderr, "runstat: %s: killed by signal %d\n", argv[3],
		    WTERMSIG(st));
		return 1;
	}
	/* RUNSTAT_WANT: the status the command must end with (default 0). */
	want = getenv("RUNSTAT_WANT") != NULL ? atoi(getenv("RUNSTAT_WANT")) :
	    0;
	if (code != want) {
		fprintf(stderr, "runstat: %s: exit status %d, expected %d\n",
		    argv[3], code, want);
		return 1;
	}
	return 0;
}
