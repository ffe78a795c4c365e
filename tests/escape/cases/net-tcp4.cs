// id: net-tcp4-cs
// category: network
// tries: C#: connect to a TCP listener the runner owns on 127.0.0.1 and send data (System.Net.Sockets.TcpClient, 3 s timeout)
// expect: blocked
// layers: netns landlock seccomp
// needs: listener
using System;
using System.Collections.Generic;
using System.Net.Sockets;
using System.Text;

class Program
{
	static void Main(string[] args)
	{
		var a = new Dictionary<string, string>();
		foreach (string s in args) {
			int eq = s.IndexOf('=');
			if (eq > 0)
				a[s.Substring(0, eq)] = s.Substring(eq + 1);
		}
		if (!a.ContainsKey("tcp4") || a["tcp4"] == "") {
			Console.WriteLine("LANGJAIL-SETUP-ERROR: no tcp4= argument");
			Environment.Exit(1);
		}
		string port = a["tcp4"];
		byte[] payload = Encoding.UTF8.GetBytes("ljx net-tcp4-cs "
			+ (a.ContainsKey("run") ? a["run"] : "") + "\n");
		try {
			using (var c = new TcpClient(AddressFamily.InterNetwork)) {
				// never hang: a verdict within 3 s
				if (!c.ConnectAsync("127.0.0.1", int.Parse(port)).Wait(3000)) {
					Console.WriteLine("LANGJAIL-BLOCKED: no connection within 3 s");
					return;
				}
				c.GetStream().Write(payload, 0, payload.Length);
				Console.WriteLine("LANGJAIL-ESCAPED: connected to 127.0.0.1:{0} and sent {1} bytes",
					port, payload.Length);
			}
		} catch (Exception e) {
			Exception inner = e is AggregateException ? e.InnerException : e;
			Console.WriteLine("LANGJAIL-BLOCKED: connect 127.0.0.1:{0}: {1}: {2}", port,
				inner.GetType().Name, inner.Message);
		}
	}
}
