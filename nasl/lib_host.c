/* lib_host.c: builtin family 'host' (placeholder table until it is written). */
#include "libs.h"

const nasl_builtin lib_host_builtins[] = {
  NASL_BUILTIN_END
};
