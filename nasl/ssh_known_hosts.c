/* SPDX-License-Identifier: GPL-2.0-or-later */
/* ssh_known_hosts.c: OpenSSH known_hosts files: lookup, fingerprints, locked append. */
#include "ssh_known_hosts.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/file.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>

/* Largest known-hosts file we read (OpenSSH has no limit; ours keeps a
** mistaken path such as /dev/zero from eating memory). */
#define SSHKH_MAX_FILE ((size_t) 64 * 1024 * 1024)
/* Salt and digest length of hashed names (HMAC-SHA1). */
#define SSHKH_SALT_LEN 20
#define SSHKH_LOCK_SLICE_US 20000

void
sshkh_match_clear (sshkh_match *m)
{
  g_free (m->listed_type);
  g_free (m->listed_fp);
  g_free (m->listed_as);
  m->listed_type = NULL;
  m->listed_fp = NULL;
  m->listed_as = NULL;
}

char *
sshkh_host_field (const char *name, unsigned int port)
{
  if (port == 0 || port == 22)
    return g_strdup (name);
  return g_strdup_printf ("[%s]:%u", name, port);
}

char *
sshkh_fingerprint (const guchar *blob, size_t len)
{
  GChecksum *ck = g_checksum_new (G_CHECKSUM_SHA256);
  guint8 digest[32];
  gsize dlen = sizeof digest;
  char *b64, *out;
  size_t n;

  g_checksum_update (ck, blob, (gssize) len);
  g_checksum_get_digest (ck, digest, &dlen);
  g_checksum_free (ck);
  b64 = g_base64_encode (digest, dlen);
  n = strlen (b64);
  while (n > 0 && b64[n - 1] == '=')
    b64[--n] = '\0';
  out = g_strconcat ("SHA256:", b64, NULL);
  g_free (b64);
  return out;
}

char *
sshkh_blob_type (const guchar *blob, size_t len)
{
  guint32 n;

  if (len < 4)
    return NULL;
  n = ((guint32) blob[0] << 24) | ((guint32) blob[1] << 16) | ((guint32) blob[2] << 8)
      | blob[3];
  if (n == 0 || n > 64 || n > len - 4)
    return NULL;
  for (guint32 i = 0; i < n; i++)
    if (blob[4 + i] <= ' ' || blob[4 + i] > '~')
      return NULL;
  return g_strndup ((const char *) blob + 4, n);
}

/* --- reading ------------------------------------------------------------- */

/* Reads all of 'fd' up to SSHKH_MAX_FILE bytes. */
static int
sshkh_read_fd (int fd, const char *path, GString *buf, GString *err)
{
  char chunk[65536];

  for (;;)
    {
      ssize_t n = read (fd, chunk, sizeof chunk);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          g_string_append_printf (err, "cannot read known-hosts file '%s': %s", path,
                                  g_strerror (errno));
          return -1;
        }
      if (n == 0)
        return 0;
      if ((size_t) n > SSHKH_MAX_FILE - buf->len)
        {
          g_string_append_printf (err, "known-hosts file '%s' is larger than %zu bytes",
                                  path, SSHKH_MAX_FILE);
          return -1;
        }
      g_string_append_len (buf, chunk, n);
    }
}

int
sshkh_load (const char *path, char **text, size_t *len, int *missing, GString *err)
{
  struct stat st;
  GString *buf;
  int fd;

  *text = NULL;
  *len = 0;
  *missing = 0;
  if (stat (path, &st) != 0 && errno == ENOENT)
    {
      *missing = 1;
      *text = g_strdup ("");
      return 0;
    }
  fd = open (path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0)
    {
      g_string_append_printf (err, "cannot read known-hosts file '%s': %s", path,
                              g_strerror (errno));
      return -1;
    }
  if (fstat (fd, &st) != 0 || S_ISDIR (st.st_mode)
      || !(S_ISREG (st.st_mode) || S_ISCHR (st.st_mode)))
    {
      g_string_append_printf (err, "known-hosts file '%s' is %s", path,
                              S_ISDIR (st.st_mode) ? "a directory" : "not a regular file");
      close (fd);
      return -1;
    }
  buf = g_string_new (NULL);
  if (sshkh_read_fd (fd, path, buf, err))
    {
      close (fd);
      g_string_free (buf, TRUE);
      return -1;
    }
  close (fd);
  *len = buf->len;
  *text = g_string_free (buf, FALSE);
  return 0;
}

/* --- host patterns ------------------------------------------------------- */

/* Case-insensitive glob match of 'pat' (length 'plen', '*' and '?') against
** 's'; the usual one-backtrack-point walk, O(len(pat) * len(s)) at worst. */
static int
sshkh_glob (const char *pat, size_t plen, const char *s)
{
  size_t p = 0, star = (size_t) -1;
  const char *resume = NULL;

  while (*s)
    {
      if (p < plen && pat[p] == '*')
        {
          star = p++;
          resume = s;
        }
      else if (p < plen && (pat[p] == '?' || g_ascii_tolower (pat[p]) == g_ascii_tolower (*s)))
        {
          p++;
          s++;
        }
      else if (star != (size_t) -1)
        {
          p = star + 1;
          s = ++resume;
        }
      else
        return 0;
    }
  while (p < plen && pat[p] == '*')
    p++;
  return p == plen;
}

/* A hashed name "|1|SALT|HASH" against 'lookup'. */
static int
sshkh_hashed_match (const char *field, size_t flen, const char *lookup)
{
  const char *salt64 = field + 3;
  const char *bar = memchr (salt64, '|', flen - 3);
  char *salt_text, *hash_text;
  guchar *salt, *hash;
  gsize salt_len = 0, hash_len = 0;
  guint8 digest[20];
  gsize dlen = sizeof digest;
  GHmac *h;
  int ok = 0;

  if (!bar)
    return 0;
  salt_text = g_strndup (salt64, (gsize) (bar - salt64));
  hash_text = g_strndup (bar + 1, (gsize) (field + flen - bar - 1));
  salt = g_base64_decode (salt_text, &salt_len);
  hash = g_base64_decode (hash_text, &hash_len);
  if (salt_len == SSHKH_SALT_LEN && hash_len == sizeof digest)
    {
      h = g_hmac_new (G_CHECKSUM_SHA1, salt, salt_len);
      g_hmac_update (h, (const guchar *) lookup, (gssize) strlen (lookup));
      g_hmac_get_digest (h, digest, &dlen);
      g_hmac_unref (h);
      ok = dlen == hash_len && memcmp (digest, hash, dlen) == 0;
    }
  g_free (salt_text);
  g_free (hash_text);
  g_free (salt);
  g_free (hash);
  return ok;
}

/* OpenSSH's rule: a negated pattern that matches excludes the line; else
** any positive pattern that matches includes it. */
static int
sshkh_hosts_match (const char *field, size_t flen, const char *lookup)
{
  int positive = 0;
  size_t i = 0;

  if (flen > 3 && !memcmp (field, "|1|", 3))
    return sshkh_hashed_match (field, flen, lookup);
  while (i < flen)
    {
      size_t j = i;
      int negate;

      while (j < flen && field[j] != ',')
        j++;
      negate = j > i && field[i] == '!';
      if (j > i + (size_t) negate
          && sshkh_glob (field + i + negate, j - i - (size_t) negate, lookup))
        {
          if (negate)
            return 0;
          positive = 1;
        }
      i = j + 1;
    }
  return positive;
}

/* --- lines --------------------------------------------------------------- */

typedef enum { SSHKH_PLAIN, SSHKH_MARK_REVOKED, SSHKH_MARK_OTHER } sshkh_marker;

/* One parsed line; pointers into the text. */
typedef struct sshkh_line {
  sshkh_marker marker;
  const char *hosts;
  size_t hosts_len;
  char *type;       /* the blob's own key type (g_free) */
  guchar *blob;     /* g_free */
  gsize blob_len;
} sshkh_line;

static void
sshkh_line_clear (sshkh_line *l)
{
  g_free (l->type);
  g_free (l->blob);
  l->type = NULL;
  l->blob = NULL;
}

/* The next whitespace-separated token of [*p, end). */
static int
sshkh_token (const char **p, const char *end, const char **tok, size_t *len)
{
  const char *s = *p;

  while (s < end && (*s == ' ' || *s == '\t'))
    s++;
  if (s >= end)
    return 0;
  *tok = s;
  while (s < end && *s != ' ' && *s != '\t')
    s++;
  *len = (size_t) (s - *tok);
  *p = s;
  return 1;
}

static int
sshkh_is_base64 (const char *s, size_t n)
{
  for (size_t i = 0; i < n; i++)
    if (!g_ascii_isalnum (s[i]) && s[i] != '+' && s[i] != '/' && s[i] != '=')
      return 0;
  return n > 0;
}

/* Parses [line, end).  Returns 1 for a key line, 0 for anything else
** (comments, blank lines, lines OpenSSH would also skip). */
static int
sshkh_parse_line (const char *line, const char *end, sshkh_line *l)
{
  const char *p = line, *tok, *type;
  size_t len, type_len;
  char *b64;

  memset (l, 0, sizeof *l);
  if (!sshkh_token (&p, end, &tok, &len) || *tok == '#')
    return 0;
  l->marker = SSHKH_PLAIN;
  if (*tok == '@')
    {
      l->marker = len == 8 && !memcmp (tok, "@revoked", 8) ? SSHKH_MARK_REVOKED
                                                          : SSHKH_MARK_OTHER;
      if (!sshkh_token (&p, end, &tok, &len))
        return 0;
    }
  l->hosts = tok;
  l->hosts_len = len;
  if (!sshkh_token (&p, end, &type, &type_len) || !sshkh_token (&p, end, &tok, &len)
      || !sshkh_is_base64 (tok, len))
    return 0;
  b64 = g_strndup (tok, len);
  l->blob = g_base64_decode (b64, &l->blob_len);
  g_free (b64);
  l->type = sshkh_blob_type (l->blob, l->blob_len);
  if (!l->type || strlen (l->type) != type_len || memcmp (l->type, type, type_len))
    {
      sshkh_line_clear (l);
      return 0;
    }
  return 1;
}

/* The lookup string under which the line names the host, or NULL. */
static const char *
sshkh_line_names (const sshkh_line *l, char **lookups)
{
  for (size_t i = 0; lookups[i]; i++)
    if (sshkh_hosts_match (l->hosts, l->hosts_len, lookups[i]))
      return lookups[i];
  return NULL;
}

/* "name" or "[name]:port" for every name, lower case. */
static char **
sshkh_lookups (const char *const *names, unsigned int port)
{
  GPtrArray *a = g_ptr_array_new ();

  for (size_t i = 0; names && names[i]; i++)
    {
      char *low, *field;

      if (!*names[i])
        continue;
      low = g_ascii_strdown (names[i], -1);
      field = sshkh_host_field (low, port);
      g_free (low);
      g_ptr_array_add (a, field);
    }
  g_ptr_array_add (a, NULL);
  return (char **) g_ptr_array_free (a, FALSE);
}

/* Calls fn for every key line that names the host; stops when fn returns 1. */
typedef int (*sshkh_visit_fn) (void *ud, const sshkh_line *l, unsigned int lineno,
                               const char *lookup);

static void
sshkh_foreach (const char *text, size_t len, char **lookups, sshkh_visit_fn fn, void *ud)
{
  const char *p = text, *end = text + len;
  unsigned int lineno = 0;

  while (p < end)
    {
      const char *eol = memchr (p, '\n', (size_t) (end - p));
      const char *stop = eol ? eol : end;
      sshkh_line l;
      int done = 0;

      lineno++;
      if (stop > p && stop[-1] == '\r')
        stop--;
      if (sshkh_parse_line (p, stop, &l))
        {
          const char *lookup = l.marker != SSHKH_MARK_OTHER ? sshkh_line_names (&l, lookups)
                                                             : NULL;

          if (lookup)
            done = fn (ud, &l, lineno, lookup);
          sshkh_line_clear (&l);
        }
      if (done || !eol)
        break;
      p = eol + 1;
    }
}

/* --- checking ------------------------------------------------------------ */

typedef struct sshkh_scan {
  const guchar *blob;
  size_t bloblen;
  char *type;                      /* the offered key's type */
  unsigned int revoked, listed, changed, other;  /* first line of each kind */
  char *changed_type, *other_type;
  char *changed_fp, *other_fp;
  char *revoked_as, *changed_as, *other_as;      /* the names they matched */
} sshkh_scan;

static int
sshkh_scan_line (void *ud, const sshkh_line *l, unsigned int lineno, const char *lookup)
{
  sshkh_scan *s = ud;
  int same = l->blob_len == s->bloblen && !memcmp (l->blob, s->blob, s->bloblen);

  if (l->marker == SSHKH_MARK_REVOKED)
    {
      if (same && !s->revoked)
        {
          s->revoked = lineno;
          s->revoked_as = g_strdup (lookup);
        }
      return 0;
    }
  if (same)
    {
      if (!s->listed)
        s->listed = lineno;
    }
  else if (s->type && !strcmp (l->type, s->type))
    {
      if (!s->changed)
        {
          s->changed = lineno;
          s->changed_as = g_strdup (lookup);
          s->changed_type = g_strdup (l->type);
          s->changed_fp = sshkh_fingerprint (l->blob, l->blob_len);
        }
    }
  else if (!s->other)
    {
      s->other = lineno;
      s->other_as = g_strdup (lookup);
      s->other_type = g_strdup (l->type);
      s->other_fp = sshkh_fingerprint (l->blob, l->blob_len);
    }
  return 0;
}

void
sshkh_check (const char *text, size_t len, const char *const *names, unsigned int port,
             const guchar *blob, size_t bloblen, sshkh_match *m)
{
  char **lookups = sshkh_lookups (names, port);
  sshkh_scan s;

  memset (&s, 0, sizeof s);
  s.blob = blob;
  s.bloblen = bloblen;
  s.type = sshkh_blob_type (blob, bloblen);
  sshkh_foreach (text, len, lookups, sshkh_scan_line, &s);
  memset (m, 0, sizeof *m);
  if (s.revoked)
    {
      m->verdict = SSHKH_REVOKED;
      m->line = s.revoked;
      m->listed_as = g_steal_pointer (&s.revoked_as);
      m->listed_type = g_strdup (s.type);
      m->listed_fp = sshkh_fingerprint (blob, bloblen);
    }
  else if (s.listed)
    {
      m->verdict = SSHKH_LISTED;
      m->line = s.listed;
    }
  else if (s.changed)
    {
      m->verdict = SSHKH_CHANGED;
      m->line = s.changed;
      m->listed_as = g_steal_pointer (&s.changed_as);
      m->listed_type = g_steal_pointer (&s.changed_type);
      m->listed_fp = g_steal_pointer (&s.changed_fp);
    }
  else if (s.other)
    {
      m->verdict = SSHKH_OTHER_TYPE;
      m->line = s.other;
      m->listed_as = g_steal_pointer (&s.other_as);
      m->listed_type = g_steal_pointer (&s.other_type);
      m->listed_fp = g_steal_pointer (&s.other_fp);
    }
  else
    m->verdict = SSHKH_UNLISTED;
  g_free (s.type);
  g_free (s.changed_type);
  g_free (s.changed_fp);
  g_free (s.other_type);
  g_free (s.other_fp);
  g_free (s.revoked_as);
  g_free (s.changed_as);
  g_free (s.other_as);
  g_strfreev (lookups);
}

static int
sshkh_collect_type (void *ud, const sshkh_line *l, unsigned int lineno, const char *lookup)
{
  GPtrArray *types = ud;

  (void) lineno;
  (void) lookup;
  if (l->marker == SSHKH_MARK_REVOKED)
    return 0;
  for (guint i = 0; i < types->len; i++)
    if (!strcmp (g_ptr_array_index (types, i), l->type))
      return 0;
  g_ptr_array_add (types, g_strdup (l->type));
  return 0;
}

char **
sshkh_listed_types (const char *text, size_t len, const char *const *names,
                    unsigned int port)
{
  char **lookups = sshkh_lookups (names, port);
  GPtrArray *types = g_ptr_array_new ();

  sshkh_foreach (text, len, lookups, sshkh_collect_type, types);
  g_strfreev (lookups);
  g_ptr_array_add (types, NULL);
  return (char **) g_ptr_array_free (types, FALSE);
}

/* --- appending ----------------------------------------------------------- */

/* Does the file already use hashed names?  (Its first key line decides.) */
static int
sshkh_uses_hashing (const char *text, size_t len)
{
  const char *p = text, *end = text + len;

  while (p < end)
    {
      const char *eol = memchr (p, '\n', (size_t) (end - p));
      const char *stop = eol ? eol : end;
      sshkh_line l;

      if (sshkh_parse_line (p, stop, &l))
        {
          int hashed = l.hosts_len > 3 && !memcmp (l.hosts, "|1|", 3);

          sshkh_line_clear (&l);
          return hashed;
        }
      if (!eol)
        break;
      p = eol + 1;
    }
  return 0;
}

/* "|1|SALT|HMAC" for the lookup string 'field'. */
static char *
sshkh_hash_name (const char *field)
{
  guchar salt[SSHKH_SALT_LEN];
  guint8 digest[20];
  gsize dlen = sizeof digest;
  char *salt64, *hash64, *out;
  GHmac *h;

  if (getrandom (salt, sizeof salt, 0) != (ssize_t) sizeof salt)
    for (size_t i = 0; i < sizeof salt; i++)
      salt[i] = (guchar) g_random_int_range (0, 256);
  h = g_hmac_new (G_CHECKSUM_SHA1, salt, sizeof salt);
  g_hmac_update (h, (const guchar *) field, (gssize) strlen (field));
  g_hmac_get_digest (h, digest, &dlen);
  g_hmac_unref (h);
  salt64 = g_base64_encode (salt, sizeof salt);
  hash64 = g_base64_encode (digest, dlen);
  out = g_strdup_printf ("|1|%s|%s", salt64, hash64);
  g_free (salt64);
  g_free (hash64);
  return out;
}

/* Creates the file's directory (one level, mode 0700) when it is missing. */
static int
sshkh_ensure_dir (const char *path, GString *err)
{
  char *dir = g_path_get_dirname (path);
  int rc = 0;

  if (!g_file_test (dir, G_FILE_TEST_IS_DIR) && mkdir (dir, 0700) != 0 && errno != EEXIST)
    {
      g_string_append_printf (err, "cannot create directory '%s' for known-hosts file "
                              "'%s': %s", dir, path, g_strerror (errno));
      rc = -1;
    }
  g_free (dir);
  return rc;
}

/* Opens (creating) the file for appending and takes an exclusive lock. */
static int
sshkh_open_locked (const char *path, long wait_ms, GString *err)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) wait_ms * 1000;
  struct stat st;
  int fd;

  if (stat (path, &st) == 0 && !S_ISREG (st.st_mode))
    {
      g_string_append_printf (err, "cannot record the host key in '%s': %s", path,
                              S_ISDIR (st.st_mode) ? "it is a directory"
                                                   : "not a regular file");
      return -1;
    }
  if (sshkh_ensure_dir (path, err))
    return -1;
  fd = open (path, O_RDWR | O_APPEND | O_CREAT | O_CLOEXEC | O_NONBLOCK, 0644);
  if (fd < 0)
    {
      g_string_append_printf (err, "cannot record the host key in '%s': %s", path,
                              g_strerror (errno));
      return -1;
    }
  if (fstat (fd, &st) != 0 || !S_ISREG (st.st_mode))
    {
      g_string_append_printf (err, "cannot record the host key in '%s': not a regular "
                              "file", path);
      close (fd);
      return -1;
    }
  while (flock (fd, LOCK_EX | LOCK_NB) != 0)
    {
      if (errno != EWOULDBLOCK && errno != EINTR)
        {
          g_string_append_printf (err, "cannot lock known-hosts file '%s': %s", path,
                                  g_strerror (errno));
          close (fd);
          return -1;
        }
      if (g_get_monotonic_time () >= deadline)
        {
          g_string_append_printf (err, "known-hosts file '%s' stayed locked by another "
                                  "process for %ld ms", path, wait_ms);
          close (fd);
          return -1;
        }
      g_usleep (SSHKH_LOCK_SLICE_US);
    }
  return fd;
}

/* Writes all of 'line' to 'fd'. */
static int
sshkh_write_all (int fd, const char *path, const char *line, size_t len, GString *err)
{
  while (len > 0)
    {
      ssize_t n = write (fd, line, len);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        {
          g_string_append_printf (err, "cannot write known-hosts file '%s': %s", path,
                                  n < 0 ? g_strerror (errno) : "short write");
          return -1;
        }
      line += n;
      len -= (size_t) n;
    }
  return 0;
}

/* The line to append for names[0] (a newline first when the file lacks its
** final one). */
static char *
sshkh_new_line (const char *text, size_t len, const char *name, unsigned int port,
                const guchar *blob, size_t bloblen)
{
  char *low = g_ascii_strdown (name, -1);
  char *field = sshkh_host_field (low, port);
  char *type = sshkh_blob_type (blob, bloblen);
  char *b64 = g_base64_encode (blob, bloblen);
  char *host = sshkh_uses_hashing (text, len) ? sshkh_hash_name (field) : g_strdup (field);
  char *line = g_strdup_printf ("%s%s %s %s\n", len > 0 && text[len - 1] != '\n' ? "\n" : "",
                                host, type ? type : "?", b64);

  g_free (low);
  g_free (field);
  g_free (type);
  g_free (b64);
  g_free (host);
  return line;
}

int
sshkh_add (const char *path, const char *const *names, unsigned int port,
           const guchar *blob, size_t bloblen, long wait_ms, sshkh_match *m, GString *err)
{
  GString *buf;
  char *line;
  int fd, rc;

  memset (m, 0, sizeof *m);
  if (!names || !names[0] || !*names[0])
    {
      g_string_append (err, "no host name to record the key under");
      return -1;
    }
  fd = sshkh_open_locked (path, wait_ms, err);
  if (fd < 0)
    return -1;
  buf = g_string_new (NULL);
  if (lseek (fd, 0, SEEK_SET) < 0 || sshkh_read_fd (fd, path, buf, err))
    {
      if (!err->len)
        g_string_append_printf (err, "cannot read known-hosts file '%s': %s", path,
                                g_strerror (errno));
      g_string_free (buf, TRUE);
      close (fd);
      return -1;
    }
  sshkh_check (buf->str, buf->len, names, port, blob, bloblen, m);
  if (m->verdict != SSHKH_UNLISTED)
    {
      g_string_free (buf, TRUE);
      close (fd);
      return 0;
    }
  line = sshkh_new_line (buf->str, buf->len, names[0], port, blob, bloblen);
  rc = sshkh_write_all (fd, path, line, strlen (line), err);
  if (rc == 0 && fsync (fd) != 0 && errno != EINVAL)
    {
      g_string_append_printf (err, "cannot write known-hosts file '%s': %s", path,
                              g_strerror (errno));
      rc = -1;
    }
  if (rc == 0)
    m->verdict = SSHKH_LISTED;
  g_free (line);
  g_string_free (buf, TRUE);
  close (fd);
  return rc;
}
