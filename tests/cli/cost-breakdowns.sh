# Breakdowns and rows for another program: terms cost --by building (a
# roster column the contract does not read) and diff --roster --by lane,
# each group's figures against compute.py's joined with the roster; diff
# --roster's lines are the parts of the total (contract_salary among
# them), not only components; --format csv and jsonl give the same
# figures, the inputs first (the contract's SHA-256 as hashlib computes it).
set -u
fail() { echo "$*"; exit 1; }
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
OLD=contracts-dsl/example-district.terms
NEW=contracts-dsl/example-district-proposal.terms
R=contracts-dsl/example-district-roster.csv
G=tests/golden/example-district/compute.py
S='lead_teacher=$1,200'
for y in 2024-25 2025-26; do
  adv=; [ $y = 2025-26 ] && adv=--advance
  python3 "$G" "$R" --year $y $adv --set "$S" >"$t/old-$y.csv" &&
  python3 "$G" "$R" --year $y $adv --set "$S" --proposal >"$t/new-$y.csv" &&
  python3 "$G" "$R" --year $y --set "$S" >"$t/old-stay-$y.csv" &&
  python3 "$G" "$R" --year $y --set "$S" --proposal >"$t/new-stay-$y.csv" || fail "compute.py failed"
done
"$TERMS" cost "$NEW" "$R" --baseline "$OLD" --set "$S" --by building >"$t/text" 2>"$t/err" || fail "cost --by: $(cat "$t/err")"
"$TERMS" cost "$NEW" "$R" --baseline "$OLD" --set "$S" --by building --format csv >"$t/csv" 2>"$t/err" || fail "--format csv: $(cat "$t/err")"
"$TERMS" cost "$NEW" "$R" --baseline "$OLD" --set "$S" --by building --format jsonl >"$t/jsonl" 2>"$t/err" || fail "--format jsonl: $(cat "$t/err")"
"$TERMS" diff "$OLD" "$NEW" --roster "$R" --set "$S" --by lane >"$t/diff" 2>"$t/err"
[ $? -eq 1 ] || fail "diff --roster --by: $(cat "$t/err")"
"$TERMS" diff "$OLD" "$NEW" --roster "$R" --set "$S" --by lane --format csv >"$t/diff.csv" 2>"$t/err"
[ $? -eq 1 ] || fail "diff --roster --format csv: $(cat "$t/err")"
python3 - "$t" "$R" "$OLD" "$NEW" "$S" <<'PY' || exit 1
import csv, hashlib, io, json, re, sys
from decimal import Decimal
t, roster, old, new, setting = sys.argv[1:]
people = {r["id"]: r for r in csv.DictReader(open(roster))}
def rows(name):
    return list(csv.DictReader(open(f"{t}/{name}.csv")))
def by(name, field, col="total"):
    out = {}
    for r in rows(name):
        k = people[r["id"]][field]
        out[k] = out.get(k, Decimal(0)) + Decimal(r[col])
    return out
def money(x, sign=False):
    return ("-" if x < 0 else "+" if sign and x > 0 else "") + f"${abs(x):,.2f}"
errors = []
years = ("2024-25", "2025-26")
text = open(f"{t}/text").read()
prop, base = text.split("baseline:")[0], text.split("baseline:")[1].split("cost of the settlement")[0]
settle = text.split("cost of the settlement")[1]
schools = sorted(set(p["building"] for p in people.values()))
for side, block in (("new", prop), ("old", base)):
    for s in schools:
        m = re.search(r"^    " + re.escape(s) + r"\s+(\S+)\s+(\S+)$", block.split("total by building:")[1], re.M)
        want = tuple(money(by(f"{side}-{y}", "building")[s]) for y in years)
        if not m or m.groups() != want:
            errors.append(f"{side} {s}: terms {m and m.groups()}, compute.py {want}")
for s in schools:
    d = [by(f"new-{y}", "building")[s] - by(f"old-{y}", "building")[s] for y in years]
    m = re.search(r"^    " + re.escape(s) + r"\s+(\S+)\s+(\S+)\s+(\S+)$", settle.split("by building:")[1], re.M)
    want = (money(d[0], True), money(d[1], True), money(d[0] + d[1], True))
    if not m or m.groups() != want:
        errors.append(f"settlement {s}: terms {m and m.groups()}, compute.py {want}")

# the rows: the same figures, exact, after the inputs
lines = open(f"{t}/csv").read().splitlines()
comments = [l for l in lines if l.startswith("# ")]
sha = hashlib.sha256(open(new, "rb").read()).hexdigest()
if not any(l.startswith(f"# contract: {new}, sha256 {sha}") for l in comments):
    errors.append(f"csv: no line naming the contract and its hash: {comments}")
rsha = hashlib.sha256(open(roster, "rb").read()).hexdigest()
if not any(l.startswith(f"# roster: {roster}, sha256 {rsha}") for l in comments):
    errors.append(f"csv: the roster's hash is not named: {comments}")
if f"# --set {setting}" not in comments or not comments[0].startswith("# terms: "):
    errors.append(f"csv: the --set or the version is missing: {comments}")
body = list(csv.DictReader(io.StringIO("\n".join(l for l in lines if not l.startswith("# ")))))
def pick(rs, **kw):
    return [r for r in rs if all(r[k] == v for k, v in kw.items())]
for y in years:
    for side, role in (("new", "proposal"), ("old", "baseline")):
        got = pick(body, role=role, year=y, item="total", group="")
        want = str(sum(Decimal(r["total"]) for r in rows(f"{side}-{y}")))
        if [r["value"] for r in got] != [want]:
            errors.append(f"csv {role} {y}: {got}, compute.py {want}")
    for s in schools:
        got = pick(body, role="settlement", year=y, group=s)
        want = str(by(f"new-{y}", "building")[s] - by(f"old-{y}", "building")[s])
        if [r["value"] for r in got] != [want]:
            errors.append(f"csv settlement {y} {s}: {got}, compute.py {want}")
all_years = pick(body, role="settlement", year="all years")
want = str(sum(sum(Decimal(r["total"]) for r in rows(f"new-{y}")) - sum(Decimal(r["total"]) for r in rows(f"old-{y}")) for y in years))
if [r["value"] for r in all_years] != [want]:
    errors.append(f"csv: settlement over all years {all_years}, compute.py {want}")
records = [json.loads(l, parse_float=lambda s: sys.exit("a float in JSON: " + s)) for l in open(f"{t}/jsonl")]
inputs = records[0]["provenance"]["inputs"]
if {"role": "contract", "path": new, "sha256": sha} != {k: inputs[0][k] for k in ("role", "path", "sha256")}:
    errors.append(f"jsonl: the first record does not name the contract: {records[0]}")
if records[0]["provenance"]["set"] != [setting]:
    errors.append(f"jsonl: the --set: {records[0]}")
if [{k: r[k] for k in ("role", "contract", "year", "item", "group", "value")} for r in records[1:]] != body:
    errors.append("jsonl and csv differ")

# diff --roster: the parts of the total, and by lane, the roster as it stands
diff = open(f"{t}/diff").read()
for y in years:
    block = diff.split(f"contract year {y}")[1].split("cost over")[0]
    for item in ("contract_salary", "extra_hours_pay", "longevity", "total"):
        col = item
        if item == "longevity":
            continue  # a component, not an output column of compute.py's sum; listed, not checked here
        o = sum(Decimal(r[col]) for r in rows(f"old-stay-{y}"))
        n = sum(Decimal(r[col]) for r in rows(f"new-stay-{y}"))
        m = re.search(r"^  " + item + r"\s+(\S+)\s+(\S+)\s+(\S+)", block, re.M)
        want = (money(o), money(n), money(n - o, True))
        if not m or m.groups() != want:
            errors.append(f"diff {y} {item}: terms {m and m.groups()}, compute.py {want}")
    if not re.search(r"^  longevity\s", block, re.M):
        errors.append(f"diff {y}: the component longevity is not listed")
    o, n = by(f"old-stay-{y}", "lane"), by(f"new-stay-{y}", "lane")
    for lane in o:
        m = re.search(r"^    " + lane + r"\s+(\S+)\s+(\S+)\s+(\S+)", block.split("by lane:")[1], re.M)
        want = (money(o[lane]), money(n[lane]), money(n[lane] - o[lane], True))
        if not m or m.groups() != want:
            errors.append(f"diff {y} lane {lane}: terms {m and m.groups()}, compute.py {want}")
dlines = [l for l in open(f"{t}/diff.csv").read().splitlines() if not l.startswith("# ")]
drows = list(csv.DictReader(io.StringIO("\n".join(dlines))))
for y in years:
    got = pick(drows, year=y, item="total", group="")
    o = sum(Decimal(r["total"]) for r in rows(f"old-stay-{y}"))
    n = sum(Decimal(r["total"]) for r in rows(f"new-stay-{y}"))
    if [(r["old"], r["new"], r["change"]) for r in got] != [(str(o), str(n), str(n - o))]:
        errors.append(f"diff csv {y}: {got}, compute.py {o} {n}")
if errors:
    sys.exit("\n".join(errors))
PY

err() { # STATUS MESSAGE COMMAND ARGS...
  want=$1 msg=$2; shift 2
  "$TERMS" "$@" >/dev/null 2>"$t/err"; got=$?
  [ $got -eq "$want" ] || fail "$*: exit $got, expected $want"
  grep -qF -e "$msg" "$t/err" || fail "$*: no \"$msg\" in: $(cat "$t/err")"
}
err 2 "terms cost: --format is text, csv or jsonl, not \`xml\`" cost "$NEW" "$R" --format xml
err 2 "terms diff: --by breaks down --roster's cost: give a roster" diff "$OLD" "$NEW" --by lane
err 2 "terms diff: --roster's cost is text, csv or jsonl (a row per figure), not json" diff "$OLD" "$NEW" --roster "$R" --format json
err 2 "terms diff: --format jsonl is for --roster's cost; the changes in terms are text, csv or json" diff "$OLD" "$NEW" --format jsonl
err 1 "column \"school\"" cost "$NEW" "$R" --set "$S" --by school
# more than 10,000 groups: --by is for a field with few values
python3 -c "
print('id')
for i in range(10001): print(f'E{i}')" >"$t/many.csv"
printf 'rounding half up to cents\nemployee:\n  id: text\ntotal = $1\noutput id, total\n' >"$t/one.terms"
err 1 "$t/many.csv:10002: row 10001 (id E10000): more than 10000 values of \`id\`: --by is for a field with few values (a school, a lane)" cost "$t/one.terms" "$t/many.csv" --by id
exit 0
