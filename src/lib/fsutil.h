/*
 * fsutil.h - workdir creation and removal that never follows a symlink.
 */
#ifndef LJ_FSUTIL_H
#define LJ_FSUTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "err.h"

/*
 * Open (creating with mode 0711 when @create, parents included) the workdir
 * root and check it: a directory, not a symlink at any component we create,
 * owned by @owner and not writable by group or other. Returns an O_PATH-free
 * O_DIRECTORY fd.
 */
int lj_fs_open_root(const char *path, bool create, uid_t owner, struct lj_err *e);
/* A random name "run-XXXXXX" (10 chars and NUL) in @ret_name: 0 or -errno. */
int lj_fs_random_name(char *ret_name, size_t len);
/*
 * Create a fresh directory "run-XXXXXX" under @root_fd (mode 0700), return its
 * fd and name (7+6 chars) in @ret_name (size >= 16).
 */
int lj_fs_mkdtemp(int root_fd, char *ret_name, size_t len, struct lj_err *e);
/*
 * Remove everything below @dir_fd without following symlinks, staying on the
 * device of @dir_fd, restoring u+rwx on directories the program made
 * unreadable. Then unlinkat(@parent_fd, @name, AT_REMOVEDIR).
 * Counts removed entries into *ret_count (may be NULL).
 */
int lj_fs_remove_tree(int parent_fd, const char *name, size_t *ret_count, struct lj_err *e);
/* Write all of @buf to @fd (retrying on EINTR and short writes). */
int lj_write_all(int fd, const void *buf, size_t len);

#endif
