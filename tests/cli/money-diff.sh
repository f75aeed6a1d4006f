# `terms diff` names a changed effective date, a definition made recurring
# or one-time and a changed `before the first year:` value, and prices a
# moved date with --roster (tests/golden/money).
set -u
fail() { echo "$*"; exit 1; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
dir=tests/golden/money
sed -e 's/"2025-26" from 2025-10-06:/"2025-26" from 2025-11-03:/' -e 's/^one-time bonus/bonus/' \
    -e 's/before the first year: pay = pay/before the first year: pay = base/' $dir/money.terms >"$tmp/new.terms"
out=$("$TERMS" diff $dir/money.terms "$tmp/new.terms")
[ $? -eq 1 ] || fail "diff should exit 1: $out"
has() { printf '%s\n' "$1" | grep -qF -- "$2" || fail "expected '$2' in: $1"; }
has "$out" '3 changes in terms'
has "$out" 'changed schedule salary in "2025-26", effective date: from 2025-10-06 -> from 2025-11-03'
has "$out" 'changed definition bonus: one-time -> recurring'
has "$out" 'changed definition last_year(pay) in the first year: pay -> base'
# the raise paid from the year's first day instead of 2025-10-06 (19 of 26 pay periods):
# P1 50,000 x 1.03 = 51,500.00 against 51,096.15; P2 61,234.56 x 1.03 = 63,071.5968 -> 63,071.60 against 62,577.01
sed -e 's/0.03 from 2025-10-06/0.03/' $dir/periods.terms >"$tmp/p.terms"
out=$("$TERMS" diff $dir/periods.terms "$tmp/p.terms" --roster $dir/periods.csv --year 2025-26 --total pay)
has "$out" "changed param raise, effective date: from 2025-10-06 -> from the year's first day"
has "$out" '+$898.44'
has "$out" 'P1                     $51,096.15 ->       $51,500.00          +$403.85'
