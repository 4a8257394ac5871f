# port_state.nasl: get_port_state / get_udp_port_state against the KB and port_range.
display(get_port_state(22), get_udp_port_state(53), " ");
set_kb_item(name:"Host/scanned", value:1);
set_kb_item(name:"Ports/tcp/22", value:1);
display(get_port_state(22), get_port_state(23), get_port_state(5000), get_port_state(70000), get_udp_port_state(53), " ");
set_kb_item(name:"Host/udp_scanned", value:1);
display(get_udp_port_state(53), get_udp_port_state(161), "\n");
