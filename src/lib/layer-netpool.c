/*
 * layer-netpool.c - PRIVILEGED: the pool of empty network namespaces.
 *
 * Layout of the state directory (root-owned, 0700):
 *   net-N.lock  an empty file; a run holds an exclusive flock on it while it
 *               uses slot N (never removed: removing a lock file others may
 *               have open would let two runs lock two different files of the
 *               same name)
 *   net-N       the namespace, an nsfs bind mount on an empty file
 *
 * A namespace of the pool has only its loopback device, up, as a fresh one
 * of a run has. Nothing a run does in it outlives the run's processes: its
 * sockets close with them, and changing the namespace itself (addresses,
 * routes, sysctls, netfilter) needs CAP_NET_ADMIN in the initial user
 * namespace, which the program never has.
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <net/if.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <sys/file.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>
#include <linux/nsfs.h>

#include "layer-netpool.h"
#include "macro.h"
#include "priv.h"

void lj_netpool_slot_init(struct lj_netpool_slot *s)
{
	memset(s, 0, sizeof(*s));
	s->ns_fd = s->lock_fd = -1;
}

void lj_netpool_release(struct lj_netpool_slot *s)
{
	if (s->ns_fd >= 0)
		(void) close(s->ns_fd);
	if (s->lock_fd >= 0)
		(void) close(s->lock_fd);
	s->ns_fd = s->lock_fd = -1;
}

int lj_netns_loopback_up(void)
{
	struct ifreq ifr;
	int s = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0), r = 0;

	if (s < 0)
		return -errno;
	memset(&ifr, 0, sizeof(ifr));
	memcpy(ifr.ifr_name, "lo", 3);
	if (ioctl(s, SIOCGIFFLAGS, &ifr) < 0)
		r = -errno;
	ifr.ifr_flags |= IFF_UP;
	if (r == 0 && ioctl(s, SIOCSIFFLAGS, &ifr) < 0)
		r = -errno;
	(void) close(s);
	return r;
}

/* The namespace of slot @name: its fd, -ENOENT when there is none yet (no
 * file, or the file is not an nsfs mount), -EEXIST when it is the caller's
 * own (the host's) namespace, -EXDEV when another user namespace than the
 * caller's owns it (the run's init could not enter it), other -errno. */
static int open_ns(int dfd, const char *name)
{
	int fd = openat(dfd, name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC), type;

	if (fd < 0)
		return -errno;
	type = ioctl(fd, NS_GET_NSTYPE);
	if (type == CLONE_NEWNET) {
		struct stat a, b, ua, ub;
		int user = ioctl(fd, NS_GET_USERNS), err = 0;

		if (user < 0 || fstat(fd, &a) < 0 || stat("/proc/thread-self/ns/net", &b) < 0 ||
		    fstat(user, &ua) < 0 || stat("/proc/thread-self/ns/user", &ub) < 0)
			err = errno;
		else if (a.st_ino == b.st_ino && a.st_dev == b.st_dev)
			err = EEXIST;    /* the host's own namespace */
		else if (ua.st_ino != ub.st_ino || ua.st_dev != ub.st_dev)
			err = EXDEV;     /* owned by another user namespace than ours */
		if (user >= 0)
			(void) close(user);
		if (err) {
			(void) close(fd);
			return -err;
		}
		return fd;
	}
	(void) close(fd);
	if (type < 0 && errno != ENOTTY)
		return -errno;
	return -ENOENT;    /* the empty mount point: not made yet */
}

/*
 * Make slot @name's namespace: the supervisor steps into a new one, brings
 * its loopback up, binds it on DIR/name (through the directory's fd, not its
 * path) and steps back.
 */
static int make_ns(int dfd, const char *name, struct lj_err *e)
{
	char target[64];
	int fd, orig, r = 0;

	fd = openat(dfd, name, O_WRONLY | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0600);
	if (fd < 0)
		return lj_err_sys(e, errno, "netns", "create the mount point %s", name);
	(void) close(fd);
	orig = open("/proc/thread-self/ns/net", O_RDONLY | O_CLOEXEC);
	if (orig < 0)
		return lj_err_sys(e, errno, "netns", "open /proc/thread-self/ns/net");
	if (unshare(CLONE_NEWNET) < 0) {
		r = lj_err_sys(e, errno, "netns", "unshare a network namespace");
		(void) close(orig);
		return r;
	}
	r = lj_netns_loopback_up();
	if (r < 0)
		lj_err_sys(e, -r, "netns", "bring up loopback");
	snprintf(target, sizeof(target), "/proc/self/fd/%d/%s", dfd, name);
	if (r == 0 && mount("/proc/thread-self/ns/net", target, NULL, MS_BIND, NULL) < 0)
		r = lj_err_sys(e, errno, "netns", "bind the namespace on %s", name);
	if (setns(orig, CLONE_NEWNET) < 0) {
		/* Only the supervisor is affected, and it uses no network. */
		r = lj_err_sys(e, errno, "netns", "return to the original network namespace");
	}
	(void) close(orig);
	return r;
}

/* @lfd still is DIR/name (not a file removed and made again meanwhile). */
static bool still_linked(int dfd, const char *name, int lfd)
{
	struct stat a, b;

	return fstat(lfd, &a) == 0 && fstatat(dfd, name, &b, AT_SYMLINK_NOFOLLOW) == 0 &&
		a.st_ino == b.st_ino && a.st_dev == b.st_dev && S_ISREG(b.st_mode);
}

int lj_netpool_take(const char *dir, unsigned size, struct lj_netpool_slot *ret,
		struct lj_err *e)
{
	_cleanup_close_ int dfd = -1;

	lj_netpool_slot_init(ret);
	if (size == 0)
		return lj_err_set(e, ENOENT, "netns", "the pool is off (netns_pool = 0)");
	dfd = lj_priv_open_state_dir(dir, e);
	if (dfd < 0)
		return dfd;
	/* Lowest free slot first: runs one after another share slot 0 and the
	 * pool grows only as far as runs overlap. */
	for (unsigned i = 0; i < size; i++) {
		char lock[32], name[32];
		int lfd, ns;

		snprintf(lock, sizeof(lock), "net-%u.lock", i);
		snprintf(name, sizeof(name), "net-%u", i);
		lfd = openat(dfd, lock, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0600);
		if (lfd < 0)
			return lj_err_sys(e, errno, "netns", "%s/%s", dir, lock);
		if (flock(lfd, LOCK_EX | LOCK_NB) < 0) {
			int err = errno;

			(void) close(lfd);
			if (err == EWOULDBLOCK)
				continue;
			return lj_err_sys(e, err, "netns", "lock %s/%s", dir, lock);
		}
		if (!still_linked(dfd, lock, lfd)) {
			(void) close(lfd);
			return lj_err_set(e, ESTALE, "netns", "%s/%s changed while locking it",
					dir, lock);
		}
		ns = open_ns(dfd, name);
		if (ns == -ENOENT) {
			int r = make_ns(dfd, name, e);

			if (r < 0) {
				(void) close(lfd);
				return r;
			}
			ret->created = true;
			ns = open_ns(dfd, name);
		}
		if (ns < 0) {
			(void) close(lfd);
			if (ns == -EEXIST)
				return lj_err_set(e, EEXIST, "netns", "%s/%s is the host's network "
						"namespace", dir, name);
			if (ns == -EXDEV)
				return lj_err_set(e, EXDEV, "netns", "%s/%s belongs to another user "
						"namespace", dir, name);
			return lj_err_sys(e, -ns, "netns", "%s/%s", dir, name);
		}
		ret->ns_fd = ns;
		ret->lock_fd = lfd;
		ret->index = i;
		return 0;
	}
	return lj_err_set(e, EBUSY, "netns", "all %u namespaces of the pool are in use", size);
}

/* Calls @fn for every slot N that has a lock file in @dfd, with the lock
 * file's fd (opened, not locked) and N. */
static int each_slot(int dfd, int (*fn)(int dfd, int lfd, unsigned n, void *data), void *data)
{
	int d2 = dup(dfd);
	DIR *d;
	struct dirent *de;
	int r = 0;

	if (d2 < 0)
		return -errno;
	d = fdopendir(d2);
	if (!d) {
		(void) close(d2);
		return -errno;
	}
	while (r == 0 && (de = readdir(d))) {
		unsigned n;
		char tail[8];
		int lfd;

		if (sscanf(de->d_name, "net-%u.loc%7s", &n, tail) != 2 || strcmp(tail, "k") != 0)
			continue;
		lfd = openat(dfd, de->d_name, O_RDWR | O_NOFOLLOW | O_CLOEXEC);
		if (lfd < 0)
			continue;
		r = fn(dfd, lfd, n, data);
		(void) close(lfd);
	}
	closedir(d);
	return r;
}

static int gc_one(int dfd, int lfd, unsigned n, void *data)
{
	char name[32], target[64];
	unsigned *removed = data;

	if (flock(lfd, LOCK_EX | LOCK_NB) < 0)
		return 0;   /* a run uses it */
	snprintf(name, sizeof(name), "net-%u", n);
	snprintf(target, sizeof(target), "/proc/self/fd/%d/%s", dfd, name);
	if (umount2(target, MNT_DETACH | UMOUNT_NOFOLLOW) == 0)
		(*removed)++;
	else if (errno != EINVAL && errno != ENOENT)
		return -errno;
	if (unlinkat(dfd, name, 0) < 0 && errno != ENOENT)
		return -errno;
	return 0;
}

int lj_netpool_gc(const char *dir, unsigned *ret_removed, struct lj_err *e)
{
	_cleanup_close_ int dfd = -1;
	unsigned removed = 0;
	int r;

	*ret_removed = 0;
	if (access(dir, F_OK) < 0 && errno == ENOENT)
		return 0;
	dfd = lj_priv_open_state_dir(dir, e);
	if (dfd < 0)
		return dfd;
	r = each_slot(dfd, gc_one, &removed);
	*ret_removed = removed;
	if (r < 0)
		return lj_err_sys(e, -r, "netns", "removing the pool's namespaces in %s", dir);
	return 0;
}

struct count { unsigned total, busy; };

static int count_one(int dfd, int lfd, unsigned n, void *data)
{
	struct count *c = data;
	char name[32];
	int ns;

	snprintf(name, sizeof(name), "net-%u", n);
	ns = open_ns(dfd, name);
	if (ns < 0)
		return 0;
	(void) close(ns);
	c->total++;
	if (flock(lfd, LOCK_SH | LOCK_NB) < 0)
		c->busy++;
	return 0;
}

int lj_netpool_count(const char *dir, unsigned *ret_total, unsigned *ret_busy)
{
	_cleanup_close_ int dfd = open(dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	struct count c = { 0, 0 };
	int r;

	*ret_total = *ret_busy = 0;
	if (dfd < 0)
		return errno == ENOENT ? 0 : -errno;
	r = each_slot(dfd, count_one, &c);
	*ret_total = c.total;
	*ret_busy = c.busy;
	return r;
}
