/*
 * test-lang.c - unit tests for lang.c: language files, ${envs_dir}, the
 * [limits] overrides, loading and listing, and the argv template expansion.
 *
 * Hostile rows first: missing required keys, source names with '/' or '..',
 * paths that climb out of envs_dir, env entries that are not NAME=VALUE.
 * lj_lang_expand_argv packs the vector and its strings into one allocation;
 * the tests check the exact layout (pointer array, then each string right
 * after the previous one), so an off-by-one shows even without ASan, and
 * under ASan (CI) any overrun aborts the test.
 */
#include "config.h"

#include <check.h>
#include <errno.h>
#include <malloc.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ini.h"
#include "lang.h"
#include "lj-config.h"
#include "unit.h"

#define ENVS "/var/lib/langjail/envs"
#define MiB (UINT64_C(1) << 20)

static const char python3_ini[] =
	"; Python 3\n"
	"[language]\n"
	"description = Python 3\n"
	"interpreter = ${envs_dir}/python3/bin/python3\n"
	"fallback = /usr/bin/python3\n"
	"argv = {interpreter} -I -B {source} {args}\n"
	"source = main.py\n"
	"env = PYTHONIOENCODING=utf-8 LC_ALL=C.UTF-8\n"
	"read_paths = /etc/python3 /etc/ssl/certs\n"
	"\n"
	"[limits]\n"
	"memory = 256M\n";

static void assert_strv(char **v, const char *const *want, size_t n)
{
	ck_assert_ptr_nonnull(v);
	ck_assert_uint_eq(lj_strv_len(v), n);
	for (size_t i = 0; i < n; i++)
		ck_assert_str_eq(v[i], want[i]);
	ck_assert_ptr_null(v[n]);
}

START_TEST(test_good_python3)
{
	static const char *const argv[] = { "{interpreter}", "-I", "-B", "{source}", "{args}" };
	static const char *const env[] = { "PYTHONIOENCODING=utf-8", "LC_ALL=C.UTF-8" };
	static const char *const rp[] = { "/etc/python3", "/etc/ssl/certs" };
	struct lj_lang *l = NULL;
	struct lj_err e;

	lj_err_clear(&e);
	ck_assert_msg(lj_lang_parse_string("python3", python3_ini, ENVS, &l, &e) == 0, "%s", e.msg);
	ck_assert_str_eq(l->name, "python3");
	ck_assert_ptr_null(l->path);
	ck_assert_str_eq(l->description, "Python 3");
	ck_assert_str_eq(l->interpreter, ENVS "/python3/bin/python3");
	ck_assert_str_eq(l->fallback, "/usr/bin/python3");
	ck_assert_str_eq(l->env_dir, ENVS "/python3");
	ck_assert_str_eq(l->source_name, "main.py");
	assert_strv(l->argv, argv, 5);
	assert_strv(l->env, env, 2);
	assert_strv(l->read_paths, rp, 2);
	ck_assert_ptr_null(l->exec_paths);
	ck_assert_str_eq(l->apparmor_profile, "langjail-python3");
	ck_assert_str_eq(l->selinux_type, "langjail_python3_t");
	ck_assert_uint_eq(l->limits_set, 1u << LJ_LIMIT_MEMORY);
	ck_assert_uint_eq(l->limits.v[LJ_LIMIT_MEMORY], 256 * MiB);
	lj_lang_free(l);
	lj_lang_free(NULL);
}
END_TEST

#define BASE_NOSRC "interpreter = /usr/bin/x\nargv = {interpreter} {source}\n"
#define BASE BASE_NOSRC "source = main.x\n"

static const struct {
	const char *text;
	const char *prefix;   /* message starts with */
	const char *also;     /* and contains */
} bad_cases[] = {
	/* required keys */
	{ "[language]\nargv = {interpreter}\nsource = main.py\n", "python3", "'interpreter'" },
	{ "[language]\ninterpreter = /usr/bin/python3\nsource = main.py\n", "python3", "'argv'" },
	{ "[language]\ninterpreter = /usr/bin/python3\nargv = {interpreter}\n", "python3",
		"'source'" },
	{ "", "python3", "missing" },
	{ "[limits]\ncpu = 1\n", "python3", "missing" },
	/* the source name */
	{ "[language]\n" BASE_NOSRC "source = ../x\n", "python3:4: [language] source: ", "'../x'" },
	{ "[language]\n" BASE_NOSRC "source = a/b\n", "python3:4: [language] source: ", "'a/b'" },
	{ "[language]\n" BASE_NOSRC "source = /etc/passwd\n", "python3:4: [language] source: ", NULL },
	{ "[language]\n" BASE_NOSRC "source = .bashrc\n", "python3:4: [language] source: ", NULL },
	{ "[language]\n" BASE_NOSRC "source = ..\n", "python3:4: [language] source: ", NULL },
	{ "[language]\n" BASE_NOSRC "source =\n", "python3:4: [language] source: ", NULL },
	/* env */
	{ "[language]\n" BASE "env = FOO\n", "python3:5: [language] env: ", "'FOO' is not NAME=VALUE" },
	{ "[language]\n" BASE "env = =x\n", "python3:5: [language] env: ", "'=x'" },
	{ "[language]\n" BASE "env = A=1 B\n", "python3:5: [language] env: ", "'B'" },
	/* paths */
	{ "[language]\ninterpreter = bin/python\nargv = x\nsource = m\n",
		"python3:2: [language] interpreter: ", "'bin/python'" },
	{ "[language]\ninterpreter = ${envs_dir}/../../../bin/sh\nargv = x\nsource = m\n",
		"python3:2: [language] interpreter: ", NULL },
	{ "[language]\ninterpreter = /usr/bin/../sh\nargv = x\nsource = m\n",
		"python3:2: [language] interpreter: ", NULL },
	{ "[language]\n" BASE "fallback = python3\n", "python3:5: [language] fallback: ", NULL },
	{ "[language]\n" BASE "env_dir = ${envs_dir}/..\n", "python3:5: [language] env_dir: ", NULL },
	{ "[language]\n" BASE "read_paths = /ok relative\n", "python3:5: [language] read_paths: ",
		"'relative'" },
	{ "[language]\n" BASE "exec_paths = /ok ${envs_dir}/../x\n",
		"python3:5: [language] exec_paths: ", NULL },
	/* unknown keys, sections, limits */
	{ "[language]\n" BASE "foo = bar\n", "python3:5: [language] foo: ", "unknown key" },
	{ "[langauge]\n" BASE, "python3:1: [langauge]: ", "unknown section" },
	{ "[language]\n" BASE "[limits]\nmax_memory = 1G\n", "python3:6: [limits] max_memory: ",
		"unknown limit" },
	{ "[language]\n" BASE "[limits]\nmemory = 64Q\n", "python3:6: [limits] memory: ", "'64Q'" },
	{ "[language]\n" BASE "[limits]\ncpu = 0\n", "python3:6: [limits] cpu: ", "'0'" },
	{ "[language]\n" BASE "[limits]\nprocs = -1\n", "python3:6: [limits] procs: ", NULL },
	{ "[language]\ninterpreter = /usr/bin/x\nargv =\nsource = m\n",
		"python3:3: [language] argv: ", "empty value" },
	{ "[language]\n" BASE "description =\n", "python3:5: [language] description: ", NULL },
	/* a key before any section is not silently dropped */
	{ "memory = 16G\n[language]\n" BASE, "python3:1:", "memory" },
	/* the compile phase */
	{ "[language]\n" BASE "[compile]\ncompiler = /usr/bin/cc\n", "python3", "'argv'" },
	{ "[language]\n" BASE "[compile]\nargv =\n", "python3:6: [compile] argv: ", "empty" },
	{ "[language]\n" BASE "[compile]\nargv = x\nsource = y\n",
		"python3:7: [compile] source: ", "unknown key" },
	{ "[language]\n" BASE "[compile]\nargv = x\ncompiler = cc\n",
		"python3:7: [compile] compiler: ", "'cc'" },
	{ "[language]\n" BASE "[compile]\nargv = x\nexec_paths = /a b\n",
		"python3:7: [compile] exec_paths: ", "'b'" },
	{ "[language]\n" BASE "[compile_limits]\nmemory = 1G\n", "python3", "no [compile] section" },
	{ "[language]\n" BASE "[compile]\nargv = x\n[compile_limits]\nmemory = lots\n",
		"python3:8: [compile_limits] memory: ", "'lots'" },
	/* [compile] keys are not [language] keys and the other way round */
	{ "[language]\n" BASE "compiler = /usr/bin/cc\n", "python3:5: [language] compiler: ",
		"unknown key" },
};

START_TEST(test_bad_files)
{
	struct lj_lang *l = (struct lj_lang *) 0x1;
	struct lj_err e;
	int r;

	lj_err_clear(&e);
	r = lj_lang_parse_string("python3", bad_cases[_i].text, ENVS, &l, &e);
	ck_assert_msg(r == -EINVAL, "accepted (r=%d):\n%s", r, bad_cases[_i].text);
	ck_assert(l == (struct lj_lang *) 0x1);
	ck_assert_str_eq(e.code, "config");
	ck_assert_msg(strncmp(e.msg, bad_cases[_i].prefix, strlen(bad_cases[_i].prefix)) == 0,
			"message \"%s\" does not start with \"%s\"", e.msg, bad_cases[_i].prefix);
	if (bad_cases[_i].also)
		ck_assert_msg(unit_contains(e.msg, bad_cases[_i].also), "message \"%s\" lacks \"%s\"",
				e.msg, bad_cases[_i].also);
}
END_TEST

/* A compiled language: [compile] and [compile_limits] land in l->compile. */
static void assert_layout(char **v, size_t n);

START_TEST(test_compiled)
{
	static const char text[] =
		"[language]\n"
		"interpreter = ${envs_dir}/java/bin/java\n"
		"argv = {interpreter} -XX:MaxRAM={memory_mb}m -cp {workdir} Main {args}\n"
		"source = Main.java\n"
		"[compile]\n"
		"compiler = ${envs_dir}/java/bin/javac\n"
		"fallback = /usr/bin/javac\n"
		"argv = {compiler} -d . {source}\n"
		"env = A=1\n"
		"read_paths = /etc/java\n"
		"[compile_limits]\n"
		"memory = 1G\n"
		"cpu = 20s\n";
	static char *const args[] = { (char *) "x", NULL };
	struct lj_argv_vars vars = { .interpreter = "/e/java", .compiler = "/e/javac",
		.source = "Main.java", .workdir = "/w", .memory_mb = "512" };
	struct lj_lang *l = NULL;
	struct lj_err e;
	char **v = NULL;

	lj_err_clear(&e);
	ck_assert_msg(lj_lang_parse_string("java", text, ENVS, &l, &e) == 0, "%s", e.msg);
	ck_assert(l->compile.on);
	ck_assert_str_eq(l->compile.compiler, ENVS "/java/bin/javac");
	ck_assert_str_eq(l->compile.fallback, "/usr/bin/javac");
	ck_assert_str_eq(l->compile.env[0], "A=1");
	ck_assert_str_eq(l->compile.read_paths[0], "/etc/java");
	ck_assert_ptr_null(l->compile.exec_paths);
	ck_assert_uint_eq(l->compile.limits_set, (1u << LJ_LIMIT_MEMORY) | (1u << LJ_LIMIT_CPU));
	ck_assert_uint_eq(l->compile.limits.v[LJ_LIMIT_MEMORY], 1024 * MiB);
	ck_assert_uint_eq(l->limits_set, 0);
	ck_assert_int_eq(lj_lang_expand_argv(l->compile.argv, &vars, NULL, &v), 0);
	ck_assert_uint_eq(lj_strv_len(v), 4);
	ck_assert_str_eq(v[0], "/e/javac");
	ck_assert_str_eq(v[3], "Main.java");
	assert_layout(v, 4);
	free(v);
	ck_assert_int_eq(lj_lang_expand_argv(l->argv, &vars, args, &v), 0);
	ck_assert_uint_eq(lj_strv_len(v), 6);
	ck_assert_str_eq(v[1], "-XX:MaxRAM=512m");
	ck_assert_str_eq(v[3], "/w");
	ck_assert_str_eq(v[5], "x");
	assert_layout(v, 6);
	free(v);
	lj_lang_free(l);

	/* without [compile] nothing is set */
	ck_assert_msg(lj_lang_parse_string("py", python3_ini, ENVS, &l, &e) == 0, "%s", e.msg);
	ck_assert(!l->compile.on);
	ck_assert_ptr_null(l->compile.argv);
	lj_lang_free(l);
}
END_TEST

START_TEST(test_envs_dir_expansion)
{
	static const char text[] =
		"[language]\n"
		"interpreter = ${envs_dir}/py/bin/python3\n"
		"env_dir = ${envs_dir}/py\n"
		"fallback = /opt/${envs_dir}/x\n"
		"argv = {interpreter} ${envs_dir}\n"
		"source = main.py\n"
		"read_paths = ${envs_dir}/a /b ${envs_dir}\n"
		"exec_paths = ${envs_dir}/lib\n";
	static const char *const rp[] = { "/srv/envs/a", "/b", "/srv/envs" };
	static const char *const xp[] = { "/srv/envs/lib" };
	static const char *const argv[] = { "{interpreter}", "${envs_dir}" };
	struct lj_lang *l = NULL;
	struct lj_err e;

	lj_err_clear(&e);
	ck_assert_msg(lj_lang_parse_string("py", text, "/srv/envs", &l, &e) == 0, "%s", e.msg);
	ck_assert_str_eq(l->interpreter, "/srv/envs/py/bin/python3");
	ck_assert_str_eq(l->env_dir, "/srv/envs/py");
	ck_assert_str_eq(l->fallback, "/opt/${envs_dir}/x");   /* only a leading ${envs_dir} */
	assert_strv(l->read_paths, rp, 3);
	assert_strv(l->exec_paths, xp, 1);
	assert_strv(l->argv, argv, 2);                          /* argv is not a path */
	lj_lang_free(l);
}
END_TEST

START_TEST(test_limits_overrides)
{
	static const char text[] =
		"[language]\n" BASE
		"[limits]\n"
		"cpu = 1.5\n"
		"procs = 4\n"
		"stack = 16M\n";
	struct lj_lang *l = NULL;
	struct lj_err e;

	lj_err_clear(&e);
	ck_assert_msg(lj_lang_parse_string("x", text, ENVS, &l, &e) == 0, "%s", e.msg);
	ck_assert_uint_eq(l->limits_set,
			(1u << LJ_LIMIT_CPU) | (1u << LJ_LIMIT_PROCS) | (1u << LJ_LIMIT_STACK));
	ck_assert_uint_eq(l->limits.v[LJ_LIMIT_CPU], 1500);
	ck_assert_uint_eq(l->limits.v[LJ_LIMIT_PROCS], 4);
	ck_assert_uint_eq(l->limits.v[LJ_LIMIT_STACK], 16 * MiB);
	ck_assert_uint_eq(l->limits.v[LJ_LIMIT_MEMORY], 0);
	lj_lang_free(l);

	/* no [limits]: nothing set */
	ck_assert_msg(lj_lang_parse_string("x", "[language]\n" BASE, ENVS, &l, &e) == 0, "%s", e.msg);
	ck_assert_uint_eq(l->limits_set, 0);
	lj_lang_free(l);
}
END_TEST

START_TEST(test_explicit_names)
{
	static const char text[] =
		"[language]\n" BASE
		"env_dir = /opt/x\n"
		"apparmor_profile = my-profile\n"
		"selinux_type = my_t\n";
	struct lj_lang *l = NULL;
	struct lj_err e;

	lj_err_clear(&e);
	ck_assert_msg(lj_lang_parse_string("x", text, ENVS, &l, &e) == 0, "%s", e.msg);
	ck_assert_str_eq(l->env_dir, "/opt/x");
	ck_assert_str_eq(l->apparmor_profile, "my-profile");
	ck_assert_str_eq(l->selinux_type, "my_t");
	lj_lang_free(l);
}
END_TEST

/* ---- loading and listing --------------------------------------------------- */

static char dir[4096];

static void dir_setup(void)
{
	unit_tmpdir(dir, sizeof(dir), "lang");
}

static void dir_teardown(void)
{
	unit_rmrf(dir);
}

static struct lj_config *config_in(const char *languages_dir)
{
	struct lj_config *c = lj_config_new();

	ck_assert_ptr_nonnull(c);
	free(c->languages_dir);
	c->languages_dir = strdup(languages_dir);
	ck_assert_ptr_nonnull(c->languages_dir);
	return c;
}

static void put(const char *name, const char *text, mode_t mode)
{
	char p[4400];

	snprintf(p, sizeof(p), "%s/%s", dir, name);
	unit_write_file(p, text, strlen(text), mode);
}

static const char *const bad_lang_names[] = {
	"../etc/passwd", "..", "", "a/b", "Python", "py\n", "py.ini",
};

START_TEST(test_load_bad_name)
{
	struct lj_config *c = config_in(dir);
	struct lj_lang *l = NULL;
	struct lj_err e;

	lj_err_clear(&e);
	ck_assert_int_eq(lj_lang_load(c, bad_lang_names[_i], false, &l, &e), -EINVAL);
	ck_assert_ptr_null(l);
	ck_assert_str_eq(e.code, "unknown_language");
	lj_config_free(c);
}
END_TEST

START_TEST(test_load)
{
	struct lj_config *c = config_in(dir);
	struct lj_lang *l = NULL;
	struct lj_err e;
	char link[4400], want[4400];

	put("python3.ini", python3_ini, 0644);
	lj_err_clear(&e);
	ck_assert_msg(lj_lang_load(c, "python3", geteuid() == 0, &l, &e) == 0, "%s", e.msg);
	snprintf(want, sizeof(want), "%s/python3.ini", dir);
	ck_assert_str_eq(l->path, want);
	ck_assert_str_eq(l->name, "python3");
	snprintf(want, sizeof(want), "%s/python3/bin/python3", c->envs_dir);
	ck_assert_str_eq(l->interpreter, want);
	lj_lang_free(l);
	l = NULL;

	/* unknown */
	ck_assert_int_eq(lj_lang_load(c, "cobol", false, &l, &e), -ENOENT);
	ck_assert_str_eq(e.code, "unknown_language");
	ck_assert_ptr_null(l);

	/* a symlinked language file is refused */
	snprintf(link, sizeof(link), "%s/py.ini", dir);
	snprintf(want, sizeof(want), "%s/python3.ini", dir);
	ck_assert_int_eq(symlink(want, link), 0);
	ck_assert_int_eq(lj_lang_load(c, "py", false, &l, &e), -ELOOP);
	ck_assert_ptr_null(l);

	/* a group-writable one is refused when privileged */
	if (geteuid() == 0) {
		put("gw.ini", python3_ini, 0664);
		ck_assert_int_eq(lj_lang_load(c, "gw", true, &l, &e), -EPERM);
		ck_assert_ptr_null(l);
	} else {
		fprintf(stderr, "test-lang: SKIP privileged load: needs root\n");
	}
	lj_config_free(c);
}
END_TEST

START_TEST(test_list)
{
	struct lj_config *c = config_in(dir);
	char **v = NULL, sub[4400];
	struct lj_err e;
	static const char *const want[] = { "c++", "python3", "sh" };

	put("sh.ini", "", 0644);
	put("python3.ini", "", 0644);
	put("c++.ini", "", 0644);
	put("Bad.ini", "", 0644);
	put(".ini", "", 0644);
	put("..ini", "", 0644);
	put("x.txt", "", 0644);
	put("a.ini.bak", "", 0644);
	put("ini", "", 0644);
	snprintf(sub, sizeof(sub), "%s/we ird.ini", dir);
	ck_assert_int_eq(mkdir(sub, 0755), 0);
	lj_err_clear(&e);
	ck_assert_msg(lj_lang_list(c, &v, &e) == 0, "%s", e.msg);
	assert_strv(v, want, 3);
	lj_strv_free(v);
	lj_config_free(c);

	c = config_in("/nonexistent-lj-dir");
	ck_assert_int_eq(lj_lang_list(c, &v, &e), -ENOENT);
	lj_config_free(c);
}
END_TEST

/* The shipped language files parse and load. */
START_TEST(test_shipped)
{
	const char *src = getenv("LANGJAIL_SRCDIR");
	char path[4096];
	struct lj_config *c;
	struct lj_lang *l = NULL;
	struct lj_err e;

	snprintf(path, sizeof(path), "%s/languages", src ? src : ".");
	if (access(path, R_OK) < 0) {
		fprintf(stderr, "test-lang: SKIP shipped languages: %s not found\n", path);
		return;
	}
	c = config_in(path);
	lj_err_clear(&e);
	ck_assert_msg(lj_lang_load(c, "python3", false, &l, &e) == 0, "%s", e.msg);
	ck_assert_str_eq(l->source_name, "main.py");
	lj_lang_free(l);
	ck_assert_msg(lj_lang_load(c, "sh", false, &l, &e) == 0, "%s", e.msg);
	lj_lang_free(l);
	lj_config_free(c);
}
END_TEST

/* ---- lj_lang_expand_argv ------------------------------------------------- */

static struct lj_lang *lang_with_argv(const char *words)
{
	struct lj_lang *l = calloc(1, sizeof(*l));

	ck_assert_ptr_nonnull(l);
	ck_assert_int_eq(lj_split_words(words, &l->argv), 0);
	return l;
}

/* The old three-value form: {interpreter} {source} {workdir}. */
static int expand(const struct lj_lang *l, const char *interp, const char *source,
		const char *workdir, char *const *args, char ***ret)
{
	struct lj_argv_vars vars = { .interpreter = interp, .source = source, .workdir = workdir };

	return lj_lang_expand_argv(l->argv, &vars, args, ret);
}

/* The vector is one block: n+1 pointers, then the strings back to back. */
static void assert_layout(char **v, size_t n)
{
	char *expect = (char *) (v + n + 1);
	size_t bytes = 0;

	ck_assert_ptr_null(v[n]);
	for (size_t i = 0; i < n; i++) {
		ck_assert_msg(v[i] == expect, "string %zu is not where the layout puts it", i);
		expect += strlen(v[i]) + 1;
		bytes += strlen(v[i]) + 1;
	}
	ck_assert_uint_ge(malloc_usable_size(v), (n + 1) * sizeof(char *) + bytes);
#if defined(__SANITIZE_ADDRESS__)
	/* ASan reports the requested size: it must be exact */
	ck_assert_uint_eq(malloc_usable_size(v), (n + 1) * sizeof(char *) + bytes);
#endif
}

static char *const no_args[] = { NULL };
static char *const two_args[] = { "a", "b c", NULL };
static char *const odd_args[] = { "", "{source}", "{args}", "-c", NULL };

static const struct {
	const char *tmpl;
	char *const *args;
	const char *want[12];
} expand_cases[] = {
	{ "{interpreter} -I -B {source} {args}", no_args,
		{ "/i/python3", "-I", "-B", "main.py" } },
	{ "{interpreter} -I -B {source} {args}", two_args,
		{ "/i/python3", "-I", "-B", "main.py", "a", "b c" } },
	{ "{interpreter} -I -B {source} {args}", NULL,
		{ "/i/python3", "-I", "-B", "main.py" } },
	{ "{args}", no_args, { NULL } },
	{ "{args}", two_args, { "a", "b c" } },
	{ "{args} {args}", two_args, { "a", "b c", "a", "b c" } },
	{ "{args}", odd_args, { "", "{source}", "{args}", "-c" } },     /* args stay literal */
	{ "{source}{source}", no_args, { "main.pymain.py" } },
	{ "{source}{source}{source}{source}", no_args, { "main.pymain.pymain.pymain.py" } },
	{ "--dir={workdir}/x", no_args, { "--dir=/w/x" } },
	{ "{interpreter}{source}{workdir}", no_args, { "/i/python3main.py/w" } },
	{ "x{args} {args}x", two_args, { "x{args}", "{args}x" } },      /* only a whole token */
	{ "{unknown} {interpreter {source", no_args, { "{unknown}", "{interpreter", "{source" } },
	{ "{{source}} {}", no_args, { "{main.py}", "{}" } },
	{ "{SOURCE} {source }", no_args, { "{SOURCE}", "{source", "}" } },
	{ "plain", two_args, { "plain" } },
};

START_TEST(test_expand)
{
	struct lj_lang *l = lang_with_argv(expand_cases[_i].tmpl);
	char **v = NULL;
	size_t n = 0;

	ck_assert_int_eq(expand(l, "/i/python3", "main.py", "/w",
			expand_cases[_i].args, &v), 0);
	while (expand_cases[_i].want[n])
		n++;
	ck_assert_uint_eq(lj_strv_len(v), n);
	for (size_t i = 0; i < n; i++)
		ck_assert_str_eq(v[i], expand_cases[_i].want[i]);
	assert_layout(v, n);
	free(v);
	lj_lang_free(l);
}
END_TEST

/* Substituted values are never expanded again. */
START_TEST(test_expand_no_recursion)
{
	struct lj_lang *l = lang_with_argv("{interpreter} {source} {workdir}");
	char **v = NULL;

	ck_assert_int_eq(expand(l, "{source}", "{workdir}", "{interpreter}",
			no_args, &v), 0);
	ck_assert_str_eq(v[0], "{source}");
	ck_assert_str_eq(v[1], "{workdir}");
	ck_assert_str_eq(v[2], "{interpreter}");
	assert_layout(v, 3);
	free(v);
	lj_lang_free(l);
}
END_TEST

/* Empty substitutions give empty strings, not missing ones. */
START_TEST(test_expand_empty_values)
{
	struct lj_lang *l = lang_with_argv("{interpreter} {source}{workdir} x{source}y");
	char **v = NULL;

	ck_assert_int_eq(expand(l, "", "", "", no_args, &v), 0);
	ck_assert_uint_eq(lj_strv_len(v), 3);
	ck_assert_str_eq(v[0], "");
	ck_assert_str_eq(v[1], "");
	ck_assert_str_eq(v[2], "xy");
	assert_layout(v, 3);
	free(v);
	lj_lang_free(l);
}
END_TEST

static char **many_args(size_t n, const char *value)
{
	char **a = calloc(n + 1, sizeof(char *));

	ck_assert_ptr_nonnull(a);
	for (size_t i = 0; i < n; i++)
		a[i] = (char *) value;
	return a;
}

/* The count limit: 100000 entries pass, one more is -E2BIG (ret untouched). */
START_TEST(test_expand_count_limit)
{
	struct lj_lang *l = lang_with_argv("{interpreter} {args}");
	char **sentinel = (char **) 0x1, **v = sentinel;
	char **a = many_args(100000, "xy");

	ck_assert_int_eq(expand(l, "/i", "s", "/w", a + 1, &v), 0);
	ck_assert_uint_eq(lj_strv_len(v), 100000);
	ck_assert_str_eq(v[0], "/i");
	ck_assert_str_eq(v[99999], "xy");
	assert_layout(v, 100000);
	free(v);
	v = sentinel;
	ck_assert_int_eq(expand(l, "/i", "s", "/w", a, &v), -E2BIG);
	ck_assert(v == sentinel);
	free(a);
	lj_lang_free(l);
}
END_TEST

/* The byte limit: 64 MiB of strings pass, one byte more is -E2BIG. */
START_TEST(test_expand_byte_limit)
{
	struct lj_lang *l = lang_with_argv("{args}");
	size_t half = (size_t) 32 << 20;
	char *big = malloc(half);
	char *args[3] = { big, big, NULL };
	char **v = NULL;

	ck_assert_ptr_nonnull(big);
	memset(big, 'q', half - 1);
	big[half - 1] = '\0';   /* each arg takes exactly 32 MiB with its NUL */
	ck_assert_int_eq(expand(l, "/i", "s", "/w", args, &v), 0);
	ck_assert_uint_eq(strlen(v[1]), half - 1);
	assert_layout(v, 2);
	free(v);
	v = NULL;
	memset(big, 'q', half);
	big = realloc(big, half + 1);
	ck_assert_ptr_nonnull(big);
	big[half] = '\0';
	args[0] = args[1] = big;
	ck_assert_int_eq(expand(l, "/i", "s", "/w", args, &v), -E2BIG);
	ck_assert_ptr_null(v);
	free(big);
	lj_lang_free(l);
}
END_TEST

/* A template that repeats a large substitution hits the byte limit too. */
START_TEST(test_expand_repeated_placeholder_limit)
{
	char tmpl[4096] = "";
	struct lj_lang *l;
	size_t n = (size_t) 1 << 20;
	char *src = malloc(n + 1);
	char **v = NULL;

	ck_assert_ptr_nonnull(src);
	memset(src, 's', n);
	src[n] = '\0';
	for (int i = 0; i < 100; i++)
		strcat(tmpl, "{source}");
	l = lang_with_argv(tmpl);
	ck_assert_int_eq(expand(l, "/i", src, "/w", no_args, &v), -E2BIG);
	ck_assert_ptr_null(v);
	lj_lang_free(l);
	free(src);
}
END_TEST

/* Many small substitutions: the measured size and the written size agree. */
START_TEST(test_expand_dense)
{
	struct lj_lang *l = lang_with_argv("{source}x{workdir}{interpreter}{source} "
			"{workdir}{workdir} a{interpreter}b {args} {source}");
	char *args[] = { "1", "", "333", NULL };
	char **v = NULL;

	ck_assert_int_eq(expand(l, "II", "S", "WWW", args, &v), 0);
	ck_assert_uint_eq(lj_strv_len(v), 7);
	ck_assert_str_eq(v[0], "SxWWWIIS");
	ck_assert_str_eq(v[1], "WWWWWW");
	ck_assert_str_eq(v[2], "aIIb");
	ck_assert_str_eq(v[3], "1");
	ck_assert_str_eq(v[4], "");
	ck_assert_str_eq(v[5], "333");
	ck_assert_str_eq(v[6], "S");
	assert_layout(v, 7);
	free(v);
	lj_lang_free(l);
}
END_TEST

static Suite *lang_suite(void)
{
	Suite *s = suite_create("lang");
	TCase *tc;

	tc = tcase_create("parse");
	tcase_add_loop_test(tc, test_bad_files, 0, UNIT_ARRAY_SIZE(bad_cases));
	tcase_add_test(tc, test_compiled);
	tcase_add_test(tc, test_good_python3);
	tcase_add_test(tc, test_envs_dir_expansion);
	tcase_add_test(tc, test_limits_overrides);
	tcase_add_test(tc, test_explicit_names);
	suite_add_tcase(s, tc);

	tc = tcase_create("load");
	tcase_add_unchecked_fixture(tc, unit_top_setup, unit_top_teardown);
	tcase_add_checked_fixture(tc, dir_setup, dir_teardown);
	tcase_add_loop_test(tc, test_load_bad_name, 0, UNIT_ARRAY_SIZE(bad_lang_names));
	tcase_add_test(tc, test_load);
	tcase_add_test(tc, test_list);
	tcase_add_test(tc, test_shipped);
	suite_add_tcase(s, tc);

	tc = tcase_create("expand");
	tcase_set_timeout(tc, 60);
	tcase_add_loop_test(tc, test_expand, 0, UNIT_ARRAY_SIZE(expand_cases));
	tcase_add_test(tc, test_expand_no_recursion);
	tcase_add_test(tc, test_expand_empty_values);
	tcase_add_test(tc, test_expand_count_limit);
	tcase_add_test(tc, test_expand_byte_limit);
	tcase_add_test(tc, test_expand_repeated_placeholder_limit);
	tcase_add_test(tc, test_expand_dense);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return unit_run(lang_suite());
}
