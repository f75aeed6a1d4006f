# An interrupted run (SIGINT, SIGTERM) or a full disk leaves the earlier
# output file as it was and no temporary file beside it.
set -u
fail() { echo "$*"; exit 1; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
C=tests/errors/rosters/contract.terms
printf 'id,lane,step,fte,salary,nb,hired,jobs\n' >"$tmp/big.csv"
awk 'BEGIN { for (i = 0; i < 400000; i++) printf "T%d,MA,3,0.5,$40000,no,2020-01-01,band;play\n", i }' >>"$tmp/big.csv"
mkdir "$tmp/out"
for sig in INT TERM; do
  echo "earlier" >"$tmp/out/r.csv"
  "$TERMS" eval $C "$tmp/big.csv" -o "$tmp/out/r.csv" 2>/dev/null &
  pid=$!
  # wait until the temporary file exists, then interrupt
  for i in $(seq 1 200); do ls "$tmp/out" | grep -q tmp && break; sleep 0.02; done
  kill -$sig $pid 2>/dev/null
  wait $pid
  [ "$(cat "$tmp/out/r.csv")" = "earlier" ] || fail "$sig: the earlier file was replaced"
  [ "$(ls "$tmp/out")" = "r.csv" ] || fail "$sig: left behind: $(ls "$tmp/out")"
done
# a write error: /dev/full as the directory's file cannot be renamed into, so
# use a tiny tmpfs when we may mount one, else skip only this part
if mount -t tmpfs -o size=64k tmpfs "$tmp/out" 2>/dev/null; then
  echo "earlier" >"$tmp/out/r.csv"
  "$TERMS" eval $C "$tmp/big.csv" -o "$tmp/out/r.csv" 2>"$tmp/err"
  status=$?
  [ "$(cat "$tmp/out/r.csv")" = "earlier" ] || { umount "$tmp/out"; fail "full disk: the earlier file was replaced"; }
  [ "$(ls "$tmp/out")" = "r.csv" ] || { umount "$tmp/out"; fail "full disk: left behind: $(ls "$tmp/out")"; }
  umount "$tmp/out"
  [ $status -eq 1 ] || fail "full disk: expected exit 1, got $status"
  grep -q "No space left on device" "$tmp/err" || fail "full disk: $(cat "$tmp/err")"
fi
exit 0
