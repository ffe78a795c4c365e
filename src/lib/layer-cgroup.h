/*
 * layer-cgroup.h - one cgroup per run: memory and pids limits, CPU and
 * memory accounting, and killing the whole tree. cgroup v2 where its
 * controllers are usable, v1 hierarchies otherwise.
 */
#ifndef LJ_LAYER_CGROUP_H
#define LJ_LAYER_CGROUP_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#include "err.h"
#include "lj-limits.h"

enum { LJ_CG_MEMORY, LJ_CG_PIDS, LJ_CG_CPU, LJ_CG__MAX };

struct lj_cgroup {
	int version;            /* 0 none, 1 or 2 */
	int fd[LJ_CG__MAX];     /* v1: run dir per controller; v2: fd[0] only */
	int parent_fd[LJ_CG__MAX];
	int tasks_fd[LJ_CG__MAX];  /* v1: the run's "tasks" files, for the child to join */
	char name[64];          /* run-<pid>-<n> */
};

struct lj_cgroup_stats {
	uint64_t memory_peak;   /* bytes, 0 unknown */
	uint64_t oom_kills;
	uint64_t cpu_us;
	uint64_t pids_max_hits;
};

void lj_cgroup_init(struct lj_cgroup *cg);
/*
 * Create the run's cgroup below @parent (a name like "langjail", created
 * beside the caller's own cgroup) with @lim's memory and pids limits.
 * -ENOTSUP with a reason in @e when no usable hierarchy exists.
 */
int lj_cgroup_create(struct lj_cgroup *cg, const char *parent, const struct lj_limits *lim,
		struct lj_err *e);
/*
 * Set @lim's memory and pids limits (and restart the peak memory count where
 * the kernel allows it): at creation, and between the phases of a run.
 */
int lj_cgroup_set_limits(struct lj_cgroup *cg, const struct lj_limits *lim, struct lj_err *e);
/*
 * v1: open the run's "tasks" files (before the clone), so that the child can
 * join the cgroup itself with lj_cgroup_join. A process moving itself by
 * writing "0" to "tasks" takes no global lock; moving another process
 * through cgroup.procs takes the threadgroup rwsem, whose first writer
 * after a quiet spell waits for an RCU grace period (~7 ms here).
 * v2: nothing (the child is cloned into the cgroup).
 */
int lj_cgroup_prepare_join(struct lj_cgroup *cg, struct lj_err *e);
/* In the child, before it starts anything: join every prepared hierarchy.
 * No allocation; 0 or -errno. */
int lj_cgroup_join(const struct lj_cgroup *cg);
/* The v2 directory fd for CLONE_INTO_CGROUP, or -1. */
int lj_cgroup_clone_fd(const struct lj_cgroup *cg);
int lj_cgroup_cpu_us(const struct lj_cgroup *cg, uint64_t *ret);
/* SIGKILL every process in the cgroup until it is empty. */
int lj_cgroup_kill(struct lj_cgroup *cg);
int lj_cgroup_stats(const struct lj_cgroup *cg, struct lj_cgroup_stats *ret);
/* Remove the cgroup (after the tree is dead) and close fds. */
int lj_cgroup_destroy(struct lj_cgroup *cg);
/* Remove run-* cgroups under @parent whose creator pid is gone; counts removed. */
int lj_cgroup_gc(const char *parent, unsigned *ret_removed, struct lj_err *e);
/* One line describing what is available, for `langjail status`. */
int lj_cgroup_probe(char *buf, size_t len);

#endif
