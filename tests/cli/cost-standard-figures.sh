# The standard costing figures of engine/cost_figures.c (docs/costing.md,
# "The standard figures"), each against an independent computation in
# exact fractions: the increase in terms split into the schedule's lines
# and the other items (compute.py); the recurring increase, one-time money
# left out (settlement.py); cost per hour worked (compute.py's totals and
# the roster's fte x 194 days x 7.5 hours); front- or end-loading over a
# three-year term (a small contract worked out again below).  Then the
# same figures in the HTML page, the workbook and the CSV and JSON Lines rows.
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

# The same figures in the board's reports: each run again with the HTML page
# (read as Chromium builds its DOM), the workbook, and CSV and JSON Lines
# rows; and with --turnover, the employees at the top and those replaced.
command -v chromium >/dev/null || fail "chromium is not installed (make test installs it)"
reports() { # NAME CONTRACT ROSTER ARGS...: r-NAME.html, .xlsx, .csv, .jsonl, .dom
  n=r-$1 c=$2 r=$3
  shift 3
  "$TERMS" cost "$c" "$r" "$@" --html "$t/$n.html" --xlsx "$t/$n.xlsx" --format csv >"$t/$n.csv" 2>"$t/err" &&
  "$TERMS" cost "$c" "$r" "$@" --format jsonl >"$t/$n.jsonl" 2>>"$t/err" || fail "terms cost ($n) failed: $(cat "$t/err")"
  chromium --headless --no-sandbox --disable-gpu --dump-dom "file://$t/$n.html" >"$t/$n.dom" 2>/dev/null ||
    fail "chromium could not open $n.html"
}
reports hours "$t/hours.terms" "$R" --set "$S"
reports settle contracts-dsl/example-district-settlement.terms "$R" --set "$S"
reports three "$t/three.terms" "$t/three.csv"
reports turnover "$C" "$R" --set "$S" --turnover 5:step=1
"$TERMS" cost "$C" "$R" --set "$S" --turnover 5:step=1 >"$t/turnover.out" 2>"$t/err" || fail "terms cost --turnover failed: $(cat "$t/err")"

python3 - "$t" <<'PY' || exit 1
import csv, html, json, re, sys, zipfile
from fractions import Fraction as F
from decimal import Decimal
t = sys.argv[1]
def rows(name):
    return list(csv.DictReader(open(f"{t}/{name}.csv")))
def col(name, c):
    return sum(F(r[c]) for r in rows(name))
def rounded(x, places):  # half up (away from zero), as the reports round
    q = abs(x) * 10**places
    n = q.numerator // q.denominator
    if (q - n) * 2 >= 1:
        n += 1
    return (-1 if x < 0 else 1) * Decimal(n) / 10**places
def money(x, sign=False):
    c = rounded(x, 2)
    return ("-" if c < 0 else "+" if sign and c > 0 else "") + f"${abs(c):,.2f}"
MONEY, CHANGE, SHARE, HOURS, COUNT = range(5)
def shown(kind, x):  # as the page shows a figure
    if kind == SHARE:
        p = rounded(x * 100, 2)
        return ("+" if p > 0 else "") + f"{p:.2f}%"
    if kind == HOURS:
        return f"{rounded(x, 2):,.2f}"
    if kind == COUNT:
        return str(x)
    return money(x, kind == CHANGE)
def cell_ok(kind, v, x):  # a workbook's number: the nearest double to the figure to the cent (a share to 6 places)
    return Decimal(repr(float(v))) == (Decimal(int(x)) if kind == COUNT else rounded(x, 6 if kind == SHARE else 2))
def row_ok(kind, v, x):  # a row's exact value (a share as a percent)
    return v is not None and F(v) == (x * 100 if kind == SHARE else x)

# each figure: (the row's name, its CSV and JSON item, kind, {year index or "all": exact value})
years = {"hours": ["2024-25", "2025-26"], "settle": ["2024-25", "2025-26"], "turnover": ["2024-25", "2025-26"], "three": ["Y1", "Y2", "Y3"]}
want = {}
items = ("contract_salary", "differential", "extra_pay", "extra_hours_pay", "orientation_pay")
schedule = col("stay", "contract_salary") - col("y1", "contract_salary")
terms = sum(col("stay", i) - col("y1", i) for i in items)
tot = [col("y1", "total"), col("y2", "total")]
avg = [tot[0] / len(rows("y1")), tot[1] / len(rows("y2"))]
one = [col("y1", "contract_salary") / 100, col("y2", "contract_salary") / 100]
hours = [sum(F(r["fte"]) * 194 * F(15, 2) for r in rows(n)) for n in ("y1", "y2")]
want["hours"] = [
    ("increase in terms from the schedule", None, CHANGE, {1: schedule, "all": schedule}),
    ("increase in terms from other items", None, CHANGE, {1: terms - schedule, "all": terms - schedule}),
    ("average pay per employee", None, MONEY, {0: avg[0], 1: avg[1]}),
    ("change in average pay", None, CHANGE, {1: avg[1] - avg[0]}),
    ("percent of last year's average", "average pay per employee, percent of last year's average", SHARE, {1: (avg[1] - avg[0]) / avg[0]}),
    ("value of 1% of contract_salary", None, MONEY, {0: one[0], 1: one[1], "all": one[0] + one[1]}),
    ("hours worked", None, HOURS, {0: hours[0], 1: hours[1], "all": hours[0] + hours[1]}),
    ("cost per hour worked", None, MONEY, {0: tot[0] / hours[0], 1: tot[1] / hours[1]}),
]
rec = {l.split()[0]: [F(v.replace("$", "").replace(",", "")) for v in l.split()[1:]] for l in open(f"{t}/settle.py")}["recurring"]
want["settle"] = [
    ("recurring increase (one-time pay left out)", None, CHANGE, {1: rec[1] - rec[0], "all": rec[1] - rec[0]}),
    ("percent of last year's recurring pay", "recurring increase (one-time pay left out), percent of last year's recurring pay", SHARE,
     {1: (rec[1] - rec[0]) / rec[0]}),
]
# the three-year contract of the text checks, worked again
sal = {(1, "BA"): 100, (1, "MA"): 200, (2, "BA"): 110, (2, "MA"): 220, (3, "BA"): 120, (3, "MA"): 240}
raise_, stipend = [F(0), F(1, 10), F(1, 10)], [10, 10, 20]
def total(lane, step, y):
    pay = F(rounded(sal[(step, lane)] * (1 + raise_[y]), 2))
    return pay + stipend[y] + F(rounded(pay / 10, 2)) + (50 if y == 0 else 0)
staff = [(r["lane"], int(r["step"])) for r in csv.DictReader(open(f"{t}/three.csv"))]
tot3 = [sum(total(l, min(s + y, 3), y) for l, s in staff) for y in range(3)]
term = sum(tot3[y] - tot3[0] for y in (1, 2))
even = (tot3[2] - tot3[0]) * F(3, 2)
word = "front-loaded" if term > even else "end-loaded" if term < even else "even"
want["three"] = [
    ("increase over the term, against the first year", None, CHANGE, {"all": term}),
    ("the same final increase spread evenly", None, CHANGE, {"all": even}),
    (f"front-loading ({word})", None, CHANGE, {"all": term - even}),
]
# turnover: the counts the text report gives (tests/cli/cost-turnover.sh checks them)
m = re.search(r"turnover: (\d+) of the (\d+) at step (\d+) replaced by hires at step 1", open(f"{t}/turnover.out").read())
want["turnover"] = [
    (f"employees at step {m.group(3)} the year before", None, COUNT, {1: int(m.group(2))}),
    ("replaced by hires at step 1 (turnover)", None, COUNT, {1: int(m.group(1)), "all": int(m.group(1))}),
]

errors = []
def expect(what, ok):
    if not ok:
        errors.append(what)
for run, figures in want.items():
    ny = len(years[run])
    # the page: a Standard figures table under the costing's, a column per year and All years
    dom = open(f"{t}/r-{run}.dom", encoding="utf-8").read()
    table = re.search(r'<table class="figures">\s*<caption>Standard figures</caption>.*?</table>', dom, re.S)
    expect(f"{run}: no Standard figures table in the page", table)
    page = {}
    for name, cells in re.findall(r'<tr[^>]*><td data-name="([^"]*)">.*?</td>(.*?)</tr>', table.group(0) if table else "", re.S):
        page[html.unescape(name)] = [html.unescape(c) for c in re.findall(r"<td[^>]*>([^<]*)</td>", cells)]
    if run == "hours":
        expect(f"hours: the page's figures {list(page)}", list(page) == [f[0] for f in figures])
    for name, item, kind, v in figures:
        cols = list(range(ny)) + ["all"]
        expect(f"{run}: page row {name!r}: {page.get(name)}, want {[shown(kind, v[k]) if k in v else '' for k in cols]}",
               page.get(name) == [shown(kind, v[k]) if k in v else "" for k in cols])
    # the workbook: the same rows under "Standard figures" on the costing's sheet, numbers to the cent
    z = zipfile.ZipFile(f"{t}/r-{run}.xlsx")
    strings = [html.unescape(re.sub(r"<[^>]+>", "", s)) for s in re.findall(r"<si>(.*?)</si>", z.read("xl/sharedStrings.xml").decode(), re.S)]
    sheet = z.read("xl/worksheets/sheet1.xml").decode()
    book = {}
    for r in re.findall(r"<row [^>]*>(.*?)</row>", sheet, re.S):
        cells = {c: (strings[int(v)] if 't="s"' in a else v) for c, a, v in re.findall(r'<c r="([A-Z]+)\d+"([^>]*)><v>([^<]*)</v>', r)}
        if "A" in cells:
            book[cells.pop("A").strip().lower()] = cells
    expect(f"{run}: the workbook's Standard figures", "standard figures" in book)
    for name, item, kind, v in figures:
        got = book.get(name.replace("_", " ").lower())
        letters = {k: chr(ord("B") + (k if k != "all" else ny)) for k in list(range(ny)) + ["all"]}
        ok = got is not None and set(got) == {letters[k] for k in v} and all(cell_ok(kind, got[letters[k]], x) for k, x in v.items())
        expect(f"{run}: workbook row {name!r}: {got}", ok)
    # the rows: CSV and JSON Lines, exact
    for fmt in ("csv", "jsonl"):
        text = open(f"{t}/r-{run}.{fmt}", encoding="utf-8").read()
        if fmt == "csv":
            recs = list(csv.DictReader(l for l in text.splitlines() if not l.startswith("#")))
            for r in recs:  # a figure is a number, never guarded as text (docs/security.md)
                if r["value"].startswith("'"):
                    sys.exit(f"{run}: a figure written as text: {r}")
        else:
            recs = [json.loads(l) for l in text.splitlines()][1:]
        for name, item, kind, v in figures:
            got = {r["year"]: r["value"] for r in recs if r["item"] == (item or name) and r["role"] == "contract"}
            want_years = {(years[run][k] if k != "all" else "all years"): x for k, x in v.items()}
            ok = set(got) == set(want_years) and all(row_ok(kind, got[y], x) for y, x in want_years.items())
            expect(f"{run}: {fmt} rows {item or name!r}: {got}", ok)
if errors:
    sys.exit("\n".join(errors))
PY

# --hours must name a number
"$TERMS" cost "$C" "$R" --set "$S" --hours lane >"$t/out" 2>"$t/err" && fail "--hours lane should fail"
grep -qxF "terms cost: $C has no number \`lane\` to count as hours worked (a definition or field: --hours)" "$t/err" ||
  fail "--hours lane: $(cat "$t/err")"
exit 0
