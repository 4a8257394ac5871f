/* SPDX-License-Identifier: GPL-2.0-or-later */
/* targets.c: turns TARGET arguments and --targets-file lines (hosts, smb:// URLs, CIDR blocks, ranges) into targets. */
#include "config.h"

#include <arpa/inet.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "runner.h"

void
runner_target_free (gpointer p)
{
  runner_target *t = p;
  g_free (t->name);
  g_free (t->host);
  g_free (t->user);
  g_free (t->domain);
  g_free (t);
}

const char *
runner_transport_name (runner_transport t)
{
  switch (t)
    {
    case TRANSPORT_LOCAL: return "local";
    case TRANSPORT_SMB: return "smb";
    case TRANSPORT_SSH: break;
    }
  return "ssh";
}

/* This machine, audited locally when the spec names no user and no port. */
static gboolean
is_this_machine (const char *h)
{
  return g_ascii_strcasecmp (h, "localhost") == 0 || strcmp (h, "127.0.0.1") == 0
         || strcmp (h, "::1") == 0 || strcmp (h, "local") == 0;
}

/* The parts of one spec, before any expansion. */
typedef struct spec_parts {
  char *user;  /* NULL when the spec has none */
  char *host;
  int port;    /* 0 when the spec has none */
} spec_parts;

static void
spec_parts_clear (spec_parts *sp)
{
  g_free (sp->user);
  g_free (sp->host);
}

/* How every host of one spec is reached. */
typedef struct target_plan {
  runner_transport transport; /* SSH (LOCAL for this machine) or SMB */
  const char *prefix;         /* "smb://" in the names of a URL's hosts, else "" */
  char *login;                /* SMB: the account, without its domain */
  char *domain;               /* SMB: its domain, NULL when none */
} target_plan;

static void
target_plan_clear (target_plan *tp)
{
  g_free (tp->login);
  g_free (tp->domain);
}

static gboolean
parse_port (const char *s, int *port)
{
  char *end;
  errno = 0;
  long p = strtol (s, &end, 10);
  if (!*s || *end || errno || p < 1 || p > 65535)
    return FALSE;
  *port = (int) p;
  return TRUE;
}

/* [USER@]HOST[:PORT], [USER@][V6]:PORT, a bare IPv6 address (no port). */
static gboolean
split_spec (const char *spec, spec_parts *sp)
{
  const char *at = strrchr (spec, '@');
  const char *hostpart = at ? at + 1 : spec;
  memset (sp, 0, sizeof *sp);
  if (at)
    {
      sp->user = g_strndup (spec, (size_t) (at - spec));
      if (!*sp->user)
        return FALSE;
    }
  if (*hostpart == '[')
    {
      const char *close = strchr (hostpart, ']');
      if (!close)
        return FALSE;
      sp->host = g_strndup (hostpart + 1, (size_t) (close - hostpart - 1));
      if (close[1] == ':')
        {
          if (!parse_port (close + 2, &sp->port))
            return FALSE;
        }
      else if (close[1])
        return FALSE;
    }
  else
    {
      const char *colon = strchr (hostpart, ':');
      if (colon && strchr (colon + 1, ':'))
        colon = NULL; /* a bare IPv6 address */
      sp->host = colon ? g_strndup (hostpart, (size_t) (colon - hostpart)) : g_strdup (hostpart);
      if (colon && !parse_port (colon + 1, &sp->port))
        return FALSE;
    }
  if (!*sp->host)
    return FALSE;
  for (const char *c = sp->host; *c; c++)
    if (g_ascii_isspace (*c) || (unsigned char) *c < 0x20 || *c == '\'' || *c == '"')
      return FALSE;
  return TRUE;
}

static char *
target_name (const spec_parts *sp, const target_plan *tp, const char *host)
{
  gboolean v6 = strchr (host, ':') != NULL;
  GString *n = g_string_new (tp->prefix);
  if (sp->user)
    g_string_append_printf (n, "%s@", sp->user);
  if (sp->port && v6)
    g_string_append_printf (n, "[%s]:%d", host, sp->port);
  else if (sp->port)
    g_string_append_printf (n, "%s:%d", host, sp->port);
  else
    g_string_append (n, host);
  return g_string_free (n, FALSE);
}

static void
add_target (GPtrArray *out, const spec_parts *sp, const target_plan *tp, const char *host,
            const char *name, const runner_config *cfg)
{
  runner_target *t = g_new0 (runner_target, 1);
  t->name = name ? g_strdup (name) : target_name (sp, tp, host);
  t->host = g_strdup (host);
  if (tp->transport == TRANSPORT_SMB)
    {
      t->transport = TRANSPORT_SMB;
      t->user = g_strdup (tp->login);
      t->domain = g_strdup (tp->domain);
      t->port = sp->port ? sp->port : cfg->smb_port ? cfg->smb_port : 445;
      t->user_given = t->port_given = 1;
    }
  else
    {
      t->user = g_strdup (sp->user ? sp->user : cfg->user ? cfg->user : g_get_user_name ());
      t->port = sp->port ? sp->port : cfg->port;
      t->user_given = sp->user || cfg->user;
      t->port_given = sp->port || cfg->port_given;
      t->transport = is_this_machine (host) && !sp->user && !sp->port ? TRANSPORT_LOCAL
                                                                        : TRANSPORT_SSH;
    }
  if (strcmp (host, "local") == 0)
    {
      g_free (t->host);
      t->host = g_strdup ("localhost");
    }
  g_ptr_array_add (out, t);
}

static gboolean
too_many (GPtrArray *out, guint64 more, const char *spec, char **err)
{
  if ((guint64) out->len + more <= TARGETS_MAX)
    return FALSE;
  *err = g_strdup_printf ("'%s' stands for %" G_GUINT64_FORMAT " hosts; more than %d targets in "
                          "all is refused",
                          spec, more, TARGETS_MAX);
  return TRUE;
}

/* 10.0.0.0/24 (network and broadcast addresses left out below /31),
** fd00::/120. */
static gboolean
expand_cidr (GPtrArray *out, const spec_parts *sp, const target_plan *tp, const char *spec,
             const runner_config *cfg, char **err)
{
  const char *slash = strchr (sp->host, '/');
  char *addr = g_strndup (sp->host, (size_t) (slash - sp->host));
  char *end;
  errno = 0;
  long prefix = strtol (slash + 1, &end, 10);
  gboolean v6 = strchr (addr, ':') != NULL;
  guint8 bytes[16];
  int bits = v6 ? 128 : 32;
  gboolean ok = FALSE;
  if (!slash[1] || *end || errno || prefix < 0 || prefix > bits
      || inet_pton (v6 ? AF_INET6 : AF_INET, addr, bytes) != 1)
    {
      *err = g_strdup_printf ("malformed address block '%s' (expected ADDRESS/PREFIX)", spec);
      goto out;
    }
  int host_bits = bits - (int) prefix;
  guint64 count = host_bits >= 63 ? G_MAXUINT64 : (guint64) 1 << host_bits;
  gboolean skip_ends = !v6 && host_bits >= 2;
  if (too_many (out, skip_ends ? count - 2 : count, spec, err))
    goto out;
  /* clear the host bits, then count up through them */
  for (int b = (int) prefix; b < bits; b++)
    bytes[b / 8] &= (guint8) ~(0x80u >> (b % 8));
  for (guint64 i = 0; i < count; i++)
    {
      guint8 a[16];
      memcpy (a, bytes, sizeof a);
      guint64 n = i;
      for (int k = bits / 8 - 1; k >= 0 && n; k--)
        {
          guint v = a[k] + (guint) (n & 0xff);
          a[k] = (guint8) v;
          n = (n >> 8) + (v >> 8);
        }
      if (skip_ends && (i == 0 || i == count - 1))
        continue;
      char text[INET6_ADDRSTRLEN];
      inet_ntop (v6 ? AF_INET6 : AF_INET, a, text, sizeof text);
      add_target (out, sp, tp, text, NULL, cfg);
    }
  ok = TRUE;
out:
  g_free (addr);
  return ok;
}

/* 10.0.0.1-20 (last octet) and 10.0.0.1-10.0.0.20. */
static gboolean
expand_range (GPtrArray *out, const spec_parts *sp, const target_plan *tp, const char *spec,
              const runner_config *cfg, char **err)
{
  const char *dash = strchr (sp->host, '-');
  char *first = g_strndup (sp->host, (size_t) (dash - sp->host));
  const char *last = dash + 1;
  struct in_addr a, b;
  gboolean ok = FALSE;
  if (inet_pton (AF_INET, first, &a) != 1)
    goto bad;
  guint32 lo = ntohl (a.s_addr), hi;
  if (strchr (last, '.'))
    {
      if (inet_pton (AF_INET, last, &b) != 1)
        goto bad;
      hi = ntohl (b.s_addr);
    }
  else
    {
      char *end;
      errno = 0;
      long oct = strtol (last, &end, 10);
      if (!*last || *end || errno || oct < 0 || oct > 255)
        goto bad;
      hi = (lo & 0xffffff00u) | (guint32) oct;
    }
  if (hi < lo)
    goto bad;
  if (too_many (out, (guint64) hi - lo + 1, spec, err))
    goto out;
  for (guint64 n = lo; n <= hi; n++)
    {
      struct in_addr cur = { htonl ((guint32) n) };
      char text[INET_ADDRSTRLEN];
      inet_ntop (AF_INET, &cur, text, sizeof text);
      add_target (out, sp, tp, text, NULL, cfg);
    }
  ok = TRUE;
  goto out;
bad:
  *err = g_strdup_printf ("malformed address range '%s' (expected A.B.C.D-E or A.B.C.D-A.B.C.E, "
                          "first <= last)",
                          spec);
out:
  g_free (first);
  return ok;
}

static gboolean
looks_like_ipv4_range (const char *host)
{
  const char *dash = strchr (host, '-');
  if (!dash || !g_ascii_isdigit (host[0]))
    return FALSE;
  for (const char *c = host; c < dash; c++)
    if (!g_ascii_isdigit (*c) && *c != '.')
      return FALSE;
  return TRUE;
}

/* ---- SMB ------------------------------------------------------------------- */

#define SMB_SCHEME "smb://"

static const char smb_password_refused[] =
  "a target holds USER:PASSWORD, and passwords are never taken from the command line "
  "(use --smb-password-env VAR or --ask-password)";

/* An account or domain name: no control character, no '"' (Windows allows
** neither), no ':' (that would be a password). */
static gboolean
smb_name_ok (const char *s)
{
  for (; *s; s++)
    if ((unsigned char) *s < 0x20 || *s == 0x7f || *s == '"' || *s == ':')
      return FALSE;
  return TRUE;
}

/* The account of an SMB target from 'text' (the target's, else -u):
** DOMAIN;USER (the smb:// URL convention) or DOMAIN\USER, else USER with
** --smb-domain's domain; USER@DOMAIN (a UPN) stays whole and takes no
** domain, as NTLM logs it in. */
static gboolean
smb_plan_login (target_plan *tp, const char *text, const runner_config *cfg, const char *spec,
                char **err)
{
  if (!text)
    {
      *err = g_strdup_printf ("SMB target '%s' names no account (expected "
                              "smb://[DOMAIN;]USER@HOST, or give -u USER)", spec);
      return FALSE;
    }
  if (strchr (text, ':'))
    {
      *err = g_strdup (smb_password_refused);
      return FALSE;
    }
  const char *sep = strpbrk (text, ";\\");
  if (sep)
    {
      tp->domain = g_strndup (text, (size_t) (sep - text));
      tp->login = g_strdup (sep + 1);
    }
  else
    {
      tp->login = g_strdup (text);
      if (!strchr (text, '@') && cfg->smb_domain && *cfg->smb_domain)
        tp->domain = g_strdup (cfg->smb_domain);
    }
  if (!*tp->login || (tp->domain && !*tp->domain) || !smb_name_ok (tp->login)
      || (tp->domain && !smb_name_ok (tp->domain)) || strpbrk (tp->login, ";\\"))
    {
      *err = g_strdup_printf ("malformed SMB account in '%s' (expected USER, DOMAIN\\USER, "
                              "DOMAIN;USER or USER@DOMAIN)", spec);
      return FALSE;
    }
  return TRUE;
}

/* smb://[USERINFO@]HOST[:PORT][/]: the host part into 'sp' (HOST may be an
** address block, smb://USER@10.0.0.0/24, or a range), the USERINFO as
** written into sp->user (for names) and %-decoded into *login. */
static gboolean
smb_parse_url (const char *spec, spec_parts *sp, char **login, char **err)
{
  const char *rest = spec + strlen (SMB_SCHEME);
  const char *slash = strchr (rest, '/');
  char *authority = slash ? g_strndup (rest, (size_t) (slash - rest)) : g_strdup (rest);
  char *at = strrchr (authority, '@');
  char *userinfo = at ? g_strndup (authority, (size_t) (at - authority)) : NULL;
  char *host = NULL;
  gboolean ok = FALSE;

  memset (sp, 0, sizeof *sp);
  if (userinfo && strchr (userinfo, ':'))
    {
      *err = g_strdup (smb_password_refused);
      goto out;
    }
  /* after the host: nothing, "/", or an address block's "/PREFIX" */
  if (slash && slash[1] && strspn (slash + 1, "0123456789") != strlen (slash + 1))
    {
      *err = g_strdup_printf ("SMB target '%s' names a share or path; give the host only "
                              "(smb://[DOMAIN;]USER@HOST[:PORT])", spec);
      goto out;
    }
  host = g_strconcat (at ? at + 1 : authority, slash && slash[1] ? slash : "", NULL);
  if (!split_spec (host, sp) || sp->user || (userinfo && !*userinfo))
    {
      spec_parts_clear (sp);
      memset (sp, 0, sizeof *sp);
      *err = g_strdup_printf ("malformed SMB target '%s' (expected smb://[DOMAIN;]USER@HOST[:PORT])",
                              spec);
      goto out;
    }
  if (userinfo)
    {
      *login = g_uri_unescape_string (userinfo, NULL);
      if (!*login)
        {
          *err = g_strdup_printf ("malformed SMB target '%s' (a bad %%-escape in the account)", spec);
          goto out;
        }
      sp->user = g_steal_pointer (&userinfo);
    }
  ok = TRUE;
out:
  g_free (authority);
  g_free (userinfo);
  g_free (host);
  return ok;
}

/* ---- one spec ------------------------------------------------------------------ */

gboolean
targets_add_spec (GPtrArray *out, const char *spec, const runner_config *cfg, char **err)
{
  spec_parts sp = { 0 };
  target_plan tp = { TRANSPORT_SSH, "", NULL, NULL };
  char *login = NULL;
  gboolean ok = FALSE;

  if (g_ascii_strncasecmp (spec, SMB_SCHEME, strlen (SMB_SCHEME)) == 0)
    {
      tp.transport = TRANSPORT_SMB;
      tp.prefix = SMB_SCHEME;
      if (!smb_parse_url (spec, &sp, &login, err))
        goto out;
    }
  else if (!split_spec (spec, &sp))
    {
      *err = g_strdup_printf ("malformed target '%s' (expected [USER@]HOST[:PORT])", spec);
      goto out;
    }
  else if (cfg->smb)
    {
      tp.transport = TRANSPORT_SMB;
      login = g_strdup (sp.user);
    }
  if (tp.transport == TRANSPORT_SMB
      && !smb_plan_login (&tp, login ? login : cfg->user, cfg, spec, err))
    goto out;
  if (strchr (sp.host, '/'))
    ok = expand_cidr (out, &sp, &tp, spec, cfg, err);
  else if (looks_like_ipv4_range (sp.host))
    ok = expand_range (out, &sp, &tp, spec, cfg, err);
  else if (!too_many (out, 1, spec, err))
    {
      add_target (out, &sp, &tp, sp.host, spec, cfg);
      ok = TRUE;
    }
out:
  g_free (login);
  spec_parts_clear (&sp);
  target_plan_clear (&tp);
  return ok;
}

gboolean
targets_add_file (GPtrArray *out, const char *file, const runner_config *cfg, char **err)
{
  char *text = NULL;
  gsize len = 0;
  GError *gerr = NULL;
  gboolean ok;
  if (strcmp (file, "-") == 0)
    {
      GIOChannel *in = g_io_channel_unix_new (0);
      g_io_channel_set_encoding (in, NULL, NULL);
      ok = g_io_channel_read_to_end (in, &text, &len, &gerr) == G_IO_STATUS_NORMAL;
      g_io_channel_unref (in);
    }
  else if (!g_file_test (file, G_FILE_TEST_IS_REGULAR))
    {
      *err = g_strdup_printf ("targets file '%s' is not a readable regular file", file);
      return FALSE;
    }
  else
    ok = g_file_get_contents (file, &text, &len, &gerr);
  if (!ok)
    {
      *err = g_strdup_printf ("cannot read targets file '%s': %s", file, gerr->message);
      g_error_free (gerr);
      return FALSE;
    }
  char **lines = g_strsplit (text, "\n", -1);
  ok = TRUE;
  for (guint i = 0; lines[i] && ok; i++)
    {
      char *hash = strchr (lines[i], '#');
      if (hash)
        *hash = '\0';
      char *line = g_strstrip (lines[i]);
      if (!*line)
        continue;
      char *why = NULL;
      if (!targets_add_spec (out, line, cfg, &why))
        {
          *err = g_strdup_printf ("%s:%u: %s", strcmp (file, "-") == 0 ? "<stdin>" : file, i + 1, why);
          g_free (why);
          ok = FALSE;
        }
    }
  g_strfreev (lines);
  g_free (text);
  return ok;
}
