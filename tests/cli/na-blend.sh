# N/A cells in a schedule year that takes effect on a date: the year's
# figure is the old and the new cell weighted, and a cell that is N/A for
# any part of the year is N/A for the year (docs/language.md, Values that
# change during a year), not a weighted $0.
set -u
fail() { echo "$*"; exit 1; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
cat >"$tmp/c.terms" <<'TERMS'
term 2024-07-01 to 2026-06-30
years "2024-25", "2025-26"
enum Lane: BA, DOC
employee:
  id: text
  lane: Lane
  step: integer 1 to 3
schedule salary by step, lane
  "2024-25":
    step  BA       DOC
    1     $40,000  N/A
    2     $41,000  N/A
    3     $42,000  $50,000
  "2025-26" from 2025-10-06:
    step  BA       DOC
    1     $41,200  N/A
    2     $42,230  $51,000
    3     $43,260  N/A
pay = round(salary[step, lane])
output id, pay
TERMS
# N/A in both parts, N/A before the date only, N/A after it only; and a
# cell with figures on both sides, weighted (97 and 268 of 365 days)
for row in A,DOC,1 B,DOC,2 C,DOC,3; do
  id=${row%%,*}; step=${row##*,}
  printf 'id,lane,step\n%s\n' "$row" >"$tmp/r.csv"
  "$TERMS" eval "$tmp/c.terms" "$tmp/r.csv" --year 2025-26 -o "$tmp/out.csv" 2>"$tmp/err" &&
    fail "$id: an N/A cell was paid: $(cat "$tmp/out.csv")"
  grep -qF "row 1 (id $id): error: salary[$step, DOC] is N/A: the schedule places no one there, in \`pay\`" "$tmp/err" ||
    fail "$id: $(cat "$tmp/err")"
done
printf 'id,lane,step\nD,BA,1\n' >"$tmp/r.csv"
"$TERMS" eval "$tmp/c.terms" "$tmp/r.csv" --year 2025-26 -o - >"$tmp/out" 2>"$tmp/err" || fail "D: $(cat "$tmp/err")"
# 40,000 x 97/365 + 41,200 x 268/365 = 40,881.0958...
grep -qx 'D,40881.10' "$tmp/out" || fail "D weighted: $(cat "$tmp/out")"
exit 0
