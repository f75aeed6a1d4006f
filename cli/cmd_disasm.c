/* terms disasm FILE [--year Y] [--set NAME=VALUE]...; terms disasm --opcodes */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "disasm.h"

static const char usage[] =
    "usage: terms disasm FILE.terms [--year Y] [--set NAME=VALUE]... [--values FILE]\n"
    "       terms disasm --opcodes\n\n"
    "Shows the bytecode each definition and component compiles to, for one\n"
    "contract year (the first unless --year says otherwise).  --set gives a\n"
    "param a value, in single quotes if it has a $: --set 'lead_teacher=$1,200'.\n"
    "--opcodes lists every instruction with its operands and what it does.\n";

int cmd_disasm(int argc, char **argv)
{
    static const struct option opts[] = {SCENARIO_OPTIONS, {"opcodes", no_argument, 0, 'O'}, {"help", no_argument, 0, 'h'}, {0, 0, 0, 0}};
    Scenario sc = {0};
    int ch;
    optind = 1;
    opterr = 0;
    while ((ch = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        int taken = scenario_option(&sc, "disasm", ch, optarg);
        if (taken == EXIT_USAGE)
            return taken;
        if (taken)
            continue;
        if (ch == 'h') {
            fputs(usage, stdout);
            return EXIT_OK;
        }
        if (ch == 'O') {
            disasm_opcodes(stdout);
            return EXIT_OK;
        }
        return usage_error("disasm", "unknown option or missing value: `%s`", argv[optind - 1]);
    }
    if (optind != argc - 1)
        return usage_error("disasm", "give one contract file");
    Loaded l;
    load_contract(argv[optind], (LoadOptions){.quiet_warnings = true, .values = sc.values}, &l);
    int status = EXIT_BAD_INPUT;
    Override ov[MAX_SETS];
    int nov, year;
    if (l.ok) {
        bool ok = scenario_apply(&sc, &l.m, &year, ov, &nov);
        status = ok ? EXIT_OK : EXIT_USAGE;
        if (ok)
            disasm_program(compile_program(&l.m, year, ov, nov), stdout);
    }
    report_errors(&l);
    unload_contract(&l);
    return status;
}
