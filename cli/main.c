/* terms: the command line.  Each subcommand lives in its own file. */
#include <stdio.h>
#include <string.h>

#include "builtins.h"
#include "cli.h"

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
    fputs("\n`terms COMMAND --help` tells more.  `-` names standard input or output.\n"
          "Exit status: 0 success, 1 the contract or the data is wrong, 2 the command line is wrong.\n\n"
          "Built-in functions:\n", out);
    for (int i = 0; i < nbuiltins; i++)
        fprintf(out, "  %s\n", builtins[i].summary);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        help(stderr);
        return EXIT_USAGE;
    }
    if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") || !strcmp(argv[1], "help")) {
        help(stdout);
        return EXIT_OK;
    }
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        if (!strcmp(argv[1], commands[i].name))
            return commands[i].run(argc - 1, argv + 1);
    fprintf(stderr, "terms: unknown command `%s`\n\n", argv[1]);
    help(stderr);
    return EXIT_USAGE;
}
