/*
 * test-config.c - unit tests for config.c and ini.c: langjail.conf parsing,
 * its error messages, the callers list, and the trust checks of
 * lj_config_load (owner, mode, O_NOFOLLOW, NUL bytes, size).
 *
 * Hostile rows first: every malformed file must fail with a message that
 * names file:line, section and key ("test.conf:3: [limits] memory: ..."), so
 * an administrator's typo never silently leaves a limit at its default. The
 * file-trust tests create files as root in a private temp dir; the ones that
 * need another owner print a SKIP line when not run as root.
 */
#include "config.h"

#include <check.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ini.h"
#include "lj-config.h"
#include "unit.h"

#define MiB (UINT64_C(1) << 20)
#define GiB (UINT64_C(1) << 30)

/* ---- malformed files ----------------------------------------------------- */

static const struct {
	const char *text;
	const char *prefix;   /* the message starts with this */
	const char *also;     /* and contains this (may be NULL) */
} bad_cases[] = {
	/* a key before any section header (a commented-out "[limits]") */
	{ "; [limits]\nmemory = 1T\n[jail]\nuser = a\n", "test.conf:2:", "memory" },
	{ "cpu = 600\n", "test.conf:1:", "cpu" },
	/* unknown keys and sections */
	{ "[jail]\nuser = a\nbogus = 1\n", "test.conf:3: [jail] bogus: ", "unknown key" },
	{ "[limits]\n\n\nmemroy = 64M\n", "test.conf:4: [limits] memroy: ", "unknown limit" },
	{ "[limits]\nmax_ = 64M\n", "test.conf:2: [limits] max_: ", "unknown limit" },
	{ "[limits]\nmax_max_cpu = 1\n", "test.conf:2: [limits] max_max_cpu: ", "unknown limit" },
	{ "[jail]\nuser = a\n[limitz]\nmemory = 64M\n", "test.conf:3: [limitz]: ", "unknown section" },
	{ "[jail]\nmemory = 64M\n", "test.conf:2: [jail] memory: ", "unknown key" },
	{ "[limits]\nuser = a\n", "test.conf:2: [limits] user: ", NULL },
	{ "[layers]\nrequire_mac = yes\n", "test.conf:2: [layers] require_mac: ", NULL },
	{ "[layers]\nseccom = required\n", "test.conf:2: [layers] seccom: ", "unknown layer" },
	/* bad values */
	{ "[jail]\nuser = a\n[limits]\nmemory = 64Q\n", "test.conf:4: [limits] memory: ", "'64Q'" },
	{ "[limits]\n   memory = 64Q\n", "test.conf:2: [limits] memory: ", "'64Q'" },
	{ "[limits]\n; memory = 64Q is wrong\nmemory = 64Q\n", "test.conf:3: [limits] memory: ",
		"'64Q'" },
	{ "[limits]\nmemory = 1.5G\n", "test.conf:2: [limits] memory: ", "'1.5G'" },
	{ "[limits]\nmemory = 17179869184G\n", "test.conf:2: [limits] memory: ", "out of range" },
	{ "[limits]\nprocs = 99999999999999999999\n", "test.conf:2: [limits] procs: ",
		"out of range" },
	{ "[limits]\nmax_procs = 4294967296\n", "test.conf:2: [limits] max_procs: ",
		"out of range" },
	{ "[limits]\ncpu = -1\n", "test.conf:2: [limits] cpu: ", "'-1'" },
	{ "[limits]\nmemory = -64M\n", "test.conf:2: [limits] memory: ", "'-64M'" },
	{ "[limits]\nopen_files = +5\n", "test.conf:2: [limits] open_files: ", "'+5'" },
	{ "[limits]\nmax_procs = 0\n", "test.conf:2: [limits] max_procs: ", "out of range" },
	{ "[limits]\nwall = 1.2345\n", "test.conf:2: [limits] wall: ", "'1.2345'" },
	{ "[limits]\nwall = 5m\n", "test.conf:2: [limits] wall: ", "'5m'" },
	{ "[limits]\nwall =\n", "test.conf:2: [limits] wall: ", NULL },
	{ "[limits]\nmemory = 1M\nmax_memory = 1Q\n", "test.conf:3: [limits] max_memory: ", "'1Q'" },
	/* a repeated key: the message points at the value that is wrong */
	{ "[limits]\nmemory = 64M\nmemory = 64Q\n", "test.conf:3: [limits] memory: ", "'64Q'" },
	{ "[limits]\ncpu=1\n[jail]\nuser=a\n[limits]\nmemory=64Q\n",
		"test.conf:6: [limits] memory: ", "'64Q'" },
	{ "[jail]\nuser =\n", "test.conf:2: [jail] user: ", "empty value" },
	{ "[jail]\ngroup = \"\"\n", "test.conf:2: [jail] group: ", "empty value" },
	{ "[jail]\ncgroup_parent =\n", "test.conf:2: [jail] cgroup_parent: ", "empty value" },
	{ "[jail]\nrequire_mac = maybe\n", "test.conf:2: [jail] require_mac: ", "'maybe'" },
	{ "[jail]\nrequire_mac = nope\n", "test.conf:2: [jail] require_mac: ", "'nope'" },
	{ "[jail]\nallow_sabotage = 2\n", "test.conf:2: [jail] allow_sabotage: ", NULL },
	{ "[layers]\nnetwork = yesplease\n", "test.conf:2: [layers] network: ", NULL },
	/* default above max, both in the file */
	{ "[limits]\nmax_memory = 1G\nmemory = 2G\n", "test.conf:3: [limits] memory: ",
		"default 2G is above max_memory = 1G" },
	{ "[limits]\ncpu = 61\n", "test.conf:2: [limits] cpu: ", "default 61s is above max_cpu = 60s" },
	/* paths */
	{ "[jail]\nworkdir_root = var/lib/x\n", "test.conf:2: [jail] workdir_root: ", "'var/lib/x'" },
	{ "[jail]\nworkdir_root = ./work\n", "test.conf:2: [jail] workdir_root: ", NULL },
	{ "[jail]\nworkdir_root =\n", "test.conf:2: [jail] workdir_root: ", NULL },
	{ "[jail]\nworkdir_root = /var/lib/../../etc\n", "test.conf:2: [jail] workdir_root: ", "'..'" },
	{ "[jail]\nworkdir_root = /var/..\n", "test.conf:2: [jail] workdir_root: ", NULL },
	{ "[jail]\nworkdir_root = /..\n", "test.conf:2: [jail] workdir_root: ", NULL },
	{ "[jail]\nlanguages_dir = /etc/langjail/../../tmp/evil\n",
		"test.conf:2: [jail] languages_dir: ", NULL },
	{ "[jail]\nenvs_dir = ../envs\n", "test.conf:2: [jail] envs_dir: ", NULL },
	{ "[jail]\n\n\nenvs_dir = /a/b/..\n", "test.conf:4: [jail] envs_dir: ", NULL },
	/* uids = FIRST-LAST */
	{ "[jail]\nuids = 5\n", "test.conf:2: [jail] uids: ", "'5'" },
	{ "[jail]\nuids = 0-10\n", "test.conf:2: [jail] uids: ", "'0-10'" },
	{ "[jail]\nuids = 10-5\n", "test.conf:2: [jail] uids: ", NULL },
	{ "[jail]\nuids = 100000-165536\n", "test.conf:2: [jail] uids: ", NULL },
	{ "[jail]\nuids = 1-4294967295\n", "test.conf:2: [jail] uids: ", NULL },
	{ "[jail]\nuids = 4294967295-4294967295\n", "test.conf:2: [jail] uids: ", NULL },
	{ "[jail]\nuids = 4294967296-4294967296\n", "test.conf:2: [jail] uids: ", NULL },
	{ "[jail]\nuids = 18446744073709551617-18446744073709551618\n",
		"test.conf:2: [jail] uids: ", NULL },
	{ "[jail]\nuids = -5\n", "test.conf:2: [jail] uids: ", NULL },
	{ "[jail]\nuids = 5-\n", "test.conf:2: [jail] uids: ", NULL },
	{ "[jail]\nuids = 1--5\n", "test.conf:2: [jail] uids: ", NULL },
	{ "[jail]\nuids = 1-5-7\n", "test.conf:2: [jail] uids: ", NULL },
	{ "[jail]\nuids = +1-5\n", "test.conf:2: [jail] uids: ", NULL },
	{ "[jail]\nuids = a-b\n", "test.conf:2: [jail] uids: ", NULL },
	{ "[jail]\nuids =\n", "test.conf:2: [jail] uids: ", NULL },
	/* netns_pool = 0..1024 */
	{ "[jail]\nnetns_pool = 1025\n", "test.conf:2: [jail] netns_pool: ", "'1025'" },
	{ "[jail]\nnetns_pool = -1\n", "test.conf:2: [jail] netns_pool: ", NULL },
	{ "[jail]\nnetns_pool = 4294967312\n", "test.conf:2: [jail] netns_pool: ", NULL },
	{ "[jail]\nnetns_pool = 16k\n", "test.conf:2: [jail] netns_pool: ", NULL },
	{ "[jail]\nnetns_pool = yes\n", "test.conf:2: [jail] netns_pool: ", NULL },
	{ "[jail]\nnetns_pool =\n", "test.conf:2: [jail] netns_pool: ", NULL },
	{ "[jail]\nnetns_pool = 0x10\n", "test.conf:2: [jail] netns_pool: ", NULL },
	/* state_dir is a path like the others */
	{ "[jail]\nstate_dir = run/langjail\n", "test.conf:2: [jail] state_dir: ", NULL },
	{ "[jail]\nstate_dir = /run/../etc\n", "test.conf:2: [jail] state_dir: ", NULL },
	/* layers */
	{ "[layers]\nseccomp = sometimes\n", "test.conf:2: [layers] seccomp: ",
		"'sometimes' is not required, optional or off" },
	{ "[layers]\nlandlock = Required\n", "test.conf:2: [layers] landlock: ", NULL },
	{ "[layers]\nmac =\n", "test.conf:2: [layers] mac: ", NULL },
	/* CRLF line ends keep the line numbers */
	{ "[jail]\r\nuser = a\r\n[limits]\r\nmemory = 64Q\r\n", "test.conf:4: [limits] memory: ",
		"'64Q'" },
	/* syntax */
	{ "[jail\nuser = a\n", "test.conf", NULL },
	{ "[jail]\nuser\n", "test.conf", NULL },
};

START_TEST(test_bad_files)
{
	struct lj_config *c = (struct lj_config *) 0x1;
	struct lj_err e;
	int r;

	lj_err_clear(&e);
	r = lj_config_parse_string("test.conf", bad_cases[_i].text, &c, &e);
	ck_assert_msg(r == -EINVAL, "accepted (r=%d):\n%s", r, bad_cases[_i].text);
	ck_assert_msg(c == (struct lj_config *) 0x1, "ret written on failure");
	ck_assert_str_eq(e.code, "config");
	ck_assert_msg(strncmp(e.msg, bad_cases[_i].prefix, strlen(bad_cases[_i].prefix)) == 0,
			"message \"%s\" does not start with \"%s\"", e.msg, bad_cases[_i].prefix);
	if (bad_cases[_i].also)
		ck_assert_msg(unit_contains(e.msg, bad_cases[_i].also),
				"message \"%s\" lacks \"%s\"", e.msg, bad_cases[_i].also);
	ck_assert_msg(!strchr(e.msg, '\n'), "message is not one line: %s", e.msg);
}
END_TEST

/* An over-long line is refused, not truncated into a different value. */
START_TEST(test_long_line)
{
	char *text = malloc(5000);
	struct lj_config *c = NULL;
	struct lj_err e;

	ck_assert_ptr_nonnull(text);
	strcpy(text, "[jail]\nworkdir_root = /");
	memset(text + strlen(text), 'a', 4000);
	strcpy(text + strlen("[jail]\nworkdir_root = /") + 4000, "\n");
	lj_err_clear(&e);
	ck_assert_int_eq(lj_config_parse_string("test.conf", text, &c, &e), -EINVAL);
	ck_assert_ptr_null(c);
	ck_assert(unit_contains(e.msg, "test.conf"));
	free(text);
}
END_TEST

/* Lowering only max_memory below the built-in default must not leave a
 * default above its maximum: either it is refused, naming the line of the
 * key that caused it, or the default is clamped. */
START_TEST(test_max_below_builtin_default)
{
	struct lj_config *c = NULL;
	struct lj_err e;
	int r;

	lj_err_clear(&e);
	r = lj_config_parse_string("test.conf", "[jail]\nuser = a\n[limits]\nmax_memory = 128M\n",
			&c, &e);
	if (r == 0) {
		ck_assert_uint_le(c->defaults.v[LJ_LIMIT_MEMORY], c->maxima.v[LJ_LIMIT_MEMORY]);
		ck_assert_uint_eq(c->maxima.v[LJ_LIMIT_MEMORY], 128 * MiB);
		lj_config_free(c);
		return;
	}
	ck_assert_int_eq(r, -EINVAL);
	ck_assert_msg(unit_contains(e.msg, "memory"), "%s", e.msg);
	/* "Errors name file, line and key" (lj-config.h) */
	ck_assert_msg(strncmp(e.msg, "test.conf:4: ", 13) == 0,
			"message does not name the line of max_memory: %s", e.msg);
}
END_TEST

/* ---- good files ---------------------------------------------------------- */

static const char good_conf[] =
	"; a full configuration\n"
	"[jail]\n"
	"user = runner\n"
	"group = 4242\n"
	"workdir_root = /srv/lj/work\n"
	"languages_dir = /srv/lj/languages.d\n"
	"envs_dir = /srv/lj/envs\n"
	"require_mac = no\n"
	"allow_sabotage = yes\n"
	"callers = alice   1000\t@wheel @2000\n"
	"cgroup_parent = lj.slice\n"
	"\n"
	"[limits]\n"
	"cpu = 2.5\n"
	"max_cpu = 30\n"
	"wall = 4s\n"
	"memory = 64M\n"
	"max_memory = 1G\n"
	"procs = 8\n"
	"max_procs = 16\n"
	"file_size = 1M\n"
	"open_files = 32\n"
	"output = 64K\n"
	"disk = 16M\n"
	"inodes = 100\n"
	"stack = 4M\n"
	"\n"
	"[layers]\n"
	"network = yes\n"
	"seccomp = required\n"
	"landlock = optional\n"
	"mac = off\n";

START_TEST(test_good_file)
{
	struct lj_config *c = NULL;
	struct lj_err e;
	struct lj_limits def, max;

	lj_err_clear(&e);
	ck_assert_msg(lj_config_parse_string("test.conf", good_conf, &c, &e) == 0, "%s", e.msg);
	ck_assert_ptr_null(c->path);
	ck_assert_str_eq(c->user, "runner");
	ck_assert_str_eq(c->group, "4242");
	ck_assert_str_eq(c->workdir_root, "/srv/lj/work");
	ck_assert_str_eq(c->languages_dir, "/srv/lj/languages.d");
	ck_assert_str_eq(c->envs_dir, "/srv/lj/envs");
	ck_assert_str_eq(c->cgroup_root, "lj.slice");
	ck_assert(!c->require_mac);
	ck_assert(c->allow_sabotage);
	ck_assert(c->network);
	ck_assert_uint_eq(lj_strv_len(c->callers), 4);
	ck_assert_str_eq(c->callers[0], "alice");
	ck_assert_str_eq(c->callers[1], "1000");
	ck_assert_str_eq(c->callers[2], "@wheel");
	ck_assert_str_eq(c->callers[3], "@2000");
	ck_assert_ptr_null(c->callers[4]);

	lj_limits_builtin(&def, &max);
	ck_assert_uint_eq(c->defaults.v[LJ_LIMIT_CPU], 2500);
	ck_assert_uint_eq(c->maxima.v[LJ_LIMIT_CPU], 30000);
	ck_assert_uint_eq(c->defaults.v[LJ_LIMIT_WALL], 4000);
	ck_assert_uint_eq(c->maxima.v[LJ_LIMIT_WALL], max.v[LJ_LIMIT_WALL]);
	ck_assert_uint_eq(c->defaults.v[LJ_LIMIT_MEMORY], 64 * MiB);
	ck_assert_uint_eq(c->maxima.v[LJ_LIMIT_MEMORY], GiB);
	ck_assert_uint_eq(c->defaults.v[LJ_LIMIT_PROCS], 8);
	ck_assert_uint_eq(c->maxima.v[LJ_LIMIT_PROCS], 16);
	ck_assert_uint_eq(c->defaults.v[LJ_LIMIT_FILE_SIZE], MiB);
	ck_assert_uint_eq(c->defaults.v[LJ_LIMIT_OPEN_FILES], 32);
	ck_assert_uint_eq(c->defaults.v[LJ_LIMIT_OUTPUT], 64 * 1024);
	ck_assert_uint_eq(c->defaults.v[LJ_LIMIT_DISK], 16 * MiB);
	ck_assert_uint_eq(c->defaults.v[LJ_LIMIT_INODES], 100);
	ck_assert_uint_eq(c->defaults.v[LJ_LIMIT_STACK], 4 * MiB);

	ck_assert_int_eq(c->layers[LJ_LAYER_SECCOMP], LJ_LAYER_REQUIRED);
	ck_assert_int_eq(c->layers[LJ_LAYER_LANDLOCK], LJ_LAYER_OPTIONAL);
	ck_assert_int_eq(c->layers[LJ_LAYER_MAC], LJ_LAYER_OFF);
	ck_assert_int_eq(c->layers[LJ_LAYER_PIDNS], LJ_LAYER_REQUIRED);   /* untouched */
	lj_config_free(c);
}
END_TEST

/* Missing keys keep the built-in defaults; an empty file is a valid file. */
static const char *const minimal_confs[] = {
	"",
	"; nothing\n",
	"[jail]\n",
	"[jail]\n[limits]\n[layers]\n",
};

START_TEST(test_defaults)
{
	struct lj_config *c = NULL, *b = lj_config_new();
	struct lj_err e;

	ck_assert_ptr_nonnull(b);
	lj_err_clear(&e);
	ck_assert_msg(lj_config_parse_string("test.conf", minimal_confs[_i], &c, &e) == 0,
			"%s", e.msg);
	ck_assert_str_eq(c->user, "sandbox");
	ck_assert_ptr_null(c->group);
	ck_assert_ptr_null(c->uids);
	ck_assert_uint_eq(c->uid_first, 0);
	ck_assert_uint_eq(c->uid_last, 0);
	ck_assert_uint_eq(c->netns_pool, 16);
	ck_assert_str_eq(c->state_dir, "/run/langjail");
	ck_assert_str_eq(c->workdir_root, b->workdir_root);
	ck_assert_str_eq(c->languages_dir, b->languages_dir);
	ck_assert_str_eq(c->envs_dir, b->envs_dir);
	ck_assert_str_eq(c->cgroup_root, "langjail");
	ck_assert(c->workdir_root[0] == '/' && c->languages_dir[0] == '/' && c->envs_dir[0] == '/');
	ck_assert(c->require_mac);
	ck_assert(!c->allow_sabotage);
	ck_assert(!c->network);
	ck_assert_ptr_nonnull(c->callers);
	ck_assert_ptr_null(c->callers[0]);
	ck_assert(memcmp(&c->defaults, &b->defaults, sizeof(c->defaults)) == 0);
	ck_assert(memcmp(&c->maxima, &b->maxima, sizeof(c->maxima)) == 0);
	ck_assert(memcmp(c->layers, b->layers, sizeof(c->layers)) == 0);
	for (int i = 0; i < LJ_LIMIT__MAX; i++)
		ck_assert_uint_le(c->defaults.v[i], c->maxima.v[i]);
	/* nobody may call through sudo by default */
	ck_assert(!lj_config_caller_allowed(c, 0, 0, NULL, 0));
	ck_assert(!lj_config_caller_allowed(c, 1000, 1000, NULL, 0));
	lj_config_free(c);
	lj_config_free(b);
}
END_TEST

/* CRLF files read the same values as LF files (no '\r' left in a value). */
START_TEST(test_crlf)
{
	struct lj_config *c = NULL;
	struct lj_err e;

	lj_err_clear(&e);
	ck_assert_msg(lj_config_parse_string("test.conf", "[jail]\r\nuser = runner\r\n"
			"workdir_root = /srv/w\r\nrequire_mac = no\r\n[limits]\r\nmemory = 64M\r\n",
			&c, &e) == 0, "%s", e.msg);
	ck_assert_str_eq(c->user, "runner");
	ck_assert_str_eq(c->workdir_root, "/srv/w");
	ck_assert(!c->require_mac);
	ck_assert_uint_eq(c->defaults.v[LJ_LIMIT_MEMORY], 64 * MiB);
	lj_config_free(c);
}
END_TEST

START_TEST(test_free_null)
{
	lj_config_free(NULL);
}
END_TEST

/* The shipped langjail.conf parses. */
START_TEST(test_shipped_conf)
{
	const char *src = getenv("LANGJAIL_SRCDIR");
	char path[4096];
	struct lj_config *c = NULL;
	struct lj_err e;

	snprintf(path, sizeof(path), "%s/langjail.conf", src ? src : ".");
	if (access(path, R_OK) < 0) {
		fprintf(stderr, "test-config: SKIP shipped conf: %s not found "
				"(set LANGJAIL_SRCDIR)\n", path);
		return;
	}
	lj_err_clear(&e);
	ck_assert_msg(lj_config_load(path, false, &c, &e) == 0, "%s", e.msg);
	ck_assert_str_eq(c->path, path);
	ck_assert_uint_eq(lj_strv_len(c->callers), 1);
	ck_assert_str_eq(c->callers[0], "@langjail");
	lj_config_free(c);
}
END_TEST

static const struct {
	const char *uids;
	uint32_t first, last;
} uid_cases[] = {
	{ "1000-1000", 1000, 1000 },
	{ "1-65536", 1, 65536 },
	{ "100000-165535", 100000, 165535 },
	{ "4294901759-4294967294", 4294901759u, 4294967294u },
	{ "0100-0200", 100, 200 },
};

START_TEST(test_uids)
{
	char text[256];
	struct lj_config *c = NULL;
	struct lj_err e;

	snprintf(text, sizeof(text), "[jail]\nuids = %s\n", uid_cases[_i].uids);
	lj_err_clear(&e);
	ck_assert_msg(lj_config_parse_string("test.conf", text, &c, &e) == 0, "%s", e.msg);
	ck_assert_uint_eq(c->uid_first, uid_cases[_i].first);
	ck_assert_uint_eq(c->uid_last, uid_cases[_i].last);
	ck_assert_str_eq(c->uids, uid_cases[_i].uids);   /* the string is left intact */
	lj_config_free(c);
}
END_TEST

static const struct {
	const char *text;
	unsigned n;
} pool_cases[] = {
	{ "0", 0 }, { "1", 1 }, { "16", 16 }, { "1024", 1024 }, { "007", 7 },
};

START_TEST(test_netns_pool)
{
	char text[256];
	struct lj_config *c = NULL;
	struct lj_err e;

	snprintf(text, sizeof(text), "[jail]\nnetns_pool = %s\nstate_dir = /srv/lj-state\n",
			pool_cases[_i].text);
	lj_err_clear(&e);
	ck_assert_msg(lj_config_parse_string("test.conf", text, &c, &e) == 0, "%s", e.msg);
	ck_assert_uint_eq(c->netns_pool, pool_cases[_i].n);
	ck_assert_str_eq(c->state_dir, "/srv/lj-state");
	lj_config_free(c);
}
END_TEST

/* ---- lj_config_check_path ------------------------------------------------ */

static const struct {
	const char *s;
	int ret;
} path_cases[] = {
	{ "", -EINVAL },
	{ "relative", -EINVAL },
	{ "./x", -EINVAL },
	{ "../x", -EINVAL },
	{ "/..", -EINVAL },
	{ "/a/..", -EINVAL },
	{ "/a/../b", -EINVAL },
	{ "/a/b/../../..", -EINVAL },
	{ "/a\nb", -EINVAL },
	{ "/a\x01", -EINVAL },
	{ "/a\x7f", -EINVAL },
	{ "/a\x1b[0m", -EINVAL },
	{ "/", 0 },
	{ "/var/lib/langjail", 0 },
	{ "/a/...", 0 },
	{ "/a/..b", 0 },
	{ "/a/b..", 0 },
	{ "/srv/\xc3\xa9t\xc3\xa9", 0 },
};

START_TEST(test_check_path)
{
	ck_assert_msg(lj_config_check_path(path_cases[_i].s) == path_cases[_i].ret,
			"lj_config_check_path(\"%s\") != %d", path_cases[_i].s, path_cases[_i].ret);
}
END_TEST

/* ---- callers ------------------------------------------------------------- */

static const gid_t groups_a[] = { 5, 2000, 7 };
static const gid_t groups_b[] = { 5, 6, 7 };

static const struct {
	const char *callers;
	uid_t uid;
	gid_t gid;
	const gid_t *groups;
	size_t ngroups;
	bool ok;
} caller_cases[] = {
	/* hostile: ids that wrap, junk, empty group names */
	{ "4294967295", (uid_t) -1, 100, NULL, 0, false },
	{ "@4294967295", 1000, (gid_t) -1, NULL, 0, false },
	{ "-1", (uid_t) -1, 100, NULL, 0, false },
	{ "4294968296", 1000, 100, NULL, 0, false },   /* 2^32 + 1000 must not wrap to 1000 */
	{ "@4294969296", 1000, 2000, NULL, 0, false }, /* 2^32 + 2000 */
	{ "+1000", 1000, 100, NULL, 0, false },
	{ "1000x", 1000, 100, NULL, 0, false },
	{ "@", 1000, 0, NULL, 0, false },
	{ "@@2000", 1000, 2000, NULL, 0, false },
	{ "lj-no-such-user-zz", 1000, 100, NULL, 0, false },
	{ "@lj-no-such-group-zz", 1000, 100, NULL, 0, false },
	{ "", 0, 0, NULL, 0, false },
	{ "1000 @2000", 1001, 3000, groups_b, 3, false },
	{ "1000", 1001, 1000, NULL, 0, false },        /* a uid is not a gid */
	{ "@1000", 1000, 100, NULL, 0, false },        /* a gid is not a uid */
	/* good */
	{ "1000 @2000", 1000, 100, NULL, 0, true },
	{ "1000 @2000", 1001, 2000, NULL, 0, true },
	{ "1000 @2000", 1001, 3000, groups_a, 3, true },
	{ "  7   8\t9 ", 9, 100, NULL, 0, true },
	{ "01000", 1000, 100, NULL, 0, true },
	{ "0", 0, 0, NULL, 0, true },
	{ "root", 0, 0, NULL, 0, true },
	{ "root", 1000, 0, NULL, 0, false },
	{ "@root", 1000, 0, NULL, 0, true },
	{ "@root", 1000, 100, groups_b, 3, false },
	{ "lj-no-such-user-zz 42", 42, 100, NULL, 0, true },
};

START_TEST(test_callers)
{
	char text[512];
	struct lj_config *c = NULL;
	struct lj_err e;
	bool got;

	snprintf(text, sizeof(text), "[jail]\ncallers = %s\n", caller_cases[_i].callers);
	lj_err_clear(&e);
	ck_assert_msg(lj_config_parse_string("test.conf", text, &c, &e) == 0, "%s", e.msg);
	got = lj_config_caller_allowed(c, caller_cases[_i].uid, caller_cases[_i].gid,
			caller_cases[_i].groups, caller_cases[_i].ngroups);
	ck_assert_msg(got == caller_cases[_i].ok, "callers \"%s\" uid %u gid %u: %s, want %s",
			caller_cases[_i].callers, (unsigned) caller_cases[_i].uid,
			(unsigned) caller_cases[_i].gid, got ? "allowed" : "refused",
			caller_cases[_i].ok ? "allowed" : "refused");
	lj_config_free(c);
}
END_TEST

/* ---- lj_config_load: the file itself -------------------------------------- */

static char dir[4096];
static char file[4200];

static void load_setup(void)
{
	unit_tmpdir(dir, sizeof(dir), "config");
	snprintf(file, sizeof(file), "%s/langjail.conf", dir);
}

static void load_teardown(void)
{
	unit_rmrf(dir);
}

static const char small_conf[] = "[jail]\nuser = runner\n[limits]\nmemory = 64M\n";

START_TEST(test_load_ok)
{
	struct lj_config *c = NULL;
	struct lj_err e;

	unit_write_file(file, small_conf, strlen(small_conf), 0644);
	lj_err_clear(&e);
	if (geteuid() == 0) {
		ck_assert_msg(lj_config_load(file, true, &c, &e) == 0, "%s", e.msg);
		ck_assert_str_eq(c->path, file);
		ck_assert_str_eq(c->user, "runner");
		ck_assert_uint_eq(c->defaults.v[LJ_LIMIT_MEMORY], 64 * MiB);
		lj_config_free(c);
		c = NULL;
	}
	ck_assert_msg(lj_config_load(file, false, &c, &e) == 0, "%s", e.msg);
	ck_assert_str_eq(c->user, "runner");
	lj_config_free(c);
}
END_TEST

static const struct {
	mode_t mode;
	bool privileged_ok;
} mode_cases[] = {
	{ 0664, false },
	{ 0646, false },
	{ 0666, false },
	{ 0620, false },
	{ 0602, false },
	{ 0777, false },
	{ 02664, false },
	{ 0644, true },
	{ 0600, true },
	{ 0400, true },
	{ 0755, true },
};

START_TEST(test_load_mode)
{
	struct lj_config *c = NULL;
	struct lj_err e;
	int r;

	unit_write_file(file, small_conf, strlen(small_conf), mode_cases[_i].mode);
	lj_err_clear(&e);
	r = lj_config_load(file, true, &c, &e);
	if (mode_cases[_i].privileged_ok) {
		ck_assert_msg(r == 0, "mode %04o refused: %s", mode_cases[_i].mode, e.msg);
		lj_config_free(c);
		return;
	}
	ck_assert_msg(r == -EPERM, "mode %04o: r=%d (%s)", mode_cases[_i].mode, r, e.msg);
	ck_assert_ptr_null(c);
	ck_assert_str_eq(e.code, "config");
	ck_assert(unit_contains(e.msg, file));
	/* unprivileged callers read their own config as they like */
	ck_assert_msg(lj_config_load(file, false, &c, &e) == 0, "%s", e.msg);
	lj_config_free(c);
}
END_TEST

START_TEST(test_load_not_root_owned)
{
	struct lj_config *c = NULL;
	struct lj_err e;

	unit_write_file(file, small_conf, strlen(small_conf), 0644);
	ck_assert_int_eq(chown(file, 1000, 0), 0);
	lj_err_clear(&e);
	ck_assert_int_eq(lj_config_load(file, true, &c, &e), -EPERM);
	ck_assert_ptr_null(c);
	ck_assert(unit_contains(e.msg, "uid 1000"));
	/* root group but another owner: still refused */
	ck_assert_int_eq(chown(file, 0, 1000), 0);
	ck_assert_int_eq(chmod(file, 0644), 0);
	ck_assert_msg(lj_config_load(file, true, &c, &e) == 0, "%s", e.msg);
	lj_config_free(c);
}
END_TEST

START_TEST(test_load_symlink)
{
	char link[4300];
	struct lj_config *c = NULL;
	struct lj_err e;

	unit_write_file(file, small_conf, strlen(small_conf), 0644);
	snprintf(link, sizeof(link), "%s/link.conf", dir);
	ck_assert_int_eq(symlink(file, link), 0);
	lj_err_clear(&e);
	ck_assert_int_eq(lj_config_load(link, true, &c, &e), -ELOOP);
	ck_assert_ptr_null(c);
	ck_assert_int_eq(lj_config_load(link, false, &c, &e), -ELOOP);
	ck_assert_ptr_null(c);
	ck_assert(unit_contains(e.msg, link));
}
END_TEST

/* The jail ids: numbers, names (root resolves: refusing it is the caller's
 * business), a missing user or group named in the error. */
START_TEST(test_jail_ids)
{
	static const struct {
		const char *text;
		int r;
		unsigned uid, gid;
		const char *msg;
	} rows[] = {
		{ "[jail]\nuser = 65534\n", 0, 65534, 65534, NULL },
		{ "[jail]\nuser = 1234\ngroup = 99\n", 0, 1234, 99, NULL },
		{ "[jail]\nuser = root\n", 0, 0, 0, NULL },
		{ "[jail]\nuser = 4321\ngroup = root\n", 0, 4321, 0, NULL },
		{ "[jail]\nuser = no-such-user-lj\n", -ENOENT, 0, 0, "'no-such-user-lj'" },
		{ "[jail]\nuser = 5\ngroup = no-such-group-lj\n", -ENOENT, 0, 0,
			"'no-such-group-lj'" },
	};

	for (size_t i = 0; i < UNIT_ARRAY_SIZE(rows); i++) {
		struct lj_config *c = NULL;
		struct lj_err e;
		uid_t uid = 7;
		gid_t gid = 7;

		lj_err_clear(&e);
		ck_assert_msg(lj_config_parse_string("t.conf", rows[i].text, &c, &e) == 0, "%s",
				e.msg);
		ck_assert_int_eq(lj_config_jail_ids(c, &uid, &gid, &e), rows[i].r);
		if (rows[i].r == 0) {
			ck_assert_uint_eq(uid, rows[i].uid);
			ck_assert_uint_eq(gid, rows[i].gid);
		} else {
			ck_assert_uint_eq(uid, 7);   /* untouched on failure */
			ck_assert_str_eq(e.code, "config");
			ck_assert_msg(unit_contains(e.msg, rows[i].msg), "%s", e.msg);
		}
		lj_config_free(c);
	}
}
END_TEST

START_TEST(test_load_nul_byte)
{
	static const char text[] = "[jail]\nuser = a\0b\n[limits]\nmemory = 64M\n";
	struct lj_config *c = NULL;
	struct lj_err e;

	unit_write_file(file, text, sizeof(text) - 1, 0644);
	lj_err_clear(&e);
	ck_assert_int_eq(lj_config_load(file, geteuid() == 0, &c, &e), -EINVAL);
	ck_assert_ptr_null(c);
	ck_assert(unit_contains(e.msg, "NUL"));
}
END_TEST

/* A NUL byte as the very last byte, after a complete valid file. */
START_TEST(test_load_trailing_nul)
{
	static const char text[] = "[jail]\nuser = a\n";
	struct lj_config *c = NULL;
	struct lj_err e;

	unit_write_file(file, text, sizeof(text), 0644);   /* includes the '\0' */
	lj_err_clear(&e);
	ck_assert_int_eq(lj_config_load(file, geteuid() == 0, &c, &e), -EINVAL);
	ck_assert_ptr_null(c);
}
END_TEST

static void write_comments(const char *path, size_t size)
{
	char *buf = malloc(size);

	ck_assert_ptr_nonnull(buf);
	memset(buf, 'x', size);
	buf[0] = ';';
	for (size_t i = 63; i < size; i += 64) {
		buf[i] = '\n';
		if (i + 1 < size)
			buf[i + 1] = ';';
	}
	buf[size - 1] = '\n';
	unit_write_file(path, buf, size, 0644);
	free(buf);
}

START_TEST(test_load_size)
{
	struct lj_config *c = NULL;
	struct lj_err e;

	write_comments(file, 2u << 20);
	lj_err_clear(&e);
	ck_assert_int_eq(lj_config_load(file, geteuid() == 0, &c, &e), -EFBIG);
	ck_assert_ptr_null(c);
	write_comments(file, LJ_INI_MAX_SIZE + 1);
	ck_assert_int_eq(lj_config_load(file, geteuid() == 0, &c, &e), -EFBIG);
	write_comments(file, LJ_INI_MAX_SIZE);
	ck_assert_msg(lj_config_load(file, geteuid() == 0, &c, &e) == 0, "%s", e.msg);
	lj_config_free(c);
}
END_TEST

START_TEST(test_load_not_regular)
{
	char fifo[4300];
	struct lj_config *c = NULL;
	struct lj_err e;

	lj_err_clear(&e);
	ck_assert_int_eq(lj_config_load(dir, false, &c, &e), -EINVAL);
	ck_assert_int_eq(lj_config_load("/dev/null", false, &c, &e), -EINVAL);
	/* a FIFO must not block the open or the read */
	snprintf(fifo, sizeof(fifo), "%s/fifo.conf", dir);
	ck_assert_int_eq(mkfifo(fifo, 0644), 0);
	ck_assert_int_eq(lj_config_load(fifo, false, &c, &e), -EINVAL);
	ck_assert_ptr_null(c);
	ck_assert(unit_contains(e.msg, "not a regular file"));
}
END_TEST

START_TEST(test_load_missing)
{
	char missing[4300];
	struct lj_config *c = NULL;
	struct lj_err e;

	snprintf(missing, sizeof(missing), "%s/nope.conf", dir);
	lj_err_clear(&e);
	ck_assert_int_eq(lj_config_load(missing, true, &c, &e), -ENOENT);
	ck_assert_ptr_null(c);
	ck_assert_int_eq(e.errnum, ENOENT);
}
END_TEST

/* Errors from a loaded file name its path and line. */
START_TEST(test_load_error_names_path)
{
	static const char text[] = "[jail]\nuser = a\n[limits]\nmemory = 64Q\n";
	struct lj_config *c = NULL;
	struct lj_err e;
	char want[4400];

	unit_write_file(file, text, strlen(text), 0644);
	lj_err_clear(&e);
	ck_assert_int_eq(lj_config_load(file, geteuid() == 0, &c, &e), -EINVAL);
	snprintf(want, sizeof(want), "%s:4: [limits] memory: ", file);
	ck_assert_msg(strncmp(e.msg, want, strlen(want)) == 0, "%s", e.msg);
}
END_TEST

static Suite *config_suite(void)
{
	Suite *s = suite_create("config");
	TCase *tc;

	tc = tcase_create("malformed");
	tcase_add_loop_test(tc, test_bad_files, 0, UNIT_ARRAY_SIZE(bad_cases));
	tcase_add_test(tc, test_long_line);
	tcase_add_test(tc, test_max_below_builtin_default);
	suite_add_tcase(s, tc);

	tc = tcase_create("good");
	tcase_add_test(tc, test_good_file);
	tcase_add_loop_test(tc, test_defaults, 0, UNIT_ARRAY_SIZE(minimal_confs));
	tcase_add_test(tc, test_crlf);
	tcase_add_test(tc, test_free_null);
	tcase_add_test(tc, test_shipped_conf);
	tcase_add_loop_test(tc, test_uids, 0, UNIT_ARRAY_SIZE(uid_cases));
	tcase_add_loop_test(tc, test_netns_pool, 0, UNIT_ARRAY_SIZE(pool_cases));
	tcase_add_loop_test(tc, test_check_path, 0, UNIT_ARRAY_SIZE(path_cases));
	suite_add_tcase(s, tc);

	tc = tcase_create("callers");
	tcase_add_loop_test(tc, test_callers, 0, UNIT_ARRAY_SIZE(caller_cases));
	suite_add_tcase(s, tc);

	tc = tcase_create("load");
	tcase_add_unchecked_fixture(tc, unit_top_setup, unit_top_teardown);
	tcase_add_checked_fixture(tc, load_setup, load_teardown);
	tcase_add_test(tc, test_load_ok);
	if (geteuid() == 0) {
		tcase_add_loop_test(tc, test_load_mode, 0, UNIT_ARRAY_SIZE(mode_cases));
		tcase_add_test(tc, test_load_not_root_owned);
	} else {
		printf("SKIP: test-config: owner and mode checks of lj_config_load need root\n");
	}
	tcase_add_test(tc, test_load_symlink);
	tcase_add_test(tc, test_jail_ids);
	tcase_add_test(tc, test_load_nul_byte);
	tcase_add_test(tc, test_load_trailing_nul);
	tcase_add_test(tc, test_load_size);
	tcase_add_test(tc, test_load_not_regular);
	tcase_add_test(tc, test_load_missing);
	tcase_add_test(tc, test_load_error_names_path);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return unit_run(config_suite());
}
