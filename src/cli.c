/*
 * cli.c - parsing langjail's command line. Pure: no I/O, no privileges.
 *
 *   langjail [--config FILE] [--languages-dir DIR] COMMAND [OPTIONS] ...
 *
 * Options of `run` come before LANG (POSIX order), so a program's own
 * arguments after `--` can never be mistaken for ours.
 */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <string.h>

#include "cli.h"
#include "lib/layer.h"
#include "lib/parse.h"

static const char help_main[] =
"Usage: langjail [--config FILE] [--languages-dir DIR] COMMAND [OPTIONS]\n"
"\n"
"Run untrusted programs in many languages, each in a fresh jail.\n"
"\n"
"Commands:\n"
"  run LANG [SOURCE] [-- ARGS...]   run a program in the jail\n"
"  status                           what this machine offers, and the setup\n"
"  languages                        the configured languages and their readiness\n"
"  profile generate|install|remove|list|build-selinux [LANG|--all]\n"
"                                   manage the languages' AppArmor profiles or\n"
"                                   SELinux module\n"
"  env create|remove|check|list [LANG|--all]\n"
"                                   manage the dedicated interpreter copies\n"
"  selftest [OPTIONS]               run the escape-attempt corpus against the jail\n"
"  gc                               remove what crashed runs left behind\n"
"  help [COMMAND]                   show help for a command\n"
"\n"
"Global options:\n"
"  --config FILE          read FILE instead of the installed langjail.conf\n"
"                         (refused when run through sudo)\n"
"  --languages-dir DIR    read language files from DIR (refused through sudo)\n"
"  --templates-dir DIR    read the AppArmor profile or SELinux module templates\n"
"                         from DIR (refused through sudo)\n"
"  -h, --help             show this help\n"
"  -V, --version          show the version\n"
"\n"
"See langjail(1), langjail.conf(5) and langjail-languages(5).\n";

static const char help_run[] =
"Usage: langjail run [OPTIONS] LANG [SOURCE | -c CODE] [-- ARGS...]\n"
"\n"
"Run SOURCE (or CODE) with the language's dedicated interpreter as the jail\n"
"user, in a fresh private workdir, under every confinement layer available.\n"
"\n"
"Options:\n"
"  -c, --code CODE        the program text itself instead of a SOURCE file\n"
"  -f, --file NAME=PATH   also put PATH into the workdir as NAME (repeatable)\n"
"  -i, --stdin FILE       the program's standard input (default: langjail's)\n"
"  -j, --json             print one JSON object with the verdict and output\n"
"      --unsafe           run even though no MAC (AppArmor/SELinux) is available,\n"
"                         with the kernel layers only\n"
"      --cpu SECONDS      CPU time limit of the whole process tree\n"
"      --wall SECONDS     wall-clock limit\n"
"      --memory SIZE      memory limit (e.g. 256M)\n"
"      --procs N          processes and threads\n"
"      --file-size SIZE   largest file the program may write\n"
"      --open-files N     open file descriptors per process\n"
"      --output SIZE      bytes kept per output stream; more ends the run\n"
"      --disk SIZE        size of the workdir\n"
"      --inodes N         files and directories in the workdir\n"
"      --stack SIZE       stack size\n"
"      --sabotage LAYERS  switch layers off (tests; needs allow_sabotage)\n"
"  -h, --help             show this help\n"
"\n"
"A limit can be set up to its configured maximum, never above.\n"
"Exit status: the program's, 128+N for signal N, 124 for a time limit,\n"
"137 for the memory or output limit, 125 for a langjail error, 126 when the\n"
"program could not be executed; 0 with --json whenever a verdict was made.\n";

static const char help_status[] =
"Usage: langjail status [--json]\n"
"\n"
"Show what the machine offers (AppArmor, SELinux, Landlock, seccomp,\n"
"namespaces, cgroups), the configured jail user, and each language.\n";

static const char help_languages[] =
"Usage: langjail languages [--json]\n"
"\n"
"List the configured languages, their interpreters and whether each is ready.\n";

static const char help_gc[] =
"Usage: langjail gc\n"
"\n"
"Remove cgroups and workdirs left behind by runs whose supervisor died and,\n"
"as root, the idle network namespaces of the pool (netns_pool).\n";

static const char help_profile[] =
"Usage: langjail profile generate LANG [--phase run|compile]\n"
"       langjail profile install [LANG | --all] [--mac apparmor|selinux]\n"
"       langjail profile remove [LANG | --all] [--mac apparmor|selinux]\n"
"       langjail profile list [--mac apparmor|selinux]\n"
"       langjail profile build-selinux --output DIR\n"
"\n"
"Generate a language's AppArmor profile from its template, install it in\n"
"/etc/apparmor.d and load it, remove it, or list each profile's mode.\n"
"Where SELinux is enabled (or with --mac selinux), install, remove and list\n"
"manage the SELinux module langjail instead, which holds the domains of all\n"
"configured languages: install LANG rebuilds and installs it whole, and only\n"
"remove --all removes it.  build-selinux compiles the module into DIR\n"
"(langjail.te, langjail.fc, langjail.pp) for another host, installing nothing.\n";

static const char help_env[] =
"Usage: langjail env create [LANG | --all]\n"
"       langjail env remove [LANG | --all]\n"
"       langjail env check [LANG | --all]\n"
"       langjail env list\n"
"\n"
"Build a language's dedicated environment (a venv made with --copies, or a\n"
"copy of the interpreter) under [jail] envs_dir, remove it, check that it\n"
"is owned by root and writable by nobody else, or list the environments.\n";

static const char help_selftest[] =
"Usage: langjail selftest [--unsafe] [--language L] [--only ID...] [--tap|--json]\n"
"\n"
"Run the shipped escape-attempt corpus through the configured jail and\n"
"check on the host that every attack was contained.\n";

static const struct {
	const char *name;
	enum lj_cmd cmd;
	const char *help;
} commands[] = {
	{ "run", LJ_CMD_RUN, help_run },
	{ "status", LJ_CMD_STATUS, help_status },
	{ "languages", LJ_CMD_LANGUAGES, help_languages },
	{ "gc", LJ_CMD_GC, help_gc },
	{ "profile", LJ_CMD_PROFILE, help_profile },
	{ "env", LJ_CMD_ENV, help_env },
	{ "selftest", LJ_CMD_SELFTEST, help_selftest },
};

const char *lj_cli_help(enum lj_cmd cmd)
{
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		if (commands[i].cmd == cmd)
			return commands[i].help;
	return help_main;
}

const char *lj_cmd_name(enum lj_cmd cmd)
{
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		if (commands[i].cmd == cmd)
			return commands[i].name;
	return "langjail";
}

enum {
	OPT_UNSAFE = 256,
	OPT_SABOTAGE,
	OPT_CONFIG,
	OPT_LANGDIR,
	OPT_ALL,
	OPT_PHASE,
	OPT_TEMPLATES,
	OPT_MAC,
	OPT_OUTPUT,
	OPT_LIMIT_BASE = 512,
};

#define usage(e, fmt, arg) lj_err_set((e), EINVAL, "usage", fmt, (arg))

static int parse_sabotage(const char *s, uint32_t *mask, struct lj_err *e)
{
	char buf[256];
	char *save = NULL;

	if (strlen(s) >= sizeof(buf))
		return usage(e, "--sabotage: list too long%s", "");
	strcpy(buf, s);
	for (char *tok = strtok_r(buf, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		enum lj_layer l;

		if (lj_layer_from_name(tok, &l) < 0)
			return usage(e, "--sabotage: unknown layer '%s' (userns pidns netns mountns "
					"ipcns utsns seccomp landlock cgroup rlimits mac)", tok);
		*mask |= 1u << l;
	}
	return 0;
}

static int parse_run(int argc, char **argv, struct lj_cli *c, struct lj_err *e)
{
	struct option opts[8 + LJ_LIMIT__MAX + 1] = {
		{ "code", required_argument, NULL, 'c' },
		{ "file", required_argument, NULL, 'f' },
		{ "stdin", required_argument, NULL, 'i' },
		{ "json", no_argument, NULL, 'j' },
		{ "unsafe", no_argument, NULL, OPT_UNSAFE },
		{ "sabotage", required_argument, NULL, OPT_SABOTAGE },
		{ "config", required_argument, NULL, OPT_CONFIG },
		{ "help", no_argument, NULL, 'h' },
	};
	int o;

	for (int i = 0; i < LJ_LIMIT__MAX; i++)
		opts[8 + i] = (struct option) { lj_limit_option((enum lj_limit) i) + 2,
			required_argument, NULL, OPT_LIMIT_BASE + i };
	opts[8 + LJ_LIMIT__MAX] = (struct option) { 0 };

	while ((o = getopt_long(argc, argv, "+c:f:i:jh", opts, NULL)) != -1) {
		switch (o) {
		case 'c':
			c->code = optarg;
			break;
		case 'f': {
			char *eq = strchr(optarg, '=');

			if (!eq || eq == optarg || !eq[1])
				return usage(e, "--file takes NAME=PATH, not '%s'", optarg);
			if (c->n_files >= LJ_CLI_MAX_FILES)
				return usage(e, "at most 64 --file options%s", "");
			*eq = '\0';
			if (!lj_name_is_safe(optarg)) {
				*eq = '=';
				return usage(e, "--file: '%s' is not a plain file name (no '/', no "
						"leading '.', no control characters)", optarg);
			}
			c->files[c->n_files].name = optarg;
			c->files[c->n_files].path = eq + 1;
			c->n_files++;
			break;
		}
		case 'i':
			c->stdin_path = optarg;
			break;
		case 'j':
			c->json = true;
			break;
		case 'h':
			c->help = true;
			return 0;
		case OPT_UNSAFE:
			c->unsafe = true;
			break;
		case OPT_SABOTAGE:
			if (parse_sabotage(optarg, &c->sabotage, e) < 0)
				return -EINVAL;
			break;
		case OPT_CONFIG:
			c->config_path = optarg;
			break;
		case '?':
			return usage(e, "run: unknown option or missing value (see "
					"'langjail run --help')%s", "");
		default:
			if (o >= OPT_LIMIT_BASE && o < OPT_LIMIT_BASE + LJ_LIMIT__MAX) {
				enum lj_limit l = (enum lj_limit) (o - OPT_LIMIT_BASE);
				int r = lj_limit_parse(l, optarg, &c->limits.v[l]);

				if (r < 0)
					return lj_err_set(e, EINVAL, "usage", "%s: '%s' is %s",
							lj_limit_option(l), optarg,
							r == -ERANGE ? "out of range" :
							lj_limit_kind(l) == LJ_LIMIT_KIND_MS ?
							"not a number of seconds" :
							lj_limit_kind(l) == LJ_LIMIT_KIND_BYTES ?
							"not a size such as 64M" : "not a positive number");
				c->limits_mask |= 1u << l;
				break;
			}
			return usage(e, "run: bad option%s", "");
		}
	}
	if (optind >= argc)
		return usage(e, "run: which language? (see 'langjail languages')%s", "");
	c->lang = argv[optind++];
	/* "LANG -c CODE" reads naturally; accept it after LANG too. */
	if (optind < argc && !c->code &&
	    (!strcmp(argv[optind], "-c") || !strcmp(argv[optind], "--code"))) {
		if (optind + 1 >= argc)
			return usage(e, "run: -c needs the program text%s", "");
		c->code = argv[optind + 1];
		optind += 2;
	}
	if (optind < argc && strcmp(argv[optind], "--") != 0) {
		if (c->code)
			return usage(e, "run: give either SOURCE or -c CODE, not both ('%s')",
					argv[optind]);
		c->source = argv[optind++];
	}
	if (!c->source && !c->code)
		return usage(e, "run: no program: give a SOURCE file or -c CODE%s", "");
	if (optind < argc) {
		if (strcmp(argv[optind], "--") != 0)
			return usage(e, "run: unexpected '%s' (program arguments go after --)",
					argv[optind]);
		optind++;
	}
	c->args = argv + optind;
	return 0;
}

/* Options each of the other commands accepts (bits of 1 << option). */
enum { F_JSON = 1, F_ALL = 2, F_PHASE = 4, F_MAC = 8, F_OUTPUT = 16 };

static unsigned allowed_flags(enum lj_cmd cmd)
{
	switch (cmd) {
	case LJ_CMD_STATUS:
	case LJ_CMD_LANGUAGES:
		return F_JSON;
	case LJ_CMD_PROFILE:
		return F_ALL | F_PHASE | F_MAC | F_OUTPUT;
	case LJ_CMD_ENV:
		return F_ALL;
	case LJ_CMD_GC:
	case LJ_CMD_NONE:
	case LJ_CMD_RUN:
	case LJ_CMD_SELFTEST:
	case LJ_CMD_HELP:
	case LJ_CMD_VERSION:
		break;
	}
	return 0;
}

static int parse_simple(int argc, char **argv, struct lj_cli *c, struct lj_err *e)
{
	static const struct option opts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ "all", no_argument, NULL, OPT_ALL },
		{ "phase", required_argument, NULL, OPT_PHASE },
		{ "mac", required_argument, NULL, OPT_MAC },
		{ "output", required_argument, NULL, OPT_OUTPUT },
		{ "config", required_argument, NULL, OPT_CONFIG },
		{ 0 },
	};
	unsigned allowed = allowed_flags(c->cmd), used = 0;
	const char *pos[3];
	int npos = 0, o;

	/* No program arguments follow these commands: options may come
	 * anywhere ("profile generate python3 --phase compile"). */
	while (optind < argc) {
		o = getopt_long(argc, argv, "-jh", opts, NULL);
		if (o == -1)
			break;
		switch (o) {
		case 1:
			if (npos >= 3)
				return usage(e, "unexpected '%s'", optarg);
			pos[npos++] = optarg;
			break;
		case 'j':
			c->json = true;
			used |= F_JSON;
			break;
		case 'h':
			c->help = true;
			return 0;
		case OPT_ALL:
			c->all = true;
			used |= F_ALL;
			break;
		case OPT_PHASE:
			used |= F_PHASE;
			if (!(allowed & F_PHASE))
				break;
			if (strcmp(optarg, "run") != 0 && strcmp(optarg, "compile") != 0)
				return usage(e, "--phase is run or compile, not '%s'", optarg);
			c->phase = optarg;
			break;
		case OPT_MAC:
			used |= F_MAC;
			if (!(allowed & F_MAC))
				break;
			if (strcmp(optarg, "apparmor") != 0 && strcmp(optarg, "selinux") != 0)
				return usage(e, "--mac is apparmor or selinux, not '%s'", optarg);
			c->mac = optarg;
			break;
		case OPT_OUTPUT:
			used |= F_OUTPUT;
			if (!(allowed & F_OUTPUT))
				break;
			if (!*optarg)
				return usage(e, "--output needs a directory%s", "");
			c->output = optarg;
			break;
		case OPT_CONFIG:
			c->config_path = optarg;
			break;
		default:
			return usage(e, "%s: unknown option or missing value (see --help)",
					lj_cmd_name(c->cmd));
		}
	}
	if (used & ~allowed)
		return lj_err_set(e, EINVAL, "usage",
				"%s: unknown option %s for this command (see --help)",
				lj_cmd_name(c->cmd), (used & ~allowed & F_JSON) ? "--json" :
				(used & ~allowed & F_ALL) ? "--all" :
				(used & ~allowed & F_PHASE) ? "--phase" :
				(used & ~allowed & F_MAC) ? "--mac" : "--output");
	c->rest = argv + argc;
	if (c->cmd != LJ_CMD_PROFILE && c->cmd != LJ_CMD_ENV) {
		if (npos)
			return usage(e, "%s: unexpected argument (see --help)", lj_cmd_name(c->cmd));
		return 0;
	}
	{
		bool prof = c->cmd == LJ_CMD_PROFILE;

		if (!npos)
			return usage(e, "%s", prof ? "profile: generate, install, remove or list?" :
					"env: create, remove, check or list?");
		c->sub = pos[0];
		if (prof ? strcmp(c->sub, "generate") && strcmp(c->sub, "install") &&
		    strcmp(c->sub, "remove") && strcmp(c->sub, "list") &&
		    strcmp(c->sub, "build-selinux") :
		    strcmp(c->sub, "create") && strcmp(c->sub, "remove") &&
		    strcmp(c->sub, "check") && strcmp(c->sub, "list"))
			return usage(e, "unknown subcommand '%s' (see --help)", c->sub);
		if (npos > 2)
			return usage(e, "unexpected '%s'", pos[2]);
		if (npos == 2)
			c->lang = pos[1];
		if (!strcmp(c->sub, "build-selinux")) {
			if (c->lang || c->all)
				return lj_err_set(e, EINVAL, "usage",
						"profile build-selinux takes no language ('%s'): "
						"the module holds all", c->lang ? c->lang : "--all");
			if (!c->output)
				return usage(e, "profile build-selinux: where to (--output DIR)?%s",
						"");
			if (c->mac && strcmp(c->mac, "selinux") != 0)
				return usage(e, "profile build-selinux builds the SELinux module, "
						"not --mac %s", c->mac);
			if (c->phase)
				return usage(e, "profile build-selinux has no --phase (one SELinux "
						"domain covers both phases)%s", "");
		} else if (c->output) {
			return usage(e, "--output is for profile build-selinux only%s", "");
		} else if (!strcmp(c->sub, "list")) {
			if (c->lang || c->all)
				return lj_err_set(e, EINVAL, "usage",
						"%s list takes no language ('%s'): it lists all",
						lj_cmd_name(c->cmd), c->lang ? c->lang : "--all");
		} else if (!c->lang && !c->all) {
			return usage(e, "%s: which language (or --all)?", c->sub);
		}
		if (c->lang && c->all)
			return usage(e, "give LANG or --all, not both%s", "");
	}
	return 0;
}

int lj_cli_parse(int argc, char **argv, struct lj_cli *c, struct lj_err *e)
{
	static const struct option opts[] = {
		{ "config", required_argument, NULL, OPT_CONFIG },
		{ "languages-dir", required_argument, NULL, OPT_LANGDIR },
		{ "templates-dir", required_argument, NULL, OPT_TEMPLATES },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ 0 },
	};
	const char *name;
	int o;

	memset(c, 0, sizeof(*c));
	optind = 0;
	opterr = 0;
	while ((o = getopt_long(argc, argv, "+hV", opts, NULL)) != -1) {
		switch (o) {
		case OPT_CONFIG:
			c->config_path = optarg;
			break;
		case OPT_LANGDIR:
			c->languages_dir = optarg;
			break;
		case OPT_TEMPLATES:
			c->templates_dir = optarg;
			break;
		case 'h':
			c->cmd = LJ_CMD_HELP;
			return 0;
		case 'V':
			c->cmd = LJ_CMD_VERSION;
			return 0;
		default:
			if (optopt)
				return lj_err_set(e, EINVAL, "usage",
						"unknown option '-%c' (see 'langjail --help')", optopt);
			return usage(e, "unknown option '%s' (see 'langjail --help')",
					argv[optind - 1]);
		}
	}
	if (optind >= argc)
		return usage(e, "no command given (see 'langjail --help')%s", "");
	name = argv[optind];
	if (strcmp(name, "help") == 0) {
		c->cmd = LJ_CMD_HELP;
		if (argv[optind + 1]) {
			for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
				if (strcmp(argv[optind + 1], commands[i].name) == 0) {
					c->cmd = commands[i].cmd;
					c->help = true;
					return 0;
				}
			return usage(e, "help: unknown command '%s'", argv[optind + 1]);
		}
		return 0;
	}
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		if (strcmp(name, commands[i].name) == 0)
			c->cmd = commands[i].cmd;
	if (c->cmd == LJ_CMD_NONE)
		return usage(e, "unknown command '%s' (see 'langjail --help')", name);
	/* Re-start getopt on the command's own arguments. */
	argc -= optind;
	argv += optind;
	optind = 0;
	if (c->cmd == LJ_CMD_RUN)
		return parse_run(argc, argv, c, e);
	if (c->cmd == LJ_CMD_SELFTEST) {
		/* selftest's options belong to the corpus runner */
		for (int i = 1; i < argc; i++)
			if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help"))
				c->help = true;
		c->rest = argv + 1;
		return 0;
	}
	return parse_simple(argc, argv, c, e);
}
