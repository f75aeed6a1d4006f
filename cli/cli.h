/* cli.h: what the subcommands share: loading a contract and reporting. */
#ifndef TERMS_CLI_H
#define TERMS_CLI_H

#include "check.h"
#include "compile.h"
#include "diag.h"

enum { EXIT_OK = 0, EXIT_BAD_INPUT = 1, EXIT_USAGE = 2 };
enum { MAX_SOURCE_BYTES = 16 << 20 };

typedef struct {
    bool strict;
    bool quiet_warnings;
    const char *values;   /* --values FILE, or NULL */
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
void unload_contract(Loaded *l);

/* --year: a year's name or its 1-based number; -1 (after a message) if it
 * is neither. */
int parse_year(const Model *m, const char *arg);

/* Collects --set NAME=VALUE into ov (at most max); false after a message. */
bool add_override(const Model *m, const char *arg, Override *ov, int *nov, int max);

int usage_error(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

int cmd_check(int argc, char **argv);
int cmd_eval(int argc, char **argv);
int cmd_test(int argc, char **argv);
int cmd_disasm(int argc, char **argv);
int cmd_explain(int argc, char **argv);
int cmd_fmt(int argc, char **argv);
int cmd_diff(int argc, char **argv);

#endif
