/*
 * child.c - PRIVILEGED: from clone to execve, in one ordered list.
 *
 * Two processes run this file:
 *  - the run's init ("pid 1" of the run's pid namespace): waits for the
 *    supervisor's go, mounts the run's file system view, writes the input
 *    files, forks the program and reaps until the program ends; when it exits
 *    the kernel kills everything left in the namespace, so nothing the
 *    program started (daemons, double forks, setsid) outlives the run.
 *  - the program: setsid, death signal, fds, rlimits, capability bounding
 *    set, groups/gid/uid, a check that root cannot be regained, no caps,
 *    no_new_privs, MAC on exec, Landlock, seccomp last, execve.
 *
 * No malloc and no stdio here: everything was prepared by the supervisor. A
 * failure is written as {step, errno} on the report pipe and the process
 * exits; once dropping privileges has started, any failure is fatal.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <net/if.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/sendfile.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "child.h"
#include "fsutil.h"
#include "layer-landlock.h"
#include "layer-netpool.h"
#include "layer-seccomp.h"

#ifndef CLOSE_RANGE_CLOEXEC
#define CLOSE_RANGE_CLOEXEC (1U << 2)
#endif

static const char *const step_names[LJ_STEP__MAX] = {
	[LJ_STEP_NONE] = "none",
	[LJ_STEP_SYNC] = "wait for the supervisor",
	[LJ_STEP_PDEATHSIG] = "set the parent-death signal",
	[LJ_STEP_CGROUP] = "join the run's cgroup",
	[LJ_STEP_NETNS] = "enter the network namespace of the pool",
	[LJ_STEP_MOUNT_PRIVATE] = "make mounts private",
	[LJ_STEP_MOUNT_COVER] = "cover /tmp, /var/tmp, /dev/shm",
	[LJ_STEP_MOUNT_WORKDIR] = "mount the workdir tmpfs",
	[LJ_STEP_MOUNT_KEEP] = "keep the environment visible under a covered directory",
	[LJ_STEP_MOUNT_PROC] = "mount /proc",
	[LJ_STEP_HOSTNAME] = "set the hostname",
	[LJ_STEP_LOOPBACK] = "bring up loopback",
	[LJ_STEP_WORKDIR] = "open the workdir",
	[LJ_STEP_INPUT] = "write the input files",
	[LJ_STEP_FORK] = "fork the program",
	[LJ_STEP_PHASE] = "end the compile phase",
	[LJ_STEP_SETSID] = "setsid",
	[LJ_STEP_FDS] = "set up file descriptors",
	[LJ_STEP_CHDIR] = "enter the workdir",
	[LJ_STEP_RLIMIT] = "set resource limits",
	[LJ_STEP_CAPBSET] = "drop the capability bounding set",
	[LJ_STEP_GROUPS] = "setgroups",
	[LJ_STEP_GID] = "setresgid",
	[LJ_STEP_UID] = "setresuid",
	[LJ_STEP_VERIFY] = "verify root cannot be regained",
	[LJ_STEP_CAPS] = "drop capabilities",
	[LJ_STEP_NO_NEW_PRIVS] = "set no_new_privs",
	[LJ_STEP_MAC] = "enter the MAC profile",
	[LJ_STEP_LANDLOCK] = "apply Landlock",
	[LJ_STEP_SECCOMP] = "install the seccomp filter",
	[LJ_STEP_EXEC] = "execute the program",
};

const char *lj_step_name(enum lj_step s)
{
	return s < LJ_STEP__MAX && step_names[s] ? step_names[s] : "?";
}

static void report(int fd, const struct lj_report *r)
{
	ssize_t n;

	do
		n = write(fd, r, sizeof(*r));
	while (n < 0 && errno == EINTR);
}

__attribute__((noreturn)) static void fail(const struct lj_plan *p, enum lj_step step, int err)
{
	struct lj_report r = { .kind = LJ_REPORT_ERROR, .step = (int32_t) step, .err = err };

	report(p->report_w, &r);
	_exit(step == LJ_STEP_EXEC ? 127 : 125);
}

#define CHECK(cond, step) do { if (!(cond)) fail(p, (step), errno); } while (0)

/* mkdir -p of @path's components below @under (both absolute). */
static int mkdirs_below(const char *under, const char *path)
{
	char buf[4096];
	size_t ul = strlen(under), n = strlen(path);

	if (n >= sizeof(buf))
		return -ENAMETOOLONG;
	memcpy(buf, path, n + 1);
	for (size_t i = ul + 1; i <= n; i++) {
		if (buf[i] != '/' && buf[i] != '\0')
			continue;
		buf[i] = '\0';
		if (mkdir(buf, 0755) < 0 && errno != EEXIST)
			return -errno;
		buf[i] = i < n ? '/' : '\0';
	}
	return 0;
}

/* The mount point of a kept path below a cover: its directories, and for a
 * file an empty file to mount it on. */
static int keep_mount_point(const char *under, const char *path, bool file)
{
	char parent[4096];
	const char *slash = strrchr(path, '/');
	size_t n;
	int fd;

	if (!file)
		return mkdirs_below(under, path);
	n = (size_t) (slash - path);
	if (n >= sizeof(parent))
		return -ENAMETOOLONG;
	memcpy(parent, path, n);
	parent[n] = '\0';
	if (n > strlen(under)) {
		int r = mkdirs_below(under, parent);

		if (r < 0)
			return r;
	}
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
	if (fd < 0 && errno != EEXIST)
		return -errno;
	if (fd >= 0)
		(void) close(fd);
	return 0;
}

static bool under_dir(const char *dir, const char *path)
{
	size_t n = strlen(dir);

	return strncmp(dir, path, n) == 0 && path[n] == '/';
}

/* The run's /dev besides the kept device nodes: the usual links and an
 * empty /dev/shm (read-only with the rest of the cover). */
static void populate_dev(const struct lj_plan *p)
{
	static const char *const links[][2] = {
		{ "/proc/self/fd", "/dev/fd" }, { "/proc/self/fd/0", "/dev/stdin" },
		{ "/proc/self/fd/1", "/dev/stdout" }, { "/proc/self/fd/2", "/dev/stderr" },
	};

	for (size_t i = 0; i < sizeof(links) / sizeof(links[0]); i++)
		CHECK(symlink(links[i][0], links[i][1]) == 0, LJ_STEP_MOUNT_COVER);
	CHECK(mkdir("/dev/shm", 0755) == 0, LJ_STEP_MOUNT_COVER);
}

/* Nothing is put below cover @i: not the workdir, /dev's nodes or a kept path. */
static bool cover_is_plain(const struct lj_plan *p, size_t i)
{
	if (under_dir(p->covers[i], p->workdir) || strcmp(p->covers[i], "/dev") == 0)
		return false;
	for (size_t k = 0; k < p->n_keep; k++)
		if (under_dir(p->covers[i], p->keep[k]))
			return false;
	return true;
}

static void setup_mounts(const struct lj_plan *p)
{
	const unsigned long cover_flags = MS_NOSUID | MS_NODEV | MS_NOEXEC;
	const char *plain = NULL;
	int keep_fd[LJ_MAX_KEEP];

	/* Nothing we mount may propagate back to the host. */
	CHECK(mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) == 0, LJ_STEP_MOUNT_PRIVATE);

	/* An environment configured below a covered directory (say /tmp) is
	 * cloned before the cover hides it, and put back read-only after. */
	for (size_t i = 0; i < p->n_keep; i++) {
		keep_fd[i] = open_tree(AT_FDCWD, p->keep[i],
				OPEN_TREE_CLONE | OPEN_TREE_CLOEXEC | AT_RECURSIVE);
		CHECK(keep_fd[i] >= 0, LJ_STEP_MOUNT_KEEP);
	}

	/* Shared scratch places become empty and read-only: nothing persists
	 * there for the next run, and other runs' files are not there. A cover
	 * with nothing below it is a bind of the first such one, made read-only
	 * at once (a bind keeps the read-only and no-suid/dev/exec flags): one
	 * tmpfs for all of them instead of one each. */
	for (size_t i = 0; i < p->n_covers; i++) {
		if (cover_is_plain(p, i) && plain) {
			CHECK(mount(plain, p->covers[i], NULL, MS_BIND, NULL) == 0,
					LJ_STEP_MOUNT_COVER);
			continue;
		}
		CHECK(mount("langjail", p->covers[i], "tmpfs", cover_flags,
				"size=16k,nr_inodes=64,mode=0755") == 0, LJ_STEP_MOUNT_COVER);
		if (cover_is_plain(p, i)) {
			CHECK(mount(NULL, p->covers[i], NULL, MS_REMOUNT | MS_BIND | MS_RDONLY |
					cover_flags, NULL) == 0, LJ_STEP_MOUNT_COVER);
			plain = p->covers[i];
			continue;
		}
		if (under_dir(p->covers[i], p->workdir)) {
			int r = mkdirs_below(p->covers[i], p->workdir);

			if (r < 0) {
				errno = -r;
				fail(p, LJ_STEP_MOUNT_COVER, errno);
			}
		}
		for (size_t k = 0; k < p->n_keep; k++) {
			int r;

			if (!under_dir(p->covers[i], p->keep[k]))
				continue;
			r = keep_mount_point(p->covers[i], p->keep[k], p->keep_file[k]);
			if (r < 0) {
				errno = -r;
				fail(p, LJ_STEP_MOUNT_KEEP, errno);
			}
			CHECK(move_mount(keep_fd[k], "", AT_FDCWD, p->keep[k],
					MOVE_MOUNT_F_EMPTY_PATH) == 0, LJ_STEP_MOUNT_KEEP);
			/* a device node keeps the host's /dev mount flags (it must
			 * stay usable); everything else is read-only */
			if (!p->keep_dev[k])
				CHECK(mount(NULL, p->keep[k], NULL, MS_REMOUNT | MS_BIND |
						MS_RDONLY | MS_NOSUID | MS_NODEV, NULL) == 0,
						LJ_STEP_MOUNT_KEEP);
		}
		if (strcmp(p->covers[i], "/dev") == 0)
			populate_dev(p);
	}
	for (size_t k = 0; k < p->n_keep; k++)
		(void) close(keep_fd[k]);
	CHECK(mount("langjail", p->workdir, "tmpfs",
			MS_NOSUID | MS_NODEV | (p->workdir_exec ? 0 : MS_NOEXEC),
			p->tmpfs_opts) == 0, LJ_STEP_MOUNT_WORKDIR);
	for (size_t i = 0; i < p->n_covers; i++)
		if (!cover_is_plain(p, i))
			CHECK(mount(NULL, p->covers[i], NULL, MS_REMOUNT | MS_BIND | MS_RDONLY |
					cover_flags, NULL) == 0, LJ_STEP_MOUNT_COVER);

	if (p->pidns) {
		/* A /proc for the run's pid namespace: only its own processes,
		 * and (subset=pid) none of the system-wide files: no kernel
		 * config, symbols, or host statistics. Older kernels lack the
		 * options: fall back one by one. */
		static const char *const opts[] = { "hidepid=invisible,subset=pid",
			"hidepid=invisible", NULL };
		size_t i;

		for (i = 0; i < 2; i++)
			if (mount("proc", "/proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC,
					opts[i]) == 0)
				break;
		if (i == 2)
			CHECK(mount("proc", "/proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC,
					NULL) == 0, LJ_STEP_MOUNT_PROC);
	}
}

static void loopback_up(const struct lj_plan *p)
{
	int r = lj_netns_loopback_up();

	if (r < 0) {
		errno = -r;
		fail(p, LJ_STEP_LOOPBACK, errno);
	}
}

static int copy_fd(int in, int out)
{
	for (;;) {
		ssize_t n = sendfile(out, in, NULL, 1 << 20);
		char buf[8192];

		if (n > 0)
			continue;
		if (n == 0)
			return 0;
		if (errno == EINTR)
			continue;
		if (errno != EINVAL && errno != ENOSYS)
			return -errno;
		/* not sendfile-able (a pipe): plain copy */
		for (;;) {
			ssize_t m = read(in, buf, sizeof(buf));
			int r;

			if (m < 0 && errno == EINTR)
				continue;
			if (m < 0)
				return -errno;
			if (m == 0)
				return 0;
			r = lj_write_all(out, buf, (size_t) m);
			if (r < 0)
				return r;
		}
	}
}

static void write_input(const struct lj_plan *p, int wd, const char *name, int in,
		const char *data, size_t len)
{
	int fd = openat(wd, name, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
	int r;

	CHECK(fd >= 0, LJ_STEP_INPUT);
	r = in >= 0 ? copy_fd(in, fd) : lj_write_all(fd, data, len);
	if (r < 0) {
		errno = -r;
		fail(p, LJ_STEP_INPUT, errno);
	}
	if (p->switch_user)
		CHECK(fchown(fd, p->uid, p->gid) == 0, LJ_STEP_INPUT);
	CHECK(close(fd) == 0, LJ_STEP_INPUT);
}

static void add_landlock_rules(const struct lj_plan *p, const struct lj_phase *ph, int wd)
{
	static const enum lj_landlock_access kinds[3] = { LJ_LL_RO, LJ_LL_RX, LJ_LL_RW };
	const char *const *lists[3] = { ph->ll_ro, ph->ll_rx, ph->ll_rw };
	const size_t counts[3] = { ph->n_ro, ph->n_rx, ph->n_rw };

	for (int k = 0; k < 3; k++)
		for (size_t i = 0; i < counts[k]; i++) {
			int r = lj_landlock_allow_path(ph->ll_fd, p->ll_abi, lists[k][i], kinds[k]);

			if (r < 0 && r != -ENOENT) {
				errno = -r;
				fail(p, LJ_STEP_LANDLOCK, errno);
			}
		}
	{
		int r = lj_landlock_allow_fd(ph->ll_fd, p->ll_abi, wd,
				ph->exec_workdir ? LJ_LL_RWX : LJ_LL_RW);

		if (r < 0) {
			errno = -r;
			fail(p, LJ_STEP_LANDLOCK, errno);
		}
	}
}

/* The program: drop everything, in order, then exec. */
__attribute__((noreturn)) static void program(const struct lj_plan *p, const struct lj_phase *ph)
{
	int in = ph->stdin_fd;

	CHECK(setsid() >= 0, LJ_STEP_SETSID);
	CHECK(prctl(PR_SET_PDEATHSIG, SIGKILL) == 0, LJ_STEP_PDEATHSIG);

	if (in < 0) {
		in = open("/dev/null", O_RDONLY | O_CLOEXEC);
		CHECK(in >= 0, LJ_STEP_FDS);
	}
	CHECK(dup2(in, 0) == 0, LJ_STEP_FDS);
	CHECK(dup2(p->out_w, 1) == 1, LJ_STEP_FDS);
	CHECK(dup2(p->err_w, 2) == 2, LJ_STEP_FDS);
	/* Every other fd closes at exec; the report pipe and the Landlock
	 * ruleset are still needed until then. */
	CHECK(syscall(SYS_close_range, 3U, ~0U, CLOSE_RANGE_CLOEXEC) == 0, LJ_STEP_FDS);
	CHECK(chdir(p->workdir) == 0, LJ_STEP_CHDIR);

	if (p->rlimits)
		for (int i = 0; i < RLIM_NLIMITS; i++)
			if (ph->rl_set[i])
				CHECK(setrlimit((__rlimit_resource_t) i, &ph->rl[i]) == 0,
						LJ_STEP_RLIMIT);

	/* Privileges: from here on every failure is fatal (fail() exits). */
	if (p->switch_user || p->userns) {
		for (int cap = 0; cap <= CAP_LAST_CAP; cap++)
			if (prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) < 0 && errno != EINVAL)
				fail(p, LJ_STEP_CAPBSET, errno);
	}
	if (p->switch_user) {
		CHECK(setgroups(1, &p->gid) == 0, LJ_STEP_GROUPS);
		CHECK(setresgid(p->gid, p->gid, p->gid) == 0, LJ_STEP_GID);
		CHECK(setresuid(p->uid, p->uid, p->uid) == 0, LJ_STEP_UID);
		/* The switch must not be undoable. */
		if (p->uid != 0 && (setresuid(0, 0, 0) == 0 || geteuid() != p->uid ||
				getegid() != p->gid)) {
			errno = EPERM;
			fail(p, LJ_STEP_VERIFY, errno);
		}
	}
	{
		/* No capabilities at all, not even ambient ones; the check reads
		 * them back from the kernel (no allocation here). */
		struct __user_cap_header_struct h = { _LINUX_CAPABILITY_VERSION_3, 0 };
		struct __user_cap_data_struct d[2];

		if (prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0) < 0 && errno != EINVAL)
			fail(p, LJ_STEP_CAPS, errno);
		CHECK(cap_set_proc(p->no_caps) == 0, LJ_STEP_CAPS);
		memset(d, 0, sizeof(d));
		CHECK(syscall(SYS_capget, &h, d) == 0, LJ_STEP_CAPS);
		if (d[0].effective || d[0].permitted || d[1].effective || d[1].permitted) {
			errno = EPERM;
			fail(p, LJ_STEP_CAPS, errno);
		}
	}
	CHECK(prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) == 0, LJ_STEP_NO_NEW_PRIVS);
	if (p->mac != LJ_MAC_NONE) {
		int r = lj_mac_onexec(p->mac, ph->mac_label);

		if (r < 0)
			fail(p, LJ_STEP_MAC, -r);
	}
	if (p->landlock) {
		int r = lj_landlock_restrict(ph->ll_fd);

		if (r < 0)
			fail(p, LJ_STEP_LANDLOCK, -r);
	}
	if (p->seccomp) {
		int r = lj_seccomp_install(p->filter, p->filter_len);

		if (r < 0)
			fail(p, LJ_STEP_SECCOMP, -r);
	}
	execve(ph->exec_path, ph->argv, ph->envp);
	fail(p, LJ_STEP_EXEC, errno);
}

/*
 * Start phase @i, wait for it, and report its status. Between phases the
 * init kills whatever the phase left running (only the init itself survives
 * kill(-1) in its pid namespace), so nothing a compiler started lives into
 * the run.
 */
static void run_phase(const struct lj_plan *p, size_t i, int wd)
{
	const struct lj_phase *ph = &p->phase[i];
	struct lj_report st = { .kind = LJ_REPORT_STATUS, .phase = (uint32_t) i };
	bool last = i + 1 == p->n_phases;
	struct rusage ru;
	int status = 0;
	pid_t pid;

	if (p->landlock)
		add_landlock_rules(p, ph, wd);
	pid = fork();
	CHECK(pid >= 0, LJ_STEP_FORK);
	if (pid == 0)
		program(p, ph);
	if (last) {
		/* The program's output pipes are not ours to hold. */
		(void) close(p->out_w);
		(void) close(p->err_w);
	}
	if (ph->ll_fd >= 0)
		(void) close(ph->ll_fd);
	if (!p->pidns) {
		struct lj_report r = { .kind = LJ_REPORT_PID, .pid = pid, .phase = (uint32_t) i };

		report(p->report_w, &r);
	}
	for (;;) {
		pid_t w = wait4(-1, &status, 0, &ru);

		if (w == pid)
			break;
		if (w < 0 && errno != EINTR) {
			/* cannot happen while the program is our child */
			fail(p, LJ_STEP_FORK, errno);
		}
	}
	st.wstatus = status;
	st.utime_us = (uint64_t) ru.ru_utime.tv_sec * 1000000 + (uint64_t) ru.ru_utime.tv_usec;
	st.stime_us = (uint64_t) ru.ru_stime.tv_sec * 1000000 + (uint64_t) ru.ru_stime.tv_usec;
	st.maxrss_kb = (uint64_t) ru.ru_maxrss;
	if (!last && p->pidns) {
		if (kill(-1, SIGKILL) < 0 && errno != ESRCH)
			fail(p, LJ_STEP_PHASE, errno);
		while (wait4(-1, NULL, 0, NULL) >= 0 || errno == EINTR)
			;
		if (errno != ECHILD)
			fail(p, LJ_STEP_PHASE, errno);
	} else if (!last) {
		/* No pid namespace: the phase's session (the program called setsid) */
		(void) kill(-pid, SIGKILL);
	}
	if (p->mountns) {
		struct statvfs sv;

		if (fstatvfs(wd, &sv) == 0 && (sv.f_bavail == 0 || sv.f_favail == 0))
			st.disk_full = 1;
	}
	report(p->report_w, &st);
}

__attribute__((noreturn)) void lj_child_main(const struct lj_plan *p)
{
	int wd;
	char go;

	/* Wait for the supervisor: id maps written, cgroup joined. EOF means it
	 * died; then there is nobody to report to. */
	(void) close(p->sync_w);
	if (read(p->sync_r, &go, 1) != 1)
		_exit(125);
	CHECK(prctl(PR_SET_PDEATHSIG, SIGKILL) == 0, LJ_STEP_PDEATHSIG);
	/* Into the run's cgroup before anything else starts (v1; v2 cloned us
	 * into it): the limits then hold for every process of the run. */
	if (p->cg_join) {
		int r = lj_cgroup_join(p->cg_join);

		if (r < 0)
			fail(p, LJ_STEP_CGROUP, -r);
	}
	/* A namespace of the pool instead of a fresh one (its loopback is up). */
	if (p->net_fd >= 0)
		CHECK(setns(p->net_fd, CLONE_NEWNET) == 0, LJ_STEP_NETNS);
	/* langjail itself runs with umask 077; the jail's view and the program
	 * get the usual 022 (the workdir itself stays 0700). */
	umask(022);

	if (p->mountns)
		setup_mounts(p);
	if (p->utsns)
		CHECK(sethostname("langjail", 8) == 0, LJ_STEP_HOSTNAME);
	if (p->netns && p->net_fd < 0)
		loopback_up(p);

	wd = p->mountns ? open(p->workdir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
			: p->workdir_fd;
	CHECK(wd >= 0, LJ_STEP_WORKDIR);
	write_input(p, wd, p->source_name, p->source_fd, p->code, p->code_len);
	for (size_t i = 0; i < p->n_inputs; i++)
		write_input(p, wd, p->input_names[i], p->input_fds[i], NULL, 0);

	for (size_t i = 0; i < p->n_phases; i++) {
		/* A later phase waits for the supervisor's word: 'g' to go on;
		 * anything else, or its death, ends the run here. */
		if (i > 0) {
			ssize_t n;

			do
				n = read(p->sync_r, &go, 1);
			while (n < 0 && errno == EINTR);
			if (n != 1 || go != 'g')
				_exit(0);
		}
		run_phase(p, i, wd);
	}
	_exit(0);
}
