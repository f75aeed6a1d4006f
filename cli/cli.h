/* cli.h: what the subcommands share: loading a contract and reporting. */
#ifndef TERMS_CLI_H
#define TERMS_CLI_H

#include "check.h"
#include "compile.h"
#include "diag.h"
#include "engine.h"
#include "target.h"

enum { EXIT_OK = 0, EXIT_BAD_INPUT = 1, EXIT_USAGE = 2 };
enum { MAX_SETS = 256, MAX_OUTPUTS = 4, MAX_VALUES = 16 };


enum { MAX_SOURCE_BYTES = 16 << 20 };

typedef struct {
    bool strict;
    bool quiet_warnings;
    const char *values;   /* --values FILE, or NULL */
    const char *name;     /* what messages call the file, if not its path */
} LoadOptions;

typedef struct {
    char *src;
    size_t len;
    char *values_src;
    Contract *values;
    Contract *c;
    Model m;
    Diags d;
    bool ok;
} Loaded;

/* Reads, parses and checks path ("-": standard input), with the values
 * file's figures in place of the contract's if there is one, printing
 * diagnostics to stderr.  ok says whether it is free of errors. */
void load_contract(const char *path, LoadOptions opt, Loaded *l);

/* The whole of a contract file ("-": standard input), at most
 * MAX_SOURCE_BYTES, without the UTF-8 byte-order mark it may start with;
 * NULL after a message in err. */
char *read_source(const char *path, size_t *len, char *err, size_t cap);
void unload_contract(Loaded *l);

/* --records NAME=FILE, as eval, cost, explain and diff --roster take it:
 * the records files to join to the roster. */
enum { MAX_RECORDS_FILES = 16 };
typedef struct {
    RecordsSource v[MAX_RECORDS_FILES];
    int n;
} RecordsOption;
#define RECORDS_OPTION {"records", required_argument, 0, 'R'}
#define RECORDS_HELP \
    "  --records NAME=FILE    the records of the employee field NAME (a list of records),\n" \
    "                         one row per record, the employee's id first, in the\n" \
    "                         roster's order (see docs/language.md, \"Records\")\n"

/* What --year, --set and --values ask of an evaluating command, and
 * --records of one that reads a roster (scenario_option writes a NUL over
 * its argument's `=`). */
typedef struct {
    const char *year;
    const char *values;                 /* the last --values given */
    const char *sets[MAX_SETS];
    int nsets;
    const char *values_of[MAX_VALUES];  /* every --values, for commands taking one per contract */
    int nvalues;
    RecordsOption records;
} Scenario;

/* The getopt_long entries for them, to end a command's option table. */
#define SCENARIO_OPTIONS \
    {"year", required_argument, 0, 'y'}, {"set", required_argument, 0, 's'}, {"values", required_argument, 0, 'v'}

/* Takes option ch if it is one of those: 1 taken, 0 not one of them,
 * or EXIT_USAGE after a message. */
int scenario_option(Scenario *sc, const char *cmd, int ch, const char *arg);

/* Standard input can be read once: EXIT_USAGE after a message if two of
 * the contract, the roster (NULL: none) and --values are "-", else 0. */
int scenario_stdin(const Scenario *sc, const char *cmd, const char *contract, const char *roster);

/* Once the contract is loaded: the year and the overrides it asks for;
 * false after a message (a command-line mistake). */
bool scenario_apply(const Scenario *sc, const Model *m, int *year, Override *ov, int *nov);

/* For commands comparing two versions: the --set values m has params for
 * (each version takes its own), and whether every --set names a param of
 * a or of b (b may be NULL); false after a message. */
int scenario_overrides(const Scenario *sc, const Model *m, Override *ov);
bool scenario_sets_known(const Scenario *sc, const Model *a, const Model *b);

/* "row 12 (id T0012)": how a message names the roster row r has just
 * read into record. */
struct Roster;

/* "FILE: N errors" after a contract that did not check. */
void report_errors(const Loaded *l);

/* An engine failure on stderr, worded as every command words it (a
 * command wording a kind its own way prints that one itself). */
void report_engine_error(const char *cmd, const EngineError *e);

/* The --set and --values that apply to one of several contracts, file:
 * those not scoped, and those written FILE:NAME=VALUE (--set) or
 * FILE:VALUES (--values) with FILE exactly as files[0..nfiles) names it,
 * without the scope.  A scoped --values replaces the unscoped one. */
void scenario_for(const Scenario *sc, const char *const *files, int nfiles, const char *file, Scenario *out);

/* Whether every --set of sc names a param of one of ms[0..n) (or, with
 * a scope, of that contract, which is ms[i] for files[i]); false after a
 * message. */
bool scenario_sets_known_in(const Scenario *sc, const char *const *files, const Model *const *ms, int n);

/* --year: a year's name or its 1-based number; -1 (after a message) if it
 * is neither. */
int parse_year(const Model *m, const char *arg);
/* The same for an option of another name (--years), which the message names. */
int parse_year_of(const Model *m, const char *option, const char *arg);


/* The files a command writes, outs[0..n) with n at most MAX_OUTPUTS:
 * decided and checked against each other and against the files it reads,
 * ins[0..nin) (runtime/target.h), before anything is read, and their
 * temporary files removed if a signal ends the run.  The targets last as
 * long as the process (a second call reuses them); NULL after a message,
 * with the exit status in *status. */
Target *claim_outputs(const char *cmd, const NamedFile *outs, int n, const NamedFile *ins, int nin, int *status);

int usage_error(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Whether contract and roster (either may be NULL) are not the wrong way
 * round: false after a usage message if the contract looks like a roster
 * (its first line names columns, or it ends in .csv) or the roster like a
 * contract. */
bool contract_and_roster(const char *cmd, const char *contract, const char *roster);

int cmd_check(int argc, char **argv);
int cmd_eval(int argc, char **argv);
int cmd_test(int argc, char **argv);
int cmd_disasm(int argc, char **argv);
int cmd_explain(int argc, char **argv);
int cmd_fmt(int argc, char **argv);
int cmd_diff(int argc, char **argv);
int cmd_cost(int argc, char **argv);
int cmd_solve(int argc, char **argv);
int cmd_lsp(int argc, char **argv);

#endif
