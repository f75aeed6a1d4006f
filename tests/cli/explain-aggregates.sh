# terms explain shows a count, max, min, any and all over records record by
# record, as it shows a sum (docs/language.md, "Records per employee"):
# which records a count counts, the record that gives a max or min, and the
# first that decides an any or all; in text and in JSON.
set -u
fail() { echo "$*"; exit 1; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
cat >"$tmp/c.terms" <<'T'
contract "Visits"
term 2024-07-01 to 2025-06-30
years "2024-25"
rounding half up to cents

record visit:
  date:    date
  minutes: integer 0 to 600
  paid:    money

employee:
  id:     text
  visits: list of visit

long_visits = count(v for v in visits if v.minutes > 60)
over_hour   = count(v.minutes > 60 for v in visits)
longest     = max(v.minutes for v in visits)
cheapest    = min(v.paid for v in visits)
any_long    = any(v.minutes > 120 for v in visits)
all_short   = all(v.minutes < 100 for v in visits)
quick       = any(600 / v.minutes > 5 for v in visits)
output id, long_visits, over_hour, longest, cheapest, any_long, all_short, quick
T
printf 'id\nE1\nE2\nE3\n' >"$tmp/r.csv"
# E1's four visits; E2 has none; E3's second visit has no minutes to divide by.
cat >"$tmp/v.csv" <<'V'
id,date,minutes,paid
E1,2024-09-02,45,$30.00
E1,2024-09-03,150,$90.00
E1,2024-09-04,150,$25.50
E1,2024-09-05,80,$40.00
E3,2024-09-02,45,$30.00
E3,2024-09-03,0,$0.00
V
"$TERMS" explain "$tmp/c.terms" "$tmp/r.csv" --id E1 --records visits="$tmp/v.csv" >"$tmp/out" 2>"$tmp/err" ||
  fail "explain E1: $(cat "$tmp/err")"
# count(v ... if v.minutes > 60): 45 is left out; 150, 150 and 80 are counted: 3.
# count(v.minutes > 60 ...): 45 > 60 no; 150, 150, 80 yes: 3.
# max minutes: 150, first given by visit 2 (visit 3 ties, unmarked).
# min paid: $30.00, $90.00, $25.50, $40.00: $25.50, visit 3.
# any(> 120): 45 no, then 150 yes: the first yes, visit 2, so yes.
# all(< 100): 45 yes, then 150 no: the first no, visit 2, so no.
for want in \
  '  count(v for v in visits if v.minutes > 60), member by member:' \
  '    v = visit 1 (2024-09-02): left out, not met: v.minutes > 60' \
  '    v = visit 2 (2024-09-03): counted' \
  '    v = visit 4 (2024-09-05): counted' \
  '    count 3' \
  '    v = visit 1 (2024-09-02): no, not counted' \
  '    v = visit 3 (2024-09-04): yes, counted' \
  '    v = visit 2 (2024-09-03): 150  <- the largest' \
  '    v = visit 3 (2024-09-04): 150' \
  '    max 150' \
  '    v = visit 3 (2024-09-04): $25.50  <- the smallest' \
  '    v = visit 4 (2024-09-05): $40.00' \
  '    min $25.50' \
  '    v = visit 2 (2024-09-03): yes  <- the first yes, so yes' \
  '    v = visit 3 (2024-09-04): not looked at, decided above' \
  '    any yes' \
  '    v = visit 1 (2024-09-02): yes' \
  '    v = visit 2 (2024-09-03): no  <- the first no, so no' \
  '    all no'; do
  grep -qxF -- "$want" "$tmp/out" || fail "missing line: $want
$(cat "$tmp/out")"
done
[ "$(grep -c '  <- the largest' "$tmp/out")" -eq 1 ] || fail "max marks more than one visit"

"$TERMS" explain "$tmp/c.terms" "$tmp/r.csv" --id E1 --records visits="$tmp/v.csv" --format json >"$tmp/json" ||
  fail "explain E1 json"
python3 - "$tmp/json" <<'P' || fail "json: $(cat "$tmp/json")"
import json, sys
doc = json.load(open(sys.argv[1]))
def part(name):
    def find(n):
        if n.get("name") == name:
            return n
        for u in n.get("uses", []) + n.get("outputs", []):
            if isinstance(u, dict):
                f = find(u)
                if f:
                    return f
    node = find(doc)
    assert node, name
    return node["parts"][0]
c = part("long_visits")
assert c["count"].startswith("count(v for v in visits") and c["value"] == "3", c
assert [t.get("counted") for t in c["terms"]] == [None, True, True, True], c
assert "left_out" in c["terms"][0], c
o = part("over_hour")
assert [(t["value"], t["counted"]) for t in o["terms"]] == [("no", False), ("yes", True), ("yes", True), ("yes", True)], o
m = part("longest")
assert m["value"] == "150" and [t.get("decides", False) for t in m["terms"]] == [False, True, False, False], m
n = part("cheapest")
assert n["min"] and n["value"] == "$25.50" and [t.get("decides", False) for t in n["terms"]] == [False, False, True, False], n
a = part("any_long")
assert a["value"] == "yes" and [t.get("decides", False) for t in a["terms"]] == [False, True, False, False], a
l = part("all_short")
assert l["value"] == "no" and [t.get("value") for t in l["terms"]] == ["yes", "no", None, None], l
assert [t.get("not_looked_at", False) for t in l["terms"]] == [False, False, True, True], l
assert [t.get("decides", False) for t in l["terms"]] == [False, True, False, False], l
P

# An any or all stops at the member that decides it, as eval does: E3's
# second visit, 0 minutes, would divide by zero, and is not looked at.
"$TERMS" explain "$tmp/c.terms" "$tmp/r.csv" --id E3 --records visits="$tmp/v.csv" >"$tmp/out" 2>"$tmp/err" ||
  fail "explain E3: $(cat "$tmp/err")"
for want in \
  '  any(600 / v.minutes > 5 for v in visits), member by member:' \
  '    v = visit 1 (2024-09-02): yes  <- the first yes, so yes' \
  '    v = visit 2 (2024-09-03): not looked at, decided above' \
  '    any yes'; do
  grep -qxF -- "$want" "$tmp/out" || fail "E3: missing line: $want
$(cat "$tmp/out")"
done
grep -q 'error' "$tmp/out" && fail "E3: a member after the one that decides was computed: $(cat "$tmp/out")"

# E2 has no visits: all( ) over none is yes, any( ) no, count 0.
"$TERMS" explain "$tmp/c.terms" "$tmp/r.csv" --id E2 --records visits="$tmp/v.csv" >"$tmp/out" 2>"$tmp/err" ||
  fail "explain E2: $(cat "$tmp/err")"
for want in \
  '  all(v.minutes < 100 for v in visits): no members, so it is yes' \
  '  any(v.minutes > 120 for v in visits): no members, so it is no' \
  '  count(v for v in visits if v.minutes > 60): no members, so it is 0'; do
  grep -qxF -- "$want" "$tmp/out" || fail "missing line: $want
$(cat "$tmp/out")"
done
exit 0
