# The rosters too big to keep in git: gen_NAME writes gen-NAME.csv to
# standard output.  Sourced by tests/bad/run.sh (which checks each against
# gen-NAME.err) and tests/cli/jobs-corpus.sh; needs repeat() from run.sh or
# defines it.
command -v repeat >/dev/null 2>&1 ||
  repeat() { awk -v n="$1" -v s="$2" 'BEGIN { for (i = 0; i < n; i++) printf "%s", s }'; }
roster_head() { printf 'id,lane,step,fte,salary,nb,hired,jobs\n'; }
gen_cell_1mb() {        # a cell one byte over 1 MiB
  roster_head; printf 'T1,'; repeat 1048577 'B'; printf ',1,1,$40000,no,2020-01-01,\n'; }
gen_list_100000() {     # 100,000 assignments in one cell
  roster_head; printf 'T1,BA,1,1,$40000,no,2020-01-01,band'; repeat 99999 ';band'; printf '\n'; }
gen_columns_5000() {    # a header of 5,000 columns
  printf 'id,lane,step,fte,salary,nb,hired,jobs'; awk 'BEGIN { for (i = 9; i <= 5000; i++) printf ",c%d", i }'; printf '\n'; }
gen_unclosed_quote_16mb() { # a quote never closed, and 17 MB after it
  roster_head; printf 'T1,"BA'; awk 'BEGIN { for (i = 0; i < 17 * 16384; i++) printf "%063d\n", i }'; }
gen_rows_100000_bad_last() { # 100,000 good rows, then a bad one: memory stays flat
  roster_head; awk 'BEGIN { for (i = 1; i <= 100000; i++) printf "T%d,BA,1,1,$40000,no,2020-01-01,band;play\n", i }'
  printf 'T100001,BA,1,1,$40000,no,2020-01-01,chess\n'; }
