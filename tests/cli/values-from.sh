# --values and `from` dates: a values file's param, table or schedule year
# written without `from` keeps the contract's date; one written with
# `from` moves it (docs/language.md, Values kept apart: Dates).
set -u
fail() { echo "$*"; exit 1; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
cat >"$tmp/c.terms" <<'TERMS'
term 2024-07-01 to 2026-06-30
years "2024-25", "2025-26"
enum Lane: BA
enum Role: nurse
employee:
  id: text
  lane: Lane
  step: integer 1 to 1
  role: Role
param stipend = $1,000 / $1,365 from 2025-10-06
table extra by Role from 2025-10-06
  nurse  $1,000 / $1,365
schedule salary by step, lane
  "2024-25":
    step  BA
    1     $40,000
  "2025-26" from 2025-10-06:
    step  BA
    1     $41,200
s = stipend
t = extra[role]
pay = salary[step, lane]
output id, s, t, pay
TERMS
printf 'id,lane,step,role\nA,BA,1,nurse\n' >"$tmp/r.csv"
# the contract's date: 97 days at the old figure, 268 at the new
cat >"$tmp/kept.terms" <<'TERMS'
param stipend = $1,000 / $1,730
table extra by Role
  nurse  $1,000 / $1,730
schedule salary by step, lane
  "2024-25":
    step  BA
    1     $40,000
  "2025-26":
    step  BA
    1     $41,825
TERMS
"$TERMS" eval "$tmp/c.terms" "$tmp/r.csv" --year 2025-26 --values "$tmp/kept.terms" -o - >"$tmp/out" 2>"$tmp/err" ||
  fail "kept: $(cat "$tmp/err")"
# stipend and extra: (97 x 1,000 + 268 x 1,730) / 365 = 1,536
# salary: (97 x 40,000 + 268 x 41,825) / 365 = 41,340
grep -qx 'A,1536.00,1536.00,41340.00' "$tmp/out" || fail "values without from keep the contract's date: $(cat "$tmp/out")"
# the values file's own date: 184 days (July 1 to December 31) old, 181 new
cat >"$tmp/moved.terms" <<'TERMS'
param stipend = $1,000 / $1,730 from 2026-01-01
table extra by Role from 2026-01-01
  nurse  $1,000 / $1,730
schedule salary by step, lane
  "2024-25":
    step  BA
    1     $40,000
  "2025-26" from 2026-01-01:
    step  BA
    1     $41,825
TERMS
"$TERMS" eval "$tmp/c.terms" "$tmp/r.csv" --year 2025-26 --values "$tmp/moved.terms" -o - >"$tmp/out" 2>"$tmp/err" ||
  fail "moved: $(cat "$tmp/err")"
# (184 x 1,000 + 181 x 1,730) / 365 = 1,362; (184 x 40,000 + 181 x 41,825) / 365 = 40,905
grep -qx 'A,1362.00,1362.00,40905.00' "$tmp/out" || fail "values with from move the date: $(cat "$tmp/out")"
# a values file's date is checked, at its own line
printf 'param stipend = $1,000 / $1,730 from 2030-01-01\n' >"$tmp/bad.terms"
"$TERMS" check "$tmp/c.terms" --values "$tmp/bad.terms" >/dev/null 2>"$tmp/err" && fail "a date outside the term passed"
grep -q "^$tmp/bad.terms:1:" "$tmp/err" || fail "bad date: $(cat "$tmp/err")"
exit 0
