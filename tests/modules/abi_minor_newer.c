/* SPDX-License-Identifier: GPL-2.0-or-later */
/* abi_minor_newer.c: test module built against a newer minor ABI (must be refused). */
#include "nasl_module.h"

static nasl_value
abi_minor_fn (nasl_call *call)
{
  (void) call;
  return NASL_NULL;
}

static const nasl_builtin abi_minor_builtins[] = {
  { "abi_minor_fn", abi_minor_fn, 0, 0, "" },
  NASL_BUILTIN_END
};

static const nasl_module_info abi_minor_info = {
  sizeof (nasl_module_info), sizeof (nasl_builtin), NASL_MODULE_ABI_MAJOR,
  NASL_MODULE_ABI_MINOR + 1, "abi_minor_newer", "1.0", abi_minor_builtins, NULL, NULL
};

NASL_MODULE_DEFINE (abi_minor_info)
