# terms fmt: the canonical layout (each tests/fmt/NAME.terms against its
# expected layout, NAME.expected, written by hand: messy.terms a careless
# contract, layout.terms the writer's layout fmt keeps), idempotent on
# every contract in the repository, never a change of meaning (the
# formatted contract compiles to the same bytecode in every year), no
# line it writes wider than 100 columns but a writer's comment, and every
# bundled contract already in its layout (`terms fmt --check`, as the
# pre-commit hook of docs/git.md runs it).
set -u
fail() { echo "$*"; exit 1; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
for t in tests/fmt/*.terms; do
  "$TERMS" fmt "$t" >"$tmp/out" || fail "fmt $t failed"
  cmp -s "$tmp/out" "${t%.terms}.expected" || fail "$t: $(diff "${t%.terms}.expected" "$tmp/out")"
done
"$TERMS" fmt --check contracts-dsl/*.terms >"$tmp/out" 2>&1 || fail "bundled contracts not in fmt's layout: $(cat "$tmp/out")"
for f in contracts-dsl/*.terms tests/fmt/*.terms bench/*.terms tests/errors/rosters/contract.terms; do
  [ -e "$f" ] || continue
  "$TERMS" fmt "$f" >"$tmp/once" 2>"$tmp/err" || fail "$f: fmt failed: $(cat "$tmp/err")"
  cp "$tmp/once" "$tmp/once.terms"
  "$TERMS" fmt "$tmp/once.terms" >"$tmp/twice" || fail "$f: second fmt failed"
  cmp -s "$tmp/once" "$tmp/twice" || fail "$f: not idempotent: $(diff "$tmp/once" "$tmp/twice" | head)"
  # columns, not bytes ("§" is one); a comment is the writer's to wrap,
  # and a schedule's rows are as wide as its columns
  wide=$(sed -e 's/^ *#.*//' -e 's/  #.*//' "$tmp/once" | LC_ALL=C tr -d '\200-\277' |
         grep -aEv '^ +[A-Za-z0-9_]+( +-?[$]?([0-9][0-9,.]*|___))+$|^ +[A-Za-z_][A-Za-z0-9_]*( +[A-Za-z_][A-Za-z0-9_]*)+$' |
         awk 'length($0) > 100')
  [ -z "$wide" ] || fail "$f: fmt wrote lines wider than 100 columns: $wide"
  if "$TERMS" check "$f" >/dev/null 2>&1; then
    for y in 1 2 3 4 5; do
      "$TERMS" disasm "$f" --year $y >"$tmp/d1" 2>/dev/null || break
      "$TERMS" disasm "$tmp/once.terms" --year $y >"$tmp/d2" 2>/dev/null || fail "$f: formatted copy does not compile"
      cmp -s "$tmp/d1" "$tmp/d2" || fail "$f: year $y compiles differently once formatted"
    done
  fi
done
# --check names what would change and exits 1; -w rewrites
cp tests/fmt/messy.terms "$tmp/m.terms"
cp tests/fmt/messy.expected "$tmp/ok.terms"
"$TERMS" fmt --check "$tmp/m.terms" "$tmp/ok.terms" >"$tmp/out"
[ $? -eq 1 ] || fail "--check: expected exit 1"
[ "$(cat "$tmp/out")" = "$tmp/m.terms" ] || fail "--check listed: $(cat "$tmp/out")"
"$TERMS" fmt --check "$tmp/ok.terms" || fail "--check on a formatted file"
"$TERMS" fmt -w "$tmp/m.terms" || fail "-w failed"
cmp -s "$tmp/m.terms" tests/fmt/messy.expected || fail "-w result differs"
printf 'x = (1 +\n' >"$tmp/bad.terms"
"$TERMS" fmt "$tmp/bad.terms" >/dev/null 2>"$tmp/err"; [ $? -eq 1 ] || fail "syntax error: expected exit 1"
grep -q "not formatted" "$tmp/err" || fail "syntax error: $(cat "$tmp/err")"
# a file past the size limit is refused, not cut short
head -c 17000000 /dev/zero | tr '\0' '#' >"$tmp/big.terms"
"$TERMS" fmt "$tmp/big.terms" >/dev/null 2>"$tmp/err"; [ $? -eq 1 ] || fail "17 MB file: expected exit 1"
grep -q "larger than 16 MiB" "$tmp/err" || fail "17 MB file: $(cat "$tmp/err")"
exit 0
