# `check` lines on a schedule that prints a range of rows on one line
# (1..2): each row is compared with its own printed line, and a breach is
# shown at the line that prints it, not at the line after; once for the
# line, naming the range, and `above` a range is the line above it, not a
# row of the same line.
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

# `cell > above` holds on every printed line (MA in "2024-25": 110, 190,
# 195, 310), and no row of a range is compared with its own line.  The
# rule x 1.02: 1..2 BA is $105 where both rows give 102, reported once as
# 1..2; 3..4 BA $210 where "2024-25" prints 200 and 210 apart (204 and
# 214.2), each row on its own; 3..4 MA $194 agrees on 3 (193.8) and not on
# 4 (198.9).  `MA >= BA` breaks on 3..4 in "2025-26" once, named 3..4.
cat >"$tmp/r.terms" <<'TERMS'
years "2024-25", "2025-26"
enum Lane: BA, MA
employee:
  id: text
  lane: Lane
  step: integer 1 to 5
schedule s by step, lane
  "2024-25":
    step  BA    MA
    1..2  $100  $110
    3     $200  $190
    4     $210  $195
    5     $300  $310
  "2025-26":
    step  BA    MA
    1..2  $105  $112
    3..4  $210  $194
    5     $306  $316
check s "2025-26" = "2024-25" * 1.02 rounded half up to dollars
check s: cell > above
check s: MA >= BA
pay = s[step, lane]
output id, pay
TERMS
"$TERMS" check "$tmp/r.terms" >/dev/null 2>"$tmp/err" || fail "check failed: $(cat "$tmp/err")"
grep 'warning' "$tmp/err" >"$tmp/w"
cat >"$tmp/want" <<EOF
$tmp/r.terms:16:11: warning: s[1..2, BA] in "2025-26" is printed as \$105, but "2024-25" * 1.02 rounded half up to dollars gives \$102.00
$tmp/r.terms:17:11: warning: s[3, BA] in "2025-26" is printed as \$210, but "2024-25" * 1.02 rounded half up to dollars gives \$204.00
$tmp/r.terms:17:11: warning: s[4, BA] in "2025-26" is printed as \$210, but "2024-25" * 1.02 rounded half up to dollars gives \$214.00
$tmp/r.terms:17:17: warning: s[4, MA] in "2025-26" is printed as \$194, but "2024-25" * 1.02 rounded half up to dollars gives \$199.00
$tmp/r.terms:11:17: warning: s[3, MA] in "2024-25" breaks the check \`MA >= BA\`: \`MA\` is \$190.00, \`BA\` is \$200.00
$tmp/r.terms:12:17: warning: s[4, MA] in "2024-25" breaks the check \`MA >= BA\`: \`MA\` is \$195.00, \`BA\` is \$210.00
$tmp/r.terms:17:17: warning: s[3..4, MA] in "2025-26" breaks the check \`MA >= BA\`: \`MA\` is \$194.00, \`BA\` is \$210.00
EOF
diff "$tmp/want" "$tmp/w" || fail "check lines over a range: once, named by the range"

# A column worked out from the step differs row by row inside 2..4 (MA
# 220, 230, 240): each row that breaks is its own, and `cell > above` on
# rows 3 and 4 compares them with the line above 2..4 (MA 110, BA 100).
cat >"$tmp/d.terms" <<'TERMS'
years "2024-25"
enum Lane: BA, MA
employee:
  id: text
  lane: Lane
  step: integer 1 to 5
schedule t by step, lane
  step  BA
  1     $100
  2..4  $200
  5     $300
  MA = BA + $10 * step
check t: MA >= $230
check t: cell > above
pay = t[step, lane]
output id, pay
TERMS
"$TERMS" check "$tmp/d.terms" >/dev/null 2>"$tmp/err" || fail "check failed: $(cat "$tmp/err")"
grep 'warning' "$tmp/err" >"$tmp/w"
cat >"$tmp/want" <<EOF
$tmp/d.terms:13:1: warning: t[1, MA] in "2024-25" breaks the check \`MA >= \$230\`: \`MA\` is \$110.00
$tmp/d.terms:13:1: warning: t[2, MA] in "2024-25" breaks the check \`MA >= \$230\`: \`MA\` is \$220.00
EOF
diff "$tmp/want" "$tmp/w" || fail "check lines over a range with a worked-out column"
exit 0
