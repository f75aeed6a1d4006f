# --jobs 2 writes exactly what one job writes, in roster order, and reports
# bad rows with the same row and line numbers.
set -u
fail() { echo "$*"; exit 1; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
C=contracts-dsl/example-district.terms
R=contracts-dsl/example-district-roster.csv
# 240 x 300 = 72,000 rows (about 9 MB: several pieces), with quoted names
# that hold commas; each copy's ids made its own (R7-T0001)
awk 'NR == 1 { print; next } { row[++n] = $0 } END { for (i = 1; i <= 300; i++) for (j = 1; j <= n; j++) print "R" i "-" row[j] }' $R >"$tmp/big.csv"
"$TERMS" eval $C "$tmp/big.csv" --set 'lead_teacher=$1,200' >"$tmp/one" || fail "one job failed"
"$TERMS" eval $C "$tmp/big.csv" --set 'lead_teacher=$1,200' --jobs 2 >"$tmp/two" || fail "two jobs failed"
cmp -s "$tmp/one" "$tmp/two" || fail "outputs differ"
[ "$(wc -l <"$tmp/two")" -eq 72001 ] || fail "row count"
# a bad cell far into the file: the same message, with its row and line
awk 'NR == 60001 { sub(/,MA30,/, ",PhD,") } { print }' "$tmp/big.csv" >"$tmp/bad.csv"
grep -c PhD "$tmp/bad.csv" | grep -qx 1 || fail "test set-up"
"$TERMS" eval $C "$tmp/bad.csv" --set 'lead_teacher=$1,200' -o "$tmp/o1.csv" 2>"$tmp/e1"
"$TERMS" eval $C "$tmp/bad.csv" --set 'lead_teacher=$1,200' --jobs 2 -o "$tmp/o2.csv" 2>"$tmp/e2"
[ $? -eq 1 ] || fail "bad cell: expected exit 1"
cmp -s "$tmp/e1" "$tmp/e2" || fail "bad cell: messages differ: $(cat "$tmp/e1") / $(cat "$tmp/e2")"
grep -q ':60001: row 60000, column "lane": "PhD"' "$tmp/e2" || fail "bad cell: $(cat "$tmp/e2")"
[ ! -e "$tmp/o2.csv" ] || fail "bad cell: output left"
# rows that need the blank: the same first ten messages and the same count
"$TERMS" eval $C "$tmp/big.csv" -o "$tmp/o1.csv" 2>"$tmp/e1"
"$TERMS" eval $C "$tmp/big.csv" --jobs 2 -o "$tmp/o2.csv" 2>"$tmp/e2"
cmp -s "$tmp/e1" "$tmp/e2" || fail "blank: messages differ"
grep -q "rows failed; nothing was written" "$tmp/e2" || fail "blank: $(tail -n 2 "$tmp/e2")"
# without quotes (pieces cut by counting line ends), one name longer than
# a piece (128 KiB), a bad cell far in: the same output and messages
python3 - "$tmp/big.csv" >"$tmp/plain.csv" <<'PY'
import csv, sys
rows = csv.reader(open(sys.argv[1], newline=""))
for n, row in enumerate(rows):
    if n:
        row[1] = "x" * 300000 if n == 30000 else "Teacher %d" % n
    print(",".join(row))
PY
! grep -q '"' "$tmp/plain.csv" || fail "plain: set-up"
"$TERMS" eval $C "$tmp/plain.csv" --set 'lead_teacher=$1,200' >"$tmp/one" || fail "plain: one job failed"
"$TERMS" eval $C "$tmp/plain.csv" --set 'lead_teacher=$1,200' --jobs 2 >"$tmp/two" || fail "plain: two jobs failed"
cmp -s "$tmp/one" "$tmp/two" || fail "plain: outputs differ"
[ "$(wc -l <"$tmp/two")" -eq 72001 ] || fail "plain: row count"
awk 'NR == 70001 { sub(/,MA30,/, ",PhD,") } { print }' "$tmp/plain.csv" >"$tmp/bad.csv"
"$TERMS" eval $C "$tmp/bad.csv" --set 'lead_teacher=$1,200' -o "$tmp/o1.csv" 2>"$tmp/e1"
"$TERMS" eval $C "$tmp/bad.csv" --set 'lead_teacher=$1,200' --jobs 2 -o "$tmp/o2.csv" 2>"$tmp/e2"
[ $? -eq 1 ] || fail "plain bad cell: expected exit 1"
cmp -s "$tmp/e1" "$tmp/e2" || fail "plain bad cell: messages differ: $(cat "$tmp/e1") / $(cat "$tmp/e2")"
grep -q ':70001: row 70000, column "lane": "PhD"' "$tmp/e2" || fail "plain bad cell: $(cat "$tmp/e2")"
"$TERMS" eval $C "$tmp/big.csv" --jobs 0 2>/dev/null; [ $? -eq 2 ] || fail "--jobs 0: expected exit 2"
exit 0
