/* terms check FILE [--strict] */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"

static const char usage[] =
    "usage: terms check FILE.terms [--strict] [--values FILE]\n\n"
    "Checks a contract: syntax, names, types and money units, schedules and\n"
    "tables complete, no cycles, the components' policies proven.  Lists every\n"
    "blank ($___) as a warning, and every schedule cell a `check` line finds\n"
    "wrong (a printed cell its rule does not give, a row that breaks a\n"
    "statement).\n\n"
    "  --strict        blanks, undecided proofs and failed checks are errors\n"
    "  --values FILE   take params, tables and schedules from FILE instead (see docs/language.md)\n";

int cmd_check(int argc, char **argv)
{
    static const struct option opts[] = {
        {"strict", no_argument, 0, 's'}, {"values", required_argument, 0, 'v'}, {"help", no_argument, 0, 'h'}, {0, 0, 0, 0}};
    bool strict = false;
    const char *values = NULL;
    int ch;
    optind = 1;
    opterr = 0;
    while ((ch = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        switch (ch) {
        case 's': strict = true; break;
        case 'v': values = optarg; break;
        case 'h': fputs(usage, stdout); return EXIT_OK;
        default: return usage_error("check", "unknown option `%s`", argv[optind - 1]);
        }
    }
    if (optind != argc - 1)
        return usage_error("check", "give one contract file");
    Loaded l;
    load_contract(argv[optind], (LoadOptions){.strict = strict, .values = values}, &l);
    int status = l.ok ? EXIT_OK : EXIT_BAD_INPUT;
    if (l.ok) {
        Contract *c = l.c;
        printf("%s: ok: %d field%s, %d definition%s, %d component%s, %d rule%s, %d example%s",
               l.d.path, c->fields.n, c->fields.n == 1 ? "" : "s", c->defs.n, c->defs.n == 1 ? "" : "s",
               c->components.n, c->components.n == 1 ? "" : "s", c->rules.n, c->rules.n == 1 ? "" : "s",
               c->examples.n, c->examples.n == 1 ? "" : "s");
        if (l.m.nblanks)
            printf(", %d blank%s", l.m.nblanks, l.m.nblanks == 1 ? "" : "s");
        if (l.d.warnings)
            printf(", %d warning%s", l.d.warnings, l.d.warnings == 1 ? "" : "s");
        putchar('\n');
    } else if (l.c) {
        fprintf(stderr, "%s: %d error%s\n", l.d.path, l.d.errors, l.d.errors == 1 ? "" : "s");
    }
    unload_contract(&l);
    return status;
}
