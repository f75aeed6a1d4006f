# terms fmt: the canonical layout (each tests/fmt/NAME.terms against its
# expected layout NAME.expected, written by hand: a messy contract, a list
# wrapped at the width), idempotent on every contract in the repository,
# and never a change of meaning: the formatted contract compiles to the
# same bytecode in every year.
set -u
fail() { echo "$*"; exit 1; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
for f in tests/fmt/*.terms; do
  "$TERMS" fmt "$f" >"$tmp/out" || fail "fmt $f failed"
  cmp -s "$tmp/out" "${f%.terms}.expected" || fail "$f: $(diff "${f%.terms}.expected" "$tmp/out")"
done
for f in contracts-dsl/*.terms tests/fmt/*.terms bench/*.terms tests/errors/rosters/contract.terms; do
  [ -e "$f" ] || continue
  "$TERMS" fmt "$f" >"$tmp/once" 2>"$tmp/err" || fail "$f: fmt failed: $(cat "$tmp/err")"
  cp "$tmp/once" "$tmp/once.terms"
  "$TERMS" fmt "$tmp/once.terms" >"$tmp/twice" || fail "$f: second fmt failed"
  cmp -s "$tmp/once" "$tmp/twice" || fail "$f: not idempotent: $(diff "$tmp/once" "$tmp/twice" | head)"
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
