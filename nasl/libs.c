/* SPDX-License-Identifier: GPL-2.0-or-later */
/* libs.c: the one list of builtin families opened in every state (linit.c analog). */
#include "libs.h"

/* ORDER FAMILIES */
const nasl_builtin *const lib_families[] = {
  lib_base_builtins,   lib_string_builtins, lib_regex_builtins,
  lib_array_builtins,  lib_kb_builtins,     lib_script_builtins,
  lib_report_builtins, lib_host_builtins,   lib_file_builtins,
  lib_crypto_builtins, lib_misc_builtins,   lib_ssh_builtins,
  lib_bn_builtins,     lib_cipher_builtins, lib_isotime_builtins,
  lib_compress_builtins, lib_socket_builtins, lib_http_builtins,
  lib_raw_builtins,
  lib_smb_builtins,    lib_ntlm_builtins,
  NULL
};
