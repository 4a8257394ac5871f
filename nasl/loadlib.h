/* SPDX-License-Identifier: GPL-2.0-or-later */
/* loadlib.h: loading NASL modules (shared objects) into a state. */
#ifndef NASL_LOADLIB_H
#define NASL_LOADLIB_H

#include "nasl.h"

#ifndef NASL_INTERNAL
#define NASL_INTERNAL __attribute__((visibility("hidden")))
#endif

/* Environment variable with extra module directories (colon-separated). */
#define LOADLIB_PATH_ENV "NASL_MODULE_PATH"
/* Upper bound on the builtins one module may declare. */
#define LOADLIB_MAX_BUILTINS 4096

/* Resolves a module spec to the file to dlopen (g_malloc'ed), or NULL with
** *err set: a path to a .so, a libtool .la (its dlname, looked up in .libs/
** next to it, then beside it), or a bare name searched as NAME.so / NAME.la
** in each $NASL_MODULE_PATH directory, then in 'installed_dir'. */
NASL_INTERNAL char *loadlib_resolve (const char *spec, const char *installed_dir,
                                     char **err);

/* Reads the dlname='...' field of a libtool archive; NULL when absent. */
NASL_INTERNAL char *loadlib_la_dlname (const char *la_path, char **err);

/* Names of the modules loaded into 'st', in load order (NULL-terminated,
** g_free the array only). */
NASL_INTERNAL const char **loadlib_module_names (nasl_state *st);

#endif /* NASL_LOADLIB_H */
