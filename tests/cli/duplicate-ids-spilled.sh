# The duplicate-id check past its memory budget (TERMS_ID_MEMORY, a knob
# for tests: docs/performance.md): ids written to a temporary file and
# merged give the same message as a check in memory, naming both rows of
# the first duplicate however far apart; eval, cost and diff --roster
# still fail (exit 1, 1, 2) and no output file is written.  Eval to a
# stream has written the rows before the end, where the duplicate is
# found.  A duplicate before a bad row is the error reported.  A
# temporary folder that cannot be used stops the run with a message.
set -u
fail() { echo "$*"; exit 1; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
C=contracts-dsl/example-district.terms
P=contracts-dsl/example-district-proposal.terms
R=contracts-dsl/example-district-roster.csv
S='lead_teacher=$1,200'
# 3,000 rows, each id made unique by a suffix, then row 2,000's id that of row 3
awk -F, 'NR == 1 { print; next } { row[++k] = $0 }
  END { for (i = 0; i < 3000; i++) { r = row[i % k + 1]; c = index(r, ","); print substr(r, 1, c - 1) "-" i substr(r, c) } }' $R |
  sed '2001s/^[^,]*,/T0003-2,/' >"$tmp/dup.csv"
want="$tmp/dup.csv:2001: row 2000, column \"id\": \"T0003-2\" is also the id of row 3 (line 4); each employee must have one row (if this roster has one row per assignment, give --allow-duplicate-ids)"
export TERMS_ID_MEMORY=4096

for jobs in 1 2; do
  "$TERMS" eval $C "$tmp/dup.csv" --set "$S" --jobs $jobs -o "$tmp/out.csv" 2>"$tmp/err"
  [ $? -eq 1 ] || fail "eval --jobs $jobs -o: expected exit 1"
  [ "$(cat "$tmp/err")" = "$want" ] || fail "eval --jobs $jobs -o: $(cat "$tmp/err")"
  [ ! -e "$tmp/out.csv" ] || fail "eval --jobs $jobs -o: output left"
  "$TERMS" eval $C "$tmp/dup.csv" --set "$S" --jobs $jobs >"$tmp/out.csv" 2>"$tmp/err"
  [ $? -eq 1 ] || fail "eval --jobs $jobs: expected exit 1"
  [ "$(cat "$tmp/err")" = "$want" ] || fail "eval --jobs $jobs: $(cat "$tmp/err")"
  [ "$(wc -l <"$tmp/out.csv")" -eq 3001 ] || fail "eval --jobs $jobs: expected every row written before the end"
  "$TERMS" eval $C "$tmp/dup.csv" --set "$S" --jobs $jobs --allow-duplicate-ids -o "$tmp/out.csv" || fail "allowed: failed"
  rm -f "$tmp/out.csv"
done
"$TERMS" cost $C "$tmp/dup.csv" --set "$S" --html "$tmp/r.html" >"$tmp/out" 2>"$tmp/err"
[ $? -eq 1 ] || fail "cost: expected exit 1"
[ "$(cat "$tmp/err")" = "$want (reading it for $C)" ] || fail "cost: $(cat "$tmp/err")"
[ ! -e "$tmp/r.html" ] || fail "cost: report written"
"$TERMS" diff $C $P --roster "$tmp/dup.csv" --set "$S" >"$tmp/out" 2>"$tmp/err"
[ $? -eq 2 ] || fail "diff: expected exit 2"
[ "$(cat "$tmp/err")" = "$want (reading it for $C)" ] || fail "diff: $(cat "$tmp/err")"

# a bad row after the duplicate: the duplicate is the first error
sed '2900s/,BA,/,XX,/' "$tmp/dup.csv" >"$tmp/bad.csv"
grep -q ',XX,' "$tmp/bad.csv" || fail "no bad row made"
want_bad=$(printf '%s' "$want" | sed "s|$tmp/dup.csv|$tmp/bad.csv|")
"$TERMS" eval $C "$tmp/bad.csv" --set "$S" -o "$tmp/out.csv" 2>"$tmp/err"
[ $? -eq 1 ] || fail "eval, bad row: expected exit 1"
[ "$(cat "$tmp/err")" = "$want_bad" ] || fail "eval, bad row: $(cat "$tmp/err")"
"$TERMS" cost $C "$tmp/bad.csv" --set "$S" >"$tmp/out" 2>"$tmp/err"
[ "$(cat "$tmp/err")" = "$want_bad (reading it for $C)" ] || fail "cost, bad row: $(cat "$tmp/err")"

# no temporary folder: the run stops, naming it
TMPDIR=$tmp/missing "$TERMS" eval $C "$tmp/dup.csv" --set "$S" -o "$tmp/out.csv" 2>"$tmp/err"
[ $? -eq 1 ] || fail "eval, no folder: expected exit 1"
[ "$(cat "$tmp/err")" = "$tmp/dup.csv: cannot make a temporary file in $tmp/missing for the ids of its rows: No such file or directory (TMPDIR names the folder)" ] ||
  fail "eval, no folder: $(cat "$tmp/err")"
[ ! -e "$tmp/out.csv" ] || fail "eval, no folder: output left"
exit 0
