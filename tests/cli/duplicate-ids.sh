# Two rows with one id: eval, cost and diff --roster refuse the roster
# (exit 1, naming both rows, no file written), with --jobs too, unless
# --allow-duplicate-ids says it has a row per assignment; explain --id
# names both rows.
set -u
fail() { echo "$*"; exit 1; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
C=contracts-dsl/example-district.terms
P=contracts-dsl/example-district-proposal.terms
R=contracts-dsl/example-district-roster.csv
S='lead_teacher=$1,200'
cp $R "$tmp/dup.csv"
"$TERMS" explain $C "$tmp/dup.csv" --set "$S" --id T0001 >"$tmp/T0001" || fail "explain T0001: failed"
sed -n 3p $R >>"$tmp/dup.csv" # T0002 again, as row 241
want="$tmp/dup.csv:242: row 241, column \"id\": \"T0002\" is also the id of row 2 (line 3); each employee must have one row (if this roster has one row per assignment, give --allow-duplicate-ids)"
for jobs in 1 2; do
  "$TERMS" eval $C "$tmp/dup.csv" --set "$S" --jobs $jobs -o "$tmp/out.csv" 2>"$tmp/err"
  [ $? -eq 1 ] || fail "eval --jobs $jobs: expected exit 1"
  [ "$(cat "$tmp/err")" = "$want" ] || fail "eval --jobs $jobs: $(cat "$tmp/err")"
  [ ! -e "$tmp/out.csv" ] || fail "eval --jobs $jobs: output left"
  "$TERMS" eval $C "$tmp/dup.csv" --set "$S" --jobs $jobs --allow-duplicate-ids -o "$tmp/out.csv" || fail "allowed: failed"
  [ "$(wc -l <"$tmp/out.csv")" -eq 242 ] || fail "allowed: expected 241 rows"
  rm -f "$tmp/out.csv"
done
"$TERMS" cost $C "$tmp/dup.csv" --set "$S" --html "$tmp/r.html" >"$tmp/out" 2>"$tmp/err"
[ $? -eq 1 ] || fail "cost: expected exit 1"
[ "$(cat "$tmp/err")" = "$want (reading it for $C)" ] || fail "cost: $(cat "$tmp/err")"
[ ! -e "$tmp/r.html" ] || fail "cost: report written"
"$TERMS" cost $C "$tmp/dup.csv" --set "$S" --allow-duplicate-ids >"$tmp/out" || fail "cost allowed: failed"
grep -q '241 employees' "$tmp/out" || fail "cost allowed: $(head -n 1 "$tmp/out")"
"$TERMS" diff $C $P --roster "$tmp/dup.csv" --set "$S" >"$tmp/out" 2>"$tmp/err"
[ $? -eq 2 ] || fail "diff: expected exit 2 (trouble, as diff(1) says)"
[ "$(cat "$tmp/err")" = "$want (reading it for $C)" ] || fail "diff: $(cat "$tmp/err")"
"$TERMS" diff $C $P --roster "$tmp/dup.csv" --set "$S" --allow-duplicate-ids >"$tmp/out"
[ $? -eq 1 ] || fail "diff allowed: expected exit 1 (the versions differ)"
grep -q '(241 employees)' "$tmp/out" || fail "diff allowed: no cost"
"$TERMS" explain $C "$tmp/dup.csv" --set "$S" --id T0002 >"$tmp/out" 2>"$tmp/err"
[ $? -eq 1 ] || fail "explain: expected exit 1"
[ "$(cat "$tmp/err")" = "$tmp/dup.csv: id T0002 is on two rows, row 2 (line 3) and row 241 (line 242); explain needs an id that names one row" ] ||
  fail "explain: $(cat "$tmp/err")"
[ ! -s "$tmp/out" ] || fail "explain: wrote $(head -n 2 "$tmp/out")"
# the employee's values survive reading on for a second row
"$TERMS" explain $C "$tmp/dup.csv" --set "$S" --id T0001 | cmp -s - "$tmp/T0001" || fail "explain T0001: differs from before"
exit 0
