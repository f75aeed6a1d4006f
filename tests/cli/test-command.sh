# `terms test` runs the examples; a wrong expectation is reported with both values.
set -u
fail() { echo "$*"; exit 1; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
"$TERMS" test contracts-dsl/example-district.terms >"$tmp/out" || fail "example contract: $(cat "$tmp/out")"
grep -qx "11 passed, 0 failed" "$tmp/out" || fail "example contract: $(cat "$tmp/out")"
cat >"$tmp/wrong.terms" <<'T'
years "2024-25", "2025-26"
employee:
  id: text
  salary: money
daily = round(salary / 194)
output id, daily
example "daily rate":
  given salary = $42,000
  expect daily = $216.50 in "2025-26", daily = $216.49 in "2024-25"
T
"$TERMS" test "$tmp/wrong.terms" >"$tmp/out"
[ $? -eq 1 ] || fail "wrong example: expected exit 1"
grep -q "wrong.terms:9:10: FAIL example \"daily rate\": daily in \"2025-26\" is \$216.49, expected \$216.50" "$tmp/out" || fail "wrong example: $(cat "$tmp/out")"
grep -qx "0 passed, 1 failed" "$tmp/out" || fail "wrong example: summary: $(cat "$tmp/out")"
# money is compared to the cent: a dime off in the same dollar fails
cat >"$tmp/cents.terms" <<'T'
employee:
  id: text
  salary: money
daily = round(salary / 194)
output id, daily
example "a dime off":
  given salary = $42,000
  expect daily = $216.39
T
"$TERMS" test "$tmp/cents.terms" >"$tmp/out"
[ $? -eq 1 ] || fail "a dime off: expected exit 1: $(cat "$tmp/out")"
grep -q "FAIL example \"a dime off\": daily is \$216.49, expected \$216.39" "$tmp/out" || fail "a dime off: $(cat "$tmp/out")"
# a `given` holds for a definition the compiler folds to a constant, and for
# a component: what uses them sees the given value, not the formula's
cat >"$tmp/given.terms" <<'T'
employee:
  id: text
  salary: money
param days = 190
k = 2 * 3
double_k = k * 2
daily = round(salary / days)
bonus when k > 5 add $100
total = bonus + daily
output id, double_k, total
example "k given":
  given k = 10
  expect double_k = 20
example "k as computed":
  expect double_k = 12, bonus = $100
example "k given below the rule's threshold":
  given k = 4, salary = $1,900
  expect bonus = $0, total = $10
example "bonus given":
  given bonus = $7, salary = $1,900
  expect total = $17
T
"$TERMS" test "$tmp/given.terms" >"$tmp/out" || fail "given: $(cat "$tmp/out")"
grep -qx "4 passed, 0 failed" "$tmp/out" || fail "given: $(cat "$tmp/out")"
exit 0
