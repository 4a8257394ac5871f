/* SPDX-License-Identifier: GPL-2.0-or-later */
/* core_clash.c: test module redefining a core builtin (get_kb_item): refused. */
#include "nasl_module.h"

static nasl_value
clash_get_kb_item (nasl_call *call)
{
  (void) call;
  return NASL_NULL;
}

static const nasl_builtin core_clash_builtins[] = {
  { "get_kb_item", clash_get_kb_item, 1, 1, "" },
  NASL_BUILTIN_END
};

static const nasl_module_info core_clash_info =
  NASL_MODULE_INFO ("core_clash", "1.0", core_clash_builtins, NULL, NULL);

NASL_MODULE_DEFINE (core_clash_info)
