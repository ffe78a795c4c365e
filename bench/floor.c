/* floor CMD [ARGS...]: the least a jail must do per run: fork, set a few
 * rlimits in the child, exec CMD, wait. bench/run compares langjail's
 * overhead with this one. */
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	static const struct { int res; rlim_t v; } lim[] = {
		{ RLIMIT_CPU, 5 }, { RLIMIT_FSIZE, 16 << 20 }, { RLIMIT_NOFILE, 64 }, { RLIMIT_CORE, 0 },
	};
	int st;
	pid_t pid = argc > 1 ? fork() : -1;

	if (pid == 0) {
		for (unsigned i = 0; i < sizeof(lim) / sizeof(lim[0]); i++)
			setrlimit(lim[i].res, &(struct rlimit) { lim[i].v, lim[i].v });
		execvp(argv[1], argv + 1);
		_exit(127);
	}
	if (pid < 0 || waitpid(pid, &st, 0) < 0)
		return 125;
	return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}
