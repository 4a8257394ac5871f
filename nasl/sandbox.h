/* SPDX-License-Identifier: GPL-2.0-or-later */
/* sandbox.h: runs a computation in a forked child under memory, CPU-time and wall-clock limits. */
#ifndef NASL_SANDBOX_H
#define NASL_SANDBOX_H

#include <glib.h>
#include <stddef.h>

#ifndef NASL_INTERNAL
#define NASL_INTERNAL __attribute__((visibility("hidden")))
#endif

/*
** The computation: appends its result bytes to 'out' and returns a code
** (0 for success, its own error codes otherwise) that travels back with
** them.  In the child it must only compute: no output, no callbacks.  An
** allocation that fails inside it (errno ENOMEM afterwards: glibc's regexec
** then answers "no match") makes the result SANDBOX_NO_MEMORY.
*/
typedef int (*sandbox_fn) (void *ud, GByteArray *out);

typedef struct sandbox_limits {
  size_t mem_bytes;  /* address space the child may add to the parent's */
  long wall_ms;      /* the child is killed after this long */
  size_t max_out;    /* result bytes accepted */
} sandbox_limits;

typedef enum sandbox_result {
  SANDBOX_OK = 0,    /* 'fn' ran to its end: *fn_rc and 'out' are its own */
  SANDBOX_TIMEOUT,   /* killed after wall_ms (or its CPU-time limit) */
  SANDBOX_NO_MEMORY, /* an allocation failed in the child (its result is not trusted) */
  SANDBOX_DIED,      /* ended without a result: out of memory, a signal */
  SANDBOX_TOO_LARGE, /* the result passed max_out */
  SANDBOX_NO_CHILD   /* fork or pipe failed */
} sandbox_result;

/* Runs fn(ud) in a child process and collects its result into 'out'. */
NASL_INTERNAL sandbox_result sandbox_run (const sandbox_limits *lim, sandbox_fn fn, void *ud,
                                          int *fn_rc, GByteArray *out);

#endif
