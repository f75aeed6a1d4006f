# `-` reads the roster from standard input; JSON Lines by extension (in any
# case) or --format; .json, which names one JSON value, needs --format.
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
for name in out.JSONL out.Ndjson; do
  "$TERMS" eval $C contracts-dsl/example-district-roster.csv --set 'lead_teacher=$1,200' -o "$tmp/$name" || fail "$name failed"
  cmp -s "$tmp/$name" "$tmp/out.jsonl" || fail "$name: not JSON Lines: $(head -n 1 "$tmp/$name")"
done
"$TERMS" eval $C contracts-dsl/example-district-roster.csv --set 'lead_teacher=$1,200' -o "$tmp/out.CSV" || fail "out.CSV failed"
head -n 1 "$tmp/out.CSV" | grep -q '^id,name,' || fail "out.CSV: $(head -n 1 "$tmp/out.CSV")"
"$TERMS" eval $C contracts-dsl/example-district-roster.csv -o "$tmp/out.Json" 2>"$tmp/err"
[ $? -eq 2 ] || fail ".json: expected exit 2"
printf 'terms eval: -o %s/out.Json: a .json file is expected to hold one JSON value, but eval writes JSON Lines (one object per line): name the file %s/out.jsonl, or give --format jsonl to write JSON Lines to it all the same\nTry `terms eval --help`.\n' "$tmp" "$tmp" >"$tmp/want"
cmp -s "$tmp/want" "$tmp/err" || fail ".json: $(cat "$tmp/err")"
[ ! -e "$tmp/out.Json" ] || fail ".json: written"
"$TERMS" eval $C contracts-dsl/example-district-roster.csv --set 'lead_teacher=$1,200' --format jsonl -o "$tmp/out.json" || fail "--format jsonl -o out.json failed"
cmp -s "$tmp/out.json" "$tmp/out.jsonl" || fail "--format jsonl -o out.json differs"
exit 0
