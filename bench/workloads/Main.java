// The Java hello workload: bench/run compiles it with javac and runs it
// with the JVM flags of languages/java.ini, bare, under bwrap and under
// langjail.
public class Main {
	public static void main(String[] args) {
		System.out.println("hello, world");
	}
}
