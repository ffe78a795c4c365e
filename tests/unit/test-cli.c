/*
 * test-cli.c - unit tests for cli.c: argv parsing and the help texts.
 *
 * Hostile rows first: --file names with '/', a leading '.', or no '=';
 * limits that do not parse; a program's own arguments after "--" that look
 * like our options (they must never change a limit); stray arguments.
 * The help test probes the parser for every long option any help text or
 * limit names, and requires each command's help to mention every option
 * that command accepts (and every option it mentions to be accepted).
 */
#include "config.h"

#include <check.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../src/cli.h"
#include "ini.h"
#include "layer.h"
#include "unit.h"

#define MAXARG 160

/* A writable argv (the parser may write into --file values). */
struct argv_buf {
	char store[MAXARG][320];
	char *v[MAXARG + 2];
	int argc;
};

static void argv_build(struct argv_buf *b, const char *const *args)
{
	b->argc = 0;
	b->v[b->argc++] = strcpy(b->store[0], "langjail");
	for (size_t i = 0; args[i]; i++) {
		ck_assert_int_lt(b->argc, MAXARG);
		ck_assert_uint_lt(strlen(args[i]), sizeof(b->store[0]));
		b->v[b->argc] = strcpy(b->store[b->argc], args[i]);
		b->argc++;
	}
	b->v[b->argc] = NULL;
}

static int parse(const char *const *args, struct lj_cli *c, struct lj_err *e, struct argv_buf *b)
{
	argv_build(b, args);
	lj_err_clear(e);
	return lj_cli_parse(b->argc, b->v, c, e);
}

/* ---- usage errors ----------------------------------------------------------- */

static const struct {
	const char *argv[12];
	const char *msg;   /* the message contains this */
} bad_cases[] = {
	{ { "run", "python3", "x.py", "extra", NULL }, "'extra'" },
	{ { "run", "python3", "x.py", "a", "b", NULL }, "'a'" },
	{ { "run", "--file", "a/b=/etc/passwd", "python3", "x.py", NULL }, "a/b" },
	{ { "run", "--file", "../x=p", "python3", "x.py", NULL }, NULL },
	{ { "run", "--file", ".x=p", "python3", "x.py", NULL }, ".x" },
	{ { "run", "--file", "..=p", "python3", "x.py", NULL }, NULL },
	{ { "run", "--file", ".=p", "python3", "x.py", NULL }, NULL },
	{ { "run", "--file", "/etc/passwd=p", "python3", "x.py", NULL }, NULL },
	{ { "run", "--file", "a\nb=p", "python3", "x.py", NULL }, NULL },
	{ { "run", "--file", "=p", "python3", "x.py", NULL }, "NAME=PATH" },
	{ { "run", "--file", "a=", "python3", "x.py", NULL }, "NAME=PATH" },
	{ { "run", "--file", "noequals", "python3", "x.py", NULL }, "NAME=PATH" },
	{ { "run", "-f", "a/b=c", "python3", "x.py", NULL }, NULL },
	{ { "run", "--memory", "64Q", "python3", "x", NULL }, "--memory" },
	{ { "run", "--memory", "17179869184G", "python3", "x", NULL }, "out of range" },
	{ { "run", "--memory", "1.5M", "python3", "x", NULL }, "--memory" },
	{ { "run", "--cpu", "0", "python3", "x", NULL }, "--cpu" },
	{ { "run", "--cpu", "-1", "python3", "x", NULL }, "--cpu" },
	{ { "run", "--wall", "1.2345", "python3", "x", NULL }, "--wall" },
	{ { "run", "--procs", "1K", "python3", "x", NULL }, "--procs" },
	{ { "run", "--open-files", "4294967296", "python3", "x", NULL }, "--open-files" },
	{ { "run", "--file-size", "", "python3", "x", NULL }, "--file-size" },
	{ { "run", "--sabotage", "bogus", "python3", "x", NULL }, "bogus" },
	{ { "run", "--sabotage", "seccomp,bogus", "python3", "x", NULL }, "bogus" },
	{ { "run", "--sabotage", "SECCOMP", "python3", "x", NULL }, NULL },
	{ { "run", "--bogus", "python3", "x", NULL }, NULL },
	{ { "run", "-x", "python3", "x", NULL }, NULL },
	{ { "run", "--cpu", NULL }, NULL },
	{ { "run", NULL }, "language" },
	{ { "run", "python3", NULL }, "no program" },
	{ { "run", "python3", "--", "a", NULL }, "no program" },
	{ { "run", "python3", "-c", NULL }, "-c" },
	{ { "run", "-c", "x", "python3", "y.py", NULL }, "'y.py'" },
	{ { "run", "python3", "-c", "x", "y.py", NULL }, "'y.py'" },
	{ { "profile", NULL }, NULL },
	{ { "profile", "frobnicate", NULL }, "frobnicate" },
	{ { "profile", "generate", NULL }, "which language" },
	{ { "profile", "install", NULL }, "which language" },
	{ { "profile", "install", "--all", "python3", NULL }, "not both" },
	{ { "profile", "install", "python3", "sh", NULL }, "'sh'" },
	{ { "profile", "--phase", "link", "generate", "python3", NULL }, "link" },
	{ { "profile", "list", "extra", NULL }, "extra" },
	{ { "profile", "build-selinux", NULL }, "--output" },
	{ { "profile", "build-selinux", "--output", "", NULL }, "--output" },
	{ { "profile", "build-selinux", "python3", "--output", "d", NULL }, "no language" },
	{ { "profile", "build-selinux", "--all", "--output", "d", NULL }, "no language" },
	{ { "profile", "build-selinux", "--output", "d", "--mac", "apparmor", NULL }, "apparmor" },
	{ { "profile", "build-selinux", "--output", "d", "--phase", "run", NULL }, "--phase" },
	{ { "profile", "install", "--all", "--output", "d", NULL }, "build-selinux only" },
	{ { "profile", "list", "--mac", "smack", NULL }, "smack" },
	{ { "profile", "list", "--mac", NULL }, NULL },
	{ { "status", "--mac", "selinux", NULL }, "--mac" },
	{ { "env", "list", "--output", "d", NULL }, "--output" },
	{ { "env", NULL }, NULL },
	{ { "env", "build", "python3", NULL }, "build" },
	{ { "env", "create", NULL }, "which language" },
	{ { "env", "check", "--all", "python3", NULL }, "not both" },
	{ { "env", "remove", "a", "b", NULL }, "'b'" },
	{ { "env", "list", "--phase", "link", NULL }, NULL },
	{ { "status", "extra", NULL }, NULL },
	{ { "status", "--bogus", NULL }, NULL },
	{ { "gc", "now", NULL }, NULL },
	{ { "languages", "-x", NULL }, NULL },
	{ { "bogus", NULL }, "bogus" },
	{ { "RUN", "python3", "x", NULL }, NULL },
	{ { NULL }, "no command" },
	{ { "--bogus", NULL }, "--bogus" },
	{ { "--config", NULL }, NULL },
	{ { "help", "bogus", NULL }, "bogus" },
};

START_TEST(test_bad)
{
	struct argv_buf b;
	struct lj_cli c;
	struct lj_err e;
	int r = parse(bad_cases[_i].argv, &c, &e, &b);

	ck_assert_msg(r == -EINVAL, "accepted: %s %s %s %s ... (r=%d)", bad_cases[_i].argv[0],
			bad_cases[_i].argv[0] ? bad_cases[_i].argv[1] : "",
			bad_cases[_i].argv[0] && bad_cases[_i].argv[1] ? bad_cases[_i].argv[2] : "",
			bad_cases[_i].argv[0] && bad_cases[_i].argv[1] && bad_cases[_i].argv[2] ?
			bad_cases[_i].argv[3] : "", r);
	ck_assert_str_eq(e.code, "usage");
	ck_assert_msg(e.msg[0], "empty message");
	if (bad_cases[_i].msg)
		ck_assert_msg(unit_contains(e.msg, bad_cases[_i].msg), "message \"%s\" lacks \"%s\"",
				e.msg, bad_cases[_i].msg);
}
END_TEST

/* The message of an unknown option names that option, even inside a cluster. */
START_TEST(test_bad_short_cluster)
{
	static const char *const args[] = { "-Vx", NULL };
	static const char *const args2[] = { "-xV", NULL };
	struct argv_buf b;
	struct lj_cli c;
	struct lj_err e;

	/* -V wins before x is seen */
	ck_assert_int_eq(parse(args, &c, &e, &b), 0);
	ck_assert_int_eq(c.cmd, LJ_CMD_VERSION);
	ck_assert_int_eq(parse(args2, &c, &e, &b), -EINVAL);
	ck_assert_msg(unit_contains(e.msg, "-x"), "message does not name -x: %s", e.msg);
}
END_TEST

/* ---- good command lines ------------------------------------------------------ */

struct good_case {
	const char *argv[16];
	enum lj_cmd cmd;
	const char *lang, *source, *code, *config, *sub;
	const char *args[4];
	bool help, all;
};

static const struct good_case good_cases[] = {
	{ { "run", "python3", "main.py", NULL }, LJ_CMD_RUN, "python3", "main.py", NULL, NULL,
		NULL, { NULL }, false, false },
	{ { "run", "python3", "-c", "print(1)", NULL }, LJ_CMD_RUN, "python3", NULL, "print(1)",
		NULL, NULL, { NULL }, false, false },
	{ { "run", "python3", "--code", "print(1)", NULL }, LJ_CMD_RUN, "python3", NULL,
		"print(1)", NULL, NULL, { NULL }, false, false },
	{ { "run", "-c", "print(1)", "python3", NULL }, LJ_CMD_RUN, "python3", NULL, "print(1)",
		NULL, NULL, { NULL }, false, false },
	{ { "run", "--cpu", "2", "--memory", "64M", "python3", "x.py", "--", "a", "b", NULL },
		LJ_CMD_RUN, "python3", "x.py", NULL, NULL, NULL, { "a", "b", NULL }, false, false },
	{ { "run", "python3", "x.py", "--", NULL }, LJ_CMD_RUN, "python3", "x.py", NULL, NULL,
		NULL, { NULL }, false, false },
	{ { "run", "python3", "-c", "c", "--", "a", NULL }, LJ_CMD_RUN, "python3", NULL, "c",
		NULL, NULL, { "a", NULL }, false, false },
	{ { "run", "python3", "x.py", "--", "--", "-c", "--memory=99G", NULL }, LJ_CMD_RUN,
		"python3", "x.py", NULL, NULL, NULL, { "--", "-c", "--memory=99G" }, false, false },
	{ { "--config", "F", "run", "python3", "x", NULL }, LJ_CMD_RUN, "python3", "x", NULL,
		"F", NULL, { NULL }, false, false },
	{ { "run", "--config", "G", "python3", "x", NULL }, LJ_CMD_RUN, "python3", "x", NULL,
		"G", NULL, { NULL }, false, false },
	{ { "run", "--help", NULL }, LJ_CMD_RUN, NULL, NULL, NULL, NULL, NULL, { NULL }, true,
		false },
	{ { "run", "-h", NULL }, LJ_CMD_RUN, NULL, NULL, NULL, NULL, NULL, { NULL }, true, false },
	{ { "help", "run", NULL }, LJ_CMD_RUN, NULL, NULL, NULL, NULL, NULL, { NULL }, true,
		false },
	{ { "help", "profile", NULL }, LJ_CMD_PROFILE, NULL, NULL, NULL, NULL, NULL, { NULL },
		true, false },
	{ { "help", NULL }, LJ_CMD_HELP, NULL, NULL, NULL, NULL, NULL, { NULL }, false, false },
	{ { "--help", NULL }, LJ_CMD_HELP, NULL, NULL, NULL, NULL, NULL, { NULL }, false, false },
	{ { "-h", "run", NULL }, LJ_CMD_HELP, NULL, NULL, NULL, NULL, NULL, { NULL }, false,
		false },
	{ { "--version", NULL }, LJ_CMD_VERSION, NULL, NULL, NULL, NULL, NULL, { NULL }, false,
		false },
	{ { "-V", NULL }, LJ_CMD_VERSION, NULL, NULL, NULL, NULL, NULL, { NULL }, false, false },
	{ { "profile", "install", "--all", NULL }, LJ_CMD_PROFILE, NULL, NULL, NULL, NULL,
		"install", { NULL }, false, true },
	{ { "profile", "--all", "remove", NULL }, LJ_CMD_PROFILE, NULL, NULL, NULL, NULL,
		"remove", { NULL }, false, true },
	{ { "profile", "install", "python3", NULL }, LJ_CMD_PROFILE, "python3", NULL, NULL, NULL,
		"install", { NULL }, false, false },
	{ { "profile", "list", NULL }, LJ_CMD_PROFILE, NULL, NULL, NULL, NULL, "list", { NULL },
		false, false },
	{ { "profile", "generate", "python3", NULL }, LJ_CMD_PROFILE, "python3", NULL, NULL, NULL,
		"generate", { NULL }, false, false },
	{ { "profile", "generate", "--phase", "compile", "python3", NULL }, LJ_CMD_PROFILE,
		"python3", NULL, NULL, NULL, "generate", { NULL }, false, false },
	/* the order the help text documents: "profile generate LANG [--phase run|compile]" */
	{ { "profile", "generate", "python3", "--phase", "compile", NULL }, LJ_CMD_PROFILE,
		"python3", NULL, NULL, NULL, "generate", { NULL }, false, false },
	{ { "profile", "generate", "--all", NULL }, LJ_CMD_PROFILE, NULL, NULL, NULL, NULL,
		"generate", { NULL }, false, true },
	{ { "env", "create", "--all", NULL }, LJ_CMD_ENV, NULL, NULL, NULL, NULL, "create",
		{ NULL }, false, true },
	{ { "env", "check", "python3", NULL }, LJ_CMD_ENV, "python3", NULL, NULL, NULL, "check",
		{ NULL }, false, false },
	{ { "env", "list", NULL }, LJ_CMD_ENV, NULL, NULL, NULL, NULL, "list", { NULL }, false,
		false },
	{ { "help", "env", NULL }, LJ_CMD_ENV, NULL, NULL, NULL, NULL, NULL, { NULL }, true,
		false },
	{ { "status", NULL }, LJ_CMD_STATUS, NULL, NULL, NULL, NULL, NULL, { NULL }, false,
		false },
	{ { "--config", "/c", "status", "--json", NULL }, LJ_CMD_STATUS, NULL, NULL, NULL, "/c",
		NULL, { NULL }, false, false },
	{ { "languages", "-j", NULL }, LJ_CMD_LANGUAGES, NULL, NULL, NULL, NULL, NULL, { NULL },
		false, false },
	{ { "gc", NULL }, LJ_CMD_GC, NULL, NULL, NULL, NULL, NULL, { NULL }, false, false },
	{ { "selftest", "--help", NULL }, LJ_CMD_SELFTEST, NULL, NULL, NULL, NULL, NULL,
		{ NULL }, true, false },
};

static void assert_str_or_null(const char *what, const char *got, const char *want)
{
	if (!want)
		ck_assert_msg(got == NULL, "%s: got \"%s\", want NULL", what, got);
	else
		ck_assert_msg(got && strcmp(got, want) == 0, "%s: got \"%s\", want \"%s\"", what,
				got ? got : "(null)", want);
}

START_TEST(test_good)
{
	const struct good_case *g = &good_cases[_i];
	struct argv_buf b;
	struct lj_cli c;
	struct lj_err e;
	int r = parse(g->argv, &c, &e, &b);
	size_t n = 0;

	ck_assert_msg(r == 0, "%s %s %s ...: %s", g->argv[0], g->argv[1] ? g->argv[1] : "",
			g->argv[1] && g->argv[2] ? g->argv[2] : "", e.msg);
	ck_assert_int_eq(c.cmd, g->cmd);
	assert_str_or_null("lang", c.lang, g->lang);
	assert_str_or_null("source", c.source, g->source);
	assert_str_or_null("code", c.code, g->code);
	assert_str_or_null("config", c.config_path, g->config);
	assert_str_or_null("sub", c.sub, g->sub);
	ck_assert_int_eq(c.help, g->help);
	ck_assert_int_eq(c.all, g->all);
	if (c.cmd == LJ_CMD_RUN && !c.help) {
		ck_assert_ptr_nonnull(c.args);
		while (g->args[n])
			n++;
		ck_assert_uint_eq(lj_strv_len(c.args), n);
		for (size_t i = 0; i < n; i++)
			ck_assert_str_eq(c.args[i], g->args[i]);
	}
}
END_TEST

START_TEST(test_run_limits)
{
	static const char *const args[] = { "run", "--cpu", "2", "--memory", "64M", "--wall=0.5",
		"--file-size", "1K", "--open-files", "9", "python3", "x.py", "--", "a", "b", NULL };
	struct argv_buf b;
	struct lj_cli c;
	struct lj_err e;

	ck_assert_msg(parse(args, &c, &e, &b) == 0, "%s", e.msg);
	ck_assert_uint_eq(c.limits_mask, (1u << LJ_LIMIT_CPU) | (1u << LJ_LIMIT_MEMORY) |
			(1u << LJ_LIMIT_WALL) | (1u << LJ_LIMIT_FILE_SIZE) |
			(1u << LJ_LIMIT_OPEN_FILES));
	ck_assert_uint_eq(c.limits.v[LJ_LIMIT_CPU], 2000);
	ck_assert_uint_eq(c.limits.v[LJ_LIMIT_MEMORY], 64u << 20);
	ck_assert_uint_eq(c.limits.v[LJ_LIMIT_WALL], 500);
	ck_assert_uint_eq(c.limits.v[LJ_LIMIT_FILE_SIZE], 1024);
	ck_assert_uint_eq(c.limits.v[LJ_LIMIT_OPEN_FILES], 9);
	ck_assert_uint_eq(lj_strv_len(c.args), 2);
	ck_assert_str_eq(c.args[0], "a");
	ck_assert_str_eq(c.args[1], "b");
}
END_TEST

/* Every limit option is parsed into its own slot. */
START_TEST(test_run_every_limit_option)
{
	enum lj_limit l = (enum lj_limit) _i;
	const char *args[] = { "run", lj_limit_option(l), "7", "python3", "x", NULL };
	struct argv_buf b;
	struct lj_cli c;
	struct lj_err e;

	ck_assert_msg(parse(args, &c, &e, &b) == 0, "%s: %s", lj_limit_option(l), e.msg);
	ck_assert_uint_eq(c.limits_mask, 1u << l);
	ck_assert_uint_eq(c.limits.v[l], lj_limit_kind(l) == LJ_LIMIT_KIND_MS ? 7000 : 7);
}
END_TEST

/* The program's own arguments never reach our option parser. */
START_TEST(test_run_program_args_not_ours)
{
	static const char *const args[] = { "run", "python3", "x.py", "--", "--memory", "99G",
		"--sabotage", "seccomp", "--unsafe", "-j", NULL };
	struct argv_buf b;
	struct lj_cli c;
	struct lj_err e;

	ck_assert_msg(parse(args, &c, &e, &b) == 0, "%s", e.msg);
	ck_assert_uint_eq(c.limits_mask, 0);
	ck_assert_uint_eq(c.sabotage, 0);
	ck_assert(!c.unsafe);
	ck_assert(!c.json);
	ck_assert_uint_eq(lj_strv_len(c.args), 6);
}
END_TEST

START_TEST(test_run_flags)
{
	static const char *const args[] = { "run", "-j", "--unsafe", "-i", "in.txt",
		"--sabotage", "seccomp,landlock", "--file", "data.txt=/tmp/d", "-f", "b==c",
		"python3", "x.py", NULL };
	struct argv_buf b;
	struct lj_cli c;
	struct lj_err e;

	ck_assert_msg(parse(args, &c, &e, &b) == 0, "%s", e.msg);
	ck_assert(c.json);
	ck_assert(c.unsafe);
	ck_assert_str_eq(c.stdin_path, "in.txt");
	ck_assert_uint_eq(c.sabotage, (1u << LJ_LAYER_SECCOMP) | (1u << LJ_LAYER_LANDLOCK));
	ck_assert_uint_eq(c.n_files, 2);
	ck_assert_str_eq(c.files[0].name, "data.txt");
	ck_assert_str_eq(c.files[0].path, "/tmp/d");
	ck_assert_str_eq(c.files[1].name, "b");
	ck_assert_str_eq(c.files[1].path, "=c");
}
END_TEST

/* LJ_CLI_MAX_FILES --file options pass; one more is refused. */
START_TEST(test_run_file_count)
{
	const char *args[2 * LJ_CLI_MAX_FILES + 8];
	char names[LJ_CLI_MAX_FILES + 1][32];
	struct argv_buf b;
	struct lj_cli c;
	struct lj_err e;
	size_t k = 0;

	args[k++] = "run";
	for (int i = 0; i < LJ_CLI_MAX_FILES; i++) {
		snprintf(names[i], sizeof(names[i]), "f%d=/p%d", i, i);
		args[k++] = "-f";
		args[k++] = names[i];
	}
	args[k++] = "python3";
	args[k++] = "x.py";
	args[k] = NULL;
	ck_assert_msg(parse(args, &c, &e, &b) == 0, "%s", e.msg);
	ck_assert_uint_eq(c.n_files, LJ_CLI_MAX_FILES);
	ck_assert_str_eq(c.files[LJ_CLI_MAX_FILES - 1].name, "f63");

	k -= 2;
	snprintf(names[LJ_CLI_MAX_FILES], sizeof(names[0]), "extra=/p");
	args[k++] = "-f";
	args[k++] = names[LJ_CLI_MAX_FILES];
	args[k++] = "python3";
	args[k++] = "x.py";
	args[k] = NULL;
	ck_assert_int_eq(parse(args, &c, &e, &b), -EINVAL);
	ck_assert_str_eq(e.code, "usage");
}
END_TEST

START_TEST(test_profile_mac_output)
{
	struct argv_buf b;
	struct lj_cli c;
	struct lj_err e = { 0 };
	static const char *const a1[] = { "profile", "install", "--all", "--mac", "selinux", NULL };
	static const char *const a2[] = { "profile", "--mac", "apparmor", "list", NULL };
	static const char *const a3[] = { "profile", "build-selinux", "--output", "/o", NULL };
	static const char *const a4[] = { "profile", "build-selinux", "--output", "/o", "--mac",
		"selinux", NULL };

	argv_build(&b, a1);
	ck_assert_int_eq(lj_cli_parse(b.argc, b.v, &c, &e), 0);
	ck_assert_str_eq(c.mac, "selinux");
	ck_assert_ptr_null(c.output);
	argv_build(&b, a2);
	ck_assert_int_eq(lj_cli_parse(b.argc, b.v, &c, &e), 0);
	ck_assert_str_eq(c.mac, "apparmor");
	ck_assert_str_eq(c.sub, "list");
	argv_build(&b, a3);
	ck_assert_int_eq(lj_cli_parse(b.argc, b.v, &c, &e), 0);
	ck_assert_str_eq(c.sub, "build-selinux");
	ck_assert_str_eq(c.output, "/o");
	ck_assert_ptr_null(c.mac);
	ck_assert_ptr_null(c.lang);
	argv_build(&b, a4);
	ck_assert_int_eq(lj_cli_parse(b.argc, b.v, &c, &e), 0);
	ck_assert_str_eq(c.mac, "selinux");
}
END_TEST

START_TEST(test_selftest_rest)
{
	static const char *const args[] = { "selftest", "--only", "x", "--tap", NULL };
	struct argv_buf b;
	struct lj_cli c;
	struct lj_err e;

	ck_assert_msg(parse(args, &c, &e, &b) == 0, "%s", e.msg);
	ck_assert_int_eq(c.cmd, LJ_CMD_SELFTEST);
	ck_assert_uint_eq(lj_strv_len(c.rest), 3);
	ck_assert_str_eq(c.rest[0], "--only");
	ck_assert_str_eq(c.rest[2], "--tap");
	ck_assert(!c.help);
}
END_TEST

/* A failed parse leaves no getopt state behind for the next one. */
START_TEST(test_reparse)
{
	static const char *const bad[] = { "run", "--cpu", "1", "-x", "python3", NULL };
	static const char *const good[] = { "run", "--cpu", "1", "python3", "y", NULL };
	struct argv_buf b;
	struct lj_cli c;
	struct lj_err e;

	for (int i = 0; i < 3; i++) {
		ck_assert_int_eq(parse(bad, &c, &e, &b), -EINVAL);
		ck_assert_msg(parse(good, &c, &e, &b) == 0, "%s", e.msg);
		ck_assert_str_eq(c.source, "y");
		ck_assert_uint_eq(c.limits.v[LJ_LIMIT_CPU], 1000);
	}
}
END_TEST

/* ---- help texts ---------------------------------------------------------------- */

static const enum lj_cmd help_cmds[] = {
	LJ_CMD_RUN, LJ_CMD_STATUS, LJ_CMD_LANGUAGES, LJ_CMD_GC, LJ_CMD_PROFILE, LJ_CMD_ENV,
};

START_TEST(test_help_names)
{
	static const struct { enum lj_cmd cmd; const char *name; } names[] = {
		{ LJ_CMD_RUN, "run" }, { LJ_CMD_STATUS, "status" }, { LJ_CMD_LANGUAGES, "languages" },
		{ LJ_CMD_GC, "gc" }, { LJ_CMD_PROFILE, "profile" }, { LJ_CMD_ENV, "env" },
		{ LJ_CMD_SELFTEST, "selftest" },
	};
	char usage[64];

	for (size_t i = 0; i < UNIT_ARRAY_SIZE(names); i++) {
		ck_assert_str_eq(lj_cmd_name(names[i].cmd), names[i].name);
		snprintf(usage, sizeof(usage), "Usage: langjail %s", names[i].name);
		ck_assert_msg(strncmp(lj_cli_help(names[i].cmd), usage, strlen(usage)) == 0,
				"help of %s does not start with \"%s\"", names[i].name, usage);
	}
	ck_assert(strncmp(lj_cli_help(LJ_CMD_NONE), "Usage: langjail ", 16) == 0);
	ck_assert_str_eq(lj_cli_help(LJ_CMD_HELP), lj_cli_help(LJ_CMD_NONE));
	ck_assert_str_eq(lj_cmd_name(LJ_CMD_NONE), "langjail");
}
END_TEST

/* Whether @text mentions @opt as a whole word ("--file" is not "--file-size"). */
static bool mentions(const char *text, const char *opt)
{
	size_t n = strlen(opt);

	for (const char *p = strstr(text, opt); p; p = strstr(p + 1, opt)) {
		char after = p[n];
		char before = p == text ? ' ' : p[-1];

		if ((after == '\0' || !(after == '-' || after == '_' || (after >= 'a' && after <= 'z'))) &&
		    before != '-' && !(before >= 'a' && before <= 'z'))
			return true;
	}
	return false;
}

/* The global options section of the overview applies to every command. */
static const char *global_section(void)
{
	const char *g = strstr(lj_cli_help(LJ_CMD_NONE), "Global options:");

	ck_assert_ptr_nonnull(g);
	return g;
}

#define MAX_OPTS 64

static void append(char *buf, size_t len, const char *word)
{
	size_t used = strlen(buf);

	if (used + 1 < len)
		buf[used++] = ' ';
	for (const char *p = word; *p && used + 1 < len; p++)
		buf[used++] = *p;
	buf[used] = '\0';
}

/* Whether the line at @p documents options: a usage line or an option line. */
static bool option_line(const char *p)
{
	while (*p == ' ')
		p++;
	return *p == '-' || strncmp(p, "Usage:", 6) == 0 || strncmp(p, "langjail ", 9) == 0;
}

/* Every "--name" any help text mentions on a usage or option line (not in
 * prose such as "a venv made with --copies"), plus every limit option. */
static size_t candidate_options(char out[MAX_OPTS][40])
{
	const enum lj_cmd all[] = { LJ_CMD_NONE, LJ_CMD_RUN, LJ_CMD_STATUS, LJ_CMD_LANGUAGES,
		LJ_CMD_GC, LJ_CMD_PROFILE, LJ_CMD_ENV, LJ_CMD_SELFTEST };
	size_t n = 0;

	for (int l = 0; l < LJ_LIMIT__MAX; l++)
		snprintf(out[n++], 40, "%s", lj_limit_option((enum lj_limit) l));
	for (size_t i = 0; i < UNIT_ARRAY_SIZE(all); i++) {
		const char *t = lj_cli_help(all[i]);

		for (const char *line = t; *line; ) {
			const char *eol = strchr(line, '\n');
			const char *end = eol ? eol : line + strlen(line);

			for (const char *p = line; option_line(line) && p + 2 < end; p++) {
				size_t k = 2;
				char opt[40];
				bool dup = false;

				if (p[0] != '-' || p[1] != '-' || (p > line && p[-1] != ' ' &&
						p[-1] != '[' && p[-1] != '|'))
					continue;
				while (k < sizeof(opt) - 1 && ((p[k] >= 'a' && p[k] <= 'z') || p[k] == '-'))
					k++;
				if (k <= 2)
					continue;
				memcpy(opt, p, k);
				opt[k] = '\0';
				for (size_t j = 0; j < n; j++)
					dup = dup || strcmp(out[j], opt) == 0;
				if (!dup && n < MAX_OPTS)
					snprintf(out[n++], 40, "%s", opt);
				p += k - 1;
			}
			if (!eol)
				break;
			line = eol + 1;
		}
	}
	return n;
}

/* Whether the parser accepts @opt after @cmd (with or without a value). */
static bool accepts(enum lj_cmd cmd, const char *opt)
{
	char with_value[64];
	const char *forms[2] = { opt, with_value };

	snprintf(with_value, sizeof(with_value), "%s=run", opt);
	for (int f = 0; f < 2; f++) {
		const char *args[8];
		struct argv_buf b;
		struct lj_cli c;
		struct lj_err e;
		size_t k = 0;
		int r;

		if (cmd == LJ_CMD_NONE) {
			args[k++] = forms[f];
			args[k++] = "status";
		} else {
			args[k++] = lj_cmd_name(cmd);
			args[k++] = forms[f];
			if (cmd == LJ_CMD_RUN) {
				args[k++] = "python3";
				args[k++] = "x.py";
			} else if (cmd == LJ_CMD_PROFILE || cmd == LJ_CMD_ENV) {
				args[k++] = "list";
			}
		}
		args[k] = NULL;
		r = parse(args, &c, &e, &b);
		/* accepted, or refused for its value rather than as unknown */
		if (r == 0 || (!unit_contains(e.msg, "unknown option") &&
			       !unit_contains(e.msg, "bad option")))
			return true;
	}
	return false;
}

/* Each command's help (or the global options) mentions every option the
 * parser accepts for that command. */
START_TEST(test_help_mentions_accepted_options)
{
	enum lj_cmd cmd = help_cmds[_i];
	char opts[MAX_OPTS][40];
	size_t n = candidate_options(opts);
	char missing[1024] = "";

	for (size_t i = 0; i < n; i++) {
		if (!accepts(cmd, opts[i]))
			continue;
		if (mentions(lj_cli_help(cmd), opts[i]) || mentions(global_section(), opts[i]))
			continue;
		append(missing, sizeof(missing), opts[i]);
	}
	ck_assert_msg(missing[0] == '\0', "'langjail %s' accepts but its help never mentions:%s",
			lj_cmd_name(cmd), missing);
}
END_TEST

/* ... and accepts every option its help mentions. */
START_TEST(test_help_options_are_accepted)
{
	enum lj_cmd cmd = _i < (int) UNIT_ARRAY_SIZE(help_cmds) ? help_cmds[_i] : LJ_CMD_NONE;
	char opts[MAX_OPTS][40];
	size_t n = candidate_options(opts);
	const char *text = cmd == LJ_CMD_NONE ? global_section() : lj_cli_help(cmd);
	char missing[1024] = "";

	for (size_t i = 0; i < n; i++) {
		if (!mentions(text, opts[i]) || accepts(cmd, opts[i]))
			continue;
		append(missing, sizeof(missing), opts[i]);
	}
	ck_assert_msg(missing[0] == '\0', "help of '%s' mentions options the parser refuses:%s",
			lj_cmd_name(cmd), missing);
}
END_TEST

/* The brief form: every limit's option is in the run help. */
START_TEST(test_help_run_every_limit)
{
	enum lj_limit l = (enum lj_limit) _i;

	ck_assert_msg(mentions(lj_cli_help(LJ_CMD_RUN), lj_limit_option(l)),
			"run help lacks %s", lj_limit_option(l));
}
END_TEST

static Suite *cli_suite(void)
{
	Suite *s = suite_create("cli");
	TCase *tc;

	tc = tcase_create("errors");
	tcase_add_loop_test(tc, test_bad, 0, UNIT_ARRAY_SIZE(bad_cases));
	tcase_add_test(tc, test_bad_short_cluster);
	suite_add_tcase(s, tc);

	tc = tcase_create("parse");
	tcase_add_loop_test(tc, test_good, 0, UNIT_ARRAY_SIZE(good_cases));
	tcase_add_test(tc, test_run_limits);
	tcase_add_loop_test(tc, test_run_every_limit_option, 0, LJ_LIMIT__MAX);
	tcase_add_test(tc, test_run_program_args_not_ours);
	tcase_add_test(tc, test_run_flags);
	tcase_add_test(tc, test_run_file_count);
	tcase_add_test(tc, test_profile_mac_output);
	tcase_add_test(tc, test_selftest_rest);
	tcase_add_test(tc, test_reparse);
	suite_add_tcase(s, tc);

	tc = tcase_create("help");
	tcase_add_test(tc, test_help_names);
	tcase_add_loop_test(tc, test_help_mentions_accepted_options, 0,
			UNIT_ARRAY_SIZE(help_cmds));
	tcase_add_loop_test(tc, test_help_options_are_accepted, 0,
			UNIT_ARRAY_SIZE(help_cmds) + 1);
	tcase_add_loop_test(tc, test_help_run_every_limit, 0, LJ_LIMIT__MAX);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return unit_run(cli_suite());
}
