/* SPDX-License-Identifier: GPL-2.0-or-later */
/* good_twin.c: a second file declaring the module name 'good' (refused as a duplicate). */
#include "nasl_module.h"

static nasl_value
twin_fn (nasl_call *call)
{
  (void) call;
  return nasl_value_int (2);
}

static const nasl_builtin twin_builtins[] = {
  { "good_twin_fn", twin_fn, 0, 0, "" },
  NASL_BUILTIN_END
};

static const nasl_module_info twin_info =
  NASL_MODULE_INFO ("good", "2.0", twin_builtins, NULL, NULL);

NASL_MODULE_DEFINE (twin_info)
