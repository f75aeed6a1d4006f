# --turnover LEAVERS:FIELD=HIRE (docs/costing.md, "Turnover"): each year
# the first LEAVERS employees on the roster at the top of FIELD's range
# leave and hires take their places at FIELD = HIRE.  The agreement over
# its roster with 5 leavers at step 15 replaced at step 1, against
# compute.py's functions applying the same rule; the report says so, with
# the counts; without --turnover nothing changes; the option's errors.
set -u
fail() { echo "$*"; exit 1; }
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
C=contracts-dsl/example-district.terms
R=contracts-dsl/example-district-roster.csv
S='lead_teacher=$1,200'
"$TERMS" cost "$C" "$R" --set "$S" --turnover 5:step=1 >"$t/out" 2>"$t/err" || fail "terms cost --turnover failed: $(cat "$t/err")"
"$TERMS" cost "$C" "$R" --set "$S" >"$t/plain" 2>"$t/err" || fail "terms cost failed: $(cat "$t/err")"
grep -q "turnover" "$t/plain" && fail "turnover reported without --turnover"
python3 - "$t" "$R" <<'PY' || exit 1
import csv, importlib.util, re, sys
from fractions import Fraction as F
t, roster = sys.argv[1:]
spec = importlib.util.spec_from_file_location("district", "tests/golden/example-district/compute.py")
d = importlib.util.module_from_spec(spec)
spec.loader.exec_module(d)
lead = F(1200)
totals, at_top, replaced = [F(0), F(0)], 0, 0
for r in csv.DictReader(open(roster, newline="", encoding="utf-8-sig")):
    rec = d.parse_record(r)
    totals[0] += d.evaluate(rec, "2024-25", lead)["total"]
    moved = d.advance(rec)
    if rec["step"] == 15:
        at_top += 1
        if replaced < 5:
            replaced += 1
            moved["step"] = 1
    totals[1] += d.evaluate(moved, "2025-26", lead)["total"]
def money(x):
    c = d.round_half_up(x) * 100
    return "${:,}.{:02d}".format(int(c) // 100, int(c) % 100)
out = open(f"{t}/out").read()
errors = []
want = f"  2025-26: turnover: {replaced} of the {at_top} at step 15 replaced by hires at step 1"
if want not in out.splitlines():
    errors.append(f"expected the line {want!r} in:\n{out}")
m = re.search(r"^  total\s{2,}(.*)$", out, re.M)
if not m or m.group(1).split() != [money(v) for v in totals]:
    errors.append(f"total: terms {m and m.group(1).split()}, compute.py {[money(v) for v in totals]}")
if errors:
    sys.exit("\n".join(errors))
PY
"$TERMS" cost "$C" "$R" --set "$S" --turnover 5:lane=1 >"$t/out" 2>"$t/err" && fail "--turnover 5:lane=1 should fail"
grep -qxF "terms cost: $C has no whole-number field \`lane\` with a range that holds 1, for --turnover" "$t/err" ||
  fail "--turnover 5:lane=1: $(cat "$t/err")"
"$TERMS" cost "$C" "$R" --set "$S" --turnover 5:step=16 >"$t/out" 2>"$t/err" && fail "--turnover 5:step=16 should fail"
grep -qxF "terms cost: $C has no whole-number field \`step\` with a range that holds 16, for --turnover" "$t/err" ||
  fail "--turnover 5:step=16: $(cat "$t/err")"
"$TERMS" cost "$C" "$R" --set "$S" --turnover five >"$t/out" 2>"$t/err"
[ $? -eq 2 ] || fail "--turnover five: expected exit 2"
grep -qF "terms cost: --turnover is LEAVERS:FIELD=HIRE, as 3:step=1 (3 leavers at the top step a year, replaced at step 1), not \`five\`" "$t/err" ||
  fail "--turnover five: $(cat "$t/err")"
exit 0
