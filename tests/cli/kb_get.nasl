# kb_get.nasl: reads what kb_set.nasl and -k stored.
display("shared=", get_kb_item("cli/shared"), "\n");
display("num=", get_kb_item("cli/num"), " type=", typeof(get_kb_item("cli/num")), "\n");
display("preloaded=", get_kb_item("cli/pre"), "\n");
