/* regex_guard.h: refuses POSIX patterns whose compiled form glibc would blow up. */
#ifndef NASL_REGEX_GUARD_H
#define NASL_REGEX_GUARD_H

#include <stddef.h>

#include "libs.h"

/* Largest estimated automaton (see regex_guard.c) a script may compile. */
#define REGEX_GUARD_MAX_WEIGHT 50000

/* 0 when 'pattern' may be given to regcomp(); otherwise -1 and *why (static
** text) says what is wrong.  Cheap: one pass over the pattern. */
NASL_INTERNAL int regex_guard_check (const char *pattern, const char **why);

#endif
