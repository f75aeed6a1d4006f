# Goal-seek: the largest lead teacher amount at which the settlement over
# both years stays at most $20,000, to the cent (the param's precision);
# compute.py's settlement checked at the value found (it fits) and a cent
# beyond (it does not).  A figure that is not monotone gives no answer,
# figures worked by hand; and the command line's mistakes.
set -u
fail() { echo "$*"; exit 1; }
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
C=contracts-dsl/example-district.terms
R=contracts-dsl/example-district-roster.csv
G=tests/golden/example-district/compute.py
S='lead_teacher=$1,200'
"$TERMS" solve "$C" "$R" --baseline "$C" --set "$S" --param lead_teacher --range '$0..$3,000' --at-most '$20,000' \
    >"$t/out" 2>"$t/err" || fail "terms solve failed: $(cat "$t/err")"
found=$(sed -n 's/^  lead_teacher = \(\$[0-9,.]*\): settlement .*/\1/p' "$t/out")
beyond=$(sed -n 's/^  one step beyond, lead_teacher = \(\$[0-9,.]*\): .*/\1/p' "$t/out")
[ -n "$found" ] && [ -n "$beyond" ] || fail "no value found: $(cat "$t/out")"
for v in "$S" "lead_teacher=$found" "lead_teacher=$beyond"; do
  python3 "$G" "$R" --set "$v" --year 2024-25 >"$t/$v-1.csv" &&
  python3 "$G" "$R" --set "$v" --year 2025-26 --advance >"$t/$v-2.csv" || fail "compute.py failed"
done
python3 - "$t" "$S" "$found" "$beyond" <<'PY' || exit 1
import csv, re, sys
from decimal import Decimal
t, base, found, beyond = sys.argv[1:]
def total(v):
    return sum(Decimal(r["total"]) for y in (1, 2) for r in csv.DictReader(open(f"{t}/{v}-{y}.csv")))
def money(x):
    return ("-" if x < 0 else "+" if x > 0 else "") + f"${abs(x):,.2f}"
at = total(f"lead_teacher={found}") - total(base)
past = total(f"lead_teacher={beyond}") - total(base)
if Decimal(beyond.replace("$", "").replace(",", "")) - Decimal(found.replace("$", "").replace(",", "")) != Decimal("0.01"):
    sys.exit(f"the step beyond {beyond} is not a cent past {found}")
if not (at <= 20000 < past):
    sys.exit(f"compute.py: at {found} the settlement is {at}, at {beyond} {past}: not the largest within $20,000")
out = open(f"{t}/out").read()
for v, d in ((found, at), (beyond, past)):
    if f"lead_teacher = {v}: settlement {money(d)}" not in out:
        sys.exit(f"terms's settlement at {v} is not compute.py's {money(d)}:\n{out}")
if "by $0.01 (300,001 values)" not in out and "by $0.01 (300001 values)" not in out:
    sys.exit(f"the step should be a cent, the param's precision:\n{out}")
PY

# not monotone: total = $100 x p up to p = 3, then $100 x (6 - p), one employee
cat >"$t/peak.terms" <<'T'
rounding half up to cents
employee:
  id: text
param p = 1
total = if p <= 3 then $100 * p else $100 * (6 - p)
output id, total
T
printf 'id\nA\n' >"$t/one.csv"
"$TERMS" solve "$t/peak.terms" "$t/one.csv" --param p --range 0..6 --at-most '$250' >"$t/out" 2>"$t/err"
[ $? -eq 1 ] || fail "a figure that is not monotone should give no answer: $(cat "$t/out" "$t/err")"
cat >"$t/want" <<W
solve over $t/one.csv: the largest p from 0 to 6 by 1 (7 values) at which the total in the year stays at most \$250.00
  the total is not monotone in p, so no value is an answer:
    p = 2: total \$200.00
    p = 3: total \$300.00
    p = 4: total \$200.00
W
diff "$t/want" "$t/out" >/dev/null || fail "not monotone: $(diff "$t/want" "$t/out")"
# within 0..3 it is: the largest p at most $250 is 2 ($200; 3 gives $300); the smallest at least $250 is 3
"$TERMS" solve "$t/peak.terms" "$t/one.csv" --param p --range 0..3 --at-most '$250' >"$t/out" || fail "0..3: $(cat "$t/out")"
grep -qx '  p = 2: total \$200.00' "$t/out" && grep -qx '  one step beyond, p = 3: total \$300.00, over the target' "$t/out" &&
  grep -qx '  the total is monotone in p over every step (4 costings)' "$t/out" || fail "0..3: $(cat "$t/out")"
"$TERMS" solve "$t/peak.terms" "$t/one.csv" --param p --range 0..3 --at-least '$250' --smallest >"$t/out" || fail "--smallest: $(cat "$t/out")"
grep -qx '  p = 3: total \$300.00' "$t/out" && grep -qx '  one step beyond, p = 2: total \$200.00, under the target' "$t/out" ||
  fail "--smallest: $(cat "$t/out")"
"$TERMS" solve "$t/peak.terms" "$t/one.csv" --param p --range 0..3 --at-least '$1,000' >"$t/out"
[ $? -eq 1 ] || fail "no value fits: expected exit 1"
grep -qx '  no value fits:' "$t/out" || fail "no value fits: $(cat "$t/out")"
# the ends are shown whole: "q = 1", not the longer "0.5" written before it showing through
cat >"$t/half.terms" <<'T'
rounding half up to cents
employee:
  id: text
param q = 0.5
total = $100 * q
output id, total
T
"$TERMS" solve "$t/half.terms" "$t/one.csv" --param q --range 0.5..1 --at-least '$1,000' >"$t/out"
grep -qx '    q = 0.5: total \$50.00' "$t/out" && grep -qx '    q = 1: total \$100.00' "$t/out" ||
  fail "the ends of 0.5..1: $(cat "$t/out")"

err() { # STATUS MESSAGE ARGS...
  want=$1 msg=$2; shift 2
  "$TERMS" solve "$@" >/dev/null 2>"$t/err"; got=$?
  [ $got -eq "$want" ] || fail "solve $*: exit $got, expected $want"
  grep -qF -e "$msg" "$t/err" || fail "solve $*: no \"$msg\" in: $(cat "$t/err")"
}
P="$t/peak.terms"; O="$t/one.csv"
err 2 "terms solve: give the param (--param), its range (--range LO..HI) and the target (--at-most or --at-least)" "$P" "$O" --param p
err 2 "terms solve: --range 3..0 runs backwards" "$P" "$O" --param p --range 3..0 --at-most 1
err 2 "terms solve: --range is LO..HI, as in --range '\$0..\$2,000'" "$P" "$O" --param p --range 3 --at-most 1
err 2 "terms solve: --figure settlement needs a --baseline to settle against" "$P" "$O" --param p --range 0..3 --at-most 1 --figure settlement
err 2 "terms solve: --step 0: a step is more than 0" "$P" "$O" --param p --range 0..3 --at-most 1 --step 0
err 2 "terms solve: the target \`lots\` is not an amount of money" "$P" "$O" --param p --range 0..3 --at-most lots
err 2 "terms solve: --range x: --set p: \"x\" is not a whole number" "$P" "$O" --param p --range x..3 --at-most 1
err 2 "terms solve: give a contract file and a roster file" "$P" --param p --range 0..3 --at-most 1
err 2 "terms solve: --figure is total, settlement, compensation, compensation-settlement or package, not \`avg\`" "$P" "$O" --param p --range 0..3 --at-most 1 --figure avg
err 2 "terms solve: --range 1/2: one value, not one per year" "$P" "$O" --param p --range 1/2..3 --at-most 1
err 2 "terms solve: the roster and the values file are read once per costing: give files, not standard input" "$P" - --param p --range 0..3 --at-most 1
err 2 "terms solve: --in 2025-26 is not one of the years costed" "$C" "$R" --set "$S" --param lead_teacher --range '$0..$1' --at-most 1 --years 1 --in 2025-26
exit 0
