// id: read-shadow-java
// category: read
// tries: Java: read /etc/shadow and /etc/gshadow (password hashes) with Files.readAllBytes
// expect: blocked
// layers: landlock mac uid
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

public class Main {
	public static void main(String[] args) {
		int hits = 0;
		List<String> notes = new ArrayList<>();
		for (String path : new String[] { "/etc/shadow", "/etc/gshadow", "/etc/shadow-", "/etc/gshadow-" }) {
			try {
				byte[] data = Files.readAllBytes(Path.of(path));
				// never print the hashes themselves: the length is proof enough
				hits++;
				System.out.println("LANGJAIL-ESCAPED: read " + data.length + " bytes of " + path);
			} catch (IOException | SecurityException e) {
				notes.add(path + ": " + e);
			}
		}
		if (hits == 0)
			System.out.println("LANGJAIL-BLOCKED: " + String.join("; ", notes));
	}
}
