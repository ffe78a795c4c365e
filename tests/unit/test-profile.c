/*
 * test-profile.c - unit tests for profile.c: rendering AppArmor profiles and
 * the SELinux module from templates, profile and file names, installing and
 * removing profile files, and reading a profile's mode.
 *
 * Hostile inputs first: values AppArmor would read as syntax in every key
 * that reaches a profile, malformed templates (each error must name the
 * file and line, or the INI key), hostile profile lists and file names.
 * Then behaviour against the real templates of the source tree ($srcdir,
 * set by automake; "." by default): deterministic output, every placeholder
 * replaced, the right rules for interpreted and compiled languages.
 * Languages are built by hand (struct lj_lang), not loaded from files.
 * Installing uses a temporary directory and small scripts standing in for
 * apparmor_parser, checkmodule, semodule_package and semodule that record
 * their arguments (the real compilers run in tests/integ/profile-compile.sh
 * and profile-selinux.sh).
 */
#include "config.h"

#include <check.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#include "lang.h"
#include "lj-config.h"
#include "profile.h"

#define S(x) ((char *) (x))

static const char *srcdir(void)
{
	const char *s = getenv("srcdir");

	return s && *s ? s : ".";
}

static char aa_templates[4096];
static char se_templates[4096];

static void set_template_dirs(void)
{
	snprintf(aa_templates, sizeof(aa_templates), "%s/apparmor.d/templates", srcdir());
	snprintf(se_templates, sizeof(se_templates), "%s/selinux", srcdir());
}

/* --- languages and configuration, by hand ------------------------------------ */

struct tlang {
	struct lj_lang l;
	char *argv[3];
	char *reads[8];
	char *execs[8];
};

static void tlang_python(struct tlang *t)
{
	memset(t, 0, sizeof(*t));
	t->l.name = S("python3");
	t->l.path = S("/etc/langjail/languages.d/python3.ini");
	t->l.interpreter = S("/var/lib/langjail/envs/python3/bin/python3");
	t->l.env_dir = S("/var/lib/langjail/envs/python3");
	t->l.apparmor_profile = S("langjail-python3");
	t->l.selinux_type = S("langjail_python3_t");
	t->argv[0] = S("{interpreter}");
	t->argv[1] = S("{source}");
	t->l.argv = t->argv;
	t->reads[0] = S("/usr/share/python3");
	t->reads[1] = S("/etc/python3.11/");
	t->l.read_paths = t->reads;
	t->l.exec_paths = t->execs;
}

static void tlang_sh(struct tlang *t)
{
	memset(t, 0, sizeof(*t));
	t->l.name = S("sh");
	t->l.path = S("/etc/langjail/languages.d/sh.ini");
	t->l.interpreter = S("/var/lib/langjail/envs/sh/bin/sh");
	t->l.env_dir = S("/var/lib/langjail/envs/sh");
	t->l.apparmor_profile = S("langjail-sh");
	t->l.selinux_type = S("langjail_sh_t");
	t->argv[0] = S("{interpreter}");
	t->l.argv = t->argv;
	t->execs[0] = S("/usr/bin/cat");
	t->l.read_paths = t->reads;
	t->l.exec_paths = t->execs;
}

static void tlang_c(struct tlang *t)
{
	memset(t, 0, sizeof(*t));
	t->l.name = S("c");
	t->l.path = S("/etc/langjail/languages.d/c.ini");
	t->l.interpreter = S("/var/lib/langjail/envs/c/bin/gcc");
	t->l.env_dir = S("/var/lib/langjail/envs/c");
	t->l.apparmor_profile = S("langjail-c");
	t->l.selinux_type = S("langjail_c_t");
	t->argv[0] = S("{workdir}/main");
	t->l.argv = t->argv;
	t->l.compile.on = true;
	t->l.read_paths = t->reads;
	t->l.exec_paths = t->execs;
}

static void tconfig(struct lj_config *c)
{
	memset(c, 0, sizeof(*c));
	c->path = S("/etc/langjail/langjail.conf");
	c->workdir_root = S("/var/lib/langjail/work");
	c->envs_dir = S("/var/lib/langjail/envs");
}

/* Count occurrences of @needle in @hay. */
static int count(const char *hay, const char *needle)
{
	int n = 0;

	for (const char *p = hay; (p = strstr(p, needle)); p += strlen(needle))
		n++;
	return n;
}

/* --- temporary directories and files ------------------------------------------ */

static char tmpdir[256];

static void make_tmpdir(void)
{
	const char *base = getenv("TMPDIR");

	snprintf(tmpdir, sizeof(tmpdir), "%s/lj-test-profile.XXXXXX", base && *base ? base : "/tmp");
	ck_assert_ptr_nonnull(mkdtemp(tmpdir));
}

static void write_file(const char *dir, const char *name, const char *text, mode_t mode)
{
	char p[512];
	FILE *f;

	snprintf(p, sizeof(p), "%s/%s", dir, name);
	f = fopen(p, "we");
	ck_assert_ptr_nonnull(f);
	ck_assert_int_ge(fputs(text, f), 0);
	ck_assert_int_eq(fclose(f), 0);
	ck_assert_int_eq(chmod(p, mode), 0);
}

static char *read_file(const char *dir, const char *name)
{
	char p[512];
	char *buf = calloc(1, 65536);
	FILE *f;
	size_t n;

	ck_assert_ptr_nonnull(buf);
	snprintf(p, sizeof(p), "%s/%s", dir, name);
	f = fopen(p, "re");
	if (!f) {
		free(buf);
		return NULL;
	}
	n = fread(buf, 1, 65535, f);
	buf[n] = '\0';
	fclose(f);
	return buf;
}

/* The number of entries of @dir other than . and .. */
static int dir_entries(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	int n = 0;

	ck_assert_ptr_nonnull(d);
	while ((de = readdir(d)))
		if (strcmp(de->d_name, ".") != 0 && strcmp(de->d_name, "..") != 0)
			n++;
	closedir(d);
	return n;
}

static int remove_one(const char *p, const struct stat *st, int flag, struct FTW *ftw)
{
	(void) st;
	(void) ftw;
	return flag == FTW_DP ? rmdir(p) : unlink(p);
}

static void remove_tree(const char *dir)
{
	ck_assert_int_eq(nftw(dir, remove_one, 16, FTW_DEPTH | FTW_PHYS), 0);
}

/* ============================================================================ */
/* Hostile values.                                                               */

static const char *const hostile_paths[] = {
	"/usr/lib/a b",          /* space: two tokens */
	"/usr/lib/a\nb",         /* newline: a new rule */
	"/usr/lib/a\tb",
	"/usr/lib/a\"b",         /* quote */
	"/usr/lib/a'b",
	"/usr/lib/a,b",          /* comma: ends the rule */
	"/usr/lib/x, /etc/shadow r",
	"/usr/lib/**",           /* globs */
	"/usr/lib/*",
	"/usr/lib/a?",
	"/usr/lib/[ab]",
	"/usr/lib/{a,b}",
	"/usr/lib/{",
	"/usr/lib/}",
	"/usr/lib/^a",
	"/usr/lib/a#b",          /* comment */
	"/usr/lib/@{HOME}",      /* variable */
	"/usr/lib/a\\b",
	"/usr/lib/a$b",
	"/usr/lib/a->b",
	"/usr/lib/a=b",
	"/usr/lib/a\x7f",
	"/usr/lib/caf\xc3\xa9",  /* non-ASCII */
	"usr/lib",               /* relative */
	"",
	"/",                     /* everything */
	"//",
	"/usr//lib",             /* not canonical: never matches */
	"/usr/./lib",
	"/usr/../etc",
	"/usr/lib/..",
	"/usr/lib/.",
};

static void check_key_error(int r, const struct lj_err *e, const char *file, const char *key)
{
	char want[128];

	ck_assert_int_eq(r, -EINVAL);
	ck_assert_str_eq(e->code, "profile");
	snprintf(want, sizeof(want), "] %s: ", key);
	ck_assert_msg(strstr(e->msg, want), "message does not name key %s: %s", key, e->msg);
	ck_assert_msg(strstr(e->msg, file), "message does not name file %s: %s", file, e->msg);
	ck_assert_msg(!strchr(e->msg, '\n'), "message spans lines: %s", e->msg);
}

START_TEST(test_hostile_read_paths)
{
	struct tlang t;
	struct lj_config c;
	struct lj_err e = { 0 };
	char *out = S("untouched");

	tlang_python(&t);
	tconfig(&c);
	t.reads[1] = S(hostile_paths[_i]);
	ck_assert_int_eq(lj_profile_generate(&c, &t.l, aa_templates, "run", &out, &e), -EINVAL);
	check_key_error(-EINVAL, &e, "python3.ini", "read_paths");
	ck_assert_str_eq(out, "untouched");
}
END_TEST

START_TEST(test_hostile_exec_paths)
{
	struct tlang t;
	struct lj_config c;
	struct lj_err e = { 0 };
	char *out = NULL;
	int r;

	tlang_sh(&t);
	tconfig(&c);
	t.execs[0] = S(hostile_paths[_i]);
	r = lj_profile_generate(&c, &t.l, aa_templates, "run", &out, &e);
	check_key_error(r, &e, "sh.ini", "exec_paths");
	ck_assert_ptr_null(out);
}
END_TEST

START_TEST(test_hostile_interpreter_env_workdir)
{
	struct tlang t;
	struct lj_config c;
	struct lj_err e = { 0 };
	char *out = NULL;
	int r;

	tlang_python(&t);
	tconfig(&c);
	t.l.interpreter = S(hostile_paths[_i]);
	r = lj_profile_generate(&c, &t.l, aa_templates, "run", &out, &e);
	check_key_error(r, &e, "python3.ini", "interpreter");

	tlang_python(&t);
	t.l.env_dir = S(hostile_paths[_i]);
	r = lj_profile_generate(&c, &t.l, aa_templates, "run", &out, &e);
	check_key_error(r, &e, "python3.ini", "env_dir");

	tlang_python(&t);
	c.workdir_root = S(hostile_paths[_i]);
	r = lj_profile_generate(&c, &t.l, aa_templates, "run", &out, &e);
	check_key_error(r, &e, "langjail.conf", "workdir_root");
	ck_assert_msg(strstr(e.msg, "[jail] workdir_root"), "%s", e.msg);
	ck_assert_ptr_null(out);
}
END_TEST

START_TEST(test_missing_values)
{
	struct tlang t;
	struct lj_config c;
	struct lj_err e = { 0 };
	char *out = NULL;
	int r;

	tconfig(&c);
	tlang_python(&t);
	t.l.interpreter = NULL;
	r = lj_profile_generate(&c, &t.l, aa_templates, "run", &out, &e);
	check_key_error(r, &e, "python3.ini", "interpreter");
	ck_assert_msg(strstr(e.msg, "not set"), "%s", e.msg);
	tlang_python(&t);
	t.l.env_dir = NULL;
	r = lj_profile_generate(&c, &t.l, aa_templates, "run", &out, &e);
	check_key_error(r, &e, "python3.ini", "env_dir");
	tlang_python(&t);
	t.l.apparmor_profile = NULL;
	r = lj_profile_generate(&c, &t.l, aa_templates, "run", &out, &e);
	check_key_error(r, &e, "python3.ini", "apparmor_profile");
	tlang_python(&t);
	c.workdir_root = NULL;
	r = lj_profile_generate(&c, &t.l, aa_templates, "run", &out, &e);
	check_key_error(r, &e, "langjail.conf", "workdir_root");
	/* No language file: the message names the language instead. */
	tconfig(&c);
	tlang_python(&t);
	t.l.path = NULL;
	t.reads[0] = S("/a b");
	r = lj_profile_generate(&c, &t.l, aa_templates, "run", &out, &e);
	check_key_error(r, &e, "python3", "read_paths");
	ck_assert_ptr_null(out);
}
END_TEST

static const char *const hostile_names[] = {
	"", "a b", "a/b", "/usr/bin/x", "-x", ".x", "a,b", "a{b}", "a*", "a\n", "a#b",
	"a\"b", "a:b", "a%b", "a~b", "^a",
	"x123456789x123456789x123456789x123456789x123456789x123456789x123456789"
	"x123456789x123456789x123456789x123456789x123456789x123456789",
};

START_TEST(test_hostile_profile_name)
{
	struct tlang t;
	struct lj_config c;
	struct lj_err e = { 0 };
	char *out = NULL;
	int r;

	tlang_python(&t);
	tconfig(&c);
	t.l.apparmor_profile = S(hostile_names[_i]);
	r = lj_profile_generate(&c, &t.l, aa_templates, "run", &out, &e);
	check_key_error(r, &e, "python3.ini", "apparmor_profile");
	ck_assert_int_eq(lj_profile_name(&t.l, "run", &out), -EINVAL);
	ck_assert_ptr_null(out);
}
END_TEST

static const char *const hostile_argv0[] = {
	"{workdir}/",            /* no program */
	"{workdir}//main",
	"{workdir}/../main",
	"{workdir}/./main",
	"{workdir}/a/",
	"{workdir}/a b",
	"{workdir}/*",
	"{workdir}/a,b",
	"x{workdir}/main",       /* {workdir} not first */
	"{workdir}",
	"{workdir}main",
};

START_TEST(test_hostile_argv0)
{
	struct tlang t;
	struct lj_config c;
	struct lj_err e = { 0 };
	char *out = NULL;
	int r;

	tlang_c(&t);
	tconfig(&c);
	t.argv[0] = S(hostile_argv0[_i]);
	r = lj_profile_generate(&c, &t.l, aa_templates, "run", &out, &e);
	check_key_error(r, &e, "c.ini", "argv");
	ck_assert_int_eq(lj_profile_file_name(&t.l, "run", &out), -EINVAL);
	ck_assert_ptr_null(out);
}
END_TEST

START_TEST(test_bad_arguments)
{
	struct tlang t;
	struct lj_config c;
	struct lj_err e = { 0 };
	char *out = NULL;

	tlang_python(&t);
	tconfig(&c);
	ck_assert_int_eq(lj_profile_generate(&c, &t.l, aa_templates, "Run", &out, &e), -EINVAL);
	ck_assert_str_eq(e.code, "profile");
	ck_assert_int_eq(lj_profile_generate(&c, &t.l, aa_templates, NULL, &out, &e), -EINVAL);
	ck_assert_int_eq(lj_profile_generate(&c, &t.l, aa_templates, "../run", &out, &e), -EINVAL);
	ck_assert_int_eq(lj_profile_generate(NULL, &t.l, aa_templates, "run", &out, &e), -EINVAL);
	ck_assert_int_eq(lj_profile_generate(&c, NULL, aa_templates, "run", &out, &e), -EINVAL);
	ck_assert_int_eq(lj_profile_file_name(&t.l, "test", &out), -EINVAL);
	ck_assert_int_eq(lj_profile_name(&t.l, "", &out), -EINVAL);
	ck_assert_ptr_null(out);
	/* A template dir without templates. */
	ck_assert_int_eq(lj_profile_generate(&c, &t.l, "/nonexistent-lj", "run", &out, &e),
			-ENOENT);
	ck_assert_msg(strstr(e.msg, "/nonexistent-lj/run.profile.in"), "%s", e.msg);
	/* NULL error pointer is allowed. */
	ck_assert_int_eq(lj_profile_generate(&c, &t.l, "/nonexistent-lj", "run", &out, NULL),
			-ENOENT);
	ck_assert_ptr_null(out);
}
END_TEST

/* ============================================================================ */
/* Malformed templates: each error names the file and the line.                  */

static const struct bad_template {
	const char *text;
	int line;
	const char *says;
} bad_templates[] = {
	{ "a\nb\n@@NOPE@@\n", 3, "unknown placeholder @@NOPE@@" },
	{ "profile @@PROFILE@@ {\n  @@PROFILES@@ r,\n}\n", 2, "@@PROFILES@@" },
	{ "x @@profile@@\n", 1, "malformed placeholder" },
	{ "x\n\n y @@PROFILE\n", 3, "malformed placeholder" },
	{ "x @@ PROFILE@@\n", 1, "malformed placeholder" },
	{ "x @@@@\n", 1, "malformed placeholder" },
	{ "x @@1X@@\n", 1, "malformed placeholder" },
	{ "last line without newline @@X@@", 1, "unknown placeholder" },
	{ "@@ENDIF@@\n", 1, "without" },
	{ "a\n@@IF_WORKDIR_EXEC@@\nb\n", 2, "not closed" },
	{ "@@IF_WORKDIR_EXEC@@\n@@IF_WORKDIR_EXEC@@\n@@ENDIF@@\n@@ENDIF@@\n", 2, "do not nest" },
	{ "@@IF_NOTHING@@\n@@ENDIF@@\n", 1, "unknown condition" },
	{ "@@IF_SYSTEM_EXEC@@\n@@ENDIF@@\n", 1, "unknown condition" },  /* SELinux only */
	{ "x @@IF_WORKDIR_EXEC@@\n@@ENDIF@@\n", 1, "alone on its line" },
	{ "@@IF_WORKDIR_EXEC@@\nx @@ENDIF@@\n", 2, "alone on its line" },
	{ "x @@WORKDIR_EXEC@@\n", 1, "is a condition" },
	{ "@@BEGIN_LANGUAGE@@\n@@END_LANGUAGE@@\n", 1, "only for SELinux" },
	{ "@@READ_PATHS@@ @@EXEC_PATHS@@\n", 1, "more than one list" },
	{ "@@TYPE@@\n", 1, "unknown placeholder" },             /* SELinux only */
	/* A block that is not rendered is still checked. */
	{ "a\n@@IF_WORKDIR_EXEC@@\n@@TYPO@@\n@@ENDIF@@\n", 3, "unknown placeholder @@TYPO@@" },
};

START_TEST(test_bad_template)
{
	const struct bad_template *b = &bad_templates[_i];
	struct tlang t;
	struct lj_config c;
	struct lj_err e = { 0 };
	char *out = NULL, want[512];

	make_tmpdir();
	write_file(tmpdir, "run.profile.in", b->text, 0644);
	tlang_python(&t);
	tconfig(&c);
	ck_assert_int_eq(lj_profile_generate(&c, &t.l, tmpdir, "run", &out, &e), -EINVAL);
	ck_assert_str_eq(e.code, "profile");
	snprintf(want, sizeof(want), "%s/run.profile.in:%d: ", tmpdir, b->line);
	ck_assert_msg(strncmp(e.msg, want, strlen(want)) == 0, "want '%s...', got '%s'", want,
			e.msg);
	ck_assert_msg(strstr(e.msg, b->says), "want '%s' in '%s'", b->says, e.msg);
	ck_assert_ptr_null(out);
	remove_tree(tmpdir);
}
END_TEST

START_TEST(test_template_not_regular)
{
	struct tlang t;
	struct lj_config c;
	struct lj_err e = { 0 };
	char *out = NULL, p[512];
	int fd;

	make_tmpdir();
	snprintf(p, sizeof(p), "%s/run.profile.in", tmpdir);
	ck_assert_int_eq(mkdir(p, 0755), 0);
	tlang_python(&t);
	tconfig(&c);
	ck_assert_int_eq(lj_profile_generate(&c, &t.l, tmpdir, "run", &out, &e), -EINVAL);
	ck_assert_msg(strstr(e.msg, "not a regular file"), "%s", e.msg);
	ck_assert_int_eq(rmdir(p), 0);
	/* A NUL byte. */
	fd = open(p, O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(write(fd, "a\0b\n", 4), 4);
	ck_assert_int_eq(close(fd), 0);
	ck_assert_int_eq(lj_profile_generate(&c, &t.l, tmpdir, "run", &out, &e), -EINVAL);
	ck_assert_msg(strstr(e.msg, "NUL"), "%s", e.msg);
	/* Over 1 MiB. */
	ck_assert_int_eq(truncate(p, 1024 * 1024 + 1), 0);
	ck_assert_int_eq(lj_profile_generate(&c, &t.l, tmpdir, "run", &out, &e), -EFBIG);
	ck_assert_ptr_null(out);
	remove_tree(tmpdir);
}
END_TEST

/* ============================================================================ */
/* Template mechanics on small templates.                                        */

START_TEST(test_template_mechanics)
{
	struct tlang t;
	struct lj_config c;
	struct lj_err e = { 0 };
	char *out = NULL;

	make_tmpdir();
	tconfig(&c);
	write_file(tmpdir, "run.profile.in",
			"[@@LANGUAGE@@/@@PHASE@@] @@PROFILE@@=@@ATTACHMENT@@.\n"
			"\t<@@READ_PATHS@@> in @@WORKDIR_ROOT@@\n"
			"  x @@EXEC_PATHS@@ y\n"
			"@@IF_WORKDIR_EXEC@@\n"
			"exec @@PROGRAM@@\n"
			"@@ENDIF@@\n"
			"end @@FILE_NAME@@", 0644);
	write_file(tmpdir, "compile.profile.in", "@@PROFILE@@ @@ATTACHMENT@@ @@PROGRAM@@\n", 0644);

	tlang_python(&t);
	ck_assert_int_eq(lj_profile_generate(&c, &t.l, tmpdir, "run", &out, &e), 0);
	ck_assert_str_eq(out,
			"[python3/run] langjail-python3=/var/lib/langjail/envs/python3/bin/python3.\n"
			"\t</usr/share/python3> in /var/lib/langjail/work\n"
			"\t</etc/python3.11> in /var/lib/langjail/work\n"
			"end var.lib.langjail.envs.python3.bin.python3");
	free(out);

	tlang_c(&t);
	t.execs[0] = S("/usr/bin/as");
	ck_assert_int_eq(lj_profile_generate(&c, &t.l, tmpdir, "run", &out, &e), 0);
	ck_assert_str_eq(out,
			"[c/run] langjail-c=.\n"
			"  x /usr/bin/as y\n"
			"exec main\n"
			"end langjail-c");
	free(out);
	ck_assert_int_eq(lj_profile_generate(&c, &t.l, tmpdir, "compile", &out, &e), 0);
	ck_assert_str_eq(out, "langjail-c-compile /var/lib/langjail/envs/c/bin/gcc main\n");
	free(out);
	remove_tree(tmpdir);
}
END_TEST

/* ============================================================================ */
/* The real templates.                                                           */

START_TEST(test_generate_deterministic)
{
	static const char *const phases[] = { "run", "run", "run", "compile" };
	struct tlang t;
	struct lj_config c;
	struct lj_err e = { 0 };
	char *a = NULL, *b = NULL;

	tconfig(&c);
	switch (_i) {
	case 0:
		tlang_python(&t);
		break;
	case 1:
		tlang_sh(&t);
		break;
	default:
		tlang_c(&t);
		break;
	}
	ck_assert_int_eq(lj_profile_generate(&c, &t.l, aa_templates, phases[_i], &a, &e), 0);
	ck_assert_int_eq(lj_profile_generate(&c, &t.l, aa_templates, phases[_i], &b, &e), 0);
	ck_assert_str_eq(a, b);
	ck_assert_msg(!strstr(a, "@@"), "placeholder left in:\n%s", a);
	ck_assert_int_eq(count(a, "include <abstractions/langjail>"), 1);
	ck_assert_int_eq(count(a, "include <tunables/global>"), 1);
	ck_assert_int_eq(count(a, "attach_disconnected"), 0);
	ck_assert_int_eq(count(a, "owner /var/lib/langjail/work/run-*/ rw,"), 1);
	ck_assert_int_eq(count(a, "owner /var/lib/langjail/work/run-*/** rwk,"), 1);
	free(a);
	free(b);
}
END_TEST

START_TEST(test_generate_python)
{
	struct tlang t;
	struct lj_config c;
	struct lj_err e = { 0 };
	char *out = NULL;

	tconfig(&c);
	tlang_python(&t);
	ck_assert_int_eq(lj_profile_generate(&c, &t.l, aa_templates, "run", &out, &e), 0);
	ck_assert_int_eq(count(out, "\nprofile langjail-python3 "
				"/var/lib/langjail/envs/python3/bin/python3 {\n"), 1);
	ck_assert_int_eq(count(out, "  /var/lib/langjail/envs/python3/bin/python3 mrix,\n"), 1);
	ck_assert_int_eq(count(out, "  /var/lib/langjail/envs/python3/** mr,\n"), 1);
	ck_assert_int_eq(count(out, "  deny /var/lib/langjail/envs/python3/** wl,\n"), 1);
	/* One rule per read path; the trailing '/' is dropped. */
	ck_assert_int_eq(count(out, "  /usr/share/python3{,/,/**} mr,\n"), 1);
	ck_assert_int_eq(count(out, "  /etc/python3.11{,/,/**} mr,\n"), 1);
	/* No exec_paths: no such rule at all. */
	ck_assert_int_eq(count(out, "{,/,/**} mrix,"), 0);
	/* Interpreted: nothing in the workdir may be executed or mapped. */
	ck_assert_int_eq(count(out, "run-*/** rwk,"), 1);
	ck_assert_msg(!strstr(out, "/run-*/main"), "%s", out);
	ck_assert_int_eq(count(out, "include if exists "
				"<local/var.lib.langjail.envs.python3.bin.python3>"), 1);
	free(out);
}
END_TEST

START_TEST(test_generate_compiled)
{
	struct tlang t;
	struct lj_config c;
	struct lj_err e = { 0 };
	char *out = NULL;

	tconfig(&c);
	tlang_c(&t);
	/* Run: exec of the workdir program, no attachment (the compiler has it). */
	ck_assert_int_eq(lj_profile_generate(&c, &t.l, aa_templates, "run", &out, &e), 0);
	ck_assert_int_eq(count(out, "\nprofile langjail-c  {\n"), 1);
	ck_assert_int_eq(count(out, "  owner /var/lib/langjail/work/run-*/main mrix,\n"), 1);
	ck_assert_int_eq(count(out, "include if exists <local/langjail-c>"), 1);
	free(out);
	/* Compile: attaches to the compiler, toolchain helpers, no workdir exec. */
	ck_assert_int_eq(lj_profile_generate(&c, &t.l, aa_templates, "compile", &out, &e), 0);
	ck_assert_int_eq(count(out, "\nprofile langjail-c-compile "
				"/var/lib/langjail/envs/c/bin/gcc {\n"), 1);
	ck_assert_int_eq(count(out, "  /usr/lib/gcc/** mrix,\n"), 1);
	ck_assert_msg(!strstr(out, "/run-*/main"), "%s", out);
	ck_assert_int_eq(count(out, "include if exists <local/var.lib.langjail.envs.c.bin.gcc>"), 1);
	free(out);
	/* A program in a subdirectory of the workdir. */
	t.argv[0] = S("{workdir}/build/a.out");
	ck_assert_int_eq(lj_profile_generate(&c, &t.l, aa_templates, "run", &out, &e), 0);
	ck_assert_int_eq(count(out, "  owner /var/lib/langjail/work/run-*/build/a.out mrix,\n"), 1);
	free(out);
}
END_TEST

START_TEST(test_generate_exec_paths)
{
	struct tlang t;
	struct lj_config c;
	struct lj_err e = { 0 };
	char *out = NULL;

	tconfig(&c);
	tlang_sh(&t);
	t.execs[1] = S("/usr/lib/jvm/bin/");
	ck_assert_int_eq(lj_profile_generate(&c, &t.l, aa_templates, "run", &out, &e), 0);
	ck_assert_int_eq(count(out, "  /usr/bin/cat{,/,/**} mrix,\n"), 1);
	ck_assert_int_eq(count(out, "  /usr/lib/jvm/bin{,/,/**} mrix,\n"), 1);
	ck_assert_int_eq(count(out, "{,/,/**} mr,\n"), 0);
	free(out);
}
END_TEST

/* ============================================================================ */
/* Names.                                                                        */

START_TEST(test_file_names)
{
	struct tlang t;
	char *out = NULL;

	tlang_python(&t);
	ck_assert_int_eq(lj_profile_file_name(&t.l, "run", &out), 0);
	ck_assert_str_eq(out, "var.lib.langjail.envs.python3.bin.python3");
	free(out);
	ck_assert_int_eq(lj_profile_name(&t.l, "run", &out), 0);
	ck_assert_str_eq(out, "langjail-python3");
	free(out);
	/* An interpreted language's compile profile must not attach as well. */
	ck_assert_int_eq(lj_profile_file_name(&t.l, "compile", &out), 0);
	ck_assert_str_eq(out, "langjail-python3-compile");
	free(out);
	t.l.interpreter = S("/opt/py-3.11/bin/python3.11");
	ck_assert_int_eq(lj_profile_file_name(&t.l, "run", &out), 0);
	ck_assert_str_eq(out, "opt.py-3.11.bin.python3.11");
	free(out);

	tlang_c(&t);
	ck_assert_int_eq(lj_profile_file_name(&t.l, "compile", &out), 0);
	ck_assert_str_eq(out, "var.lib.langjail.envs.c.bin.gcc");
	free(out);
	ck_assert_int_eq(lj_profile_name(&t.l, "compile", &out), 0);
	ck_assert_str_eq(out, "langjail-c-compile");
	free(out);
	ck_assert_int_eq(lj_profile_file_name(&t.l, "run", &out), 0);
	ck_assert_str_eq(out, "langjail-c");
	free(out);

	/* Hostile: hidden file name, bad interpreter. */
	tlang_python(&t);
	out = NULL;
	t.l.interpreter = S("/.hidden/python3");
	ck_assert_int_eq(lj_profile_file_name(&t.l, "run", &out), -EINVAL);
	t.l.interpreter = S("/usr/bin/py thon");
	ck_assert_int_eq(lj_profile_file_name(&t.l, "run", &out), -EINVAL);
	t.l.interpreter = NULL;
	ck_assert_int_eq(lj_profile_file_name(&t.l, "run", &out), -EINVAL);
	ck_assert_int_eq(lj_profile_file_name(NULL, "run", &out), -EINVAL);
	ck_assert_ptr_null(out);
}
END_TEST

/* ============================================================================ */
/* lj_profile_mode.                                                              */

static const char sample_profiles[] =
	"/usr/bin/man (enforce)\n"
	"langjail-python3-compile (complain)\n"
	"langjail-python3 (enforce)\n"
	"langjail-sh (complain)\n"
	"langjail-c (kill)\n"
	"langjail-x (unconfined)\n"
	"langjail-p (prompt)\n"
	"name with spaces (complain)\n"
	"tricky (enforce) (complain)\n"
	"paren(s) (enforce)\n"
	"parent//child (enforce)\n"
	"\n"
	"last-without-newline (complain)";

static const struct mode_case {
	const char *name;
	int r;
	enum lj_profile_mode mode;
} mode_cases[] = {
	{ "langjail-python3", 0, LJ_PROFILE_ENFORCE },
	{ "langjail-python3-compile", 0, LJ_PROFILE_COMPLAIN },
	{ "langjail-sh", 0, LJ_PROFILE_COMPLAIN },
	{ "langjail-c", 0, LJ_PROFILE_KILL },
	{ "langjail-x", 0, LJ_PROFILE_UNCONFINED },
	{ "langjail-p", 0, LJ_PROFILE_OTHER },
	{ "/usr/bin/man", 0, LJ_PROFILE_ENFORCE },
	{ "name with spaces", 0, LJ_PROFILE_COMPLAIN },
	{ "tricky (enforce)", 0, LJ_PROFILE_COMPLAIN },
	{ "paren(s)", 0, LJ_PROFILE_ENFORCE },
	{ "parent//child", 0, LJ_PROFILE_ENFORCE },
	{ "last-without-newline", 0, LJ_PROFILE_COMPLAIN },
	/* Absent: prefixes, suffixes, the whole line, the mode. */
	{ "tricky", -ENOENT, LJ_PROFILE_ABSENT },
	{ "langjail", -ENOENT, LJ_PROFILE_ABSENT },
	{ "langjail-python", -ENOENT, LJ_PROFILE_ABSENT },
	{ "langjail-python3 (enforce)", -ENOENT, LJ_PROFILE_ABSENT },
	{ "name", -ENOENT, LJ_PROFILE_ABSENT },
	{ "enforce", -ENOENT, LJ_PROFILE_ABSENT },
	{ "parent", -ENOENT, LJ_PROFILE_ABSENT },
	{ "", -EINVAL, LJ_PROFILE_ABSENT },
};

START_TEST(test_mode)
{
	const struct mode_case *m = &mode_cases[_i];
	enum lj_profile_mode got = (enum lj_profile_mode) 99;
	char p[512];

	make_tmpdir();
	write_file(tmpdir, "profiles", sample_profiles, 0644);
	snprintf(p, sizeof(p), "%s/profiles", tmpdir);
	ck_assert_int_eq(lj_profile_mode(p, m->name, &got), m->r);
	if (m->r == 0)
		ck_assert_str_eq(lj_profile_mode_name(got), lj_profile_mode_name(m->mode));
	else
		ck_assert_int_eq(got, 99);
	remove_tree(tmpdir);
}
END_TEST

START_TEST(test_mode_files)
{
	enum lj_profile_mode got = (enum lj_profile_mode) 99;
	char p[512];

	make_tmpdir();
	snprintf(p, sizeof(p), "%s/profiles", tmpdir);
	/* No file: AppArmor off, which is not "profile not loaded". */
	ck_assert_int_eq(lj_profile_mode(p, "x", &got), -EOPNOTSUPP);
	write_file(tmpdir, "profiles", "", 0644);
	ck_assert_int_eq(lj_profile_mode(p, "x", &got), -ENOENT);
	write_file(tmpdir, "profiles", "a (enforce)\ngarbage\nx (enforce)\n", 0644);
	ck_assert_int_eq(lj_profile_mode(p, "x", &got), -EBADMSG);
	write_file(tmpdir, "profiles", "x (enforce\n", 0644);
	ck_assert_int_eq(lj_profile_mode(p, "x", &got), -EBADMSG);
	write_file(tmpdir, "profiles", " (enforce)\n", 0644);
	ck_assert_int_eq(lj_profile_mode(p, "x", &got), -EBADMSG);
	ck_assert_int_eq(got, 99);
	ck_assert_int_eq(lj_profile_mode(p, NULL, &got), -EINVAL);
	remove_tree(tmpdir);
}
END_TEST

START_TEST(test_mode_names)
{
	ck_assert_str_eq(lj_profile_mode_name(LJ_PROFILE_ABSENT), "absent");
	ck_assert_str_eq(lj_profile_mode_name(LJ_PROFILE_ENFORCE), "enforce");
	ck_assert_str_eq(lj_profile_mode_name(LJ_PROFILE_COMPLAIN), "complain");
	ck_assert_str_eq(lj_profile_mode_name(LJ_PROFILE_KILL), "kill");
	ck_assert_str_eq(lj_profile_mode_name(LJ_PROFILE_UNCONFINED), "unconfined");
	ck_assert_str_eq(lj_profile_mode_name(LJ_PROFILE_OTHER), "other");
	ck_assert_str_eq(lj_profile_mode_name((enum lj_profile_mode) 42), "other");
}
END_TEST

/* ============================================================================ */
/* Installing and removing.                                                      */

static char pdir[512];   /* the profile directory inside tmpdir */

static void install_setup(void)
{
	make_tmpdir();
	snprintf(pdir, sizeof(pdir), "%s/apparmor.d", tmpdir);
	ck_assert_int_eq(mkdir(pdir, 0755), 0);
	/* A parser that records its arguments, one per line, and says hello on stdout. */
	write_file(tmpdir, "recorder",
			"#!/bin/sh\n"
			"printf '%s\\n' \"$@\" > \"$(dirname \"$0\")/args\"\n"
			"echo parser-stdout\n"
			"echo parser-stderr >&2\n"
			"exit 0\n", 0755);
	write_file(tmpdir, "failer", "#!/bin/sh\nexit 3\n", 0755);
}

static char *path_in(const char *dir, const char *name)
{
	static char p[600];

	snprintf(p, sizeof(p), "%s/%s", dir, name);
	return p;
}

static const char *const bad_file_names[] = {
	"", ".", "..", ".hidden", "a/b", "../x", "a b", "a\nb", "a*", "a,b",
};

START_TEST(test_install_bad_names)
{
	struct lj_err e = { 0 };

	install_setup();
	ck_assert_int_eq(lj_profile_install(pdir, "/bin/true", bad_file_names[_i], "x\n", false,
				&e), -EINVAL);
	ck_assert_str_eq(e.code, "profile");
	ck_assert_int_eq(lj_profile_remove(pdir, "/bin/true", bad_file_names[_i], false, &e),
			-EINVAL);
	ck_assert_int_eq(dir_entries(pdir), 0);
	remove_tree(tmpdir);
}
END_TEST

START_TEST(test_install_unsafe_dir)
{
	struct lj_err e = { 0 };

	install_setup();
	ck_assert_int_eq(chmod(pdir, 0777), 0);
	ck_assert_int_eq(lj_profile_install(pdir, "/bin/true", "p", "x\n", false, &e), -EPERM);
	ck_assert_msg(strstr(e.msg, "writable by group or others"), "%s", e.msg);
	ck_assert_int_eq(chmod(pdir, 0775), 0);
	ck_assert_int_eq(lj_profile_install(pdir, "/bin/true", "p", "x\n", false, &e), -EPERM);
	ck_assert_int_eq(chmod(pdir, 0755), 0);
	ck_assert_int_eq(dir_entries(pdir), 0);
	/* Not a directory, missing directory, relative parser. */
	ck_assert_int_eq(lj_profile_install(path_in(tmpdir, "recorder"), "/bin/true", "p", "x\n",
				false, &e), -ENOTDIR);
	ck_assert_int_eq(lj_profile_install(path_in(tmpdir, "none"), "/bin/true", "p", "x\n",
				false, &e), -ENOENT);
	ck_assert_int_eq(lj_profile_install(pdir, "true", "p", "x\n", true, &e), -EINVAL);
	ck_assert_int_eq(lj_profile_install(pdir, NULL, "p", "x\n", true, &e), -EINVAL);
	ck_assert_int_eq(lj_profile_install(pdir, "/bin/true", "p", NULL, false, &e), -EINVAL);
	ck_assert_int_eq(dir_entries(pdir), 0);
	remove_tree(tmpdir);
}
END_TEST

START_TEST(test_install_atomic)
{
	struct lj_err e = { 0 };
	struct stat st;
	char *text, victim[600];

	install_setup();
	ck_assert_int_eq(lj_profile_install(pdir, NULL, "langjail-x", "first\n", false, &e), 0);
	text = read_file(pdir, "langjail-x");
	ck_assert_str_eq(text, "first\n");
	free(text);
	ck_assert_int_eq(stat(path_in(pdir, "langjail-x"), &st), 0);
	ck_assert_int_eq(st.st_mode & 07777, 0644);
	/* Replaced, not appended; no temporary file left. */
	ck_assert_int_eq(lj_profile_install(pdir, NULL, "langjail-x", "second\n", false, &e), 0);
	text = read_file(pdir, "langjail-x");
	ck_assert_str_eq(text, "second\n");
	free(text);
	ck_assert_int_eq(dir_entries(pdir), 1);
	/* A symlink in place of the profile is replaced, never followed. */
	ck_assert_int_eq(unlink(path_in(pdir, "langjail-x")), 0);
	write_file(tmpdir, "victim", "victim\n", 0644);
	snprintf(victim, sizeof(victim), "%s/victim", tmpdir);
	ck_assert_int_eq(symlink(victim, path_in(pdir, "langjail-x")), 0);
	ck_assert_int_eq(lj_profile_install(pdir, NULL, "langjail-x", "third\n", false, &e), 0);
	text = read_file(tmpdir, "victim");
	ck_assert_str_eq(text, "victim\n");
	free(text);
	ck_assert_int_eq(lstat(path_in(pdir, "langjail-x"), &st), 0);
	ck_assert(S_ISREG(st.st_mode));
	remove_tree(tmpdir);
}
END_TEST

START_TEST(test_install_load)
{
	struct lj_err e = { 0 };
	char want[1600], *args, *text;
	int saved_out, saved_err, fd_out, fd_err, r, r2;

	install_setup();
	/* Capture our stdout and stderr: the parser's stdout must go to stderr. */
	fflush(stdout);
	fflush(stderr);
	saved_out = dup(STDOUT_FILENO);
	saved_err = dup(STDERR_FILENO);
	fd_out = open(path_in(tmpdir, "out"), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	fd_err = open(path_in(tmpdir, "err"), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	ck_assert(saved_out >= 0 && saved_err >= 0 && fd_out >= 0 && fd_err >= 0);
	ck_assert_int_eq(dup2(fd_out, STDOUT_FILENO), STDOUT_FILENO);
	ck_assert_int_eq(dup2(fd_err, STDERR_FILENO), STDERR_FILENO);
	r = lj_profile_install(pdir, path_in(tmpdir, "recorder"), "p1", "x\n", true, &e);
	args = read_file(tmpdir, "args");
	/* Remove with unload: -R, then the file is gone. */
	ck_assert_int_eq(unlink(path_in(tmpdir, "args")), 0);
	r2 = lj_profile_remove(pdir, path_in(tmpdir, "recorder"), "p1", true, &e);
	ck_assert_int_eq(dup2(saved_out, STDOUT_FILENO), STDOUT_FILENO);
	ck_assert_int_eq(dup2(saved_err, STDERR_FILENO), STDERR_FILENO);
	ck_assert_int_eq(r, 0);
	ck_assert_int_eq(r2, 0);
	text = read_file(tmpdir, "out");
	ck_assert_str_eq(text, "");
	free(text);
	text = read_file(tmpdir, "err");
	ck_assert_str_eq(text, "parser-stdout\nparser-stderr\nparser-stdout\nparser-stderr\n");
	free(text);
	snprintf(want, sizeof(want), "-r\n-I\n%s\n--\n%s/p1\n", pdir, pdir);
	ck_assert_str_eq(args, want);
	free(args);
	args = read_file(tmpdir, "args");
	snprintf(want, sizeof(want), "-R\n-I\n%s\n--\n%s/p1\n", pdir, pdir);
	ck_assert_str_eq(args, want);
	free(args);
	ck_assert_int_eq(dir_entries(pdir), 0);
	ck_assert_int_eq(lj_profile_remove(pdir, NULL, "p1", false, &e), -ENOENT);
	remove_tree(tmpdir);
}
END_TEST

START_TEST(test_install_parser_fails)
{
	struct lj_err e = { 0 };

	install_setup();
	/* A failing load keeps the file, so that the error can be acted on. */
	ck_assert_int_eq(lj_profile_install(pdir, path_in(tmpdir, "failer"), "p2", "x\n", true,
				&e), -EIO);
	ck_assert_msg(strstr(e.msg, "exit status 3"), "%s", e.msg);
	ck_assert_int_eq(dir_entries(pdir), 1);
	/* A failing unload keeps it too. */
	ck_assert_int_eq(lj_profile_remove(pdir, path_in(tmpdir, "failer"), "p2", true, &e), -EIO);
	ck_assert_int_eq(dir_entries(pdir), 1);
	/* A parser that cannot be executed: execve's errno. */
	ck_assert_int_eq(lj_profile_install(pdir, path_in(tmpdir, "missing"), "p2", "x\n", true,
				&e), -ENOENT);
	ck_assert_msg(strstr(e.msg, "execve"), "%s", e.msg);
	ck_assert_int_eq(lj_profile_install(pdir, pdir, "p2", "x\n", true, &e), -EACCES);
	/* Remove without unload. */
	ck_assert_int_eq(lj_profile_remove(pdir, NULL, "p2", false, &e), 0);
	ck_assert_int_eq(dir_entries(pdir), 0);
	remove_tree(tmpdir);
}
END_TEST

/* ============================================================================ */
/* SELinux.                                                                      */

static int se_generate(struct tlang *t, size_t n, char **te, char **fc, struct lj_err *e)
{
	struct lj_config c;
	struct lj_lang *lv[8];

	tconfig(&c);
	for (size_t i = 0; i < n; i++)
		lv[i] = &t[i].l;
	return lj_selinux_module_generate_from(&c, se_templates, lv, n, te, fc, e);
}

START_TEST(test_selinux_hostile)
{
	struct tlang t[2];
	struct lj_err e = { 0 };
	char *te = NULL, *fc = NULL;
	static const char *const bad_types[] = {
		"unconfined_t", "langjail_t", "langjail__t", "langjail_Py_t", "langjail_py",
		"langjail_py_t;", "langjail_py t", "langjail_c++_t", "", "sh_t",
	};

	for (size_t i = 0; i < sizeof(bad_types) / sizeof(bad_types[0]); i++) {
		tlang_python(&t[0]);
		t[0].l.selinux_type = S(bad_types[i]);
		check_key_error(se_generate(t, 1, &te, &fc, &e), &e, "python3.ini", "selinux_type");
	}
	/* Paths a file context would relabel wrongly. */
	tlang_python(&t[0]);
	t[0].l.interpreter = S("/usr/bin/python3");
	check_key_error(se_generate(t, 1, &te, &fc, &e), &e, "python3.ini", "interpreter");
	tlang_python(&t[0]);
	t[0].l.env_dir = S("/usr");
	t[0].l.interpreter = S("/usr/bin/python3");
	check_key_error(se_generate(t, 1, &te, &fc, &e), &e, "python3.ini", "env_dir");
	tlang_python(&t[0]);
	t[0].l.env_dir = S("/opt/elsewhere/python3");
	t[0].l.interpreter = S("/opt/elsewhere/python3/bin/python3");
	check_key_error(se_generate(t, 1, &te, &fc, &e), &e, "python3.ini", "env_dir");
	tlang_python(&t[0]);
	t[0].reads[0] = S("/a,b");
	check_key_error(se_generate(t, 1, &te, &fc, &e), &e, "python3.ini", "read_paths");
	/* Colliding types. */
	tlang_python(&t[0]);
	tlang_sh(&t[1]);
	t[1].l.selinux_type = S("langjail_python3_t");
	ck_assert_int_eq(se_generate(t, 2, &te, &fc, &e), -EEXIST);
	ck_assert_msg(strstr(e.msg, "sh.ini") && strstr(e.msg, "langjail_python3_t"), "%s", e.msg);
	t[1].l.selinux_type = S("langjail_python3_exec_t");
	ck_assert_int_eq(se_generate(t, 2, &te, &fc, &e), -EEXIST);
	t[1].l.selinux_type = S("langjail_workroot_t");
	check_key_error(se_generate(t, 2, &te, &fc, &e), &e, "sh.ini", "selinux_type");
	ck_assert_ptr_null(te);
	ck_assert_ptr_null(fc);
}
END_TEST

START_TEST(test_selinux_workdir_root)
{
	static const char *const bad[] = { "/var", "/var/lib", "/tmp", "/srv", "/a b", "/" };
	struct lj_config c;
	struct tlang t;
	struct lj_lang *lv[1] = { &t.l };
	struct lj_err e = { 0 };
	char *te = NULL, *fc = NULL;

	tlang_python(&t);
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		tconfig(&c);
		c.workdir_root = S(bad[i]);
		check_key_error(lj_selinux_module_generate_from(&c, se_templates, lv, 1, &te, &fc,
					&e), &e, "langjail.conf", "workdir_root");
	}
	ck_assert_ptr_null(te);
}
END_TEST

START_TEST(test_selinux_generate)
{
	struct tlang t[3];
	struct lj_err e = { 0 };
	char *te = NULL, *fc = NULL, *te2 = NULL, *fc2 = NULL;

	tlang_python(&t[0]);
	tlang_sh(&t[1]);
	tlang_c(&t[2]);
	t[0].l.env_dir = S("/var/lib/langjail/envs/py3.11+x");
	t[0].l.interpreter = S("/var/lib/langjail/envs/py3.11+x/bin/python3.11");
	ck_assert_int_eq(se_generate(t, 3, &te, &fc, &e), 0);
	ck_assert_int_eq(se_generate(t, 3, &te2, &fc2, &e), 0);
	ck_assert_str_eq(te, te2);
	ck_assert_str_eq(fc, fc2);
	ck_assert_msg(!strstr(te, "@@") && !strstr(fc, "@@"), "placeholder left");
	ck_assert_int_eq(count(te, "\nmodule langjail 1.0;\n"), 1);
	ck_assert_int_eq(count(te, "\ntype langjail_python3_t, langjail_domain, domain;\n"), 1);
	ck_assert_int_eq(count(te, "\ntype langjail_sh_t, langjail_domain, domain;\n"), 1);
	ck_assert_int_eq(count(te, "\ntype langjail_c_t, langjail_domain, domain;\n"), 1);
	ck_assert_int_eq(count(te, "\ntype langjail_c_work_t, "), 1);
	/* Workdir execution for the compiled language only. */
	ck_assert_int_eq(count(te, ":file { execute execute_no_trans map };"), 1);
	ck_assert_int_eq(count(te, "allow langjail_c_t langjail_c_work_t:file { execute "
				"execute_no_trans map };"), 1);
	/* System programs for the languages with exec_paths only (sh). */
	ck_assert_int_eq(count(te, "}:file { read open getattr map execute execute_no_trans };"), 1);
	ck_assert_int_eq(count(te, "allow langjail_sh_t { bin_t lib_t }:file"), 1);
	/* No socket class other than unix sockets is ever allowed. */
	ck_assert_int_eq(count(te, "tcp_socket"), 0);
	ck_assert_int_eq(count(te, "udp_socket"), 0);
	ck_assert_int_eq(count(te, "netlink"), 0);
	ck_assert_int_eq(count(te, ":capability"), 0);
	ck_assert_int_eq(count(te, "class capability"), 0);
	/* File contexts: escaped regular expressions, languages in order. */
	ck_assert_int_eq(count(fc, "\n/var/lib/langjail/work(/.*)?\tsystem_u:object_r:"
				"langjail_workroot_t:s0\n"), 1);
	ck_assert_int_eq(count(fc, "\n/var/lib/langjail/envs/py3\\.11\\+x(/.*)?\t"
				"system_u:object_r:langjail_python3_env_t:s0\n"), 1);
	ck_assert_int_eq(count(fc, "\n/var/lib/langjail/envs/py3\\.11\\+x/bin/python3\\.11\t--\t"
				"system_u:object_r:langjail_python3_exec_t:s0\n"), 1);
	ck_assert_ptr_nonnull(strstr(fc, "langjail_python3_exec_t"));
	ck_assert(strstr(fc, "langjail_python3_exec_t") < strstr(fc, "langjail_sh_exec_t"));
	ck_assert(strstr(fc, "langjail_sh_exec_t") < strstr(fc, "langjail_c_exec_t"));
	free(te);
	free(fc);
	free(te2);
	free(fc2);

	/* No language: the global part only. */
	ck_assert_int_eq(se_generate(t, 0, &te, &fc, &e), 0);
	ck_assert_int_eq(count(te, "langjail_domain, domain;"), 0);
	ck_assert_int_eq(count(fc, "langjail_workroot_t"), 1);
	free(te);
	free(fc);
}
END_TEST

static const struct bad_template bad_se_templates[] = {
	{ "module x 1.0;\ntype @@TYPE@@;\n", 2, "outside @@BEGIN_LANGUAGE@@" },
	{ "@@IF_WORKDIR_EXEC@@\n@@ENDIF@@\n", 1, "outside @@BEGIN_LANGUAGE@@" },
	{ "@@BEGIN_LANGUAGE@@\n", 1, "not closed" },
	{ "@@END_LANGUAGE@@\n", 1, "without" },
	{ "@@BEGIN_LANGUAGE@@\n@@BEGIN_LANGUAGE@@\n", 2, "inside the block" },
	{ "@@BEGIN_LANGUAGE@@\n@@IF_SYSTEM_EXEC@@\n@@END_LANGUAGE@@\n@@ENDIF@@\n", 3,
		"inside the block" },
	{ "@@BEGIN_LANGUAGE@@\n@@PROFILE@@\n@@END_LANGUAGE@@\n", 2, "unknown placeholder" },
	{ "@@BEGIN_LANGUAGE@@\n@@READ_PATHS@@\n@@END_LANGUAGE@@\n", 2, "unknown placeholder" },
};

START_TEST(test_selinux_bad_template)
{
	const struct bad_template *b = &bad_se_templates[_i];
	struct lj_config c;
	struct tlang t;
	struct lj_lang *lv[1] = { &t.l };
	struct lj_err e = { 0 };
	char *te = NULL, *fc = NULL, want[512];

	make_tmpdir();
	write_file(tmpdir, "langjail.te.in", b->text, 0644);
	write_file(tmpdir, "langjail.fc.in", "# nothing\n", 0644);
	tconfig(&c);
	tlang_python(&t);
	ck_assert_int_eq(lj_selinux_module_generate_from(&c, tmpdir, lv, 1, &te, &fc, &e), -EINVAL);
	snprintf(want, sizeof(want), "%s/langjail.te.in:%d: ", tmpdir, b->line);
	ck_assert_msg(strncmp(e.msg, want, strlen(want)) == 0, "want '%s...', got '%s'", want,
			e.msg);
	ck_assert_msg(strstr(e.msg, b->says), "want '%s' in '%s'", b->says, e.msg);
	ck_assert_ptr_null(te);
	ck_assert_ptr_null(fc);
	remove_tree(tmpdir);
}
END_TEST

/* ============================================================================ */
/* Building and installing the SELinux module, with stand-in tools.              */

static char se_build[512], se_out[512], se_tool[4][600];

/*
 * Stand-ins for the tools: each records its argv and working directory
 * (one per line) in tmpdir/NAME.args; checkmodule and semodule_package write
 * their -o file from their inputs; semodule -l prints SE_LIST_FILE's text.
 */
static void se_setup(void)
{
	static const char *const names[] = { "checkmodule", "semodule_package", "semodule", "failer" };
	static const char *const bodies[] = {
		/* checkmodule -M -m -o OUT IN */
		"cat \"$5\" > \"$4\"\n",
		/* semodule_package -o OUT -m MOD -f FC */
		"cat \"$4\" \"$6\" > \"$2\"; printf 'PP' >> \"$2\"\n",
		/* semodule -i PP | -l | -r NAME */
		"case $1 in -l) cat \"$D/list\" ;; -i) cp \"$2\" \"$D/installed.pp\" ;; esac\n",
		"echo 'line one of the complaint' >&2\necho 'line two' >&2\necho 'on stdout'\nexit 4\n",
	};
	char text[1024];

	make_tmpdir();
	snprintf(se_build, sizeof(se_build), "%s/build", tmpdir);
	snprintf(se_out, sizeof(se_out), "%s/out", tmpdir);
	ck_assert_int_eq(mkdir(se_build, 0755), 0);
	ck_assert_int_eq(mkdir(se_out, 0755), 0);
	for (size_t i = 0; i < 4; i++) {
		snprintf(text, sizeof(text), "#!/bin/sh\nD='%s'\n{ printf '%%s\\n' \"$@\"; pwd; } "
				"> \"$D/%s.args\"\n%s", tmpdir, names[i], bodies[i]);
		write_file(tmpdir, names[i], text, 0755);
		snprintf(se_tool[i], sizeof(se_tool[i]), "%s/%s", tmpdir, names[i]);
	}
	write_file(tmpdir, "list", "other\nlangjail_extra\n", 0644);
}

static struct lj_selinux_tools se_tools(void)
{
	struct lj_selinux_tools t = { se_tool[0], se_tool[1], se_tool[2] };

	return t;
}

/* The working directory a tool recorded: the last line of its .args. */
static void se_tool_cwd(const char *tool, char *buf, size_t len)
{
	char name[64], *text, *nl;

	snprintf(name, sizeof(name), "%s.args", tool);
	text = read_file(tmpdir, name);
	nl = text + strlen(text) - 1;
	ck_assert(*nl == '\n');
	*nl = '\0';
	nl = strrchr(text, '\n');
	snprintf(buf, len, "%s", nl ? nl + 1 : text);
	free(text);
}

static const char *const listed_cases[][3] = {
	/* list, name, "1" when listed */
	{ "", "langjail", "0" },
	{ "No modules.\n", "langjail", "0" },
	{ "langjail_x\nxlangjail\nlangjai\n", "langjail", "0" },
	{ " langjail2\t1.0\n", "langjail", "0" },
	{ "lang\njail\n", "langjail", "0" },
	{ "langjail", "", "0" },
	{ "abrt\nlangjail\nzabbix\n", "langjail", "1" },
	{ "abrt\nlangjail", "langjail", "1" },
	{ "langjail\t1.0\n", "langjail", "1" },
	{ "  langjail 1.0\n", "langjail", "1" },
};

START_TEST(test_selinux_listed)
{
	const char *const *c = listed_cases[_i];

	ck_assert_int_eq(lj_selinux_module_listed(c[0], c[1]), c[2][0] == '1');
}
END_TEST

START_TEST(test_selinux_tool_path)
{
	struct lj_err e = { 0 };
	char *p = NULL;

	ck_assert_int_eq(lj_selinux_tool_path("lj-no-such-tool", &p, &e), -ENOENT);
	ck_assert_ptr_null(p);
	ck_assert_msg(strstr(e.msg, "/usr/sbin or /usr/bin"), "%s", e.msg);
	/* env is in /usr/bin on every system this builds on; found by a fixed path. */
	ck_assert_int_eq(lj_selinux_tool_path("env", &p, &e), 0);
	ck_assert_msg(!strcmp(p, "/usr/sbin/env") || !strcmp(p, "/usr/bin/env"), "%s", p);
	free(p);
}
END_TEST

START_TEST(test_selinux_build)
{
	struct lj_selinux_tools t;
	struct lj_err e = { 0 };
	char cwd[600], *text;

	se_setup();
	t = se_tools();
	ck_assert_int_eq(lj_selinux_module_build(&t, se_build, "TE\n", "FC\n", se_out, &e), 0);
	text = read_file(se_out, "langjail.te");
	ck_assert_str_eq(text, "TE\n");
	free(text);
	text = read_file(se_out, "langjail.fc");
	ck_assert_str_eq(text, "FC\n");
	free(text);
	text = read_file(se_out, "langjail.pp");
	ck_assert_str_eq(text, "TE\nFC\nPP");
	free(text);
	ck_assert_int_eq(dir_entries(se_out), 3);
	/* The exact argv, run in the private directory, which is gone. */
	text = read_file(tmpdir, "checkmodule.args");
	ck_assert_msg(!strncmp(text, "-M\n-m\n-o\nlangjail.mod\nlangjail.te\n", 33), "%s", text);
	free(text);
	text = read_file(tmpdir, "semodule_package.args");
	ck_assert_msg(!strncmp(text, "-o\nlangjail.pp\n-m\nlangjail.mod\n-f\nlangjail.fc\n", 44),
			"%s", text);
	free(text);
	se_tool_cwd("checkmodule", cwd, sizeof(cwd));
	ck_assert_msg(!strncmp(cwd, se_build, strlen(se_build)) &&
			!strncmp(cwd + strlen(se_build), "/.langjail-selinux.", 19), "%s", cwd);
	ck_assert_int_eq(access(cwd, F_OK), -1);
	ck_assert_int_eq(dir_entries(se_build), 0);
	remove_tree(tmpdir);
}
END_TEST

START_TEST(test_selinux_build_fails)
{
	struct lj_selinux_tools t;
	struct lj_err e = { 0 };

	se_setup();
	/* A failing compiler: its stderr in the message, nothing in the output. */
	t = se_tools();
	t.checkmodule = se_tool[3];
	ck_assert_int_eq(lj_selinux_module_build(&t, se_build, "TE\n", "FC\n", se_out, &e), -EIO);
	ck_assert_msg(strstr(e.msg, "failer -M -m -o langjail.mod langjail.te failed with exit "
				"status 4: line one of the complaint | line two"), "%s", e.msg);
	ck_assert_int_eq(dir_entries(se_out), 0);
	ck_assert_int_eq(dir_entries(se_build), 0);
	/* The packager fails: the same. */
	t = se_tools();
	t.semodule_package = se_tool[3];
	ck_assert_int_eq(lj_selinux_module_build(&t, se_build, "TE\n", "FC\n", se_out, &e), -EIO);
	ck_assert_int_eq(dir_entries(se_out), 0);
	ck_assert_int_eq(dir_entries(se_build), 0);
	/* A tool that cannot be executed, a relative tool, no text. */
	t = se_tools();
	t.checkmodule = "/nonexistent/checkmodule";
	ck_assert_int_eq(lj_selinux_module_build(&t, se_build, "TE\n", "FC\n", se_out, &e),
			-ENOENT);
	ck_assert_msg(strstr(e.msg, "execve"), "%s", e.msg);
	t.checkmodule = "checkmodule";
	ck_assert_int_eq(lj_selinux_module_build(&t, se_build, "TE\n", "FC\n", se_out, &e),
			-EINVAL);
	t = se_tools();
	ck_assert_int_eq(lj_selinux_module_build(&t, se_build, NULL, "FC\n", se_out, &e), -EINVAL);
	ck_assert_int_eq(dir_entries(se_out), 0);
	ck_assert_int_eq(dir_entries(se_build), 0);
	remove_tree(tmpdir);
}
END_TEST

START_TEST(test_selinux_build_unsafe_dirs)
{
	struct lj_selinux_tools t;
	struct lj_err e = { 0 };
	char link[600];

	se_setup();
	t = se_tools();
	/* An output directory others can write to, or missing. */
	ck_assert_int_eq(chmod(se_out, 0777), 0);
	ck_assert_int_eq(lj_selinux_module_build(&t, se_build, "TE\n", "FC\n", se_out, &e), -EPERM);
	ck_assert_int_eq(chmod(se_out, 0755), 0);
	ck_assert_int_eq(lj_selinux_module_build(&t, se_build, "TE\n", "FC\n", path_in(tmpdir,
				"none"), &e), -ENOENT);
	/* A build parent others can write to: refused unless sticky. */
	ck_assert_int_eq(chmod(se_build, 0777), 0);
	ck_assert_int_eq(lj_selinux_module_build(&t, se_build, "TE\n", "FC\n", se_out, &e), -EPERM);
	ck_assert_msg(strstr(e.msg, "not sticky"), "%s", e.msg);
	ck_assert_int_eq(chmod(se_build, 01777), 0);
	ck_assert_int_eq(lj_selinux_module_build(&t, se_build, "TE\n", "FC\n", se_out, &e), 0);
	ck_assert_int_eq(chmod(se_build, 0755), 0);
	ck_assert_int_eq(lj_selinux_module_build(&t, "relative", "TE\n", "FC\n", se_out, &e),
			-EINVAL);
	/* A symlink to the build parent is a path like any other, but the
	 * private directory is never a symlink: made by mkdirat, opened with
	 * O_NOFOLLOW and checked. */
	snprintf(link, sizeof(link), "%s/link", tmpdir);
	ck_assert_int_eq(symlink(se_build, link), 0);
	ck_assert_int_eq(lj_selinux_module_build(&t, link, "TE\n", "FC\n", se_out, &e), 0);
	ck_assert_int_eq(dir_entries(se_build), 0);
	remove_tree(tmpdir);
}
END_TEST

START_TEST(test_selinux_install_remove)
{
	struct lj_selinux_tools t;
	struct lj_err e = { 0 };
	bool installed = true;
	char *text;

	se_setup();
	t = se_tools();
	ck_assert_int_eq(lj_selinux_module_install(&t, se_build, "TE\n", "FC\n", &e), 0);
	text = read_file(tmpdir, "installed.pp");
	ck_assert_str_eq(text, "TE\nFC\nPP");
	free(text);
	text = read_file(tmpdir, "semodule.args");
	ck_assert_msg(!strncmp(text, "-i\nlangjail.pp\n", 15), "%s", text);
	free(text);
	ck_assert_int_eq(dir_entries(se_build), 0);

	/* semodule -l: "langjail_extra" is not "langjail". */
	ck_assert_int_eq(lj_selinux_module_installed(&t, &installed, &e), 0);
	ck_assert(!installed);
	ck_assert_int_eq(lj_selinux_module_remove(&t, &e), -ENOENT);
	text = read_file(tmpdir, "semodule.args");
	ck_assert_msg(!strncmp(text, "-l\n", 3), "remove ran semodule %s", text);
	free(text);
	write_file(tmpdir, "list", "other\nlangjail\n", 0644);
	ck_assert_int_eq(lj_selinux_module_installed(&t, &installed, &e), 0);
	ck_assert(installed);
	ck_assert_int_eq(lj_selinux_module_remove(&t, &e), 0);
	text = read_file(tmpdir, "semodule.args");
	ck_assert_msg(!strncmp(text, "-r\nlangjail\n", 12), "%s", text);
	free(text);

	/* semodule fails: its message, and no package left behind. */
	t.semodule = se_tool[3];
	ck_assert_int_eq(lj_selinux_module_install(&t, se_build, "TE\n", "FC\n", &e), -EIO);
	ck_assert_msg(strstr(e.msg, "failer -i langjail.pp failed with exit status 4: line one"),
			"%s", e.msg);
	ck_assert_int_eq(dir_entries(se_build), 0);
	ck_assert_int_eq(lj_selinux_module_installed(&t, &installed, &e), -EIO);
	ck_assert_int_eq(lj_selinux_module_remove(&t, &e), -EIO);
	t.semodule = NULL;
	ck_assert_int_eq(lj_selinux_module_install(&t, se_build, "TE\n", "FC\n", &e), -EINVAL);
	remove_tree(tmpdir);
}
END_TEST

static Suite *profile_suite(void)
{
	Suite *s = suite_create("profile");
	TCase *tc;

	tc = tcase_create("hostile");
	tcase_add_loop_test(tc, test_hostile_read_paths, 0, (int) (sizeof(hostile_paths) /
				sizeof(hostile_paths[0])));
	tcase_add_loop_test(tc, test_hostile_exec_paths, 0, (int) (sizeof(hostile_paths) /
				sizeof(hostile_paths[0])));
	tcase_add_loop_test(tc, test_hostile_interpreter_env_workdir, 0,
			(int) (sizeof(hostile_paths) / sizeof(hostile_paths[0])));
	tcase_add_test(tc, test_missing_values);
	tcase_add_loop_test(tc, test_hostile_profile_name, 0, (int) (sizeof(hostile_names) /
				sizeof(hostile_names[0])));
	tcase_add_loop_test(tc, test_hostile_argv0, 0, (int) (sizeof(hostile_argv0) /
				sizeof(hostile_argv0[0])));
	tcase_add_test(tc, test_bad_arguments);
	suite_add_tcase(s, tc);

	tc = tcase_create("template");
	tcase_add_loop_test(tc, test_bad_template, 0, (int) (sizeof(bad_templates) /
				sizeof(bad_templates[0])));
	tcase_add_test(tc, test_template_not_regular);
	tcase_add_test(tc, test_template_mechanics);
	suite_add_tcase(s, tc);

	tc = tcase_create("generate");
	tcase_add_loop_test(tc, test_generate_deterministic, 0, 4);
	tcase_add_test(tc, test_generate_python);
	tcase_add_test(tc, test_generate_compiled);
	tcase_add_test(tc, test_generate_exec_paths);
	tcase_add_test(tc, test_file_names);
	suite_add_tcase(s, tc);

	tc = tcase_create("mode");
	tcase_add_loop_test(tc, test_mode, 0, (int) (sizeof(mode_cases) / sizeof(mode_cases[0])));
	tcase_add_test(tc, test_mode_files);
	tcase_add_test(tc, test_mode_names);
	suite_add_tcase(s, tc);

	tc = tcase_create("install");
	tcase_add_loop_test(tc, test_install_bad_names, 0, (int) (sizeof(bad_file_names) /
				sizeof(bad_file_names[0])));
	tcase_add_test(tc, test_install_unsafe_dir);
	tcase_add_test(tc, test_install_atomic);
	tcase_add_test(tc, test_install_load);
	tcase_add_test(tc, test_install_parser_fails);
	suite_add_tcase(s, tc);

	tc = tcase_create("selinux");
	tcase_add_test(tc, test_selinux_hostile);
	tcase_add_test(tc, test_selinux_workdir_root);
	tcase_add_test(tc, test_selinux_generate);
	tcase_add_loop_test(tc, test_selinux_bad_template, 0, (int) (sizeof(bad_se_templates) /
				sizeof(bad_se_templates[0])));
	suite_add_tcase(s, tc);

	tc = tcase_create("selinux-install");
	tcase_add_loop_test(tc, test_selinux_listed, 0, (int) (sizeof(listed_cases) /
				sizeof(listed_cases[0])));
	tcase_add_test(tc, test_selinux_tool_path);
	tcase_add_test(tc, test_selinux_build);
	tcase_add_test(tc, test_selinux_build_fails);
	tcase_add_test(tc, test_selinux_build_unsafe_dirs);
	tcase_add_test(tc, test_selinux_install_remove);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr;
	int failed;

	set_template_dirs();
	sr = srunner_create(profile_suite());
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
