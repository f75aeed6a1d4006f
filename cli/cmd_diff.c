/* terms diff OLD NEW [--roster R] [--year Y] [--total NAME] [--format text|csv|json] */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "cost_report.h"
#include "cost_rows.h"
#include "progress.h"
#include "diff.h"
#include "format.h"
#include "output.h"

static const char usage[] =
    "usage: terms diff OLD.terms NEW.terms [--roster R.csv] [--year Y] [--total NAME] [--set NAME=VALUE]...\n"
    "                  [--values FILE] [--format text|csv|json|jsonl] [--by FIELD] [--quiet]\n\n"
    "Lists what changed in terms between two versions of a contract: params,\n"
    "schedule cells, table rows, rules, definitions, enums and record fields,\n"
    "each with its old and new value, citation and line in both files (a\n"
    "schedule cell's and a table entry's at its row), a change of amounts in\n"
    "percent too, and of a rule only the part that changed.  A change of\n"
    "layout or comments only is \"no change in terms\".  Exit status, as\n"
    "diff(1)'s: 0 no change in terms, 1 changes, 2 trouble (a contract that\n"
    "does not check, a mistake on the command line).\n\n"
    "  --roster R.csv   also cost the change over a roster: per contract year, the\n"
    "                   old and new totals by the parts of the total and every\n"
    "                   component, who gains, loses or stays, and the largest\n"
    "                   changes per employee\n"
    "  --year Y         cost only that contract year\n"
    "  --by FIELD       with --roster: also the totals per value of FIELD (a field of the\n"
    "                   record or any column of the roster: a school, a lane)\n"
    "  --format F       text, csv or json for the changes in terms; with --roster, csv or\n"
    "                   jsonl give the cost instead, a row per figure, the inputs first\n"
    "  --quiet          with --roster: no progress line on standard error\n"
    "  --total NAME     the definition that is an employee's total pay (default: total)\n"
    "  --allow-duplicate-ids  with --roster: the roster may give an id several rows (one\n"
    "                   per assignment); without it, a second row with an id is an error\n"
    "  --set, --values  fill params (and, with --values, tables and schedules) in both versions\n"
    "                   (--set 'lead_teacher=$1,200', quoted: the shell reads $1 as a variable)\n"
    "  --git            be git's diff driver for *.terms files: name the repository's\n"
    "                   path, and exit 0 whatever the outcome (see docs/git.md)\n"
    RECORDS_HELP;

static const char *kind_word(ChangeKind k)
{
    return k == CHANGE_ADDED ? "added" : k == CHANGE_REMOVED ? "removed" : "changed";
}

static void csv_field(const char *s)
{
    csv_write_field(stdout, s ? s : "", s ? strlen(s) : 0);
}

static void json_field(const char *key, const char *s, bool comma)
{
    printf("%s\"%s\":", comma ? "," : "", key);
    if (s)
        format_json_string(stdout, s, strlen(s));
    else
        fputs("null", stdout);
}

/* Where a change is: its line in both files; under git, where both are
 * the one path, "PATH:NEW (was OLD)". */
static void print_lines(const Change *c, const char *old_path, const char *new_path)
{
    if (!strcmp(old_path, new_path)) {
        if (c->new_line)
            printf("%s:%d", new_path, c->new_line);
        if (c->old_line && c->new_line && c->old_line != c->new_line)
            printf(" (was %d)", c->old_line);
        else if (c->old_line && !c->new_line)
            printf("%s:%d in the old version", old_path, c->old_line);
        return;
    }
    if (c->old_line)
        printf("%s:%d", old_path, c->old_line);
    if (c->old_line && c->new_line)
        printf(", ");
    if (c->new_line)
        printf("%s:%d", new_path, c->new_line);
}

static void print_text(const Changes *ch, const char *old_path, const char *new_path, bool git)
{
    if (git)
        printf("terms diff %s: ", new_path);
    else
        printf("%s -> %s: ", old_path, new_path);
    if (ch->n == 0) {
        puts("no change in terms");
        return;
    }
    printf("%d change%s in terms\n\n", ch->n, ch->n == 1 ? "" : "s");
    for (int i = 0; i < ch->n; i++) {
        const Change *c = &ch->v[i];
        printf("  %-7s %s %s", kind_word(c->kind), c->what, c->name);
        if (c->part)
            printf(", %s: %s -> %s", c->part, c->old_part, c->new_part);
        else if (c->kind == CHANGED)
            printf(": %s -> %s", c->old_value, c->new_value);
        else
            printf(": %s", c->kind == CHANGE_ADDED ? c->new_value : c->old_value);
        if (c->percent)
            printf(" (%s)", c->percent);
        for (const char *e = c->effect; e && *e;) {
            size_t n = strcspn(e, "\n");
            printf("\n          %.*s", (int)n, e);
            e += n + (e[n] != 0);
        }
        printf("\n          ");
        if (c->cite)
            printf("[%s] ", c->cite);
        print_lines(c, old_path, new_path);
        putchar('\n');
    }
}

static void print_changes(const Changes *ch, const char *old_path, const char *new_path, const char *fmt, bool git)
{
    if (!strcmp(fmt, "csv")) {
        puts("change,what,name,old,new,cite,old_line,new_line");
        for (int i = 0; i < ch->n; i++) {
            const Change *c = &ch->v[i];
            printf("%s,", kind_word(c->kind));
            csv_field(c->what);
            putchar(',');
            csv_field(c->name);
            putchar(',');
            csv_field(c->old_value);
            putchar(',');
            csv_field(c->new_value);
            putchar(',');
            csv_field(c->cite);
            printf(",%d,%d\n", c->old_line, c->new_line);
        }
        return;
    }
    if (!strcmp(fmt, "json")) {
        printf("{\"old\":");
        format_json_string(stdout, old_path, strlen(old_path));
        printf(",\"new\":");
        format_json_string(stdout, new_path, strlen(new_path));
        printf(",\"changes\":[");
        for (int i = 0; i < ch->n; i++) {
            const Change *c = &ch->v[i];
            printf("%s{\"change\":\"%s\"", i ? "," : "", kind_word(c->kind));
            json_field("what", c->what, true);
            json_field("name", c->name, true);
            json_field("old", c->old_value, true);
            json_field("new", c->new_value, true);
            json_field("part", c->part, true);
            json_field("old_part", c->old_part, true);
            json_field("new_part", c->new_part, true);
            json_field("percent", c->percent, true);
            if (c->effect)
                json_field("effect", c->effect, true);
            json_field("cite", c->cite, true);
            printf(",\"old_line\":%d,\"new_line\":%d}", c->old_line, c->new_line);
        }
        printf("]}\n");
        return;
    }
    print_text(ch, old_path, new_path, git);
}

/* ---- cost impact ---- */

static void print_year_cost(const YearCost *yc, const char *total)
{
    const Costing *o = &yc->old, *n = &yc->new;
    printf("\ncost over %s, contract year %s (%ld employee%s):\n", n->roster, n->year[0], n->nemployees, n->nemployees == 1 ? "" : "s");
    printf("  %-28s %18s %18s %18s %9s\n", "", "old", "new", "change", "%");
    for (int i = 0; i < n->nlines; i++) {
        char was[64], now[64], by[64], pct[32];
        Rat old_sum = o->lines[i].sum[0], new_sum = n->lines[i].sum[0], change;
        rat_sub(new_sum, old_sum, &change);
        format_money(old_sum, false, was, sizeof was);
        format_money(new_sum, false, now, sizeof now);
        format_money(change, true, by, sizeof by);
        format_change_percent(change, old_sum, pct, sizeof pct);
        printf("  %-28s %18s %18s %18s %9s\n", n->lines[i].name, o->lines[i].present ? was : "-", n->lines[i].present ? now : "-", by,
               pct);
    }
    const CostReport *r = &yc->change;
    printf("  employees: %ld gain, %ld lose, %ld unchanged\n", r->gain, r->lose, r->same);
    if (r->ntop)
        printf("  largest changes in %s:\n", total);
    for (int i = 0; i < r->ntop; i++) {
        char was[64], now[64], by[64];
        long e = r->top[i];
        CostEmployee ne = cost_employee(n, e);
        format_money(cost_employee(o, e).totals[0], false, was, sizeof was);
        format_money(ne.totals[0], false, now, sizeof now);
        format_money(cost_change(r, e), true, by, sizeof by);
        printf("    %-16.60s %16s -> %16s  %16s\n", ne.id, was, now, by);
    }
}

/* How diff costs a change over a roster: what the command line asks. */
typedef struct {
    const char *roster, *total, *by;
    bool allow_dups, quiet;
    RowsFormat format;
    const Scenario *st;
    Provenance *pv;         /* the inputs, for rows */
    Progress *progress;
} RosterCost;

/* The groups of one year (--by): old, new and the change per value. */
static void print_year_groups(const YearCost *yc)
{
    const Costing *o = &yc->old, *n = &yc->new;
    if (!n->ngroups)
        return;
    printf("  by %s:\n", n->by);
    for (int g = 0; g < n->ngroups; g++) {
        Rat was = rat_int(0), change;
        for (int k = 0; k < o->ngroups; k++)
            if (!strcmp(o->group_key[k], n->group_key[g]))
                was = o->group_total[k];
        char a[64], b[64], c[64], pct[32];
        rat_sub(n->group_total[g], was, &change);
        format_money(was, false, a, sizeof a);
        format_money(n->group_total[g], false, b, sizeof b);
        format_money(change, true, c, sizeof c);
        format_change_percent(change, was, pct, sizeof pct);
        printf("    %-26.60s %18s %18s %18s %9s\n", n->group_key[g], a, b, c, pct);
    }
}

/* Costs one contract year of both versions over the roster and prints it. */
static int cost_one_year(const Loaded *la, const Loaded *lb, int year, const RosterCost *rc, bool notes)
{
    const char *roster = rc->roster, *total = rc->total;
    const Scenario *st = rc->st;
    bool allow_dups = rc->allow_dups;
    if (year >= la->m.nyears) {
        fprintf(stderr, "%s has no contract year %d; the cost is shown for the new version's years it shares\n", la->d.path, year + 1);
        return EXIT_OK;
    }
    Override ova[MAX_SETS], ovb[MAX_SETS];
    Version old = {la->d.path, &la->m, ova, scenario_overrides(st, &la->m, ova)};
    Version new = {lb->d.path, &lb->m, ovb, scenario_overrides(st, &lb->m, ovb)};
    YearCost yc;
    EngineError e;
    int status = EXIT_OK;
    YearOptions opt = {.by = rc->by, .progress = progress_update, .progress_ctx = rc->progress};
    progress_pass(rc->progress, NULL, 0);
    bool costed = cost_year(&old, &new, year, &(RosterSource){.path = roster, .allow_duplicate_ids = allow_dups, .records = st->records.v, .nrecords = st->records.n}, total, &opt, &yc, &e);
    progress_end(rc->progress);
    if (costed) {
        if (notes) {
            cost_print_absent("diff", &yc.new, stderr);
            cost_print_absent("diff", &yc.old, stderr);
        }
        if (rc->format == ROWS_TEXT) {
            print_year_cost(&yc, total);
            print_year_groups(&yc);
        } else {
            year_cost_rows(&yc, notes, rc->format, rc->pv, stdout);
        }
        const char *unread = cost_read_error(&yc.new) ? cost_read_error(&yc.new) : cost_read_error(&yc.old);
        if (unread) {
            fprintf(stderr, "terms diff: %s\n", unread);
            status = EXIT_BAD_INPUT;
        }
    } else if (e.kind == FAIL_TOTAL) {
        fprintf(stderr, "terms diff: --roster needs a definition `%s` in both versions (an employee's total pay); name another with --total\n",
                total);
        status = EXIT_USAGE;
    } else {
        if (e.kind == FAIL_READ_TWICE)
            fprintf(stderr, "terms diff: --roster cannot read standard input (it reads the roster once per version)\n");
        else if (e.kind == FAIL_EVAL)
            fprintf(stderr, "%s:%ld: row %ld: error (%s version): %s\n", e.roster, e.line, e.row, e.version == &old ? "old" : "new",
                    e.text);
        else
            report_engine_error("diff", &e);
        status = EXIT_BAD_INPUT;
    }
    year_cost_free(&yc);
    return status;
}

/* diff(1)'s exit status: the same, different, trouble. */
enum { DIFF_SAME = 0, DIFF_DIFFERENT = 1, DIFF_TROUBLE = 2 };

/* The two versions, compared and printed, and with a roster costed;
 * names are what the output calls them. */
static int compare(const char *old_file, const char *new_file, const char *old_name, const char *new_name, bool git,
                   const char *format, const RosterCost *rc)
{
    const char *roster = rc->roster;
    const Scenario *st = rc->st;
    Loaded a, b;
    /* under git both are git's temporary files: messages name a/PATH and b/PATH */
    char old_shown[4096], new_shown[4096];
    snprintf(old_shown, sizeof old_shown, "a/%s", old_name);
    snprintf(new_shown, sizeof new_shown, "b/%s", new_name);
    load_contract(old_file, (LoadOptions){.quiet_warnings = true, .values = st->values, .name = git ? old_shown : NULL}, &a);
    load_contract(new_file, (LoadOptions){.quiet_warnings = true, .values = st->values, .name = git ? new_shown : NULL}, &b);
    int status = DIFF_TROUBLE;
    if (a.ok && b.ok) {
        Changes changes = {0};
        diff_models(&a.m, &a.d, &b.m, &b.d, &changes);
        if (!roster || rc->format == ROWS_TEXT)
            print_changes(&changes, old_name, new_name, format, git);
        status = changes.n ? DIFF_DIFFERENT : DIFF_SAME;
        changes_free(&changes);
        if (roster) {
            int year = -1, cost = EXIT_OK;
            if (st->year && (year = parse_year(&b.m, st->year)) < 0)
                cost = EXIT_USAGE;
            if (cost == EXIT_OK && !scenario_sets_known(st, &b.m, &a.m))
                cost = EXIT_USAGE;
            for (int y = 0; y < b.m.nyears && cost == EXIT_OK; y++)
                if (year < 0 || y == year)
                    cost = cost_one_year(&a, &b, y, rc, year >= 0 || y == 0);
            status = cost == EXIT_OK ? status : DIFF_TROUBLE;
        }
    } else {
        if (git)
            printf("terms diff %s: not compared in terms: the %s version has errors (on standard error)\n", new_name,
                   !a.ok ? "old" : "new");
        report_errors(&a);
        report_errors(&b);
    }
    unload_contract(&a);
    unload_contract(&b);
    return status;
}

int cmd_diff(int argc, char **argv)
{
    static const struct option opts[] = {
        {"roster", required_argument, 0, 'r'}, {"total", required_argument, 0, 't'}, {"format", required_argument, 0, 'f'},
        {"git", no_argument, 0, 'g'}, {"allow-duplicate-ids", no_argument, 0, 'D'}, RECORDS_OPTION, SCENARIO_OPTIONS, {"help", no_argument, 0, 'h'},
        {"by", required_argument, 0, 'B'}, {"quiet", no_argument, 0, 'q'}, {0, 0, 0, 0}};
    const char *roster = NULL, *total = "total", *format = "text", *by = NULL;
    Scenario st = {0};
    bool git = false, allow_dups = false, quiet = false;
    int ch;
    optind = 1;
    opterr = 0;
    while ((ch = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        int taken = scenario_option(&st, "diff", ch, optarg);
        if (taken == EXIT_USAGE)
            return taken;
        if (taken)
            continue;
        switch (ch) {
        case 'r': roster = optarg; break;
        case 't': total = optarg; break;
        case 'f': format = optarg; break;
        case 'g': git = true; break;
        case 'D': allow_dups = true; break;
        case 'B': by = optarg; break;
        case 'q': quiet = true; break;
        case 'h': fputs(usage, stdout); return EXIT_OK;
        default: return usage_error("diff", "unknown option or missing value: `%s`", argv[optind - 1]);
        }
    }
    if (strcmp(format, "text") && strcmp(format, "csv") && strcmp(format, "json") && strcmp(format, "jsonl"))
        return usage_error("diff", "--format is text, csv, json or jsonl, not `%s`", format);
    if (roster && !strcmp(format, "json"))
        return usage_error("diff", "--roster's cost is text, csv or jsonl (a row per figure), not json");
    if (!roster && !strcmp(format, "jsonl"))
        return usage_error("diff", "--format jsonl is for --roster's cost; the changes in terms are text, csv or json");
    if (by && !roster)
        return usage_error("diff", "--by breaks down --roster's cost: give a roster");
    static Provenance pv;
    Progress pg;
    progress_start(&pg, "rows", quiet);
    RosterCost rc = {.roster = roster, .total = total, .by = by, .allow_dups = allow_dups, .st = &st, .pv = &pv, .progress = &pg,
                     .format = !roster || !strcmp(format, "text") ? ROWS_TEXT : !strcmp(format, "csv") ? ROWS_CSV : ROWS_JSONL};
    if (st.values && !strcmp(st.values, "-"))
        return usage_error("diff", "the values file is read once for each contract: give a file, not standard input");
    if (!git) {
        if (optind != argc - 2)
            return usage_error("diff", "give the old and the new contract");
        int clash = scenario_stdin(&st, "diff", argv[optind], roster);
        if (!clash)
            clash = scenario_stdin(&st, "diff", argv[optind + 1], roster);
        if (clash)
            return clash;
        if (!contract_and_roster("diff", argv[optind], roster) || !contract_and_roster("diff", argv[optind + 1], NULL))
            return EXIT_USAGE;
        if (rc.format != ROWS_TEXT) {
            provenance_add(&pv, "old contract", argv[optind]);
            provenance_add(&pv, "new contract", argv[optind + 1]);
            provenance_add(&pv, "values", st.values);
            provenance_add(&pv, "roster", roster);
            for (int i = 0; i < st.nsets; i++)
                provenance_set(&pv, st.sets[i]);
        }
        return compare(argv[optind], argv[optind + 1], argv[optind], argv[optind + 1], false, format, &rc);
    }
    /* git's external diff: PATH OLD-FILE OLD-HEX OLD-MODE NEW-FILE NEW-HEX
     * NEW-MODE, and for a renamed file NEW-PATH and the rename's summary.
     * git stops at a driver that exits other than 0, so every outcome is 0:
     * the output says what it was. */
    if (argc - optind != 7 && argc - optind != 9)
        return usage_error("diff", "--git takes the seven (or, for a renamed file, nine) arguments git passes to a diff driver");
    const char *path = argv[optind], *old_file = argv[optind + 1], *new_file = argv[optind + 4];
    const char *new_path = argc - optind == 9 ? argv[optind + 7] : path;
    if (!strcmp(old_file, "/dev/null") || !strcmp(new_file, "/dev/null")) {
        printf("terms diff %s: %s contract\n", path, !strcmp(old_file, "/dev/null") ? "new" : "deleted");
        return EXIT_OK;
    }
    if (strcmp(new_path, path))
        printf("terms diff: %s renamed to %s\n", path, new_path);
    compare(old_file, new_file, path, new_path, true, format, &rc);
    return EXIT_OK;
}
