/* SPDX-License-Identifier: GPL-2.0-or-later */
/* dup_builtin.c: test module reusing a builtin name of the 'good' module. */
#include "nasl_module.h"

static nasl_value
dup_fresh (nasl_call *call)
{
  (void) call;
  return nasl_value_int (7);
}

static nasl_value
dup_hello (nasl_call *call)
{
  (void) call;
  return nasl_value_data_cstr ("hello from dup");
}

/* dup_fresh comes first: all-or-nothing means it must not stay registered. */
static const nasl_builtin dup_builtins[] = {
  { "dup_fresh", dup_fresh, 0, 0, "" },
  { "good_hello", dup_hello, 0, 0, "" },
  NASL_BUILTIN_END
};

static const nasl_module_info dup_info =
  NASL_MODULE_INFO ("dup_builtin", "1.0", dup_builtins, NULL, NULL);

NASL_MODULE_DEFINE (dup_info)
