## nasl/ssh.mk
