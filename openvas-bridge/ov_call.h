/* SPDX-License-Identifier: GPL-2.0-or-later */
/* ov_call.h: one builtin call inside OpenVAS: its arguments, its diagnostics, its result. */
#ifndef OV_CALL_H
#define OV_CALL_H

#include "bvalue.h"
#include "ov_abi.h"

/* The call: OpenVAS's context for this call and the resolved ABI. */
typedef struct
{
  const ov_abi *abi;
  void *lexic;
  const char *fname; /* the builtin's NASL name, for diagnostics */
} ov_call;

/* TRUE when the named argument was given (and is not undefined). */
OV_INTERNAL gboolean ov_arg_given (ov_call *c, const char *name);

/*
** A named argument as bytes: data and strings as they are, an int as its
** decimal text, an array in OpenVAS's printed form; NULL when absent or
** undefined.  The bytes belong to OpenVAS and live until the call returns.
*/
OV_INTERNAL const char *ov_arg_str (ov_call *c, const char *name, size_t *len);

/* One element of an array argument: a numbered one (key NULL, index) or a
** named one (key), and its value: type OV_VAR_INT (int_val), OV_VAR_STRING
** or OV_VAR_DATA (bytes, len), or OV_VAR_ARRAY.  Borrowed from OpenVAS for
** the call. */
typedef struct
{
  const char *key;
  long index;
  int type;
  long int_val;
  const char *bytes;
  size_t len;
} ov_element;

typedef void (*ov_element_fn) (void *ud, const ov_element *e);

/*
** When the named argument NAME is an array, calls FN for each of its
** defined elements (the numbered ones in index order, then the named ones
** bucket by bucket, as keys() lists them) and returns TRUE; FALSE when it
** is not an array (or not given).  Reads the call's named arguments
** (ctx_vars) directly: OpenVAS has no exported reader for an array.
*/
OV_INTERNAL gboolean ov_arg_foreach (ov_call *c, const char *name, ov_element_fn fn, void *ud);

/* A named argument as an integer (strings through atol), 'dflt' when absent. */
OV_INTERNAL long ov_arg_int (ov_call *c, const char *name, int dflt);

/* The first value of a KB item as text (g_malloc'ed), NULL when there is
** no KB or no such item. */
OV_INTERNAL char *ov_kb_first (ov_call *c, const char *name);

/* A diagnostic "FNAME: message" through OpenVAS's own nasl_perror. */
OV_INTERNAL void ov_error (ov_call *c, const char *fmt, ...) G_GNUC_PRINTF (2, 3);

/* Turns a finished value into a new OpenVAS cell (NULL for NULL).  A value
** OpenVAS cannot hold (a string longer than its length type) gives NULL and
** a diagnostic. */
OV_INTERNAL void *ov_emit (ov_call *c, const bvalue *v);

#endif /* OV_CALL_H */
