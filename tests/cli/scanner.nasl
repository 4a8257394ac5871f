# scanner.nasl: scanner_add_port and script_get_preference_file_location.
scanner_add_port(port:443);scanner_add_port(port:53, proto:"udp");
l=get_kb_list("Ports/*"); foreach k (sort(keys(l))) display(k,"=",l[k]," ");
display(script_get_preference_file_location("F"), "\n");
