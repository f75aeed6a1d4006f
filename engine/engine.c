/* engine.c: what the engine's operations share (engine.h): finding a
 * definition or component by name, and opening a roster from a file,
 * standard input or memory. */
#include "engine.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"

int model_node_named(const Model *m, const char *name)
{
    const Contract *c = m->ast;
    for (int d = 0; d < c->defs.n; d++)
        if (!strcmp(c->defs.v[d].name.s, name))
            return d;
    for (int k = 0; k < c->components.n; k++)
        if (!strcmp(c->components.v[k].name.s, name))
            return c->defs.n + k;
    return -1;
}

bool roster_source_rereadable(const RosterSource *src)
{
    return src->data || strcmp(src->path, "-");
}

FILE *roster_source_file(const RosterSource *src, EngineError *e)
{
    FILE *f = strcmp(src->path, "-") ? fopen(src->path, "rb") : stdin;
    if (!f) {
        *e = (EngineError){.kind = FAIL_READ, .roster = src->path};
        snprintf(e->text, sizeof e->text, "%s", strerror(errno));
    }
    return f;
}

bool schema_has_records(const RecordSchema *schema)
{
    for (int f = 0; f < schema->nfields; f++)
        if (schema->fields[f].type.kind == TY_RECORDS)
            return true;
    return false;
}

/* Joins to r each records file src gives; every records field of schema
 * needs one, and each one a records field. */
static bool join_records(const RosterSource *src, const RecordSchema *schema, Roster *r, char *err, size_t cap)
{
    for (int k = 0; k < src->nrecords; k++) {
        int f = 0;
        while (f < schema->nfields && strcmp(schema->fields[f].name, src->records[k].field))
            f++;
        if (f == schema->nfields || schema->fields[f].type.kind != TY_RECORDS) {
            snprintf(err, cap, "--records %s=%s: the employee record has no list of records called `%s`", src->records[k].field,
                     src->records[k].path, src->records[k].field);
            return false;
        }
    }
    for (int f = 0; f < schema->nfields; f++) {
        if (schema->fields[f].type.kind != TY_RECORDS)
            continue;
        int k = 0;
        while (k < src->nrecords && strcmp(src->records[k].field, schema->fields[f].name))
            k++;
        if (k == src->nrecords) {
            snprintf(err, cap, "%s: the contract reads each employee's %s from a file of their own: give it with --records %s=FILE.csv",
                     src->path, schema->fields[f].name, schema->fields[f].name);
            return false;
        }
        const char *path = src->records[k].path;
        FILE *in = fopen(path, "rb");
        if (!in) {
            snprintf(err, cap, "%s: %s", path, strerror(errno));
            return false;
        }
        Roster *rows = roster_open(in, path, schema->fields[f].rows, err, cap);
        if (!rows) {
            fclose(in);
            return false;
        }
        int id_field = 0; /* the employee's field that the file's first column, its id, names */
        while (strcmp(schema->fields[id_field].name, schema->fields[f].rows->fields[0].name))
            id_field++;
        roster_join(r, f, id_field, rows, in);
    }
    return true;
}

bool roster_source_open(const RosterSource *src, const RecordSchema *schema, OpenRoster *o, EngineError *e)
{
    *o = (OpenRoster){0};
    char err[sizeof e->text];
    if (src->data) {
        o->copy = xmalloc(src->len + 1);
        memcpy(o->copy, src->data, src->len);
        o->r = roster_open_memory(o->copy, src->len, src->path, schema, err, sizeof err);
    } else {
        FILE *f = roster_source_file(src, e);
        if (!f)
            return false;
        o->f = f == stdin ? NULL : f;
        o->r = roster_open(f, src->path, schema, err, sizeof err);
    }
    if (!o->r || !join_records(src, schema, o->r, err, sizeof err)) {
        *e = (EngineError){.kind = FAIL_ROSTER, .roster = src->path};
        snprintf(e->text, sizeof e->text, "%s", err);
        roster_source_close(o);
        return false;
    }
    return true;
}

void roster_source_close(OpenRoster *o)
{
    roster_close(o->r);
    if (o->f)
        fclose(o->f);
    free(o->copy);
    *o = (OpenRoster){0};
}

void describe_row(const Program *p, const Roster *r, const Value *record, char *buf, size_t cap)
{
    int n = snprintf(buf, cap, "row %ld", roster_row(r));
    if (p->id_field < 0)
        return;
    /* at most 40 bytes of the id, cut between characters, control bytes
     * as \xNN, so that a message is one line */
    const unsigned char *id = (const unsigned char *)record[p->id_field].text.p;
    size_t len = record[p->id_field].text.len;
    if (len > 40) {
        len = 40;
        while (len > 0 && (id[len] & 0xC0) == 0x80)
            len--;
    }
    n += snprintf(buf + n, cap - (size_t)n, " (%s ", p->schema->fields[p->id_field].name);
    for (size_t i = 0; i < len && (size_t)n + 8 < cap; i++)
        n += id[i] < 0x20 || id[i] == 0x7F ? snprintf(buf + n, cap - (size_t)n, "\\x%02X", id[i])
                                            : snprintf(buf + n, cap - (size_t)n, "%c", id[i]);
    snprintf(buf + n, cap - (size_t)n, ")");
}
