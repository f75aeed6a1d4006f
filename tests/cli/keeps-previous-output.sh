# A failed run leaves an earlier output file as it was, and no temporary file.
set -u
fail() { echo "$*"; exit 1; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
echo "earlier results" >"$tmp/out.csv"
"$TERMS" eval tests/errors/rosters/contract.terms tests/errors/rosters/wrong-enum.csv -o "$tmp/out.csv" 2>/dev/null
[ $? -eq 1 ] || fail "expected exit 1"
[ "$(cat "$tmp/out.csv")" = "earlier results" ] || fail "the earlier file was changed"
[ "$(ls "$tmp")" = "out.csv" ] || fail "left behind: $(ls "$tmp")"
# and a run that needs a blank nobody filled fails the same way
"$TERMS" eval contracts-dsl/example-district.terms contracts-dsl/example-district-roster.csv -o "$tmp/out.csv" 2>"$tmp/err"
[ $? -eq 1 ] || fail "blank: expected exit 1"
grep -qF "\`differential\` needs param \`lead_teacher\`, which is blank; give it a value with --set 'lead_teacher=\$…' or --values FILE" "$tmp/err" || fail "blank: $(cat "$tmp/err")"
grep -q 'rows failed; nothing was written' "$tmp/err" || fail "blank: no summary"
[ "$(cat "$tmp/out.csv")" = "earlier results" ] || fail "blank: the earlier file was changed"
exit 0
