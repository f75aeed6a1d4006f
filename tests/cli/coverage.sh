# --coverage: `terms test` lists what no example reaches and `terms eval`
# what no employee does, at each item's line, with the share covered.  A
# purpose-made contract whose report is worked out by hand, the bundled
# contracts, --jobs, a run that stops, a blank, and the option misused.
set -u
fail() { echo "$*"; exit 1; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
cat >"$tmp/cov.terms" <<'T'
contract "Coverage check"
years "2024-25", "2025-26"
enum Lane: BA, MA
employee:
  id: text
  step: integer 1 to 4
  lane: Lane
  years: integer
schedule salary by step, lane
  "2024-25":
    step  BA       MA
    1     $40,000  $44,000
    2     $41,000  $45,000
    3     $42,000  $46,000
    4     $43,000  $47,000
  "2025-26":
    step  BA       MA
    1     $41,000  $45,000
    2     $42,000  $46,000
    3     $43,000  $47,000
    4     $44,000  $48,000
table lane_bonus by Lane
  BA  $0
  MA  $500 / $600
base = salary[step, lane]
stipend = if years >= 20 then $2,000 else if years >= 10 then $1,000 else $0
longevity: at most one
longevity I  when years in 10..19 add $700
longevity II when years >= 20     add $1,400
total = base + lane_bonus[lane] + stipend + longevity
output id, total
example "a new BA teacher":
  given step = 1, lane = BA, years = 0
  expect total = $40,000 in "2024-25", total = $41,000 in "2025-26"
example "an MA teacher with twelve years":
  given step = 3, lane = MA, years = 12
  expect total = $48,200 in "2024-25"
T
# By hand: the first example reads step 1 BA in both years and takes the
# last `else` ($0); the second, only in 2024-25 (its one expect), reads
# step 3 MA and the MA bonus, takes `then $1,000` and longevity I.  So of
# 8 rows (4 a year) 3 are read, of 4 entries 3, 2 of 3 branches, 1 of 2
# rules, and base, stipend and total are computed: 12 of 20.
"$TERMS" test --coverage "$tmp/cov.terms" >"$tmp/out" 2>"$tmp/err" || fail "test --coverage exited $?: $(cat "$tmp/err")"
cat >"$tmp/want" <<W
$tmp/cov.terms:13:5: salary rows step 2 and 4 are never looked up in "2024-25"
$tmp/cov.terms:19:5: salary rows step 2 to 4 are never looked up in "2025-26"
$tmp/cov.terms:24:3: lane_bonus row MA is never looked up in "2025-26"
$tmp/cov.terms:26:31: the \`then\` branch of \`if years >= 20\` is never taken
$tmp/cov.terms:29:1: rule \`longevity II\` never applies
$tmp/cov.terms: coverage: 12 of 20 (60%): rules 1/2, branches 2/3, definitions 3/3, schedule rows 3/8, table entries 3/4
2 passed, 0 failed
W
diff "$tmp/want" "$tmp/out" >"$tmp/diff" || fail "test --coverage: $(cat "$tmp/diff")"
# without --coverage, only the examples' summary
"$TERMS" test "$tmp/cov.terms" >"$tmp/out" || fail "test exited $?"
[ "$(cat "$tmp/out")" = "2 passed, 0 failed" ] || fail "test without --coverage: $(cat "$tmp/out")"

# eval over a roster, 2025-26: A (step 1 BA, 0 years) and B (step 4 MA,
# 25 years): rows 2 and 3, `then $1,000` and longevity I never reached;
# both entries are: 10 of 14.  On one job and on three, the same report,
# and the rows written are those of a run without --coverage.
printf 'id,step,lane,years\nA,1,BA,0\nB,4,MA,25\n' >"$tmp/cov.csv"
cat >"$tmp/want" <<W
$tmp/cov.terms:19:5: salary rows step 2 and 3 are never looked up in "2025-26"
$tmp/cov.terms:26:63: the \`then\` branch of \`if years >= 10\` is never taken
$tmp/cov.terms:28:1: rule \`longevity I\` never applies
$tmp/cov.terms: coverage: 10 of 14 (71%): rules 1/2, branches 2/3, definitions 3/3, schedule rows 2/4, table entries 2/2
W
"$TERMS" eval "$tmp/cov.terms" "$tmp/cov.csv" --year 2 >"$tmp/plain.csv" || fail "eval exited $?"
for jobs in 1 3; do
  "$TERMS" eval --coverage "$tmp/cov.terms" "$tmp/cov.csv" --year 2 --jobs $jobs >"$tmp/out" 2>"$tmp/err" || fail "eval --coverage --jobs $jobs exited $?"
  diff "$tmp/want" "$tmp/err" >"$tmp/diff" || fail "eval --coverage --jobs $jobs: $(cat "$tmp/diff")"
  cmp -s "$tmp/plain.csv" "$tmp/out" || fail "eval --coverage --jobs $jobs changed the rows: $(cat "$tmp/out")"
done

# the bundled contracts: every example still passes, and the shares
"$TERMS" test --coverage contracts-dsl/example-district.terms >"$tmp/out" || fail "example district: test exited $?"
grep -qx "contracts-dsl/example-district.terms: coverage: 44 of 69 (63%): rules 12/12, branches 6/6, definitions 13/13, schedule rows 7/26, table entries 6/12" "$tmp/out" ||
  fail "example district, test: $(cat "$tmp/out")"
grep -qx 'contracts-dsl/example-district.terms:91:3: stipend rows play_director, debate and dept_chair are never looked up in any year' "$tmp/out" ||
  fail "example district, test: the stipends: $(cat "$tmp/out")"
grep -qx "11 passed, 0 failed" "$tmp/out" || fail "example district, test: $(cat "$tmp/out")"
"$TERMS" test --coverage contracts-dsl/isd622-2017-2019.terms --values contracts-dsl/isd622-illustrative-values.terms >"$tmp/out" ||
  fail "isd622: test exited $?"
grep -qx "contracts-dsl/isd622-2017-2019.terms: coverage: 121 of 298 (40%): rules 21/21, branches 27/43, definitions 39/50, schedule rows 0/26, table entries 34/158" "$tmp/out" ||
  fail "isd622, test: $(tail -2 "$tmp/out")"
# a schedule from the values file is reported at its line there
grep -qx 'contracts-dsl/isd622-illustrative-values.terms:22:5: salary rows step 0 to 12 are never looked up in "2017-18"' "$tmp/out" ||
  fail "isd622, test: the salary rows: $(grep salary "$tmp/out")"
# the example roster reaches everything in 2025-26 but the `then` of the
# year test; its figures are the golden ones
for jobs in 1 4; do
  "$TERMS" eval --coverage contracts-dsl/example-district.terms contracts-dsl/example-district-roster.csv --year 2025-26 \
    --set 'lead_teacher=$1,200' --jobs $jobs >"$tmp/out" 2>"$tmp/err" || fail "example district, eval --jobs $jobs exited $?"
  cmp -s "$tmp/out" tests/golden/example-district/expected-2025-26.csv || fail "example district, eval --jobs $jobs: figures differ"
  cat >"$tmp/want" <<'W'
contracts-dsl/example-district.terms:129:45: the `then` branch of `if contract_year = 1` is never taken
contracts-dsl/example-district.terms: coverage: 49 of 50 (98%): rules 12/12, branches 5/6, definitions 13/13, schedule rows 13/13, table entries 6/6
W
  diff "$tmp/want" "$tmp/err" >"$tmp/diff" || fail "example district, eval --jobs $jobs: $(cat "$tmp/diff")"
  "$TERMS" eval --coverage contracts-dsl/isd622-2017-2019.terms contracts-dsl/isd622-roster.csv \
    --values contracts-dsl/isd622-illustrative-values.terms --jobs $jobs >/dev/null 2>"$tmp/err" || fail "isd622, eval --jobs $jobs exited $?"
  grep -qx "contracts-dsl/isd622-2017-2019.terms: coverage: 196 of 206 (95%): rules 21/21, branches 41/43, definitions 50/50, schedule rows 12/13, table entries 72/79" "$tmp/err" ||
    fail "isd622, eval --jobs $jobs: $(cat "$tmp/err")"
done

# a run stopped by a bad row reports no coverage, and says so
printf 'id,step,lane,years\nA,1,BA,0\nB,9,MA,25\nC,2,BA,3\n' >"$tmp/bad.csv"
"$TERMS" eval --coverage "$tmp/cov.terms" "$tmp/bad.csv" >/dev/null 2>"$tmp/err"
[ $? -eq 1 ] || fail "bad row: expected exit 1"
grep -qx "terms: no coverage report: the run stopped before the end of the roster" "$tmp/err" || fail "bad row: $(cat "$tmp/err")"
grep -q "coverage:" "$tmp/err" && fail "bad row: a report all the same: $(cat "$tmp/err")"

# a row that fails on a blank param reaches neither branch of the `if`
# that needs it, though the search for every blank it needs takes it as 0
cat >"$tmp/blank.terms" <<'T'
employee:
  id: text
param bonus = $___
pay = if bonus > $0 then bonus else $100
output id, pay
T
printf 'id\nA\n' >"$tmp/blank.csv"
"$TERMS" eval --coverage "$tmp/blank.terms" "$tmp/blank.csv" >/dev/null 2>"$tmp/err"
grep -q "\`pay\` needs param \`bonus\`" "$tmp/err" || fail "blank: $(cat "$tmp/err")"
grep -qx "$tmp/blank.terms:4:26: the \`then\` branch of \`if bonus > \$0\` is never taken" "$tmp/err" || fail "blank: $(cat "$tmp/err")"
grep -qx "$tmp/blank.terms:4:37: the \`else\` branch of \`if bonus > \$0\` is never taken" "$tmp/err" || fail "blank: $(cat "$tmp/err")"
grep -qx "$tmp/blank.terms: coverage: 1 of 3 (33%): branches 0/2, definitions 1/1" "$tmp/err" || fail "blank: $(cat "$tmp/err")"

# a contract without examples covers nothing
printf 'employee:\n  id: text\n  pay: money\nhalf = pay / 2\noutput id, half\n' >"$tmp/none.terms"
"$TERMS" test --coverage "$tmp/none.terms" >"$tmp/out" || fail "no examples: exited $?"
grep -qx "$tmp/none.terms: coverage: no examples, so nothing is covered" "$tmp/out" || fail "no examples: $(cat "$tmp/out")"

# --coverage takes no value
"$TERMS" test --coverage=report.txt "$tmp/cov.terms" >/dev/null 2>"$tmp/err"
[ $? -eq 2 ] || fail "test --coverage=FILE: expected exit 2"
grep -qx "terms test: --coverage takes no value (\`--coverage=report.txt\`): the report goes to standard output" "$tmp/err" ||
  fail "test --coverage=FILE: $(cat "$tmp/err")"
"$TERMS" eval --coverage=report.txt "$tmp/cov.terms" "$tmp/cov.csv" >/dev/null 2>"$tmp/err"
[ $? -eq 2 ] || fail "eval --coverage=FILE: expected exit 2"
grep -qx "terms eval: --coverage takes no value (\`--coverage=report.txt\`): the report goes to standard error" "$tmp/err" ||
  fail "eval --coverage=FILE: $(cat "$tmp/err")"
[ -e report.txt ] && fail "eval --coverage=FILE wrote report.txt"
exit 0
