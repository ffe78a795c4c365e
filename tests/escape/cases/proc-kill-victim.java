// id: proc-kill-victim-java
// category: process
// tries: Java: SIGTERM and SIGKILL two processes outside the jail (ProcessHandle.destroy and destroyForcibly): one of the caller, one running as the jail's own uid
// expect: blocked
// layers: pidns landlock
// needs: victim
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

public class Main {
	public static void main(String[] args) {
		Map<String, String> a = new HashMap<>();
		for (String s : args) {
			int eq = s.indexOf('=');
			if (eq > 0)
				a.put(s.substring(0, eq), s.substring(eq + 1));
		}
		int hits = 0, targets = 0;
		List<String> notes = new ArrayList<>();
		for (String key : new String[] { "victim", "victim65534" }) {
			String v = a.getOrDefault(key, "");
			if (!v.matches("[0-9]+"))
				continue;
			targets++;
			long pid = Long.parseLong(v);
			if (pid == ProcessHandle.current().pid())
				continue;
			// ProcessHandle.of looks the pid up in /proc; destroy() sends
			// SIGTERM, destroyForcibly() SIGKILL, and each says whether
			// kill(2) succeeded
			Optional<ProcessHandle> h = ProcessHandle.of(pid);
			if (h.isEmpty()) {
				notes.add(key + " (pid " + pid + "): no such process in view");
				continue;
			}
			String[] names = { "SIGTERM", "SIGKILL" };
			for (int i = 0; i < 2; i++) {
				try {
					boolean sent = i == 0 ? h.get().destroy() : h.get().destroyForcibly();
					if (sent) {
						hits++;
						System.out.println("LANGJAIL-ESCAPED: sent " + names[i] + " to " + key
							+ " (pid " + pid + ")");
					} else {
						notes.add(key + " " + names[i] + ": refused");
					}
				} catch (RuntimeException e) {
					notes.add(key + " " + names[i] + ": " + e);
				}
			}
		}
		if (targets == 0) {
			System.out.println("LANGJAIL-SETUP-ERROR: no victim pids given");
			System.exit(1);
		}
		if (hits == 0)
			System.out.println("LANGJAIL-BLOCKED: " + String.join("; ", notes));
	}
}
