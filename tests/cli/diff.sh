# terms diff: a second version of the example contract with a schedule cell,
# a longevity amount and a new stipend changed, and a block reformatted,
# shows exactly three changes in terms, each at its own line (a schedule
# cell at its row, an added row at its line in the new file), a change of
# amounts with its percent, a changed rule only its changed part; the exit
# status is diff(1)'s (0 the same in terms, 1 different, 2 trouble); the
# cost over the roster matches an independent computation
# (tests/golden/example-district/compute.py, with the same three changes
# made to its tables), the percent with its sign.
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
"$TERMS" diff $OLD "$tmp/new.terms" >"$tmp/out" 2>"$tmp/err"
[ $? -eq 1 ] || fail "two versions that differ: expected exit 1: $(cat "$tmp/err")"
cat >"$tmp/want" <<W
$OLD -> $tmp/new.terms: 3 changes in terms

  changed schedule cell salary[3, BA] in "2024-25": \$44,950.00 -> \$45,100.00 (+0.33%)
          [Appendix A] $OLD:60, $tmp/new.terms:61
  added   table row (and enum member) stipend[newspaper]: \$900.00
          [Art. VI §11] $tmp/new.terms:98
  changed rule longevity IV, amount: \$4,500.00 -> \$4,800.00 (+6.67%)
          [Art. VI §5(d)] $OLD:106, $tmp/new.terms:108
W
cmp -s "$tmp/want" "$tmp/out" || fail "diff: $(diff "$tmp/want" "$tmp/out")"
# each change at its line: a table entry at its row (old and new), a
# removed one at its old line, a rule's condition narrowed to the part that
# changed, a definition's formula too, a citation, a condition added
cat >"$tmp/a.terms" <<'T'
years "Y1", "Y2"
enum Job: band, debate, chess
employee:
  id: text
  years: integer
  jobs: list of Job
param rate = $30 / $31
table stipend by Job
  band    $100
  debate  $200
  chess   $300
extra = sum(stipend[j] for j in jobs)
pay = round(rate * (years + 10))  cite "Art. 1"
bonus senior when years >= 10 and years < 20 add $500
bonus junior add $100  cite "Art. 2"
output id, pay, extra, bonus
T
sed -e 's/^  debate  \$200$/  debate  $250/' -e '/^  chess/d' -e 's/^enum Job: band, debate, chess$/enum Job: band, debate/' \
    -e 's/years + 10/years + 12/' -e 's/years >= 10 and years < 20/years >= 10 and years < 25/' \
    -e 's/add \$100  cite "Art. 2"/add $100  cite "Art. 2(b)"/' -e 's/^param rate = \$30 \/ \$31$/param rate = $31 \/ $32/' \
    "$tmp/a.terms" >"$tmp/b.terms"
"$TERMS" diff "$tmp/a.terms" "$tmp/b.terms" >"$tmp/out" 2>"$tmp/err"
[ $? -eq 1 ] || fail "a/b: expected exit 1: $(cat "$tmp/err")"
A=$tmp/a.terms B=$tmp/b.terms
cat >"$tmp/want" <<W
$A -> $B: 7 changes in terms

  removed enum member Job.chess: chess
          $A:2
  changed param rate: \$30.00 / \$31.00 -> \$31.00 / \$32.00 (+3.33% / +3.23%)
          $A:7, $B:7
  changed table row stipend[debate]: \$200.00 -> \$250.00 (+25.00%)
          $A:10, $B:10
  removed table row stipend[chess]: (row)
          $A:11
  changed definition pay, in the formula: (years + 10) -> (years + 12)
          [Art. 1] $A:13, $B:12
  changed rule bonus senior, in the condition: years < 20 -> years < 25
          $A:14, $B:13
  changed rule bonus junior, citation: "Art. 2" -> "Art. 2(b)"
          [Art. 2(b)] $A:15, $B:14
W
cmp -s "$tmp/want" "$tmp/out" || fail "a/b: $(diff "$tmp/want" "$tmp/out")"
"$TERMS" diff "$tmp/a.terms" "$tmp/a.terms" >/dev/null || fail "the same version: expected exit 0"
printf 'x = (\n' >"$tmp/broken.terms"
"$TERMS" diff "$tmp/a.terms" "$tmp/broken.terms" >/dev/null 2>&1
[ $? -eq 2 ] || fail "a version with a syntax error: expected exit 2"
"$TERMS" diff "$tmp/a.terms" 2>/dev/null
[ $? -eq 2 ] || fail "one file: expected exit 2"
# layout and comments only
"$TERMS" fmt $OLD >"$tmp/same.terms"
"$TERMS" diff $OLD "$tmp/same.terms" >"$tmp/out" || fail "reformatted: expected exit 0"
grep -q "no change in terms" "$tmp/out" || fail "reformatted: not 'no change in terms'"
# csv and json carry the same three
[ "$("$TERMS" diff $OLD "$tmp/new.terms" --format csv | wc -l)" -eq 4 ] || fail "csv rows"
"$TERMS" diff $OLD "$tmp/new.terms" --format json | python3 -c '
import json, sys
d = json.load(sys.stdin)
assert len(d["changes"]) == 3, d
cell, _, rule = d["changes"]
assert cell["percent"] == "+0.33%" and cell["old_line"] == 60 and cell["new_line"] == 61, cell
assert rule["part"] == "amount" and rule["old_part"] == "$4,500.00" and rule["new_part"] == "$4,800.00", rule
' || fail "json"
# the cost, against the independent computation
"$TERMS" diff $OLD "$tmp/new.terms" --roster $R --set 'lead_teacher=$1,200' >"$tmp/cost" 2>"$tmp/err"
[ $? -eq 1 ] || fail "cost: $(cat "$tmp/err")"
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
# a citation changed, and nothing else: a change in terms all the same, for
# a definition and for a rule
cat >"$tmp/cited.terms" <<'T'
employee:
  id: text
  salary: money
daily = salary / 194  cite "Art. 5"
bonus big when salary > $50,000 add $100  cite "Art. 6"
output id, daily, bonus
T
sed 's/"Art. 5"/"Art. 5, Sec. 2"/; s/"Art. 6"/"Art. 7"/' "$tmp/cited.terms" >"$tmp/recited.terms"
"$TERMS" diff "$tmp/cited.terms" "$tmp/recited.terms" >"$tmp/out" 2>"$tmp/err"
[ $? -eq 1 ] || fail "citations: expected exit 1 (they differ): $(cat "$tmp/err")"
grep -q ": 2 changes in terms$" "$tmp/out" || fail "citations: expected 2 changes: $(cat "$tmp/out")"
grep -q 'changed definition daily, citation: "Art. 5" -> "Art. 5, Sec. 2"' "$tmp/out" || fail "citation of a definition: $(cat "$tmp/out")"
grep -q 'changed rule bonus big, citation: "Art. 6" -> "Art. 7"' "$tmp/out" || fail "citation of a rule: $(cat "$tmp/out")"
exit 0
