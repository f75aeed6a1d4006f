# --jobs 2 and --jobs 3 give what one job gives, byte for byte (standard
# output, standard error, exit status and the -o file), for every roster of
# the corpus: tests/bad/rosters (kept and generated), tests/errors/rosters,
# contracts-dsl and the golden rosters, each also with CR-only and CRLF line
# ends and without its final newline; an empty roster and a header alone;
# and rosters of several pieces whose rows end every way, with quoted line
# ends, blank lines across a piece's end, a bad cell, failing rows and
# duplicate ids far into the file.
set -u
fail() { echo "$*"; exit 1; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
cases=0

# same CONTRACT ROSTER [ARGS...]: each of $jobs agrees with one job, for
# each of $modes (stdout: the rows go to standard output; file: to -o FILE)
jobs="2 3" modes="stdout file"
same() {
  c=$1 r=$2; shift 2
  for mode in $modes; do
    for j in 1 $jobs; do
      rm -f "$tmp/o.csv"
      if [ $mode = file ]; then
        "$TERMS" eval "$c" "$r" "$@" --jobs $j -o "$tmp/o.csv" >"$tmp/out$j" 2>"$tmp/err$j"
      else
        "$TERMS" eval "$c" "$r" "$@" --jobs $j >"$tmp/out$j" 2>"$tmp/err$j"
      fi
      echo $? >"$tmp/rc$j"
      if [ -e "$tmp/o.csv" ]; then mv "$tmp/o.csv" "$tmp/file$j"; else echo "(no file)" >"$tmp/file$j"; fi
    done
    for j in $jobs; do
      for what in out err rc file; do
        cmp -s "$tmp/${what}1" "$tmp/$what$j" ||
          fail "$r $* ($mode, --jobs $j): $what differs from one job's: $(diff "$tmp/${what}1" "$tmp/$what$j" | head -c 600)"
      done
    done
    cases=$((cases + 1))
  done
}

# same for a roster that fits in one piece (so --jobs 2 stands for any
# number), and, to standard output, for it with CR-only and CRLF line ends
# and without its final newline (each a roster of its own, good or bad)
variants() {
  vc=$1 vr=$2; shift 2
  jobs=2
  same "$vc" "$vr" "$@"
  v=$tmp/v; mkdir -p "$v"
  base=$(basename "$vr")
  tr '\n' '\r' <"$vr" >"$v/cr-$base"
  sed 's/$/\r/' "$vr" >"$v/crlf-$base"
  head -c -1 "$vr" >"$v/nonl-$base"
  modes=stdout
  for f in "$v"/*; do same "$vc" "$f" "$@"; done
  rm -f "$v"/*
  jobs="2 3" modes="stdout file"
}

B=tests/bad/rosters/contract.terms
for r in tests/bad/rosters/*.csv; do variants $B "$r"; done
for r in tests/errors/rosters/*.csv; do variants tests/errors/rosters/contract.terms "$r"; done
variants contracts-dsl/example-district.terms contracts-dsl/example-district-roster.csv --set 'lead_teacher=$1,200'
variants contracts-dsl/example-district.terms contracts-dsl/example-district-roster.csv
variants contracts-dsl/isd622-2017-2019.terms contracts-dsl/isd622-roster.csv --values contracts-dsl/isd622-illustrative-values.terms
variants contracts-dsl/isd622-2017-2019.terms tests/golden/isd622/roster.csv --values contracts-dsl/isd622-illustrative-values.terms

# the generated ones of tests/bad/run.sh
. tests/bad/rosters/gen.sh
for expected in tests/bad/rosters/gen-*.err; do
  name=$(basename "${expected%.err}")
  fn=$(echo "${name#gen-}" | tr - _)
  "gen_$fn" >"$tmp/$name.csv"
  same $B "$tmp/$name.csv"
  rm -f "$tmp/$name.csv"
done

: >"$tmp/empty.csv"; same $B "$tmp/empty.csv"
printf 'id,lane,step,fte,salary,nb,hired,jobs' >"$tmp/head.csv"; same $B "$tmp/head.csv"
printf 'id,lane,step,fte,salary,nb,hired,jobs\r' >"$tmp/head.csv"; same $B "$tmp/head.csv"
printf '\n' >"$tmp/blank.csv"; same $B "$tmp/blank.csv"
printf '\r\n\r\n' >"$tmp/blank.csv"; same $B "$tmp/blank.csv"

# Many pieces (a piece is about 128 KiB).  ROWS rows; each python argument
# changes something: "blank:N:K" puts K blank lines before row N, "bad:N"
# a lane that is no member at row N, "zero:N" an fte of 0 (the row fails),
# "dup:N:M" row N's id on row M, "long:N" an id longer than a piece at row
# N, "eol:E" every row ending with E (cr, lf, crlf or mixed), "tail:K" K
# blank lines at the end
big() {
  python3 - "$@" <<'PY'
import sys
rows, changes = int(sys.argv[1]), sys.argv[2:]
blank, bad, zero, dup, eol, tail, long = {}, set(), set(), {}, "mixed", 0, set()
for c in changes:
    f = c.split(":")
    if f[0] == "blank": blank[int(f[1])] = int(f[2])
    elif f[0] == "bad": bad.add(int(f[1]))
    elif f[0] == "zero": zero.add(int(f[1]))
    elif f[0] == "dup": dup[int(f[2])] = int(f[1])
    elif f[0] == "eol": eol = f[1]
    elif f[0] == "tail": tail = int(f[1])
    elif f[0] == "long": long.add(int(f[1]))
ends = {"cr": ["\r"], "lf": ["\n"], "crlf": ["\r\n"], "mixed": ["\n", "\r\n", "\r"]}[eol]
out = ["id,lane,step,fte,salary,nb,hired,jobs" + ends[0]]
for n in range(1, rows + 1):
    e = ends[n % len(ends)]
    out.append(e * blank.get(n, 0))
    i = dup.get(n, n)
    ident = 'T%d' % i if i % 5 else '"T%d, ""q""%sline"' % (i, ends[(n + 1) % len(ends)])
    if n in long: ident = 'T%d%s' % (n, 'x' * 300000)
    lane = "PhD" if n in bad else ["BA", "MA", "DOC"][n % 3]
    fte = "0" if n in zero else ["1", "0.5", "0.875"][n % 3]
    jobs = ['', 'band;play', '"Sr. High Band;play"'][n % 3]
    out.append("%s,%s,%d,%s,$%d.25,no,2020-01-01,%s%s" % (ident, lane, n % 13 + 1, fte, 40000 + n, jobs, e))
out.append(ends[0] * tail)
sys.stdout.write("".join(out))
PY
}
R=$tmp/big.csv
for eol in lf cr mixed; do
  if [ $eol = mixed ]; then modes="stdout file"; else modes=stdout; fi
  big 8000 eol:$eol >"$R"; same $B "$R"
  big 8000 eol:$eol long:4000 bad:6000 >"$R"; same $B "$R"
  big 8000 eol:$eol tail:5000 >"$R"; same $B "$R"
  big 8000 eol:$eol blank:2900:10000 >"$R"; same $B "$R"      # blank lines across pieces, then rows
  big 8000 eol:$eol blank:7500:3000 >"$R"; same $B "$R"
  big 8000 eol:$eol bad:6000 >"$R"; same $B "$R"
  big 8000 eol:$eol zero:3 zero:4000 zero:7000 bad:7500 >"$R"; same $B "$R"
  big 8000 eol:$eol zero:5000 >"$R"; same $B "$R"
  big 8000 eol:$eol dup:3:7000 >"$R"; same $B "$R"
  same $B "$R" --allow-duplicate-ids
  big 8000 eol:$eol zero:2 zero:6000 dup:10:6001 >"$R"; same $B "$R"
done
# rows in one piece whose ids earlier rows have (from T$f on): the ids are
# checked in shares, one per job, and the first such row is reported,
# whichever share it is in and whatever the other shares found after it
for f in 1 3 8; do
  args=; for n in $(seq 1 24); do args="$args dup:$((f + n - 1)):$((6400 + n))"; done
  # shellcheck disable=SC2086
  big 8000 zero:$((6300 + f)) $args >"$R"; same $B "$R"
done
# failing rows in every piece: the first ten messages and the count
args=; for n in $(seq 7 397 7900); do args="$args zero:$n"; done
# shellcheck disable=SC2086
big 8000 $args >"$R"; same $B "$R"
[ $cases -gt 250 ] || fail "only $cases cases ran"
exit 0
