# syntax_error.nasl: does not parse.
display("before\n");
x = ;
