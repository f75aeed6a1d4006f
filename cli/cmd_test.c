/* terms test FILE... [--coverage]: runs every contract's `example` blocks. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "coverage.h"
#include "examples.h"

static const char usage[] =
    "usage: terms test FILE.terms... [--values FILE] [--coverage]\n\n"
    "Runs the `example` blocks of each contract: every `expect` is checked in\n"
    "the year it names, or in every contract year if it names none.  Money is\n"
    "compared to the cent, or to as many places as the example writes if more\n"
    "($29.9592: 4); a decimal to as many places as the example writes.\n"
    "Prints each failure with the expected and actual values; exits 1 if any fails.\n\n"
    "  --values FILE   take params, tables and schedules from FILE instead of the contract's\n"
    "  --coverage      then list, for each contract, every rule that no example applies,\n"
    "                  branch of an `if` none takes, definition none computes and\n"
    "                  schedule row or table entry none looks up (in each year), at\n"
    "                  its line, and the share covered\n";

/* Prints the expects of ex that fail in year; how many did.  With cv,
 * adds what the example reaches to it. */
static int run_example(const Loaded *l, const ExampleDecl *ex, int year, Coverage *cv)
{
    ExampleResult res;
    int failed = example_check_covered(&l->m, &l->d, ex, year, cv, &res);
    bool years = l->c->years.n > 0; /* `name in "2018-19"`, or just `name` */
    const char *in = years ? " in \"" : "", *name = years ? res.year_name : "", *end = years ? "\"" : "";
    for (int i = 0; i < res.nexpects; i++) {
        const ExpectResult *r = &res.expects[i];
        if (r->passed)
            continue;
        int line, col;
        diag_line_col(&l->d, r->expect->name.at.start, &line, &col);
        if (!r->computed)
            printf("%s:%d:%d: FAIL example \"%s\": %s%s%s%s: %s (expected %s)\n", l->d.path, line, col, ex->title,
                   r->expect->name.s, in, name, end, r->actual, r->expected);
        else
            printf("%s:%d:%d: FAIL example \"%s\": %s%s%s%s is %s, expected %s\n", l->d.path, line, col, ex->title,
                   r->expect->name.s, in, name, end, r->actual, r->expected);
    }
    example_result_free(&res);
    return failed;
}

int cmd_test(int argc, char **argv)
{
    static const struct option opts[] = {{"values", required_argument, 0, 'v'}, {"coverage", optional_argument, 0, 'c'},
                                         {"help", no_argument, 0, 'h'}, {0, 0, 0, 0}};
    const char *values = NULL;
    bool coverage = false;
    int ch;
    optind = 1;
    opterr = 0;
    while ((ch = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        if (ch == 'v') {
            values = optarg;
            continue;
        }
        if (ch == 'c' && optarg)
            return usage_error("test", "--coverage takes no value (`%s`): the report goes to standard output", argv[optind - 1]);
        if (ch == 'c') {
            coverage = true;
            continue;
        }
        if (ch == 'h') {
            fputs(usage, stdout);
            return EXIT_OK;
        }
        return usage_error("test", "unknown option or missing value: `%s`", argv[optind - 1]);
    }
    if (optind >= argc)
        return usage_error("test", "give one or more contract files");
    int passed = 0, failed = 0;
    bool broken = false;
    for (int a = optind; a < argc; a++) {
        Loaded l;
        load_contract(argv[a], (LoadOptions){.quiet_warnings = true, .values = values}, &l);
        if (!l.ok) {
            if (l.c)
                fprintf(stderr, "%s: %d error%s; its examples were not run\n", l.d.path, l.d.errors, l.d.errors == 1 ? "" : "s");
            broken = true;
            unload_contract(&l);
            continue;
        }
        Coverage *cv = coverage ? coverage_new(&l.m) : NULL;
        for (int e = 0; e < l.c->examples.n; e++) {
            ExampleDecl *ex = &l.c->examples.v[e];
            int bad = 0;
            for (int y = 0; y < l.m.nyears; y++)
                bad += run_example(&l, ex, y, cv);
            if (bad)
                failed++;
            else
                passed++;
        }
        if (cv && l.c->examples.n == 0)
            printf("%s: coverage: no examples, so nothing is covered\n", l.d.path);
        else if (cv)
            coverage_report(cv, &l.d, stdout);
        coverage_free(cv);
        unload_contract(&l);
    }
    printf("%d passed, %d failed\n", passed, failed);
    return failed || broken ? EXIT_BAD_INPUT : EXIT_OK;
}
