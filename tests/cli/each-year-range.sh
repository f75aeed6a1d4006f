# `each year:` may not move a field outside the range it declares: the
# costing stops at that employee, naming the field, the value and the years.
set -u
fail() { echo "$*"; exit 1; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
cat >"$tmp/c.terms" <<'T'
years "Y1", "Y2", "Y3"
enum Lane: BA, MA
employee:
  id: text
  lane: Lane
  step: integer 1 to 2
schedule pay by step, lane clamp
  step BA   MA
  1    $100 $200
  2    $110 $210
total = pay[step, lane]
each year: step = step + 1
output id, total
T
printf 'id,lane,step\nA,BA,1\nB,MA,1\n' >"$tmp/r.csv"
# A moves to step 2 in Y2, and would be paid a step 3 with `clamp` in Y3
"$TERMS" cost "$tmp/c.terms" "$tmp/r.csv" >/dev/null 2>"$tmp/err"
[ $? -eq 1 ] || fail "expected exit 1: $(cat "$tmp/err")"
printf '%s\n' "$tmp/r.csv:2: row 1 (id A): error in $tmp/c.terms, moving on from Y2 to Y3: \`each year:\` makes step 3, outside its range 1 to 2" |
  cmp -s - "$tmp/err" || fail "said: $(cat "$tmp/err")"
# held at the top, it costs
sed 's/^each year: .*/each year: step = min(step + 1, 2)/' "$tmp/c.terms" >"$tmp/ok.terms"
"$TERMS" cost "$tmp/ok.terms" "$tmp/r.csv" >/dev/null 2>"$tmp/err" || fail "min: $(cat "$tmp/err")"
exit 0
