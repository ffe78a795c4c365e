/*
 * child.h - PRIVILEGED: what runs between clone and execve.
 *
 * The supervisor prepares a struct lj_plan (every string and buffer the
 * child needs), clones, and the child runs lj_child_main: it is the init of
 * the run's namespaces; it sets up mounts and files, forks the program,
 * which drops everything and execs. No allocation happens after clone.
 */
#ifndef LJ_CHILD_H
#define LJ_CHILD_H

#include <linux/filter.h>
#include <stdbool.h>
#include <stdint.h>
#include <sys/capability.h>
#include <sys/resource.h>
#include <sys/types.h>

#include "layer-cgroup.h"
#include "layer-mac.h"
#include "spec.h"

enum lj_step {
	LJ_STEP_NONE,
	LJ_STEP_SYNC,
	LJ_STEP_PDEATHSIG,
	LJ_STEP_CGROUP,
	LJ_STEP_NETNS,
	LJ_STEP_MOUNT_PRIVATE,
	LJ_STEP_MOUNT_COVER,
	LJ_STEP_MOUNT_WORKDIR,
	LJ_STEP_MOUNT_KEEP,
	LJ_STEP_MOUNT_PROC,
	LJ_STEP_HOSTNAME,
	LJ_STEP_LOOPBACK,
	LJ_STEP_WORKDIR,
	LJ_STEP_INPUT,
	LJ_STEP_FORK,
	LJ_STEP_PHASE,
	LJ_STEP_SETSID,
	LJ_STEP_FDS,
	LJ_STEP_CHDIR,
	LJ_STEP_RLIMIT,
	LJ_STEP_CAPBSET,
	LJ_STEP_GROUPS,
	LJ_STEP_GID,
	LJ_STEP_UID,
	LJ_STEP_VERIFY,
	LJ_STEP_CAPS,
	LJ_STEP_NO_NEW_PRIVS,
	LJ_STEP_MAC,
	LJ_STEP_LANDLOCK,
	LJ_STEP_SECCOMP,
	LJ_STEP_EXEC,
	LJ_STEP__MAX
};

const char *lj_step_name(enum lj_step s);

/* A record on the report pipe from the child to the supervisor. */
enum lj_report_kind { LJ_REPORT_ERROR = 1, LJ_REPORT_PID, LJ_REPORT_STATUS };

struct lj_report {
	int32_t kind;
	int32_t step;          /* ERROR: enum lj_step */
	int32_t err;           /* ERROR: errno */
	int32_t wstatus;       /* STATUS: the program's wait status */
	int64_t pid;           /* PID: the program's pid as the supervisor sees it */
	uint64_t utime_us, stime_us, maxrss_kb;   /* STATUS: the program's tree */
	uint32_t disk_full;    /* STATUS: the workdir tmpfs had no space or inodes left */
	uint32_t phase;        /* PID, STATUS: index of the phase */
};

#define LJ_MAX_PATHS 64
#define LJ_MAX_INPUTS 64
#define LJ_MAX_COVERS 48
#define LJ_MAX_KEEP 16
#define LJ_MAX_PHASES 2

/*
 * One program the run's init starts: the compile phase of a compiled
 * language, or the run. Phases run one after the other in the same
 * namespaces and workdir; each has its own command, limits, Landlock
 * ruleset and MAC label, and a phase after the first starts only when the
 * supervisor says so on the sync pipe (after it has judged the previous one
 * and set the cgroup limits for this one).
 */
struct lj_phase {
	const char *exec_path;
	char **argv, **envp;
	int stdin_fd;            /* -1: /dev/null */
	struct rlimit rl[RLIM_NLIMITS];
	bool rl_set[RLIM_NLIMITS];
	/* landlock */
	int ll_fd;
	const char *ll_ro[LJ_MAX_PATHS], *ll_rx[LJ_MAX_PATHS], *ll_rw[LJ_MAX_PATHS];
	size_t n_ro, n_rx, n_rw;
	bool exec_workdir;       /* may execute files of the workdir (a built program) */
	/* mac */
	const char *mac_label;
};

struct lj_plan {
	/* namespaces and layers actually requested */
	bool userns, pidns, mountns, netns, utsns, ipcns;
	bool switch_user;        /* privileged: become uid/gid */
	cap_t no_caps;           /* an empty capability set (libcap), made before clone */
	bool seccomp, landlock, rlimits;
	uid_t uid;
	gid_t gid;
	/* files */
	const char *workdir;     /* absolute path of the run's directory */
	int workdir_fd;          /* the host directory (no mount namespace) */
	char tmpfs_opts[160];    /* size=...,nr_inodes=...,mode=0700,uid=..,gid=.. */
	bool workdir_exec;
	const char *covers[LJ_MAX_COVERS];   /* read-only empty tmpfs over these */
	size_t n_covers;
	const char *keep[LJ_MAX_KEEP];       /* paths under a cover that stay visible */
	bool keep_file[LJ_MAX_KEEP];         /* ... not a directory (a file mount point) */
	bool keep_dev[LJ_MAX_KEEP];          /* ... a device node (the run's /dev) */
	size_t n_keep;
	const char *source_name;
	int source_fd;
	const char *code;
	size_t code_len;
	const char *input_names[LJ_MAX_INPUTS];
	int input_fds[LJ_MAX_INPUTS];
	size_t n_inputs;
	/* pipes */
	int out_w, err_w, report_w, sync_r;
	int sync_w;              /* the supervisor's end: closed at once, so its close is seen */
	/* the programs, in order */
	struct lj_phase phase[LJ_MAX_PHASES];
	size_t n_phases;
	int ll_abi;
	/* seccomp */
	const struct sock_filter *filter;
	size_t filter_len;
	enum lj_mac_kind mac;
	/* a network namespace of the pool to enter (setns), or -1 */
	int net_fd;
	/* cgroup v1: the child joins the run's cgroup itself (NULL: nothing to do) */
	const struct lj_cgroup *cg_join;
};

/* The child's entry after clone. Never returns. */
__attribute__((noreturn)) void lj_child_main(const struct lj_plan *p);

#endif
