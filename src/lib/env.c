/*
 * env.c - PRIVILEGED: building and checking dedicated environments.
 *
 * An environment is configuration that the program runs: it must be owned by
 * root and writable by nobody else, or a jailed program (or another user)
 * could plant code the next run executes. It is built from a root-owned
 * system interpreter named in the language file, by running that interpreter
 * with a fixed argv and an empty environment (no shell, no PATH search).
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <poll.h>
#include <signal.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/sendfile.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "env.h"
#include "fsutil.h"
#include "macro.h"

static const char *source_of(const struct lj_lang *l)
{
	return l->env_from ? l->env_from : l->fallback;
}

/* The interpreter's path relative to the environment's root, or NULL. */
static const char *rel_interpreter(const struct lj_lang *l)
{
	size_t n = strlen(l->env_dir);

	if (strncmp(l->interpreter, l->env_dir, n) != 0 || l->interpreter[n] != '/')
		return NULL;
	return l->interpreter + n + 1;
}

/* The whole environment of every program this file runs. */
static char *const clean_envp[] = { (char *) "PATH=/usr/bin:/bin", (char *) "LANG=C.UTF-8", NULL };

static int spawn(char *const argv[], struct lj_err *e)
{
	int status;
	pid_t pid = fork();

	if (pid < 0)
		return lj_err_sys(e, errno, "env", "fork");
	if (pid == 0) {
		/* keep stderr for the tool's messages; stdout goes there too */
		if (dup2(2, 1) < 0)
			_exit(127);
		execve(argv[0], argv, clean_envp);
		_exit(127);
	}
	if (waitpid(pid, &status, 0) < 0)
		return lj_err_sys(e, errno, "env", "waitpid");
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
		return lj_err_set(e, ECHILD, "env", "%s failed (status %d)", argv[0],
				WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status));
	return 0;
}

static int copy_binary(const char *from, int dirfd, const char *rel, struct lj_err *e)
{
	_cleanup_close_ int in = open(from, O_RDONLY | O_CLOEXEC);
	_cleanup_close_ int out = -1;
	char buf[4096];
	struct stat st;
	const char *slash;

	if (in < 0)
		return lj_err_sys(e, errno, "env", "%s", from);
	if (fstat(in, &st) < 0 || !S_ISREG(st.st_mode) || st.st_uid != 0 ||
	    (st.st_mode & (S_IWGRP | S_IWOTH)))
		return lj_err_set(e, EPERM, "env", "%s must be a root-owned file writable only "
				"by root", from);
	/* mkdir -p of the parents, relative to dirfd */
	snprintf(buf, sizeof(buf), "%s", rel);
	for (char *p = buf; (slash = strchr(p, '/')); p = (char *) slash + 1) {
		*(char *) slash = '\0';
		if (mkdirat(dirfd, buf, 0755) < 0 && errno != EEXIST)
			return lj_err_sys(e, errno, "env", "mkdir %s", buf);
		*(char *) slash = '/';
	}
	out = openat(dirfd, rel, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0755);
	if (out < 0)
		return lj_err_sys(e, errno, "env", "create %s", rel);
	for (;;) {
		ssize_t n = sendfile(out, in, NULL, 1 << 20);

		if (n == 0)
			break;
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return lj_err_sys(e, errno, "env", "copy %s", from);
		}
	}
	if (fchmod(out, 0755) < 0 || fsync(out) < 0)
		return lj_err_sys(e, errno, "env", "finish %s", rel);
	return 0;
}

static int open_envs_dir(const struct lj_config *c, struct lj_err *e)
{
	return lj_fs_open_root(c->envs_dir, true, geteuid(), e);
}

static int create(const struct lj_config *c, const struct lj_lang *l, struct lj_err *e);

int lj_env_create(const struct lj_config *c, const struct lj_lang *l, struct lj_err *e)
{
	/* langjail runs with umask 077; an environment must be readable by
	 * the jail user, so its files are made with 022. */
	mode_t old = umask(022);
	int r = create(c, l, e);

	umask(old);
	return r;
}

static int create(const struct lj_config *c, const struct lj_lang *l, struct lj_err *e)
{
	_cleanup_close_ int root = -1;
	const char *rel = rel_interpreter(l), *from = source_of(l);
	const char *base = strrchr(l->env_dir, '/') + 1;
	char tmp[300], tmppath[4096], old[300];
	int fd, r;

	if (!l->env_create)
		return lj_err_set(e, ENOTSUP, "env", "%s: the language file says nothing about how "
				"to build its environment (env_create)", l->name);
	if (!rel)
		return lj_err_set(e, EINVAL, "env", "%s: interpreter %s is not inside env_dir %s",
				l->name, l->interpreter, l->env_dir);
	if (!from)
		return lj_err_set(e, EINVAL, "env", "%s: no env_from or fallback to build from",
				l->name);
	if (strncmp(l->env_dir, c->envs_dir, strlen(c->envs_dir)) != 0 ||
	    l->env_dir[strlen(c->envs_dir)] != '/' || strchr(base, '/') || !*base)
		return lj_err_set(e, EINVAL, "env", "%s: env_dir %s must be a directory directly "
				"in envs_dir %s", l->name, l->env_dir, c->envs_dir);
	root = open_envs_dir(c, e);
	if (root < 0)
		return root;
	if (fchmod(root, 0755) < 0)
		return lj_err_sys(e, errno, "env", "chmod %s", c->envs_dir);
	snprintf(tmp, sizeof(tmp), ".%s.new", base);
	(void) lj_fs_remove_tree(root, tmp, NULL, NULL);
	if (mkdirat(root, tmp, 0755) < 0)
		return lj_err_sys(e, errno, "env", "mkdir %s/%s", c->envs_dir, tmp);
	fd = openat(root, tmp, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0)
		return lj_err_sys(e, errno, "env", "open %s", tmp);
	if (fchmod(fd, 0755) < 0) {
		(void) close(fd);
		return lj_err_sys(e, errno, "env", "chmod %s", tmp);
	}
	snprintf(tmppath, sizeof(tmppath), "%s/%s", c->envs_dir, tmp);
	if (!strcmp(l->env_create, "venv")) {
		char *const argv[] = { (char *) from, (char *) "-I", (char *) "-m", (char *) "venv",
			(char *) "--copies", (char *) "--without-pip", tmppath, NULL };

		r = spawn(argv, e);
	} else if (!strcmp(l->env_create, "tree")) {
		/* A whole installation (a JDK finds its libraries and modules
		 * relative to its binaries): a copy of env_from's contents,
		 * links kept as links. lj_env_check below refuses the result
		 * unless every file is root-owned and writable only by root. */
		char src[4096];
		char *const argv[] = { (char *) "/bin/cp", (char *) "-a", (char *) "--reflink=auto",
			src, tmppath, NULL };

		if ((size_t) snprintf(src, sizeof(src), "%s/.", from) >= sizeof(src))
			r = lj_err_set(e, ENAMETOOLONG, "env", "%s: env_from is too long", l->name);
		else
			r = spawn(argv, e);
	} else {
		r = copy_binary(from, fd, rel, e);
	}
	(void) close(fd);
	if (r == 0) {
		struct stat st;

		/* the interpreter must be where the language file says */
		fd = openat(root, tmp, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
		if (fd < 0 || fstatat(fd, rel, &st, 0) < 0 || !S_ISREG(st.st_mode))
			r = lj_err_set(e, ENOENT, "env", "%s: the build made no %s", l->name, rel);
		if (fd >= 0)
			(void) close(fd);
	}
	if (r < 0) {
		(void) lj_fs_remove_tree(root, tmp, NULL, NULL);
		return r;
	}
	/* Swap in: the old environment (if any) is removed after the rename. */
	snprintf(old, sizeof(old), ".%s.old", base);
	(void) lj_fs_remove_tree(root, old, NULL, NULL);
	if (renameat(root, base, root, old) < 0 && errno != ENOENT)
		return lj_err_sys(e, errno, "env", "rename %s", l->env_dir);
	if (renameat(root, tmp, root, base) < 0)
		return lj_err_sys(e, errno, "env", "rename %s", tmp);
	(void) lj_fs_remove_tree(root, old, NULL, NULL);
	return lj_env_check(l, NULL, e);
}

int lj_env_remove(const struct lj_config *c, const struct lj_lang *l, struct lj_err *e)
{
	_cleanup_close_ int root = -1;
	const char *base = strrchr(l->env_dir, '/') + 1;
	struct stat st;

	root = lj_fs_open_root(c->envs_dir, false, geteuid(), e);
	if (root < 0)
		return root;
	if (fstatat(root, base, &st, AT_SYMLINK_NOFOLLOW) < 0)
		return lj_err_set(e, ENOENT, "env", "%s has no environment (%s)", l->name,
				l->env_dir);
	return lj_fs_remove_tree(root, base, NULL, e);
}

static uint64_t check_bytes;
static char check_bad[512];

static int check_one(const char *path, const struct stat *st, int type, struct FTW *f)
{
	(void) f;
	if (type == FTW_NS || type == FTW_DNR) {
		snprintf(check_bad, sizeof(check_bad), "%s: cannot be read", path);
		return 1;
	}
	if (st->st_uid != 0 || (!S_ISLNK(st->st_mode) && (st->st_mode & (S_IWGRP | S_IWOTH)))) {
		snprintf(check_bad, sizeof(check_bad), "%s is owned by uid %u with mode %04o",
				path, (unsigned) st->st_uid, (unsigned) (st->st_mode & 07777));
		return 1;
	}
	if (S_ISREG(st->st_mode))
		check_bytes += (uint64_t) st->st_size;
	return 0;
}

int lj_env_check(const struct lj_lang *l, uint64_t *ret_bytes, struct lj_err *e)
{
	int r;

	check_bytes = 0;
	check_bad[0] = '\0';
	if (access(l->env_dir, F_OK) < 0)
		return lj_err_set(e, ENOENT, "env", "%s has no environment (%s); create it with "
				"'langjail env create %s'", l->name, l->env_dir, l->name);
	r = nftw(l->env_dir, check_one, 16, FTW_PHYS | FTW_MOUNT);
	if (r < 0)
		return lj_err_sys(e, errno, "env", "walking %s", l->env_dir);
	if (r > 0)
		return lj_err_set(e, EPERM, "env", "%s: unsafe environment: %s", l->name, check_bad);
	if (access(l->interpreter, X_OK) < 0)
		return lj_err_set(e, ENOENT, "env", "%s: the interpreter %s is missing", l->name,
				l->interpreter);
	if (ret_bytes)
		*ret_bytes = check_bytes;
	return 0;
}

int lj_env_version(const struct lj_lang *l, const char *exe, bool as_user, uid_t uid,
		gid_t gid, char *buf, size_t len)
{
	struct lj_argv_vars vars = { .interpreter = exe,
		.compiler = l->compile.compiler ? l->compile.compiler : exe };
	_cleanup_free_ char **argv = NULL;
	struct timespec t0;
	int p[2], status, r;
	size_t got = 0;
	pid_t pid;

	if (!l->version || len == 0)
		return -ENOENT;
	r = lj_lang_expand_argv(l->version, &vars, NULL, &argv);
	if (r < 0)
		return r;
	if (pipe2(p, O_CLOEXEC) < 0)
		return -errno;
	pid = fork();
	if (pid < 0) {
		r = -errno;
		(void) close(p[0]);
		(void) close(p[1]);
		return r;
	}
	if (pid == 0) {
		int null = open("/dev/null", O_RDONLY | O_CLOEXEC);

		if (null < 0 || dup2(null, 0) < 0 || dup2(p[1], 1) < 0 || dup2(p[1], 2) < 0 ||
		    chdir("/") < 0)
			_exit(127);
		/* never as root: the jail user, who owns nothing it could change */
		if (as_user && (setgroups(1, &gid) < 0 || setresgid(gid, gid, gid) < 0 ||
				setresuid(uid, uid, uid) < 0 || setresuid(0, 0, 0) == 0))
			_exit(126);
		execve(argv[0], argv, clean_envp);
		_exit(127);
	}
	(void) close(p[1]);
	/* Read until EOF, a full buffer or 5 seconds, then kill it. */
	clock_gettime(CLOCK_MONOTONIC, &t0);
	while (got + 1 < len) {
		struct pollfd pfd = { .fd = p[0], .events = POLLIN };
		struct timespec now;
		long left;
		ssize_t n;

		clock_gettime(CLOCK_MONOTONIC, &now);
		left = 5000 - ((now.tv_sec - t0.tv_sec) * 1000 + (now.tv_nsec - t0.tv_nsec) / 1000000);
		r = left > 0 ? poll(&pfd, 1, (int) left) : 0;
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0) {
			got = 0;
			r = -ETIME;
			break;
		}
		n = read(p[0], buf + got, len - 1 - got);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		got += (size_t) n;
	}
	(void) close(p[0]);
	(void) kill(pid, SIGKILL);
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	if (r == -ETIME)
		return r;
	buf[got] = '\0';
	/* the first non-empty line, without control characters */
	{
		char *line = buf + strspn(buf, "\r\n \t");
		size_t n = strcspn(line, "\r\n");

		memmove(buf, line, n);
		buf[n] = '\0';
		for (char *c = buf; *c; c++)
			if ((unsigned char) *c < 0x20 || *c == 0x7f)
				*c = ' ';
	}
	return buf[0] ? 0 : -ENODATA;
}
