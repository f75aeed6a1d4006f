# Several proposals side by side in one run, each against the same
# baseline: the District's proposal and a union proposal (the current
# contract with a lead teacher amount of its own, --set FILE:NAME=VALUE),
# every settlement figure against compute.py's.
set -u
fail() { echo "$*"; exit 1; }
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
OLD=contracts-dsl/example-district.terms
NEW=contracts-dsl/example-district-proposal.terms
R=contracts-dsl/example-district-roster.csv
G=tests/golden/example-district/compute.py
U="$t/union.terms"
cp "$OLD" "$U"
"$TERMS" cost "$NEW" "$U" "$R" --baseline "$OLD" --set 'lead_teacher=$1,200' --set "$U:lead_teacher=\$1,300" \
    --xlsx "$t/r.xlsx" --html "$t/r.html" >"$t/out" 2>"$t/err" || fail "terms cost failed: $(cat "$t/err")"
for y in 2024-25 2025-26; do
  adv=; [ $y = 2025-26 ] && adv=--advance
  python3 "$G" "$R" --year $y $adv --set 'lead_teacher=$1,200' >"$t/base-$y.csv" &&
  python3 "$G" "$R" --year $y $adv --set 'lead_teacher=$1,200' --proposal >"$t/district-$y.csv" &&
  python3 "$G" "$R" --year $y $adv --set 'lead_teacher=$1,300' >"$t/union-$y.csv" || fail "compute.py failed"
done
python3 - "$t" "$NEW" "$U" <<'PY' || exit 1
import csv, re, sys, zipfile
from decimal import Decimal
t, district, union = sys.argv[1:]
def total(name, y):
    return sum(Decimal(r["total"]) for r in csv.DictReader(open(f"{t}/{name}-{y}.csv")))
def money(x):
    return ("-" if x < 0 else "+" if x > 0 else "") + f"${abs(x):,.2f}"
out = open(f"{t}/out").read()
if out.count(f"proposal: {district}\n") != 2 or out.count(f"proposal: {union}\n") != 2:
    sys.exit(f"expected a costing per proposal:\n{out}")
settle = out.split("cost of the settlement")[1]
errors = []
for name, path in (("district", district), ("union", union)):
    part = settle.split(f"proposal: {path}\n")[1]
    m = re.search(r"^  total\s+(\S+)\s+(\S+)\s+(\S+)$", part, re.M)
    d = [total(name, y) - total("base", y) for y in ("2024-25", "2025-26")]
    want = (money(d[0]), money(d[1]), money(d[0] + d[1]))
    if not m or m.groups() != want:
        errors.append(f"{name}: terms says {m and m.groups()}, compute.py {want}")
    if f"per employee, {path} against the baseline over the years costed:" not in out:
        errors.append(f"no per-employee summary for {path}")
z = zipfile.ZipFile(f"{t}/r.xlsx")
sheets = re.findall(r'<sheet name="([^"]+)"', z.read("xl/workbook.xml").decode())
if sheets != ["Proposal 1", "Proposal 2", "Baseline", "Settlement", "Employees"]:
    errors.append(f"xlsx sheets: {sheets}")
html = open(f"{t}/r.html").read()
if html.count('<table class="costing">') != 3:
    errors.append("html: expected three costing tables")
if errors:
    sys.exit("\n".join(errors))
PY

err() { # STATUS MESSAGE ARGS...
  want=$1 msg=$2; shift 2
  "$TERMS" cost "$@" >/dev/null 2>"$t/err"; got=$?
  [ $got -eq "$want" ] || fail "cost $*: exit $got, expected $want"
  grep -qF -e "$msg" "$t/err" || fail "cost $*: no \"$msg\" in: $(cat "$t/err")"
}
err 2 "terms: $U: --set nope: the contract has no param of that name" "$NEW" "$U" "$R" --baseline "$OLD" --set "$U:nope=1"
err 2 "terms cost: --values is given twice for $U ($U:a.terms and $U:b.terms)" "$NEW" "$U" "$R" --values "$U:a.terms" --values "$U:b.terms"
err 2 "terms cost: with several contracts the values file is read once per contract: give a file, not standard input" "$NEW" "$U" "$R" --values -
sed 's/"2025-26"/"2026-27"/g' "$OLD" >"$t/other.terms"
err 1 "terms cost: $t/other.terms has no year \"2025-26\", which $NEW costs: contracts side by side are costed over the same years" "$NEW" "$t/other.terms" "$R" --set 'lead_teacher=$1,200'
err 2 "terms cost: with several contracts the roster is read once per contract: give a file, not standard input" "$NEW" "$U" -
err 2 "terms cost: at most 8 contracts side by side" "$NEW" "$NEW" "$NEW" "$NEW" "$NEW" "$NEW" "$NEW" "$NEW" "$NEW" "$R"
v=""; for i in $(seq 17); do v="$v --values v$i.terms"; done
err 2 "terms cost: at most 16 --values files" "$NEW" "$R" $v
exit 0
