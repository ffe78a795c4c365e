/*
 * layer-mac.h - mandatory access control: AppArmor (primary) or SELinux.
 */
#ifndef LJ_LAYER_MAC_H
#define LJ_LAYER_MAC_H

#include <stdbool.h>
#include <stddef.h>

#include "err.h"

enum lj_mac_kind { LJ_MAC_NONE, LJ_MAC_APPARMOR, LJ_MAC_SELINUX };

const char *lj_mac_name(enum lj_mac_kind k);
/* Which MAC the kernel enforces now; @why says why none (may be NULL). */
enum lj_mac_kind lj_mac_detect(char *why, size_t len);
/*
 * Whether the kernel has SELinux enabled, enforcing or permissive (the
 * profile commands then manage the SELinux module; lj_mac_detect reports
 * SELinux for runs only when it enforces).  false without libselinux.
 */
bool lj_mac_selinux_enabled(void);
/*
 * Check that @label (AppArmor profile name or SELinux type) is loaded.
 * -ENOENT (code "no_profile") names the command that installs it. Sets
 * *ret_complain for an AppArmor profile in complain mode.
 */
int lj_mac_check(enum lj_mac_kind k, const char *label, const char *lang, bool *ret_complain,
		struct lj_err *e);
/* In the child, right before execve: confine the next exec. 0 or -errno. */
int lj_mac_onexec(enum lj_mac_kind k, const char *label);

#endif
