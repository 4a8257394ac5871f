/* SPDX-License-Identifier: GPL-2.0-or-later */
/* builtins.h: the audit module's builtins over the nasl-ext cores, for OpenVAS's interpreter. */
#ifndef BRIDGE_BUILTINS_H
#define BRIDGE_BUILTINS_H

#include "bvalue.h"
#include "ov_call.h"

/* Compiled port lists and checks kept for the life of the process (the
** module keeps them per interpreter state; OpenVAS gives us no such state). */
typedef struct bb_caches bb_caches;

OV_INTERNAL bb_caches *bb_caches_new (void);

/*
** A builtin: reads its arguments through 'c', returns the value to hand
** back (NULL for NASL's undefined value, after a diagnostic through
** ov_error when something went wrong).  Shapes and diagnostics are those of
** nasl-ext/bind.c (doc/audit-module.md): a change there must be made here
** too, and tests/bridge/differential.sh fails until it is.
*/
typedef bvalue *(*bb_fn) (ov_call *c, bb_caches *caches);

typedef struct
{
  const char *name;
  bb_fn fn;
  const char *const *mandatory; /* named arguments that must be given, NULL-terminated */
} bb_builtin;

/* The builtins, in the module's table order; *n receives their count. */
OV_INTERNAL const bb_builtin *bb_builtins (size_t *n);

#endif /* BRIDGE_BUILTINS_H */
