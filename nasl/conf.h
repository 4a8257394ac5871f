/* SPDX-License-Identifier: GPL-2.0-or-later */
/* conf.h: compile-time limits and knobs of the interpreter core (luaconf.h analog). */
#ifndef NASL_CONF_H
#define NASL_CONF_H

#ifndef NASL_INTERNAL
#define NASL_INTERNAL __attribute__((visibility("hidden")))
#endif

/* Nested user-function calls before the script is stopped (hard error). */
#define NASL_MAX_CALL_DEPTH 2000
/* Bytes of C stack the evaluator may use below the point where a run started;
** the real bound is the smaller of this and what the thread's stack allows. */
#define NASL_MAX_C_STACK (6u * 1024u * 1024u)
/* Stack kept free below the guard for builtins and libc. */
#define NASL_C_STACK_MARGIN (256u * 1024u)
/* Longest string or data value a script can build (hard error past it). */
#define NASL_MAX_STRING ((size_t) 256 * 1024 * 1024)
/* Highest integer index a script can store into an array (hard error past it). */
#define NASL_MAX_ARRAY_INDEX (16L * 1024 * 1024)
/* Most string keys one array can hold (hard error past it). */
#define NASL_MAX_ARRAY_KEYS ((size_t) 16 * 1024 * 1024)

/* Time limit of an ACT_SCANNER script when the scanner preference
** scanner_plugins_timeout is unset (OpenVAS's SCANNER_NVT_TIMEOUT). */
#define NASL_SCANNER_TIMEOUT 36000L
/* Steps (statements, calls, loop turns) between two looks at the clock
** (a power of 2, and a divisor of NASL_MEMORY_CHECK_STEPS). */
#define NASL_DEADLINE_CHECK_STEPS 1024u

/* Growth of the process's resident memory a run may cause (hard error past
** it); 0 disables the check.  nasl_set_memory_limit sets another. */
#define NASL_MAX_MEMORY ((size_t) 2 * 1024 * 1024 * 1024)
/* The memory is looked at after this many bytes of strings or array slots
** were made, and every NASL_MEMORY_CHECK_STEPS steps. */
#define NASL_MEMORY_CHECK_BYTES ((size_t) 16 * 1024 * 1024)
#define NASL_MEMORY_CHECK_STEPS 16384u

/* Deepest nesting of arrays inside arrays (hard error past it): keeps the
** recursive copy and free of nested arrays far from the C stack's end. */
#define NASL_MAX_ARRAY_DEPTH 64

/* OpenVAS's variable/array hash: 17 buckets (nasl_var.h VAR_NAME_HASH). */
#define NASL_ARRAY_BUCKETS 17

/* Value of the predefined variable OPENVAS_VERSION (the reference interpreter). */
#define NASL_OPENVAS_VERSION "23.50.20"

#endif
