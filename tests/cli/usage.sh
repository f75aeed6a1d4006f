# Command-line mistakes exit 2 with a message; --help exits 0.
set -u
fail() { echo "$*"; exit 1; }
TMPDIR_T=$(mktemp -d); trap 'rm -rf "$TMPDIR_T"' EXIT
"$TERMS" >/dev/null 2>&1; [ $? -eq 2 ] || fail "no command: expected exit 2"
"$TERMS" frobnicate 2>"$TMPDIR_T/err"; [ $? -eq 2 ] || fail "unknown command: expected exit 2"
grep -q "unknown command \`frobnicate\`" "$TMPDIR_T/err" || fail "unknown command: no message"
"$TERMS" eval contracts-dsl/example-district.terms 2>"$TMPDIR_T/err"; [ $? -eq 2 ] || fail "eval with one file: expected exit 2"
grep -q "give a contract file and a roster file" "$TMPDIR_T/err" || fail "eval with one file: no message"
"$TERMS" eval --bogus a b 2>"$TMPDIR_T/err"; [ $? -eq 2 ] || fail "unknown option: expected exit 2"
grep -q "unknown option or missing value: \`--bogus\`" "$TMPDIR_T/err" || fail "unknown option: no message"
"$TERMS" eval --format xml a b 2>"$TMPDIR_T/err"; [ $? -eq 2 ] || fail "--format xml: expected exit 2"
"$TERMS" eval contracts-dsl/example-district.terms contracts-dsl/example-district-roster.csv --year 2031-32 2>"$TMPDIR_T/err"
[ $? -eq 2 ] || fail "--year 2031-32: expected exit 2"
grep -q 'the contract.s years are "2024-25", "2025-26", or 1 to 2' "$TMPDIR_T/err" || fail "--year: no message"
"$TERMS" eval contracts-dsl/example-district.terms contracts-dsl/example-district-roster.csv --set nope=1 2>"$TMPDIR_T/err"
[ $? -eq 2 ] || fail "--set nope: expected exit 2"
grep -q "the contract has no param of that name" "$TMPDIR_T/err" || fail "--set nope: no message"
"$TERMS" eval contracts-dsl/example-district.terms contracts-dsl/example-district-roster.csv --set 'lead_teacher=12 dollars' 2>"$TMPDIR_T/err"
[ $? -eq 2 ] || fail "--set bad value: expected exit 2"
grep -q 'is not an amount' "$TMPDIR_T/err" || fail "--set bad value: no message"
"$TERMS" --help | grep -q "usage: terms COMMAND" || fail "--help"
for c in check eval test disasm; do
  "$TERMS" $c --help | grep -q "usage: terms $c" || fail "$c --help"
done
"$TERMS" check no/such/file.terms 2>"$TMPDIR_T/err"; [ $? -eq 1 ] || fail "missing file: expected exit 1"
grep -q "cannot read no/such/file.terms" "$TMPDIR_T/err" || fail "missing file: no message"
exit 0
