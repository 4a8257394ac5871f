/* SPDX-License-Identifier: GPL-2.0-or-later */
/* good.c: a well-formed test module: two builtins and per-state data. */
#include "nasl_module.h"

#include <stdlib.h>
#include <string.h>

typedef struct good_data {
  long calls;
} good_data;

/* good_hello(): returns "hello from good" (data). */
static nasl_value
good_hello (nasl_call *call)
{
  good_data *d = nasl_call_module_data (call);
  if (d)
    d->calls++;
  return nasl_value_data_cstr ("hello from good");
}

/* good_add(a:, b:): a + b; also counts calls in the module data. */
static nasl_value
good_add (nasl_call *call)
{
  good_data *d = nasl_call_module_data (call);
  if (d)
    d->calls++;
  return nasl_value_int (nasl_arg_int (call, "a", 0) + nasl_arg_int (call, "b", 0));
}

/* good_calls(): how many good_* calls this state made. */
static nasl_value
good_calls (nasl_call *call)
{
  good_data *d = nasl_call_module_data (call);
  return nasl_value_int (d ? d->calls : -1);
}

static int
good_init (nasl_state *st, void **module_data, char **err)
{
  (void) st;
  (void) err;
  *module_data = calloc (1, sizeof (good_data));
  return *module_data ? 0 : -1;
}

static void
good_fini (void *module_data)
{
  free (module_data);
}

static const nasl_builtin good_builtins[] = {
  { "good_hello", good_hello, 0, 0, "" },
  { "good_add", good_add, 0, 0, "a:i b:i" },
  { "good_calls", good_calls, 0, 0, "" },
  NASL_BUILTIN_END
};

static const nasl_module_info good_info =
  NASL_MODULE_INFO ("good", "1.0", good_builtins, good_init, good_fini);

NASL_MODULE_DEFINE (good_info)
