// id: write-world-writable-java
// category: write
// tries: Java: create a file, a directory and a symlink in a world-writable (1777) host directory outside /tmp (java.nio.file.Files)
// expect: blocked
// layers: landlock mac
// needs: canary
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

public class Main {
	interface Try {
		void run() throws IOException;
	}

	public static void main(String[] args) {
		Map<String, String> a = new HashMap<>();
		for (String s : args) {
			int eq = s.indexOf('=');
			if (eq > 0)
				a.put(s.substring(0, eq), s.substring(eq + 1));
		}
		String ww = a.get("wwdir");
		if (ww == null || ww.isEmpty()) {
			System.out.println("LANGJAIL-SETUP-ERROR: no wwdir= argument");
			System.exit(1);
		}
		String base = ww + "/ljx-" + a.getOrDefault("run", "x");
		String[] what = { "created a file", "created a directory", "created a symlink" };
		Try[] tries = {
			() -> Files.write(Path.of(base), "ljx\n".getBytes(StandardCharsets.UTF_8),
				StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
			() -> Files.createDirectory(Path.of(base + "-dir")),
			() -> Files.createSymbolicLink(Path.of(base + "-link"), Path.of("/etc/passwd")),
		};
		int hits = 0;
		List<String> notes = new ArrayList<>();
		for (int i = 0; i < tries.length; i++) {
			try {
				tries[i].run();
				hits++;
				System.out.println("LANGJAIL-ESCAPED: " + what[i] + " in " + ww);
			} catch (IOException | SecurityException | UnsupportedOperationException e) {
				notes.add(what[i] + ": " + e);
			}
		}
		if (hits == 0)
			System.out.println("LANGJAIL-BLOCKED: " + ww + " is not writable from the jail ("
				+ String.join("; ", notes) + ")");
	}
}
