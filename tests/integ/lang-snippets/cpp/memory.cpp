#include <memory>
#include <vector>

int main()
{
	std::vector<std::unique_ptr<char[]>> hog;

	for (;;) {
		// value-initialised: every byte is written, every page touched
		hog.push_back(std::make_unique<char[]>(1 << 20));
		hog.back()[0] = 1;
	}
}
