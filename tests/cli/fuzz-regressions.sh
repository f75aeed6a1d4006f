#!/bin/sh
# Every input a fuzzer once crashed on (tests/fuzz/regressions/TARGET/*),
# replayed through the debug build: each must end with exit status 0 or 1
# (an answer or a diagnostic), never a crash or a sanitizer report.
#   parse, check, fmt:  terms check, terms fmt (and fmt of fmt's output)
#   vm:                 the contract before the line "%%" and the roster after it, terms eval
#   roster:             terms eval of tests/errors/rosters/contract.terms over it
set -u
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
run() { # FILE ARGS...: runs terms ARGS, expecting 0 or 1
  f=$1; shift
  "$TERMS" "$@" >"$tmp/out" 2>"$tmp/err" </dev/null
  s=$?
  if [ $s -gt 1 ] || grep -q 'Sanitizer\|runtime error' "$tmp/err"; then
    echo "FAIL $f: terms $* exited $s"; head -20 "$tmp/err"; fail=1
  fi
}
dir=tests/fuzz/regressions
for t in parse check fmt; do
  for f in "$dir/$t"/*; do
    [ -f "$f" ] || continue
    cp "$f" "$tmp/c.terms"
    run "$f" check "$tmp/c.terms"
    run "$f" fmt "$tmp/c.terms"
    if [ $s -eq 0 ]; then cp "$tmp/out" "$tmp/f.terms"; run "$f" fmt --check "$tmp/f.terms"; fi
    run "$f" test "$tmp/c.terms"
  done
done
for f in "$dir"/vm/*; do
  [ -f "$f" ] || continue
  # split as fuzz_vm.c does, byte for byte: the contract keeps the newline before "%%"
  python3 -c 'import sys; d = open(sys.argv[1], "rb").read(); c, s, r = d.partition(b"\n%%\n"); open(sys.argv[2], "wb").write(c + b"\n"); open(sys.argv[3], "wb").write(r)' \
    "$f" "$tmp/c.terms" "$tmp/r.csv"
  run "$f" eval "$tmp/c.terms" "$tmp/r.csv"
  run "$f" eval "$tmp/c.terms" "$tmp/r.csv" --format jsonl
done
for f in "$dir"/roster/*; do
  [ -f "$f" ] || continue
  run "$f" eval tests/errors/rosters/contract.terms "$f"
done
# fmt once took quadratic time in an example's length, and diagnostics
# counted lines from the file's start for each message (minutes for these
# two, whose 4 MB of comments come first); each must take seconds
seq 200000 | sed 's/^/# a comment line to make the file long /' >"$tmp/prefix"
{ cat "$tmp/prefix"; printf 'employee:\n  x: integer\ny = x\nexample "e":\n'; seq 5000 | sed 's/^/  given x = /'; } >"$tmp/long.terms"
if ! timeout 60 "$TERMS" fmt "$tmp/long.terms" >"$tmp/out" 2>"$tmp/err"; then
  echo "FAIL: terms fmt of a 5,000-line example failed or took over a minute"; head -5 "$tmp/err"; fail=1
fi
{ cat "$tmp/prefix"; printf 'employee:\n  x: integer\n'; seq 5000 | sed 's/.*/y& = x + $1/'; } >"$tmp/errors.terms"
timeout 60 "$TERMS" check "$tmp/errors.terms" >"$tmp/out" 2>"$tmp/err"
s=$?
if [ $s -ne 1 ] || grep -q 'Sanitizer\|runtime error' "$tmp/err"; then
  echo "FAIL: terms check of 5,000 errors exited $s (124: it took over a minute)"; tail -n 3 "$tmp/err"; fail=1
fi
# terms diff counted each change's line from the file's start (a minute
# for 5,000 changed params after 4 MB of comments)
{ cat "$tmp/prefix"; printf 'employee:\n  x: integer\n'; seq 5000 | sed 's/.*/param p& = $1/'; } >"$tmp/old.terms"
sed 's/= \$1$/= $2/' "$tmp/old.terms" >"$tmp/new.terms"
timeout 60 "$TERMS" diff "$tmp/old.terms" "$tmp/new.terms" >"$tmp/out" 2>"$tmp/err"
s=$?
if [ $s -ne 1 ] || [ "$(grep -c '^  changed param' "$tmp/out")" != 5000 ] || ! grep -q "old.terms:205002, .*new.terms:205002" "$tmp/out"; then
  echo "FAIL: terms diff of 5,000 changes exited $s (124: it took over a minute)"; tail -n 3 "$tmp/out" "$tmp/err"; fail=1
fi
exit $fail
