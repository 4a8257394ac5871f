/* lib_array.c: builtin family 'array' (placeholder table until it is written). */
#include "libs.h"

const nasl_builtin lib_array_builtins[] = {
  NASL_BUILTIN_END
};
