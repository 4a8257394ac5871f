# runtime_error.nasl: a soft error goes to stderr as FILE:LINE: message.
display("start\n");
set_kb_item(value:"no name");
display("end\n");
