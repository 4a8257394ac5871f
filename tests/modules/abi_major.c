/* SPDX-License-Identifier: GPL-2.0-or-later */
/* abi_major.c: test module built for a future major ABI (must be refused). */
#include "nasl_module.h"

static nasl_value
abi_major_fn (nasl_call *call)
{
  (void) call;
  return NASL_NULL;
}

static const nasl_builtin abi_major_builtins[] = {
  { "abi_major_fn", abi_major_fn, 0, 0, "" },
  NASL_BUILTIN_END
};

static const nasl_module_info abi_major_info = {
  sizeof (nasl_module_info), sizeof (nasl_builtin), NASL_MODULE_ABI_MAJOR + 1, 0,
  "abi_major", "1.0", abi_major_builtins, NULL, NULL
};

NASL_MODULE_DEFINE (abi_major_info)
