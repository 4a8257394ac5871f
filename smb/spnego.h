/* SPDX-License-Identifier: GPL-2.0-or-later */
/* spnego.h: the SPNEGO (RFC 4178) wrapping of NTLMSSP tokens in SMB2 SESSION_SETUP, DER with bounds checks. */
#ifndef SMB_SPNEGO_H
#define SMB_SPNEGO_H

#include <stddef.h>
#include <stdint.h>
#include <glib.h>

/* negState values of a NegTokenResp. */
#define SPNEGO_ACCEPT_COMPLETED  0
#define SPNEGO_ACCEPT_INCOMPLETE 1
#define SPNEGO_REJECT            2
#define SPNEGO_REQUEST_MIC       3

/* The first token: GSS-API InitialContextToken with a NegTokenInit offering
** NTLMSSP only and carrying 'token' (the NTLM NEGOTIATE_MESSAGE). */
GByteArray *spnego_init_token (const uint8_t *token, size_t len);
/* A NegTokenResp carrying 'token' (the NTLM AUTHENTICATE_MESSAGE). */
GByteArray *spnego_resp_token (const uint8_t *token, size_t len);

/* What the server sent back.  'token' points into the input. */
typedef struct spnego_reply {
  int neg_state;            /* -1 when absent */
  int mech_ntlm;            /* supportedMech: 1 NTLMSSP, 0 another, -1 absent */
  const uint8_t *token;     /* responseToken, NULL when absent */
  size_t token_len;
} spnego_reply;

/* Parses a NegTokenResp; a bare NTLMSSP token (some servers skip SPNEGO) is
** accepted as the response token.  0, or -1 with the reason in 'why'. */
int spnego_parse_reply (const uint8_t *p, size_t len, spnego_reply *out, char *why,
                        size_t whylen);

#endif /* SMB_SPNEGO_H */
