/*
 * priv.c - PRIVILEGED: the caller's identity and file access on its behalf.
 *
 * Root-only calls live here, in child.c and in layer-*.c (a lint test
 * checks). Under sudo the environment is the caller's: only SUDO_UID and
 * SUDO_GID are read, as numbers, and the uid is checked against
 * [jail] callers by the CLI.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <pwd.h>
#include <stdio.h>
#include <string.h>
#include <sys/file.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <sys/fsuid.h>
#include <unistd.h>

#include "parse.h"
#include "priv.h"

static const char *env_get(char **envp, const char *name)
{
	size_t n = strlen(name);

	for (char **p = envp; p && *p; p++)
		if (strncmp(*p, name, n) == 0 && (*p)[n] == '=')
			return *p + n + 1;
	return NULL;
}

int lj_priv_detect(char **envp, struct lj_caller *ret, struct lj_err *e)
{
	struct lj_caller c = { 0 };
	uid_t ruid = getuid(), euid = geteuid();

	if (euid == 0 && ruid != 0)
		return lj_err_set(e, EPERM, "setup",
				"langjail must not be installed setuid; use the sudo rule");
	c.privileged = euid == 0;
	c.uid = ruid;
	c.gid = getgid();
	if (c.privileged) {
		const char *su = env_get(envp, "SUDO_UID"), *sg = env_get(envp, "SUDO_GID");
		uint64_t v;

		if (su) {
			if (lj_parse_uint(su, UINT32_MAX - 1, &v) < 0)
				return lj_err_set(e, EINVAL, "setup", "SUDO_UID is not a number");
			/* root running sudo is still root: nothing to protect from */
			if (v != 0)
				c.via_sudo = true;
			if (c.via_sudo) {
				c.uid = (uid_t) v;
				c.gid = (gid_t) -1;
				if (sg && lj_parse_uint(sg, UINT32_MAX - 1, &v) == 0)
					c.gid = (gid_t) v;
			}
		}
	}
	if (c.via_sudo && c.uid != 0) {
		struct passwd *pw = getpwuid(c.uid);
		int n = (int) (sizeof(c.groups) / sizeof(c.groups[0]));

		if (!pw)
			return lj_err_set(e, ENOENT, "setup", "caller uid %u has no passwd entry",
					(unsigned) c.uid);
		if (c.gid == (gid_t) -1)
			c.gid = pw->pw_gid;
		if (getgrouplist(pw->pw_name, c.gid, c.groups, &n) < 0)
			return lj_err_set(e, E2BIG, "setup", "caller is in too many groups");
		c.ngroups = (size_t) n;
	} else {
		int n = getgroups((int) (sizeof(c.groups) / sizeof(c.groups[0])), c.groups);

		if (n < 0)
			return lj_err_sys(e, errno, "setup", "getgroups");
		c.ngroups = (size_t) n;
		if (c.gid == (gid_t) -1)
			c.gid = getgid();
	}
	*ret = c;
	return 0;
}

int lj_priv_open_as_caller(const struct lj_caller *c, const char *path, int flags,
		struct lj_err *e)
{
	gid_t saved[64];
	int nsaved, fd, err;

	flags |= O_CLOEXEC | O_NOCTTY;
	if (!c->privileged || c->uid == 0) {
		fd = open(path, flags);
		if (fd < 0)
			return lj_err_sys(e, errno, "input", "%s", path);
		return fd;
	}
	nsaved = getgroups(64, saved);
	if (nsaved < 0)
		return lj_err_sys(e, errno, "setup", "getgroups");
	if (setgroups(c->ngroups, c->groups) < 0)
		return lj_err_sys(e, errno, "setup", "setgroups(caller)");
	setfsgid(c->gid);
	setfsuid(c->uid);
	/* setfs*id report the previous value; ask again to see the switch held */
	if ((uid_t) setfsuid((uid_t) -1) != c->uid || (gid_t) setfsgid((gid_t) -1) != c->gid) {
		setfsuid(0);
		setfsgid(0);
		(void) setgroups((size_t) nsaved, saved);
		return lj_err_set(e, EPERM, "setup", "could not take the caller's identity");
	}
	fd = open(path, flags);
	err = errno;
	setfsuid(0);
	setfsgid(0);
	if ((uid_t) setfsuid((uid_t) -1) != 0 || setgroups((size_t) nsaved, saved) < 0) {
		/* Half-switched identity: no way to continue safely. */
		_exit(125);
	}
	if (fd < 0)
		return lj_err_sys(e, err, "input", "%s", path);
	return fd;
}

int lj_priv_give_dir(int fd, uid_t uid, gid_t gid)
{
	return fchown(fd, uid, gid) < 0 ? -errno : 0;
}

int lj_priv_open_state_dir(const char *dir, struct lj_err *e)
{
	struct stat st;
	int dfd;

	if (mkdir(dir, 0700) < 0 && errno != EEXIST)
		return lj_err_sys(e, errno, "setup", "mkdir %s", dir);
	dfd = open(dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (dfd < 0)
		return lj_err_sys(e, errno, "setup", "%s", dir);
	if (fstat(dfd, &st) < 0 || st.st_uid != 0 || (st.st_mode & 077)) {
		(void) close(dfd);
		return lj_err_set(e, EPERM, "setup", "%s must be a root-owned directory of mode "
				"0700", dir);
	}
	return dfd;
}

int lj_priv_lock_uid(const char *lock_dir, uint32_t first, uint32_t last, uid_t *ret_uid,
		int *ret_fd, struct lj_err *e)
{
	uint32_t n = last - first + 1, start;
	int dfd = lj_priv_open_state_dir(lock_dir, e);

	if (dfd < 0)
		return dfd;
	/* Start at a random place so concurrent runs rarely contend. */
	if (getrandom(&start, sizeof(start), 0) != (ssize_t) sizeof(start))
		start = (uint32_t) getpid();
	for (uint32_t i = 0; i < n; i++) {
		uint32_t uid = first + (start + i) % n;
		char name[32];
		int fd;

		snprintf(name, sizeof(name), "uid-%u", uid);
		fd = openat(dfd, name, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0600);
		if (fd < 0) {
			int err = errno;

			(void) close(dfd);
			return lj_err_sys(e, err, "setup", "%s/%s", lock_dir, name);
		}
		if (flock(fd, LOCK_EX | LOCK_NB) == 0) {
			(void) close(dfd);
			*ret_uid = (uid_t) uid;
			*ret_fd = fd;
			return 0;
		}
		(void) close(fd);
	}
	(void) close(dfd);
	return lj_err_set(e, EBUSY, "busy", "all %u jail uids (%u-%u) are in use", n, first, last);
}
