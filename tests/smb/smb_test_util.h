/* SPDX-License-Identifier: GPL-2.0-or-later */
/* smb_test_util.h: hex helpers shared by the SMB unit tests. */
#ifndef SMB_TEST_UTIL_H
#define SMB_TEST_UTIL_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <glib.h>

/* Decodes hex (spaces ignored) into a new GByteArray; aborts on bad input. */
static inline GByteArray *
tu_hex (const char *hex)
{
  GByteArray *b = g_byte_array_new ();
  int hi = -1;

  for (; *hex; hex++)
    {
      int v;
      if (*hex == ' ' || *hex == '\n')
        continue;
      v = g_ascii_xdigit_value (*hex);
      g_assert (v >= 0);
      if (hi < 0)
        hi = v;
      else
        {
          guint8 byte = (guint8) (hi << 4 | v);
          g_byte_array_append (b, &byte, 1);
          hi = -1;
        }
    }
  g_assert (hi < 0);
  return b;
}

/* Lower-case hex of n bytes (g_free). */
static inline char *
tu_tohex (const void *p, size_t n)
{
  static const char d[] = "0123456789abcdef";
  const uint8_t *b = p;
  char *out = g_malloc (2 * n + 1);
  size_t i;

  for (i = 0; i < n; i++)
    {
      out[2 * i] = d[b[i] >> 4];
      out[2 * i + 1] = d[b[i] & 15];
    }
  out[2 * n] = '\0';
  return out;
}

/* Asserts that n bytes at p print as the (case-insensitive) hex 'want'. */
#define TU_ASSERT_HEX(p, n, want)                                              \
  do                                                                           \
    {                                                                          \
      char *tu_got_ = tu_tohex ((p), (n));                                     \
      char *tu_want_ = g_ascii_strdown ((want), -1);                           \
      assert_string_equal (tu_got_, tu_want_);                                 \
      g_free (tu_got_);                                                        \
      g_free (tu_want_);                                                       \
    }                                                                          \
  while (0)

#endif /* SMB_TEST_UTIL_H */
