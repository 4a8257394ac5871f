/* SPDX-License-Identifier: GPL-2.0-or-later */
/* policy_dir.h: listing the .audit policy files of a directory. */
#ifndef AUDIT_POLICY_DIR_H
#define AUDIT_POLICY_DIR_H

#include <glib.h>

#ifndef AUDIT_INTERNAL
#define AUDIT_INTERNAL __attribute__((visibility("hidden")))
#endif

/*
** The regular files of 'dir' (symbolic links followed) whose name ends in
** ".audit" (any case) and does not start with '.', as g_malloc'ed paths
** "DIR/NAME", sorted by name in byte order.  NULL and *err (g_malloc'ed,
** 'err' may be NULL) when the directory cannot be opened or read.
*/
AUDIT_INTERNAL GPtrArray *audit_policy_dir_list (const char *dir, char **err);

#endif /* AUDIT_POLICY_DIR_H */
