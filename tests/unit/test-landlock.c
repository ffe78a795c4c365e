/*
 * test-landlock.c - unit tests for layer-landlock.
 *
 * Contract tests first (bad ABI, bad access values, missing paths, bad fds),
 * then behaviour: a forked child builds a box (RO on /usr and /etc, RW on a
 * temp dir, RO on another, RW on /dev/null), restricts itself and tries to
 * escape it. Every behavioural case runs at every ABI from 1 to the kernel's
 * (lj_landlock_create emulates older kernels) and once without Landlock as
 * the control, so each expectation is checked against a run where the same
 * call succeeds. The parent owns a TCP listener and an abstract unix socket
 * for the network and scope cases.
 *
 * Without Landlock the program prints why and exits 77 (automake's SKIP).
 */
#include "config.h"

#include <check.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include "layer-landlock.h"
#include "macro.h"

#define SETUP_FAILED 200        /* child exit code: the box could not be built */
#define NO_LANDLOCK 0           /* "ABI" of the control run */

static int kernel_abi;
static char root[64];           /* temp dir: rw/, ro/, out/ */
static char rw[96], ro[96], out[96];
static int tcp_listener = -1;
static in_port_t tcp_port;      /* network byte order */
static int unix_listener = -1;
static struct sockaddr_un unix_addr;
static socklen_t unix_addr_len;

static void path(char *buf, size_t size, const char *dir, const char *name)
{
	int n = snprintf(buf, size, "%s/%s", dir, name);

	ck_assert(n > 0 && (size_t) n < size);
}

static void write_file(const char *dir, const char *name, const char *text)
{
	char p[160];
	int fd;

	path(p, sizeof(p), dir, name);
	fd = open(p, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(write(fd, text, strlen(text)), (ssize_t) strlen(text));
	ck_assert_int_eq(close(fd), 0);
}

static void setup(void)
{
	struct sockaddr_in sin = { .sin_family = AF_INET };
	socklen_t len = sizeof(sin);
	char sub[160];
	int n;

	snprintf(root, sizeof(root), "/tmp/lj-landlock-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(root));
	snprintf(rw, sizeof(rw), "%s/rw", root);
	snprintf(ro, sizeof(ro), "%s/ro", root);
	snprintf(out, sizeof(out), "%s/out", root);
	ck_assert_int_eq(mkdir(rw, 0755), 0);
	ck_assert_int_eq(mkdir(ro, 0755), 0);
	ck_assert_int_eq(mkdir(out, 0755), 0);
	path(sub, sizeof(sub), rw, "sub1");
	ck_assert_int_eq(mkdir(sub, 0755), 0);
	path(sub, sizeof(sub), rw, "sub2");
	ck_assert_int_eq(mkdir(sub, 0755), 0);
	write_file(rw, "sub1/f", "movable\n");
	write_file(rw, "file", "writable\n");
	write_file(ro, "file", "readable\n");
	write_file(out, "secret", "secret\n");

	/* A TCP listener the box may not reach. */
	tcp_listener = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	ck_assert_int_ge(tcp_listener, 0);
	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	ck_assert_int_eq(bind(tcp_listener, (struct sockaddr *) &sin, sizeof(sin)), 0);
	ck_assert_int_eq(listen(tcp_listener, 16), 0);
	ck_assert_int_eq(getsockname(tcp_listener, (struct sockaddr *) &sin, &len), 0);
	tcp_port = sin.sin_port;

	/* An abstract unix socket owned by the parent, outside the box. */
	unix_listener = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	ck_assert_int_ge(unix_listener, 0);
	memset(&unix_addr, 0, sizeof(unix_addr));
	unix_addr.sun_family = AF_UNIX;
	n = snprintf(unix_addr.sun_path + 1, sizeof(unix_addr.sun_path) - 1,
			"lj-landlock-test-%ld", (long) getpid());
	unix_addr_len = (socklen_t) (offsetof(struct sockaddr_un, sun_path) + 1 + (size_t) n);
	ck_assert_int_eq(bind(unix_listener, (struct sockaddr *) &unix_addr, unix_addr_len), 0);
	ck_assert_int_eq(listen(unix_listener, 16), 0);
}

static int rm_one(const char *p, const struct stat *st, int type, struct FTW *ftw)
{
	(void) st;
	(void) ftw;
	return type == FTW_DP ? rmdir(p) : unlink(p);
}

static void teardown(void)
{
	if (tcp_listener >= 0)
		(void) close(tcp_listener);
	if (unix_listener >= 0)
		(void) close(unix_listener);
	tcp_listener = unix_listener = -1;
	if (root[0])
		ck_assert_int_eq(nftw(root, rm_one, 16, FTW_DEPTH | FTW_PHYS), 0);
	root[0] = '\0';
}

/* ---- the contract ------------------------------------------------------ */

START_TEST(test_abi_cached)
{
	ck_assert_int_ge(lj_landlock_abi(), 1);
	ck_assert_int_eq(lj_landlock_abi(), lj_landlock_abi());
}
END_TEST

START_TEST(test_create_rejects_no_abi)
{
	ck_assert_int_eq(lj_landlock_create(0, true), -EOPNOTSUPP);
	ck_assert_int_eq(lj_landlock_create(-1, false), -EOPNOTSUPP);
	ck_assert_int_eq(lj_landlock_allow_path(0, 0, "/usr", LJ_LL_RO), -EOPNOTSUPP);
	ck_assert_int_eq(lj_landlock_allow_fd(0, -3, 0, LJ_LL_RO), -EOPNOTSUPP);
}
END_TEST

START_TEST(test_create_cloexec_and_clamped)
{
	/* an ABI from the future is clamped to what this file knows */
	int fd = lj_landlock_create(LJ_LANDLOCK_ABI_MAX + 100, true);

	ck_assert_int_ge(fd, 0);
	ck_assert(fcntl(fd, F_GETFD) & FD_CLOEXEC);
	ck_assert_int_eq(close(fd), 0);
}
END_TEST

START_TEST(test_allow_hostile)
{
	int abi = lj_landlock_abi();
	int rs = lj_landlock_create(abi, true);
	int devnull = open("/dev/null", O_RDONLY | O_CLOEXEC);

	ck_assert_int_ge(rs, 0);
	ck_assert_int_ge(devnull, 0);
	ck_assert_int_eq(lj_landlock_allow_path(rs, abi, NULL, LJ_LL_RO), -EINVAL);
	ck_assert_int_eq(lj_landlock_allow_path(rs, abi, "/usr", (enum lj_landlock_access) 42),
			-EINVAL);
	ck_assert_int_eq(lj_landlock_allow_path(rs, abi, "/usr", (enum lj_landlock_access) -1),
			-EINVAL);
	ck_assert_int_eq(lj_landlock_allow_path(rs, abi, "/nonexistent/lj", LJ_LL_RO), -ENOENT);
	ck_assert_int_eq(lj_landlock_allow_path(rs, abi, "", LJ_LL_RO), -ENOENT);
	ck_assert_int_eq(lj_landlock_allow_path(-1, abi, "/usr", LJ_LL_RO), -EBADF);
	/* an fd that is not a ruleset */
	ck_assert_int_eq(lj_landlock_allow_path(devnull, abi, "/usr", LJ_LL_RO), -EBADFD);
	ck_assert_int_eq(lj_landlock_allow_fd(rs, abi, -1, LJ_LL_RO), -EBADF);
	/* files get only file rights, whatever the level */
	ck_assert_int_eq(lj_landlock_allow_path(rs, abi, "/dev/null", LJ_LL_RWX), 0);
	ck_assert_int_eq(lj_landlock_allow_path(rs, abi, "/etc/passwd", LJ_LL_RW), 0);
	/* symlinks are followed (/bin -> usr/bin on merged-/usr systems) */
	ck_assert_int_eq(lj_landlock_allow_path(rs, abi, "/bin", LJ_LL_RX), 0);
	ck_assert_int_eq(lj_landlock_allow_fd(rs, abi, devnull, LJ_LL_RO), 0);
	(void) close(devnull);
	(void) close(rs);
}
END_TEST

/* Run @fn in a child after no_new_privs (when @nnp); returns its -errno result. */
static int in_child(int (*fn)(void), bool nnp)
{
	int status;
	pid_t pid = fork();

	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		if (nnp && prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0)
			_exit(SETUP_FAILED);
		_exit(fn());
	}
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	ck_assert(WIFEXITED(status));
	return WEXITSTATUS(status);
}

static int restrict_fresh(void)
{
	int rs = lj_landlock_create(lj_landlock_abi(), false);

	return rs < 0 ? SETUP_FAILED : -lj_landlock_restrict(rs);
}

static int restrict_bad_fd(void)
{
	return -lj_landlock_restrict(-1);
}

START_TEST(test_restrict_needs_no_new_privs)
{
	/* refused even for root, whose CAP_SYS_ADMIN the kernel would accept */
	ck_assert_int_eq(in_child(restrict_fresh, false), EPERM);
	ck_assert_int_eq(in_child(restrict_bad_fd, true), EBADF);
	ck_assert_int_eq(in_child(restrict_fresh, true), 0);
}
END_TEST

/* ---- behaviour: escaping the box ---------------------------------------- */

static int res(long r)
{
	return r < 0 ? errno : 0;
}

static int open_res(const char *dir, const char *name, int flags)
{
	char p[160];
	int fd;

	snprintf(p, sizeof(p), "%s/%s", dir, name);
	fd = open(p, flags | O_CLOEXEC, 0644);
	if (fd < 0)
		return errno;
	(void) close(fd);
	return 0;
}

static int exec_true(void)
{
	char *argv[] = { (char *) "true", NULL };
	char *envp[] = { NULL };
	int status;
	pid_t pid = fork();

	if (pid < 0)
		return errno;
	if (pid == 0) {
		execve("/bin/true", argv, envp);
		_exit(errno);
	}
	if (waitpid(pid, &status, 0) != pid)
		return errno;
	return WIFEXITED(status) ? WEXITSTATUS(status) : EIO;
}

static int connect_tcp(void)
{
	struct sockaddr_in sin = { .sin_family = AF_INET, .sin_port = tcp_port };
	int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	int r;

	if (fd < 0)
		return errno;
	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	r = res(connect(fd, (struct sockaddr *) &sin, sizeof(sin)));
	(void) close(fd);
	return r;
}

static int bind_tcp(void)
{
	struct sockaddr_in sin = { .sin_family = AF_INET, .sin_port = 0 };
	int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	int r;

	if (fd < 0)
		return errno;
	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	r = res(bind(fd, (struct sockaddr *) &sin, sizeof(sin)));
	(void) close(fd);
	return r;
}

static int connect_abstract(void)
{
	int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	int r;

	if (fd < 0)
		return errno;
	r = res(connect(fd, (struct sockaddr *) &unix_addr, unix_addr_len));
	(void) close(fd);
	return r;
}

static int p_read_outside(void)
{
	return open_res(out, "secret", O_RDONLY);
}

static int p_write_outside(void)
{
	return open_res(out, "secret", O_WRONLY);
}

static int p_create_outside(void)
{
	return open_res(out, "new", O_WRONLY | O_CREAT | O_EXCL);
}

static int p_list_tmp(void)
{
	return open_res("/tmp", ".", O_RDONLY | O_DIRECTORY);
}

static int p_symlink_escape(void)
{
	char link[160], target[160];

	path(link, sizeof(link), rw, "link");
	path(target, sizeof(target), out, "secret");
	if (symlink(target, link) < 0)
		return 100 + errno;     /* creating it must work: distinct code */
	return open_res(rw, "link", O_RDONLY);
}

static int p_hardlink_escape(void)
{
	char from[160], to[160];

	path(from, sizeof(from), out, "secret");
	path(to, sizeof(to), rw, "stolen");
	return res(link(from, to));
}

static int p_rename_out(void)
{
	char from[160], to[160];

	path(from, sizeof(from), rw, "sub1/f");
	path(to, sizeof(to), out, "f");
	return res(rename(from, to));
}

static int p_write_ro(void)
{
	return open_res(ro, "file", O_WRONLY);
}

static int p_truncate_ro(void)
{
	char p[160];

	path(p, sizeof(p), ro, "file");
	return res(truncate(p, 0));
}

static int p_mknod_char(void)
{
	char p[160];

	path(p, sizeof(p), rw, "null");
	return res(mknod(p, S_IFCHR | 0600, makedev(1, 3)));
}

static int p_exec(void)
{
	return exec_true();
}

static int p_devnull_ioctl(void)
{
	int fd = open("/dev/null", O_RDWR | O_CLOEXEC);
	int r, one;

	if (fd < 0)
		return 100 + errno;     /* opening it must work: distinct code */
	/* FIONREAD on /dev/null reaches the driver: ENOTTY unless Landlock says no */
	r = res(ioctl(fd, FIONREAD, &one));
	(void) close(fd);
	return r;
}

static int p_kill_parent(void)
{
	return res(kill(getppid(), 0));
}

static int p_read_rw(void)
{
	return open_res(rw, "file", O_RDONLY);
}

static int p_create_rw(void)
{
	char p[160];
	char buf[8] = { 0 };
	int fd;

	path(p, sizeof(p), rw, "new");
	fd = open(p, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd < 0)
		return errno;
	if (write(fd, "abc", 3) != 3 || pread(fd, buf, 3, 0) != 3 || strcmp(buf, "abc") != 0) {
		(void) close(fd);
		return EIO;
	}
	(void) close(fd);
	return res(unlink(p));
}

static int p_mkdir_rmdir_rw(void)
{
	char p[160];

	path(p, sizeof(p), rw, "d");
	if (mkdir(p, 0700) < 0)
		return errno;
	return res(rmdir(p));
}

static int p_symlink_fifo_rw(void)
{
	char p[160];

	path(p, sizeof(p), rw, "sym");
	if (symlink("file", p) < 0)
		return errno;
	path(p, sizeof(p), rw, "fifo");
	return res(mkfifo(p, 0600));
}

static int p_truncate_rw(void)
{
	char p[160];

	path(p, sizeof(p), rw, "file");
	return res(truncate(p, 0));
}

static int p_rename_within(void)
{
	char from[160], to[160];

	path(from, sizeof(from), rw, "sub1/f");
	path(to, sizeof(to), rw, "sub2/f");
	return res(rename(from, to));
}

static int p_read_ro(void)
{
	return open_res(ro, "file", O_RDONLY);
}

static int p_read_etc(void)
{
	return open_res("/etc", "passwd", O_RDONLY);
}

struct box {
	bool deny_net;
	bool rx_usr;            /* RX (else RO) on /usr */
};

enum {
	C_ROOT = 1 << 0,        /* the control (no Landlock) result needs root */
};

/* Expected: ctl without Landlock; at ABI n, n >= from ? after : before. */
struct ll_case {
	const char *name;
	int (*fn)(void);
	struct box box;
	int ctl;
	int from;
	int before, after;
	unsigned int flags;
};

static const struct ll_case cases[] = {
	/* escapes first */
	{ "read outside", p_read_outside, { true, false }, 0, 1, 0, EACCES, 0 },
	{ "write outside", p_write_outside, { true, false }, 0, 1, 0, EACCES, 0 },
	{ "create outside", p_create_outside, { true, false }, 0, 1, 0, EACCES, 0 },
	{ "list /tmp", p_list_tmp, { true, false }, 0, 1, 0, EACCES, 0 },
	{ "symlink out of rw", p_symlink_escape, { true, false }, 0, 1, 0, EACCES, 0 },
	/* MAKE_REG is granted, so EXDEV (reparenting into more rights), not EACCES */
	{ "hard link into rw", p_hardlink_escape, { true, false }, 0, 1, 0, EXDEV, 0 },
	{ "rename out of rw", p_rename_out, { true, false }, 0, 1, 0, EACCES, 0 },
	{ "write ro file", p_write_ro, { true, false }, 0, 1, 0, EACCES, 0 },
	{ "truncate ro file", p_truncate_ro, { true, false }, 0, 3, 0, EACCES, 0 },
	{ "mknod char in rw", p_mknod_char, { true, false }, 0, 1, 0, EACCES, C_ROOT },
	{ "exec without RX", p_exec, { true, false }, 0, 1, 0, EACCES, 0 },
	{ "ioctl on /dev/null", p_devnull_ioctl, { true, false }, ENOTTY, 5, ENOTTY, EACCES, 0 },
	{ "TCP connect", connect_tcp, { true, true }, 0, 4, 0, EACCES, 0 },
	{ "TCP bind", bind_tcp, { true, true }, 0, 4, 0, EACCES, 0 },
	{ "signal the parent", p_kill_parent, { false, true }, 0, 6, 0, EPERM, 0 },
	{ "abstract unix connect", connect_abstract, { false, true }, 0, 6, 0, EPERM, 0 },
	/* what the box must still allow */
	{ "exec with RX", p_exec, { true, true }, 0, 1, 0, 0, 0 },
	{ "TCP connect, network allowed", connect_tcp, { false, true }, 0, 1, 0, 0, 0 },
	{ "read rw", p_read_rw, { true, false }, 0, 1, 0, 0, 0 },
	{ "create rw", p_create_rw, { true, false }, 0, 1, 0, 0, 0 },
	{ "mkdir/rmdir rw", p_mkdir_rmdir_rw, { true, false }, 0, 1, 0, 0, 0 },
	{ "symlink+fifo rw", p_symlink_fifo_rw, { true, false }, 0, 1, 0, 0, 0 },
	{ "truncate rw", p_truncate_rw, { true, false }, 0, 1, 0, 0, 0 },
	/* REFER arrived in ABI 2; before it, every reparenting is EXDEV */
	{ "rename within rw", p_rename_within, { true, false }, 0, 2, EXDEV, 0, 0 },
	{ "read ro", p_read_ro, { true, false }, 0, 1, 0, 0, 0 },
	{ "read /etc", p_read_etc, { true, false }, 0, 1, 0, 0, 0 },
};

/* Build the box in the child: any failure is SETUP_FAILED. */
static void enter_box(int abi, const struct box *b)
{
	int rs;

	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0)
		_exit(SETUP_FAILED);
	if (abi == NO_LANDLOCK)
		return;
	rs = lj_landlock_create(abi, b->deny_net);
	if (rs < 0)
		_exit(SETUP_FAILED);
	if (lj_landlock_allow_path(rs, abi, "/usr", b->rx_usr ? LJ_LL_RX : LJ_LL_RO) < 0 ||
			lj_landlock_allow_path(rs, abi, "/etc", LJ_LL_RO) < 0 ||
			lj_landlock_allow_path(rs, abi, "/dev/null", LJ_LL_RW) < 0 ||
			lj_landlock_allow_path(rs, abi, rw, LJ_LL_RW) < 0 ||
			lj_landlock_allow_path(rs, abi, ro, LJ_LL_RO) < 0)
		_exit(SETUP_FAILED);
	if (lj_landlock_restrict(rs) < 0)
		_exit(SETUP_FAILED);
	(void) close(rs);
}

static const char *show(int r, char *buf, size_t size)
{
	const char *name = r >= 100 && r < SETUP_FAILED ? strerrorname_np(r - 100) :
		strerrorname_np(r);

	if (r == 0)
		snprintf(buf, size, "success");
	else if (r >= 100 && r < SETUP_FAILED)
		snprintf(buf, size, "setup step failed with %s", name ? name : "?");
	else
		snprintf(buf, size, "%s", name ? name : "?");
	return buf;
}

/* (case, abi) pairs: abi 0 is the control, then 1 .. kernel_abi. */
static struct run {
	const struct ll_case *c;
	int abi;
} runs[ARRAY_SIZE(cases) * (LJ_LANDLOCK_ABI_MAX + 1)];

START_TEST(test_box)
{
	const struct run *run = &runs[_i];
	const struct ll_case *c = run->c;
	int expect = run->abi == NO_LANDLOCK ? c->ctl : run->abi >= c->from ? c->after : c->before;
	char got[64], want[64];
	int status;
	pid_t pid = fork();

	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		enter_box(run->abi, &c->box);
		_exit(c->fn());
	}
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	teardown();     /* now, so a failed assertion below leaves nothing behind */
	ck_assert_msg(WIFEXITED(status), "%s: child killed by signal %d", c->name,
			WTERMSIG(status));
	ck_assert_msg(WEXITSTATUS(status) != SETUP_FAILED, "%s: could not build the box (ABI %d)",
			c->name, run->abi);
	ck_assert_msg(WEXITSTATUS(status) == expect, "%s at %s %d: got %s, want %s", c->name,
			run->abi ? "ABI" : "no Landlock, control", run->abi,
			show(WEXITSTATUS(status), got, sizeof(got)),
			show(expect, want, sizeof(want)));
}
END_TEST

static int plan_runs(void)
{
	int n = 0;
	int max = kernel_abi < LJ_LANDLOCK_ABI_MAX ? kernel_abi : LJ_LANDLOCK_ABI_MAX;

	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		const struct ll_case *c = &cases[i];

		for (int abi = NO_LANDLOCK; abi <= max; abi++) {
			if (abi == NO_LANDLOCK && (c->flags & C_ROOT) && geteuid() != 0) {
				printf("NOTE: not root: no control run for \"%s\"\n", c->name);
				continue;
			}
			runs[n++] = (struct run) { c, abi };
		}
	}
	return n;
}

static Suite *landlock_suite(void)
{
	Suite *s = suite_create("landlock");
	TCase *tc;

	tc = tcase_create("contract");
	tcase_add_test(tc, test_abi_cached);
	tcase_add_test(tc, test_create_rejects_no_abi);
	tcase_add_test(tc, test_create_cloexec_and_clamped);
	tcase_add_test(tc, test_allow_hostile);
	tcase_add_test(tc, test_restrict_needs_no_new_privs);
	suite_add_tcase(s, tc);

	tc = tcase_create("box");
	tcase_set_timeout(tc, 60);
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_loop_test(tc, test_box, 0, plan_runs());
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr;
	int failed;

	kernel_abi = lj_landlock_abi();
	if (kernel_abi == 0) {
		printf("SKIP: test-landlock: this kernel has no Landlock (not built in, or not in "
				"the lsm= boot list): lj_landlock_abi() == 0\n");
		return 77;
	}
	printf("Landlock ABI %d (this file knows up to %d)\n", kernel_abi, LJ_LANDLOCK_ABI_MAX);
	sr = srunner_create(landlock_suite());
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? 0 : 1;
}
