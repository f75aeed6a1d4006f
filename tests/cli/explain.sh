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
P
"$TERMS" explain $C $R --id NOBODY --set 'lead_teacher=$1,200' 2>"$tmp/err"
[ $? -eq 1 ] || fail "unknown id: expected exit 1"
grep -q "no employee with id NOBODY" "$tmp/err" || fail "unknown id: $(cat "$tmp/err")"
"$TERMS" explain $C $R 2>/dev/null; [ $? -eq 2 ] || fail "no --id: expected exit 2"
exit 0
