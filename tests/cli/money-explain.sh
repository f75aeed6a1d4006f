# `terms explain` shows a figure weighted by an effective date with its
# parts and their weights, and last_year(x) with the year before's figure
# and its own explanation (tests/golden/money/money.terms).
set -u
fail() { echo "$*"; exit 1; }
dir=tests/golden/money
x() { "$TERMS" explain $dir/money.terms $dir/roster.csv --id A1 --year "$1" 2>&1; }
has() { printf '%s\n' "$1" | grep -qF -- "$2" || fail "expected '$2' in: $1"; }
out=$(x 2025-26)
has "$out" 'base = $40,881.095890… (exactly 2984320/73)'
has "$out" "salary = weighted by date  (schedule, weighted: 97 of 365 days at 2024-25's figures, 268 from 2025-10-06 at 2025-26's)"
has "$out" '  last_year(pay) in 2024-25 = $40,000.00'
has "$out" '    = round(base * fte)'
out=$(x 2026-27)
has "$out" 'stipend = $1,099.178082… (exactly 80240/73)  (param, weighted: 184 of 365 days at $1,000.00, 181 from 2027-01-01 at $1,200.00)'
out=$(x 2024-25)
has "$out" "last_year(pay) = pay  (the first contract year: as \`before the first year:\` says)"
"$TERMS" explain $dir/money.terms $dir/roster.csv --id A1 --year 2025-26 --format json | python3 -c 'import json,sys; json.load(sys.stdin)' ||
  fail "explain --format json is not JSON"
