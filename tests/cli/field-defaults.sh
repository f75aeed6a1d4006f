# Fields with defaults (docs/language.md, "Columns a roster may leave
# out"): `check --columns` lists them, eval fills them alike with and
# without --jobs, an example that does not give one gets its default, fmt
# and diff show them.
set -u
fail() { echo "$*"; exit 1; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
cat >"$tmp/c.terms" <<'T'
enum Lane: BA, MA
employee:
  id:          text
  salary:      money
  lane:        Lane = MA
  extra_hours: optional decimal = 0
  stipend:     money = $250

hourly = salary / 2000
pay    = salary + stipend + round(hourly * extra_hours)
output id, lane, pay

example "Defaults: MA, no extra hours, the $250 stipend":
  given salary = $40,000
  expect lane = MA, pay = $40,250

example "Six extra hours at $20 an hour":
  given salary = $40,000, extra_hours = 6, stipend = $0
  expect pay = $40,120
T
"$TERMS" check --columns "$tmp/c.terms" >"$tmp/out" 2>&1 || fail "check: $(cat "$tmp/out")"
cat >"$tmp/want" <<EOF
$tmp/c.terms: ok: 5 fields, 2 definitions, 0 components, 0 rules, 2 examples
columns a roster must have: id, salary
columns it may leave out (each row then has the value shown):
  lane = MA
  extra_hours = 0 (an empty cell too)
  stipend = \$250.00
EOF
cmp -s "$tmp/want" "$tmp/out" || fail "check --columns: $(diff "$tmp/want" "$tmp/out")"
"$TERMS" test "$tmp/c.terms" >"$tmp/out" 2>&1 || fail "test: $(cat "$tmp/out")"

# 40,000 / 2,000 = $20 an hour: A 40,000 + 250 + 0; B with 3 extra hours
# 40,000 + 250 + 60; C with an empty cell (0) and no stipend column
{ echo id,salary,extra_hours; echo A,40000,; echo B,40000,3; for i in $(seq 1 300); do echo "C$i,50000,"; done; } >"$tmp/r.csv"
"$TERMS" eval "$tmp/c.terms" "$tmp/r.csv" -o "$tmp/one.csv" 2>"$tmp/err" || fail "eval: $(cat "$tmp/err")"
"$TERMS" eval --jobs 2 "$tmp/c.terms" "$tmp/r.csv" -o "$tmp/two.csv" 2>"$tmp/err" || fail "eval --jobs 2: $(cat "$tmp/err")"
cmp -s "$tmp/one.csv" "$tmp/two.csv" || fail "--jobs 2 differs"
sed -n 2,3p "$tmp/one.csv" >"$tmp/got"
printf 'A,MA,40250.00\nB,MA,40310.00\n' | cmp -s - "$tmp/got" || fail "figures: $(cat "$tmp/got")"
[ "$(sed -n 4p "$tmp/one.csv")" = "C1,MA,50250.00" ] || fail "C1: $(sed -n 4p "$tmp/one.csv")"

# fmt keeps `optional` and the defaults; diff names a changed default
"$TERMS" fmt --check "$tmp/c.terms" >"$tmp/out" 2>&1 || fail "fmt --check: $(cat "$tmp/out")"
sed 's/stipend:     money = \$250/stipend:     money = $300/' "$tmp/c.terms" >"$tmp/d.terms"
"$TERMS" diff "$tmp/c.terms" "$tmp/d.terms" >"$tmp/out" 2>&1
grep -q 'changed record field stipend: money = \$250.00 -> money = \$300.00' "$tmp/out" || fail "diff: $(cat "$tmp/out")"
exit 0
