## nasl/front.mk: NASL front end -- lexer, parser, syntax tree, include resolution.

nasl_libnasl_core_la_SOURCES += \
	nasl/ast.h nasl/ast.c nasl/lex.h nasl/lex.c \
	nasl/parse.h nasl/parse.c nasl/include.h nasl/include.c
