#!/bin/sh
# Builds the libFuzzer targets and runs each for FUZZ_SECONDS.
#
#   B=build FUZZ_SECONDS=60 tests/fuzz/run.sh [TARGET...]
#
# The targets are built by make, as the Makefile's `fuzz` flavour: the
# library compiled by clang with -fsanitize=fuzzer-no-link,address,undefined
# into $B/fuzz, each target tests/fuzz/fuzz_*.c linked into $B/fuzz/fuzz_TARGET
# with -fsanitize=fuzzer.  The seed corpus is collected now from every
# contract (*.terms) and roster (*.csv) in the repository, the contracts
# written inline in tests/cli/*.sh, and tests/fuzz/regressions/; the corpus
# libFuzzer grows stays in $B/fuzz/corpus/TARGET.  A target that crashes,
# leaks, times out or runs out of memory fails the run; its input is saved
# in tests/fuzz/findings/TARGET/.  FUZZ_JOBS (default 2) targets run at once,
# and as many compilers while building.  FUZZ_SECONDS=0 only builds the
# targets.
set -eu
cd "$(dirname "$0")/../.."
B=${B:-build}
SECONDS_EACH=${FUZZ_SECONDS:-60}
JOBS=${FUZZ_JOBS:-2}
# FUZZ_SEED fixes libFuzzer's random seed (CI uses one, so that a run shows
# regressions rather than what a new random walk happens to find)
SEED_FLAG=${FUZZ_SEED:+-seed=$FUZZ_SEED}
F=$B/fuzz
ALL="parse check vm roster fmt lsp"
TARGETS=${*:-$ALL}

CC=${FUZZ_CC:-}
if [ -z "$CC" ]; then
  for c in clang clang-14; do
    if command -v $c >/dev/null 2>&1; then CC=$c; break; fi
  done
fi
[ -n "$CC" ] || { echo "fuzz: clang is needed (apt-get install clang libclang-rt-14-dev)" >&2; exit 1; }

# ---- build ----
bins=""
for t in $TARGETS; do
  [ -e "tests/fuzz/fuzz_$t.c" ] || { echo "fuzz: no target $t (targets: $ALL)" >&2; exit 2; }
  bins="$bins $F/fuzz_$t"
done
# shellcheck disable=SC2086 # bins are words
${MAKE:-make} --no-print-directory -j"$JOBS" B="$B" FUZZ_CC="$CC" $bins || { echo "fuzz: the targets do not build" >&2; exit 1; }

[ "$SECONDS_EACH" -gt 0 ] || exit 0

# ---- seeds ----
# Files are named DIR--N (DIR the folder with / as _), so the vm target can
# pair a contract with the rosters of its own folder.  Rosters are cut to
# their first 40 lines: the targets read 32 rows at most, and short seeds
# keep libFuzzer quick.
S=$F/seeds
rm -rf "$S"
mkdir -p "$S/contracts" "$S/rosters"
n=0
for f in $(git ls-files '*.terms' '*.csv' 2>/dev/null || find . -name '*.terms' -o -name '*.csv'); do
  case $f in "$B"/*|./"$B"/*) continue ;; esac
  [ -f "$f" ] || continue
  n=$((n + 1))
  key=$(dirname "$f" | sed 's|^\./||; s|/|_|g')
  case $f in
    *.terms) cp "$f" "$S/contracts/$key--$n.terms" ;;
    *.csv) head -n 40 "$f" >"$S/rosters/$key--$n.csv" ;;
  esac
done
# contracts written inline in the shell tests: cat >x.terms <<'T' ... T
for f in tests/cli/*.sh; do
  awk -v dir="$S/contracts" -v base="tests_cli--$(basename "$f" .sh)" '
    /cat >.*\.terms.*<<.?T.?$/ { inside = 1; k++; out = dir "/" base "-" k ".terms"; next }
    inside && /^T$/ { inside = 0; close(out); next }
    inside { print > out }' "$f"
done
for t in $TARGETS; do
  mkdir -p "$S/$t" "$F/corpus/$t"
  case $t in
    roster) cp "$S"/rosters/* "$S/$t/" ;;
    vm)
      # each contract with the rosters of its folder and with every roster
      # not made to be bad (those of tests/errors/ go with their own contract)
      for c in "$S"/contracts/*.terms; do
        ckey=$(basename "$c"); ckey=${ckey%%--*}
        for r in "$S"/rosters/*.csv; do
          rkey=$(basename "$r"); rkey=${rkey%%--*}
          case $rkey in tests_errors*) [ "$rkey" = "$ckey" ] || continue ;; esac
          { cat "$c"; printf '\n%%%%\n'; cat "$r"; } >"$S/$t/$(basename "$c" .terms)-$(basename "$r" .csv)"
        done
      done ;;
    *) cp "$S"/contracts/* "$S/$t/" ;;
  esac
  if [ -d "tests/fuzz/regressions/$t" ]; then
    cp tests/fuzz/regressions/$t/* "$S/$t/" 2>/dev/null || true
  fi
done

# ---- run ----
echo "fuzz: $TARGETS, ${SECONDS_EACH}s each, $JOBS at a time"
status=0
# the targets running in the background, oldest first (`jobs` cannot count
# them: in dash, $(jobs -p) runs in a subshell and sees none)
running=""
run_one() {
  t=$1
  mkdir -p "tests/fuzz/findings/$t"
  # -rss_limit_mb: a contract must not need more; -timeout: nor take longer per input
  if "$F/fuzz_$t" $SEED_FLAG -max_total_time="$SECONDS_EACH" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
       -dict=tests/fuzz/terms.dict -artifact_prefix="tests/fuzz/findings/$t/" \
       "$F/corpus/$t" "$S/$t" >"$F/$t.log" 2>&1; then
    echo "fuzz_$t: ok ($(grep -o 'stat::number_of_executed_units: *[0-9]*' "$F/$t.log" | grep -o '[0-9]*$') runs)"
  else
    echo "fuzz_$t: FAILED; see $F/$t.log and tests/fuzz/findings/$t/"
    grep -E '^(==[0-9]+==ERROR|SUMMARY|.*property failed|.*runtime error)' "$F/$t.log" | head -5
    return 1
  fi
}
for t in $TARGETS; do
  # shellcheck disable=SC2086 # running is a list of pids
  set -- $running
  if [ $# -ge "$JOBS" ]; then # wait for the oldest to end
    wait "$1" || status=1
    shift
    running=$*
  fi
  run_one "$t" >"$F/$t.result" 2>&1 &
  running="$running $!"
done
for p in $running; do wait "$p" || status=1; done
for t in $TARGETS; do cat "$F/$t.result"; done
# an empty findings folder is not worth keeping
for t in $TARGETS; do rmdir "tests/fuzz/findings/$t" 2>/dev/null || true; done
rmdir tests/fuzz/findings 2>/dev/null || true
exit $status
