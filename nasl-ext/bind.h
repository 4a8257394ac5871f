/* SPDX-License-Identifier: GPL-2.0-or-later */
/* bind.h: the NASL builtins of the audit module, for module.c's table. */
#ifndef AUDIT_BIND_H
#define AUDIT_BIND_H

#include "nasl_module.h"

#include "audit.h"

#ifndef AUDIT_INTERNAL
#define AUDIT_INTERNAL __attribute__((visibility("hidden")))
#endif

/* The builtins (shapes: doc/audit-module.md). */
AUDIT_INTERNAL nasl_value audit_bind_parse (nasl_call *call);          /* audit_parse */
AUDIT_INTERNAL nasl_value audit_bind_netstat_parse (nasl_call *call);  /* netstat_parse */
AUDIT_INTERNAL nasl_value audit_bind_netstat_parse_info (nasl_call *call); /* netstat_parse_info */
AUDIT_INTERNAL nasl_value audit_bind_netstat_row (nasl_call *call);        /* netstat_row */
AUDIT_INTERNAL nasl_value audit_bind_tasklist_parse (nasl_call *call); /* tasklist_parse */
AUDIT_INTERNAL nasl_value audit_bind_ports_match (nasl_call *call);    /* audit_ports_match */
AUDIT_INTERNAL nasl_value audit_bind_ports_validate (nasl_call *call); /* audit_ports_validate */
AUDIT_INTERNAL nasl_value audit_bind_check (nasl_call *call);          /* audit_check */
AUDIT_INTERNAL nasl_value audit_bind_policy_files (nasl_call *call);   /* audit_policy_files */

/* The value audit_parse returns for DOC: the document's arrays, or, when
** the interpreter refuses one of them (its array limits), only
** ["error"] = "NAME:LINE: ..." (NAME "<string>" when NULL).  Never a
** partial document. */
AUDIT_INTERNAL nasl_value audit_bind_doc_value (const audit_doc *doc, const char *name);

/* Per-state module data: caches of compiled port specs and checks. */
AUDIT_INTERNAL void *audit_bind_data_new (void);
AUDIT_INTERNAL void audit_bind_data_free (void *data);

#endif /* AUDIT_BIND_H */
