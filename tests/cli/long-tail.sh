# Percents, param formulas, yes/no params, div and mod, [] and places
# beyond cents, where the golden case (tests/golden/long-tail) does not
# reach: fmt keeps a percent as written, --set takes yes/no and N%, an
# expect written with 4 places is compared to 4, a figure rounded to 4
# places is shown with 4, diff and explain show a percent param as a
# percent, disasm shows DIV_INT and MOD.
set -u
fail() { echo "$*"; exit 1; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
C=contracts-dsl/example-long-tail.terms
R=tests/golden/long-tail/roster.csv

# fmt: the contract is laid out already; a messy one comes back as written
"$TERMS" fmt --check $C >"$tmp/out" 2>&1 || fail "fmt --check: $(cat "$tmp/out")"
cat >"$tmp/messy.terms" <<'T'
employee:
  id: text
  minutes: integer
  base: money
param raise   =  2.50%/3%
param factor = (1+raise)*(1 + 1.5%)
param funded=yes
x = base*102.0%
blocks = minutes div   30 + minutes  mod 60
output id, x, blocks
each year: minutes=0
T
cat >"$tmp/want" <<'T'
employee:
  id:      text
  minutes: integer
  base:    money
param raise  = 2.50% / 3%
param factor = (1 + raise) * (1 + 1.5%)
param funded = yes
x      = base * 102.0%
blocks = minutes div 30 + minutes mod 60
output id, x, blocks
each year: minutes = 0
T
printf 'years "2024-25", "2025-26"\n' | cat - "$tmp/messy.terms" >"$tmp/m2.terms" && mv "$tmp/m2.terms" "$tmp/messy.terms"
printf 'years "2024-25", "2025-26"\n' | cat - "$tmp/want" >"$tmp/w2" && mv "$tmp/w2" "$tmp/want"
"$TERMS" fmt "$tmp/messy.terms" >"$tmp/out" 2>&1 || fail "fmt: $(cat "$tmp/out")"
cmp -s "$tmp/want" "$tmp/out" || fail "fmt: $(diff "$tmp/want" "$tmp/out")"

# --set: yes/no for a yes/no param, a percent for a decimal one
err() {  # expected message, then the --set argument
  "$TERMS" eval $C $R --set "$2" >/dev/null 2>"$tmp/err"
  s=$?
  [ $s -eq 2 ] || fail "--set $2: exit $s, expected 2"
  [ "$(cat "$tmp/err")" = "$1" ] || fail "--set $2: $(cat "$tmp/err")"
}
err 'terms: --set funded: "maybe" is not yes or no' 'funded=maybe'
err 'terms: --set hourly: "4%" is not an amount (like $1,200 or 1200.00)' 'hourly=4%'
"$TERMS" eval $C $R --set 'raise_2=0.015' >"$tmp/a" && "$TERMS" eval $C $R --set 'raise_2=1.5%' >"$tmp/b" &&
  cmp -s "$tmp/a" "$tmp/b" || fail "--set raise_2=1.5% is not --set raise_2=0.015"

# an expect with more places than cents is compared to them, never to the cent
cat >"$tmp/places.terms" <<'T'
employee:
  id: text
  base: money
rate = round(base / 1680, 4)
output id, rate
example "four places":
  given base = $41,818
  expect rate = $24.8917
example "four places, one off in the fourth":
  given base = $41,818
  expect rate = $24.8916
example "to the cent":
  given base = $41,818
  expect rate = $24.89
T
"$TERMS" test "$tmp/places.terms" >"$tmp/out"
[ $? -eq 1 ] || fail "places: expected exit 1: $(cat "$tmp/out")"
grep -q 'places.terms:11:10: FAIL example "four places, one off in the fourth": rate is \$24.8917, expected \$24.8916' "$tmp/out" ||
  fail "places: $(cat "$tmp/out")"
grep -qx "2 passed, 1 failed" "$tmp/out" || fail "places: summary: $(cat "$tmp/out")"

# a figure rounded to 4 places is shown with 4, trailing zeros kept, in
# eval, explain and test: 41,412 / 1680 = 24.65 exactly is 24.6500; an
# `if` with such a branch, a function that rounds so and a name of such a
# definition are shown alike, a figure rounded back to cents at cents
cat >"$tmp/pad.terms" <<'T'
employee:
  id: text
  base: money
function per_hour(x: money): money = round(x / 1680, 4)
rate     = round(base / 1680, 4)
either   = if base > $0 then rate else $0
called   = per_hour(base)
same     = rate
to_cent  = round(rate)
weekly   = rate * 40
output id, rate, either, called, same, to_cent, weekly
example "24.65, one off in the fourth place":
  given base = $41,412
  expect rate = $24.6501
example "24.65, one cent off":
  given base = $41,412
  expect rate = $24.66
T
printf 'id,base\nA,41412\n' >"$tmp/pad.csv"
"$TERMS" eval "$tmp/pad.terms" "$tmp/pad.csv" >"$tmp/out" 2>&1 || fail "pad eval: $(cat "$tmp/out")"
[ "$(sed -n 2p "$tmp/out")" = "A,24.6500,24.6500,24.6500,24.6500,24.65,986.00" ] || fail "pad eval: $(cat "$tmp/out")"
"$TERMS" eval "$tmp/pad.terms" "$tmp/pad.csv" --format jsonl >"$tmp/out" 2>&1 &&
  grep -q '"rate":"24.6500","either":"24.6500"' "$tmp/out" || fail "pad jsonl: $(cat "$tmp/out")"
"$TERMS" explain "$tmp/pad.terms" "$tmp/pad.csv" --id A >"$tmp/out" 2>&1 || fail "pad explain: $(cat "$tmp/out")"
grep -qx 'rate = \$24.6500' "$tmp/out" && grep -qx 'to_cent = \$24.65' "$tmp/out" || fail "pad explain: $(cat "$tmp/out")"
"$TERMS" test "$tmp/pad.terms" >"$tmp/out"
grep -q 'FAIL example "24.65, one off in the fourth place": rate is \$24.6500, expected \$24.6501$' "$tmp/out" &&
  grep -q 'FAIL example "24.65, one cent off": rate is \$24.6500, expected \$24.66$' "$tmp/out" || fail "pad test: $(cat "$tmp/out")"

# a percent is compared to the places it has as a decimal: 33.33% to 4
cat >"$tmp/pct.terms" <<'T'
employee:
  id: text
share = 1 / 3
output id, share
example "a third":
  expect share = 33.33%
example "a third, one off in the fourth place":
  expect share = 33.34%
T
"$TERMS" test "$tmp/pct.terms" >"$tmp/out"
grep -q 'FAIL example "a third, one off in the fourth place": share is 0.333333… (exactly 1/3), expected 0.3334' "$tmp/out" &&
  grep -qx "1 passed, 1 failed" "$tmp/out" || fail "percent places: $(cat "$tmp/out")"

# a param computed from a blank one: the message names the blank to fill
cat >"$tmp/blank.terms" <<'T'
employee:
  id: text
  base: money
param raise  = ___
param factor = 1 + raise
pay = base * factor
output id, pay
T
printf 'id,base\nA,100\n' >"$tmp/b.csv"
"$TERMS" eval "$tmp/blank.terms" "$tmp/b.csv" >/dev/null 2>"$tmp/err"
grep -q "error: \`pay\` needs param \`factor\` (computed from \`raise\`), which is blank; give it a value with --set 'raise=…'" "$tmp/err" ||
  fail "blank part: $(cat "$tmp/err")"
"$TERMS" check "$tmp/blank.terms" >/dev/null 2>"$tmp/err"
grep -q "warning: param \`factor\` is blank until every part of it is filled in" "$tmp/err" || fail "check blank part: $(cat "$tmp/err")"
"$TERMS" eval "$tmp/blank.terms" "$tmp/b.csv" --set raise=4% >"$tmp/out" 2>&1 && grep -qx 'A,104.00' "$tmp/out" ||
  fail "blank part filled: $(cat "$tmp/out")"

# diff: a percent param changes as a percent, and the param computed from it follows
sed 's/^param raise_1 = 3% \/ 2%/param raise_1 = 3.5% \/ 2%/' $C >"$tmp/new.terms"
"$TERMS" diff $C "$tmp/new.terms" >"$tmp/out" 2>&1
grep -q '^  changed param raise_1: 3% / 2% -> 3.5% / 2%$' "$tmp/out" || fail "diff raise_1: $(cat "$tmp/out")"
grep -q '^  changed param factor: 1.04545 / 1.0353 -> 1.050525 / 1.0353 (+0.49% / 0.00%)$' "$tmp/out" || fail "diff factor: $(cat "$tmp/out")"

# explain: a percent param as written, a computed one said to be computed
cat >"$tmp/explain.terms" <<'T'
employee:
  id: text
  base: money
param raise  = 3%
param factor = 1 + raise
raised = base * (1 + raise)
factored = base * factor
output id, raised, factored
T
printf 'id,base\nA,100\n' >"$tmp/r.csv"
"$TERMS" explain "$tmp/explain.terms" "$tmp/r.csv" --id A --set raise=4% >"$tmp/out" 2>&1 || fail "explain: $(cat "$tmp/out")"
grep -q '^  raise = 4%  (param, --set)$' "$tmp/out" || fail "explain raise: $(cat "$tmp/out")"
grep -q '^  factor = 1.04  (param, computed from other params)$' "$tmp/out" || fail "explain factor: $(cat "$tmp/out")"
grep -q '^factored = \$104.00$' "$tmp/out" || fail "explain factored: $(cat "$tmp/out")"

# disasm: div and mod are instructions of their own
"$TERMS" disasm $C --year 2024-25 >"$tmp/out" 2>&1 || fail "disasm: $(cat "$tmp/out")"
grep -q 'DIV_INT' "$tmp/out" && grep -q 'MOD' "$tmp/out" || fail "disasm: no DIV_INT or MOD: $(cat "$tmp/out")"
exit 0
