/* lib_misc.c: builtin family 'misc' (placeholder table until it is written). */
#include "libs.h"

const nasl_builtin lib_misc_builtins[] = {
  NASL_BUILTIN_END
};
