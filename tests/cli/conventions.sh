# Command-line conventions: --version (the Makefile's VERSION, and the
# commit when built from a checkout, nothing when there is no .git),
# `terms help COMMAND` = `terms COMMAND --help`, the man page (renders
# without warnings, names every command and every option of each), bash
# completion (every command, every option of each, contracts and rosters
# by their extension), and make install / uninstall with PREFIX and DESTDIR.
set -u
fail() { echo "$*"; exit 1; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
root=$(pwd)
version=$(sed -n 's/^VERSION *= *//p' Makefile)
[ -n "$version" ] || fail "no VERSION in the Makefile"

# --version
"$TERMS" --version >"$tmp/v" || fail "--version exited $?"
grep -Eq "^terms $version( \(commit [0-9a-f]+(-dirty)?\))?$" "$tmp/v" || fail "--version: $(cat "$tmp/v")"
if [ -e .git ] && command -v git >/dev/null; then
  grep -q "(commit " "$tmp/v" || fail "--version from a checkout names no commit: $(cat "$tmp/v")"
fi
# built without .git (a release tarball): an empty commit, and no error
mkdir "$tmp/src"
tar --exclude=./build --exclude=./.git -cf - . | tar -xf - -C "$tmp/src"
(cd "$tmp/src" && make -n build/release/cli/main.o) >"$tmp/n" 2>&1 || fail "make -n without .git: $(cat "$tmp/n")"
grep -q "\-DTERMS_VERSION='\"$version\"' -DTERMS_COMMIT='\"\"'" "$tmp/n" || fail "without .git: $(grep main.c "$tmp/n")"

# terms help COMMAND is terms COMMAND --help
commands=$("$TERMS" --help | sed -n 's/^  terms \([a-z]*\) .*/\1/p')
[ "$(echo $commands | wc -w)" -ge 8 ] || fail "commands in --help: $commands"
for c in $commands; do
  "$TERMS" help $c >"$tmp/a" || fail "help $c exited $?"
  "$TERMS" $c --help >"$tmp/b"
  cmp -s "$tmp/a" "$tmp/b" || fail "help $c differs from $c --help"
  grep -q "usage: terms $c" "$tmp/a" || fail "help $c: $(head -1 "$tmp/a")"
done
"$TERMS" help frobnicate 2>"$tmp/err"; [ $? -eq 2 ] || fail "help of an unknown command: expected exit 2"
grep -q "unknown command \`frobnicate\`" "$tmp/err" || fail "help frobnicate: $(cat "$tmp/err")"

# each command's options, as its --help lists them
options() { "$TERMS" $1 --help | grep -oE '(^|[ [(,])(--[a-z]+(-[a-z]+)*|-[a-zA-Z])\b' | grep -oE -- '-+[a-zA-Z]+(-[a-z]+)*' | sort -u; }

# the man page
if command -v man >/dev/null; then
  MANWIDTH=80 man --warnings -l docs/man/terms.1 >"$tmp/man" 2>"$tmp/warn" || fail "man -l failed: $(cat "$tmp/warn")"
  [ -s "$tmp/warn" ] && fail "man -l warns: $(cat "$tmp/warn")"
  grep -q "docs/language.md" "$tmp/man" || fail "terms(1) does not point to docs/language.md"
  for c in $commands; do
    grep -qE "^       $c( |$)" "$tmp/man" || fail "terms(1) has no entry for $c"
    # the options in the command's entry, up to the next command
    sed -n "/^       $c\( \|$\)/,/^       [a-z]/p" "$tmp/man" >"$tmp/entry"
    for o in $(options $c); do
      [ "$o" = "-h" ] || [ "$o" = "--help" ] && continue
      grep -q -- "$o" "$tmp/entry" || grep -q -- "$o.*as for" "$tmp/entry" || fail "terms(1), $c: no $o"
    done
  done
  grep -q -- "--version" "$tmp/man" || fail "terms(1): no --version"
else
  echo "man is not installed: the man page was not rendered" >&2
fi

# bash completion
cat >"$tmp/comp.bash" <<'B'
. completions/terms.bash
complete_words() { COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); COMPREPLY=(); _terms; printf '%s\n' "${COMPREPLY[@]}" | sort; }
B
comp() { bash -c ". '$tmp/comp.bash'; complete_words \"\$@\"" sh "$@"; }
comp terms "" >"$tmp/c"
for c in $commands help; do grep -qx "$c" "$tmp/c" || fail "completion: no command $c"; done
for c in $commands; do
  comp terms $c - >"$tmp/c"
  for o in $(options $c); do grep -qx -- "$o" "$tmp/c" || fail "completion: $c has no $o"; done
done
mkdir "$tmp/d" && touch "$tmp/d/a.terms" "$tmp/d/r.csv" "$tmp/d/notes.txt"
[ "$(comp terms eval "$tmp/d/")" = "$tmp/d/a.terms" ] || fail "completion: eval's contract: $(comp terms eval "$tmp/d/")"
[ "$(comp terms eval "$tmp/d/a.terms" "$tmp/d/")" = "$tmp/d/r.csv" ] || fail "completion: eval's roster"
[ "$(comp terms diff --roster "$tmp/d/")" = "$tmp/d/r.csv" ] || fail "completion: --roster"
[ "$(comp terms eval a.terms r.csv --format "")" = "$(printf 'csv\njsonl')" ] || fail "completion: --format"

# make install and uninstall, with the Vim files when editors/vim exists
if [ -d editors/vim ]; then vim_src=editors/vim; else
  vim_src="$tmp/vim"; mkdir -p "$vim_src/syntax" "$vim_src/ftdetect"
  echo '" syntax' >"$vim_src/syntax/terms.vim"; echo '" ftdetect' >"$vim_src/ftdetect/terms.vim"
fi
p="$tmp/prefix"
make -s install PREFIX="$p" TERMS_BIN="$TERMS" VIM_SRC="$vim_src" >"$tmp/log" 2>&1 || fail "make install: $(cat "$tmp/log")"
for f in bin/terms share/man/man1/terms.1 share/bash-completion/completions/terms share/doc/terms/language.md \
         share/doc/terms/git.md share/doc/terms/git/pre-commit; do
  [ -f "$p/$f" ] || fail "make install: no $f"
done
(cd "$vim_src" && find . -name '*.vim' | sed 's|^\./||') >"$tmp/vimfiles"
[ -s "$tmp/vimfiles" ] || fail "no Vim files in $vim_src"
while read -r f; do
  [ -f "$p/share/vim/vimfiles/$f" ] && [ -f "$p/share/nvim/site/$f" ] || fail "make install: no $f for Vim and Neovim"
done <"$tmp/vimfiles"
[ -x "$p/bin/terms" ] || fail "make install: bin/terms is not executable"
"$p/bin/terms" --version | grep -q "^terms $version" || fail "installed --version: $("$p/bin/terms" --version)"
grep -q "\"terms $version\"" "$p/share/man/man1/terms.1" || fail "installed man page has no version"
grep -q "$p/share/doc/terms/language.md" "$p/share/man/man1/terms.1" || fail "installed man page points elsewhere"
if command -v man >/dev/null; then
  MANPATH="$p/share/man" man terms 2>/dev/null | grep -q "check, evaluate, compare and cost" || fail "man terms after install"
fi
make -s uninstall PREFIX="$p" VIM_SRC="$vim_src" >"$tmp/log" 2>&1 || fail "make uninstall: $(cat "$tmp/log")"
left=$(find "$p" -type f)
[ -z "$left" ] || fail "make uninstall left: $left"
# DESTDIR stages the same files under it, pointing at PREFIX
make -s install DESTDIR="$tmp/stage" PREFIX=/usr TERMS_BIN="$TERMS" VIM_SRC="$vim_src" >"$tmp/log" 2>&1 || fail "DESTDIR install: $(cat "$tmp/log")"
[ -x "$tmp/stage/usr/bin/terms" ] || fail "DESTDIR: no usr/bin/terms"
grep -q " /usr/share/doc/terms/language.md\|^\.I \\\\%/usr/share/doc/terms/language.md" "$tmp/stage/usr/share/man/man1/terms.1" ||
  fail "DESTDIR: the man page should name /usr/share/doc/terms"
make -s uninstall DESTDIR="$tmp/stage" PREFIX=/usr VIM_SRC="$vim_src" >"$tmp/log" 2>&1 || fail "DESTDIR uninstall"
[ -z "$(find "$tmp/stage" -type f)" ] || fail "DESTDIR uninstall left: $(find "$tmp/stage" -type f)"
exit 0
