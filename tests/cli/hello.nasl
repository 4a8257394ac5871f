# hello.nasl: display output and a log report.
display("hello\n");
log_message(data:"first report");
security_message(port:22, data:"ssh is open", proto:"tcp");
