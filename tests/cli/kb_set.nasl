# kb_set.nasl: stores items for a later script on the same KB.
set_kb_item(name:"cli/shared", value:"from kb_set");
set_kb_item(name:"cli/num", value:42);
