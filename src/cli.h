/*
 * cli.h - command-line parsing, separate from main so it can be unit-tested.
 */
#ifndef LJ_CLI_H
#define LJ_CLI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "lib/err.h"
#include "lib/lj-limits.h"

enum lj_cmd {
	LJ_CMD_NONE,
	LJ_CMD_RUN,
	LJ_CMD_STATUS,
	LJ_CMD_LANGUAGES,
	LJ_CMD_GC,
	LJ_CMD_PROFILE,
	LJ_CMD_ENV,
	LJ_CMD_SELFTEST,
	LJ_CMD_HELP,
	LJ_CMD_VERSION,
};

#define LJ_CLI_MAX_FILES 64

struct lj_cli {
	enum lj_cmd cmd;
	bool help;                 /* --help after a command */
	const char *config_path;   /* --config */
	const char *languages_dir; /* --languages-dir */
	const char *templates_dir; /* --templates-dir */
	bool json, unsafe;
	/* run */
	const char *lang, *source, *code, *stdin_path;
	struct { const char *name, *path; } files[LJ_CLI_MAX_FILES];
	size_t n_files;
	char **args;               /* after --; points into argv */
	struct lj_limits limits;
	uint32_t limits_mask;
	uint32_t sabotage;
	/* profile, env */
	const char *sub;           /* generate, install, remove, list, build-selinux; create, check */
	bool all;
	const char *phase;         /* run or compile */
	const char *mac;           /* profile --mac: apparmor or selinux (NULL: as detected) */
	const char *output;        /* profile build-selinux --output DIR */
	/* everything after the command's options (selftest passes them on) */
	char **rest;
};

/* Parse argv. Usage errors: -EINVAL with code "usage". */
int lj_cli_parse(int argc, char **argv, struct lj_cli *ret, struct lj_err *e);
/* The --help text of a command (LJ_CMD_NONE: the overview). */
const char *lj_cli_help(enum lj_cmd cmd);
const char *lj_cmd_name(enum lj_cmd cmd);

#endif
