# Progress on standard error (cost, diff --roster, eval): shown when it
# is a terminal (a pseudo-terminal here) and the run is longer than a
# second, with the rows done and the rate; nothing with --quiet, nothing
# when it is not a terminal; standard output the same either way.
set -u
fail() { echo "$*"; exit 1; }
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
OLD=contracts-dsl/example-district.terms
NEW=contracts-dsl/example-district-proposal.terms
python3 contracts-dsl/make-example-roster.py 30000 >"$t/r.csv" || fail "roster generator failed"
run_tty() { # OUT ERR ARGS...: terms ARGS with standard error a terminal
  python3 - "$@" <<'PY'
import os, pty, subprocess, sys, time
out, err, *args = sys.argv[1:]
master, slave = pty.openpty()
start = time.monotonic()
p = subprocess.Popen([os.environ["TERMS"], *args], stdout=open(out, "wb"), stderr=slave)
os.close(slave)
got = b""
while True:
    try:
        chunk = os.read(master, 4096)
    except OSError:
        break
    if not chunk:
        break
    got += chunk
p.wait()
open(err, "wb").write(got)
open(err + ".seconds", "w").write(str(time.monotonic() - start))
sys.exit(p.returncode)
PY
}
A="$NEW $t/r.csv --baseline $OLD --set lead_teacher=\$1,200"
run_tty "$t/out" "$t/err" cost $A || fail "cost failed: $(cat "$t/err")"
# Progress shows once the run is a second old, in whichever pass is then
# running (on a loaded machine the first may be over by then), and the
# second pass, knowing the rows from the first, says the time left.
if [ "$(cut -d. -f1 "$t/err.seconds")" -ge 2 ]; then
  grep -Eq "costing ($NEW \(1 of 2\)|$OLD \(2 of 2\)): [0-9]+ rows, [0-9]+ a second" "$t/err" ||
    fail "no progress on a terminal: $(cat -v "$t/err")"
  if grep -q "costing $OLD (2 of 2)" "$t/err"; then
    grep -q "costing $OLD (2 of 2): [0-9]* rows, [0-9]* a second, about [0-9]* s left" "$t/err" ||
      fail "the second pass should know the time left: $(cat -v "$t/err")"
  fi
else
  echo "progress.sh: the run took under 2 seconds; progress not expected" >&2
fi
run_tty "$t/out2" "$t/err2" cost $A --quiet || fail "cost --quiet failed"
[ ! -s "$t/err2" ] || fail "--quiet printed: $(cat -v "$t/err2")"
cmp -s "$t/out" "$t/out2" || fail "progress changed standard output"
"$TERMS" cost $A >"$t/out3" 2>"$t/err3" || fail "cost failed"
[ ! -s "$t/err3" ] || fail "progress on a pipe: $(cat -v "$t/err3")"
cmp -s "$t/out" "$t/out3" || fail "standard output differs when standard error is not a terminal"
run_tty "$t/out4" "$t/err4" diff "$OLD" "$NEW" --roster "$t/r.csv" --set 'lead_teacher=$1,200' --year 1
[ $? -eq 1 ] || fail "diff --roster failed: $(cat "$t/err4")"
if [ "$(cut -d. -f1 "$t/err4.seconds")" -ge 2 ]; then
  grep -q "[0-9]* rows, [0-9]* a second" "$t/err4" || fail "diff --roster: no progress on a terminal: $(cat -v "$t/err4")"
fi
# eval: the rows done, the rate and (a file's size known) the time left, on
# one job and on two; nothing with --quiet or when standard error is not a
# terminal; the same rows either way.  The roster repeated ten times
# (300,000 rows, each id ten times) makes a run of more than a second.
{ cat "$t/r.csv"; for i in 1 2 3 4 5 6 7 8 9; do tail -n +2 "$t/r.csv"; done; } >"$t/big.csv"
E="eval $NEW $t/big.csv --allow-duplicate-ids --set lead_teacher=\$1,200"
for jobs in 1 2; do
  run_tty "$t/e$jobs" "$t/e$jobs.err" $E --jobs $jobs || fail "eval --jobs $jobs failed: $(cat "$t/e$jobs.err")"
  if [ "$(cut -d. -f1 "$t/e$jobs.err.seconds")" -ge 2 ]; then
    grep -q "[0-9]* rows, [0-9]* a second, about [0-9]* s left" "$t/e$jobs.err" ||
      fail "eval --jobs $jobs: no progress on a terminal: $(cat -v "$t/e$jobs.err")"
  else
    echo "progress.sh: eval --jobs $jobs took under 2 seconds; progress not expected" >&2
  fi
done
cmp -s "$t/e1" "$t/e2" || fail "eval: progress changed the rows"
run_tty "$t/e3" "$t/e3.err" $E --quiet || fail "eval --quiet failed"
[ ! -s "$t/e3.err" ] || fail "eval --quiet printed: $(cat -v "$t/e3.err")"
"$TERMS" $E --jobs 2 >"$t/e4" 2>"$t/e4.err" || fail "eval failed: $(cat "$t/e4.err")"
[ ! -s "$t/e4.err" ] || fail "eval: progress on a pipe: $(cat -v "$t/e4.err")"
cmp -s "$t/e1" "$t/e4" || fail "eval: the rows differ when standard error is not a terminal"
exit 0
