# `terms cost` on tests/golden/money/money.terms: last_year( ) reads the
# record each year had before `each year:` moved it on, a schedule year
# that takes effect on 2025-10-06 is weighed by days, and the one-time
# bonus is a line of its own and apart from what recurs.  Every figure is
# compared with compute.py's, an independent implementation in exact
# fractions.
set -u
fail() { echo "$*"; exit 1; }
dir=tests/golden/money
out=$("$TERMS" cost $dir/money.terms $dir/roster.csv) || fail "terms cost failed: $out"
python3 $dir/compute.py cost | while read -r name y1 y2 y3; do
  label=$name
  [ "$name" = bonus ] && label="bonus (one-time)"
  line=$(printf '%s\n' "$out" | grep -E "^ +$(printf '%s' "$label" | sed 's/[()]/\\&/g') +\\$") || fail "no line $label in: $out"
  for v in $y1 $y2 $y3; do
    dollars=$(printf '%s' "$v" | python3 -c 'import sys; s=sys.stdin.read(); w,c=s.split("."); print("${:,}.{}".format(int(w),c))')
    case $line in *"$dollars"*) ;; *) fail "$label: expected $dollars in: $line" ;; esac
  done
done || exit 1
# the lump sum paid late (retro( )) on its own line: the sum of compute.py's retro_pay column
out=$("$TERMS" cost $dir/periods.terms $dir/periods.csv --total pay) || fail "terms cost failed: $out"
want=$(python3 $dir/compute.py periods 2025-26 | python3 -c '
import csv, sys
from fractions import Fraction as F
t = sum(F(r["retro_pay"]) for r in csv.DictReader(sys.stdin))
c = int(t * 100)
print("${:,}.{:02d}".format(c // 100, c % 100))')
printf '%s\n' "$out" | grep -E '^ +paid late \(retro_pay\) +\$0\.00 +'"$(printf '%s' "$want" | sed 's/[$.]/\\&/g')"'$' >/dev/null ||
  fail "expected paid late (retro_pay) $want in: $out"
