# A new item one contract does not know: the proposal's Robotics Adviser
# stipend, held by three teachers of the roster, costed against the
# current contract (which has no such Position).  For the baseline the
# item is absent: its figures are compute.py's over the roster with
# robotics struck out of the assignments, the proposal's compute.py
# --proposal's over the roster as it is.  A value neither contract knows
# is an error naming both; a roster error names the contract that read it.
set -u
fail() { echo "$*"; exit 1; }
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
OLD=contracts-dsl/example-district.terms
NEW=contracts-dsl/example-district-proposal.terms
G=tests/golden/example-district/compute.py
python3 - "$t" <<'PY' || fail "could not write the rosters"
import csv, sys
t = sys.argv[1]
rows = list(csv.reader(open("contracts-dsl/example-district-roster.csv")))
a = rows[0].index("assignments")
for i, cell in ((1, "robotics"), (2, "band;robotics"), (3, "robotics")):
    rows[i][a] = cell
csv.writer(open(f"{t}/roster.csv", "w"), lineterminator="\n").writerows(rows)
for r in rows[1:]:  # the roster as the current contract sees it: no robotics
    r[a] = ";".join(p for p in r[a].split(";") if p != "robotics")
csv.writer(open(f"{t}/without.csv", "w"), lineterminator="\n").writerows(rows)
rows[3][a] = "robotics;robotix"
csv.writer(open(f"{t}/typo.csv", "w"), lineterminator="\n").writerows(rows)
PY
S='lead_teacher=$1,200'
"$TERMS" cost "$NEW" "$t/roster.csv" --baseline "$OLD" --set "$S" >"$t/out" 2>"$t/err" || fail "terms cost failed: $(cat "$t/err")"
want="terms cost: note: $OLD has no Position \"robotics\", which column \"assignments\" names on 3 rows (first row 1): absent, \$0, in its costing"
[ "$(cat "$t/err")" = "$want" ] || fail "the note: got $(cat "$t/err"), expected $want"
python3 "$G" "$t/roster.csv" --proposal --set "$S" --year 2024-25 >"$t/p1.csv" &&
python3 "$G" "$t/roster.csv" --proposal --set "$S" --year 2025-26 --advance >"$t/p2.csv" &&
python3 "$G" "$t/without.csv" --set "$S" --year 2024-25 >"$t/b1.csv" &&
python3 "$G" "$t/without.csv" --set "$S" --year 2025-26 --advance >"$t/b2.csv" || fail "compute.py failed"
python3 - "$t" <<'PY' || exit 1
import csv, re, sys
from decimal import Decimal
from fractions import Fraction as F
t = sys.argv[1]
def total(name):
    return sum(F(r["total"]) for r in csv.DictReader(open(f"{t}/{name}.csv")))
def money(x):
    s = f"${Decimal(abs(x).numerator) / abs(x).denominator:,.2f}"
    return ("-" if x < 0 else "+" if x > 0 else "") + s
d1, d2 = total("p1") - total("b1"), total("p2") - total("b2")
out = open(f"{t}/out").read()
m = re.search(r"^  total\s+(\S+)\s+(\S+)\s+(\S+)$", out.split("cost of the settlement")[1], re.M)
want = (money(d1), money(d2), money(d1 + d2))
if not m or m.groups() != want:
    sys.exit(f"settlement: terms says {m and m.groups()}, compute.py {want}\n{out}")
PY

# diff --roster: the same note once, and each year's totals
"$TERMS" diff "$OLD" "$NEW" --roster "$t/roster.csv" --set "$S" >"$t/out" 2>"$t/err"
[ $? -eq 1 ] || fail "terms diff --roster failed: $(cat "$t/err")"
[ "$(cat "$t/err")" = "terms diff: note: $OLD has no Position \"robotics\", which column \"assignments\" names on 3 rows (first row 1): absent, \$0, in its costing" ] ||
  fail "diff's note: $(cat "$t/err")"
python3 "$G" "$t/roster.csv" --proposal --set "$S" --year 2025-26 >"$t/p2.csv" &&
python3 "$G" "$t/without.csv" --set "$S" --year 2025-26 >"$t/b2.csv" || fail "compute.py failed"
python3 - "$t" <<'PY' || exit 1
import csv, re, sys
from decimal import Decimal
from fractions import Fraction as F
t = sys.argv[1]
def total(name):
    return sum(F(r["total"]) for r in csv.DictReader(open(f"{t}/{name}.csv")))
def money(x, sign=False):
    return ("-" if x < 0 else "+" if sign and x > 0 else "") + f"${Decimal(abs(x).numerator) / abs(x).denominator:,.2f}"
out = open(f"{t}/out").read()
for year, old, new in (("2024-25", "b1", "p1"), ("2025-26", "b2", "p2")):
    block = out.split(f"contract year {year}")[1].split("cost over")[0]
    m = re.search(r"^\s*total\s+(\S+)\s+(\S+)\s+(\S+)", block, re.M)
    want = (money(total(old)), money(total(new)), money(total(new) - total(old), True))
    if not m or m.groups() != want:
        sys.exit(f"diff {year}: terms says {m and m.groups()}, compute.py {want}")
PY

# a value neither contract knows: an error naming both
"$TERMS" cost "$NEW" "$t/typo.csv" --baseline "$OLD" --set "$S" >/dev/null 2>"$t/err" && fail "an item no contract knows was costed"
want="$t/typo.csv:4: row 3, column \"assignments\": \"robotix\" is an item none of the contracts knows ($NEW, $OLD)"
[ "$(cat "$t/err")" = "$want" ] || fail "unknown to both: got $(cat "$t/err"), expected $want"
"$TERMS" diff "$OLD" "$NEW" --roster "$t/typo.csv" --set "$S" >/dev/null 2>"$t/err"
[ $? -eq 2 ] || fail "diff over an item no contract knows should be trouble"
grep -qF "\"robotix\" is an item none of the contracts knows ($NEW, $OLD)" "$t/err" || fail "diff, unknown to both: $(cat "$t/err")"

# one contract alone: the item is an error, naming the contract that read it
"$TERMS" cost "$OLD" "$t/roster.csv" --set "$S" >/dev/null 2>"$t/err" && fail "one contract costed an item it lacks"
grep -qF "row 1, column \"assignments\": \"robotics\" is not a Position: it is one of play_director, band, yearbook, head_football, debate, dept_chair (reading it for $OLD)" "$t/err" ||
  fail "a roster error should name its contract: $(cat "$t/err")"
exit 0
