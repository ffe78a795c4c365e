/*
 * layer-mac.c - entering the language's AppArmor profile or SELinux domain.
 *
 * The child asks for the profile on its next exec (aa_change_onexec /
 * setexeccon) instead of relying on path attachment, so confinement holds
 * even if the interpreter copy is moved or hard-linked elsewhere. When the
 * profile is not loaded the run is refused: never silently unconfined.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#ifdef HAVE_APPARMOR
#include <sys/apparmor.h>
#endif
#ifdef HAVE_SELINUX
#include <selinux/selinux.h>
#endif

#include "layer-mac.h"
#include "profile.h"

#ifndef LJ_AA_PROFILES
#define LJ_AA_PROFILES "/sys/kernel/security/apparmor/profiles"
#endif

const char *lj_mac_name(enum lj_mac_kind k)
{
	switch (k) {
	case LJ_MAC_APPARMOR:
		return "apparmor";
	case LJ_MAC_SELINUX:
		return "selinux";
	case LJ_MAC_NONE:
		break;
	}
	return "none";
}

enum lj_mac_kind lj_mac_detect(char *why, size_t len)
{
	const char *reason = "the kernel enforces neither AppArmor nor SELinux";

#ifdef HAVE_APPARMOR
	if (aa_is_enabled() == 1)
		return LJ_MAC_APPARMOR;
#else
	reason = "built without libapparmor, and the kernel enforces no SELinux";
#endif
#ifdef HAVE_SELINUX
	if (is_selinux_enabled() == 1 && security_getenforce() == 1)
		return LJ_MAC_SELINUX;
#endif
	if (why)
		snprintf(why, len, "%s", reason);
	return LJ_MAC_NONE;
}

bool lj_mac_selinux_enabled(void)
{
#ifdef HAVE_SELINUX
	return is_selinux_enabled() == 1;
#else
	return false;
#endif
}

int lj_mac_check(enum lj_mac_kind k, const char *label, const char *lang, bool *ret_complain,
		struct lj_err *e)
{
	*ret_complain = false;
	switch (k) {
	case LJ_MAC_APPARMOR: {
		enum lj_profile_mode mode;
		int r = lj_profile_mode(LJ_AA_PROFILES, label, &mode);

		if (r == -ENOENT || (r == 0 && mode == LJ_PROFILE_ABSENT))
			return lj_err_set(e, ENOENT, "no_profile",
					"AppArmor profile '%s' is not loaded; install it with "
					"'langjail profile install %s'", label, lang);
		if (r < 0)
			return lj_err_sys(e, -r, "mac", "reading %s", LJ_AA_PROFILES);
		if (mode == LJ_PROFILE_COMPLAIN) {
			*ret_complain = true;
			return 0;
		}
		if (mode != LJ_PROFILE_ENFORCE && mode != LJ_PROFILE_KILL)
			return lj_err_set(e, EPERM, "no_profile",
					"AppArmor profile '%s' is in mode '%s', which does not "
					"confine", label, lj_profile_mode_name(mode));
		return 0;
	}
	case LJ_MAC_SELINUX:
#ifdef HAVE_SELINUX
	{
		char ctx[256];
		char *cur = NULL;

		/* The domain must exist in the loaded policy: check the full
		 * context built from ours with the type replaced. */
		if (getcon(&cur) < 0)
			return lj_err_sys(e, errno, "mac", "getcon");
		snprintf(ctx, sizeof(ctx), "system_u:system_r:%s:s0", label);
		freecon(cur);
		if (security_check_context(ctx) < 0)
			return lj_err_set(e, ENOENT, "no_profile",
					"SELinux domain '%s' is not in the loaded policy; install "
					"it with 'langjail profile install %s'", label, lang);
		return 0;
	}
#else
		return lj_err_set(e, ENOTSUP, "mac", "built without libselinux");
#endif
	case LJ_MAC_NONE:
		break;
	}
	return lj_err_set(e, ENOTSUP, "no_mac", "no MAC is available");
}

int lj_mac_onexec(enum lj_mac_kind k, const char *label)
{
	switch (k) {
	case LJ_MAC_APPARMOR:
#ifdef HAVE_APPARMOR
		return aa_change_onexec(label) < 0 ? -errno : 0;
#else
		return -ENOTSUP;
#endif
	case LJ_MAC_SELINUX:
#ifdef HAVE_SELINUX
	{
		char ctx[256];

		snprintf(ctx, sizeof(ctx), "system_u:system_r:%s:s0", label);
		return setexeccon(ctx) < 0 ? -errno : 0;
	}
#else
		return -ENOTSUP;
#endif
	case LJ_MAC_NONE:
		break;
	}
	return -ENOTSUP;
}
