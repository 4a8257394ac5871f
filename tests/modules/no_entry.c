/* SPDX-License-Identifier: GPL-2.0-or-later */
/* no_entry.c: a shared object without the module entry point (must be refused). */
#include "nasl_module.h"

NASL_API int not_a_nasl_module (void);

NASL_API int
not_a_nasl_module (void)
{
  return 42;
}
