/* support.h: what the unit tests share: compiling a snippet of Terms and
 * capturing its diagnostics as text; a checked snippet as the engine takes
 * it, and a roster in memory. */
#ifndef TERMS_TEST_SUPPORT_H
#define TERMS_TEST_SUPPORT_H

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "compile.h"
#include "engine.h"
#include "parse.h"
#include "vm.h"

typedef struct {
    Contract *c;
    Model m;
    bool ok;
    char *text;       /* every diagnostic, as printed */
    size_t len;
    Diags d;
} Snippet;

static inline void snippet_with(Snippet *s, const char *src, bool check, CheckOptions opt)
{
    memset(s, 0, sizeof *s);
    FILE *out = open_memstream(&s->text, &s->len);
    s->d = (Diags){.path = "t.terms", .src = src, .len = strlen(src), .out = out};
    s->c = parse_contract("t.terms", src, strlen(src), &s->d);
    if (check && s->d.errors == 0)
        s->ok = check_contract(s->c, &s->d, opt, &s->m);
    fclose(out);
}

/* Parses and (if that succeeded) checks src; diagnostics go to s->text. */
static inline void snippet(Snippet *s, const char *src)
{
    snippet_with(s, src, true, (CheckOptions){0});
}

/* Only parses. */
static inline void parsed(Snippet *s, const char *src)
{
    snippet_with(s, src, false, (CheckOptions){0});
}

static inline void snippet_free(Snippet *s)
{
    contract_free(s->c);
    free(s->text);
}

/* The record every snippet below declares, so tests can focus on rules. */
#define RECORD \
    "years \"2017-18\", \"2018-19\"\n" \
    "enum Lane: BA, MA, DOC\n" \
    "employee:\n" \
    "  id: text\n" \
    "  lane: Lane\n" \
    "  step: integer 1 to 13\n" \
    "  years: integer\n" \
    "  fte: decimal\n" \
    "  salary: money\n" \
    "  nb: yes/no\n"

/* True if the diagnostics contain needle. */
static inline bool said(const Snippet *s, const char *needle)
{
    return s->text && strstr(s->text, needle) != NULL;
}

/* A contract checked from source, as a Version; the test fails if it
 * does not check. */
typedef struct {
    Snippet s;
    Version v;
} Loaded;

static inline void load(Loaded *l, const char *src)
{
    snippet(&l->s, src);
    if (!l->s.ok)
        fail_msg("the test's contract does not check:\n%s", l->s.text);
    l->v = (Version){.path = "t.terms", .m = &l->s.m};
}

/* csv as the roster "r.csv". */
static inline RosterSource in_memory(const char *csv)
{
    return (RosterSource){.path = "r.csv", .data = csv, .len = strlen(csv)};
}

#define assert_said(s, needle) do { \
        if (!said((s), (needle))) \
            fail_msg("expected diagnostics to contain:\n%s\ngot:\n%s", (needle), (s)->text ? (s)->text : ""); \
    } while (0)

#endif
