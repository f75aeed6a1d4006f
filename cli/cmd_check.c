/* terms check FILE [--strict] */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "fmt.h"

/* The columns of fields[0..n) a file must have, then those it may leave
 * out with their defaults; what names the file in the first line. */
static void print_field_columns(Contract *c, const char *what, const char *first, const FieldDecl *fields, int n,
                                const Model *m)
{
    printf("columns %s must have:%s%s", what, first ? " " : "", first ? first : "");
    for (int i = 0, k = first != NULL; i < n; i++) {
        bool records = m && m->fields[i].type.kind == TY_RECORDS; /* a file of their own */
        if (!fields[i].deflt && !records)
            printf("%s %s", k++ ? "," : "", fields[i].name.s);
    }
    putchar('\n');
    for (int i = 0, k = 0; i < n; i++) {
        const FieldDecl *fd = &fields[i];
        if (!fd->deflt)
            continue;
        if (!k++)
            printf("columns it may leave out (each row then has the value shown):\n");
        printf("  %s = %s%s\n", fd->name.s, format_expr(&c->arena, NULL, fd->deflt), fd->optional ? " (an empty cell too)" : "");
    }
}

/* --columns: the roster's, and each records file's (its id first). */
static void print_columns(Contract *c, const Model *m)
{
    print_field_columns(c, "a roster", NULL, c->fields.v, c->fields.n, m);
    for (int i = 0; i < m->schema.nfields; i++) {
        if (m->fields[i].type.kind != TY_RECORDS)
            continue;
        const RecordDecl *r = &c->records.v[m->fields[i].type.enum_id];
        const char *what = arena_printf(&c->arena, "the %s file (--records %s=FILE)", m->fields[i].name, m->fields[i].name);
        print_field_columns(c, what, m->records[m->fields[i].type.enum_id].fields[0].name, r->fields.v, r->fields.n, NULL);
    }
}

static const char usage[] =
    "usage: terms check FILE.terms [--strict] [--values FILE] [--columns]\n\n"
    "Checks a contract: syntax, names, types and money units, schedules and\n"
    "tables complete, no cycles, the components' policies proven.  Lists every\n"
    "blank ($___) as a warning, and every schedule cell a `check` line finds\n"
    "wrong (a printed cell its rule does not give, a row that breaks a\n"
    "statement).\n\n"
    "  --strict        blanks, undecided proofs and failed checks are errors\n"
    "  --values FILE   take params, tables and schedules from FILE instead (see docs/language.md)\n"
    "  --columns       then list the columns a roster must have, and those it may leave\n"
    "                  out with the value each then has\n";

int cmd_check(int argc, char **argv)
{
    static const struct option opts[] = {
        {"strict", no_argument, 0, 's'}, {"values", required_argument, 0, 'v'}, {"columns", no_argument, 0, 'c'},
        {"help", no_argument, 0, 'h'}, {0, 0, 0, 0}};
    bool strict = false, columns = false;
    const char *values = NULL;
    int ch;
    optind = 1;
    opterr = 0;
    while ((ch = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        switch (ch) {
        case 's': strict = true; break;
        case 'v': values = optarg; break;
        case 'c': columns = true; break;
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
        if (columns)
            print_columns(c, &l.m);
    } else if (l.c) {
        fprintf(stderr, "%s: %d error%s\n", l.d.path, l.d.errors, l.d.errors == 1 ? "" : "s");
    }
    unload_contract(&l);
    return status;
}
