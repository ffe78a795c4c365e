/*
 * profile.h - the mandatory access control policy of a language: AppArmor
 * profiles rendered from templates, their installation, and the SELinux
 * module.
 *
 * Templates (apparmor.d/templates/{run,compile}.profile.in and
 * selinux/langjail.{te,fc}.in) hold the policy text; this module only substitutes checked values into
 * them.  Every value that reaches a policy comes from a language file or
 * langjail.conf and is refused unless it is a plain path or name: a space,
 * quote, comma, brace, glob or comment character would otherwise become
 * AppArmor syntax and widen the profile.
 *
 * Profiles per language, and which executable each attaches to (two loaded
 * profiles attaching to the same path conflict, and AppArmor then refuses
 * to exec it unconfined, so at most one phase attaches to the interpreter):
 *   run      name apparmor_profile.  Attaches to the interpreter copy, except
 *            for a compiled language (first argv token "{workdir}/PROGRAM"):
 *            its run executes PROGRAM from the workdir, which the profile
 *            then allows, and the profile has no attachment.
 *   compile  name apparmor_profile + "-compile".  Attaches to the interpreter
 *            (the compiler driver) for a compiled language only.
 * langjail enters the profile by name (aa_change_onexec), so the attachment
 * is for the administrator's tools (aa-status, aa-complain FILE ...).
 */
#ifndef LJ_PROFILE_H
#define LJ_PROFILE_H

#include <stdbool.h>
#include <stddef.h>

#include "err.h"

struct lj_config;
struct lj_lang;

/* Where templates are looked up when the caller passes NULL. */
#ifndef LJ_PROFILE_TEMPLATE_DIR
#define LJ_PROFILE_TEMPLATE_DIR "/usr/share/langjail/apparmor.d/templates"
#endif
#ifndef LJ_SELINUX_TEMPLATE_DIR
#define LJ_SELINUX_TEMPLATE_DIR "/usr/share/langjail/selinux"
#endif

/*
 * Render the AppArmor profile of @l for @phase ("run" or "compile") from
 * @template_dir/PHASE.profile.in (LJ_PROFILE_TEMPLATE_DIR when NULL).
 * Borrows @c and @l; only c->path, c->workdir_root and the language's
 * name, path, interpreter, env_dir, argv[0], read_paths, exec_paths and
 * apparmor_profile are read.  Besides the template, the output depends on
 * nothing else (no time, no other file): rendering twice gives the same text.
 * On success *@ret is a malloc'd string.
 * Errors (code "profile"): -EINVAL for a bad phase, a value AppArmor would
 * parse as syntax (the message names the INI file and key) or a template
 * error (unknown or malformed placeholder, unbalanced block: the message
 * names the template file and line); -ENOENT etc. when the template cannot
 * be read; -EFBIG for a template over 1 MiB; -ENOMEM.
 */
int lj_profile_generate(const struct lj_config *c, const struct lj_lang *l,
		const char *template_dir, const char *phase, char **ret, struct lj_err *e);

/*
 * The profile name of @l for @phase (see above).  malloc'd in *@ret.
 * -EINVAL when the phase or the language's apparmor_profile is invalid; -ENOMEM.
 */
int lj_profile_name(const struct lj_lang *l, const char *phase, char **ret);

/*
 * The file name of the profile in /etc/apparmor.d: the attachment path
 * without its leading '/' and with '/' turned into '.', as AppArmor's tools
 * expect (var.lib.langjail.envs.python3.bin.python3); for a profile without
 * attachment, the profile name.  malloc'd in *@ret.  -EINVAL, -ENOMEM.
 */
int lj_profile_file_name(const struct lj_lang *l, const char *phase, char **ret);

/*
 * Write @text as @apparmor_d/@file_name atomically: a new O_EXCL|O_NOFOLLOW
 * temporary file ".FILE_NAME.XXXXXX" in the directory (AppArmor skips dot
 * files), fsync, mode 0644, renameat over the old file, fsync of the
 * directory; everything relative to one directory fd.  The directory must
 * belong to root or to the caller and not be writable by group or others.
 * When @load, then run "@parser -r -I @apparmor_d -- @apparmor_d/@file_name"
 * (execve, fixed argv, empty environment but PATH; its stdout and stderr go
 * to the caller's stderr) and wait for it.  The installed file is kept when
 * loading fails, so that the parser's message can be acted on.
 * Borrows everything.  Errors (code "profile"): -EINVAL (bad file name),
 * -EPERM (unsafe directory), errno of the file operations, -EIO when the
 * parser exits non-zero or is killed, errno of execve when it cannot run.
 */
int lj_profile_install(const char *apparmor_d, const char *parser, const char *file_name,
		const char *text, bool load, struct lj_err *e);

/*
 * When @unload, run "@parser -R -I @apparmor_d -- @apparmor_d/@file_name" (it
 * reads the profile names from the file); then unlink the file.  A failed
 * unload keeps the file.  -ENOENT when the file does not exist; otherwise as
 * lj_profile_install.
 */
int lj_profile_remove(const char *apparmor_d, const char *parser, const char *file_name,
		bool unload, struct lj_err *e);

enum lj_profile_mode {
	LJ_PROFILE_ABSENT,      /* not loaded (lj_profile_mode returns -ENOENT) */
	LJ_PROFILE_ENFORCE,
	LJ_PROFILE_COMPLAIN,
	LJ_PROFILE_KILL,
	LJ_PROFILE_UNCONFINED,
	LJ_PROFILE_OTHER,       /* a mode this version does not know ("prompt", ...) */
};

/* The kernel's list of loaded profiles, one "NAME (MODE)" per line. */
#define LJ_PROFILE_PROFILES_FILE "/sys/kernel/security/apparmor/profiles"

/*
 * Mode of the loaded profile called exactly @name, from @profiles_file
 * (LJ_PROFILE_PROFILES_FILE when NULL).  A line is split at its last " (",
 * so names with spaces or parentheses are matched whole.
 * -ENOENT when no such profile is loaded; -EOPNOTSUPP when the file does not
 * exist (AppArmor disabled or securityfs not mounted); -EBADMSG for a
 * malformed file; errno of open/read; -ENOMEM.  *@ret is set on success only.
 */
int lj_profile_mode(const char *profiles_file, const char *name, enum lj_profile_mode *ret);

/* "absent", "enforce", "complain", "kill", "unconfined", "other". */
const char *lj_profile_mode_name(enum lj_profile_mode m);

/*
 * Render the SELinux module (langjail.te and langjail.fc) for the @n
 * languages @langs, in that order, from LJ_SELINUX_TEMPLATE_DIR.  Each
 * language needs selinux_type "langjail_NAME_t"; its exec, env and work
 * types are NAME_exec_t, NAME_env_t, NAME_work_t.  Because the .fc labels
 * files, the interpreter must lie inside env_dir, env_dir inside
 * [jail] envs_dir (when set), and neither env_dir nor workdir_root may be a
 * system directory.  Borrows everything; *@ret_te and *@ret_fc are malloc'd.
 * Errors as lj_profile_generate, plus -EEXIST for two languages whose types
 * collide.
 */
int lj_selinux_module_generate(const struct lj_config *c, struct lj_lang *const *langs,
		size_t n, char **ret_te, char **ret_fc, struct lj_err *e);
/* The same from @template_dir (langjail.te.in, langjail.fc.in). */
int lj_selinux_module_generate_from(const struct lj_config *c, const char *template_dir,
		struct lj_lang *const *langs, size_t n, char **ret_te, char **ret_fc,
		struct lj_err *e);

/*
 * Building, installing and removing the SELinux module.
 *
 * The module is one policy module, LJ_SELINUX_MODULE, holding the domains of
 * all the languages it was generated for (it also declares the types and
 * attributes they share), so it is installed and removed as a whole.  The
 * tools run by fork and execve with a fixed argv, an environment built from
 * scratch and a private working directory; their stdout and stderr are
 * captured and quoted in the error message when they fail.
 */
#define LJ_SELINUX_MODULE "langjail"   /* as in "module langjail 1.0;" of langjail.te.in */

/* Where lj_selinux_tool_path looks, in this order; never PATH. */
#define LJ_SELINUX_TOOL_DIRS { "/usr/sbin", "/usr/bin" }

/* Absolute paths of the tools; borrowed.  NULL for one that is not needed. */
struct lj_selinux_tools {
	const char *checkmodule;
	const char *semodule_package;
	const char *semodule;
};

/*
 * The absolute path of the tool @name in LJ_SELINUX_TOOL_DIRS; malloc'd in
 * *@ret.  The file must be an executable regular file owned by root and not
 * writable by group or others (it runs as root).  -ENOENT when it is in none
 * of the directories (the message names the package), -EPERM for an unsafe
 * file, -EACCES when not executable, -ENOMEM.
 */
int lj_selinux_tool_path(const char *name, char **ret, struct lj_err *e);

/*
 * Compile @te and @fc (from lj_selinux_module_generate) with
 * "checkmodule -M -m -o langjail.mod langjail.te" and
 * "semodule_package -o langjail.pp -m langjail.mod -f langjail.fc" in a new
 * private directory under @tmp_parent (mode 0700, made with mkdirat and
 * opened with O_NOFOLLOW; @tmp_parent must belong to root or to us and not
 * be writable by others unless sticky), then write langjail.te, langjail.fc
 * and langjail.pp into @out_dir as lj_profile_install writes a profile
 * (atomically, mode 0644; @out_dir belongs to root or to us and is not
 * writable by group or others).  The private directory is removed on every
 * path; nothing reaches @out_dir unless both tools succeeded.
 * Borrows everything.  Errors (code "profile"): -EINVAL (no text, a tool
 * path not absolute), -EPERM (unsafe directory), errno of the file
 * operations, -EIO when a tool fails (the message quotes its output), errno
 * of execve.
 */
int lj_selinux_module_build(const struct lj_selinux_tools *t, const char *tmp_parent,
		const char *te, const char *fc, const char *out_dir, struct lj_err *e);

/*
 * Compile as lj_selinux_module_build and discard the result: whether the
 * module builds, for a host without SELinux.  Errors as
 * lj_selinux_module_build.
 */
int lj_selinux_module_check(const struct lj_selinux_tools *t, const char *tmp_parent,
		const char *te, const char *fc, struct lj_err *e);

/*
 * Compile as lj_selinux_module_build, then "semodule -i langjail.pp" in the
 * private directory, which is then removed.  Errors as
 * lj_selinux_module_build.
 */
int lj_selinux_module_install(const struct lj_selinux_tools *t, const char *tmp_parent,
		const char *te, const char *fc, struct lj_err *e);

/*
 * Whether the output of "semodule -l" (@list) names the module @name: a line
 * whose first word is exactly @name.  Pure.
 */
bool lj_selinux_module_listed(const char *list, const char *name);

/*
 * Run "semodule -l" and set *@ret to whether LJ_SELINUX_MODULE is installed.
 * Errors as lj_selinux_module_build; -EFBIG when the list is longer than
 * the output kept.
 */
int lj_selinux_module_installed(const struct lj_selinux_tools *t, bool *ret, struct lj_err *e);

/*
 * "semodule -r langjail" when lj_selinux_module_installed says it is
 * installed; -ENOENT when it is not.  Otherwise as lj_selinux_module_build.
 */
int lj_selinux_module_remove(const struct lj_selinux_tools *t, struct lj_err *e);

#endif
