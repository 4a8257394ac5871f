/* SPDX-License-Identifier: GPL-2.0-or-later */
/* lib_misc.c: builtin family 'misc': rand srand unixtime gettimeofday sleep localtime mktime ... */
#include "libs.h"
#include "nasl.h"
#include "state.h"

#include <errno.h>
#include <glib.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#define MISC_RAND_SLOT "nasl.misc.rand"
/* Longest sleep()/usleep() honoured, so a script cannot stall a run forever. */
#define MISC_SLEEP_MAX_S 3600L

/* Per-state lrand48-compatible generator state (48 bits). */
typedef struct rand_state {
  unsigned short x[3];
} rand_state;

/* srand48(seed) equivalent on a private state. */
static void
rand_seed (rand_state *r, long seed)
{
  r->x[0] = 0x330E;
  r->x[1] = (unsigned short) (seed & 0xFFFF);
  r->x[2] = (unsigned short) ((seed >> 16) & 0xFFFF);
}

static rand_state *
rand_get (nasl_state *st)
{
  rand_state *r = nasl_state_get_data (st, MISC_RAND_SLOT);
  if (!r)
    {
      r = g_new0 (rand_state, 1);
      rand_seed (r, (long) (g_get_real_time () ^ (getpid () << 16)));
      nasl_state_set_data (st, MISC_RAND_SLOT, r, g_free);
    }
  return r;
}

/* rand(): a non-negative 31-bit random number, like OpenVAS's lrand48(). */
static nasl_value
bi_rand (nasl_call *call)
{
  return nasl_value_int (nrand48 (rand_get (nasl_call_state (call))->x));
}

/* srand(seed): seeds rand() (default seed: the time). */
static nasl_value
bi_srand (nasl_call *call)
{
  long seed = nasl_arg_pos_int (call, 0, (long) time (NULL));
  rand_seed (rand_get (nasl_call_state (call)), seed);
  return NASL_NULL;
}

static nasl_value
bi_unixtime (nasl_call *call)
{
  (void) call;
  return nasl_value_int ((long) time (NULL));
}

/* gettimeofday(): "seconds.microseconds" (6 digits) as data. */
static nasl_value
bi_gettimeofday (nasl_call *call)
{
  (void) call;
  struct timeval tv;
  if (gettimeofday (&tv, NULL) != 0)
    return NASL_NULL;
  char buf[64];
  g_snprintf (buf, sizeof buf, "%lu.%06ld", (unsigned long) tv.tv_sec, (long) tv.tv_usec);
  return nasl_value_data_cstr (buf);
}

/* Sleeps 'usec' microseconds, but not past the script's deadline (the
** evaluator stops the script as soon as the builtin returns). */
static void
sleep_micro (nasl_state *st, long usec)
{
  long left_ms = state_time_left_ms (st);
  if (left_ms >= 0 && usec / 1000 > left_ms)
    usec = (left_ms + 1) * 1000L;
  struct timespec ts = { usec / 1000000L, (usec % 1000000L) * 1000L };
  while (nanosleep (&ts, &ts) != 0 && errno == EINTR)
    ;
}

/* sleep(seconds) */
static nasl_value
bi_sleep (nasl_call *call)
{
  long s = nasl_arg_pos_int (call, 0, 0);
  if (s > MISC_SLEEP_MAX_S)
    s = MISC_SLEEP_MAX_S;
  if (s > 0)
    sleep_micro (nasl_call_state (call), s * 1000000L);
  return NASL_NULL;
}

/* usleep(microseconds) */
static nasl_value
bi_usleep (nasl_call *call)
{
  long us = nasl_arg_pos_int (call, 0, 0);
  if (us > MISC_SLEEP_MAX_S * 1000000L)
    us = MISC_SLEEP_MAX_S * 1000000L;
  if (us > 0)
    sleep_micro (nasl_call_state (call), us);
  return NASL_NULL;
}

static void
set_int (nasl_value *arr, const char *key, long v)
{
  nasl_array_set_key (arr, key, strlen (key), nasl_value_int (v));
}

/* localtime(t, utc:): array sec min hour mday mon(1-12) year wday yday(1-366) isdst. */
static nasl_value
bi_localtime (nasl_call *call)
{
  const nasl_value *a = nasl_arg_either (call, "value", 0);
  time_t t = a && a->type != NASL_TYPE_NULL ? (time_t) nasl_value_to_int (a) : 0;
  if (t == 0)
    t = time (NULL);
  struct tm tm;
  int ok = nasl_arg_int (call, "utc", 0) ? gmtime_r (&t, &tm) != NULL
                                         : localtime_r (&t, &tm) != NULL;
  if (!ok)
    {
      nasl_call_error (call, "cannot convert %ld", (long) t);
      return NASL_NULL;
    }
  nasl_value r = nasl_value_array ();
  set_int (&r, "sec", tm.tm_sec);
  set_int (&r, "min", tm.tm_min);
  set_int (&r, "hour", tm.tm_hour);
  set_int (&r, "mday", tm.tm_mday);
  set_int (&r, "mon", tm.tm_mon + 1);
  set_int (&r, "year", tm.tm_year + 1900L);
  set_int (&r, "wday", tm.tm_wday);
  set_int (&r, "yday", tm.tm_yday + 1);
  set_int (&r, "isdst", tm.tm_isdst);
  return r;
}

/* mktime(sec:, min:, hour:, mday:, mon:, year:, isdst:): local time to seconds. */
static nasl_value
bi_mktime (nasl_call *call)
{
  struct tm tm;
  memset (&tm, 0, sizeof tm);
  tm.tm_sec = (int) nasl_arg_int (call, "sec", 0);
  tm.tm_min = (int) nasl_arg_int (call, "min", 0);
  tm.tm_hour = (int) nasl_arg_int (call, "hour", 0);
  tm.tm_mday = (int) nasl_arg_int (call, "mday", 0);
  tm.tm_mon = (int) nasl_arg_int (call, "mon", 1) - 1;
  long year = nasl_arg_int (call, "year", 0);
  tm.tm_year = (int) (year >= 1900 ? year - 1900 : year);
  tm.tm_isdst = (int) nasl_arg_int (call, "isdst", -1);
  time_t t = mktime (&tm);
  if (t == (time_t) -1)
    {
      nasl_call_error (call, "invalid date/time");
      return NASL_NULL;
    }
  return nasl_value_int ((long) t);
}

/* vendor_version(): the vendor version string (the preference "vendor_version", else ""). */
static nasl_value
bi_vendor_version (nasl_call *call)
{
  const char *v = nasl_get_preference (nasl_call_state (call), "vendor_version");
  return nasl_value_data_cstr (v ? v : "");
}

const nasl_builtin lib_misc_builtins[] = {
  { "rand", bi_rand, 0, 0, "" },
  { "srand", bi_srand, 0, 1, "" },
  { "unixtime", bi_unixtime, 0, 0, "" },
  { "gettimeofday", bi_gettimeofday, 0, 0, "" },
  { "sleep", bi_sleep, 0, 1, "" },
  { "usleep", bi_usleep, 0, 1, "" },
  { "localtime", bi_localtime, 0, 1, "utc:i?" },
  { "mktime", bi_mktime, 0, 0, "sec:i? min:i? hour:i? mday:i? mon:i? year:i? isdst:i?" },
  { "vendor_version", bi_vendor_version, 0, 0, "" },
  NASL_BUILTIN_END
};
