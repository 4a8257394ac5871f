## plugins/local.mk
