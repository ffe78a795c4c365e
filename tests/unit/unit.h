/*
 * unit.h - helpers shared by the unit tests (check): temp dirs, files, an
 * independent JSON check through python3, and the suite runner.
 *
 * Everything here is static inline so each test links only what it uses.
 * Tests run as root in CI; helpers never follow symlinks when cleaning up.
 */
#ifndef LJ_UNIT_H
#define LJ_UNIT_H

#include <check.h>
#include <errno.h>
#include <fcntl.h>
#include <dirent.h>
#include <linux/limits.h>  /* PATH_MAX; <limits.h> can resolve to src/lib/limits.h */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#define UNIT_ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* Run @s, print the summary, and return the process exit status. */
static inline int unit_run(Suite *s)
{
	SRunner *sr = srunner_create(s);
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed != 0 ? EXIT_FAILURE : EXIT_SUCCESS;
}

/* The tcase-wide parent of every temp dir (see unit_top_setup). */
static char unit_top[PATH_MAX];

/* Make a fresh private directory under the tcase's parent (or $TMPDIR, or
 * /tmp) into @buf. */
static inline void unit_tmpdir(char *buf, size_t len, const char *tag)
{
	const char *base = unit_top[0] ? unit_top : getenv("TMPDIR");
	int n;

	if (!base || base[0] != '/')
		base = "/tmp";
	n = snprintf(buf, len, "%s/lj-unit-%s-XXXXXX", base, tag);
	ck_assert_int_gt(n, 0);
	ck_assert_uint_lt((size_t) n, len);
	ck_assert_msg(mkdtemp(buf) != NULL, "mkdtemp %s: %s", buf, strerror(errno));
}

/* Remove @name (relative to the current directory) and everything below it,
 * by walking with chdir so that depth costs no descriptors; never follows a
 * symlink, never crosses into another file system than @dev. */
static inline void unit_rm_here(const char *name, dev_t dev)
{
	struct stat st;
	DIR *d;
	struct dirent *de;
	char **names = NULL;
	size_t n = 0, cap = 0;

	if (lstat(name, &st) < 0)
		return;
	if (!S_ISDIR(st.st_mode)) {
		(void) unlink(name);
		return;
	}
	if (st.st_dev != dev)
		return;
	(void) chmod(name, 0700);
	if (chdir(name) < 0)
		return;
	d = opendir(".");
	while (d && (de = readdir(d))) {
		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		if (n == cap) {
			char **nn = realloc(names, (cap = cap ? 2 * cap : 64) * sizeof(char *));

			if (!nn)
				break;
			names = nn;
		}
		names[n] = strdup(de->d_name);
		if (names[n])
			n++;
	}
	if (d)
		closedir(d);
	for (size_t i = 0; i < n; i++) {
		unit_rm_here(names[i], dev);
		free(names[i]);
	}
	free(names);
	if (chdir("..") == 0)
		(void) rmdir(name);
}

/* Best-effort removal of a test's own temp tree (independent of the code
 * under test: test-fsutil checks lj_fs_remove_tree, not this). */
static inline void unit_rmrf(const char *path)
{
	int cwd = open(".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	struct stat st;

	if (lstat(path, &st) == 0 && chdir("/") == 0)
		unit_rm_here(path, st.st_dev);
	if (cwd >= 0) {
		if (fchdir(cwd) < 0)
			perror("unit_rmrf: fchdir");
		(void) close(cwd);
	}
}

/*
 * Unchecked fixtures (run in the runner process, so they also clean up after
 * a test that failed, whose own teardown check never runs): one parent dir
 * per tcase, searchable by all so a test that switched uid can reach the
 * directory it was given.
 */
static inline void unit_top_setup(void)
{
	const char *t = getenv("TMPDIR");
	int n;

	unit_top[0] = '\0';
	n = snprintf(unit_top, sizeof(unit_top), "%s/lj-unit-XXXXXX", t && t[0] == '/' ? t : "/tmp");
	if (n < 0 || (size_t) n >= sizeof(unit_top) || !mkdtemp(unit_top) ||
	    chmod(unit_top, 0711) < 0) {
		perror("unit_top_setup");
		unit_top[0] = '\0';
	}
}

static inline void unit_top_teardown(void)
{
	if (unit_top[0])
		unit_rmrf(unit_top);
	unit_top[0] = '\0';
}

/* Write @len bytes to a new file @path with @mode (exact: fchmod after umask). */
static inline void unit_write_file(const char *path, const void *data, size_t len, mode_t mode)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0600);
	const char *p = data;

	ck_assert_msg(fd >= 0, "create %s: %s", path, strerror(errno));
	while (len) {
		ssize_t n = write(fd, p, len);

		ck_assert_msg(n > 0, "write %s: %s", path, strerror(errno));
		p += n;
		len -= (size_t) n;
	}
	ck_assert_int_eq(fchmod(fd, mode), 0);
	ck_assert_int_eq(close(fd), 0);
}

/* Whether @s contains @needle. */
static inline bool unit_contains(const char *s, const char *needle)
{
	return s && needle && strstr(s, needle) != NULL;
}

/* @s made printable for a failure message: bytes outside 0x20..0x7e as \xNN. */
static inline const char *unit_esc(const char *s, size_t n, char *buf, size_t len)
{
	size_t o = 0;

	if (!s)
		return "(null)";
	for (size_t i = 0; i < n && o + 5 < len; i++) {
		unsigned char c = (unsigned char) s[i];

		if (c >= 0x20 && c < 0x7f && c != '\\')
			buf[o++] = (char) c;
		else
			o += (size_t) snprintf(buf + o, len - o, "\\x%02x", c);
	}
	buf[o] = '\0';
	return buf;
}

/* Exit status of unit_python when python3 could not be executed. */
#define UNIT_NO_PYTHON 127

/*
 * Feed @len bytes of @in to `python3 -c @script` and collect its stdout into
 * @out (NUL-terminated, truncated to @outlen). Returns the exit status, or
 * UNIT_NO_PYTHON when python3 is missing, or -1 when killed by a signal.
 * Used as an independent JSON parser: strict UTF-8 decoding, then json.loads.
 */
static inline int unit_python(const char *script, const void *in, size_t len, char *out,
		size_t outlen)
{
	int mfd = memfd_create("unit-json", MFD_CLOEXEC);
	int pfd[2];
	size_t got = 0;
	pid_t pid;
	int status;
	const char *p = in;
	size_t left = len;

	ck_assert_int_ge(mfd, 0);
	while (left) {
		ssize_t n = write(mfd, p, left);

		ck_assert_int_gt(n, 0);
		p += n;
		left -= (size_t) n;
	}
	ck_assert_int_eq(lseek(mfd, 0, SEEK_SET), 0);
	ck_assert_int_eq(pipe2(pfd, O_CLOEXEC), 0);
	pid = fork();
	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		if (dup2(mfd, 0) < 0 || dup2(pfd[1], 1) < 0)
			_exit(126);
		execlp("python3", "python3", "-c", script, (char *) NULL);
		_exit(UNIT_NO_PYTHON);
	}
	(void) close(pfd[1]);
	(void) close(mfd);
	for (;;) {
		char buf[4096];
		ssize_t n = read(pfd[0], buf, sizeof(buf));

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		for (ssize_t i = 0; i < n; i++)
			if (got + 1 < outlen)
				out[got++] = buf[i];
	}
	if (outlen)
		out[got] = '\0';
	(void) close(pfd[0]);
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	if (!WIFEXITED(status))
		return -1;
	return WEXITSTATUS(status);
}

/* The script prefix every JSON check uses: strict UTF-8, then RFC 8259. */
#define UNIT_PY_LOAD \
	"import json,sys,base64\n" \
	"raw=sys.stdin.buffer.read()\n" \
	"d=json.loads(raw.decode('utf-8','strict'))\n"

#endif
