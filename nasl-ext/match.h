/* SPDX-License-Identifier: GPL-2.0-or-later */
/* match.h: port-list and check_type matchers of the audit module (no NASL types). */
#ifndef AUDIT_MATCH_H
#define AUDIT_MATCH_H

/*
** Two matchers used by the port checks of .audit policies:
**
**   port specs   "80, 135, 1024-1030, 8[0-9]+"  (AUDIT_*_OPEN_PORTS)
**   check_type   CHECK_EQUAL, CHECK_REGEX, ... over a policy value such as
**                "vssrvc.exe" || "vss.exe"      (AUDIT_PROCESS_ON_PORT)
**
** Both compile once into an object that is then evaluated many times.
** Every regular expression taken from a policy runs in the pcre2 interpreter
** (no JIT) under the match, depth and heap limits below; hitting a limit is
** AUDIT_MATCH_ERROR, never a match.  The full semantics are documented in
** doc/audit-module.md.
**
** Errors: every 'err' parameter may be NULL; when it is not and the result
** is NULL or AUDIT_MATCH_ERROR, *err receives a g_malloc'ed message.
*/

#include <stddef.h>

#ifndef AUDIT_INTERNAL
#define AUDIT_INTERNAL __attribute__((visibility("hidden")))
#endif

/* Limits applied to every regex match (pcre2_set_*_limit). */
#define AUDIT_REGEX_MATCH_LIMIT 200000u
#define AUDIT_REGEX_DEPTH_LIMIT 50000u
#define AUDIT_REGEX_HEAP_LIMIT_KIB 16384u
/* Wall-clock bound on one audit_check_eval: no regex starts after it. */
#define AUDIT_CHECK_TIME_LIMIT_MS 2000u
/* Wall-clock bound on checking that the regexes of one port list each
** match some port (audit_portspec_new); past it the list is an error. */
#define AUDIT_PORTS_CHECK_TIME_LIMIT_MS 2000u
/* Size limits checked before anything is allocated. */
#define AUDIT_MATCH_MAX_SPEC 65536u      /* bytes of a port spec or policy */
#define AUDIT_MATCH_MAX_ELEMENTS 4096u   /* elements of a port spec, operands of a policy */
#define AUDIT_MATCH_MAX_REMOTE_ITEMS 65536u /* elements of a remote value list */

typedef enum audit_match {
  AUDIT_MATCH_ERROR = -1,
  AUDIT_MATCH_NO = 0,
  AUDIT_MATCH_YES = 1
} audit_match;

/* ---- port specs --------------------------------------------------------- */

typedef struct audit_portspec audit_portspec;

/* Compiles a comma-separated port list; NULL and *err on a bad element
** (the element grammar and every message: doc/audit-module.md). */
AUDIT_INTERNAL audit_portspec *audit_portspec_new (const char *spec, size_t len, char **err);
/* The same with another bound than AUDIT_PORTS_CHECK_TIME_LIMIT_MS (tests). */
AUDIT_INTERNAL audit_portspec *audit_portspec_new_limited (const char *spec, size_t len,
                                                           unsigned time_limit_ms, char **err);
/* Does 'port' match one element?  Ports outside 0..65535 never match. */
AUDIT_INTERNAL audit_match audit_portspec_match (audit_portspec *ps, long port, char **err);
/* Number of elements the spec holds (0 for an empty list). */
AUDIT_INTERNAL size_t audit_portspec_count (const audit_portspec *ps);
AUDIT_INTERNAL void audit_portspec_free (audit_portspec *ps);
/* One-shot convenience: compile, match, free. */
AUDIT_INTERNAL audit_match audit_ports_match (const char *spec, size_t len, long port, char **err);
/* NULL when the list is valid, else the g_malloc'ed message audit_portspec_new gives. */
AUDIT_INTERNAL char *audit_ports_validate (const char *spec, size_t len);

/* ---- check_type operators ---------------------------------------------- */

/* ORDER AUDIT_CHECK: keep in step with the name table in match.c. */
typedef enum audit_check_op {
  AUDIT_CHECK_EQUAL = 0,
  AUDIT_CHECK_NOT_EQUAL,
  AUDIT_CHECK_REGEX,
  AUDIT_CHECK_NOT_REGEX,
  AUDIT_CHECK_EQUAL_ANY,
  AUDIT_CHECK_NOT_EQUAL_ANY,
  AUDIT_CHECK_GREATER_THAN,
  AUDIT_CHECK_GREATER_THAN_OR_EQUAL,
  AUDIT_CHECK_LESS_THAN,
  AUDIT_CHECK_LESS_THAN_OR_EQUAL,
  AUDIT_CHECK_SUBSET,
  AUDIT_CHECK_SUPERSET,
  AUDIT_CHECK_N_OPS
} audit_check_op;

/* "CHECK_EQUAL", ...; NULL for an out-of-range value. */
AUDIT_INTERNAL const char *audit_check_op_name (audit_check_op op);
/* Case-insensitive, surrounding blanks ignored; empty (or NULL) gives
** CHECK_EQUAL, the Nessus default.  Returns 0, or -1 for an unknown name. */
AUDIT_INTERNAL int audit_check_op_parse (const char *name, size_t len, audit_check_op *op);

typedef struct audit_check audit_check;

/* Compiles operator + policy value; NULL and *err for an unknown operator,
** a malformed policy, a bad regex or a non-numeric operand of <, >, ... */
AUDIT_INTERNAL audit_check *audit_check_new (const char *check_type, size_t ctlen,
                                             const char *policy, size_t plen, char **err);
AUDIT_INTERNAL audit_check_op audit_check_get_op (const audit_check *c);
/* Number of operands of the policy (alternatives of every group). */
AUDIT_INTERNAL size_t audit_check_count (const audit_check *c);
/* Evaluates the policy against the remote value. */
AUDIT_INTERNAL audit_match audit_check_eval (audit_check *c, const char *value, size_t vlen,
                                             char **err);
AUDIT_INTERNAL void audit_check_free (audit_check *c);
/* One-shot convenience: compile, evaluate, free. */
AUDIT_INTERNAL audit_match audit_check_match (const char *check_type, size_t ctlen,
                                              const char *policy, size_t plen,
                                              const char *value, size_t vlen, char **err);

#endif /* AUDIT_MATCH_H */
