/*
 * test-fsutil.c - unit tests for fsutil.c: workdir roots, fresh run
 * directories, hostile-tree removal, and lj_write_all.
 *
 * The removal tests build what a jailed program can leave in its workdir:
 * symlinks (absolute, relative, to directories, to "/", loops) pointing at a
 * canary outside, a hardlink to an outside file, unreadable and read-only
 * directories and files, FIFOs, sockets, device nodes, names with newlines,
 * broken UTF-8 and 255 bytes, directory chains deeper than the walk's depth
 * limit, names that collide with the walk's own ".deep-N", and 10 000 files.
 * After lj_fs_remove_tree the workdir must be gone, the count exact, and
 * everything outside untouched (content, mode, inode, link count).
 *
 * Each case runs as root (the privileged cleanup) and again as uid 65534 in
 * a tree it owns (an unprivileged caller's cleanup, where permission bits
 * bind). The mount cases run in a private mount namespace of a child.
 * Cases that need root are not registered when not run as root (a SKIP line
 * says which), so a skip is never counted as a pass.
 */
#include "config.h"

#include <check.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/limits.h>  /* PATH_MAX; <limits.h> can resolve to src/lib/limits.h */
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/time.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>
#include <grp.h>

#include "fsutil.h"
#include "unit.h"

/* snprintf into a path buffer; a truncated path fails the test */
#define PATHF(buf, ...) do { \
		int n_ = snprintf((buf), sizeof(buf), __VA_ARGS__); \
		ck_assert(n_ >= 0 && (size_t) n_ < sizeof(buf)); \
	} while (0)

#define NOBODY 65534
#define CANARY "CANARY\n"
#define KEEP "keep me\n"

static char base[PATH_MAX];       /* private temp dir of the test */
static char outside[PATH_MAX + 32];
static char canary[PATH_MAX + 64];
static char keep[PATH_MAX + 64];
static char hard[PATH_MAX + 64];
static char rootdir[PATH_MAX + 32];

static bool is_root(void)
{
	return geteuid() == 0;
}

static void fs_setup(void)
{
	char tmp[PATH_MAX];

	unit_tmpdir(tmp, sizeof(tmp), "fsutil");
	/* the fixture's own path is resolved once, so a symlinked $TMPDIR does
	 * not trip lj_fs_open_root's symlink refusal */
	ck_assert_ptr_nonnull(realpath(tmp, base));
	PATHF(outside, "%s/outside", base);
	PATHF(canary, "%s/canary", outside);
	PATHF(keep, "%s/dir/keep", outside);
	PATHF(hard, "%s/hard", outside);
	PATHF(rootdir, "%s/root", base);
	ck_assert_int_eq(mkdir(outside, 0755), 0);
	unit_write_file(canary, CANARY, strlen(CANARY), 0640);
	PATHF(tmp, "%s/dir", outside);
	ck_assert_int_eq(mkdir(tmp, 0755), 0);
	unit_write_file(keep, KEEP, strlen(KEEP), 0644);
	unit_write_file(hard, CANARY, strlen(CANARY), 0600);
	ck_assert_int_eq(mkdir(rootdir, 0711), 0);
}

static void fs_teardown(void)
{
	unit_rmrf(base);
}

/* ---- outside state --------------------------------------------------------- */

struct snap {
	struct stat canary, keep, hard, dir;
};

static void read_exact(const char *path, const char *want)
{
	char buf[64] = "";
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
	ssize_t n;

	ck_assert_msg(fd >= 0, "%s is gone: %s", path, strerror(errno));
	n = read(fd, buf, sizeof(buf) - 1);
	ck_assert_int_ge(n, 0);
	buf[n] = '\0';
	(void) close(fd);
	ck_assert_msg(strcmp(buf, want) == 0, "%s changed: \"%s\"", path, buf);
}

static void snapshot(struct snap *s)
{
	char dir[PATH_MAX + 64];

	PATHF(dir, "%s/dir", outside);
	ck_assert_int_eq(lstat(canary, &s->canary), 0);
	ck_assert_int_eq(lstat(keep, &s->keep), 0);
	ck_assert_int_eq(lstat(hard, &s->hard), 0);
	ck_assert_int_eq(lstat(dir, &s->dir), 0);
}

static void assert_outside_intact(const struct snap *before)
{
	struct snap now;

	read_exact(canary, CANARY);
	read_exact(keep, KEEP);
	read_exact(hard, CANARY);
	snapshot(&now);
	ck_assert_uint_eq(now.canary.st_ino, before->canary.st_ino);
	ck_assert_uint_eq(now.canary.st_mode, before->canary.st_mode);
	ck_assert_uint_eq(now.canary.st_uid, before->canary.st_uid);
	ck_assert_uint_eq(now.canary.st_nlink, 1);
	ck_assert_uint_eq(now.keep.st_ino, before->keep.st_ino);
	ck_assert_uint_eq(now.keep.st_mode, before->keep.st_mode);
	ck_assert_uint_eq(now.hard.st_ino, before->hard.st_ino);
	ck_assert_uint_eq(now.hard.st_mode, before->hard.st_mode);
	ck_assert_msg(now.hard.st_nlink == 1, "hardlink target has %ju links",
			(uintmax_t) now.hard.st_nlink);
	ck_assert_uint_eq(now.dir.st_mode, before->dir.st_mode);
	ck_assert_uint_eq(now.dir.st_uid, before->dir.st_uid);
}

static size_t count_entries(int dfd)
{
	int fd = openat(dfd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	DIR *d;
	struct dirent *de;
	size_t n = 0;

	ck_assert_int_ge(fd, 0);
	d = fdopendir(fd);
	ck_assert_ptr_nonnull(d);
	while ((de = readdir(d)))
		if (strcmp(de->d_name, ".") && strcmp(de->d_name, ".."))
			n++;
	closedir(d);
	return n;
}

/* ---- hostile tree builders (each returns the entries it made) --------------- */

static size_t b_symlinks(int d)
{
	char rel[PATH_MAX + 64];

	ck_assert_int_eq(symlinkat(canary, d, "abs-canary"), 0);
	PATHF(rel, "../../outside/canary");
	ck_assert_int_eq(symlinkat(rel, d, "rel-canary"), 0);
	ck_assert_int_eq(symlinkat("/", d, "slash"), 0);
	ck_assert_int_eq(symlinkat("loop", d, "loop"), 0);
	ck_assert_int_eq(symlinkat("/nonexistent/lj", d, "dangling"), 0);
	return 5;
}

static size_t b_symlinked_dir(int d)
{
	char target[PATH_MAX + 64];

	PATHF(target, "%s/dir", outside);
	ck_assert_int_eq(symlinkat(target, d, "dirlink"), 0);
	ck_assert_int_eq(symlinkat("../../outside/dir/", d, "dirlink-rel"), 0);
	/* a real directory that holds a link back out */
	ck_assert_int_eq(mkdirat(d, "sub", 0700), 0);
	ck_assert_int_eq(symlinkat(target, d, "sub/back"), 0);
	return 4;
}

static size_t b_hardlink(int d)
{
	struct stat st;

	ck_assert_msg(linkat(AT_FDCWD, hard, d, "hard", 0) == 0, "link: %s", strerror(errno));
	ck_assert_int_eq(fstatat(d, "hard", &st, AT_SYMLINK_NOFOLLOW), 0);
	ck_assert_uint_eq(st.st_nlink, 2);
	ck_assert_int_eq(linkat(AT_FDCWD, hard, d, "hard2", 0), 0);
	return 2;
}

static size_t b_locked_dir(int d)
{
	int sub;

	ck_assert_int_eq(mkdirat(d, "locked", 0700), 0);
	sub = openat(d, "locked", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	ck_assert_int_ge(sub, 0);
	ck_assert_int_eq(mkdirat(sub, "inner", 0700), 0);
	ck_assert_int_eq(close(openat(sub, "a", O_CREAT | O_WRONLY | O_CLOEXEC, 0600)), 0);
	ck_assert_int_eq(close(openat(sub, "inner/b", O_CREAT | O_WRONLY | O_CLOEXEC, 0600)), 0);
	ck_assert_int_eq(fchmodat(sub, "inner", 0, 0), 0);
	ck_assert_int_eq(fchmod(sub, 0), 0);
	(void) close(sub);
	/* read-only (not unreadable) directory with a file */
	ck_assert_int_eq(mkdirat(d, "ro", 0700), 0);
	ck_assert_int_eq(close(openat(d, "ro/f", O_CREAT | O_WRONLY | O_CLOEXEC, 0600)), 0);
	ck_assert_int_eq(fchmodat(d, "ro", 0500, 0), 0);
	/* search-only directory */
	ck_assert_int_eq(mkdirat(d, "xonly", 0700), 0);
	ck_assert_int_eq(close(openat(d, "xonly/f", O_CREAT | O_WRONLY | O_CLOEXEC, 0600)), 0);
	ck_assert_int_eq(fchmodat(d, "xonly", 0100, 0), 0);
	return 8;
}

static size_t b_locked_file(int d)
{
	ck_assert_int_eq(close(openat(d, "nope", O_CREAT | O_WRONLY | O_CLOEXEC, 0600)), 0);
	ck_assert_int_eq(fchmodat(d, "nope", 0, 0), 0);
	ck_assert_int_eq(close(openat(d, "suid", O_CREAT | O_WRONLY | O_CLOEXEC, 0600)), 0);
	ck_assert_int_eq(fchmodat(d, "suid", 04755, 0), 0);
	return 2;
}

static size_t b_special(int d)
{
	int cwd = open(".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	int s = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	size_t n = 2;

	ck_assert_int_eq(mkfifoat(d, "fifo", 0600), 0);
	ck_assert_int_ge(cwd, 0);
	ck_assert_int_ge(s, 0);
	ck_assert_int_eq(fchdir(d), 0);
	strcpy(sa.sun_path, "sock");
	ck_assert_int_eq(bind(s, (struct sockaddr *) &sa, sizeof(sa)), 0);
	ck_assert_int_eq(listen(s, 1), 0);
	ck_assert_int_eq(fchdir(cwd), 0);
	(void) close(cwd);
	(void) close(s);
	if (is_root()) {
		/* a device node: unlinked, never opened */
		ck_assert_int_eq(mknodat(d, "null", S_IFCHR | 0666, makedev(1, 3)), 0);
		n++;
	}
	return n;
}

static size_t b_names(int d)
{
	static const char *const names[] = {
		"a\nb", "\n", "\xff\xfe", "\xc0\xae\xc0\xae", " ", "-rf", "...", "\x01", "*",
		"\\", "name with spaces", "\xe2\x80\xae" "txt.exe",
	};
	char longname[256];
	size_t n = 0;

	for (size_t i = 0; i < UNIT_ARRAY_SIZE(names); i++, n++)
		ck_assert_int_eq(close(openat(d, names[i], O_CREAT | O_WRONLY | O_CLOEXEC, 0600)), 0);
	memset(longname, 'L', 255);
	longname[255] = '\0';
	ck_assert_int_eq(close(openat(d, longname, O_CREAT | O_WRONLY | O_CLOEXEC, 0600)), 0);
	longname[0] = 'D';
	ck_assert_int_eq(mkdirat(d, longname, 0700), 0);
	ck_assert_int_eq(mkdirat(d, "a\nb.d", 0700), 0);
	return n + 3;
}

/* A chain of @depth directories, each also holding a file. When @mode is not
 * 0700 every level is chmod'ed to it once the chain is built (through the
 * descriptors we still hold, since the names are then out of reach). */
static size_t chain(int d, unsigned depth, mode_t mode, const char *name)
{
	int *fds = calloc(depth + 1, sizeof(int));
	size_t n = 0;

	ck_assert_ptr_nonnull(fds);
	ck_assert(mode == 0700 || depth <= 800);   /* locked chains keep every fd open */
	fds[0] = d;
	for (unsigned i = 1; i <= depth; i++) {
		ck_assert_int_eq(mkdirat(fds[i - 1], name, 0700), 0);
		fds[i] = openat(fds[i - 1], name, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		ck_assert_msg(fds[i] >= 0, "level %u: %s", i, strerror(errno));
		ck_assert_int_eq(close(openat(fds[i], "f", O_CREAT | O_WRONLY | O_CLOEXEC, 0600)), 0);
		n += 2;
		if (mode == 0700 && i > 1) {
			(void) close(fds[i - 1]);
			fds[i - 1] = -1;
		}
	}
	for (unsigned i = depth; i >= 1; i--) {
		if (fds[i] < 0)
			continue;
		if (mode != 0700)
			ck_assert_int_eq(fchmod(fds[i], mode), 0);
		(void) close(fds[i]);
	}
	free(fds);
	return n;
}

static size_t b_deep64(int d)
{
	return chain(d, 64, 0700, "d");
}

static size_t b_deep65(int d)
{
	return chain(d, 65, 0700, "d");
}

static size_t b_deep200(int d)
{
	return chain(d, 200, 0700, "d");
}

static size_t b_deep3000(int d)
{
	return chain(d, 3000, 0700, "d");
}

static size_t b_deep_locked(int d)
{
	return chain(d, 200, 0, "z");
}

static size_t b_deep_readonly(int d)
{
	return chain(d, 200, 0500, "r");
}

/* Names the walk uses for directories it moves up. */
static size_t b_deep_names(int d)
{
	ck_assert_int_eq(mkdirat(d, ".deep-0", 0700), 0);
	ck_assert_int_eq(close(openat(d, ".deep-1", O_CREAT | O_WRONLY | O_CLOEXEC, 0600)), 0);
	ck_assert_int_eq(symlinkat(outside, d, ".deep-2"), 0);
	ck_assert_int_eq(symlinkat(outside, d, ".deep-3"), 0);
	return 4 + chain(d, 150, 0700, "x");
}

static size_t b_many(int d)
{
	int sub;
	char name[32];

	ck_assert_int_eq(mkdirat(d, "many", 0700), 0);
	sub = openat(d, "many", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	ck_assert_int_ge(sub, 0);
	for (int i = 0; i < 10000; i++) {
		int fd;

		snprintf(name, sizeof(name), "f%05d", i);
		fd = openat(sub, name, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0600);
		ck_assert_int_ge(fd, 0);
		(void) close(fd);
	}
	(void) close(sub);
	return 10001;
}

static size_t b_empty(int d)
{
	(void) d;
	return 0;
}

static size_t b_everything(int d)
{
	size_t n = 0;
	static size_t (*const parts[])(int) = { b_symlinks, b_symlinked_dir, b_hardlink,
		b_locked_dir, b_locked_file, b_special, b_names, b_deep200, b_deep_locked };

	for (size_t i = 0; i < UNIT_ARRAY_SIZE(parts); i++) {
		char sub[16];
		int fd;

		snprintf(sub, sizeof(sub), "part%zu", i);
		ck_assert_int_eq(mkdirat(d, sub, 0700), 0);
		fd = openat(d, sub, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		ck_assert_int_ge(fd, 0);
		n += 1 + parts[i](fd);
		(void) close(fd);
	}
	return n;
}

static const struct {
	const char *name;
	size_t (*build)(int dfd);
	mode_t top_mode;   /* mode of the workdir itself afterwards */
} trees[] = {
	{ "symlinks to a canary outside", b_symlinks, 0700 },
	{ "symlinked directory pointing outside", b_symlinked_dir, 0700 },
	{ "hardlink to an outside file", b_hardlink, 0700 },
	{ "chmod 000 / read-only / search-only directories", b_locked_dir, 0700 },
	{ "chmod 000 and setuid files", b_locked_file, 0700 },
	{ "fifo, unix socket, device node", b_special, 0700 },
	{ "names: newline, broken UTF-8, 255 bytes", b_names, 0700 },
	{ "64-deep directories (the walk's depth limit)", b_deep64, 0700 },
	{ "65-deep directories (one past the limit)", b_deep65, 0700 },
	{ "200-deep directories", b_deep200, 0700 },
	{ "3000-deep directories", b_deep3000, 0700 },
	{ "200-deep chmod 000 directories", b_deep_locked, 0700 },
	{ "200-deep read-only directories", b_deep_readonly, 0700 },
	{ "names that collide with .deep-N", b_deep_names, 0700 },
	{ "10000 files", b_many, 0700 },
	{ "empty", b_empty, 0700 },
	{ "workdir chmod 000", b_symlinks, 0 },
	{ "workdir read-only", b_names, 0500 },
	{ "everything at once", b_everything, 0700 },
};

/* Drop to uid/gid 65534 and make the fixture its own (the test runs in a
 * process check forked for it). */
static bool become_nobody(const char *what)
{
	const char *fork_mode = getenv("CK_FORK");

	if (fork_mode && strcmp(fork_mode, "no") == 0) {
		fprintf(stderr, "test-fsutil: SKIP %s as uid %d: CK_FORK=no\n", what, NOBODY);
		return false;
	}
	ck_assert_int_eq(lchown(base, NOBODY, NOBODY), 0);
	ck_assert_int_eq(chown(outside, NOBODY, NOBODY), 0);
	ck_assert_int_eq(chown(canary, NOBODY, NOBODY), 0);
	ck_assert_int_eq(chown(keep, NOBODY, NOBODY), 0);
	ck_assert_int_eq(chown(hard, NOBODY, NOBODY), 0);
	{
		char dir[PATH_MAX + 64];

		PATHF(dir, "%s/dir", outside);
		ck_assert_int_eq(chown(dir, NOBODY, NOBODY), 0);
	}
	ck_assert_int_eq(chown(rootdir, NOBODY, NOBODY), 0);
	ck_assert_int_eq(setgroups(0, NULL), 0);
	ck_assert_int_eq(setresgid(NOBODY, NOBODY, NOBODY), 0);
	ck_assert_int_eq(setresuid(NOBODY, NOBODY, NOBODY), 0);
	ck_assert_int_eq(geteuid(), NOBODY);
	return true;
}

START_TEST(test_remove_tree)
{
	size_t ntrees = UNIT_ARRAY_SIZE(trees);
	size_t idx = (size_t) _i % ntrees;
	bool as_nobody = (size_t) _i >= ntrees;
	struct snap before;
	struct lj_err e;
	char name[16];
	int root_fd, run_fd, r;
	size_t expect, count = 12345;
	struct stat st;

	if (as_nobody && !become_nobody(trees[idx].name))
		return;
	snapshot(&before);
	root_fd = open(rootdir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	ck_assert_int_ge(root_fd, 0);
	lj_err_clear(&e);
	run_fd = lj_fs_mkdtemp(root_fd, name, sizeof(name), &e);
	ck_assert_msg(run_fd >= 0, "%s", e.msg);
	expect = trees[idx].build(run_fd);
	ck_assert_int_eq(fchmod(run_fd, trees[idx].top_mode), 0);
	(void) close(run_fd);

	r = lj_fs_remove_tree(root_fd, name, &count, &e);
	ck_assert_msg(r == 0, "%s (as uid %u): r=%d: %s", trees[idx].name, (unsigned) geteuid(),
			r, e.msg);
	ck_assert_msg(fstatat(root_fd, name, &st, AT_SYMLINK_NOFOLLOW) < 0 && errno == ENOENT,
			"%s: the workdir is still there", trees[idx].name);
	ck_assert_msg(count == expect, "%s: counted %zu removed entries, made %zu",
			trees[idx].name, count, expect);
	ck_assert_uint_eq(count_entries(root_fd), 0);
	assert_outside_intact(&before);
	(void) close(root_fd);
}
END_TEST

START_TEST(test_remove_tree_trivial)
{
	int root_fd = open(rootdir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	size_t count = 99;
	struct lj_err e;
	struct stat st;
	char link[PATH_MAX + 64];

	ck_assert_int_ge(root_fd, 0);
	/* missing: nothing to do */
	ck_assert_int_eq(lj_fs_remove_tree(root_fd, "run-absent", &count, &e), 0);
	ck_assert_uint_eq(count, 0);
	/* an empty directory, count pointer NULL */
	ck_assert_int_eq(mkdirat(root_fd, "run-empty", 0700), 0);
	ck_assert_int_eq(lj_fs_remove_tree(root_fd, "run-empty", NULL, &e), 0);
	ck_assert_int_lt(fstatat(root_fd, "run-empty", &st, 0), 0);
	/* the name itself is a symlink to a directory outside: refused, and the
	 * target is not emptied */
	PATHF(link, "%s/dir", outside);
	ck_assert_int_eq(symlinkat(link, root_fd, "run-link"), 0);
	lj_err_clear(&e);
	ck_assert_int_lt(lj_fs_remove_tree(root_fd, "run-link", &count, &e), 0);
	read_exact(keep, KEEP);
	ck_assert_int_eq(fstatat(root_fd, "run-link", &st, AT_SYMLINK_NOFOLLOW), 0);
	ck_assert(S_ISLNK(st.st_mode));
	/* a regular file is not a tree */
	ck_assert_int_eq(close(openat(root_fd, "run-file", O_CREAT | O_WRONLY | O_CLOEXEC, 0600)), 0);
	ck_assert_int_lt(lj_fs_remove_tree(root_fd, "run-file", &count, &e), 0);
	ck_assert_int_eq(fstatat(root_fd, "run-file", &st, AT_SYMLINK_NOFOLLOW), 0);
	(void) close(root_fd);
}
END_TEST

/*
 * Mount points inside the workdir (a program that got a mount into the host's
 * view, or a stale bind): the walk must never remove anything on the other
 * side. Runs in a child with a private mount namespace.
 */
enum { MNT_TMPFS, MNT_BIND };

static int mount_child(int kind)
{
	char run[PATH_MAX + 64], mnt[PATH_MAX + 96], inside[PATH_MAX + 128], dir[PATH_MAX + 64];
	char name[16];
	struct lj_err e;
	int root_fd, run_fd, fd, r;

	if (unshare(CLONE_NEWNS) < 0)
		return 77;
	if (mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) < 0)
		return 77;
	root_fd = open(rootdir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (root_fd < 0)
		return 10;
	run_fd = lj_fs_mkdtemp(root_fd, name, sizeof(name), &e);
	if (run_fd < 0)
		return 11;
	if (mkdirat(run_fd, "mnt", 0700) < 0)
		return 12;
	PATHF(run, "%s/%s", rootdir, name);
	PATHF(mnt, "%s/mnt", run);
	PATHF(dir, "%s/dir", outside);
	if (kind == MNT_TMPFS) {
		if (mount("tmpfs", mnt, "tmpfs", 0, "size=1M") < 0)
			return 77;
		PATHF(inside, "%s/precious", mnt);
		fd = open(inside, O_CREAT | O_WRONLY | O_CLOEXEC, 0600);
		if (fd < 0 || write(fd, KEEP, strlen(KEEP)) != (ssize_t) strlen(KEEP))
			return 13;
		(void) close(fd);
	} else {
		if (mount(dir, mnt, NULL, MS_BIND, NULL) < 0)
			return 77;
		PATHF(inside, "%s/keep", dir);
	}
	(void) close(run_fd);
	r = lj_fs_remove_tree(root_fd, name, NULL, &e);
	fd = open(inside, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		fprintf(stderr, "test-fsutil: %s removed through a %s mount (remove_tree r=%d: %s)\n",
				inside, kind == MNT_TMPFS ? "tmpfs" : "bind", r, e.msg);
		return 1;
	}
	(void) close(fd);
	if (r == 0)
		return 2;   /* claimed success with a mount point left inside */
	(void) umount2(mnt, MNT_DETACH);
	return 0;
}

START_TEST(test_remove_tree_mounts)
{
	pid_t pid;
	int status;

	pid = fork();
	ck_assert_int_ge(pid, 0);
	if (pid == 0)
		_exit(mount_child(_i));
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	ck_assert(WIFEXITED(status));
	if (WEXITSTATUS(status) == 77) {
		fprintf(stderr, "test-fsutil: SKIP %s mount inside the workdir: no private mount "
				"namespace here\n", _i == MNT_TMPFS ? "tmpfs" : "bind");
		return;
	}
	ck_assert_msg(WEXITSTATUS(status) != 1, "%s mount: content on the other side of the "
			"mount point was removed", _i == MNT_TMPFS ? "tmpfs" : "bind");
	ck_assert_msg(WEXITSTATUS(status) == 0, "%s mount: child status %d",
			_i == MNT_TMPFS ? "tmpfs" : "bind", WEXITSTATUS(status));
	read_exact(keep, KEEP);
}
END_TEST

/* ---- lj_fs_mkdtemp ------------------------------------------------------------ */

static bool run_name_ok(const char *n)
{
	if (strlen(n) != 10 || strncmp(n, "run-", 4) != 0)
		return false;
	for (int i = 4; i < 10; i++)
		if (!((n[i] >= 'a' && n[i] <= 'z') || (n[i] >= '0' && n[i] <= '9')))
			return false;
	return true;
}

START_TEST(test_mkdtemp)
{
	enum { N = 300 };
	static char names[N][16];
	int root_fd = open(rootdir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	struct lj_err e;

	ck_assert_int_ge(root_fd, 0);
	umask(0);   /* the mode must be 0700 by itself, not thanks to the umask */
	for (int i = 0; i < N; i++) {
		struct stat a, b;
		int fd;

		memset(names[i], 'X', sizeof(names[i]));
		fd = lj_fs_mkdtemp(root_fd, names[i], sizeof(names[i]), &e);
		ck_assert_msg(fd >= 0, "%s", e.msg);
		ck_assert_msg(run_name_ok(names[i]), "bad name \"%.16s\"", names[i]);
		ck_assert_int_eq(fstat(fd, &a), 0);
		ck_assert_int_eq(fstatat(root_fd, names[i], &b, AT_SYMLINK_NOFOLLOW), 0);
		ck_assert(S_ISDIR(b.st_mode));
		ck_assert_uint_eq(a.st_ino, b.st_ino);
		ck_assert_uint_eq(a.st_dev, b.st_dev);
		ck_assert_msg((b.st_mode & 07777) == 0700, "mode %04o", b.st_mode & 07777);
		ck_assert_uint_eq(b.st_uid, geteuid());
		ck_assert_int_eq(fcntl(fd, F_GETFD) & FD_CLOEXEC, FD_CLOEXEC);
		ck_assert_int_eq(count_entries(fd), 0);
		for (int k = 0; k < i; k++)
			ck_assert_str_ne(names[k], names[i]);
		(void) close(fd);
	}
	ck_assert_uint_eq(count_entries(root_fd), N);
	(void) close(root_fd);
}
END_TEST

START_TEST(test_mkdtemp_errors)
{
	char name[16] = "unchanged";
	char small[15];
	int root_fd = open(rootdir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	struct lj_err e;

	ck_assert_int_ge(root_fd, 0);
	lj_err_clear(&e);
	ck_assert_int_eq(lj_fs_mkdtemp(root_fd, small, sizeof(small), &e), -EINVAL);
	ck_assert_int_eq(lj_fs_mkdtemp(-1, name, sizeof(name), &e), -EBADF);
	ck_assert_str_eq(name, "unchanged");
	ck_assert_uint_eq(count_entries(root_fd), 0);
	(void) close(root_fd);
}
END_TEST

/* A planted symlink named like a run dir is never reused or followed. */
START_TEST(test_mkdtemp_never_follows)
{
	int root_fd = open(rootdir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	char name[16];
	struct lj_err e;

	ck_assert_int_ge(root_fd, 0);
	for (int i = 0; i < 50; i++) {
		int fd = lj_fs_mkdtemp(root_fd, name, sizeof(name), &e);
		struct stat st;

		ck_assert_int_ge(fd, 0);
		/* replace it by a symlink to outside; the next call must not reuse it */
		(void) close(fd);
		ck_assert_int_eq(unlinkat(root_fd, name, AT_REMOVEDIR), 0);
		ck_assert_int_eq(symlinkat(outside, root_fd, name), 0);
		fd = lj_fs_mkdtemp(root_fd, name, sizeof(name), &e);
		ck_assert_int_ge(fd, 0);
		ck_assert_int_eq(fstat(fd, &st), 0);
		ck_assert(S_ISDIR(st.st_mode));
		ck_assert_uint_eq(count_entries(fd), 0);   /* not the outside dir */
		(void) close(fd);
	}
	(void) close(root_fd);
}
END_TEST

/* ---- lj_fs_open_root ------------------------------------------------------------ */

static void path_in_base(char *buf, size_t len, const char *rel)
{
	int n = snprintf(buf, len, "%s/%s", base, rel);

	ck_assert(n > 0 && (size_t) n < len);
}

static void assert_mode(const char *rel, mode_t mode)
{
	char p[PATH_MAX + 128];
	struct stat st;

	path_in_base(p, sizeof(p), rel);
	ck_assert_int_eq(lstat(p, &st), 0);
	ck_assert_msg(S_ISDIR(st.st_mode) && (st.st_mode & 07777) == mode, "%s: mode %04o, want %04o",
			rel, st.st_mode & 07777, mode);
}

START_TEST(test_open_root_ok)
{
	char p[PATH_MAX + 128];
	struct lj_err e;
	struct stat a, b;
	int fd;

	umask(022);
	lj_err_clear(&e);
	fd = lj_fs_open_root(rootdir, false, geteuid(), &e);
	ck_assert_msg(fd >= 0, "%s", e.msg);
	ck_assert_int_eq(fstat(fd, &a), 0);
	ck_assert_int_eq(stat(rootdir, &b), 0);
	ck_assert_uint_eq(a.st_ino, b.st_ino);
	ck_assert_int_eq(fcntl(fd, F_GETFD) & FD_CLOEXEC, FD_CLOEXEC);
	ck_assert_int_eq(fcntl(fd, F_GETFL) & O_PATH, 0);
	(void) close(fd);

	/* doubled and trailing slashes are fine */
	PATHF(p, "/%s//root/", base);
	fd = lj_fs_open_root(p, false, geteuid(), &e);
	ck_assert_msg(fd >= 0, "%s: %s", p, e.msg);
	(void) close(fd);

	/* created, parents included, 0711 */
	path_in_base(p, sizeof(p), "new/a/b");
	fd = lj_fs_open_root(p, true, geteuid(), &e);
	ck_assert_msg(fd >= 0, "%s", e.msg);
	(void) close(fd);
	assert_mode("new", 0711);
	assert_mode("new/a", 0711);
	assert_mode("new/a/b", 0711);
	/* and found again without create */
	fd = lj_fs_open_root(p, false, geteuid(), &e);
	ck_assert_msg(fd >= 0, "%s", e.msg);
	(void) close(fd);
}
END_TEST

static const struct {
	const char *rel;       /* relative to base, or absolute when starting with '/' */
	bool create;
	int ret;
} open_root_bad[] = {
	{ "missing", false, -ENOENT },
	{ "missing/deeper", false, -ENOENT },
	{ "link", false, 0 },             /* 0 here: any negative errno */
	{ "link", true, 0 },
	{ "link/sub", true, 0 },
	{ "dangling/sub", true, 0 },
	{ "dangling", true, 0 },
	{ "root/../root", false, -EINVAL },
	{ "./root", false, -EINVAL },
	{ "root/.", false, -EINVAL },
	{ "file", false, -ENOTDIR },
	{ "file/sub", true, -ENOTDIR },
	{ "gw", false, -EPERM },
	{ "ow", false, -EPERM },
	{ "sticky", false, -EPERM },
	{ "relative/path", true, -EINVAL },
	{ "", false, -EINVAL },
};

START_TEST(test_open_root_refused)
{
	char p[PATH_MAX + 128], q[PATH_MAX + 128];
	struct lj_err e;
	struct stat st;
	int r;

	path_in_base(q, sizeof(q), "real");
	ck_assert_int_eq(mkdir(q, 0711), 0);
	path_in_base(p, sizeof(p), "link");
	ck_assert_int_eq(symlink(q, p), 0);
	path_in_base(q, sizeof(q), "nowhere");
	path_in_base(p, sizeof(p), "dangling");
	ck_assert_int_eq(symlink(q, p), 0);
	path_in_base(p, sizeof(p), "file");
	unit_write_file(p, "", 0, 0644);
	path_in_base(p, sizeof(p), "gw");
	ck_assert_int_eq(mkdir(p, 0711), 0);
	ck_assert_int_eq(chmod(p, 0771), 0);
	path_in_base(p, sizeof(p), "ow");
	ck_assert_int_eq(mkdir(p, 0711), 0);
	ck_assert_int_eq(chmod(p, 0717), 0);
	path_in_base(p, sizeof(p), "sticky");
	ck_assert_int_eq(mkdir(p, 0711), 0);
	ck_assert_int_eq(chmod(p, 01777), 0);

	if (open_root_bad[_i].rel[0] == '\0' || strncmp(open_root_bad[_i].rel, "relative", 8) == 0)
		PATHF(p, "%s", open_root_bad[_i].rel);
	else
		path_in_base(p, sizeof(p), open_root_bad[_i].rel);
	lj_err_clear(&e);
	r = lj_fs_open_root(p, open_root_bad[_i].create, geteuid(), &e);
	if (r >= 0)
		(void) close(r);
	if (open_root_bad[_i].ret)
		ck_assert_msg(r == open_root_bad[_i].ret, "%s: r=%d (%s)", p, r, e.msg);
	else
		ck_assert_msg(r < 0, "%s: accepted", p);
	ck_assert_str_eq(e.code, "workdir");
	/* nothing was created through a symlink, nothing in its target */
	path_in_base(q, sizeof(q), "nowhere");
	ck_assert_int_lt(lstat(q, &st), 0);
	path_in_base(q, sizeof(q), "real");
	ck_assert_int_eq(lstat(q, &st), 0);
	{
		int fd = open(q, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

		ck_assert_int_ge(fd, 0);
		ck_assert_uint_eq(count_entries(fd), 0);
		(void) close(fd);
	}
}
END_TEST

START_TEST(test_open_root_owner)
{
	struct lj_err e;

	/* the directory is ours, but the caller expects another owner */
	lj_err_clear(&e);
	ck_assert_int_eq(lj_fs_open_root(rootdir, false, geteuid() + 4242, &e), -EPERM);
	ck_assert(unit_contains(e.msg, rootdir));
	ck_assert_int_eq(lj_fs_open_root(rootdir, true, geteuid() + 4242, &e), -EPERM);
}
END_TEST

/* (root only) a directory owned by uid 1000 is not root's workdir root */
START_TEST(test_open_root_other_owner)
{
	char p[PATH_MAX + 128];
	struct lj_err e;

	path_in_base(p, sizeof(p), "theirs");
	ck_assert_int_eq(mkdir(p, 0711), 0);
	ck_assert_int_eq(chown(p, 1000, 1000), 0);
	lj_err_clear(&e);
	ck_assert_int_eq(lj_fs_open_root(p, false, 0, &e), -EPERM);
	ck_assert_int_eq(lj_fs_open_root(p, true, 0, &e), -EPERM);
	ck_assert(unit_contains(e.msg, "uid 1000"));
	/* group root but owner not: still refused */
	ck_assert_int_eq(chown(p, 1000, 0), 0);
	ck_assert_int_eq(lj_fs_open_root(p, false, 0, &e), -EPERM);
	/* and as a parent component it does not matter (only the root is checked) */
	path_in_base(p, sizeof(p), "theirs/mine");
	ck_assert_int_eq(mkdir(p, 0711), 0);
	ck_assert_int_ge(lj_fs_open_root(p, false, 0, &e), 0);
}
END_TEST

START_TEST(test_open_root_long_path)
{
	char *p = malloc(5000);
	struct lj_err e;

	ck_assert_ptr_nonnull(p);
	p[0] = '/';
	memset(p + 1, 'a', 4998);
	p[4999] = '\0';
	ck_assert_int_eq(lj_fs_open_root(p, true, geteuid(), &e), -EINVAL);
	free(p);
}
END_TEST

/* ---- lj_write_all ------------------------------------------------------------------ */

static void fill_pattern(unsigned char *buf, size_t n)
{
	for (size_t i = 0; i < n; i++)
		buf[i] = (unsigned char) (i * 131 + (i >> 8));
}

static void on_alarm(int sig)
{
	(void) sig;
}

/* A writer child pushes @len bytes through a pipe with lj_write_all (with
 * SIGALRM interrupting it every millisecond when @interrupt); the test reads
 * every byte back and compares. */
static void pipe_round_trip(size_t len, bool interrupt)
{
	unsigned char *want = malloc(len), *got = malloc(len);
	int p[2], status;
	size_t off = 0;
	pid_t pid;

	ck_assert(want && got);
	fill_pattern(want, len);
	ck_assert_int_eq(pipe2(p, O_CLOEXEC), 0);
	pid = fork();
	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		int r;

		(void) close(p[0]);
		if (interrupt) {
			struct sigaction sa = { .sa_handler = on_alarm };   /* no SA_RESTART */
			struct itimerval it = { { 0, 1000 }, { 0, 1000 } };

			sigemptyset(&sa.sa_mask);
			if (sigaction(SIGALRM, &sa, NULL) < 0 || setitimer(ITIMER_REAL, &it, NULL) < 0)
				_exit(100);
		}
		r = lj_write_all(p[1], want, len);
		_exit(r == 0 ? 0 : 101);
	}
	(void) close(p[1]);
	while (off < len) {
		ssize_t n = read(p[0], got + off, len - off < 4096 ? len - off : 4096);

		if (n < 0 && errno == EINTR)
			continue;
		ck_assert_int_gt(n, 0);
		off += (size_t) n;
	}
	{
		char extra;

		ck_assert_int_eq(read(p[0], &extra, 1), 0);
	}
	(void) close(p[0]);
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	ck_assert_msg(WIFEXITED(status) && WEXITSTATUS(status) == 0, "writer status %d", status);
	ck_assert(memcmp(want, got, len) == 0);
	free(want);
	free(got);
}

START_TEST(test_write_all_pipe)
{
	pipe_round_trip(1, false);
	pipe_round_trip(65536, false);
	pipe_round_trip(4u << 20, false);
}
END_TEST

START_TEST(test_write_all_interrupted)
{
	pipe_round_trip(8u << 20, true);
}
END_TEST

START_TEST(test_write_all_errors)
{
	int p[2];
	char buf[4096] = { 0 };
	char *big;

	/* closed reader: EPIPE, not a signal death */
	ck_assert(signal(SIGPIPE, SIG_IGN) != SIG_ERR);
	ck_assert_int_eq(pipe2(p, O_CLOEXEC), 0);
	(void) close(p[0]);
	ck_assert_int_eq(lj_write_all(p[1], buf, sizeof(buf)), -EPIPE);
	(void) close(p[1]);
	/* bad descriptors */
	ck_assert_int_eq(lj_write_all(-1, buf, 1), -EBADF);
	ck_assert_int_eq(lj_write_all(p[1], buf, 1), -EBADF);
	/* nothing to write: nothing written, success */
	ck_assert_int_eq(lj_write_all(-1, buf, 0), 0);
	/* a full non-blocking pipe: an error, not a busy loop */
	ck_assert_int_eq(pipe2(p, O_CLOEXEC | O_NONBLOCK), 0);
	big = calloc(1, 4u << 20);
	ck_assert_ptr_nonnull(big);
	ck_assert_int_eq(lj_write_all(p[1], big, 4u << 20), -EAGAIN);
	free(big);
	(void) close(p[0]);
	(void) close(p[1]);
	/* a read-only descriptor */
	p[0] = open("/dev/null", O_RDONLY | O_CLOEXEC);
	ck_assert_int_ge(p[0], 0);
	ck_assert_int_eq(lj_write_all(p[0], buf, 1), -EBADF);
	(void) close(p[0]);
}
END_TEST

static Suite *fsutil_suite(void)
{
	Suite *s = suite_create("fsutil");
	TCase *tc;

	tc = tcase_create("remove_tree");
	tcase_set_timeout(tc, 300);
	tcase_add_unchecked_fixture(tc, unit_top_setup, unit_top_teardown);
	tcase_add_checked_fixture(tc, fs_setup, fs_teardown);
	tcase_add_loop_test(tc, test_remove_tree, 0, UNIT_ARRAY_SIZE(trees));
	tcase_add_test(tc, test_remove_tree_trivial);
	if (is_root()) {
		/* the same trees again as uid 65534, and mount points */
		tcase_add_loop_test(tc, test_remove_tree, UNIT_ARRAY_SIZE(trees),
				2 * UNIT_ARRAY_SIZE(trees));
		tcase_add_loop_test(tc, test_remove_tree_mounts, MNT_TMPFS, MNT_BIND + 1);
	} else {
		printf("SKIP: test-fsutil: removal as uid %d and mount points need root\n", NOBODY);
	}
	suite_add_tcase(s, tc);

	tc = tcase_create("mkdtemp");
	tcase_add_unchecked_fixture(tc, unit_top_setup, unit_top_teardown);
	tcase_add_checked_fixture(tc, fs_setup, fs_teardown);
	tcase_add_test(tc, test_mkdtemp);
	tcase_add_test(tc, test_mkdtemp_errors);
	tcase_add_test(tc, test_mkdtemp_never_follows);
	suite_add_tcase(s, tc);

	tc = tcase_create("open_root");
	tcase_add_unchecked_fixture(tc, unit_top_setup, unit_top_teardown);
	tcase_add_checked_fixture(tc, fs_setup, fs_teardown);
	tcase_add_test(tc, test_open_root_ok);
	tcase_add_loop_test(tc, test_open_root_refused, 0, UNIT_ARRAY_SIZE(open_root_bad));
	tcase_add_test(tc, test_open_root_owner);
	if (is_root())
		tcase_add_test(tc, test_open_root_other_owner);
	else
		printf("SKIP: test-fsutil: workdir root owned by another uid needs root\n");
	tcase_add_test(tc, test_open_root_long_path);
	suite_add_tcase(s, tc);

	tc = tcase_create("write_all");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_write_all_pipe);
	tcase_add_test(tc, test_write_all_interrupted);
	tcase_add_test(tc, test_write_all_errors);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return unit_run(fsutil_suite());
}
