# terms diff: a second version of the example contract with a schedule cell,
# a longevity amount and a new stipend changed, and a block reformatted,
# shows exactly three changes in terms; its cost over the roster matches an
# independent computation (tests/golden/example-district/compute.py, with
# the same three changes made to its tables), the percent with its sign.
set -u
fail() { echo "$*"; exit 1; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
OLD=contracts-dsl/example-district.terms
R=contracts-dsl/example-district-roster.csv
sed -e 's/^    3     \$44,950/    3     $45,100/' \
    -e 's/^longevity IV  when years >= 25 and district_years >= 5     add \$4,500 /longevity IV  when years >= 25 and district_years >= 5     add $4,800 /' \
    -e 's/^  dept_chair     \$1,800 \/ \$1,850$/  dept_chair     $1,800 \/ $1,850\n  newspaper      $900/' \
    -e 's/^  play_director "Play Director",$/  newspaper "Newspaper Adviser",\n  play_director "Play Director",/' \
    -e 's/^board_insurance = if fte >= 0.75 then insurance else round(prorate(insurance, fte, 0.75))$/board_insurance = if fte >= 0.75\n    then insurance\n    else round(prorate(insurance, fte, 0.75))/' \
    $OLD >"$tmp/new.terms"
grep -q 'newspaper      \$900' "$tmp/new.terms" && grep -q '^    then insurance' "$tmp/new.terms" && grep -q '^  newspaper "Newspaper' "$tmp/new.terms" &&
  grep -q '^    3     \$45,100' "$tmp/new.terms" && grep -q 'add \$4,800 ' "$tmp/new.terms" || fail "test set-up: sed did not apply"
"$TERMS" diff $OLD "$tmp/new.terms" >"$tmp/out" 2>"$tmp/err" || fail "diff failed: $(cat "$tmp/err")"
grep -q ": 3 changes in terms$" "$tmp/out" || fail "expected 3 changes: $(cat "$tmp/out")"
grep -q 'changed schedule cell salary\[3, BA\] in "2024-25": \$44,950.00 -> \$45,100.00' "$tmp/out" || fail "cell: $(cat "$tmp/out")"
grep -q 'changed rule longevity IV: when years >= 25 and district_years >= 5 add \$4,500.00 -> when years >= 25 and district_years >= 5 add \$4,800.00' "$tmp/out" || fail "rule: $(cat "$tmp/out")"
grep -q 'added   table row (and enum member) stipend\[newspaper\]: \$900.00' "$tmp/out" || fail "stipend: $(cat "$tmp/out")"
grep -q "\[Appendix A\] $OLD:55, $tmp/new.terms:56" "$tmp/out" || fail "lines: $(cat "$tmp/out")"
# layout and comments only
"$TERMS" fmt $OLD >"$tmp/same.terms"
"$TERMS" diff $OLD "$tmp/same.terms" | grep -q "no change in terms" || fail "reformatted: not 'no change in terms'"
# csv and json carry the same three
[ "$("$TERMS" diff $OLD "$tmp/new.terms" --format csv | wc -l)" -eq 4 ] || fail "csv rows"
"$TERMS" diff $OLD "$tmp/new.terms" --format json | python3 -c 'import json,sys; d=json.load(sys.stdin); assert len(d["changes"])==3, d' || fail "json"
# the cost, against the independent computation
"$TERMS" diff $OLD "$tmp/new.terms" --roster $R --set 'lead_teacher=$1,200' >"$tmp/cost" 2>"$tmp/err" || fail "cost: $(cat "$tmp/err")"
python3 - "$tmp/cost" "$R" <<'P' || fail "cost differs: $(cat "$tmp/cost")"
import csv, sys
sys.path.insert(0, "tests/golden/example-district")
import compute as c
from fractions import Fraction as F

def totals():
    out = []
    for year in c.YEARS:
        total = F(0)
        with open(sys.argv[2], newline="", encoding="utf-8-sig") as f:
            for r in csv.DictReader(f):
                total += c.evaluate(c.parse_record(r), year, F(1200))["total"]
        out.append(total)
    return out

old = totals()
row = list(c.SALARY["2024-25"][2]); row[0] = 45100; c.SALARY["2024-25"][2] = tuple(row)
c.LONGEVITY[3] = (25, None, (F(4800), F(4800)))
new = totals()
def money(x):  # every total is a whole number of cents
    assert (x * 100).denominator == 1
    return "$" + format(int(x), ",") + "." + "%02d" % int((x * 100) % 100)
text = open(sys.argv[1]).read().split("\ncost over ")[1:]
assert len(text) == 2, text
for y, block in enumerate(text):
    line = [l for l in block.splitlines() if l.strip().startswith("total ")][0].split()
    assert line[1] == money(old[y]) and line[2] == money(new[y]), (line, money(old[y]), money(new[y]))
    assert line[3] == "+" + money(new[y] - old[y]), (line, new[y] - old[y])
    # the percent carries its sign, as in `terms cost`: "+0.01%"
    pct = (new[y] - old[y]) * 100 / old[y]
    cents = int(pct * 100 + F(1, 2))  # half up; the change is an increase
    assert line[4] == "+%d.%02d%%" % (cents // 100, cents % 100), (line, float(pct))
print("ok", [str(x) for x in old], [str(x) for x in new])
P
exit 0
