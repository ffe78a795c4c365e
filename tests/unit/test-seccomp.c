/*
 * test-seccomp.c - unit tests for layer-seccomp: the program and its effect.
 *
 * Three kinds of test, hostile inputs first:
 *  - the builder's contract (NULL, tiny buffers, exact fit, determinism);
 *  - the program run through a tiny classic-BPF interpreter on forged
 *    seccomp_data (foreign arch, x32 numbers, 64-bit arguments with junk in
 *    the high half), so the policy is checked even where seccomp is absent;
 *  - behaviour: a forked child sets no_new_privs, installs the filter and
 *    makes raw syscalls with harmless bad arguments (bad fds, NULL pointers,
 *    invalid flags), so an unfiltered call fails with EBADF/EFAULT/EINVAL and
 *    a filtered one shows EPERM/ENOSYS. Each probe also runs without the
 *    filter as a control, so a probe that would print EPERM anyway cannot make
 *    a test pass.
 * Children leave with _exit: LeakSanitizer's exit-time scan uses ptrace,
 * which the filter (rightly) denies.
 */
#include "config.h"

#include <check.h>
#include <errno.h>
#include <netdb.h>
#include <pthread.h>
#include <signal.h>
#include <spawn.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/personality.h>
#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/sched.h>
#include <linux/seccomp.h>

#include "layer-seccomp.h"
#include "macro.h"

extern char **environ;

#ifndef __NR_open_tree_attr
#define __NR_open_tree_attr 467
#endif

#define BADPTR ((void *) 1)      /* never mapped: the kernel answers EFAULT */
#define SETUP_FAILED 200        /* child exit code: could not even install */
#define HI32 (1UL << 32)        /* junk in the high half of a 64-bit argument */
#define SOCK_BAD 15             /* type >= SOCK_MAX: EINVAL before any protocol code */

static size_t build(bool net, struct sock_filter *f)
{
	struct lj_seccomp_opts o = { .allow_network = net };
	size_t len = 0;

	ck_assert_int_eq(lj_seccomp_build(&o, f, LJ_SECCOMP_FILTER_MAX, &len), 0);
	return len;
}

/* ---- the builder's contract ------------------------------------------- */

START_TEST(test_build_rejects_null)
{
	struct lj_seccomp_opts o = { 0 };
	struct sock_filter f[LJ_SECCOMP_FILTER_MAX];
	size_t len = 12345;

	ck_assert_int_eq(lj_seccomp_build(NULL, f, ARRAY_SIZE(f), &len), -EINVAL);
	ck_assert_int_eq(lj_seccomp_build(&o, f, ARRAY_SIZE(f), NULL), -EINVAL);
	ck_assert_int_eq(lj_seccomp_build(&o, NULL, 10, &len), -EINVAL);
	ck_assert_uint_eq(len, 12345);
}
END_TEST

START_TEST(test_build_enospc)
{
	struct sock_filter f[LJ_SECCOMP_FILTER_MAX];
	struct lj_seccomp_opts o = { .allow_network = _i };
	size_t full = build(_i, f);
	const size_t caps[] = { 0, 1, 2, full / 2, full - 1 };

	for (size_t i = 0; i < ARRAY_SIZE(caps); i++) {
		size_t len = 777;

		ck_assert_int_eq(lj_seccomp_build(&o, caps[i] ? f : NULL, caps[i], &len), -ENOSPC);
		ck_assert_uint_eq(len, 777);    /* written only on success */
	}
	/* An exact fit is enough. */
	ck_assert_int_eq(lj_seccomp_build(&o, f, full, &(size_t) { 0 }), 0);
}
END_TEST

START_TEST(test_build_deterministic_and_bounded)
{
	struct sock_filter a[LJ_SECCOMP_FILTER_MAX], b[LJ_SECCOMP_FILTER_MAX];
	size_t la = build(false, a), lb = build(false, b);
	size_t ln = build(true, b);

	ck_assert_uint_eq(la, lb);
	ck_assert_uint_le(ln, LJ_SECCOMP_FILTER_MAX);
	/* allow_network adds exactly the AF_INET and AF_INET6 comparisons */
	ck_assert_uint_eq(ln, la + 2);
	ck_assert_uint_eq(build(false, b), la);
	ck_assert_int_eq(memcmp(a, b, la * sizeof(a[0])), 0);
	printf("seccomp filter: %zu instructions (%zu with allow_network)\n", la, ln);
}
END_TEST

START_TEST(test_build_structure)
{
	struct sock_filter f[LJ_SECCOMP_FILTER_MAX];
	size_t len = build(_i, f);

	ck_assert_uint_gt(len, 0);
	ck_assert_uint_eq(BPF_CLASS(f[len - 1].code), BPF_RET);
	for (size_t i = 0; i < len; i++) {
		if (BPF_CLASS(f[i].code) != BPF_JMP)
			continue;
		/* every jump lands inside the program */
		ck_assert_uint_lt(i + 1 + f[i].jt, len);
		ck_assert_uint_lt(i + 1 + f[i].jf, len);
	}
}
END_TEST

START_TEST(test_install_rejects)
{
	struct sock_filter f[1] = { BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW) };

	/* All refused before any syscall: safe in the test process itself. */
	ck_assert_int_eq(lj_seccomp_install(NULL, 1), -EINVAL);
	ck_assert_int_eq(lj_seccomp_install(f, 0), -EINVAL);
	ck_assert_int_eq(lj_seccomp_install(f, BPF_MAXINSNS + 1), -EINVAL);
}
END_TEST

START_TEST(test_install_needs_no_new_privs)
{
	struct sock_filter f[LJ_SECCOMP_FILTER_MAX];
	size_t len = build(false, f);
	int status;
	pid_t pid = fork();

	ck_assert_int_ge(pid, 0);
	if (pid == 0)
		_exit(-lj_seccomp_install(f, len));    /* no PR_SET_NO_NEW_PRIVS here */
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	ck_assert(WIFEXITED(status));
	ck_assert_int_eq(WEXITSTATUS(status), EPERM);
}
END_TEST

/* ---- the program on forged input -------------------------------------- */

/*
 * Run @f on @d, interpreting only the instructions the builder may emit;
 * anything else fails the test.
 */
static uint32_t bpf_run(const struct sock_filter *f, size_t len, const struct seccomp_data *d)
{
	uint32_t a = 0;

	for (size_t pc = 0; pc < len; pc++) {
		const struct sock_filter *ins = &f[pc];

		switch (ins->code) {
		case BPF_LD | BPF_W | BPF_ABS:
			ck_assert_uint_le(ins->k + 4, sizeof(*d));
			ck_assert_uint_eq(ins->k % 4, 0);
			memcpy(&a, (const char *) d + ins->k, 4);
			break;
		case BPF_JMP | BPF_JEQ | BPF_K:
			pc += a == ins->k ? ins->jt : ins->jf;
			break;
		case BPF_JMP | BPF_JGE | BPF_K:
			pc += a >= ins->k ? ins->jt : ins->jf;
			break;
		case BPF_JMP | BPF_JSET | BPF_K:
			pc += (a & ins->k) ? ins->jt : ins->jf;
			break;
		case BPF_RET | BPF_K:
			return ins->k;
		default:
			ck_abort_msg("unexpected BPF opcode %#x at %zu", ins->code, pc);
		}
	}
	ck_abort_msg("fell off the end of the program");
	return 0;
}

#if defined(__x86_64__)
#define ARCH AUDIT_ARCH_X86_64
#elif defined(__aarch64__)
#define ARCH AUDIT_ARCH_AARCH64
#endif

#define ALLOW SECCOMP_RET_ALLOW
#define EPERM_ (SECCOMP_RET_ERRNO | EPERM)
#define ENOSYS_ (SECCOMP_RET_ERRNO | ENOSYS)
#define KILL SECCOMP_RET_KILL_PROCESS

struct forged {
	const char *what;
	uint32_t arch;
	int nr;
	uint64_t a0, a1;
	uint32_t deny, net;     /* expected action without / with allow_network */
};

static const struct forged forged[] = {
	/* hostile first */
	{ "i386 int 0x80", AUDIT_ARCH_I386, 20, 0, 0, KILL, KILL },
	{ "arm (compat)", AUDIT_ARCH_ARM, 20, 0, 0, KILL, KILL },
	{ "arch 0", 0, __NR_getpid, 0, 0, KILL, KILL },
#ifdef __x86_64__
	{ "x32 ptrace", ARCH, 0x40000000 | 521, 0, 0, ENOSYS_, ENOSYS_ },
	{ "x32 getpid", ARCH, 0x40000000 | __NR_getpid, 0, 0, ENOSYS_, ENOSYS_ },
	{ "nr -1", ARCH, -1, 0, 0, ENOSYS_, ENOSYS_ },
#endif
	{ "TIOCSTI high bits", ARCH, __NR_ioctl, 0, TIOCSTI | HI32, EPERM_, EPERM_ },
	{ "TIOCLINUX high bits", ARCH, __NR_ioctl, 0, TIOCLINUX | HI32, EPERM_, EPERM_ },
	{ "TIOCSTI", ARCH, __NR_ioctl, 0, TIOCSTI, EPERM_, EPERM_ },
	{ "TCGETS", ARCH, __NR_ioctl, 0, TCGETS, ALLOW, ALLOW },
	{ "TIOCSTI in high half only", ARCH, __NR_ioctl, 0, (uint64_t) TIOCSTI << 32,
		ALLOW, ALLOW },
	{ "clone NEWUSER high junk", ARCH, __NR_clone, CLONE_NEWUSER | HI32, 0, EPERM_, EPERM_ },
	{ "clone NEWNET", ARCH, __NR_clone, CLONE_NEWNET | SIGCHLD, 0, EPERM_, EPERM_ },
	{ "clone NEWCGROUP", ARCH, __NR_clone, CLONE_NEWCGROUP, 0, EPERM_, EPERM_ },
	{ "clone thread", ARCH, __NR_clone, CLONE_VM | CLONE_THREAD | CLONE_SIGHAND, 0,
		ALLOW, ALLOW },
	{ "clone3", ARCH, __NR_clone3, 0, 0, ENOSYS_, ENOSYS_ },
	{ "socket AF_INET high junk", ARCH, __NR_socket, AF_INET | HI32, 0, EPERM_, ALLOW },
	{ "socket AF_PACKET", ARCH, __NR_socket, AF_PACKET, 0, EPERM_, EPERM_ },
	{ "socket AF_NETLINK", ARCH, __NR_socket, AF_NETLINK, 0, EPERM_, EPERM_ },
	{ "socket AF_VSOCK", ARCH, __NR_socket, AF_VSOCK, 0, EPERM_, EPERM_ },
	{ "socketpair AF_INET6", ARCH, __NR_socketpair, AF_INET6, 0, EPERM_, ALLOW },
	{ "socket AF_UNIX", ARCH, __NR_socket, AF_UNIX, 0, ALLOW, ALLOW },
	{ "personality READ_IMPLIES_EXEC", ARCH, __NR_personality, READ_IMPLIES_EXEC, 0,
		EPERM_, EPERM_ },
	{ "personality MMAP_PAGE_ZERO", ARCH, __NR_personality, MMAP_PAGE_ZERO, 0,
		EPERM_, EPERM_ },
	{ "personality query", ARCH, __NR_personality, 0xffffffff, 0, ALLOW, ALLOW },
	{ "personality PER_LINUX", ARCH, __NR_personality, PER_LINUX, 0, ALLOW, ALLOW },
	{ "personality no-ASLR", ARCH, __NR_personality, ADDR_NO_RANDOMIZE, 0, ALLOW, ALLOW },
	{ "ptrace", ARCH, __NR_ptrace, 0, 0, EPERM_, EPERM_ },
	{ "open_tree_attr", ARCH, __NR_open_tree_attr, 0, 0, EPERM_, EPERM_ },
	{ "vhangup", ARCH, __NR_vhangup, 0, 0, EPERM_, EPERM_ },
	{ "getpid", ARCH, __NR_getpid, 0, 0, ALLOW, ALLOW },
};

START_TEST(test_forged)
{
	const struct forged *t = &forged[_i];
	struct sock_filter deny[LJ_SECCOMP_FILTER_MAX], net[LJ_SECCOMP_FILTER_MAX];
	size_t ld = build(false, deny), ln = build(true, net);
	struct seccomp_data d = { .nr = t->nr, .arch = t->arch };

	d.args[0] = t->a0;
	d.args[1] = t->a1;
	ck_assert_msg(bpf_run(deny, ld, &d) == t->deny, "%s: got %#x, want %#x", t->what,
			bpf_run(deny, ld, &d), t->deny);
	ck_assert_msg(bpf_run(net, ln, &d) == t->net, "%s (network): got %#x, want %#x",
			t->what, bpf_run(net, ln, &d), t->net);
}
END_TEST

/* ---- behaviour under the real kernel ---------------------------------- */

/* 0 when @r is not an error, else errno. */
static int res(long r)
{
	return r < 0 ? errno : 0;
}

static int fd_res(long fd)
{
	if (fd < 0)
		return errno;
	(void) close((int) fd);
	return 0;
}

#ifdef __x86_64__
static int p_int80_getpid(void)
{
	long r = 20;    /* i386 __NR_getpid */

	__asm__ volatile ("int $0x80" : "+a" (r) : : "memory", "r8", "r9", "r10", "r11");
	return r > 0 ? 0 : (int) -r;
}

static int p_x32_ptrace(void)
{
	return res(syscall(__X32_SYSCALL_BIT | 521, PTRACE_PEEKDATA, -1, NULL, NULL));
}
#endif

static int p_tiocsti_highbits(void)
{
	return res(syscall(__NR_ioctl, -1, TIOCSTI | HI32, BADPTR));
}

static int p_tioclinux_highbits(void)
{
	return res(syscall(__NR_ioctl, -1, TIOCLINUX | HI32, BADPTR));
}

static int p_tiocsti(void)
{
	return res(ioctl(-1, TIOCSTI, BADPTR));
}

static int p_tioclinux(void)
{
	return res(ioctl(-1, TIOCLINUX, BADPTR));
}

static int p_tcgets(void)
{
	return res(ioctl(-1, TCGETS, BADPTR));
}

static long raw_clone(unsigned long flags)
{
	long r = syscall(__NR_clone, flags, NULL, NULL, NULL, 0UL);

	if (r == 0)
		_exit(0);       /* should never happen: the flags are invalid */
	return r;
}

/* CLONE_THREAD without CLONE_SIGHAND makes any clone EINVAL when unfiltered. */
#define CLONE_PROBE(nsflag, name) \
	static int name(void) { return res(raw_clone((nsflag) | CLONE_THREAD)); }
CLONE_PROBE(CLONE_NEWUSER | HI32, p_clone_newuser_highbits)
CLONE_PROBE(CLONE_NEWUSER, p_clone_newuser)
CLONE_PROBE(CLONE_NEWNS, p_clone_newns)
CLONE_PROBE(CLONE_NEWPID, p_clone_newpid)
CLONE_PROBE(CLONE_NEWNET, p_clone_newnet)
CLONE_PROBE(CLONE_NEWUTS, p_clone_newuts)
CLONE_PROBE(CLONE_NEWIPC, p_clone_newipc)
CLONE_PROBE(CLONE_NEWCGROUP, p_clone_newcgroup)

static int p_clone3(void)
{
	return res(syscall(__NR_clone3, NULL, 0UL));
}

static int p_socket_inet_highbits(void)
{
	return fd_res(syscall(__NR_socket, AF_INET | HI32, SOCK_STREAM, 0));
}

static int p_socket_packet(void)
{
	return fd_res(socket(AF_PACKET, SOCK_BAD, 0));
}

static int p_socket_netlink(void)
{
	return fd_res(socket(AF_NETLINK, SOCK_BAD, 0));
}

static int p_socket_vsock(void)
{
	return fd_res(socket(AF_VSOCK, SOCK_BAD, 0));
}

static int p_socket_key(void)
{
	return fd_res(socket(AF_KEY, SOCK_BAD, 0));
}

static int p_socket_alg(void)
{
	return fd_res(socket(AF_ALG, SOCK_BAD, 0));
}

static int p_socket_inet(void)
{
	return fd_res(socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0));
}

static int p_socket_inet6(void)
{
	return fd_res(socket(AF_INET6, SOCK_DGRAM | SOCK_CLOEXEC, 0));
}

static int p_socket_unix(void)
{
	return fd_res(socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0));
}

static int p_socketpair_unix(void)
{
	int sv[2];

	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) < 0)
		return errno;
	(void) close(sv[0]);
	(void) close(sv[1]);
	return 0;
}

static int p_socketpair_inet(void)
{
	int sv[2];

	if (socketpair(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) < 0)
		return errno;
	(void) close(sv[0]);
	(void) close(sv[1]);
	return 0;
}

static int p_ptrace(void)
{
	return res(syscall(__NR_ptrace, PTRACE_PEEKDATA, -1, NULL, NULL));
}

static int p_process_vm_readv(void)
{
	return res(syscall(__NR_process_vm_readv, 0, NULL, 0UL, NULL, 0UL, ~0UL));
}

static int p_pidfd_getfd(void)
{
	return res(syscall(__NR_pidfd_getfd, -1, -1, 0U));
}

static int p_mount(void)
{
	return res(syscall(__NR_mount, NULL, NULL, NULL, 0UL, NULL));
}

static int p_umount2(void)
{
	return res(syscall(__NR_umount2, NULL, 0x80000000));
}

static int p_chroot(void)
{
	return res(syscall(__NR_chroot, NULL));
}

static int p_open_tree(void)
{
	return res(syscall(__NR_open_tree, -1, NULL, ~0U));
}

static int p_open_tree_attr(void)
{
	return res(syscall(__NR_open_tree_attr, -1, NULL, ~0U, NULL, 0UL));
}

static int p_mount_setattr(void)
{
	return res(syscall(__NR_mount_setattr, -1, NULL, ~0U, NULL, 0UL));
}

static int p_unshare0(void)
{
	return res(syscall(__NR_unshare, 0UL));
}

static int p_unshare_user(void)
{
	return res(syscall(__NR_unshare, (unsigned long) CLONE_NEWUSER));
}

static int p_setns(void)
{
	return res(syscall(__NR_setns, -1, 0));
}

static int p_bpf(void)
{
	return res(syscall(__NR_bpf, -1, NULL, 0U));
}

static int p_perf_event_open(void)
{
	return res(syscall(__NR_perf_event_open, NULL, 0, -1, -1, 0UL));
}

static int p_userfaultfd(void)
{
	/* UFFD_USER_MODE_ONLY passes the privilege check; the unknown bit is EINVAL */
	return res(syscall(__NR_userfaultfd, 1 | 0x100000));
}

static int p_io_uring_setup(void)
{
	return res(syscall(__NR_io_uring_setup, 0U, NULL));
}

static int p_io_uring_enter(void)
{
	return res(syscall(__NR_io_uring_enter, -1, 0U, 0U, 0U, NULL, 0UL));
}

static int p_keyctl(void)
{
	return res(syscall(__NR_keyctl, -1, 0UL, 0UL, 0UL, 0UL));
}

static int p_add_key(void)
{
	return res(syscall(__NR_add_key, NULL, NULL, NULL, 0UL, 0));
}

static int p_request_key(void)
{
	return res(syscall(__NR_request_key, NULL, NULL, NULL, 0));
}

static int p_name_to_handle_at(void)
{
	return res(syscall(__NR_name_to_handle_at, -1, NULL, NULL, NULL, 0));
}

static int p_quotactl(void)
{
	return res(syscall(__NR_quotactl, 0, NULL, 0, NULL));
}

/* privileged: unfiltered, an unprivileged caller already gets EPERM */
static int p_kexec_load(void)
{
	/* an unknown flag and too many segments: EINVAL for root */
	return res(syscall(__NR_kexec_load, 0UL, 0xffffUL, NULL, 0x8000UL));
}

static int p_init_module(void)
{
	return res(syscall(__NR_init_module, NULL, 0UL, NULL));
}

static int p_finit_module(void)
{
	return res(syscall(__NR_finit_module, -1, NULL, 0));
}

static int p_pivot_root(void)
{
	return res(syscall(__NR_pivot_root, NULL, NULL));
}

static int p_sethostname(void)
{
	return res(syscall(__NR_sethostname, BADPTR, 1UL));
}

static int p_syslog(void)
{
	return res(syscall(__NR_syslog, 3 /* READ_ALL */, NULL, -1));
}

static int p_acct(void)
{
	return res(syscall(__NR_acct, BADPTR));
}

static int p_reboot(void)
{
	return res(syscall(__NR_reboot, 0, 0, 0U, NULL));    /* bad magic */
}

static int p_open_by_handle_at(void)
{
	return res(syscall(__NR_open_by_handle_at, -1, NULL, 0));
}

/* personality: each probe runs in its own child, so changing it is harmless */
static int p_personality_rie(void)
{
	return res(personality(READ_IMPLIES_EXEC));
}

static int p_personality_page_zero(void)
{
	return res(personality(PER_SVR4));
}

static int p_personality_query(void)
{
	return res(personality(0xffffffff));
}

static int p_personality_linux(void)
{
	return res(personality(PER_LINUX));
}

static int p_personality_no_aslr(void)
{
	return res(personality(PER_LINUX | ADDR_NO_RANDOMIZE));
}

/* what must keep working */
static int p_getpid(void)
{
	return res(syscall(__NR_getpid));
}

static int p_fork(void)
{
	int status;
	pid_t pid = fork();

	if (pid < 0)
		return errno;
	if (pid == 0)
		_exit(42);
	if (waitpid(pid, &status, 0) != pid)
		return errno;
	return WIFEXITED(status) && WEXITSTATUS(status) == 42 ? 0 : EIO;
}

static int p_posix_spawn(void)
{
	char *argv[] = { (char *) "true", NULL };
	int status;
	pid_t pid;
	int r = posix_spawn(&pid, "/bin/true", NULL, NULL, argv, environ);

	if (r != 0)
		return r;
	if (waitpid(pid, &status, 0) != pid)
		return errno;
	return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : EIO;
}

static void *thread_main(void *arg)
{
	return arg;
}

static int p_pthread(void)
{
	pthread_t t;
	void *out = NULL;
	int r = pthread_create(&t, NULL, thread_main, (void *) 7);

	if (r != 0)
		return r;
	r = pthread_join(t, &out);
	if (r != 0)
		return r;
	return out == (void *) 7 ? 0 : EIO;
}

static int p_getaddrinfo_addrconfig(void)
{
	struct addrinfo hints = { .ai_flags = AI_ADDRCONFIG | AI_NUMERICHOST,
		.ai_family = AF_UNSPEC, .ai_socktype = SOCK_STREAM };
	struct addrinfo *ai = NULL;
	int r = getaddrinfo("127.0.0.1", "80", &hints, &ai);

	if (r != 0)
		return EHOSTUNREACH;
	freeaddrinfo(ai);
	return 0;
}

enum {
	P_PRIV = 1 << 0,        /* unfiltered result depends on privilege: control needs root */
	P_NOCTL = 1 << 1,       /* unfiltered result cannot tell (e.g. no x32 in the kernel) */
};

#define KILLED(sig) (-(sig))    /* expected: killed by this signal */

struct probe {
	const char *name;
	int (*fn)(void);
	int deny;               /* result under the filter without network */
	int net;                /* result under the filter with allow_network */
	unsigned int flags;
};

static const struct probe probes[] = {
	/* hostile first */
#ifdef __x86_64__
	{ "int 0x80 getpid", p_int80_getpid, KILLED(SIGSYS), KILLED(SIGSYS), 0 },
	{ "x32 ptrace", p_x32_ptrace, ENOSYS, ENOSYS, P_NOCTL },
#endif
	{ "ioctl TIOCSTI|1<<32", p_tiocsti_highbits, EPERM, EPERM, 0 },
	{ "ioctl TIOCLINUX|1<<32", p_tioclinux_highbits, EPERM, EPERM, 0 },
	{ "ioctl TIOCSTI", p_tiocsti, EPERM, EPERM, 0 },
	{ "ioctl TIOCLINUX", p_tioclinux, EPERM, EPERM, 0 },
	{ "clone NEWUSER|1<<32", p_clone_newuser_highbits, EPERM, EPERM, 0 },
	{ "clone NEWUSER", p_clone_newuser, EPERM, EPERM, 0 },
	{ "clone NEWNS", p_clone_newns, EPERM, EPERM, 0 },
	{ "clone NEWPID", p_clone_newpid, EPERM, EPERM, 0 },
	{ "clone NEWNET", p_clone_newnet, EPERM, EPERM, 0 },
	{ "clone NEWUTS", p_clone_newuts, EPERM, EPERM, 0 },
	{ "clone NEWIPC", p_clone_newipc, EPERM, EPERM, 0 },
	{ "clone NEWCGROUP", p_clone_newcgroup, EPERM, EPERM, 0 },
	{ "clone3", p_clone3, ENOSYS, ENOSYS, 0 },
	{ "socket AF_INET|1<<32", p_socket_inet_highbits, EPERM, 0, 0 },
	{ "socket AF_PACKET", p_socket_packet, EPERM, EPERM, 0 },
	{ "socket AF_NETLINK", p_socket_netlink, EPERM, EPERM, 0 },
	{ "socket AF_VSOCK", p_socket_vsock, EPERM, EPERM, 0 },
	{ "socket AF_KEY", p_socket_key, EPERM, EPERM, 0 },
	{ "socket AF_ALG", p_socket_alg, EPERM, EPERM, 0 },
	{ "socket AF_INET", p_socket_inet, EPERM, 0, 0 },
	{ "socket AF_INET6", p_socket_inet6, EPERM, 0, 0 },
	{ "socketpair AF_INET", p_socketpair_inet, EPERM, EOPNOTSUPP, 0 },
	{ "ptrace", p_ptrace, EPERM, EPERM, 0 },
	{ "process_vm_readv", p_process_vm_readv, EPERM, EPERM, 0 },
	{ "pidfd_getfd", p_pidfd_getfd, EPERM, EPERM, 0 },
	{ "mount", p_mount, EPERM, EPERM, 0 },
	{ "umount2", p_umount2, EPERM, EPERM, 0 },
	{ "chroot", p_chroot, EPERM, EPERM, 0 },
	{ "open_tree", p_open_tree, EPERM, EPERM, 0 },
	{ "open_tree_attr", p_open_tree_attr, EPERM, EPERM, 0 },
	{ "mount_setattr", p_mount_setattr, EPERM, EPERM, 0 },
	{ "unshare(0)", p_unshare0, EPERM, EPERM, 0 },
	{ "unshare(NEWUSER)", p_unshare_user, EPERM, EPERM, P_PRIV },
	{ "setns", p_setns, EPERM, EPERM, 0 },
	{ "bpf", p_bpf, EPERM, EPERM, 0 },
	{ "perf_event_open", p_perf_event_open, EPERM, EPERM, 0 },
	{ "userfaultfd", p_userfaultfd, EPERM, EPERM, 0 },
	{ "io_uring_setup", p_io_uring_setup, EPERM, EPERM, 0 },
	{ "io_uring_enter", p_io_uring_enter, EPERM, EPERM, 0 },
	{ "keyctl", p_keyctl, EPERM, EPERM, 0 },
	{ "add_key", p_add_key, EPERM, EPERM, 0 },
	{ "request_key", p_request_key, EPERM, EPERM, 0 },
	{ "name_to_handle_at", p_name_to_handle_at, EPERM, EPERM, 0 },
	{ "quotactl", p_quotactl, EPERM, EPERM, 0 },
	{ "kexec_load", p_kexec_load, EPERM, EPERM, P_PRIV },
	{ "init_module", p_init_module, EPERM, EPERM, P_PRIV },
	{ "finit_module", p_finit_module, EPERM, EPERM, P_PRIV },
	{ "pivot_root", p_pivot_root, EPERM, EPERM, P_PRIV },
	{ "sethostname", p_sethostname, EPERM, EPERM, P_PRIV },
	{ "syslog", p_syslog, EPERM, EPERM, P_PRIV },
	{ "acct", p_acct, EPERM, EPERM, P_PRIV },
	{ "reboot", p_reboot, EPERM, EPERM, P_PRIV },
	{ "open_by_handle_at", p_open_by_handle_at, EPERM, EPERM, P_PRIV },
	{ "personality READ_IMPLIES_EXEC", p_personality_rie, EPERM, EPERM, 0 },
	{ "personality PER_SVR4", p_personality_page_zero, EPERM, EPERM, 0 },
	/* must keep working */
	{ "personality query", p_personality_query, 0, 0, 0 },
	{ "personality PER_LINUX", p_personality_linux, 0, 0, 0 },
	{ "personality no-ASLR", p_personality_no_aslr, 0, 0, 0 },
	{ "ioctl TCGETS bad fd", p_tcgets, EBADF, EBADF, 0 },
	{ "socket AF_UNIX", p_socket_unix, 0, 0, 0 },
	{ "socketpair AF_UNIX", p_socketpair_unix, 0, 0, 0 },
	{ "getpid", p_getpid, 0, 0, 0 },
	{ "fork", p_fork, 0, 0, 0 },
	{ "posix_spawn", p_posix_spawn, 0, 0, 0 },
	{ "pthread_create", p_pthread, 0, 0, 0 },
	{ "getaddrinfo AI_ADDRCONFIG", p_getaddrinfo_addrconfig, 0, 0, 0 },
};

/*
 * Run @fn in a forked child with no_new_privs and, when @install, the filter.
 * Returns what @fn returned (0 or errno), or KILLED(signal).
 */
static int run(int (*fn)(void), bool install, bool net)
{
	int status;
	pid_t pid = fork();

	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		struct sock_filter f[LJ_SECCOMP_FILTER_MAX];
		struct lj_seccomp_opts o = { .allow_network = net };
		const struct rlimit no_core = { 0, 0 };
		size_t len;

		/* a SIGSYS kill would dump core */
		if (setrlimit(RLIMIT_CORE, &no_core) < 0)
			_exit(SETUP_FAILED);
		if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0)
			_exit(SETUP_FAILED);
		if (install) {
			if (lj_seccomp_build(&o, f, ARRAY_SIZE(f), &len) < 0)
				_exit(SETUP_FAILED);
			if (lj_seccomp_install(f, len) < 0)
				_exit(SETUP_FAILED);
		}
		_exit(fn());
	}
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	if (WIFSIGNALED(status))
		return KILLED(WTERMSIG(status));
	ck_assert(WIFEXITED(status));
	ck_assert_int_ne(WEXITSTATUS(status), SETUP_FAILED);
	return WEXITSTATUS(status);
}

static const char *show(int r, char *buf, size_t size)
{
	if (r < 0)
		snprintf(buf, size, "killed by signal %d", -r);
	else if (r == 0)
		snprintf(buf, size, "success");
	else
		snprintf(buf, size, "%s", strerrorname_np(r) ? strerrorname_np(r) : "?");
	return buf;
}

static void check_probe(const struct probe *p, bool net)
{
	char got[64], want[64];
	int expect = net ? p->net : p->deny;
	int r = run(p->fn, true, net);

	ck_assert_msg(r == expect, "%s%s: got %s, want %s", p->name,
			net ? " (allow_network)" : "",
			show(r, got, sizeof(got)), show(expect, want, sizeof(want)));
}

START_TEST(test_filtered)
{
	check_probe(&probes[_i], false);
}
END_TEST

START_TEST(test_filtered_network)
{
	check_probe(&probes[_i], true);
}
END_TEST

/*
 * The control: without the filter, a probe expected to be blocked must give
 * something else, else it proves nothing. Only probes with something to
 * contrast are registered (see controls()), so nothing passes vacuously.
 */
static size_t ctl[ARRAY_SIZE(probes)];

static int controls(void)
{
	int n = 0;

	for (size_t i = 0; i < ARRAY_SIZE(probes); i++) {
		const struct probe *p = &probes[i];

		if (p->deny == 0 || p->deny == EBADF || (p->flags & P_NOCTL))
			continue;       /* allowed or undecidable: nothing to contrast */
		if ((p->flags & P_PRIV) && geteuid() != 0) {
			printf("NOTE: not root: no unfiltered control for %s\n", p->name);
			continue;
		}
		ctl[n++] = i;
	}
	return n;
}

START_TEST(test_unfiltered_control)
{
	const struct probe *p = &probes[ctl[_i]];
	char got[64];
	int r = run(p->fn, false, false);

	ck_assert_msg(r != p->deny, "%s: unfiltered also gives %s; the probe is useless",
			p->name, show(r, got, sizeof(got)));
	ck_assert_msg(r >= 0, "%s: unfiltered probe was killed (%s)", p->name,
			show(r, got, sizeof(got)));
}
END_TEST

static Suite *seccomp_suite(void)
{
	Suite *s = suite_create("seccomp");
	TCase *tc;

	tc = tcase_create("build");
	tcase_add_test(tc, test_build_rejects_null);
	tcase_add_loop_test(tc, test_build_enospc, 0, 2);
	tcase_add_test(tc, test_build_deterministic_and_bounded);
	tcase_add_loop_test(tc, test_build_structure, 0, 2);
	tcase_add_test(tc, test_install_rejects);
	suite_add_tcase(s, tc);

	tc = tcase_create("program");
	tcase_add_loop_test(tc, test_forged, 0, (int) ARRAY_SIZE(forged));
	suite_add_tcase(s, tc);

	tc = tcase_create("kernel");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_install_needs_no_new_privs);
	tcase_add_loop_test(tc, test_filtered, 0, (int) ARRAY_SIZE(probes));
	tcase_add_loop_test(tc, test_filtered_network, 0, (int) ARRAY_SIZE(probes));
	tcase_add_loop_test(tc, test_unfiltered_control, 0, controls());
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(seccomp_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? 0 : 1;
}
