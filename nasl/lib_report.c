/* lib_report.c: builtin family 'report' (placeholder table until it is written). */
#include "libs.h"

const nasl_builtin lib_report_builtins[] = {
  NASL_BUILTIN_END
};
