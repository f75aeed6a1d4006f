# `terms cost` of total compensation (docs/costing.md, "Total compensation"):
# the bundled contract with roll-up and a benefit, alone and as two
# proposals against a baseline, every figure compared with
# tests/golden/money/compensation.py, an independent implementation; a
# baseline that declares none; and `terms diff` on a changed share.
set -u
fail() { echo "$*"; exit 1; }
C=contracts-dsl/example-district-compensation.terms
R=contracts-dsl/example-district-roster.csv
PY=tests/golden/money/compensation.py
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
block() { sed -n "\\|^total compensation, $1: $2\$|,/^\$/p" | sed '/^$/d'; }

# the contract alone: its block, exactly
"$TERMS" cost $C $R --set 'lead_teacher=$1,200' >"$tmp/alone" || fail "terms cost failed: $(cat "$tmp/alone")"
python3 $PY $R 'lead_teacher=$1,200' >"$tmp/want" || fail "compensation.py failed"
block contract $C <"$tmp/alone" >"$tmp/got"
diff "$tmp/want" "$tmp/got" >"$tmp/diff" || fail "contract alone differs: $(cat "$tmp/diff")"

# two proposals against the contract as baseline: the second (the
# Association's) keeps the District's share of the premium at 85% in 2025-26
U=$tmp/union.terms
sed 's|^param employer_share = 85% / 82.5%|param employer_share = 85%|' $C >"$U"
grep -q '^param employer_share = 85%  ' "$U" || fail "sed did not change the share"
"$TERMS" cost $C "$U" $R --baseline $C --set 'lead_teacher=$1,200' --set "$U:lead_teacher=\$1,200" >"$tmp/both" ||
  fail "terms cost of two proposals failed: $(cat "$tmp/both")"
python3 $PY $R 'lead_teacher=$1,200' --share 85/85 --title proposal --path "$U" >"$tmp/want"
block proposal "$U" <"$tmp/both" >"$tmp/got"
diff "$tmp/want" "$tmp/got" >"$tmp/diff" || fail "the second proposal differs: $(cat "$tmp/diff")"
python3 $PY $R 'lead_teacher=$1,200' --title baseline >"$tmp/want"
sed -i "s|^total compensation, baseline: .*|total compensation, baseline: $C|" "$tmp/want"
block baseline $C <"$tmp/both" >"$tmp/got"
diff "$tmp/want" "$tmp/got" >"$tmp/diff" || fail "the baseline differs: $(cat "$tmp/diff")"
# the settlement: the first proposal is the baseline (no change); the
# second pays the health share's difference, which is all of its change
settle=$(sed -n '/^total compensation of the settlement/,/^$/p' "$tmp/both")
want=$(python3 - "$R" "$PY" <<'PY'
import subprocess, sys
def health(*more):
    out = subprocess.run([sys.executable, sys.argv[2], sys.argv[1], "lead_teacher=$1,200", *more], capture_output=True, text=True, check=True).stdout
    return [c for c in next(l for l in out.splitlines() if l.split()[0] == "health").split()[1:]]
def cents(s):
    return int(s.replace("$", "").replace(",", "").replace(".", ""))
a, b = health(), health("--share", "85/85")
d = [cents(y) - cents(x) for x, y in zip(a, b)]
print(" ".join("$0.00" if c == 0 else "+${:,}.{:02d}".format(c // 100, c % 100) for c in d))
PY
)
set -- $want
p2=$(printf '%s\n' "$settle" | sed -n "\|^proposal: $U|,\$p")
for row in benefits "total compensation"; do
  line=$(printf '%s\n' "$p2" | grep -E "^  $row  ") || fail "no $row row in: $p2"
  case $line in *" $1 "*" $2 "*" $3") ;; *) fail "$row: expected $* in: $line" ;; esac
done
line=$(printf '%s\n' "$p2" | grep -E "^  roll-up  ")
case $line in *'$0.00                  $0.00                  $0.00') ;; *) fail "roll-up changed: $line" ;; esac
p1=$(printf '%s\n' "$settle" | sed -n "\|^proposal: $C|,\|^proposal: $U|p")
line=$(printf '%s\n' "$p1" | grep -E "^  total compensation  ")
case $line in *'$0.00                  $0.00                  $0.00') ;; *) fail "the baseline against itself: $line" ;; esac

# the rows for another program: each figure, the percents exact
"$TERMS" cost $C $R --set 'lead_teacher=$1,200' --format csv >"$tmp/rows.csv" || fail "terms cost --format csv failed"
python3 $PY $R 'lead_teacher=$1,200' --rows | while IFS= read -r want; do
  grep -qxF "contract,$C,${want%%,*},$(printf '%s' "${want#*,}" | sed 's/,\([^,]*\)$/,,\1/')" "$tmp/rows.csv" ||
    { echo "no row for $want in: $(grep -v '^#' "$tmp/rows.csv" | tail -20)"; exit 1; }
done || exit 1
"$TERMS" cost $C $R --set 'lead_teacher=$1,200' --format jsonl | grep -q '"item":"total compensation","group":"","value":"36750197.33"' ||
  fail "no total compensation over the term in the JSON Lines rows"

# the web page and the workbook: the settlement's total compensation, the sheet
"$TERMS" cost $C "$U" $R --baseline $C --set 'lead_teacher=$1,200' --set "$U:lead_teacher=\$1,200" \
  --html "$tmp/r.html" --xlsx "$tmp/r.xlsx" >/dev/null || fail "terms cost --html --xlsx failed"
grep -q "<tr class=\"total\"><td data-name=\"total compensation\">Total compensation</td><td>\$0.00</td><td>$2</td><td class=\"all\">$3</td></tr>" "$tmp/r.html" ||
  fail "the page has no settlement in total compensation of $2 and $3"
# each roll-up and benefit sits under its part, indented
grep -q '<tr class="part under"><td data-name="social_security">' "$tmp/r.html" &&
  grep -q '<tr class="part"><td data-name="roll-up">' "$tmp/r.html" &&
  grep -q 'tr.under td:first-child { padding-left: 1.5em; }' "$tmp/r.html" || fail "the page does not set the roll-up's items under it"
python3 - "$tmp/r.xlsx" <<'PY' || fail "the workbook has no Total compensation sheet"
import re, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
names = re.findall(r'<sheet name="([^"]+)"', z.read("xl/workbook.xml").decode())
assert "Total compensation" in names, names
PY

# goal-seek on the total compensation: the District's share, the same in
# both years, within $36,000,000 over the term; both figures independently
out=$("$TERMS" solve $C $R --set 'lead_teacher=$1,200' --param employer_share --range '0.5..1' --figure compensation \
  --at-most '$36,000,000' --quiet) || fail "terms solve failed: $out"
for share in 69 69.1; do
  tc=$(python3 $PY $R 'lead_teacher=$1,200' --share "$share/$share" | grep '^  total compensation ' | awk '{print $NF}')
  value=$(printf '%s' "$share" | awk '{ v = $1 / 100; print (v == 0.69 ? "0.69" : "0.691") }')
  printf '%s\n' "$out" | grep -qF "employer_share = $value: total compensation $tc" || fail "solve at $value: expected $tc in: $out"
done

# solve's new usage errors, exactly
usage() { # WANT ARGS...
  want=$1; shift
  got=$("$TERMS" solve $C $R --param employer_share --range '0.5..1' "$@" 2>&1)
  [ $? -eq 2 ] || fail "expected exit 2 for $*"
  [ "$got" = "terms solve: $want
Try \`terms solve --help\`." ] || fail "for $*: $got"
}
usage 'the target `$5` is not a percent (5%)' --figure package --at-most '$5'
usage '--figure package is over the years costed, not --in one' --figure package --in 2025-26 --at-most 5%
usage '--figure compensation-settlement needs a --baseline to settle against' --figure compensation-settlement --at-most 5
usage '--figure is total, settlement, compensation, compensation-settlement or package, not `pay`' --figure pay --at-most 5

# a baseline that declares no roll-up or benefit: said, and no settlement in it
"$TERMS" cost $C $R --baseline contracts-dsl/example-district.terms --set 'lead_teacher=$1,200' >"$tmp/old" || fail "terms cost failed"
grep -qx '  contracts-dsl/example-district.terms declares no roll-up or benefit: no settlement in total compensation' "$tmp/old" ||
  fail "no note for a baseline without roll-up: $(sed -n '/^total compensation of/,$p' "$tmp/old")"

# a contract without any: no total compensation section
"$TERMS" cost contracts-dsl/example-district.terms $R --set 'lead_teacher=$1,200' >"$tmp/none" || fail "terms cost failed"
! grep -q 'total compensation' "$tmp/none" || fail "a contract without roll-up shows total compensation"

# the changed share is one change in terms
"$TERMS" diff $C "$U" >"$tmp/diff-out"
[ $? -eq 1 ] || fail "terms diff did not exit 1"
grep -q '1 change in terms' "$tmp/diff-out" || fail "expected one change: $(cat "$tmp/diff-out")"
grep -q 'changed param employer_share: 85% / 82.5% -> 85%' "$tmp/diff-out" || fail "the share's change: $(cat "$tmp/diff-out")"
exit 0
