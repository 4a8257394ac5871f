/* SPDX-License-Identifier: GPL-2.0-or-later */
/* dcerpc.h: connection-oriented DCE/RPC PDUs (bind, request, response, fault) and NDR20 marshalling, no I/O. */
#ifndef SMB_DCERPC_H
#define SMB_DCERPC_H

#include <stddef.h>
#include <stdint.h>
#include <glib.h>

#include "smb_buf.h"

#define DCERPC_REQUEST  0
#define DCERPC_RESPONSE 2
#define DCERPC_FAULT    3
#define DCERPC_BIND     11
#define DCERPC_BIND_ACK 12
#define DCERPC_BIND_NAK 13

#define DCERPC_PFC_FIRST_FRAG 0x01
#define DCERPC_PFC_LAST_FRAG  0x02

#define DCERPC_HDR_SIZE 16
/* What we offer as max_xmit_frag / max_recv_frag (the named-pipe norm). */
#define DCERPC_MAX_FRAG 4280
/* The largest reassembled response we accept. */
#define DCERPC_MAX_STUB (4u * 1024 * 1024)

typedef struct dcerpc_syntax {
  uint8_t uuid[16];             /* wire order */
  uint16_t major, minor;
} dcerpc_syntax;

extern const dcerpc_syntax dcerpc_ndr20;
extern const dcerpc_syntax dcerpc_svcctl;

/* One PDU as received; 'body' follows the 16-byte header, 'frag_len' long in all. */
typedef struct dcerpc_pdu {
  uint8_t type;
  uint8_t flags;
  uint16_t frag_len;
  uint16_t auth_len;
  uint32_t call_id;
  const uint8_t *body;
  size_t body_len;
} dcerpc_pdu;

GByteArray *dcerpc_bind_pdu (uint32_t call_id, const dcerpc_syntax *abstract);
/* The request PDUs for a stub, each at most 'max_frag' bytes. */
GPtrArray *dcerpc_request_pdus (uint32_t call_id, uint16_t opnum, const uint8_t *stub,
                                size_t len, uint16_t max_frag);

/* Needs a whole PDU at p: 1 and *pdu filled, 0 when more bytes are needed
** (len < frag_len), -1 when malformed (reason in why). */
int dcerpc_pdu_parse (const uint8_t *p, size_t len, dcerpc_pdu *pdu, char *why, size_t whylen);
/* A BIND_ACK that accepts our one context: 0 and the server's fragment sizes. */
int dcerpc_bind_ack_parse (const dcerpc_pdu *pdu, uint32_t call_id, uint16_t *max_xmit,
                           uint16_t *max_recv, char *why, size_t whylen);

/* Reassembles the response to 'call_id' from the PDUs in 'data': 1 with the
** stub appended to 'stub' once the last fragment is in, 0 when more data is
** needed, -1 on a malformed or foreign PDU, -2 on a fault (*fault set).
** Unless it returns 1, 'stub' is left as it was. */
int dcerpc_response_collect (const uint8_t *data, size_t len, uint32_t call_id, GByteArray *stub,
                             uint32_t *fault, char *why, size_t whylen);

/* --- NDR20 (little-endian, alignment from the stub start) ----------------- */

typedef struct ndr_wr {
  GByteArray *b;
  uint32_t next_ref;             /* referent ids of unique pointers */
} ndr_wr;

void ndr_init (ndr_wr *w);
void ndr_align (ndr_wr *w, size_t n);
void ndr_u16 (ndr_wr *w, uint16_t v);
void ndr_u32 (ndr_wr *w, uint32_t v);
void ndr_bytes (ndr_wr *w, const void *p, size_t n);
/* A unique pointer: its referent id, or 0 for NULL. */
void ndr_unique (ndr_wr *w, int present);
/* A [string] wchar_t* body: max count, offset, actual count, UTF-16LE with
** the NUL.  -1 for invalid UTF-8 or a string over 'max_chars'. */
int ndr_wstring (ndr_wr *w, const char *utf8, size_t max_chars);

/* Reading: smb_rd over the stub; ndr_rd_align aligns from its start. */
#define ndr_rd_align smb_rd_align

#endif /* SMB_DCERPC_H */
