/* terms eval FILE ROSTER [--year Y] [--set NAME=VALUE]... [-o OUT] [--format csv|jsonl] [--coverage] [--quiet] */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "coverage.h"
#include "evaluate.h"
#include "output.h"
#include "progress.h"

static const char usage[] =
    "usage: terms eval FILE.terms ROSTER.csv [options]\n\n"
    "Evaluates the contract for every employee of the roster (a CSV file whose\n"
    "header names the employee record's fields) and writes the `output` values,\n"
    "one row per employee.  With -o FILE, nothing is written unless every row\n"
    "succeeds (an earlier FILE is kept); standard output, a pipe or a device\n"
    "is a stream, so the rows before a bad one have gone out when the run\n"
    "stops, with exit 1.  FILE may not be the contract, the roster or the\n"
    "values file; a symbolic link is followed; a read-only FILE is refused\n"
    "(docs/security.md).\n\n"
    "  --year Y             contract year, by name (\"2018-19\") or number (2); default the first\n"
    "  --set NAME=VALUE     give a param a value (repeatable), in single quotes if it has a $:\n"
    "                       --set 'lead_teacher=$1,200', or one per year: --set 'lead_teacher=$1,200 / $1,250';\n"
    "                       a rate as a percent (--set raise=3.5%), a yes/no as yes or no; params\n"
    "                       computed from the one set follow it\n"
    "  -o, --output FILE    write to FILE (default -, standard output); .jsonl or .ndjson in any\n"
    "                       case means JSON Lines; .json needs --format jsonl\n"
    "  --format csv|jsonl   the output format, whatever the file is called\n"
    "  --jobs N             evaluate on N threads (output stays in roster order); not with --records\n"
    "  --allow-duplicate-ids  the roster may give an id several rows (one per assignment);\n"
    "                       without it, a second row with an id is an error\n"
    "  --values FILE        take params, tables and schedules from FILE instead of the contract's\n"
    "  --coverage           then write to standard error every rule that no employee's row\n"
    "                       applies, branch of an `if` none takes, definition none computes and\n"
    "                       schedule row or table entry none looks up in the year, at its line,\n"
    "                       and the share covered (not after a bad row, which stops the run)\n"
    "  --quiet              no progress line on standard error (shown on a terminal when\n"
    "                       the run is longer than a second: rows, the rate, the time left)\n"
    RECORDS_HELP;

/* Reports what went wrong and keeps or drops the output (eval_settle);
 * the exit status.  A file is replaced only if every row succeeded; a
 * stream (standard output, a pipe) has had the rows before the first
 * failure, which go out after these messages. */
static int finish(Output *out, const char *roster_path, const Target *to, const EvalResult *res)
{
    char err[1024];
    if (res->bad_row) {
        fprintf(stderr, "%s\n", res->error);
    } else if (res->failures) {
        long more = res->failures - res->reported;
        if (more > 0)
            fprintf(stderr, "%s: ... and %ld more row%s with errors\n", roster_path, more, more == 1 ? "" : "s");
        fprintf(stderr, "terms: %ld of %ld row%s failed; ", res->failures, res->rows, res->rows == 1 ? "" : "s");
        if (to->kind == TARGET_FILE)
            fprintf(stderr, "nothing was written\n");
        else if (res->written == 0)
            fprintf(stderr, "no rows were written to %s\n", target_label(to));
        else
            fprintf(stderr, "%ld row%s written to %s before %s\n", res->written, res->written == 1 ? " was" : "s were",
                    target_label(to), res->failures == 1 ? "it" : "the first of them");
    }
    if (res->write_failed)
        fprintf(stderr, "terms: cannot write %s: %s%s\n", target_label(to), strerror(res->write_errno),
                to->kind == TARGET_FILE ? "; nothing was written" : "");
    if (eval_settle(out, res, err, sizeof err))
        return EXIT_OK;
    if (*err)
        fprintf(stderr, "terms: %s\n", err);
    return EXIT_BAD_INPUT;
}

/* What the rows of a run to the end of the roster reached, to standard
 * error; nothing but a note for a run that stopped early. */
static void report_coverage(const Loaded *l, const Program *p, const Evaluation *ev, const EvalResult *res)
{
    if (res->bad_row || res->write_failed) {
        fprintf(stderr, "terms: no coverage report: the run stopped before the end of the roster\n");
        return;
    }
    Coverage *cv = coverage_new(&l->m);
    coverage_add(cv, p, eval_counts(ev));
    coverage_report(cv, &l->d, stderr);
    coverage_free(cv);
}

/* Evaluates p over the roster into to: the header read first, so that a
 * bad one leaves no output begun.  With coverage (p compiled with
 * probes), reports what the rows reached after the run's own messages. */
static int evaluate(const Loaded *l, const Program *p, const RosterSource *roster, int jobs, Target *to, OutputFormat fmt,
                    bool coverage, bool quiet)
{
    char err[1024];
    EngineError e;
    Evaluation *ev = eval_open(p, roster, jobs, &e);
    if (!ev) {
        if (e.kind == FAIL_READ)
            fprintf(stderr, "terms: cannot read %s: %s\n", e.roster, e.text);
        else
            fprintf(stderr, "%s\n", e.text);
        return EXIT_BAD_INPUT;
    }
    Output *out = output_open(to, fmt, p, err, sizeof err);
    if (!out) {
        fprintf(stderr, "terms: %s\n", err);
        eval_close(ev);
        return EXIT_BAD_INPUT;
    }
    EvalResult res;
    Progress pg;
    progress_start(&pg, "rows", quiet);
    eval_progress(ev, progress_update, &pg);
    eval_rows(ev, out, stderr, &res);
    progress_end(&pg);
    int status = finish(out, roster->path, to, &res);
    if (coverage)
        report_coverage(l, p, ev, &res);
    eval_close(ev);
    return status;
}

int cmd_eval(int argc, char **argv)
{
    static const struct option opts[] = {
        {"output", required_argument, 0, 'o'}, {"format", required_argument, 0, 'f'}, {"jobs", required_argument, 0, 'j'},
        {"allow-duplicate-ids", no_argument, 0, 'D'}, {"coverage", optional_argument, 0, 'c'}, RECORDS_OPTION, SCENARIO_OPTIONS,
        {"quiet", no_argument, 0, 'q'}, {"help", no_argument, 0, 'h'}, {0, 0, 0, 0}};
    const char *out_path = "-", *format = NULL;
    Scenario sc = {0};
    int ch, jobs = 1;
    bool allow_dups = false, coverage = false, quiet = false;
    optind = 1;
    opterr = 0;
    while ((ch = getopt_long(argc, argv, "ho:", opts, NULL)) != -1) {
        int taken = scenario_option(&sc, "eval", ch, optarg);
        if (taken == EXIT_USAGE)
            return taken;
        if (taken)
            continue;
        switch (ch) {
        case 'o': out_path = optarg; break;
        case 'f': format = optarg; break;
        case 'D': allow_dups = true; break;
        case 'q': quiet = true; break;
        case 'c':
            if (optarg)
                return usage_error("eval", "--coverage takes no value (`%s`): the report goes to standard error", argv[optind - 1]);
            coverage = true;
            break;
        case 'j': {
            char *end;
            long n = strtol(optarg, &end, 10);
            if (*end || n < 1 || n > EVAL_MAX_JOBS)
                return usage_error("eval", "--jobs takes a number from 1 to %d, not `%s`", EVAL_MAX_JOBS, optarg);
            jobs = (int)n;
            break;
        }
        case 'h': fputs(usage, stdout); return EXIT_OK;
        default: return usage_error("eval", "unknown option or missing value: `%s`", argv[optind - 1]);
        }
    }
    if (optind != argc - 2)
        return usage_error("eval", "give a contract file and a roster file");
    if (jobs > 1 && sc.records.n)
        return usage_error("eval", "--jobs cannot be combined with --records: a records file is read in step with the roster, "
                           "by one job (leave out --jobs)");
    OutputFormat fmt = output_format_for(out_path);
    if (format && !strcmp(format, "csv"))
        fmt = FORMAT_CSV;
    else if (format && (!strcmp(format, "jsonl") || !strcmp(format, "json")))
        fmt = FORMAT_JSONL;
    else if (format)
        return usage_error("eval", "--format is csv or jsonl, not `%s`", format);
    int clash = scenario_stdin(&sc, "eval", argv[optind], argv[optind + 1]);
    if (clash)
        return clash;
    if (!format && output_named_json(out_path))
        return usage_error("eval",
                           "-o %s: a .json file is expected to hold one JSON value, but eval writes JSON Lines (one object "
                           "per line): name the file %.*s.jsonl, or give --format jsonl to write JSON Lines to it all the same",
                           out_path, (int)(strrchr(out_path, '.') - out_path), out_path);
    if (!contract_and_roster("eval", argv[optind], argv[optind + 1]))
        return EXIT_USAGE;
    const NamedFile outs[] = {{out_path, "-o"}};
    const NamedFile ins[] = {{argv[optind], "the contract"}, {argv[optind + 1], "the roster"}, {sc.values, "the values file"}};
    int refused;
    Target *to = claim_outputs("eval", outs, 1, ins, sc.values ? 3 : 2, &refused);
    if (!to)
        return refused;

    Loaded l;
    load_contract(argv[optind], (LoadOptions){.quiet_warnings = true, .values = sc.values}, &l);
    int status = EXIT_BAD_INPUT;
    Override ov[MAX_SETS];
    int nov, year;
    if (l.ok) {
        RosterSource roster = {.path = argv[optind + 1], .allow_duplicate_ids = allow_dups, .records = sc.records.v,
                               .nrecords = sc.records.n};
        if (!scenario_apply(&sc, &l.m, &year, ov, &nov))
            status = EXIT_USAGE;
        else if (l.m.noutputs == 0)
            fprintf(stderr, "%s: the contract has no `output` line, so there is nothing to write\n", l.d.path);
        else
            status = evaluate(&l, coverage ? compile_covered(&l.m, year, ov, nov, NULL, 0) : compile_program(&l.m, year, ov, nov),
                              &roster, jobs, to, fmt, coverage, quiet);
    }
    report_errors(&l);
    unload_contract(&l);
    return status;
}
