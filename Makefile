# terms: build, test, demo.  `make` builds build/release/terms (and the
# build/terms link), `make test` runs everything under the sanitizers,
# `make demo` evaluates the bundled contract over its sample roster.

CC      ?= cc
STD      = -std=c11 -D_POSIX_C_SOURCE=200809L
WARN     = -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes
INCLUDES = -Igrammar -Icompiler -Iruntime -Istdlib -Iengine -Icli

LIB_SRC  = $(wildcard compiler/*.c runtime/*.c stdlib/*.c engine/*.c)
CLI_SRC  = $(wildcard cli/*.c)
UNIT_SRC = $(wildcard tests/unit/test_*.c)

DEPS_PKGS = flex bison libcmocka-dev libxlsxwriter-dev libjson-c-dev
TEST_PKGS = python3 chromium

# B is the build folder; a second checkout or a helper can build beside it.
B ?= build
.DEFAULT_GOAL := all

# One pattern per build flavour; generated sources live in the build folder.
define flavour
$(1)_DIR   = $(B)/$(1)
$(1)_GEN   = $(B)/$(1)/gen/parser.c $(B)/$(1)/gen/lexer.c
$(1)_OBJ   = $$(patsubst %.c,$(B)/$(1)/%.o,$$(LIB_SRC)) $(B)/$(1)/gen/parser.o $(B)/$(1)/gen/lexer.o
$(1)_CLI   = $$(patsubst %.c,$(B)/$(1)/%.o,$$(CLI_SRC))

$(B)/$(1)/gen/parser.c: grammar/parser.y
	@mkdir -p $$(@D)
	bison -Wall -Werror --defines=$(B)/$(1)/gen/parser.h -o $$@ $$<
$(B)/$(1)/gen/parser.h: $(B)/$(1)/gen/parser.c
$(B)/$(1)/gen/lexer.c: grammar/lexer.l $(B)/$(1)/gen/parser.h
	@mkdir -p $$(@D)
	flex --header-file=$(B)/$(1)/gen/lexer.h -o $$@ $$<
$(B)/$(1)/gen/lexer.h: $(B)/$(1)/gen/lexer.c

# generated code is compiled without -Werror's extra warnings it cannot avoid
$(B)/$(1)/gen/%.o: $(B)/$(1)/gen/%.c
	$$(CC) $$(STD) $$($(1)_CFLAGS) -Wno-unused-function -Wno-sign-compare -Wno-missing-prototypes -MMD -MP -I$(B)/$(1)/gen $$(INCLUDES) -c $$< -o $$@

$(B)/$(1)/%.o: %.c $(B)/$(1)/gen/parser.h $(B)/$(1)/gen/lexer.h
	@mkdir -p $$(@D)
	$$(CC) $$(STD) $$(WARN) $$($(1)_CFLAGS) -MMD -MP -I$(B)/$(1)/gen $$(INCLUDES) -c $$< -o $$@

$(B)/$(1)/libterms.a: $$($(1)_OBJ)
	ar rcs $$@ $$^

$(B)/$(1)/terms: $$($(1)_CLI) $(B)/$(1)/libterms.a
	$$(CC) $$($(1)_CFLAGS) -o $$@ $$^ $$($(1)_LIBS) -lpthread

-include $$(shell find $(B)/$(1) -name '*.d' 2>/dev/null)
endef

# No SLP vectorizing: it copies the rationals passed in registers through
# the stack as 16-byte loads of two 8-byte stores, which stall; link-time
# optimization lets the VM inline the exact arithmetic's fast paths from
# rat.c (docs/performance.md).
release_CFLAGS = -O2 -g -DNDEBUG -fno-tree-slp-vectorize -flto=auto
release_LIBS   = -lxlsxwriter -ljson-c
debug_CFLAGS   = -O1 -g -Werror -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
debug_LIBS     = -lxlsxwriter -ljson-c

$(eval $(call flavour,release))
$(eval $(call flavour,debug))

.PHONY: all deps test-deps install-missing demo test unit e2e bench fuzz clean
all: $(B)/terms

$(B)/terms: $(B)/release/terms
	ln -sf release/terms $(B)/terms

# Installs the Debian packages a fresh machine lacks (needs root the first time);
# the tests also need python3 (independent computations) and chromium (the
# HTML cost report is rendered).
deps:
	@$(MAKE) --no-print-directory install-missing PKGS="$(DEPS_PKGS)"

test-deps:
	@$(MAKE) --no-print-directory install-missing PKGS="$(DEPS_PKGS) $(TEST_PKGS)"

install-missing:
	@missing=""; for p in $(PKGS); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	fi

UNIT_BIN = $(patsubst tests/unit/%.c,$(B)/debug/tests/%,$(UNIT_SRC))

$(B)/debug/tests/%: tests/unit/%.c $(B)/debug/libterms.a
	@mkdir -p $(@D)
	$(CC) $(STD) $(WARN) $(debug_CFLAGS) -I$(B)/debug/gen $(INCLUDES) -o $@ $< $(B)/debug/libterms.a -lcmocka

unit: $(UNIT_BIN)
	@fail=0; for t in $(UNIT_BIN); do echo "== $$t"; $$t || fail=1; done; exit $$fail

e2e: $(B)/debug/terms
	@TERMS=$(B)/debug/terms sh tests/run.sh

test: test-deps
	$(MAKE) unit e2e

ISD = contracts-dsl/isd622-2017-2019.terms
ISD_VALUES = --values contracts-dsl/isd622-illustrative-values.terms

demo: deps
	$(MAKE) $(B)/terms
	$(B)/terms check $(ISD) $(ISD_VALUES)
	$(B)/terms test $(ISD)
	$(B)/terms eval $(ISD) contracts-dsl/isd622-roster.csv $(ISD_VALUES) -o $(B)/demo-output.csv
	@head -n 4 $(B)/demo-output.csv
	@echo "... $$(($$(wc -l < $(B)/demo-output.csv) - 1)) teachers, 29 columns each; the whole output is in $(B)/demo-output.csv"
	@echo "(the contract's blanks and Appendix A filled with ILLUSTRATIVE values, not the agreement's)"
	@echo; echo "Why does teacher T0018 get longevity?  terms explain ... --id T0018:"
	@$(B)/terms explain $(ISD) contracts-dsl/isd622-roster.csv $(ISD_VALUES) --id T0018 | sed -n '/^longevity_paid/,/^$$/p'

# Speed against a hand-written C baseline; prints figures, times nothing in tests.
bench: $(B)/terms
	B=$(B) bench/run.sh

# libFuzzer targets (clang); FUZZ_SECONDS per target.
FUZZ_SECONDS ?= 60
fuzz:
	B=$(B) FUZZ_SECONDS=$(FUZZ_SECONDS) FUZZ_SEED=$(FUZZ_SEED) tests/fuzz/run.sh

clean:
	rm -rf build
