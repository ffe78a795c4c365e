// id: net-tcp4-c
// category: network
// tries: C: connect to a TCP listener the runner owns on 127.0.0.1 and send data (socket, non-blocking connect, poll)
// expect: blocked
// layers: netns landlock seccomp
// needs: listener
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static const char *arg(int argc, char **argv, const char *key)
{
	size_t n = strlen(key);

	for (int i = 1; i < argc; i++)
		if (strncmp(argv[i], key, n) == 0 && argv[i][n] == '=')
			return argv[i] + n + 1;
	return NULL;
}

int main(int argc, char **argv)
{
	const char *port = arg(argc, argv, "tcp4");
	const char *run = arg(argc, argv, "run");
	struct sockaddr_in sin = { .sin_family = AF_INET };
	char payload[256];
	int fd, err = 0;
	socklen_t len = sizeof(err);

	if (!port) {
		printf("LANGJAIL-SETUP-ERROR: no tcp4= argument\n");
		return 1;
	}
	sin.sin_port = htons((unsigned short) strtoul(port, NULL, 10));
	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	snprintf(payload, sizeof(payload), "ljx net-tcp4-c %s\n", run ? run : "");

	fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (fd < 0) {
		printf("LANGJAIL-BLOCKED: socket(): %s\n", strerror(errno));
		return 0;
	}
	/* never hang: a verdict within 3 s */
	if (connect(fd, (struct sockaddr *) &sin, sizeof(sin)) < 0) {
		struct pollfd p = { .fd = fd, .events = POLLOUT };

		if (errno != EINPROGRESS) {
			printf("LANGJAIL-BLOCKED: connect 127.0.0.1:%s: %s\n", port, strerror(errno));
			return 0;
		}
		if (poll(&p, 1, 3000) != 1) {
			printf("LANGJAIL-BLOCKED: no connection within 3 s\n");
			return 0;
		}
		if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len) < 0)
			err = errno;
		if (err) {
			printf("LANGJAIL-BLOCKED: connect 127.0.0.1:%s: %s\n", port, strerror(err));
			return 0;
		}
	}
	ssize_t n = send(fd, payload, strlen(payload), MSG_NOSIGNAL);

	if (n < 0)
		printf("LANGJAIL-BLOCKED: send to 127.0.0.1:%s: %s\n", port, strerror(errno));
	else
		printf("LANGJAIL-ESCAPED: connected to 127.0.0.1:%s and sent %zd bytes\n", port, n);
	(void) close(fd);
	return 0;
}
