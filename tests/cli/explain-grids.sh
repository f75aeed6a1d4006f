# terms explain on a schedule with a third key: a lookup names the grid
# its member picked, and the printed row range (12..15) and the clamped row
# are that grid's own, where the grids share out their steps differently.
# Figures by hand from the grids below: short MA step 3 is short's row
# 1..4, $1,100; long BA step 3 is long's row 3..8, $2,400; long MA step 12
# clamps to 8, long's row 3..8, $2,600; long BA step 1 is long's 1..2, $2,000.
set -u
fail() { echo "$*"; exit 1; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
cat >"$tmp/c.terms" <<'T'
contract "Grids"
term 2024-07-01 to 2025-06-30
years "2024-25"
rounding half up to cents
enum Lane: BA, MA
enum Track: short, long

employee:
  id:    text
  step:  integer 1 to 20
  lane:  Lane
  track: Track

schedule pay by step, lane, track clamp  cite "Appendix D"
  short:
    step   BA      MA
    1..4   $1,000  $1,100
    5..8   $1,200  $1,300
  long:
    step   BA      MA
    1..2   $2,000  $2,200
    3..8   $2,400  $2,600

extra = pay[step, lane, track]

output id, extra
T
cat >"$tmp/r.csv" <<'CSV'
id,step,lane,track
A,3,MA,short
B,3,BA,long
C,12,MA,long
D,1,BA,long
CSV
line() { # id, the line explain must print for the lookup
  "$TERMS" explain "$tmp/c.terms" "$tmp/r.csv" --id "$1" >"$tmp/x" 2>&1 || fail "explain $1 failed: $(cat "$tmp/x")"
  grep -qxF -- "  $2" "$tmp/x" || fail "explain $1: want '$2', got: $(cat "$tmp/x")"
}
line A 'pay[step, lane, track]: grid short; step 3, in row 1..4; lane MA: $1,100.00'
line B 'pay[step, lane, track]: grid long; step 3, in row 3..8; lane BA: $2,400.00'
line C 'pay[step, lane, track]: grid long; step 12, clamped to 8 (the last row, 3..8); lane MA: $2,600.00'
line D 'pay[step, lane, track]: grid long; step 1, in row 1..2; lane BA: $2,000.00'
"$TERMS" explain "$tmp/c.terms" "$tmp/r.csv" --id C --format json >"$tmp/j" || fail "explain json failed"
grep -qF '{"lookup":"pay[step, lane, track]","key":"step","given":"12","grid":"long","clamped_to":"8","row":"last row","in_row":"3..8","value":"$2,600.00"' "$tmp/j" ||
  fail "explain json: $(cat "$tmp/j")"
exit 0
