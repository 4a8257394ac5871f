/* SPDX-License-Identifier: GPL-2.0-or-later */
/* escape.c: makes untrusted text (target data, policies) safe to show: valid UTF-8, no control or bidi characters. */
#include "config.h"

#include <string.h>

#include "escape.h"

/* Code points that change how text around them looks: C1 controls (0x9b is a
** CSI on some terminals), bidirectional overrides and isolates, and the
** line and paragraph separators. */
static gboolean
is_hidden_control (gunichar c)
{
  return (c >= 0x80 && c <= 0x9f) || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069)
         || c == 0x200e || c == 0x200f || c == 0x061c || c == 0x2028 || c == 0x2029
         || c == 0xfeff;
}

void
esc_append (GString *out, const char *s, unsigned flags)
{
  if (!s)
    return;
  const char *p = s;
  while (*p)
    {
      unsigned char b = (unsigned char) *p;
      if (b < 0x80)
        {
          gboolean keep = (b >= 0x20 && b != 0x7f) || (b == '\n' && (flags & ESC_MULTILINE))
                          || (b == '\t' && (flags & ESC_MULTILINE));
          if (keep)
            g_string_append_c (out, (char) b);
          else
            g_string_append_printf (out, "\\x%02x", b);
          p++;
          continue;
        }
      /* one UTF-8 sequence: valid and complete, or its first byte escaped */
      gunichar c = g_utf8_get_char_validated (p, (gssize) strnlen (p, 4));
      if (c == (gunichar) -1 || c == (gunichar) -2)
        {
          g_string_append_printf (out, "\\x%02x", b);
          p++;
          continue;
        }
      if (is_hidden_control (c))
        g_string_append_printf (out, "\\u{%04x}", c);
      else
        g_string_append_len (out, p, g_utf8_skip[b]);
      p += g_utf8_skip[b];
    }
}

char *
esc (const char *s, unsigned flags)
{
  GString *out = g_string_sized_new (s ? strlen (s) + 8 : 8);
  esc_append (out, s, flags);
  return g_string_free (out, FALSE);
}

gboolean
esc_needed (const char *s, unsigned flags)
{
  if (!s)
    return FALSE;
  for (const unsigned char *p = (const unsigned char *) s; *p; p++)
    {
      if (*p >= 0x80)
        return TRUE; /* checked properly by esc() */
      if (*p < 0x20 || *p == 0x7f)
        {
          if ((*p == '\n' || *p == '\t') && (flags & ESC_MULTILINE))
            continue;
          return TRUE;
        }
    }
  return FALSE;
}
