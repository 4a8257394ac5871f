/* SPDX-License-Identifier: GPL-2.0-or-later */
/* regex_exec.c: POSIX matches under bounds: in process when cheap, else in a limited child. */
#include "config.h"

#include "regex_exec.h"

#include <errno.h>
#include <regex.h>
#include <string.h>

/* The child's wall-clock limit: the state's, cut to the script's time left. */
static long
regex_exec_wall_ms (nasl_state *st, int *script_limit)
{
  long limit = st->max_regex_ms > 0 ? st->max_regex_ms : REGEX_EXEC_MAX_MS;
  long left = state_time_left_ms (st);

  *script_limit = left >= 0 && left < limit;
  return *script_limit ? (left > 0 ? left : 1) : limit;
}

int
regex_exec_bounded (nasl_state *st, const regex_shape *shape, size_t len, sandbox_fn fn,
                    void *ud, int *fn_rc, GByteArray *out, char **why)
{
  int script_limit = 0;

  if (regex_guard_in_process (shape, len))
    {
      errno = 0;
      *fn_rc = fn (ud, out);
      if (*fn_rc != REG_ESPACE && errno != ENOMEM)
        return 0;
      *why = g_strdup ("match stopped: out of memory");
      return -1;
    }
  size_t mem = st->max_regex_mem > 0 ? st->max_regex_mem : REGEX_EXEC_MAX_MEM;
  sandbox_limits lim = { mem, regex_exec_wall_ms (st, &script_limit), NASL_MAX_STRING };
  switch (sandbox_run (&lim, fn, ud, fn_rc, out))
    {
    case SANDBOX_OK:
      if (*fn_rc != REG_ESPACE)
        return 0;
      /* fall through */
    case SANDBOX_NO_MEMORY:
      *why = g_strdup_printf ("match stopped: it needed more than %zu MiB of memory",
                              mem >> 20);
      return -1;
    case SANDBOX_TIMEOUT:
      *why = script_limit ? g_strdup ("match stopped at the script's time limit")
                          : g_strdup_printf ("match stopped: it took longer than %.3g s",
                                             lim.wall_ms / 1000.0);
      return -1;
    case SANDBOX_DIED:
      *why = g_strdup_printf ("match stopped: it needed more than %zu MiB of memory or crashed",
                              mem >> 20);
      return -1;
    case SANDBOX_TOO_LARGE:
      *why = g_strdup ("match stopped: its result is too large");
      return -1;
    case SANDBOX_NO_CHILD:
    default:
      *why = g_strdup_printf ("match refused: no process to run it under limits (%s)",
                              g_strerror (errno));
      return -1;
    }
}
