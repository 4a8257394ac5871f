/* SPDX-License-Identifier: GPL-2.0-or-later */
/* regex_guard.h: refuses POSIX patterns whose compiled form glibc would blow up. */
#ifndef NASL_REGEX_GUARD_H
#define NASL_REGEX_GUARD_H

#include <stddef.h>

#include "libs.h"

/* Largest estimated automaton (see regex_guard.c) a script may compile. */
#define REGEX_GUARD_MAX_WEIGHT 50000

/* Largest (subject length)^2 x weight matched in the interpreter's own
** process (see regex_guard_in_process). */
#define REGEX_GUARD_IN_PROCESS_COST 20000000.0

/* What the matcher's cost depends on. */
typedef struct regex_shape {
  long weight;   /* estimated automaton size (see regex_guard.c) */
  int backrefs;  /* the pattern has a back-reference \1..\9 */
} regex_shape;

/* 0 when 'pattern' may be given to regcomp(); otherwise -1 and *why (static
** text) says what is wrong.  Cheap: one pass over the pattern.  'shape' may
** be NULL. */
NASL_INTERNAL int regex_guard_scan (const char *pattern, regex_shape *shape, const char **why);
NASL_INTERNAL int regex_guard_check (const char *pattern, const char **why);

/*
** 1 when matching a pattern of this shape against 'len' bytes of subject is
** cheap enough to run in the interpreter's process; otherwise the match must
** run under limits (regex_exec.c).  glibc's matcher takes time and memory up
** to about len^2 x weight without back-references, and exponential time and
** unbounded memory with them (e.g. "((a*)*\2)*\1" on 32 bytes).
*/
NASL_INTERNAL int regex_guard_in_process (const regex_shape *shape, size_t len);

#endif
