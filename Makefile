# terms: build, test, demo.  `make` builds build/release/terms (and the
# build/terms link), `make test` runs everything under the sanitizers,
# `make demo` evaluates the bundled contract over its sample roster.

CC      ?= cc
STD      = -std=c11 -D_POSIX_C_SOURCE=200809L
WARN     = -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes
INCLUDES = -Igrammar -Icompiler -Iruntime -Istdlib -Icli

LIB_SRC  = $(wildcard compiler/*.c runtime/*.c stdlib/*.c)
CLI_SRC  = $(wildcard cli/*.c)
UNIT_SRC = $(wildcard tests/unit/test_*.c)

DEPS_PKGS = flex bison libcmocka-dev

# One pattern per build flavour; generated sources live in the build folder.
define flavour
$(1)_DIR   = build/$(1)
$(1)_GEN   = build/$(1)/gen/parser.c build/$(1)/gen/lexer.c
$(1)_OBJ   = $$(patsubst %.c,build/$(1)/%.o,$$(LIB_SRC)) build/$(1)/gen/parser.o build/$(1)/gen/lexer.o
$(1)_CLI   = $$(patsubst %.c,build/$(1)/%.o,$$(CLI_SRC))

build/$(1)/gen/parser.c: grammar/parser.y
	@mkdir -p $$(@D)
	bison -Wall -Werror --defines=build/$(1)/gen/parser.h -o $$@ $$<
build/$(1)/gen/parser.h: build/$(1)/gen/parser.c
build/$(1)/gen/lexer.c: grammar/lexer.l build/$(1)/gen/parser.h
	@mkdir -p $$(@D)
	flex --header-file=build/$(1)/gen/lexer.h -o $$@ $$<
build/$(1)/gen/lexer.h: build/$(1)/gen/lexer.c

# generated code is compiled without -Werror's extra warnings it cannot avoid
build/$(1)/gen/%.o: build/$(1)/gen/%.c
	$$(CC) $$(STD) $$($(1)_CFLAGS) -Wno-unused-function -Wno-sign-compare -Wno-missing-prototypes -MMD -MP -Ibuild/$(1)/gen $$(INCLUDES) -c $$< -o $$@

build/$(1)/%.o: %.c build/$(1)/gen/parser.h build/$(1)/gen/lexer.h
	@mkdir -p $$(@D)
	$$(CC) $$(STD) $$(WARN) $$($(1)_CFLAGS) -MMD -MP -Ibuild/$(1)/gen $$(INCLUDES) -c $$< -o $$@

build/$(1)/libterms.a: $$($(1)_OBJ)
	ar rcs $$@ $$^

build/$(1)/terms: $$($(1)_CLI) build/$(1)/libterms.a
	$$(CC) $$($(1)_CFLAGS) -o $$@ $$^ $$($(1)_LIBS) -lpthread

-include $$(shell find build/$(1) -name '*.d' 2>/dev/null)
endef

release_CFLAGS = -O2 -g -DNDEBUG
release_LIBS   =
debug_CFLAGS   = -O1 -g -Werror -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
debug_LIBS     =

$(eval $(call flavour,release))
$(eval $(call flavour,debug))

.PHONY: all deps demo test unit e2e bench clean
all: build/terms

build/terms: build/release/terms
	ln -sf release/terms build/terms

# Installs the Debian packages a fresh machine lacks (needs root the first time).
deps:
	@missing=""; for p in $(DEPS_PKGS); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	fi

UNIT_BIN = $(patsubst tests/unit/%.c,build/debug/tests/%,$(UNIT_SRC))

build/debug/tests/%: tests/unit/%.c build/debug/libterms.a
	@mkdir -p $(@D)
	$(CC) $(STD) $(WARN) $(debug_CFLAGS) -Ibuild/debug/gen $(INCLUDES) -o $@ $< build/debug/libterms.a -lcmocka

unit: $(UNIT_BIN)
	@fail=0; for t in $(UNIT_BIN); do echo "== $$t"; $$t || fail=1; done; exit $$fail

e2e: build/debug/terms
	@TERMS=build/debug/terms sh tests/run.sh

test: deps
	$(MAKE) unit e2e

demo: deps
	$(MAKE) build/terms
	build/terms check contracts-dsl/example-district.terms
	build/terms eval contracts-dsl/example-district.terms contracts-dsl/example-district-roster.csv --set lead_teacher='$$1,200' -o build/demo-output.csv
	@head -n 8 build/demo-output.csv
	@echo "... $$(($$(wc -l < build/demo-output.csv) - 1)) employees; the whole output is in build/demo-output.csv"

clean:
	rm -rf build
