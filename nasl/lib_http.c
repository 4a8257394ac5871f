/* SPDX-License-Identifier: GPL-2.0-or-later */
/* lib_http.c: builtin family 'http': http_open_socket, http_get & co (request text), cgibin. */
#include "libs.h"
#include "kb.h"
#include "lib_socket.h"
#include "nasl.h"
#include "state.h"

#include <glib.h>
#include <stdlib.h>
#include <string.h>

/*
** http_get/head/post/put/delete build a request; they send nothing.  As in
** openvas-nasl: an HTTP/1.1 request with the headers below unless the KB
** says "http/<port>" is another version (then a bare HTTP/1.0 request line);
** "/tmp/http/auth/<port>" or "http/auth" (KB) is added as a header line;
** data: adds Content-Length and the body.  The User-Agent is the "HTTP
** User-Agent" preference of the Global variable settings (OID
** 1.3.6.1.4.1.25623.1.0.12288), else "Mozilla/5.0 [en] (X11, U; <vendor>)"
** with the vendor_version preference, else OpenVAS-VT and the version.
*/

#define GLOBAL_SETTINGS_OID "1.3.6.1.4.1.25623.1.0.12288"
#define UA_PREF_NAME "HTTP User-Agent"
#define HTTP_ACCEPT "image/gif, image/x-xbitmap, image/jpeg, image/pjpeg, image/png, */*"

/* http_open_socket(port): open_sock_tcp with a 64 KiB read buffer. */
static nasl_value
bi_http_open_socket (nasl_call *call)
{
  return socket_open_tcp (call, 65536);
}

static nasl_value
bi_http_close_socket (nasl_call *call)
{
  return socket_close (call);
}

typedef struct ua_search {
  const char *found;
} ua_search;

static void
find_ua_pref (gpointer key, gpointer value, gpointer ud)
{
  ua_search *s = ud;
  const char *k = key;

  /* "OID:ID:TYPE:NAME" as the scanner passes plugin preferences */
  if (s->found == NULL && g_str_has_prefix (k, GLOBAL_SETTINGS_OID ":")
      && g_str_has_suffix (k, ":" UA_PREF_NAME))
    s->found = value;
}

/* The User-Agent header value (g_free). */
static char *
user_agent (nasl_state *st)
{
  ua_search s = { NULL };
  const char *vendor = nasl_get_preference (st, "vendor_version");

  g_hash_table_foreach (st->prefs, find_ua_pref, &s);
  if (s.found != NULL)
    {
      char *ua = g_strstrip (g_strdup (s.found));
      if (*ua)
        return ua;
      g_free (ua);
    }
  if (vendor != NULL && *vendor)
    return g_strdup_printf ("Mozilla/5.0 [en] (X11, U; %s)", vendor);
  return g_strdup ("Mozilla/5.0 [en] (X11, U; OpenVAS-VT " NASL_OPENVAS_VERSION ")");
}

/* The first KB value of 'name': an int via *ival (returns NULL), a string as is. */
static const char *
kb_first (nasl_state *st, const char *name, long *ival, bool *found)
{
  size_t n;
  const kb_value *v = kb_get (nasl_state_kb (st), name, &n);

  *found = n > 0;
  if (n == 0)
    return NULL;
  if (v[0].is_int)
    {
      *ival = v[0].i;
      return NULL;
    }
  *ival = atol (v[0].s);
  return v[0].s;
}

/* The request of 'method' for item: on port:, with optional data:. */
static nasl_value
http_request (nasl_call *call, const char *method)
{
  nasl_state *st = nasl_call_state (call);
  size_t ilen, dlen;
  const char *item = nasl_arg_str (call, "item", &ilen);
  const char *data = nasl_arg_str (call, "data", &dlen);
  long port = nasl_arg_int (call, "port", -1);
  char key[64];
  long ver = 0;
  bool found;
  const char *auth;
  GString *req;

  if (item == NULL || port < 0)
    {
      nasl_call_error (call, "Error : http_* functions have the following syntax :");
      nasl_call_error (call, "http_*(port:<port>, item:<item> [, data:<data>]");
      return NASL_NULL;
    }
  if (port <= 0 || port > 65535)
    {
      nasl_call_error (call, "http_req: invalid value %ld for port parameter", port);
      return NASL_NULL;
    }
  g_snprintf (key, sizeof key, "http/%ld", port);
  kb_first (st, key, &ver, &found);
  req = g_string_new (NULL);
  if (!found || ver <= 0 || ver == 11)
    {
      const char *host = nasl_get_target_name (st);
      char *ua = user_agent (st);
      g_string_append_printf (req, "%s %s HTTP/1.1\r\nConnection: Close\r\n", method, item);
      if (port == 80 || port == 443)
        g_string_append_printf (req, "Host: %s\r\n", host);
      else
        g_string_append_printf (req, "Host: %s:%ld\r\n", host, port);
      g_string_append_printf (req, "Pragma: no-cache\r\nCache-Control: no-cache\r\n"
                                   "User-Agent: %s\r\nAccept: " HTTP_ACCEPT "\r\n"
                                   "Accept-Language: en\r\nAccept-Charset: iso-8859-1,*,utf-8\r\n",
                              ua);
      g_free (ua);
    }
  else
    g_string_append_printf (req, "%s %s HTTP/1.0\r\n", method, item);
  g_snprintf (key, sizeof key, "/tmp/http/auth/%ld", port);
  auth = kb_first (st, key, &ver, &found);
  if (auth == NULL)
    auth = kb_first (st, "http/auth", &ver, &found);
  if (auth != NULL)
    g_string_append_printf (req, "%s\r\n", auth);
  if (data != NULL)
    g_string_append_printf (req, "Content-Length: %zu\r\n\r\n%s", strlen (data), data);
  else
    g_string_append (req, "\r\n");
  size_t len = req->len;
  return nasl_value_data_take (g_string_free (req, FALSE), len);
}

static nasl_value bi_http_get (nasl_call *c) { return http_request (c, "GET"); }
static nasl_value bi_http_head (nasl_call *c) { return http_request (c, "HEAD"); }
static nasl_value bi_http_post (nasl_call *c) { return http_request (c, "POST"); }
static nasl_value bi_http_put (nasl_call *c) { return http_request (c, "PUT"); }
static nasl_value bi_http_delete (nasl_call *c) { return http_request (c, "DELETE"); }

/* cgibin(): the cgi_path preference, "/cgi-bin:/scripts" by default. */
static nasl_value
bi_cgibin (nasl_call *call)
{
  const char *path = nasl_get_preference (nasl_call_state (call), "cgi_path");

  if (path == NULL)
    path = "/cgi-bin:/scripts";
  return nasl_value_data (path, strlen (path));
}

#define HTTP_PARAMS "port:i? item:s? data:s?"

const nasl_builtin lib_http_builtins[] = {
  { "http_open_socket", bi_http_open_socket, 0, 1, "timeout:i? transport:i? priority:s?" },
  { "http_close_socket", bi_http_close_socket, 0, 1, "" },
  { "http_get", bi_http_get, 0, 0, HTTP_PARAMS },
  { "http_head", bi_http_head, 0, 0, HTTP_PARAMS },
  { "http_post", bi_http_post, 0, 0, HTTP_PARAMS },
  { "http_put", bi_http_put, 0, 0, HTTP_PARAMS },
  { "http_delete", bi_http_delete, 0, 0, HTTP_PARAMS },
  { "cgibin", bi_cgibin, 0, 0, "" },
  NASL_BUILTIN_END
};
