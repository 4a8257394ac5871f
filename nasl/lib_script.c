/* lib_script.c: builtin family 'script' (placeholder table until it is written). */
#include "libs.h"

const nasl_builtin lib_script_builtins[] = {
  NASL_BUILTIN_END
};
