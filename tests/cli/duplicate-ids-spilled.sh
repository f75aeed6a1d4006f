# The duplicate-id check past its memory budget (TERMS_ID_MEMORY, a knob
# for tests: docs/performance.md): ids written to the partitions of a
# temporary file and checked at the end give the same message as a check
# in memory, naming both rows of the first duplicate however far apart,
# also when a budget of 256 bytes makes every partition too big, to be
# split again; eval, cost and diff --roster still fail (exit 1, 1, 2) and
# no output file is written.  Eval to a stream has written the rows
# before the end, where the duplicate is found.  A duplicate before a bad
# row is the error reported.  A temporary folder that cannot be used, or
# a temporary file that cannot grow (a full disk), stops the run with a
# message.
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
  # found at the end, every row written (two jobs: at most every row)
  lines=$(wc -l <"$tmp/out.csv")
  if [ $jobs -eq 1 ]; then
    [ "$lines" -eq 3001 ] || fail "eval: expected every row written before the end, got $lines lines"
  else
    [ "$lines" -ge 2000 ] && [ "$lines" -le 3001 ] || fail "eval --jobs 2: expected the rows before the duplicate written, got $lines lines"
  fi
  "$TERMS" eval $C "$tmp/dup.csv" --set "$S" --jobs $jobs --allow-duplicate-ids -o "$tmp/out.csv" || fail "allowed: failed"
  rm -f "$tmp/out.csv"
done
# a budget of 256 bytes: each partition split again, the same message
for jobs in 1 2; do
  TERMS_ID_MEMORY=256 "$TERMS" eval $C "$tmp/dup.csv" --set "$S" --jobs $jobs -o "$tmp/out.csv" 2>"$tmp/err"
  [ $? -eq 1 ] || fail "eval --jobs $jobs, 256 bytes: expected exit 1"
  [ "$(cat "$tmp/err")" = "$want" ] || fail "eval --jobs $jobs, 256 bytes: $(cat "$tmp/err")"
  TERMS_ID_MEMORY=256 "$TERMS" eval $C "$tmp/dup.csv" --set "$S" --jobs $jobs --allow-duplicate-ids -o "$tmp/out.csv" ||
    fail "allowed, 256 bytes: failed"
  sed '2001s/^T0003-2,/T0003-2x,/' "$tmp/dup.csv" >"$tmp/nodup.csv"
  TERMS_ID_MEMORY=256 "$TERMS" eval $C "$tmp/nodup.csv" --set "$S" --jobs $jobs -o "$tmp/out.csv" 2>"$tmp/err" ||
    fail "no duplicate, 256 bytes, --jobs $jobs: $(cat "$tmp/err")"
  rm -f "$tmp/out.csv"
done
"$TERMS" cost $C "$tmp/dup.csv" --set "$S" --html "$tmp/r.html" >"$tmp/out" 2>"$tmp/err"
[ $? -eq 1 ] || fail "cost: expected exit 1"
[ "$(cat "$tmp/err")" = "$want (reading it for $C)" ] || fail "cost: $(cat "$tmp/err")"
[ ! -e "$tmp/r.html" ] || fail "cost: report written"
"$TERMS" diff $C $P --roster "$tmp/dup.csv" --set "$S" >"$tmp/out" 2>"$tmp/err"
[ $? -eq 2 ] || fail "diff: expected exit 2"
[ "$(cat "$tmp/err")" = "$want (reading it for $C)" ] || fail "diff: $(cat "$tmp/err")"

# ten duplicates far apart (ids of rows 3, 13, ..., 93 again from row 1,500
# on): with the ids spilled, one job or two (whose shares find their own
# duplicates, at different times), the message is the one the check in
# memory gives, the first duplicate in roster order
awk -F, 'NR > 1 && NR % 150 == 0 && NR >= 1500 && k < 10 { sub(/^[^,]*,/, "T00" sprintf("%02d", 3 + 10 * k++) "-" (2 + 10 * (k - 1)) ","); } { print }' \
  "$tmp/dup.csv" | sed '2001s/^[^,]*,/T0003-2001,/' >"$tmp/dups.csv"
TERMS_ID_MEMORY= "$TERMS" eval $C "$tmp/dups.csv" --set "$S" -o "$tmp/out.csv" 2>"$tmp/want"
grep -q "row 1499, column \"id\"" "$tmp/want" || fail "in memory: expected the first duplicate at row 1499: $(cat "$tmp/want")"
for jobs in 1 2; do
  "$TERMS" eval $C "$tmp/dups.csv" --set "$S" --jobs $jobs -o "$tmp/out.csv" 2>"$tmp/err"
  cmp -s "$tmp/want" "$tmp/err" || fail "ten duplicates, --jobs $jobs: $(cat "$tmp/err"), not $(cat "$tmp/want")"
done

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

# a temporary file that cannot grow past a few KiB (as on a full disk):
# the write that fails stops the run, with the system's reason
mkdir "$tmp/small"
(trap '' XFSZ; ulimit -f 8; TMPDIR=$tmp/small exec "$TERMS" eval $C "$tmp/nodup.csv" --set "$S" >/dev/null 2>"$tmp/err")
[ $? -eq 1 ] || fail "eval, file size limit: expected exit 1"
[ "$(cat "$tmp/err")" = "$tmp/nodup.csv: cannot write a temporary file in $tmp/small for the ids of its rows: File too large (TMPDIR names the folder)" ] ||
  fail "eval, file size limit: $(cat "$tmp/err")"
exit 0
