/* SPDX-License-Identifier: GPL-2.0-or-later */
/* fuzz_netstat.c: libFuzzer harness for the netstat/ss/lsof parser. */
/* FUZZ-SOURCES: nasl-ext/netstat_parse.c nasl-ext/netstat_pack.c nasl-ext/ext_arena.c */
/* FUZZ-PKGS: glib-2.0 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "ext_arena.h"
#include "netstat.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

/* Reads every field of a row so sanitizers see any bad pointer (n_lines 0:
 * not known yet); returns a sum to keep the reads. */
static size_t
touch_row (const netstat_row *r, size_t n_lines)
{
  size_t sum = strlen (r->proto) + strlen (r->local_addr) + strlen (r->remote_addr)
               + strlen (r->state);
  if (r->local_service)
    sum += strlen (r->local_service);
  if (r->remote_service)
    sum += strlen (r->remote_service);
  if (r->state_raw)
    sum += strlen (r->state_raw);
  if (r->process)
    sum += strlen (r->process);
  if (r->service)
    sum += strlen (r->service);
  for (size_t j = 0; j < r->n_processes; j++)
    sum += strlen (r->processes[j].name);
  if (r->local_port < -1 || r->local_port > 65535 || r->remote_port < -1
      || r->remote_port > 65535)
    __builtin_trap ();
  if (r->line_no == 0 || (n_lines > 0 && r->line_no > n_lines))
    __builtin_trap ();
  return sum;
}

typedef struct streamed {
  size_t rows, sum, last_line;
} streamed;

/* Streaming: rows come in input order. */
static void
take_row (const netstat_row *r, void *ud)
{
  streamed *st = ud;
  if (r->line_no <= st->last_line)
    __builtin_trap ();
  st->last_line = r->line_no;
  st->rows++;
  st->sum += touch_row (r, 0);
}

static int
same_text (const char *a, const char *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  return strcmp (a, b) == 0;
}

/* A row packs and unpacks to itself (all but state_raw). */
static void
check_pack (const netstat_row *r, GString *buf)
{
  ext_arena ar = { 0 };
  netstat_row back;
  g_string_truncate (buf, 0);
  netstat_row_pack (r, buf);
  if (!netstat_row_unpack (buf->str, buf->len, &back, &ar))
    __builtin_trap ();
  if (!same_text (r->proto, back.proto) || !same_text (r->local_addr, back.local_addr)
      || !same_text (r->local_service, back.local_service)
      || !same_text (r->remote_addr, back.remote_addr)
      || !same_text (r->remote_service, back.remote_service) || !same_text (r->state, back.state)
      || !same_text (r->process, back.process) || !same_text (r->service, back.service)
      || r->pid != back.pid || r->local_port != back.local_port
      || r->remote_port != back.remote_port || r->line_no != back.line_no
      || r->family != back.family || r->format != back.format
      || r->owner_unavailable != back.owner_unavailable
      || r->state_inferred != back.state_inferred || r->n_processes != back.n_processes)
    __builtin_trap ();
  for (size_t j = 0; j < r->n_processes; j++)
    if (!same_text (r->processes[j].name, back.processes[j].name)
        || r->processes[j].pid != back.processes[j].pid)
      __builtin_trap ();
  ext_arena_free (&ar);
}

/* Parses as a table, then streamed; the first byte also picks a small row
 * cap and the ss protocol hint.  Both ways must agree. */
int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  netstat_options opts = { 0 };
  if (size > 0)
    {
      opts.max_rows = data[0] & 0x80 ? (size_t) (data[0] & 0x0f) + 1 : 0;
      opts.ss_default_proto = data[0] & 0x40 ? "udp" : NULL;
    }
  netstat_result *res = netstat_parse ((const char *) data, size, &opts);
  size_t sum = 0;
  GString *buf = g_string_new (NULL);
  for (size_t i = 0; i < res->n_rows; i++)
    {
      sum += touch_row (&res->rows[i], res->n_lines);
      check_pack (&res->rows[i], buf);
    }
  g_string_free (buf, TRUE);
  /* the input itself as a packed row: refused or read, never past its end */
  {
    ext_arena ar = { 0 };
    netstat_row any;
    if (netstat_row_unpack ((const char *) data, size, &any, &ar))
      sum += touch_row (&any, 0);
    ext_arena_free (&ar);
  }
  /* every line is counted exactly once */
  if (!res->truncated
      && res->n_rows + res->n_unparsed + res->n_skipped + res->n_other != res->n_lines)
    __builtin_trap ();

  streamed st = { 0, 0, 0 };
  opts.on_row = take_row;
  opts.on_row_ud = &st;
  netstat_result *res2 = netstat_parse ((const char *) data, size, &opts);
  if (res2->rows != NULL || res2->n_rows != res->n_rows || st.rows != res->n_rows
      || res2->n_unparsed != res->n_unparsed || res2->n_skipped != res->n_skipped
      || res2->truncated != res->truncated || st.last_line > res->n_lines)
    __builtin_trap ();
  (void) sum;
  (void) st.sum;
  netstat_result_free (res2);
  netstat_result_free (res);
  return 0;
}
