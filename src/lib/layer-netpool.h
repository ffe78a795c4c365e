/*
 * layer-netpool.h - empty network namespaces kept for reuse.
 *
 * Creating a network namespace registers its loopback device and a few
 * hundred sysctl entries, and tearing it down is deferred kernel work: about
 * half a millisecond of CPU per run, more than any other layer. A run as root
 * that has its own pid namespace instead enters a namespace of the pool:
 * with only "lo" in it, owned by the initial user namespace (the program,
 * without capabilities, can change nothing in it), used by one run at a
 * time (an exclusive flock held by the supervisor and the run's init, so
 * until every process of the run is gone: they die with the init of their
 * pid namespace), and bind-mounted on DIR/net-N to outlive the run.
 */
#ifndef LJ_LAYER_NETPOOL_H
#define LJ_LAYER_NETPOOL_H

#include <stdbool.h>

#include "err.h"

struct lj_netpool_slot {
	int ns_fd;          /* the namespace, for setns(2) in the run's init */
	int lock_fd;        /* the slot's lock: held until the run is over */
	unsigned index;     /* N of DIR/net-N */
	bool created;       /* made for this run (the pool grew) */
};

void lj_netpool_slot_init(struct lj_netpool_slot *s);
/*
 * Take a free slot of the pool of @size below @dir (a root-owned 0700
 * directory, created when missing), creating its namespace when it has none.
 * -EBUSY when every slot is in use; other errors with the reason in @e. The
 * caller falls back to a fresh namespace on any error.
 */
int lj_netpool_take(const char *dir, unsigned size, struct lj_netpool_slot *ret,
		struct lj_err *e);
/* Close the slot's fds (the lock goes with the last holder). */
void lj_netpool_release(struct lj_netpool_slot *s);
/* Unmount and remove the pool's namespaces that no run holds. */
int lj_netpool_gc(const char *dir, unsigned *ret_removed, struct lj_err *e);
/* Bring up "lo" in the caller's network namespace: 0 or -errno. */
int lj_netns_loopback_up(void);
/* How many namespaces the pool has, and how many are in use. */
int lj_netpool_count(const char *dir, unsigned *ret_total, unsigned *ret_busy);

#endif
