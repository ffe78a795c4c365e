// id: write-world-writable-cs
// category: write
// tries: C#: create a file, a directory and a symlink in a world-writable (1777) host directory outside /tmp (FileStream CreateNew, Directory.CreateDirectory, symlink(2) by P/Invoke)
// expect: blocked
// layers: landlock mac
// needs: canary
using System;
using System.Collections.Generic;
using System.IO;
using System.Runtime.InteropServices;

class Program
{
	// Mono's class library has no File.CreateSymbolicLink: libc's, as a
	// program would call it
	[DllImport("libc", SetLastError = true)]
	static extern int symlink(string target, string linkpath);

	[DllImport("libc")]
	static extern IntPtr strerror(int errnum);

	class ErrnoException : Exception
	{
		public ErrnoException(int errno) : base(Marshal.PtrToStringAnsi(strerror(errno))) { }
	}

	static void Main(string[] args)
	{
		var a = new Dictionary<string, string>();
		foreach (string s in args) {
			int eq = s.IndexOf('=');
			if (eq > 0)
				a[s.Substring(0, eq)] = s.Substring(eq + 1);
		}
		if (!a.ContainsKey("wwdir") || a["wwdir"] == "") {
			Console.WriteLine("LANGJAIL-SETUP-ERROR: no wwdir= argument");
			Environment.Exit(1);
		}
		string ww = a["wwdir"];
		string b = ww + "/ljx-" + (a.ContainsKey("run") ? a["run"] : "x");
		string[] what = { "created a file", "created a directory", "created a symlink" };
		var tries = new Action[] {
			() => {
				using (var f = new FileStream(b, FileMode.CreateNew, FileAccess.Write))
					f.Write(new byte[] { (byte) 'l', (byte) 'j', (byte) 'x', (byte) '\n' }, 0, 4);
			},
			() => {
				// CreateDirectory succeeds quietly when it exists: check first
				if (Directory.Exists(b + "-dir"))
					throw new IOException("exists already");
				Directory.CreateDirectory(b + "-dir");
			},
			() => {
				if (symlink("/etc/passwd", b + "-link") != 0)
					throw new ErrnoException(Marshal.GetLastWin32Error());
			},
		};
		int hits = 0;
		var notes = new List<string>();
		for (int i = 0; i < tries.Length; i++) {
			try {
				tries[i]();
				hits++;
				Console.WriteLine("LANGJAIL-ESCAPED: " + what[i] + " in " + ww);
			} catch (Exception e) when (e is IOException || e is UnauthorizedAccessException
					|| e is ErrnoException || e is DllNotFoundException) {
				notes.Add(what[i] + ": " + e.GetType().Name + ": " + e.Message);
			}
		}
		if (hits == 0)
			Console.WriteLine("LANGJAIL-BLOCKED: " + ww + " is not writable from the jail ("
				+ string.Join("; ", notes) + ")");
	}
}
