/*
 * config.c - langjail.conf, read through one table of known keys.
 *
 * Unknown sections and keys are errors (a typo must not silently leave a
 * limit at its default), values are parsed strictly, and every message names
 * the file, line and key.
 */
#include "config.h"

#include <errno.h>
#include <grp.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ini.h"
#include "lj-config.h"
#include "macro.h"
#include "parse.h"

#ifndef LJ_LANGUAGES_DIR
#define LJ_LANGUAGES_DIR "/etc/langjail/languages.d"
#endif
#ifndef LJ_ENVS_DIR
#define LJ_ENVS_DIR "/var/lib/langjail/envs"
#endif
#ifndef LJ_STATE_DIR
#define LJ_STATE_DIR "/run/langjail"
#endif
#ifndef LJ_WORKDIR_ROOT
#define LJ_WORKDIR_ROOT "/var/lib/langjail/work"
#endif

enum key_type { K_STR, K_PATH, K_BOOL, K_LIST };

static const struct jail_key {
	const char *section, *key;
	enum key_type type;
	size_t offset;
} jail_keys[] = {
	{ "jail", "user", K_STR, offsetof(struct lj_config, user) },
	{ "jail", "group", K_STR, offsetof(struct lj_config, group) },
	{ "jail", "workdir_root", K_PATH, offsetof(struct lj_config, workdir_root) },
	{ "jail", "state_dir", K_PATH, offsetof(struct lj_config, state_dir) },
	{ "jail", "languages_dir", K_PATH, offsetof(struct lj_config, languages_dir) },
	{ "jail", "envs_dir", K_PATH, offsetof(struct lj_config, envs_dir) },
	{ "jail", "require_mac", K_BOOL, offsetof(struct lj_config, require_mac) },
	{ "jail", "allow_sabotage", K_BOOL, offsetof(struct lj_config, allow_sabotage) },
	{ "jail", "callers", K_LIST, offsetof(struct lj_config, callers) },
	{ "jail", "cgroup_parent", K_STR, offsetof(struct lj_config, cgroup_root) },
	{ "jail", "uids", K_STR, offsetof(struct lj_config, uids) },
	{ "jail", "netns_pool", K_STR, offsetof(struct lj_config, netns_pool_s) },
	{ "layers", "network", K_BOOL, offsetof(struct lj_config, network) },
};

struct lj_config *lj_config_new(void)
{
	struct lj_config *c = calloc(1, sizeof(*c));

	if (!c)
		return NULL;
	c->user = strdup("sandbox");
	c->workdir_root = strdup(LJ_WORKDIR_ROOT);
	c->state_dir = strdup(LJ_STATE_DIR);
	c->languages_dir = strdup(LJ_LANGUAGES_DIR);
	c->envs_dir = strdup(LJ_ENVS_DIR);
	c->cgroup_root = strdup("langjail");
	c->callers = calloc(1, sizeof(char *));
	if (!c->user || !c->workdir_root || !c->state_dir || !c->languages_dir || !c->envs_dir ||
	    !c->cgroup_root || !c->callers) {
		lj_config_free(c);
		return NULL;
	}
	c->require_mac = true;
	c->netns_pool = LJ_NETNS_POOL_DEFAULT;
	lj_limits_builtin(&c->defaults, &c->maxima);
	for (int i = 0; i < LJ_LAYER__MAX; i++)
		c->layers[i] = LJ_LAYER_REQUIRED;
	/* Delegated cgroups are rare for unprivileged users and the MAC layer
	 * has its own switch (require_mac); both are optional by default. */
	c->layers[LJ_LAYER_CGROUP] = LJ_LAYER_OPTIONAL;
	c->layers[LJ_LAYER_MAC] = LJ_LAYER_OPTIONAL;
	c->layers[LJ_LAYER_USERNS] = LJ_LAYER_OPTIONAL;
	return c;
}

void lj_config_free(struct lj_config *c)
{
	if (!c)
		return;
	free(c->path);
	free(c->user);
	free(c->group);
	free(c->workdir_root);
	free(c->state_dir);
	free(c->languages_dir);
	free(c->envs_dir);
	free(c->cgroup_root);
	free(c->uids);
	free(c->netns_pool_s);
	lj_strv_free(c->callers);
	free(c);
}

/* A path from a config file: absolute, no control characters, no "..". */
int lj_config_check_path(const char *s)
{
	if (s[0] != '/')
		return -EINVAL;
	for (const char *p = s; *p; p++)
		if ((unsigned char) *p < 0x20 || *p == 0x7f)
			return -EINVAL;
	if (strstr(s, "/../") || (strlen(s) >= 3 && strcmp(s + strlen(s) - 3, "/..") == 0))
		return -EINVAL;
	return 0;
}

struct parse_state {
	struct lj_config *c;
	struct lj_limits def, max;
	uint32_t def_set, max_set;
};

static int set_key(const struct lj_ini *ini, const char *section, const char *key,
		const char *value, void *userdata, struct lj_err *e)
{
	struct parse_state *st = userdata;
	struct lj_config *c = st->c;
	enum lj_limit lim;
	enum lj_layer layer;

	for (size_t i = 0; i < ARRAY_SIZE(jail_keys); i++) {
		const struct jail_key *k = &jail_keys[i];
		void *field = (char *) c + k->offset;

		if (strcmp(section, k->section) != 0 || strcmp(key, k->key) != 0)
			continue;
		switch (k->type) {
		case K_PATH:
			if (lj_config_check_path(value) < 0)
				return lj_ini_err(ini, e, section, key,
						"'%s' is not an absolute path without '..'", value);
			/* fall through */
		case K_STR: {
			char *dup, **dst = field;

			if (!*value)
				return lj_ini_err(ini, e, section, key, "empty value");
			dup = strdup(value);
			if (!dup)
				return lj_err_set(e, ENOMEM, "config", "out of memory");
			free(*dst);
			*dst = dup;
			return 0;
		}
		case K_BOOL:
			if (lj_parse_bool(value, (bool *) field) < 0)
				return lj_ini_err(ini, e, section, key,
						"'%s' is not yes or no", value);
			return 0;
		case K_LIST: {
			char **v, ***dst = field;

			if (lj_split_words(value, &v) < 0)
				return lj_err_set(e, ENOMEM, "config", "out of memory");
			lj_strv_free(*dst);
			*dst = v;
			return 0;
		}
		}
	}
	if (strcmp(section, "limits") == 0) {
		bool is_max = strncmp(key, "max_", 4) == 0;
		uint64_t v;
		int r;

		if (lj_limit_from_name(is_max ? key + 4 : key, &lim) < 0)
			return lj_ini_err(ini, e, section, key, "unknown limit");
		r = lj_limit_parse(lim, value, &v);
		if (r < 0)
			return lj_ini_err(ini, e, section, key, "'%s' is %s", value,
					r == -ERANGE ? "out of range" :
					lj_limit_kind(lim) == LJ_LIMIT_KIND_MS ?
					"not a duration in seconds (e.g. 2.5)" :
					lj_limit_kind(lim) == LJ_LIMIT_KIND_BYTES ?
					"not a size (e.g. 64M)" : "not a positive number");
		if (is_max) {
			st->max.v[lim] = v;
			st->max_set |= 1u << lim;
		} else {
			st->def.v[lim] = v;
			st->def_set |= 1u << lim;
		}
		return 0;
	}
	if (strcmp(section, "layers") == 0) {
		if (lj_layer_from_name(key, &layer) < 0)
			return lj_ini_err(ini, e, section, key, "unknown layer");
		if (lj_layer_mode_from_name(value, &c->layers[layer]) < 0)
			return lj_ini_err(ini, e, section, key,
					"'%s' is not required, optional or off", value);
		return 0;
	}
	if (strcmp(section, "jail") != 0 && strcmp(section, "limits") != 0 &&
	    strcmp(section, "layers") != 0)
		return lj_ini_err(ini, e, section, NULL, "unknown section");
	return lj_ini_err(ini, e, section, key, "unknown key");
}

static int finish(struct lj_ini *ini, const char *path, struct lj_config **ret, struct lj_err *e)
{
	_cleanup_(lj_config_freep) struct lj_config *c = lj_config_new();
	struct parse_state st = { 0 };
	int r;

	if (!c) {
		lj_ini_close(ini);
		return lj_err_set(e, ENOMEM, "config", "out of memory");
	}
	st.c = c;
	r = lj_ini_foreach(ini, set_key, &st, e);
	if (r < 0) {
		lj_ini_close(ini);
		return r;
	}
	for (int i = 0; i < LJ_LIMIT__MAX; i++) {
		if (st.max_set & (1u << i))
			c->maxima.v[i] = st.max.v[i];
		if (st.def_set & (1u << i))
			c->defaults.v[i] = st.def.v[i];
		if (c->defaults.v[i] > c->maxima.v[i]) {
			char a[32], b[32];

			lj_limit_format((enum lj_limit) i, c->defaults.v[i], a, sizeof(a));
			lj_limit_format((enum lj_limit) i, c->maxima.v[i], b, sizeof(b));
			char maxkey[32];

			snprintf(maxkey, sizeof(maxkey), "max_%s", lj_limit_name((enum lj_limit) i));
			r = lj_ini_err(ini, e, "limits", (st.def_set & (1u << i)) ?
					lj_limit_name((enum lj_limit) i) : maxkey,
					"default %s is above max_%s = %s", a,
					lj_limit_name((enum lj_limit) i), b);
			lj_ini_close(ini);
			return r;
		}
	}
	if (c->uids) {
		char *dash = strchr(c->uids, '-');
		uint64_t a, b;

		if (!dash) {
			r = lj_ini_err(ini, e, "jail", "uids", "'%s' is not FIRST-LAST", c->uids);
			lj_ini_close(ini);
			return r;
		}
		*dash = '\0';
		r = lj_parse_uint(c->uids, UINT32_MAX - 1, &a) < 0 ||
			lj_parse_uint(dash + 1, UINT32_MAX - 1, &b) < 0 || a == 0 || b < a ||
			b - a > 65535;
		*dash = '-';
		if (r) {
			r = lj_ini_err(ini, e, "jail", "uids", "'%s' is not a range FIRST-LAST of "
					"at most 65536 non-zero uids", c->uids);
			lj_ini_close(ini);
			return r;
		}
		c->uid_first = (uint32_t) a;
		c->uid_last = (uint32_t) b;
	}
	if (c->netns_pool_s) {
		uint64_t n;

		if (lj_parse_uint(c->netns_pool_s, LJ_NETNS_POOL_MAX, &n) < 0) {
			r = lj_ini_err(ini, e, "jail", "netns_pool", "'%s' is not a number from 0 "
					"to %u", c->netns_pool_s, LJ_NETNS_POOL_MAX);
			lj_ini_close(ini);
			return r;
		}
		c->netns_pool = (unsigned) n;
	}
	lj_ini_close(ini);
	if (path) {
		c->path = strdup(path);
		if (!c->path)
			return lj_err_set(e, ENOMEM, "config", "out of memory");
	}
	*ret = TAKE_PTR(c);
	return 0;
}

int lj_config_load(const char *path, bool privileged, struct lj_config **ret, struct lj_err *e)
{
	struct lj_ini ini;
	int r = lj_ini_open(path, privileged, &ini, e);

	if (r < 0)
		return r;
	return finish(&ini, path, ret, e);
}

int lj_config_parse_string(const char *name, const char *text, struct lj_config **ret,
		struct lj_err *e)
{
	struct lj_ini ini;
	int r = lj_ini_from_string(name, text, &ini, e);

	if (r < 0)
		return r;
	return finish(&ini, NULL, ret, e);
}

int lj_config_jail_ids(const struct lj_config *c, uid_t *ret_uid, gid_t *ret_gid,
		struct lj_err *e)
{
	uid_t uid;
	gid_t gid;
	uint64_t v;

	if (lj_parse_uint(c->user, UINT32_MAX - 1, &v) == 0) {
		uid = (uid_t) v;
		gid = (gid_t) v;
	} else {
		struct passwd *pw = getpwnam(c->user);

		if (!pw)
			return lj_err_set(e, ENOENT, "config", "the jail user '%s' does not exist "
					"(create it, or set [jail] user)", c->user);
		uid = pw->pw_uid;
		gid = pw->pw_gid;
	}
	if (c->group) {
		if (lj_parse_uint(c->group, UINT32_MAX - 1, &v) == 0) {
			gid = (gid_t) v;
		} else {
			struct group *gr = getgrnam(c->group);

			if (!gr)
				return lj_err_set(e, ENOENT, "config",
						"the jail group '%s' does not exist", c->group);
			gid = gr->gr_gid;
		}
	}
	*ret_uid = uid;
	*ret_gid = gid;
	return 0;
}

bool lj_config_caller_allowed(const struct lj_config *c, uid_t uid, gid_t gid,
		const gid_t *groups, size_t ngroups)
{
	for (char **p = c->callers; p && *p; p++) {
		const char *who = *p;
		uint64_t id;

		if (who[0] == '@') {
			const char *g = who + 1;
			gid_t want;

			if (lj_parse_uint(g, UINT32_MAX - 1, &id) == 0) {
				want = (gid_t) id;
			} else {
				struct group *gr = getgrnam(g);

				if (!gr)
					continue;
				want = gr->gr_gid;
			}
			if (want == gid)
				return true;
			for (size_t i = 0; i < ngroups; i++)
				if (groups[i] == want)
					return true;
		} else if (lj_parse_uint(who, UINT32_MAX - 1, &id) == 0) {
			if ((uid_t) id == uid)
				return true;
		} else {
			struct passwd *pw = getpwnam(who);

			if (pw && pw->pw_uid == uid)
				return true;
		}
	}
	return false;
}
