/* SPDX-License-Identifier: GPL-2.0-or-later */
/* script_meta.h: script metadata collected in description mode (for the CLI and runners). */
#ifndef NASL_SCRIPT_META_H
#define NASL_SCRIPT_META_H

/*
** The script_* builtins fill one record per script file while the script
** runs in description mode (nasl_run_file with NASL_RUN_DESCRIPTION).  The
** record stays on the state so that a later normal run of the same file
** sees its OID (reports, get_script_oid) and its preference defaults
** (script_get_preference).  A description run starts the record afresh at
** its first script_oid() call, or when nasl_script_meta_reset() is called.
** These functions are exported from libnasl (not part of nasl.h).
*/

#include <stddef.h>
#include "nasl_module.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct nasl_script_pref {
  int id;
  char *name;
  char *type;
  char *value;           /* the declared default */
} nasl_script_pref;

/* A key=value style pair (tags, xrefs). */
typedef struct nasl_script_pair {
  char *name;
  char *value;
} nasl_script_pair;

/* Lists are NULL-terminated arrays of strings (never NULL themselves). */
typedef struct nasl_script_meta {
  char *file;            /* as the state names it (nasl_current_file) */
  char *oid;             /* NULL when script_oid was not called */
  char *name;
  char *family;
  long category;         /* -1 when unset */
  long timeout;          /* 0 when unset */
  char **dependencies;
  char **required_keys;
  char **mandatory_keys; /* "key" or "key=regex" (re:) */
  char **excluded_keys;
  char **required_ports;
  char **required_udp_ports;
  char **cves;
  nasl_script_pair *tags; size_t ntags;
  nasl_script_pair *xrefs; size_t nxrefs;
  nasl_script_pref *prefs; size_t nprefs;
} nasl_script_meta;

/* The record of 'file', or NULL when its description pass has not run. */
NASL_API const nasl_script_meta *nasl_script_meta_get (nasl_state *st, const char *file);
/* Forgets the record of 'file' (call before a description run). */
NASL_API void nasl_script_meta_reset (nasl_state *st, const char *file);
/* A readable listing of the record (g_malloc'ed; "" when there is none). */
NASL_API char *nasl_script_meta_text (nasl_state *st, const char *file);
/* OpenVAS category name of a category number ("ACT_GATHER_INFO"), or "unknown". */
NASL_API const char *nasl_script_category_name (long category);

/* Inside libnasl only: OID of the script running now ("" when unknown). */
#ifdef NASL_INTERNAL
NASL_INTERNAL const char *script_meta_running_oid (nasl_state *st);
#endif

#ifdef __cplusplus
}
#endif
#endif /* NASL_SCRIPT_META_H */
