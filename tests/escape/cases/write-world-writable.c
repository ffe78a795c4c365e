// id: write-world-writable-c
// category: write
// tries: C: create a file, a directory and a symlink in a world-writable (1777) host directory outside /tmp (open O_CREAT|O_EXCL, mkdir, symlink)
// expect: blocked
// layers: landlock mac
// needs: canary
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
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
	const char *ww = arg(argc, argv, "wwdir");
	const char *run = arg(argc, argv, "run");
	char base[4096], path[4200], notes[1024] = "";
	int hits = 0;

	if (!ww) {
		printf("LANGJAIL-SETUP-ERROR: no wwdir= argument\n");
		return 1;
	}
	snprintf(base, sizeof(base), "%s/ljx-%s", ww, run ? run : "x");
	for (int step = 0; step < 3; step++) {
		static const char *const what[] = {
			"created a file", "created a directory", "created a symlink",
		};
		int ok;

		switch (step) {
		case 0: {
			int fd = open(base, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);

			ok = fd >= 0;
			if (ok) {
				ok = write(fd, "ljx\n", 4) == 4;
				(void) close(fd);
			}
			break;
		}
		case 1:
			snprintf(path, sizeof(path), "%s-dir", base);
			ok = mkdir(path, 0755) == 0;
			break;
		default:
			snprintf(path, sizeof(path), "%s-link", base);
			ok = symlink("/etc/passwd", path) == 0;
			break;
		}
		if (ok) {
			hits++;
			printf("LANGJAIL-ESCAPED: %s in %s\n", what[step], ww);
		} else {
			size_t len = strlen(notes);

			snprintf(notes + len, sizeof(notes) - len, "%s%s: %s", len ? "; " : "",
				 what[step], strerror(errno));
		}
	}
	if (hits == 0)
		printf("LANGJAIL-BLOCKED: %s is not writable from the jail (%s)\n", ww, notes);
	return 0;
}
