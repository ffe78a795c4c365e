/*
 * run.h - the jail pipeline: one call runs one program and fills a verdict.
 */
#ifndef LJ_RUN_H
#define LJ_RUN_H

#include "err.h"
#include "result.h"
#include "spec.h"

/*
 * Run @spec. Returns 0 when a verdict was produced (whatever the program
 * did), or -errno with @e filled when langjail itself could not run it; in
 * that case @res->status is LJ_STATUS_ERROR and @res->error is a copy of @e.
 * Errors: "no_mac" (MAC required and absent), "no_env" (dedicated
 * environment missing), "layer" (a required layer unavailable), "setup"
 * (a step of the jail failed), "input" (source or files).
 */
int lj_run(const struct lj_spec *spec, struct lj_result *res, struct lj_err *e);

#endif
