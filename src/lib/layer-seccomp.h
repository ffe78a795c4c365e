/*
 * layer-seccomp.h - the seccomp layer: a fixed classic-BPF deny list.
 *
 * The filter is built by hand (no libseccomp) into a caller-provided buffer,
 * so the forked child never allocates; see layer-seccomp.c for the policy and
 * why each syscall is on it. Trusts nothing but the kernel's seccomp_data.
 */
#ifndef LJ_LAYER_SECCOMP_H
#define LJ_LAYER_SECCOMP_H

#include <stdbool.h>
#include <stddef.h>

#include <linux/filter.h>

/*
 * Instructions a buffer needs for any policy lj_seccomp_build produces, with
 * room to spare (a unit test checks the real length against it).
 */
#define LJ_SECCOMP_FILTER_MAX 256

struct lj_seccomp_opts {
	bool allow_network;     /* also allow AF_INET and AF_INET6 sockets */
};

/*
 * Build the filter for @o into @buf, which holds @cap instructions, and store
 * the length in *@ret_len (written only on success). Pure: no allocation, no
 * syscalls, async-signal-safe; the same @o always gives the same program.
 * Errors:
 *   -EINVAL  @o, @ret_len or (with @cap > 0) @buf is NULL
 *   -ENOSPC  @cap is too small (LJ_SECCOMP_FILTER_MAX always suffices)
 *   -E2BIG   a jump would not fit in BPF's 8-bit offsets (a bug: the tests catch it)
 */
int lj_seccomp_build(const struct lj_seccomp_opts *o, struct sock_filter *buf, size_t cap,
		size_t *ret_len);

/*
 * Install @len instructions of @f on the calling thread (borrows @f; the kernel
 * copies it). Meant for the forked child after PR_SET_NO_NEW_PRIVS, as the last
 * layer before execve: async-signal-safe, no malloc. The filter is inherited
 * across fork and execve and can never be removed.
 * Errors:
 *   -EINVAL  @f is NULL, @len is 0 or above BPF_MAXINSNS, or the kernel
 *            rejected the program
 *   -EPERM   no_new_privs is not set; refused even for root, so a reordered
 *            child setup fails here instead of leaning on CAP_SYS_ADMIN
 *   other    -errno from seccomp(2) (-ENOSYS/-EINVAL: no seccomp filter support)
 */
int lj_seccomp_install(const struct sock_filter *f, size_t len);

#endif
