/* then [-C DIR] [NAME=VALUE...] CMD [ARGS...] [\; CMD [ARGS...]]...: run the
 * commands one after another, each once the previous one exited 0, as the
 * shell's `a && b` would, without a shell. -C and the variables apply to
 * every command. The bare rows of the compiled workloads (compile, then
 * run) and their bwrap peers run through this, so neither pays for a shell
 * that langjail does not start. Exit status: the first failing command's
 * (128+N for signal N), 127 when one cannot be executed. */
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	int i = 1, st;

	if (i + 1 < argc && strcmp(argv[i], "-C") == 0) {
		if (chdir(argv[i + 1]) < 0)
			return 125;
		i += 2;
	}
	for (; i < argc && strchr(argv[i], '=') && argv[i][0] != '='; i++)
		if (putenv(argv[i]) != 0)
			return 125;
	while (i < argc) {
		int end = i;
		pid_t pid;

		while (end < argc && strcmp(argv[end], ";") != 0)
			end++;
		argv[end < argc ? end : argc] = NULL;
		if (end == i || (pid = fork()) < 0)
			return 125;
		if (pid == 0) {
			execvp(argv[i], argv + i);
			_exit(127);
		}
		if (waitpid(pid, &st, 0) < 0)
			return 125;
		if (!WIFEXITED(st))
			return 128 + WTERMSIG(st);
		if (WEXITSTATUS(st) != 0)
			return WEXITSTATUS(st);
		i = end + 1;
	}
	return 0;
}
