#include "values.h"

#include <string.h>

static const char *not_declared = "the values file sets %s `%s`, but the contract declares no %s of that name";

bool merge_values(Contract *c, const Contract *v, Diags *d)
{
    int errors = d->errors;
    for (int i = 0; i < v->params.n; i++) {
        const ParamDecl *p = &v->params.v[i];
        int j = 0;
        while (j < c->params.n && strcmp(c->params.v[j].name.s, p->name.s))
            j++;
        if (j == c->params.n) {
            diag_error(d, p->name.at, not_declared, "param", p->name.s, "param");
            continue;
        }
        ParamDecl *into = &c->params.v[j];
        into->values = p->values;
        into->nvalues = p->nvalues;
        into->values_at = p->values_at;
    }
    for (int i = 0; i < v->tables.n; i++) {
        const TableDecl *t = &v->tables.v[i];
        int j = 0;
        while (j < c->tables.n && strcmp(c->tables.v[j].name.s, t->name.s))
            j++;
        if (j == c->tables.n) {
            diag_error(d, t->name.at, not_declared, "table", t->name.s, "table");
            continue;
        }
        c->tables.v[j].rows = t->rows;
    }
    for (int i = 0; i < v->schedules.n; i++) {
        const ScheduleDecl *s = &v->schedules.v[i];
        int j = 0;
        while (j < c->schedules.n && strcmp(c->schedules.v[j].name.s, s->name.s))
            j++;
        if (j == c->schedules.n) {
            diag_error(d, s->name.at, not_declared, "schedule", s->name.s, "schedule");
            continue;
        }
        c->schedules.v[j].blocks = s->blocks;
    }
    Span first = {0, 0};
    bool other = false;
    if (v->defs.n)
        first = v->defs.v[0].name.at, other = true;
    else if (v->rules.n)
        first = v->rules.v[0].at, other = true;
    else if (v->fields.n)
        first = v->fields.v[0].at, other = true;
    else if (v->enums.n)
        first = v->enums.v[0].name.at, other = true;
    else if (v->outputs.n || v->examples.n || v->each_year.n || v->components.n || v->title || v->years.n)
        other = true, first = v->outputs.n ? v->outputs.v[0].at : v->years.n ? v->years.v[0].at : first;
    if (other)
        diag_error(d, first, "a values file holds only param, table and schedule declarations");
    return d->errors == errors;
}
