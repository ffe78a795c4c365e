/*
 * priv.h - who called us, and opening the caller's files as the caller.
 */
#ifndef LJ_PRIV_H
#define LJ_PRIV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "err.h"

struct lj_caller {
	bool privileged;    /* euid 0 */
	bool via_sudo;      /* privileged and SUDO_UID was set */
	uid_t uid;          /* the real caller (SUDO_UID under sudo) */
	gid_t gid;
	gid_t groups[64];
	size_t ngroups;
};

/*
 * Work out the caller from the credentials and, under sudo, SUDO_UID /
 * SUDO_GID (the only variables langjail reads). Refuses a setuid install
 * (euid 0, real uid not 0): langjail is meant for sudo, not setuid.
 */
int lj_priv_detect(char **envp, struct lj_caller *ret, struct lj_err *e);
/*
 * open(2) @path with the caller's file-system identity (setfsuid/setfsgid and
 * the caller's groups while privileged), so root never reads a file the
 * caller could not. Verifies the identity switch took and is undone.
 */
int lj_priv_open_as_caller(const struct lj_caller *c, const char *path, int flags,
		struct lj_err *e);

/*
 * Open (creating, mode 0700) langjail's run-time state directory @dir: the
 * fd, or -errno with the reason in @e when it is not a root-owned directory
 * that only root can enter.
 */
int lj_priv_open_state_dir(const char *dir, struct lj_err *e);
/*
 * Take a free uid of [first, last] for this run: an exclusive flock on
 * @lock_dir/uid-N held until *ret_fd is closed. -EBUSY when all are taken.
 */
int lj_priv_lock_uid(const char *lock_dir, uint32_t first, uint32_t last, uid_t *ret_uid,
		int *ret_fd, struct lj_err *e);

/* Hand the directory @fd to the jail user (uid, gid) before the run. */
int lj_priv_give_dir(int fd, uid_t uid, gid_t gid);

#endif
