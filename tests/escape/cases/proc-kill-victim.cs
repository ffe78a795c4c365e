// id: proc-kill-victim-cs
// category: process
// tries: C#: SIGTERM and SIGKILL two processes outside the jail (kill(2) by P/Invoke): one of the caller, one running as the jail's own uid
// expect: blocked
// layers: pidns landlock
// needs: victim
using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;

class Program
{
	// Process.Kill sends only SIGKILL, and only to a process it can find
	// under /proc: libc's kill(2) is the program's direct way
	[DllImport("libc", SetLastError = true)]
	static extern int kill(int pid, int sig);

	[DllImport("libc")]
	static extern IntPtr strerror(int errnum);

	static void Main(string[] args)
	{
		var a = new Dictionary<string, string>();
		foreach (string s in args) {
			int eq = s.IndexOf('=');
			if (eq > 0)
				a[s.Substring(0, eq)] = s.Substring(eq + 1);
		}
		int hits = 0, targets = 0;
		var notes = new List<string>();
		int self = Process.GetCurrentProcess().Id;
		foreach (string key in new[] { "victim", "victim65534" }) {
			if (!a.ContainsKey(key) || !Regex.IsMatch(a[key], "^[0-9]+$"))
				continue;
			targets++;
			int pid = int.Parse(a[key]);
			if (pid == self)
				continue;
			int[] sigs = { 15, 9 };
			string[] names = { "SIGTERM", "SIGKILL" };
			for (int i = 0; i < 2; i++) {
				int sig = sigs[i];
				string name = names[i];
				if (kill(pid, sig) == 0) {
					hits++;
					Console.WriteLine("LANGJAIL-ESCAPED: sent {0} to {1} (pid {2})", name, key, pid);
				} else {
					notes.Add(key + " " + name + ": "
						+ Marshal.PtrToStringAnsi(strerror(Marshal.GetLastWin32Error())));
				}
			}
		}
		if (targets == 0) {
			Console.WriteLine("LANGJAIL-SETUP-ERROR: no victim pids given");
			Environment.Exit(1);
		}
		if (hits == 0)
			Console.WriteLine("LANGJAIL-BLOCKED: " + string.Join("; ", notes));
	}
}
