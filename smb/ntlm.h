/* SPDX-License-Identifier: GPL-2.0-or-later */
/* ntlm.h: NTLMSSP messages and NTLM / NTLMv2 responses (MS-NLMP), pure functions without I/O. */
#ifndef SMB_NTLM_H
#define SMB_NTLM_H

#include <stddef.h>
#include <stdint.h>
#include <glib.h>

/* NegotiateFlags (MS-NLMP 2.2.2.5). */
#define NTLM_NEGOTIATE_UNICODE     0x00000001u
#define NTLM_NEGOTIATE_OEM         0x00000002u
#define NTLM_REQUEST_TARGET        0x00000004u
#define NTLM_NEGOTIATE_SIGN        0x00000010u
#define NTLM_NEGOTIATE_SEAL        0x00000020u
#define NTLM_NEGOTIATE_LM_KEY      0x00000080u
#define NTLM_NEGOTIATE_NTLM        0x00000200u
#define NTLM_NEGOTIATE_ANONYMOUS   0x00000800u
#define NTLM_NEGOTIATE_ALWAYS_SIGN 0x00008000u
#define NTLM_NEGOTIATE_ESS         0x00080000u /* extended session security */
#define NTLM_NEGOTIATE_TARGET_INFO 0x00800000u
#define NTLM_NEGOTIATE_VERSION     0x02000000u
#define NTLM_NEGOTIATE_128         0x20000000u
#define NTLM_NEGOTIATE_KEY_EXCH    0x40000000u
#define NTLM_NEGOTIATE_56          0x80000000u

/* The flags our NEGOTIATE_MESSAGE asks for.  No NTLM_NEGOTIATE_VERSION: the
** version is for debugging only, and some servers (impacket 0.10) then expect
** a MIC and misread the rest of the AUTHENTICATE_MESSAGE. */
#define NTLM_CLIENT_FLAGS                                                      \
  (NTLM_NEGOTIATE_UNICODE | NTLM_REQUEST_TARGET | NTLM_NEGOTIATE_SIGN          \
   | NTLM_NEGOTIATE_NTLM | NTLM_NEGOTIATE_ALWAYS_SIGN | NTLM_NEGOTIATE_ESS     \
   | NTLM_NEGOTIATE_TARGET_INFO | NTLM_NEGOTIATE_128 | NTLM_NEGOTIATE_KEY_EXCH \
   | NTLM_NEGOTIATE_56)

/* AV_PAIR ids (MS-NLMP 2.2.2.1). */
#define NTLM_AV_EOL              0
#define NTLM_AV_NB_COMPUTER_NAME 1
#define NTLM_AV_NB_DOMAIN_NAME   2
#define NTLM_AV_DNS_COMPUTER_NAME 3
#define NTLM_AV_DNS_DOMAIN_NAME  4
#define NTLM_AV_FLAGS            6
#define NTLM_AV_TIMESTAMP        7
#define NTLM_AV_TARGET_NAME      9

/* --- one-way functions and responses --------------------------------------- */

/* NTOWFv1: MD4 of the UTF-16LE password.  The password is UTF-8; bytes that
** are not valid UTF-8 are taken one by one as Latin-1 code points. */
void ntlm_nt_owf (const char *password, size_t len, uint8_t out[16]);
/* LMOWFv1: the first 14 bytes (up to a NUL) upper-cased as ASCII, two DES
** encryptions of "KGS!@#$%". */
void ntlm_lm_owf (const char *password, size_t len, uint8_t out[16]);
/* NTOWFv2: HMAC-MD5(NTOWFv1, UTF-16LE(upper(user) || domain)). */
void ntlm_ntowf_v2 (const uint8_t nt_owf[16], const char *user, const char *domain,
                    uint8_t out[16]);
/* DESL: the 16-byte key padded to 21, three DES encryptions of the 8-byte challenge. */
void ntlm_desl (const uint8_t key[16], const uint8_t challenge[8], uint8_t out[24]);
/* NTLMv2 response: NTProofStr || temp appended to 'nt_response', the session
** base key in 'session_base_key'.  'timestamp' is a FILETIME. */
void ntlm_v2_response (const uint8_t ntowf_v2[16], const uint8_t server_challenge[8],
                       const uint8_t client_challenge[8], uint64_t timestamp,
                       const uint8_t *target_info, size_t target_info_len,
                       GByteArray *nt_response, uint8_t session_base_key[16]);
/* LMv2 response: HMAC-MD5(NTOWFv2, server || client challenge) || client challenge. */
void ntlm_lmv2_response (const uint8_t ntowf_v2[16], const uint8_t server_challenge[8],
                         const uint8_t client_challenge[8], uint8_t out[24]);
/* The current time as a FILETIME (100 ns since 1601). */
uint64_t ntlm_filetime_now (void);

/* --- messages --------------------------------------------------------------- */

/* A parsed CHALLENGE_MESSAGE; the pointers point into the message. */
typedef struct ntlm_challenge {
  uint32_t flags;
  uint8_t server_challenge[8];
  const uint8_t *target_info;   /* AV pairs, ending with MsvAvEOL; NULL when absent */
  size_t target_info_len;
  int has_timestamp;
  uint64_t timestamp;           /* MsvAvTimestamp */
  char *nb_computer;            /* MsvAvNbComputerName as UTF-8 (g_free), or NULL */
  char *nb_domain;              /* MsvAvNbDomainName as UTF-8 (g_free), or NULL */
} ntlm_challenge;

/* The NEGOTIATE_MESSAGE for NTLM_CLIENT_FLAGS (no domain or workstation). */
GByteArray *ntlm_negotiate_message (void);
/* Parses and checks a CHALLENGE_MESSAGE.  0, or -1 with the reason in 'why'. */
int ntlm_parse_challenge (const uint8_t *msg, size_t len, ntlm_challenge *out, char *why,
                          size_t whylen);
void ntlm_challenge_clear (ntlm_challenge *c);

/* What the AUTHENTICATE_MESSAGE is built from.  Randomness comes from the
** caller (tests use the MS-NLMP values). */
typedef struct ntlm_auth_params {
  const char *user;             /* as sent: "user" or "user@domain" */
  const char *domain;           /* "" for none */
  const char *workstation;      /* "" for none */
  uint8_t nt_owf[16];           /* NTOWFv1 of the password */
  uint32_t flags;               /* 0: ntlm_auth_flags() of the challenge */
  uint8_t client_challenge[8];
  uint8_t random_session_key[16];
  uint64_t timestamp;           /* used when the challenge has no MsvAvTimestamp */
  const char *target_spn;       /* MsvAvTargetName to add ("cifs/host"), or NULL */
  uint8_t version[8];           /* sent when NTLM_NEGOTIATE_VERSION is negotiated */
} ntlm_auth_params;

/* The flags the AUTHENTICATE_MESSAGE carries for a challenge. */
uint32_t ntlm_auth_flags (uint32_t challenge_flags);
/* Builds the NTLMv2 AUTHENTICATE_MESSAGE and the exported session key (the
** SMB session key).  NULL with 'why' when the challenge cannot be answered. */
GByteArray *ntlm_authenticate_message (const ntlm_auth_params *p, const ntlm_challenge *c,
                                       uint8_t exported_session_key[16], char *why,
                                       size_t whylen);

/* Splits a login: "DOMAIN\user" and "DOMAIN/user" give the domain;
** "user@dns.domain" (a dot after the @) is a UPN, sent whole with an empty
** domain as MS-NLMP says; "user@DOMAIN" (no dot) is DOMAIN\user; otherwise
** 'default_domain' (may be NULL) is the domain.  Both results g_free. */
void ntlm_split_login (const char *login, const char *default_domain, char **user,
                       char **domain);

#endif /* SMB_NTLM_H */
