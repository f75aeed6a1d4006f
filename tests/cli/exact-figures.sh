#!/bin/sh
# Figures are written exactly as computed, in CSV and JSON Lines: every
# decimal of a number whose decimals end, a fraction for one whose never
# do, money at cents where it is at cents, at the places it is rounded
# to where that is more (trailing zeros kept) and in full where it is not;
# in JSON Lines money and decimals are strings, read back by a strict
# decoder (no floating point) to the very same figures.
set -u
fail() { echo "$*"; exit 1; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
cat >"$tmp/c.terms" <<'T'
rounding half up to cents
employee:
  id: text
  name: text
  rate: decimal
  pay: money

rate12 = round(rate / 3, 12)
third = rate / 3
four = round(pay / 7, 4)
daily = pay / 194
rounded = round(pay / 194)
output id, name, rate, rate12, third, pay, four, daily, rounded
T
printf 'id,name,rate,pay\nE1,"Tab\there",0.123456789012345,1234567890123456.78\nE2,plain,0.000000000001,42000\n' >"$tmp/r.csv"
# Worked by hand:
#  E1: rate / 3 = 0.123456789012345 / 3 = 0.041152263004115 (123456789012345 = 3 * 41152263004115);
#      to 12 places 0.041152263004;
#      pay / 7 = 1234567890123456.78 / 7 = 176366841446208.11142857..., to 4 places .1114;
#      pay / 194 = 123456789012345678 / 19400 = 61728394506172839 / 9700 (the 2 cancels; 9700 = 2^2 5^2 97:
#      no end), rounded to cents 6363752010945.6535... -> 6363752010945.65
#  E2: rate / 3 = 0.000000000001 / 3 = 1/3000000000000 (no end); to 12 places 0.000000000000333... -> 0;
#      42000 / 7 = 6000 exactly, shown at the 4 places it is rounded to: 6000.0000;
#      42000 / 194 = 21000/97 = 216.4948..., rounded 216.49
"$TERMS" eval "$tmp/c.terms" "$tmp/r.csv" -o "$tmp/out.csv" 2>"$tmp/err" || fail "eval: $(cat "$tmp/err")"
printf 'id,name,rate,rate12,third,pay,four,daily,rounded\nE1,Tab\there,0.123456789012345,0.041152263004,0.041152263004115,1234567890123456.78,176366841446208.1114,61728394506172839/9700,6363752010945.65\nE2,plain,0.000000000001,0,1/3000000000000,42000.00,6000.0000,21000/97,216.49\n' >"$tmp/want.csv"
cmp -s "$tmp/want.csv" "$tmp/out.csv" || fail "CSV: $(diff "$tmp/want.csv" "$tmp/out.csv")"

"$TERMS" eval "$tmp/c.terms" "$tmp/r.csv" -o "$tmp/out.jsonl" 2>"$tmp/err" || fail "eval jsonl: $(cat "$tmp/err")"
python3 - "$tmp/out.jsonl" <<'P' || fail "JSON Lines: $(cat "$tmp/out.jsonl")"
import json, sys
from fractions import Fraction
def no_float(s): raise ValueError("a JSON number with a point or an exponent: " + s)
def no_constant(s): raise ValueError("not JSON: " + s)
rows = [json.loads(line.decode("utf-8"), parse_float=no_float, parse_constant=no_constant)
        for line in open(sys.argv[1], "rb")]
want = [
    {"id": "E1", "name": "Tab\there", "rate": "0.123456789012345", "rate12": "0.041152263004",
     "third": "0.041152263004115", "pay": "1234567890123456.78", "four": "176366841446208.1114",
     "daily": "61728394506172839/9700", "rounded": "6363752010945.65"},
    {"id": "E2", "name": "plain", "rate": "0.000000000001", "rate12": "0", "third": "1/3000000000000",
     "pay": "42000.00", "four": "6000.0000", "daily": "21000/97", "rounded": "216.49"},
]
assert rows == want, rows
# every figure reads back exactly as a fraction
assert Fraction(rows[0]["pay"]) == Fraction(123456789012345678, 100)
assert Fraction(rows[0]["daily"]) * 194 == Fraction(rows[0]["pay"])
assert Fraction(rows[1]["third"]) * 3 == Fraction(rows[1]["rate"])
P

# Text that is not UTF-8 never reaches JSON Lines as it is: refused on the
# way in, or each bad byte written as U+FFFD (a surrogate, a code point past
# U+10FFFF, an overlong '/', an F5 lead byte, a cut sequence)
printf 'id,name,rate,pay\nE3,a\355\240\200b\364\220\200\200c\300\257d\365e\342\202,1,1\n' >"$tmp/bad.csv"
if "$TERMS" eval "$tmp/c.terms" "$tmp/bad.csv" -o "$tmp/bad.jsonl" 2>"$tmp/err"; then
  python3 - "$tmp/bad.jsonl" <<'P' || fail "invalid UTF-8 went out: $(od -c "$tmp/bad.jsonl" | head)"
import json, sys
row = json.loads(open(sys.argv[1], "rb").read().decode("utf-8"))  # strict: a surrogate fails here
assert row["name"] == "a\ufffd\ufffd\ufffdb\ufffd\ufffd\ufffd\ufffdc\ufffd\ufffdd\ufffde\ufffd\ufffd", ascii(row["name"])
P
fi
# terms diff names a changed figure in full too
printf 'employee:\n  id: text\nparam rate = 0.0000000000001\nx = rate * 2\noutput id, x\n' >"$tmp/d1.terms"
sed 's/0.0000000000001/0.0000000000002/' "$tmp/d1.terms" >"$tmp/d2.terms"
"$TERMS" diff "$tmp/d1.terms" "$tmp/d2.terms" >"$tmp/diff" 2>&1
grep -qF 'changed param rate: 0.0000000000001 -> 0.0000000000002' "$tmp/diff" || fail "diff: $(cat "$tmp/diff")"
exit 0
