# Rosters as payroll systems export them: a byte-order mark, CRLF line ends,
# quoted cells with commas, quotes and line breaks, extra columns in any
# order, display names for members, spaces around numbers; and a header with no rows.
set -u
fail() { echo "$*"; exit 1; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
C=tests/errors/rosters/contract.terms
printf '\357\273\277jobs,building,id,lane,step,fte,salary,nb,hired\r\n' >"$tmp/r.csv"
printf 'Sr. High Band;play,"North, ""Old"" Campus","T1\r\nsecond line",MA,2,0.5,"$40,000",YES,2020-01-01\r\n' >>"$tmp/r.csv"
printf ',Central,"=HYPERLINK(""x"")",ba, 3 ,1,39000.10,n,2021-12-31\r\n' >>"$tmp/r.csv"
"$TERMS" eval $C "$tmp/r.csv" >"$tmp/out" 2>"$tmp/err" || fail "eval failed: $(cat "$tmp/err")"
# pay = round(salary / fte): 40,000 / 0.5 = 80,000.00; 39,000.10 / 1 = 39,000.10
# the id that looks like a formula is written with a leading ' so no spreadsheet runs it
printf 'id,lane,pay\n"T1\r\nsecond line",MA,80000.00\n"'"'"'=HYPERLINK(""x"")",BA,39000.10\n' >"$tmp/want"
cmp -s "$tmp/out" "$tmp/want" || fail "output differs: $(od -c "$tmp/out" | head -20)"
printf 'id,lane,step,fte,salary,nb,hired,jobs\n' >"$tmp/h.csv"
"$TERMS" eval $C "$tmp/h.csv" >"$tmp/out" || fail "header only: failed"
[ "$(cat "$tmp/out")" = "id,lane,pay" ] || fail "header only: $(cat "$tmp/out")"
exit 0
