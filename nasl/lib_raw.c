/* SPDX-License-Identifier: GPL-2.0-or-later */
/* lib_raw.c: builtin family 'raw': openvas-nasl's packet forgery and capture names, not supported. */
#include "libs.h"

/*
** Raw IP/TCP/UDP/ICMP/IGMP packets, frames and pcap capture need raw
** sockets and are out of this interpreter's scope.  The names exist so that
** a script calling one gets a clear diagnostic instead of "Undefined
** function"; each returns NULL.
*/

/* Every packet forgery and capture builtin of openvas-nasl: a diagnostic and NULL. */
static nasl_value
bi_raw_not_supported (nasl_call *call)
{
  nasl_call_error (call, "raw packet forgery and capture are not supported by this "
                         "interpreter");
  return NASL_NULL;
}

#define RAW(NAME) { NAME, bi_raw_not_supported, 0, -1, "" }

const nasl_builtin lib_raw_builtins[] = {
  RAW ("forge_ip_packet"), RAW ("forge_ip_v6_packet"), RAW ("forge_ipv6_packet"),
  RAW ("get_ip_element"), RAW ("get_ip_v6_element"), RAW ("get_ipv6_element"),
  RAW ("set_ip_elements"), RAW ("set_ip_v6_elements"), RAW ("set_ipv6_elements"),
  RAW ("insert_ip_options"), RAW ("insert_ip_v6_options"), RAW ("insert_ipv6_options"),
  RAW ("dump_ip_packet"), RAW ("dump_ip_v6_packet"), RAW ("dump_ipv6_packet"),
  RAW ("forge_tcp_packet"), RAW ("forge_tcp_v6_packet"), RAW ("get_tcp_element"),
  RAW ("get_tcp_v6_element"), RAW ("get_tcp_option"), RAW ("get_tcp_v6_option"),
  RAW ("set_tcp_elements"), RAW ("set_tcp_v6_elements"), RAW ("insert_tcp_options"),
  RAW ("insert_tcp_v6_options"), RAW ("dump_tcp_packet"), RAW ("dump_tcp_v6_packet"),
  RAW ("tcp_ping"), RAW ("tcp_v6_ping"), RAW ("forge_udp_packet"),
  RAW ("forge_udp_v6_packet"), RAW ("get_udp_element"), RAW ("get_udp_v6_element"),
  RAW ("set_udp_elements"), RAW ("set_udp_v6_elements"), RAW ("dump_udp_packet"),
  RAW ("dump_udp_v6_packet"), RAW ("forge_icmp_packet"), RAW ("forge_icmp_v6_packet"),
  RAW ("get_icmp_element"), RAW ("get_icmp_v6_element"), RAW ("dump_icmp_packet"),
  RAW ("dump_icmp_v6_packet"), RAW ("forge_igmp_packet"), RAW ("forge_igmp_v6_packet"),
  RAW ("send_packet"), RAW ("send_v6packet"), RAW ("send_arp_request"), RAW ("forge_frame"),
  RAW ("send_frame"), RAW ("dump_frame"), RAW ("pcap_next"), RAW ("send_capture"),
  NASL_BUILTIN_END
};
