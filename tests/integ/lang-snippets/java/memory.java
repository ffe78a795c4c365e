import java.util.ArrayList;
import java.util.List;

public class Main {
	public static void main(String[] args) {
		List<byte[]> hog = new ArrayList<>();
		for (;;) {
			byte[] b = new byte[1 << 20];
			for (int i = 0; i < b.length; i += 4096)
				b[i] = 1;
			hog.add(b);
		}
	}
}
