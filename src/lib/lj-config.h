/*
 * lj-config.h - langjail.conf: who runs, where, with which limits and layers.
 *
 * Trust: when privileged, the file must be a regular, root-owned file not
 * writable by group or other, opened with O_NOFOLLOW (see lj_config_load).
 */
#ifndef LJ_CONFIG_H
#define LJ_CONFIG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "err.h"
#include "layer.h"
#include "lj-limits.h"

#define LJ_NETNS_POOL_DEFAULT 16
#define LJ_NETNS_POOL_MAX 1024

struct lj_config {
	char *path;             /* file it was read from, NULL for built-in */
	char *user;             /* [jail] user: name or number (default "sandbox") */
	char *group;            /* [jail] group: name or number (default: user's group) */
	char *workdir_root;     /* [jail] workdir_root */
	char *state_dir;        /* [jail] state_dir: locks and the network namespace pool */
	char *languages_dir;    /* [jail] languages_dir */
	char *envs_dir;         /* [jail] envs_dir */
	bool require_mac;       /* [jail] require_mac (default yes) */
	bool allow_sabotage;    /* [jail] allow_sabotage (tests only, default no) */
	bool network;           /* [layers] network (default no) */
	char **callers;         /* [jail] callers: user names, uids and @groups; NULL-terminated */
	char *cgroup_root;      /* [jail] cgroup_parent: name of the parent cgroup ("langjail") */
	char *uids;             /* [jail] uids: "FIRST-LAST", one uid per concurrent run */
	uint32_t uid_first, uid_last;
	char *netns_pool_s;     /* [jail] netns_pool as written */
	unsigned netns_pool;    /* ... how many empty network namespaces to keep (default 16, 0 off) */
	struct lj_limits defaults;
	struct lj_limits maxima;
	enum lj_layer_mode layers[LJ_LAYER__MAX];
};

/* Built-in configuration (every default). Returns NULL on ENOMEM. */
struct lj_config *lj_config_new(void);
void lj_config_free(struct lj_config *c);
static inline void lj_config_freep(struct lj_config **c) { lj_config_free(*c); }

/*
 * Read @path over the built-in defaults. When @privileged, the file must be
 * root-owned, regular, and not group/other-writable (-EPERM otherwise).
 * Errors name file, line and key: "langjail.conf:12: [limits] memory: ...".
 * A missing file is -ENOENT.
 */
int lj_config_load(const char *path, bool privileged, struct lj_config **ret,
		struct lj_err *e);

/* Parse INI text already in memory (for tests); @name is used in messages. */
/* Validate a path value: absolute, no control characters, no "..". */
int lj_config_check_path(const char *s);

int lj_config_parse_string(const char *name, const char *text, struct lj_config **ret,
		struct lj_err *e);

/* Whether a sudo caller (uid, its groups) may run; see [jail] callers. */
/*
 * The jail user's uid and gid: [jail] user (a number, or a name looked up
 * with getpwnam, whose primary group is the default) and [jail] group (a
 * number or a name). -ENOENT (code "config", naming the user or group) when
 * a name does not exist. Root is not refused here: callers decide.
 */
int lj_config_jail_ids(const struct lj_config *c, uid_t *ret_uid, gid_t *ret_gid,
		struct lj_err *e);
bool lj_config_caller_allowed(const struct lj_config *c, uid_t uid, gid_t gid,
		const gid_t *groups, size_t ngroups);

#endif
