# The standard costing figures of engine/cost_figures.c (docs/costing.md,
# "The standard figures"), each against an independent computation in
# exact fractions: the increase in terms split into the schedule's lines
# and the other items (compute.py); the recurring increase, one-time money
# left out (settlement.py); cost per hour worked (compute.py's totals and
# the roster's fte x 194 days x 7.5 hours); front- or end-loading over a
# three-year term (a small contract worked out again below).
set -u
fail() { echo "$*"; exit 1; }
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
C=contracts-dsl/example-district-proposal.terms
R=contracts-dsl/example-district-roster.csv
G=tests/golden/example-district/compute.py
S='lead_teacher=$1,200'
cp "$C" "$t/hours.terms"
printf '\nhours_worked = fte * 194 * hours_per_day\n' >>"$t/hours.terms"
"$TERMS" cost "$t/hours.terms" "$R" --set "$S" >"$t/out" 2>"$t/err" || fail "terms cost failed: $(cat "$t/err")"
"$TERMS" cost "$C" "$R" --set "$S" --hours fte >"$t/out-fte" 2>"$t/err" || fail "terms cost --hours fte failed: $(cat "$t/err")"
"$TERMS" cost contracts-dsl/example-district-settlement.terms "$R" --set "$S" >"$t/settle" 2>"$t/err" ||
  fail "terms cost of the settlement failed: $(cat "$t/err")"
python3 tests/golden/money/settlement.py "$R" "$S" >"$t/settle.py" || fail "settlement.py failed"
python3 "$G" "$R" --proposal --set "$S" --year 2024-25 >"$t/y1.csv" &&
python3 "$G" "$R" --proposal --set "$S" --year 2025-26 --advance >"$t/y2.csv" &&
python3 "$G" "$R" --proposal --set "$S" --year 2025-26 >"$t/stay.csv" || fail "compute.py failed"

# three years: 0 / 10% / 10% on the schedule, a $50 signing bonus in the first
cat >"$t/three.terms" <<'EOF'
years "Y1", "Y2", "Y3"
rounding half up to cents
enum Lane: BA, MA
employee:
  id: text
  lane: Lane
  step: integer 1 to 3
schedule salary by step, lane
  step  BA    MA
  1     $100  $200
  2     $110  $220
  3     $120  $240
param raise = 0 / 10% / 10%
param stipend_amount = $10 / $10 / $20
pay = round(salary[step, lane] * (1 + raise))
stipend = stipend_amount
extra = round(pay / 10)
one-time signing = if contract_year = 1 then $50 else $0
total = pay + stipend + extra + signing
output id, total
each year: step = min(step + 1, 3)
EOF
printf 'id,lane,step\nA,BA,1\nB,MA,2\nC,MA,3\nD,BA,3\n' >"$t/three.csv"
"$TERMS" cost "$t/three.terms" "$t/three.csv" >"$t/three.out" 2>"$t/err" || fail "terms cost (three years) failed: $(cat "$t/err")"

python3 - "$t" <<'PY' || exit 1
import csv, re, sys
from fractions import Fraction as F
from decimal import Decimal
t = sys.argv[1]
def rows(name):
    return list(csv.DictReader(open(f"{t}/{name}.csv")))
def col(name, c):
    return sum(F(r[c]) for r in rows(name))
def cents(x):  # half up (away from zero), as the reports round
    q = abs(x) * 100
    n = q.numerator // q.denominator
    if (q - n) * 2 >= 1:
        n += 1
    return (-1 if x < 0 else 1) * Decimal(n) / 100
def money(x, sign=False):
    c = cents(x)
    return ("-" if c < 0 else "+" if sign and c > 0 else "") + f"${abs(c):,.2f}"
def pct(change, old):
    return ("+" if change > 0 else "-" if change < 0 else "") + f"{cents(abs(change) / old * 100):.2f}%"
errors = []
def expect(what, text, label, want):
    m = re.search(r"^\s*" + re.escape(label) + r"\s{2,}(.*)$", text, re.M)
    got = m.group(1).split() if m else None
    if got != want:
        errors.append(f"{what}: terms {got}, independently {want}")
out = open(f"{t}/out").read()
items = ("contract_salary", "differential", "extra_pay", "extra_hours_pay", "orientation_pay")
schedule = col("stay", "contract_salary") - col("y1", "contract_salary")   # the only line that looks up a schedule
terms = sum(col("stay", i) - col("y1", i) for i in items)
expect("increase in terms", out, "increase in terms", [money(terms, True)])
expect("schedule", out, "schedule", [money(schedule, True)])
expect("other items", out, "other items", [money(terms - schedule, True)])
# cost per hour worked: total / (fte x 194 days x 7.5 hours), and per FTE with --hours fte
hours = [sum(F(r["fte"]) * 194 * F(15, 2) for r in rows(n)) for n in ("y1", "y2")]
totals = [col("y1", "total"), col("y2", "total")]
expect("hours worked", out, "hours worked", [f"{cents(h):.2f}" for h in hours])
expect("cost per hour", out, "cost per hour worked", [money(totals[k] / hours[k]) for k in (0, 1)])
fte = [sum(F(r["fte"]) for r in rows(n)) for n in ("y1", "y2")]
expect("cost per FTE hour", open(f"{t}/out-fte").read(), "cost per hour worked", [money(totals[k] / fte[k]) for k in (0, 1)])
# the recurring increase: the settlement's recurring total, year on year
rec = {l.split()[0]: [F(v.replace("$", "").replace(",", "")) for v in l.split()[1:]] for l in open(f"{t}/settle.py")}["recurring"]
expect("recurring increase", open(f"{t}/settle").read(), "recurring increase", [money(rec[1] - rec[0], True), f"({pct(rec[1] - rec[0], rec[0])})"])

# the three-year contract, worked again
sal = {(1, "BA"): 100, (1, "MA"): 200, (2, "BA"): 110, (2, "MA"): 220, (3, "BA"): 120, (3, "MA"): 240}
raise_ = [F(0), F(1, 10), F(1, 10)]
stipend = [10, 10, 20]
def rnd(x):
    return F(cents(x))
def total(lane, step, y):
    pay = rnd(sal[(step, lane)] * (1 + raise_[y]))
    return pay + stipend[y] + rnd(pay / 10) + (50 if y == 0 else 0)
staff = [(r["lane"], int(r["step"])) for r in csv.DictReader(open(f"{t}/three.csv"))]
tot = [sum(total(l, min(s + y, 3), y) for l, s in staff) for y in range(3)]
term = sum(tot[y] - tot[0] for y in (1, 2))
even = (tot[2] - tot[0]) * F(3, 2)
three = open(f"{t}/three.out").read()
word = "front-loaded" if term > even else "end-loaded" if term < even else "even"
expect("total", three, "total", [money(v) for v in tot])
expect("increase over the term", three, "increase over the term", [money(term, True)])
expect("spread evenly", three, "spread evenly", [money(even, True)])
expect("front-loading", three, "front-loading", [money(term - even, True), f"({word})"])
if errors:
    sys.exit("\n".join(errors))
PY

# --hours must name a number
"$TERMS" cost "$C" "$R" --set "$S" --hours lane >"$t/out" 2>"$t/err" && fail "--hours lane should fail"
grep -qxF "terms cost: $C has no number \`lane\` to count as hours worked (a definition or field: --hours)" "$t/err" ||
  fail "--hours lane: $(cat "$t/err")"
exit 0
