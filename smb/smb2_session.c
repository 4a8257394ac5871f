/* SPDX-License-Identifier: GPL-2.0-or-later */
/* smb2_session.c: NEGOTIATE with pre-authentication integrity, SESSION_SETUP over NTLMSSP/SPNEGO, key derivation, LOGOFF. */
#include "smb2_conn.h"
#include "ntlm.h"
#include "smb_buf.h"
#include "smb_crypto.h"
#include "spnego.h"

#include <stdio.h>
#include <string.h>

static const uint16_t smb2_all_dialects[] = {
  SMB2_DIALECT_202, SMB2_DIALECT_210, SMB2_DIALECT_300, SMB2_DIALECT_302, SMB2_DIALECT_311,
};

/* Ciphers we offer for 3.1.1, most preferred first. */
static const uint16_t smb2_ciphers[] = {
  SMB_CIPHER_AES128_GCM, SMB_CIPHER_AES128_CCM, SMB_CIPHER_AES256_GCM, SMB_CIPHER_AES256_CCM,
};

/* --- NEGOTIATE ------------------------------------------------------------------- */

static size_t
smb2_offered_dialects (const smb2_conn *c, uint16_t *out)
{
  size_t i, n = 0;

  for (i = 0; i < G_N_ELEMENTS (smb2_all_dialects); i++)
    if (smb2_all_dialects[i] >= c->min_dialect && smb2_all_dialects[i] <= c->max_dialect)
      out[n++] = smb2_all_dialects[i];
  return n;
}

static int
smb2_offered (const smb2_conn *c, uint16_t dialect)
{
  uint16_t d[G_N_ELEMENTS (smb2_all_dialects)];
  size_t i, n = smb2_offered_dialects (c, d);

  for (i = 0; i < n; i++)
    if (d[i] == dialect)
      return 1;
  return 0;
}

/* The negotiation failed without an SMB2 answer: tell SMB1-only servers apart. */
static void
smb2_negotiate_failed (smb2_conn *c, smb_error *err)
{
  /* A server closing on an SMB2 NEGOTIATE may be an SMB1-only one; one that
  ** does not answer at all had its time (the connect deadline) already. */
  if (err && err->code == SMB_E_CONN_LOST
      && smb2_probe_smb1 (c->host, c->port, g_get_monotonic_time () + 5 * G_USEC_PER_SEC))
    {
      smb_error_clear (err);
      smb_error_set (err, SMB_E_SMB1_ONLY, 0,
                     "SMB1 only: %s speaks only SMB1 (refused SMB2/3 negotiation), and SMB1 "
                     "is not supported", c->host);
    }
}

static int
smb2_negotiate_result (smb2_conn *c, const smb2_call *call, smb_error *err)
{
  smb2_negotiate_resp r;
  char why[128];

  if (call->hdr.status != SMB_STATUS_SUCCESS)
    {
      smb2_status_error (err, call->hdr.status, "NEGOTIATE");
      return -1;
    }
  if (smb2_negotiate_resp_parse (call->resp, call->resp_len, &r, why, sizeof why) != 0)
    {
      smb_error_set (err, SMB_E_PROTOCOL, 0, "protocol error: %s", why);
      return -1;
    }
  if (!smb2_offered (c, r.dialect))
    {
      smb_error_set (err, SMB_E_DIALECT, 0,
                     "no common dialect: %s chose SMB %s (0x%04x), which was not offered "
                     "(offered %s to %s)", c->host, smb2_dialect_name (r.dialect), r.dialect,
                     smb2_dialect_name (c->min_dialect), smb2_dialect_name (c->max_dialect));
      return -1;
    }
  c->dialect = r.dialect;
  c->server_security_mode = r.security_mode;
  c->server_caps = r.capabilities;
  memcpy (c->server_guid, r.server_guid, 16);
  c->max_read = r.max_read;
  c->max_write = r.max_write;
  c->max_transact = r.max_transact;
  if (r.dialect == SMB2_DIALECT_311)
    {
      if (r.preauth_hash != SMB2_PREAUTH_SHA512)
        {
          smb_error_set (err, SMB_E_PROTOCOL, 0,
                         "protocol error: %s negotiated 3.1.1 without SHA-512 "
                         "pre-authentication integrity", c->host);
          return -1;
        }
      c->cipher = smb_cipher_key_len (r.cipher) ? r.cipher : 0;
    }
  else if (r.dialect >= SMB2_DIALECT_300 && (r.capabilities & SMB2_CAP_ENCRYPTION))
    c->cipher = SMB_CIPHER_AES128_CCM;
  if (c->require_encryption && !c->cipher)
    {
      smb_error_set (err, SMB_E_ENCRYPTION, 0,
                     "encryption refused: encryption is required but %s offers none with SMB %s",
                     c->host, smb2_dialect_name (r.dialect));
      return -1;
    }
  return 0;
}

int
smb2_negotiate (smb2_conn *c, smb_error *err)
{
  uint16_t dialects[G_N_ELEMENTS (smb2_all_dialects)];
  smb2_negotiate_req req;
  GByteArray *body = g_byte_array_new ();
  smb2_call call;
  int rc = -1;

  memset (&req, 0, sizeof req);
  req.ndialects = smb2_offered_dialects (c, dialects);
  req.dialects = dialects;
  if (req.ndialects == 0)
    {
      smb_error_set (err, SMB_E_ARG, 0, "no SMB2/3 dialect between the configured minimum "
                     "and maximum");
      g_byte_array_free (body, TRUE);
      return -1;
    }
  req.security_mode = SMB2_SIGNING_ENABLED | (c->require_signing ? SMB2_SIGNING_REQUIRED : 0);
  req.capabilities = dialects[req.ndialects - 1] >= SMB2_DIALECT_210 ? SMB2_CAP_LARGE_MTU : 0;
  if (dialects[req.ndialects - 1] >= SMB2_DIALECT_300)
    req.capabilities |= SMB2_CAP_ENCRYPTION;
  smb_random (c->client_guid, 16);
  memcpy (req.client_guid, c->client_guid, 16);
  smb_random (req.salt, sizeof req.salt);
  req.ciphers = smb2_ciphers;
  req.nciphers = G_N_ELEMENTS (smb2_ciphers);
  c->client_security_mode = req.security_mode;
  c->client_caps = req.capabilities;
  /* The body's context offsets count from the header: build it after a
  ** placeholder header, then drop the placeholder. */
  g_byte_array_set_size (body, SMB2_HDR_SIZE);
  smb2_negotiate_req_body (body, &req);
  g_byte_array_remove_range (body, 0, SMB2_HDR_SIZE);

  memset (&call, 0, sizeof call);
  call.command = SMB2_NEGOTIATE;
  call.body = body;
  call.keep_request = 1;
  if (smb2_transact (c, &call, 1, 0, err) != 0)
    smb2_negotiate_failed (c, err);
  else if (smb2_negotiate_result (c, &call, err) == 0)
    {
      if (c->dialect == SMB2_DIALECT_311)
        {
          uint8_t zero[64] = { 0 };
          smb_sha512_2 (zero, 64, call.request->data, call.request->len, c->preauth);
          smb_sha512_2 (c->preauth, 64, call.resp, call.resp_len, c->preauth);
        }
      rc = 0;
    }
  smb2_call_clear (&call);
  g_byte_array_free (body, TRUE);
  return rc;
}

/* --- SESSION_SETUP ----------------------------------------------------------------- */

/* One SESSION_SETUP round; folds request and response into the 3.1.1 hash. */
static int
smb2_session_round (smb2_conn *c, const GByteArray *token, uint8_t preauth[64],
                    smb2_call *call, smb_error *err)
{
  GByteArray *body = g_byte_array_new ();
  int rc;

  smb2_session_setup_req_body (body, (uint8_t) c->client_security_mode, token->data, token->len);
  memset (call, 0, sizeof *call);
  call->command = SMB2_SESSION_SETUP;
  call->body = body;
  call->keep_request = 1;
  call->no_verify = 1;
  rc = smb2_transact (c, call, 1, 0, err);
  g_byte_array_free (body, TRUE);
  if (rc != 0)
    return -1;
  if (c->dialect == SMB2_DIALECT_311)
    {
      smb_sha512_2 (preauth, 64, call->request->data, call->request->len, preauth);
      if (call->hdr.status == SMB_STATUS_MORE_PROCESSING_REQUIRED)
        smb_sha512_2 (preauth, 64, call->resp, call->resp_len, preauth);
    }
  return 0;
}

/* The reason a logon was refused, with the account named (never the password). */
static void
smb2_logon_error (smb2_conn *c, uint32_t status, smb_error *err)
{
  const char *label = c->user_label ? c->user_label : "?";
  char name[32];

  smb_status_text (status, name, sizeof name);
  switch (status)
    {
    case SMB_STATUS_LOGON_FAILURE:
    case SMB_STATUS_WRONG_PASSWORD:
    case 0xC0000064u: /* STATUS_NO_SUCH_USER */
      smb_error_set (err, SMB_E_LOGON, status,
                     "logon failure: %s refused %s: wrong user name or password (%s)", c->host,
                     label, name);
      break;
    case SMB_STATUS_ACCOUNT_LOCKED_OUT:
      smb_error_set (err, SMB_E_ACCOUNT, status, "logon failure: account %s is locked out (%s)",
                     label, name);
      break;
    case SMB_STATUS_ACCOUNT_DISABLED:
      smb_error_set (err, SMB_E_ACCOUNT, status, "logon failure: account %s is disabled (%s)",
                     label, name);
      break;
    case SMB_STATUS_ACCOUNT_EXPIRED:
    case SMB_STATUS_PASSWORD_EXPIRED:
    case SMB_STATUS_PASSWORD_MUST_CHANGE:
      smb_error_set (err, SMB_E_ACCOUNT, status,
                     "logon failure: account %s or its password has expired (%s)", label, name);
      break;
    case SMB_STATUS_ACCESS_DENIED:
      smb_error_set (err, SMB_E_ACCESS, status,
                     "logon refused: %s denied access to %s (%s)%s", c->host, label, name,
                     c->dialect < SMB2_DIALECT_300
                       ? "; the server may require SMB3 encryption, which SMB "
                         "2.x cannot provide" : "");
      break;
    default:
      smb_error_set (err, smb_errcode_of_status (status), status,
                     "logon failure: %s refused %s (%s)", c->host, label, name);
      break;
    }
}

/* Session keys (MS-SMB2 3.2.5.3.1) from the exported NTLM session key. */
static void
smb2_derive_keys (smb2_conn *c, const uint8_t preauth[64])
{
  unsigned int lbits = smb_cipher_key_len (c->cipher) == 32 ? 256 : 128;

  if (c->dialect < SMB2_DIALECT_300)
    {
      memcpy (c->signing_key, c->session_key, 16);
      return;
    }
  if (c->dialect == SMB2_DIALECT_311)
    {
      smb_kdf (c->session_key, 16, "SMBSigningKey", 14, preauth, 64, 128, c->signing_key);
      smb_kdf (c->session_key, 16, "SMBC2SCipherKey", 16, preauth, 64, lbits, c->enc_key);
      smb_kdf (c->session_key, 16, "SMBS2CCipherKey", 16, preauth, 64, lbits, c->dec_key);
      return;
    }
  smb_kdf (c->session_key, 16, "SMB2AESCMAC", 12, "SmbSign", 8, 128, c->signing_key);
  smb_kdf (c->session_key, 16, "SMB2AESCCM", 11, "ServerIn ", 10, 128, c->enc_key);
  smb_kdf (c->session_key, 16, "SMB2AESCCM", 11, "ServerOut", 10, 128, c->dec_key);
}

/* Checks the final SESSION_SETUP response and turns signing/encryption on. */
static int
smb2_session_established (smb2_conn *c, const smb2_call *call, smb_error *err)
{
  smb2_session_setup_resp r;
  char why[128];
  int must_sign;

  if (smb2_session_setup_resp_parse (call->resp, call->resp_len, &r, why, sizeof why) != 0)
    {
      smb_error_set (err, SMB_E_PROTOCOL, 0, "protocol error: %s", why);
      return -1;
    }
  if (r.session_flags & (SMB2_SESSION_FLAG_IS_GUEST | SMB2_SESSION_FLAG_IS_NULL))
    {
      smb_error_set (err, SMB_E_LOGON, SMB_STATUS_LOGON_FAILURE,
                     "logon failure: %s gave %s a %s session (unknown user or wrong password "
                     "mapped to guest)", c->host, c->user_label,
                     (r.session_flags & SMB2_SESSION_FLAG_IS_NULL) ? "anonymous" : "guest");
      return -1;
    }
  if (call->hdr.flags & SMB2_FLAGS_SIGNED)
    {
      if (!smb2_verify_message (c, call->resp, call->resp_len))
        {
          smb_error_set (err, SMB_E_SIGNING, 0,
                         "signing failure: the SESSION_SETUP response from %s has a bad "
                         "signature (wrong password on the server side, or tampering)",
                         c->host);
          return -1;
        }
    }
  else
    {
      must_sign = c->dialect == SMB2_DIALECT_311 || c->require_signing
                  || (c->server_security_mode & SMB2_SIGNING_REQUIRED);
      if (must_sign && !(r.session_flags & SMB2_SESSION_FLAG_ENCRYPT_DATA))
        {
          smb_error_set (err, SMB_E_SIGNING, 0,
                         "signing failure: %s did not sign the SESSION_SETUP response", c->host);
          return -1;
        }
    }
  c->signing = 1;
  if ((r.session_flags & SMB2_SESSION_FLAG_ENCRYPT_DATA) || c->require_encryption)
    {
      if (!c->cipher)
        {
          smb_error_set (err, SMB_E_ENCRYPTION, 0,
                         "encryption refused: %s requires encryption, which SMB %s cannot "
                         "provide", c->host, smb2_dialect_name (c->dialect));
          return -1;
        }
      c->encrypt = 1;
    }
  return 0;
}

static GByteArray *
smb2_authenticate_token (smb2_conn *c, const smb2_call *first, const char *user,
                         const char *domain, const uint8_t nt_owf[16], smb_error *err)
{
  smb2_session_setup_resp r;
  ntlm_challenge chal;
  ntlm_auth_params p;
  spnego_reply rep;
  GByteArray *auth, *tok;
  char why[160], *spn;
  static const uint8_t version[8] = { 10, 0, 0, 0, 0, 0, 0, 15 };

  if (smb2_session_setup_resp_parse (first->resp, first->resp_len, &r, why, sizeof why) != 0
      || spnego_parse_reply (r.security, r.security_len, &rep, why, sizeof why) != 0)
    {
      smb_error_set (err, SMB_E_PROTOCOL, 0, "protocol error: %s", why);
      return NULL;
    }
  if (rep.neg_state == SPNEGO_REJECT || rep.mech_ntlm == 0 || !rep.token)
    {
      smb_error_set (err, SMB_E_LOGON, 0, "logon failure: %s does not accept NTLM logons",
                     c->host);
      return NULL;
    }
  if (ntlm_parse_challenge (rep.token, rep.token_len, &chal, why, sizeof why) != 0)
    {
      smb_error_set (err, SMB_E_PROTOCOL, 0, "protocol error: %s", why);
      return NULL;
    }
  memset (&p, 0, sizeof p);
  p.user = user;
  /* ".\user" means an account of the server itself. */
  p.domain = (!strcmp (domain, ".") && chal.nb_computer) ? chal.nb_computer : domain;
  p.workstation = "";
  memcpy (p.nt_owf, nt_owf, 16);
  smb_random (p.client_challenge, 8);
  smb_random (p.random_session_key, 16);
  p.timestamp = ntlm_filetime_now ();
  spn = g_strdup_printf ("cifs/%s", c->host);
  p.target_spn = spn;
  memcpy (p.version, version, 8);
  auth = ntlm_authenticate_message (&p, &chal, c->session_key, why, sizeof why);
  g_free (spn);
  smb_wipe (&p, sizeof p);
  ntlm_challenge_clear (&chal);
  if (!auth)
    {
      smb_error_set (err, SMB_E_ARG, 0, "cannot log on: %s", why);
      return NULL;
    }
  tok = spnego_resp_token (auth->data, auth->len);
  g_byte_array_free (auth, TRUE);
  return tok;
}

int
smb2_session_setup (smb2_conn *c, const char *user, const char *domain, const char *password,
                    smb_error *err)
{
  uint8_t owf[16];
  int rc;

  ntlm_nt_owf (password ? password : "", password ? strlen (password) : 0, owf);
  rc = smb2_session_setup_owf (c, user, domain, owf, err);
  smb_wipe (owf, sizeof owf);
  return rc;
}

int
smb2_session_setup_owf (smb2_conn *c, const char *user, const char *domain,
                        const uint8_t nt_owf[16], smb_error *err)
{
  GByteArray *neg = ntlm_negotiate_message (), *tok;
  smb2_call first, second;
  uint8_t preauth[64];
  char *u = NULL, *d = NULL;
  int rc = -1;

  memset (&first, 0, sizeof first);
  memset (&second, 0, sizeof second);
  ntlm_split_login (user, domain, &u, &d);
  g_free (c->user_label);
  c->user_label = *d ? g_strdup_printf ("%s\\%s", d, u) : g_strdup (u);
  memcpy (preauth, c->preauth, 64);
  tok = spnego_init_token (neg->data, neg->len);
  g_byte_array_free (neg, TRUE);
  if (smb2_session_round (c, tok, preauth, &first, err) != 0)
    goto out;
  if (first.hdr.status != SMB_STATUS_MORE_PROCESSING_REQUIRED)
    {
      if (first.hdr.status == SMB_STATUS_SUCCESS)
        smb_error_set (err, SMB_E_LOGON, 0,
                       "logon failure: %s accepted the logon without authentication", c->host);
      else
        smb2_logon_error (c, first.hdr.status, err);
      goto out;
    }
  c->session_id = first.hdr.session_id;
  g_byte_array_free (tok, TRUE);
  tok = smb2_authenticate_token (c, &first, u, d, nt_owf, err);
  if (!tok)
    goto out;
  if (smb2_session_round (c, tok, preauth, &second, err) != 0)
    goto out;
  if (second.hdr.status != SMB_STATUS_SUCCESS)
    {
      smb2_logon_error (c, second.hdr.status, err);
      goto out;
    }
  smb2_derive_keys (c, preauth);
  rc = smb2_session_established (c, &second, err);

out:
  if (rc != 0)
    c->signing = c->encrypt = 0;
  smb_free_secret_bytes (tok);
  smb2_call_clear (&first);
  smb2_call_clear (&second);
  smb_wipe (preauth, sizeof preauth);
  g_free (u);
  g_free (d);
  return rc;
}

void
smb2_logoff (smb2_conn *c)
{
  GByteArray *body = g_byte_array_new ();
  smb2_call call;
  smb_error ignored;

  if (!c || c->broken || !c->session_id)
    {
      g_byte_array_free (body, TRUE);
      return;
    }
  smb_error_clear (&ignored);
  smb2_simple_req_body (body);
  memset (&call, 0, sizeof call);
  call.command = SMB2_LOGOFF;
  call.body = body;
  /* A short wait: the session is over either way. */
  (void) smb2_transact (c, &call, 1, g_get_monotonic_time () + 5 * G_USEC_PER_SEC, &ignored);
  smb2_call_clear (&call);
  g_byte_array_free (body, TRUE);
  c->session_id = 0;
  c->signing = c->encrypt = 0;
}
