#!/bin/sh
# Arithmetic at the edges, end to end: the largest amount that works and
# the first that overflows (an error naming the rule and the employee),
# division by zero, prorate( ) with a zero whole, and negative half-way
# values rounded in every mode, to cents and to dollars.
set -u
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
expect() { # WHAT FILE: FILE must hold what is on standard input
  cat >"$tmp/want"
  if ! cmp -s "$tmp/want" "$2"; then echo "FAIL $1:"; diff "$tmp/want" "$2"; fail=1; fi
}
cat >"$tmp/c.terms" <<'T'
employee:
  id: text
  amount: money
  whole: decimal

x = amount + $1
p = prorate(amount, 1, whole)
output id, x, p
T
# amounts are exact up to 10^18: 999,999,999,999,999,999 + 1 is the largest sum
printf 'id,amount,whole\nA1,999999999999999999,1\n' >"$tmp/top.csv"
"$TERMS" eval "$tmp/c.terms" "$tmp/top.csv" -o "$tmp/top.out" 2>"$tmp/err" || { echo "FAIL: the largest amount"; cat "$tmp/err"; fail=1; }
expect "the largest amount" "$tmp/top.out" <<'T'
id,x,p
A1,1000000000000000000.00,999999999999999999.00
T
# one more and it overflows: an error naming the row, the employee and the rule, nothing written
printf 'id,amount,whole\nA1,1,1\nA2,1000000000000000000,1\n' >"$tmp/over.csv"
"$TERMS" eval "$tmp/c.terms" "$tmp/over.csv" -o "$tmp/over.out" 2>"$tmp/err"
[ $? -eq 1 ] && [ ! -e "$tmp/over.out" ] || { echo "FAIL: overflow must exit 1 and write nothing"; fail=1; }
expect "the first amount that overflows" "$tmp/err" <<T
$tmp/over.csv:3: row 2 (id A2): error: amount too large (over 10^18) in \`x\`
terms: 1 of 2 rows failed; nothing was written
T
# prorate with a zero whole is a division by zero, for that employee
printf 'id,amount,whole\nZ1,5,0\n' >"$tmp/zero.csv"
"$TERMS" eval "$tmp/c.terms" "$tmp/zero.csv" -o "$tmp/zero.out" 2>"$tmp/err"
[ $? -eq 1 ] && [ ! -e "$tmp/zero.out" ] || { echo "FAIL: prorate by zero must exit 1 and write nothing"; fail=1; }
expect "prorate with a zero whole" "$tmp/err" <<T
$tmp/zero.csv:2: row 1 (id Z1): error: division by zero in prorate( ) in \`p\`
terms: 1 of 1 row failed; nothing was written
T
# negative half-way values in each rounding mode: -0.125, -0.135 to cents, -2.5 to dollars
printf 'id,amount\nN1,-125\nN2,-135\nN3,-2500\nP1,125\n' >"$tmp/half.csv"
for mode in up down even; do
  printf 'rounding half %s to cents\nemployee:\n  id: text\n  amount: money\n\nc = round(amount / 1000)\nd = round(amount / 1000, dollars)\noutput id, c, d\n' "$mode" >"$tmp/$mode.terms"
  "$TERMS" eval "$tmp/$mode.terms" "$tmp/half.csv" -o "$tmp/$mode.out" 2>"$tmp/err" || { echo "FAIL: half $mode"; cat "$tmp/err"; fail=1; }
done
expect "half up (away from zero)" "$tmp/up.out" <<'T'
id,c,d
N1,-0.13,0.00
N2,-0.14,0.00
N3,-2.50,-3.00
P1,0.13,0.00
T
expect "half down (toward zero)" "$tmp/down.out" <<'T'
id,c,d
N1,-0.12,0.00
N2,-0.13,0.00
N3,-2.50,-2.00
P1,0.12,0.00
T
expect "half even" "$tmp/even.out" <<'T'
id,c,d
N1,-0.12,0.00
N2,-0.14,0.00
N3,-2.50,-2.00
P1,0.12,0.00
T
exit $fail
