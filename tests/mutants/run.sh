#!/bin/sh
# Mutation testing: how many realistic bugs the test suite catches.
#
#   B=build sh tests/mutants/run.sh [NAME...]     (make mutate)
#
# Each mutant of tests/mutants/list (all, or those named) is one small
# change to one line of the source: a string that must occur on exactly
# one line of its file, and what it becomes.  The working tree is copied
# once to $B/mutate/tree and built there; then for each mutant the file is
# changed, the debug build rebuilt (only what the change touches), and the
# tests run, the quick ones first, stopping at the first that fails: each
# unit test binary, then tests/run.sh (STOP_AT_FAILURE=1).  A mutant of
# code only the portable build compiles (`suite portable`) runs the
# portable build's unit tests and tests/run.sh parts instead.  Each
# mutant is "killed" if a test fails (or takes too long: a timeout),
# "SURVIVED" if every test passes, "STALE" if its line is not in the file
# any more or the change does not build (fix the list).  The file is put
# back before the next.  Prints one line per mutant and the score; exits 1
# if any survived or is stale.  Slow (a build and up to the whole suite per
# mutant): not part of `make test` or CI.
set -u
cd "$(dirname "$0")/../.."
B=${B:-build}
case $B in /*) ;; *) B=$(pwd)/$B ;; esac
W=$B/mutate
LIST=$(pwd)/tests/mutants/list
MAKE=${MAKE:-make}
US=$(printf '\037')

# the list as one line per mutant: name, suite, file, from, to
records() {
  awk -v us="$US" '
    function flush() { if (name != "") print name us suite us file us from us to; name = suite = file = from = to = "" }
    /^#/ || /^[ \t]*$/ { next }
    /^mutant / { flush(); name = substr($0, 8); next }
    /^suite / { suite = substr($0, 7); next }
    /^file / { file = substr($0, 6); next }
    /^from / { from = substr($0, 6); next }
    /^to / { to = substr($0, 4); next }
    { print "tests/mutants/list: cannot read: " $0 > "/dev/stderr"; bad = 1 }
    END { flush(); exit bad }' "$LIST"
}

# replace FROM by TO in FILE, which must hold FROM on exactly one line
mutate() {
  FROM=$2 TO=$3 awk '
    { i = index($0, ENVIRON["FROM"]) }
    i { n++; $0 = substr($0, 1, i - 1) ENVIRON["TO"] substr($0, i + length(ENVIRON["FROM"])) }
    { print }
    END { exit n == 1 ? 0 : 3 }' "$1" >"$W/mutated" && cat "$W/mutated" >"$1"
}

unit_bins() { for t in tests/unit/test_*.c; do t=${t##*/}; echo "build/$1/tests/${t%.c}"; done; }

# runs flavour $1's tests, quick ones first; prints what failed first
suite() {
  for t in $(unit_bins "$1"); do
    timeout 120 "$t" >"$W/test.log" 2>&1 || { echo "${t##*/}"; return 1; }
  done
  if [ "$1" = portable ]; then
    set -- portable golden errors bad tests/cli/jobs.sh
  else
    set -- debug
  fi
  flavour=$1
  shift
  STOP_AT_FAILURE=1 TERMS=build/$flavour/terms timeout 900 sh tests/run.sh "$@" >"$W/test.log" 2>&1 && return 0
  grep -m1 '^FAIL' "$W/test.log" || echo "tests/run.sh (a timeout?)"
  return 1
}

build() { $MAKE -s -j2 B=build "build/$1/terms" $(unit_bins "$1") >"$W/build.log" 2>&1; }

rm -rf "$W"
mkdir -p "$W/tree"
git ls-files --cached --others --exclude-standard | tar --ignore-failed-read -cf - -T - 2>/dev/null | tar -xf - -C "$W/tree"
records >"$W/records" || exit 2
cd "$W/tree" || exit 2

# the suites must pass as the tree is
for flavour in debug portable; do
  grep -q "$US$flavour$US" "$W/records" || [ $flavour = debug ] || continue
  build $flavour || { echo "mutate: the $flavour build fails unmutated: $W/build.log" >&2; exit 2; }
  suite $flavour >/dev/null || { echo "mutate: the $flavour tests fail unmutated: $W/test.log" >&2; exit 2; }
done

killed=0 survived=0 stale=0 total=0
while IFS=$US read -r name kind file from to; do
  if [ $# -gt 0 ]; then
    case " $* " in *" $name "*) ;; *) continue ;; esac
  fi
  flavour=${kind:-debug}
  total=$((total + 1))
  cp "$file" "$W/original"
  if ! mutate "$file" "$from" "$to"; then
    echo "STALE     $name: \"$from\" is not on exactly one line of $file"
    stale=$((stale + 1))
  elif ! build "$flavour"; then
    echo "STALE     $name: does not build ($(grep -m1 'error' "$W/build.log"))"
    stale=$((stale + 1))
  elif by=$(suite "$flavour"); then
    echo "SURVIVED  $name ($file)"
    survived=$((survived + 1))
  else
    echo "killed    $name, by $by"
    killed=$((killed + 1))
  fi
  cat "$W/original" >"$file"
done <"$W/records"
echo "$killed of $total mutants killed, $survived survived, $stale stale"
[ $survived -eq 0 ] && [ $stale -eq 0 ]
