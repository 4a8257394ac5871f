# multi.nasl: a multi-valued KB item forks, one child per value.
set_kb_item(name:"cli/multi", value:"a");
set_kb_item(name:"cli/multi", value:"b");
v = get_kb_item("cli/multi");
display("value=", v, "\n");
if (v) set_kb_item(name:"cli/child/" + v, value:1);
if (isnull(v)) display("parent sees: ", max_index(keys(get_kb_list("cli/child/*"))), " child items\n");
if (isnull(v)) display("single=", get_kb_item("cli/multi", 1), "\n");
