/* terms disasm FILE [--year Y] [--set NAME=VALUE]... */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "disasm.h"

static const char usage[] =
    "usage: terms disasm FILE.terms [--year Y] [--set NAME=VALUE]... [--values FILE]\n\n"
    "Shows the bytecode each definition and component compiles to, for one\n"
    "contract year (the first unless --year says otherwise).\n";

enum { MAX_SETS = 256 };

int cmd_disasm(int argc, char **argv)
{
    static const struct option opts[] = {
        {"year", required_argument, 0, 'y'}, {"set", required_argument, 0, 's'}, {"values", required_argument, 0, 'v'}, {"help", no_argument, 0, 'h'}, {0, 0, 0, 0}};
    const char *year_arg = NULL, *values = NULL;
    const char *sets[MAX_SETS];
    int nsets = 0, ch;
    optind = 1;
    opterr = 0;
    while ((ch = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        switch (ch) {
        case 'y': year_arg = optarg; break;
        case 'v': values = optarg; break;
        case 's':
            if (nsets == MAX_SETS)
                return usage_error("disasm", "at most %d --set values", MAX_SETS);
            sets[nsets++] = optarg;
            break;
        case 'h': fputs(usage, stdout); return EXIT_OK;
        default: return usage_error("disasm", "unknown option or missing value: `%s`", argv[optind - 1]);
        }
    }
    if (optind != argc - 1)
        return usage_error("disasm", "give one contract file");
    Loaded l;
    load_contract(argv[optind], (LoadOptions){.quiet_warnings = true, .values = values}, &l);
    int status = EXIT_BAD_INPUT;
    Override ov[MAX_SETS];
    int nov = 0, year = 0;
    if (l.ok) {
        bool ok = !year_arg || (year = parse_year(&l.m, year_arg)) >= 0;
        for (int i = 0; i < nsets && ok; i++)
            ok = add_override(&l.m, sets[i], ov, &nov, MAX_SETS);
        status = ok ? EXIT_OK : EXIT_USAGE;
        if (ok)
            disasm_program(compile_program(&l.m, year, ov, nov), stdout);
    }
    unload_contract(&l);
    return status;
}
