## nasl/env.mk
