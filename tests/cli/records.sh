# Records per employee (docs/language.md, "Records per employee"): cost,
# diff --roster and explain read the records file --records names, as eval
# does; --jobs is refused with it; diff names a changed record field; the
# commands that take --records say so in their help.
set -u
fail() { echo "$*"; exit 1; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
c=contracts-dsl/example-sessions.terms
r=contracts-dsl/example-sessions-roster.csv
s=contracts-dsl/example-sessions-sessions.csv

# cost: 200.40 + 302.68 + 0 + 250.00 = 753.08 (tests/golden/example-sessions)
"$TERMS" cost "$c" "$r" --records sessions="$s" >"$tmp/out" 2>&1 || fail "cost: $(cat "$tmp/out")"
grep -q 'total  *\$753.08' "$tmp/out" || fail "cost total: $(cat "$tmp/out")"
"$TERMS" cost "$c" "$r" >"$tmp/out" 2>&1 && fail "cost without --records succeeded"
grep -q "give it with --records sessions=FILE.csv" "$tmp/out" || fail "cost without --records: $(cat "$tmp/out")"

# diff --roster: a cap of 300 minutes pays C001's 300-minute lesson in full
# (+$32.00) and C004's 241-minute session for 241 (+$0.50)
sed 's/^param daily_cap_minutes   = 240/param daily_cap_minutes   = 300/' "$c" >"$tmp/new.terms"
"$TERMS" diff "$c" "$tmp/new.terms" --roster "$r" --records sessions="$s" >"$tmp/out" 2>&1 # 1: they differ
grep -q 'total  *\$753.08  *\$785.58  *+\$32.50' "$tmp/out" || fail "diff --roster: $(cat "$tmp/out")"

# diff names a record field that changed
sed 's/^  minutes:  integer 0 to 600/  minutes:  integer 0 to 720/' "$c" >"$tmp/wider.terms"
"$TERMS" diff "$c" "$tmp/wider.terms" >"$tmp/out" 2>&1
grep -q 'changed record field session.minutes: integer 0 to 600 -> integer 0 to 720' "$tmp/out" || fail "diff: $(cat "$tmp/out")"

# --jobs and --records together are refused, before anything is read
"$TERMS" eval --jobs 2 "$c" "$r" --records sessions="$s" >"$tmp/out" 2>"$tmp/err"
[ $? -eq 2 ] || fail "--jobs with --records: expected exit 2"
grep -q -- "--jobs cannot be combined with --records" "$tmp/err" || fail "--jobs with --records: $(cat "$tmp/err")"
"$TERMS" eval "$c" "$r" --records sessions >"$tmp/out" 2>"$tmp/err"
[ $? -eq 2 ] || fail "--records without =FILE: expected exit 2"
"$TERMS" eval "$c" "$r" --records sessions="$s" --records sessions="$s" >"$tmp/out" 2>"$tmp/err"
grep -q -- "--records sessions is given twice" "$tmp/err" || fail "--records twice: $(cat "$tmp/err")"

# check --columns lists the records file's columns after the roster's
"$TERMS" check --columns "$c" >"$tmp/out" 2>&1 || fail "check --columns: $(cat "$tmp/out")"
grep -q '^columns the sessions file (--records sessions=FILE) must have: id, date, minutes$' "$tmp/out" ||
  fail "check --columns: $(cat "$tmp/out")"
grep -q '^  travel = \$0.00 (an empty cell too)$' "$tmp/out" || fail "check --columns: $(cat "$tmp/out")"

for cmd in eval cost explain diff; do
  "$TERMS" "$cmd" --help | grep -q -- "--records NAME=FILE" || fail "$cmd --help does not mention --records"
done
exit 0
