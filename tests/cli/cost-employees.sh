# The per-employee export (--employees): every employee, year and line of
# the proposal and the baseline, and the change in the total, with the
# id, name and key fields, against compute.py's rows per employee; CSV
# and JSON Lines alike; the workbook's Employees sheet with names.
set -u
fail() { echo "$*"; exit 1; }
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
OLD=contracts-dsl/example-district.terms
NEW=contracts-dsl/example-district-proposal.terms
R=contracts-dsl/example-district-roster.csv
G=tests/golden/example-district/compute.py
S='lead_teacher=$1,200'
"$TERMS" cost "$NEW" "$R" --baseline "$OLD" --set "$S" --employees "$t/emp.csv" --xlsx "$t/r.xlsx" >/dev/null 2>"$t/err" ||
  fail "cost --employees failed: $(cat "$t/err")"
"$TERMS" cost "$NEW" "$R" --baseline "$OLD" --set "$S" --employees "$t/emp.jsonl" >/dev/null 2>"$t/err" ||
  fail "cost --employees .jsonl failed: $(cat "$t/err")"
for y in 2024-25 2025-26; do
  adv=; [ $y = 2025-26 ] && adv=--advance
  python3 "$G" "$R" --year $y $adv --set "$S" >"$t/baseline-$y.csv" &&
  python3 "$G" "$R" --year $y $adv --set "$S" --proposal >"$t/proposal-$y.csv" || fail "compute.py failed"
done
python3 - "$t" "$R" "$NEW" <<'PY' || exit 1
import csv, io, json, re, sys, zipfile
from decimal import Decimal
t, roster, new = sys.argv[1:]
people = {r["id"]: r for r in csv.DictReader(open(roster))}
lines = [l for l in open(f"{t}/emp.csv").read().splitlines() if not l.startswith("# ")]
rows = list(csv.DictReader(io.StringIO("\n".join(lines))))
items = ["contract_salary", "differential", "extra_pay", "extra_hours_pay", "orientation_pay", "total"]
errors = []
want = []
for y in ("2024-25", "2025-26"):
    calc = {role: {r["id"]: r for r in csv.DictReader(open(f"{t}/{role}-{y}.csv"))} for role in ("proposal", "baseline")}
    for role in ("proposal", "baseline"):
        for pid, r in calc[role].items():
            p = people[pid]
            step = str(min(int(p["step"]) + 1, 15)) if y == "2025-26" else p["step"]
            for item in items:
                want.append((role, pid, p["name"], p["lane"], step, y, item, str(Decimal(r[item]))))
    for pid in calc["proposal"]:
        d = Decimal(calc["proposal"][pid]["total"]) - Decimal(calc["baseline"][pid]["total"])
        want.append(("change", pid, people[pid]["name"], people[pid]["lane"],
                     str(min(int(people[pid]["step"]) + 1, 15)) if y == "2025-26" else people[pid]["step"], y, "total", str(d)))
got = [(r["role"], r["id"], r["name"], r["lane"], r["step"], r["year"], r["item"], r["value"]) for r in rows]
if sorted(got) != sorted(want):
    missing, extra = set(want) - set(got), set(got) - set(want)
    errors.append(f"csv: {len(missing)} rows missing (e.g. {sorted(missing)[:2]}), {len(extra)} not expected (e.g. {sorted(extra)[:2]})")
if any(r["contract"] != new for r in rows if r["role"] in ("proposal", "change")):
    errors.append("csv: a proposal or change row names another contract")
records = [json.loads(l, parse_float=lambda s: sys.exit("a float in JSON: " + s)) for l in open(f"{t}/emp.jsonl")]
if "provenance" not in records[0] or [dict(r) for r in records[1:]] != rows:
    errors.append("jsonl: not the csv's rows after the inputs")
z = zipfile.ZipFile(f"{t}/r.xlsx")
# the Employees sheet is written in constant memory: its text inline, not shared
employees = z.read("xl/worksheets/sheet%d.xml" % len(re.findall(r"<sheet ", z.read("xl/workbook.xml").decode()))).decode()
if "<t>Eklund, Logan</t>" not in employees:
    errors.append("xlsx: the Employees sheet has no names")
if errors:
    sys.exit("\n".join(errors))
PY
exit 0
