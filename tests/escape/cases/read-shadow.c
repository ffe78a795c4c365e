// id: read-shadow-c
// category: read
// tries: C: read /etc/shadow and /etc/gshadow (password hashes) with open(2) and read(2)
// expect: blocked
// layers: landlock mac uid
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int main(void)
{
	static const char *const paths[] = {
		"/etc/shadow", "/etc/gshadow", "/etc/shadow-", "/etc/gshadow-",
	};
	char notes[1024] = "";
	char buf[4096];
	int hits = 0;

	for (size_t i = 0; i < sizeof(paths) / sizeof(paths[0]); i++) {
		int fd = open(paths[i], O_RDONLY | O_CLOEXEC);
		ssize_t n = fd < 0 ? -1 : read(fd, buf, sizeof(buf));

		if (n >= 0) {
			/* never print the hashes themselves: the length is proof enough */
			hits++;
			printf("LANGJAIL-ESCAPED: read %zd bytes of %s\n", n, paths[i]);
		} else {
			size_t len = strlen(notes);

			snprintf(notes + len, sizeof(notes) - len, "%s%s: %s", len ? "; " : "",
				 paths[i], strerror(errno));
		}
		if (fd >= 0)
			(void) close(fd);
	}
	if (hits == 0)
		printf("LANGJAIL-BLOCKED: %s\n", notes);
	return 0;
}
