// id: write-world-writable-cpp
// category: write
// tries: C++: create a file, a directory and a symlink in a world-writable (1777) host directory outside /tmp (std::ofstream, std::filesystem)
// expect: blocked
// layers: landlock mac
// needs: canary
#include <cerrno>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <map>
#include <string>
#include <system_error>
#include <utility>
#include <vector>

namespace fs = std::filesystem;

int main(int argc, char **argv)
{
	std::map<std::string, std::string> a;
	for (int i = 1; i < argc; i++) {
		std::string s = argv[i];
		auto eq = s.find('=');
		if (eq != std::string::npos)
			a[s.substr(0, eq)] = s.substr(eq + 1);
	}
	if (a["wwdir"].empty()) {
		std::cout << "LANGJAIL-SETUP-ERROR: no wwdir= argument" << std::endl;
		return 1;
	}
	const std::string base = a["wwdir"] + "/ljx-" + (a["run"].empty() ? "x" : a["run"]);
	const std::vector<std::pair<std::string, std::function<std::error_code()>>> tries = {
		{ "created a file", [&] {
			  errno = 0;
			  std::ofstream out(base, std::ios::binary);
			  out << "ljx\n";
			  return out ? std::error_code() : std::error_code(errno, std::generic_category());
		  } },
		{ "created a directory", [&] {
			  std::error_code ec;
			  if (!fs::create_directory(base + "-dir", ec) && !ec)
				  ec = std::make_error_code(std::errc::file_exists);
			  return ec;
		  } },
		{ "created a symlink", [&] {
			  std::error_code ec;
			  fs::create_symlink("/etc/passwd", base + "-link", ec);
			  return ec;
		  } },
	};
	int hits = 0;
	std::string notes;
	for (const auto &[what, f] : tries) {
		std::error_code ec = f();
		if (!ec) {
			hits++;
			std::cout << "LANGJAIL-ESCAPED: " << what << " in " << a["wwdir"] << std::endl;
		} else {
			notes += (notes.empty() ? "" : "; ") + what + ": " + ec.message();
		}
	}
	if (hits == 0)
		std::cout << "LANGJAIL-BLOCKED: " << a["wwdir"] << " is not writable from the jail ("
			  << notes << ")" << std::endl;
	return 0;
}
