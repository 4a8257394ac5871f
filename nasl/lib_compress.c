/* SPDX-License-Identifier: GPL-2.0-or-later */
/* lib_compress.c: builtin family 'compress': gzip and gunzip (zlib). */
#include "libs.h"
#include <stdbool.h>
#include "text_arg.h"

#include <glib.h>
#include <string.h>
#include <zlib.h>

/*
** As in openvas-nasl (gvm-libs' compressutils):
**   gzip(data:)                    zlib format, ended by a sync flush (no
**                                  final block, no Adler-32 trailer);
**   gzip(data:, headformat:"gzip") a complete gzip member;
**   gunzip(data:)                  zlib or gzip (detected), and whatever a
**                                  truncated stream yields.
** Empty or missing data gives NULL.  Output is capped at COMPRESS_MAX_OUT:
** a decompression bomb gives NULL with a diagnostic.
*/

#define COMPRESS_MAX_OUT ((size_t) 256 * 1024 * 1024)

typedef enum zmode { Z_MODE_DEFLATE, Z_MODE_GZIP, Z_MODE_INFLATE } zmode;

/* Runs one zlib pass over 'src' into a buffer of 'cap' bytes.  Returns 1 with
** the output in *out and *outlen, 0 when the buffer was too small, -1 on error. */
static int
z_pass (zmode mode, const uint8_t *src, size_t len, size_t cap, uint8_t **out, size_t *outlen)
{
  z_stream s;
  int err;

  memset (&s, 0, sizeof s);
  if (mode == Z_MODE_INFLATE)
    err = inflateInit2 (&s, 15 + 32);
  else if (mode == Z_MODE_GZIP)
    err = deflateInit2 (&s, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
  else
    err = deflateInit (&s, Z_DEFAULT_COMPRESSION);
  if (err != Z_OK)
    return -1;
  *out = g_malloc (cap);
  s.next_in = (Bytef *) src;
  s.avail_in = (uInt) len;
  s.next_out = *out;
  s.avail_out = (uInt) cap;
  if (mode == Z_MODE_INFLATE)
    {
      err = inflate (&s, Z_SYNC_FLUSH);
      inflateEnd (&s);
    }
  else
    {
      err = deflate (&s, mode == Z_MODE_GZIP ? Z_FINISH : Z_SYNC_FLUSH);
      deflateEnd (&s);
    }
  if ((err == Z_OK || err == Z_STREAM_END) && s.avail_out != 0)
    {
      *outlen = s.total_out;
      return 1;
    }
  g_free (*out);
  *out = NULL;
  return err == Z_OK || err == Z_STREAM_END || err == Z_BUF_ERROR ? 0 : -1;
}

/* Repeats z_pass with a doubling buffer, starting at twice the input. */
static nasl_value
z_run (nasl_call *call, zmode mode, const text_arg *data)
{
  size_t cap = MAX (data->size * 2, (size_t) 30);
  uint8_t *out = NULL;
  size_t outlen = 0;

  if (data->size > UINT_MAX / 2)
    {
      nasl_call_error (call, "data too large (%zu bytes)", data->size);
      return NASL_NULL;
    }
  for (;;)
    {
      int r = z_pass (mode, (const uint8_t *) data->bytes, data->size, cap, &out, &outlen);
      if (r > 0)
        return nasl_value_data_take ((char *) out, outlen);
      if (r < 0)
        return NASL_NULL;
      if (cap >= COMPRESS_MAX_OUT)
        {
          nasl_call_error (call, "output larger than %zu bytes", COMPRESS_MAX_OUT);
          return NASL_NULL;
        }
      cap = MIN (cap * 2, COMPRESS_MAX_OUT);
    }
}

static nasl_value
bi_gzip (nasl_call *call)
{
  text_arg data, head;
  zmode mode = Z_MODE_DEFLATE;
  nasl_value v;

  if (!text_arg_read (nasl_arg (call, "data"), &data))
    return NASL_NULL;
  if (data.size == 0)
    {
      text_arg_clear (&data);
      return NASL_NULL;
    }
  if (text_arg_read (nasl_arg (call, "headformat"), &head))
    {
      if (strcmp (head.bytes, "gzip") == 0)
        mode = Z_MODE_GZIP;
      text_arg_clear (&head);
    }
  v = z_run (call, mode, &data);
  text_arg_clear (&data);
  return v;
}

static nasl_value
bi_gunzip (nasl_call *call)
{
  text_arg data;
  nasl_value v = NASL_NULL;

  if (!text_arg_read (nasl_arg (call, "data"), &data))
    return NASL_NULL;
  if (data.size > 0)
    v = z_run (call, Z_MODE_INFLATE, &data);
  text_arg_clear (&data);
  return v;
}

const nasl_builtin lib_compress_builtins[] = {
  { "gzip", bi_gzip, 0, 0, "data:s? headformat:s?" },
  { "gunzip", bi_gunzip, 0, 0, "data:s?" },
  NASL_BUILTIN_END
};
