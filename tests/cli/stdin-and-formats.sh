# `-` reads the roster from standard input; JSON Lines by extension or --format.
set -u
fail() { echo "$*"; exit 1; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
C=contracts-dsl/example-district.terms
head -n 4 contracts-dsl/example-district-roster.csv | "$TERMS" eval $C - --set 'lead_teacher=$1,200' >"$tmp/out" || fail "stdin roster failed"
head -n 4 tests/golden/example-district/expected-2024-25.csv | cmp -s - "$tmp/out" || fail "stdin roster: output differs"
"$TERMS" eval $C contracts-dsl/example-district-roster.csv --set 'lead_teacher=$1,200' -o "$tmp/out.jsonl" || fail "jsonl failed"
[ "$(wc -l <"$tmp/out.jsonl")" -eq 240 ] || fail "jsonl: expected 240 lines"
head -n 1 "$tmp/out.jsonl" | grep -q '^{"id":"T0001","name":"Eklund, Logan","lane":"BA","step":10,' || fail "jsonl: first line: $(head -n 1 "$tmp/out.jsonl")"
head -n 1 "$tmp/out.jsonl" | grep -q '"lead":false,' || fail "jsonl: yes/no as false"
"$TERMS" eval $C contracts-dsl/example-district-roster.csv --set 'lead_teacher=$1,200' --format jsonl | cmp -s - "$tmp/out.jsonl" || fail "--format jsonl differs from .jsonl"
python3 -c 'import json,sys; [json.loads(l) for l in open(sys.argv[1])]' "$tmp/out.jsonl" || fail "jsonl: not valid JSON"
exit 0
