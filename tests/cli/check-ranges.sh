# `check` lines on a schedule that prints a range of rows on one line
# (1..2): each row is compared with its own printed line, and a breach is
# shown at the line that prints it, not at the line after.
set -u
fail() { echo "$*"; exit 1; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
cat >"$tmp/c.terms" <<'TERMS'
years "2024-25", "2025-26"
enum Lane: BA, MA
employee:
  id: text
  lane: Lane
  step: integer 1 to 4
schedule s by step, lane
  "2024-25":
    step  BA    MA
    1..2  $100  $110
    3     $200  $190
    4     $300  $310
  "2025-26":
    step  BA    MA
    1..2  $102  $112
    3     $205  $194
    4     $306  $316
check s "2025-26" = "2024-25" * 1.02 rounded half up to dollars
check s: MA >= BA
pay = s[step, lane]
output id, pay
TERMS
"$TERMS" check "$tmp/c.terms" >/dev/null 2>"$tmp/err" || fail "check failed: $(cat "$tmp/err")"
grep 'warning' "$tmp/err" >"$tmp/w"
cat >"$tmp/want" <<EOF
$tmp/c.terms:16:11: warning: s[3, BA] in "2025-26" is printed as \$205, but "2024-25" * 1.02 rounded half up to dollars gives \$204.00
$tmp/c.terms:11:17: warning: s[3, MA] in "2024-25" breaks the check \`MA >= BA\`: \`MA\` is \$190.00, \`BA\` is \$200.00
$tmp/c.terms:16:17: warning: s[3, MA] in "2025-26" breaks the check \`MA >= BA\`: \`MA\` is \$194.00, \`BA\` is \$205.00
EOF
diff "$tmp/want" "$tmp/w" || fail "check lines over row ranges"
exit 0
