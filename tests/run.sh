#!/bin/sh
# End-to-end tests of the `terms` binary ($TERMS).  Each case is a file:
#
#   tests/golden/*/cases        one line per case: NAME|ARGS  -- runs `terms ARGS`
#                               and compares standard output with NAME (expected
#                               figures computed independently; see each README)
#   tests/errors/*.terms        `terms check` must exit 1 and print exactly the
#                               .err file beside it (diagnostics with carets)
#   tests/errors/rosters/*.csv  `terms eval tests/errors/rosters/contract.terms`
#                               must exit 1, print exactly the .err file, and
#                               leave no output file behind
#   tests/bad/                  the bad-input corpus: see tests/bad/run.sh
#   tests/cli/*.sh              shell cases, each exits 0 when it passes
#
# Prints one line per failure and a closing "N passed, M failed" (with
# STOP_AT_FAILURE set, stops at the first failure instead).  With
# arguments, runs only those parts: golden, errors (contract and roster
# diagnostics), bad, cli, or a shell case by its path (`make portable`
# runs `golden errors bad tests/cli/jobs.sh`).
set -u
parts=${*:-golden errors bad cli}
part() { case " $parts " in *" $1 "*) return 0 ;; esac; return 1; }
TERMS=${TERMS:-build/terms}
case $TERMS in /*) ;; *) TERMS=$(pwd)/$TERMS ;; esac
export TERMS
pass=0
fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

ok() { pass=$((pass + 1)); }
bad() {
  fail=$((fail + 1)); echo "FAIL $1"; [ -n "${2:-}" ] && sed 's/^/    /' "$2" | head -40
  [ -z "${STOP_AT_FAILURE:-}" ] || exit 1 # tests/mutants/run.sh: the first failure is enough
}

# golden outputs
for cases in tests/golden/*/cases; do
  part golden || break
  dir=$(dirname "$cases")
  while IFS='|' read -r expected args; do
    case $expected in ''|'#'*) continue ;; esac
    eval "set -- $args"
    if "$TERMS" "$@" >"$tmp/out" 2>"$tmp/err"; then
      if cmp -s "$tmp/out" "$dir/$expected"; then ok; else
        diff "$dir/$expected" "$tmp/out" >"$tmp/diff"; bad "$dir/$expected: output differs" "$tmp/diff"; fi
    else
      bad "$dir/$expected: terms $args exited $?" "$tmp/err"
    fi
  done <"$cases"
done

# contract diagnostics
for src in tests/errors/*.terms; do
  part errors || break
  [ -e "$src" ] || continue
  "$TERMS" check "$src" >"$tmp/out" 2>"$tmp/err"
  status=$?
  if [ $status -ne 1 ]; then bad "$src: exit $status, expected 1" "$tmp/err"; continue; fi
  if cmp -s "$tmp/err" "${src%.terms}.err"; then ok; else
    diff "${src%.terms}.err" "$tmp/err" >"$tmp/diff"; bad "$src: diagnostics differ" "$tmp/diff"; fi
done

# roster diagnostics: no output file may be left behind
for roster in tests/errors/rosters/*.csv; do
  part errors || break
  [ -e "$roster" ] || continue
  rm -rf "$tmp/o"; mkdir "$tmp/o"
  "$TERMS" eval tests/errors/rosters/contract.terms "$roster" -o "$tmp/o/out.csv" >"$tmp/out" 2>"$tmp/err"
  status=$?
  if [ $status -ne 1 ]; then bad "$roster: exit $status, expected 1" "$tmp/err"; continue; fi
  if [ -n "$(ls -A "$tmp/o")" ]; then bad "$roster: left $(ls "$tmp/o") behind"; continue; fi
  if cmp -s "$tmp/err" "${roster%.csv}.err"; then ok; else
    diff "${roster%.csv}.err" "$tmp/err" >"$tmp/diff"; bad "$roster: diagnostics differ" "$tmp/diff"; fi
done

# the bad-input corpus: broken, hostile and huge contracts and rosters
if part bad; then . tests/bad/run.sh; fi

# command-line behaviour
for t in tests/cli/*.sh; do
  part cli || part "$t" || continue
  [ -e "$t" ] || continue
  if sh "$t" >"$tmp/out" 2>&1; then ok; else bad "$t" "$tmp/out"; fi
done

echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
