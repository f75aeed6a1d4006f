# terms cost --unit with --turnover in each unit on a field of its own:
# each unit's hires go in at its own field (the field name was once kept in
# one buffer for the whole command line, so unit a looked for unit b's
# `grade`).  Figures worked by hand: unit a pays $100/$200/$300 by step and
# moves everyone up a step a year; of its two at the top step, the first is
# replaced at step 1, so 2025-26 is 100 + 300 + 200 = $600.  Unit b, the same
# by grade: its one at the top is replaced at grade 1, 100 + 300 = $400.
set -u
fail() { echo "$*"; exit 1; }
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
cat >"$t/a.terms" <<'TERMS'
contract "Unit A"
term 2024-07-01 to 2026-06-30
years "2024-25", "2025-26"
rounding half up to cents

employee:
  id: text
  step: integer 1 to 3

each year: step = min(step + 1, 3)

table pay by step
  1  $100
  2  $200
  3  $300

total = pay[step]
output id, total
TERMS
sed 's/Unit A/Unit B/; s/step/grade/g' "$t/a.terms" >"$t/b.terms"
printf 'id,step\nA1,3\nA2,3\nA3,1\n' >"$t/a.csv"
printf 'id,grade\nB1,3\nB2,2\n' >"$t/b.csv"
"$TERMS" cost --unit a "$t/a.terms" "$t/a.csv" --turnover 1:step=1 \
  --unit b "$t/b.terms" "$t/b.csv" --turnover 1:grade=1 >"$t/out" 2>"$t/err" ||
  fail "terms cost --unit with --turnover failed: $(cat "$t/err")"
for want in \
  "  2025-26: turnover: 1 of the 2 at step 3 replaced by hires at step 1" \
  "  2025-26: turnover: 1 of the 1 at grade 3 replaced by hires at grade 1"; do
  grep -qxF "$want" "$t/out" || fail "expected the line '$want' in: $(cat "$t/out")"
done
grep -Eq '^  a +\$700\.00 +\$600\.00 +\$1,300\.00$' "$t/out" || fail "unit a's figures: $(cat "$t/out")"
grep -Eq '^  b +\$500\.00 +\$400\.00 +\$900\.00$' "$t/out" || fail "unit b's figures: $(cat "$t/out")"
grep -Eq '^  district +\$1,200\.00 +\$1,000\.00 +\$2,200\.00$' "$t/out" || fail "the district's figures: $(cat "$t/out")"
exit 0
