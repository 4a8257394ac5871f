/* lib_base.c: builtin family 'base' (placeholder table until it is written). */
#include "libs.h"

const nasl_builtin lib_base_builtins[] = {
  NASL_BUILTIN_END
};
