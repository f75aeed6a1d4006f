# terms cost over the hourly support unit (contracts-dsl/example-support.terms),
# each line of both years checked against the independent program of
# tests/golden/example-support (compute.py --advance, as cost moves the
# roster on with `each year`).
set -u
fail() { echo "$*"; exit 1; }
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
C=contracts-dsl/example-support.terms
R=contracts-dsl/example-support-roster.csv
G=tests/golden/example-support/compute.py

"$TERMS" cost "$C" "$R" >"$t/out" 2>"$t/err" || fail "terms cost failed: $(cat "$t/err")"
python3 "$G" "$R" --year 2024-25 --advance >"$t/y1.csv" || fail "compute.py failed"
python3 "$G" "$R" --year 2025-26 --advance >"$t/y2.csv" || fail "compute.py failed"
python3 - "$t" <<'PY' || exit 1
import csv, sys
from fractions import Fraction as F
t = sys.argv[1]
out = open(t + "/out").read()
def dollars(x):
    c = int(x * 100)
    return "${:,}.{:02d}".format(c // 100, c % 100)
years = [list(csv.DictReader(open(t + f"/y{i}.csv"))) for i in (1, 2)]
for line in ("regular_pay", "overtime_pay", "shift_pay", "longevity", "total"):
    want = [dollars(sum(F(r[line]) for r in y)) for y in years]
    got = [l.split() for l in out.splitlines() if l.split()[:1] == [line]]
    if not got or got[0][1:] != want:
        sys.exit(f"cost line {line}: want {want}, got {got}")
if "160 employees" not in out:
    sys.exit("headcount: " + out)
PY
