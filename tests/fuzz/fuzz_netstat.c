/* SPDX-License-Identifier: GPL-2.0-or-later */
/* fuzz_netstat.c: libFuzzer harness for the netstat/ss/lsof parser. */
/* FUZZ-SOURCES: nasl-ext/netstat_parse.c nasl-ext/ext_arena.c */
/* FUZZ-PKGS: glib-2.0 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "netstat.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

/* Parse, then read every field so sanitizers see any bad pointer; the first
 * byte also picks a small row cap and the ss protocol hint. */
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
  for (size_t i = 0; i < res->n_rows; i++)
    {
      const netstat_row *r = &res->rows[i];
      sum += strlen (r->proto) + strlen (r->local_addr) + strlen (r->remote_addr)
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
      if (r->line_no == 0 || r->line_no > res->n_lines)
        __builtin_trap ();
    }
  /* every line is counted exactly once */
  if (!res->truncated
      && res->n_rows + res->n_unparsed + res->n_skipped + res->n_other != res->n_lines)
    __builtin_trap ();
  (void) sum;
  netstat_result_free (res);
  return 0;
}
