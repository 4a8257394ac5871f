/* SPDX-License-Identifier: GPL-2.0-or-later */
/* fuzz_tasklist.c: libFuzzer harness for the tasklist parser. */
/* FUZZ-SOURCES: nasl-ext/tasklist_parse.c nasl-ext/ext_arena.c */
/* FUZZ-PKGS: glib-2.0 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "tasklist.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

/* Parse, walk every field, and check the PID index against the rows. */
int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  tasklist_options opts = { 0 };
  if (size > 0 && (data[0] & 0x80))
    opts.max_rows = (size_t) (data[0] & 0x0f) + 1;
  tasklist_result *res = tasklist_parse ((const char *) data, size, &opts);
  size_t sum = 0;
  for (size_t i = 0; i < res->n_rows; i++)
    {
      const tasklist_row *r = &res->rows[i];
      sum += strlen (r->image);
      for (size_t j = 0; j < r->n_services; j++)
        sum += strlen (r->services[j]);
      if (r->n_services > 0 && r->services[r->n_services] != NULL)
        __builtin_trap ();
      if (r->session_name)
        sum += strlen (r->session_name);
      if (tasklist_find_pid (res, r->pid) != r)
        __builtin_trap ();
    }
  /* every line is counted exactly once */
  if (!res->truncated
      && res->n_rows + res->n_duplicates + res->n_unparsed + res->n_skipped != res->n_lines)
    __builtin_trap ();
  (void) sum;
  tasklist_result_free (res);
  return 0;
}
