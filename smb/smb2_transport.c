/* SPDX-License-Identifier: GPL-2.0-or-later */
/* smb2_transport.c: TCP with deadlines, direct-TCP framing, credits, message ids, signing, SMB 3 encryption and compounds. */
#include "smb2_conn.h"
#include "smb_buf.h"
#include "smb_crypto.h"

#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#define SMB2_DEFAULT_PORT 445
#define SMB2_DEFAULT_CONNECT_MS 10000
#define SMB2_DEFAULT_REQUEST_MS 30000
#define SMB2_DEFAULT_MAX_IO (1024u * 1024u)
/* The direct-TCP length field has 24 bits; nothing legitimate is larger. */
#define SMB2_MAX_FRAME 0xFFFFFFu
/* Credits asked for on top of a request's charge while the balance is low. */
#define SMB2_CREDIT_TOPUP 32u
#define SMB2_CREDIT_LOW 512u
#define SMB2_CREDIT_MAX 65535u

static const uint8_t smb1_magic[4] = { 0xFF, 'S', 'M', 'B' };
static const uint8_t smb2_transform_id[4] = { 0xFD, 'S', 'M', 'B' };

/* --- deadlines and the socket ------------------------------------------------- */

static gint64
smb2_now (void)
{
  return g_get_monotonic_time ();
}

static gint64
smb2_request_deadline (const smb2_conn *c, gint64 override)
{
  gint64 d = override > 0 ? override : smb2_now () + (gint64) c->request_timeout_ms * 1000;

  if (c->hard_deadline > 0 && c->hard_deadline < d)
    d = c->hard_deadline;
  return d;
}

/* Waits for 'events' on fd until the deadline: 1 ready, 0 timed out, -1 error. */
static int
smb2_wait_fd (int fd, short events, gint64 deadline)
{
  for (;;)
    {
      gint64 left = deadline - smb2_now ();
      struct pollfd p = { fd, events, 0 };
      int rc;

      if (left <= 0)
        return 0;
      rc = poll (&p, 1, (int) MIN (left / 1000 + 1, 1000));
      if (rc > 0)
        return 1;
      if (rc < 0 && errno != EINTR)
        return -1;
    }
}

static int
smb2_set_nonblock (int fd)
{
  int fl = fcntl (fd, F_GETFL, 0);
  return fl < 0 ? -1 : fcntl (fd, F_SETFL, fl | O_NONBLOCK);
}

/* One address: 0 connected, else errno (ETIMEDOUT when the deadline passed). */
static int
smb2_connect_addr (const struct addrinfo *ai, gint64 deadline, int *fd_out)
{
  int fd = socket (ai->ai_family, ai->ai_socktype | SOCK_CLOEXEC, ai->ai_protocol);
  int rc, soerr = 0, one = 1;
  socklen_t sl = sizeof soerr;

  if (fd < 0)
    return errno;
  if (smb2_set_nonblock (fd) != 0)
    {
      rc = errno;
      close (fd);
      return rc;
    }
  if (connect (fd, ai->ai_addr, ai->ai_addrlen) != 0)
    {
      if (errno != EINPROGRESS)
        {
          rc = errno;
          close (fd);
          return rc;
        }
      rc = smb2_wait_fd (fd, POLLOUT, deadline);
      if (rc <= 0)
        {
          close (fd);
          return rc == 0 ? ETIMEDOUT : EIO;
        }
      if (getsockopt (fd, SOL_SOCKET, SO_ERROR, &soerr, &sl) != 0 || soerr != 0)
        {
          close (fd);
          return soerr ? soerr : EIO;
        }
    }
  (void) setsockopt (fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  *fd_out = fd;
  return 0;
}

static int
smb2_tcp_connect (const char *host, unsigned int port, long timeout_ms, smb_error *err)
{
  struct addrinfo hints, *res = NULL, *ai;
  gint64 deadline = smb2_now () + (gint64) timeout_ms * 1000;
  char portstr[16];
  int rc, last = 0, fd = -1;

  memset (&hints, 0, sizeof hints);
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_NUMERICSERV;
  snprintf (portstr, sizeof portstr, "%u", port);
  rc = getaddrinfo (host, portstr, &hints, &res);
  if (rc != 0)
    {
      smb_error_set (err, SMB_E_UNREACHABLE, 0, "cannot resolve '%s': %s", host,
                     gai_strerror (rc));
      return -1;
    }
  for (ai = res; ai; ai = ai->ai_next)
    {
      last = smb2_connect_addr (ai, deadline, &fd);
      if (last == 0 || last == ETIMEDOUT)
        break;
    }
  freeaddrinfo (res);
  if (fd >= 0)
    return fd;
  if (last == ETIMEDOUT)
    smb_error_set (err, SMB_E_UNREACHABLE, 0,
                   "host unreachable: no answer from %s port %u within %ld ms", host, port,
                   timeout_ms);
  else if (last == ECONNREFUSED)
    smb_error_set (err, SMB_E_UNREACHABLE, 0,
                   "host unreachable: %s refused the connection on port %u (no SMB server?)",
                   host, port);
  else
    smb_error_set (err, SMB_E_UNREACHABLE, 0, "host unreachable: %s port %u: %s", host, port,
                   g_strerror (last));
  return -1;
}

static void
smb2_break (smb2_conn *c)
{
  c->broken = 1;
}

static int
smb2_send_all (smb2_conn *c, const uint8_t *p, size_t n, gint64 deadline, smb_error *err)
{
  while (n > 0)
    {
      ssize_t k = send (c->fd, p, n, MSG_NOSIGNAL);

      if (k > 0)
        {
          p += k;
          n -= (size_t) k;
          continue;
        }
      if (k < 0 && errno == EINTR)
        continue;
      if (k < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
        {
          int rc = smb2_wait_fd (c->fd, POLLOUT, deadline);
          if (rc > 0)
            continue;
          smb2_break (c);
          if (rc == 0)
            smb_error_set (err, SMB_E_TIMEOUT, 0, "timeout sending to %s", c->host);
          else
            smb_error_set (err, SMB_E_CONN_LOST, 0, "connection to %s lost", c->host);
          return -1;
        }
      smb2_break (c);
      smb_error_set (err, SMB_E_CONN_LOST, 0, "connection to %s lost while sending: %s",
                     c->host, g_strerror (errno));
      return -1;
    }
  return 0;
}

static int
smb2_recv_all (smb2_conn *c, uint8_t *p, size_t n, gint64 deadline, const char *waiting_for,
               smb_error *err)
{
  while (n > 0)
    {
      ssize_t k = recv (c->fd, p, n, 0);

      if (k > 0)
        {
          p += k;
          n -= (size_t) k;
          continue;
        }
      if (k == 0)
        {
          smb2_break (c);
          smb_error_set (err, SMB_E_CONN_LOST, 0,
                         "connection lost: %s closed the connection while we waited for %s",
                         c->host, waiting_for);
          return -1;
        }
      if (errno == EINTR)
        continue;
      if (errno == EAGAIN || errno == EWOULDBLOCK)
        {
          int rc = smb2_wait_fd (c->fd, POLLIN, deadline);
          if (rc > 0)
            continue;
          smb2_break (c);
          if (rc == 0)
            smb_error_set (err, SMB_E_TIMEOUT, 0, "timeout: no answer from %s to %s in time",
                           c->host, waiting_for);
          else
            smb_error_set (err, SMB_E_CONN_LOST, 0, "connection to %s lost", c->host);
          return -1;
        }
      smb2_break (c);
      smb_error_set (err, SMB_E_CONN_LOST, 0, "connection lost: %s: %s", c->host,
                     g_strerror (errno));
      return -1;
    }
  return 0;
}

/* One direct-TCP frame (keep-alives skipped), g_malloc'ed. */
static uint8_t *
smb2_recv_frame (smb2_conn *c, size_t *len, gint64 deadline, const char *waiting_for,
                 smb_error *err)
{
  for (;;)
    {
      uint8_t h[4];
      size_t n;
      uint8_t *buf;

      if (smb2_recv_all (c, h, 4, deadline, waiting_for, err) != 0)
        return NULL;
      n = ((size_t) h[1] << 16) | ((size_t) h[2] << 8) | h[3];
      if (h[0] == 0x85 && n == 0)
        continue; /* NetBIOS keep-alive */
      if (h[0] != 0 || n < 4 || n > SMB2_MAX_FRAME)
        {
          smb2_break (c);
          smb_error_set (err, SMB_E_PROTOCOL, 0,
                         "protocol error: %s sent a malformed frame header", c->host);
          return NULL;
        }
      buf = g_malloc (n);
      if (smb2_recv_all (c, buf, n, deadline, waiting_for, err) != 0)
        {
          g_free (buf);
          return NULL;
        }
      c->stats.bytes_in += n + 4;
      *len = n;
      return buf;
    }
}

static int
smb2_send_frame (smb2_conn *c, const GByteArray *payload, gint64 deadline, smb_error *err)
{
  uint8_t h[4];

  if (payload->len > SMB2_MAX_FRAME)
    {
      smb_error_set (err, SMB_E_ARG, 0, "request too large (%u bytes)", payload->len);
      return -1;
    }
  h[0] = 0;
  h[1] = (uint8_t) (payload->len >> 16);
  h[2] = (uint8_t) (payload->len >> 8);
  h[3] = (uint8_t) payload->len;
  if (smb2_send_all (c, h, 4, deadline, err) != 0
      || smb2_send_all (c, payload->data, payload->len, deadline, err) != 0)
    return -1;
  c->stats.bytes_out += payload->len + 4;
  return 0;
}

/* --- connection -------------------------------------------------------------------- */

smb2_conn *
smb2_connect (const smb2_conn_opts *o, smb_error *err)
{
  long cto = o->connect_timeout_ms > 0 ? o->connect_timeout_ms : SMB2_DEFAULT_CONNECT_MS;
  int fd;

  if (!o->host || !*o->host)
    {
      smb_error_set (err, SMB_E_ARG, 0, "no host given");
      return NULL;
    }
  fd = smb2_tcp_connect (o->host, o->port ? o->port : SMB2_DEFAULT_PORT, cto, err);
  if (fd < 0)
    return NULL;
  return smb2_adopt (fd, o, err);
}

smb2_conn *
smb2_adopt (int fd, const smb2_conn_opts *o, smb_error *err)
{
  long cto = o->connect_timeout_ms > 0 ? o->connect_timeout_ms : SMB2_DEFAULT_CONNECT_MS;
  smb2_conn *c;

  if (smb2_set_nonblock (fd) != 0)
    {
      close (fd);
      smb_error_set (err, SMB_E_ARG, 0, "not a usable socket");
      return NULL;
    }
  c = g_new0 (smb2_conn, 1);
  c->fd = fd;
  c->host = g_strdup (o->host ? o->host : "the server");
  c->port = o->port ? o->port : SMB2_DEFAULT_PORT;
  c->request_timeout_ms = o->request_timeout_ms > 0 ? o->request_timeout_ms
                                                    : SMB2_DEFAULT_REQUEST_MS;
  c->require_signing = o->require_signing;
  c->require_encryption = o->require_encryption;
  c->max_io = o->max_io ? o->max_io : SMB2_DEFAULT_MAX_IO;
  c->min_dialect = o->min_dialect ? o->min_dialect : SMB2_DIALECT_202;
  c->max_dialect = o->max_dialect ? o->max_dialect : SMB2_DIALECT_311;
  c->credits = 1;
  smb_random (c->nonce_salt, sizeof c->nonce_salt);
  /* The connect deadline also bounds the negotiation. */
  c->hard_deadline = smb2_now () + (gint64) cto * 1000;
  if (smb2_negotiate (c, err) != 0)
    {
      smb2_conn_free (c);
      return NULL;
    }
  c->hard_deadline = 0;
  return c;
}

void
smb2_conn_free (smb2_conn *c)
{
  if (!c)
    return;
  if (c->fd >= 0)
    close (c->fd);
  g_free (c->host);
  g_free (c->user_label);
  smb_wipe (c, sizeof *c);
  g_free (c);
}

void
smb2_set_deadline (smb2_conn *c, gint64 deadline_us)
{
  c->hard_deadline = deadline_us;
}

void
smb2_call_clear (smb2_call *call)
{
  if (call->request)
    smb_free_secret_bytes (call->request);
  call->request = NULL;
  if (call->resp)
    {
      smb_wipe (call->resp, call->resp_len);
      g_free (call->resp);
    }
  call->resp = NULL;
  call->resp_len = 0;
  call->done = 0;
}

void
smb2_status_error (smb_error *err, uint32_t status, const char *what)
{
  char name[32];

  smb_error_set (err, smb_errcode_of_status (status), status, "%s failed: %s", what,
                 smb_status_text (status, name, sizeof name));
}

/* --- signing ------------------------------------------------------------------------- */

static void
smb2_mac (const smb2_conn *c, const uint8_t *msg, size_t len, uint8_t out[16])
{
  uint8_t full[32];

  if (c->dialect >= SMB2_DIALECT_300)
    smb_aes_cmac (c->signing_key, 16, msg, len, full);
  else
    smb_hmac_sha256 (c->signing_key, 16, msg, len, full);
  memcpy (out, full, 16);
}

void
smb2_sign_message (const smb2_conn *c, uint8_t *msg, size_t len)
{
  uint8_t mac[16];

  memset (msg + 48, 0, 16);
  smb2_mac (c, msg, len, mac);
  memcpy (msg + 48, mac, 16);
}

int
smb2_verify_message (const smb2_conn *c, const uint8_t *msg, size_t len)
{
  uint8_t *copy, mac[16];
  int ok;

  if (len < SMB2_HDR_SIZE)
    return 0;
  copy = g_memdup2 (msg, len);
  memset (copy + 48, 0, 16);
  smb2_mac (c, copy, len, mac);
  ok = smb_mem_equal (mac, msg + 48, 16);
  g_free (copy);
  return ok;
}

/* --- encryption ------------------------------------------------------------------------ */

static GByteArray *
smb2_encrypt (smb2_conn *c, const GByteArray *plain)
{
  GByteArray *out = g_byte_array_new ();
  size_t nlen = smb_cipher_nonce_len (c->cipher);
  smb2_transform t;
  uint8_t tag[16];

  memset (&t, 0, sizeof t);
  c->nonce_counter++;
  smb_put_u64 (t.nonce, c->nonce_counter);
  memcpy (t.nonce + 8, c->nonce_salt, nlen - 8);
  t.original_size = plain->len;
  t.flags = 1;
  t.session_id = c->session_id;
  smb2_transform_write (out, &t);
  smb_wr_bytes (out, plain->data, plain->len);
  smb_aead_encrypt (c->cipher, c->enc_key, out->data + 20, out->data + 20, 32,
                    out->data + SMB2_TRANSFORM_SIZE, plain->len, out->data + SMB2_TRANSFORM_SIZE,
                    tag);
  memcpy (out->data + 4, tag, 16);
  return out;
}

/* Decrypts a transformed frame in place: the plaintext starts at *plain. */
static int
smb2_decrypt (smb2_conn *c, uint8_t *frame, size_t len, uint8_t **plain, size_t *plen,
              smb_error *err)
{
  smb2_transform t;

  if (!c->encrypt && !c->cipher)
    {
      smb_error_set (err, SMB_E_PROTOCOL, 0,
                     "protocol error: %s sent an encrypted message on a connection without "
                     "encryption", c->host);
      return -1;
    }
  if (smb2_transform_parse (frame, len, &t) != 0 || t.flags != 1
      || t.original_size != len - SMB2_TRANSFORM_SIZE || t.session_id != c->session_id
      || t.original_size < SMB2_HDR_SIZE)
    {
      smb_error_set (err, SMB_E_PROTOCOL, 0,
                     "protocol error: malformed encrypted message from %s", c->host);
      return -1;
    }
  if (smb_aead_decrypt (c->cipher, c->dec_key, t.nonce, frame + 20, 32,
                        frame + SMB2_TRANSFORM_SIZE, t.original_size,
                        frame + SMB2_TRANSFORM_SIZE, t.signature)
      != 0)
    {
      smb_error_set (err, SMB_E_ENCRYPTION, 0,
                     "encryption failure: a message from %s does not decrypt (tampered, or "
                     "wrong keys)", c->host);
      return -1;
    }
  *plain = frame + SMB2_TRANSFORM_SIZE;
  *plen = t.original_size;
  return 0;
}

/* --- compounds --------------------------------------------------------------------------- */

static uint16_t
smb2_charge (const smb2_conn *c, const smb2_call *call)
{
  if (c->dialect < SMB2_DIALECT_210 || !(c->server_caps & SMB2_CAP_LARGE_MTU))
    return 1;
  return (uint16_t) (call->payload > 65536 ? (call->payload - 1) / 65536 + 1 : 1);
}

/* Builds the compound; returns its bytes and counts the credits it uses. */
static GByteArray *
smb2_build (smb2_conn *c, smb2_call *calls, size_t n, uint32_t *charge_total)
{
  GByteArray *frame = g_byte_array_new ();
  size_t i;

  *charge_total = 0;
  for (i = 0; i < n; i++)
    {
      smb2_call *call = &calls[i];
      size_t start = frame->len;
      uint16_t charge = smb2_charge (c, call);
      smb2_hdr h;
      int sign;

      memset (&h, 0, sizeof h);
      h.command = call->command;
      h.credit_charge = c->dialect >= SMB2_DIALECT_210 ? charge : 0;
      h.credits = (uint16_t) (charge + (c->credits < SMB2_CREDIT_LOW ? SMB2_CREDIT_TOPUP : 0));
      h.flags = call->related && i > 0 ? SMB2_FLAGS_RELATED_OPERATIONS : 0;
      h.message_id = c->next_mid;
      c->next_mid += charge;
      h.tree_id = call->tree_id;
      h.session_id = call->command == SMB2_NEGOTIATE ? 0 : c->session_id;
      sign = c->signing && !c->encrypt && call->command != SMB2_NEGOTIATE
             && call->command != SMB2_SESSION_SETUP;
      if (sign)
        h.flags |= SMB2_FLAGS_SIGNED;
      smb2_hdr_write (frame, &h);
      smb_wr_bytes (frame, call->body->data, call->body->len);
      if (i + 1 < n)
        {
          smb_wr_align (frame, start, 8);
          smb_put_u32 (frame->data + start + 20, (uint32_t) (frame->len - start));
        }
      if (sign)
        smb2_sign_message (c, frame->data + start, frame->len - start);
      if (call->keep_request)
        {
          call->request = g_byte_array_new ();
          smb_wr_bytes (call->request, frame->data + start, frame->len - start);
        }
      call->hdr.message_id = h.message_id;
      call->done = 0;
      *charge_total += charge;
    }
  return frame;
}

static smb2_call *
smb2_find_call (smb2_call *calls, size_t n, uint64_t mid)
{
  size_t i;

  for (i = 0; i < n; i++)
    if (calls[i].hdr.message_id == mid && !calls[i].done)
      return &calls[i];
  return NULL;
}

/* Checks a final response's signature as the session demands. */
static int
smb2_check_signature (smb2_conn *c, const smb2_call *call, const smb2_hdr *h,
                      const uint8_t *msg, size_t len, smb_error *err)
{
  if (!c->signing || call->no_verify || call->command == SMB2_NEGOTIATE)
    return 0;
  if (h->flags & SMB2_FLAGS_SIGNED)
    {
      if (smb2_verify_message (c, msg, len))
        return 0;
      smb_error_set (err, SMB_E_SIGNING, 0,
                     "signing failure: the %s response from %s has a bad signature "
                     "(tampered, or the server signs with other keys)",
                     smb2_command_name (h->command), c->host);
      return -1;
    }
  /* An unsigned error cannot make anything succeed; unsigned data can. */
  if ((h->status >> 30) == 3)
    return 0;
  smb_error_set (err, SMB_E_SIGNING, 0,
                 "signing failure: the %s response from %s is not signed on a signed session",
                 smb2_command_name (h->command), c->host);
  return -1;
}

/* Takes the messages of one (plaintext) frame. */
static int
smb2_take_messages (smb2_conn *c, smb2_call *calls, size_t n, const uint8_t *p, size_t len,
                    int encrypted, size_t *remaining, smb_error *err)
{
  size_t off = 0;

  do
    {
      size_t next = 0, mlen = smb2_chain_next (p, len, off, &next);
      const uint8_t *msg = p + off;
      smb2_call *call;
      smb2_hdr h;

      if (mlen == 0 || smb2_hdr_parse (msg, mlen, &h) != 0
          || !(h.flags & SMB2_FLAGS_SERVER_TO_REDIR))
        {
          smb_error_set (err, SMB_E_PROTOCOL, 0, "protocol error: malformed SMB2 response from %s",
                         c->host);
          return -1;
        }
      c->credits = (uint32_t) MIN ((uint64_t) c->credits + h.credits, SMB2_CREDIT_MAX);
      if (h.message_id == UINT64_MAX && h.command == SMB2_OPLOCK_BREAK)
        {
          off = next;
          continue; /* an unsolicited notification: we hold no oplocks */
        }
      call = smb2_find_call (calls, n, h.message_id);
      if (!call || call->command != h.command)
        {
          smb_error_set (err, SMB_E_PROTOCOL, 0,
                         "protocol error: %s answered a request we did not send (message id "
                         "%" G_GUINT64_FORMAT ")", c->host, h.message_id);
          return -1;
        }
      if ((h.flags & SMB2_FLAGS_ASYNC_COMMAND) && h.status == SMB_STATUS_PENDING)
        {
          off = next;
          continue; /* interim response: the final one follows */
        }
      if (!encrypted && smb2_check_signature (c, call, &h, msg, mlen, err) != 0)
        return -1;
      call->hdr = h;
      call->resp = g_memdup2 (msg, mlen);
      call->resp_len = mlen;
      call->done = 1;
      (*remaining)--;
      off = next;
    }
  while (off != 0);
  return 0;
}

int
smb2_transact (smb2_conn *c, smb2_call *calls, size_t n, gint64 deadline, smb_error *err)
{
  const char *what = n ? smb2_command_name (calls[0].command) : "nothing";
  GByteArray *frame, *wire;
  uint32_t charge;
  size_t remaining = n;
  gint64 dl;

  if (c->broken)
    {
      smb_error_set (err, SMB_E_CONN_LOST, 0,
                     "connection lost: the connection to %s failed earlier", c->host);
      return -1;
    }
  dl = smb2_request_deadline (c, deadline);
  frame = smb2_build (c, calls, n, &charge);
  if (charge > c->credits)
    {
      g_byte_array_free (frame, TRUE);
      smb2_break (c);
      smb_error_set (err, SMB_E_PROTOCOL, 0,
                     "protocol error: %s granted too few credits (%u, %u needed)", c->host,
                     c->credits, charge);
      return -1;
    }
  c->credits -= charge;
  wire = c->encrypt ? smb2_encrypt (c, frame) : frame;
  if (smb2_send_frame (c, wire, dl, err) != 0)
    {
      if (wire != frame)
        g_byte_array_free (wire, TRUE);
      smb_free_secret_bytes (frame);
      return -1;
    }
  if (wire != frame)
    g_byte_array_free (wire, TRUE);
  smb_free_secret_bytes (frame);
  c->stats.requests += (unsigned int) n;

  while (remaining > 0)
    {
      size_t len = 0, plen;
      uint8_t *buf = smb2_recv_frame (c, &len, dl, what, err), *plain;
      int encrypted = 0, rc;

      if (!buf)
        return -1;
      plain = buf;
      plen = len;
      if (len >= 4 && memcmp (buf, smb2_transform_id, 4) == 0)
        {
          if (smb2_decrypt (c, buf, len, &plain, &plen, err) != 0)
            {
              g_free (buf);
              smb2_break (c);
              return -1;
            }
          encrypted = 1;
        }
      else if (len >= 4 && memcmp (buf, smb1_magic, 4) == 0)
        {
          g_free (buf);
          smb2_break (c);
          smb_error_set (err, SMB_E_SMB1_ONLY, 0,
                         "SMB1 only: %s answered in SMB1, and SMB1 is not supported", c->host);
          return -1;
        }
      else if (c->encrypt)
        {
          g_free (buf);
          smb2_break (c);
          smb_error_set (err, SMB_E_ENCRYPTION, 0,
                         "encryption failure: %s sent an unencrypted %s response on an "
                         "encrypted session", c->host, what);
          return -1;
        }
      rc = smb2_take_messages (c, calls, n, plain, plen, encrypted, &remaining, err);
      smb_wipe (buf, len);
      g_free (buf);
      if (rc != 0)
        {
          smb2_break (c);
          return -1;
        }
    }
  c->stats.round_trips++;
  return 0;
}

/* --- SMB1 probe ------------------------------------------------------------------------- */

int
smb2_probe_smb1 (const char *host, unsigned int port, gint64 deadline)
{
  static const uint8_t neg[] = {
    0x00, 0x00, 0x00, 0x2F,                               /* direct TCP, 47 bytes */
    0xFF, 'S', 'M', 'B', 0x72, 0, 0, 0, 0, 0x18, 0x01, 0xC8, /* NEGOTIATE, flags */
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,                   /* PIDHigh, signature, reserved */
    0xFF, 0xFF, 0xFE, 0xFF, 0, 0, 0, 0,                   /* TID, PID, UID, MID */
    0x00, 0x0C, 0x00,                                     /* WordCount 0, ByteCount 12 */
    0x02, 'N', 'T', ' ', 'L', 'M', ' ', '0', '.', '1', '2', 0,
  };
  smb2_conn probe;
  smb_error err;
  long ms = (long) ((deadline - smb2_now ()) / 1000);
  uint8_t *reply;
  size_t len = 0;
  int fd, smb1;

  if (ms <= 0)
    return 0;
  smb_error_clear (&err);
  fd = smb2_tcp_connect (host, port, ms, &err);
  if (fd < 0)
    return 0;
  memset (&probe, 0, sizeof probe);
  probe.fd = fd;
  probe.host = (char *) host;
  if (smb2_send_all (&probe, neg, sizeof neg, deadline, &err) != 0)
    {
      close (fd);
      return 0;
    }
  reply = smb2_recv_frame (&probe, &len, deadline, "SMB1 NEGOTIATE", &err);
  smb1 = reply && len >= 9 && memcmp (reply, smb1_magic, 4) == 0 && reply[4] == 0x72;
  g_free (reply);
  close (fd);
  return smb1;
}
