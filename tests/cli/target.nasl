# target.nasl: shows the target and a per-host KB.
display(get_host_ip(), " ", get_kb_item("cli/seen"), "\n");
set_kb_item(name:"cli/seen", value:"yes");
