# terms cost --unit: the district's bargaining units together.  The
# teachers bring two proposals (the District's proposal: a new stipend and
# a longevity raise; the settlement: a 2% raise from a date and a one-time
# bonus) against their agreement, and the hourly support unit one (a 1%
# raise on its rates and a higher night-shift differential) against its
# own.  Every figure of the district's report (each unit's total,
# baseline and settlement per year and over the term, the district's
# sums and percent) is checked to the cent against the independent
# programs (tests/golden/example-district/compute.py,
# tests/golden/money/settlement.py, tests/golden/example-support/compute.py)
# in text, CSV, HTML and XLSX; then each new error, by its exact message.
set -u
fail() { echo "$*"; exit 1; }
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
D=contracts-dsl
TP=$D/example-district-proposal.terms
TS=$D/example-district-settlement.terms
TB=$D/example-district.terms
TR=$D/example-district-roster.csv
SP=$D/example-support-proposal.terms
SB=$D/example-support.terms
SR=$D/example-support-roster.csv
units() {
  "$TERMS" cost --unit teachers $TP $TS $TR --baseline $TB --set 'lead_teacher=$1,200' \
    --unit support $SP $SR --baseline $SB "$@"
}
units >"$t/out.txt" 2>"$t/err" || fail "terms cost --unit failed: $(cat "$t/err")"
units --format csv >"$t/out.csv" 2>"$t/err" || fail "--format csv failed: $(cat "$t/err")"
units --html "$t/out.html" --xlsx "$t/out.xlsx" >/dev/null 2>"$t/err" || fail "--html --xlsx failed: $(cat "$t/err")"

python3 - "$t" <<'PY' || exit 1
import csv, re, subprocess, sys, zipfile
from decimal import Decimal
from fractions import Fraction as F
t = sys.argv[1]
D = "contracts-dsl"
YEARS = ["2024-25", "2025-26"]

def run(*args):
    return subprocess.run(["python3"] + list(args), check=True, capture_output=True, text=True).stdout

def summed(program, roster, year, *flags):
    rows = csv.DictReader(run(program, roster, "--year", year, "--advance", *flags).splitlines())
    return sum(F(r["total"]) for r in rows)

def parse_dollars(s):
    return F(s.replace("$", "").replace(",", ""))

def settlement_total(*flags):
    for line in run("tests/golden/money/settlement.py", D + "/example-district-roster.csv", "lead_teacher=$1,200", *flags).splitlines():
        name, *amounts = line.split()
        if name == "total":
            return [parse_dollars(a) for a in amounts]

TD = "tests/golden/example-district/compute.py"
SU = "tests/golden/example-support/compute.py"
lead = "--set=lead_teacher=$1,200"
teachers = {
    "proposals": [[summed(TD, D + "/example-district-roster.csv", y, "--proposal", lead) for y in YEARS], settlement_total()],
    "baseline": [summed(TD, D + "/example-district-roster.csv", y, lead) for y in YEARS],
}
support = {
    "proposals": [[summed(SU, D + "/example-support-roster.csv", y, "--proposal") for y in YEARS]],
    "baseline": [summed(SU, D + "/example-support-roster.csv", y) for y in YEARS],
}
assert teachers["baseline"] == settlement_total("--baseline"), "the two independent programs disagree on the baseline"
units = [("teachers", teachers), ("support", support)]

def with_term(v):
    return v + [sum(v)]

# the district's k-th proposal: each unit's k-th, or its only one
def prop(u, k):
    return u["proposals"][k if len(u["proposals"]) > 1 else 0]

want = {}  # (unit, role, k) -> [y1, y2, term]
for k in range(2):
    for name, u in units:
        want[name, "proposal", k] = with_term(prop(u, k))
        want[name, "settlement", k] = with_term([p - b for p, b in zip(prop(u, k), u["baseline"])])
    want["district", "proposal", k] = [sum(want[n, "proposal", k][i] for n, _ in units) for i in range(3)]
    want["district", "settlement", k] = [sum(want[n, "settlement", k][i] for n, _ in units) for i in range(3)]
for name, u in units:
    want[name, "baseline", 0] = with_term(u["baseline"])
want["district", "baseline", 0] = [sum(want[n, "baseline", 0][i] for n, _ in units) for i in range(3)]

def money(x, sign=False):
    c = x * 100
    assert c.denominator == 1, x
    c = int(c)
    s = "${:,}.{:02d}".format(abs(c) // 100, abs(c) % 100)
    return ("-" if c < 0 else "+" if sign and c > 0 else "") + s

def percent(change, base):
    p = change * 100 / base
    n = abs(p) * 100
    r = n.numerator // n.denominator + (1 if n - n.numerator // n.denominator >= F(1, 2) else 0)
    s = "{}.{:02d}%".format(r // 100, r % 100)
    return ("-" if p < 0 and r else "+" if p > 0 else "") + s

# ---- text: the district's tables
out = open(t + "/out.txt").read()
district = out[out.index("\ndistrict: 2 units, 2024-25 to 2025-26"):]
def text_rows(section):
    return [l.split() for l in section.splitlines() if l.startswith("  ") and l.split()[0] in ("teachers", "support", "district")]
props = district[:district.index("\nbaseline:")]
for k in range(2):
    block = props[props.index("proposal %d:" % (k + 1)):]
    got = text_rows(block)[:3]
    exp = [[n] + [money(v) for v in want[n, "proposal", k]] for n in ("teachers", "support", "district")]
    if got != exp:
        sys.exit(f"text, proposal {k + 1}: want {exp}, got {got}")
base = district[district.index("\nbaseline:"):district.index("cost of the settlement")]
exp = [[n] + [money(v) for v in want[n, "baseline", 0]] for n in ("teachers", "support", "district")]
if text_rows(base) != exp:
    sys.exit(f"text, baseline: want {exp}, got {text_rows(base)}")
settle = district[district.index("cost of the settlement"):]
got = text_rows(settle)
exp = [[n] + [money(v, True) for v in want[n, "settlement", k]] for k in range(2) for n in ("teachers", "support", "district")]
if got != exp:
    sys.exit(f"text, settlement: want {exp}, got {got}")
pct = [l.split()[4:] for l in settle.splitlines() if l.startswith("  percent of the baseline")]
exp = [[percent(want["district", "settlement", k][i], want["district", "baseline", 0][i]) for i in range(3)] for k in range(2)]
if pct != exp:
    sys.exit(f"text, percent: want {exp}, got {pct}")
if "unit teachers: cost over contracts-dsl/example-district-roster.csv: 240 employees" not in out or \
   "unit support: cost over contracts-dsl/example-support-roster.csv: 160 employees" not in out:
    sys.exit("text: each unit's own report is missing")

# ---- CSV: the district's rows and each unit's settlement
lines = open(t + "/out.csv").read().splitlines()
inputs = [l for l in lines if l.startswith("# ")]
for role, path in [("contract of unit teachers", D + "/example-district-proposal.terms"),
                   ("contract of unit teachers", D + "/example-district-settlement.terms"),
                   ("baseline of unit teachers", D + "/example-district.terms"),
                   ("roster of unit teachers", D + "/example-district-roster.csv"),
                   ("contract of unit support", D + "/example-support-proposal.terms"),
                   ("baseline of unit support", D + "/example-support.terms"),
                   ("roster of unit support", D + "/example-support-roster.csv")]:
    if not any(l.startswith(f"# {role}: {path}, sha256 ") for l in inputs):
        sys.exit(f"csv: the inputs do not name {role} {path}")
rows = list(csv.DictReader(l for l in lines if not l.startswith("# ")))
def row(unit, role, contract, year):
    got = [F(r["value"]) for r in rows if (r["unit"], r["role"], r["contract"], r["year"], r["item"]) == (unit, role, contract, year, "total")]
    if len(got) != 1:
        sys.exit(f"csv: {len(got)} rows for {unit} {role} {contract} {year}")
    return got[0]
years = YEARS + ["all years"]
for k in range(2):
    for i, y in enumerate(YEARS):
        if row("all units", "proposal", "proposal %d" % (k + 1), y) != want["district", "proposal", k][i]:
            sys.exit(f"csv: district proposal {k + 1} {y}")
    for i, y in enumerate(years):
        if row("all units", "settlement", "proposal %d" % (k + 1), y) != want["district", "settlement", k][i]:
            sys.exit(f"csv: district settlement {k + 1} {y}")
        path = [D + "/example-district-proposal.terms", D + "/example-district-settlement.terms"][k]
        if row("teachers", "settlement", path, y) != want["teachers", "settlement", k][i]:
            sys.exit(f"csv: teachers settlement {k + 1} {y}")
for i, y in enumerate(years):
    if row("support", "settlement", D + "/example-support-proposal.terms", y) != want["support", "settlement", 0][i]:
        sys.exit(f"csv: support settlement {y}")
heads = sum(len(list(csv.DictReader(open(D + r)))) for r in ("/example-district-roster.csv", "/example-support-roster.csv"))
for k in range(2):
    for y in YEARS:
        got = [r["value"] for r in rows if (r["unit"], r["contract"], r["year"], r["item"]) == ("all units", "proposal %d" % (k + 1), y, "headcount")]
        if got != [str(heads)]:
            sys.exit(f"csv: district headcount {y}: want {heads}, got {got}")
for i, y in enumerate(YEARS):
    if row("all units", "baseline", "baseline", y) != want["district", "baseline", 0][i]:
        sys.exit(f"csv: district baseline {y}")

# ---- HTML: the district's settlement table, cell by cell, and the charts' values
html = open(t + "/out.html").read()
table = re.search(r'<table class="district-settlement">(.*?)</table>', html, re.S)
if not table:
    sys.exit("html: no district settlement table")
cells = [re.sub(r"<[^>]+>", "", c) for c in re.findall(r"<td[^>]*>(.*?)</td>", table.group(1), re.S)]
exp = []
for k in range(2):
    exp.append(None)  # the proposal's heading row
    for n, label in (("teachers", "teachers"), ("support", "support"), ("district", "District")):
        exp += [label] + [money(v, True) for v in want[n, "settlement", k]]
    exp += ["Percent of the baseline"] + [percent(want["district", "settlement", k][i], want["district", "baseline", 0][i]) for i in range(3)]
if len(cells) != len(exp) or any(e is not None and c != e for c, e in zip(cells, exp)):
    sys.exit(f"html settlement: want {exp}, got {cells}")
if "<th class=\"all\">All years</th>" not in table.group(1):
    sys.exit("html: no All years column")
if "<title>District cost: teachers and support, " not in html:
    sys.exit("html: title")
for k in range(2):
    total = want["district", "proposal", k][1]
    label = "$%d.%02dM" % divmod(int((total / 10000 + F(1, 2)) // 1), 100)
    if f">{label}</text>" not in html:
        sys.exit(f"html: the district chart does not print {label}")
for path in ("contract of unit support: contracts-dsl/example-support-proposal.terms", "roster of unit teachers: contracts-dsl/example-district-roster.csv"):
    if path not in html:
        sys.exit(f"html: the inputs do not name {path}")

# ---- XLSX: the sheets, and the District sheet's figures to the cent
z = zipfile.ZipFile(t + "/out.xlsx")
book = z.read("xl/workbook.xml").decode()
names = re.findall(r'<sheet name="([^"]+)"', book)
if names != ["District", "teachers Proposal 1", "teachers Proposal 2", "teachers Baseline", "support Proposal", "support Baseline"]:
    sys.exit(f"xlsx sheets: {names}")
if "<dc:title>District cost: teachers and support</dc:title>" not in z.read("docProps/core.xml").decode():
    sys.exit("xlsx: the workbook's title")
sheet = z.read("xl/worksheets/sheet1.xml").decode()
values = [Decimal(v).quantize(Decimal("0.01")) for v in re.findall(r"<v>([^<]+)</v>", sheet)]
for key in [("district", "proposal", 0), ("district", "proposal", 1), ("district", "baseline", 0), ("district", "settlement", 0),
            ("district", "settlement", 1), ("support", "settlement", 0), ("teachers", "settlement", 1)]:
    for v in want[key]:
        d = Decimal(v.numerator) / Decimal(v.denominator)
        if d not in values:
            sys.exit(f"xlsx: District sheet lacks {key} {d}")
PY

# ---- the errors, each by its exact message
expect() { # STATUS MESSAGE-FILE-CONTENT, then the command
  status=$1 want=$2
  shift 2
  "$@" >"$t/o" 2>"$t/e"
  got=$?
  [ "$got" = "$status" ] || fail "exit $got, not $status: $* ($(cat "$t/e"))"
  [ "$(cat "$t/e")" = "$want" ] || fail "message of: $*
want: $want
got:  $(cat "$t/e")"
}
try="Try \`terms cost --help\`."
expect 2 "terms cost: --unit needs a name: --unit teachers CONTRACT.terms ROSTER.csv
$try" "$TERMS" cost --unit
expect 2 "terms cost: --unit all units: a unit's name is 1 to 20 letters, digits, - and _, the first a letter or digit (teachers, support-staff)
$try" "$TERMS" cost --unit 'all units' $SB $SR
expect 2 "terms cost: --unit --baseline: a unit's name is 1 to 20 letters, digits, - and _, the first a letter or digit (teachers, support-staff)
$try" "$TERMS" cost --unit --baseline $SB $SR
expect 2 "terms cost: --unit support is given twice: give each unit once, with all its contracts
$try" "$TERMS" cost --unit support $SB $SR --unit support $SP $SR
expect 2 "terms cost: \`$SB\` comes before the first --unit: a unit's contracts, roster and options go after --unit NAME
$try" "$TERMS" cost $SB --unit support $SR
expect 2 "terms cost: --by is not for several units (unit support): cost the unit alone for it
$try" "$TERMS" cost --unit support $SB $SR --by job
expect 2 "terms cost: give a contract file and a roster file
$try
terms cost: in unit support, the arguments after \`--unit support\`" "$TERMS" cost --unit teachers $TB $TR --unit support $SB
expect 2 "terms cost: several units read standard input, which can be read once: give their rosters and contracts as files
$try" "$TERMS" cost --unit a $SB - --unit b $TB -
many=""
for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17; do many="$many --unit u$i $SB $SR"; done
expect 2 "terms cost: at most 16 units
$try" "$TERMS" cost $many
expect 1 "terms cost: unit support has a --baseline and unit teachers none: give every unit its baseline (the contract in force), or none" \
  "$TERMS" cost --quiet --unit teachers $TB $TR --set 'lead_teacher=$1,200' --unit support $SP $SR --baseline $SB
expect 1 "terms cost: unit teachers has 2 proposals and unit support 3: the district's first proposal is every unit's first, its second every unit's second, so units with several proposals must have as many" \
  "$TERMS" cost --unit teachers $TP $TS $TR --set 'lead_teacher=$1,200' --unit support $SB $SP $SB $SR
# a unit whose contract names the years otherwise: its 2024-25 is called 2023-24
sed 's/2024-25/2023-24/g' $SB >"$t/support-2023.terms"
expect 1 "terms cost: unit support: $t/support-2023.terms has no year \"2024-25\", which the district costs: every unit is costed over the same years (give --years to cost fewer)" \
  "$TERMS" cost --unit teachers $TB $TR --set 'lead_teacher=$1,200' --unit support "$t/support-2023.terms" $SR
# --years 2025-26: the support unit is costed in its year of that name
"$TERMS" cost --years 2025-26 --unit teachers $TB $TR --set 'lead_teacher=$1,200' --unit support "$t/support-2023.terms" $SR >"$t/o" 2>"$t/e" ||
  fail "--years 2025-26 failed: $(cat "$t/e")"
grep -q "^district: 2 units, 2025-26 to 2025-26" "$t/o" || fail "--years 2025-26: $(cat "$t/o")"
# each unit's CSV rows are what `terms cost` writes of the unit alone, the
# standard figures among them, with the unit first
for u in "teachers $TP $TS $TR --baseline $TB --set lead_teacher=\$1,200" "support $SP $SR --baseline $SB"; do
  set -- $u
  name=$1; shift
  "$TERMS" cost "$@" --format csv 2>/dev/null | grep -v '^#' | tail -n +2 >"$t/alone.csv"
  grep "^$name," "$t/out.csv" | cut -d, -f2- >"$t/unit.csv"
  grep -q "increase in terms from the schedule" "$t/alone.csv" || fail "$name alone: no standard figures"
  cmp -s "$t/alone.csv" "$t/unit.csv" || fail "unit $name's rows differ from the unit costed alone: $(diff "$t/alone.csv" "$t/unit.csv" | head)"
done
# a roster that is not there, as `terms cost` says it of one contract
expect 1 "terms: cannot read $t/none.csv: No such file or directory" \
  "$TERMS" cost --unit teachers $TB $TR --set 'lead_teacher=$1,200' --unit support $SB "$t/none.csv"
exit 0
