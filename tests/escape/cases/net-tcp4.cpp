// id: net-tcp4-cpp
// category: network
// tries: C++: connect to a TCP listener the runner owns on 127.0.0.1 and send data (POSIX sockets, a 3 s send/receive timeout)
// expect: blocked
// layers: netns landlock seccomp
// needs: listener
#include <arpa/inet.h>
#include <cerrno>
#include <cstring>
#include <iostream>
#include <map>
#include <netinet/in.h>
#include <string>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	std::map<std::string, std::string> a;
	for (int i = 1; i < argc; i++) {
		std::string s = argv[i];
		auto eq = s.find('=');
		if (eq != std::string::npos)
			a[s.substr(0, eq)] = s.substr(eq + 1);
	}
	if (a["tcp4"].empty()) {
		std::cout << "LANGJAIL-SETUP-ERROR: no tcp4= argument" << std::endl;
		return 1;
	}
	const std::string where = "127.0.0.1:" + a["tcp4"];
	const std::string payload = "ljx net-tcp4-cpp " + a["run"] + "\n";

	int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0) {
		std::cout << "LANGJAIL-BLOCKED: socket(): " << std::strerror(errno) << std::endl;
		return 0;
	}
	// never hang: on Linux SO_SNDTIMEO also bounds connect()
	timeval tv{ 3, 0 };
	(void) setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv));
	sockaddr_in sin{};
	sin.sin_family = AF_INET;
	sin.sin_port = htons(static_cast<uint16_t>(std::stoul(a["tcp4"])));
	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (connect(fd, reinterpret_cast<sockaddr *>(&sin), sizeof(sin)) < 0) {
		std::cout << "LANGJAIL-BLOCKED: connect " << where << ": " << std::strerror(errno) << std::endl;
		return 0;
	}
	ssize_t n = send(fd, payload.data(), payload.size(), MSG_NOSIGNAL);
	if (n < 0)
		std::cout << "LANGJAIL-BLOCKED: send to " << where << ": " << std::strerror(errno) << std::endl;
	else
		std::cout << "LANGJAIL-ESCAPED: connected to " << where << " and sent " << n << " bytes"
			  << std::endl;
	(void) close(fd);
	return 0;
}
