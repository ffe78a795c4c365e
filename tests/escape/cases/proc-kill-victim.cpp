// id: proc-kill-victim-cpp
// category: process
// tries: C++: SIGTERM and SIGKILL two processes outside the jail (kill(2)): one of the caller, one running as the jail's own uid
// expect: blocked
// layers: pidns landlock
// needs: victim
#include <cerrno>
#include <csignal>
#include <cstring>
#include <iostream>
#include <map>
#include <string>
#include <unistd.h>
#include <utility>

int main(int argc, char **argv)
{
	std::map<std::string, std::string> a;
	for (int i = 1; i < argc; i++) {
		std::string s = argv[i];
		auto eq = s.find('=');
		if (eq != std::string::npos)
			a[s.substr(0, eq)] = s.substr(eq + 1);
	}
	int hits = 0, targets = 0;
	std::string notes;
	for (const char *key : { "victim", "victim65534" }) {
		const std::string &v = a[key];
		if (v.empty() || v.find_first_not_of("0123456789") != std::string::npos)
			continue;
		targets++;
		pid_t pid = static_cast<pid_t>(std::stol(v));
		if (pid == getpid())
			continue;
		for (const auto &[sig, name] : { std::pair{ SIGTERM, "SIGTERM" }, std::pair{ SIGKILL, "SIGKILL" } }) {
			if (kill(pid, sig) == 0) {
				hits++;
				std::cout << "LANGJAIL-ESCAPED: sent " << name << " to " << key << " (pid " << pid
					  << ")" << std::endl;
			} else {
				notes += std::string(notes.empty() ? "" : "; ") + key + " " + name + ": " +
					 std::strerror(errno);
			}
		}
	}
	if (targets == 0) {
		std::cout << "LANGJAIL-SETUP-ERROR: no victim pids given" << std::endl;
		return 1;
	}
	if (hits == 0)
		std::cout << "LANGJAIL-BLOCKED: " << notes << std::endl;
	return 0;
}
