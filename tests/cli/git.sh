# The git set-up of docs/git.md, from a scratch repository holding the
# bundled contracts: the ```sh blocks of docs/git.md run as written (the
# hook taken from docs/git/), the pre-commit hook lets the bundled contracts
# through, and `git diff` of the realistic edit there prints exactly what
# docs/git.md shows.  Then: the hook stops an unformatted contract, a
# commit that only reformats shows "no change in terms", a new, a deleted,
# a renamed and a broken contract are reported without stopping git, and
# `terms diff` itself exits 0, 1 or 2 as diff(1) does.
set -u
fail() { echo "$*"; exit 1; }
command -v git >/dev/null || fail "git is not installed"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
root=$(pwd)
mkdir "$tmp/bin" && ln -s "$TERMS" "$tmp/bin/terms"
export PATH="$tmp/bin:$PATH" GIT_CONFIG_NOSYSTEM=1 HOME="$tmp"
git config --global user.email t@example.org && git config --global user.name t
git config --global init.defaultBranch main
cd "$tmp" && git init -q repo && cd repo || fail "git init"
mkdir contracts-dsl && cp "$root"/contracts-dsl/*.terms contracts-dsl/

# the set-up and the edit, as docs/git.md writes them
awk '/^```sh$/ { on = 1; next } /^```/ { on = 0 } on' "$root/docs/git.md" |
  sed "s|/usr/local/share/doc/terms/git/pre-commit|$root/docs/git/pre-commit|" >"$tmp/steps.sh"
grep -q "terms diff --git" "$tmp/steps.sh" && grep -q "git diff HEAD~1" "$tmp/steps.sh" || fail "docs/git.md: the set-up is not there"
sh -e "$tmp/steps.sh" >"$tmp/out" 2>"$tmp/err" || fail "docs/git.md's commands failed: $(cat "$tmp/err")"
[ "$(git log --oneline | wc -l)" -eq 2 ] || fail "the hook refused a commit: $(cat "$tmp/err")"
# what docs/git.md says git diff prints
awk '/^```sh$/ { sh = 1; next } /^```$/ && sh { sh = 0; next } /^```$/ && !on { on = 1; next } /^```$/ { exit } on' \
  "$root/docs/git.md" >"$tmp/want"
head -n 1 "$tmp/want" | grep -q "^terms diff contracts-dsl/example-district.terms" || fail "docs/git.md: no output shown"
cmp -s "$tmp/want" "$tmp/out" || fail "git diff differs from docs/git.md: $(diff "$tmp/want" "$tmp/out")"
git log -p --ext-diff -1 >"$tmp/log" 2>&1
grep -qF "$(sed -n 3p "$tmp/want")" "$tmp/log" || fail "git log -p --ext-diff: $(cat "$tmp/log")"
# outside git: the same changes, exit 1; the same version, exit 0
git show HEAD~1:contracts-dsl/example-district.terms >"$tmp/old.terms"
terms diff "$tmp/old.terms" contracts-dsl/example-district.terms >"$tmp/plain"
[ $? -eq 1 ] || fail "terms diff of two versions that differ: expected exit 1"
grep -qF "[Appendix A] $tmp/old.terms:60, contracts-dsl/example-district.terms:61" "$tmp/plain" || fail "terms diff: $(cat "$tmp/plain")"
terms diff contracts-dsl/example-district.terms contracts-dsl/example-district.terms >/dev/null || fail "the same version: expected exit 0"
printf 'x = (\n' >"$tmp/broken.terms"
terms diff "$tmp/old.terms" "$tmp/broken.terms" >/dev/null 2>&1
[ $? -eq 2 ] || fail "a version with errors: expected exit 2"

# the hook: an unformatted contract is refused, a formatted one passes
sed 's/^longevity I   when/longevity I when/' contracts-dsl/example-district.terms >p && mv p contracts-dsl/example-district.terms
TERMS=terms git commit -qam "unformatted" 2>"$tmp/err" && fail "hook let an unformatted contract through"
grep -q "terms fmt would change: contracts-dsl/example-district.terms" "$tmp/err" || fail "hook message: $(cat "$tmp/err")"
# a reflowed definition, formatted, is no change in terms
sed 's/^total = contract_salary + differential/total = contract_salary\n    + differential/' contracts-dsl/example-district.terms >p &&
  mv p contracts-dsl/example-district.terms
terms fmt -w contracts-dsl/example-district.terms && git add contracts-dsl
git commit -qm "formatted" 2>"$tmp/err" || fail "hook refused a formatted contract: $(cat "$tmp/err")"
git diff HEAD~1 >"$tmp/out" 2>&1
[ "$(cat "$tmp/out")" = "terms diff contracts-dsl/example-district.terms: no change in terms" ] || fail "reformat only: $(cat "$tmp/out")"

# a new, a renamed, a deleted and a broken contract: git goes on
cp contracts-dsl/example-district.terms contracts-dsl/copy.terms
git add contracts-dsl && git commit -qm new
git mv contracts-dsl/copy.terms contracts-dsl/renamed.terms && git commit -qm renamed
git rm -q contracts-dsl/renamed.terms && git commit -qm deleted
git log -p --ext-diff -M -3 --format=%s >"$tmp/log" 2>&1 || fail "git log: $(cat "$tmp/log")"
grep -qx "terms diff contracts-dsl/copy.terms: new contract" "$tmp/log" || fail "new: $(cat "$tmp/log")"
grep -qx "terms diff: contracts-dsl/copy.terms renamed to contracts-dsl/renamed.terms" "$tmp/log" || fail "renamed: $(cat "$tmp/log")"
grep -qx "terms diff contracts-dsl/renamed.terms: no change in terms" "$tmp/log" || fail "renamed: $(cat "$tmp/log")"
grep -qx "terms diff contracts-dsl/renamed.terms: deleted contract" "$tmp/log" || fail "deleted: $(cat "$tmp/log")"
printf 'x = (\n' >>contracts-dsl/example-district.terms
git diff >"$tmp/out" 2>"$tmp/err" || fail "git diff stopped at a contract with errors: $(cat "$tmp/err")"
grep -qx "terms diff contracts-dsl/example-district.terms: not compared in terms: the new version has errors (on standard error)" "$tmp/out" ||
  fail "broken: $(cat "$tmp/out")"
grep -q "^b/contracts-dsl/example-district.terms:[0-9]*:[0-9]*: error" "$tmp/err" || fail "broken, its errors: $(cat "$tmp/err")"
exit 0
