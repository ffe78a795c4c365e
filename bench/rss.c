/* rss OUT CMD [ARGS...]: run CMD and write to OUT the peak RSS (VmHWM, kB)
 * of CMD's own process, read at its exit. CMD is traced (PTRACE_O_TRACEEXIT
 * stops it after its last instruction, with its memory still mapped); its
 * children are not traced and not counted. Unlike the "Maximum resident set
 * size" of /usr/bin/time (wait4's ru_maxrss: the largest of the process and
 * every descendant it reaped), this is the process alone. */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/wait.h>
#include <unistd.h>

static long vm_hwm(pid_t pid)
{
	char path[64], line[256];
	long kb = -1;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/status", (int) pid);
	f = fopen(path, "re");
	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (strncmp(line, "VmHWM:", 6) == 0)
			sscanf(line + 6, "%ld", &kb);
	fclose(f);
	return kb;
}

int main(int argc, char **argv)
{
	long hwm = -1;
	int st;
	pid_t pid;
	FILE *out;

	if (argc < 3) {
		fprintf(stderr, "usage: rss OUT CMD [ARGS...]\n");
		return 2;
	}
	pid = fork();
	if (pid < 0)
		return 125;
	if (pid == 0) {
		ptrace(PTRACE_TRACEME, 0, NULL, NULL);
		execvp(argv[2], argv + 2);
		_exit(127);
	}
	/* the first stop is the SIGTRAP of the exec */
	if (waitpid(pid, &st, 0) < 0 || !WIFSTOPPED(st))
		return 125;
	ptrace(PTRACE_SETOPTIONS, pid, NULL, (void *) (long) (PTRACE_O_TRACEEXIT | PTRACE_O_EXITKILL));
	ptrace(PTRACE_CONT, pid, NULL, NULL);
	while (waitpid(pid, &st, 0) == pid && WIFSTOPPED(st)) {
		int sig = WSTOPSIG(st);

		if (sig == SIGTRAP && (st >> 16) == PTRACE_EVENT_EXIT) {
			hwm = vm_hwm(pid);
			sig = 0;
		} else if (sig == SIGTRAP) {
			sig = 0;
		}
		ptrace(PTRACE_CONT, pid, NULL, (void *) (long) sig);
	}
	out = fopen(argv[1], "we");
	if (!out)
		return 125;
	fprintf(out, "%ld\n", hwm);
	fclose(out);
	if (WIFEXITED(st))
		return WEXITSTATUS(st);
	return WIFSIGNALED(st) ? 128 + WTERMSIG(st) : 125;
}
