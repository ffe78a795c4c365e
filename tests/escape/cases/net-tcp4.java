// id: net-tcp4-java
// category: network
// tries: Java: connect to a TCP listener the runner owns on 127.0.0.1 and send data (java.net.Socket, 3 s connect timeout)
// expect: blocked
// layers: netns landlock seccomp
// needs: listener
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

public class Main {
	public static void main(String[] args) {
		Map<String, String> a = new HashMap<>();
		for (String s : args) {
			int eq = s.indexOf('=');
			if (eq > 0)
				a.put(s.substring(0, eq), s.substring(eq + 1));
		}
		String port = a.get("tcp4");
		if (port == null || port.isEmpty()) {
			System.out.println("LANGJAIL-SETUP-ERROR: no tcp4= argument");
			System.exit(1);
		}
		byte[] payload = ("ljx net-tcp4-java " + a.getOrDefault("run", "") + "\n")
			.getBytes(StandardCharsets.UTF_8);
		// never hang: a verdict within 3 s
		try (Socket s = new Socket()) {
			s.setSoTimeout(3000);
			s.connect(new InetSocketAddress("127.0.0.1", Integer.parseInt(port)), 3000);
			OutputStream out = s.getOutputStream();
			out.write(payload);
			out.flush();
			System.out.println("LANGJAIL-ESCAPED: connected to 127.0.0.1:" + port + " and sent "
				+ payload.length + " bytes");
		} catch (IOException | SecurityException e) {
			System.out.println("LANGJAIL-BLOCKED: connect 127.0.0.1:" + port + ": " + e);
		}
	}
}
