/* fuzz_lsp: what `terms lsp` asks of the library (engine/ide.h), on any
 * text, at the start and the end of the text and of up to 22 of its words.
 *
 * Properties: every diagnostic, reference, symbol and fix lies within the
 * text; references come in source order; a symbol's name lies within it;
 * a hover is given exactly where a name is; a position turned into an
 * offset and back is the same position; formatted text parses. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "fuzz.h"
#include "ide.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

enum { MAX_PLACES = 24 };

static bool word_char(char ch)
{
    return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') || ch == '_';
}

static void within(Span at, size_t len, const char *what)
{
    FUZZ_ASSERT(at.start <= at.end && at.end <= len, "%s at %u..%u, in a text of %zu bytes", what, at.start, at.end, len);
}

static void symbols_within(const IdeSymbol *s, int n, size_t len)
{
    for (int i = 0; i < n; i++) {
        within(s[i].at, len, "a symbol");
        FUZZ_ASSERT(s[i].at.start <= s[i].name_at.start && s[i].name_at.end <= s[i].at.end, "symbol %s: its name is outside it",
                    s[i].name);
        FUZZ_ASSERT(*s[i].name, "a symbol without a name");
        symbols_within(s[i].children, s[i].nchildren, len);
    }
}

static void positions(const IdeDoc *doc, uint32_t offset)
{
    int line, ch, line2, ch2;
    ide_position(doc, offset, &line, &ch);
    uint32_t back = ide_offset(doc, line, ch);
    ide_position(doc, back, &line2, &ch2);
    FUZZ_ASSERT(line == line2 && ch == ch2 && back <= offset, "offset %u is %d:%d, which is offset %u, which is %d:%d", offset, line, ch,
                back, line2, ch2);
}

static void ask(IdeDoc *doc, uint32_t offset, size_t len, Arena *a)
{
    Span at, *spans;
    IdeRef ref;
    IdeCompletion *c;
    positions(doc, offset);
    bool named = ide_name_at(doc, offset, &ref, &at);
    const char *hover = ide_hover(doc, offset, &at, a);
    FUZZ_ASSERT(named == (hover != NULL), "at %u: a name %s, but a hover %s", offset, named ? "is" : "is not", hover ? "is" : "is not");
    if (hover)
        within(at, len, "a hover");
    if (ide_definition(doc, offset, &at))
        within(at, len, "a definition");
    int n = ide_references(doc, offset, true, &spans, a);
    for (int i = 0; i < n; i++) {
        within(spans[i], len, "a reference");
        FUZZ_ASSERT(i == 0 || spans[i - 1].start < spans[i].start, "references out of order");
    }
    n = ide_completions(doc, offset, &c, a);
    FUZZ_ASSERT(n <= IDE_MAX_COMPLETIONS, "%d completions", n);
    IdeFix *f;
    n = ide_fixes(doc, (Span){offset, offset}, &f, a);
    for (int i = 0; i < n; i++)
        within(f[i].at, len, "a fix");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *text = (const char *)data;
    IdeDoc *doc = ide_open("fuzz.terms", text, size);
    Arena a = {0};
    const IdeDiag *d;
    int n = ide_diagnostics(doc, &d);
    for (int i = 0; i < n; i++)
        FUZZ_ASSERT(d[i].at.start <= size && d[i].at.end <= size, "%s: at %u..%u, in a text of %zu bytes", d[i].message,
                    d[i].at.start, d[i].at.end, size);

    /* the start and the end, and the edges of words, evenly */
    uint32_t places[MAX_PLACES];
    int np = 0, edges = 0;
    for (size_t i = 1; i < size; i++)
        edges += word_char(text[i]) != word_char(text[i - 1]);
    int every = edges / (MAX_PLACES - 2) + 1, seen = 0;
    places[np++] = 0;
    for (size_t i = 1; i < size && np < MAX_PLACES - 1; i++)
        if (word_char(text[i]) != word_char(text[i - 1]) && seen++ % every == 0)
            places[np++] = (uint32_t)i;
    places[np++] = (uint32_t)size;
    for (int i = 0; i < np; i++)
        ask(doc, places[i], size, &a);

    IdeSymbol *s;
    int ns = ide_outline(doc, &s, &a);
    symbols_within(s, ns, size);
    IdeFix *f;
    n = ide_fixes(doc, (Span){0, (uint32_t)size}, &f, &a);
    for (int i = 0; i < n; i++)
        within(f[i].at, size, "a fix");
    size_t flen;
    char *formatted = ide_format(doc, &flen);
    if (formatted) {
        IdeDoc *again = ide_open("formatted.terms", formatted, flen);
        FUZZ_ASSERT(ide_syntax_errors(again) == 0, "the formatted text has syntax errors:\n%.*s", (int)flen, formatted);
        ide_close(again);
        free(formatted);
    }
    arena_free(&a);
    ide_close(doc);
    return 0;
}
