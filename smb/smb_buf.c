/* SPDX-License-Identifier: GPL-2.0-or-later */
/* smb_buf.c: bounds-checked little-endian reader, growable writer and UTF-16 helpers for SMB wire data. */
#include "smb_buf.h"

#include <string.h>

void
smb_rd_init (smb_rd *r, const void *p, size_t len)
{
  r->base = p;
  r->len = p ? len : 0;
  r->pos = 0;
  r->bad = 0;
}

size_t
smb_rd_left (const smb_rd *r)
{
  return r->pos <= r->len ? r->len - r->pos : 0;
}

const uint8_t *
smb_rd_take (smb_rd *r, size_t n)
{
  const uint8_t *p;

  if (r->bad || n > smb_rd_left (r))
    {
      r->bad = 1;
      return NULL;
    }
  p = r->base + r->pos;
  r->pos += n;
  return p;
}

void
smb_rd_skip (smb_rd *r, size_t n)
{
  (void) smb_rd_take (r, n);
}

void
smb_rd_seek (smb_rd *r, size_t pos)
{
  if (pos > r->len)
    r->bad = 1;
  else
    r->pos = pos;
}

void
smb_rd_align (smb_rd *r, size_t n)
{
  size_t rem = n ? r->pos % n : 0;

  if (rem)
    smb_rd_skip (r, n - rem);
}

uint8_t
smb_rd_u8 (smb_rd *r)
{
  const uint8_t *p = smb_rd_take (r, 1);
  return p ? p[0] : 0;
}

uint16_t
smb_rd_u16 (smb_rd *r)
{
  const uint8_t *p = smb_rd_take (r, 2);
  return p ? smb_get_u16 (p) : 0;
}

uint32_t
smb_rd_u32 (smb_rd *r)
{
  const uint8_t *p = smb_rd_take (r, 4);
  return p ? smb_get_u32 (p) : 0;
}

uint64_t
smb_rd_u64 (smb_rd *r)
{
  const uint8_t *p = smb_rd_take (r, 8);
  return p ? smb_get_u64 (p) : 0;
}

const uint8_t *
smb_slice (const void *base, size_t len, size_t off, size_t n)
{
  if (!base || off > len || n > len - off)
    return NULL;
  return (const uint8_t *) base + off;
}

uint16_t
smb_get_u16 (const uint8_t *p)
{
  return (uint16_t) (p[0] | (p[1] << 8));
}

uint32_t
smb_get_u32 (const uint8_t *p)
{
  return (uint32_t) p[0] | ((uint32_t) p[1] << 8) | ((uint32_t) p[2] << 16)
         | ((uint32_t) p[3] << 24);
}

uint64_t
smb_get_u64 (const uint8_t *p)
{
  return (uint64_t) smb_get_u32 (p) | ((uint64_t) smb_get_u32 (p + 4) << 32);
}

void
smb_put_u16 (uint8_t *p, uint16_t v)
{
  p[0] = (uint8_t) v;
  p[1] = (uint8_t) (v >> 8);
}

void
smb_put_u32 (uint8_t *p, uint32_t v)
{
  p[0] = (uint8_t) v;
  p[1] = (uint8_t) (v >> 8);
  p[2] = (uint8_t) (v >> 16);
  p[3] = (uint8_t) (v >> 24);
}

void
smb_put_u64 (uint8_t *p, uint64_t v)
{
  smb_put_u32 (p, (uint32_t) v);
  smb_put_u32 (p + 4, (uint32_t) (v >> 32));
}

void
smb_wr_u8 (GByteArray *w, uint8_t v)
{
  g_byte_array_append (w, &v, 1);
}

void
smb_wr_u16 (GByteArray *w, uint16_t v)
{
  uint8_t b[2];
  smb_put_u16 (b, v);
  g_byte_array_append (w, b, 2);
}

void
smb_wr_u32 (GByteArray *w, uint32_t v)
{
  uint8_t b[4];
  smb_put_u32 (b, v);
  g_byte_array_append (w, b, 4);
}

void
smb_wr_u64 (GByteArray *w, uint64_t v)
{
  uint8_t b[8];
  smb_put_u64 (b, v);
  g_byte_array_append (w, b, 8);
}

void
smb_wr_bytes (GByteArray *w, const void *p, size_t n)
{
  if (n)
    g_byte_array_append (w, p, (guint) n);
}

void
smb_wr_zeros (GByteArray *w, size_t n)
{
  size_t old = w->len;

  if (!n)
    return;
  g_byte_array_set_size (w, (guint) (old + n));
  memset (w->data + old, 0, n);
}

void
smb_wr_align (GByteArray *w, size_t from, size_t n)
{
  size_t used = w->len >= from ? w->len - from : 0;
  size_t rem = n ? used % n : 0;

  if (rem)
    smb_wr_zeros (w, n - rem);
}

uint8_t *
smb_utf16le (const char *s, size_t len, size_t *out_len)
{
  glong items = 0;
  gunichar2 *u;
  uint8_t *out;
  glong i;

  *out_len = 0;
  if (!s)
    return NULL;
  if (len == 0)
    return g_malloc0 (2);
  u = g_utf8_to_utf16 (s, (glong) len, NULL, &items, NULL);
  if (!u)
    return NULL;
  out = g_malloc ((gsize) items * 2 + 2);
  for (i = 0; i < items; i++)
    smb_put_u16 (out + 2 * i, u[i]);
  out[2 * items] = out[2 * items + 1] = 0;
  smb_wipe (u, (size_t) items * sizeof *u);
  g_free (u);
  *out_len = (size_t) items * 2;
  return out;
}

char *
smb_utf8_from_utf16le (const uint8_t *p, size_t bytes)
{
  GString *s = g_string_sized_new (bytes / 2 + 1);
  size_t n = bytes / 2, i;

  for (i = 0; i < n; i++)
    {
      gunichar c = smb_get_u16 (p + 2 * i);

      if (c >= 0xD800 && c <= 0xDBFF && i + 1 < n)
        {
          gunichar lo = smb_get_u16 (p + 2 * (i + 1));
          if (lo >= 0xDC00 && lo <= 0xDFFF)
            {
              c = 0x10000 + ((c - 0xD800) << 10) + (lo - 0xDC00);
              i++;
            }
          else
            c = 0xFFFD;
        }
      else if (c >= 0xD800 && c <= 0xDFFF)
        c = 0xFFFD;
      g_string_append_unichar (s, c);
    }
  return g_string_free (s, FALSE);
}

void
smb_wipe (void *p, size_t n)
{
  if (p && n)
    explicit_bzero (p, n);
}

void
smb_free_secret (char *s)
{
  if (!s)
    return;
  smb_wipe (s, strlen (s));
  g_free (s);
}

void
smb_free_secret_bytes (GByteArray *b)
{
  if (!b)
    return;
  smb_wipe (b->data, b->len);
  g_byte_array_free (b, TRUE);
}

void
smb_hex (const uint8_t *p, size_t n, char *out)
{
  static const char digits[] = "0123456789abcdef";
  size_t i;

  for (i = 0; i < n; i++)
    {
      out[2 * i] = digits[p[i] >> 4];
      out[2 * i + 1] = digits[p[i] & 15];
    }
  out[2 * n] = '\0';
}
