// id: read-shadow-cpp
// category: read
// tries: C++: read /etc/shadow and /etc/gshadow (password hashes) with std::ifstream
// expect: blocked
// layers: landlock mac uid
#include <cerrno>
#include <cstring>
#include <fstream>
#include <iostream>
#include <iterator>
#include <string>

int main()
{
	std::string notes;
	int hits = 0;

	for (const char *path : { "/etc/shadow", "/etc/gshadow", "/etc/shadow-", "/etc/gshadow-" }) {
		errno = 0;
		std::ifstream in(path, std::ios::binary);
		if (!in) {
			notes += std::string(notes.empty() ? "" : "; ") + path + ": " +
				 (errno ? std::strerror(errno) : "cannot open");
			continue;
		}
		std::string data((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
		// never print the hashes themselves: the length is proof enough
		hits++;
		std::cout << "LANGJAIL-ESCAPED: read " << data.size() << " bytes of " << path << std::endl;
	}
	if (hits == 0)
		std::cout << "LANGJAIL-BLOCKED: " << notes << std::endl;
	return 0;
}
