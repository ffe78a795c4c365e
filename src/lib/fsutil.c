/*
 * fsutil.c - creating and removing run workdirs.
 *
 * Threat: the program owns its workdir and can fill it with symlinks to
 * /etc, hardlinks, FIFOs, read-only or unreadable directories, and names with
 * newlines. Root must never follow any of it (Judge0's CVE-2024-28185 was a
 * root write through a planted symlink). So the tree is walked by file
 * descriptor only: openat(O_NOFOLLOW|O_DIRECTORY), fstat, unlinkat; a
 * directory is entered only when it is on the workdir's device; the only
 * permission change is fchmod on a directory fd we opened without following
 * links.
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fsutil.h"
#include "macro.h"

int lj_write_all(int fd, const void *buf, size_t len)
{
	const char *p = buf;

	while (len) {
		ssize_t n = write(fd, p, len);

		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -errno;
		}
		p += n;
		len -= (size_t) n;
	}
	return 0;
}

int lj_fs_open_root(const char *path, bool create, uid_t owner, struct lj_err *e)
{
	_cleanup_close_ int fd = -1;
	char comp[4096];
	const char *p = path;
	struct stat st;

	if (path[0] != '/' || strlen(path) >= sizeof(comp))
		return lj_err_set(e, EINVAL, "workdir", "workdir root '%s' is not absolute", path);
	fd = open("/", O_PATH | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return lj_err_sys(e, errno, "workdir", "open /");
	/* Walk component by component without following symlinks. The
	 * parents need only search permission (O_PATH); the last ones may be
	 * ours to make, with mode 0711 whatever the umask. */
	while (*p) {
		const char *slash;
		size_t n;
		int nfd;

		while (*p == '/')
			p++;
		if (!*p)
			break;
		slash = strchr(p, '/');
		n = slash ? (size_t) (slash - p) : strlen(p);
		memcpy(comp, p, n);
		comp[n] = '\0';
		p += n;
		if (strcmp(comp, "..") == 0 || strcmp(comp, ".") == 0)
			return lj_err_set(e, EINVAL, "workdir", "workdir root '%s' has '.' or '..'",
					path);
		nfd = openat(fd, comp, O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
		if (nfd < 0 && errno == ENOENT && create) {
			if (mkdirat(fd, comp, 0711) == 0) {
				if (fchmodat(fd, comp, 0711, 0) < 0)
					return lj_err_sys(e, errno, "workdir", "chmod %s", path);
			} else if (errno != EEXIST) {
				return lj_err_sys(e, errno, "workdir", "mkdir %s", path);
			}
			nfd = openat(fd, comp, O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
		}
		if (nfd < 0)
			return lj_err_sys(e, errno, "workdir", "workdir root %s (at '%s')", path,
					comp);
		(void) close(fd);
		fd = nfd;
	}
	if (fstat(fd, &st) < 0)
		return lj_err_sys(e, errno, "workdir", "fstat %s", path);
	if (st.st_uid != owner || (st.st_mode & (S_IWGRP | S_IWOTH)))
		return lj_err_set(e, EPERM, "workdir",
				"workdir root %s must be owned by uid %u and not writable by "
				"group or others (it is uid %u, mode %04o)", path, (unsigned) owner,
				(unsigned) st.st_uid, (unsigned) (st.st_mode & 07777));
	{
		/* A real descriptor for the checked directory (listing it, in gc). */
		int rfd = openat(fd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);

		if (rfd < 0)
			return lj_err_sys(e, errno, "workdir", "open %s", path);
		return rfd;
	}
}

int lj_fs_random_name(char *ret_name, size_t len)
{
	static const char alnum[] = "abcdefghijklmnopqrstuvwxyz0123456789";
	unsigned char rnd[6];

	if (len < 11)
		return -EINVAL;
	if (getrandom(rnd, sizeof(rnd), 0) != (ssize_t) sizeof(rnd))
		return -errno;
	memcpy(ret_name, "run-", 4);
	for (int i = 0; i < 6; i++)
		ret_name[4 + i] = alnum[rnd[i] % (sizeof(alnum) - 1)];
	ret_name[10] = '\0';
	return 0;
}

int lj_fs_mkdtemp(int root_fd, char *ret_name, size_t len, struct lj_err *e)
{
	if (len < 16)
		return lj_err_set(e, EINVAL, "workdir", "name buffer too small");
	for (int attempt = 0; attempt < 100; attempt++) {
		char name[16];
		int fd, r = lj_fs_random_name(name, sizeof(name));

		if (r < 0)
			return lj_err_sys(e, -r, "workdir", "getrandom");
		if (mkdirat(root_fd, name, 0700) < 0) {
			if (errno == EEXIST)
				continue;
			return lj_err_sys(e, errno, "workdir", "mkdir %s", name);
		}
		fd = openat(root_fd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
		if (fd < 0) {
			int err = errno;

			(void) unlinkat(root_fd, name, AT_REMOVEDIR);
			return lj_err_sys(e, err, "workdir", "open %s", name);
		}
		memcpy(ret_name, name, 11);
		return fd;
	}
	return lj_err_set(e, EEXIST, "workdir", "could not find a free workdir name");
}

struct walk {
	int top_fd;       /* the workdir itself */
	dev_t dev;        /* its device: never leave it */
	uint64_t mnt_id;  /* and its mount: a bind mount shares the device */
	size_t count;     /* entries removed */
	unsigned moved;   /* deep directories moved up to the top */
};

#define WALK_DEPTH 64

/* The mount id of @fd (0 when the kernel cannot tell: then only st_dev). */
static uint64_t mount_id(int fd)
{
	struct statx sx;

	if (statx(fd, "", AT_EMPTY_PATH | AT_SYMLINK_NOFOLLOW, STATX_MNT_ID, &sx) < 0 ||
	    !(sx.stx_mask & STATX_MNT_ID))
		return 0;
	return sx.stx_mnt_id;
}

/* Empty the directory @fd (which we opened with O_NOFOLLOW). Recursion depth is
 * bounded: a program can nest directories deeper than our stack or fd limit,
 * so a directory found at the depth limit is renamed up to the top of the
 * workdir (same file system) and removed by a later pass. */
static int empty_dir(int fd, struct walk *w, unsigned depth)
{
	DIR *d;
	struct dirent *de;
	int ret = 0;
	/* A new open file description: dup() would share (and exhaust) the
	 * read position of @fd across passes. */
	int dfd = openat(fd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);

	if (dfd < 0)
		return -errno;
	d = fdopendir(dfd);
	if (!d) {
		int err = errno;

		(void) close(dfd);
		return -err;
	}
	while ((errno = 0, de = readdir(d))) {
		const char *n = de->d_name;
		bool is_dir = de->d_type == DT_DIR;
		int r;

		if (strcmp(n, ".") == 0 || strcmp(n, "..") == 0)
			continue;
		if (de->d_type == DT_UNKNOWN) {
			struct stat st;

			if (fstatat(fd, n, &st, AT_SYMLINK_NOFOLLOW) < 0) {
				if (errno != ENOENT && !ret)
					ret = -errno;
				continue;
			}
			is_dir = S_ISDIR(st.st_mode);
		}
		if (is_dir) {
			struct stat st;
			int sub;

			if (depth == 0) {
				char up[32];
				int rr;

				/* Moving a directory rewrites its "..": it must be
				 * writable (it is ours, on our device, not a link). */
				if (fchmodat(fd, n, 0700, 0) < 0 && !ret)
					ret = -errno;
				/* NOREPLACE: the program may have made names like ours */
				do {
					snprintf(up, sizeof(up), ".deep-%u", w->moved++);
					rr = renameat2(fd, n, w->top_fd, up, RENAME_NOREPLACE);
				} while (rr < 0 && errno == EEXIST);
				if (rr < 0 && !ret)
					ret = -errno;
				else if (!ret)
					ret = -EAGAIN;   /* ask for another pass */
				continue;
			}
			sub = openat(fd, n, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC |
					O_NONBLOCK);
			if (sub < 0 && errno == EACCES) {
				/* The program made it unreadable: restore u+rwx through an
				 * O_PATH-free route: chmod the name relative to fd, without
				 * following (fchmodat has no NOFOLLOW for dirs, so check
				 * first that it is still a directory on our device). */
				if (fstatat(fd, n, &st, AT_SYMLINK_NOFOLLOW) == 0 &&
				    S_ISDIR(st.st_mode) && st.st_dev == w->dev &&
				    fchmodat(fd, n, 0700, 0) == 0)
					sub = openat(fd, n, O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
							O_CLOEXEC | O_NONBLOCK);
			}
			if (sub < 0) {
				if (errno != ENOENT && !ret)
					ret = -errno;
				continue;
			}
			if (fstat(sub, &st) < 0 || st.st_dev != w->dev ||
			    mount_id(sub) != w->mnt_id) {
				/* a mount point: never descend into another file system */
				(void) close(sub);
				if (!ret)
					ret = -EXDEV;
				continue;
			}
			if ((st.st_mode & 0700) != 0700)
				(void) fchmod(sub, 0700);
			r = empty_dir(sub, w, depth - 1);
			(void) close(sub);
			if (r < 0 && !ret)
				ret = r;
			if (unlinkat(fd, n, AT_REMOVEDIR) < 0) {
				if (errno != ENOENT && !ret)
					ret = -errno;
			} else {
				w->count++;
			}
		} else {
			if (unlinkat(fd, n, 0) < 0) {
				if (errno != ENOENT && !ret)
					ret = -errno;
			} else {
				w->count++;
			}
		}
	}
	if (errno && !ret)
		ret = -errno;
	closedir(d);
	return ret;
}

int lj_fs_remove_tree(int parent_fd, const char *name, size_t *ret_count, struct lj_err *e)
{
	_cleanup_close_ int fd = -1;
	struct stat st;
	struct walk w = { 0 };
	int r = 0;

	if (unlinkat(parent_fd, name, AT_REMOVEDIR) == 0)
		goto done;
	if (errno == ENOENT)
		goto done;
	if (errno != ENOTEMPTY && errno != EEXIST)
		return lj_err_sys(e, errno, "cleanup", "rmdir %s", name);
	fd = openat(parent_fd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0 && errno == EACCES && fchmodat(parent_fd, name, 0700, 0) == 0)
		fd = openat(parent_fd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0)
		return lj_err_sys(e, errno, "cleanup", "open %s", name);
	if (fstat(fd, &st) < 0)
		return lj_err_sys(e, errno, "cleanup", "fstat %s", name);
	if ((st.st_mode & 0700) != 0700 && fchmod(fd, 0700) < 0)
		return lj_err_sys(e, errno, "cleanup", "chmod %s", name);
	w.top_fd = fd;
	w.dev = st.st_dev;
	w.mnt_id = mount_id(fd);
	/* The caller removes the tree only after the whole process tree was
	 * reaped, so nothing races us; passes repeat only while deep directories
	 * were moved up, and every pass removes at least the moved level. */
	for (unsigned pass = 0; pass < 1000000; pass++) {
		r = empty_dir(fd, &w, WALK_DEPTH);
		if (unlinkat(parent_fd, name, AT_REMOVEDIR) == 0 || errno == ENOENT)
			goto done;
		if (r != -EAGAIN)
			break;
	}
	if (r < 0)
		return lj_err_sys(e, -r, "cleanup", "remove %s", name);
	return lj_err_sys(e, errno, "cleanup", "rmdir %s", name);
done:
	if (ret_count)
		*ret_count = w.count;
	return 0;
}
