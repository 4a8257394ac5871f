/* SPDX-License-Identifier: GPL-2.0-or-later */
/* lib_report.c: builtin family 'report': log_message security_message error_message. */
#include "libs.h"
#include "nasl.h"
#include "script_meta.h"
#include "state.h"

#include <glib.h>
#include <string.h>


/*
** The three calls share one shape: data:, port: (or the first positional),
** proto: or protocol: (protocol wins, as in OpenVAS), uri:.  NUL bytes in
** data become spaces.  The report goes to the state's report callback with
** the OID of the running script.
*/
static nasl_value
report_something (nasl_call *call, nasl_report_kind kind)
{
  nasl_state *st = nasl_call_state (call);
  size_t dlen = 0;
  const char *data = nasl_arg_str (call, "data", &dlen);
  const char *proto = nasl_arg_str (call, "protocol", NULL);
  if (!proto)
    proto = nasl_arg_str (call, "proto", NULL);
  const char *uri = nasl_arg_str (call, "uri", NULL);
  long port = nasl_arg_int (call, "port", -1);
  if (port < 0)
    port = nasl_arg_pos_int (call, 0, -1);

  char *clean = NULL;
  if (data)
    {
      clean = g_malloc (dlen + 1);
      for (size_t i = 0; i < dlen; i++)
        clean[i] = data[i] ? data[i] : ' ';
      clean[dlen] = '\0';
    }
  nasl_report r = {
    .struct_size = sizeof (nasl_report),
    .kind = kind,
    .oid = script_meta_running_oid (st),
    .script = state_script_path (st),
    .port = port < 0 || port > 65535 ? 0 : (int) port,
    .proto = proto ? proto : "tcp",
    .data = clean,
    .data_len = clean ? dlen : 0,
    .uri = uri,
  };
  state_emit_report (st, &r);
  g_free (clean);
  return NASL_NULL;
}

static nasl_value
bi_log_message (nasl_call *call)
{
  return report_something (call, NASL_REPORT_LOG);
}

static nasl_value
bi_security_message (nasl_call *call)
{
  return report_something (call, NASL_REPORT_ALARM);
}

static nasl_value
bi_error_message (nasl_call *call)
{
  return report_something (call, NASL_REPORT_ERROR);
}

#define REPORT_PARAMS "data:x? port:i? proto:s? protocol:s? uri:s?"

const nasl_builtin lib_report_builtins[] = {
  { "log_message", bi_log_message, 0, 1, REPORT_PARAMS },
  { "security_message", bi_security_message, 0, 1, REPORT_PARAMS },
  { "error_message", bi_error_message, 0, 1, REPORT_PARAMS },
  NASL_BUILTIN_END
};
