# terms cost over the example district, checked against the independent
# program of tests/golden/example-district (compute.py, with --advance for
# the second year); its HTML report rendered by headless Chromium; its
# XLSX read back from the workbook's XML.
set -u
fail() { echo "$*"; exit 1; }
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
C=contracts-dsl/example-district.terms
R=contracts-dsl/example-district-roster.csv
G=tests/golden/example-district/compute.py

# the baseline: the same contract with a $1,000 National Board differential
sed 's/add \$1,500 *cite "Art. VI §3(a)"/add $1,000  cite "Art. VI §3(a)"/' "$C" >"$t/baseline.terms"
cmp -s "$C" "$t/baseline.terms" && fail "could not make the baseline"

"$TERMS" cost "$C" "$R" --set 'lead_teacher=$1,200' --baseline "$t/baseline.terms" \
    --html "$t/report.html" --xlsx "$t/report.xlsx" >"$t/out" 2>"$t/err" || fail "terms cost failed: $(cat "$t/err")"
python3 "$G" "$R" --year 2024-25 --set 'lead_teacher=$1,200' >"$t/y1.csv" || fail "compute.py failed"
python3 "$G" "$R" --year 2025-26 --set 'lead_teacher=$1,200' >"$t/y2-stay.csv" || fail "compute.py failed"
python3 "$G" "$R" --year 2025-26 --set 'lead_teacher=$1,200' --advance >"$t/y2.csv" || fail "compute.py failed"

python3 - "$t" "$R" <<'PY' || exit 1
import csv, re, sys, zipfile
from decimal import Decimal, ROUND_HALF_UP
t, roster = sys.argv[1], sys.argv[2]

def col(path, name):
    return sum(Decimal(r[name]) for r in csv.DictReader(open(path)))

def money(x, sign=False):
    s = f"${abs(x):,.2f}"
    return ("-" if x < 0 else "+" if sign and x > 0 else "") + s

y1, y2, stay = col(f"{t}/y1.csv", "total"), col(f"{t}/y2.csv", "total"), col(f"{t}/y2-stay.csv", "total")
boards = sum(1 for r in csv.DictReader(open(roster)) if r["national_board"] == "yes")
out = open(f"{t}/out").read()
blocks = out.split("baseline:")
proposal, rest = blocks[0], blocks[1]
def line(text, label):
    m = re.search(r"^\s*" + re.escape(label) + r"\s{2,}(.*)$", text, re.M)
    if not m:
        sys.exit(f"no line `{label}` in the report:\n{out}")
    return m.group(1).split()
errors = []
def expect(what, got, want):
    if got != want:
        errors.append(f"{what}: terms says {got}, the independent computation {want}")
expect("total", line(proposal, "total"), [money(y1), money(y2)])
parts = ["contract_salary", "differential", "extra_pay", "extra_hours_pay", "orientation_pay"]
for p in parts:
    expect(p, line(proposal, p), [money(col(f"{t}/y1.csv", p)), money(col(f"{t}/y2.csv", p))])
expect("movement", line(proposal, "step and lane movement"), [money(y2 - stay, True)])
expect("increase in terms", line(proposal, "increase in terms"), [money(stay - y1, True)])
settle = line(rest.split("cost of the settlement")[1], "total")
expect("settlement", settle, [money(Decimal(500 * boards), True)] * 2 + [money(Decimal(1000 * boards), True)])
def percent(change, base):  # of the baseline, to two places, half up
    return "+" + str((Decimal(change) * 100 / base).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)) + "%"
expect("percent", line(rest.split("cost of the settlement")[1], "percent of the baseline"),
       [percent(500 * boards, y1 - 500 * boards), percent(500 * boards, y2 - 500 * boards),
        percent(1000 * boards, y1 + y2 - 1000 * boards)])
expect("gainers", re.search(r"(\d+) gain, (\d+) lose, (\d+) unchanged", out).groups(), (str(boards), "0", str(240 - boards)))

# the workbook: the proposal's totals as numbers, and one sheet per table
z = zipfile.ZipFile(f"{t}/report.xlsx")
book = z.read("xl/workbook.xml").decode()
sheets = re.findall(r'<sheet name="([^"]+)"', book)
expect("sheets", sheets, ["Proposal", "Baseline", "Settlement", "Employees"])
sheet1 = z.read("xl/worksheets/sheet1.xml").decode()
values = [Decimal(v) for v in re.findall(r"<v>([-0-9.E+]+)</v>", sheet1)]
for want in (y1, y2):
    if want not in values:
        errors.append(f"xlsx: the total {want} is not in the Proposal sheet")
settlement_sheet = z.read("xl/worksheets/sheet3.xml").decode()
if str(500 * boards) not in re.findall(r"<v>([-0-9.E+]+)</v>", settlement_sheet):
    errors.append("xlsx: the settlement is not in its sheet")
if errors:
    sys.exit("\n".join(errors))
PY

# the HTML report, rendered: its tables and both charts are in the page
command -v chromium >/dev/null || fail "chromium is not installed (make test installs it)"
chromium --headless --no-sandbox --disable-gpu --dump-dom "file://$t/report.html" >"$t/dom" 2>/dev/null || fail "chromium could not open the report"
[ "$(grep -o '<table class="costing">' "$t/dom" | wc -l)" -eq 2 ] || fail "html: expected two costing tables"
grep -q '<table class="settlement">' "$t/dom" || fail "html: no settlement table"
grep -q '<svg id="totals-chart"' "$t/dom" || fail "html: no totals chart"
grep -q '<svg id="change-chart"' "$t/dom" || fail "html: no change chart"
[ "$(grep -o '<rect class="proposal"' "$t/dom" | wc -l)" -eq 2 ] || fail "html: expected a proposal bar per year"
grep -q 'src=\|href="http' "$t/report.html" && fail "html: the report must not fetch anything"
chromium --headless --no-sandbox --disable-gpu --window-size=1000,2000 --screenshot="$t/shot.png" "file://$t/report.html" >/dev/null 2>&1
[ "$(wc -c <"$t/shot.png")" -gt 20000 ] || fail "html: the screenshot is blank"

# mistakes on the command line, each with its message
err() { # STATUS MESSAGE ARGS...: terms cost ARGS exits STATUS with MESSAGE on stderr
  want=$1 msg=$2; shift 2
  "$TERMS" cost "$@" >/dev/null 2>"$t/err"; got=$?
  [ $got -eq "$want" ] || fail "cost $*: exit $got, expected $want"
  grep -qF -e "$msg" "$t/err" || fail "cost $*: no \"$msg\" in: $(cat "$t/err")"
}
err 1 "has no amount \`nope\` (an employee's total pay); name it with --total" "$C" "$R" --set 'lead_teacher=$1,200' --total nope
err 1 "has no number \`name\` to count as FTE" "$C" "$R" --fte name
err 2 "--years 2025-26..2024-25 runs backwards" "$C" "$R" --years 2025-26..2024-25
err 2 'the contract'"'"'s years are "2024-25", "2025-26", or 1 to 2' "$C" "$R" --years 9
err 2 "give a file, not standard input" "$C" - --baseline "$C"
err 2 "give a contract file and a roster file" "$C"
err 2 "the contract has no param of that name" "$C" "$R" --set 'nope=1'
err 1 "terms: cannot read $t/none.csv: No such file or directory" "$C" "$t/none.csv"
err 1 "terms: cannot read $t/none.csv: No such file or directory" "$C" "$t/none.csv" --baseline "$C"

# a failed run leaves no report behind and keeps an earlier one
echo old >"$t/keep.html"
"$TERMS" cost "$C" "$R" --html "$t/keep.html" >/dev/null 2>"$t/err" && fail "a blank param should fail the costing"
grep -q 'lead_teacher' "$t/err" || fail "the error should name the blank: $(cat "$t/err")"
[ "$(cat "$t/keep.html")" = old ] || fail "a failed run replaced the earlier report"
[ -z "$(ls -A "$t" | grep tmp)" ] || fail "a temporary file was left behind"
exit 0
