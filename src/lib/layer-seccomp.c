/*
 * layer-seccomp.c - the seccomp layer: a small deny list in classic BPF.
 *
 * Theory of operation
 *
 * The filter is the last layer the child applies before execve. It is a deny
 * list: the jail runs whole interpreters (python3, sh, ...) whose syscall
 * needs change with every release, so an allow list would break them, while
 * the syscalls below are kernel attack surface or host administration that no
 * student program needs. Denied calls return EPERM rather than killing, so an
 * interpreter reports a clean exception instead of dying with SIGSYS.
 *
 * Trust: the program trusts only struct seccomp_data as the kernel fills it.
 * Arguments are compared on their low 32 bits, and only where the kernel itself
 * reads just those bits (the ioctl request, clone flags, socket domain and the
 * personality are all 32-bit in the kernel). Comparing the full 64 bits would
 * be wrong: CVE-2019-10063 was a TIOCSTI filter that compared 64 bits, so
 * TIOCSTI | (1 << 32) slipped past it and the kernel, dropping the high half,
 * ran TIOCSTI anyway. Pointer arguments are never inspected (the kernel reads
 * them after the filter ran: checking them would be a TOCTOU race).
 *
 * Why hand-built BPF and not libseccomp:
 *  - zero per-run cost: no rule compilation in the supervisor or the child;
 *  - no allocation: lj_seccomp_build fills a caller buffer, so it is safe in
 *    the forked child, between fork and execve, like the rest of child.c;
 *  - auditable: the whole policy is the one function build() below, about a
 *    hundred instructions, and the unit tests check it instruction by outcome.
 * Jump offsets are not counted by hand: jumps name labels and resolve()
 * patches the offsets and checks they fit in BPF's 8-bit jt/jf fields.
 *
 * Decisions
 *  - Foreign architecture (i386 through int 0x80 on x86_64, AArch32 on
 *    arm64): SECCOMP_RET_KILL_PROCESS. Syscall numbers mean other syscalls
 *    there (i386 26 is ptrace, x86_64 26 is msync), so a number-based list is
 *    meaningless; no runtime we ship issues them; an errno would just let an
 *    attacker probe. 32-bit binaries therefore cannot run in the jail.
 *  - x32 ABI (nr with __X32_SYSCALL_BIT) on x86_64: ERRNO(ENOSYS), what a
 *    kernel built without x32 answers. Without this check x32's own numbers
 *    for ptrace, mount, ... would bypass every comparison below.
 *  - clone3: ERRNO(ENOSYS). Its flags live in a struct in user memory that BPF
 *    cannot read; glibc (posix_spawn, pthread_create) then falls back to
 *    clone, whose flags are register arguments we check.
 *  - clone with any CLONE_NEW* flag: EPERM (new namespaces, user namespaces in
 *    particular, are the gateway to most local kernel exploits). CLONE_NEWTIME
 *    is not in the mask: in clone() its bit (0x80) is part of the exit signal;
 *    only clone3 can ask for a time namespace, and clone3 is refused.
 *  - personality: allowed only for PER_LINUX, the query 0xffffffff, and
 *    PER_LINUX|ADDR_NO_RANDOMIZE (turning off one's own ASLR protects nothing
 *    from the jailed program itself; `setarch -R` and debuggers use it). All
 *    else is EPERM: READ_IMPLIES_EXEC makes every later mapping executable,
 *    MMAP_PAGE_ZERO maps page 0 at exec (kernel NULL-dereference exploits),
 *    and the legacy personas change syscall semantics.
 *  - socket/socketpair: AF_UNIX always; AF_INET and AF_INET6 only when
 *    allow_network. Everything else is EPERM, AF_NETLINK included: netlink is
 *    a large parser surface and (without a network namespace) leaks host
 *    interfaces. glibc copes: getaddrinfo's AI_ADDRCONFIG probe (__check_pf)
 *    assumes both IPv4 and IPv6 when its netlink socket fails; only
 *    if_nameindex()/getifaddrs() fail, which student code does not need.
 *    AF_PACKET, AF_VSOCK (isolate's cross-box leak), AF_KEY, AF_ALG,
 *    AF_BLUETOOTH, ... are all covered by "everything else".
 *  - ioctl TIOCSTI and TIOCLINUX: EPERM (CVE-2017-5226: pushing keystrokes
 *    into the invoking terminal; TIOCLINUX can also paste the selection).
 *
 * Everything else is allowed. The kernel's per-syscall action cache (5.11+)
 * recognises every syscall whose outcome does not depend on arguments, so the
 * common path (read, write, mmap, ...) does not even run this program.
 */
#include "config.h"

#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/ioctl.h>
#include <sys/personality.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/sched.h>
#include <linux/seccomp.h>

#include "layer-seccomp.h"
#include "macro.h"

/*
 * The build's native architecture. The clone flags are argument 0 on both
 * supported architectures; CLONE_BACKWARDS2 (s390) and CLONE_BACKWARDS3
 * (microblaze) order them differently, so a port must check here.
 */
#if defined(__x86_64__) && !defined(__ILP32__)
#define NATIVE_ARCH AUDIT_ARCH_X86_64
#define CLONE_FLAGS_ARG 0
#elif defined(__aarch64__) && !defined(__AARCH64EB__)
#define NATIVE_ARCH AUDIT_ARCH_AARCH64
#define CLONE_FLAGS_ARG 0
#else
#error "layer-seccomp.c: set NATIVE_ARCH and CLONE_FLAGS_ARG for this architecture"
#endif

/*
 * Syscalls newer than the oldest headers we build with. From 424 on, every
 * architecture shares one number.
 */
#ifndef __NR_open_tree_attr
#define __NR_open_tree_attr 467
#endif

/* Namespace-creating clone flags (CLONE_NEWTIME deliberately absent, see above). */
#define CLONE_NS_FLAGS (CLONE_NEWNS | CLONE_NEWCGROUP | CLONE_NEWUTS | CLONE_NEWIPC | \
		CLONE_NEWUSER | CLONE_NEWPID | CLONE_NEWNET)

#define PERSONALITY_QUERY 0xffffffffU

/* Offset of the low 32 bits of syscall argument @n in struct seccomp_data. */
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define ARG_LO(n) ((uint32_t) offsetof(struct seccomp_data, args[(n)]))
#else
#define ARG_LO(n) ((uint32_t) offsetof(struct seccomp_data, args[(n)]) + 4)
#endif

/* Denied outright with EPERM, whatever the arguments. */
static const int deny_eperm[] = {
	/* reading or writing other processes' memory and files */
	__NR_ptrace,
	__NR_process_vm_readv,
	__NR_process_vm_writev,
	__NR_pidfd_getfd,
	__NR_kcmp,
	/* mounts and root changes, old and new API */
	__NR_mount,
	__NR_umount2,
	__NR_pivot_root,
	__NR_chroot,
	__NR_move_mount,
	__NR_open_tree,
	__NR_open_tree_attr,
	__NR_fsopen,
	__NR_fsconfig,
	__NR_fsmount,
	__NR_fspick,
	__NR_mount_setattr,
	/* namespaces (clone's flags are checked separately) */
	__NR_unshare,
	__NR_setns,
	/* large kernel attack surface, rarely needed and often exploited */
	__NR_bpf,
	__NR_perf_event_open,
	__NR_userfaultfd,
	__NR_io_uring_setup,
	__NR_io_uring_enter,
	__NR_io_uring_register,
	/* keyrings are shared by every process of a uid: a cross-run leak */
	__NR_keyctl,
	__NR_add_key,
	__NR_request_key,
	/* host administration */
	__NR_kexec_load,
#ifdef __NR_kexec_file_load
	__NR_kexec_file_load,
#endif
	__NR_init_module,
	__NR_finit_module,
	__NR_delete_module,
	__NR_acct,
	__NR_swapon,
	__NR_swapoff,
	__NR_reboot,
	__NR_syslog,
	__NR_quotactl,
	__NR_quotactl_fd,
	__NR_vhangup,
	__NR_sethostname,
	__NR_setdomainname,
	/* file handles bypass path-based checks (Landlock, AppArmor, mounts) */
	__NR_name_to_handle_at,
	__NR_open_by_handle_at,
	__NR_fanotify_init,
#ifdef __NR_lookup_dcookie
	__NR_lookup_dcookie,
#endif
	/* raw port I/O */
#ifdef __NR_iopl
	__NR_iopl,
#endif
#ifdef __NR_ioperm
	__NR_ioperm,
#endif
	/* obsolete */
#ifdef __NR_uselib
	__NR_uselib,
#endif
#ifdef __NR_nfsservctl
	__NR_nfsservctl,
#endif
};

/* Jump targets. Every jump goes forward to a label or to the next instruction. */
enum label {
	L_ALLOW,
	L_EPERM,
	L_ENOSYS,
	L_KILL,
	L_PERSONALITY,
	L_CLONE,
	L_IOCTL,
	L_SOCKET,
	L__MAX
};

#define NEXT (-1)       /* "fall through": a jump offset of 0 */

struct prog {
	struct sock_filter *buf;
	size_t cap;
	size_t len;             /* instructions emitted; may exceed cap (then only counted) */
	size_t at[L__MAX];      /* index of each placed label, SIZE_MAX before */
};

/*
 * While building, a conditional jump's jt/jf hold label + 1 (0 = next);
 * resolve() turns them into offsets.
 */
static uint8_t ref(int label)
{
	return label == NEXT ? 0 : (uint8_t) (label + 1);
}

static void emit(struct prog *p, uint16_t code, uint8_t jt, uint8_t jf, uint32_t k)
{
	if (p->len < p->cap)
		p->buf[p->len] = (struct sock_filter) { .code = code, .jt = jt, .jf = jf, .k = k };
	p->len++;
}

static void load(struct prog *p, uint32_t offset)
{
	emit(p, BPF_LD | BPF_W | BPF_ABS, 0, 0, offset);
}

static void ret(struct prog *p, uint32_t action)
{
	emit(p, BPF_RET | BPF_K, 0, 0, action);
}

/* if (A <op> k) goto jt; else goto jf; */
static void jump(struct prog *p, uint16_t op, uint32_t k, int jt, int jf)
{
	emit(p, BPF_JMP | op | BPF_K, ref(jt), ref(jf), k);
}

static void place(struct prog *p, enum label l)
{
	p->at[l] = p->len;
}

static int patch(const struct prog *p, size_t i, uint8_t *off)
{
	size_t target;

	if (*off == 0)
		return 0;
	target = p->at[*off - 1];
	/* an unplaced label, a backward jump, or one beyond 255 cannot be encoded */
	if (target == SIZE_MAX || target <= i || target - i - 1 > UINT8_MAX)
		return -E2BIG;
	*off = (uint8_t) (target - i - 1);
	return 0;
}

static int resolve(struct prog *p)
{
	for (size_t i = 0; i < p->len; i++) {
		struct sock_filter *ins = &p->buf[i];
		int r;

		if (BPF_CLASS(ins->code) != BPF_JMP || BPF_OP(ins->code) == BPF_JA)
			continue;
		r = patch(p, i, &ins->jt);
		if (r < 0)
			return r;
		r = patch(p, i, &ins->jf);
		if (r < 0)
			return r;
	}
	return 0;
}

/* The policy. Read top to bottom; see the file comment for the reasons. */
static void build(struct prog *p, const struct lj_seccomp_opts *o)
{
	/* Architecture first: syscall numbers mean nothing without it. */
	load(p, offsetof(struct seccomp_data, arch));
	jump(p, BPF_JEQ, NATIVE_ARCH, NEXT, L_KILL);

	load(p, offsetof(struct seccomp_data, nr));
#ifdef __x86_64__
	/* x32 numbers are the 64-bit ones plus this bit: none may pass the list below. */
	jump(p, BPF_JGE, __X32_SYSCALL_BIT, L_ENOSYS, NEXT);
#endif
	for (size_t i = 0; i < ARRAY_SIZE(deny_eperm); i++)
		jump(p, BPF_JEQ, (uint32_t) deny_eperm[i], L_EPERM, NEXT);
	jump(p, BPF_JEQ, __NR_clone3, L_ENOSYS, NEXT);
	jump(p, BPF_JEQ, __NR_personality, L_PERSONALITY, NEXT);
	jump(p, BPF_JEQ, __NR_clone, L_CLONE, NEXT);
	jump(p, BPF_JEQ, __NR_ioctl, L_IOCTL, NEXT);
	jump(p, BPF_JEQ, __NR_socket, L_SOCKET, NEXT);
	jump(p, BPF_JEQ, __NR_socketpair, L_SOCKET, NEXT);
	ret(p, SECCOMP_RET_ALLOW);

	/* personality(persona): the kernel takes an unsigned int. */
	place(p, L_PERSONALITY);
	load(p, ARG_LO(0));
	jump(p, BPF_JEQ, PER_LINUX, L_ALLOW, NEXT);
	jump(p, BPF_JEQ, PERSONALITY_QUERY, L_ALLOW, NEXT);
	jump(p, BPF_JEQ, PER_LINUX | ADDR_NO_RANDOMIZE, L_ALLOW, L_EPERM);

	/* clone(flags, ...): legacy clone uses only the low 32 bits of flags. */
	place(p, L_CLONE);
	load(p, ARG_LO(CLONE_FLAGS_ARG));
	jump(p, BPF_JSET, CLONE_NS_FLAGS, L_EPERM, L_ALLOW);

	/* ioctl(fd, request, ...): the request is an unsigned int in the kernel. */
	place(p, L_IOCTL);
	load(p, ARG_LO(1));
	jump(p, BPF_JEQ, TIOCSTI, L_EPERM, NEXT);
	jump(p, BPF_JEQ, TIOCLINUX, L_EPERM, L_ALLOW);

	/* socket(domain, ...) and socketpair(domain, ...): domain is an int. */
	place(p, L_SOCKET);
	load(p, ARG_LO(0));
	jump(p, BPF_JEQ, AF_UNIX, L_ALLOW, NEXT);
	if (o->allow_network) {
		jump(p, BPF_JEQ, AF_INET, L_ALLOW, NEXT);
		jump(p, BPF_JEQ, AF_INET6, L_ALLOW, NEXT);
	}
	/* falls through to L_EPERM */

	place(p, L_EPERM);
	ret(p, SECCOMP_RET_ERRNO | (EPERM & SECCOMP_RET_DATA));
	place(p, L_ALLOW);
	ret(p, SECCOMP_RET_ALLOW);
	place(p, L_ENOSYS);
	ret(p, SECCOMP_RET_ERRNO | (ENOSYS & SECCOMP_RET_DATA));
	place(p, L_KILL);
	ret(p, SECCOMP_RET_KILL_PROCESS);
}

int lj_seccomp_build(const struct lj_seccomp_opts *o, struct sock_filter *buf, size_t cap,
		size_t *ret_len)
{
	struct prog p = { .buf = buf, .cap = cap, .len = 0 };
	int r;

	if (!o || !ret_len || (!buf && cap > 0))
		return -EINVAL;
	for (size_t i = 0; i < L__MAX; i++)
		p.at[i] = SIZE_MAX;

	build(&p, o);
	if (p.len > cap)
		return -ENOSPC;
	r = resolve(&p);
	if (r < 0)
		return r;
	*ret_len = p.len;
	return 0;
}

int lj_seccomp_install(const struct sock_filter *f, size_t len)
{
	struct sock_fprog prog;
	int r;

	if (!f || len == 0 || len > BPF_MAXINSNS)
		return -EINVAL;

	r = prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0);
	if (r < 0)
		return -errno;
	if (r != 1)
		return -EPERM;

	prog.len = (unsigned short) len;
	prog.filter = (struct sock_filter *) f;    /* the kernel copies it, never writes */
	/*
	 * No flags: the child is single-threaded (no TSYNC needed), and we keep
	 * the kernel's default speculative-store-bypass mitigation for
	 * seccomp-confined tasks (no SECCOMP_FILTER_FLAG_SPEC_ALLOW).
	 */
	if (syscall(__NR_seccomp, SECCOMP_SET_MODE_FILTER, 0U, &prog) < 0)
		return -errno;
	return 0;
}
