// id: proc-kill-victim-c
// category: process
// tries: C: SIGTERM and SIGKILL two processes outside the jail (kill(2)): one of the caller, one running as the jail's own uid
// expect: blocked
// layers: pidns landlock
// needs: victim
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char *arg(int argc, char **argv, const char *key)
{
	size_t n = strlen(key);

	for (int i = 1; i < argc; i++)
		if (strncmp(argv[i], key, n) == 0 && argv[i][n] == '=')
			return argv[i] + n + 1;
	return NULL;
}

int main(int argc, char **argv)
{
	static const char *const keys[] = { "victim", "victim65534" };
	static const int sigs[] = { SIGTERM, SIGKILL };
	static const char *const names[] = { "SIGTERM", "SIGKILL" };
	char notes[1024] = "";
	int hits = 0, targets = 0;

	for (int k = 0; k < 2; k++) {
		const char *v = arg(argc, argv, keys[k]);
		char *end;
		long pid;

		if (!v || !*v)
			continue;
		pid = strtol(v, &end, 10);
		if (*end || pid <= 0)
			continue;
		targets++;
		if (pid == getpid())
			continue;
		for (int s = 0; s < 2; s++) {
			if (kill((pid_t) pid, sigs[s]) == 0) {
				hits++;
				printf("LANGJAIL-ESCAPED: sent %s to %s (pid %ld)\n", names[s], keys[k],
				       pid);
			} else {
				size_t len = strlen(notes);

				snprintf(notes + len, sizeof(notes) - len, "%s%s %s: %s",
					 len ? "; " : "", keys[k], names[s],
					 strerror(errno));
			}
		}
	}
	if (targets == 0) {
		printf("LANGJAIL-SETUP-ERROR: no victim pids given\n");
		return 1;
	}
	if (hits == 0)
		printf("LANGJAIL-BLOCKED: %s\n", notes);
	return 0;
}
