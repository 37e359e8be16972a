/*
 * runstat: run a command with stdin/stdout redirected and print its
 * wall time and peak RSS, for the benchmarks (tests/bench/run.sh).
 * usage: runstat INFILE OUTFILE cmd [args...]   ("-" keeps the stream)
 * prints: seconds maxrss_kib exit_status
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

int
main(int argc, char **argv)
{
	struct timespec t0, t1;
	struct rusage ru;
	pid_t pid;
	int st, fd;

	if (argc < 4) {
		fprintf(stderr, "usage: runstat infile outfile cmd [args]\n");
		return 2;
	}
	clock_gettime(CLOCK_MONOTONIC, &t0);
	if ((pid = fork()) == 0) {
		if (strcmp(argv[1], "-") != 0) {
			if ((fd = open(argv[1], O_RDONLY)) < 0)
				_exit(126);
			dup2(fd, 0);
			close(fd);
		}
		if (strcmp(argv[2], "-") != 0) {
			if ((fd = open(argv[2], O_WRONLY | O_CREAT | O_TRUNC,
			    0644)) < 0)
				_exit(126);
			dup2(fd, 1);
			close(fd);
		}
		execvp(argv[3], argv + 3);
		_exit(127);
	}
	if (pid < 0 || wait4(pid, &st, 0, &ru) < 0) {
		perror("runstat");
		return 2;
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	printf("%.6f %ld %d\n", (double)(t1.tv_sec - t0.tv_sec) +
	    (double)(t1.tv_nsec - t0.tv_nsec) / 1e9, ru.ru_maxrss,
	    WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st));
	return 0;
}
