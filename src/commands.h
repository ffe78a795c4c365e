/* commands.h - the CLI's commands other than run. Each returns an exit code. */
#ifndef LJ_COMMANDS_H
#define LJ_COMMANDS_H

#include "cli.h"
#include "lib/lj-config.h"
#include "lib/priv.h"
#include "lib/result.h"

int lj_cmd_status(const struct lj_cli *cli, const struct lj_caller *who,
		const struct lj_config *conf);
int lj_cmd_languages(const struct lj_cli *cli, const struct lj_caller *who,
		const struct lj_config *conf);
int lj_cmd_gc(const struct lj_cli *cli, const struct lj_caller *who,
		const struct lj_config *conf);
int lj_cmd_profile(const struct lj_cli *cli, const struct lj_caller *who,
		const struct lj_config *conf);
int lj_cmd_env(const struct lj_cli *cli, const struct lj_caller *who,
		const struct lj_config *conf);
int lj_cmd_selftest(const struct lj_cli *cli, const struct lj_caller *who,
		const struct lj_config *conf, const char *argv0);
/* The stderr warning of an unsafe run: which layers protected it. */
void lj_cmd_say_unsafe(const struct lj_result *r);

#endif
