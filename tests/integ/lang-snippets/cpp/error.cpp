// A runtime error: an out-of-range index, reported by main.
#include <iostream>
#include <stdexcept>
#include <vector>

int main()
{
	std::vector<int> v(3);

	try {
		return v.at(7);
	} catch (const std::out_of_range &e) {
		std::cerr << "error: " << e.what() << std::endl;
		return 1;
	}
}
