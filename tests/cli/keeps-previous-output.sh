# A failed run leaves an earlier output file as it was, and no temporary
# file; a stream (standard output, a pipe) has had the rows before the
# failure, and the message says how many.
set -u
fail() { echo "$*"; exit 1; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
echo "earlier results" >"$tmp/out.csv"
"$TERMS" eval tests/errors/rosters/contract.terms tests/errors/rosters/wrong-enum.csv -o "$tmp/out.csv" 2>/dev/null
[ $? -eq 1 ] || fail "expected exit 1"
[ "$(cat "$tmp/out.csv")" = "earlier results" ] || fail "the earlier file was changed"
[ "$(ls -A "$tmp")" = "out.csv" ] || fail "left behind: $(ls -A "$tmp")"
# and a run that needs a blank nobody filled fails the same way
"$TERMS" eval contracts-dsl/example-district.terms contracts-dsl/example-district-roster.csv -o "$tmp/out.csv" 2>"$tmp/err"
[ $? -eq 1 ] || fail "blank: expected exit 1"
grep -qF "\`differential\` needs param \`lead_teacher\`, which is blank; give it a value with --set 'lead_teacher=\$…' or --values FILE" "$tmp/err" || fail "blank: $(cat "$tmp/err")"
grep -q 'rows failed; nothing was written' "$tmp/err" || fail "blank: no summary"
[ "$(cat "$tmp/out.csv")" = "earlier results" ] || fail "blank: the earlier file was changed"
# standard output: the rows before the first failure went out
C=tests/errors/rosters/contract.terms
printf 'id,lane,step,fte,salary,nb,hired,jobs\nA1,MA,3,0.5,$40000,no,2020-01-01,band\nA2,BA,3,1,$30000,no,2020-01-01,play\nZ1,BA,3,0,$30000,no,2020-01-01,play\nZ2,BA,3,0,$30000,no,2020-01-01,play\n' >"$tmp/r.csv"
"$TERMS" eval $C "$tmp/r.csv" >"$tmp/stdout" 2>"$tmp/err"
[ $? -eq 1 ] || fail "stdout: expected exit 1"
printf 'id,lane,pay\nA1,MA,80000.00\nA2,BA,30000.00\n' | cmp -s - "$tmp/stdout" || fail "stdout: $(cat "$tmp/stdout")"
[ "$(tail -n 1 "$tmp/err")" = "terms: 2 of 4 rows failed; 2 rows were written to standard output before the first of them" ] ||
  fail "stdout: $(tail -n 1 "$tmp/err")"
head -n 2 "$tmp/r.csv" >"$tmp/one.csv"
tail -n 1 "$tmp/r.csv" >>"$tmp/one.csv"
"$TERMS" eval $C "$tmp/one.csv" -o - 2>"$tmp/err" >/dev/null
[ "$(tail -n 1 "$tmp/err")" = "terms: 1 of 2 rows failed; 1 row was written to standard output before it" ] || fail "-o -: $(tail -n 1 "$tmp/err")"
"$TERMS" eval $C "$tmp/one.csv" -o /dev/fd/3 3>/dev/null 2>"$tmp/err"
[ "$(tail -n 1 "$tmp/err")" = "terms: 1 of 2 rows failed; 1 row was written to /dev/fd/3 before it" ] || fail "/dev/fd/3: $(tail -n 1 "$tmp/err")"
head -n 1 "$tmp/r.csv" >"$tmp/none.csv"
tail -n 2 "$tmp/r.csv" >>"$tmp/none.csv"
"$TERMS" eval $C "$tmp/none.csv" 2>"$tmp/err" >/dev/null
[ "$(tail -n 1 "$tmp/err")" = "terms: 2 of 2 rows failed; no rows were written to standard output" ] || fail "no rows: $(tail -n 1 "$tmp/err")"
exit 0
