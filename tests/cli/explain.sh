# terms explain shows each figure with its formula, citation, rules and inputs.
set -u
fail() { echo "$*"; exit 1; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
C=contracts-dsl/example-district.terms
R=contracts-dsl/example-district-roster.csv
"$TERMS" explain $C $R --id T0005 --year 2025-26 --set 'lead_teacher=$1,200' >"$tmp/out" 2>"$tmp/err" || fail "explain failed: $(cat "$tmp/err")"
# T0005: MA30, step 15 (paid as 13), 14 years, 4 in the district.
# base = MA30 step 13 in 2025-26 = $73,174; daily = 73,174 / 194 = 377.1855 -> $377.19
for want in \
  'base = $73,174.00  [Appendix A]' \
  '  = salary[step, lane]' \
  '    [no]      longevity I when years in 10..14 and district_years >= 5: would add $1,050.00  [Art. VI §5(a)]; not met: district_years >= 5' \
  '    [applies] differential advanced when lane in [MA30, DOC] and step >= 13: adds $650.00  [Art. VI §3(c)]' \
  'daily_rate = $377.19  [Art. V §3]' \
  '  lead_teacher = $1,200.00  (param, --set)' \
  '  district_years = 4  (roster)'; do
  grep -qxF -- "$want" "$tmp/out" || fail "missing line: $want"
done
"$TERMS" explain $C $R --id T0005 --year 2025-26 --set 'lead_teacher=$1,200' --format json >"$tmp/json" || fail "json failed"
python3 - "$tmp/json" <<'P' || fail "json: $(head -c 300 "$tmp/json")"
import json, sys
doc = json.load(open(sys.argv[1]))
assert doc["employee"] == "T0005" and doc["year"] == "2025-26"
by = {o["name"]: o for o in doc["outputs"]}
assert by["daily_rate"]["value"] == "$377.19", by["daily_rate"]
rules = {r["rule"]: r for r in by["longevity"]["rules"]}
assert rules["I"]["applied"] is False and rules["I"]["failed"] == "district_years >= 5"
assert (rules["I"]["amount"], rules["I"]["exact"]) == ("$1,050.00", "1050.00"), rules["I"]
P
"$TERMS" explain $C $R --id NOBODY --set 'lead_teacher=$1,200' 2>"$tmp/err"
[ $? -eq 1 ] || fail "unknown id: expected exit 1"
grep -q "no employee with id NOBODY" "$tmp/err" || fail "unknown id: $(cat "$tmp/err")"
"$TERMS" explain $C $R 2>/dev/null; [ $? -eq 2 ] || fail "no --id: expected exit 2"

# T0005 is on step 15; Appendix A stops at 13 and clamps: the lookup says so.
# T0065's stipends, one by one, 2025-26 (Art. VI §11): head football $5,274 +
# debate $2,756 + department chair $1,850 = $9,880.
"$TERMS" explain $C $R --id T0065 --year 2025-26 --set 'lead_teacher=$1,200' >"$tmp/t65" || fail "explain T0065 failed"
for want in \
  '  salary[step, lane]: step 15, clamped to 13 (the last row); lane MA30: $73,174.00'; do
  grep -qxF -- "$want" "$tmp/out" || fail "missing line: $want"
done
for want in \
  '  sum(stipend[p] for p in assignments), member by member:' \
  '    p = head_football: $5,274.00' \
  '    p = debate: $2,756.00' \
  '    p = dept_chair: $1,850.00' \
  '    total $9,880.00'; do
  grep -qxF -- "$want" "$tmp/t65" || fail "T0065: missing line: $want"
done

# Every figure explain shows recomputes by hand to the ones it reports.
cat >"$tmp/c.terms" <<'T'
rounding half up to cents
enum Level: L1, L2
enum Job: band, yearbook, debate

employee:
  id: text
  salary: money
  step: integer 1 to 20
  level: Level
  jobs: list of Job
  lead: yes/no
  days: integer

param bonus = $___
param factor = 1.5

schedule scale by step, level clamp  cite "App. A"
  step  L1       L2
  1     $40,000  $42,000
  2     $41,000  $43,000
  3     $42,000  $44,000

table stipend by Job
  band      $3,934
  yearbook  $1,200.50
  debate    $2,000

daily_rate = salary / 210
holiday_pay = round(factor * daily_rate * 2)
base = scale[step, level] + $0
stipends = sum(stipend[j] / 3 for j in jobs if j != debate)
lead_pay = if lead then bonus else $0
per_day = salary / days
output id, daily_rate, holiday_pay, base, stipends, lead_pay, per_day
T
printf 'id,salary,step,level,jobs,lead,days\nE1,71105,14,L2,band;debate;yearbook,no,200\nE2,60000,1,L1,,no,0\n' >"$tmp/r.csv"
"$TERMS" explain "$tmp/c.terms" "$tmp/r.csv" --id E1 >"$tmp/e1" 2>"$tmp/err" || fail "explain E1: $(cat "$tmp/err")"
# E1, by hand:
#   daily_rate = 71,105 / 210 = 338 + 125/210 = 338 + 25/42 = 14221/42 = 338.5952380952...: shown with
#     its exact value, not as $338.60 (1.5 * 338.60 * 2 would be 1,015.80);
#   holiday_pay = round(1.5 * 14221/42 * 2) = round(14221/14) = round(1,015.7857...) = $1,015.79;
#   base: step 14 is past the schedule's last row, 3: L2 on row 3 = $44,000;
#   stipends = band 3,934 / 3 + yearbook 1,200.50 / 3 (debate left out)
#            = 1,311.333... + 400.1666... = 3934/3 + 2401/6 = 10269/6 = $1,711.50;
#   per_day = 71,105 / 200 = $355.525 (more than cents, all shown);
#   bonus is blank: shown as $___, not 0.
for want in \
  'daily_rate = $338.595238… (exactly 14221/42)' \
  '  daily_rate = $338.595238… (exactly 14221/42)  (explained above)' \
  'holiday_pay = $1,015.79' \
  '  factor = 1.5  (param)' \
  '  scale[step, level]: step 14, clamped to 3 (the last row); level L2: $44,000.00' \
  '  sum(stipend[j] / 3 for j in jobs if j != debate), member by member:' \
  '    j = band: $1,311.333333… (exactly 3934/3)' \
  '    j = debate: left out, not met: j != debate' \
  '    j = yearbook: $400.166666… (exactly 2401/6)' \
  '    total $1,711.50' \
  '  bonus = $___  (param, blank: not agreed yet)' \
  'per_day = $355.525'; do
  grep -qxF -- "$want" "$tmp/e1" || fail "E1: missing line: $want
$(cat "$tmp/e1")"
done
grep -q "0  (param, blank" "$tmp/e1" && fail "a blank param shown as 0"

# E2's per_day divides by 0 days: explain fails as eval does (exit 1, the
# same message), shows the error where the figure would be, and in JSON
# gives it its own field.
"$TERMS" eval "$tmp/c.terms" "$tmp/r.csv" -o "$tmp/out.csv" 2>"$tmp/eval.err"
"$TERMS" explain "$tmp/c.terms" "$tmp/r.csv" --id E2 >"$tmp/e2" 2>"$tmp/e2.err"
[ $? -eq 1 ] || fail "explain of a row that fails: expected exit 1"
head -n 1 "$tmp/eval.err" | cmp -s - "$tmp/e2.err" || fail "explain's error differs from eval's: $(cat "$tmp/e2.err")"
grep -qxF 'per_day: error: division by zero in `per_day`' "$tmp/e2" || fail "E2: no error line: $(cat "$tmp/e2")"
grep -qxF '  sum(stipend[j] / 3 for j in jobs if j != debate): no members, so it is 0' "$tmp/e2" || fail "E2: empty sum"
"$TERMS" explain "$tmp/c.terms" "$tmp/r.csv" --id E2 --format json >"$tmp/e2.json" 2>/dev/null
[ $? -eq 1 ] || fail "explain --format json of a row that fails: expected exit 1"
"$TERMS" explain "$tmp/c.terms" "$tmp/r.csv" --id E1 --format json >"$tmp/e1.json" || fail "explain E1 json"
python3 - "$tmp/e1.json" "$tmp/e2.json" <<'P' || fail "json: $(head -c 400 "$tmp/e2.json")"
import json, sys
from fractions import Fraction
e1, e2 = (json.load(open(f)) for f in sys.argv[1:])
by = {o["name"]: o for o in e1["outputs"]}
assert "error" not in e1
assert by["daily_rate"]["exact"] == "14221/42" and Fraction(by["daily_rate"]["exact"]) * 210 == 71105
assert by["holiday_pay"]["value"] == "$1,015.79"
sums = by["stipends"]["parts"][0]
assert [t["member"] for t in sums["terms"]] == ["band", "debate", "yearbook"]
assert sums["terms"][1]["left_out"] == "j != debate"
assert Fraction(sums["terms"][0]["exact"]) + Fraction(sums["terms"][2]["exact"]) == Fraction(by["stipends"]["exact"])
clamp = by["base"]["parts"][0]
assert (clamp["key"], clamp["given"], clamp["clamped_to"], clamp["value"]) == ("step", "14", "3", "$44,000.00"), clamp
bonus = [u for u in by["lead_pay"]["uses"] if u["name"] == "bonus"][0]
assert bonus["blank"] is True and bonus["value"] is None, bonus
assert e2["error"] == "division by zero in `per_day`", e2
per_day = [o for o in e2["outputs"] if o["name"] == "per_day"][0]
assert per_day["error"] == "division by zero in `per_day`" and "value" not in per_day, per_day
P
# The error names the employee's row and line, not the roster's last.
{ cat "$tmp/r.csv"; echo 'E3,60000,1,L1,,no,5'; } >"$tmp/r3.csv"
"$TERMS" eval "$tmp/c.terms" "$tmp/r3.csv" -o "$tmp/out.csv" 2>"$tmp/eval3.err"
"$TERMS" explain "$tmp/c.terms" "$tmp/r3.csv" --id E2 >/dev/null 2>"$tmp/e3.err"
head -n 1 "$tmp/eval3.err" | cmp -s - "$tmp/e3.err" || fail "explain names another row than eval: $(cat "$tmp/e3.err")"
exit 0
