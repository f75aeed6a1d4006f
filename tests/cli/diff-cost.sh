# terms diff --roster over 10,000 employees: the proposal's three changes
# in terms, and their cost per year to the cent, against the independent
# program of tests/golden/example-district (compute.py, and --proposal).
set -u
fail() { echo "$*"; exit 1; }
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
OLD=contracts-dsl/example-district.terms
NEW=contracts-dsl/example-district-proposal.terms
G=tests/golden/example-district/compute.py
python3 contracts-dsl/make-example-roster.py 10000 >"$t/roster.csv" || fail "roster generator failed"
"$TERMS" diff "$OLD" "$NEW" --roster "$t/roster.csv" --set 'lead_teacher=$1,200' >"$t/out" 2>"$t/err"
[ $? -eq 1 ] || fail "terms diff failed (they differ: exit 1): $(cat "$t/err")"
[ "$(grep -c '^  \(changed\|added\|removed\)' "$t/out")" -eq 3 ] || fail "expected exactly three changes: $(cat "$t/out")"
for y in 2024-25 2025-26; do
  python3 "$G" "$t/roster.csv" --year $y --set 'lead_teacher=$1,200' >"$t/old-$y.csv" || fail "compute.py failed"
  python3 "$G" "$t/roster.csv" --year $y --set 'lead_teacher=$1,200' --proposal >"$t/new-$y.csv" || fail "compute.py --proposal failed"
done
python3 - "$t" <<'PY'
import csv, re, sys
from decimal import Decimal
t = sys.argv[1]
out = open(f"{t}/out").read()
def money(x, sign=False):
    return ("-" if x < 0 else "+" if sign and x > 0 else "") + f"${abs(x):,.2f}"
errors = []
for year in ("2024-25", "2025-26"):
    block = out.split(f"contract year {year}")[1].split("cost over")[0]
    m = re.search(r"^\s*total\s+(\S+)\s+(\S+)\s+(\S+)", block, re.M)
    if not m:
        sys.exit(f"no total line for {year}:\n{out}")
    old = sum(Decimal(r["total"]) for r in csv.DictReader(open(f"{t}/old-{year}.csv")))
    new = sum(Decimal(r["total"]) for r in csv.DictReader(open(f"{t}/new-{year}.csv")))
    want = (money(old), money(new), money(new - old, True))
    if m.groups() != want:
        errors.append(f"{year}: terms says {m.groups()}, compute.py {want}")
if errors:
    sys.exit("\n".join(errors))
PY
