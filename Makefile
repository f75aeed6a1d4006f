# terms: build, test, demo.  `make` builds build/release/terms (and the
# build/terms link), `make test` runs everything under the sanitizers and
# the portable build's share (docs/testing.md), `make demo` evaluates the
# bundled contract over its sample roster.  Not in `make test`: `make fuzz`
# (docs/fuzzing.md), `make mutate` (docs/testing.md), `make bench`.

VERSION  = 0.1.0

CC      ?= cc
STD      = -std=c11 -D_POSIX_C_SOURCE=200809L
WARN     = -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes
# The layers: each folder sees (has on its include path) only itself and
# the folders below it, so an #include upward does not compile.  This is
# the one place the order is written; tests/layers.sh reads it and checks
# the #include lines against it (no arrow upward, no cycle).
SEES_runtime  = runtime
SEES_stdlib   = stdlib $(SEES_runtime)
SEES_compiler = compiler $(SEES_stdlib)
SEES_grammar  = grammar $(SEES_compiler)
SEES_engine   = engine $(SEES_grammar)
SEES_cli      = cli $(SEES_engine)
SEES_tests    = tests $(SEES_engine)
# -I flags for source $(1): its folder's layer (tests/unit/x.c: tests)
includes = $(addprefix -I,$(SEES_$(firstword $(subst /, ,$(1)))))
INCLUDES = $(call includes,tests)

LIB_SRC  = $(wildcard compiler/*.c runtime/*.c stdlib/*.c grammar/*.c engine/*.c)
CLI_SRC  = $(wildcard cli/*.c)
UNIT_SRC = $(wildcard tests/unit/test_*.c)

DEPS_PKGS = flex bison libcmocka-dev libxlsxwriter-dev libjson-c-dev
TEST_PKGS = python3 chromium poppler-utils git man-db
BENCH_PKGS = valgrind

# B is the build folder; a second checkout or a helper can build beside it.
B ?= build
.DEFAULT_GOAL := all

# `terms --version`: the release, and the commit when built from a git
# checkout (nothing when git or .git is absent, as in a release tarball).
# Only cli/main.o takes them; it is rebuilt when either changes.
COMMIT := $(shell [ -e .git ] && git describe --always --dirty 2>/dev/null)
VERSION_FLAGS = -DTERMS_VERSION='"$(VERSION)"' -DTERMS_COMMIT='"$(COMMIT)"'

$(B)/version: FORCE
	@mkdir -p $(@D)
	@echo '$(VERSION) $(COMMIT)' | cmp -s - $@ 2>/dev/null || echo '$(VERSION) $(COMMIT)' >$@
.PHONY: FORCE
FORCE:

# One pattern per build flavour, each built into $(B)/FLAVOUR with its own
# compiler ($(1)_CC, cc unless the flavour says) and flags ($(1)_CFLAGS):
#   release   optimized: what `make` builds
#   debug     ASan and UBSan, -Werror: what `make unit e2e` run
#   portable  plain C11: -pedantic -DTERMS_PORTABLE selects a switch and
#             scalar code instead of the GNU C extensions (runtime/gnuc.h),
#             with the sanitizers; `make portable` runs its unit tests and
#             the end-to-end tests that read rosters and contracts
#   fuzz      clang with libFuzzer's instrumentation and the sanitizers;
#             tests/fuzz/run.sh builds $(B)/fuzz/fuzz_TARGET through make
# Generated sources live in the build folder.
define flavour
$(1)_CC   ?= $$(CC)
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
	$$($(1)_CC) $$(STD) $$($(1)_CFLAGS) -Wno-unused-function -Wno-sign-compare -Wno-missing-prototypes -MMD -MP -I$(B)/$(1)/gen $$(call includes,grammar) -c $$< -o $$@

$(B)/$(1)/%.o: %.c $(B)/$(1)/gen/parser.h $(B)/$(1)/gen/lexer.h
	@mkdir -p $$(@D)
	$$($(1)_CC) $$(STD) $$(WARN) $$($(1)_CFLAGS) $$(EXTRA_FLAGS) -MMD -MP $$(if $$(filter grammar/%,$$<),-I$(B)/$(1)/gen) $$(call includes,$$<) -c $$< -o $$@

$(B)/$(1)/cli/main.o: $(B)/version
$(B)/$(1)/cli/main.o: EXTRA_FLAGS = $(VERSION_FLAGS)

$(B)/$(1)/libterms.a: $$($(1)_OBJ)
	ar rcs $$@ $$^

$(B)/$(1)/terms: $$($(1)_CLI) $(B)/$(1)/libterms.a
	$$($(1)_CC) $$($(1)_CFLAGS) -o $$@ $$^ $$($(1)_LIBS) -lpthread

# (not -pedantic: the tests' reference arithmetic is written in __int128)
$(1)_UNIT = $$(patsubst tests/unit/%.c,$(B)/$(1)/tests/%,$$(UNIT_SRC))
$(B)/$(1)/tests/%: tests/unit/%.c $(B)/$(1)/libterms.a
	@mkdir -p $$(@D)
	$$($(1)_CC) $$(STD) $$(WARN) $$(filter-out -pedantic,$$($(1)_CFLAGS)) $$(INCLUDES) -o $$@ $$< $(B)/$(1)/libterms.a -lcmocka

-include $$(shell find $(B)/$(1) -name '*.d' 2>/dev/null)
endef

# No SLP vectorizing: it copies the rationals passed in registers through
# the stack as 16-byte loads of two 8-byte stores, which stall; link-time
# optimization lets the VM inline the exact arithmetic's fast paths from
# rat.c (docs/performance.md).
release_CFLAGS = -O2 -g -DNDEBUG -fno-tree-slp-vectorize -flto=auto
release_LIBS   = -lxlsxwriter -ljson-c
SANITIZE       = -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
debug_CFLAGS   = -O1 -g -Werror $(SANITIZE)
debug_LIBS     = -lxlsxwriter -ljson-c
portable_CFLAGS = -O1 -g -pedantic -Werror -DTERMS_PORTABLE $(SANITIZE)
portable_LIBS  = -lxlsxwriter -ljson-c
# clang, or clang-14 as Debian 12 names it
FUZZ_CC       ?= $(shell command -v clang || command -v clang-14)
fuzz_CC        = $(FUZZ_CC)
fuzz_CFLAGS    = -O1 -g $(SANITIZE) -fsanitize=fuzzer-no-link

$(eval $(call flavour,release))
$(eval $(call flavour,debug))
$(eval $(call flavour,portable))
$(eval $(call flavour,fuzz))

.PHONY: all deps test-deps install-missing demo test unit e2e portable bench fuzz mutate clean install uninstall
all: $(B)/terms

$(B)/terms: $(B)/release/terms
	ln -sf release/terms $(B)/terms

# Installs the Debian packages a fresh machine lacks (needs root the first time);
# the tests also need python3 (independent computations), chromium (the
# HTML cost report is rendered), git (the git set-up of docs/git.md) and
# man-db (the man page is rendered).
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

unit: $(debug_UNIT)
	@fail=0; for t in $(debug_UNIT); do echo "== $$t"; $$t || fail=1; done; exit $$fail

e2e: $(B)/debug/terms $(B)/debug/terms-5rows
	@TERMS=$(B)/debug/terms sh tests/run.sh

# terms with XLSX sheets of 5 rows (heads included), so that
# tests/cli/cost-report.sh sees the Employees sheet go on to a second and
# third sheet without a roster of a million employees
$(B)/debug/cli/cost_xlsx-5rows.o: cli/cost_xlsx.c $(B)/debug/cli/cost_xlsx.o
	$(debug_CC) $(STD) $(WARN) $(debug_CFLAGS) -DXLSX_ROWS=5 $(call includes,$<) -c $< -o $@
$(B)/debug/terms-5rows: $(filter-out %/cost_xlsx.o,$(debug_CLI)) $(B)/debug/cli/cost_xlsx-5rows.o $(B)/debug/libterms.a
	$(debug_CC) $(debug_CFLAGS) -o $@ $^ $(debug_LIBS) -lpthread

# The portable build's unit tests, then the end-to-end parts that run the
# VM and the roster reader over every golden, diagnostic and bad input,
# and --jobs (its line counting); the rest is the same code as debug's.
portable: $(portable_UNIT) $(B)/portable/terms
	@fail=0; for t in $(portable_UNIT); do echo "== $$t"; $$t || fail=1; done; \
	TERMS=$(B)/portable/terms sh tests/run.sh golden errors bad tests/cli/jobs.sh || fail=1; exit $$fail

test: test-deps
	$(MAKE) unit e2e portable

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
	@$(MAKE) --no-print-directory install-missing PKGS="$(BENCH_PKGS)"
	B=$(B) bench/run.sh

# libFuzzer targets (clang), each FUZZ_SECONDS, FUZZ_JOBS at once; the
# targets are built by the fuzz flavour above.
$(B)/fuzz/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/fuzz.h $(B)/fuzz/libterms.a
	$(fuzz_CC) $(STD) -D_GNU_SOURCE $(WARN) -Werror $(fuzz_CFLAGS) -fsanitize=fuzzer $(INCLUDES) -Itests/fuzz -o $@ $< $(B)/fuzz/libterms.a

FUZZ_SECONDS ?= 60
FUZZ_JOBS ?= 2
fuzz:
	B=$(B) MAKE="$(MAKE)" FUZZ_CC=$(FUZZ_CC) FUZZ_SECONDS=$(FUZZ_SECONDS) FUZZ_JOBS=$(FUZZ_JOBS) FUZZ_SEED=$(FUZZ_SEED) tests/fuzz/run.sh

# Mutation testing: each mutant of tests/mutants/list (a realistic one-line
# bug) applied in turn to a copy of the tree in $(B)/mutate, rebuilt and
# tested until a test fails; reports the mutants no test caught.  Slow: not
# in `make test` or CI (docs/testing.md).  MUTANTS="NAME..." runs some.
mutate:
	B=$(B) MAKE="$(MAKE)" sh tests/mutants/run.sh $(MUTANTS)

clean:
	rm -rf $(B)

# Editor packages (editors/, docs/editors.md): the VS Code grammar's tests,
# with the npm packages of editors/vscode/package-lock.json, and the Vim
# files' tests; `make editors-vsix` builds editors/vscode/terms-VERSION.vsix
# (its packager needs Node.js 20 or later).
.PHONY: editors-deps editors-test editors-vsix
EDITORS_NPM = editors/vscode/node_modules/.package-lock.json

test: editors-test

# under `make -j test`, after test-deps: two apt-get at once would collide
editors-deps: $(if $(filter test,$(MAKECMDGOALS)),test-deps)
	@$(MAKE) --no-print-directory install-missing PKGS=vim
	@command -v npm >/dev/null || $(MAKE) --no-print-directory install-missing PKGS="nodejs npm"

$(EDITORS_NPM): editors/vscode/package-lock.json | editors-deps
	cd editors/vscode && npm ci --no-audit --no-fund
	@touch $@

editors-test: $(EDITORS_NPM)
	cd editors/vscode && npm test --silent
	sh editors/vim/test/run.sh

editors-vsix: $(EDITORS_NPM)
	cd editors/vscode && npm run package

# make install [PREFIX=/usr/local] [DESTDIR=staging]: the binary, the man
# page, bash completion, the docs the man page points to, and the Vim files
# of editors/vim/ when that folder is there.  TERMS_BIN installs another
# build (the tests install the debug one).
PREFIX   ?= /usr/local
BINDIR    = $(PREFIX)/bin
MANDIR    = $(PREFIX)/share/man
DOCDIR    = $(PREFIX)/share/doc/terms
BASHDIR   = $(PREFIX)/share/bash-completion/completions
VIMDIR    = $(PREFIX)/share/vim/vimfiles
NVIMDIR   = $(PREFIX)/share/nvim/site
VIM_SRC   = editors/vim
TERMS_BIN = $(B)/release/terms
DOCS      = docs/language.md docs/tutorial.md docs/git.md docs/costing.md docs/security.md
VIM_FILES = $(if $(wildcard $(VIM_SRC)),$(shell cd $(VIM_SRC) && find . -type f \( -name '*.vim' -o -name '*.lua' \) | sed 's|^\./||'))

install: $(TERMS_BIN)
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(DOCDIR)/git $(DESTDIR)$(BASHDIR)
	install -m 755 $(TERMS_BIN) $(DESTDIR)$(BINDIR)/terms
	sed -e 's|"terms" "User Commands"|"terms $(VERSION)" "User Commands"|' -e 's|/usr/local/share/doc/terms|$(DOCDIR)|g' \
	  docs/man/terms.1 >$(DESTDIR)$(MANDIR)/man1/terms.1
	chmod 644 $(DESTDIR)$(MANDIR)/man1/terms.1
	install -m 644 completions/terms.bash $(DESTDIR)$(BASHDIR)/terms
	install -m 644 $(DOCS) $(DESTDIR)$(DOCDIR)
	install -m 755 docs/git/pre-commit $(DESTDIR)$(DOCDIR)/git/pre-commit
	@for f in $(VIM_FILES); do \
	  for d in $(DESTDIR)$(VIMDIR) $(DESTDIR)$(NVIMDIR); do \
	    echo "install -m 644 $(VIM_SRC)/$$f $$d/$$f"; \
	    install -d "$$d/$$(dirname $$f)" && install -m 644 "$(VIM_SRC)/$$f" "$$d/$$f" || exit 1; \
	  done; \
	done

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/terms $(DESTDIR)$(MANDIR)/man1/terms.1 $(DESTDIR)$(BASHDIR)/terms
	rm -rf $(DESTDIR)$(DOCDIR)
	@for f in $(VIM_FILES); do \
	  echo "rm -f $(DESTDIR)$(VIMDIR)/$$f $(DESTDIR)$(NVIMDIR)/$$f"; \
	  rm -f "$(DESTDIR)$(VIMDIR)/$$f" "$(DESTDIR)$(NVIMDIR)/$$f"; \
	done
