/*
 * layer-landlock.c - the Landlock layer: filesystem, TCP and IPC scoping.
 *
 * Theory of operation
 *
 * Landlock lets an unprivileged process deny itself access rights, for good:
 * the restriction is inherited across fork and execve and cannot be lifted.
 * The supervisor creates a ruleset that *handles* (denies by default) every
 * right the running kernel's ABI knows; the child adds path rules for what the
 * language needs (system directories read-only or read-execute, the workdir
 * read-write) and restricts itself after no_new_privs, just before seccomp.
 * Thereafter a right that no rule grants is refused with EACCES (EXDEV for a
 * rename/link that would move a file into a less restricted place).
 *
 * Trust: the paths come from the root-owned configuration and the language
 * definitions; the workdir is passed as an fd opened safely by the supervisor
 * (lj_landlock_allow_fd). We trust the kernel to report its ABI honestly.
 *
 * ABIs. We use the best ABI the kernel has, up to LJ_LANDLOCK_ABI_MAX:
 *   1 (5.13) filesystem rights        2 (5.19) REFER (rename/link across dirs)
 *   3 (6.2)  TRUNCATE                 4 (6.7)  TCP bind/connect
 *   5 (6.10) IOCTL_DEV                6 (6.12) scopes: abstract unix, signals
 *   7 (6.15) audit logging flags (we keep the defaults: denials before the
 *            student program's execve are logged, the program's own are not,
 *            so a hostile program cannot flood the audit log)
 * A kernel with a lower ABI simply gets fewer restrictions; the layer reports
 * which ABI it applied and the caller decides (fail closed when required).
 *
 * Access levels (what each enum lj_landlock_access grants beneath a path):
 *   RO   READ_FILE, READ_DIR
 *   RX   RO + EXECUTE
 *   RW   RO + WRITE_FILE, TRUNCATE, REMOVE_FILE, REMOVE_DIR, MAKE_REG, MAKE_DIR,
 *        MAKE_FIFO, MAKE_SOCK, MAKE_SYM, REFER
 *   RWX  RW + EXECUTE
 * Never granted:
 *   MAKE_CHAR, MAKE_BLOCK - a device node is a window onto the host's devices
 *        (a block device is the whole disk); nobody in the jail needs one.
 *   IOCTL_DEV - ioctls on character/block devices opened inside the jail are
 *        denied (EACCES). Terminal and /dev/null ioctls on the inherited stdio
 *        fds still work: Landlock checks rights at open time, and those were
 *        opened outside. isatty() on a device opened inside gets EACCES rather
 *        than ENOTTY, and still answers 0.
 * MAKE_SYM is granted: a symlink in the workdir cannot widen access, because
 * Landlock checks the resolved object, not the path the link was made from.
 * REFER lets the program rename and link within its writable trees; the kernel
 * refuses any move that would give a file more rights than it had.
 *
 * Network: with deny_net (ABI >= 4) TCP bind and connect are handled and no
 * port rule is ever added, so both are denied (EACCES). UDP, raw sockets and
 * other families are not covered by Landlock: seccomp and the network
 * namespace handle them.
 *
 * Scopes (ABI >= 6): the jail cannot connect to abstract unix sockets created
 * outside it (X11, D-Bus and systemd listen on some when there is no network
 * namespace) nor signal processes outside it (the supervisor, other runs of
 * the same uid): EPERM.
 *
 * Not covered by Landlock (other layers answer): stat, chdir, chmod, chown,
 * utime, xattrs, flock, and files opened before restriction (child.c closes
 * every fd it does not pass on).
 *
 * The installed <linux/landlock.h> may be older than the kernel (Debian 12
 * ships 6.1 headers: ABI 2); what it lacks is defined below. The ruleset
 * attribute is our own struct with the full ABI 6 layout: the kernel accepts
 * a larger struct as long as the fields it does not know are zero.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <linux/types.h>
#if __has_include(<linux/landlock.h>)
#include <linux/landlock.h>
#endif

#include "layer-landlock.h"

/* ABI 1 */
#ifndef LANDLOCK_CREATE_RULESET_VERSION
#define LANDLOCK_CREATE_RULESET_VERSION (1U << 0)
#define LANDLOCK_RULE_PATH_BENEATH 1
struct landlock_path_beneath_attr {
	__u64 allowed_access;
	__s32 parent_fd;
} __attribute__((packed));
#define LANDLOCK_ACCESS_FS_EXECUTE      (1ULL << 0)
#define LANDLOCK_ACCESS_FS_WRITE_FILE   (1ULL << 1)
#define LANDLOCK_ACCESS_FS_READ_FILE    (1ULL << 2)
#define LANDLOCK_ACCESS_FS_READ_DIR     (1ULL << 3)
#define LANDLOCK_ACCESS_FS_REMOVE_DIR   (1ULL << 4)
#define LANDLOCK_ACCESS_FS_REMOVE_FILE  (1ULL << 5)
#define LANDLOCK_ACCESS_FS_MAKE_CHAR    (1ULL << 6)
#define LANDLOCK_ACCESS_FS_MAKE_DIR     (1ULL << 7)
#define LANDLOCK_ACCESS_FS_MAKE_REG     (1ULL << 8)
#define LANDLOCK_ACCESS_FS_MAKE_SOCK    (1ULL << 9)
#define LANDLOCK_ACCESS_FS_MAKE_FIFO    (1ULL << 10)
#define LANDLOCK_ACCESS_FS_MAKE_BLOCK   (1ULL << 11)
#define LANDLOCK_ACCESS_FS_MAKE_SYM     (1ULL << 12)
#endif
/* ABI 2 */
#ifndef LANDLOCK_ACCESS_FS_REFER
#define LANDLOCK_ACCESS_FS_REFER        (1ULL << 13)
#endif
/* ABI 3 */
#ifndef LANDLOCK_ACCESS_FS_TRUNCATE
#define LANDLOCK_ACCESS_FS_TRUNCATE     (1ULL << 14)
#endif
/* ABI 4: the attribute for port rules (unused: we never allow a port) */
#ifndef LANDLOCK_ACCESS_NET_BIND_TCP
#define LANDLOCK_RULE_NET_PORT 2
struct landlock_net_port_attr {
	__u64 allowed_access;
	__u64 port;
};
#define LANDLOCK_ACCESS_NET_BIND_TCP    (1ULL << 0)
#define LANDLOCK_ACCESS_NET_CONNECT_TCP (1ULL << 1)
#endif
/* ABI 5 */
#ifndef LANDLOCK_ACCESS_FS_IOCTL_DEV
#define LANDLOCK_ACCESS_FS_IOCTL_DEV    (1ULL << 15)
#endif
/* ABI 6 */
#ifndef LANDLOCK_SCOPE_ABSTRACT_UNIX_SOCKET
#define LANDLOCK_SCOPE_ABSTRACT_UNIX_SOCKET (1ULL << 0)
#define LANDLOCK_SCOPE_SIGNAL               (1ULL << 1)
#endif

/* Syscall numbers are shared by every architecture from 424 on. */
#ifndef __NR_landlock_create_ruleset
#define __NR_landlock_create_ruleset 444
#endif
#ifndef __NR_landlock_add_rule
#define __NR_landlock_add_rule 445
#endif
#ifndef __NR_landlock_restrict_self
#define __NR_landlock_restrict_self 446
#endif

/* struct landlock_ruleset_attr as of ABI 6 (unchanged in 7), whatever the header says. */
struct ruleset_attr {
	__u64 handled_access_fs;
	__u64 handled_access_net;       /* ABI 4 */
	__u64 scoped;                   /* ABI 6 */
};
_Static_assert(sizeof(struct ruleset_attr) == 24, "landlock_ruleset_attr layout");
_Static_assert(offsetof(struct ruleset_attr, scoped) == 16, "landlock_ruleset_attr layout");
_Static_assert(sizeof(struct landlock_path_beneath_attr) == 12, "path_beneath_attr layout");

#define FS_ABI1 (LANDLOCK_ACCESS_FS_EXECUTE | LANDLOCK_ACCESS_FS_WRITE_FILE | \
		LANDLOCK_ACCESS_FS_READ_FILE | LANDLOCK_ACCESS_FS_READ_DIR | \
		LANDLOCK_ACCESS_FS_REMOVE_DIR | LANDLOCK_ACCESS_FS_REMOVE_FILE | \
		LANDLOCK_ACCESS_FS_MAKE_CHAR | LANDLOCK_ACCESS_FS_MAKE_DIR | \
		LANDLOCK_ACCESS_FS_MAKE_REG | LANDLOCK_ACCESS_FS_MAKE_SOCK | \
		LANDLOCK_ACCESS_FS_MAKE_FIFO | LANDLOCK_ACCESS_FS_MAKE_BLOCK | \
		LANDLOCK_ACCESS_FS_MAKE_SYM)

/* The rights the kernel accepts on a rule for a non-directory. */
#define FS_FILE (LANDLOCK_ACCESS_FS_EXECUTE | LANDLOCK_ACCESS_FS_WRITE_FILE | \
		LANDLOCK_ACCESS_FS_READ_FILE | LANDLOCK_ACCESS_FS_TRUNCATE | \
		LANDLOCK_ACCESS_FS_IOCTL_DEV)

#define ACCESS_RO (LANDLOCK_ACCESS_FS_READ_FILE | LANDLOCK_ACCESS_FS_READ_DIR)
#define ACCESS_RW (ACCESS_RO | LANDLOCK_ACCESS_FS_WRITE_FILE | LANDLOCK_ACCESS_FS_TRUNCATE | \
		LANDLOCK_ACCESS_FS_REMOVE_FILE | LANDLOCK_ACCESS_FS_REMOVE_DIR | \
		LANDLOCK_ACCESS_FS_MAKE_REG | LANDLOCK_ACCESS_FS_MAKE_DIR | \
		LANDLOCK_ACCESS_FS_MAKE_FIFO | LANDLOCK_ACCESS_FS_MAKE_SOCK | \
		LANDLOCK_ACCESS_FS_MAKE_SYM | LANDLOCK_ACCESS_FS_REFER)

static int clamp(int abi)
{
	return abi > LJ_LANDLOCK_ABI_MAX ? LJ_LANDLOCK_ABI_MAX : abi;
}

/* Every filesystem right @abi knows: all of them are handled (denied by default). */
static uint64_t fs_handled(int abi)
{
	uint64_t m = FS_ABI1;

	if (abi >= 2)
		m |= LANDLOCK_ACCESS_FS_REFER;
	if (abi >= 3)
		m |= LANDLOCK_ACCESS_FS_TRUNCATE;
	if (abi >= 5)
		m |= LANDLOCK_ACCESS_FS_IOCTL_DEV;
	return m;
}

/* The rights of an access level, 0 for a value outside the enum. */
static uint64_t rights_of(enum lj_landlock_access access)
{
	switch (access) {
	case LJ_LL_RO:
		return ACCESS_RO;
	case LJ_LL_RX:
		return ACCESS_RO | LANDLOCK_ACCESS_FS_EXECUTE;
	case LJ_LL_RW:
		return ACCESS_RW;
	case LJ_LL_RWX:
		return ACCESS_RW | LANDLOCK_ACCESS_FS_EXECUTE;
	}
	return 0;
}

static int cached_abi = -1;

int lj_landlock_abi(void)
{
	int abi = __atomic_load_n(&cached_abi, __ATOMIC_RELAXED);
	long r;

	if (abi >= 0)
		return abi;
	/* ENOSYS: not built in; EOPNOTSUPP: disabled at boot (lsm=). Both mean none. */
	r = syscall(__NR_landlock_create_ruleset, NULL, 0UL, LANDLOCK_CREATE_RULESET_VERSION);
	abi = r < 0 ? 0 : (int) r;
	__atomic_store_n(&cached_abi, abi, __ATOMIC_RELAXED);
	return abi;
}

int lj_landlock_create(int abi, bool deny_net)
{
	struct ruleset_attr attr = { 0 };
	long fd;

	if (abi < 1)
		return -EOPNOTSUPP;
	abi = clamp(abi);

	attr.handled_access_fs = fs_handled(abi);
	if (deny_net && abi >= 4)
		attr.handled_access_net = LANDLOCK_ACCESS_NET_BIND_TCP |
			LANDLOCK_ACCESS_NET_CONNECT_TCP;
	if (abi >= 6)
		attr.scoped = LANDLOCK_SCOPE_ABSTRACT_UNIX_SOCKET | LANDLOCK_SCOPE_SIGNAL;

	/* The kernel always returns the ruleset fd O_CLOEXEC. */
	fd = syscall(__NR_landlock_create_ruleset, &attr, sizeof(attr), 0U);
	if (fd < 0)
		return -errno;
	return (int) fd;
}

int lj_landlock_allow_fd(int ruleset_fd, int abi, int fd, enum lj_landlock_access access)
{
	struct landlock_path_beneath_attr rule = { 0 };
	uint64_t rights = rights_of(access);
	struct stat st;

	if (abi < 1)
		return -EOPNOTSUPP;
	if (rights == 0)
		return -EINVAL;
	if (fstat(fd, &st) < 0)
		return -errno;

	/* A right the ruleset does not handle, or a directory right on a file: EINVAL. */
	rights &= fs_handled(clamp(abi));
	if (!S_ISDIR(st.st_mode))
		rights &= FS_FILE;

	rule.allowed_access = rights;
	rule.parent_fd = fd;
	if (syscall(__NR_landlock_add_rule, ruleset_fd, LANDLOCK_RULE_PATH_BENEATH, &rule, 0U) < 0)
		return -errno;
	return 0;
}

int lj_landlock_allow_path(int ruleset_fd, int abi, const char *path,
		enum lj_landlock_access access)
{
	int fd, r;

	if (abi < 1)
		return -EOPNOTSUPP;
	if (!path || rights_of(access) == 0)
		return -EINVAL;

	fd = open(path, O_PATH | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	r = lj_landlock_allow_fd(ruleset_fd, abi, fd, access);
	(void) close(fd);
	return r;
}

int lj_landlock_restrict(int ruleset_fd)
{
	int r = prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0);

	if (r < 0)
		return -errno;
	if (r != 1)
		return -EPERM;
	/* flags 0: the ABI 7 logging defaults described above */
	if (syscall(__NR_landlock_restrict_self, ruleset_fd, 0U) < 0)
		return -errno;
	return 0;
}
