/* lib_crypto.c: builtin family 'crypto' (placeholder table until it is written). */
#include "libs.h"

const nasl_builtin lib_crypto_builtins[] = {
  NASL_BUILTIN_END
};
