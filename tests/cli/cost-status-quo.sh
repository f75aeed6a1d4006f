# The baseline negotiators use: the years paired by name, and a year the
# old contract does not cover costed as its status quo (its last year
# carried forward, with or without step movement).  The old contract here
# is the example district's moved a year back: its "2024-25" holds the
# example's 2025-26 figures and is its second year, and it has no
# "2025-26".  Its figures are compute.py's for 2025-26: the roster as it
# stands for 2024-25; moved on a year (--advance) for the status quo with
# step movement; as it stands again without.
set -u
fail() { echo "$*"; exit 1; }
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
C=contracts-dsl/example-district.terms
R=contracts-dsl/example-district-roster.csv
G=tests/golden/example-district/compute.py
S='lead_teacher=$1,200'
sed 's/"2024-25"/"2023-24"/g; s/"2025-26"/"2024-25"/g' "$C" >"$t/old.terms"
python3 "$G" "$R" --set "$S" --year 2024-25 >"$t/p1.csv" &&
python3 "$G" "$R" --set "$S" --year 2025-26 --advance >"$t/p2.csv" &&
python3 "$G" "$R" --set "$S" --year 2025-26 >"$t/b1.csv" &&
python3 "$G" "$R" --set "$S" --year 2025-26 --advance >"$t/b2.csv" || fail "compute.py failed"
check() { # MODE FIRST-BASELINE SECOND-BASELINE
  "$TERMS" cost "$C" "$R" --baseline "$t/old.terms" --set "$S" --status-quo "$1" >"$t/out" 2>"$t/err" ||
    fail "terms cost --status-quo $1 failed: $(cat "$t/err")"
  python3 - "$t" "$1" "$2" "$3" <<'PY' || exit 1
import csv, re, sys
from decimal import Decimal
t, mode, b1, b2 = sys.argv[1:]
def total(name):
    return sum(Decimal(r["total"]) for r in csv.DictReader(open(f"{t}/{name}.csv")))
def money(x, sign=False):
    return ("-" if x < 0 else "+" if sign and x > 0 else "") + f"${abs(x):,.2f}"
out = open(f"{t}/out").read()
base = out.split("baseline:")[1].split("cost of the settlement")[0]
note = f"  2025-26: the status quo: 2024-25 carried forward, {'with' if mode == 'steps' else 'without'} step movement\n"
if note not in base:
    sys.exit(f"no status quo note `{note.strip()}` in:\n{base}")
m = re.search(r"^  total\s+(\S+)\s+(\S+)$", base, re.M)
if not m or m.groups() != (money(total(b1)), money(total(b2))):
    sys.exit(f"{mode}: the baseline's totals are {m and m.groups()}, compute.py's {money(total(b1)), money(total(b2))}")
d1, d2 = total("p1") - total(b1), total("p2") - total(b2)
m = re.search(r"^  total\s+(\S+)\s+(\S+)\s+(\S+)$", out.split("cost of the settlement")[1], re.M)
if not m or m.groups() != (money(d1, True), money(d2, True), money(d1 + d2, True)):
    sys.exit(f"{mode}: the settlement is {m and m.groups()}, compute.py's {money(d1, True), money(d2, True), money(d1 + d2, True)}")
PY
}
check steps b1 b2
check frozen b1 b1

# a year the old contract lacks before one it has: the status quo cannot fill it
sed 's/"2025-26"/"2026-27"/g; s/"2024-25"/"2025-26"/g' "$C" >"$t/later.terms"
"$TERMS" cost "$C" "$R" --baseline "$t/later.terms" --set "$S" >/dev/null 2>"$t/err" && fail "a baseline that starts later was costed"
want="terms cost: $t/later.terms has no year \"2024-25\" but has the later \"2025-26\": the status quo fills only the years after a baseline's last; cost the years they share with --years"
[ "$(cat "$t/err")" = "$want" ] || fail "got $(cat "$t/err"), expected $want"
"$TERMS" cost "$C" "$R" --baseline "$t/later.terms" --status-quo sideways >/dev/null 2>"$t/err"
[ $? -eq 2 ] || fail "--status-quo sideways should be a usage error"
grep -qF -- "terms cost: --status-quo is steps or frozen, not \`sideways\`" "$t/err" || fail "--status-quo: $(cat "$t/err")"
exit 0
