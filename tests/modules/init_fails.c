/* SPDX-License-Identifier: GPL-2.0-or-later */
/* init_fails.c: test module whose init refuses (nothing may stay registered). */
#include "nasl_module.h"

#include <stdlib.h>
#include <string.h>

static nasl_value
init_fails_fn (nasl_call *call)
{
  (void) call;
  return nasl_value_int (1);
}

static int
init_fails_init (nasl_state *st, void **module_data, char **err)
{
  (void) st;
  (void) module_data;
  /* The host frees *err with g_free, which is free() for glib >= 2.46. */
  *err = strdup ("no licence file");
  return -1;
}

static const nasl_builtin init_fails_builtins[] = {
  { "init_fails_fn", init_fails_fn, 0, 0, "" },
  NASL_BUILTIN_END
};

static const nasl_module_info init_fails_info =
  NASL_MODULE_INFO ("init_fails", "1.0", init_fails_builtins, init_fails_init, NULL);

NASL_MODULE_DEFINE (init_fails_info)
