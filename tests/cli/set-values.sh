# --set: a value per contract year ('NAME=$1,200 / $1,250'), as `check`
# suggests for per-year blanks, and a message that mentions quoting for
# what the shell leaves of an unquoted $1,200 (",200") or $1200 ("").
set -u
fail() { echo "$*"; exit 1; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
C=contracts-dsl/example-district.terms
R=contracts-dsl/example-district-roster.csv
# T0069 is a lead teacher: differential lead in each year
for y in 1 2; do
  "$TERMS" explain $C $R --id T0069 --year $y --set 'lead_teacher=$1,200 / $1,250' >"$tmp/out$y" 2>"$tmp/err" ||
    fail "explain --year $y: $(cat "$tmp/err")"
done
grep -q 'differential lead when lead: adds \$1,200.00' "$tmp/out1" || fail "year 1: $(grep 'differential lead' "$tmp/out1")"
grep -q 'differential lead when lead: adds \$1,250.00' "$tmp/out2" || fail "year 2: $(grep 'differential lead' "$tmp/out2")"
# cost takes both years from one --set: the second year as with $1,250 alone
"$TERMS" cost $C $R --set 'lead_teacher=$1,200 / $1,250' | grep -m1 '^  differential' >"$tmp/both"
"$TERMS" cost $C $R --set 'lead_teacher=$1,200' | grep -m1 '^  differential' | awk '{print $2}' >"$tmp/first"
"$TERMS" cost $C $R --set 'lead_teacher=$1,250' | grep -m1 '^  differential' | awk '{print $3}' >"$tmp/second"
[ "$(awk '{print $2}' "$tmp/both")" = "$(cat "$tmp/first")" ] && [ "$(awk '{print $3}' "$tmp/both")" = "$(cat "$tmp/second")" ] ||
  fail "cost: $(cat "$tmp/both") vs $(cat "$tmp/first") and $(cat "$tmp/second")"
err() {  # expected message, then the --set argument
  "$TERMS" eval $C $R --set "$2" >/dev/null 2>"$tmp/err"
  s=$?
  [ $s -eq 2 ] || fail "--set $2: exit $s, expected 2"
  [ "$(cat "$tmp/err")" = "$1" ] || fail "--set $2: $(cat "$tmp/err")"
}
err "terms: --set lead_teacher: \",200\" is not an amount (like \$1,200 or 1200.00); if you wrote a \$ amount, quote it in single quotes, as in --set 'lead_teacher=\$1,200': the shell reads \$1 as a variable and drops it" 'lead_teacher=,200'
err "terms: --set lead_teacher: \"\" is not an amount (like \$1,200 or 1200.00); if you wrote a \$ amount, quote it in single quotes, as in --set 'lead_teacher=\$1,200': the shell reads \$1 as a variable and drops it" 'lead_teacher='
err 'terms: --set lead_teacher: 3 values, but the contract has 2 years: give one value for every year, or one per year' 'lead_teacher=$1 / $2 / $3'
err 'terms: --set lead_teacher: "$1,2" is not an amount (like $1,200 or 1200.00)' 'lead_teacher=$1,100 / $1,2'
exit 0
