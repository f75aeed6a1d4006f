# N/A cells beyond a lookup: a year worked out from another keeps them
# N/A (in a plain schedule and in a grid picked by a third key), and
# `check` lines neither compare them nor report them one by one.
set -u
fail() { echo "$*"; exit 1; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
cat >"$tmp/c.terms" <<'TERMS'
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
  "2025-26" = "2024-25" * 1.03 rounded half up to dollars
pay = salary[step, lane]
output id, pay
TERMS
printf 'id,lane,step\nA,DOC,1\nB,DOC,3\n' >"$tmp/r.csv"
"$TERMS" eval "$tmp/c.terms" "$tmp/r.csv" --year 2025-26 -o "$tmp/out.csv" 2>"$tmp/err" && fail "a derived year's N/A cell was paid"
grep -qF 'row 1 (id A): error: salary[1, DOC] is N/A: the schedule places no one there, in `pay`' "$tmp/err" ||
  fail "derived N/A: $(cat "$tmp/err")"
grep -q 'id B' "$tmp/err" && fail "B failed: $(cat "$tmp/err")"
# the same in a grid picked by a third key (the golden grid-key-derived's D, unguarded)
g=tests/golden/grid-key-derived/contract.terms
sed 's/^extra_pay = .*/extra_pay = extra[step, lane, months]/' "$g" >"$tmp/g.terms"
printf 'id,lane,step,months\nD,DOC,1,M10\n' >"$tmp/d.csv"
"$TERMS" eval "$tmp/g.terms" "$tmp/d.csv" --year 2025-26 -o "$tmp/out.csv" 2>"$tmp/err" && fail "a derived grid's N/A cell was paid"
grep -qF 'row 1 (id D): error: extra for M10[1, DOC] is N/A' "$tmp/err" || fail "derived grid N/A: $(cat "$tmp/err")"
# check lines: N/A is neither compared nor reported; real disagreements are
cat >"$tmp/k.terms" <<'TERMS'
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
  "2025-26":
    step  BA       DOC
    1     $41,200  N/A
    2     $42,230  N/A
    3     $43,000  $51,500
check salary: DOC >= BA * 1.1
check salary "2025-26" = "2024-25" * 1.03 rounded half up to dollars
pay = if lane = BA or step = 3 then salary[step, lane] else $0
output id, pay
TERMS
"$TERMS" check "$tmp/k.terms" >/dev/null 2>"$tmp/err" || fail "check failed: $(cat "$tmp/err")"
grep 'warning' "$tmp/err" >"$tmp/w"
cat >"$tmp/want" <<EOF2
$tmp/k.terms:17:11: warning: salary[3, BA] in "2025-26" is printed as \$43,000, but "2024-25" * 1.03 rounded half up to dollars gives \$43,260.00
EOF2
diff "$tmp/want" "$tmp/w" || fail "check lines and N/A"
# diff sums up a changed raise over every grid of the years it drives; the
# N/A cells are not changes
sed 's/^param raise = 0 \/ 0.03 \/ 0.025/param raise = 0 \/ 0.04 \/ 0.025/' "$g" >"$tmp/g2.terms"
"$TERMS" diff "$g" "$tmp/g2.terms" >"$tmp/d" 2>&1
grep -qF '10 of 12 cells of extra "2025-26", +0.88% to +1.10%' "$tmp/d" && grep -qF 'every cell of extra "2026-27"' "$tmp/d" ||
  fail "diff of a derived year in grids: $(cat "$tmp/d")"
exit 0
