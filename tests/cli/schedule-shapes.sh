# Schedule shapes at run time (contracts-dsl/example-shapes.terms): a
# teacher placed in an N/A cell, and `next` past the last lane, are errors
# naming the employee and the cell or the member, and the others are paid;
# explain shows the step a row range holds; diff shows a cell that was N/A;
# the third key picks each teacher's grid of extra days' pay.
set -u
fail() { echo "$*"; exit 1; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
c=contracts-dsl/example-shapes.terms
cat >"$tmp/r.csv" <<'CSV'
id,role,lane,step,level,track,credits,months,fte
N1,teacher,MA30,1,A,ten_month,0,M10,1.000
N2,teacher,BA,4,A,ten_month,0,M10,1.000
N3,support,BA,1,E,ten_month,0,M10,1.000
CSV
"$TERMS" eval "$c" "$tmp/r.csv" --year 2024-25 -o "$tmp/out.csv" 2>"$tmp/err" && fail "eval passed over an N/A cell"
cat >"$tmp/want" <<EOF
$tmp/r.csv:2: row 1 (id N1): error: teacher_salary[1, MA30] is N/A: the schedule places no one there, in \`base\`
$tmp/r.csv:4: row 3 (id N3): error: support_salary[E, ten_month] is N/A: the schedule places no one there, in \`base\`
EOF
grep -v '^terms:' "$tmp/err" | diff "$tmp/want" - || fail "N/A lookups: messages differ"
printf 'id,role,lane,step,level,track,credits,months,fte\nN4,teacher,DOC,6,A,ten_month,0,M12,1.000\n' >"$tmp/n4.csv"
"$TERMS" eval "$c" "$tmp/n4.csv" -o - | grep -q '^N4,teacher,DOC,57000.00,2000.00,11400.00,70400.00$' ||
  fail "N4, DOC step 6 on twelve months: 57,000 + 2,000 + 11,400"
# next( ) past the last lane: a contract whose guard is left out
sed 's/^lane_paid = if lane < DOC and credits >= 15 then next(lane) else lane/lane_paid = if credits >= 15 then next(lane) else lane/' "$c" >"$tmp/c.terms"
printf 'id,role,lane,step,level,track,credits,months,fte\nD1,teacher,DOC,9,A,ten_month,30,M10,1.000\n' >"$tmp/d.csv"
"$TERMS" eval "$tmp/c.terms" "$tmp/d.csv" -o - >/dev/null 2>"$tmp/err" && fail "next( ) past DOC passed"
grep -qF 'row 1 (id D1): error: there is no Lane after DOC, the last, for next( ) in `lane_paid`' "$tmp/err" ||
  fail "next past the last: $(cat "$tmp/err")"
# explain: the row range's step and the lane moved on
"$TERMS" explain "$c" tests/golden/example-shapes/roster.csv --id S04 >"$tmp/x" || fail "explain failed"
grep -qF 'lane_paid = MA30' "$tmp/x" && grep -qF 'base = $52,000.00' "$tmp/x" && grep -qF 'step = 4  (roster)' "$tmp/x" ||
  fail "explain S04: $(cat "$tmp/x")"
# diff: an N/A cell given a figure is one changed cell
sed 's/^    2       \$43,500  \$47,800  N\/A      N\/A/    2       $43,500  $47,800  $50,200  N\/A/' "$c" >"$tmp/p.terms"
"$TERMS" diff "$c" "$tmp/p.terms" >"$tmp/d" 2>&1
grep -qF 'changed schedule cell teacher_salary[2, MA30] in "2024-25": N/A -> $50,200.00' "$tmp/d" || fail "diff: $(cat "$tmp/d")"
# explain names the printed row range a step falls in (text and JSON), and
# for a lookup by a third key, the grid it picked and that grid's own row
# range (M11's 1..5, where M10 prints 1..15)
grep -qF 'teacher_salary[step, lane_paid]: step 4, in row 3..5; lane MA30: $52,000.00' "$tmp/x" || fail "explain: no row range: $(cat "$tmp/x")"
grep -qF 'extended_pay[step, lane_paid, months]: grid M11; step 4, in row 1..5; lane MA30: $5,000.00' "$tmp/x" ||
  fail "explain: no grid or range: $(cat "$tmp/x")"
"$TERMS" explain "$c" tests/golden/example-shapes/roster.csv --id S07 --format json >"$tmp/j" || fail "explain json failed"
grep -qF '"lookup":"teacher_salary[step, lane_paid]","key":"step","given":"12","in_row":"12..15"' "$tmp/j" || fail "explain json: $(cat "$tmp/j")"
# diff cites a cell of the M12 grid at M12's row, not at the first grid's
sed '77s/\$11,400/$11,500/' "$c" >"$tmp/g.terms"
"$TERMS" diff "$c" "$tmp/g.terms" >"$tmp/d" 2>&1
grep -A1 -F 'changed schedule cell extended_pay[6, DOC, M12] in "2024-25": $11,400.00 -> $11,500.00' "$tmp/d" |
  grep -qF "[Appendix C] $c:77, $tmp/g.terms:77" || fail "diff: a grid's cell at another grid's line: $(head -4 "$tmp/d")"
# check: the support lookup can reach E on ten months, N/A in 2024-25 (N3
# above); the teachers' lookups, by lane_paid, a definition, are not followed
"$TERMS" check "$c" >/dev/null 2>"$tmp/err" || fail "check failed: $(cat "$tmp/err")"
[ "$(grep -c 'warning' "$tmp/err")" = 1 ] &&
  grep -qF 'warning: `support_salary[level, track]` can look up a cell that is N/A: support_salary[E, ten_month] (in "2024-25")' "$tmp/err" &&
  grep -qF 'note: for example, an employee with role = support, level = E, track = ten_month' "$tmp/err" ||
  fail "check: N/A reached: $(cat "$tmp/err")"
exit 0
