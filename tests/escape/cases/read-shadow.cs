// id: read-shadow-cs
// category: read
// tries: C#: read /etc/shadow and /etc/gshadow (password hashes) with File.ReadAllBytes
// expect: blocked
// layers: landlock mac uid
using System;
using System.Collections.Generic;
using System.IO;

class Program
{
	static void Main()
	{
		int hits = 0;
		var notes = new List<string>();
		foreach (string path in new[] { "/etc/shadow", "/etc/gshadow", "/etc/shadow-", "/etc/gshadow-" }) {
			try {
				byte[] data = File.ReadAllBytes(path);
				// never print the hashes themselves: the length is proof enough
				hits++;
				Console.WriteLine("LANGJAIL-ESCAPED: read {0} bytes of {1}", data.Length, path);
			} catch (Exception e) when (e is IOException || e is UnauthorizedAccessException) {
				notes.Add(path + ": " + e.GetType().Name + ": " + e.Message);
			}
		}
		if (hits == 0)
			Console.WriteLine("LANGJAIL-BLOCKED: " + string.Join("; ", notes));
	}
}
