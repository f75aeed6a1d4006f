#include "cli.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parse.h"
#include "values.h"

char *read_source(const char *path, size_t *len, char *err, size_t cap)
{
    FILE *f = strcmp(path, "-") ? fopen(path, "rb") : stdin;
    if (!f) {
        snprintf(err, cap, "cannot read %s: %s", path, strerror(errno));
        return NULL;
    }
    size_t n = 0, size = 1 << 16;
    char *buf = malloc(size);
    while (buf) {
        size_t got = fread(buf + n, 1, size - n, f);
        n += got;
        if (got == 0)
            break;
        if (n > MAX_SOURCE_BYTES) {
            snprintf(err, cap, "%s is larger than %d MiB, the most a contract may be", path, MAX_SOURCE_BYTES >> 20);
            free(buf);
            buf = NULL;
            break;
        }
        if (n == size) {
            char *bigger = realloc(buf, size * 2);
            if (!bigger) {
                free(buf);
                buf = NULL;
                snprintf(err, cap, "out of memory reading %s", path);
            }
            buf = bigger;
            size *= 2;
        }
    }
    if (buf && ferror(f)) {
        snprintf(err, cap, "cannot read %s: %s", path, strerror(errno));
        free(buf);
        buf = NULL;
    }
    if (f != stdin)
        fclose(f);
    *len = n;
    return buf;
}

void load_contract(const char *path, LoadOptions opt, Loaded *l)
{
    memset(l, 0, sizeof *l);
    char err[512];
    l->d = (Diags){.path = opt.name ? opt.name : strcmp(path, "-") ? path : "<stdin>", .out = stderr,
                   .quiet_warnings = opt.quiet_warnings};
    l->src = read_source(path, &l->len, err, sizeof err);
    if (!l->src) {
        fprintf(stderr, "terms: %s\n", err);
        return;
    }
    l->d.src = l->src;
    l->d.len = l->len;
    l->c = parse_contract(l->d.path, l->src, l->len, &l->d);
    if (opt.values) {
        size_t len;
        l->values_src = read_source(opt.values, &len, err, sizeof err);
        if (!l->values_src) {
            fprintf(stderr, "terms: %s\n", err);
            return;
        }
        uint32_t base = diag_add_source(&l->d, opt.values, l->values_src, len);
        l->values = parse_contract_at(opt.values, l->values_src, len, base, &l->d);
        if (l->d.errors == 0)
            merge_values(l->c, l->values, &l->d);
    }
    if (l->d.errors > 0)
        return;
    l->ok = check_contract(l->c, &l->d, (CheckOptions){.strict = opt.strict}, &l->m);
}

void unload_contract(Loaded *l)
{
    contract_free(l->c);
    contract_free(l->values);
    free(l->src);
    free(l->values_src);
    memset(l, 0, sizeof *l);
}

int parse_year(const Model *m, const char *arg)
{
    return parse_year_of(m, "--year", arg);
}

int parse_year_of(const Model *m, const char *option, const char *arg)
{
    int y = find_year(m, arg);
    if (y >= 0)
        return y;
    char *end;
    long n = strtol(arg, &end, 10);
    if (*arg && !*end && n >= 1 && n <= m->nyears)
        return (int)n - 1;
    fprintf(stderr, "terms: %s %s: the contract's years are", option, arg);
    for (int i = 0; i < m->ast->years.n; i++)
        fprintf(stderr, "%s \"%s\"", i ? "," : "", m->ast->years.v[i].s);
    if (m->ast->years.n == 0)
        fprintf(stderr, " just one (it lists no `years`)");
    fprintf(stderr, ", or 1 to %d\n", m->nyears);
    return -1;
}

int scenario_option(Scenario *sc, const char *cmd, int ch, const char *arg)
{
    switch (ch) {
    case 'y': sc->year = arg; return 1;
    case 'v': sc->values = arg; return 1;
    case 's':
        if (sc->nsets == MAX_SETS)
            return usage_error(cmd, "at most %d --set values", MAX_SETS);
        sc->sets[sc->nsets++] = arg;
        return 1;
    default: return 0;
    }
}

int scenario_overrides(const Scenario *sc, const Model *m, Override *ov)
{
    int n = 0;
    char err[256];
    for (int i = 0; i < sc->nsets; i++)
        if (parse_override(m, sc->sets[i], &ov[n], err, sizeof err))
            n++;
    return n;
}

bool scenario_sets_known(const Scenario *sc, const Model *a, const Model *b)
{
    for (int i = 0; i < sc->nsets; i++) {
        char err[256];
        Override tmp;
        if (!parse_override(a, sc->sets[i], &tmp, err, sizeof err) && !(b && parse_override(b, sc->sets[i], &tmp, err, sizeof err))) {
            fprintf(stderr, "terms: %s\n", err);
            return false;
        }
    }
    return true;
}

bool scenario_apply(const Scenario *sc, const Model *m, int *year, Override *ov, int *nov)
{
    char err[512];
    *year = 0;
    *nov = 0;
    if (sc->year && (*year = parse_year(m, sc->year)) < 0)
        return false;
    for (int i = 0; i < sc->nsets; i++) {
        Override *o = &ov[*nov];
        if (!parse_override(m, sc->sets[i], o, err, sizeof err)) {
            fprintf(stderr, "terms: %s\n", err);
            return false;
        }
        /* one year: its value alone, for whatever reads the override */
        if (o->years)
            *o = (Override){o->param, o->years[*year], NULL};
        (*nov)++;
    }
    return true;
}

void report_errors(const Loaded *l)
{
    if (l->c && !l->ok)
        fprintf(stderr, "%s: %d error%s\n", l->d.path, l->d.errors, l->d.errors == 1 ? "" : "s");
}

void report_engine_error(const char *cmd, const EngineError *e)
{
    switch (e->kind) {
    case FAIL_READ:
        fprintf(stderr, "terms: cannot read %s\n", e->roster);
        break;
    case FAIL_READ_TWICE:
        fprintf(stderr, "terms %s: the roster is read once per contract: give a file, not standard input\n", cmd);
        break;
    case FAIL_ROSTER:
        fprintf(stderr, "%s\n", e->text);
        break;
    case FAIL_EVAL:
        fprintf(stderr, "%s:%ld: row %ld: error in %s, %s: %s\n", e->roster, e->line, e->row, e->version->path, e->year, e->text);
        break;
    case FAIL_ADVANCE:
        fprintf(stderr, "%s:%ld: row %ld: error in %s, moving on from %s: %s\n", e->roster, e->line, e->row, e->version->path, e->year,
                e->text);
        break;
    case FAIL_SUM:
        if (!e->row)
            fprintf(stderr, "terms %s: the change in `%s` per employee is too large\n", cmd, e->name);
        else if (e->name)
            fprintf(stderr, "%s:%ld: row %ld: the sum of `%s` over the roster is too large\n", e->roster, e->line, e->row, e->name);
        else
            fprintf(stderr, "%s:%ld: row %ld: the sum of FTE over the roster is too large\n", e->roster, e->line, e->row);
        break;
    case FAIL_TOTAL:
        fprintf(stderr, "terms %s: %s has no amount `%s` (an employee's total pay); name it with --total\n", cmd, e->version->path,
                e->name);
        break;
    case FAIL_FTE:
        fprintf(stderr, "terms %s: %s has no number `%s` to count as FTE\n", cmd, e->version->path, e->name);
        break;
    case FAIL_HEADCOUNT:
        fprintf(stderr, "terms %s: the roster gave %ld employee%s to one contract and %ld to the other\n", cmd, e->count,
                e->count == 1 ? "" : "s", e->other);
        break;
    }
}

int usage_error(const char *cmd, const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, "terms %s: ", cmd);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, "\nTry `terms %s --help`.\n", cmd);
    return EXIT_USAGE;
}
