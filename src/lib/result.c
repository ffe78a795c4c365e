/*
 * result.c - verdict names, the capped output buffer (in memory, then in a
 * memfd) and the JSON report.
 */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "fsutil.h"
#include "json.h"
#include "result.h"

const char *lj_status_name(enum lj_status s)
{
	switch (s) {
	case LJ_STATUS_OK:
		return "ok";
	case LJ_STATUS_EXIT:
		return "exit";
	case LJ_STATUS_SIGNAL:
		return "signal";
	case LJ_STATUS_TIMEOUT:
		return "timeout";
	case LJ_STATUS_MEMORY:
		return "memory";
	case LJ_STATUS_OUTPUT_LIMIT:
		return "output_limit";
	case LJ_STATUS_ERROR:
		return "error";
	case LJ_STATUS_COMPILE_ERROR:
		return "compile_error";
	}
	return "?";
}

void lj_result_init(struct lj_result *r)
{
	memset(r, 0, sizeof(*r));
	r->mac = "none";
}

/* The verdict fields of @r as a phase result (sharing its buffers). */
static struct lj_phase_result verdict_of(const struct lj_result *r)
{
	return (struct lj_phase_result) { .status = r->status, .exit_code = r->exit_code,
		.signal = r->signal, .limit = r->limit, .out = r->out, .err = r->err,
		.out_bytes = r->out_bytes, .err_bytes = r->err_bytes,
		.out_truncated = r->out_truncated, .err_truncated = r->err_truncated,
		.cpu_us = r->cpu_us, .wall_us = r->wall_us, .max_rss_kb = r->max_rss_kb,
		.memory_peak = r->memory_peak };
}

void lj_result_end_compile(struct lj_result *r)
{
	free(r->compile.out.data);
	free(r->compile.err.data);
	r->compile = verdict_of(r);
	r->compiled = true;
	r->status = LJ_STATUS_OK;
	r->exit_code = r->signal = 0;
	r->limit = NULL;
	memset(&r->out, 0, sizeof(r->out));
	memset(&r->err, 0, sizeof(r->err));
	r->out_bytes = r->err_bytes = 0;
	r->out_truncated = r->err_truncated = false;
	r->cpu_us = r->wall_us = r->max_rss_kb = r->memory_peak = 0;
}

void lj_buf_free(struct lj_buf *b)
{
	free(b->data);
	if (b->spilled)
		(void) close(b->fd);
	memset(b, 0, sizeof(*b));
}

int lj_buf_spill(struct lj_buf *b)
{
	int fd, r;

	if (b->spilled)
		return 0;
	fd = memfd_create("langjail-output", MFD_CLOEXEC);
	if (fd < 0)
		return -errno;
	r = lj_write_all(fd, b->data, b->len);
	if (r < 0) {
		(void) close(fd);
		return r;
	}
	free(b->data);
	b->data = NULL;
	b->cap_alloc = 0;
	b->fd = fd;
	b->spilled = true;
	return 0;
}

void lj_result_release(struct lj_result *r)
{
	lj_buf_free(&r->compile.out);
	lj_buf_free(&r->compile.err);
	lj_buf_free(&r->out);
	lj_buf_free(&r->err);
}

int lj_buf_reserve(struct lj_buf *b, size_t want, size_t cap)
{
	size_t need = b->len + want, n;
	char *d;

	if (need > cap)
		need = cap;
	if (need <= b->cap_alloc)
		return 0;
	n = b->cap_alloc ? b->cap_alloc : (cap < 65536 ? cap : 65536);
	while (n < need)
		n = n > cap / 2 ? cap : n * 2;
	d = realloc(b->data, n);
	if (!d)
		return -ENOMEM;
	b->data = d;
	b->cap_alloc = n;
	return 0;
}

int lj_buf_append(struct lj_buf *b, const void *p, size_t n, size_t cap, size_t *ret_kept)
{
	size_t keep = b->len >= cap ? 0 : (cap - b->len < n ? cap - b->len : n);

	if (keep && lj_buf_reserve(b, keep, cap) < 0)
		return -ENOMEM;
	if (keep) {
		memcpy(b->data + b->len, p, keep);
		b->len += keep;
	}
	*ret_kept = keep;
	return 0;
}

static void stream(struct lj_json *j, const char *name, const struct lj_buf *b)
{
	char enc[32];
	const char *data = b->data ? b->data : "";

	strcpy(enc, name);
	strcat(enc, "_encoding");
	if (b->spilled) {
		bool utf8 = false;
		int r = lj_utf8_valid_fd(b->fd, b->len, &utf8);

		if (r < 0) {
			j->err = -r;
			j->failed = true;
			return;
		}
		lj_json_strn_fd(j, name, b->fd, b->len, !utf8);
		lj_json_str(j, enc, utf8 ? "utf-8" : "base64");
		return;
	}
	if (lj_utf8_valid(data, b->len)) {
		lj_json_strn(j, name, data, b->len);
		lj_json_str(j, enc, "utf-8");
	} else {
		char *b64 = lj_base64(data, b->len);

		if (!b64) {
			j->failed = true;
			return;
		}
		lj_json_str(j, name, b64);
		lj_json_str(j, enc, "base64");
		free(b64);
	}
}

static void error_obj(struct lj_json *j, const struct lj_err *e)
{
	lj_json_begin_obj(j, "error");
	lj_json_str(j, "code", e->code[0] ? e->code : "error");
	lj_json_str(j, "message", e->msg);
	lj_json_end(j);
}

static int finish(struct lj_json *j, char **ret)
{
	lj_json_end(j);
	if (j->failed) {
		lj_json_release(j);
		return -ENOMEM;
	}
	*ret = j->s;
	return 0;
}

/* status ... memory_peak_kb of one phase, into the current object. */
static void verdict_json(struct lj_json *j, const struct lj_phase_result *v)
{
	bool exited = v->status == LJ_STATUS_OK || v->status == LJ_STATUS_EXIT;

	lj_json_str(j, "status", lj_status_name(v->status));
	if (exited)
		lj_json_int(j, "exit_code", v->exit_code);
	else
		lj_json_null(j, "exit_code");
	if (v->signal && !exited)
		lj_json_int(j, "signal", v->signal);
	else
		lj_json_null(j, "signal");
	lj_json_str(j, "limit", v->limit);
	stream(j, "stdout", &v->out);
	stream(j, "stderr", &v->err);
	lj_json_bool(j, "stdout_truncated", v->out_truncated);
	lj_json_bool(j, "stderr_truncated", v->err_truncated);
	lj_json_uint(j, "stdout_bytes", v->out_bytes);
	lj_json_uint(j, "stderr_bytes", v->err_bytes);
	lj_json_seconds(j, "cpu_time", v->cpu_us);
	lj_json_seconds(j, "wall_time", v->wall_us);
	lj_json_uint(j, "max_rss_kb", v->max_rss_kb);
	if (v->memory_peak)
		lj_json_uint(j, "memory_peak_kb", v->memory_peak / 1024);
	else
		lj_json_null(j, "memory_peak_kb");
}

static void result_json(struct lj_json *j, const struct lj_result *r);

int lj_result_to_json(const struct lj_result *r, char **ret)
{
	struct lj_json j;

	lj_json_init(&j);
	result_json(&j, r);
	if (j.failed) {
		lj_json_release(&j);
		return -ENOMEM;
	}
	*ret = j.s;
	return 0;
}

int lj_result_write_json(const struct lj_result *r, int fd)
{
	struct lj_json j;
	int err;

	lj_json_init_fd(&j, fd);
	result_json(&j, r);
	lj_json_raw(&j, "\n", 1);
	err = lj_json_flush(&j);
	lj_json_release(&j);
	return err;
}

static void result_json(struct lj_json *j, const struct lj_result *r)
{
	struct lj_phase_result v = verdict_of(r);
	bool ran = r->status != LJ_STATUS_ERROR;

	lj_json_begin(j);
	verdict_json(j, &v);
	if (r->compiled) {
		lj_json_begin_obj(j, "compile");
		verdict_json(j, &r->compile);
		lj_json_end(j);
	} else {
		lj_json_null(j, "compile");
	}
	lj_json_str(j, "language", r->language);

	lj_json_begin_obj(j, "confinement");
	lj_json_str(j, "user", r->user);
	lj_json_uint(j, "uid", r->uid);
	lj_json_uint(j, "gid", r->gid);
	lj_json_bool(j, "unsafe", r->unsafe);
	lj_json_bool(j, "dedicated_env", r->dedicated_env);
	lj_json_str(j, "mac", r->mac);
	lj_json_str(j, "mac_profile", r->mac_profile[0] ? r->mac_profile : NULL);
	lj_json_bool(j, "mac_complain", r->mac_complain);
	lj_json_begin_obj(j, "layers");
	for (int i = 0; i < LJ_LAYER__MAX; i++)
		lj_json_str(j, lj_layer_name((enum lj_layer) i),
				lj_layer_state_name(r->layers[i]));
	lj_json_end(j);
	lj_json_begin_obj(j, "notes");
	for (int i = 0; i < LJ_LAYER__MAX; i++)
		if (r->layer_note[i][0])
			lj_json_str(j, lj_layer_name((enum lj_layer) i), r->layer_note[i]);
	lj_json_end(j);
	lj_json_end(j);

	if (ran)
		lj_json_null(j, "error");
	else
		error_obj(j, &r->error);
	lj_json_end(j);
}

int lj_error_to_json(const struct lj_err *e, char **ret)
{
	struct lj_json j;

	lj_json_init(&j);
	lj_json_begin(&j);
	lj_json_str(&j, "status", "error");
	error_obj(&j, e);
	return finish(&j, ret);
}
