# id: res-fork-bomb-sh
# category: resources
# tries: the shell fork bomb f(){ f|f& };f
# expect: contained
# layers: cgroup rlimits
# destructive: yes
# args: --procs 32 --wall 10
# shellcheck disable=SC2264
f() { f | f & }
f
