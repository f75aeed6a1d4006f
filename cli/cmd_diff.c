/* terms diff OLD NEW [--roster R] [--year Y] [--total NAME] [--format text|csv|json] */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "diff.h"
#include "format.h"
#include "roster.h"
#include "vm.h"

static const char usage[] =
    "usage: terms diff OLD.terms NEW.terms [--roster R.csv] [--year Y] [--total NAME] [--set NAME=VALUE]...\n"
    "                  [--values FILE] [--format text|csv|json]\n\n"
    "Lists what changed in terms between two versions of a contract: params,\n"
    "schedule cells, table rows, rules, definitions, enums and record fields,\n"
    "each with its old and new value, citation and line in both files.  A\n"
    "change of layout or comments only is \"no change in terms\".\n\n"
    "  --roster R.csv   also cost the change over a roster: per contract year, the\n"
    "                   old and new totals by component, who gains, loses or stays,\n"
    "                   and the largest changes per employee\n"
    "  --year Y         cost only that contract year\n"
    "  --total NAME     the definition that is an employee's total pay (default: total)\n"
    "  --allow-duplicate-ids  with --roster: the roster may give an id several rows (one\n"
    "                   per assignment); without it, a second row with an id is an error\n"
    "  --set, --values  fill params (and, with --values, tables and schedules) in both versions\n"
    "  --git            be git's diff driver for *.terms files (see docs/git.md)\n";

enum { TOP = 10 };

static const char *kind_word(ChangeKind k)
{
    return k == CHANGE_ADDED ? "added" : k == CHANGE_REMOVED ? "removed" : "changed";
}

static void csv_field(const char *s)
{
    if (!s)
        s = "";
    bool quote = strpbrk(s, ",\"\n") != NULL;
    if (!quote) {
        fputs(s, stdout);
        return;
    }
    putchar('"');
    for (; *s; s++) {
        if (*s == '"')
            putchar('"');
        putchar(*s);
    }
    putchar('"');
}

static void json_field(const char *key, const char *s, bool comma)
{
    printf("%s\"%s\":", comma ? "," : "", key);
    if (s)
        format_json_string(stdout, s, strlen(s));
    else
        fputs("null", stdout);
}

static void print_changes(const Changes *ch, const Loaded *a, const Loaded *b, const char *fmt)
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
        format_json_string(stdout, a->d.path, strlen(a->d.path));
        printf(",\"new\":");
        format_json_string(stdout, b->d.path, strlen(b->d.path));
        printf(",\"changes\":[");
        for (int i = 0; i < ch->n; i++) {
            const Change *c = &ch->v[i];
            printf("%s{\"change\":\"%s\"", i ? "," : "", kind_word(c->kind));
            json_field("what", c->what, true);
            json_field("name", c->name, true);
            json_field("old", c->old_value, true);
            json_field("new", c->new_value, true);
            json_field("cite", c->cite, true);
            printf(",\"old_line\":%d,\"new_line\":%d}", c->old_line, c->new_line);
        }
        printf("]}\n");
        return;
    }
    if (ch->n == 0) {
        printf("%s -> %s: no change in terms\n", a->d.path, b->d.path);
        return;
    }
    printf("%s -> %s: %d change%s in terms\n\n", a->d.path, b->d.path, ch->n, ch->n == 1 ? "" : "s");
    for (int i = 0; i < ch->n; i++) {
        const Change *c = &ch->v[i];
        printf("  %-7s %s %s: ", kind_word(c->kind), c->what, c->name);
        if (c->kind == CHANGED)
            printf("%s -> %s", c->old_value, c->new_value);
        else
            printf("%s", c->kind == CHANGE_ADDED ? c->new_value : c->old_value);
        printf("\n          ");
        if (c->cite)
            printf("[%s] ", c->cite);
        if (c->old_line)
            printf("%s:%d", a->d.path, c->old_line);
        if (c->old_line && c->new_line)
            printf(", ");
        if (c->new_line)
            printf("%s:%d", b->d.path, c->new_line);
        putchar('\n');
    }
}

/* ---- cost impact ---- */

typedef struct {
    const char *name;
    int node_a, node_b;  /* -1 where a version lacks it */
    Rat old_sum, new_sum;
} Line;

typedef struct {
    char id[64];
    Rat old_total, new_total, change;
} Mover;

static void money(Rat r, char *buf, size_t cap, bool sign)
{
    size_t n = rat_format_money(r, ROUND_HALF_UP, sign && rat_sign(r) > 0 ? buf + 1 : buf, cap - 1);
    if (sign && rat_sign(r) > 0) {
        buf[0] = '+';
        n++;
    }
    buf[n] = '\0';
}

static void percent(Rat old, Rat change, char *buf, size_t cap)
{
    Rat p;
    if (rat_is_zero(old) || rat_div(change, old, &p) != RAT_OK || rat_mul(p, rat_int(100), &p) != RAT_OK) {
        snprintf(buf, cap, "n/a");
        return;
    }
    size_t n = rat_format_fixed(p, 2, ROUND_HALF_UP, buf, cap - 2);
    buf[n++] = '%';
    buf[n] = '\0';
}

static int node_named(const Program *p, const char *name, int limit)
{
    for (int i = 0; i < limit; i++)
        if (!strcmp(p->nodes[i].name, name))
            return i;
    return -1;
}

/* Costs one contract year of both versions over the roster. */
static int cost_year(const Loaded *la, const Loaded *lb, int year, const char *roster_path, const char *total, const Scenario *st,
                     bool allow_dups)
{
    char err[1024];
    const Model *ma = &la->m, *mb = &lb->m;
    if (year >= ma->nyears) {
        fprintf(stderr, "%s has no contract year %d; the cost is shown for the new version's years it shares\n", la->d.path, year + 1);
        return EXIT_OK;
    }
    Override ova[MAX_SETS], ovb[MAX_SETS];
    int nova = scenario_overrides(st, ma, ova), novb = scenario_overrides(st, mb, ovb);
    Program *pa = compile_program(ma, year, ova, nova), *pb = compile_program(mb, year, ovb, novb);
    int ta = node_named(pa, total, la->c->defs.n), tb = node_named(pb, total, lb->c->defs.n);
    if (ta < 0 || tb < 0) {
        fprintf(stderr, "terms diff: --roster needs a definition `%s` in both versions (an employee's total pay); name another with --total\n", total);
        return EXIT_USAGE;
    }
    /* lines: every component of either version, then the total */
    int nlines = 0;
    Line *lines = calloc((size_t)(la->c->components.n + lb->c->components.n + 1), sizeof *lines);
    for (int i = 0; i < lb->c->components.n; i++) {
        const char *name = lb->c->components.v[i].name.s;
        lines[nlines++] = (Line){name, node_named(pa, name, pa->nnodes), lb->c->defs.n + i, rat_int(0), rat_int(0)};
    }
    for (int i = 0; i < la->c->components.n; i++) {
        const char *name = la->c->components.v[i].name.s;
        if (node_named(pb, name, pb->nnodes) < 0)
            lines[nlines++] = (Line){name, la->c->defs.n + i, -1, rat_int(0), rat_int(0)};
    }
    lines[nlines++] = (Line){total, ta, tb, rat_int(0), rat_int(0)};

    FILE *in = strcmp(roster_path, "-") ? fopen(roster_path, "rb") : stdin;
    if (!in) {
        fprintf(stderr, "terms: cannot read %s\n", roster_path);
        free(lines);
        return EXIT_BAD_INPUT;
    }
    /* each version reads the roster with its own record; read it twice */
    Roster *ra = roster_open(in, roster_path, pa->schema, err, sizeof err);
    FILE *in2 = strcmp(roster_path, "-") ? fopen(roster_path, "rb") : NULL;
    Roster *rb = ra && in2 ? roster_open(in2, roster_path, pb->schema, err, sizeof err) : NULL;
    int status = EXIT_OK;
    if (!ra || !rb) {
        fprintf(stderr, "%s\n", in2 || !ra ? err : "terms diff: --roster cannot read standard input (it reads the roster once per version)");
        status = EXIT_BAD_INPUT;
    }
    Value *reca = calloc((size_t)pa->schema->nfields + 1, sizeof(Value));
    Value *recb = calloc((size_t)pb->schema->nfields + 1, sizeof(Value));
    VM *va = vm_new(pa), *vb = vm_new(pb);
    long gain = 0, lose = 0, same = 0, rows = 0;
    Mover top[TOP];
    int ntop = 0;
    RosterIds *ids = status == EXIT_OK && !allow_dups && pa->id_field >= 0
                         ? roster_ids_new(roster_path, pa->schema->fields[pa->id_field].name) : NULL;
    while (status == EXIT_OK) {
        int ga = roster_next(ra, reca, err, sizeof err);
        if (ga == 1 && ids)
            ga = roster_ids_add(ids, reca[pa->id_field].text.p, reca[pa->id_field].text.len, roster_row(ra), roster_line(ra), err,
                                sizeof err) ? 1 : -1;
        int gb = ga == 1 ? roster_next(rb, recb, err, sizeof err) : ga;
        if (ga == 0)
            break;
        if (ga < 0 || gb < 0) {
            fprintf(stderr, "%s\n", err);
            status = EXIT_BAD_INPUT;
            break;
        }
        rows++;
        vm_begin(va, reca);
        vm_begin(vb, recb);
        Rat employee_old = rat_int(0), employee_new = rat_int(0);
        for (int i = 0; i < nlines && status == EXIT_OK; i++) {
            Value v;
            if (lines[i].node_a >= 0) {
                if (!vm_value(va, lines[i].node_a, &v) || rat_add(lines[i].old_sum, v.num, &lines[i].old_sum) != RAT_OK) {
                    fprintf(stderr, "%s:%ld: row %ld: error (old version): %s\n", roster_path, roster_line(ra), roster_row(ra), vm_error(va));
                    status = EXIT_BAD_INPUT;
                    break;
                }
                if (i == nlines - 1)
                    employee_old = v.num;
            }
            if (lines[i].node_b >= 0) {
                if (!vm_value(vb, lines[i].node_b, &v) || rat_add(lines[i].new_sum, v.num, &lines[i].new_sum) != RAT_OK) {
                    fprintf(stderr, "%s:%ld: row %ld: error (new version): %s\n", roster_path, roster_line(rb), roster_row(rb), vm_error(vb));
                    status = EXIT_BAD_INPUT;
                    break;
                }
                if (i == nlines - 1)
                    employee_new = v.num;
            }
        }
        if (status != EXIT_OK)
            break;
        Rat change;
        rat_sub(employee_new, employee_old, &change);
        int s = rat_sign(change);
        gain += s > 0;
        lose += s < 0;
        same += s == 0;
        /* keep the TOP largest changes, largest first */
        Mover m = {.old_total = employee_old, .new_total = employee_new, .change = change};
        if (pb->id_field >= 0)
            snprintf(m.id, sizeof m.id, "%.*s", (int)(recb[pb->id_field].text.len > 60 ? 60 : recb[pb->id_field].text.len),
                     recb[pb->id_field].text.p);
        else
            snprintf(m.id, sizeof m.id, "row %ld", rows);
        int at = ntop;
        while (at > 0 && rat_cmp(rat_abs(top[at - 1].change), rat_abs(change)) < 0)
            at--;
        if (at < TOP && s != 0) {
            if (ntop < TOP)
                ntop++;
            memmove(&top[at + 1], &top[at], sizeof(Mover) * (size_t)(ntop - 1 - at));
            top[at] = m;
        }
    }
    if (status == EXIT_OK) {
        printf("\ncost over %s, contract year %s (%ld employees):\n", roster_path, pb->year_name, rows);
        printf("  %-28s %18s %18s %18s %9s\n", "", "old", "new", "change", "%");
        for (int i = 0; i < nlines; i++) {
            char o[64], n[64], c[64], p[32];
            Rat change;
            rat_sub(lines[i].new_sum, lines[i].old_sum, &change);
            money(lines[i].old_sum, o, sizeof o, false);
            money(lines[i].new_sum, n, sizeof n, false);
            money(change, c, sizeof c, true);
            percent(lines[i].old_sum, change, p, sizeof p);
            printf("  %-28s %18s %18s %18s %9s\n", lines[i].name, lines[i].node_a >= 0 ? o : "-", lines[i].node_b >= 0 ? n : "-", c, p);
        }
        printf("  employees: %ld gain, %ld lose, %ld unchanged\n", gain, lose, same);
        if (ntop) {
            printf("  largest changes in %s:\n", total);
            for (int i = 0; i < ntop; i++) {
                char o[64], n[64], c[64];
                money(top[i].old_total, o, sizeof o, false);
                money(top[i].new_total, n, sizeof n, false);
                money(top[i].change, c, sizeof c, true);
                printf("    %-16s %16s -> %16s  %16s\n", top[i].id, o, n, c);
            }
        }
    }
    vm_free(va);
    vm_free(vb);
    free(reca);
    free(recb);
    roster_ids_free(ids);
    roster_close(ra);
    roster_close(rb);
    if (in != stdin)
        fclose(in);
    if (in2)
        fclose(in2);
    free(lines);
    return status;
}

int cmd_diff(int argc, char **argv)
{
    static const struct option opts[] = {
        {"roster", required_argument, 0, 'r'}, {"total", required_argument, 0, 't'}, {"format", required_argument, 0, 'f'},
        {"git", no_argument, 0, 'g'}, {"allow-duplicate-ids", no_argument, 0, 'D'}, SCENARIO_OPTIONS, {"help", no_argument, 0, 'h'},
        {0, 0, 0, 0}};
    const char *roster = NULL, *total = "total", *format = "text";
    Scenario st = {0};
    bool git = false, allow_dups = false;
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
        case 'h': fputs(usage, stdout); return EXIT_OK;
        default: return usage_error("diff", "unknown option or missing value: `%s`", argv[optind - 1]);
        }
    }
    if (git) {
        /* git's external diff: PATH OLD-FILE OLD-HEX OLD-MODE NEW-FILE NEW-HEX NEW-MODE */
        if (argc - optind != 7)
            return usage_error("diff", "--git takes the seven arguments git passes to a diff driver");
        const char *path = argv[optind], *old_file = argv[optind + 1], *new_file = argv[optind + 4];
        printf("terms diff %s\n", path);
        if (!strcmp(old_file, "/dev/null") || !strcmp(new_file, "/dev/null")) {
            printf("%s contract %s\n", !strcmp(old_file, "/dev/null") ? "new" : "deleted", path);
            return EXIT_OK;
        }
        optind += 1;
        argv[optind + 1] = (char *)new_file;
    } else if (optind != argc - 2) {
        return usage_error("diff", "give the old and the new contract");
    }
    if (strcmp(format, "text") && strcmp(format, "csv") && strcmp(format, "json"))
        return usage_error("diff", "--format is text, csv or json, not `%s`", format);
    if (roster && strcmp(format, "text"))
        return usage_error("diff", "--roster's cost report is text; use --format text with it");
    if (!git && (!contract_and_roster("diff", argv[optind], roster) || !contract_and_roster("diff", argv[optind + 1], NULL)))
        return EXIT_USAGE;
    Loaded a, b;
    load_contract(argv[optind], (LoadOptions){.quiet_warnings = true, .values = st.values}, &a);
    load_contract(argv[optind + 1], (LoadOptions){.quiet_warnings = true, .values = st.values}, &b);
    int status = EXIT_BAD_INPUT;
    if (a.ok && b.ok) {
        Changes changes = {0};
        diff_models(&a.m, &a.d, &b.m, &b.d, &changes);
        print_changes(&changes, &a, &b, format);
        changes_free(&changes);
        status = EXIT_OK;
        if (roster) {
            int year = -1;
            if (st.year && (year = parse_year(&b.m, st.year)) < 0)
                status = EXIT_USAGE;
            if (status == EXIT_OK && !scenario_sets_known(&st, &b.m, &a.m))
                status = EXIT_USAGE;
            for (int y = 0; y < b.m.nyears && status == EXIT_OK; y++)
                if (year < 0 || y == year)
                    status = cost_year(&a, &b, y, roster, total, &st, allow_dups);
        }
    } else {
        report_errors(&a);
        report_errors(&b);
    }
    unload_contract(&a);
    unload_contract(&b);
    return status;
}
