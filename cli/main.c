/* terms: the command line.  Each subcommand lives in its own file. */
#include <stdio.h>
#include <string.h>

#include "builtins.h"
#include "cli.h"
#include "provenance.h"

/* The Makefile passes both: the release, and the commit it was built from
 * ("" outside a git checkout). */
#ifndef TERMS_VERSION
#define TERMS_VERSION "unknown"
#endif
#ifndef TERMS_COMMIT
#define TERMS_COMMIT ""
#endif

const char *terms_version(void)
{
    return TERMS_COMMIT[0] ? TERMS_VERSION " (commit " TERMS_COMMIT ")" : TERMS_VERSION;
}

static const struct {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *summary;
} commands[] = {
    {"check", cmd_check, "check FILE.terms [--strict]            report errors, warnings and blanks"},
    {"eval", cmd_eval, "eval FILE.terms ROSTER.csv [options]    evaluate every employee of a roster"},
    {"explain", cmd_explain, "explain FILE.terms ROSTER.csv --id ID   show how one employee's figures come about"},
    {"test", cmd_test, "test FILE.terms...                      run the contracts' examples"},
    {"diff", cmd_diff, "diff OLD.terms NEW.terms [--roster R]    what changed in terms, and what it costs"},
    {"cost", cmd_cost, "cost FILE ROSTER [--baseline OLD]        year-by-year costing, HTML and Excel reports"},
    {"solve", cmd_solve, "solve FILE ROSTER --param P --range A..B  the largest value of a param that fits a target"},
    {"fmt", cmd_fmt, "fmt [--check | -w] FILE.terms...        write contracts in the canonical layout"},
    {"disasm", cmd_disasm, "disasm FILE.terms [--year Y]            show the bytecode"},
    {"lsp", cmd_lsp, "lsp                                     a language server for editors (docs/lsp.md)"},
};

static void help(FILE *out)
{
    fputs("terms: compensation terms of labor contracts, checked and evaluated exactly\n\n"
          "usage: terms COMMAND [ARGS]\n\n", out);
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        fprintf(out, "  terms %s\n", commands[i].summary);
    fputs("\n`terms help COMMAND` (or `terms COMMAND --help`) tells more; `terms --version`\n"
          "says which terms this is.  `-` names standard input or output.  Quote a value\n"
          "with a dollar sign in single quotes (--set 'lead_teacher=$1,200'): the shell\n"
          "reads $1 in it as a variable.  The manual: man terms.\n"
          "Exit status: 0 success, 1 the contract or the data is wrong, 2 the command line is wrong\n"
          "(terms diff, as diff(1): 0 the same in terms, 1 they differ, 2 trouble).\n\n"
          "Built-in functions:\n", out);
    for (int i = 0; i < nbuiltins; i++)
        fprintf(out, "  %s\n", builtins[i].summary);
}

static int unknown_command(const char *name)
{
    fprintf(stderr, "terms: unknown command `%s`\n\n", name);
    help(stderr);
    return EXIT_USAGE;
}

static int run(const char *name, int argc, char **argv)
{
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        if (!strcmp(name, commands[i].name))
            return commands[i].run(argc, argv);
    return unknown_command(name);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        help(stderr);
        return EXIT_USAGE;
    }
    if (!strcmp(argv[1], "--version") || !strcmp(argv[1], "-V")) {
        printf("terms %s%s%s%s\n", TERMS_VERSION, *TERMS_COMMIT ? " (commit " : "", TERMS_COMMIT, *TERMS_COMMIT ? ")" : "");
        return EXIT_OK;
    }
    bool help_asked = !strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") || !strcmp(argv[1], "help");
    if (help_asked && argc > 3) {
        fputs("terms help: name one command, as in `terms help eval`\n", stderr);
        return EXIT_USAGE;
    }
    if (help_asked && argc == 3) {
        /* `terms help eval` is `terms eval --help` */
        char *again[] = {argv[2], "--help", NULL};
        return run(argv[2], 2, again);
    }
    if (help_asked) {
        help(stdout);
        return EXIT_OK;
    }
    return run(argv[1], argc - 1, argv + 1);
}
