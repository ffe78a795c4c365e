<?php
# id: res-fork-bomb-php
# category: resources
# tries: PHP: fork bomb: every process forks forever (pcntl_fork); the run must end and the host stay usable
# expect: contained
# layers: cgroup rlimits
# destructive: yes
# args: --procs 32 --wall 10
for (;;) {
	if (@pcntl_fork() < 0)
		usleep(10000);
}
