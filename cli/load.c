/* load.c: what the subcommands share: reading and checking a contract (with
 * its values file), --year, --set and --values, the checks on standard input
 * and on arguments given in the wrong order, and the wording of the
 * engine's errors. */
#include "cli.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "alloc.h"
#include "costing.h"
#include "parse.h"
#include "roster.h"
#include "values.h"

char *read_source(const char *path, size_t *len, char *err, size_t cap)
{
    FILE *f = strcmp(path, "-") ? fopen(path, "rb") : stdin;
    if (!f) {
        snprintf(err, cap, "cannot read %s: %s", path, strerror(errno));
        return NULL;
    }
    size_t n = 0, size = 1 << 16;
    char *buf = xmalloc(size);
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
            size *= 2;
            buf = xrealloc(buf, size);
        }
    }
    if (buf && ferror(f)) {
        snprintf(err, cap, "cannot read %s: %s", path, strerror(errno));
        free(buf);
        buf = NULL;
    }
    if (f != stdin)
        fclose(f);
    /* a byte-order mark, which some Windows editors write, is not text */
    if (buf && n >= 3 && !memcmp(buf, "\xEF\xBB\xBF", 3)) {
        n -= 3;
        memmove(buf, buf + 3, n);
    }
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
        if (!strcmp(path, "-") && !strcmp(opt.values, "-"))
            snprintf(err, sizeof err, "the contract and --values cannot both come from standard input");
        else
            l->values_src = read_source(opt.values, &len, err, sizeof err);
        if (!l->values_src) {
            fprintf(stderr, "terms: %s\n", err);
            contract_free(l->c); /* nothing was checked: no "0 errors" after the message */
            l->c = NULL;
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

int scenario_stdin(const Scenario *sc, const char *cmd, const char *contract, const char *roster)
{
    bool c = !strcmp(contract, "-"), r = roster && !strcmp(roster, "-"), v = sc->values && !strcmp(sc->values, "-");
    if (c + r + v < 2)
        return 0;
    return usage_error(cmd, "%s cannot both come from standard input",
                       !v ? "the contract and the roster" : c ? "the contract and --values" : "the roster and --values");
}

static int records_option(RecordsOption *ro, const char *cmd, char *arg)
{
    char *eq = strchr(arg, '=');
    if (!eq || eq == arg || !eq[1])
        return usage_error(cmd, "--records takes NAME=FILE (the employee field and its file), not `%s`", arg);
    if (ro->n == MAX_RECORDS_FILES)
        return usage_error(cmd, "at most %d --records files", MAX_RECORDS_FILES);
    for (int i = 0; i < ro->n; i++)
        if (strlen(ro->v[i].field) == (size_t)(eq - arg) && !strncmp(ro->v[i].field, arg, (size_t)(eq - arg)))
            return usage_error(cmd, "--records %.*s is given twice", (int)(eq - arg), arg);
    *eq = '\0'; /* the argument's own bytes: NAME, then FILE */
    ro->v[ro->n++] = (RecordsSource){.field = arg, .path = eq + 1};
    return 1;
}

int scenario_option(Scenario *sc, const char *cmd, int ch, const char *arg)
{
    switch (ch) {
    case 'y': sc->year = arg; return 1;
    case 'v':
        if (sc->nvalues == MAX_VALUES)
            return usage_error(cmd, "at most %d --values files", MAX_VALUES);
        sc->values = arg;
        sc->values_of[sc->nvalues++] = arg;
        return 1;
    case 'R': return records_option(&sc->records, cmd, (char *)arg);
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

/* Whether two --set name the same param: reported, since one would
 * silently win. */
static bool set_twice(const Scenario *sc)
{
    for (int i = 0; i < sc->nsets; i++) {
        size_t n = strcspn(sc->sets[i], "=");
        for (int j = 0; j < i; j++)
            if (strcspn(sc->sets[j], "=") == n && !strncmp(sc->sets[i], sc->sets[j], n) && sc->sets[i][n]) {
                fprintf(stderr, "terms: --set %.*s is given twice (%s and %s): give each param one value\n", (int)n, sc->sets[i], sc->sets[j],
                        sc->sets[i]);
                return true;
            }
    }
    return false;
}

bool scenario_sets_known(const Scenario *sc, const Model *a, const Model *b)
{
    if (set_twice(sc))
        return false;
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

/* The file sc's argument s is scoped to ("FILE:..."), or -1. */
static int scope_of(const char *s, const char *const *files, int nfiles)
{
    const char *colon = strchr(s, ':');
    for (int i = 0; colon && i < nfiles; i++)
        if (strlen(files[i]) == (size_t)(colon - s) && !strncmp(s, files[i], (size_t)(colon - s)))
            return i;
    return -1;
}

void scenario_for(const Scenario *sc, const char *const *files, int nfiles, const char *file, Scenario *out)
{
    *out = (Scenario){.year = sc->year};
    for (int i = 0; i < sc->nsets; i++) { /* this file's own first */
        int at = scope_of(sc->sets[i], files, nfiles);
        if (at >= 0 && !strcmp(files[at], file))
            out->sets[out->nsets++] = sc->sets[i] + strlen(files[at]) + 1;
    }
    int own = out->nsets;
    for (int i = 0; i < sc->nsets; i++) { /* then those for all, unless it has its own */
        size_t n = strcspn(sc->sets[i], "=");
        bool has_own = false;
        for (int j = 0; j < own && !has_own; j++)
            has_own = strcspn(out->sets[j], "=") == n && !strncmp(out->sets[j], sc->sets[i], n);
        if (scope_of(sc->sets[i], files, nfiles) < 0 && !has_own)
            out->sets[out->nsets++] = sc->sets[i];
    }
    for (int i = 0; i < sc->nvalues; i++) {
        int at = scope_of(sc->values_of[i], files, nfiles);
        if (at < 0 && !out->values)
            out->values = sc->values_of[i];
        else if (at >= 0 && !strcmp(files[at], file))
            out->values = sc->values_of[i] + strlen(files[at]) + 1;
    }
    if (!sc->nvalues)
        out->values = sc->values;
}

bool scenario_sets_known_in(const Scenario *sc, const char *const *files, const Model *const *ms, int n)
{
    for (int f = 0; f < n; f++) {
        Scenario one;
        scenario_for(sc, files, n, files[f], &one);
        if (set_twice(&one))
            return false;
    }
    for (int i = 0; i < sc->nsets; i++) {
        char err[256];
        Override tmp;
        int at = scope_of(sc->sets[i], files, n);
        const char *set = at < 0 ? sc->sets[i] : sc->sets[i] + strlen(files[at]) + 1;
        bool known = false;
        for (int f = 0; f < n && !known; f++)
            if (at < 0 || !strcmp(files[f], files[at]))
                known = parse_override(ms[f], set, &tmp, err, sizeof err);
        if (!known) {
            fprintf(stderr, "terms: %s%s%s\n", at < 0 ? "" : files[at], at < 0 ? "" : ": ", err);
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
    if (set_twice(sc))
        return false;
    for (int i = 0; i < sc->nsets; i++) {
        Override *o = &ov[*nov];
        if (!parse_override(m, sc->sets[i], o, err, sizeof err)) {
            fprintf(stderr, "terms: %s\n", err);
            return false;
        }
        /* one year: its value, for whatever reads the override; the
         * others still there for a schedule year derived from another */
        if (o->years)
            *o = (Override){o->param, o->years[*year], o->years};
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
        fprintf(stderr, "terms: cannot read %s: %s\n", e->roster, e->text);
        break;
    case FAIL_READ_TWICE:
        fprintf(stderr, "terms %s: the roster is read once per contract: give a file, not standard input\n", cmd);
        break;
    case FAIL_ROSTER:
        if (e->version)
            fprintf(stderr, "%s (reading it for %s)\n", e->text, e->version->path);
        else
            fprintf(stderr, "%s\n", e->text);
        break;
    case FAIL_EVAL:
        fprintf(stderr, "%s:%ld: %s: error in %s, %s: %s\n", e->roster, e->line, e->who, e->version->path, e->year, e->text);
        break;
    case FAIL_ADVANCE:
        fprintf(stderr, "%s:%ld: %s: error in %s, moving on from %s to %s: %s\n", e->roster, e->line, e->who, e->version->path,
                e->year, e->next_year, e->text);
        break;
    case FAIL_SUM:
        if (!e->row)
            fprintf(stderr, "terms %s: the change in `%s` per employee is too large\n", cmd, e->name);
        else if (e->name)
            fprintf(stderr, "%s:%ld: %s: the sum of `%s` over the roster is too large\n", e->roster, e->line, e->who, e->name);
        else
            fprintf(stderr, "%s:%ld: %s: the sum of FTE over the roster is too large\n", e->roster, e->line, e->who);
        break;
    case FAIL_TOTAL:
        fprintf(stderr, "terms %s: %s has no amount `%s` (an employee's total pay); name it with --total\n", cmd, e->version->path,
                e->name);
        break;
    case FAIL_FTE:
        fprintf(stderr, "terms %s: %s has no number `%s` to count as FTE\n", cmd, e->version->path, e->name);
        break;
    case FAIL_HOURS:
        fprintf(stderr, "terms %s: %s has no number `%s` to count as hours worked (a definition or field: --hours)\n", cmd,
                e->version->path, e->name);
        break;
    case FAIL_TURNOVER:
        fprintf(stderr, "terms %s: %s has no whole-number field `%s` with a range that holds %ld, for --turnover\n", cmd,
                e->version->path, e->name, e->count);
        break;
    case FAIL_HEADCOUNT:
        fprintf(stderr, "terms %s: the roster gave %ld employee%s to one contract and %ld to the other\n", cmd, e->count,
                e->count == 1 ? "" : "s", e->other);
        break;
    case FAIL_NO_ID_FIELD:
        fprintf(stderr, "%s: the employee record has no text field to find an employee by\n", e->version->path);
        break;
    case FAIL_NO_EMPLOYEE:
        fprintf(stderr, "%s: no employee with %s %s\n", e->roster, e->name, e->id);
        break;
    case FAIL_TWO_ROWS:
        fprintf(stderr, "%s: %s %s is on two rows, row %ld (line %ld) and row %ld (line %ld); %s needs an id that names one row\n",
                e->roster, e->name, e->id, e->row, e->line, e->next_row, e->next_line, cmd);
        break;
    case FAIL_YEARS:
        fprintf(stderr,
                "terms %s: %s has no year \"%s\" but has the later \"%s\": the status quo fills only the years after a baseline's "
                "last; cost the years they share with --years\n",
                cmd, e->version->path, e->name, e->next_year);
        break;
    case FAIL_GROUPS:
        fprintf(stderr, "%s:%ld: %s: more than %d values of `%s`: --by is for a field with few values (a school, a lane)\n", e->roster,
                e->line, e->who, COST_MAX_GROUPS, e->name);
        break;
    case FAIL_UNKNOWN_ITEM:
        fprintf(stderr, "%s:%ld: row %ld, column \"%s\": \"%s\" is an item none of the contracts knows (%s)\n", e->roster, e->line,
                e->row, e->name, e->id, e->text);
        break;
    case FAIL_TEMP:
        fprintf(stderr, "terms %s: %s\n", cmd, e->text);
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

/* What a file looks like from its first line that is not blank: a
 * contract (a comment, or a declaration's first word) or a roster (names
 * separated by commas); else from its name (.terms or .csv).  Only a
 * regular file is read, so a pipe is not consumed. */
typedef enum { LOOKS_UNKNOWN, LOOKS_CONTRACT, LOOKS_ROSTER } Looks;

static Looks first_line_looks(const char *s, size_t n)
{
    static const char *const words[] = {"contract", "employee", "enum", "param", "schedule", "table", "years", "rounding", "output"};
    size_t skip = n >= 3 && !memcmp(s, "\xEF\xBB\xBF", 3) ? 3 : 0;
    while (skip < n && strchr("\n\r \t", s[skip]))
        skip++;
    s += skip;
    n -= skip;
    size_t len = 0;
    while (len < n && s[len] != '\n' && s[len] != '\r')
        len++;
    if (len == 0)
        return LOOKS_UNKNOWN;
    if (s[0] == '#')
        return LOOKS_CONTRACT;
    for (size_t i = 0; i < sizeof words / sizeof *words; i++) {
        size_t w = strlen(words[i]);
        if (len > w && !memcmp(s, words[i], w) && (s[w] == ' ' || s[w] == ':'))
            return LOOKS_CONTRACT;
    }
    bool comma = false;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == ',')
            comma = true;
        else if (!(c == '_' || c == ' ' || c == '"' || c == '.' || c == '-' || (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z')))
            return LOOKS_UNKNOWN;
    }
    return comma ? LOOKS_ROSTER : LOOKS_UNKNOWN;
}

static bool ends_with(const char *s, const char *tail)
{
    size_t n = strlen(s), k = strlen(tail);
    if (n < k)
        return false;
    for (size_t i = 0; i < k; i++)
        if ((s[n - k + i] | 0x20) != tail[i])
            return false;
    return true;
}

static Looks looks_like(const char *path)
{
    struct stat st;
    if (strcmp(path, "-") && stat(path, &st) == 0 && S_ISREG(st.st_mode)) {
        FILE *f = fopen(path, "rb");
        char head[4096];
        size_t n = f ? fread(head, 1, sizeof head, f) : 0;
        if (f)
            fclose(f);
        Looks l = first_line_looks(head, n);
        if (l != LOOKS_UNKNOWN)
            return l;
    }
    return ends_with(path, ".terms") ? LOOKS_CONTRACT : ends_with(path, ".csv") ? LOOKS_ROSTER : LOOKS_UNKNOWN;
}

bool contract_and_roster(const char *cmd, const char *contract, const char *roster)
{
    bool diff = !strcmp(cmd, "diff");
    const char *usage = diff ? "terms diff OLD.terms NEW.terms --roster ROSTER.csv" : NULL;
    char line[128];
    if (!usage) {
        snprintf(line, sizeof line, "terms %s CONTRACT.terms ROSTER.csv", cmd);
        usage = line;
    }
    if (contract && looks_like(contract) == LOOKS_ROSTER) {
        usage_error(cmd, "`%s` looks like a roster, not a contract (%s)", contract, usage);
        return false;
    }
    if (roster && looks_like(roster) == LOOKS_CONTRACT) {
        usage_error(cmd, "`%s` looks like a contract, not a roster (%s)", roster, usage);
        return false;
    }
    return true;
}
