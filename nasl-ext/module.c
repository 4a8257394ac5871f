/* SPDX-License-Identifier: GPL-2.0-or-later */
/* module.c: entry point of the audit module: its builtin table and ABI record. */
/*
** This file is the worked example for module authors.  A module is:
**   1. a table of builtins, each with the named parameters it takes
**      ("name:k", k = i int, s string/data, a array, x any; '?' = optional)
**      and the bounds on positional arguments;
**   2. optional init/fini functions: init runs once per interpreter state
**      when the module is loaded and may hand back per-state data, which
**      builtins read with nasl_call_module_data(); fini frees it;
**   3. a nasl_module_info built with NASL_MODULE_INFO, exported through
**      NASL_MODULE_DEFINE (the only symbol the loader looks up).
** Build it as a libtool module linked against glib (and whatever it needs)
** but NOT against libnasl: the nasl_* functions come from the host process.
** Load it with "nasl -m path/to/audit.la" (or .so).
*/
#include "config.h"

#include "nasl_module.h"

#include "bind.h"

static const nasl_builtin audit_builtins[] = {
  /* name                 function                    min max  named parameters */
  { "audit_parse",        audit_bind_parse,           0, 0, "data:s name:s? vars:a?" },
  { "netstat_parse",      audit_bind_netstat_parse,   0, 0, "data:s packed:i?" },
  { "netstat_parse_info", audit_bind_netstat_parse_info, 0, 0, "data:s" },
  { "netstat_row",        audit_bind_netstat_row,     0, 0, "packed:s" },
  { "tasklist_parse",     audit_bind_tasklist_parse,  0, 0, "data:s" },
  { "audit_ports_match",  audit_bind_ports_match,     0, 0, "spec:s port:i" },
  /* spec is checked by the function itself: a missing spec must not give NULL ("valid") */
  { "audit_ports_validate", audit_bind_ports_validate, 0, 0, "spec:s?" },
  { "audit_check",        audit_bind_check,           0, 0, "check_type:s? policy:s value:s" },
  { "audit_policy_files", audit_bind_policy_files,    0, 0, "dir:s?" },
  NASL_BUILTIN_END
};

/* Per-state data: the caches of compiled port lists and checks. */
static int
audit_module_init (nasl_state *st, void **module_data, char **err)
{
  *module_data = audit_bind_data_new ();
  return 0;
}

static void
audit_module_fini (void *module_data)
{
  audit_bind_data_free (module_data);
}

static const nasl_module_info audit_module =
    NASL_MODULE_INFO ("audit", PACKAGE_VERSION, audit_builtins, audit_module_init,
                      audit_module_fini);

NASL_MODULE_DEFINE (audit_module)
