/* SPDX-License-Identifier: GPL-2.0-or-later */
/* libs.h: the builtin families the interpreter opens in every state. */
#ifndef NASL_LIBS_H
#define NASL_LIBS_H

#include "nasl_module.h"

#define NASL_INTERNAL __attribute__((visibility("hidden")))

/* One NULL-terminated table per family, each defined in its lib_<family>.c. */
extern NASL_INTERNAL const nasl_builtin lib_base_builtins[];   /* lib_base.c: exit typeof isnull defined_func ... */
extern NASL_INTERNAL const nasl_builtin lib_string_builtins[]; /* lib_string.c: string strlen substr ... display */
extern NASL_INTERNAL const nasl_builtin lib_regex_builtins[];  /* lib_regex.c: ereg egrep eregmatch ereg_replace */
extern NASL_INTERNAL const nasl_builtin lib_array_builtins[];  /* lib_array.c: make_list make_array keys sort ... */
extern NASL_INTERNAL const nasl_builtin lib_kb_builtins[];     /* lib_kb.c: get_kb_item set_kb_item ... */
extern NASL_INTERNAL const nasl_builtin lib_script_builtins[]; /* lib_script.c: script_* and preferences */
extern NASL_INTERNAL const nasl_builtin lib_report_builtins[]; /* lib_report.c: log_message security_message ... */
extern NASL_INTERNAL const nasl_builtin lib_host_builtins[];   /* lib_host.c: get_host_ip get_port_state ... */
extern NASL_INTERNAL const nasl_builtin lib_file_builtins[];   /* lib_file.c: fread fwrite pread find_in_path ... */
extern NASL_INTERNAL const nasl_builtin lib_crypto_builtins[]; /* lib_crypto.c: MD5 SHA1 SHA256 HMAC_* */
extern NASL_INTERNAL const nasl_builtin lib_misc_builtins[];   /* lib_misc.c: rand unixtime sleep localtime ... */
extern NASL_INTERNAL const nasl_builtin lib_ssh_builtins[];    /* lib_ssh.c: ssh_connect ssh_userauth ... */
extern NASL_INTERNAL const nasl_builtin lib_bn_builtins[];     /* lib_bn.c: bn_* dh_* rsa_* dsa_* pem_to_* */
extern NASL_INTERNAL const nasl_builtin lib_cipher_builtins[]; /* lib_cipher.c: aes* bf_cbc_* rc4 DES ... */
extern NASL_INTERNAL const nasl_builtin lib_isotime_builtins[]; /* lib_isotime.c: isotime_* */
extern NASL_INTERNAL const nasl_builtin lib_compress_builtins[]; /* lib_compress.c: gzip gunzip */
extern NASL_INTERNAL const nasl_builtin lib_socket_builtins[]; /* lib_socket.c: open_sock_tcp send recv ... */
extern NASL_INTERNAL const nasl_builtin lib_http_builtins[];   /* lib_http.c: http_open_socket http_get ... */
extern NASL_INTERNAL const nasl_builtin lib_raw_builtins[];    /* lib_raw.c: forge_*_packet ... (not supported) */
extern NASL_INTERNAL const nasl_builtin lib_smb_builtins[];    /* lib_smb.c: win_cmd_exec */
extern NASL_INTERNAL const nasl_builtin lib_ntlm_builtins[];   /* lib_ntlm.c: MD4 nt_owf_gen ntlmv2_response smb3kdf ... */

/* ORDER FAMILIES: the list every new state opens, in this order. */
extern NASL_INTERNAL const nasl_builtin *const lib_families[];

#endif
