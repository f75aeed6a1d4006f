# `check` lines on a schedule with a third key look at every grid, and
# name the grid and the printed cell of each breach (docs/language.md,
# Checks: the printed figures against their rule).
set -u
fail() { echo "$*"; exit 1; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
cat >"$tmp/c.terms" <<'TERMS'
years "2024-25", "2025-26"
enum Lane: BA, DOC
enum Months: M10, M12
employee:
  id: text
  lane: Lane
  step: integer 1 to 2
  months: Months
schedule extra by step, lane, months
  "2024-25" M10:
    step  BA    DOC
    1     $100  $120
    2     $110  $115
  "2024-25" M12:
    step  BA    DOC
    1     $300  $290
    2     $330  $400
  "2025-26" M10:
    step  BA    DOC
    1     $104  $124
    2     $113  $118
  "2025-26" M12:
    step  BA    DOC
    1     $309  $299
    2     $345  $412
check extra: DOC >= BA
check extra: cell >= above
check extra "2025-26" = "2024-25" * 1.03 rounded half up to dollars
pay = extra[step, lane, months]
output id, pay
TERMS
"$TERMS" check "$tmp/c.terms" >/dev/null 2>"$tmp/err" || fail "check failed: $(cat "$tmp/err")"
grep 'warning' "$tmp/err" >"$tmp/w"
cat >"$tmp/want" <<EOF
$tmp/c.terms:16:17: warning: extra for M12[1, DOC] in "2024-25" breaks the check \`DOC >= BA\`: \`DOC\` is \$290.00, \`BA\` is \$300.00
$tmp/c.terms:24:17: warning: extra for M12[1, DOC] in "2025-26" breaks the check \`DOC >= BA\`: \`DOC\` is \$299.00, \`BA\` is \$309.00
$tmp/c.terms:13:17: warning: extra for M10[2, DOC] in "2024-25" breaks the check \`cell >= above\`: \`cell\` is \$115.00, \`above\` is \$120.00
$tmp/c.terms:21:17: warning: extra for M10[2, DOC] in "2025-26" breaks the check \`cell >= above\`: \`cell\` is \$118.00, \`above\` is \$124.00
$tmp/c.terms:20:11: warning: extra for M10[1, BA] in "2025-26" is printed as \$104, but "2024-25" * 1.03 rounded half up to dollars gives \$103.00
$tmp/c.terms:25:11: warning: extra for M12[2, BA] in "2025-26" is printed as \$345, but "2024-25" * 1.03 rounded half up to dollars gives \$340.00
EOF
diff "$tmp/want" "$tmp/w" || fail "check lines over every grid"
exit 0
