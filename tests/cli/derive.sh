#!/bin/sh
# Derived schedule years and `check` lines (docs/language.md, "Years worked
# out from other years" and "Checks"), against figures worked out
# independently: the Python below (fractions.Fraction, rounding written
# out by hand) knows the contracts' figures and rules, not `terms`.
#  1. a base block compounded on its unrounded figures, the same rule on
#     the previous printed cells, a multiple ($5, half even) and cents
#     (half down): every cell of every year, through `terms eval`, and
#     again with --set, per year and for all years;
#  2. contracts-dsl/example-district-raise.terms: the printed golden figures
#     of example-district.terms, cell for cell, and its proposal (a raise
#     of 3.5%) priced by `terms diff --roster` and `terms cost` to the cent
#     against tests/golden/example-district/compute.py --raise;
#  3. `check`: every printed cell that disagrees with its rule, every cell
#     of a schedule and value of a table that breaks a statement, at its
#     line and column, with both figures; warnings, errors under --strict;
#  4. fmt keeps the new lines as they are; explain shows where a derived
#     cell comes from.
set -u
fail() { echo "$*"; exit 1; }
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT

cat >"$t/d.terms" <<'T'
contract "Derived years"
years "2024-25", "2025-26", "2026-27"
rounding half up to cents

enum Lane: BA, MA, PHD

employee:
  id:   text
  step: integer 1 to 3
  lane: Lane

param raise = 0.031 / 0.0275 / 0.02

schedule salary by step, lane
  base "2023-24":
    step  BA          MA
    1     $40,000.50  $44,125.25
    2     $41,337     $45,871.75
    3     $42,689.99  $47,612
    PHD = MA * 1.045
  "2024-25" = "2023-24" * (1 + raise) rounded half up to dollars
  "2025-26" = "2024-25" unrounded * (1 + raise) rounded half up to dollars
  "2026-27" = "2025-26" unrounded * (1 + raise) rounded half up to dollars

schedule printed by step, lane
  base "2023-24":
    step  BA          MA
    1     $40,000.50  $44,125.25
    2     $41,337     $45,871.75
    3     $42,689.99  $47,612
    PHD = MA * 1.045
  "2024-25" = "2023-24" * (1 + raise) rounded half up to dollars
  "2025-26" = "2024-25" * (1 + raise) rounded half up to dollars
  "2026-27" = "2025-26" * (1 + raise) rounded half up to dollars

schedule stipend by step, lane
  "2024-25":
    step  BA         MA         PHD
    1     $1,002.50  $1,187.49  $1,312.50
    2     $1,017.50  $1,202.50  $1,327.50
    3     $1,032.50  $1,217.50  $1,342.50
  "2025-26" = "2024-25" * 1.0333 rounded half even to $5
  "2026-27" = "2025-26" * (1 + raise) rounded half down to cents
    PHD = MA + $125.005

compounded   = salary[step, lane]
from_printed = printed[step, lane]
extra        = stipend[step, lane]
output id, compounded, from_printed, extra
T
{ echo id,step,lane; for s in 1 2 3; do for l in BA MA PHD; do echo "E$s$l,$s,$l"; done; done; } >"$t/r.csv"

# the independent figures: `python3 figures.py RAISES` prints the CSV of one year per line group
cat >"$t/figures.py" <<'P'
import sys
from fractions import Fraction as F

def round_to(x, unit, mode):
    """x rounded to a multiple of unit; a half goes up (away from zero), down (toward zero) or to even."""
    q = x / unit
    whole = abs(q.numerator) // q.denominator
    rest = abs(q) - whole
    if rest > F(1, 2) or (rest == F(1, 2) and (mode == "up" or (mode == "even" and whole % 2 == 1))):
        whole += 1
    return (whole if q >= 0 else -whole) * unit

BASE = [(F("40000.50"), F("44125.25")), (F(41337), F("45871.75")), (F("42689.99"), F(47612))]
base = [[ba, ma, ma * F("1.045")] for ba, ma in BASE]
STIPEND = [[F("1002.50"), F("1187.49"), F("1312.50")], [F("1017.50"), F("1202.50"), F("1327.50")],
           [F("1032.50"), F("1217.50"), F("1342.50")]]
raises = [F(r) for r in sys.argv[1].split("/")]
raises = raises * 3 if len(raises) == 1 else raises

unrounded, compounded, from_printed, stipend = base, [], [], []
printed = base
for y in range(3):
    unrounded = [[c * (1 + raises[y]) for c in row] for row in unrounded]
    compounded.append([[round_to(c, F(1), "up") for c in row] for row in unrounded])
    printed = [[round_to(c * (1 + raises[y]), F(1), "up") for c in row] for row in printed]
    from_printed.append(printed)
stipend.append(STIPEND)
stipend.append([[round_to(c * F("1.0333"), F(5), "even") for c in row] for row in STIPEND])
y3 = [[round_to(c * (1 + raises[2]), F(1, 100), "down") for c in row] for row in stipend[1]]
for row in y3:
    row[2] = row[1] + F("125.005")
stipend.append(y3)

def money(x):
    cents = x * 100
    if cents.denominator == 1:
        return f"{cents.numerator // 100}.{cents.numerator % 100:02d}"
    s = str(x.numerator * 1000 // x.denominator)  # at most three places here
    assert F(int(s), 1000) == x
    return s[:-3] + "." + s[-3:]

for y in range(3):
    print("id,compounded,from_printed,extra")
    for s in range(3):
        for l, lane in enumerate(["BA", "MA", "PHD"]):
            print(f"E{s + 1}{lane},{money(compounded[y][s][l])},{money(from_printed[y][s][l])},{money(stipend[y][s][l])}")
# the rounding of the printed cells differs from compounding somewhere (the point of `unrounded`)
assert compounded != from_printed
P

check_years() { # $1: the raises for figures.py; then --set arguments, if any
  raises=$1; shift
  python3 "$t/figures.py" "$raises" >"$t/want" || fail "figures.py failed"
  for y in 1 2 3; do
    "$TERMS" eval "$t/d.terms" "$t/r.csv" --year $y "$@" -o - 2>"$t/err" || fail "eval --year $y $*: $(cat "$t/err")"
  done >"$t/got"
  cmp -s "$t/want" "$t/got" || fail "derived cells with raise $raises $*: $(diff "$t/want" "$t/got")"
}
"$TERMS" check "$t/d.terms" >/dev/null 2>"$t/err" || fail "check: $(cat "$t/err")"
check_years "0.031/0.0275/0.02"
check_years "0.04" --set raise=0.04
check_years "0.031/0.05/0.02" --set 'raise=0.031 / 0.05 / 0.02'

# fmt: the contract above is already laid out as fmt lays it out
"$TERMS" fmt "$t/d.terms" >"$t/fmt.terms" 2>"$t/err" || fail "fmt: $(cat "$t/err")"
cmp -s "$t/d.terms" "$t/fmt.terms" || fail "fmt changed the derived years: $(diff "$t/d.terms" "$t/fmt.terms")"

# explain: the cell, the rule, the figure it multiplies and the rate
"$TERMS" explain "$t/d.terms" "$t/r.csv" --id E2MA --year 2025-26 >"$t/out" 2>"$t/err" || fail "explain: $(cat "$t/err")"
# 45871.75 x 1.031 = 47293.77425; x 1.0275 = 48594.353041875, to dollars 48594
grep -qxF '  salary[step, lane]: step 2, lane MA in "2025-26" = "2024-25" unrounded * (1 + raise) rounded half up to dollars' "$t/out" ||
  fail "explain shows no rule: $(cat "$t/out")"
grep -qxF '    $47,293.77425 x 1.0275 = $48,594.353041875, rounded: $48,594.00' "$t/out" || fail "explain's figures: $(cat "$t/out")"

# diff: a changed cell of a base block is one change, with what it does to
# each year worked out from it (1 of 9 cells of salary, each year)
awk '!done && /\$40,000.50/ { sub(/\$40,000.50/, "$40,100.50"); done = 1 } { print }' "$t/d.terms" >"$t/d2.terms"
"$TERMS" diff "$t/d.terms" "$t/d2.terms" >"$t/diff" 2>"$t/err"
[ $? -eq 1 ] || fail "diff of a base cell: $(cat "$t/err")"
python3 - "$t" <<'PY' || exit 1
import sys
from fractions import Fraction as F
t = sys.argv[1]
raises = [F("0.031"), F("0.0275"), F("0.02")]
def half_up(x):
    return F(int(x + F(1, 2)))
def pct(old, new):  # +0.25%: the change in percent, to two places, half up
    hundredths = int(half_up((new - old) / old * 10000))
    return f"+{hundredths // 100}.{hundredths % 100:02d}%"
old, new, lines = F("40000.50"), F("40100.50"), []
for y, year in enumerate(("2024-25", "2025-26", "2026-27")):
    old, new = old * (1 + raises[y]), new * (1 + raises[y])
    lines.append(f'          1 of 9 cells of salary "{year}" {pct(half_up(old), half_up(new))}')
want = [f"{t}/d.terms -> {t}/d2.terms: 1 change in terms", "",
        '  changed schedule cell salary[1, BA] in base "2023-24": $40,000.50 -> $40,100.50 (+0.25%)'] + lines
got = open(f"{t}/diff").read().split("\n")[:6]
if got != want:
    sys.exit("diff of a base cell:\n" + "\n".join(got) + "\nworked out:\n" + "\n".join(want))
PY

# ---- 2. the bundled contract with a raise, and its proposal ----
C=contracts-dsl/example-district-raise.terms
P=contracts-dsl/example-district-raise-proposal.terms
R=contracts-dsl/example-district-roster.csv
G=tests/golden/example-district/compute.py
for y in 2024-25 2025-26; do
  "$TERMS" eval "$C" "$R" --year $y --set 'lead_teacher=$1,200' -o "$t/raise-$y.csv" 2>"$t/err" || fail "eval $C: $(cat "$t/err")"
  cmp -s "$t/raise-$y.csv" tests/golden/example-district/expected-$y.csv || fail "$C differs from the printed schedule's figures in $y"
done
python3 "$G" "$R" --year 2025-26 --set 'lead_teacher=$1,200' --raise 0.03 | cmp -s - tests/golden/example-district/expected-2025-26.csv ||
  fail "compute.py --raise 0.03 is not the printed 2025-26 schedule"
"$TERMS" diff "$C" "$P" --roster "$R" --set 'lead_teacher=$1,200' >"$t/diff" 2>"$t/err"
[ $? -eq 1 ] || fail "terms diff: $(cat "$t/err")"
sed -n 1,5p "$t/diff" >"$t/head"
cat >"$t/want" <<W
$C -> $P: 1 change in terms

  changed param raise: 0.03 -> 0.035 (+16.67%)
          every cell of salary "2025-26", +0.48% to +0.49%
          [Appendix A] $C:54, $P:57
W
cmp -s "$t/want" "$t/head" || fail "diff: $(diff "$t/want" "$t/head")"
for rate in 0.03 0.035; do
  for y in 2024-25 2025-26; do
    python3 "$G" "$R" --year $y --set 'lead_teacher=$1,200' --raise $rate >"$t/g-$rate-$y.csv" || fail "compute.py --raise $rate failed"
    python3 "$G" "$R" --year $y --set 'lead_teacher=$1,200' --raise $rate --advance >"$t/a-$rate-$y.csv" || fail "compute.py --advance failed"
  done
done
"$TERMS" cost "$P" "$R" --baseline "$C" --set 'lead_teacher=$1,200' >"$t/cost" 2>"$t/err" || fail "terms cost: $(cat "$t/err")"
python3 - "$t" <<'PY' || exit 1
import csv, re, sys
from decimal import Decimal
t = sys.argv[1]
def money(x, sign=False):
    return ("-" if x < 0 else "+" if sign and x > 0 else "") + f"${abs(x):,.2f}"
def total(name):
    return sum(Decimal(r["total"]) for r in csv.DictReader(open(f"{t}/{name}.csv")))
out = open(f"{t}/diff").read()
for year in ("2024-25", "2025-26"):
    block = out.split(f"contract year {year}")[1].split("cost over")[0]
    got = re.search(r"^\s*total\s+(\S+)\s+(\S+)\s+(\S+)", block, re.M).groups()
    old, new = total(f"g-0.03-{year}"), total(f"g-0.035-{year}")
    if got != (money(old), money(new), money(new - old, True)):
        sys.exit(f"diff --roster {year}: terms says {got}, compute.py {money(old), money(new), money(new - old, True)}")
cost = open(f"{t}/cost").read()
settle = cost.split("cost of the settlement")[1]
got = re.search(r"^\s*total\s+(\S+)\s+(\S+)\s+(\S+)", settle, re.M).groups()
by_year = [total(f"a-0.035-{y}") - total(f"a-0.03-{y}") for y in ("2024-25", "2025-26")]
want = (money(by_year[0], True) if by_year[0] else "$0.00", money(by_year[1], True), money(sum(by_year), True))
if got != want:
    sys.exit(f"cost of the settlement: terms says {got}, compute.py --advance {want}")
PY

# ---- 3. checks: the printed cells against their rule, and statements ----
cat >"$t/a.terms" <<'T'
contract "Audited"
years "2024-25", "2025-26"

enum Part: DAYS, TSSA, TOTAL
enum Job: band, play, chess

employee:
  id:    text
  level: integer 1 to 4
  part:  Part
  job:   Job

param raise = 0.02

schedule pay by level, part
  "2024-25":
    level  DAYS     TSSA    TOTAL
    1      $40,000  $1,000  $41,000
    2      $41,000  $1,000  $42,100
    3      $40,500  $1,200  $41,700
    4      $42,250  $1,250  $43,500
  "2025-26":
    level  DAYS     TSSA    TOTAL
    1      $40,800  $1,020  $41,820
    2      $41,820  $1,021  $42,840
    3      $41,310  $1,224  $42,534
    4      $43,095  $1,275  $44,370

check pay "2025-26" = "2024-25" * (1 + raise) rounded half up to dollars  cite "Art. 5"
check pay: TOTAL = DAYS + TSSA
check pay: cell >= above

table stipend by Job
  band   $4,393 / $4,481
  play   $3,934 / $7,012
  chess  $500

check stipend: cell <= $6,000
check stipend: cell <= above

amount = pay[level, part] + stipend[job]
output id, amount
T
"$TERMS" check "$t/a.terms" >/dev/null 2>"$t/warnings" || fail "check: the checks are warnings, not errors: $(cat "$t/warnings")"
"$TERMS" check --strict "$t/a.terms" >/dev/null 2>"$t/errors" && fail "check --strict: the checks are errors"
python3 - "$t" <<'PY' || exit 1
import re, sys
from fractions import Fraction as F
t = sys.argv[1]
path = f"{t}/a.terms"
lines = open(path).read().split("\n")
PARTS = ["DAYS", "TSSA", "TOTAL"]
def grid(header):
    """rows of cells, with each cell's (line, column) as a compiler counts them"""
    i = lines.index(header)
    rows = []
    for n in range(i + 2, i + 6):
        cells = [(m.start() + 1, m.group()) for m in re.finditer(r"\$[\d,]+", lines[n])]
        rows.append([(n + 1, col, text, F(text[1:].replace(",", ""))) for col, text in cells])
    return rows
old, new = grid('  "2024-25":'), grid('  "2025-26":')
def money(x):
    return f"${x.numerator // x.denominator:,}.{(x * 100).numerator % 100:02d}"
want = []
rule = '"2024-25" * (1 + raise) rounded half up to dollars'
for r in range(4):
    for p in range(3):
        line, col, text, value = new[r][p]
        should = F(int(old[r][p][3] * F(102, 100) + F(1, 2)))  # half up to dollars (all positive)
        if value != should:
            want.append(f"{path}:{line}:{col}: warning: pay[{r + 1}, {PARTS[p]}] in \"2025-26\" is printed as {text}, but {rule} gives {money(should)}")
for year, g in (("2024-25", old), ("2025-26", new)):
    for r in range(4):
        days, tssa, tot = (c[3] for c in g[r])
        if tot != days + tssa:
            line, col = g[r][2][:2]
            want.append(f"{path}:{line}:{col}: warning: pay[{r + 1}, TOTAL] in \"{year}\" breaks the check `TOTAL = DAYS + TSSA`: "
                        f"`TOTAL` is {money(tot)}, `DAYS + TSSA` is {money(days + tssa)}")
for year, g in (("2024-25", old), ("2025-26", new)):
    for r in range(1, 4):
        for p in range(3):
            if g[r][p][3] < g[r - 1][p][3]:
                line, col = g[r][p][:2]
                want.append(f"{path}:{line}:{col}: warning: pay[{r + 1}, {PARTS[p]}] in \"{year}\" breaks the check `cell >= above`: "
                            f"`cell` is {money(g[r][p][3])}, `above` is {money(g[r - 1][p][3])}")
JOBS = ["band", "play", "chess"]
for r, job in enumerate(JOBS):
    n = next(i for i, l in enumerate(lines) if l.startswith(f"  {job} "))
    cells = [(m.start() + 1, F(m.group()[1:].replace(",", ""))) for m in re.finditer(r"\$[\d,]+", lines[n])]
    JOBS[r] = (job, n + 1, cells * 2 if len(cells) == 1 else cells)
for y, year in enumerate(("2024-25", "2025-26")):
    for r, (job, line, cells) in enumerate(JOBS):
        col, value = cells[y]
        if not value <= 6000:
            want.append(f"{path}:{line}:{col}: warning: stipend[{job}] in \"{year}\" breaks the check `cell <= $6,000`: `cell` is {money(value)}")
        if r and not value <= JOBS[r - 1][2][y][1]:
            want.append(f"{path}:{line}:{col}: warning: stipend[{job}] in \"{year}\" breaks the check `cell <= above`: "
                        f"`cell` is {money(value)}, `above` is {money(JOBS[r - 1][2][y][1])}")
got = [l for l in open(f"{t}/warnings").read().split("\n") if ": warning: " in l]
if sorted(got) != sorted(want) or len(want) < 5:
    sys.exit("check's warnings:\n  " + "\n  ".join(got) + "\nworked out:\n  " + "\n  ".join(want))
errors = [l for l in open(f"{t}/errors").read().split("\n") if ": error: " in l]
if sorted(errors) != sorted(w.replace(": warning: ", ": error: ") + " (--strict)" for w in want):
    sys.exit("check --strict's errors:\n  " + "\n  ".join(errors))
PY
