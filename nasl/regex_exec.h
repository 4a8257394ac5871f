/* SPDX-License-Identifier: GPL-2.0-or-later */
/* regex_exec.h: POSIX matches under bounds: in process when cheap, else in a limited child. */
#ifndef NASL_REGEX_EXEC_H
#define NASL_REGEX_EXEC_H

#include "regex_guard.h"
#include "sandbox.h"
#include "state.h"

/* Address space a match run in a child may add (glibc's back-reference
** matcher can otherwise take gigabytes). */
#define REGEX_EXEC_MAX_MEM ((size_t) 256 * 1024 * 1024)
/* Longest a match may run in a child; less when the script's time limit
** comes first. */
#define REGEX_EXEC_MAX_MS 60000L

/*
** Runs fn(ud, out), a computation made of regexec() calls on a subject of
** 'len' bytes with a pattern of shape 'shape'.  When regex_guard_in_process
** says it is cheap it runs here; otherwise in a child process (sandbox.c)
** with at most REGEX_EXEC_MAX_MEM more memory and REGEX_EXEC_MAX_MS (or the
** script's time left).  Returns 0 with fn's code in *fn_rc and its result
** appended to 'out', or -1 with *why (g_malloc'ed) saying why it stopped.
*/
NASL_INTERNAL int regex_exec_bounded (nasl_state *st, const regex_shape *shape, size_t len,
                                      sandbox_fn fn, void *ud, int *fn_rc, GByteArray *out,
                                      char **why);

#endif
