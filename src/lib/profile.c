/*
 * profile.c - AppArmor profiles and the SELinux module, rendered from
 * templates; installing and removing profiles; reading a profile's mode.
 *
 * Theory of operation.  The policy text lives in template files that an
 * administrator can read and edit (apparmor.d/templates, selinux/).  This
 * file substitutes values into them and nothing else.  What it trusts:
 *   - the templates (root-owned, installed with langjail) for their rules,
 *     but not for their syntax: every placeholder must be known, blocks must
 *     balance, and the error names the file and line;
 *   - nothing in a value.  Values come from language files and langjail.conf
 *     and end up inside policy rules, where a space, comma, brace, glob, quote
 *     or '#' would change what the rule grants (a read_paths entry
 *     "/usr/lib/x, /etc/shadow r" would be a second rule).  Values are therefore
 *     checked against a short list of harmless characters, never escaped.
 * Rendering is a pure function of its inputs.
 *
 * Installing writes the profile through a directory fd with O_EXCL and
 * O_NOFOLLOW and renames it into place, then runs apparmor_parser with a
 * fixed argv through fork and execve (no shell).  Nothing between fork and
 * execve allocates; a failed execve reports its errno through a close-on-exec
 * pipe.  The SELinux module is compiled in a private directory (mkdirat,
 * then only its fd) by checkmodule and semodule_package, found in fixed
 * directories only, and installed with semodule; run_tool is the one place
 * that starts a program, for AppArmor and SELinux alike.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "fsutil.h"
#include "lang.h"
#include "lj-config.h"
#include "macro.h"
#include "profile.h"

#define TEMPLATE_MAX (1024 * 1024)  /* bytes: a template is a page of text */
#define VALUE_MAX 1024              /* bytes of one path or name in a policy */
#define NAME_MAX_LEN 128            /* profile and language names */
#define FILE_NAME_MAX 255           /* a file name in the profile directory */
#define SE_TYPE_MAX 96              /* SELinux type names */

static const char *const PHASE_RUN = "run";
static const char *const PHASE_COMPILE = "compile";

/* ------------------------------------------------------------------ */
/* A growable string.                                                  */

struct sbuf {
	char *p;
	size_t len, cap;
};

static int sbuf_add(struct sbuf *b, const char *s, size_t n)
{
	if (n > SIZE_MAX - b->len - 1)
		return -ENOMEM;
	if (b->len + n + 1 > b->cap) {
		size_t cap = b->cap ? b->cap : 4096;
		char *p;

		while (cap < b->len + n + 1) {
			if (cap > SIZE_MAX / 2)
				return -ENOMEM;
			cap *= 2;
		}
		p = realloc(b->p, cap);
		if (!p)
			return -ENOMEM;
		b->p = p;
		b->cap = cap;
	}
	memcpy(b->p + b->len, s, n);
	b->len += n;
	b->p[b->len] = '\0';
	return 0;
}

static int sbuf_str(struct sbuf *b, const char *s)
{
	return sbuf_add(b, s, strlen(s));
}

/* Make sure the buffer holds a string, even an empty one. */
static int sbuf_done(struct sbuf *b)
{
	return sbuf_add(b, "", 0);
}

static void strv_free(char **v)
{
	if (!v)
		return;
	for (char **p = v; *p; p++)
		free(*p);
	free(v);
}

static void strv_freep(char ***v)
{
	strv_free(*v);
}

static size_t strv_len(char *const *v)
{
	size_t n = 0;

	while (v && v[n])
		n++;
	return n;
}

/* ------------------------------------------------------------------ */
/* Checking values.                                                    */

/*
 * The characters a path or name may contain: none of them means anything
 * to the AppArmor parser inside a rule (no whitespace, ',', '#', quotes,
 * AARE globs * ? [ ] { } ^ \, variables @{ }, '$', '=' + '>' of "->"), nor to
 * SELinux file contexts once '.' and '+' are escaped.
 */
static bool char_ok(unsigned char ch)
{
	return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
		ch == '/' || ch == '.' || ch == '_' || ch == '-' || ch == '+' || ch == '~' ||
		ch == ':' || ch == '%';
}

/* A readable name for @ch in a message. */
static void describe_char(unsigned char ch, char *buf, size_t len)
{
	switch (ch) {
	case ' ':
		snprintf(buf, len, "a space");
		break;
	case '\t':
		snprintf(buf, len, "a tab");
		break;
	case '\n':
		snprintf(buf, len, "a newline");
		break;
	case '\r':
		snprintf(buf, len, "a carriage return");
		break;
	case '"':
		snprintf(buf, len, "a double quote");
		break;
	case '\'':
		snprintf(buf, len, "a single quote");
		break;
	default:
		if (ch < 0x20 || ch >= 0x7f)
			snprintf(buf, len, "the byte \\x%02x", ch);
		else
			snprintf(buf, len, "'%c'", ch);
		break;
	}
}

/* Quote @s for a one-line message: printable ASCII kept, the rest \xNN, cut at 80. */
static void quote(const char *s, char *buf, size_t len)
{
	size_t o = 0;

	if (len < 8) {
		if (len)
			buf[0] = '\0';
		return;
	}
	buf[o++] = '"';
	for (size_t i = 0; s[i]; i++) {
		unsigned char ch = (unsigned char) s[i];

		if (o + 8 >= len || i >= 80) {
			memcpy(buf + o, "...", 3);
			o += 3;
			break;
		}
		if (ch < 0x20 || ch >= 0x7f || ch == '"' || ch == '\\')
			o += (size_t) snprintf(buf + o, len - o, "\\x%02x", ch);
		else
			buf[o++] = (char) ch;
	}
	buf[o++] = '"';
	buf[o] = '\0';
}

/* Where a value came from, for messages: "python3.ini: [language] read_paths". */
struct origin {
	const char *file;
	const char *section;
	const char *key;
};

static struct origin lang_origin(const struct lj_lang *l, const char *key)
{
	struct origin o = {
		.file = l->path ? l->path : (l->name ? l->name : "language"),
		.section = "language",
		.key = key,
	};
	return o;
}

static struct origin config_origin(const struct lj_config *c, const char *key)
{
	struct origin o = {
		.file = c->path ? c->path : "langjail.conf (built-in)",
		.section = "jail",
		.key = key,
	};
	return o;
}

static int bad_value(struct lj_err *e, struct origin o, const char *value, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static int bad_value(struct lj_err *e, struct origin o, const char *value, const char *fmt, ...)
{
	char q[128], why[256];
	va_list ap;

	quote(value ? value : "", q, sizeof(q));
	va_start(ap, fmt);
	vsnprintf(why, sizeof(why), fmt, ap);
	va_end(ap);
	return lj_err_set(e, EINVAL, "profile", "%s: [%s] %s: %s %s", o.file, o.section, o.key,
			value ? q : "(not set)", why);
}

/* First character of @s outside char_ok(), or -1. */
static int first_bad_char(const char *s)
{
	for (size_t i = 0; s[i]; i++)
		if (!char_ok((unsigned char) s[i]))
			return (unsigned char) s[i];
	return -1;
}

static int bad_char(struct lj_err *e, struct origin o, const char *value, int ch)
{
	char d[32];

	describe_char((unsigned char) ch, d, sizeof(d));
	return bad_value(e, o, value,
			"contains %s, which AppArmor would read as policy syntax; "
			"only letters, digits and / . _ - + ~ : %% are allowed", d);
}

/*
 * Check a path for use in a rule; *@ret is a malloc'd copy without trailing
 * slashes.  It must be absolute and canonical (AppArmor matches the kernel's
 * resolved path: a rule with "//", "." or ".." would silently never match),
 * and not "/" (that would grant the whole file system).
 */
static int check_path(struct lj_err *e, struct origin o, const char *value, char **ret)
{
	size_t n;
	int ch;

	if (!value || !*value)
		return bad_value(e, o, value, "is empty");
	n = strlen(value);
	if (n > VALUE_MAX)
		return bad_value(e, o, value, "is longer than %d bytes", VALUE_MAX);
	ch = first_bad_char(value);
	if (ch >= 0)
		return bad_char(e, o, value, ch);
	if (value[0] != '/')
		return bad_value(e, o, value, "is not an absolute path");
	while (n > 1 && value[n - 1] == '/')
		n--;
	if (n == 1)
		return bad_value(e, o, value, "would cover the whole file system");
	for (size_t i = 0; i < n; i++) {
		size_t clen;

		if (value[i] != '/')
			continue;
		clen = strcspn(value + i + 1, "/");
		if (i + 1 + clen > n)
			clen = n - i - 1;
		if (clen == 0 || (clen == 1 && value[i + 1] == '.') ||
		    (clen == 2 && value[i + 1] == '.' && value[i + 2] == '.'))
			return bad_value(e, o, value,
					"is not canonical (\"//\", \".\" or \"..\"); AppArmor "
					"matches resolved paths only");
	}
	*ret = strndup(value, n);
	return *ret ? 0 : lj_err_set(e, ENOMEM, "profile", "out of memory");
}

static int check_paths(struct lj_err *e, struct origin o, char *const *v, char ***ret)
{
	size_t n = strv_len(v);
	_cleanup_(strv_freep) char **out = calloc(n + 1, sizeof(char *));

	if (!out)
		return lj_err_set(e, ENOMEM, "profile", "out of memory");
	for (size_t i = 0; i < n; i++) {
		int r = check_path(e, o, v[i], &out[i]);

		if (r < 0)
			return r;
	}
	*ret = TAKE_PTR(out);
	return 0;
}

/* Profile and language names: [A-Za-z0-9][A-Za-z0-9._+-]*. */
static int check_name(struct lj_err *e, struct origin o, const char *value)
{
	int ch;

	if (!value || !*value)
		return bad_value(e, o, value, "is empty");
	if (strlen(value) > NAME_MAX_LEN)
		return bad_value(e, o, value, "is longer than %d bytes", NAME_MAX_LEN);
	ch = first_bad_char(value);
	if (ch >= 0)
		return bad_char(e, o, value, ch);
	if (strchr(value, '/') || strchr(value, ':') || strchr(value, '%') || strchr(value, '~'))
		return bad_value(e, o, value, "is not a plain name (letters, digits, . _ - +)");
	if (!((value[0] >= 'a' && value[0] <= 'z') || (value[0] >= 'A' && value[0] <= 'Z') ||
	      (value[0] >= '0' && value[0] <= '9')))
		return bad_value(e, o, value, "must start with a letter or digit");
	return 0;
}

static bool phase_ok(const char *phase)
{
	return phase && (strcmp(phase, PHASE_RUN) == 0 || strcmp(phase, PHASE_COMPILE) == 0);
}

/*
 * The program a compiled language runs from its workdir: argv[0] is
 * "{workdir}/PROGRAM".  *@ret points into argv[0], or is NULL for a language
 * that runs its interpreter.
 */
static int workdir_program(const struct lj_lang *l, const char **ret, struct lj_err *e)
{
	static const char tok[] = "{workdir}";
	struct origin o = lang_origin(l, "argv");
	const char *a0 = l->argv ? l->argv[0] : NULL;
	const char *prog;
	int ch;

	*ret = NULL;
	if (!a0 || !strstr(a0, tok))
		return 0;
	if (strncmp(a0, tok, sizeof(tok) - 1) != 0 || a0[sizeof(tok) - 1] != '/')
		return bad_value(e, o, a0, "uses {workdir} in its first word other than as "
				"\"{workdir}/PROGRAM\"");
	prog = a0 + sizeof(tok);
	if (!*prog)
		return bad_value(e, o, a0, "names no program after {workdir}/");
	if (strlen(prog) > VALUE_MAX)
		return bad_value(e, o, a0, "is longer than %d bytes", VALUE_MAX);
	ch = first_bad_char(prog);
	if (ch >= 0)
		return bad_char(e, o, a0, ch);
	for (const char *p = prog; *p;) {
		size_t clen = strcspn(p, "/");

		if (clen == 0 || (clen == 1 && p[0] == '.') ||
		    (clen == 2 && p[0] == '.' && p[1] == '.'))
			return bad_value(e, o, a0, "is not a plain path inside the workdir");
		p += clen;
		if (*p == '/' && !*++p)
			return bad_value(e, o, a0, "is not a plain path inside the workdir");
	}
	*ret = prog;
	return 0;
}

/* ------------------------------------------------------------------ */
/* Names.                                                              */

/*
 * Whether the profile of @phase attaches to the interpreter (see profile.h):
 * the phase that executes it.  Never both phases of a language.
 */
static bool attaches(const struct lj_lang *l, const char *phase, const char *program)
{
	if (strcmp(phase, PHASE_RUN) == 0)
		return !program;
	return l->compile.compiler || program != NULL;
}

/* The executable of @phase: the compile phase's compiler where the language
 * names one ([compile] compiler), else the interpreter. @ret_key is the INI
 * key it comes from, for messages. */
static const char *phase_exe(const struct lj_lang *l, const char *phase, const char **ret_key)
{
	if (strcmp(phase, PHASE_COMPILE) == 0 && l->compile.compiler) {
		*ret_key = "compiler";
		return l->compile.compiler;
	}
	*ret_key = "interpreter";
	return l->interpreter;
}

static int make_name(const struct lj_lang *l, const char *phase, char **ret, struct lj_err *e)
{
	int r = check_name(e, lang_origin(l, "apparmor_profile"), l->apparmor_profile);

	if (r < 0)
		return r;
	if (strcmp(phase, PHASE_COMPILE) == 0)
		r = asprintf(ret, "%s-compile", l->apparmor_profile);
	else
		r = asprintf(ret, "%s", l->apparmor_profile);
	return r < 0 ? lj_err_set(e, ENOMEM, "profile", "out of memory") : 0;
}

/* "/var/lib/x" -> "var.lib.x"; @path is already checked. */
static int map_file_name(const char *path, char **ret)
{
	char *s = strdup(path + 1);

	if (!s)
		return -ENOMEM;
	for (char *p = s; *p; p++)
		if (*p == '/')
			*p = '.';
	if (s[0] == '.') {
		free(s);
		return -EINVAL;
	}
	*ret = s;
	return 0;
}

static int make_file_name(const struct lj_lang *l, const char *phase, const char *program,
		char **ret, struct lj_err *e)
{
	_cleanup_free_ char *path = NULL;
	const char *key, *exe = phase_exe(l, phase, &key);
	int r;

	if (!attaches(l, phase, program))
		return make_name(l, phase, ret, e);
	r = check_path(e, lang_origin(l, key), exe, &path);
	if (r < 0)
		return r;
	r = map_file_name(path, ret);
	if (r == -EINVAL)
		return bad_value(e, lang_origin(l, key), exe,
				"gives a hidden file name in the profile directory");
	return r < 0 ? lj_err_set(e, -r, "profile", "out of memory") : 0;
}

int lj_profile_name(const struct lj_lang *l, const char *phase, char **ret)
{
	if (!l || !ret || !phase_ok(phase))
		return -EINVAL;
	return make_name(l, phase, ret, NULL);
}

int lj_profile_file_name(const struct lj_lang *l, const char *phase, char **ret)
{
	const char *program;
	int r;

	if (!l || !ret || !phase_ok(phase))
		return -EINVAL;
	r = workdir_program(l, &program, NULL);
	if (r < 0)
		return r;
	return make_file_name(l, phase, program, ret, NULL);
}

/* ------------------------------------------------------------------ */
/* Templates.                                                          */

enum tmpl_kind { TK_PROFILE = 1, TK_TE = 2, TK_FC = 4 };
enum ph_kind { PK_SCALAR, PK_LIST, PK_COND };

enum ph {
	PH_PROFILE,
	PH_ATTACHMENT,
	PH_FILE_NAME,
	PH_LANGUAGE,
	PH_PHASE,
	PH_INTERPRETER,
	PH_ENV_DIR,
	PH_WORKDIR_ROOT,
	PH_PROGRAM,
	PH_READ_PATHS,
	PH_EXEC_PATHS,
	PH_WORKDIR_EXEC,
	PH_SYSTEM_EXEC,
	PH_TYPE,
	PH_EXEC_TYPE,
	PH_ENV_TYPE,
	PH_WORK_TYPE,
	PH_WORKDIR_ROOT_RE,
	PH_ENV_DIR_RE,
	PH_INTERPRETER_RE,
	PH__MAX
};

static const struct placeholder {
	const char *name;
	enum ph_kind kind;
	unsigned kinds;     /* templates it may appear in */
	bool per_language;  /* SELinux templates: only inside a language block */
} placeholders[PH__MAX] = {
	[PH_PROFILE] = { "PROFILE", PK_SCALAR, TK_PROFILE, false },
	[PH_ATTACHMENT] = { "ATTACHMENT", PK_SCALAR, TK_PROFILE, false },
	[PH_FILE_NAME] = { "FILE_NAME", PK_SCALAR, TK_PROFILE, false },
	[PH_LANGUAGE] = { "LANGUAGE", PK_SCALAR, TK_PROFILE | TK_TE | TK_FC, true },
	[PH_PHASE] = { "PHASE", PK_SCALAR, TK_PROFILE, false },
	[PH_INTERPRETER] = { "INTERPRETER", PK_SCALAR, TK_PROFILE, false },
	[PH_ENV_DIR] = { "ENV_DIR", PK_SCALAR, TK_PROFILE, false },
	[PH_WORKDIR_ROOT] = { "WORKDIR_ROOT", PK_SCALAR, TK_PROFILE, false },
	[PH_PROGRAM] = { "PROGRAM", PK_SCALAR, TK_PROFILE, false },
	[PH_READ_PATHS] = { "READ_PATHS", PK_LIST, TK_PROFILE, false },
	[PH_EXEC_PATHS] = { "EXEC_PATHS", PK_LIST, TK_PROFILE, false },
	[PH_WORKDIR_EXEC] = { "WORKDIR_EXEC", PK_COND, TK_PROFILE | TK_TE, true },
	[PH_SYSTEM_EXEC] = { "SYSTEM_EXEC", PK_COND, TK_TE, true },
	[PH_TYPE] = { "TYPE", PK_SCALAR, TK_TE, true },
	[PH_EXEC_TYPE] = { "EXEC_TYPE", PK_SCALAR, TK_TE | TK_FC, true },
	[PH_ENV_TYPE] = { "ENV_TYPE", PK_SCALAR, TK_TE | TK_FC, true },
	[PH_WORK_TYPE] = { "WORK_TYPE", PK_SCALAR, TK_TE, true },
	[PH_WORKDIR_ROOT_RE] = { "WORKDIR_ROOT_RE", PK_SCALAR, TK_FC, false },
	[PH_ENV_DIR_RE] = { "ENV_DIR_RE", PK_SCALAR, TK_FC, true },
	[PH_INTERPRETER_RE] = { "INTERPRETER_RE", PK_SCALAR, TK_FC, true },
};

/* The values of one rendering (one language, or the global part). */
struct vals {
	const char *s[PH__MAX];
	char *const *list[PH__MAX];
	bool cond[PH__MAX];
};

enum dir_kind { D_NONE, D_IF, D_ENDIF, D_BEGIN, D_END };

struct line {
	const char *p;      /* into the template text, not NUL-terminated */
	size_t len;         /* without the newline */
	bool nl;            /* ended with a newline */
	enum dir_kind dir;  /* a directive line */
	enum ph cond;       /* for D_IF */
	int list;           /* the list placeholder on this line, or -1 */
};

struct tmpl {
	char *path;
	enum tmpl_kind kind;
	char *text;
	struct line *lines;
	size_t n;
};

static void tmpl_release(struct tmpl *t)
{
	free(t->path);
	free(t->text);
	free(t->lines);
}

static int tmpl_err(struct lj_err *e, const struct tmpl *t, size_t i, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static int tmpl_err(struct lj_err *e, const struct tmpl *t, size_t i, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	return lj_err_set(e, EINVAL, "profile", "%s:%zu: %s", t->path, i + 1, msg);
}

/* Read @path whole: a regular file of at most TEMPLATE_MAX bytes, no NUL. */
static int read_text(const char *path, char **ret, struct lj_err *e)
{
	_cleanup_close_ int fd = -1;
	_cleanup_free_ char *buf = NULL;
	struct stat st;
	size_t len = 0;

	fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY);
	if (fd < 0)
		return lj_err_sys(e, errno, "profile", "cannot open template %s", path);
	if (fstat(fd, &st) < 0)
		return lj_err_sys(e, errno, "profile", "cannot stat template %s", path);
	if (!S_ISREG(st.st_mode))
		return lj_err_set(e, EINVAL, "profile", "template %s is not a regular file", path);
	if (st.st_size > TEMPLATE_MAX)
		return lj_err_set(e, EFBIG, "profile", "template %s is larger than %d bytes",
				path, TEMPLATE_MAX);
	buf = malloc(TEMPLATE_MAX + 1);
	if (!buf)
		return lj_err_set(e, ENOMEM, "profile", "out of memory");
	for (;;) {
		ssize_t k = read(fd, buf + len, TEMPLATE_MAX + 1 - len);

		if (k < 0 && errno == EINTR)
			continue;
		if (k < 0)
			return lj_err_sys(e, errno, "profile", "cannot read template %s", path);
		if (k == 0)
			break;
		len += (size_t) k;
		if (len > TEMPLATE_MAX)
			return lj_err_set(e, EFBIG, "profile", "template %s is larger than %d bytes",
					path, TEMPLATE_MAX);
	}
	if (memchr(buf, '\0', len))
		return lj_err_set(e, EINVAL, "profile", "template %s contains a NUL byte", path);
	buf[len] = '\0';
	*ret = TAKE_PTR(buf);
	return 0;
}

/*
 * The next placeholder in [@p, @end): 1 with its bounds and index, 0 when
 * there is none; a malformed one is an error (names are looked up by callers).
 */
static int next_token(const struct tmpl *t, size_t li, const char *p, const char *end,
		const char **ret_start, const char **ret_end, const char **ret_name,
		size_t *ret_name_len, struct lj_err *e)
{
	const char *s = NULL, *n;

	for (const char *q = p; q + 1 < end; q++)
		if (q[0] == '@' && q[1] == '@') {
			s = q;
			break;
		}
	if (!s)
		return 0;
	n = s + 2;
	while (n < end && ((*n >= 'A' && *n <= 'Z') || (*n >= '0' && *n <= '9') || *n == '_'))
		n++;
	if (n == s + 2 || n + 1 >= end || n[0] != '@' || n[1] != '@' || s[2] == '_' ||
	    (s[2] >= '0' && s[2] <= '9'))
		return tmpl_err(e, t, li, "malformed placeholder at column %zu (expected "
				"@@NAME@@, NAME in capitals)", (size_t) (s - t->lines[li].p) + 1);
	*ret_start = s;
	*ret_end = n + 2;
	*ret_name = s + 2;
	*ret_name_len = (size_t) (n - s - 2);
	return 1;
}

static bool name_is(const char *name, size_t len, const char *word)
{
	return strlen(word) == len && memcmp(name, word, len) == 0;
}

static int lookup(const char *name, size_t len)
{
	for (int i = 0; i < PH__MAX; i++)
		if (name_is(name, len, placeholders[i].name))
			return i;
	return -1;
}

/*
 * Split the text into lines, classify directives and check every
 * placeholder and the block structure, all before any value is used, so
 * that a template error shows whatever the languages are.
 */
static int tmpl_parse(struct tmpl *t, struct lj_err *e)
{
	size_t n = 1, li = 0, if_open = SIZE_MAX, block_open = SIZE_MAX;
	const char *p = t->text;

	for (const char *q = t->text; *q; q++)
		if (*q == '\n')
			n++;
	t->lines = calloc(n, sizeof(*t->lines));
	if (!t->lines)
		return lj_err_set(e, ENOMEM, "profile", "out of memory");
	while (*p) {
		const char *nl = strchr(p, '\n');
		struct line *L = &t->lines[li];

		L->p = p;
		L->len = nl ? (size_t) (nl - p) : strlen(p);
		L->nl = nl != NULL;
		L->list = -1;
		p = nl ? nl + 1 : p + L->len;
		li++;
	}
	t->n = li;

	for (li = 0; li < t->n; li++) {
		struct line *L = &t->lines[li];
		const char *b = L->p, *end = L->p + L->len, *ts, *te, *name;
		size_t nlen;
		int r;

		/* A directive is a placeholder alone on its line. */
		while (b < end && (*b == ' ' || *b == '\t'))
			b++;
		while (end > b && (end[-1] == ' ' || end[-1] == '\t' || end[-1] == '\r'))
			end--;
		r = next_token(t, li, b, end, &ts, &te, &name, &nlen, e);
		if (r < 0)
			return r;
		if (r == 1 && ts == b && te == end) {
			int c = -1;

			if (nlen > 3 && memcmp(name, "IF_", 3) == 0)
				c = lookup(name + 3, nlen - 3);
			if (nlen > 3 && memcmp(name, "IF_", 3) == 0) {
				if (c < 0 || placeholders[c].kind != PK_COND ||
				    !(placeholders[c].kinds & t->kind))
					return tmpl_err(e, t, li, "unknown condition @@%.*s@@",
							(int) nlen, name);
				if (if_open != SIZE_MAX)
					return tmpl_err(e, t, li, "@@%.*s@@ inside the block opened "
							"at line %zu: blocks do not nest",
							(int) nlen, name, if_open + 1);
				if (t->kind != TK_PROFILE && placeholders[c].per_language &&
				    block_open == SIZE_MAX)
					return tmpl_err(e, t, li, "@@%.*s@@ outside "
							"@@BEGIN_LANGUAGE@@", (int) nlen, name);
				L->dir = D_IF;
				L->cond = (enum ph) c;
				if_open = li;
				continue;
			}
			if (name_is(name, nlen, "ENDIF")) {
				if (if_open == SIZE_MAX)
					return tmpl_err(e, t, li, "@@ENDIF@@ without @@IF_...@@");
				L->dir = D_ENDIF;
				if_open = SIZE_MAX;
				continue;
			}
			if (name_is(name, nlen, "BEGIN_LANGUAGE") ||
			    name_is(name, nlen, "END_LANGUAGE")) {
				bool begin = name[0] == 'B';

				if (t->kind == TK_PROFILE)
					return tmpl_err(e, t, li, "@@%.*s@@ is only for SELinux "
							"templates", (int) nlen, name);
				if (if_open != SIZE_MAX)
					return tmpl_err(e, t, li, "@@%.*s@@ inside the block opened "
							"at line %zu", (int) nlen, name, if_open + 1);
				if (begin && block_open != SIZE_MAX)
					return tmpl_err(e, t, li, "@@BEGIN_LANGUAGE@@ inside the "
							"block opened at line %zu", block_open + 1);
				if (!begin && block_open == SIZE_MAX)
					return tmpl_err(e, t, li, "@@END_LANGUAGE@@ without "
							"@@BEGIN_LANGUAGE@@");
				L->dir = begin ? D_BEGIN : D_END;
				block_open = begin ? li : SIZE_MAX;
				continue;
			}
		}

		/* Otherwise every placeholder on the line is a value. */
		for (const char *q = L->p; (r = next_token(t, li, q, L->p + L->len, &ts, &te, &name,
						&nlen, e)) == 1; q = te) {
			int i = lookup(name, nlen);

			if (name_is(name, nlen, "ENDIF") || name_is(name, nlen, "BEGIN_LANGUAGE") ||
			    name_is(name, nlen, "END_LANGUAGE") ||
			    (nlen > 3 && memcmp(name, "IF_", 3) == 0))
				return tmpl_err(e, t, li, "@@%.*s@@ must be alone on its line",
						(int) nlen, name);
			if (i < 0 || !(placeholders[i].kinds & t->kind))
				return tmpl_err(e, t, li, "unknown placeholder @@%.*s@@",
						(int) nlen, name);
			if (placeholders[i].kind == PK_COND)
				return tmpl_err(e, t, li, "@@%.*s@@ is a condition: use "
						"@@IF_%.*s@@ alone on a line", (int) nlen, name,
						(int) nlen, name);
			if (t->kind != TK_PROFILE && placeholders[i].per_language &&
			    block_open == SIZE_MAX)
				return tmpl_err(e, t, li, "@@%.*s@@ outside @@BEGIN_LANGUAGE@@",
						(int) nlen, name);
			if (placeholders[i].kind == PK_LIST) {
				if (L->list >= 0)
					return tmpl_err(e, t, li, "more than one list placeholder "
							"on one line");
				L->list = i;
			}
		}
		if (r < 0)
			return r;
	}
	if (if_open != SIZE_MAX)
		return tmpl_err(e, t, if_open, "block not closed by @@ENDIF@@");
	if (block_open != SIZE_MAX)
		return tmpl_err(e, t, block_open, "block not closed by @@END_LANGUAGE@@");
	return 0;
}

static int tmpl_load(const char *dir, const char *file, enum tmpl_kind kind, struct tmpl *t,
		struct lj_err *e)
{
	int r;

	memset(t, 0, sizeof(*t));
	t->kind = kind;
	if (asprintf(&t->path, "%s/%s", dir, file) < 0) {
		t->path = NULL;
		return lj_err_set(e, ENOMEM, "profile", "out of memory");
	}
	r = read_text(t->path, &t->text, e);
	if (r < 0)
		return r;
	return tmpl_parse(t, e);
}

/* One line with its placeholders replaced; @elem is the list element, if any. */
static int emit_line(const struct tmpl *t, size_t li, const struct vals *v, const char *elem,
		struct sbuf *out)
{
	const struct line *L = &t->lines[li];
	const char *q = L->p, *end = L->p + L->len, *ts, *te, *name;
	size_t nlen;
	int r;

	while ((r = next_token(t, li, q, end, &ts, &te, &name, &nlen, NULL)) == 1) {
		int i = lookup(name, nlen);
		const char *val = placeholders[i].kind == PK_LIST ? elem : v->s[i];

		r = sbuf_add(out, q, (size_t) (ts - q));
		if (r == 0 && val)
			r = sbuf_str(out, val);
		if (r < 0)
			return r;
		q = te;
	}
	if (r < 0)
		return r;
	r = sbuf_add(out, q, (size_t) (end - q));
	if (r == 0 && L->nl)
		r = sbuf_add(out, "\n", 1);
	return r;
}

/* Lines [@from, @to) with values @v; language blocks repeat over @langs. */
static int render_range(const struct tmpl *t, size_t from, size_t to, const struct vals *v,
		const struct vals *langs, size_t nlangs, struct sbuf *out)
{
	for (size_t li = from; li < to; li++) {
		const struct line *L = &t->lines[li];
		int r = 0;

		switch (L->dir) {
		case D_IF:
			if (!v->cond[L->cond])
				while (li + 1 < to && t->lines[li + 1].dir != D_ENDIF)
					li++;
			continue;
		case D_ENDIF:
		case D_END:
			continue;
		case D_BEGIN: {
			size_t end = li + 1;

			while (end < to && t->lines[end].dir != D_END)
				end++;
			for (size_t k = 0; k < nlangs; k++) {
				r = render_range(t, li + 1, end, &langs[k], NULL, 0, out);
				if (r < 0)
					return r;
			}
			li = end;
			continue;
		}
		case D_NONE:
			break;
		}
		if (L->list >= 0) {
			char *const *elems = v->list[L->list];

			for (size_t k = 0; r == 0 && elems && elems[k]; k++)
				r = emit_line(t, li, v, elems[k], out);
		} else {
			r = emit_line(t, li, v, NULL, out);
		}
		if (r < 0)
			return r;
	}
	return 0;
}

static int render(const struct tmpl *t, const struct vals *v, const struct vals *langs,
		size_t nlangs, char **ret, struct lj_err *e)
{
	struct sbuf out = { 0 };
	int r = render_range(t, 0, t->n, v, langs, nlangs, &out);

	if (r == 0)
		r = sbuf_done(&out);
	if (r < 0) {
		free(out.p);
		return lj_err_set(e, -r, "profile", "out of memory");
	}
	*ret = out.p;
	return 0;
}

/* ------------------------------------------------------------------ */
/* AppArmor profiles.                                                  */

int lj_profile_generate(const struct lj_config *c, const struct lj_lang *l,
		const char *template_dir, const char *phase, char **ret, struct lj_err *e)
{
	_cleanup_free_ char *name = NULL, *file_name = NULL, *interp = NULL, *env = NULL,
		*workroot = NULL, *tfile = NULL;
	_cleanup_(strv_freep) char **reads = NULL;
	_cleanup_(strv_freep) char **compile_reads = NULL;
	_cleanup_(strv_freep) char **execs = NULL;
	struct tmpl t = { 0 };
	struct vals v = { 0 };
	const char *program, *exe, *exe_key;
	bool compile = phase && strcmp(phase, PHASE_COMPILE) == 0;
	int r;

	if (!c || !l || !ret)
		return lj_err_set(e, EINVAL, "profile", "no configuration or language");
	if (!phase_ok(phase))
		return lj_err_set(e, EINVAL, "profile", "unknown phase \"%s\" (run or compile)",
				phase ? phase : "");
	r = check_name(e, lang_origin(l, "name"), l->name);
	if (r < 0)
		return r;
	r = workdir_program(l, &program, e);
	if (r < 0)
		return r;
	r = make_name(l, phase, &name, e);
	if (r < 0)
		return r;
	if (compile && !l->compile.on)
		return lj_err_set(e, EINVAL, "profile", "%s has no compile phase (no [compile] "
				"section in its language file)", l->name);
	exe = phase_exe(l, phase, &exe_key);
	r = check_path(e, lang_origin(l, exe_key), exe, &interp);
	if (r < 0)
		return r;
	r = check_path(e, lang_origin(l, "env_dir"), l->env_dir, &env);
	if (r < 0)
		return r;
	r = check_path(e, config_origin(c, "workdir_root"), c->workdir_root, &workroot);
	if (r < 0)
		return r;
	r = check_paths(e, lang_origin(l, "read_paths"), l->read_paths, &reads);
	if (r == 0 && compile)
		r = check_paths(e, lang_origin(l, "read_paths"), l->compile.read_paths,
				&compile_reads);
	if (r < 0)
		return r;
	r = check_paths(e, lang_origin(l, "exec_paths"),
			compile ? l->compile.exec_paths : l->exec_paths, &execs);
	if (r < 0)
		return r;
	if (compile_reads && compile_reads[0]) {
		/* the compile phase reads the language's paths and its own */
		size_t n1 = strv_len(reads), n2 = strv_len(compile_reads);
		char **all = calloc(n1 + n2 + 1, sizeof(char *));

		if (!all)
			return lj_err_set(e, ENOMEM, "profile", "out of memory");
		memcpy(all, reads, n1 * sizeof(char *));
		memcpy(all + n1, compile_reads, n2 * sizeof(char *));
		free(reads);
		reads = all;
		free(compile_reads);   /* the strings now belong to reads */
		compile_reads = NULL;
	}
	r = make_file_name(l, phase, program, &file_name, e);
	if (r < 0)
		return r;

	v.s[PH_PROFILE] = name;
	v.s[PH_ATTACHMENT] = attaches(l, phase, program) ? interp : "";
	v.s[PH_FILE_NAME] = file_name;
	v.s[PH_LANGUAGE] = l->name;
	v.s[PH_PHASE] = phase;
	v.s[PH_INTERPRETER] = interp;
	v.s[PH_ENV_DIR] = env;
	v.s[PH_WORKDIR_ROOT] = workroot;
	v.s[PH_PROGRAM] = program ? program : "";
	v.list[PH_READ_PATHS] = reads;
	v.list[PH_EXEC_PATHS] = execs;
	v.cond[PH_WORKDIR_EXEC] = program && strcmp(phase, PHASE_RUN) == 0;

	if (asprintf(&tfile, "%s.profile.in", phase) < 0) {
		tfile = NULL;
		return lj_err_set(e, ENOMEM, "profile", "out of memory");
	}
	r = tmpl_load(template_dir ? template_dir : LJ_PROFILE_TEMPLATE_DIR, tfile, TK_PROFILE,
			&t, e);
	if (r == 0)
		r = render(&t, &v, NULL, 0, ret, e);
	tmpl_release(&t);
	return r;
}

const char *lj_profile_mode_name(enum lj_profile_mode m)
{
	switch (m) {
	case LJ_PROFILE_ABSENT:
		return "absent";
	case LJ_PROFILE_ENFORCE:
		return "enforce";
	case LJ_PROFILE_COMPLAIN:
		return "complain";
	case LJ_PROFILE_KILL:
		return "kill";
	case LJ_PROFILE_UNCONFINED:
		return "unconfined";
	case LJ_PROFILE_OTHER:
		break;
	}
	return "other";
}

int lj_profile_mode(const char *profiles_file, const char *name, enum lj_profile_mode *ret)
{
	static const struct {
		const char *word;
		enum lj_profile_mode mode;
	} modes[] = {
		{ "enforce", LJ_PROFILE_ENFORCE },
		{ "complain", LJ_PROFILE_COMPLAIN },
		{ "kill", LJ_PROFILE_KILL },
		{ "unconfined", LJ_PROFILE_UNCONFINED },
	};
	_cleanup_free_ char *line = NULL;
	size_t cap = 0, want;
	FILE *f;
	int r = -ENOENT;

	if (!name || !*name || !ret)
		return -EINVAL;
	want = strlen(name);
	f = fopen(profiles_file ? profiles_file : LJ_PROFILE_PROFILES_FILE, "re");
	if (!f)
		return errno == ENOENT ? -EOPNOTSUPP : -errno;
	for (;;) {
		ssize_t n;
		char *open;

		errno = 0;
		n = getline(&line, &cap, f);
		if (n < 0) {
			if (ferror(f))
				r = errno ? -errno : -EIO;
			break;
		}
		if (n > 0 && line[n - 1] == '\n')
			line[--n] = '\0';
		if (n == 0)
			continue;
		/* "NAME (MODE)": the mode is the last parenthesised word. */
		open = NULL;
		for (ssize_t i = n - 2; i >= 0; i--)
			if (line[i] == ' ' && line[i + 1] == '(') {
				open = line + i;
				break;
			}
		if (!open || line[n - 1] != ')' || open == line) {
			r = -EBADMSG;
			break;
		}
		if ((size_t) (open - line) != want || memcmp(line, name, want) != 0)
			continue;
		line[n - 1] = '\0';
		*ret = LJ_PROFILE_OTHER;
		for (size_t i = 0; i < ARRAY_SIZE(modes); i++)
			if (strcmp(open + 2, modes[i].word) == 0)
				*ret = modes[i].mode;
		r = 0;
		break;
	}
	if (fclose(f) != 0 && r == 0)
		r = -errno;
	return r;
}

/* ------------------------------------------------------------------ */
/* Installing and removing.                                            */

/* A file name we create in the profile directory: plain, not hidden. */
static bool file_name_ok(const char *s)
{
	if (!s || !*s || s[0] == '.' || strlen(s) > FILE_NAME_MAX)
		return false;
	for (const char *p = s; *p; p++)
		if (!char_ok((unsigned char) *p) || *p == '/')
			return false;
	return true;
}

/* The directory must not be replaceable by someone else. */
static int check_dir(int dfd, const char *dir, struct lj_err *e)
{
	struct stat st;

	if (fstat(dfd, &st) < 0)
		return lj_err_sys(e, errno, "profile", "cannot stat %s", dir);
	if (!S_ISDIR(st.st_mode))
		return lj_err_set(e, ENOTDIR, "profile", "%s is not a directory", dir);
	if (st.st_uid != 0 && st.st_uid != geteuid())
		return lj_err_set(e, EPERM, "profile", "%s belongs to uid %lu, neither root nor us",
				dir, (unsigned long) st.st_uid);
	if (st.st_mode & (S_IWGRP | S_IWOTH))
		return lj_err_set(e, EPERM, "profile", "%s is writable by group or others", dir);
	return 0;
}

static int open_dir(const char *dir, const char *parser, const char *file_name, bool need_parser,
		int *ret, struct lj_err *e)
{
	int fd, r;

	if (!dir || !*dir || !file_name)
		return lj_err_set(e, EINVAL, "profile", "no profile directory or file name");
	if (!file_name_ok(file_name))
		return lj_err_set(e, EINVAL, "profile", "invalid profile file name \"%s\"",
				file_name);
	if (need_parser && (!parser || parser[0] != '/'))
		return lj_err_set(e, EINVAL, "profile", "the parser must be an absolute path");
	fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return lj_err_sys(e, errno, "profile", "cannot open %s", dir);
	r = check_dir(fd, dir, e);
	if (r < 0) {
		(void) close(fd);
		return r;
	}
	*ret = fd;
	return 0;
}

static int write_all(int fd, const char *s, size_t n)
{
	while (n > 0) {
		ssize_t k = write(fd, s, n);

		if (k < 0 && errno == EINTR)
			continue;
		if (k < 0)
			return -errno;
		s += k;
		n -= (size_t) k;
	}
	return 0;
}

/* Eight random letters and digits into @sfx (9 bytes). */
static int random_suffix(char *sfx)
{
	static const char alnum[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
	unsigned char rnd[8];
	ssize_t k;

	do
		k = getrandom(rnd, sizeof(rnd), 0);
	while (k < 0 && errno == EINTR);
	if (k < 0)
		return -errno;
	if (k != (ssize_t) sizeof(rnd))
		return -EIO;
	for (size_t i = 0; i < sizeof(rnd); i++)
		sfx[i] = alnum[rnd[i] % (sizeof(alnum) - 1)];
	sfx[sizeof(rnd)] = '\0';
	return 0;
}

/* A new, empty, exclusive temporary file next to @file_name. */
static int create_temp(int dfd, const char *file_name, char *tmp, size_t len, int *ret)
{
	for (int attempt = 0; attempt < 64; attempt++) {
		char sfx[9];
		int fd, r;

		r = random_suffix(sfx);
		if (r < 0)
			return r;
		if ((size_t) snprintf(tmp, len, ".%s.%s", file_name, sfx) >= len)
			return -ENAMETOOLONG;
		fd = openat(dfd, tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
		if (fd >= 0) {
			*ret = fd;
			return 0;
		}
		if (errno != EEXIST)
			return -errno;
	}
	return -EEXIST;
}

/* @len bytes of @data as @dir/@file_name, replacing it atomically, mode 0644. */
static int write_atomic(int dfd, const char *dir, const char *file_name, const char *data,
		size_t len, struct lj_err *e)
{
	char tmp[FILE_NAME_MAX + 32];
	int fd = -1, r;

	r = create_temp(dfd, file_name, tmp, sizeof(tmp), &fd);
	if (r < 0)
		return lj_err_sys(e, -r, "profile", "cannot create a temporary file in %s", dir);
	r = write_all(fd, data, len);
	if (r == 0 && fchmod(fd, 0644) < 0)
		r = -errno;
	if (r == 0 && fsync(fd) < 0)
		r = -errno;
	if (close(fd) < 0 && r == 0 && errno != EINTR)
		r = -errno;
	if (r == 0 && renameat(dfd, tmp, dfd, file_name) < 0)
		r = -errno;
	if (r < 0) {
		(void) unlinkat(dfd, tmp, 0);
		return lj_err_sys(e, -r, "profile", "cannot write %s/%s", dir, file_name);
	}
	if (fsync(dfd) < 0)
		return lj_err_sys(e, errno, "profile", "cannot sync %s", dir);
	return 0;
}

/* ------------------------------------------------------------------ */
/* Running the policy tools.                                           */

#define TOOL_OUTPUT_MAX (64 * 1024)  /* bytes of a tool's stdout or stderr kept */
#define TOOL_ARGS_MAX 12

/*
 * One run of a policy tool (apparmor_parser, checkmodule, semodule_package,
 * semodule).  The tool is trusted (root's own, from a fixed absolute path);
 * what it is given is not a shell command but a fixed argv.
 */
struct tool {
	const char *argv[TOOL_ARGS_MAX + 1]; /* argv[0]: an absolute path; NULL-terminated */
	int cwd_fd;         /* the tool's working directory, or -1 for ours */
	bool capture;       /* stdout and stderr into out and err; else both to our stderr */
	char *out, *err;    /* captured text, malloc'd, NUL-terminated, cut at TOOL_OUTPUT_MAX */
};

static void tool_release(struct tool *t)
{
	free(t->out);
	free(t->err);
	t->out = t->err = NULL;
}

static void tool_releasep(struct tool *t)
{
	tool_release(t);
}

/* Up to TOOL_OUTPUT_MAX bytes of the memfd @fd, from its start, as a string. */
static int read_capture(int fd, char **ret)
{
	_cleanup_free_ char *buf = malloc(TOOL_OUTPUT_MAX + 1);
	size_t len = 0;

	if (!buf)
		return -ENOMEM;
	while (len < TOOL_OUTPUT_MAX) {
		ssize_t k = pread(fd, buf + len, TOOL_OUTPUT_MAX - len, (off_t) len);

		if (k < 0 && errno == EINTR)
			continue;
		if (k < 0)
			return -errno;
		if (k == 0)
			break;
		len += (size_t) k;
	}
	/* A NUL in the output would end the message early; show it as '?'. */
	for (size_t i = 0; i < len; i++)
		if (buf[i] == '\0')
			buf[i] = '?';
	buf[len] = '\0';
	*ret = TAKE_PTR(buf);
	return 0;
}

/* "TOOL ARG ARG" for a message: the tool's base name and its arguments. */
static void tool_describe(const struct tool *t, char *buf, size_t len)
{
	const char *base = strrchr(t->argv[0], '/');
	size_t o = 0;

	buf[0] = '\0';
	for (size_t i = 0; t->argv[i] && o < len; i++) {
		int k = snprintf(buf + o, len - o, "%s%s", i ? " " : "",
				i ? t->argv[i] : (base ? base + 1 : t->argv[0]));

		if (k < 0)
			break;
		o += (size_t) k;
	}
}

/* Captured output as one line for a message: newlines become " | ". */
static void one_line(const char *s, char *buf, size_t len)
{
	size_t o = 0;

	if (!len)
		return;
	while (*s == '\n' || *s == ' ')
		s++;
	for (; *s && o + 4 < len; s++) {
		unsigned char ch = (unsigned char) *s;

		if (ch == '\n') {
			while (s[1] == '\n')
				s++;
			if (s[1]) {
				memcpy(buf + o, " | ", 3);
				o += 3;
			}
		} else {
			buf[o++] = ch < 0x20 || ch == 0x7f ? ' ' : (char) ch;
		}
	}
	buf[o] = '\0';
}

enum { STEP_STDIN, STEP_STDOUT, STEP_STDERR, STEP_CWD, STEP_SIGMASK, STEP_EXEC };

/*
 * Run @t and wait for it.  The child gets /dev/null as stdin, a clean signal
 * mask and an environment built from scratch (no variable of the caller's
 * reaches a tool that runs as root).  Without capture its stdout and stderr
 * both go to our stderr (our stdout may carry the caller's JSON).  With
 * capture they go to two memory files, read after the tool exited: no pipe
 * to fill up and no deadlock, whatever the tool prints.
 * 0 when the tool exited with status 0; -EIO when it exited otherwise or was
 * killed (the message quotes what it printed, when captured); execve's errno
 * when it could not run.  t->out and t->err are set whenever it ran.
 */
static int run_tool(struct tool *t, struct lj_err *e)
{
	static char *const envp[] = {
		(char *) "PATH=/usr/sbin:/usr/bin:/sbin:/bin", (char *) "LC_ALL=C", NULL,
	};
	_cleanup_close_ int rd = -1;
	_cleanup_close_ int mout = -1;
	_cleanup_close_ int merr = -1;
	char what[256], said[512];
	int pfd[2], status, r;
	struct { int step, err; } fail;
	ssize_t k;
	pid_t pid;

	if (!t->argv[0] || t->argv[0][0] != '/')
		return lj_err_set(e, EINVAL, "profile", "a policy tool must be an absolute path");
	tool_describe(t, what, sizeof(what));
	if (t->capture) {
		mout = memfd_create("langjail-tool-out", MFD_CLOEXEC);
		if (mout < 0)
			return lj_err_sys(e, errno, "profile", "memfd_create");
		merr = memfd_create("langjail-tool-err", MFD_CLOEXEC);
		if (merr < 0)
			return lj_err_sys(e, errno, "profile", "memfd_create");
	}
	if (pipe2(pfd, O_CLOEXEC) < 0)
		return lj_err_sys(e, errno, "profile", "pipe");
	rd = pfd[0];
	pid = fork();
	if (pid < 0) {
		int err = errno;

		(void) close(pfd[1]);
		return lj_err_sys(e, err, "profile", "fork");
	}
	if (pid == 0) {
		/* No malloc, no stdio from here to execve. */
		sigset_t none;
		int fd;

		fail.step = STEP_STDIN;
		fd = open("/dev/null", O_RDONLY | O_CLOEXEC);
		if (fd < 0 || dup2(fd, STDIN_FILENO) < 0)
			goto child_fail;
		fail.step = STEP_STDOUT;
		if (dup2(t->capture ? mout : STDERR_FILENO, STDOUT_FILENO) < 0)
			goto child_fail;
		fail.step = STEP_STDERR;
		if (t->capture && dup2(merr, STDERR_FILENO) < 0)
			goto child_fail;
		fail.step = STEP_CWD;
		if (t->cwd_fd >= 0 && fchdir(t->cwd_fd) < 0)
			goto child_fail;
		fail.step = STEP_SIGMASK;
		if (sigemptyset(&none) < 0 || sigprocmask(SIG_SETMASK, &none, NULL) < 0)
			goto child_fail;
		fail.step = STEP_EXEC;
		execve(t->argv[0], (char *const *) t->argv, envp);
child_fail:
		fail.err = errno;
		(void) !write(pfd[1], &fail, sizeof(fail));
		_exit(127);
	}
	(void) close(pfd[1]);
	do
		k = read(rd, &fail, sizeof(fail));
	while (k < 0 && errno == EINTR);
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return lj_err_sys(e, errno, "profile", "waiting for %s", t->argv[0]);
	if (k == (ssize_t) sizeof(fail)) {
		static const char *const steps[] = {
			"stdin", "stdout", "stderr", "working directory", "signal mask", "execve",
		};

		return lj_err_sys(e, fail.err, "profile", "cannot run %s (%s)", t->argv[0],
				steps[fail.step]);
	}
	if (t->capture) {
		tool_release(t);
		r = read_capture(mout, &t->out);
		if (r == 0)
			r = read_capture(merr, &t->err);
		if (r < 0)
			return lj_err_sys(e, -r, "profile", "reading the output of %s", what);
	}
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
		return 0;
	/* What the tool said: its stderr, else its stdout. */
	said[0] = '\0';
	if (t->capture)
		one_line(t->err && *t->err ? t->err : t->out ? t->out : "", said, sizeof(said));
	if (WIFEXITED(status))
		return lj_err_set(e, EIO, "profile", "%s failed with exit status %d%s%s", what,
				WEXITSTATUS(status), said[0] ? ": " : "", said);
	return lj_err_set(e, EIO, "profile", "%s was killed by signal %d%s%s", what,
			WIFSIGNALED(status) ? WTERMSIG(status) : 0, said[0] ? ": " : "", said);
}

/*
 * Run "@parser @op -I @dir -- @dir/@file_name", its output on our stderr
 * (the administrator sees the parser's own messages as it prints them).
 */
static int run_parser(const char *parser, const char *op, const char *dir,
		const char *file_name, struct lj_err *e)
{
	_cleanup_free_ char *path = NULL;
	struct tool t = { .cwd_fd = -1 };

	if (asprintf(&path, "%s/%s", dir, file_name) < 0) {
		path = NULL;
		return lj_err_set(e, ENOMEM, "profile", "out of memory");
	}
	t.argv[0] = parser;
	t.argv[1] = op;
	t.argv[2] = "-I";
	t.argv[3] = dir;
	t.argv[4] = "--";
	t.argv[5] = path;
	return run_tool(&t, e);
}

int lj_profile_install(const char *apparmor_d, const char *parser, const char *file_name,
		const char *text, bool load, struct lj_err *e)
{
	_cleanup_close_ int dfd = -1;
	int r;

	if (!text)
		return lj_err_set(e, EINVAL, "profile", "no profile text");
	r = open_dir(apparmor_d, parser, file_name, load, &dfd, e);
	if (r < 0)
		return r;
	r = write_atomic(dfd, apparmor_d, file_name, text, strlen(text), e);
	if (r < 0 || !load)
		return r;
	return run_parser(parser, "-r", apparmor_d, file_name, e);
}

int lj_profile_remove(const char *apparmor_d, const char *parser, const char *file_name,
		bool unload, struct lj_err *e)
{
	_cleanup_close_ int dfd = -1;
	struct stat st;
	int r;

	r = open_dir(apparmor_d, parser, file_name, unload, &dfd, e);
	if (r < 0)
		return r;
	if (fstatat(dfd, file_name, &st, AT_SYMLINK_NOFOLLOW) < 0)
		return lj_err_sys(e, errno, "profile", "%s/%s", apparmor_d, file_name);
	if (unload) {
		r = run_parser(parser, "-R", apparmor_d, file_name, e);
		if (r < 0)
			return r;
	}
	if (unlinkat(dfd, file_name, 0) < 0)
		return lj_err_sys(e, errno, "profile", "cannot remove %s/%s", apparmor_d, file_name);
	if (fsync(dfd) < 0)
		return lj_err_sys(e, errno, "profile", "cannot sync %s", apparmor_d);
	return 0;
}

/* ------------------------------------------------------------------ */
/* SELinux.                                                            */

/* Directories a file context must never relabel wholesale. */
static bool is_system_dir(const char *p)
{
	static const char *const dirs[] = {
		"/bin", "/boot", "/dev", "/etc", "/home", "/lib", "/lib32", "/lib64", "/libx32",
		"/media", "/mnt", "/opt", "/proc", "/root", "/run", "/sbin", "/srv", "/sys",
		"/tmp", "/usr", "/var", "/run/user", "/usr/bin", "/usr/include", "/usr/lib",
		"/usr/lib32", "/usr/lib64", "/usr/libexec", "/usr/local", "/usr/local/bin",
		"/usr/local/lib", "/usr/local/share", "/usr/sbin", "/usr/share", "/usr/src",
		"/var/cache", "/var/lib", "/var/local", "/var/log", "/var/mail", "/var/opt",
		"/var/spool", "/var/tmp",
	};

	for (size_t i = 0; i < ARRAY_SIZE(dirs); i++)
		if (strcmp(p, dirs[i]) == 0)
			return true;
	return false;
}

/* @inner is strictly below @outer (both checked paths). */
static bool path_below(const char *inner, const char *outer)
{
	size_t n = strlen(outer);

	return strncmp(inner, outer, n) == 0 && inner[n] == '/' && inner[n + 1];
}

/* A checked path as a file-context regular expression ('.' and '+' escaped). */
static int regex_escape(const char *p, char **ret)
{
	struct sbuf b = { 0 };
	int r = 0;

	for (; *p && r == 0; p++) {
		if (*p == '.' || *p == '+')
			r = sbuf_add(&b, "\\", 1);
		if (r == 0)
			r = sbuf_add(&b, p, 1);
	}
	if (r == 0)
		r = sbuf_done(&b);
	if (r < 0) {
		free(b.p);
		return r;
	}
	*ret = b.p;
	return 0;
}

/* Per-language strings of the SELinux module. */
struct se_lang {
	char *types[4];     /* domain, exec, env, work */
	char *env_re, *interp_re;
};

static void se_lang_release(struct se_lang *s)
{
	for (size_t i = 0; i < ARRAY_SIZE(s->types); i++)
		free(s->types[i]);
	free(s->env_re);
	free(s->interp_re);
}

static int se_check_type(const struct lj_lang *l, struct lj_err *e)
{
	static const char pfx[] = "langjail_";
	const char *t = l->selinux_type;
	struct origin o = lang_origin(l, "selinux_type");
	size_t n;

	if (!t || !*t)
		return bad_value(e, o, t, "is empty");
	n = strlen(t);
	if (n > SE_TYPE_MAX)
		return bad_value(e, o, t, "is longer than %d bytes", SE_TYPE_MAX);
	for (size_t i = 0; i < n; i++)
		if (!((t[i] >= 'a' && t[i] <= 'z') || (t[i] >= '0' && t[i] <= '9') || t[i] == '_'))
			return bad_value(e, o, t, "is not an SELinux type name (lower-case "
					"letters, digits and _)");
	if (strncmp(t, pfx, sizeof(pfx) - 1) != 0 || n < sizeof(pfx) + 2 ||
	    strcmp(t + n - 2, "_t") != 0)
		return bad_value(e, o, t, "must look like langjail_NAME_t, so that it "
				"cannot name a type of the base policy");
	return 0;
}

static int se_lang_prepare(const char *envs_dir, const struct lj_lang *l, struct se_lang *s,
		const char **ret_program, struct lj_err *e)
{
	static const char *const sfx[4] = { "_t", "_exec_t", "_env_t", "_work_t" };
	_cleanup_free_ char *interp = NULL, *env = NULL;
	_cleanup_(strv_freep) char **reads = NULL;
	_cleanup_(strv_freep) char **execs = NULL;
	size_t base;
	int r;

	r = check_name(e, lang_origin(l, "name"), l->name);
	if (r < 0)
		return r;
	r = se_check_type(l, e);
	if (r < 0)
		return r;
	r = workdir_program(l, ret_program, e);
	if (r < 0)
		return r;
	r = check_path(e, lang_origin(l, "interpreter"), l->interpreter, &interp);
	if (r < 0)
		return r;
	r = check_path(e, lang_origin(l, "env_dir"), l->env_dir, &env);
	if (r < 0)
		return r;
	r = check_paths(e, lang_origin(l, "read_paths"), l->read_paths, &reads);
	if (r < 0)
		return r;
	r = check_paths(e, lang_origin(l, "exec_paths"), l->exec_paths, &execs);
	if (r < 0)
		return r;
	if (is_system_dir(env) || !strchr(env + 1, '/'))
		return bad_value(e, lang_origin(l, "env_dir"), l->env_dir,
				"is a system directory; the SELinux module would relabel it");
	if (envs_dir && !path_below(env, envs_dir))
		return bad_value(e, lang_origin(l, "env_dir"), l->env_dir,
				"is not inside [jail] envs_dir (%s); the SELinux module "
				"labels it", envs_dir);
	if (!path_below(interp, env))
		return bad_value(e, lang_origin(l, "interpreter"), l->interpreter,
				"is not inside env_dir; the SELinux module labels the "
				"interpreter copy and must not relabel a system file");

	base = strlen(l->selinux_type) - 2;
	for (size_t i = 0; i < ARRAY_SIZE(sfx); i++)
		if (asprintf(&s->types[i], "%.*s%s", (int) base, l->selinux_type, sfx[i]) < 0) {
			s->types[i] = NULL;
			return lj_err_set(e, ENOMEM, "profile", "out of memory");
		}
	if (regex_escape(env, &s->env_re) < 0 || regex_escape(interp, &s->interp_re) < 0)
		return lj_err_set(e, ENOMEM, "profile", "out of memory");
	return 0;
}

int lj_selinux_module_generate_from(const struct lj_config *c, const char *template_dir,
		struct lj_lang *const *langs, size_t n, char **ret_te, char **ret_fc,
		struct lj_err *e)
{
	_cleanup_free_ char *workroot = NULL, *workroot_re = NULL, *envs_dir = NULL,
		*te = NULL, *fc = NULL;
	_cleanup_free_ struct se_lang *s = NULL;
	_cleanup_free_ struct vals *lv = NULL;
	struct vals gv = { 0 };
	struct tmpl t = { 0 };
	int r;

	if (!c || (n && !langs) || !ret_te || !ret_fc)
		return lj_err_set(e, EINVAL, "profile", "no configuration or languages");
	if (n > 4096)
		return lj_err_set(e, E2BIG, "profile", "too many languages");
	r = check_path(e, config_origin(c, "workdir_root"), c->workdir_root, &workroot);
	if (r < 0)
		return r;
	if (is_system_dir(workroot) || !strchr(workroot + 1, '/'))
		return bad_value(e, config_origin(c, "workdir_root"), c->workdir_root,
				"is a system directory; the SELinux module would relabel it");
	if (c->envs_dir) {
		r = check_path(e, config_origin(c, "envs_dir"), c->envs_dir, &envs_dir);
		if (r < 0)
			return r;
	}
	if (regex_escape(workroot, &workroot_re) < 0)
		return lj_err_set(e, ENOMEM, "profile", "out of memory");

	s = calloc(n ? n : 1, sizeof(*s));
	lv = calloc(n ? n : 1, sizeof(*lv));
	if (!s || !lv)
		return lj_err_set(e, ENOMEM, "profile", "out of memory");
	for (size_t i = 0; i < n; i++) {
		const char *program;

		if (!langs[i]) {
			r = lj_err_set(e, EINVAL, "profile", "no language");
			goto out;
		}
		r = se_lang_prepare(envs_dir, langs[i], &s[i], &program, e);
		if (r < 0)
			goto out;
		lv[i].s[PH_LANGUAGE] = langs[i]->name;
		lv[i].s[PH_TYPE] = s[i].types[0];
		lv[i].s[PH_EXEC_TYPE] = s[i].types[1];
		lv[i].s[PH_ENV_TYPE] = s[i].types[2];
		lv[i].s[PH_WORK_TYPE] = s[i].types[3];
		lv[i].s[PH_ENV_DIR_RE] = s[i].env_re;
		lv[i].s[PH_INTERPRETER_RE] = s[i].interp_re;
		lv[i].s[PH_WORKDIR_ROOT_RE] = workroot_re;
		lv[i].cond[PH_WORKDIR_EXEC] = program != NULL;
		lv[i].cond[PH_SYSTEM_EXEC] = strv_len(langs[i]->exec_paths) > 0;
	}
	/*
	 * Every generated type must be unique: "langjail_x_exec_t" as a domain
	 * would give "langjail_x_exec_exec_t", but its domain would be the exec
	 * type of language "langjail_x_t".  langjail_workroot_t is global.
	 */
	for (size_t k = 0; k < n * ARRAY_SIZE(s->types); k++) {
		size_t i = k / ARRAY_SIZE(s->types);
		const char *ty = s[i].types[k % ARRAY_SIZE(s->types)];

		if (strcmp(ty, "langjail_workroot_t") == 0) {
			r = bad_value(e, lang_origin(langs[i], "selinux_type"),
					langs[i]->selinux_type, "gives the type %s, which the "
					"module already uses", ty);
			goto out;
		}
		for (size_t m = 0; m < k; m++) {
			size_t j = m / ARRAY_SIZE(s->types);

			if (strcmp(ty, s[j].types[m % ARRAY_SIZE(s->types)]) != 0)
				continue;
			r = lj_err_set(e, EEXIST, "profile", "%s: [language] selinux_type: "
					"type %s is also used by language %s",
					lang_origin(langs[i], NULL).file, ty, langs[j]->name);
			goto out;
		}
	}

	gv.s[PH_WORKDIR_ROOT_RE] = workroot_re;
	if (!template_dir)
		template_dir = LJ_SELINUX_TEMPLATE_DIR;
	r = tmpl_load(template_dir, "langjail.te.in", TK_TE, &t, e);
	if (r == 0)
		r = render(&t, &gv, lv, n, &te, e);
	tmpl_release(&t);
	if (r < 0)
		goto out;
	r = tmpl_load(template_dir, "langjail.fc.in", TK_FC, &t, e);
	if (r == 0)
		r = render(&t, &gv, lv, n, &fc, e);
	tmpl_release(&t);
	if (r < 0)
		goto out;
	*ret_te = TAKE_PTR(te);
	*ret_fc = TAKE_PTR(fc);
out:
	for (size_t i = 0; s && i < n; i++)
		se_lang_release(&s[i]);
	return r;
}

int lj_selinux_module_generate(const struct lj_config *c, struct lj_lang *const *langs,
		size_t n, char **ret_te, char **ret_fc, struct lj_err *e)
{
	return lj_selinux_module_generate_from(c, NULL, langs, n, ret_te, ret_fc, e);
}

/* ------------------------------------------------------------------ */
/* Building, installing and removing the SELinux module.               */

#define PP_MAX (16 * 1024 * 1024)   /* bytes of a compiled policy package */

static const char *const se_tool_dirs[] = LJ_SELINUX_TOOL_DIRS;

/* A policy tool we run as root: a root-owned executable nobody else may change. */
static int tool_safe(const char *path, struct stat *st)
{
	if (stat(path, st) < 0)
		return -errno;
	if (!S_ISREG(st->st_mode) || !(st->st_mode & S_IXUSR))
		return -EACCES;
	if (st->st_uid != 0 || (st->st_mode & (S_IWGRP | S_IWOTH)))
		return -EPERM;
	return 0;
}

int lj_selinux_tool_path(const char *name, char **ret, struct lj_err *e)
{
	for (size_t i = 0; i < ARRAY_SIZE(se_tool_dirs); i++) {
		_cleanup_free_ char *p = NULL;
		struct stat st;
		int r;

		if (asprintf(&p, "%s/%s", se_tool_dirs[i], name) < 0) {
			p = NULL;
			return lj_err_set(e, ENOMEM, "profile", "out of memory");
		}
		r = tool_safe(p, &st);
		if (r == -ENOENT || r == -ENOTDIR)
			continue;
		if (r == -EPERM)
			return lj_err_set(e, EPERM, "profile", "%s is not owned by root or is "
					"writable by group or others: not running it as root", p);
		if (r < 0)
			return lj_err_sys(e, -r, "profile", "%s", p);
		*ret = TAKE_PTR(p);
		return 0;
	}
	return lj_err_set(e, ENOENT, "profile", "%s is not installed in %s or %s (Debian: "
			"package %s)", name, se_tool_dirs[0], se_tool_dirs[1],
			strcmp(name, "checkmodule") == 0 ? "checkpolicy" :
			strcmp(name, "semodule") == 0 ? "policycoreutils" : "semodule-utils");
}

static bool se_tool_ok(const char *path, const char *name, struct lj_err *e)
{
	if (path && path[0] == '/')
		return true;
	lj_err_set(e, EINVAL, "profile", "no absolute path for %s", name);
	return false;
}

/*
 * A private build directory for the module: PARENT/.langjail-selinux.XXXXXXXX,
 * made with mkdirat (fails if the name exists: never someone else's), opened
 * with O_NOFOLLOW and checked to be ours and 0700.  The parent must be
 * root's or ours, and not writable by others unless sticky (/tmp): then no
 * one else can rename or replace what we made.  Everything after this goes
 * through the directory fd.
 */
struct se_build {
	const char *parent;
	int parent_fd, fd;
	char name[40];
};

static int se_build_open(const char *parent, struct se_build *b, struct lj_err *e)
{
	struct stat st;
	int r;

	b->parent = parent;
	b->parent_fd = b->fd = -1;
	b->name[0] = '\0';
	if (!parent || parent[0] != '/')
		return lj_err_set(e, EINVAL, "profile", "the build directory must be absolute");
	b->parent_fd = open(parent, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (b->parent_fd < 0)
		return lj_err_sys(e, errno, "profile", "cannot open %s", parent);
	if (fstat(b->parent_fd, &st) < 0)
		return lj_err_sys(e, errno, "profile", "cannot stat %s", parent);
	if (st.st_uid != 0 && st.st_uid != geteuid())
		return lj_err_set(e, EPERM, "profile", "%s belongs to uid %lu, neither root nor us",
				parent, (unsigned long) st.st_uid);
	if ((st.st_mode & (S_IWGRP | S_IWOTH)) && !(st.st_mode & S_ISVTX))
		return lj_err_set(e, EPERM, "profile", "%s is writable by group or others and "
				"not sticky", parent);
	for (int attempt = 0; attempt < 64; attempt++) {
		char sfx[9];

		r = random_suffix(sfx);
		if (r < 0)
			return lj_err_sys(e, -r, "profile", "getrandom");
		snprintf(b->name, sizeof(b->name), ".langjail-selinux.%s", sfx);
		if (mkdirat(b->parent_fd, b->name, 0700) == 0)
			break;
		r = -errno;
		b->name[0] = '\0';
		if (r != -EEXIST)
			return lj_err_sys(e, -r, "profile", "cannot create a directory in %s", parent);
	}
	if (!b->name[0])
		return lj_err_set(e, EEXIST, "profile", "cannot create a directory in %s", parent);
	b->fd = openat(b->parent_fd, b->name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (b->fd < 0)
		return lj_err_sys(e, errno, "profile", "cannot open %s/%s", parent, b->name);
	if (fstat(b->fd, &st) < 0)
		return lj_err_sys(e, errno, "profile", "cannot stat %s/%s", parent, b->name);
	if (st.st_uid != geteuid() || (st.st_mode & 07777) != 0700)
		return lj_err_set(e, EPERM, "profile", "%s/%s is not the private directory just "
				"made", parent, b->name);
	return 0;
}

/*
 * Remove the build directory and everything the tools left in it (not
 * following symlinks).  @r is the result so far: a failure to clean up is
 * reported only when nothing else failed.
 */
static int se_build_close(struct se_build *b, int r, struct lj_err *e)
{
	struct lj_err e2;

	if (b->fd >= 0)
		(void) close(b->fd);
	b->fd = -1;
	if (b->name[0] && b->parent_fd >= 0 &&
	    lj_fs_remove_tree(b->parent_fd, b->name, NULL, &e2) < 0 && r == 0)
		r = lj_err_set(e, e2.errnum ? e2.errnum : EIO, "profile",
				"cannot remove %s/%s: %s", b->parent, b->name, e2.msg);
	if (b->parent_fd >= 0)
		(void) close(b->parent_fd);
	b->parent_fd = -1;
	b->name[0] = '\0';
	return r;
}

/* A new file @name in the build directory, holding @text. */
static int se_build_write(struct se_build *b, const char *name, const char *text,
		struct lj_err *e)
{
	int fd, r;

	fd = openat(b->fd, name, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
	if (fd < 0)
		return lj_err_sys(e, errno, "profile", "cannot create %s/%s/%s", b->parent,
				b->name, name);
	r = write_all(fd, text, strlen(text));
	if (close(fd) < 0 && r == 0 && errno != EINTR)
		r = -errno;
	if (r < 0)
		return lj_err_sys(e, -r, "profile", "cannot write %s/%s/%s", b->parent, b->name,
				name);
	return 0;
}

/* checkmodule and semodule_package, in the build directory: langjail.pp. */
static int se_build_compile(const struct lj_selinux_tools *t, struct se_build *b,
		const char *te, const char *fc, struct lj_err *e)
{
	_cleanup_(tool_releasep) struct tool cm = { .cwd_fd = b->fd, .capture = true };
	_cleanup_(tool_releasep) struct tool pk = { .cwd_fd = b->fd, .capture = true };
	int r;

	if (!te || !fc)
		return lj_err_set(e, EINVAL, "profile", "no module text");
	if (!t || !se_tool_ok(t->checkmodule, "checkmodule", e) ||
	    !se_tool_ok(t->semodule_package, "semodule_package", e))
		return -EINVAL;
	r = se_build_write(b, LJ_SELINUX_MODULE ".te", te, e);
	if (r == 0)
		r = se_build_write(b, LJ_SELINUX_MODULE ".fc", fc, e);
	if (r < 0)
		return r;
	cm.argv[0] = t->checkmodule;
	cm.argv[1] = "-M";
	cm.argv[2] = "-m";
	cm.argv[3] = "-o";
	cm.argv[4] = LJ_SELINUX_MODULE ".mod";
	cm.argv[5] = LJ_SELINUX_MODULE ".te";
	r = run_tool(&cm, e);
	if (r < 0)
		return r;
	pk.argv[0] = t->semodule_package;
	pk.argv[1] = "-o";
	pk.argv[2] = LJ_SELINUX_MODULE ".pp";
	pk.argv[3] = "-m";
	pk.argv[4] = LJ_SELINUX_MODULE ".mod";
	pk.argv[5] = "-f";
	pk.argv[6] = LJ_SELINUX_MODULE ".fc";
	return run_tool(&pk, e);
}

/* The compiled package from the build directory: a regular file, not a link. */
static int se_build_read_pp(struct se_build *b, char **ret, size_t *ret_len, struct lj_err *e)
{
	_cleanup_close_ int fd = -1;
	_cleanup_free_ char *buf = NULL;
	struct stat st;
	size_t len = 0;

	fd = openat(b->fd, LJ_SELINUX_MODULE ".pp", O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0)
		return lj_err_sys(e, errno, "profile", "semodule_package made no %s.pp",
				LJ_SELINUX_MODULE);
	if (fstat(fd, &st) < 0)
		return lj_err_sys(e, errno, "profile", "cannot stat %s.pp", LJ_SELINUX_MODULE);
	if (!S_ISREG(st.st_mode) || st.st_size <= 0 || st.st_size > PP_MAX)
		return lj_err_set(e, EINVAL, "profile", "%s.pp is not a regular file of 1 byte "
				"to %d bytes", LJ_SELINUX_MODULE, PP_MAX);
	buf = malloc((size_t) st.st_size);
	if (!buf)
		return lj_err_set(e, ENOMEM, "profile", "out of memory");
	while (len < (size_t) st.st_size) {
		ssize_t k = read(fd, buf + len, (size_t) st.st_size - len);

		if (k < 0 && errno == EINTR)
			continue;
		if (k < 0)
			return lj_err_sys(e, errno, "profile", "cannot read %s.pp",
					LJ_SELINUX_MODULE);
		if (k == 0)
			return lj_err_set(e, EIO, "profile", "%s.pp shrank while read",
					LJ_SELINUX_MODULE);
		len += (size_t) k;
	}
	*ret = TAKE_PTR(buf);
	*ret_len = len;
	return 0;
}

int lj_selinux_module_build(const struct lj_selinux_tools *t, const char *tmp_parent,
		const char *te, const char *fc, const char *out_dir, struct lj_err *e)
{
	static const char *const names[] = {
		LJ_SELINUX_MODULE ".te", LJ_SELINUX_MODULE ".fc", LJ_SELINUX_MODULE ".pp",
	};
	_cleanup_close_ int ofd = -1;
	_cleanup_free_ char *pp = NULL;
	struct se_build b;
	size_t pp_len = 0;
	int r;

	if (!out_dir || !*out_dir)
		return lj_err_set(e, EINVAL, "profile", "no output directory");
	ofd = open(out_dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (ofd < 0)
		return lj_err_sys(e, errno, "profile", "cannot open %s", out_dir);
	r = check_dir(ofd, out_dir, e);
	if (r < 0)
		return r;
	r = se_build_open(tmp_parent, &b, e);
	if (r == 0)
		r = se_build_compile(t, &b, te, fc, e);
	if (r == 0)
		r = se_build_read_pp(&b, &pp, &pp_len, e);
	r = se_build_close(&b, r, e);
	if (r < 0)
		return r;
	/* Only a module that compiled reaches the output directory. */
	for (size_t i = 0; i < ARRAY_SIZE(names) && r == 0; i++)
		r = write_atomic(ofd, out_dir, names[i], i == 0 ? te : i == 1 ? fc : pp,
				i == 0 ? strlen(te) : i == 1 ? strlen(fc) : pp_len, e);
	return r;
}

int lj_selinux_module_check(const struct lj_selinux_tools *t, const char *tmp_parent,
		const char *te, const char *fc, struct lj_err *e)
{
	struct se_build b;
	int r = se_build_open(tmp_parent, &b, e);

	if (r == 0)
		r = se_build_compile(t, &b, te, fc, e);
	return se_build_close(&b, r, e);
}

int lj_selinux_module_install(const struct lj_selinux_tools *t, const char *tmp_parent,
		const char *te, const char *fc, struct lj_err *e)
{
	_cleanup_(tool_releasep) struct tool sm = { .cwd_fd = -1, .capture = true };
	struct se_build b;
	int r;

	if (!t || !se_tool_ok(t->semodule, "semodule", e))
		return -EINVAL;
	r = se_build_open(tmp_parent, &b, e);
	if (r == 0)
		r = se_build_compile(t, &b, te, fc, e);
	if (r == 0) {
		sm.cwd_fd = b.fd;
		sm.argv[0] = t->semodule;
		sm.argv[1] = "-i";
		sm.argv[2] = LJ_SELINUX_MODULE ".pp";
		r = run_tool(&sm, e);
	}
	return se_build_close(&b, r, e);
}

bool lj_selinux_module_listed(const char *list, const char *name)
{
	size_t n;

	if (!list || !name || !*name)
		return false;
	n = strlen(name);
	for (const char *p = list; *p;) {
		size_t len = strcspn(p, "\n");
		const char *w = p;

		while (w < p + len && (*w == ' ' || *w == '\t'))
			w++;
		/* The first word is the name: "NAME" (semodule 2.5 and later) or
		 * "NAME<TAB>VERSION" (earlier). */
		if ((size_t) (p + len - w) >= n && memcmp(w, name, n) == 0 &&
		    (w + n == p + len || w[n] == ' ' || w[n] == '\t'))
			return true;
		p += len;
		if (*p == '\n')
			p++;
	}
	return false;
}

int lj_selinux_module_installed(const struct lj_selinux_tools *t, bool *ret, struct lj_err *e)
{
	_cleanup_(tool_releasep) struct tool sm = { .cwd_fd = -1, .capture = true };
	int r;

	if (!t || !se_tool_ok(t->semodule, "semodule", e) || !ret)
		return -EINVAL;
	sm.argv[0] = t->semodule;
	sm.argv[1] = "-l";
	r = run_tool(&sm, e);
	if (r < 0)
		return r;
	if (strlen(sm.out) >= TOOL_OUTPUT_MAX)
		return lj_err_set(e, EFBIG, "profile", "semodule -l printed more than %d bytes",
				TOOL_OUTPUT_MAX);
	*ret = lj_selinux_module_listed(sm.out, LJ_SELINUX_MODULE);
	return 0;
}

int lj_selinux_module_remove(const struct lj_selinux_tools *t, struct lj_err *e)
{
	_cleanup_(tool_releasep) struct tool sm = { .cwd_fd = -1, .capture = true };
	bool installed = false;
	int r;

	r = lj_selinux_module_installed(t, &installed, e);
	if (r < 0)
		return r;
	if (!installed)
		return lj_err_set(e, ENOENT, "profile", "the SELinux module %s is not installed",
				LJ_SELINUX_MODULE);
	sm.argv[0] = t->semodule;
	sm.argv[1] = "-r";
	sm.argv[2] = LJ_SELINUX_MODULE;
	return run_tool(&sm, e);
}
