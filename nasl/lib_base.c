/* SPDX-License-Identifier: GPL-2.0-or-later */
/* lib_base.c: builtin family 'base': exit, typeof, isnull, defined_func. */
#include <string.h>

#include "libs.h"
#include "state.h"
#include "eval.h"

/* exit(code): stops the script at once, from any depth; on_exit still runs. */
static nasl_value
base_exit (nasl_call *call)
{
  state_request_exit (nasl_call_state (call), nasl_arg_pos_int (call, 0, 0));
  return NASL_NULL;
}

/* typeof(x): "int", "string", "data", "array", "undef"; "null" without argument. */
static nasl_value
base_typeof (nasl_call *call)
{
  const nasl_value *v = nasl_arg_pos (call, 0);
  const char *name = v == NULL ? "null" : nasl_type_name (v->type);

  return nasl_value_data (name, strlen (name));
}

/* isnull(x): 1 when x is undefined or missing. */
static nasl_value
base_isnull (nasl_call *call)
{
  const nasl_value *v = nasl_arg_pos (call, 0);

  return nasl_value_int (v == NULL || v->type == NASL_TYPE_NULL);
}

/* defined_func(name): 1 for a user function visible from here or a builtin. */
static nasl_value
base_defined_func (nasl_call *call)
{
  const char *name = nasl_arg_pos_str (call, 0, NULL);

  if (name == NULL)
    {
      nasl_call_error (call, "missing parameter");
      return NASL_NULL;
    }
  return nasl_value_int (eval_function_defined (nasl_call_state (call), name));
}

const nasl_builtin lib_base_builtins[] = {
  { "exit", base_exit, 0, -1, "" },
  { "typeof", base_typeof, 0, -1, "" },
  { "isnull", base_isnull, 0, -1, "" },
  { "defined_func", base_defined_func, 0, -1, "" },
  NASL_BUILTIN_END
};
