/* lib_file.c: builtin family 'file' (placeholder table until it is written). */
#include "libs.h"

const nasl_builtin lib_file_builtins[] = {
  NASL_BUILTIN_END
};
