#!/bin/sh
# The bad-input corpus (docs/security.md): contracts and rosters that are
# broken, hostile or huge, each with the exact diagnostic it must give.
#
#   contracts/NAME.terms   `terms check NAME.terms [ARGS]` (ARGS from NAME.args
#                          if there is one) must exit 1 and print exactly NAME.err
#   contracts/gen-NAME.err a contract too big to keep in git: gen_NAME below
#                          writes it, and it is checked from a temporary
#                          folder as gen-NAME.terms (with gen-NAME.args if
#                          there is one); with gen-NAME.out instead, it must
#                          pass and print that
#   rosters/NAME.csv       `terms eval rosters/contract.terms NAME.csv -o DIR/out.csv`
#                          must exit 1, print exactly NAME.err and leave DIR
#                          empty; with NAME.out instead of NAME.err it must
#                          succeed and write exactly NAME.out
#                          (a roster named WORD-REST.csv is read with
#                          rosters/WORD.terms instead, if there is one, and
#                          with ARGS added from NAME.args if there is one)
#   rosters/gen-NAME.err   a roster written by gen_NAME, checked the same way
#
# Sourced by tests/run.sh, whose ok/bad functions count the cases; run on
# its own (TERMS=build/debug/terms sh tests/bad/run.sh) it counts for itself.
set -u
if ! command -v ok >/dev/null 2>&1; then
  TERMS=${TERMS:-build/terms}
  case $TERMS in /*) ;; *) TERMS=$(pwd)/$TERMS ;; esac
  pass=0 fail=0 standalone=1
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' EXIT
  ok() { pass=$((pass + 1)); }
  bad() { fail=$((fail + 1)); echo "FAIL $1"; [ -n "${2:-}" ] && sed 's/^/    /' "$2" | head -40; }
fi
bad_dir=tests/bad
gen=$tmp/bad-gen
rm -rf "$gen"
mkdir -p "$gen"

# N copies of a string, with no newline
repeat() { awk -v n="$1" -v s="$2" 'BEGIN { for (i = 0; i < n; i++) printf "%s", s }'; }

# ---- generated contracts ----
head_lines() { printf 'employee:\n  id: text\n  salary: money\n\n'; }
gen_deep_parens() {     # 10,000 nested parentheses
  head_lines; printf 'x = '; repeat 10000 '('; printf salary; repeat 10000 ')'; printf '\noutput id, x\n'; }
gen_chain_256() {       # a chain of 256 operators, binary and unary: at the limit, fine
  head_lines; printf 'x = salary'; repeat 256 ' + salary'; printf '\ny = '; repeat 256 '-'; printf 'salary\noutput id, x, y\n'; }
gen_chain_257() {       # one operator more
  head_lines; printf 'x = salary'; repeat 257 ' + salary'; printf '\noutput id, x\n'; }
gen_long_sum() {        # a + a + ... with 100,000 terms
  head_lines; printf 'x = salary'; repeat 99999 ' + salary'; printf '\noutput id, x\n'; }
gen_deep_minus() {      # 10,000 unary minus signs: the parser's own stack
  head_lines; printf 'x = '; repeat 10000 '-'; printf 'salary\noutput id, x\n'; }
gen_deep_if() {         # if ... else if ... 5,000 deep
  head_lines; printf 'x = '; repeat 5000 'if salary > $1 then $1 else '; printf '$0\noutput id, x\n'; }
gen_long_name() {       # a 10 MB line: one name
  head_lines; repeat 1048576 'abcdefghij'; printf ' = salary\noutput id\n'; }
gen_long_string() {     # a 10 MB line: a string never closed
  printf 'contract "'; repeat 1048576 'Agreement '; printf '\n'; head_lines; printf 'output id\n'; }
gen_long_comment() {    # a 10 MB comment: fine, and quick
  head_lines; printf '# '; repeat 1048576 'comment.. '; printf '\noutput id\n'; }
gen_schedule_rows() {   # a schedule with 100,000 rows
  printf 'enum Lane: BA, MA\nemployee:\n  id: text\n  step: integer 1 to 100000\n  lane: Lane\n\nschedule pay by step, lane\n  step BA MA\n'
  awk 'BEGIN { for (i = 1; i <= 100000; i++) printf "  %d $%d $%d\n", i, 40000 + i % 1000, 41000 + i % 1000 }'
  printf 'x = pay[step, lane]\noutput id, x\n'; }
gen_many_outputs() {    # 50,000 names on the output line
  head_lines; printf 'output id'; repeat 49999 ', id'; printf '\n'; }
gen_definition_chain() { # 3,000 definitions, each using the next
  head_lines; awk 'BEGIN { for (i = 0; i < 3000; i++) printf "d%d = d%d + $1\n", i, i + 1 }'; printf 'd3000 = salary\noutput id, d0\n'; }
gen_param_chain() {     # 3,000 params, each computed from the next
  head_lines; awk 'BEGIN { for (i = 0; i < 3000; i++) printf "param p%d = p%d + $1\n", i, i + 1 }'; printf 'param p3000 = $1\nx = p0\noutput id, x\n'; }
gen_many_errors() {     # 1 MB of characters that are each an error
  head_lines; printf 'x = '; repeat 1048576 '@'; printf '\noutput id, x\n'; }
# the component prover (docs/security.md): 400 disjoint rules, each an `and`
# of three 16-way `or` groups, as sets or as chains of `=`: decided at once
gen_prove_or_groups() {
  awk 'BEGIN {
    printf "enum E: m0"; for (i = 1; i < 200; i++) printf ", m%d", i; printf "\n"
    printf "employee:\n  id: text\n  k: integer\n  a: E\n  b: E\n  c: E\n\nt: at most one\n"
    for (r = 0; r < 400; r++) {
      printf "t r%d when k = %d", r, r
      for (g = 0; g < 3; g++) {
        printf " and "; f = substr("abc", g + 1, 1)
        if (r % 2) { printf "%s in [m%d", f, r % 184; for (j = 1; j < 16; j++) printf ", m%d", r % 184 + j; printf "]" }
        else { printf "(%s = m%d", f, r % 184; for (j = 1; j < 16; j++) printf " or %s = m%d", f, r % 184 + j; printf ")" }
      }
      printf " add $1\n"
    }
    printf "output id, t\n" }'; }
# 40 such rules with each group across three fields, which no set can hold:
# past the budget of boxes, so undecided
gen_prove_boxes() {
  printf 'employee:\n  id: text\n  k: integer\n  x: integer\n  y: integer\n  z: integer\n\nt: at most one\n'
  awk 'BEGIN {
    for (r = 0; r < 40; r++) {
      printf "t r%d when k = %d", r, r
      for (g = 0; g < 3; g++) {
        printf " and (x = %d", 2 * g; for (j = 1; j < 16; j++) printf " or %s = %d", substr("xyz", (j + g) % 3 + 1, 1), 2 * (j + g); printf ")" }
      printf " add $1\n"
    }
    printf "output id, t\n" }'; }
# the budget of steps: what 1,000 rules leave uncovered of two integer fields
gen_prove_steps() {
  printf 'employee:\n  id: text\n  x: integer\n  y: integer\n\nt: exactly one\n'
  awk 'BEGIN { for (r = 0; r < 1000; r++) printf "t r%d when x = %d and y = %d add $1\n", r, r, r }'; printf 'output id, t\n'; }
gen_fn_nesting() {      # 40 functions, each calling the next: calls nest more than 32 deep
  head_lines; awk 'BEGIN { for (i = 0; i < 40; i++) printf "function f%d(x: money): money = f%d(x) + $1\n", i, i + 1 }'
  printf 'function f40(x: money): money = x\nx = f0(salary)\noutput id, x\n'; }
gen_fn_doubling() {     # 20 functions, each calling the next twice: 2^20 copies written out
  head_lines; awk 'BEGIN { for (i = 0; i < 20; i++) printf "function f%d(x: money): money = f%d(x) + f%d(x)\n", i, i + 1, i + 1 }'
  printf 'function f20(x: money): money = x\nx = f0(salary)\noutput id, x\n'; }
gen_fn_many_calls() {   # a function 98,299 operations long written out, called 11 times
  head_lines; awk 'BEGIN { for (i = 0; i < 14; i++) printf "function f%d(x: money): money = f%d(x) + f%d(x)\n", i, i + 1, i + 1 }'
  printf 'function f14(x: money): money = x\nx = f0(salary)'; repeat 10 ' + f0(salary)'; printf '\noutput id, x\n'; }

for expected in "$bad_dir"/contracts/gen-*.err "$bad_dir"/contracts/gen-*.out; do
  [ -e "$expected" ] || continue
  name=$(basename "${expected%.*}")
  fn=$(echo "${name#gen-}" | tr - _)
  args=
  [ -e "${expected%.*}.args" ] && args=$(cat "${expected%.*}.args")
  (cd "$gen" && "gen_$fn" >"$name.terms")
  # shellcheck disable=SC2086 # ARGS are words
  (cd "$gen" && timeout 120 "$TERMS" check "$name.terms" $args >out 2>err)
  status=$?
  case $expected in
  *.out) want=0; got=$gen/out ;;
  *) want=1; got=$gen/err ;;
  esac
  if [ $status -ne $want ]; then bad "$expected: exit $status, expected $want" "$gen/err"; continue; fi
  if cmp -s "$got" "$expected"; then ok; else
    diff "$expected" "$got" | head -c 4000 >"$gen/diff"; bad "$expected: output differs" "$gen/diff"; fi
  rm -f "$gen/$name.terms"
done

# ---- contracts kept in git ----
for src in "$bad_dir"/contracts/*.terms; do
  [ -e "$src" ] || continue
  args=
  [ -e "${src%.terms}.args" ] && args=$(cat "${src%.terms}.args")
  # shellcheck disable=SC2086 # ARGS are words
  timeout 60 "$TERMS" check "$src" $args >"$gen/out" 2>"$gen/err"
  status=$?
  if [ $status -ne 1 ]; then bad "$src: exit $status, expected 1" "$gen/err"; continue; fi
  if cmp -s "$gen/err" "${src%.terms}.err"; then ok; else
    diff "${src%.terms}.err" "$gen/err" >"$gen/diff"; bad "$src: diagnostics differ" "$gen/diff"; fi
done

# ---- generated rosters ----
. "$bad_dir/rosters/gen.sh"

# NAME.csv, its expected file and its place: runs eval into an empty folder
check_roster() {
  roster=$1 expected=$2 shown=$3
  rm -rf "$gen/o"; mkdir "$gen/o"
  contract=$bad_dir/rosters/contract.terms
  word=$(basename "$roster"); word=${word%%-*}
  [ -e "$bad_dir/rosters/$word.terms" ] && contract=$bad_dir/rosters/$word.terms
  args=
  [ -e "${roster%.csv}.args" ] && args=$(cat "${roster%.csv}.args")
  timeout 120 "$TERMS" eval "$contract" "$roster" $args -o "$gen/o/out.csv" >"$gen/out" 2>"$gen/err"
  status=$?
  case $expected in
  *.out)
    if [ $status -ne 0 ]; then bad "$shown: exit $status, expected 0" "$gen/err"; return; fi
    if cmp -s "$gen/o/out.csv" "$expected"; then ok; else
      diff "$expected" "$gen/o/out.csv" >"$gen/diff"; bad "$shown: output differs" "$gen/diff"; fi
    return ;;
  esac
  if [ $status -ne 1 ]; then bad "$shown: exit $status, expected 1" "$gen/err"; return; fi
  if [ -n "$(ls -A "$gen/o")" ]; then bad "$shown: left $(ls -A "$gen/o") behind"; return; fi
  if cmp -s "$gen/err" "$expected"; then ok; else
    diff "$expected" "$gen/err" | head -c 4000 >"$gen/diff"; bad "$shown: diagnostics differ" "$gen/diff"; fi
}

for expected in "$bad_dir"/rosters/gen-*.err; do
  [ -e "$expected" ] || continue
  name=$(basename "${expected%.err}")
  fn=$(echo "${name#gen-}" | tr - _)
  "gen_$fn" >"$gen/$name.csv"
  # messages name the roster as tests/bad/rosters/gen-NAME.csv, as if it were kept
  mkdir -p "$gen/tests/bad/rosters"
  mv "$gen/$name.csv" "$gen/tests/bad/rosters/$name.csv"
  (cd "$gen" && ln -sf "$OLDPWD/$bad_dir/rosters/contract.terms" tests/bad/rosters/contract.terms)
  here=$(pwd)
  cd "$gen" && check_roster "tests/bad/rosters/$name.csv" "$here/$expected" "$expected"
  cd "$here" || exit 1
  rm -f "$gen/tests/bad/rosters/$name.csv"
done

# ---- rosters kept in git ----
for roster in "$bad_dir"/rosters/*.csv; do
  [ -e "$roster" ] || continue
  if [ -e "${roster%.csv}.out" ]; then
    check_roster "$roster" "${roster%.csv}.out" "$roster"
  else
    check_roster "$roster" "${roster%.csv}.err" "$roster"
  fi
done

if [ -n "${standalone:-}" ]; then
  echo "$pass passed, $fail failed"
  [ $fail -eq 0 ]
fi
