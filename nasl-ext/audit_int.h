/* SPDX-License-Identifier: GPL-2.0-or-later */
/* audit_int.h: internal interface between the .audit parser files. */
#ifndef NASL_EXT_AUDIT_INT_H
#define NASL_EXT_AUDIT_INT_H

#include "audit.h"

#define AUDIT_INTERNAL __attribute__ ((visibility ("hidden")))

/* A counted, borrowed piece of text. */
typedef struct audit_span {
  const char *ptr;
  size_t len;
} audit_span;

typedef enum audit_decode_status {
  AUDIT_DECODE_OK,
  AUDIT_DECODE_TOO_BIG,  /* the decoded text would exceed AUDIT_MAX_INPUT */
  AUDIT_DECODE_BAD_UTF8, /* invalid UTF-8 after a UTF-8 byte order mark */
} audit_decode_status;

/*
** Bring raw file bytes to UTF-8 text: convert UTF-16LE/BE with a BOM; skip
** a UTF-8 BOM, after which the text must be valid UTF-8; without a BOM,
** keep valid UTF-8 as it is and convert anything else from Windows-1252.
** On AUDIT_DECODE_OK *TEXT and *TEXT_LEN describe the text and *OWNED is the
** buffer to g_free (NULL when TEXT points into DATA).  On
** AUDIT_DECODE_BAD_UTF8 *TEXT and *TEXT_LEN describe the text after the BOM
** and *BAD_OFFSET is the offset in it of the first invalid byte.
*/
AUDIT_INTERNAL audit_decode_status audit_text_decode (const char *data, size_t len,
                                                      const char **text, size_t *text_len,
                                                      char **owned, size_t *bad_offset);

/* S (NUL-terminated) as UTF-8, by the rule above for text without a BOM:
** a g_malloc'd copy when valid, else converted from Windows-1252. */
AUDIT_INTERNAL char *audit_text_to_utf8 (const char *s);

/* Unescape the inside of a quoted value written with QUOTE (' or ") into
** OUT (room for LEN + 1 bytes): \\ -> \, \QUOTE -> QUOTE, anything else
** kept; CR LF and lone CR become LF.  QUOTE 0 only rewrites line ends (for
** bare and verbatim values).  Returns the length written (NUL added). */
AUDIT_INTERNAL size_t audit_text_unescape_into (const char *raw, size_t len,
                                                char quote, char *out);

/* Find the #<variable> blocks of the metadata header and add name -> default
** (both g_malloc'd) to VARS (first declaration wins) and the names in file
** order to ORDER (pointers owned by VARS). */
AUDIT_INTERNAL void audit_text_collect_vars (const char *text, size_t len,
                                             GHashTable *vars,
                                             GPtrArray *order);

/* Can NAME be written as @NAME@ (non-empty, only ASCII letters, digits,
** '_', '-' and '.')? */
AUDIT_INTERNAL bool audit_text_is_var_name (const char *name);

/* What the #<ui_metadata> header says: spans into the text, trimmed and
** non-blank, or { NULL, 0 } when absent (rules: audit.h, "Header"). */
typedef struct audit_header_meta {
  audit_span display_name;
  audit_span spec_name;
  audit_span spec_version;
} audit_header_meta;
AUDIT_INTERNAL void audit_text_collect_meta (const char *text, size_t len,
                                             audit_header_meta *meta);

/* Replace every @NAME@ whose NAME is a key of VARS.  Returns 0 when RAW
** holds nothing to replace, 1 with a new string in *OUT (length *OUT_LEN),
** or -1 when the result would take more than *BUDGET bytes (the budget
** spent by substitutions over a whole parse; decreased on success). */
AUDIT_INTERNAL int audit_text_subst (const char *raw, size_t len,
                                     GHashTable *vars, size_t *budget,
                                     char **out, size_t *out_len);

#endif
