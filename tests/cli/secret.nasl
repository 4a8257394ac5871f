# secret.nasl: secrets in arguments and in the KB never show in a trace.
function login(user, password) { return strlen(password); }
n = login(user:"alice", password:"s3cr3t-Pa55");
kb = get_kb_item("Secret/SSH/password");
len = strlen(kb);
cmd = "echo " + kb + " | sudo -S id";
r = ereg(string:cmd, pattern:"^echo");
display("lengths ", n, " ", len, " ", r, "\n");
