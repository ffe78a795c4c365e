# id: res-fork-bomb-rb
# category: resources
# tries: Ruby: fork bomb: every process forks forever (Kernel#fork); the run must end and the host stay usable
# expect: contained
# layers: cgroup rlimits
# destructive: yes
# args: --procs 32 --wall 10
loop do
  fork
rescue SystemCallError
  sleep 0.01
end
