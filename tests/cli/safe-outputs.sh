# Text that a spreadsheet would take for a formula (a cell beginning with
# =, +, -, @, a tab or a carriage return) is neutralised with a leading '
# in CSV and XLSX output, one case per character, and in `terms diff
# --format csv` (a citation, a value); JSON Lines output stays valid JSON
# with control characters in the roster; invalid UTF-8 in the roster is
# refused, so it never reaches the output.
set -u
fail() { echo "$*"; exit 1; }
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
cat >"$t/c.terms" <<'T'
contract "Safe outputs"
term 2024-07-01 to 2025-06-30
years "2024-25"
rounding half up to cents
employee:
  id: text
  name: text
  pay: money
total = pay
output id, name, total
T
printf 'id,name,pay\n"=1+1",a,1\n"+1",b,2\n"-1",c,3\n"@SUM(A1)",d,4\n"\tx",e,5\n"\rx",f,6\nplain,"ctl\001\037 \\ ""q""",7\n' >"$t/r.csv"

"$TERMS" eval "$t/c.terms" "$t/r.csv" -o "$t/out.csv" || fail "eval to CSV failed"
printf 'id,name,total\n"'"'"'=1+1",a,1.00\n"'"'"'+1",b,2.00\n"'"'"'-1",c,3.00\n"'"'"'@SUM(A1)",d,4.00\n"'"'"'\tx",e,5.00\n"'"'"'\rx",f,6.00\nplain,"ctl\001\037 \\ ""q""",7.00\n' >"$t/want.csv"
cmp -s "$t/out.csv" "$t/want.csv" || fail "CSV: $(diff "$t/want.csv" "$t/out.csv" | od -c | head -30)"

"$TERMS" eval "$t/c.terms" "$t/r.csv" -o "$t/out.jsonl" || fail "eval to JSON Lines failed"
"$TERMS" cost "$t/c.terms" "$t/r.csv" --xlsx "$t/out.xlsx" >/dev/null || fail "cost to XLSX failed"
python3 - "$t" <<'PY' || exit 1
import json, re, sys, zipfile
t = sys.argv[1]
rows = [json.loads(line.decode("utf-8")) for line in open(f"{t}/out.jsonl", "rb")]
ids = [r["id"] for r in rows]
if ids != ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx", "plain"]:
    sys.exit(f"JSON ids: {ids}")
if rows[6]["name"] != 'ctl\x01\x1f \\ "q"':
    sys.exit(f"JSON control characters: {rows[6]['name']!r}")
# shared text, and the Employees sheet's inline text (written in constant memory)
z = zipfile.ZipFile(f"{t}/out.xlsx")
strings = "".join(z.read(n).decode() for n in z.namelist() if n == "xl/sharedStrings.xml" or n.startswith("xl/worksheets/"))
texts = re.findall(r"<t[^>]*>([^<]*)</t>", strings)
for want in ["'=1+1", "'+1", "'-1", "'@SUM(A1)", "'\tx"]:
    if want not in texts:
        sys.exit(f"XLSX: no neutralised {want!r} among {texts}")
if not any(s.startswith("'") and s.endswith("x") and len(s) <= 12 and ("\r" in s or "_x000D_" in s) for s in texts):
    sys.exit(f"XLSX: the carriage-return id is not neutralised: {texts}")
PY
printf 'bad,"\377\376 \303\251",8\n' >>"$t/r.csv"
"$TERMS" eval "$t/c.terms" "$t/r.csv" -o "$t/bad.jsonl" 2>"$t/err"
[ $? -eq 1 ] || fail "invalid UTF-8: expected exit 1"
grep -q 'row 8, column "name": "\\xFF\\xFE é" is not UTF-8 text (the byte FF)' "$t/err" || fail "invalid UTF-8: $(cat "$t/err")"
[ ! -e "$t/bad.jsonl" ] || fail "invalid UTF-8: output written"

# terms diff --format csv: every cell but the line numbers is text, so a
# citation or a value that looks like a formula is neutralised the same way
cat >"$t/old.terms" <<'T'
employee:
  id: text
param bonus = $10  cite "=HYPERLINK(1)"
total = bonus
output id, total
T
sed 's/\$10 /-$5 /' "$t/old.terms" >"$t/new.terms"
"$TERMS" diff "$t/old.terms" "$t/new.terms" --format csv >"$t/diff.csv"
[ $? -eq 1 ] || fail "diff --format csv: expected exit 1 (they differ)"
printf 'change,what,name,old,new,cite,old_line,new_line\nchanged,param,bonus,$10.00,"'"'"'-$5.00","'"'"'=HYPERLINK(1)",3,3\n' >"$t/want-diff.csv"
cmp -s "$t/diff.csv" "$t/want-diff.csv" || fail "diff CSV: $(diff "$t/want-diff.csv" "$t/diff.csv")"
exit 0
