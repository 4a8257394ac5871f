/* lib_kb.c: builtin family 'kb' (placeholder table until it is written). */
#include "libs.h"

const nasl_builtin lib_kb_builtins[] = {
  NASL_BUILTIN_END
};
