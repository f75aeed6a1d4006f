# A roster given where the contract goes, or a contract where the roster
# goes, is named for what it looks like (exit 2), by its first line or, if
# that says nothing, by its name; not parsed as the wrong thing.
set -u
fail() { echo "$*"; exit 1; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
C=tests/bad/rosters/contract.terms
R=tests/bad/rosters/header-only.csv
# expect STATUS MESSAGE terms ARGS...: the exit status and the whole of standard error
expect() {
  status=$1 msg=$2; shift 2
  "$TERMS" "$@" >"$tmp/out" 2>"$tmp/err"
  got=$?
  [ $got -eq "$status" ] || fail "terms $*: exit $got, expected $status: $(cat "$tmp/err")"
  printf '%s\n' "$msg" | cmp -s - "$tmp/err" || fail "terms $*: $(cat "$tmp/err")"
}
expect 2 "terms eval: \`$R\` looks like a roster, not a contract (terms eval CONTRACT.terms ROSTER.csv)
Try \`terms eval --help\`." eval $R $C
expect 2 "terms eval: \`$C\` looks like a contract, not a roster (terms eval CONTRACT.terms ROSTER.csv)
Try \`terms eval --help\`." eval $C $C
expect 2 "terms explain: \`$R\` looks like a roster, not a contract (terms explain CONTRACT.terms ROSTER.csv)
Try \`terms explain --help\`." explain $R $C --id T1
expect 2 "terms cost: \`$C\` looks like a contract, not a roster (terms cost CONTRACT.terms ROSTER.csv)
Try \`terms cost --help\`." cost $C $C
expect 2 "terms diff: \`$C\` looks like a contract, not a roster (terms diff OLD.terms NEW.terms --roster ROSTER.csv)
Try \`terms diff --help\`." diff $C $C --roster $C
# by the first line, whatever the name
cp $C "$tmp/contract.txt"; cp $R "$tmp/roster.txt"
expect 2 "terms eval: \`$tmp/contract.txt\` looks like a contract, not a roster (terms eval CONTRACT.terms ROSTER.csv)
Try \`terms eval --help\`." eval $C "$tmp/contract.txt"
expect 2 "terms eval: \`$tmp/roster.txt\` looks like a roster, not a contract (terms eval CONTRACT.terms ROSTER.csv)
Try \`terms eval --help\`." eval "$tmp/roster.txt" $C
# the right way round, with names that say nothing, works; so does a pipe
cp $C "$tmp/c"; cp $R "$tmp/r"
"$TERMS" eval "$tmp/c" "$tmp/r" >"$tmp/out" || fail "plain names: failed"
"$TERMS" eval $C - <$R >"$tmp/out" || fail "roster on standard input: failed"
exit 0
