# terms lsp: an editor's conversation, each answer checked exactly
# (tests/lsp/protocol.py), and every prefix of a contract answered, by
# line and by character (tests/lsp/prefixes.py).
set -u
fail() { echo "$*"; exit 1; }
python3 tests/lsp/protocol.py "$TERMS" || fail "tests/lsp/protocol.py"
python3 tests/lsp/prefixes.py "$TERMS" >/dev/null || fail "tests/lsp/prefixes.py: $(python3 tests/lsp/prefixes.py "$TERMS" | grep FAIL)"
"$TERMS" lsp --help | grep -q "usage: terms lsp" || fail "lsp --help"
"$TERMS" --help | grep -q "terms lsp " || fail "terms --help does not list lsp"
"$TERMS" lsp --bogus 2>/dev/null </dev/null; [ $? -eq 2 ] || fail "lsp --bogus: expected exit 2"
# the arguments an editor's client adds are accepted; the end of the input ends the server
"$TERMS" lsp --stdio </dev/null; [ $? -eq 1 ] || fail "lsp at the end of its input without shutdown: expected exit 1"
exit 0
