/*
 * layer-cgroup.c - the run's own cgroup.
 *
 * Why: RLIMIT_NPROC counts every process of the uid on the host, so one run
 * would starve another; RLIMIT_AS breaks JVMs and numpy. A per-run cgroup
 * caps processes and real memory for this run alone, accounts CPU over the
 * whole tree, reports the peak, and kills every process of the run, even
 * ones that left the session or the process group.
 *
 * Trust: only the supervisor touches cgroup files, by fds opened below the
 * hierarchy's mount point; the program cannot write them (owned by root, and
 * Landlock/AppArmor keep /sys out of reach).
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <time.h>
#include <unistd.h>
#include <linux/magic.h>

#include "fsutil.h"
#include "layer-cgroup.h"
#include "macro.h"
#include "parse.h"

static const char *const v1_names[LJ_CG__MAX] = { "memory", "pids", "cpuacct" };

void lj_cgroup_init(struct lj_cgroup *cg)
{
	memset(cg, 0, sizeof(*cg));
	for (int i = 0; i < LJ_CG__MAX; i++)
		cg->fd[i] = cg->parent_fd[i] = cg->tasks_fd[i] = -1;
}

static int read_small(int dirfd, const char *file, char *buf, size_t len)
{
	_cleanup_close_ int fd = openat(dirfd, file, O_RDONLY | O_CLOEXEC);
	ssize_t n;

	if (fd < 0)
		return -errno;
	n = read(fd, buf, len - 1);
	if (n < 0)
		return -errno;
	buf[n] = '\0';
	return (int) n;
}

static int write_str(int dirfd, const char *file, const char *s)
{
	_cleanup_close_ int fd = openat(dirfd, file, O_WRONLY | O_CLOEXEC);

	if (fd < 0)
		return -errno;
	return lj_write_all(fd, s, strlen(s));
}

static int write_u64(int dirfd, const char *file, uint64_t v)
{
	char b[32];

	snprintf(b, sizeof(b), "%" PRIu64, v);
	return write_str(dirfd, file, b);
}

/* Value of "key N" in a flat keyed file (memory.events, pids.events, cpu.stat). */
static int read_keyed(int dirfd, const char *file, const char *key, uint64_t *ret)
{
	char buf[4096];
	size_t klen = strlen(key);
	int r = read_small(dirfd, file, buf, sizeof(buf));

	if (r < 0)
		return r;
	for (char *line = buf; line && *line;) {
		char *nl = strchr(line, '\n');

		if (nl)
			*nl = '\0';
		if (strncmp(line, key, klen) == 0 && line[klen] == ' ')
			return lj_parse_uint(line + klen + 1, UINT64_MAX, ret);
		line = nl ? nl + 1 : NULL;
	}
	return -ENOENT;
}

static int read_u64(int dirfd, const char *file, uint64_t *ret)
{
	char buf[64];
	int r = read_small(dirfd, file, buf, sizeof(buf));

	if (r < 0)
		return r;
	buf[strcspn(buf, "\n")] = '\0';
	return lj_parse_uint(buf, UINT64_MAX, ret);
}

/* Where each hierarchy is mounted and where our own cgroup is in it: index
 * LJ_CG__MAX is v2, the others the v1 controllers of v1_names[]. */
struct cg_dirs {
	char mnt[LJ_CG__MAX + 1][512];
	char own[LJ_CG__MAX + 1][512];
	bool fast;      /* mount points guessed (fast_mounts): v1 ones still to check */
};

/* A file that only a non-root cgroup of each v1 controller has. */
static const char *const v1_probe[LJ_CG__MAX] = { "memory.limit_in_bytes", "pids.max",
	"cpuacct.usage" };

enum { CG_V2 = LJ_CG__MAX };

static bool has_token(char *list, const char *word)
{
	for (char *tok = strtok(list, ","); tok; tok = strtok(NULL, ","))
		if (strcmp(tok, word) == 0)
			return true;
	return false;
}

/* The mount points from /proc/self/mountinfo: the first mount of each
 * hierarchy counts. Rendering the mount table costs the kernel about a
 * tenth of a millisecond: only when the usual places do not hold them. */
static int slow_mounts(struct cg_dirs *d)
{
	char line[1024];
	FILE *f;

	memset(d->mnt, 0, sizeof(d->mnt));
	f = fopen("/proc/self/mountinfo", "re");
	if (!f)
		return -errno;
	while (fgets(line, sizeof(line), f)) {
		char *sep = strstr(line, " - ");
		char point[512], fstype[32], opts[512];

		if (!sep || sscanf(line, "%*s %*s %*s %*s %511s", point) != 1 ||
		    sscanf(sep + 3, "%31s %*s %511s", fstype, opts) != 2)
			continue;
		if (strcmp(fstype, "cgroup2") == 0 && !d->mnt[CG_V2][0])
			snprintf(d->mnt[CG_V2], sizeof(d->mnt[0]), "%s", point);
		if (strcmp(fstype, "cgroup") != 0)
			continue;
		for (int i = 0; i < LJ_CG__MAX; i++) {
			char tmp[512];

			snprintf(tmp, sizeof(tmp), "%s", opts);
			if (!d->mnt[i][0] && has_token(tmp, v1_names[i]))
				snprintf(d->mnt[i], sizeof(d->mnt[0]), "%s", point);
		}
	}
	fclose(f);
	return 0;
}

static bool is_fs(const char *path, unsigned long magic)
{
	struct statfs sf;

	return statfs(path, &sf) == 0 && (unsigned long) sf.f_type == magic;
}

/* The usual places: the unified hierarchy at /sys/fs/cgroup (or .../unified
 * beside v1), v1 controllers at /sys/fs/cgroup/NAME (systemd's layout). A v1
 * mount found so is checked later by a file only its controller has
 * (v1_probe); -ENOENT when a hierarchy we are in is not there. */
static int fast_mounts(struct cg_dirs *d)
{
	if (d->own[CG_V2][0]) {
		if (is_fs("/sys/fs/cgroup", CGROUP2_SUPER_MAGIC))
			snprintf(d->mnt[CG_V2], sizeof(d->mnt[0]), "/sys/fs/cgroup");
		else if (is_fs("/sys/fs/cgroup/unified", CGROUP2_SUPER_MAGIC))
			snprintf(d->mnt[CG_V2], sizeof(d->mnt[0]), "/sys/fs/cgroup/unified");
		else
			return -ENOENT;
	}
	for (int i = 0; i < LJ_CG__MAX; i++) {
		char path[64];

		if (!d->own[i][0])
			continue;
		snprintf(path, sizeof(path), "/sys/fs/cgroup/%s", v1_names[i]);
		if (!is_fs(path, CGROUP_SUPER_MAGIC))
			return -ENOENT;
		snprintf(d->mnt[i], sizeof(d->mnt[0]), "%s", path);
	}
	d->fast = true;
	return 0;
}

/* Our own cgroup in each hierarchy, from /proc/self/cgroup. */
static int read_own(struct cg_dirs *d)
{
	char line[1024];
	FILE *f;

	f = fopen("/proc/self/cgroup", "re");
	if (!f)
		return -errno;
	while (fgets(line, sizeof(line), f)) {
		char *c1 = strchr(line, ':'), *c2 = c1 ? strchr(c1 + 1, ':') : NULL;

		if (!c2)
			continue;
		*c1 = '\0';
		*c2 = '\0';
		c2[1 + strcspn(c2 + 1, "\n")] = '\0';
		if (strcmp(line, "0") == 0 && c1 + 1 == c2) {
			snprintf(d->own[CG_V2], sizeof(d->own[0]), "%s", c2 + 1);
			continue;
		}
		for (int i = 0; i < LJ_CG__MAX; i++) {
			char tmp[512];

			snprintf(tmp, sizeof(tmp), "%s", c1 + 1);
			if (!d->own[i][0] && has_token(tmp, v1_names[i]))
				snprintf(d->own[i], sizeof(d->own[0]), "%s", c2 + 1);
		}
	}
	fclose(f);
	return 0;
}

/*
 * Where each hierarchy is and where we are in it: /proc/self/cgroup, then
 * the usual mount points, or (@slow, or when those are not there) the mount
 * table.
 */
static int find_dirs(struct cg_dirs *d, bool slow)
{
	int r;

	memset(d, 0, sizeof(*d));
	r = read_own(d);
	if (r < 0)
		return r;
	if (!slow && fast_mounts(d) == 0)
		return 0;
	d->fast = false;
	return slow_mounts(d);
}

/* "<mount><own path>" of hierarchy @i (CG_V2 or a v1 index) into @buf. */
static int own_cgroup_dir(const struct cg_dirs *d, int i, char *buf, size_t len)
{
	const char *own = d->own[i];

	if (!d->mnt[i][0] || !own[0])
		return -ENOENT;
	if (strcmp(own, "/") == 0)
		own = "";
	if ((size_t) snprintf(buf, len, "%s%s", d->mnt[i], own) >= len)
		return -ENAMETOOLONG;
	return 0;
}

/* Open (creating) the parent "langjail" cgroup below @base. */
static int open_parent(const char *base, const char *parent)
{
	_cleanup_close_ int bfd = open(base, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	int fd;

	if (bfd < 0)
		return -errno;
	if (mkdirat(bfd, parent, 0755) < 0 && errno != EEXIST)
		return -errno;
	fd = openat(bfd, parent, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	return fd < 0 ? -errno : fd;
}

static bool has_words(const char *list, const char *const *words, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		const char *p = list;
		size_t wl = strlen(words[i]);
		bool found = false;

		while ((p = strstr(p, words[i]))) {
			if ((p == list || p[-1] == ' ') && (p[wl] == ' ' || p[wl] == '\n' || !p[wl])) {
				found = true;
				break;
			}
			p += wl;
		}
		if (!found)
			return false;
	}
	return true;
}

static int make_name(struct lj_cgroup *cg)
{
	unsigned rnd;

	if (getrandom(&rnd, sizeof(rnd), 0) != (ssize_t) sizeof(rnd))
		return -errno;
	snprintf(cg->name, sizeof(cg->name), "run-%ld-%08x", (long) getpid(), rnd);
	return 0;
}

static int create_v2(struct lj_cgroup *cg, const struct cg_dirs *d, const char *parent,
		const struct lj_limits *lim, struct lj_err *e)
{
	static const char *const need[] = { "memory", "pids" };
	char base[1024], ctl[256];
	int r;

	r = own_cgroup_dir(d, CG_V2, base, sizeof(base));
	if (r < 0)
		return r;
	{
		_cleanup_close_ int bfd = open(base, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

		if (bfd < 0)
			return -errno;
		if (read_small(bfd, "cgroup.controllers", ctl, sizeof(ctl)) < 0 ||
		    !has_words(ctl, need, 2))
			return -ENOTSUP;
		/* Enabling controllers for children; harmless when already on. */
		(void) write_str(bfd, "cgroup.subtree_control", "+memory +pids +cpu");
	}
	cg->parent_fd[0] = open_parent(base, parent);
	if (cg->parent_fd[0] < 0)
		return cg->parent_fd[0];
	r = write_str(cg->parent_fd[0], "cgroup.subtree_control", "+memory +pids +cpu");
	if (r < 0 && r != -ENOENT) {
		/* cpu may be absent; memory and pids are what we need */
		r = write_str(cg->parent_fd[0], "cgroup.subtree_control", "+memory +pids");
		if (r < 0)
			return lj_err_sys(e, -r, "cgroup", "%s/%s: enable memory and pids", base,
					parent);
	}
	r = make_name(cg);
	if (r < 0)
		return r;
	if (mkdirat(cg->parent_fd[0], cg->name, 0755) < 0)
		return lj_err_sys(e, errno, "cgroup", "mkdir %s/%s/%s", base, parent, cg->name);
	cg->version = 2;
	cg->fd[0] = openat(cg->parent_fd[0], cg->name, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (cg->fd[0] < 0)
		return lj_err_sys(e, errno, "cgroup", "open %s", cg->name);
	r = lj_cgroup_set_limits(cg, lim, e);
	if (r < 0)
		return r;
	/* No swap: a limit that swaps is no limit. Absent without swap accounting. */
	r = write_str(cg->fd[0], "memory.swap.max", "0");
	if (r < 0 && r != -ENOENT)
		return lj_err_sys(e, -r, "cgroup", "%s: memory.swap.max", cg->name);
	return 0;
}

static int create_v1(struct lj_cgroup *cg, const struct cg_dirs *d, const char *parent,
		const struct lj_limits *lim, struct lj_err *e)
{
	int r = make_name(cg);

	if (r < 0)
		return r;
	for (int i = 0; i < LJ_CG__MAX; i++) {
		char base[1024];

		r = own_cgroup_dir(d, i, base, sizeof(base));
		if (r < 0) {
			if (i == LJ_CG_CPU)
				continue;   /* accounting only; optional */
			return r;
		}
		cg->parent_fd[i] = open_parent(base, parent);
		/* A guessed mount point must be this controller's hierarchy: our
		 * cgroup is there, and the parent has the controller's files (a
		 * wrong guess may leave an empty "langjail" cgroup in the other
		 * hierarchy; the mount table is read then). */
		if (d->fast && (cg->parent_fd[i] < 0 ||
				faccessat(cg->parent_fd[i], v1_probe[i], F_OK, 0) < 0))
			return -EMEDIUMTYPE;
		if (cg->parent_fd[i] < 0) {
			r = cg->parent_fd[i];
			cg->parent_fd[i] = -1;
			if (i == LJ_CG_CPU)
				continue;
			return lj_err_sys(e, -r, "cgroup", "%s/%s", base, parent);
		}
		if (mkdirat(cg->parent_fd[i], cg->name, 0755) < 0)
			return lj_err_sys(e, errno, "cgroup", "mkdir %s/%s/%s", base, parent,
					cg->name);
		cg->version = 1;
		cg->fd[i] = openat(cg->parent_fd[i], cg->name, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		if (cg->fd[i] < 0)
			return lj_err_sys(e, errno, "cgroup", "open %s", cg->name);
	}
	return lj_cgroup_set_limits(cg, lim, e);
}

int lj_cgroup_set_limits(struct lj_cgroup *cg, const struct lj_limits *lim, struct lj_err *e)
{
	uint64_t mem = lim->v[LJ_LIMIT_MEMORY];
	int r;

	if (cg->version == 2) {
		if ((r = write_u64(cg->fd[0], "memory.max", mem)) < 0 ||
		    (r = write_u64(cg->fd[0], "pids.max", lim->v[LJ_LIMIT_PROCS])) < 0)
			return lj_err_sys(e, -r, "cgroup", "%s: set limits", cg->name);
		/* Peak from here on (5.19+ accepts a reset; older kernels keep
		 * the peak of the whole run). */
		(void) write_str(cg->fd[0], "memory.peak", "reset");
		return 0;
	}
	if (cg->version != 1)
		return -ENOTSUP;
	/* v1 wants memsw >= limit at every moment: lowering sets the limit
	 * first, raising sets memsw first; the wrong order fails with EINVAL. */
	for (int attempt = 0; attempt < 2; attempt++) {
		const char *first = attempt ? "memory.memsw.limit_in_bytes" : "memory.limit_in_bytes";
		const char *second = attempt ? "memory.limit_in_bytes" : "memory.memsw.limit_in_bytes";

		r = write_u64(cg->fd[LJ_CG_MEMORY], first, mem);
		if (r == -EINVAL && attempt == 0)
			continue;
		if (r < 0 && !(r == -ENOENT && attempt == 1))
			return lj_err_sys(e, -r, "cgroup", "%s: %s", cg->name, first);
		r = write_u64(cg->fd[LJ_CG_MEMORY], second, mem);
		if (r < 0 && r != -ENOENT)
			return lj_err_sys(e, -r, "cgroup", "%s: %s", cg->name, second);
		break;
	}
	r = write_u64(cg->fd[LJ_CG_PIDS], "pids.max", lim->v[LJ_LIMIT_PROCS]);
	if (r < 0)
		return lj_err_sys(e, -r, "cgroup", "%s: pids.max", cg->name);
	(void) write_str(cg->fd[LJ_CG_MEMORY], "memory.max_usage_in_bytes", "0");
	return 0;
}

int lj_cgroup_create(struct lj_cgroup *cg, const char *parent, const struct lj_limits *lim,
		struct lj_err *e)
{
	struct cg_dirs d;
	int r;

	lj_cgroup_init(cg);
	r = find_dirs(&d, false);
	if (r < 0)
		return lj_err_sys(e, -r, "cgroup", "reading /proc/self/mountinfo and cgroup");
	r = create_v2(cg, &d, parent, lim, e);
	if (r == 0)
		return 0;
	if (cg->version == 2) {
		lj_cgroup_destroy(cg);
		return r;
	}
	lj_cgroup_destroy(cg);
	lj_cgroup_init(cg);
	r = create_v1(cg, &d, parent, lim, e);
	if (r == -EMEDIUMTYPE) {
		/* a guessed v1 mount point was another hierarchy: ask the mount table */
		lj_cgroup_destroy(cg);
		lj_cgroup_init(cg);
		d.fast = false;
		r = slow_mounts(&d);
		if (r < 0)
			return lj_err_sys(e, -r, "cgroup", "reading /proc/self/mountinfo");
		r = create_v1(cg, &d, parent, lim, e);
	}
	if (r == 0)
		return 0;
	if (cg->version == 0 && e && !e->msg[0])
		lj_err_set(e, ENOTSUP, "cgroup",
				"no usable cgroup hierarchy with memory and pids controllers (%s)",
				strerror(-r));
	lj_cgroup_destroy(cg);
	return r < 0 ? r : -ENOTSUP;
}

int lj_cgroup_prepare_join(struct lj_cgroup *cg, struct lj_err *e)
{
	if (cg->version != 1)
		return 0;
	for (int i = 0; i < LJ_CG__MAX; i++) {
		if (cg->fd[i] < 0)
			continue;
		cg->tasks_fd[i] = openat(cg->fd[i], "tasks", O_WRONLY | O_CLOEXEC);
		if (cg->tasks_fd[i] < 0)
			return lj_err_sys(e, errno, "cgroup", "%s: open %s tasks", cg->name,
					v1_names[i]);
	}
	return 0;
}

int lj_cgroup_join(const struct lj_cgroup *cg)
{
	for (int i = 0; i < LJ_CG__MAX; i++) {
		ssize_t n;

		if (cg->tasks_fd[i] < 0)
			continue;
		do
			n = write(cg->tasks_fd[i], "0", 1);
		while (n < 0 && errno == EINTR);
		if (n != 1)
			return n < 0 ? -errno : -EIO;
	}
	return 0;
}

int lj_cgroup_clone_fd(const struct lj_cgroup *cg)
{
	return cg->version == 2 ? cg->fd[0] : -1;
}

int lj_cgroup_cpu_us(const struct lj_cgroup *cg, uint64_t *ret)
{
	uint64_t v;
	int r;

	if (cg->version == 2) {
		r = read_keyed(cg->fd[0], "cpu.stat", "usage_usec", &v);
		if (r == 0)
			*ret = v;
		return r;
	}
	if (cg->version == 1 && cg->fd[LJ_CG_CPU] >= 0) {
		r = read_u64(cg->fd[LJ_CG_CPU], "cpuacct.usage", &v);
		if (r == 0)
			*ret = v / 1000;
		return r;
	}
	return -ENOTSUP;
}

static int procs_fd(const struct lj_cgroup *cg)
{
	if (cg->version == 2)
		return cg->fd[0];
	if (cg->version == 1)
		return cg->fd[LJ_CG_PIDS] >= 0 ? cg->fd[LJ_CG_PIDS] : cg->fd[LJ_CG_MEMORY];
	return -1;
}

int lj_cgroup_kill(struct lj_cgroup *cg)
{
	int dfd = procs_fd(cg);

	if (dfd < 0)
		return -ENOTSUP;
	if (cg->version == 2 && write_str(dfd, "cgroup.kill", "1") == 0)
		return 0;
	/* v1 (or v2 before 5.14): SIGKILL what is listed until nothing is. The
	 * pids limit bounds how many a fork bomb can add between reads. */
	for (int round = 0; round < 1000; round++) {
		char buf[8192];
		int n = read_small(dfd, "cgroup.procs", buf, sizeof(buf));
		bool any = false;

		if (n <= 0)
			return n;
		for (char *p = buf; *p;) {
			char *nl = strchr(p, '\n');
			uint64_t pid;

			if (nl)
				*nl = '\0';
			if (lj_parse_uint(p, INT32_MAX, &pid) == 0 && pid > 1) {
				(void) kill((pid_t) pid, SIGKILL);
				any = true;
			}
			if (!nl)
				break;
			p = nl + 1;
		}
		if (!any)
			return 0;
		sched_yield();
	}
	return -EBUSY;
}

int lj_cgroup_stats(const struct lj_cgroup *cg, struct lj_cgroup_stats *ret)
{
	struct lj_cgroup_stats st = { 0 };

	if (cg->version == 2) {
		(void) read_u64(cg->fd[0], "memory.peak", &st.memory_peak);
		(void) read_keyed(cg->fd[0], "memory.events", "oom_kill", &st.oom_kills);
		(void) read_keyed(cg->fd[0], "pids.events", "max", &st.pids_max_hits);
	} else if (cg->version == 1) {
		(void) read_u64(cg->fd[LJ_CG_MEMORY], "memory.max_usage_in_bytes", &st.memory_peak);
		(void) read_keyed(cg->fd[LJ_CG_MEMORY], "memory.oom_control", "oom_kill",
				&st.oom_kills);
		(void) read_keyed(cg->fd[LJ_CG_PIDS], "pids.events", "max", &st.pids_max_hits);
	} else {
		return -ENOTSUP;
	}
	(void) lj_cgroup_cpu_us(cg, &st.cpu_us);
	*ret = st;
	return 0;
}

static int remove_dir(int parent_fd, const char *name)
{
	/* A cgroup whose last task just exited can stay busy for a moment while
	 * the kernel finishes tearing it down; retry briefly, then give up (gc). */
	for (int i = 0; i < 200; i++) {
		struct timespec ts = { 0, 500000 };

		if (unlinkat(parent_fd, name, AT_REMOVEDIR) == 0 || errno == ENOENT)
			return 0;
		if (errno != EBUSY)
			return -errno;
		nanosleep(&ts, NULL);
	}
	return -EBUSY;
}

int lj_cgroup_destroy(struct lj_cgroup *cg)
{
	int ret = 0;

	for (int i = 0; i < LJ_CG__MAX; i++) {
		if (cg->tasks_fd[i] >= 0) {
			(void) close(cg->tasks_fd[i]);
			cg->tasks_fd[i] = -1;
		}
		if (cg->fd[i] >= 0) {
			(void) close(cg->fd[i]);
			cg->fd[i] = -1;
			if (cg->parent_fd[i] >= 0) {
				int r = remove_dir(cg->parent_fd[i], cg->name);

				if (r < 0 && !ret)
					ret = r;
			}
		}
		if (cg->parent_fd[i] >= 0) {
			(void) close(cg->parent_fd[i]);
			cg->parent_fd[i] = -1;
		}
	}
	cg->version = 0;
	return ret;
}

static int gc_dir(int pfd, unsigned *removed)
{
	DIR *d;
	struct dirent *de;
	int dfd = dup(pfd);

	if (dfd < 0)
		return -errno;
	d = fdopendir(dfd);
	if (!d) {
		(void) close(dfd);
		return -errno;
	}
	while ((de = readdir(d))) {
		long pid;
		char procdir[32];
		struct stat st;

		if (sscanf(de->d_name, "run-%ld-", &pid) != 1)
			continue;
		snprintf(procdir, sizeof(procdir), "/proc/%ld", pid);
		if (pid == (long) getpid() || stat(procdir, &st) == 0)
			continue;   /* its supervisor is alive (or pid reused: next gc) */
		{
			_cleanup_close_ int cfd = openat(pfd, de->d_name,
					O_RDONLY | O_DIRECTORY | O_CLOEXEC);
			struct lj_cgroup tmp;

			if (cfd < 0)
				continue;
			lj_cgroup_init(&tmp);
			tmp.version = 1;
			tmp.fd[LJ_CG_PIDS] = cfd;
			(void) lj_cgroup_kill(&tmp);
		}
		if (remove_dir(pfd, de->d_name) == 0)
			(*removed)++;
	}
	closedir(d);
	return 0;
}

int lj_cgroup_gc(const char *parent, unsigned *ret_removed, struct lj_err *e)
{
	unsigned removed = 0;
	struct cg_dirs d;
	char base[1024];
	int r = find_dirs(&d, true);

	if (r < 0)
		return lj_err_sys(e, -r, "cgroup", "reading /proc/self/mountinfo and cgroup");
	for (int i = 0; i <= CG_V2; i++) {
		if (own_cgroup_dir(&d, i, base, sizeof(base)) == 0) {
			_cleanup_close_ int pfd = open_parent(base, parent);

			if (pfd >= 0)
				(void) gc_dir(pfd, &removed);
		}
	}
	*ret_removed = removed;
	return 0;
}

int lj_cgroup_probe(char *buf, size_t len)
{
	static const char *const need[] = { "memory", "pids" };
	char base[1024], ctl[256];
	struct cg_dirs d;

	if (find_dirs(&d, true) < 0) {
		snprintf(buf, len, "cannot read /proc/self/mountinfo or /proc/self/cgroup");
		return 0;
	}
	if (own_cgroup_dir(&d, CG_V2, base, sizeof(base)) == 0) {
		_cleanup_close_ int bfd = open(base, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

		if (bfd >= 0 && read_small(bfd, "cgroup.controllers", ctl, sizeof(ctl)) >= 0 &&
		    has_words(ctl, need, 2)) {
			snprintf(buf, len, "v2 at %s", base);
			return 2;
		}
	}
	if (own_cgroup_dir(&d, LJ_CG_MEMORY, base, sizeof(base)) == 0 &&
	    own_cgroup_dir(&d, LJ_CG_PIDS, ctl, sizeof(ctl)) == 0) {
		snprintf(buf, len, "v1 (memory at %s)", base);
		return 1;
	}
	snprintf(buf, len, "no cgroup hierarchy with memory and pids controllers");
	return 0;
}
