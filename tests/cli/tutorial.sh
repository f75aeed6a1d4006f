# Every ```sh block of docs/tutorial.md runs, in order, as written (with
# `terms` on the PATH and `make` already done).
set -u
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
root=$(pwd)
mkdir "$t/bin"
ln -s "$TERMS" "$t/bin/terms"
ln -s "$root/contracts-dsl" "$t/contracts-dsl"
{
  echo 'set -e'
  echo 'make() { :; }'
  awk '/^```sh$/ { on = 1; next } /^```/ { on = 0 } on' docs/tutorial.md
} >"$t/steps.sh"
cd "$t" && PATH="$t/bin:$PATH" bash steps.sh >"$t/out" 2>&1 || { echo "docs/tutorial.md: a command failed:"; tail -n 20 "$t/out"; exit 1; }
grep -q "1 passed, 0 failed" "$t/out" || { echo "the tutorial's first example did not pass"; exit 1; }
grep -q "61 passed, 0 failed" "$t/out" || { echo "the ISD 622 examples did not all pass"; exit 1; }
grep -q "rules \`longevity III\` and \`longevity IV\` can both apply" "$t/out" || { echo "the overlap was not reported"; cat "$t/out"; exit 1; }
grep -q "years = 23, district_years = 10" "$t/out" || { echo "the overlap's witness is not the one the tutorial shows"; exit 1; }
[ -s "$t/tutorial/cost.html" ] && [ -s "$t/tutorial/cost.xlsx" ] || { echo "the cost reports were not written"; exit 1; }
exit 0
