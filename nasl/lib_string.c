/* lib_string.c: builtin family 'string' (placeholder table until it is written). */
#include "libs.h"

const nasl_builtin lib_string_builtins[] = {
  NASL_BUILTIN_END
};
