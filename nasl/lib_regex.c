/* lib_regex.c: builtin family 'regex' (placeholder table until it is written). */
#include "libs.h"

const nasl_builtin lib_regex_builtins[] = {
  NASL_BUILTIN_END
};
