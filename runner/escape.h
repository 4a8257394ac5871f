/* SPDX-License-Identifier: GPL-2.0-or-later */
/* escape.h: untrusted text made safe to show, in every report format. */
#ifndef RUNNER_ESCAPE_H
#define RUNNER_ESCAPE_H

#include <glib.h>

/*
** Bytes that are not valid UTF-8 and control characters become \xNN;
** invisible formatting code points (C1 controls, bidi overrides) become
** \u{NNNN}.  The result is valid UTF-8 that cannot move the cursor, erase
** a line or reorder text.  With ESC_MULTILINE, newlines and tabs stay.
*/
#define ESC_MULTILINE 1u

char *esc (const char *s, unsigned flags);
void esc_append (GString *out, const char *s, unsigned flags);
/* TRUE when esc() might change 's' (a quick pre-check). */
gboolean esc_needed (const char *s, unsigned flags);

#endif
