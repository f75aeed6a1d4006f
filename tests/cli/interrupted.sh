# An interrupted run (SIGINT, SIGTERM) or a full disk leaves the earlier
# output file as it was and no temporary file beside it; an ignored SIGHUP
# (nohup) stays ignored; the temporary file a SIGKILL leaves behind has a
# name that says what it is, and the next run for that name removes it.
set -u
fail() { echo "$*"; exit 1; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
C=tests/errors/rosters/contract.terms
printf 'id,lane,step,fte,salary,nb,hired,jobs\n' >"$tmp/big.csv"
awk 'BEGIN { for (i = 0; i < 400000; i++) printf "T%d,MA,3,0.5,$40000,no,2020-01-01,band;play\n", i }' >>"$tmp/big.csv"
mkdir "$tmp/out"
# `cmd &` in a script starts cmd with SIGINT ignored, and terms leaves an
# ignored signal ignored: started as from a terminal, with SIGINT as usual
as_usual() { exec python3 -c 'import os, signal, sys; signal.signal(signal.SIGINT, signal.SIG_DFL); os.execvp(sys.argv[1], sys.argv[1:])' "$@"; }
for sig in INT TERM; do
  echo "earlier" >"$tmp/out/r.csv"
  as_usual "$TERMS" eval $C "$tmp/big.csv" -o "$tmp/out/r.csv" 2>/dev/null &
  pid=$!
  # wait until the temporary file exists, then interrupt
  for i in $(seq 1 200); do ls -A "$tmp/out" | grep -q tmp && break; sleep 0.02; done
  kill -$sig $pid 2>/dev/null
  wait $pid
  [ "$(cat "$tmp/out/r.csv")" = "earlier" ] || fail "$sig: the earlier file was replaced"
  [ "$(ls -A "$tmp/out")" = "r.csv" ] || fail "$sig: left behind: $(ls -A "$tmp/out")"
done
# started with SIGHUP ignored, as nohup starts it: a hangup does not stop it
sh -c 'trap "" HUP; exec "$@"' - "$TERMS" eval $C "$tmp/big.csv" -o "$tmp/out/r.csv" 2>"$tmp/err" &
pid=$!
for i in $(seq 1 200); do ls -A "$tmp/out" | grep -q tmp && break; sleep 0.02; done
kill -HUP $pid 2>/dev/null
wait $pid
status=$?
[ $status -eq 0 ] || fail "SIGHUP ignored: exit $status: $(cat "$tmp/err")"
[ "$(wc -l <"$tmp/out/r.csv")" -eq 400001 ] || fail "SIGHUP ignored: $(wc -l <"$tmp/out/r.csv") lines written"
# SIGKILL cannot be caught: the temporary file stays, named for its output
# and its process; the next run removes it, and those of other runs that
# are gone, but not one of a run still going (this shell)
echo "earlier" >"$tmp/out/r.csv"
"$TERMS" eval $C "$tmp/big.csv" -o "$tmp/out/r.csv" 2>/dev/null &
pid=$!
for i in $(seq 1 200); do ls -A "$tmp/out" | grep -q tmp && break; sleep 0.02; done
kill -KILL $pid
wait $pid
[ "$(ls -A "$tmp/out" | grep -v '^r.csv$')" = ".r.csv.terms-tmp.$pid" ] || fail "SIGKILL: left behind: $(ls -A "$tmp/out")"
sh -c 'exit 0' &
gone=$!
wait $gone
echo stale >"$tmp/out/.r.csv.terms-tmp.$gone"
echo live >"$tmp/out/.r.csv.terms-tmp.$$"
echo other >"$tmp/out/.s.csv.terms-tmp.$gone"
head -n 3 "$tmp/big.csv" >"$tmp/small.csv"
"$TERMS" eval $C "$tmp/small.csv" -o "$tmp/out/r.csv" 2>"$tmp/err" || fail "after SIGKILL: $(cat "$tmp/err")"
[ "$(LC_ALL=C ls -A "$tmp/out" | tr '\n' ' ')" = ".r.csv.terms-tmp.$$ .s.csv.terms-tmp.$gone r.csv " ] || fail "after SIGKILL: $(ls -A "$tmp/out")"
[ "$(wc -l <"$tmp/out/r.csv")" -eq 3 ] || fail "after SIGKILL: the output is not the new one"
rm -f "$tmp/out/.r.csv.terms-tmp.$$" "$tmp/out/.s.csv.terms-tmp.$gone"
# a write error: /dev/full as the directory's file cannot be renamed into, so
# use a tiny tmpfs when we may mount one, else skip only this part
if mount -t tmpfs -o size=64k tmpfs "$tmp/out" 2>/dev/null; then
  echo "earlier" >"$tmp/out/r.csv"
  "$TERMS" eval $C "$tmp/big.csv" -o "$tmp/out/r.csv" 2>"$tmp/err"
  status=$?
  [ "$(cat "$tmp/out/r.csv")" = "earlier" ] || { umount "$tmp/out"; fail "full disk: the earlier file was replaced"; }
  [ "$(ls -A "$tmp/out")" = "r.csv" ] || { umount "$tmp/out"; fail "full disk: left behind: $(ls -A "$tmp/out")"; }
  umount "$tmp/out"
  [ $status -eq 1 ] || fail "full disk: expected exit 1, got $status"
  grep -q "No space left on device" "$tmp/err" || fail "full disk: $(cat "$tmp/err")"
fi
exit 0
