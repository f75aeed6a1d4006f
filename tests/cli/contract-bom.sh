# A contract or values file saved with a UTF-8 byte-order mark (as some
# Windows editors save them) reads as without it; columns count from the
# first character after it.
set -u
fail() { echo "$*"; exit 1; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
printf '\357\273\277contract "X"\nemployee:\n  id: text\nparam p = $1\nx = p\noutput id, x\n' >"$tmp/c.terms"
printf '\357\273\277param p = $2\n' >"$tmp/v.terms"
printf 'id\nA\n' >"$tmp/r.csv"
"$TERMS" eval "$tmp/c.terms" "$tmp/r.csv" --values "$tmp/v.terms" >"$tmp/out" 2>"$tmp/err" || fail "eval: $(cat "$tmp/err")"
printf 'id,x\nA,2.00\n' | cmp -s - "$tmp/out" || fail "output: $(cat "$tmp/out")"
"$TERMS" fmt --check "$tmp/c.terms" >/dev/null || fail "fmt --check: not formatted"
printf '\357\273\277x = 1 +\n' >"$tmp/bad.terms"
"$TERMS" check "$tmp/bad.terms" 2>"$tmp/err"
[ $? -eq 1 ] || fail "bad: expected exit 1"
head -1 "$tmp/err" | grep -qxF "$tmp/bad.terms:1:8: error: unexpected end of line" || fail "bad: $(cat "$tmp/err")"
exit 0
