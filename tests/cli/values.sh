# --values FILE fills a contract's blanks from a separate file.
set -u
fail() { echo "$*"; exit 1; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
cat >"$tmp/c.terms" <<'T'
years "Y1", "Y2"
enum Job: band, play
employee:
  id: text
  jobs: list of Job
param lead = $___
table stipend by Job
  band $___ / $110
  play $50
pay = lead + sum(stipend[j] for j in jobs)
output id, pay
T
printf '# ILLUSTRATIVE VALUES - NOT PART OF THE AGREEMENT\nparam lead = $1,000\ntable stipend by Job\n  band $100 / $110\n  play $50\n' >"$tmp/v.terms"
printf 'id,jobs\nA,band;play\nB,\n' >"$tmp/r.csv"
"$TERMS" eval "$tmp/c.terms" "$tmp/r.csv" --values "$tmp/v.terms" >"$tmp/out" 2>"$tmp/err" || fail "eval: $(cat "$tmp/err")"
# A: 1,000 + 100 + 50 = 1,150; B: 1,000
printf 'id,pay\nA,1150.00\nB,1000.00\n' | cmp -s - "$tmp/out" || fail "output: $(cat "$tmp/out")"
"$TERMS" eval "$tmp/c.terms" "$tmp/r.csv" --values "$tmp/v.terms" --year Y2 | grep -qx "A,1160.00" || fail "year 2"
"$TERMS" check --strict "$tmp/c.terms" --values "$tmp/v.terms" >/dev/null 2>&1 || fail "--strict with values should pass"
printf 'param leed = $5\n' >"$tmp/bad.terms"
"$TERMS" check "$tmp/c.terms" --values "$tmp/bad.terms" 2>"$tmp/err"
[ $? -eq 1 ] || fail "bad values: expected exit 1"
grep -qF "$tmp/bad.terms:1:7: error: the values file sets param \`leed\`, but the contract declares no param of that name" "$tmp/err" || fail "bad values: $(cat "$tmp/err")"
printf 'x = 5\n' >"$tmp/bad2.terms"
"$TERMS" check "$tmp/c.terms" --values "$tmp/bad2.terms" 2>"$tmp/err"
grep -q "a values file holds only param, table and schedule declarations" "$tmp/err" || fail "bad values 2: $(cat "$tmp/err")"
exit 0
