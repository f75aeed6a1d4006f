#!/bin/sh
# Counts agree with their nouns ("1 employee", "2 employees"), disasm
# says "instruction words", and a bad --years is called --years.
set -u
fail() { echo "$*"; exit 1; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
cat >"$tmp/c.terms" <<'T'
years "2024-25", "2025-26"
enum Lane: BA, MA
employee:
  id: text
  step: integer 1 to 2
  lane: Lane
  days: integer

schedule salary by step, lane
  "2024-25":
    step  BA       MA
    1     $40,000  $42,000
    2     $41,000  $43,000
  "2025-26":
    step  BA       MA
    1     $40,500  $42,500
    2     $41,500  $43,500

total = salary[step, lane]
per_day = total / days
each year: step = min(step + 1, 2)
output id, total, per_day
T
printf 'id,step,lane,days\nT1,1,BA,200\n' >"$tmp/one.csv"
has() { grep -qF -- "$1" "$2" || fail "missing \"$1\" in: $(cat "$2")"; }

# one employee
"$TERMS" cost "$tmp/c.terms" "$tmp/one.csv" --html "$tmp/cost.html" >"$tmp/cost" 2>&1 || fail "cost: $(cat "$tmp/cost")"
has "cost over $tmp/one.csv: 1 employee, 2024-25 to 2025-26" "$tmp/cost"
has ": 1 employee, " "$tmp/cost.html"
has ": 1 employee</title>" "$tmp/cost.html"
"$TERMS" diff "$tmp/c.terms" "$tmp/c.terms" --roster "$tmp/one.csv" >"$tmp/diff" 2>&1 || fail "diff: $(cat "$tmp/diff")"
has "contract year 2024-25 (1 employee):" "$tmp/diff"
grep -q "1 employees" "$tmp/cost" "$tmp/cost.html" "$tmp/diff" && fail "\"1 employees\" is still printed"

# one row that fails, of one; then 11 and 12 failures (10 are listed)
printf 'id,step,lane,days\nT1,1,BA,0\n' >"$tmp/zero.csv"
"$TERMS" eval "$tmp/c.terms" "$tmp/zero.csv" >/dev/null 2>"$tmp/err"
has "terms: 1 of 1 row failed; no rows were written to standard output" "$tmp/err"
{ echo 'id,step,lane,days'; for i in 1 2 3 4 5 6 7 8 9 10 11; do echo "T$i,1,BA,0"; done; } >"$tmp/eleven.csv"
"$TERMS" eval "$tmp/c.terms" "$tmp/eleven.csv" >/dev/null 2>"$tmp/err"
has "... and 1 more row with errors" "$tmp/err"
has "terms: 11 of 11 rows failed" "$tmp/err"
{ cat "$tmp/eleven.csv"; echo 'T12,1,BA,0'; } >"$tmp/twelve.csv"
"$TERMS" eval "$tmp/c.terms" "$tmp/twelve.csv" >/dev/null 2>"$tmp/err"
has "... and 2 more rows with errors" "$tmp/err"

# disasm
"$TERMS" disasm "$tmp/c.terms" >"$tmp/disasm" || fail "disasm failed"
head -n 1 "$tmp/disasm" | grep -Eq '^; year 2024-25: [0-9]+ instruction words, [0-9]+ constants?, stack [0-9]+$' ||
  fail "disasm header: $(head -n 1 "$tmp/disasm")"

# --years names itself; --year, its other spelling, names itself
"$TERMS" cost "$tmp/c.terms" "$tmp/one.csv" --years 2030..2031 >/dev/null 2>"$tmp/err"
[ $? -ne 0 ] || fail "--years 2030..2031 should fail"
has 'terms: --years 2030: the contract' "$tmp/err"
"$TERMS" cost "$tmp/c.terms" "$tmp/one.csv" --years 2..1 >/dev/null 2>"$tmp/err"
has 'terms cost: --years 2..1 runs backwards' "$tmp/err"
"$TERMS" cost "$tmp/c.terms" "$tmp/one.csv" --year 7 >/dev/null 2>"$tmp/err"
has 'terms: --year 7: the contract' "$tmp/err"

# a schedule of one row: the checker and terms diff count it as one
sed -e '/^    2     \$41,500/d' "$tmp/c.terms" >"$tmp/short.terms"
"$TERMS" check "$tmp/short.terms" >"$tmp/err" 2>&1
has 'schedule `salary` has 1 row in "2025-26", but 2 in its first block' "$tmp/err"
printf 'enum Lane: BA, MA\nemployee:\n  id: text\n  step: integer 1 to 2\n  lane: Lane\nschedule salary by step, lane clamp\n  step  BA       MA\n  1     $40,000  $42,000\ntotal = salary[step, lane]\noutput id, total\n' >"$tmp/two.terms"
sed -e 's/^enum Lane: BA, MA$/enum Lane: BA/' -e 's/  *MA$//' -e 's/  *\$42,000$//' "$tmp/two.terms" >"$tmp/one.terms"
"$TERMS" diff "$tmp/two.terms" "$tmp/one.terms" >"$tmp/diff" 2>&1
has 'removed schedule rows or columns salary: 1 row x 2 columns' "$tmp/diff"
exit 0
