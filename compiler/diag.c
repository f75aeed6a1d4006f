/* diag.c: diagnostics as gcc prints them: file:line:col, the source line
 * and a caret under the span, counted and capped (see diag.h). */
#include "diag.h"

#include <stdarg.h>
#include <string.h>

/* The file that holds offset, and offset within it. */
static DiagSource source_of(const Diags *d, uint32_t *offset)
{
    for (int i = d->nmore - 1; i >= 0; i--)
        if (*offset >= d->more[i].base) {
            *offset -= d->more[i].base;
            return d->more[i];
        }
    return (DiagSource){d->path, d->src, d->len, 0};
}

DiagSource diag_source(const Diags *d, uint32_t offset, uint32_t *local)
{
    *local = offset;
    return source_of(d, local);
}

uint32_t diag_add_source(Diags *d, const char *path, const char *src, size_t len)
{
    uint32_t base = (uint32_t)d->len + 1;
    if (d->nmore > 0)
        base = d->more[d->nmore - 1].base + (uint32_t)d->more[d->nmore - 1].len + 1;
    if (d->nmore < MAX_DIAG_SOURCES)
        d->more[d->nmore++] = (DiagSource){path, src, len, base};
    return base;
}

/* Line and column of offset in s, counting from from_offset, which is at
 * from_line:from_col (0, 1, 1: the start). */
static void line_col_from(const DiagSource *s, uint32_t offset, uint32_t from_offset, int from_line, int from_col, int *line,
                          int *col)
{
    if (offset > s->len)
        offset = (uint32_t)s->len;
    int l = from_line, c = from_col;
    for (uint32_t i = from_offset; i < offset; i++) {
        unsigned char ch = (unsigned char)s->src[i];
        if (ch == '\n') {
            l++;
            c = 1;
        } else if ((ch & 0xC0) != 0x80) {
            c++;
        }
    }
    *line = l;
    *col = c;
}

static void line_col(const DiagSource *s, uint32_t offset, int *line, int *col)
{
    line_col_from(s, offset, 0, 1, 1, line, col);
}

/* line_col, resuming from the last message's position when this one is
 * further on in the same file, so a run of messages takes linear time. */
static void line_col_memo(Diags *d, const DiagSource *s, uint32_t offset, int *line, int *col)
{
    if (offset > s->len)
        offset = (uint32_t)s->len;
    if (d->memo_src == s->src && s->src && d->memo_offset <= offset)
        line_col_from(s, offset, d->memo_offset, d->memo_line, d->memo_col, line, col);
    else
        line_col(s, offset, line, col);
    d->memo_src = s->src;
    d->memo_offset = offset;
    d->memo_line = *line;
    d->memo_col = *col;
}

void diag_line_col(const Diags *d, uint32_t offset, int *line, int *col)
{
    DiagSource s = source_of(d, &offset);
    line_col(&s, offset, line, col);
}

/* The source line under the message, and a caret with tildes under the span. */
static void excerpt(const Diags *dg, Span at, int line)
{
    uint32_t local = at.start;
    DiagSource src = source_of(dg, &local);
    const DiagSource *d = &src;
    uint32_t shift = at.start - local;
    at.start = local;
    at.end = at.end >= shift ? at.end - shift : local;
    uint32_t start = at.start > d->len ? (uint32_t)d->len : at.start;
    uint32_t bol = start, eol = start;
    while (bol > 0 && d->src[bol - 1] != '\n')
        bol--;
    while (eol < d->len && d->src[eol] != '\n' && d->src[eol] != '\r')
        eol++;
    /* a long line is shown as a window around the caret */
    uint32_t from = bol, to = eol;
    if (eol - bol > EXCERPT_WIDTH) {
        from = start > bol + EXCERPT_WIDTH / 2 ? start - EXCERPT_WIDTH / 2 : bol;
        while (from > bol && ((unsigned char)d->src[from] & 0xC0) == 0x80)
            from--;
        to = from + EXCERPT_WIDTH < eol ? from + EXCERPT_WIDTH : eol;
        while (to < eol && ((unsigned char)d->src[to] & 0xC0) == 0x80)
            to++;
    }
    FILE *out = dg->out;
    fprintf(out, "%5d | %s", line, from > bol ? "..." : "");
    for (uint32_t i = from; i < to; i++) {
        unsigned char ch = (unsigned char)d->src[i];
        fputc(ch == '\t' ? ' ' : (ch < 0x20 || ch == 0x7f ? '?' : ch), out);
    }
    fputs(to < eol ? "...\n      | " : "\n      | ", out);
    if (from > bol)
        fputs("   ", out);
    for (uint32_t i = from; i < start; i++)
        if (((unsigned char)d->src[i] & 0xC0) != 0x80)
            fputc(' ', out);
    fputc('^', out);
    uint32_t end = at.end < to ? at.end : to;
    int first = 1;
    for (uint32_t i = start; i < end; i++) {
        if (((unsigned char)d->src[i] & 0xC0) == 0x80)
            continue;
        if (!first)
            fputc('~', out);
        first = 0;
    }
    fputc('\n', out);
}

/* Whether one more error or warning may be printed; the first that may
 * not says so once. */
static bool may_show(Diags *d)
{
    if (d->shown < MAX_SHOWN_DIAGS) {
        d->shown++;
        return true;
    }
    if (d->shown == MAX_SHOWN_DIAGS) {
        d->shown++;
        if (!d->sink)
            fprintf(d->out, "%s: too many errors and warnings: only the first %d are shown\n", d->path, MAX_SHOWN_DIAGS);
    }
    return false;
}

static void report(Diags *d, DiagKind kind, Span at, const char *fmt, va_list ap)
{
    static const char *const kind_name[] = {"error", "warning", "note"};
    if (d->sink) {
        char message[4096];
        vsnprintf(message, sizeof message, fmt, ap);
        d->sink(d->sink_ctx, kind, at, message);
        return;
    }
    int line, col;
    uint32_t offset = at.start;
    DiagSource src = source_of(d, &offset);
    line_col_memo(d, &src, offset, &line, &col);
    fprintf(d->out, "%s:%d:%d: %s: ", src.path, line, col, kind_name[kind]);
    vfprintf(d->out, fmt, ap);
    fputc('\n', d->out);
    if (d->src)
        excerpt(d, at, line);
}

void diag_error(Diags *d, Span at, const char *fmt, ...)
{
    d->errors++;
    d->muted = !may_show(d);
    if (d->muted)
        return;
    va_list ap;
    va_start(ap, fmt);
    report(d, DIAG_ERROR, at, fmt, ap);
    va_end(ap);
}

void diag_warning(Diags *d, Span at, const char *fmt, ...)
{
    d->warnings++;
    d->muted = d->quiet_warnings || !may_show(d);
    if (d->muted)
        return;
    va_list ap;
    va_start(ap, fmt);
    report(d, DIAG_WARNING, at, fmt, ap);
    va_end(ap);
}

void diag_note(Diags *d, Span at, const char *fmt, ...)
{
    if (d->muted)
        return;
    va_list ap;
    va_start(ap, fmt);
    report(d, DIAG_NOTE, at, fmt, ap);
    va_end(ap);
}
