/*
 * langjail.c - main: trust decisions, then one library call per command.
 *
 * Trust: under sudo the caller controls the environment and the command
 * line but nothing else. main therefore closes inherited fds, sets a strict
 * umask, reads SUDO_UID/SUDO_GID once and then clears the environment; the
 * configuration comes only from the installed root-owned files (a sudo
 * caller's --config is refused); the caller must be in [jail] callers; and
 * every file the caller names is opened with the caller's identity.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "cli.h"
#include "commands.h"
#include "lib/lang.h"
#include "lib/lj-config.h"
#include "lib/macro.h"
#include "lib/priv.h"
#include "lib/result.h"
#include "lib/run.h"

#ifndef LJ_CONFIG_FILE
#define LJ_CONFIG_FILE "/etc/langjail/langjail.conf"
#endif

extern char **environ;

static int report_error(const struct lj_err *e, bool json)
{
	if (json) {
		char *s = NULL;

		if (lj_error_to_json(e, &s) == 0) {
			printf("%s\n", s);
			free(s);
		} else {
			printf("{\"status\":\"error\",\"error\":{\"code\":\"nomem\",\"message\":\"\"}}\n");
		}
	} else {
		fprintf(stderr, "langjail: %s\n", e->msg[0] ? e->msg : "error");
	}
	return 125;
}

/* Load the configuration the caller is allowed to pick. */
static int load_config(const struct lj_cli *cli, const struct lj_caller *who,
		struct lj_config **ret, struct lj_err *e)
{
	const char *path = LJ_CONFIG_FILE;
	struct lj_config *c;
	int r;

	if (cli->config_path || cli->languages_dir || cli->templates_dir) {
		if (who->via_sudo)
			return lj_err_set(e, EPERM, "usage",
					"--config, --languages-dir and --templates-dir are refused "
					"through sudo: the installed configuration applies");
		if (cli->config_path)
			path = cli->config_path;
	}
	r = lj_config_load(path, who->privileged, &c, e);
	if (r == -ENOENT && !cli->config_path && !who->via_sudo) {
		/* No installed config: built-in defaults (and say where from). */
		lj_err_clear(e);
		c = lj_config_new();
		if (!c)
			return lj_err_set(e, ENOMEM, "config", "out of memory");
	} else if (r < 0) {
		return r;
	}
	if (cli->languages_dir) {
		char *d = strdup(cli->languages_dir);

		if (!d) {
			lj_config_free(c);
			return lj_err_set(e, ENOMEM, "config", "out of memory");
		}
		free(c->languages_dir);
		c->languages_dir = d;
	}
	*ret = c;
	return 0;
}

static int exit_code_of(const struct lj_result *r)
{
	switch (r->status) {
	case LJ_STATUS_OK:
	case LJ_STATUS_EXIT:
		return r->exit_code;
	case LJ_STATUS_SIGNAL:
		return 128 + r->signal;
	case LJ_STATUS_TIMEOUT:
		return 124;
	case LJ_STATUS_MEMORY:
	case LJ_STATUS_OUTPUT_LIMIT:
		return 128 + 9;
	case LJ_STATUS_ERROR:
		return r->exec_failed ? 126 : 125;
	case LJ_STATUS_COMPILE_ERROR:
		return 123;
	}
	return 125;
}

static void say_verdict(const struct lj_result *r)
{
	switch (r->status) {
	case LJ_STATUS_TIMEOUT:
		fprintf(stderr, "langjail: time limit (%s) reached; the run was killed\n",
				r->limit ? r->limit : "?");
		break;
	case LJ_STATUS_MEMORY:
		fprintf(stderr, "langjail: memory limit reached; the run was killed\n");
		break;
	case LJ_STATUS_OUTPUT_LIMIT:
		fprintf(stderr, "langjail: output limit reached on %s; the run was killed\n",
				r->out_truncated ? "stdout" : "stderr");
		break;
	case LJ_STATUS_SIGNAL:
		if (r->limit)
			fprintf(stderr, "langjail: %s limit reached (signal %d)\n", r->limit,
					r->signal);
		break;
	case LJ_STATUS_EXIT:
		if (r->limit)
			fprintf(stderr, "langjail: the workdir is full (%s limit)\n", r->limit);
		break;
	case LJ_STATUS_COMPILE_ERROR: {
		const struct lj_phase_result *c = &r->compile;

		if (c->status == LJ_STATUS_EXIT)
			fprintf(stderr, "langjail: compilation failed (the compiler exited with "
					"%d); the program did not run\n", c->exit_code);
		else if (c->limit)
			fprintf(stderr, "langjail: compilation stopped at the %s limit; the "
					"program did not run\n", c->limit);
		else
			fprintf(stderr, "langjail: compilation failed (%s, signal %d); the "
					"program did not run\n", lj_status_name(c->status), c->signal);
		break;
	}
	case LJ_STATUS_OK:
	case LJ_STATUS_ERROR:
		break;
	}
}

static int cmd_run(const struct lj_cli *cli, const struct lj_caller *who,
		const struct lj_config *conf)
{
	_cleanup_(lj_lang_freep) struct lj_lang *lang = NULL;
	struct lj_input_file files[LJ_CLI_MAX_FILES];
	struct lj_spec spec;
	struct lj_result res;
	struct lj_err e;
	int r, code;

	lj_err_clear(&e);
	lj_spec_init(&spec);
	lj_result_init(&res);
	spec.config = conf;
	spec.privileged = who->privileged;
	spec.caller_uid = who->uid;
	spec.caller_gid = who->gid;
	spec.unsafe = cli->unsafe;
	spec.capture = cli->json;
	spec.args = cli->args;
	spec.code = cli->code;
	spec.files = files;

	if (cli->sabotage && !conf->allow_sabotage) {
		lj_err_set(&e, EPERM, "usage",
				"--sabotage is for tests only and needs allow_sabotage = yes in "
				"the configuration");
		return report_error(&e, cli->json);
	}
	spec.sabotage = cli->sabotage;
	r = lj_lang_load(conf, cli->lang, who->privileged, &lang, &e);
	if (r < 0)
		return report_error(&e, cli->json);
	spec.lang = lang;

	/* Limits: config defaults, then the language's, then the caller's;
	 * never above the configured maxima. */
	spec.limits = conf->defaults;
	for (int i = 0; i < LJ_LIMIT__MAX; i++)
		if (lang->limits_set & (1u << i))
			spec.limits.v[i] = lang->limits.v[i];
	lj_limits_clamp(&spec.limits, &conf->maxima);
	r = lj_limits_request(&spec.limits, &conf->maxima, &cli->limits, cli->limits_mask, &e);
	if (r < 0)
		return report_error(&e, cli->json);
	/* The compile phase: config defaults, then the language's
	 * [compile_limits]; the caller's options are for the program. The
	 * output cap is the caller's too: it bounds what langjail holds. */
	spec.compile_limits = conf->defaults;
	for (int i = 0; i < LJ_LIMIT__MAX; i++)
		if (lang->compile.limits_set & (1u << i))
			spec.compile_limits.v[i] = lang->compile.limits.v[i];
	spec.compile_limits.v[LJ_LIMIT_OUTPUT] = spec.limits.v[LJ_LIMIT_OUTPUT];
	spec.compile_limits.v[LJ_LIMIT_DISK] = spec.limits.v[LJ_LIMIT_DISK];
	spec.compile_limits.v[LJ_LIMIT_INODES] = spec.limits.v[LJ_LIMIT_INODES];
	lj_limits_clamp(&spec.compile_limits, &conf->maxima);

	if (cli->source) {
		struct stat st;

		spec.source_fd = lj_priv_open_as_caller(who, cli->source, O_RDONLY | O_NONBLOCK, &e);
		if (spec.source_fd < 0)
			return report_error(&e, cli->json);
		if (fstat(spec.source_fd, &st) < 0 || !S_ISREG(st.st_mode)) {
			lj_err_set(&e, EINVAL, "input", "%s: not a regular file", cli->source);
			lj_spec_release(&spec);
			return report_error(&e, cli->json);
		}
	}
	for (size_t i = 0; i < cli->n_files; i++) {
		struct stat st;
		int fd = lj_priv_open_as_caller(who, cli->files[i].path, O_RDONLY | O_NONBLOCK, &e);

		if (fd < 0) {
			lj_spec_release(&spec);
			return report_error(&e, cli->json);
		}
		files[i].name = cli->files[i].name;
		files[i].fd = fd;
		spec.n_files = i + 1;
		if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
			lj_err_set(&e, EINVAL, "input", "%s: not a regular file", cli->files[i].path);
			lj_spec_release(&spec);
			return report_error(&e, cli->json);
		}
	}
	if (cli->stdin_path) {
		spec.stdin_fd = lj_priv_open_as_caller(who, cli->stdin_path, O_RDONLY, &e);
		if (spec.stdin_fd < 0) {
			lj_spec_release(&spec);
			return report_error(&e, cli->json);
		}
	} else {
		spec.stdin_fd = fcntl(0, F_GETFD) >= 0 ? 0 : -1;
	}

	r = lj_run(&spec, &res, &e);
	if (spec.stdin_fd > 0)
		(void) close(spec.stdin_fd);
	lj_spec_release(&spec);
	if (r < 0 && !res.exec_failed) {
		lj_result_release(&res);
		return report_error(&e, cli->json);
	}
	if (res.unsafe)
		lj_cmd_say_unsafe(&res);
	if (cli->json) {
		int w;

		(void) fflush(stdout);
		w = lj_result_write_json(&res, 1);
		if (w == -ENOMEM) {
			lj_err_set(&e, ENOMEM, "nomem", "out of memory writing JSON");
			lj_result_release(&res);
			return report_error(&e, true);
		}
		if (w < 0) {
			/* stdout is gone: nothing can carry a verdict any more */
			fprintf(stderr, "langjail: writing the verdict: %s\n", strerror(-w));
			lj_result_release(&res);
			return 125;
		}
		code = 0;
	} else {
		if (res.exec_failed)
			fprintf(stderr, "langjail: %s\n", res.error.msg);
		say_verdict(&res);
		code = exit_code_of(&res);
	}
	lj_result_release(&res);
	return code;
}

int main(int argc, char **argv)
{
	struct lj_caller who;
	struct lj_cli cli;
	struct lj_err e;
	_cleanup_(lj_config_freep) struct lj_config *conf = NULL;
	int r;

	/* Nothing inherited: fds, umask, environment, SIGPIPE. */
	(void) syscall(SYS_close_range, 3U, ~0U, 0U);
	umask(077);
	signal(SIGPIPE, SIG_IGN);
	lj_err_clear(&e);
	r = lj_priv_detect(environ, &who, &e);
	if (r < 0)
		return report_error(&e, false);
	if (clearenv() != 0 || setenv("PATH", "/usr/sbin:/usr/bin:/sbin:/bin", 1) < 0) {
		lj_err_set(&e, errno, "setup", "cannot reset the environment");
		return report_error(&e, false);
	}

	r = lj_cli_parse(argc, argv, &cli, &e);
	if (r < 0) {
		bool json = false;

		for (int i = 1; i < argc; i++)
			if (!strcmp(argv[i], "--json") || !strcmp(argv[i], "-j"))
				json = true;
		report_error(&e, json);
		if (argc < 2)
			fputs(lj_cli_help(LJ_CMD_NONE), stderr);
		return 125;
	}
	if (cli.cmd == LJ_CMD_VERSION) {
		printf("langjail %s\n", PACKAGE_VERSION);
		return 0;
	}
	if (cli.cmd == LJ_CMD_HELP || cli.help) {
		fputs(lj_cli_help(cli.help ? cli.cmd : LJ_CMD_NONE), stdout);
		return 0;
	}

	r = load_config(&cli, &who, &conf, &e);
	if (r < 0)
		return report_error(&e, cli.json);
	if (who.via_sudo && !lj_config_caller_allowed(conf, who.uid, who.gid, who.groups,
			who.ngroups)) {
		lj_err_set(&e, EPERM, "not_allowed",
				"uid %u may not use langjail through sudo (see [jail] callers in %s)",
				(unsigned) who.uid, conf->path ? conf->path : LJ_CONFIG_FILE);
		return report_error(&e, cli.json);
	}

	switch (cli.cmd) {
	case LJ_CMD_RUN:
		return cmd_run(&cli, &who, conf);
	case LJ_CMD_STATUS:
		return lj_cmd_status(&cli, &who, conf);
	case LJ_CMD_LANGUAGES:
		return lj_cmd_languages(&cli, &who, conf);
	case LJ_CMD_GC:
		return lj_cmd_gc(&cli, &who, conf);
	case LJ_CMD_PROFILE:
		return lj_cmd_profile(&cli, &who, conf);
	case LJ_CMD_ENV:
		return lj_cmd_env(&cli, &who, conf);
	case LJ_CMD_SELFTEST:
		return lj_cmd_selftest(&cli, &who, conf, argv[0]);
	case LJ_CMD_NONE:
	case LJ_CMD_HELP:
	case LJ_CMD_VERSION:
		break;
	}
	return 125;
}
