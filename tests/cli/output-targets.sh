# Where an output goes (runtime/target.h, docs/security.md "Safe outputs"):
# a FIFO, a device and /dev/fd/N are written directly and stay what they
# are; an output naming one of the run's inputs, or another output, is
# refused before anything is read; a symbolic link is followed; a file
# this user may not write is refused as the shell's `>` would.
set -u
fail() { echo "$*"; exit 1; }
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
chmod 755 "$t"
cp tests/errors/rosters/contract.terms "$t/c.terms"
printf 'id,lane,step,fte,salary,nb,hired,jobs\nA1,MA,3,0.5,$40000,no,2020-01-01,band\nA2,BA,3,1,$30000,no,2020-01-01,play\n' >"$t/r.csv"
printf 'id,lane,pay\nA1,MA,80000.00\nA2,BA,30000.00\n' >"$t/want.csv"
printf 'pay = round(salary / fte)\n' >"$t/v.terms"
cp "$t/c.terms" "$t/b.terms"
printf 'employee:\n  id: text\nthis is not a contract\n' >"$t/broken.terms"
for f in c.terms r.csv v.terms b.terms broken.terms; do cp "$t/$f" "$t/$f.orig"; done
inodes() { ls -i "$t/c.terms" "$t/r.csv" "$t/v.terms" "$t/b.terms" "$t/broken.terms"; }
inodes >"$t/inodes"

# refused STATUS MESSAGE ARGS...: terms ARGS exits STATUS, prints exactly
# MESSAGE (and for a usage error the hint), and writes nothing to stdout
refused() {
  status=$1 message=$2; shift 2
  "$TERMS" "$@" >"$t/out" 2>"$t/err"
  got=$?
  [ $got -eq "$status" ] || fail "terms $*: exit $got, expected $status: $(cat "$t/err")"
  if [ "$status" -eq 2 ]; then
    printf 'terms %s: %s\nTry `terms %s --help`.\n' "$1" "$message" "$1" | cmp -s - "$t/err" || fail "terms $*: $(cat "$t/err")"
  else
    printf 'terms: %s\n' "$message" | cmp -s - "$t/err" || fail "terms $*: $(cat "$t/err")"
  fi
  [ ! -s "$t/out" ] || fail "terms $*: wrote $(cat "$t/out")"
}

# ---- an output that is one of the run's inputs, of each kind ----
refused 2 "-o $t/r.csv would overwrite the roster this run reads; write the output to another file" \
  eval "$t/c.terms" "$t/r.csv" -o "$t/r.csv"
refused 2 "-o $t/c.terms would overwrite the contract this run reads; write the output to another file" \
  eval "$t/c.terms" "$t/r.csv" -o "$t/c.terms"
refused 2 "-o $t/v.terms would overwrite the values file this run reads; write the output to another file" \
  eval "$t/c.terms" "$t/r.csv" --values "$t/v.terms" -o "$t/v.terms"
refused 2 "--html $t/c.terms would overwrite the contract this run reads; write the output to another file" \
  cost "$t/c.terms" "$t/r.csv" --total pay --html "$t/c.terms"
refused 2 "--html $t/b.terms would overwrite the baseline contract this run reads; write the output to another file" \
  cost "$t/c.terms" "$t/r.csv" --total pay --baseline "$t/b.terms" --html "$t/b.terms"
refused 2 "--xlsx $t/r.csv would overwrite the roster this run reads; write the output to another file" \
  cost "$t/c.terms" "$t/r.csv" --total pay --xlsx "$t/r.csv"
refused 2 "--xlsx $t/v.terms would overwrite the values file this run reads; write the output to another file" \
  cost "$t/c.terms" "$t/r.csv" --total pay --values "$t/v.terms" --xlsx "$t/v.terms"
# under another name: a symbolic link, a hard link, a descriptor
ln -s r.csv "$t/link-to-roster.csv"
refused 2 "-o $t/link-to-roster.csv would overwrite the roster this run reads ($t/r.csv); write the output to another file" \
  eval "$t/c.terms" "$t/r.csv" -o "$t/link-to-roster.csv"
ln "$t/c.terms" "$t/hard.terms"
refused 2 "--html $t/hard.terms would overwrite the contract this run reads ($t/c.terms); write the output to another file" \
  cost "$t/c.terms" "$t/r.csv" --total pay --html "$t/hard.terms"
"$TERMS" eval "$t/c.terms" - -o /dev/fd/0 0<>"$t/r.csv" >"$t/out" 2>"$t/err"
[ $? -eq 2 ] || fail "a roster on standard input as the output: $(cat "$t/err")"
grep -qx "terms eval: -o /dev/fd/0 would overwrite the roster this run reads (standard input); write the output to another file" "$t/err" ||
  fail "a roster on standard input as the output: $(cat "$t/err")"
# standard output appended to the roster
"$TERMS" eval "$t/c.terms" "$t/r.csv" >>"$t/r.csv" 2>"$t/err"
[ $? -eq 2 ] || fail "standard output onto the roster: $(cat "$t/err")"
grep -qx "terms eval: standard output would overwrite the roster this run reads ($t/r.csv); write the output to another file" "$t/err" ||
  fail "standard output onto the roster: $(cat "$t/err")"
# refused before anything is read: a broken contract is not parsed, a FIFO
# roster (with no writer, a read would wait for ever) is not opened
refused 2 "-o $t/broken.terms would overwrite the contract this run reads; write the output to another file" \
  eval "$t/broken.terms" "$t/r.csv" -o "$t/broken.terms"
mkfifo "$t/roster.fifo"
timeout 10 "$TERMS" eval "$t/c.terms" "$t/roster.fifo" -o "$t/roster.fifo" >/dev/null 2>"$t/err"
[ $? -eq 2 ] || fail "a FIFO roster as the output: $(cat "$t/err")"
# every input as it was, the same file (not a copy renamed into place)
for f in c.terms r.csv v.terms b.terms broken.terms; do
  cmp -s "$t/$f" "$t/$f.orig" || fail "$f was changed"
done
inodes | cmp -s - "$t/inodes" || fail "an input was replaced"

# ---- the same output twice ----
refused 2 "--html $t/twice and --xlsx $t/twice are the same file; give each output its own" \
  cost "$t/c.terms" "$t/r.csv" --total pay --html "$t/twice" --xlsx "$t/twice"
[ ! -e "$t/twice" ] || fail "the same output twice: written"
echo old >"$t/report"
ln -s report "$t/report-link"
refused 2 "--html $t/report and --xlsx $t/report-link are the same file; give each output its own" \
  cost "$t/c.terms" "$t/r.csv" --total pay --html "$t/report" --xlsx "$t/report-link"
[ "$(cat "$t/report")" = old ] || fail "the same output twice: the earlier file was changed"

# ---- a FIFO, a character device, a descriptor: written directly ----
mkfifo "$t/out.fifo"
cat "$t/out.fifo" >"$t/from-fifo" &
reader=$!
"$TERMS" eval "$t/c.terms" "$t/r.csv" -o "$t/out.fifo" || fail "a FIFO: terms failed"
wait $reader
[ -p "$t/out.fifo" ] || fail "the FIFO was replaced"
cmp -s "$t/from-fifo" "$t/want.csv" || fail "a FIFO: $(cat "$t/from-fifo")"
[ -z "$(ls -A "$t" | grep terms-tmp)" ] || fail "a FIFO: a temporary file left"
if [ "$(id -u)" -eq 0 ] && mknod "$t/null" c 1 3 2>/dev/null; then
  # a /dev/null of our own: the same device, so a failure here harms nothing
  "$TERMS" eval "$t/c.terms" "$t/r.csv" -o "$t/null" || fail "a device: terms failed"
  [ -c "$t/null" ] || fail "the character device was replaced by a file"
  "$TERMS" cost "$t/c.terms" "$t/r.csv" --total pay --html "$t/null" --xlsx "$t/null" >/dev/null || fail "a device twice: refused"
  [ -c "$t/null" ] || fail "the character device was replaced by a report"
  mknod "$t/disk" b 7 250
  refused 1 "cannot write $t/disk: it is a disk device; terms writes files, pipes and devices such as /dev/null" \
    eval "$t/c.terms" "$t/r.csv" -o "$t/disk"
fi
"$TERMS" eval "$t/c.terms" "$t/r.csv" -o /dev/fd/3 3>&1 >/dev/null | cat >"$t/piped"
cmp -s "$t/piped" "$t/want.csv" || fail "/dev/fd/3: $(cat "$t/piped")"
"$TERMS" cost "$t/c.terms" "$t/r.csv" --total pay --xlsx /dev/fd/3 3>&1 >/dev/null | cat >"$t/piped.xlsx"
python3 -c 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).read("xl/workbook.xml")' "$t/piped.xlsx" || fail "--xlsx /dev/fd/3: not a workbook"
if command -v bash >/dev/null; then
  T="$TERMS" D="$t" bash -c '"$T" eval "$D/c.terms" "$D/r.csv" -o >(cat >"$D/substituted")' || fail "-o >(...): terms failed"
  for i in $(seq 1 100); do cmp -s "$t/substituted" "$t/want.csv" && break; sleep 0.05; done
  cmp -s "$t/substituted" "$t/want.csv" || fail "-o >(...): $(cat "$t/substituted")"
fi
refused 1 "cannot write /dev/fd/9: Bad file descriptor" eval "$t/c.terms" "$t/r.csv" -o /dev/fd/9
python3 -c 'import socket, sys; socket.socket(socket.AF_UNIX).bind(sys.argv[1])' "$t/socket"
refused 1 "cannot write $t/socket: it is a socket; terms writes files, pipes and devices such as /dev/null" \
  eval "$t/c.terms" "$t/r.csv" -o "$t/socket"

# ---- `-` for every output: standard output, in place of cost's summary ----
"$TERMS" cost "$t/c.terms" "$t/r.csv" --total pay --html - >"$t/page" || fail "--html -: failed"
head -n 1 "$t/page" | grep -qx '<!DOCTYPE html>' || fail "--html -: $(head -n 3 "$t/page")"
! grep -q '^cost over' "$t/page" || fail "--html -: the text summary is mixed in"
[ ! -e ./- ] && [ ! -e "$t/-" ] || fail "--html -: a file named - was written"
"$TERMS" cost "$t/c.terms" "$t/r.csv" --total pay --xlsx - | cat >"$t/book.xlsx"
python3 -c 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).read("xl/workbook.xml")' "$t/book.xlsx" || fail "--xlsx -: not a workbook"
"$TERMS" cost "$t/c.terms" "$t/r.csv" --total pay --html - --xlsx - 2>"$t/err" | cat >/dev/null
grep -qx 'terms cost: --html - and --xlsx - are the same file; give each output its own' "$t/err" || fail "--html - --xlsx -: $(cat "$t/err")"
refused 2 "-w rewrites files, and - is standard input: leave out -w to write the result to standard output" fmt -w -
if command -v script >/dev/null; then
  # a workbook is not for a terminal (script gives the command one)
  script -qec "$TERMS cost $t/c.terms $t/r.csv --total pay --xlsx -" /dev/null </dev/null | tr -d '\r' >"$t/tty"
  printf 'terms cost: --xlsx -: an Excel workbook is not for a terminal; redirect standard output to a file\nTry `terms cost --help`.\n' |
    cmp -s - "$t/tty" || fail "--xlsx - to a terminal: $(cat "$t/tty")"
fi

# ---- a symbolic link is followed: the file it names is replaced ----
echo old >"$t/real.csv"
chmod 640 "$t/real.csv"
ln -s real.csv "$t/link.csv"
"$TERMS" eval "$t/c.terms" "$t/r.csv" -o "$t/link.csv" || fail "a link: terms failed"
[ -L "$t/link.csv" ] || fail "the link was replaced by a file"
cmp -s "$t/real.csv" "$t/want.csv" || fail "a link: the file it names holds $(cat "$t/real.csv")"
[ "$(stat -c %a "$t/real.csv")" = 640 ] || fail "a link: permissions $(stat -c %a "$t/real.csv"), expected 640"
mkdir "$t/sub"
ln -s ../new.csv "$t/sub/dangling.csv"
"$TERMS" eval "$t/c.terms" "$t/r.csv" -o "$t/sub/dangling.csv" || fail "a link to no file yet: terms failed"
[ -L "$t/sub/dangling.csv" ] && cmp -s "$t/new.csv" "$t/want.csv" || fail "a link to no file yet: not followed"
[ -z "$(ls -A "$t" "$t/sub" | grep terms-tmp)" ] || fail "a link: a temporary file left"
sed 's/^pay = /pay  =  /' "$t/c.terms" >"$t/real.terms"
ln -s real.terms "$t/link.terms"
"$TERMS" fmt -w "$t/link.terms" || fail "fmt -w of a link failed"
[ -L "$t/link.terms" ] && grep -q '^pay = round' "$t/real.terms" || fail "fmt -w: the link was not followed"

# ---- a folder, a missing folder ----
refused 1 "cannot write $t: Is a directory" eval "$t/c.terms" "$t/r.csv" -o "$t"
refused 1 "cannot write $t/none/out.csv: No such file or directory" eval "$t/c.terms" "$t/r.csv" -o "$t/none/out.csv"
timeout 10 "$TERMS" fmt -w "$t/out.fifo" 2>"$t/err"
[ $? -eq 1 ] && grep -qx "terms: cannot rewrite $t/out.fifo: -w rewrites files, and it is a pipe or a device" "$t/err" ||
  fail "fmt -w of a FIFO: $(cat "$t/err")"

# ---- a read-only file: refused as the shell's `>` would refuse it ----
mkdir "$t/u" "$t/u/closed"
cp "$t/c.terms" "$t/r.csv" "$t/u/"
sed 's/^pay = /pay  =  /' "$t/c.terms" >"$t/u/ro.terms"
echo old >"$t/u/ro.csv"
echo old >"$t/u/closed/out.csv"
chmod 444 "$t/u/ro.csv" "$t/u/ro.terms"
chmod 666 "$t/u/closed/out.csv"
chmod 555 "$t/u/closed"
chmod 777 "$t/u"
if [ "$(id -u)" -ne 0 ]; then
  as_user() { "$@"; }
elif command -v setpriv >/dev/null; then
  as_user() { setpriv --reuid=65534 --regid=65534 --clear-groups "$@"; }
else
  as_user() { return 99; }
fi
as_user sh -c 'echo x >"$1"' - "$t/u/ro.csv" 2>/dev/null
shell=$?
if [ $shell -ne 99 ]; then
  [ $shell -ne 0 ] || fail "test set-up: the shell wrote the read-only file"
  as_user "$TERMS" eval "$t/u/c.terms" "$t/u/r.csv" -o "$t/u/ro.csv" >"$t/out" 2>"$t/err"
  [ $? -eq 1 ] && grep -qx "terms: cannot write $t/u/ro.csv: Permission denied" "$t/err" || fail "read-only: $(cat "$t/err")"
  [ "$(cat "$t/u/ro.csv")" = old ] || fail "read-only: the file was replaced"
  as_user "$TERMS" fmt -w "$t/u/ro.terms" 2>"$t/err"
  [ $? -eq 1 ] && grep -qx "terms: cannot write $t/u/ro.terms: Permission denied" "$t/err" || fail "fmt -w read-only: $(cat "$t/err")"
  grep -q '^pay  =  round' "$t/u/ro.terms" || fail "fmt -w read-only: the file was rewritten"
  as_user "$TERMS" eval "$t/u/c.terms" "$t/u/r.csv" -o "$t/u/closed/out.csv" 2>"$t/err"
  [ $? -eq 1 ] && grep -qx "terms: cannot write $t/u/closed/out.csv: cannot create a file in $t/u/closed: Permission denied" "$t/err" ||
    fail "a folder closed to the user: $(cat "$t/err")"
  [ "$(cat "$t/u/closed/out.csv")" = old ] || fail "a folder closed to the user: the file was changed"
fi
if [ "$(id -u)" -eq 0 ]; then
  # root writes a read-only file, as the shell's `>` lets root; it stays read-only
  "$TERMS" eval "$t/u/c.terms" "$t/u/r.csv" -o "$t/u/ro.csv" || fail "root, read-only: refused"
  cmp -s "$t/u/ro.csv" "$t/want.csv" && [ "$(stat -c %a "$t/u/ro.csv")" = 444 ] || fail "root, read-only: not written, or not kept read-only"
fi
exit 0
