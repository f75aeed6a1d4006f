# The cost report as a school board reads it: the HTML page rendered by
# headless Chromium (its DOM: the contract's name, roster and date in the
# title, labels rather than identifiers, an All years column in every
# per-year table, charts with axes, gridlines and printed values, names
# beside ids), printed to PDF by Chromium (pages counted, every table on one
# page, each page turned into an image), and the XLSX read back from its XML
# (properties, frozen heads, filters, the All years column, names, and the
# Employees sheet going on to further sheets rather than dropping rows).
# The settlement's figures are worked out here from the roster.
set -u
fail() { echo "$*"; exit 1; }
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
C=contracts-dsl/example-district.terms
R=contracts-dsl/example-district-roster.csv
command -v chromium >/dev/null || fail "chromium is not installed (make test installs it)"
command -v pdftoppm >/dev/null || fail "pdftoppm is not installed (make test installs poppler-utils)"

# the baseline: the same contract with a $1,000 National Board differential,
# so the settlement is $500 a year for each National Board teacher
sed 's/add \$1,500 *cite "Art. VI §3(a)"/add $1,000  cite "Art. VI §3(a)"/' "$C" >"$t/baseline.terms"
cmp -s "$C" "$t/baseline.terms" && fail "could not make the baseline"
"$TERMS" cost "$C" "$R" --set 'lead_teacher=$1,200' --baseline "$t/baseline.terms" \
    --html "$t/report.html" --xlsx "$t/report.xlsx" >/dev/null 2>"$t/err" || fail "terms cost failed: $(cat "$t/err")"

chromium --headless --no-sandbox --disable-gpu --dump-dom "file://$t/report.html" >"$t/dom" 2>/dev/null ||
  fail "chromium could not open the report"
chromium --headless --no-sandbox --disable-gpu --no-pdf-header-footer --print-to-pdf="$t/report.pdf" \
  "file://$t/report.html" >/dev/null 2>&1 || fail "chromium could not print the report"
pdftoppm -r 40 -png "$t/report.pdf" "$t/page" || fail "pdftoppm could not read the PDF"
for i in $(seq 1 "$(pdfinfo "$t/report.pdf" | sed -n 's/^Pages: *//p')"); do
  pdftotext -f "$i" -l "$i" -layout "$t/report.pdf" "$t/page-$i.txt"
done

python3 - "$t" "$R" "$(date +%Y-%m-%d)" <<'PY' || exit 1
import csv, glob, os, re, sys, zipfile
t, roster, today = sys.argv[1:4]
rows = list(csv.DictReader(open(roster, encoding="utf-8")))
boards = sum(r["national_board"] == "yes" for r in rows)
names = {r["id"]: r["name"] for r in rows}
errors = []
def expect(what, ok):
    if not ok:
        errors.append(what)
def dollars(cents, sign=False):
    return ("+" if sign and cents > 0 else "") + "${:,}.{:02d}".format(cents // 100, cents % 100)

dom = open(f"{t}/dom", encoding="utf-8").read()
title = re.search(r"<title>(.*?)</title>", dom).group(1)
expect(f"title {title!r}: the contract's name, the roster and the date",
       title.startswith("Example District Teachers' Agreement") and roster in title and today in title)
expect("h1: the contract's name", "<h1>Example District Teachers' Agreement</h1>" in dom)
expect("each contract's heading: its name, then its file",
       "<h2>Proposal: Example District Teachers' Agreement <span class=\"file\">contracts-dsl/example-district.terms</span></h2>" in dom
       and f"<h2>Baseline: Example District Teachers' Agreement <span class=\"file\">{t}/baseline.terms</span></h2>" in dom)
# labels: "Contract salary" with its citation, not `contract_salary`
expect("labels", re.search(r'<td data-name="contract_salary">Contract salary <span class="cite">Art. VI §2</span></td>', dom))
expect("no identifier shown as a row's label", not re.search(r">contract_salary<", dom))
# an All years column in the settlement, both costing tables and their standard figures
expect("All years columns", dom.count('<th class="all">All years</th>') == 5)
settle = re.search(r'<table class="settlement">.*?</table>', dom, re.S).group(0)
cells = re.findall(r"<td[^>]*>([^<]*)</td>", settle.split("</tr>")[1])
expect(f"settlement row {cells}", cells[1:] == [dollars(50000 * boards, True)] * 2 + [dollars(100000 * boards, True)])
# charts: axes, gridlines, and a printed value on every bar
for chart in ("totals-chart", "change-chart"):
    svg = re.search(r'<svg id="%s".*?</svg>' % chart, dom, re.S).group(0)
    expect(f"{chart}: two axes", svg.count('class="axis"') == 2)
    expect(f"{chart}: gridlines", svg.count('class="grid"') >= 3)
    bars = len(re.findall(r'<rect class="(proposal|baseline|bin)" x', svg))
    shown = len(re.findall(r'class="value"', svg))
    if chart == "totals-chart":
        expect(f"{chart}: a value on each of the 4 bars ({shown})", shown == 4)
    else:
        counts = [int(v) for v in re.findall(r'class="value"[^>]*>(\d+)<', svg)]
        expect(f"histogram counts {counts} add up to the roster", sum(counts) == len(rows))
        expect("histogram: more than one bar with employees", len(counts) >= 2)
# the largest changes: ids with their names from the roster
largest = re.search(r'<table class="largest">.*?</table>', dom, re.S).group(0)
pairs = re.findall(r"<tr><td>([^<]+)</td><td class=\"text\">([^<]+)</td>", largest)
expect("largest changes carry names", len(pairs) == min(10, boards) and all(names[i] == n.replace("&amp;", "&") for i, n in pairs))

# printed: a few pages, no table cut across two
pages = sorted(glob.glob(f"{t}/page-*.txt"), key=lambda p: int(re.search(r"(\d+)\.txt$", p).group(1)))
expect(f"{len(pages)} printed pages (2 to 4 expected)", 2 <= len(pages) <= 4)
texts = [open(p).read() for p in pages]
for head, last in (("Proposal: ", "Increase in terms"), ("Baseline: ", "Increase in terms"),
                   ("Cost of the settlement", "Percent of the baseline")):
    on = [i for i, x in enumerate(texts) if head in x]
    expect(f"printed: {head!r} on one page with its table's last row {last!r}",
           on and last in texts[on[0]].split(head, 1)[1])
images = glob.glob(f"{t}/page-*.png")
expect("each page an image that is not blank", len(images) == len(pages) and all(os.path.getsize(i) > 3000 for i in images))

# the workbook
z = zipfile.ZipFile(f"{t}/report.xlsx")
core = z.read("docProps/core.xml").decode()
expect("xlsx title property", "<dc:title>Example District Teachers&apos; Agreement</dc:title>" in core
       or "<dc:title>Example District Teachers' Agreement</dc:title>" in core)
book = z.read("xl/workbook.xml").decode()
expect("xlsx sheets", re.findall(r'<sheet name="([^"]+)"', book) == ["Proposal", "Baseline", "Settlement", "Employees"])
strings = z.read("xl/sharedStrings.xml").decode()
for n in (1, 2, 3, 4):
    sheet = z.read(f"xl/worksheets/sheet{n}.xml").decode()
    expect(f"sheet {n}: heads frozen", 'state="frozen"' in sheet)
s3 = z.read("xl/worksheets/sheet3.xml").decode()
expect("xlsx: settlement over all years", re.search(r'<c r="D2"[^>]*><v>%d</v>' % (1000 * boards), s3))
expect("xlsx: All years head", "All years" in strings)
s4 = z.read("xl/worksheets/sheet4.xml").decode()
expect("xlsx: Employees filtered", "<autoFilter ref=\"A1:" in s4)
# the Employees sheet is written in constant memory: its text inline, not shared
expect("xlsx: names", "<t>Name</t>" in s4 and all(n.replace("&", "&amp;").replace('"', "&quot;") in s4 or n in s4
                                                  for n in list(names.values())[:20]))
if errors:
    sys.exit("\n".join(errors))
PY

# past a sheet's rows the employees go on to further sheets, every one kept
# (terms-5rows: sheets of 5 rows, heads included)
T5=${TERMS%/terms}/terms-5rows
[ -x "$T5" ] || fail "no $T5 (make e2e builds it)"
head -n 11 "$R" >"$t/ten.csv"
"$T5" cost "$C" "$t/ten.csv" --set 'lead_teacher=$1,200' --xlsx "$t/ten.xlsx" >/dev/null 2>"$t/err" ||
  fail "terms-5rows cost failed: $(cat "$t/err")"
python3 - "$t/ten.xlsx" "$t/ten.csv" <<'PY' || exit 1
import csv, re, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
book = z.read("xl/workbook.xml").decode()
sheets = re.findall(r'<sheet name="([^"]+)"', book)
if sheets != ["Contract", "Employees", "Employees (2)", "Employees (3)"]:
    sys.exit(f"sheets: {sheets}")
ids = []
for n in (2, 3, 4):
    sheet = z.read(f"xl/worksheets/sheet{n}.xml").decode()
    ids += re.findall(r'<c r="A[2-9]" t="inlineStr"><is><t>([^<]*)</t>', sheet)
want = [r["id"] for r in csv.DictReader(open(sys.argv[2]))]
if ids != want:
    sys.exit(f"employees across the sheets: {ids}, want {want}")
PY
exit 0
