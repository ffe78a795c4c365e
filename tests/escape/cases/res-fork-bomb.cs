// id: res-fork-bomb-cs
// category: resources
// tries: C#: fork bomb: every process forks forever (libc fork(2) by P/Invoke); the run must end and the host stay usable
// expect: contained
// layers: cgroup rlimits
// destructive: yes
// args: --procs 32 --wall 10
// note: fork(2), not Process.Start of this runtime's own command line: a new
// note: mono that cannot start its threads aborts, and the run then ended at
// note: once (the first mono killed by SIGKILL within 0.1 s), no limit reached.
using System.Runtime.InteropServices;
using System.Threading;

class Program
{
	// each copy is the same mono, one thread, in the same loop; it
	// allocates nothing, so no collection needs the threads the child lacks
	[DllImport("libc", SetLastError = true)]
	static extern int fork();

	static void Main()
	{
		for (;;) {
			if (fork() < 0)
				Thread.Sleep(10);
		}
	}
}
