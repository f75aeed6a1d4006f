# terms disasm --opcodes lists every instruction of runtime/opcodes.h, in
# its order, with its operand count and its effect text, read here from the
# header itself.
set -u
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
"$TERMS" disasm --opcodes >"$t/out" || { echo "disasm --opcodes failed"; exit 1; }
sed -n 's/^ *OP(\([A-Z0-9_]*\), *\([0-9]*\), *-\{0,1\}[0-9]*, *"\(.*\)") *\\\{0,1\}$/\1|\2|\3/p' runtime/opcodes.h >"$t/want"
[ "$(wc -l <"$t/want")" -gt 40 ] || { echo "read too few opcodes from runtime/opcodes.h"; exit 1; }
tail -n +2 "$t/out" | sed 's/^\([A-Z0-9_]*\) *\([0-9]*\)  \(.*\)$/\1|\2|\3/' >"$t/got"
cmp -s "$t/want" "$t/got" || { echo "disasm --opcodes differs from opcodes.h:"; diff "$t/want" "$t/got" | head; exit 1; }
