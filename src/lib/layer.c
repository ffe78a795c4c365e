/* layer.c - names of layers, modes and states. Pure. */
#include "config.h"

#include <errno.h>
#include <sched.h>
#include <string.h>

#include "layer.h"

static const char *const names[LJ_LAYER__MAX] = {
	[LJ_LAYER_USERNS] = "userns",
	[LJ_LAYER_PIDNS] = "pidns",
	[LJ_LAYER_NETNS] = "netns",
	[LJ_LAYER_MOUNTNS] = "mountns",
	[LJ_LAYER_IPCNS] = "ipcns",
	[LJ_LAYER_UTSNS] = "utsns",
	[LJ_LAYER_SECCOMP] = "seccomp",
	[LJ_LAYER_LANDLOCK] = "landlock",
	[LJ_LAYER_CGROUP] = "cgroup",
	[LJ_LAYER_RLIMITS] = "rlimits",
	[LJ_LAYER_MAC] = "mac",
};

const char *lj_layer_name(enum lj_layer l)
{
	return l < LJ_LAYER__MAX ? names[l] : "?";
}

int lj_layer_from_name(const char *name, enum lj_layer *ret)
{
	for (int i = 0; i < LJ_LAYER__MAX; i++) {
		if (strcmp(name, names[i]) == 0) {
			*ret = (enum lj_layer) i;
			return 0;
		}
	}
	return -ENOENT;
}

const char *lj_layer_mode_name(enum lj_layer_mode m)
{
	switch (m) {
	case LJ_LAYER_OFF:
		return "off";
	case LJ_LAYER_OPTIONAL:
		return "optional";
	case LJ_LAYER_REQUIRED:
		return "required";
	}
	return "?";
}

int lj_layer_mode_from_name(const char *s, enum lj_layer_mode *ret)
{
	if (strcmp(s, "off") == 0)
		*ret = LJ_LAYER_OFF;
	else if (strcmp(s, "optional") == 0)
		*ret = LJ_LAYER_OPTIONAL;
	else if (strcmp(s, "required") == 0)
		*ret = LJ_LAYER_REQUIRED;
	else
		return -EINVAL;
	return 0;
}

const char *lj_layer_state_name(enum lj_layer_state s)
{
	switch (s) {
	case LJ_LAYER_STATE_UNUSED:
		return "unused";
	case LJ_LAYER_STATE_APPLIED:
		return "applied";
	case LJ_LAYER_STATE_UNAVAILABLE:
		return "unavailable";
	case LJ_LAYER_STATE_SABOTAGED:
		return "sabotaged";
	}
	return "?";
}

unsigned long long lj_layer_clone_flag(enum lj_layer l)
{
	switch (l) {
	case LJ_LAYER_USERNS:
		return CLONE_NEWUSER;
	case LJ_LAYER_PIDNS:
		return CLONE_NEWPID;
	case LJ_LAYER_NETNS:
		return CLONE_NEWNET;
	case LJ_LAYER_MOUNTNS:
		return CLONE_NEWNS;
	case LJ_LAYER_IPCNS:
		return CLONE_NEWIPC;
	case LJ_LAYER_UTSNS:
		return CLONE_NEWUTS;
	case LJ_LAYER_SECCOMP:
	case LJ_LAYER_LANDLOCK:
	case LJ_LAYER_CGROUP:
	case LJ_LAYER_RLIMITS:
	case LJ_LAYER_MAC:
	case LJ_LAYER__MAX:
		break;
	}
	return 0;
}
