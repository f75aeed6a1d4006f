# Standard costing figures (docs/costing.md): the year's increase by item,
# split into step and lane movement and the increase in terms; the
# average total per employee and its change; the value of 1% of the
# schedule's line.  Each against compute.py: the second year moved on
# (--advance) and as the roster stands (where they stood).
set -u
fail() { echo "$*"; exit 1; }
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
C=contracts-dsl/example-district-proposal.terms
R=contracts-dsl/example-district-roster.csv
G=tests/golden/example-district/compute.py
S='lead_teacher=$1,200'
"$TERMS" cost "$C" "$R" --set "$S" >"$t/out" 2>"$t/err" || fail "terms cost failed: $(cat "$t/err")"
python3 "$G" "$R" --proposal --set "$S" --year 2024-25 >"$t/y1.csv" &&
python3 "$G" "$R" --proposal --set "$S" --year 2025-26 --advance >"$t/y2.csv" &&
python3 "$G" "$R" --proposal --set "$S" --year 2025-26 >"$t/stay.csv" || fail "compute.py failed"
python3 - "$t" <<'PY' || exit 1
import csv, re, sys
from fractions import Fraction as F
from decimal import Decimal, ROUND_HALF_UP
t = sys.argv[1]
def col(name, c):
    return sum(F(r[c]) for r in csv.DictReader(open(f"{t}/{name}.csv")))
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
out = open(f"{t}/out").read()
errors = []
def line(label, block):
    m = re.search(r"^\s*" + re.escape(label) + r"\s{2,}(.*)$", block, re.M)
    return m.group(1).split() if m else None
moves = out.split("step and lane movement, by item:")[1].split("increase in terms")[0]
terms = out.split("increase in terms (where they stood), by item:")[1].split("average per employee")[0]
for item in ("contract_salary", "differential", "extra_pay", "extra_hours_pay", "orientation_pay"):
    want = [money(col("y2", item) - col("stay", item), True)]
    if line(item, moves) != want:
        errors.append(f"movement {item}: terms {line(item, moves)}, compute.py {want}")
    want = [money(col("stay", item) - col("y1", item), True)]
    if line(item, terms) != want:
        errors.append(f"in terms {item}: terms {line(item, terms)}, compute.py {want}")
t1, t2 = col("y1", "total"), col("y2", "total")
n = sum(1 for _ in csv.DictReader(open(f"{t}/y1.csv")))
want = [money(t1 / n), money(t2 / n)]
if line("average per employee", out) != want:
    errors.append(f"average: terms {line('average per employee', out)}, compute.py {want}")
change = out.split("average per employee")[1]
want = [money((t2 - t1) / n, True), f"({pct(t2 - t1, t1)})"]
if line("change", change) != want:
    errors.append(f"average's change: terms {line('change', change)}, compute.py {want}")
want = [money(col("y1", "contract_salary") / 100), money(col("y2", "contract_salary") / 100)]
if line("value of 1% of contract_salary", out) != want:
    errors.append(f"value of 1%: terms {line('value of 1% of contract_salary', out)}, compute.py {want}")
if errors:
    sys.exit("\n".join(errors))
PY
