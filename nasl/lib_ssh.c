/* lib_ssh.c: builtin family 'ssh' (placeholder table until it is written). */
#include "libs.h"

const nasl_builtin lib_ssh_builtins[] = {
  NASL_BUILTIN_END
};
