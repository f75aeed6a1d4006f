# The git set-up of docs/git.md: git diff shows the semantic diff of two
# committed versions, and the pre-commit hook stops an unformatted contract.
set -u
fail() { echo "$*"; exit 1; }
command -v git >/dev/null || fail "git is not installed"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
root=$(pwd)
cd "$tmp" && git init -q repo && cd repo || fail "git init"
git config user.email t@example.org && git config user.name t
echo '*.terms diff=terms' >.gitattributes
git config diff.terms.command "$TERMS diff --git"
cat >pay.terms <<'T'
employee:
  id: text
  years: integer
bonus: at most one
bonus senior when years >= 10 add $500
bonus junior when years < 10 add $100
total = bonus
output id, total
T
git add . && git commit -qm v1 || fail "commit v1"
sed -e 's/add \$500/add $650/' -e 's/^total = bonus$/total =   bonus/' pay.terms >p && mv p pay.terms
git commit -qam v2 || fail "commit v2"
git diff HEAD~1 HEAD >"$tmp/out" 2>&1 || fail "git diff: $(cat "$tmp/out")"
grep -q "terms diff pay.terms" "$tmp/out" || fail "driver not used: $(cat "$tmp/out")"
grep -q "1 change in terms" "$tmp/out" || fail "change count: $(cat "$tmp/out")"
grep -q 'changed rule bonus senior: when years >= 10 add \$500.00 -> when years >= 10 add \$650.00' "$tmp/out" || fail "rule: $(cat "$tmp/out")"
git log -p --ext-diff -1 >"$tmp/log" 2>&1
grep -q "1 change in terms" "$tmp/log" || fail "git log -p --ext-diff: $(cat "$tmp/log")"
# the hook: an unformatted contract is refused, a formatted one passes
cp "$root/docs/git/pre-commit" .git/hooks/pre-commit
sed 's/bonus junior when/bonus   junior  when/' pay.terms >p && mv p pay.terms
TERMS="$TERMS" git commit -qam "unformatted" 2>"$tmp/err" && fail "hook let an unformatted contract through"
grep -q "terms fmt would change: pay.terms" "$tmp/err" || fail "hook message: $(cat "$tmp/err")"
"$TERMS" fmt -w pay.terms && git add pay.terms
TERMS="$TERMS" git commit -qm "formatted" 2>"$tmp/err" || fail "hook refused a formatted contract: $(cat "$tmp/err")"
git diff HEAD~1 HEAD >"$tmp/out" 2>&1
grep -q "no change in terms" "$tmp/out" || fail "reformat only: $(cat "$tmp/out")"
exit 0
