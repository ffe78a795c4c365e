/*
 * layer-landlock.h - the Landlock layer: filesystem, TCP and IPC scoping.
 *
 * The supervisor creates the ruleset; the forked child adds its path rules
 * (async-signal-safe) and restricts itself after no_new_privs. Everything not
 * granted by a rule is denied: see layer-landlock.c for what each access level
 * means and which threats it answers.
 */
#ifndef LJ_LAYER_LANDLOCK_H
#define LJ_LAYER_LANDLOCK_H

#include <stdbool.h>

/* The newest Landlock ABI this file knows; newer kernels are used at this level. */
#define LJ_LANDLOCK_ABI_MAX 7

enum lj_landlock_access {
	LJ_LL_RO,       /* read files, list directories */
	LJ_LL_RX,       /* RO + execute */
	LJ_LL_RW,       /* RO + write, create, remove, rename, truncate (no device nodes) */
	LJ_LL_RWX,      /* RW + execute */
};

/*
 * The running kernel's Landlock ABI version, or 0 when Landlock is not built
 * in or is disabled at boot. Asked once, then cached (thread-safe, no
 * allocation, async-signal-safe after the first call).
 */
int lj_landlock_abi(void);

/*
 * Create a ruleset for ABI @abi (normally lj_landlock_abi(); lower values
 * emulate older kernels, higher ones are clamped to LJ_LANDLOCK_ABI_MAX). It
 * handles every filesystem right the ABI knows; with @deny_net and ABI >= 4
 * also TCP bind and connect (no network rules are ever added, so both are
 * denied); with ABI >= 6 it scopes abstract unix sockets and signals to the
 * jail. Returns the ruleset fd (O_CLOEXEC; the caller owns it) or:
 *   -EOPNOTSUPP  @abi < 1 (no Landlock)
 *   other        -errno from landlock_create_ruleset(2)
 */
int lj_landlock_create(int abi, bool deny_net);

/*
 * Allow @access beneath @path (followed if a symlink: paths come from the
 * trusted configuration, e.g. /lib -> usr/lib). Opens @path with
 * O_PATH|O_CLOEXEC and closes it again; async-signal-safe, no malloc. Rights
 * are masked to what @abi handles, and to file rights when @path is not a
 * directory. Borrows @ruleset_fd.
 *   -ENOENT      @path does not exist (callers ignore this for optional paths)
 *   -EINVAL      @access is not an enum lj_landlock_access, @path is NULL
 *   -EOPNOTSUPP  @abi < 1
 *   other        -errno from open(2), fstat(2) or landlock_add_rule(2)
 *                (-EBADF/-EBADFD: @ruleset_fd is not a ruleset)
 */
int lj_landlock_allow_path(int ruleset_fd, int abi, const char *path,
		enum lj_landlock_access access);

/* The same for an already open @fd (borrowed; O_PATH is enough), e.g. the workdir. */
int lj_landlock_allow_fd(int ruleset_fd, int abi, int fd, enum lj_landlock_access access);

/*
 * Enforce @ruleset_fd on the calling thread and its future children; it can
 * never be lifted. Call after PR_SET_NO_NEW_PRIVS, in the single-threaded
 * child. Async-signal-safe. Borrows @ruleset_fd (close it, or let O_CLOEXEC
 * close it at execve).
 *   -EPERM  no_new_privs is not set (refused even for root, like
 *           lj_seccomp_install, so a reordered child setup fails here)
 *   other   -errno from landlock_restrict_self(2)
 */
int lj_landlock_restrict(int ruleset_fd);

#endif
