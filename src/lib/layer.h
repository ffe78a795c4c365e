/*
 * layer.h - the confinement layers and what a run got of each.
 */
#ifndef LJ_LAYER_H
#define LJ_LAYER_H

#include <stdbool.h>

enum lj_layer {
	LJ_LAYER_USERNS,
	LJ_LAYER_PIDNS,
	LJ_LAYER_NETNS,
	LJ_LAYER_MOUNTNS,
	LJ_LAYER_IPCNS,
	LJ_LAYER_UTSNS,
	LJ_LAYER_SECCOMP,
	LJ_LAYER_LANDLOCK,
	LJ_LAYER_CGROUP,
	LJ_LAYER_RLIMITS,
	LJ_LAYER_MAC,
	LJ_LAYER__MAX
};

enum lj_layer_mode {
	LJ_LAYER_OFF,       /* never applied */
	LJ_LAYER_OPTIONAL,  /* applied when the kernel allows; the run goes on without */
	LJ_LAYER_REQUIRED,  /* the run is refused when it cannot be applied */
};

enum lj_layer_state {
	LJ_LAYER_STATE_UNUSED,      /* switched off by config or not applicable */
	LJ_LAYER_STATE_APPLIED,
	LJ_LAYER_STATE_UNAVAILABLE, /* the kernel/privilege did not allow it */
	LJ_LAYER_STATE_SABOTAGED,   /* switched off on purpose by --sabotage (tests) */
};

const char *lj_layer_name(enum lj_layer l);
int lj_layer_from_name(const char *name, enum lj_layer *ret);
const char *lj_layer_mode_name(enum lj_layer_mode m);
int lj_layer_mode_from_name(const char *s, enum lj_layer_mode *ret);
const char *lj_layer_state_name(enum lj_layer_state s);
/* The CLONE_NEW* flag of a namespace layer, 0 for the other layers. */
unsigned long long lj_layer_clone_flag(enum lj_layer l);

#endif
