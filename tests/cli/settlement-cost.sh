# `terms cost` of the bundled settlement (contracts-dsl/example-district-
# settlement.terms: a 2% raise from 2025-10-06 and a one-time bonus on
# last year's salary) against the agreement: every line of the proposal,
# its recurring and one-time parts, and the baseline's total, compared with
# tests/golden/money/settlement.py, an independent implementation.
set -u
fail() { echo "$*"; exit 1; }
S=contracts-dsl/example-district-settlement.terms
B=contracts-dsl/example-district.terms
R=contracts-dsl/example-district-roster.csv
out=$("$TERMS" cost $S $R --baseline $B --set 'lead_teacher=$1,200') || fail "terms cost failed: $out"
proposal=$(printf '%s\n' "$out" | sed -n '/^proposal:/,/^baseline:/p')
baseline=$(printf '%s\n' "$out" | sed -n '/^baseline:/,/^cost of the settlement/p')
check() { # SECTION-TEXT NAME Y1 Y2
  label=$2
  [ "$2" = bonus ] && label="bonus (one-time)"
  line=$(printf '%s\n' "$1" | grep -E "^ +$(printf '%s' "$label" | sed 's/[()]/\\&/g') +\\$") || fail "no line $label in: $1"
  case $line in *"$3"*"$4"*) ;; *) fail "$label: expected $3 and $4 in: $line" ;; esac
}
python3 tests/golden/money/settlement.py $R 'lead_teacher=$1,200' >"${TMPDIR:-/tmp}/settlement.$$" || fail "settlement.py failed"
while read -r name y1 y2; do check "$proposal" "$name" "$y1" "$y2"; done <"${TMPDIR:-/tmp}/settlement.$$" || { rm -f "${TMPDIR:-/tmp}/settlement.$$"; exit 1; }
rm -f "${TMPDIR:-/tmp}/settlement.$$"
python3 tests/golden/money/settlement.py $R 'lead_teacher=$1,200' --baseline | while read -r name y1 y2; do check "$baseline" "$name" "$y1" "$y2"; done
