/*
 * run.c - the supervisor: prepare, clone, watch, judge, clean up.
 *
 * Theory of operation. Everything that can be decided before the clone is
 * decided here, in the supervisor, and handed to the child as a struct
 * lj_plan (child.c). The child is cloned straight into new user (when
 * unprivileged), pid, mount, network, ipc and uts namespaces and, with cgroup
 * v2, into the run's cgroup. The supervisor then waits on one poll(2): the
 * program's two output pipes, the child's pidfd, the report pipe, and a
 * single timeout (the wall-clock deadline or the next moment the CPU limit
 * could have been reached). No sleeps, no polling loops: every wake-up is
 * data, an exit, or a deadline.
 *
 * The whole tree is killed by killing the run's init (the pid namespace
 * dies with it) and, when available, through the cgroup. The workdir is a
 * tmpfs inside the run's mount namespace, so it disappears with the run; the
 * empty host directory under it is removed with unlinkat, and when no mount
 * namespace was used the tree is removed without following links (fsutil.c).
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <linux/sched.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "child.h"
#include "fsutil.h"
#include "ini.h"
#include "layer-cgroup.h"
#include "layer-landlock.h"
#include "layer-netpool.h"
#include "layer-mac.h"
#include "layer-seccomp.h"
#include "macro.h"
#include "parse.h"
#include "priv.h"
#include "run.h"

#ifndef CLONE_INTO_CGROUP
#define CLONE_INTO_CGROUP 0x200000000ULL
#endif
#ifndef CLONE_PIDFD
#define CLONE_PIDFD 0x00001000
#endif

/* Paths every language may read (and execute where marked). Languages add
 * their own in read_paths / exec_paths. /etc as a whole is not here: the
 * langjail configuration and other secrets live there. */
static const char *const base_rx[] = { "/usr", "/bin", "/lib", "/lib64", "/lib32", "/sbin" };
static const char *const base_ro[] = {
	"/etc/ld.so.cache", "/etc/ld.so.conf", "/etc/ld.so.conf.d", "/etc/localtime",
	"/etc/passwd", "/etc/group", "/etc/nsswitch.conf", "/etc/alternatives",
	"/dev/urandom", "/dev/random",
};
static const char *const base_rw[] = { "/dev/null", "/dev/zero", "/dev/full" };

/*
 * The run's view of the file system: every top-level directory but these is
 * covered by an empty read-only tmpfs in the run's mount namespace (what a
 * language needs from below a covered directory, such as its environment
 * under /var/lib, is put back read-only). Covered: shared scratch space
 * (/tmp, /var/tmp, /dev/shm: files persisting for the next run, other runs'
 * files), /run and /var, where host daemons keep their unix sockets (D-Bus,
 * docker, database servers), /home, /root, /srv, /opt and anything else a
 * site keeps at the top: connect() on a socket file is not something
 * Landlock mediates, and every file hidden is one less to get wrong.
 */
static const char *const view_dirs[] = {
	"bin", "etc", "lib", "lib32", "lib64", "libx32", "proc", "sbin", "sys", "usr",
};
/* /dev is covered too: the run's /dev holds only these (bound from the
 * host), the fd links and an empty read-only shm; no host socket (/dev/log),
 * terminal or other device is there. */
static const char *const dev_nodes[] = {
	"/dev/null", "/dev/zero", "/dev/full", "/dev/random", "/dev/urandom",
};

struct run_ctx {
	const struct lj_spec *spec;
	struct lj_result *res;
	struct lj_plan plan;
	struct lj_cgroup cg;
	bool cg_on;
	int root_fd;
	char wd_name[16];
	char workdir[4096];
	bool wd_made;
	int out_r, err_r, report_r, pidfd;
	pid_t pid;
	pid_t program_pid;         /* outside view; only without a pid namespace */
	const char *interp;        /* the interpreter (dedicated copy or fallback) */
	const char *compiler;      /* the compile phase's executable */
	char **argvs[LJ_MAX_PHASES], **envps[LJ_MAX_PHASES];
	char memory_mb[LJ_MAX_PHASES][24];
	/* phases: limits of each, the one running, and its clock */
	const struct lj_limits *lim[LJ_MAX_PHASES];
	size_t phase;
	int sync_w;                /* the init waits here for 'g' before a later phase */
	bool compile_judged;
	char compile_label[128];   /* the AppArmor profile of the compile phase */
	char cover_buf[LJ_MAX_COVERS][NAME_MAX + 2];
	uint64_t ph_start, wall_deadline, next_cpu;
	uint64_t cpu_base, oom_base;   /* the cgroup's counters when the phase began */
	uint64_t oom_seen;             /* the OOM kill count at the last judge() */
	struct sock_filter filter[256];
	struct timespec start;
	const char *kill_reason;   /* the limit that made us kill the run */
	enum lj_status kill_status;
	bool got_status;
	struct lj_report status;
	struct lj_report error;
	bool got_error;
	int uid_lock;              /* held while the run uses a uid of [jail] uids */
	struct lj_netpool_slot net;   /* the pool's network namespace, when one is used */
	uint64_t seen_cpu_us;      /* the tree's CPU at the last check */
	bool splice_ok[2];         /* stdout, stderr: the sink takes splice(2) */
};

static uint64_t now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t) ts.tv_sec * 1000000 + (uint64_t) ts.tv_nsec / 1000;
}

static void close_fd(int *fd)
{
	if (*fd >= 0) {
		(void) close(*fd);
		*fd = -1;
	}
}

static void set_layer(struct lj_result *res, enum lj_layer l, enum lj_layer_state s,
		const char *note)
{
	res->layers[l] = s;
	if (note)
		snprintf(res->layer_note[l], sizeof(res->layer_note[l]), "%s", note);
}

/* Whether a layer should be attempted: not off, not sabotaged. */
static bool wanted(struct run_ctx *x, enum lj_layer l)
{
	const struct lj_spec *s = x->spec;

	if (s->sabotage & (1u << l)) {
		set_layer(x->res, l, LJ_LAYER_STATE_SABOTAGED, "switched off by --sabotage");
		return false;
	}
	if (s->config->layers[l] == LJ_LAYER_OFF) {
		set_layer(x->res, l, LJ_LAYER_STATE_UNUSED, "off in the configuration");
		return false;
	}
	return true;
}

/* A wanted layer could not be applied: fine if optional, refused if required. */
static int unavailable(struct run_ctx *x, enum lj_layer l, const char *why, struct lj_err *e)
{
	set_layer(x->res, l, LJ_LAYER_STATE_UNAVAILABLE, why);
	if (x->spec->config->layers[l] == LJ_LAYER_REQUIRED)
		return lj_err_set(e, ENOTSUP, "layer",
				"layer %s is required but unavailable: %s (set it optional in "
				"[layers] of the configuration to run without it)",
				lj_layer_name(l), why);
	return 0;
}

/* The dedicated copy @want, or with --unsafe and no MAC the system's @fallback. */
static int pick(struct run_ctx *x, bool mac, const char *want, const char *fallback,
		const char **ret, struct lj_err *e)
{
	const struct lj_lang *l = x->spec->lang;

	if (access(want, X_OK) == 0) {
		*ret = want;
		return 0;
	}
	if (!mac && x->spec->unsafe && fallback && access(fallback, X_OK) == 0) {
		*ret = fallback;
		x->res->dedicated_env = false;
		return 0;
	}
	if (mac || !x->spec->unsafe)
		return lj_err_set(e, ENOENT, "no_env",
				"the dedicated environment of %s is missing (%s); create it with "
				"'langjail env create %s'", l->name, want, l->name);
	return lj_err_set(e, ENOENT, "no_env",
			"neither the dedicated %s nor the fallback %s exists", want,
			fallback ? fallback : "(none)");
}

static int choose_interpreter(struct run_ctx *x, bool mac, struct lj_err *e)
{
	const struct lj_lang *l = x->spec->lang;
	int r;

	x->res->dedicated_env = true;
	r = pick(x, mac, l->interpreter, l->fallback, &x->interp, e);
	if (r < 0 || !l->compile.on)
		return r;
	if (!l->compile.compiler) {
		x->compiler = x->interp;   /* the interpreter is the compiler driver */
		return 0;
	}
	return pick(x, mac, l->compile.compiler, l->compile.fallback, &x->compiler, e);
}

static bool is_under(const char *dir, const char *path);

/*
 * The run has a mount namespace it cannot do without, and the workdir root
 * is below one of its covers: the workdir exists only in the run's view.
 */
static bool in_own_cover(struct run_ctx *x)
{
	const struct lj_plan *p = &x->plan;

	if (!p->mountns || x->spec->config->layers[LJ_LAYER_MOUNTNS] != LJ_LAYER_REQUIRED)
		return false;
	for (size_t i = 0; i < p->n_covers; i++)
		if (is_under(p->covers[i], x->workdir))
			return true;
	return false;
}

static int make_workdir(struct run_ctx *x, struct lj_err *e)
{
	const struct lj_spec *s = x->spec;
	uid_t owner = s->privileged ? 0 : s->caller_uid;
	int fd = -1, r;

	x->root_fd = lj_fs_open_root(s->config->workdir_root, true, owner, e);
	if (x->root_fd < 0 && !s->privileged) {
		char alt[64];

		/* An unprivileged caller usually cannot use the system's root:
		 * fall back to a directory of its own under /tmp. */
		snprintf(alt, sizeof(alt), "/tmp/langjail-%u", (unsigned) s->caller_uid);
		lj_err_clear(e);
		x->root_fd = lj_fs_open_root(alt, true, owner, e);
		if (x->root_fd < 0)
			return x->root_fd;
		snprintf(x->workdir, sizeof(x->workdir), "%s", alt);
	} else if (x->root_fd < 0) {
		return x->root_fd;
	} else {
		snprintf(x->workdir, sizeof(x->workdir), "%s", s->config->workdir_root);
	}
	if (in_own_cover(x)) {
		/* Its mount point is made in the run's own view, inside the
		 * cover over the workdir root: nothing on the host to make and
		 * remove (on a disk file system, a tenth of a millisecond). */
		r = lj_fs_random_name(x->wd_name, sizeof(x->wd_name));
		if (r < 0)
			return lj_err_sys(e, -r, "workdir", "getrandom");
	} else {
		fd = lj_fs_mkdtemp(x->root_fd, x->wd_name, sizeof(x->wd_name), e);
		if (fd < 0)
			return fd;
		x->wd_made = true;
	}
	r = (int) strlen(x->workdir);
	if ((size_t) r + 1 + strlen(x->wd_name) >= sizeof(x->workdir)) {
		if (fd >= 0)
			(void) close(fd);
		return lj_err_set(e, ENAMETOOLONG, "workdir", "workdir path too long");
	}
	snprintf(x->workdir + r, sizeof(x->workdir) - (size_t) r, "%s%s",
			x->workdir[r - 1] == '/' ? "" : "/", x->wd_name);
	x->plan.workdir = x->workdir;
	if (fd < 0)
		return 0;   /* no host directory */
	if (x->plan.switch_user) {
		r = lj_priv_give_dir(fd, x->plan.uid, x->plan.gid);
		if (r < 0) {
			(void) close(fd);
			return lj_err_sys(e, -r, "workdir", "chown %s", x->workdir);
		}
	}
	x->plan.workdir_fd = fd;
	return 0;
}

/* The environment of a phase: the basics, then @extra and @extra2 (the
 * language's and the phase's KEY=VALUE), built from nothing. */
static int build_env(struct run_ctx *x, char *const *extra, char *const *extra2, char ***ret,
		struct lj_err *e)
{
	size_t n = 0, n1 = lj_strv_len(extra), n2 = lj_strv_len(extra2);
	char **v = calloc(n1 + n2 + 8, sizeof(char *));

	if (!v)
		return lj_err_set(e, ENOMEM, "setup", "out of memory");
	*ret = v;   /* freed by the caller, complete or not */
	if (asprintf(&v[n++], "PATH=/usr/local/bin:/usr/bin:/bin") < 0 ||
	    asprintf(&v[n++], "HOME=%s", x->workdir) < 0 ||
	    asprintf(&v[n++], "TMPDIR=%s", x->workdir) < 0 ||
	    asprintf(&v[n++], "PWD=%s", x->workdir) < 0 ||
	    asprintf(&v[n++], "LANG=C.UTF-8") < 0 ||
	    asprintf(&v[n++], "USER=%s", x->res->user) < 0)
		return lj_err_set(e, ENOMEM, "setup", "out of memory");
	for (size_t i = 0; i < n1 + n2; i++) {
		v[n] = strdup(i < n1 ? extra[i] : extra2[i - n1]);
		if (!v[n++])
			return lj_err_set(e, ENOMEM, "setup", "out of memory");
	}
	v[n] = NULL;
	return 0;
}

static void set_rlimit(struct lj_phase *p, int res, rlim_t soft, rlim_t hard)
{
	p->rl[res].rlim_cur = soft;
	p->rl[res].rlim_max = hard;
	p->rl_set[res] = true;
}

static void plan_rlimits(struct run_ctx *x, struct lj_phase *p, const struct lj_limits *lim)
{	rlim_t cpu_s = (rlim_t) ((lim->v[LJ_LIMIT_CPU] + 999) / 1000);

	/* SIGXCPU at the limit, SIGKILL a second later for a program that
	 * catches it. The whole tree's CPU is watched through the cgroup. */
	set_rlimit(p, RLIMIT_CPU, cpu_s, cpu_s + 1);
	set_rlimit(p, RLIMIT_FSIZE, lim->v[LJ_LIMIT_FILE_SIZE], lim->v[LJ_LIMIT_FILE_SIZE]);
	set_rlimit(p, RLIMIT_NOFILE, lim->v[LJ_LIMIT_OPEN_FILES], lim->v[LJ_LIMIT_OPEN_FILES]);
	set_rlimit(p, RLIMIT_CORE, 0, 0);
	set_rlimit(p, RLIMIT_STACK, lim->v[LJ_LIMIT_STACK], lim->v[LJ_LIMIT_STACK]);
	set_rlimit(p, RLIMIT_MEMLOCK, 0, 0);
	set_rlimit(p, RLIMIT_MSGQUEUE, 0, 0);
	if (!x->cg_on) {
		/* Without a cgroup, address space and the uid's process count are
		 * the only memory and process bounds left. */
		set_rlimit(p, RLIMIT_AS, lim->v[LJ_LIMIT_MEMORY], lim->v[LJ_LIMIT_MEMORY]);
		set_rlimit(p, RLIMIT_NPROC, lim->v[LJ_LIMIT_PROCS], lim->v[LJ_LIMIT_PROCS]);
	}
}

/* Whether Landlock can be used at all: a ruleset of the best ABI. */
static int plan_landlock(struct run_ctx *x, struct lj_err *e)
{
	int abi = lj_landlock_abi();
	int fd;

	if (abi <= 0)
		return unavailable(x, LJ_LAYER_LANDLOCK, "the kernel has no Landlock", e);
	fd = lj_landlock_create(abi, !x->spec->config->network);
	if (fd < 0) {
		char why[96];

		snprintf(why, sizeof(why), "landlock_create_ruleset: %s", strerror(-fd));
		return unavailable(x, LJ_LAYER_LANDLOCK, why, e);
	}
	(void) close(fd);
	x->plan.ll_abi = abi;
	x->plan.landlock = true;
	set_layer(x->res, LJ_LAYER_LANDLOCK, LJ_LAYER_STATE_APPLIED, NULL);
	return 0;
}

/* A phase's ruleset: OS paths, its executable, the environment, the
 * language's (and the phase's) extra paths; the workdir is added by the
 * run's init once it is mounted. */
static int plan_landlock_phase(struct run_ctx *x, struct lj_phase *ph, char *const *ro,
		char *const *ro2, char *const *rx, struct lj_err *e)
{
	const struct lj_lang *l = x->spec->lang;
	struct lj_plan *p = &x->plan;

	ph->ll_fd = lj_landlock_create(p->ll_abi, !x->spec->config->network);
	if (ph->ll_fd < 0) {
		int r = ph->ll_fd;

		ph->ll_fd = -1;
		return lj_err_sys(e, -r, "setup", "landlock_create_ruleset");
	}
#define ADD(list, n, path) do { \
		if ((n) >= LJ_MAX_PATHS) \
			return lj_err_set(e, E2BIG, "config", "too many read/exec paths"); \
		(list)[(n)++] = (path); \
	} while (0)
	for (size_t i = 0; i < ARRAY_SIZE(base_rx); i++)
		ADD(ph->ll_rx, ph->n_rx, base_rx[i]);
	for (size_t i = 0; i < ARRAY_SIZE(base_ro); i++)
		ADD(ph->ll_ro, ph->n_ro, base_ro[i]);
	for (size_t i = 0; i < ARRAY_SIZE(base_rw); i++)
		ADD(ph->ll_rw, ph->n_rw, base_rw[i]);
	if (!ph->exec_workdir)
		ADD(ph->ll_rx, ph->n_rx, ph->exec_path);
	if (x->interp && x->interp != ph->exec_path)
		ADD(ph->ll_rx, ph->n_rx, x->interp);
	if (x->res->dedicated_env)
		ADD(ph->ll_rx, ph->n_rx, l->env_dir);
	for (char *const *s = ro; s && *s; s++)
		ADD(ph->ll_ro, ph->n_ro, *s);
	for (char *const *s = ro2; s && *s; s++)
		ADD(ph->ll_ro, ph->n_ro, *s);
	for (char *const *s = rx; s && *s; s++)
		ADD(ph->ll_rx, ph->n_rx, *s);
	/* A fresh /proc shows only the run's own processes. */
	if (p->pidns && p->mountns)
		ADD(ph->ll_ro, ph->n_ro, "/proc");
#undef ADD
	return 0;
}

/*
 * Plan phase @i: its command from @tmpl, environment, limits, MAC label and
 * Landlock ruleset. The run phase of a compiled language executes the
 * program its compile phase built ("{workdir}/PROGRAM" as first word).
 */
static int plan_phase(struct run_ctx *x, size_t i, bool compile, struct lj_err *e)
{
	const struct lj_spec *s = x->spec;
	const struct lj_lang *l = s->lang;
	struct lj_phase *ph = &x->plan.phase[i];
	char *const *tmpl = compile ? l->compile.argv : l->argv;
	struct lj_argv_vars vars;
	int r;

	x->lim[i] = compile ? &s->compile_limits : &s->limits;
	snprintf(x->memory_mb[i], sizeof(x->memory_mb[i]), "%" PRIu64,
			x->lim[i]->v[LJ_LIMIT_MEMORY] >> 20);
	vars = (struct lj_argv_vars) { .interpreter = x->interp, .compiler = x->compiler,
		.source = l->source_name, .workdir = x->workdir, .memory_mb = x->memory_mb[i] };
	r = lj_lang_expand_argv(tmpl, &vars, compile ? NULL : s->args, &x->argvs[i]);
	if (r < 0)
		return lj_err_sys(e, -r, "input", "building the command line");
	ph->argv = x->argvs[i];
	ph->ll_fd = -1;
	ph->stdin_fd = compile ? -1 : s->stdin_fd;
	if (compile) {
		ph->exec_path = x->compiler;
	} else if (strncmp(tmpl[0], "{workdir}/", 10) == 0) {
		ph->exec_path = ph->argv[0];
		ph->exec_workdir = true;
		x->plan.workdir_exec = true;
	} else {
		ph->exec_path = x->interp;
	}
	r = build_env(x, l->env, compile ? l->compile.env : NULL, &x->envps[i], e);
	if (r < 0)
		return r;
	ph->envp = x->envps[i];
	plan_rlimits(x, ph, x->lim[i]);
	if (x->plan.mac == LJ_MAC_APPARMOR)
		ph->mac_label = compile ? x->compile_label : l->apparmor_profile;
	else if (x->plan.mac == LJ_MAC_SELINUX)
		ph->mac_label = l->selinux_type;   /* one domain for both phases */
	if (x->plan.landlock)
		return plan_landlock_phase(x, ph, l->read_paths,
				compile ? l->compile.read_paths : NULL,
				compile ? l->compile.exec_paths : l->exec_paths, e);
	return 0;
}

static bool is_under(const char *dir, const char *path)
{
	size_t n = strlen(dir);

	return strncmp(dir, path, n) == 0 && path[n] == '/';
}

/* @path (if it exists) is below a covered directory: put it back. */
static int keep_visible(struct run_ctx *x, const char *path, struct lj_err *e)
{
	struct lj_plan *p = &x->plan;

	if (!path)
		return 0;
	for (size_t i = 0; i < p->n_covers; i++) {
		if (!is_under(p->covers[i], path) || access(path, F_OK) < 0)
			continue;
		for (size_t k = 0; k < p->n_keep; k++)
			if (strcmp(p->keep[k], path) == 0 || is_under(p->keep[k], path))
				return 0;
		if (p->n_keep >= LJ_MAX_KEEP)
			return lj_err_set(e, E2BIG, "config", "more than %d paths of %s are below "
					"hidden directories (%s)", LJ_MAX_KEEP, x->spec->lang->name,
					path);
		{
			struct stat st;

			if (stat(path, &st) < 0)
				return lj_err_sys(e, errno, "setup", "%s", path);
			p->keep_file[p->n_keep] = !S_ISDIR(st.st_mode);
			p->keep_dev[p->n_keep] = S_ISCHR(st.st_mode);
		}
		p->keep[p->n_keep++] = path;
		return 0;
	}
	return 0;
}

/* The directories the run does not see: see view_dirs. */
static int plan_covers(struct run_ctx *x, struct lj_err *e)
{
	struct lj_plan *p = &x->plan;
	DIR *d = opendir("/");
	struct dirent *de;
	size_t n = 0;

	if (!d)
		return lj_err_sys(e, errno, "setup", "opendir /");
	while ((de = readdir(d))) {
		struct stat st;
		bool shown = false;

		if (de->d_name[0] == '.' && (!de->d_name[1] ||
				(de->d_name[1] == '.' && !de->d_name[2])))
			continue;
		for (size_t i = 0; i < ARRAY_SIZE(view_dirs); i++)
			shown = shown || strcmp(de->d_name, view_dirs[i]) == 0;
		/* symbolic links lead into a shown or a covered directory */
		if (shown || fstatat(dirfd(d), de->d_name, &st, AT_SYMLINK_NOFOLLOW) < 0 ||
		    !S_ISDIR(st.st_mode))
			continue;
		if (n >= LJ_MAX_COVERS ||
		    strlen(de->d_name) > NAME_MAX) {
			closedir(d);
			return lj_err_set(e, E2BIG, "setup", "more than %d top-level directories to "
					"hide from the run", LJ_MAX_COVERS);
		}
		snprintf(x->cover_buf[n], sizeof(x->cover_buf[n]), "/%s", de->d_name);
		p->covers[n] = x->cover_buf[n];
		n++;
	}
	closedir(d);
	p->n_covers = n;
	for (size_t i = 0; i < ARRAY_SIZE(dev_nodes); i++) {
		int r = keep_visible(x, dev_nodes[i], e);

		if (r < 0)
			return r;
	}
	return 0;
}

static int write_file(const char *path, const char *s)
{
	_cleanup_close_ int fd = open(path, O_WRONLY | O_CLOEXEC);

	if (fd < 0)
		return -errno;
	return lj_write_all(fd, s, strlen(s));
}

static int write_id_maps(struct run_ctx *x, struct lj_err *e)
{
	char path[64], map[64];
	int r;

	snprintf(path, sizeof(path), "/proc/%ld/setgroups", (long) x->pid);
	r = write_file(path, "deny");
	if (r < 0 && r != -ENOENT)
		return lj_err_sys(e, -r, "setup", "%s", path);
	snprintf(path, sizeof(path), "/proc/%ld/uid_map", (long) x->pid);
	snprintf(map, sizeof(map), "%u %u 1\n", (unsigned) x->plan.uid, (unsigned) x->plan.uid);
	r = write_file(path, map);
	if (r < 0)
		return lj_err_sys(e, -r, "setup", "%s", path);
	snprintf(path, sizeof(path), "/proc/%ld/gid_map", (long) x->pid);
	snprintf(map, sizeof(map), "%u %u 1\n", (unsigned) x->plan.gid, (unsigned) x->plan.gid);
	r = write_file(path, map);
	if (r < 0)
		return lj_err_sys(e, -r, "setup", "%s", path);
	return 0;
}

static void kill_run(struct run_ctx *x, enum lj_status st, const char *limit)
{
	if (!x->kill_reason) {
		x->kill_reason = limit;
		x->kill_status = st;
	}
	if (x->pidfd >= 0)
		(void) syscall(SYS_pidfd_send_signal, x->pidfd, SIGKILL, NULL, 0);
	if (x->program_pid > 0)
		(void) kill(-x->program_pid, SIGKILL);
	if (x->cg_on)
		(void) lj_cgroup_kill(&x->cg);
}

/*
 * Move what a pipe holds to its sink; returns false at EOF. Capturing, the
 * bytes are read straight into the result's buffer; streaming, they are
 * spliced to the sink without a copy through user space where the sink
 * allows it. Either way at most the cap is kept: one byte more ends the
 * run with output_limit.
 */
static bool pump(struct run_ctx *x, int *fd, bool is_err)
{
	const struct lj_spec *s = x->spec;
	struct lj_result *res = x->res;
	uint64_t cap = x->lim[x->phase]->v[LJ_LIMIT_OUTPUT];
	uint64_t *count = is_err ? &res->err_bytes : &res->out_bytes;
	bool *trunc = is_err ? &res->err_truncated : &res->out_truncated;
	struct lj_buf *b = is_err ? &res->err : &res->out;
	int sink = is_err ? s->err_fd : s->out_fd;
	char buf[65536];

	for (int rounds = 0; rounds < 64; rounds++) {
		size_t room = *count >= cap ? 0 : (size_t) (cap - *count);
		ssize_t n;

		if (room && s->capture) {
			size_t want = room < (1u << 20) ? room : (1u << 20);

			/* Past LJ_BUF_INLINE the output goes on to a memfd, a
			 * piece at a time: the supervisor does not hold it.
			 * (Not splice: it keeps the pipe locked while it writes
			 * the file, and the program's writes spin on that lock.) */
			if (!b->spilled && b->len >= LJ_BUF_INLINE && lj_buf_spill(b) < 0) {
				kill_run(x, LJ_STATUS_ERROR, NULL);
				return true;
			}
			if (b->spilled) {
				n = read(*fd, buf, want < sizeof(buf) ? want : sizeof(buf));
				if (n > 0 && lj_write_all(b->fd, buf, (size_t) n) < 0) {
					kill_run(x, LJ_STATUS_ERROR, NULL);
					return true;
				}
			} else {
				if (want > LJ_BUF_INLINE - b->len)
					want = LJ_BUF_INLINE - b->len;
				if (lj_buf_reserve(b, want, (size_t) cap) < 0) {
					kill_run(x, LJ_STATUS_ERROR, NULL);
					return true;
				}
				n = read(*fd, b->data + b->len, b->cap_alloc - b->len < want ?
						b->cap_alloc - b->len : want);
			}
			if (n > 0) {
				b->len += (size_t) n;
				*count += (uint64_t) n;
				continue;
			}
		} else if (room && x->splice_ok[is_err]) {
			n = splice(*fd, NULL, sink, NULL, room < (1u << 20) ? room : (1u << 20),
					SPLICE_F_NONBLOCK | SPLICE_F_MOVE);
			if (n > 0) {
				*count += (uint64_t) n;
				continue;
			}
			if (n < 0 && errno == EAGAIN) {
				/* the pipe is empty, or the sink is full: a sink that
				 * blocks the run must not stall the verdict */
				int avail = 0;

				if (ioctl(*fd, FIONREAD, &avail) < 0 || avail == 0)
					return true;
				x->splice_ok[is_err] = false;
				continue;
			}
			if (n < 0 && errno != EINTR) {
				x->splice_ok[is_err] = false;   /* not splice-able: copy */
				continue;
			}
		} else {
			n = read(*fd, buf, room && room < sizeof(buf) ? room : sizeof(buf));
			if (n > 0) {
				size_t keep = (size_t) n < room ? (size_t) n : room;

				if (keep) {
					/* A closed or full sink must not stop the
					 * bookkeeping: the bytes are counted and dropped. */
					(void) lj_write_all(sink, buf, keep);
					*count += keep;
				}
				if ((size_t) n > keep) {
					*trunc = true;
					kill_run(x, LJ_STATUS_OUTPUT_LIMIT, "output");
				}
				continue;
			}
		}
		if (n < 0) {
			if (errno == EINTR)
				continue;
			if (errno == EAGAIN)
				return true;
			n = 0;   /* treat a read error as the end of the stream */
		}
		if (n == 0) {
			(void) close(*fd);
			*fd = -1;
			return false;
		}
	}
	return true;
}

static void read_reports(struct run_ctx *x)
{
	struct lj_report r;

	while (x->report_r >= 0) {
		ssize_t n = read(x->report_r, &r, sizeof(r));

		if (n < 0 && errno == EINTR)
			continue;
		if (n == 0) {
			/* every writer is gone: never poll it again */
			(void) close(x->report_r);
			x->report_r = -1;
			return;
		}
		if (n != (ssize_t) sizeof(r))
			return;
		switch (r.kind) {
		case LJ_REPORT_ERROR:
			if (!x->got_error) {
				x->error = r;
				x->got_error = true;
			}
			break;
		case LJ_REPORT_PID:
			x->program_pid = (pid_t) r.pid;
			break;
		case LJ_REPORT_STATUS:
			x->status = r;
			x->got_status = true;
			break;
		default:
			break;
		}
	}
}

/* utime+stime+cutime+cstime of one process, in clock ticks. */
static int proc_ticks(pid_t pid, uint64_t *ret)
{
	char path[64], buf[1024], *p;
	unsigned long long ut, st, cut, cst;
	_cleanup_close_ int fd = -1;
	ssize_t n;

	snprintf(path, sizeof(path), "/proc/%ld/stat", (long) pid);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	n = read(fd, buf, sizeof(buf) - 1);
	if (n <= 0)
		return -EIO;
	buf[n] = '\0';
	/* the command name may hold anything: fields resume after the last ')' */
	p = strrchr(buf, ')');
	if (!p || sscanf(p + 1, " %*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %llu %llu %llu %llu",
			&ut, &st, &cut, &cst) != 4)
		return -EIO;
	*ret = ut + st + cut + cst;
	return 0;
}

/*
 * CPU of the run's whole tree without a cgroup: every live process under
 * the run's init (found through /proc/PID/task/TID/children) plus what each
 * has reaped. Only called at the moments the limit could first be reached.
 */
static int tree_cpu_us(pid_t root, uint64_t *ret)
{
	pid_t stack[1024];
	size_t top = 0;
	uint64_t ticks = 0;
	long hz = sysconf(_SC_CLK_TCK);

	stack[top++] = root;
	while (top) {
		pid_t pid = stack[--top];
		char path[64];
		uint64_t t = 0;
		DIR *d;
		struct dirent *de;

		if (proc_ticks(pid, &t) < 0)
			continue;   /* gone meanwhile: its parent's cutime has it */
		ticks += t;
		snprintf(path, sizeof(path), "/proc/%ld/task", (long) pid);
		d = opendir(path);
		if (!d)
			continue;
		while ((de = readdir(d))) {
			char cpath[352], buf[4096];
			_cleanup_close_ int fd = -1;
			ssize_t n;

			if (de->d_name[0] == '.')
				continue;
			snprintf(cpath, sizeof(cpath), "%s/%s/children", path, de->d_name);
			fd = open(cpath, O_RDONLY | O_CLOEXEC);
			if (fd < 0)
				continue;
			n = read(fd, buf, sizeof(buf) - 1);
			if (n <= 0)
				continue;
			buf[n] = '\0';
			for (char *tok = strtok(buf, " \n"); tok; tok = strtok(NULL, " \n")) {
				uint64_t c;

				if (top < sizeof(stack) / sizeof(stack[0]) &&
				    lj_parse_uint(tok, INT32_MAX, &c) == 0)
					stack[top++] = (pid_t) c;
			}
		}
		closedir(d);
	}
	*ret = ticks * 1000000 / (uint64_t) (hz > 0 ? hz : 100);
	return 0;
}

static void judge(struct run_ctx *x);

/* The phase that begins now: its wall-clock deadline and first CPU check. */
static void begin_phase(struct run_ctx *x, uint64_t now)
{
	const struct lj_limits *lim = x->lim[x->phase];

	x->ph_start = now;
	x->wall_deadline = now + lim->v[LJ_LIMIT_WALL] * 1000;
	x->next_cpu = now + lim->v[LJ_LIMIT_CPU] * 1000 / 2;
	x->seen_cpu_us = 0;
}

/* The run's CPU so far: the cgroup's, or the init's process tree's. */
static int run_cpu_us(struct run_ctx *x, uint64_t *ret)
{
	return x->cg_on ? lj_cgroup_cpu_us(&x->cg, ret) : tree_cpu_us(x->pid, ret);
}

/* The tree's CPU since the phase began. */
static int phase_cpu_us(struct run_ctx *x, uint64_t *ret)
{
	uint64_t used;
	int r = run_cpu_us(x, &used);

	if (r < 0)
		return r;
	*ret = used > x->cpu_base ? used - x->cpu_base : 0;
	return 0;
}

/* Read the output pipes empty (without waiting: their writers are dead). */
static void drain(struct run_ctx *x)
{
	for (int i = 0; i < 2; i++) {
		int *fd = i ? &x->err_r : &x->out_r;
		int avail = 1;

		while (*fd >= 0 && avail > 0 && !x->kill_reason && pump(x, fd, i == 1))
			if (ioctl(*fd, FIONREAD, &avail) < 0)
				avail = 0;
	}
}

/*
 * The compile phase reported its end (the init has killed and reaped all it
 * left): judge it, and either stop (the init exits when the sync pipe
 * closes) or set the run phase's limits and let the init start it.
 */
static int end_compile(struct run_ctx *x, uint64_t now, struct lj_err *e)
{
	struct lj_result *res = x->res;
	uint64_t base = 0;

	drain(x);
	res->wall_us = now - x->ph_start;
	judge(x);
	x->compile_judged = true;
	lj_result_end_compile(res);
	if (res->compile.status != LJ_STATUS_OK || x->kill_reason) {
		close_fd(&x->sync_w);
		return 0;
	}
	if (x->cg_on) {
		int r = lj_cgroup_set_limits(&x->cg, x->lim[1], e);

		if (r < 0)
			return r;
		x->oom_base = x->oom_seen;   /* as judge() read it: nothing ran since */
	}
	x->cpu_base = 0;
	if (run_cpu_us(x, &base) == 0)
		x->cpu_base = base;
	x->phase++;
	x->got_status = false;
	begin_phase(x, now);
	if (write(x->sync_w, "g", 1) != 1)
		return lj_err_sys(e, errno, "setup", "starting the run phase");
	return 0;
}

static int watch(struct run_ctx *x, struct lj_err *e)
{
	long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
	bool exited = false;
	uint64_t exit_time = 0;
	struct rusage ru;
	int status;

	if (ncpu < 1)
		ncpu = 1;
	begin_phase(x, now_us());
	while (!exited || x->out_r >= 0 || x->err_r >= 0) {
		uint64_t cpu_limit_us = x->lim[x->phase]->v[LJ_LIMIT_CPU] * 1000;
		struct pollfd pfd[4];
		nfds_t n = 0;
		int out_i = -1, err_i = -1, pid_i = -1, rep_i = -1;
		uint64_t now = now_us(), deadline = UINT64_MAX;
		int timeout_ms, r;

		if (!exited) {
			deadline = x->wall_deadline < x->next_cpu ? x->wall_deadline : x->next_cpu;
			pid_i = (int) n;
			pfd[n++] = (struct pollfd) { .fd = x->pidfd, .events = POLLIN };
		}
		if (x->report_r >= 0) {
			rep_i = (int) n;
			pfd[n++] = (struct pollfd) { .fd = x->report_r, .events = POLLIN };
		}
		if (x->out_r >= 0) {
			out_i = (int) n;
			pfd[n++] = (struct pollfd) { .fd = x->out_r, .events = POLLIN };
		}
		if (x->err_r >= 0) {
			err_i = (int) n;
			pfd[n++] = (struct pollfd) { .fd = x->err_r, .events = POLLIN };
		}
		if (exited && !x->plan.pidns) {
			/* No namespace took the tree down: what the kill did not
			 * reach in 200 ms is not waited for. */
			deadline = exit_time + 200000;
		}
		if (deadline == UINT64_MAX)
			timeout_ms = -1;
		else if (deadline <= now)
			timeout_ms = 0;
		else
			timeout_ms = (int) ((deadline - now + 999) / 1000);
		r = poll(pfd, n, timeout_ms);
		if (r < 0) {
			if (errno == EINTR)
				continue;
			return lj_err_sys(e, errno, "setup", "poll");
		}
		now = now_us();
		if (out_i >= 0 && (pfd[out_i].revents & (POLLIN | POLLHUP | POLLERR)))
			pump(x, &x->out_r, false);
		if (err_i >= 0 && (pfd[err_i].revents & (POLLIN | POLLHUP | POLLERR)))
			pump(x, &x->err_r, true);
		if (rep_i >= 0 && (pfd[rep_i].revents & (POLLIN | POLLHUP)))
			read_reports(x);
		if (!exited && x->got_status && x->phase + 1 < x->plan.n_phases &&
		    !x->compile_judged) {
			r = end_compile(x, now, e);
			if (r < 0)
				return r;
			continue;
		}
		if (!exited && pid_i >= 0 && (pfd[pid_i].revents & POLLIN)) {
			pid_t w = wait4(x->pid, &status, WNOHANG, &ru);

			if (w == x->pid) {
				exited = true;
				exit_time = now;
				read_reports(x);
				if (!(x->compile_judged && x->phase == 0))
					x->res->wall_us = now - x->ph_start;
				/* Without a pid namespace the program's tree may live on:
				 * take it down now (cgroup, process group). */
				if (!x->plan.pidns)
					kill_run(x, x->kill_status, x->kill_reason);
				x->res->max_rss_kb = (uint64_t) ru.ru_maxrss;
				if (!x->got_status)
					x->res->cpu_us =
						(uint64_t) ru.ru_utime.tv_sec * 1000000 +
						(uint64_t) ru.ru_utime.tv_usec +
						(uint64_t) ru.ru_stime.tv_sec * 1000000 +
						(uint64_t) ru.ru_stime.tv_usec;
			}
			continue;
		}
		if (exited) {
			if (r == 0) {
				/* stragglers hold the pipes: stop reading */
				if (x->out_r >= 0)
					(void) close(x->out_r);
				if (x->err_r >= 0)
					(void) close(x->err_r);
				x->out_r = x->err_r = -1;
			}
			continue;
		}
		if (now >= x->wall_deadline) {
			kill_run(x, LJ_STATUS_TIMEOUT, "wall");
			x->wall_deadline = UINT64_MAX;
		}
		if (now >= x->next_cpu) {
			uint64_t used;

			if (phase_cpu_us(x, &used) < 0) {
				x->next_cpu = UINT64_MAX;
			} else if ((x->seen_cpu_us = used) >= cpu_limit_us) {
				kill_run(x, LJ_STATUS_TIMEOUT, "cpu");
				x->next_cpu = UINT64_MAX;
			} else {
				/* The earliest moment the tree could reach the limit
				 * if every CPU worked for it. */
				uint64_t wait = (cpu_limit_us - used) / (uint64_t) ncpu;

				x->next_cpu = now + (wait < 5000 ? 5000 : wait);
			}
		}
	}
	return 0;
}

static int resolve_user(struct run_ctx *x, struct lj_err *e)
{
	const struct lj_spec *s = x->spec;
	struct lj_plan *p = &x->plan;

	if (!s->privileged) {
		/* Unprivileged: the program runs as the caller, inside its own
		 * user namespace when available. */
		p->uid = s->caller_uid;
		p->gid = s->caller_gid;
		p->switch_user = false;
		return 0;
	}
	{
		int r = lj_config_jail_ids(s->config, &p->uid, &p->gid, e);

		if (r < 0)
			return r;
		if (s->config->uid_first) {
			/* One uid per concurrent run: runs cannot signal or read
			 * each other even without namespaces. */
			r = lj_priv_lock_uid(s->config->state_dir, s->config->uid_first,
					s->config->uid_last, &p->uid, &x->uid_lock, e);
			if (r < 0)
				return r;
		}
		if (p->uid == 0 || p->gid == 0)
			return lj_err_set(e, EPERM, "config",
					"the jail user and group must not be root");
		p->switch_user = true;
	}
	return 0;
}

/* The plan's view of the clone flags: which namespaces the child sets up. */
static void plan_set_namespaces(struct lj_plan *p, uint64_t flags)
{
	p->userns = flags & CLONE_NEWUSER;
	p->pidns = flags & CLONE_NEWPID;
	p->mountns = flags & CLONE_NEWNS;
	p->netns = (flags & CLONE_NEWNET) || p->net_fd >= 0;
	p->utsns = flags & CLONE_NEWUTS;
	p->ipcns = flags & CLONE_NEWIPC;
}

static int plan_namespaces(struct run_ctx *x, uint64_t *ret_flags, struct lj_err *e)
{
	const struct lj_spec *s = x->spec;
	struct lj_plan *p = &x->plan;
	uint64_t flags = 0;
	bool can_ns = s->privileged;
	int r;

	if (!s->privileged) {
		if (wanted(x, LJ_LAYER_USERNS)) {
			flags |= CLONE_NEWUSER;
			p->userns = true;
			can_ns = true;
			set_layer(x->res, LJ_LAYER_USERNS, LJ_LAYER_STATE_APPLIED, NULL);
		}
	} else {
		set_layer(x->res, LJ_LAYER_USERNS, LJ_LAYER_STATE_UNUSED,
				"not needed: running as root, the program gets the jail user");
	}
	for (int i = 0; i < LJ_LAYER__MAX; i++) {
		enum lj_layer l = (enum lj_layer) i;
		uint64_t flag = lj_layer_clone_flag(l);

		if (!flag || l == LJ_LAYER_USERNS || !wanted(x, l))
			continue;
		if (l == LJ_LAYER_NETNS && s->config->network) {
			set_layer(x->res, l, LJ_LAYER_STATE_UNUSED,
					"network allowed by the configuration");
			continue;
		}
		if (!can_ns) {
			r = unavailable(x, l, "needs root or a user namespace", e);
			if (r < 0)
				return r;
			continue;
		}
		flags |= flag;
		set_layer(x->res, l, LJ_LAYER_STATE_APPLIED, NULL);
	}
	plan_set_namespaces(p, flags);
	*ret_flags = flags;
	return 0;
}

/*
 * A network namespace of the pool instead of a fresh one: only as root, and
 * only with a pid namespace (its processes all die with the run's init, so
 * none can be left in the namespace for the next run). Any failure leaves
 * the fresh namespace, with the reason in the layer's note.
 */
static void use_netpool(struct run_ctx *x, uint64_t *flags)
{
	const struct lj_config *c = x->spec->config;
	struct lj_plan *p = &x->plan;
	char note[sizeof(x->res->layer_note[0])];
	struct lj_err ne;

	if (!x->spec->privileged || !(*flags & CLONE_NEWPID))
		return;
	lj_err_clear(&ne);
	if (lj_netpool_take(c->state_dir, c->netns_pool, &x->net, &ne) < 0) {
		snprintf(note, sizeof(note), "a fresh one: %.80s", ne.msg);
		set_layer(x->res, LJ_LAYER_NETNS, LJ_LAYER_STATE_APPLIED, note);
		return;
	}
	*flags &= ~(uint64_t) CLONE_NEWNET;
	p->net_fd = x->net.ns_fd;
	snprintf(note, sizeof(note), "empty namespace net-%u of the pool%s", x->net.index,
			x->net.created ? " (made for this run)" : "");
	set_layer(x->res, LJ_LAYER_NETNS, LJ_LAYER_STATE_APPLIED, note);
}

/* Remove the optional namespaces from @flags, marking them unavailable;
 * returns the flags removed (0 when none could be). */
static uint64_t drop_optional_namespaces(struct run_ctx *x, uint64_t *flags, const char *why)
{
	struct lj_plan *p = &x->plan;
	uint64_t dropped = 0;
	char note[96];

	snprintf(note, sizeof(note), "the kernel refused it: %s", why);
	for (int i = 0; i < LJ_LAYER__MAX; i++) {
		uint64_t flag = lj_layer_clone_flag((enum lj_layer) i);

		if (!flag || !(*flags & flag) ||
		    x->spec->config->layers[i] != LJ_LAYER_OPTIONAL)
			continue;
		*flags &= ~flag;
		dropped |= flag;
		set_layer(x->res, (enum lj_layer) i, LJ_LAYER_STATE_UNAVAILABLE, note);
	}
	/* Without a user namespace an unprivileged caller gets no others. */
	if ((dropped & CLONE_NEWUSER) && !x->spec->privileged)
		return 0;
	if ((dropped & CLONE_NEWPID) && p->net_fd >= 0) {
		/* The pool is only for runs whose processes all die with their
		 * pid namespace: a fresh network namespace instead. */
		lj_netpool_release(&x->net);
		p->net_fd = -1;
		*flags |= CLONE_NEWNET;
		set_layer(x->res, LJ_LAYER_NETNS, LJ_LAYER_STATE_APPLIED,
				"a fresh one: the run has no pid namespace");
	}
	plan_set_namespaces(p, *flags);
	if (!(p->pidns && p->mountns)) {
		/* /proc is the host's now: take it back out of the Landlock lists */
		for (size_t k = 0; k < p->n_phases; k++) {
			struct lj_phase *ph = &p->phase[k];

			for (size_t i = 0; i < ph->n_ro; i++)
				if (!strcmp(ph->ll_ro[i], "/proc"))
					ph->ll_ro[i] = ph->ll_ro[--ph->n_ro];
		}
	}
	return dropped;
}

static void judge(struct run_ctx *x)
{
	struct lj_result *res = x->res;
	const struct lj_limits *lim = x->lim[x->phase];
	struct lj_cgroup_stats cs = { 0 };
	int ws = x->status.wstatus;

	if (x->cg_on && lj_cgroup_stats(&x->cg, &cs) == 0) {
		res->memory_peak = cs.memory_peak;
		if (cs.cpu_us > x->cpu_base)
			res->cpu_us = cs.cpu_us - x->cpu_base;
		x->oom_seen = cs.oom_kills;
		cs.oom_kills = cs.oom_kills > x->oom_base ? cs.oom_kills - x->oom_base : 0;
	}
	if (x->seen_cpu_us > res->cpu_us)
		res->cpu_us = x->seen_cpu_us;
	if (x->got_status) {
		/* cgroup v1 cpuacct can lag the exit accounting: report the larger
		 * of the cgroup's figure and the reaped tree's rusage. */
		uint64_t ru_cpu = x->status.utime_us + x->status.stime_us;

		if (ru_cpu > res->cpu_us)
			res->cpu_us = ru_cpu;
		res->max_rss_kb = x->status.maxrss_kb;
	}
	if (x->kill_reason || x->kill_status == LJ_STATUS_OUTPUT_LIMIT) {
		res->status = x->kill_status;
		res->limit = x->kill_reason;
		res->signal = SIGKILL;
		return;
	}
	if (cs.oom_kills > 0) {
		res->status = LJ_STATUS_MEMORY;
		res->limit = "memory";
		res->signal = SIGKILL;
		return;
	}
	if (!x->got_status) {
		/* The run's init died without a verdict: only a kill does that. */
		res->status = LJ_STATUS_SIGNAL;
		res->signal = SIGKILL;
		return;
	}
	if (res->cpu_us > lim->v[LJ_LIMIT_CPU] * 1000 + 100000) {
		/* Without a cgroup the tree's CPU is only known at the end (the
		 * rlimit is per process): still, the limit was passed. */
		res->status = LJ_STATUS_TIMEOUT;
		res->limit = "cpu";
		if (WIFSIGNALED(ws))
			res->signal = WTERMSIG(ws);
		return;
	}
	if (WIFEXITED(ws)) {
		res->exit_code = WEXITSTATUS(ws);
		res->status = res->exit_code ? LJ_STATUS_EXIT : LJ_STATUS_OK;
	} else if (WIFSIGNALED(ws)) {
		res->signal = WTERMSIG(ws);
		res->status = LJ_STATUS_SIGNAL;
		if (res->signal == SIGXCPU ||
		    (res->signal == SIGKILL && res->cpu_us >= lim->v[LJ_LIMIT_CPU] * 1000)) {
			res->status = LJ_STATUS_TIMEOUT;
			res->limit = "cpu";
		} else if (res->signal == SIGXFSZ) {
			res->limit = "file_size";
		}
	}
	if (x->status.disk_full && !res->limit && res->status != LJ_STATUS_OK)
		res->limit = "disk";
}

static void fill_error(struct run_ctx *x, struct lj_err *e)
{
	enum lj_step step = (enum lj_step) x->error.step;

	if (step == LJ_STEP_EXEC) {
		x->res->exec_failed = true;
		lj_err_set(e, x->error.err, "exec", "cannot execute %s: %s", x->plan.phase[x->phase].exec_path,
				strerror(x->error.err));
	} else {
		lj_err_set(e, x->error.err, "setup", "jail setup failed at '%s': %s",
				lj_step_name(step), strerror(x->error.err));
	}
}

int lj_run(const struct lj_spec *spec, struct lj_result *res, struct lj_err *e)
{
	struct run_ctx x = { .spec = spec, .res = res, .root_fd = -1, .out_r = -1, .err_r = -1,
		.report_r = -1, .pidfd = -1, .uid_lock = -1, .sync_w = -1 };
	struct lj_plan *p = &x.plan;
	int pout[2] = { -1, -1 }, perr[2] = { -1, -1 }, prep[2] = { -1, -1 }, psync[2] = { -1, -1 };
	struct clone_args ca;
	enum lj_mac_kind mac;
	char why[128] = "";
	uint64_t flags = 0;
	long pid;
	int r;

	lj_cgroup_init(&x.cg);
	lj_netpool_slot_init(&x.net);
	p->workdir_fd = p->source_fd = p->net_fd = -1;
	p->n_phases = spec->lang->compile.on ? 2 : 1;
	for (size_t i = 0; i < LJ_MAX_PHASES; i++)
		p->phase[i].ll_fd = -1;
	x.lim[0] = x.lim[1] = &spec->limits;
	p->no_caps = cap_init();
	if (!p->no_caps)
		return lj_err_sys(e, errno, "setup", "cap_init");
	p->source_fd = spec->source_fd;
	res->language = spec->lang->name;
	res->user = spec->privileged ? spec->config->user : "caller";

	/* 1. MAC, or an explicit --unsafe. */
	mac = wanted(&x, LJ_LAYER_MAC) ? lj_mac_detect(why, sizeof(why)) : LJ_MAC_NONE;
	if (mac == LJ_MAC_NONE) {
		if (spec->config->layers[LJ_LAYER_MAC] == LJ_LAYER_REQUIRED &&
		    !(spec->sabotage & (1u << LJ_LAYER_MAC))) {
			r = lj_err_set(e, ENOTSUP, "no_mac",
					"no MAC is available (%s) and [layers] mac = required: "
					"refusing to run, even with --unsafe", why);
			goto out;
		}
		if (spec->config->require_mac && !spec->unsafe) {
			r = lj_err_set(e, ENOTSUP, "no_mac",
					"no MAC is available (%s) and require_mac is set; refusing "
					"to run. Pass --unsafe to run with the kernel layers only",
					why[0] ? why : "switched off");
			goto out;
		}
		res->unsafe = true;
		if (res->layers[LJ_LAYER_MAC] != LJ_LAYER_STATE_SABOTAGED)
			set_layer(res, LJ_LAYER_MAC, LJ_LAYER_STATE_UNAVAILABLE, why);
	} else {
		bool complain;
		const char *label = mac == LJ_MAC_APPARMOR ? spec->lang->apparmor_profile :
			spec->lang->selinux_type;

		r = lj_mac_check(mac, label, spec->lang->name, &complain, e);
		if (r < 0)
			goto out;
		if (p->n_phases > 1 && mac == LJ_MAC_APPARMOR) {
			bool c2;

			snprintf(x.compile_label, sizeof(x.compile_label), "%s-compile", label);
			r = lj_mac_check(mac, x.compile_label, spec->lang->name, &c2, e);
			if (r < 0)
				goto out;
			complain = complain || c2;
		}
		res->mac = lj_mac_name(mac);
		res->mac_complain = complain;
		snprintf(res->mac_profile, sizeof(res->mac_profile), "%s", label);
		p->mac = mac;
		set_layer(res, LJ_LAYER_MAC, LJ_LAYER_STATE_APPLIED,
				complain ? "profile in complain mode: logs, does not block" : NULL);
	}

	/* 2. Who, what, where. */
	r = resolve_user(&x, e);
	if (r < 0)
		goto out;
	res->uid = p->uid;
	res->gid = p->gid;
	r = choose_interpreter(&x, mac != LJ_MAC_NONE, e);
	if (r < 0)
		goto out;
	r = plan_namespaces(&x, &flags, e);
	if (r < 0)
		goto out;
	if (flags & CLONE_NEWNET)
		use_netpool(&x, &flags);
	if (p->mountns) {
		r = plan_covers(&x, e);
		if (r < 0)
			goto out;
	}
	r = make_workdir(&x, e);
	if (r < 0)
		goto out;
	if (p->mountns) {
		snprintf(p->tmpfs_opts, sizeof(p->tmpfs_opts),
				"size=%" PRIu64 ",nr_inodes=%" PRIu64 ",mode=0700,uid=%u,gid=%u",
				spec->limits.v[LJ_LIMIT_DISK], spec->limits.v[LJ_LIMIT_INODES],
				(unsigned) p->uid, (unsigned) p->gid);
		char *const *lists[] = { spec->lang->read_paths, spec->lang->exec_paths,
			spec->lang->compile.read_paths, spec->lang->compile.exec_paths };

		/* what the program needs from below a covered directory */
		if (res->dedicated_env)
			r = keep_visible(&x, spec->lang->env_dir, e);
		if (r == 0)
			r = keep_visible(&x, x.interp, e);
		if (r == 0)
			r = keep_visible(&x, x.compiler, e);
		for (size_t l = 0; r == 0 && l < ARRAY_SIZE(lists); l++)
			for (char *const *k = lists[l]; r == 0 && k && *k; k++)
				r = keep_visible(&x, *k, e);
		if (r < 0)
			goto out;
	}
	p->source_name = spec->lang->source_name;
	p->code = spec->code;
	p->code_len = spec->code ? strlen(spec->code) : 0;
	if (spec->n_files > LJ_MAX_INPUTS) {
		r = lj_err_set(e, E2BIG, "input", "at most %d --file options", LJ_MAX_INPUTS);
		goto out;
	}
	for (size_t i = 0; i < spec->n_files; i++) {
		if (strcmp(spec->files[i].name, p->source_name) == 0) {
			r = lj_err_set(e, EEXIST, "input", "--file %s clashes with the source file",
					spec->files[i].name);
			goto out;
		}
		p->input_names[i] = spec->files[i].name;
		p->input_fds[i] = spec->files[i].fd;
	}
	p->n_inputs = spec->n_files;

	/* 3. Kernel layers decided in the supervisor. */
	if (wanted(&x, LJ_LAYER_CGROUP)) {
		struct lj_err ce;

		lj_err_clear(&ce);
		r = lj_cgroup_create(&x.cg, spec->config->cgroup_root, &spec->limits, &ce);
		if (r < 0) {
			r = unavailable(&x, LJ_LAYER_CGROUP, ce.msg[0] ? ce.msg : strerror(-r), e);
			if (r < 0)
				goto out;
		} else {
			x.cg_on = true;
			set_layer(res, LJ_LAYER_CGROUP, LJ_LAYER_STATE_APPLIED,
					x.cg.version == 2 ? "cgroup v2" : "cgroup v1");
			r = lj_cgroup_prepare_join(&x.cg, e);
			if (r < 0)
				goto out;
			if (x.cg.version == 1)
				p->cg_join = &x.cg;
		}
	}
	if (wanted(&x, LJ_LAYER_RLIMITS)) {
		p->rlimits = true;
		set_layer(res, LJ_LAYER_RLIMITS, LJ_LAYER_STATE_APPLIED, NULL);
	}
	if (wanted(&x, LJ_LAYER_LANDLOCK)) {
		r = plan_landlock(&x, e);
		if (r < 0)
			goto out;
	}
	for (size_t i = 0; i < p->n_phases; i++) {
		r = plan_phase(&x, i, i + 1 < p->n_phases, e);
		if (r < 0)
			goto out;
	}
	if (wanted(&x, LJ_LAYER_SECCOMP)) {
		struct lj_seccomp_opts so = { .allow_network = spec->config->network };

		r = lj_seccomp_build(&so, x.filter, ARRAY_SIZE(x.filter), &p->filter_len);
		if (r < 0) {
			lj_err_sys(e, -r, "setup", "building the seccomp filter");
			goto out;
		}
		p->filter = x.filter;
		p->seccomp = true;
		set_layer(res, LJ_LAYER_SECCOMP, LJ_LAYER_STATE_APPLIED, NULL);
	}

	/* 4. Pipes: output (ours non-blocking), reports, start signal. */
	if (pipe2(pout, O_CLOEXEC) < 0 || pipe2(perr, O_CLOEXEC) < 0 ||
	    pipe2(prep, O_CLOEXEC) < 0 || pipe2(psync, O_CLOEXEC) < 0) {
		r = lj_err_sys(e, errno, "setup", "pipe");
		goto out;
	}
	if (fcntl(pout[0], F_SETFL, O_NONBLOCK) < 0 || fcntl(perr[0], F_SETFL, O_NONBLOCK) < 0 ||
	    fcntl(prep[0], F_SETFL, O_NONBLOCK) < 0) {
		r = lj_err_sys(e, errno, "setup", "fcntl");
		goto out;
	}
	p->out_w = pout[1];
	p->err_w = perr[1];
	p->report_w = prep[1];
	p->sync_r = psync[0];
	p->sync_w = psync[1];

	/* 5. Clone into the namespaces (and the v2 cgroup). */
	memset(&ca, 0, sizeof(ca));
	ca.flags = flags | CLONE_PIDFD;
	ca.pidfd = (uint64_t) (uintptr_t) &x.pidfd;
	ca.exit_signal = SIGCHLD;
	if (lj_cgroup_clone_fd(&x.cg) >= 0) {
		ca.flags |= CLONE_INTO_CGROUP;
		ca.cgroup = (uint64_t) lj_cgroup_clone_fd(&x.cg);
	}
	clock_gettime(CLOCK_MONOTONIC, &x.start);
	pid = syscall(SYS_clone3, &ca, sizeof(ca));
	if (pid < 0 && (errno == EPERM || errno == ENOSPC || errno == EINVAL || errno == EUSERS)) {
		/* The kernel refused a namespace: go on without the optional
		 * ones, if that leaves every required layer in place. */
		uint64_t f = ca.flags;
		uint64_t dropped = drop_optional_namespaces(&x, &f, strerror(errno));

		ca.flags = f;
		if (dropped)
			pid = syscall(SYS_clone3, &ca, sizeof(ca));
		else
			errno = EPERM;
	}
	if (pid < 0) {
		int err = errno;

		r = lj_err_sys(e, err, "setup", "clone3 (namespaces %#" PRIx64 ")", flags);
		if (err == EPERM || err == ENOSPC || err == EINVAL || err == EUSERS)
			snprintf(e->msg + strlen(e->msg), sizeof(e->msg) - strlen(e->msg),
					"; the kernel refused the namespaces: set the namespace "
					"layers optional or off in [layers]");
		goto out;
	}
	if (pid == 0)
		lj_child_main(p);
	x.pid = (pid_t) pid;
	close_fd(&pout[1]);
	close_fd(&perr[1]);
	close_fd(&prep[1]);
	close_fd(&psync[0]);
	x.out_r = pout[0];
	x.err_r = perr[0];
	x.splice_ok[0] = x.splice_ok[1] = !spec->capture;
	x.report_r = prep[0];
	pout[0] = perr[0] = prep[0] = -1;

	r = 0;
	if (p->userns)
		r = write_id_maps(&x, e);
	if (r == 0 && write(psync[1], "g", 1) != 1)
		r = lj_err_sys(e, errno, "setup", "starting the child");
	/* A later phase starts on the supervisor's word through the same pipe. */
	if (p->n_phases > 1)
		x.sync_w = TAKE_FD(psync[1]);
	close_fd(&psync[1]);
	if (r < 0) {
		kill_run(&x, LJ_STATUS_ERROR, NULL);
		(void) waitpid(x.pid, NULL, 0);
		goto out;
	}

	/* 6. Watch it. */
	r = watch(&x, e);
	if (r < 0) {
		kill_run(&x, LJ_STATUS_ERROR, NULL);
		(void) waitpid(x.pid, NULL, 0);
		goto out;
	}
	if (x.got_error) {
		fill_error(&x, e);
		r = -(x.error.err ? x.error.err : EIO);
		goto out;
	}
	if (p->n_phases > 1 && x.phase == 0) {
		/* The run ended in its compile phase: killed at a limit, or the
		 * compiler failed; the program never ran. */
		if (!x.compile_judged) {
			judge(&x);
			lj_result_end_compile(res);
		}
		res->status = LJ_STATUS_COMPILE_ERROR;
	} else {
		judge(&x);
	}
	r = 0;
out:
	if (r < 0) {
		res->status = LJ_STATUS_ERROR;
		if (e)
			res->error = *e;
	}
	close_fd(&pout[0]);
	close_fd(&pout[1]);
	close_fd(&perr[0]);
	close_fd(&perr[1]);
	close_fd(&prep[0]);
	close_fd(&prep[1]);
	close_fd(&psync[0]);
	close_fd(&psync[1]);
	close_fd(&x.out_r);
	close_fd(&x.err_r);
	close_fd(&x.report_r);
	close_fd(&x.pidfd);
	close_fd(&x.sync_w);
	for (size_t i = 0; i < LJ_MAX_PHASES; i++) {
		close_fd(&p->phase[i].ll_fd);
		free(x.argvs[i]);
		lj_strv_free(x.envps[i]);
	}
	if (x.cg_on) {
		(void) lj_cgroup_kill(&x.cg);
		if (lj_cgroup_destroy(&x.cg) < 0 && r == 0)
			snprintf(res->layer_note[LJ_LAYER_CGROUP], sizeof(res->layer_note[0]),
					"cgroup %.40s left behind; langjail gc removes it", x.cg.name);
	} else {
		(void) lj_cgroup_destroy(&x.cg);
	}
	if (p->workdir_fd >= 0)
		close_fd(&p->workdir_fd);
	if (x.wd_made) {
		struct lj_err ce;
		int cr;

		lj_err_clear(&ce);
		cr = lj_fs_remove_tree(x.root_fd, x.wd_name, NULL, &ce);
		if (cr < 0 && r == 0) {
			/* Nothing may be left behind silently. */
			r = cr;
			if (e)
				*e = ce;
			res->status = LJ_STATUS_ERROR;
			res->error = ce;
		}
	}
	close_fd(&x.root_fd);
	close_fd(&x.uid_lock);
	lj_netpool_release(&x.net);
	cap_free(p->no_caps);
	return r;
}

void lj_spec_init(struct lj_spec *s)
{
	memset(s, 0, sizeof(*s));
	s->source_fd = -1;
	s->stdin_fd = -1;
	s->out_fd = 1;
	s->err_fd = 2;
}

void lj_spec_release(struct lj_spec *s)
{
	if (s->source_fd >= 0)
		(void) close(s->source_fd);
	s->source_fd = -1;
	for (size_t i = 0; i < s->n_files; i++)
		if (s->files[i].fd >= 0) {
			(void) close(s->files[i].fd);
			s->files[i].fd = -1;
		}
}
