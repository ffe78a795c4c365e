public class Main {
	public static void main(String[] args) {
		Object nothing = null;
		System.out.println(nothing.toString());
	}
}
