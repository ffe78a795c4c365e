/*
 * lang.c - language files: which interpreter, how to call it, with what.
 *
 * A language file is configuration: when privileged it must be root-owned
 * like langjail.conf. Paths may start with ${envs_dir}, replaced by the
 * configured environments root.
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ini.h"
#include "lang.h"
#include "lj-config.h"
#include "macro.h"
#include "parse.h"

enum key_type { K_STR, K_PATH, K_PATHS, K_WORDS, K_NAME, K_ENV };

static const struct lang_key {
	const char *section;
	const char *key;
	enum key_type type;
	size_t offset;
	bool required;          /* in a file that has the section */
} lang_keys[] = {
	{ "language", "description", K_STR, offsetof(struct lj_lang, description), false },
	{ "language", "interpreter", K_PATH, offsetof(struct lj_lang, interpreter), true },
	{ "language", "fallback", K_PATH, offsetof(struct lj_lang, fallback), false },
	{ "language", "env_dir", K_PATH, offsetof(struct lj_lang, env_dir), false },
	{ "language", "argv", K_WORDS, offsetof(struct lj_lang, argv), true },
	{ "language", "source", K_NAME, offsetof(struct lj_lang, source_name), true },
	{ "language", "env", K_ENV, offsetof(struct lj_lang, env), false },
	{ "language", "read_paths", K_PATHS, offsetof(struct lj_lang, read_paths), false },
	{ "language", "exec_paths", K_PATHS, offsetof(struct lj_lang, exec_paths), false },
	{ "language", "apparmor_profile", K_STR, offsetof(struct lj_lang, apparmor_profile), false },
	{ "language", "selinux_type", K_STR, offsetof(struct lj_lang, selinux_type), false },
	{ "language", "env_create", K_STR, offsetof(struct lj_lang, env_create), false },
	{ "language", "env_from", K_PATH, offsetof(struct lj_lang, env_from), false },
	{ "language", "version", K_WORDS, offsetof(struct lj_lang, version), false },
	{ "compile", "argv", K_WORDS, offsetof(struct lj_lang, compile.argv), true },
	{ "compile", "compiler", K_PATH, offsetof(struct lj_lang, compile.compiler), false },
	{ "compile", "fallback", K_PATH, offsetof(struct lj_lang, compile.fallback), false },
	{ "compile", "env", K_ENV, offsetof(struct lj_lang, compile.env), false },
	{ "compile", "read_paths", K_PATHS, offsetof(struct lj_lang, compile.read_paths), false },
	{ "compile", "exec_paths", K_PATHS, offsetof(struct lj_lang, compile.exec_paths), false },
};

/* "limits" and "compile_limits": a limit value into @lim / @set. */
static int set_limit(const struct lj_ini *ini, const char *section, const char *key,
		const char *value, struct lj_limits *lim, uint32_t *set, struct lj_err *e)
{
	enum lj_limit l;
	uint64_t v;
	int r;

	if (lj_limit_from_name(key, &l) < 0)
		return lj_ini_err(ini, e, section, key, "unknown limit");
	r = lj_limit_parse(l, value, &v);
	if (r < 0)
		return lj_ini_err(ini, e, section, key, "'%s' is not a valid %s", value,
				lj_limit_kind(l) == LJ_LIMIT_KIND_MS ? "duration" :
				lj_limit_kind(l) == LJ_LIMIT_KIND_BYTES ? "size" : "number");
	lim->v[l] = v;
	*set |= 1u << l;
	return 0;
}

void lj_lang_free(struct lj_lang *l)
{
	if (!l)
		return;
	free(l->name);
	free(l->path);
	free(l->description);
	free(l->interpreter);
	free(l->fallback);
	free(l->env_dir);
	lj_strv_free(l->argv);
	free(l->source_name);
	lj_strv_free(l->env);
	lj_strv_free(l->read_paths);
	lj_strv_free(l->exec_paths);
	free(l->apparmor_profile);
	free(l->selinux_type);
	free(l->env_create);
	free(l->env_from);
	lj_strv_free(l->version);
	lj_strv_free(l->compile.argv);
	free(l->compile.compiler);
	free(l->compile.fallback);
	lj_strv_free(l->compile.env);
	lj_strv_free(l->compile.read_paths);
	lj_strv_free(l->compile.exec_paths);
	free(l);
}

/* Replace a leading ${envs_dir} and validate the path. */
static int expand_path(const char *value, const char *envs_dir, char **ret)
{
	static const char var[] = "${envs_dir}";
	char *s;

	if (strncmp(value, var, sizeof(var) - 1) == 0) {
		if (asprintf(&s, "%s%s", envs_dir, value + sizeof(var) - 1) < 0)
			return -ENOMEM;
	} else {
		s = strdup(value);
		if (!s)
			return -ENOMEM;
	}
	if (lj_config_check_path(s) < 0) {
		free(s);
		return -EINVAL;
	}
	*ret = s;
	return 0;
}

struct parse_state {
	struct lj_lang *l;
	const char *envs_dir;
	uint32_t seen;
	bool compile_seen;
};

static int set_key(const struct lj_ini *ini, const char *section, const char *key,
		const char *value, void *userdata, struct lj_err *e)
{
	struct parse_state *st = userdata;
	struct lj_lang *l = st->l;

	if (strcmp(section, "limits") == 0)
		return set_limit(ini, section, key, value, &l->limits, &l->limits_set, e);
	if (strcmp(section, "compile_limits") == 0)
		return set_limit(ini, section, key, value, &l->compile.limits,
				&l->compile.limits_set, e);
	if (strcmp(section, "language") != 0 && strcmp(section, "compile") != 0)
		return lj_ini_err(ini, e, section, NULL, "unknown section");
	if (strcmp(section, "compile") == 0)
		st->compile_seen = true;

	for (size_t i = 0; i < ARRAY_SIZE(lang_keys); i++) {
		const struct lang_key *k = &lang_keys[i];
		void *field = (char *) l + k->offset;
		char **v = NULL;
		int r;

		if (strcmp(section, k->section) != 0 || strcmp(key, k->key) != 0)
			continue;
		st->seen |= 1u << i;
		switch (k->type) {
		case K_STR:
		case K_NAME: {
			char *dup;

			if (!*value)
				return lj_ini_err(ini, e, section, key, "empty value");
			if (k->type == K_NAME && !lj_name_is_safe(value))
				return lj_ini_err(ini, e, section, key,
						"'%s' is not a plain file name", value);
			for (const char *p = value; *p; p++)
				if ((unsigned char) *p < 0x20)
					return lj_ini_err(ini, e, section, key,
							"control character in value");
			dup = strdup(value);
			if (!dup)
				return lj_err_set(e, ENOMEM, "config", "out of memory");
			free(*(char **) field);
			*(char **) field = dup;
			return 0;
		}
		case K_PATH: {
			char *p;

			r = expand_path(value, st->envs_dir, &p);
			if (r == -ENOMEM)
				return lj_err_set(e, ENOMEM, "config", "out of memory");
			if (r < 0)
				return lj_ini_err(ini, e, section, key,
						"'%s' is not an absolute path without '..'", value);
			free(*(char **) field);
			*(char **) field = p;
			return 0;
		}
		case K_PATHS:
		case K_WORDS:
		case K_ENV:
			if (lj_split_words(value, &v) < 0)
				return lj_err_set(e, ENOMEM, "config", "out of memory");
			if (k->type == K_WORDS && !v[0]) {
				lj_strv_free(v);
				return lj_ini_err(ini, e, section, key, "empty value");
			}
			for (size_t n = 0; v[n]; n++) {
				if (k->type == K_PATHS) {
					char *p;

					r = expand_path(v[n], st->envs_dir, &p);
					if (r < 0) {
						r = r == -ENOMEM ?
							lj_err_set(e, ENOMEM, "config", "out of memory") :
							lj_ini_err(ini, e, section, key,
								"'%s' is not an absolute path without '..'",
								v[n]);
						lj_strv_free(v);
						return r;
					}
					free(v[n]);
					v[n] = p;
				} else if (k->type == K_ENV) {
					const char *eq = strchr(v[n], '=');

					if (!eq || eq == v[n]) {
						r = lj_ini_err(ini, e, section, key,
								"'%s' is not NAME=VALUE", v[n]);
						lj_strv_free(v);
						return r;
					}
				}
			}
			lj_strv_free(*(char ***) field);
			*(char ***) field = v;
			return 0;
		}
	}
	return lj_ini_err(ini, e, section, key, "unknown key");
}

static int finish(struct lj_ini *ini, const char *name, const char *path, const char *envs_dir,
		struct lj_lang **ret, struct lj_err *e)
{
	_cleanup_(lj_lang_freep) struct lj_lang *l = calloc(1, sizeof(*l));
	struct parse_state st = { .envs_dir = envs_dir };
	int r;

	if (!l) {
		lj_ini_close(ini);
		return lj_err_set(e, ENOMEM, "config", "out of memory");
	}
	st.l = l;
	r = lj_ini_foreach(ini, set_key, &st, e);
	for (size_t i = 0; r == 0 && i < ARRAY_SIZE(lang_keys); i++)
		if (lang_keys[i].required && !(st.seen & (1u << i)) &&
		    (strcmp(lang_keys[i].section, "compile") != 0 || st.compile_seen))
			r = lj_ini_err(ini, e, lang_keys[i].section, NULL, "missing key '%s'",
					lang_keys[i].key);
	if (r == 0 && !st.compile_seen && l->compile.limits_set)
		r = lj_ini_err(ini, e, "compile_limits", NULL,
				"limits for a compile phase, but no [compile] section");
	l->compile.on = st.compile_seen;
	if (r == 0 && l->env_create && strcmp(l->env_create, "venv") &&
	    strcmp(l->env_create, "copy") && strcmp(l->env_create, "tree"))
		r = lj_ini_err(ini, e, "language", "env_create", "'%s' is not venv, copy or tree",
				l->env_create);
	lj_ini_close(ini);
	if (r < 0)
		return r;
	l->name = strdup(name);
	l->path = path ? strdup(path) : NULL;
	if (!l->env_dir)
		if (asprintf(&l->env_dir, "%s/%s", envs_dir, name) < 0)
			l->env_dir = NULL;
	if (!l->apparmor_profile)
		if (asprintf(&l->apparmor_profile, "langjail-%s", name) < 0)
			l->apparmor_profile = NULL;
	if (!l->selinux_type)
		if (asprintf(&l->selinux_type, "langjail_%s_t", name) < 0)
			l->selinux_type = NULL;
	if (!l->name || (path && !l->path) || !l->env_dir || !l->apparmor_profile ||
	    !l->selinux_type)
		return lj_err_set(e, ENOMEM, "config", "out of memory");
	*ret = TAKE_PTR(l);
	return 0;
}

int lj_lang_parse_string(const char *name, const char *text, const char *envs_dir,
		struct lj_lang **ret, struct lj_err *e)
{
	struct lj_ini ini;
	int r = lj_ini_from_string(name, text, &ini, e);

	if (r < 0)
		return r;
	return finish(&ini, name, NULL, envs_dir, ret, e);
}

int lj_lang_load(const struct lj_config *c, const char *name, bool privileged,
		struct lj_lang **ret, struct lj_err *e)
{
	_cleanup_free_ char *path = NULL;
	struct lj_ini ini;
	int r;

	if (!lj_lang_name_is_valid(name))
		return lj_err_set(e, EINVAL, "unknown_language",
				"'%.40s' is not a valid language name", name);
	if (asprintf(&path, "%s/%s.ini", c->languages_dir, name) < 0)
		return lj_err_set(e, ENOMEM, "config", "out of memory");
	if (access(path, F_OK) < 0 && errno == ENOENT)
		return lj_err_set(e, ENOENT, "unknown_language",
				"unknown language '%s' (no %s; see 'langjail languages')", name, path);
	r = lj_ini_open(path, privileged, &ini, e);
	if (r < 0)
		return r;
	return finish(&ini, name, path, c->envs_dir, ret, e);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *) a, *(char *const *) b);
}

int lj_lang_list(const struct lj_config *c, char ***ret, struct lj_err *e)
{
	DIR *d = opendir(c->languages_dir);
	char **v = NULL;
	size_t n = 0;
	struct dirent *de;

	if (!d)
		return lj_err_sys(e, errno, "config", "%s", c->languages_dir);
	v = calloc(1, sizeof(char *));
	if (!v)
		goto oom;
	while ((de = readdir(d))) {
		size_t len = strlen(de->d_name);
		char **nv;

		if (len < 5 || strcmp(de->d_name + len - 4, ".ini") != 0)
			continue;
		nv = realloc(v, (n + 2) * sizeof(char *));
		if (!nv)
			goto oom;
		v = nv;
		v[n] = strndup(de->d_name, len - 4);
		v[n + 1] = NULL;
		if (!v[n])
			goto oom;
		if (!lj_lang_name_is_valid(v[n])) {
			free(v[n]);
			v[n] = NULL;
			continue;
		}
		n++;
	}
	closedir(d);
	qsort(v, n, sizeof(char *), cmp_str);
	*ret = v;
	return 0;
oom:
	closedir(d);
	lj_strv_free(v);
	return lj_err_set(e, ENOMEM, "config", "out of memory");
}

/* Expand one template token into @out (or only measure it when @out is NULL). */
static size_t expand_token(const char *s, const struct lj_argv_vars *vars, char *out)
{
	const struct { const char *name; const char *value; } subst[] = {
		{ "{interpreter}", vars->interpreter },
		{ "{compiler}", vars->compiler },
		{ "{source}", vars->source },
		{ "{workdir}", vars->workdir },
		{ "{memory_mb}", vars->memory_mb },
	};
	size_t n = 0;

	while (*s) {
		size_t i;

		for (i = 0; i < ARRAY_SIZE(subst); i++)
			if (strncmp(s, subst[i].name, strlen(subst[i].name)) == 0)
				break;
		if (i < ARRAY_SIZE(subst)) {
			const char *v = subst[i].value ? subst[i].value : "";
			size_t len = strlen(v);

			if (out)
				memcpy(out + n, v, len);
			n += len;
			s += strlen(subst[i].name);
		} else {
			if (out)
				out[n] = *s;
			n++;
			s++;
		}
	}
	if (out)
		out[n] = '\0';
	return n + 1;
}

int lj_lang_expand_argv(char *const *tmpl, const struct lj_argv_vars *vars,
		char *const *args, char ***ret)
{
	size_t nargs = lj_strv_len(args), n = 0, bytes = 0;
	char **v;
	char *p;

	for (char *const *t = tmpl; *t; t++) {
		if (strcmp(*t, "{args}") == 0) {
			n += nargs;
			for (size_t i = 0; i < nargs; i++)
				bytes += strlen(args[i]) + 1;
		} else {
			n++;
			bytes += expand_token(*t, vars, NULL);
		}
		if (n > 100000 || bytes > (64u << 20))
			return -E2BIG;
	}
	v = malloc((n + 1) * sizeof(char *) + bytes);
	if (!v)
		return -ENOMEM;
	p = (char *) (v + n + 1);
	n = 0;
	for (char *const *t = tmpl; *t; t++) {
		if (strcmp(*t, "{args}") == 0) {
			for (size_t i = 0; i < nargs; i++) {
				v[n++] = p;
				p = stpcpy(p, args[i]) + 1;
			}
		} else {
			v[n++] = p;
			p += expand_token(*t, vars, p);
		}
	}
	v[n] = NULL;
	*ret = v;
	return 0;
}
