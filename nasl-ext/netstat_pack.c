/* SPDX-License-Identifier: GPL-2.0-or-later */
/* netstat_pack.c: a socket row as one compact byte string, and back. */

/*
** A plugin keeps every row of a listing while its checks run.  As a NASL
** array a row costs about a kilobyte (a dozen keyed entries, the processes
** list and its pairs); packed it costs about its line of text.  The format
** is private to this file and its version byte: scripts only hand packed
** rows back to netstat_row(), which must still refuse anything else
** without reading past the end.
**
**   byte 'N', byte version (1)
**   varints: family, local_port + 1, remote_port + 1, pid + 1, line_no,
**            n_processes, format | owner_unavailable << 4 | state_inferred << 5
**                                                 (LEB128, 0 = -1 for the +1s)
**   texts:   proto, local_addr, local_service, remote_addr, remote_service,
**            state, process, service               (varint length + 1, 0 = NULL)
**   n_processes times: text name, varint pid + 1
**
** All but state_raw is kept (NASL rows never showed it).
*/

#include <stdint.h>
#include <string.h>

#include <glib.h>

#include "ext_arena.h"
#include "netstat.h"

#define PACK_MAGIC 'N'
#define PACK_VERSION 1
#define PACK_MAX_PROCESSES 256

static void
put_varint (GString *out, uint64_t v)
{
  while (v >= 0x80)
    {
      g_string_append_c (out, (char) (0x80 | (v & 0x7f)));
      v >>= 7;
    }
  g_string_append_c (out, (char) v);
}

static void
put_text (GString *out, const char *s)
{
  if (s == NULL)
    {
      put_varint (out, 0);
      return;
    }
  size_t n = strlen (s);
  put_varint (out, (uint64_t) n + 1);
  g_string_append_len (out, s, (gssize) n);
}

/* -1 and up, as an unsigned number (0 for -1). */
static uint64_t
plus_one (int64_t v)
{
  return v < 0 ? 0 : (uint64_t) v + 1;
}

void
netstat_row_pack (const netstat_row *row, GString *out)
{
  g_string_append_c (out, PACK_MAGIC);
  g_string_append_c (out, PACK_VERSION);
  put_varint (out, row->family < 0 ? 0 : (uint64_t) row->family);
  put_varint (out, plus_one (row->local_port));
  put_varint (out, plus_one (row->remote_port));
  put_varint (out, plus_one (row->pid));
  put_varint (out, row->line_no);
  put_varint (out, row->n_processes);
  put_varint (out, (uint64_t) row->format | (row->owner_unavailable ? 1u << 4 : 0)
                       | (row->state_inferred ? 1u << 5 : 0));
  put_text (out, row->proto);
  put_text (out, row->local_addr);
  put_text (out, row->local_service);
  put_text (out, row->remote_addr);
  put_text (out, row->remote_service);
  put_text (out, row->state);
  put_text (out, row->process);
  put_text (out, row->service);
  for (size_t i = 0; i < row->n_processes; i++)
    {
      put_text (out, row->processes[i].name);
      put_varint (out, plus_one (row->processes[i].pid));
    }
}

/* {=====================================================================
** Unpacking (the input may be anything)
** ====================================================================== */

typedef struct reader {
  const unsigned char *p, *end;
  ext_arena *ar;
  gboolean bad;
} reader;

static uint64_t
get_varint (reader *r)
{
  uint64_t v = 0;
  for (unsigned shift = 0; shift < 64; shift += 7)
    {
      if (r->p >= r->end)
        break;
      unsigned char b = *r->p++;
      if (shift == 63 && b > 1)
        break;
      v |= (uint64_t) (b & 0x7f) << shift;
      if ((b & 0x80) == 0)
        return v;
    }
  r->bad = TRUE;
  return 0;
}

/* A value that was packed as v + 1 (0 for -1), at most 'max'. */
static int64_t
get_plus_one (reader *r, int64_t max)
{
  uint64_t v = get_varint (r);
  if (v > (uint64_t) max + 1)
    {
      r->bad = TRUE;
      return -1;
    }
  return (int64_t) v - 1;
}

static const char *
get_text (reader *r)
{
  uint64_t n = get_varint (r);
  if (r->bad || n == 0)
    return NULL;
  n--;
  if (n > (uint64_t) (r->end - r->p) || memchr (r->p, '\0', n) != NULL)
    {
      r->bad = TRUE;
      return NULL;
    }
  const char *s = ext_arena_str (r->ar, (const char *) r->p, n);
  r->p += n;
  return s;
}

/* A text the row must have. */
static const char *
get_text_required (reader *r)
{
  const char *s = get_text (r);
  if (s == NULL)
    r->bad = TRUE;
  return s;
}

gboolean
netstat_row_unpack (const char *p, size_t n, netstat_row *row, ext_arena *ar)
{
  reader r = { (const unsigned char *) p, (const unsigned char *) p + n, ar, FALSE };

  memset (row, 0, sizeof *row);
  if (p == NULL || n < 2 || p[0] != PACK_MAGIC || p[1] != PACK_VERSION)
    return FALSE;
  r.p += 2;
  uint64_t family = get_varint (&r);
  row->local_port = (int) get_plus_one (&r, 65535);
  row->remote_port = (int) get_plus_one (&r, 65535);
  row->pid = get_plus_one (&r, INT64_MAX - 1);
  row->line_no = (size_t) get_varint (&r);
  uint64_t n_processes = get_varint (&r);
  uint64_t bits = get_varint (&r);
  if (r.bad || family > 6 || n_processes > PACK_MAX_PROCESSES || bits >= 1u << 6
      || (bits & 0x0f) > NETSTAT_FMT_MIXED)
    return FALSE;
  row->family = (int) family;
  row->format = (netstat_format) (bits & 0x0f);
  row->owner_unavailable = (bits >> 4) & 1;
  row->state_inferred = (bits >> 5) & 1;
  row->proto = get_text_required (&r);
  row->local_addr = get_text_required (&r);
  row->local_service = get_text (&r);
  row->remote_addr = get_text_required (&r);
  row->remote_service = get_text (&r);
  row->state = get_text_required (&r);
  row->process = get_text (&r);
  row->service = get_text (&r);
  if (r.bad)
    return FALSE;
  if (n_processes > 0)
    {
      netstat_process *procs = ext_arena_alloc (ar, (size_t) n_processes * sizeof *procs);
      for (size_t i = 0; i < n_processes; i++)
        {
          procs[i].name = get_text_required (&r);
          procs[i].pid = get_plus_one (&r, INT64_MAX - 1);
        }
      row->processes = procs;
      row->n_processes = (size_t) n_processes;
    }
  return !r.bad && r.p == r.end;
}

/* }===================================================================== */
