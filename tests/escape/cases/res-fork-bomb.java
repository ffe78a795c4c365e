// id: res-fork-bomb-java
// category: resources
// tries: Java: fork bomb: every process starts copies of itself forever (ProcessBuilder with this JVM's own command line); the run must end and the host stay usable
// expect: contained
// layers: cgroup rlimits
// destructive: yes
// args: --procs 32 --wall 10
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

public class Main {
	public static void main(String[] args) throws Exception {
		// Java has no fork(): each copy is a new JVM with the same command
		// line (from /proc/self/cmdline), which does the same
		List<String> cmd = new ArrayList<>();
		for (String s : new String(Files.readAllBytes(Path.of("/proc/self/cmdline")),
				StandardCharsets.UTF_8).split("\0"))
			cmd.add(s);
		ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.DISCARD);
		for (;;) {
			try {
				pb.start();
			} catch (IOException | OutOfMemoryError e) {
				Thread.sleep(10);
			}
		}
	}
}
