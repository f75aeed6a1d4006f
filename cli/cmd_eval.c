/* terms eval FILE ROSTER [--year Y] [--set NAME=VALUE]... [-o OUT] [--format csv|jsonl] */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "output.h"
#include "roster.h"
#include "vm.h"

static const char usage[] =
    "usage: terms eval FILE.terms ROSTER.csv [options]\n\n"
    "Evaluates the contract for every employee of the roster (a CSV file whose\n"
    "header names the employee record's fields) and writes the `output` values,\n"
    "one row per employee.  Nothing is written unless every row succeeds.\n\n"
    "  --year Y             contract year, by name (\"2018-19\") or number (2); default the first\n"
    "  --set NAME=VALUE     give a param a value, e.g. --set lead_teacher=$1,200 (repeatable)\n"
    "  -o, --output FILE    write to FILE (default standard output); .jsonl means JSON Lines\n"
    "  --format csv|jsonl   the output format, whatever the file is called\n"
    "  --values FILE        take params, tables and schedules from FILE instead of the contract's\n";

enum { MAX_SETS = 256, MAX_REPORTED = 10 };

/* "row 12 (id T0012)" */
static void who(const Program *p, const Roster *r, const Value *record, char *buf, size_t cap)
{
    if (p->id_field >= 0)
        snprintf(buf, cap, "row %ld (%s %.*s)", roster_row(r), p->schema->fields[p->id_field].name,
                 (int)(record[p->id_field].text.len > 40 ? 40 : record[p->id_field].text.len), record[p->id_field].text.p);
    else
        snprintf(buf, cap, "row %ld", roster_row(r));
}

static int evaluate(const Program *p, const char *roster_path, const char *out_path, OutputFormat fmt)
{
    char err[1024];
    FILE *in = strcmp(roster_path, "-") ? fopen(roster_path, "rb") : stdin;
    if (!in) {
        fprintf(stderr, "terms: cannot read %s: ", roster_path);
        perror(NULL);
        return EXIT_BAD_INPUT;
    }
    Roster *r = roster_open(in, roster_path, p->schema, err, sizeof err);
    if (!r) {
        fprintf(stderr, "%s\n", err);
        if (in != stdin)
            fclose(in);
        return EXIT_BAD_INPUT;
    }
    Output *out = output_open(out_path, fmt, p, err, sizeof err);
    if (!out) {
        fprintf(stderr, "terms: %s\n", err);
        roster_close(r);
        if (in != stdin)
            fclose(in);
        return EXIT_BAD_INPUT;
    }
    VM *vm = vm_new(p);
    Value *record = calloc((size_t)p->schema->nfields + 1, sizeof(Value));
    Value *values = calloc((size_t)p->noutputs + 1, sizeof(Value));
    long failures = 0, rows = 0;
    int got;
    bool write_failed = false;
    while ((got = roster_next(r, record, err, sizeof err)) == 1) {
        rows++;
        vm_begin(vm, record);
        if (!vm_outputs(vm, values)) {
            if (++failures <= MAX_REPORTED) {
                char name[128];
                who(p, r, record, name, sizeof name);
                fprintf(stderr, "%s:%ld: %s: error: %s\n", roster_path, roster_line(r), name, vm_error(vm));
            }
            continue;
        }
        if (!failures && !output_row(out, values)) {
            write_failed = true;
            break;
        }
    }
    int status = EXIT_OK;
    if (got < 0) {
        fprintf(stderr, "%s\n", err);
        status = EXIT_BAD_INPUT;
    } else if (failures) {
        if (failures > MAX_REPORTED)
            fprintf(stderr, "%s: ... and %ld more rows with errors\n", roster_path, failures - MAX_REPORTED);
        fprintf(stderr, "terms: %ld of %ld rows failed; nothing was written\n", failures, rows);
        status = EXIT_BAD_INPUT;
    }
    if (status == EXIT_OK && !write_failed) {
        if (!output_commit(out, err, sizeof err)) {
            fprintf(stderr, "terms: %s\n", err);
            status = EXIT_BAD_INPUT;
        }
    } else {
        if (write_failed)
            fprintf(stderr, "terms: cannot write %s: %s; nothing was written\n", out_path, strerror(errno));
        output_abort(out);
        status = EXIT_BAD_INPUT;
    }
    free(record);
    free(values);
    vm_free(vm);
    roster_close(r);
    if (in != stdin)
        fclose(in);
    return status;
}

int cmd_eval(int argc, char **argv)
{
    static const struct option opts[] = {
        {"year", required_argument, 0, 'y'}, {"set", required_argument, 0, 's'}, {"output", required_argument, 0, 'o'},
        {"format", required_argument, 0, 'f'}, {"values", required_argument, 0, 'v'}, {"help", no_argument, 0, 'h'}, {0, 0, 0, 0}};
    const char *year_arg = NULL, *out_path = "-", *format = NULL, *values = NULL;
    const char *sets[MAX_SETS];
    int nsets = 0, ch;
    optind = 1;
    opterr = 0;
    while ((ch = getopt_long(argc, argv, "ho:", opts, NULL)) != -1) {
        switch (ch) {
        case 'y': year_arg = optarg; break;
        case 'o': out_path = optarg; break;
        case 'f': format = optarg; break;
        case 'v': values = optarg; break;
        case 's':
            if (nsets == MAX_SETS)
                return usage_error("eval", "at most %d --set values", MAX_SETS);
            sets[nsets++] = optarg;
            break;
        case 'h': fputs(usage, stdout); return EXIT_OK;
        default: return usage_error("eval", "unknown option or missing value: `%s`", argv[optind - 1]);
        }
    }
    if (optind != argc - 2)
        return usage_error("eval", "give a contract file and a roster file");
    OutputFormat fmt = output_format_for(out_path);
    if (format && !strcmp(format, "csv"))
        fmt = FORMAT_CSV;
    else if (format && (!strcmp(format, "jsonl") || !strcmp(format, "json")))
        fmt = FORMAT_JSONL;
    else if (format)
        return usage_error("eval", "--format is csv or jsonl, not `%s`", format);
    if (!strcmp(argv[optind], "-") && !strcmp(argv[optind + 1], "-"))
        return usage_error("eval", "the contract and the roster cannot both come from standard input");

    Loaded l;
    load_contract(argv[optind], (LoadOptions){.quiet_warnings = true, .values = values}, &l);
    int status = EXIT_BAD_INPUT;
    Override ov[MAX_SETS];
    int nov = 0, year = 0;
    if (l.ok) {
        bool ok = !year_arg || (year = parse_year(&l.m, year_arg)) >= 0;
        for (int i = 0; i < nsets && ok; i++)
            ok = add_override(&l.m, sets[i], ov, &nov, MAX_SETS);
        if (!ok)
            status = EXIT_USAGE;
        else if (l.m.noutputs == 0)
            fprintf(stderr, "%s: the contract has no `output` line, so there is nothing to write\n", l.d.path);
        else
            status = evaluate(compile_program(&l.m, year, ov, nov), argv[optind + 1], out_path, fmt);
    } else if (l.c) {
        fprintf(stderr, "%s: %d error%s\n", l.d.path, l.d.errors, l.d.errors == 1 ? "" : "s");
    }
    unload_contract(&l);
    return status;
}
