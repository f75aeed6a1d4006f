# A row that needs blanks fails with every blank it needs named, each with
# the definition that needs it, and how to give it a value.  (The closing
# "terms: N of M rows failed" line is eval's, not checked here.)
set -u
fail() { echo "$*"; exit 1; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
cat >"$tmp/c.terms" <<'T'
years "Y1", "Y2"
enum Lane: BA, MA
enum Job: band, play, chess
employee:
  id: text
  lane: Lane
  step: integer 1 to 2
  jobs: list of Job
param lead = $___
param points = ___
table stipend by Job
  band $___ / $110
  play $50
  chess $___
schedule pay by step, lane
  step BA MA
  1 $100 $___
  2 $110 $210
base = pay[step, lane]
extra = sum(stipend[j] for j in jobs) + lead
x = base + extra * points
output id, x
T
printf 'id,lane,step,jobs\nA,MA,1,band;play;chess\nB,BA,2,play\n' >"$tmp/r.csv"
"$TERMS" eval "$tmp/c.terms" "$tmp/r.csv" >/dev/null 2>"$tmp/err"
[ $? -eq 1 ] || fail "expected exit 1"
cat >"$tmp/want" <<T
$tmp/r.csv:2: row 1 (id A): error: \`base\` needs pay[1, MA]; \`extra\` needs stipend[band], stipend[chess] and param \`lead\`; \`x\` needs param \`points\`. All are blank: give them values with --set 'lead=\$…' --set 'points=…' or --values FILE
$tmp/r.csv:3: row 2 (id B): error: \`extra\` needs param \`lead\`; \`x\` needs param \`points\`. All are blank: give them values with --set 'lead=\$…' --set 'points=…' or --values FILE
T
grep -v '^terms: ' "$tmp/err" | cmp -s "$tmp/want" - || fail "all blanks: $(diff "$tmp/want" "$tmp/err")"
# the params set, the cells remain; then one node, one blank
"$TERMS" eval "$tmp/c.terms" "$tmp/r.csv" --set 'lead=$1' --set points=2 --year Y2 >/dev/null 2>"$tmp/err"
cat >"$tmp/want" <<T
$tmp/r.csv:2: row 1 (id A): error: \`base\` needs pay[1, MA]; \`extra\` needs stipend[chess]. All are blank: give them values with --values FILE
T
grep -v '^terms: ' "$tmp/err" | cmp -s "$tmp/want" - || fail "cells: $(diff "$tmp/want" "$tmp/err")"
printf 'id,lane,step,jobs\nC,BA,2,chess\n' >"$tmp/r2.csv"
"$TERMS" eval "$tmp/c.terms" "$tmp/r2.csv" --set 'lead=$1' --set points=2 >/dev/null 2>"$tmp/err"
cat >"$tmp/want" <<T
$tmp/r2.csv:2: row 1 (id C): error: \`extra\` needs stipend[chess], which is blank; give it a value with --values FILE
T
grep -v '^terms: ' "$tmp/err" | cmp -s "$tmp/want" - || fail "one cell: $(diff "$tmp/want" "$tmp/err")"
exit 0
