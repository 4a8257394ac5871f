/* SPDX-License-Identifier: GPL-2.0-or-later */
/* lib_bn.c: builtin family 'bn': big numbers, Diffie-Hellman, RSA and DSA (GMP, hogweed, gnutls). */
#include "libs.h"
#include <stdbool.h>
#include "text_arg.h"

#include <glib.h>
#include <gmp.h>
#include <gnutls/abstract.h>
#include <gnutls/crypto.h>
#include <gnutls/gnutls.h>
#include <gnutls/x509.h>
#include <nettle/dsa.h>
#include <nettle/rsa.h>
#include <string.h>

/*
** Numbers travel as data: unsigned big-endian bytes, like libgcrypt's
** GCRYMPI_FMT_USG that openvas-nasl uses.  A result has no leading zero
** byte (zero is the empty string).  On failure these builtins return the
** empty string, as openvas-nasl does, except where noted.
**
** Inputs are bounded: a number of more than BN_MAX_BYTES bytes is refused,
** so a script cannot make a modular exponentiation run for minutes.
*/

#define BN_MAX_BYTES 8192
#define BN_RANDOM_MAX_BITS (8L * 16 * 1024 * 1024) /* 16 MiB of random data */
/* DSA signatures are two 20-byte halves (r then s), as OpenVAS's INTBLOB_LEN. */
#define DSA_HALF 20

/* --- numbers in and out -------------------------------------------------- */

/* Named argument 'name' as a number in 'z'; false when missing or too large
** (the latter with a diagnostic).  Ints count as the empty string (0). */
static bool
bn_arg (nasl_call *call, const char *name, mpz_t z)
{
  text_arg t;

  if (!text_arg_read (nasl_arg (call, name), &t))
    return false;
  if (t.size > BN_MAX_BYTES)
    {
      nasl_call_error (call, "argument '%s' is too large (%zu bytes, at most %d)", name,
                       t.size, BN_MAX_BYTES);
      text_arg_clear (&t);
      return false;
    }
  mpz_import (z, t.size, 1, 1, 0, 0, t.bytes);
  text_arg_clear (&t);
  return true;
}

/* Reads every name of the NULL-terminated list into the matching mpz; false
** at the first missing one. */
static bool
bn_args (nasl_call *call, const char *const *names, mpz_t *zs)
{
  for (size_t i = 0; names[i] != NULL; i++)
    if (!bn_arg (call, names[i], zs[i]))
      return false;
  return true;
}

/* 'z' as minimal big-endian data. */
static nasl_value
bn_value (const mpz_t z)
{
  size_t n = 0;
  char *buf = mpz_export (NULL, &n, 1, 1, 0, 0, z);
  nasl_value v = nasl_value_data (buf ? buf : "", n);

  if (buf)
    {
      void (*freefn) (void *, size_t);
      mp_get_memory_functions (NULL, NULL, &freefn);
      freefn (buf, n);
    }
  return v;
}

static nasl_value
bn_empty (void)
{
  return nasl_value_data ("", 0);
}

/* Bytes without their leading zero bytes (what an MPI round trip leaves). */
static nasl_value
bytes_without_leading_zeros (const unsigned char *p, size_t n)
{
  while (n > 0 && *p == 0)
    p++, n--;
  return nasl_value_data ((const char *) p, n);
}

static void
bn_random_bytes (void *ctx, size_t len, uint8_t *dst)
{
  (void) ctx;
  if (gnutls_rnd (GNUTLS_RND_RANDOM, dst, len) != 0)
    g_error ("gnutls_rnd failed");
}

/* --- bn_random, bn_cmp ---------------------------------------------------- */

/* bn_random(need:BITS): ceil(BITS/8) random bytes as a number (the top byte
** is not masked, as in libgcrypt's gcry_mpi_randomize). */
static nasl_value
bi_bn_random (nasl_call *call)
{
  long need = nasl_arg_int (call, "need", 0);
  mpz_t z;
  nasl_value v;

  if (need <= 0)
    return bn_empty ();
  if (need > BN_RANDOM_MAX_BITS)
    {
      nasl_call_error (call, "need:%ld is too large (at most %ld bits)", need,
                       BN_RANDOM_MAX_BITS);
      return bn_empty ();
    }
  size_t nbytes = (size_t) (need + 7) / 8;
  uint8_t *buf = g_malloc (nbytes);
  bn_random_bytes (NULL, nbytes, buf);
  mpz_init (z);
  mpz_import (z, nbytes, 1, 1, 0, 0, buf);
  v = bn_value (z);
  mpz_clear (z);
  g_free (buf);
  return v;
}

/* bn_cmp(key1:, key2:): -1, 0 or 1; 1 when an argument is missing (OpenVAS). */
static nasl_value
bi_bn_cmp (nasl_call *call)
{
  mpz_t a, b;
  long r = 1;

  mpz_inits (a, b, NULL);
  if (bn_arg (call, "key1", a) && bn_arg (call, "key2", b))
    {
      int c = mpz_cmp (a, b);
      r = c < 0 ? -1 : c > 0 ? 1 : 0;
    }
  mpz_clears (a, b, NULL);
  return nasl_value_int (r);
}

/* --- Diffie-Hellman -------------------------------------------------------- */

/* base^exp mod m into r; false (with a diagnostic) when m is 0. */
static bool
bn_powm (nasl_call *call, mpz_t r, const mpz_t base, const mpz_t exp, const mpz_t m)
{
  if (mpz_sgn (m) == 0)
    {
      nasl_call_error (call, "the modulus is zero");
      return false;
    }
  mpz_powm (r, base, exp, m);
  return true;
}

/* dh_generate_key(p:, g:, priv:): g^priv mod p. */
static nasl_value
bi_dh_generate_key (nasl_call *call)
{
  static const char *const names[] = { "p", "g", "priv", NULL };
  mpz_t z[3], pub;
  nasl_value v = NASL_NULL;

  mpz_inits (z[0], z[1], z[2], pub, NULL);
  if (bn_args (call, names, z) && bn_powm (call, pub, z[1], z[2], z[0]))
    v = bn_value (pub);
  mpz_clears (z[0], z[1], z[2], pub, NULL);
  return v.type == NASL_TYPE_NULL ? bn_empty () : v;
}

/* dh_compute_key(p:, g:, dh_server_pub:, pub_key:, priv_key:):
** dh_server_pub^priv_key mod p (g and pub_key must be given but are unused). */
static nasl_value
bi_dh_compute_key (nasl_call *call)
{
  static const char *const names[] = { "p", "g", "dh_server_pub", "pub_key", "priv_key", NULL };
  mpz_t z[5], shared;
  nasl_value v = NASL_NULL;

  mpz_inits (z[0], z[1], z[2], z[3], z[4], shared, NULL);
  if (bn_args (call, names, z) && bn_powm (call, shared, z[2], z[4], z[0]))
    v = bn_value (shared);
  mpz_clears (z[0], z[1], z[2], z[3], z[4], shared, NULL);
  return v.type == NASL_TYPE_NULL ? bn_empty () : v;
}

/* --- RSA ------------------------------------------------------------------ */

/*
** OpenVAS's strip_pkcs1_padding, applied where openvas-nasl applies it
** (also to ciphertexts and already unpadded plaintexts, a quirk kept here):
** when the first byte is 1 or 2, everything up to and including the first
** zero byte goes; no zero byte at all is a failure (NULL).
*/
static bool
strip_pkcs1_padding (nasl_value *v)
{
  size_t len, i = 0;
  const char *p = nasl_value_bytes (v, &len);

  if (p == NULL || len < 1)
    return false;
  if (p[0] != 1 && p[0] != 2)
    return true;
  while (i < len && p[i] != 0)
    i++;
  if (i + 1 > len)
    return false;
  nasl_value rest = nasl_value_data (p + i + 1, len - i - 1);
  nasl_value_free (v);
  *v = rest;
  return true;
}

/* The pad: argument: an int, or the string "TRUE" (anything else is false);
** -1 (with the OpenVAS syntax message) when absent. */
static int
rsa_pad_arg (nasl_call *call)
{
  const nasl_value *pad = nasl_arg (call, "pad");

  if (pad != NULL && pad->type == NASL_TYPE_INT)
    return pad->as.i == 1;
  if (pad != NULL && pad->type == NASL_TYPE_STRING)
    return strcmp (nasl_value_bytes (pad, NULL), "TRUE") == 0;
  nasl_call_error (call, "Syntax : rsa_public_encrypt(data:<d>,n:<n>, e:<e>, pad:<TRUE:FALSE>)");
  return -1;
}

/* PKCS#1 v1.5 type 2 padding through hogweed: message m (as a number) under (n, e). */
static bool
rsa_encrypt_padded (nasl_call *call, const mpz_t m, const mpz_t n, const mpz_t e, mpz_t out)
{
  struct rsa_public_key pub;
  bool ok = false;

  if (mpz_sgn (m) == 0)
    {
      nasl_call_error (call, "nothing to encrypt");
      return false;
    }
  rsa_public_key_init (&pub);
  mpz_set (pub.n, n);
  mpz_set (pub.e, e);
  if (!rsa_public_key_prepare (&pub))
    nasl_call_error (call, "invalid RSA public key");
  else
    {
      size_t mlen = 0;
      uint8_t *msg = mpz_export (NULL, &mlen, 1, 1, 0, 0, m);
      ok = rsa_encrypt (&pub, NULL, bn_random_bytes, mlen, msg, out) == 1;
      if (!ok)
        nasl_call_error (call, "message too long for the RSA key");
      void (*freefn) (void *, size_t);
      mp_get_memory_functions (NULL, NULL, &freefn);
      freefn (msg, mlen);
    }
  rsa_public_key_clear (&pub);
  return ok;
}

/* rsa_public_encrypt(data:, e:, n:, pad:): data^e mod n, with PKCS#1 v1.5
** type 2 padding when pad is TRUE. */
static nasl_value
bi_rsa_public_encrypt (nasl_call *call)
{
  static const char *const names[] = { "data", "e", "n", NULL };
  int pad = rsa_pad_arg (call);
  mpz_t z[3], c;
  nasl_value v = NASL_NULL;

  if (pad < 0)
    return NASL_NULL;
  mpz_inits (z[0], z[1], z[2], c, NULL);
  if (bn_args (call, names, z))
    {
      bool ok = pad ? rsa_encrypt_padded (call, z[0], z[2], z[1], c)
                    : bn_powm (call, c, z[0], z[1], z[2]);
      if (ok)
        {
          v = bn_value (c);
          if (pad && !strip_pkcs1_padding (&v))
            nasl_value_free (&v);
        }
    }
  mpz_clears (z[0], z[1], z[2], c, NULL);
  return v.type == NASL_TYPE_NULL ? bn_empty () : v;
}

/* The message of a PKCS#1 v1.5 type 2 block held in 'em' (k bytes), or false. */
static bool
pkcs1_type2_message (const uint8_t *em, size_t k, size_t *start)
{
  size_t i;

  if (k < 11 || em[0] != 0 || em[1] != 2)
    return false;
  for (i = 2; i < k && em[i] != 0; i++)
    ;
  if (i >= k || i < 10)
    return false;
  *start = i + 1;
  return true;
}

/* rsa_private_decrypt(data:, d:, e:, n:, pad:): data^d mod n; with pad TRUE
** the PKCS#1 v1.5 type 2 padding is checked and removed. */
static nasl_value
bi_rsa_private_decrypt (nasl_call *call)
{
  static const char *const names[] = { "data", "e", "n", "d", NULL };
  int pad = rsa_pad_arg (call);
  mpz_t z[4], m;
  nasl_value v = NASL_NULL;

  if (pad < 0)
    return NASL_NULL;
  mpz_inits (z[0], z[1], z[2], z[3], m, NULL);
  if (bn_args (call, names, z) && bn_powm (call, m, z[0], z[3], z[2]))
    {
      if (!pad)
        v = bn_value (m);
      else
        {
          size_t k = (mpz_sizeinbase (z[2], 2) + 7) / 8, start = 0;
          uint8_t *em = g_malloc0 (k);
          if (mpz_sizeinbase (m, 256) <= k)
            mpz_export (em + k - (mpz_sgn (m) ? mpz_sizeinbase (m, 256) : 0), NULL, 1, 1, 0,
                        0, m);
          if (pkcs1_type2_message (em, k, &start))
            {
              v = bytes_without_leading_zeros (em + start, k - start);
              if (!strip_pkcs1_padding (&v))
                nasl_value_free (&v);
            }
          else
            nasl_call_error (call, "decryption failed: bad PKCS#1 padding");
          g_free (em);
        }
    }
  mpz_clears (z[0], z[1], z[2], z[3], m, NULL);
  return v.type == NASL_TYPE_NULL ? bn_empty () : v;
}

/* rsa_public_decrypt(sig:, e:, n:): sig^e mod n without its PKCS#1 type 1
** padding (what is left is the DigestInfo of a signature). */
static nasl_value
bi_rsa_public_decrypt (nasl_call *call)
{
  static const char *const names[] = { "sig", "e", "n", NULL };
  mpz_t z[3], m;
  nasl_value v = NASL_NULL;

  mpz_inits (z[0], z[1], z[2], m, NULL);
  if (bn_args (call, names, z) && bn_powm (call, m, z[0], z[1], z[2]))
    {
      v = bn_value (m);
      if (!strip_pkcs1_padding (&v))
        nasl_value_free (&v);
    }
  mpz_clears (z[0], z[1], z[2], m, NULL);
  return v.type == NASL_TYPE_NULL ? bn_empty () : v;
}

/* --- private keys in PEM ---------------------------------------------------- */

/* The private key of priv: (PEM, PKCS#1 or PKCS#8, encrypted when passphrase:
** is non-empty); NULL with a diagnostic on failure. */
static gnutls_x509_privkey_t
load_private_key (nasl_call *call)
{
  text_arg pem, pass;
  int have_pass = text_arg_read (nasl_arg (call, "passphrase"), &pass);
  gnutls_x509_privkey_t key = NULL;
  gnutls_datum_t datum = { NULL, 0 };
  const char *passphrase = have_pass && pass.bytes[0] ? pass.bytes : NULL;
  int err;

  if (text_arg_read (nasl_arg (call, "priv"), &pem))
    {
      datum.data = (unsigned char *) pem.bytes;
      datum.size = (unsigned) pem.size;
    }
  err = gnutls_x509_privkey_init (&key);
  if (err == 0)
    err = gnutls_x509_privkey_import2 (key, &datum, GNUTLS_X509_FMT_PEM, passphrase,
                                       passphrase ? 0 : GNUTLS_PKCS_PLAIN);
  if (err != 0)
    {
      nasl_call_error (call, "cannot load the private key: %s (%d)", gnutls_strerror (err), err);
      gnutls_x509_privkey_deinit (key);
      key = NULL;
    }
  if (datum.data)
    text_arg_clear (&pem);
  if (have_pass)
    text_arg_clear (&pass);
  return key;
}

/* pem_to_rsa(priv:, passphrase:): the private exponent d. */
static nasl_value
bi_pem_to_rsa (nasl_call *call)
{
  gnutls_x509_privkey_t key = load_private_key (call);
  gnutls_datum_t m, e, d, p, q, u;
  nasl_value v;
  int err;

  if (key == NULL)
    return bn_empty ();
  err = gnutls_x509_privkey_export_rsa_raw (key, &m, &e, &d, &p, &q, &u);
  if (err != 0)
    {
      nasl_call_error (call, "not an RSA key: %s (%d)", gnutls_strerror (err), err);
      gnutls_x509_privkey_deinit (key);
      return bn_empty ();
    }
  v = bytes_without_leading_zeros (d.data, d.size);
  gnutls_free (m.data);
  gnutls_free (e.data);
  gnutls_free (d.data);
  gnutls_free (p.data);
  gnutls_free (q.data);
  gnutls_free (u.data);
  gnutls_x509_privkey_deinit (key);
  return v;
}

/* pem_to_dsa(priv:, passphrase:): the private value x. */
static nasl_value
bi_pem_to_dsa (nasl_call *call)
{
  gnutls_x509_privkey_t key = load_private_key (call);
  gnutls_datum_t p, q, g, y, x;
  nasl_value v;
  int err;

  if (key == NULL)
    return bn_empty ();
  err = gnutls_x509_privkey_export_dsa_raw (key, &p, &q, &g, &y, &x);
  if (err != 0)
    {
      nasl_call_error (call, "not a DSA key: %s (%d)", gnutls_strerror (err), err);
      gnutls_x509_privkey_deinit (key);
      return bn_empty ();
    }
  v = bytes_without_leading_zeros (x.data, x.size);
  gnutls_free (p.data);
  gnutls_free (q.data);
  gnutls_free (g.data);
  gnutls_free (y.data);
  gnutls_free (x.data);
  gnutls_x509_privkey_deinit (key);
  return v;
}

/* rsa_sign(data:SHA1-DIGEST, priv:PEM, passphrase:): the PKCS#1 v1.5
** signature of a 20-byte SHA-1 digest (leading zero bytes dropped). */
static nasl_value
bi_rsa_sign (nasl_call *call)
{
  text_arg data;
  gnutls_x509_privkey_t x509 = NULL;
  gnutls_privkey_t key = NULL;
  gnutls_datum_t hash, sig = { NULL, 0 };
  nasl_value v = NASL_NULL;
  int err;

  if (!text_arg_read (nasl_arg (call, "data"), &data))
    return bn_empty ();
  x509 = load_private_key (call);
  if (x509 == NULL)
    goto done;
  if (gnutls_x509_privkey_get_pk_algorithm (x509) != GNUTLS_PK_RSA)
    {
      nasl_call_error (call, "not an RSA key");
      goto done;
    }
  if (data.size != 20)
    {
      nasl_call_error (call, "data must be a 20-byte SHA-1 digest (got %zu bytes)", data.size);
      goto done;
    }
  hash.data = (unsigned char *) data.bytes;
  hash.size = 20;
  err = gnutls_privkey_init (&key);
  if (err == 0)
    err = gnutls_privkey_import_x509 (key, x509, 0);
  if (err == 0)
    err = gnutls_privkey_sign_hash (key, GNUTLS_DIG_SHA1, 0, &hash, &sig);
  if (err != 0)
    nasl_call_error (call, "signing failed: %s (%d)", gnutls_strerror (err), err);
  else
    v = bytes_without_leading_zeros (sig.data, sig.size);
  gnutls_free (sig.data);
done:
  gnutls_privkey_deinit (key);
  gnutls_x509_privkey_deinit (x509);
  text_arg_clear (&data);
  return v.type == NASL_TYPE_NULL ? bn_empty () : v;
}

/* --- DSA -------------------------------------------------------------------- */

/*
** The digest nettle should see so that DSA works on the number 'h' the way
** libgcrypt does with a raw value: the number is shifted right to the bit
** size of q when it is longer, then laid out so that nettle's "leftmost
** qbits" rule gives that number back.  'out' has room for BN_MAX_BYTES.
*/
static size_t
dsa_digest_of (mpz_t h, const mpz_t q, uint8_t *out)
{
  size_t qbits = mpz_sizeinbase (q, 2), hbits = mpz_sizeinbase (h, 2);
  size_t len = (qbits + 7) / 8, n = 0;

  if (mpz_sgn (h) != 0 && hbits > qbits)
    mpz_tdiv_q_2exp (h, h, hbits - qbits);
  mpz_mul_2exp (h, h, len * 8 - qbits);
  memset (out, 0, len);
  if (mpz_sgn (h) != 0)
    {
      n = mpz_sizeinbase (h, 256);
      mpz_export (out + len - n, NULL, 1, 1, 0, 0, h);
    }
  return len;
}

/* dsa_do_verify(p:, g:, q:, pub:, r:, s:, data:): 1 when (r, s) signs data. */
static nasl_value
bi_dsa_do_verify (nasl_call *call)
{
  static const char *const names[] = { "p", "g", "q", "pub", "r", "s", "data", NULL };
  mpz_t z[7];
  long ok = 0;

  for (int i = 0; i < 7; i++)
    mpz_init (z[i]);
  if (bn_args (call, names, z) && mpz_sgn (z[2]) > 0)
    {
      struct dsa_params params;
      struct dsa_signature sig;
      uint8_t *digest = g_malloc (BN_MAX_BYTES + 1);
      size_t dlen = dsa_digest_of (z[6], z[2], digest);
      dsa_params_init (&params);
      dsa_signature_init (&sig);
      mpz_set (params.p, z[0]);
      mpz_set (params.g, z[1]);
      mpz_set (params.q, z[2]);
      mpz_set (sig.r, z[4]);
      mpz_set (sig.s, z[5]);
      if (mpz_sgn (params.p) > 0 && mpz_odd_p (params.p))
        ok = dsa_verify (&params, z[3], dlen, digest, &sig);
      dsa_signature_clear (&sig);
      dsa_params_clear (&params);
      g_free (digest);
    }
  for (int i = 0; i < 7; i++)
    mpz_clear (z[i]);
  return nasl_value_int (ok);
}

/* dsa_do_sign(p:, g:, q:, pub:, priv:, data:): r and s, 20 bytes each. */
static nasl_value
bi_dsa_do_sign (nasl_call *call)
{
  static const char *const names[] = { "p", "g", "q", "pub", "priv", "data", NULL };
  mpz_t z[6];
  nasl_value v = NASL_NULL;

  for (int i = 0; i < 6; i++)
    mpz_init (z[i]);
  if (bn_args (call, names, z) && mpz_sgn (z[2]) > 0)
    {
      struct dsa_params params;
      struct dsa_signature sig;
      uint8_t *digest = g_malloc (BN_MAX_BYTES + 1);
      size_t dlen = dsa_digest_of (z[5], z[2], digest);
      dsa_params_init (&params);
      dsa_signature_init (&sig);
      mpz_set (params.p, z[0]);
      mpz_set (params.g, z[1]);
      mpz_set (params.q, z[2]);
      if (!dsa_sign (&params, z[4], NULL, bn_random_bytes, dlen, digest, &sig))
        nasl_call_error (call, "DSA signing failed (bad parameters)");
      else if (mpz_sizeinbase (sig.r, 256) > DSA_HALF || mpz_sizeinbase (sig.s, 256) > DSA_HALF)
        nasl_call_error (call, "r or s is longer than %d bytes", DSA_HALF);
      else
        {
          uint8_t blob[2 * DSA_HALF] = { 0 };
          mpz_export (blob + DSA_HALF - mpz_sizeinbase (sig.r, 256), NULL, 1, 1, 0, 0, sig.r);
          mpz_export (blob + 2 * DSA_HALF - mpz_sizeinbase (sig.s, 256), NULL, 1, 1, 0, 0,
                      sig.s);
          v = nasl_value_data ((const char *) blob, sizeof blob);
        }
      dsa_signature_clear (&sig);
      dsa_params_clear (&params);
      g_free (digest);
    }
  for (int i = 0; i < 6; i++)
    mpz_clear (z[i]);
  return v.type == NASL_TYPE_NULL ? bn_empty () : v;
}

const nasl_builtin lib_bn_builtins[] = {
  { "bn_random", bi_bn_random, 0, 0, "need:i?" },
  { "bn_cmp", bi_bn_cmp, 0, 0, "key1:s? key2:s?" },
  { "dh_generate_key", bi_dh_generate_key, 0, 0, "p:s? g:s? priv:s?" },
  { "dh_compute_key", bi_dh_compute_key, 0, 0,
    "p:s? g:s? dh_server_pub:s? pub_key:s? priv_key:s?" },
  { "rsa_public_encrypt", bi_rsa_public_encrypt, 0, 0, "data:s? e:s? n:s? pad:x?" },
  { "rsa_private_decrypt", bi_rsa_private_decrypt, 0, 0, "data:s? d:s? e:s? n:s? pad:x?" },
  { "rsa_public_decrypt", bi_rsa_public_decrypt, 0, 0, "sig:s? e:s? n:s?" },
  { "rsa_sign", bi_rsa_sign, 0, 0, "data:s? priv:s? passphrase:s?" },
  { "pem_to_rsa", bi_pem_to_rsa, 0, 0, "priv:s? passphrase:s?" },
  { "pem_to_dsa", bi_pem_to_dsa, 0, 0, "priv:s? passphrase:s?" },
  { "dsa_do_verify", bi_dsa_do_verify, 0, 0, "p:s? g:s? q:s? pub:s? r:s? s:s? data:s?" },
  { "dsa_do_sign", bi_dsa_do_sign, 0, 0, "p:s? g:s? q:s? pub:s? priv:s? data:s?" },
  NASL_BUILTIN_END
};
