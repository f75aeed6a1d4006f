# Every bundled contract passes its own examples (terms test), and has some:
# a proposal copied from a contract must have its worked figures redone
# where it changes them.
set -u
fail() { echo "$*"; exit 1; }
for f in contracts-dsl/*.terms; do
  case $f in *-values.terms) continue ;; esac
  out=$("$TERMS" test "$f" 2>&1) || fail "$f: terms test failed:
$out"
  case $out in *" 0 failed") ;; *) fail "$f: $out" ;; esac
  case $out in "0 passed"*) fail "$f: no examples" ;; esac
done
exit 0
