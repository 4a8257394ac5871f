/* SPDX-License-Identifier: GPL-2.0-or-later */
/* record.h: the plugin -> runner record contract (nasl_audit_record) and its framing on the worker pipe. */
#ifndef RUNNER_RECORD_H
#define RUNNER_RECORD_H

#include <glib.h>

#include "nasl.h"
#include "result.h"

/* What travels on a worker's pipe, one frame each. */
typedef enum {
  FRAME_TARGET = 1,  /* the records, in the order of their kinds' table */
  FRAME_LISTENER,
  FRAME_POLICY,
  FRAME_RESULT,
  FRAME_GATHER,
  FRAME_HOST,        /* (ay ay): resolved address, host name */
  FRAME_PROBLEM,     /* ay: something the runner must report */
  FRAME_DIAG,        /* ay: an interpreter diagnostic */
  FRAME_DONE,        /* the worker finished normally */
  FRAME_ABORT        /* (ay ay): reason_code, reason: the target could not be audited */
} frame_kind;

/* Limits.  A record over them is refused (an error for the target); a string
** field over RECORD_MAX_FIELD is cut, and says so in its text. */
#define RECORD_MAX_FIELD ((size_t) 1024 * 1024)
#define RECORD_MAX_PER_TARGET 4000000L
#define FRAME_MAX ((guint32) 64 * 1024 * 1024)

/* ---- worker side -------------------------------------------------------- */

/* Registers nasl_audit_record() in 'st'; its records are written to 'fd'. */
int record_register (nasl_state *st, int fd, char **err);
/* Writes one frame; exits the process when the runner has gone. */
void frame_write (int fd, frame_kind kind, GVariant *payload);
void frame_write_text (int fd, frame_kind kind, const char *text);

/* ---- runner side -------------------------------------------------------- */

/* Adds one frame's payload to 'tr'.  Returns FALSE (with *err) on a malformed frame. */
gboolean frame_apply (target_result *tr, frame_kind kind, const guint8 *data, gsize len,
                      char **err);

/* Text with NUL bytes written as \x00 (record strings never hold NULs). */
char *record_text (const char *bytes, size_t len);

#endif
