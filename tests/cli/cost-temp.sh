# Costing keeps each employee's figures in a temporary file in $TMPDIR:
# when it cannot be made, cost and diff --roster stop with a message that
# names the folder, and leave no output behind, not even a part of one.
set -u
fail() { echo "$*"; exit 1; }
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
ED=contracts-dsl/example-district
msg="cannot make a temporary file in $t/missing for the employees' figures: No such file or directory (TMPDIR names the folder)"

TMPDIR=$t/missing "$TERMS" cost $ED-proposal.terms $ED-roster.csv --baseline $ED.terms --set 'lead_teacher=$1,200' \
  --html "$t/r.html" --xlsx "$t/r.xlsx" --employees "$t/e.csv" >"$t/out" 2>"$t/err"
got=$?
[ $got -eq 1 ] || fail "cost: exit $got, expected 1"
printf 'terms cost: %s\n' "$msg" | cmp -s - "$t/err" || fail "cost: stderr was: $(cat "$t/err")"
[ ! -s "$t/out" ] || fail "cost: printed a report: $(head -n 3 "$t/out")"
left=$(cd "$t" && ls -A | grep -v '^out$\|^err$')
[ -z "$left" ] || fail "cost: left $left"

TMPDIR=$t/missing "$TERMS" diff $ED.terms $ED-proposal.terms --roster $ED-roster.csv >"$t/out" 2>"$t/err"
got=$?
[ $got -eq 2 ] || fail "diff --roster: exit $got, expected 2"
printf 'terms diff: %s\n' "$msg" | cmp -s - "$t/err" || fail "diff: stderr was: $(cat "$t/err")"
exit 0
