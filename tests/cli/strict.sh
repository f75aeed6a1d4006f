# check --strict fails on blanks and on what the prover could not decide.
set -u
fail() { echo "$*"; exit 1; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
"$TERMS" check contracts-dsl/example-district.terms >"$tmp/out" 2>"$tmp/err" || fail "plain check failed: $(cat "$tmp/err")"
grep -q "warning: param \`lead_teacher\` is blank" "$tmp/err" || fail "blank not listed"
"$TERMS" check --strict contracts-dsl/example-district.terms 2>"$tmp/err"
[ $? -eq 1 ] || fail "--strict: expected exit 1"
grep -q "error: param \`lead_teacher\` is blank (--strict)" "$tmp/err" || fail "--strict: $(cat "$tmp/err")"
cat >"$tmp/fte.terms" <<'T'
employee:
  id: text
  fte: decimal
part: at most one
part low  when fte * 2 < 1.2 add $1
part half when fte * 2 <= 1 add $2
output id, part
T
"$TERMS" check "$tmp/fte.terms" 2>"$tmp/err" || fail "undecided: plain check should pass: $(cat "$tmp/err")"
grep -q "warning: could not decide whether rules \`part low\` and \`part half\` can both apply" "$tmp/err" || fail "undecided: $(cat "$tmp/err")"
"$TERMS" check --strict "$tmp/fte.terms" 2>"$tmp/err"
[ $? -eq 1 ] || fail "undecided --strict: expected exit 1"
exit 0
