// id: res-fork-bomb-cpp
// category: resources
// tries: C++: fork bomb: every process forks forever (fork(2)); the run must end and the host stay usable
// expect: contained
// layers: cgroup rlimits
// destructive: yes
// args: --procs 32 --wall 10
#include <chrono>
#include <thread>
#include <unistd.h>

int main()
{
	for (;;) {
		if (fork() < 0)
			std::this_thread::sleep_for(std::chrono::milliseconds(10));
	}
}
