/* SPDX-License-Identifier: GPL-2.0-or-later */
/* hook.c: interposes OpenVAS's func_is_internal() to add the audit builtins, or adds nothing. */
#include "config.h"

#include <dlfcn.h>
#include <errno.h>
#include <stdarg.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <unistd.h>

#include "builtins.h"
#include "ov_abi.h"
#include "ov_call.h"

/*
** How it works (doc/openvas-bridge.md has the facts and their sources):
** OpenVAS resolves every called name that no script defined through
** func_is_internal(name), an exported function that libopenvas_nasl itself
** calls through its PLT, so a definition in a preloaded object takes
** precedence.  That one function serves the call path, defined_func() and
** the check that refuses a script function named like a builtin, so
** answering there makes our builtins complete citizens.  For every other
** name we return whatever the real function returns.
**
** This file holds the bridge's only process-wide state: OpenVAS calls us
** with nothing but a name, so there is no interpreter state to hang it on.
** It is written once, at load (pthread_once), and only read afterwards,
** except the caches, which have their own lock.
*/

#define BRIDGE_NAME "openvas-bridge"

/* Environment: where the one status line goes; a switch to turn us off. */
#define ENV_LOG "OPENVAS_BRIDGE_LOG"         /* "syslog" (default) or "stderr" */
#define ENV_DISABLE "OPENVAS_BRIDGE_DISABLE" /* non-empty and not "0": add nothing */

typedef const ov_func_record *(*fii_fn) (const char *name);

typedef struct
{
  fii_fn real;             /* the next func_is_internal (OpenVAS's), or NULL */
  gboolean active;         /* our names are answered */
  ov_abi abi;              /* valid when active */
  bb_caches *caches;       /* valid when active */
  const bb_builtin *table; /* the builtins ... */
  size_t n;                /* ... and their count */
} bridge_state;

static bridge_state bridge;
static pthread_once_t bridge_once = PTHREAD_ONCE_INIT;

/* {=====================================================================
** Records handed to OpenVAS
** ====================================================================== */

static void *dispatch (void *lexic, size_t index);

/* One entry point per builtin: OpenVAS passes only its context. */
#define TRAMPOLINE(i)                                                                \
  static void *call_##i (void *lexic)                                                \
  {                                                                                  \
    return dispatch (lexic, i);                                                      \
  }
TRAMPOLINE (0)
TRAMPOLINE (1)
TRAMPOLINE (2)
TRAMPOLINE (3)
TRAMPOLINE (4)
TRAMPOLINE (5)
TRAMPOLINE (6)
TRAMPOLINE (7)
TRAMPOLINE (8)
#undef TRAMPOLINE

#define N_RECORDS 9

/* Names filled in from the builtin table at load; never freed (OpenVAS
** keeps pointers to them for as long as it likes). */
static ov_func_record records[N_RECORDS] = {
  { NULL, call_0 }, { NULL, call_1 }, { NULL, call_2 }, { NULL, call_3 },
  { NULL, call_4 }, { NULL, call_5 }, { NULL, call_6 }, { NULL, call_7 },
  { NULL, call_8 },
};

static const ov_func_record *
find_record (const char *name)
{
  /* Every one of our names starts with 'a', 'n' or 't'. */
  if (name[0] != 'a' && name[0] != 'n' && name[0] != 't')
    return NULL;
  for (size_t i = 0; i < bridge.n; i++)
    if (strcmp (name, records[i].name) == 0)
      return &records[i];
  return NULL;
}

/* }===================================================================== */

/* {=====================================================================
** The one status line
** ====================================================================== */

static void
status_line (int priority, const char *fmt, ...) G_GNUC_PRINTF (2, 3);

/*
** Exactly one line per process that loads OpenVAS's interpreter.  Syslog
** by default: ospd-openvas reads the first line of "openvas -V" (stderr
** included) as the version, so writing to stderr at load could break it.
** No openlog(): the scanner's own syslog identity must stay untouched.
*/
static void
status_line (int priority, const char *fmt, ...)
{
  const char *where = getenv (ENV_LOG);
  va_list ap;
  char *msg, *line;

  va_start (ap, fmt);
  msg = g_strdup_vprintf (fmt, ap);
  va_end (ap);
  line = g_strdup_printf ("%s[%ld]: %s", BRIDGE_NAME, (long) getpid (), msg);
  if (where != NULL && strcmp (where, "stderr") == 0)
    {
      char *nl = g_strconcat (line, "\n", NULL);
      size_t left = strlen (nl);
      const char *p = nl;
      while (left > 0)
        {
          ssize_t w = write (STDERR_FILENO, p, left);
          if (w < 0 && errno == EINTR)
            continue;
          if (w <= 0)
            break;
          p += w;
          left -= (size_t) w;
        }
      g_free (nl);
    }
  else
    {
      syslog (LOG_DAEMON | priority, "%s", line);
      closelog ();
    }
  g_free (line);
  g_free (msg);
}

/* }===================================================================== */

/* {=====================================================================
** Activation
** ====================================================================== */

static gboolean
disabled_by_env (void)
{
  const char *v = getenv (ENV_DISABLE);
  return v != NULL && *v != '\0' && strcmp (v, "0") != 0;
}

/* Refuses when OpenVAS already has a builtin of one of our names: its
** own builtins always keep their meaning. */
static gboolean
names_are_free (char **why)
{
  for (size_t i = 0; i < bridge.n; i++)
    if (bridge.real (bridge.table[i].name) != NULL)
      {
        *why = g_strdup_printf ("OpenVAS already has a builtin named '%s'",
                                bridge.table[i].name);
        return FALSE;
      }
  return TRUE;
}

static GString *
name_list (void)
{
  GString *s = g_string_new (NULL);
  for (size_t i = 0; i < bridge.n; i++)
    g_string_append_printf (s, "%s%s", i ? " " : "", bridge.table[i].name);
  return s;
}

static void
bridge_init (void)
{
  void *next;
  char *why = NULL;
  GString *names;

  bridge.table = bb_builtins (&bridge.n);
  if (bridge.n != N_RECORDS)
    return; /* cannot happen: the table and the trampolines go together */
  for (size_t i = 0; i < bridge.n; i++)
    records[i].name = bridge.table[i].name;

  next = dlsym (RTLD_NEXT, "func_is_internal");
  /* Not an OpenVAS interpreter (a shell, python, ...): stay silent. */
  if (next == NULL)
    return;
  memcpy (&bridge.real, &next, sizeof next);

  if (disabled_by_env ())
    why = g_strdup_printf ("disabled by %s", ENV_DISABLE);
  else if (!ov_abi_resolve (&bridge.abi, next, &why))
    ;
  else if (!ov_abi_probe_cell (&bridge.abi, &why))
    ;
  else
    names_are_free (&why);
  if (why != NULL)
    {
      status_line (LOG_WARNING, "inactive, no builtins added: %s", why);
      g_free (why);
      return;
    }
  bridge.caches = bb_caches_new ();
  bridge.active = TRUE;
  names = name_list ();
  status_line (LOG_INFO, "active: OpenVAS %s (%s, %s layout): added %s", bridge.abi.version,
               bridge.abi.library, ov_layout_name (bridge.abi.layout), names->str);
  g_string_free (names, TRUE);
}

/* At load, so that the line is written once, by the scanner's first
** process, before it forks its plugin processes. */
__attribute__ ((constructor)) static void
bridge_load (void)
{
  pthread_once (&bridge_once, bridge_init);
}

/* }===================================================================== */

/* {=====================================================================
** The interposed function and the dispatcher
** ====================================================================== */

__attribute__ ((visibility ("default"))) const ov_func_record *func_is_internal (const char *name);

const ov_func_record *
func_is_internal (const char *name)
{
  pthread_once (&bridge_once, bridge_init);
  if (name != NULL && bridge.active)
    {
      const ov_func_record *r = find_record (name);
      if (r != NULL)
        return r;
    }
  return bridge.real != NULL ? bridge.real (name) : NULL;
}

static void *
dispatch (void *lexic, size_t index)
{
  const bb_builtin *b;
  ov_call call;
  bvalue *result;
  void *cell;

  if (!bridge.active || index >= bridge.n || lexic == NULL)
    return NULL;
  b = &bridge.table[index];
  call.abi = &bridge.abi;
  call.lexic = lexic;
  call.fname = b->name;
  for (const char *const *arg = b->mandatory; *arg != NULL; arg++)
    if (!ov_arg_given (&call, *arg))
      {
        ov_error (&call, "missing argument '%s'", *arg);
        return NULL;
      }
  result = b->fn (&call, bridge.caches);
  cell = ov_emit (&call, result);
  bv_free (result);
  return cell;
}

/* }===================================================================== */
