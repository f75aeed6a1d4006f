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

# --set and --values on the command line: each mistake named, nothing else printed
printf 'param n = 3\nparam d = 0.5\nparam m = $1\nout = n * d * m\n' >"$tmp/p.terms"
cat "$tmp/c.terms" | sed 's/^output id, pay$/output id, pay, out/' >>"$tmp/p.terms"
says() { # EXPECTED-STATUS EXPECTED-STDERR ARGS...
  want=$1 msg=$2; shift 2
  "$TERMS" "$@" >"$tmp/out" 2>"$tmp/err" </dev/null
  got=$?
  [ $got -eq "$want" ] || fail "$*: exit $got, expected $want: $(cat "$tmp/err")"
  printf '%s\n' "$msg" | cmp -s - "$tmp/err" || fail "$*: said: $(cat "$tmp/err")"
}
says 2 "terms: --set \"=1\" has no name: --set needs NAME=VALUE, as in --set 'lead_teacher=\$1,200'" \
  eval "$tmp/c.terms" "$tmp/r.csv" --set =1
says 2 'terms: --set n: "9223372036854775807" is too large: the largest whole number the language allows is 10^18' \
  eval "$tmp/p.terms" "$tmp/r.csv" --set n=9223372036854775807
says 2 'terms: --set d: "0.0000000000000000001" has 19 decimal places; the language allows at most 18' \
  eval "$tmp/p.terms" "$tmp/r.csv" --set d=0.0000000000000000001
says 2 'terms: --set d is given twice (d=1 and d=2): give each param one value' \
  eval "$tmp/p.terms" "$tmp/r.csv" --set d=1 --set d=2
says 1 "terms: cannot read $tmp/none.terms: No such file or directory" eval "$tmp/c.terms" "$tmp/r.csv" --values "$tmp/none.terms"
says 1 "terms: cannot read $tmp: Is a directory" check "$tmp/c.terms" --values "$tmp"
says 2 "terms eval: the roster and --values cannot both come from standard input
Try \`terms eval --help\`." eval "$tmp/c.terms" - --values -
says 1 "terms: the contract and --values cannot both come from standard input" check - --values -

# a decimal param given a whole number in a values file stays a decimal, as --set d=2 leaves it
printf 'example "d is a decimal":\n  given d = 2.5, m = $2\n  expect out = $15\n' >>"$tmp/p.terms"
printf 'param d = 2\n' >"$tmp/d.terms"
"$TERMS" check "$tmp/p.terms" --values "$tmp/d.terms" >"$tmp/out" 2>"$tmp/err" || fail "d = 2: $(cat "$tmp/err")"
exit 0
