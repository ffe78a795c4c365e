// id: res-fork-bomb-c
// category: resources
// tries: C: fork bomb: every process forks forever (fork(2)); the run must end and the host stay usable
// expect: contained
// layers: cgroup rlimits
// destructive: yes
// args: --procs 32 --wall 10
#include <unistd.h>

int main(void)
{
	for (;;) {
		if (fork() < 0)
			usleep(10000);
	}
}
