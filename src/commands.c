/*
 * commands.c - status, languages, gc, profile and selftest.
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <linux/sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "commands.h"
#include "lib/env.h"
#include "lib/fsutil.h"
#include "lib/ini.h"
#include "lib/json.h"
#include "lib/lang.h"
#include "lib/layer-cgroup.h"
#include "lib/layer-landlock.h"
#include "lib/layer-mac.h"
#include "lib/layer-netpool.h"
#include "lib/macro.h"
#include "lib/parse.h"
#include "lib/profile.h"

#ifndef LJ_ESCAPE_DIR
#define LJ_ESCAPE_DIR "/usr/share/langjail/escape"
#endif
#ifndef LJ_APPARMOR_D
#define LJ_APPARMOR_D "/etc/apparmor.d"
#endif
#ifndef LJ_APPARMOR_PARSER
#define LJ_APPARMOR_PARSER "/sbin/apparmor_parser"
#endif
/* Where root compiles the SELinux module (a private directory below it). */
#define LJ_SELINUX_BUILD_ROOT "/run"
/* ... and anyone else, for build-selinux (a sticky directory is fine). */
#define LJ_SELINUX_BUILD_USER "/tmp"

void lj_cmd_say_unsafe(const struct lj_result *r)
{
	char list[256] = "";

	for (int i = 0; i < LJ_LAYER__MAX; i++) {
		if (r->layers[i] != LJ_LAYER_STATE_APPLIED)
			continue;
		if (list[0])
			strncat(list, " ", sizeof(list) - strlen(list) - 1);
		strncat(list, lj_layer_name((enum lj_layer) i), sizeof(list) - strlen(list) - 1);
	}
	fprintf(stderr, "langjail: warning: unsafe mode, no MAC profile confined this run; "
			"layers applied: %s\n", list[0] ? list : "none");
}

/* Can a child be cloned into a namespace of this kind? */
static int probe_ns(uint64_t flags, bool unpriv)
{
	struct clone_args ca;
	long pid;
	int status;

	memset(&ca, 0, sizeof(ca));
	ca.flags = flags | (unpriv ? CLONE_NEWUSER : 0);
	ca.exit_signal = SIGCHLD;
	pid = syscall(SYS_clone3, &ca, sizeof(ca));
	if (pid < 0)
		return -errno;
	if (pid == 0)
		_exit(0);
	if (waitpid((pid_t) pid, &status, 0) < 0)
		return -errno;
	return 0;
}

static bool seccomp_available(void)
{
	return prctl(PR_GET_SECCOMP, 0, 0, 0, 0) >= 0;
}

int lj_cmd_status(const struct lj_cli *cli, const struct lj_caller *who,
		const struct lj_config *conf)
{
	char avail[LJ_LAYER__MAX][320];
	bool ok[LJ_LAYER__MAX] = { false };
	char why[128] = "", cg[256];
	enum lj_mac_kind mac = lj_mac_detect(why, sizeof(why));
	int abi = lj_landlock_abi();
	char **langs = NULL;
	struct lj_err e;
	struct lj_json j;

	for (int i = 0; i < LJ_LAYER__MAX; i++) {
		uint64_t flag = lj_layer_clone_flag((enum lj_layer) i);
		int r;

		if (!flag)
			continue;
		if (i == LJ_LAYER_USERNS && who->privileged) {
			ok[i] = true;
			snprintf(avail[i], sizeof(avail[0]),
					"not needed as root (the program gets the jail user)");
			continue;
		}
		r = probe_ns(flag, !who->privileged && i != LJ_LAYER_USERNS);
		ok[i] = r == 0;
		snprintf(avail[i], sizeof(avail[0]), "%s", r == 0 ? "available" : strerror(-r));
	}
	if (who->privileged && ok[LJ_LAYER_NETNS] && conf->netns_pool > 0) {
		unsigned total = 0, busy = 0;

		(void) lj_netpool_count(conf->state_dir, &total, &busy);
		snprintf(avail[LJ_LAYER_NETNS], sizeof(avail[0]), "available; a pool of up to %u "
				"empty namespaces in %.60s: %u made, %u in use", conf->netns_pool,
				conf->state_dir, total, busy);
	}
	ok[LJ_LAYER_SECCOMP] = seccomp_available();
	snprintf(avail[LJ_LAYER_SECCOMP], sizeof(avail[0]), "%s",
			ok[LJ_LAYER_SECCOMP] ? "available (hand-built BPF filter)" :
			"the kernel has no seccomp");
	ok[LJ_LAYER_LANDLOCK] = abi > 0;
	if (abi > 0)
		snprintf(avail[LJ_LAYER_LANDLOCK], sizeof(avail[0]), "available (ABI %d)", abi);
	else
		snprintf(avail[LJ_LAYER_LANDLOCK], sizeof(avail[0]), "the kernel has no Landlock");
	{
		int v = lj_cgroup_probe(cg, sizeof(cg));

		ok[LJ_LAYER_CGROUP] = v > 0 && who->privileged;
		if (v > 0 && !who->privileged)
			snprintf(avail[LJ_LAYER_CGROUP], sizeof(avail[0]),
					"%s, but creating cgroups needs root or delegation", cg);
		else
			snprintf(avail[LJ_LAYER_CGROUP], sizeof(avail[0]), "%s", cg);
	}
	ok[LJ_LAYER_RLIMITS] = true;
	snprintf(avail[LJ_LAYER_RLIMITS], sizeof(avail[0]), "available");
	ok[LJ_LAYER_MAC] = mac != LJ_MAC_NONE;
	snprintf(avail[LJ_LAYER_MAC], sizeof(avail[0]), "%s",
			mac != LJ_MAC_NONE ? lj_mac_name(mac) : why);

	lj_err_clear(&e);
	(void) lj_lang_list(conf, &langs, &e);

	if (cli->json) {
		lj_json_init(&j);
		lj_json_begin(&j);
		lj_json_str(&j, "version", PACKAGE_VERSION);
		lj_json_str(&j, "config", conf->path);
		lj_json_str(&j, "user", who->privileged ? conf->user : "caller");
		lj_json_bool(&j, "privileged", who->privileged);
		lj_json_str(&j, "mac", lj_mac_name(mac));
		lj_json_bool(&j, "require_mac", conf->require_mac);
		lj_json_int(&j, "landlock_abi", abi);
		lj_json_begin_obj(&j, "layers");
		for (int i = 0; i < LJ_LAYER__MAX; i++) {
			lj_json_begin_obj(&j, lj_layer_name((enum lj_layer) i));
			lj_json_str(&j, "mode", lj_layer_mode_name(conf->layers[i]));
			lj_json_bool(&j, "available", ok[i]);
			lj_json_bool(&j, "used", ok[i] && conf->layers[i] != LJ_LAYER_OFF &&
					!(i == LJ_LAYER_USERNS && who->privileged));
			lj_json_str(&j, "detail", avail[i]);
			lj_json_end(&j);
		}
		lj_json_end(&j);
		lj_json_begin_arr(&j, "languages");
		for (char **l = langs; l && *l; l++) {
			struct lj_lang *lang = NULL;
			struct lj_err le;

			lj_err_clear(&le);
			lj_json_begin_obj(&j, NULL);
			lj_json_str(&j, "name", *l);
			if (lj_lang_load(conf, *l, who->privileged, &lang, &le) == 0) {
				lj_json_str(&j, "interpreter", lang->interpreter);
				lj_json_bool(&j, "dedicated_env", access(lang->interpreter, X_OK) == 0);
				lj_json_str(&j, "fallback", lang->fallback);
				lj_lang_free(lang);
			} else {
				lj_json_str(&j, "error", le.msg);
			}
			lj_json_end(&j);
		}
		lj_json_end_arr(&j);
		lj_json_end(&j);
		if (j.failed)
			return 125;
		printf("%s\n", j.s);
		lj_json_release(&j);
		lj_strv_free(langs);
		return 0;
	}

	printf("langjail %s\n", PACKAGE_VERSION);
	printf("configuration: %s\n", conf->path ? conf->path : "built-in defaults");
	printf("jail user:     %s\n", who->privileged ? conf->user :
			"the caller (not root: inside a user namespace)");
	printf("MAC:           %s%s\n", mac != LJ_MAC_NONE ? lj_mac_name(mac) : "none: ",
			mac != LJ_MAC_NONE ? "" : why);
	printf("require_mac:   %s%s\n", conf->require_mac ? "yes" : "no",
			mac == LJ_MAC_NONE && conf->require_mac ?
			" (runs are refused unless --unsafe is given)" : "");
	printf("\nlayer      config    state\n");
	for (int i = 0; i < LJ_LAYER__MAX; i++) {
		const char *state;

		if (conf->layers[i] == LJ_LAYER_OFF)
			state = "off";
		else if (i == LJ_LAYER_USERNS && who->privileged)
			state = "unused";
		else if (ok[i])
			state = "used";
		else
			state = "unavailable";
		printf("%-10s %-9s %-11s %s\n", lj_layer_name((enum lj_layer) i),
				lj_layer_mode_name(conf->layers[i]), state, avail[i]);
	}
	printf("\nlanguages (%s):\n", conf->languages_dir);
	if (!langs)
		printf("  %s\n", e.msg);
	for (char **l = langs; l && *l; l++) {
		struct lj_lang *lang = NULL;
		struct lj_err le;

		lj_err_clear(&le);
		if (lj_lang_load(conf, *l, who->privileged, &lang, &le) < 0) {
			printf("  %-10s error: %s\n", *l, le.msg);
			continue;
		}
		printf("  %-10s %s %s\n", *l, lang->interpreter,
				access(lang->interpreter, X_OK) == 0 ? "(ready)" :
				"(missing: 'langjail env create')");
		lj_lang_free(lang);
	}
	lj_strv_free(langs);
	return 0;
}

/* The first line of @l's version command run with @exe, or "" (see
 * lj_env_version: as the jail user when root, never as root). */
static void language_version(const struct lj_config *conf, const struct lj_lang *l,
		const char *exe, char *buf, size_t len)
{
	uid_t uid = 65534;
	gid_t gid = 65534;

	buf[0] = '\0';
	if (geteuid() == 0 && (lj_config_jail_ids(conf, &uid, &gid, NULL) < 0 ||
			uid == 0 || gid == 0))
		return;
	if (lj_env_version(l, exe, geteuid() == 0, uid, gid, buf, len) < 0)
		buf[0] = '\0';
}

int lj_cmd_languages(const struct lj_cli *cli, const struct lj_caller *who,
		const struct lj_config *conf)
{
	char version[160];
	char **langs = NULL;
	struct lj_err e;
	struct lj_json j;

	lj_err_clear(&e);
	if (lj_lang_list(conf, &langs, &e) < 0) {
		fprintf(stderr, "langjail: %s\n", e.msg);
		return 125;
	}
	lj_json_init(&j);
	if (cli->json) {
		lj_json_begin(&j);
		lj_json_begin_arr(&j, "languages");
	}
	for (char **l = langs; *l; l++) {
		struct lj_lang *lang = NULL;
		struct lj_err le;
		bool ready, fb;

		lj_err_clear(&le);
		if (lj_lang_load(conf, *l, who->privileged, &lang, &le) < 0) {
			if (cli->json) {
				lj_json_begin_obj(&j, NULL);
				lj_json_str(&j, "name", *l);
				lj_json_str(&j, "error", le.msg);
				lj_json_end(&j);
			} else {
				printf("%-10s error: %s\n", *l, le.msg);
			}
			continue;
		}
		ready = access(lang->interpreter, X_OK) == 0;
		fb = lang->fallback && access(lang->fallback, X_OK) == 0;
		version[0] = '\0';
		if (ready || fb)
			language_version(conf, lang, ready ? lang->interpreter : lang->fallback,
					version, sizeof(version));
		if (cli->json) {
			lj_json_begin_obj(&j, NULL);
			lj_json_str(&j, "name", *l);
			lj_json_str(&j, "description", lang->description);
			lj_json_str(&j, "interpreter", lang->interpreter);
			lj_json_bool(&j, "ready", ready);
			lj_json_str(&j, "fallback", lang->fallback);
			lj_json_bool(&j, "fallback_ready", fb);
			lj_json_str(&j, "version", version[0] ? version : NULL);
			lj_json_bool(&j, "compiled", lang->compile.on);
			lj_json_str(&j, "apparmor_profile", lang->apparmor_profile);
			lj_json_end(&j);
		} else {
			printf("%-10s %-8s %s%s%s%s\n", *l, ready ? "ready" : fb ? "unsafe" : "missing",
					lang->description ? lang->description : "",
					version[0] ? " [" : "", version, version[0] ? "]" : "");
			if (!ready)
				printf("%-10s %-8s %s\n", "", "", fb ? "(dedicated env missing; "
						"--unsafe uses the system interpreter)" :
						"(no interpreter)");
		}
		lj_lang_free(lang);
	}
	lj_strv_free(langs);
	if (cli->json) {
		lj_json_end_arr(&j);
		lj_json_end(&j);
		if (j.failed)
			return 125;
		printf("%s\n", j.s);
		lj_json_release(&j);
	}
	return 0;
}

int lj_cmd_gc(const struct lj_cli *cli, const struct lj_caller *who,
		const struct lj_config *conf)
{
	unsigned cg_removed = 0, wd_removed = 0, ns_removed = 0;
	struct lj_err e;
	_cleanup_close_ int root = -1;
	DIR *d;
	struct dirent *de;
	time_t now = time(NULL);
	/* A workdir older than the longest allowed run is an orphan. */
	time_t max_age = (time_t) (conf->maxima.v[LJ_LIMIT_WALL] / 1000) + 60;

	(void) cli;
	lj_err_clear(&e);
	(void) lj_cgroup_gc(conf->cgroup_root, &cg_removed, &e);
	if (who->privileged && lj_netpool_gc(conf->state_dir, &ns_removed, &e) < 0) {
		fprintf(stderr, "langjail: gc: %s\n", e.msg);
		lj_err_clear(&e);
	}
	root = lj_fs_open_root(conf->workdir_root, false, who->privileged ? 0 : who->uid, &e);
	if (root >= 0) {
		int dfd = dup(root);

		d = dfd >= 0 ? fdopendir(dfd) : NULL;
		while (d && (de = readdir(d))) {
			struct stat st;

			if (strncmp(de->d_name, "run-", 4) != 0 ||
			    fstatat(root, de->d_name, &st, AT_SYMLINK_NOFOLLOW) < 0 ||
			    !S_ISDIR(st.st_mode) || now - st.st_mtime < max_age)
				continue;
			if (lj_fs_remove_tree(root, de->d_name, NULL, &e) == 0)
				wd_removed++;
			else
				fprintf(stderr, "langjail: gc: %s\n", e.msg);
		}
		if (d)
			closedir(d);
	}
	printf("removed %u cgroup(s), %u workdir(s) and %u idle network namespace(s) of the "
			"pool\n", cg_removed, wd_removed, ns_removed);
	return 0;
}

int lj_cmd_selftest(const struct lj_cli *cli, const struct lj_caller *who,
		const struct lj_config *conf, const char *argv0)
{
	char runner[512], self[512];
	const char *dir = LJ_ESCAPE_DIR;
	char *args[64];
	size_t n = 0;
	ssize_t len;

	(void) argv0;
	if (cli->help) {
		fputs(lj_cli_help(LJ_CMD_SELFTEST), stdout);
		return 0;
	}
	if (who->via_sudo) {
		fprintf(stderr, "langjail: selftest is for the administrator (run it as root, "
				"not through sudo)\n");
		return 125;
	}
	len = readlink("/proc/self/exe", self, sizeof(self) - 1);
	if (len < 0) {
		perror("langjail: /proc/self/exe");
		return 125;
	}
	self[len] = '\0';
	snprintf(runner, sizeof(runner), "%s/run-escape", dir);
	args[n++] = runner;
	args[n++] = (char *) "--langjail";
	args[n++] = self;
	if (conf->path) {
		args[n++] = (char *) "--config";
		args[n++] = conf->path;
	}
	for (char **a = cli->rest; a && *a && n < 62; a++)
		args[n++] = *a;
	args[n] = NULL;
	execv(runner, args);
	fprintf(stderr, "langjail: cannot run the escape corpus %s: %s\n", runner, strerror(errno));
	return 125;
}

/* Which phases a language has: a compile phase for a compiled language. */
static size_t profile_phases(const struct lj_lang *l, const char *only, const char *out[2])
{
	size_t n = 0;
	char *name = NULL;

	if (only) {
		out[n++] = only;
		return n;
	}
	out[n++] = "run";
	if (l->compile.on && lj_profile_name(l, "compile", &name) == 0)
		out[n++] = "compile";
	free(name);
	return n;
}

static int profile_one(const struct lj_cli *cli, const struct lj_caller *who,
		const struct lj_config *conf, const char *lang_name)
{
	struct lj_lang *l = NULL;
	const char *phases[2];
	struct lj_err e;
	size_t np;
	int ret = 0;

	lj_err_clear(&e);
	if (lj_lang_load(conf, lang_name, who->privileged, &l, &e) < 0) {
		fprintf(stderr, "langjail: %s\n", e.msg);
		return 125;
	}
	np = profile_phases(l, cli->phase, phases);
	for (size_t i = 0; i < np && !ret; i++) {
		char *text = NULL, *file = NULL, *name = NULL;

		if (lj_profile_name(l, phases[i], &name) < 0 ||
		    lj_profile_file_name(l, phases[i], &file) < 0) {
			fprintf(stderr, "langjail: %s: no valid profile name for phase %s\n",
					lang_name, phases[i]);
			ret = 125;
		} else if (!strcmp(cli->sub, "list")) {
			enum lj_profile_mode mode;
			int r = lj_profile_mode(NULL, name, &mode);

			printf("%-10s %-8s %-28s %-10s %s/%s\n", lang_name, phases[i], name,
					r == 0 ? lj_profile_mode_name(mode) :
					r == -ENOENT ? "absent" :
					r == -EOPNOTSUPP ? "no-apparmor" : "unknown",
					LJ_APPARMOR_D, file);
		} else if (!strcmp(cli->sub, "remove")) {
			bool loaded = lj_mac_detect(NULL, 0) == LJ_MAC_APPARMOR;
			int r = lj_profile_remove(LJ_APPARMOR_D, LJ_APPARMOR_PARSER, file, loaded, &e);

			if (r == -ENOENT) {
				printf("%s: not installed\n", name);
			} else if (r < 0) {
				fprintf(stderr, "langjail: %s\n", e.msg);
				ret = 125;
			} else {
				printf("%s: removed%s\n", name, loaded ? " and unloaded" : "");
			}
		} else if (lj_profile_generate(conf, l, cli->templates_dir ? cli->templates_dir :
				LJ_PROFILE_TEMPLATE_DIR, phases[i], &text, &e) < 0) {
			fprintf(stderr, "langjail: %s\n", e.msg);
			ret = 125;
		} else if (!strcmp(cli->sub, "generate")) {
			fputs(text, stdout);
		} else {
			bool load = lj_mac_detect(NULL, 0) == LJ_MAC_APPARMOR;

			if (who->uid != 0 || !who->privileged || who->via_sudo) {
				fprintf(stderr, "langjail: profile install is for root\n");
				ret = 125;
			} else if (lj_profile_install(LJ_APPARMOR_D, LJ_APPARMOR_PARSER, file, text,
					load, &e) < 0) {
				fprintf(stderr, "langjail: %s\n", e.msg);
				ret = 125;
			} else {
				printf("%s: installed as %s/%s%s\n", name, LJ_APPARMOR_D, file,
						load ? " and loaded" :
						" (AppArmor is not enabled: not loaded)");
			}
		}
		free(text);
		free(file);
		free(name);
	}
	lj_lang_free(l);
	return ret;
}

typedef int (*lang_fn)(const struct lj_cli *cli, const struct lj_caller *who,
		const struct lj_config *conf, const char *lang);

/* Run @fn for the named language, or for every configured one (--all,
 * list); the first failure's exit code is returned, after all were tried. */
static int each_language(const struct lj_cli *cli, const struct lj_caller *who,
		const struct lj_config *conf, lang_fn fn)
{
	char **langs = NULL;
	struct lj_err e;
	int ret = 0;

	if (cli->lang)
		return fn(cli, who, conf, cli->lang);
	lj_err_clear(&e);
	if (lj_lang_list(conf, &langs, &e) < 0) {
		fprintf(stderr, "langjail: %s\n", e.msg);
		return 125;
	}
	for (char **l = langs; *l; l++) {
		int r = fn(cli, who, conf, *l);

		if (r && !ret)
			ret = r;
	}
	lj_strv_free(langs);
	return ret;
}

/*
 * The policy the profile commands manage: --mac; else AppArmor when the
 * kernel enables it, SELinux when the kernel enables it (enforcing or
 * permissive), and AppArmor when neither is (its files are written for a
 * later boot, as before).
 */
static enum lj_mac_kind profile_backend(const struct lj_cli *cli)
{
	if (cli->mac)
		return strcmp(cli->mac, "selinux") == 0 ? LJ_MAC_SELINUX : LJ_MAC_APPARMOR;
	if (!strcmp(cli->sub, "build-selinux"))
		return LJ_MAC_SELINUX;
	if (lj_mac_detect(NULL, 0) == LJ_MAC_APPARMOR)
		return LJ_MAC_APPARMOR;
	if (lj_mac_selinux_enabled())
		return LJ_MAC_SELINUX;
	return LJ_MAC_APPARMOR;
}

/* Every configured language, loaded; the first error is reported. */
struct se_langs {
	char **names;
	struct lj_lang **langs;
	size_t n;
};

static void se_langs_release(struct se_langs *s)
{
	for (size_t i = 0; s->langs && i < s->n; i++)
		lj_lang_free(s->langs[i]);
	free(s->langs);
	lj_strv_free(s->names);
	memset(s, 0, sizeof(*s));
}

static int se_langs_load(const struct lj_cli *cli, const struct lj_caller *who,
		const struct lj_config *conf, struct se_langs *s)
{
	struct lj_err e;
	bool found = !cli->lang;
	size_t n = 0;

	memset(s, 0, sizeof(*s));
	lj_err_clear(&e);
	if (lj_lang_list(conf, &s->names, &e) < 0) {
		fprintf(stderr, "langjail: %s\n", e.msg);
		return 125;
	}
	while (s->names[n])
		n++;
	s->langs = calloc(n ? n : 1, sizeof(*s->langs));
	if (!s->langs) {
		fprintf(stderr, "langjail: out of memory\n");
		return 125;
	}
	for (; s->n < n; s->n++) {
		if (cli->lang && !strcmp(cli->lang, s->names[s->n]))
			found = true;
		if (lj_lang_load(conf, s->names[s->n], who->privileged, &s->langs[s->n], &e) < 0) {
			fprintf(stderr, "langjail: %s (the SELinux module holds every configured "
					"language)\n", e.msg);
			return 125;
		}
	}
	if (!found) {
		fprintf(stderr, "langjail: no language '%s' in %s\n", cli->lang,
				conf->languages_dir);
		return 125;
	}
	return 0;
}

/* The absolute paths of the tools in @names (NULL-terminated) into @paths. */
static int se_tools_find(const char *const *names, char **paths)
{
	struct lj_err e;

	for (size_t i = 0; names[i]; i++) {
		lj_err_clear(&e);
		if (lj_selinux_tool_path(names[i], &paths[i], &e) < 0) {
			fprintf(stderr, "langjail: %s\n", e.msg);
			return 125;
		}
	}
	return 0;
}

/* list: the module in the store, and each language's domain in the loaded policy. */
static int selinux_list(const struct lj_cli *cli, const struct se_langs *s, bool enabled)
{
	static const char *const names[] = { "semodule", NULL };
	_cleanup_free_ char *semodule = NULL;
	const char *module = "unknown";
	struct lj_err e;

	(void) cli;
	lj_err_clear(&e);
	/*
	 * Without SELinux, semodule is not asked: there is nothing loaded, and
	 * it would create an empty policy store as a side effect.
	 */
	if (enabled) {
		struct lj_selinux_tools t = { 0 };
		bool installed = false;

		if (lj_selinux_tool_path(names[0], &semodule, &e) == 0) {
			t.semodule = semodule;
			if (lj_selinux_module_installed(&t, &installed, &e) == 0)
				module = installed ? "installed" : "absent";
		}
		if (!strcmp(module, "unknown"))
			fprintf(stderr, "langjail: warning: %s\n", e.msg);
	}
	printf("%-10s %-28s %-10s %s\n", "LANGUAGE", "DOMAIN", "MODULE", "POLICY");
	for (size_t i = 0; i < s->n; i++) {
		const char *policy = "no-selinux";
		bool complain;

		if (enabled)
			policy = lj_mac_check(LJ_MAC_SELINUX, s->langs[i]->selinux_type,
					s->names[i], &complain, &e) == 0 ? "loaded" : "missing";
		printf("%-10s %-28s %-10s %s\n", s->names[i], s->langs[i]->selinux_type, module,
				policy);
	}
	return 0;
}

/* install, remove, list and build-selinux of the SELinux module. */
static int profile_selinux(const struct lj_cli *cli, const struct lj_caller *who,
		const struct lj_config *conf)
{
	static const char *const build_tools[] = { "checkmodule", "semodule_package", NULL };
	static const char *const all_tools[] = {
		"checkmodule", "semodule_package", "semodule", NULL,
	};
	_cleanup_free_ char *te = NULL, *fc = NULL;
	char *tools[3] = { NULL, NULL, NULL };
	bool enabled = lj_mac_selinux_enabled();
	struct lj_selinux_tools t;
	struct se_langs s;
	struct lj_err e;
	int ret;

	lj_err_clear(&e);
	if (!strcmp(cli->sub, "generate")) {
		fprintf(stderr, "langjail: profile generate prints AppArmor profiles; "
				"'langjail profile build-selinux --output DIR' writes the SELinux "
				"module\n");
		return 125;
	}
	if (cli->phase) {
		fprintf(stderr, "langjail: --phase is for AppArmor profiles: one SELinux domain "
				"covers both phases of a language\n");
		return 125;
	}
	if (!strcmp(cli->sub, "remove") && cli->lang) {
		fprintf(stderr, "langjail: the SELinux module holds every configured language: "
				"'langjail profile remove --all' removes it; to drop %s alone, remove "
				"its language file and run 'langjail profile install --all'\n",
				cli->lang);
		return 125;
	}
	if (!strcmp(cli->sub, "install") &&
	    (who->uid != 0 || !who->privileged || who->via_sudo)) {
		fprintf(stderr, "langjail: profile install is for root\n");
		return 125;
	}
	if (!strcmp(cli->sub, "remove")) {
		struct lj_selinux_tools rt = { 0 };

		if (!enabled) {
			fprintf(stderr, "langjail: SELinux is not enabled on this kernel: no "
					"module to remove\n");
			return 125;
		}
		if (se_tools_find(all_tools + 2, tools) != 0)
			return 125;
		rt.semodule = tools[0];
		ret = lj_selinux_module_remove(&rt, &e);
		free(tools[0]);
		if (ret == -ENOENT) {
			printf("%s: not installed\n", LJ_SELINUX_MODULE);
			return 0;
		}
		if (ret < 0) {
			fprintf(stderr, "langjail: %s\n", e.msg);
			return 125;
		}
		printf("%s: SELinux module removed\n", LJ_SELINUX_MODULE);
		return 0;
	}

	ret = se_langs_load(cli, who, conf, &s);
	if (ret)
		goto out;
	if (!strcmp(cli->sub, "list")) {
		ret = selinux_list(cli, &s, enabled);
		goto out;
	}
	if (lj_selinux_module_generate_from(conf, cli->templates_dir ? cli->templates_dir :
			LJ_SELINUX_TEMPLATE_DIR, s.langs, s.n, &te, &fc, &e) < 0) {
		fprintf(stderr, "langjail: %s\n", e.msg);
		ret = 125;
		goto out;
	}
	ret = se_tools_find(enabled && !strcmp(cli->sub, "install") ? all_tools : build_tools,
			tools);
	if (ret)
		goto out;
	t.checkmodule = tools[0];
	t.semodule_package = tools[1];
	t.semodule = tools[2];

	if (!strcmp(cli->sub, "build-selinux")) {
		if (lj_selinux_module_build(&t, geteuid() == 0 ? LJ_SELINUX_BUILD_ROOT :
				LJ_SELINUX_BUILD_USER, te, fc, cli->output, &e) < 0) {
			fprintf(stderr, "langjail: %s\n", e.msg);
			ret = 125;
			goto out;
		}
		printf("%s: %zu language(s); wrote %s.te, %s.fc and %s.pp to %s (install with "
				"'semodule -i %s.pp' on the target host, then restorecon)\n",
				LJ_SELINUX_MODULE, s.n, LJ_SELINUX_MODULE, LJ_SELINUX_MODULE,
				LJ_SELINUX_MODULE, cli->output, LJ_SELINUX_MODULE);
		goto out;
	}

	/* install */
	if (!enabled) {
		/* Compile it all the same: a broken language file shows now. */
		if (lj_selinux_module_check(&t, LJ_SELINUX_BUILD_ROOT, te, fc, &e) < 0) {
			fprintf(stderr, "langjail: %s\n", e.msg);
			ret = 125;
			goto out;
		}
		fprintf(stderr, "langjail: SELinux is not enabled on this kernel: the module %s "
				"(%zu language(s)) compiles but was not installed; 'langjail profile "
				"build-selinux --output DIR' writes it for a host with SELinux\n",
				LJ_SELINUX_MODULE, s.n);
		ret = 125;
		goto out;
	}
	if (lj_selinux_module_install(&t, LJ_SELINUX_BUILD_ROOT, te, fc, &e) < 0) {
		fprintf(stderr, "langjail: %s\n", e.msg);
		ret = 125;
		goto out;
	}
	printf("%s: SELinux module installed with the domains of %zu language(s)%s; label "
			"the files with 'restorecon -R %s %s'\n", LJ_SELINUX_MODULE, s.n,
			cli->lang ? " (it holds every configured language)" : "",
			conf->envs_dir ? conf->envs_dir : "ENVS_DIR", conf->workdir_root);
out:
	for (size_t i = 0; i < ARRAY_SIZE(tools); i++)
		free(tools[i]);
	se_langs_release(&s);
	return ret;
}

int lj_cmd_profile(const struct lj_cli *cli, const struct lj_caller *who,
		const struct lj_config *conf)
{
	enum lj_mac_kind backend;

	if (cli->help) {
		fputs(lj_cli_help(LJ_CMD_PROFILE), stdout);
		return 0;
	}
	if (who->via_sudo && strcmp(cli->sub, "list") && strcmp(cli->sub, "generate")) {
		fprintf(stderr, "langjail: profile %s is for the administrator, not sudo callers\n",
				cli->sub);
		return 125;
	}
	backend = profile_backend(cli);
	if (backend == LJ_MAC_SELINUX)
		return profile_selinux(cli, who, conf);
	if (!cli->lang && !strcmp(cli->sub, "list"))
		printf("%-10s %-8s %-28s %-10s %s\n", "LANGUAGE", "PHASE", "PROFILE", "MODE", "FILE");
	return each_language(cli, who, conf, profile_one);
}

static int env_one(const struct lj_cli *cli, const struct lj_caller *who,
		const struct lj_config *conf, const char *lang_name)
{
	struct lj_lang *l = NULL;
	struct lj_err e;
	uint64_t bytes = 0;
	int r, ret = 0;

	lj_err_clear(&e);
	if (lj_lang_load(conf, lang_name, who->privileged, &l, &e) < 0) {
		fprintf(stderr, "langjail: %s\n", e.msg);
		return 125;
	}
	if (!strcmp(cli->sub, "create")) {
		fprintf(stderr, "langjail: building the %s environment in %s ...\n", lang_name,
				l->env_dir);
		r = lj_env_create(conf, l, &e);
		if (r < 0) {
			fprintf(stderr, "langjail: %s\n", e.msg);
			ret = 125;
		} else {
			(void) lj_env_check(l, &bytes, &e);
			printf("%s: created %s (%.1f MiB)\n", lang_name, l->env_dir,
					(double) bytes / (1 << 20));
		}
	} else if (!strcmp(cli->sub, "remove")) {
		r = lj_env_remove(conf, l, &e);
		if (r == -ENOENT) {
			printf("%s: no environment\n", lang_name);
		} else if (r < 0) {
			fprintf(stderr, "langjail: %s\n", e.msg);
			ret = 125;
		} else {
			printf("%s: removed %s\n", lang_name, l->env_dir);
		}
	} else {
		bool listing = !strcmp(cli->sub, "list");
		enum lj_profile_mode mode;
		char version[160] = "";
		int pr;

		r = lj_env_check(l, &bytes, &e);
		pr = lj_profile_mode(NULL, l->apparmor_profile, &mode);
		if (listing && r == 0)
			language_version(conf, l, l->interpreter, version, sizeof(version));
		if (listing)
			printf("%-10s %-8s %8.1f MiB  profile %-10s %s%s%s%s\n", lang_name,
					r == 0 ? "ok" : r == -ENOENT ? "missing" : "UNSAFE",
					(double) bytes / (1 << 20),
					pr == 0 ? lj_profile_mode_name(mode) :
					pr == -EOPNOTSUPP ? "no-apparmor" : "absent",
					r == 0 ? l->interpreter : e.msg, version[0] ? " [" : "",
					version, version[0] ? "]" : "");
		else if (r < 0) {
			printf("%s: %s\n", lang_name, e.msg);
			ret = 1;
		} else {
			printf("%s: ok (%s, root-owned, writable by nobody else)\n", lang_name,
					l->env_dir);
		}
	}
	lj_lang_free(l);
	return ret;
}

int lj_cmd_env(const struct lj_cli *cli, const struct lj_caller *who,
		const struct lj_config *conf)
{
	if (cli->help) {
		fputs(lj_cli_help(LJ_CMD_ENV), stdout);
		return 0;
	}
	if ((!strcmp(cli->sub, "create") || !strcmp(cli->sub, "remove")) &&
	    (!who->privileged || who->via_sudo)) {
		fprintf(stderr, "langjail: env %s is for root (the environments must be "
				"root-owned)\n", cli->sub);
		return 125;
	}
	return each_language(cli, who, conf, env_one);
}
