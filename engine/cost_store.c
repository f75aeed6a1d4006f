/* cost_store.c: employees' figures in two unlinked temporary files
 * (cost_store.h): one of fixed-size records (where the employee's text
 * starts, its lengths, the group and the totals), read at any index, and
 * one of the texts, the id and the name, each ended by a NUL. */
#include "cost_store.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "alloc.h"

typedef struct {
    int64_t text;           /* where the id starts in the texts */
    int32_t idlen, namelen; /* namelen -1: no name */
    int32_t group, pad;
} Head;

/* One employee as held in memory: the one begun, or the one last read. */
typedef struct {
    Head h;
    char *text;             /* id NUL name NUL */
    size_t cap;
    Rat *totals;            /* [nyears] */
} Held;

struct CostStore {
    FILE *rec, *text;
    const char *dir;
    int nyears;
    size_t recsize;
    unsigned char *buf;     /* [recsize] */
    long count;             /* employees ended */
    int64_t text_end;       /* bytes of text written */
    bool reading;           /* the files were last read, not written */
    long rec_at;            /* the record rec is positioned at, or -1 */
    int64_t text_at;        /* the offset text is positioned at, or -1 */
    Held begun, got;
    long got_e;             /* the employee in got, or -1 */
    char error[512];        /* the first failure to read back, or "" */
};

static const char *temp_dir(void)
{
    const char *d = getenv("TMPDIR");
    return d && *d ? d : "/tmp";
}

static FILE *temp_file(const char *dir, char *why, size_t size)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/terms-cost.XXXXXX", dir);
    int fd = mkstemp(path);
    FILE *f = fd >= 0 ? fdopen(fd, "w+") : NULL;
    if (!f) {
        snprintf(why, size, "cannot make a temporary file in %s for the employees' figures: %s (TMPDIR names the folder)", dir,
                 strerror(errno));
        if (fd >= 0)
            close(fd);
    }
    if (fd >= 0)
        unlink(path);
    return f;
}

CostStore *cost_store_new(int nyears, char *why, size_t size)
{
    const char *dir = temp_dir();
    FILE *rec = temp_file(dir, why, size);
    FILE *text = rec ? temp_file(dir, why, size) : NULL;
    if (!text) {
        if (rec)
            fclose(rec);
        return NULL;
    }
    CostStore *s = xcalloc(1, sizeof *s);
    *s = (CostStore){.rec = rec, .text = text, .dir = dir, .nyears = nyears, .recsize = sizeof(Head) + sizeof(Rat) * (size_t)nyears,
                     .rec_at = -1, .text_at = -1, .got_e = -1};
    s->buf = xmalloc(s->recsize);
    s->begun.totals = xcalloc((size_t)nyears, sizeof(Rat));
    s->got.totals = xcalloc((size_t)nyears, sizeof(Rat));
    return s;
}

void cost_store_free(CostStore *s)
{
    if (!s)
        return;
    fclose(s->rec);
    fclose(s->text);
    free(s->buf);
    free(s->begun.text);
    free(s->begun.totals);
    free(s->got.text);
    free(s->got.totals);
    free(s);
}

static void hold_text(Held *h, size_t n)
{
    if (n > h->cap) {
        h->cap = n > 2 * h->cap ? n : 2 * h->cap;
        h->text = xrealloc(h->text, h->cap);
    }
}

Rat *cost_store_begin(CostStore *s, const char *id, size_t idlen, const char *name, size_t namelen)
{
    Held *b = &s->begun;
    b->h = (Head){.text = s->text_end, .idlen = (int32_t)idlen, .namelen = name ? (int32_t)namelen : -1, .group = -1};
    hold_text(b, idlen + namelen + 2);
    memcpy(b->text, id, idlen);
    b->text[idlen] = '\0';
    if (name)
        memcpy(b->text + idlen + 1, name, namelen);
    b->text[idlen + 1 + (name ? namelen : 0)] = '\0';
    for (int y = 0; y < s->nyears; y++)
        b->totals[y] = rat_int(0);
    return b->totals;
}

static void fill(CostEmployee *out, const Held *h)
{
    *out = (CostEmployee){.id = h->text, .name = h->h.namelen >= 0 ? h->text + h->h.idlen + 1 : NULL, .group = h->h.group,
                          .totals = h->totals};
}

bool cost_store_end(CostStore *s, int group, char *why, size_t size)
{
    Held *b = &s->begun;
    b->h.group = group;
    if (s->reading) { /* back to the end, to write */
        s->reading = false;
        s->rec_at = s->text_at = -1;
        if (fseeko(s->rec, 0, SEEK_END) != 0 || fseeko(s->text, 0, SEEK_END) != 0)
            goto fail;
    }
    size_t tlen = (size_t)b->h.idlen + 1 + (b->h.namelen >= 0 ? (size_t)b->h.namelen + 1 : 0);
    memcpy(s->buf, &b->h, sizeof b->h);
    memcpy(s->buf + sizeof b->h, b->totals, sizeof(Rat) * (size_t)s->nyears);
    if (fwrite(s->buf, s->recsize, 1, s->rec) != 1 || fwrite(b->text, tlen, 1, s->text) != 1)
        goto fail;
    s->text_end += (int64_t)tlen;
    s->count++;
    return true;
fail:
    snprintf(why, size, "cannot write the employees' figures to a temporary file in %s: %s (TMPDIR names the folder)", s->dir,
             strerror(errno));
    return false;
}

long cost_store_count(const CostStore *s)
{
    return s->count;
}

/* Reads n bytes at offset at of f, whose position is *pos (-1: unknown). */
static bool read_at(FILE *f, int64_t *pos, int64_t at, void *to, size_t n)
{
    if (*pos != at && fseeko(f, at, SEEK_SET) != 0)
        return false;
    *pos = -1;
    if (n && fread(to, n, 1, f) != 1)
        return false;
    *pos = at + (int64_t)n;
    return true;
}

bool cost_store_get(CostStore *s, long e, CostEmployee *out)
{
    if (e == s->count) {
        fill(out, &s->begun);
        return true;
    }
    if (e == s->got_e) {
        fill(out, &s->got);
        return true;
    }
    if (!s->reading) { /* what was written, out of stdio's buffers */
        if (fflush(s->rec) != 0 || fflush(s->text) != 0)
            goto fail;
        s->reading = true;
        s->rec_at = s->text_at = -1;
    }
    Held *g = &s->got;
    errno = 0;
    int64_t rec_pos = s->rec_at < 0 ? -1 : (int64_t)s->rec_at * (int64_t)s->recsize;
    s->got_e = -1;
    s->rec_at = -1;
    if (e < 0 || e > s->count || !read_at(s->rec, &rec_pos, (int64_t)e * (int64_t)s->recsize, s->buf, s->recsize))
        goto fail;
    s->rec_at = e + 1;
    memcpy(&g->h, s->buf, sizeof g->h);
    memcpy(g->totals, s->buf + sizeof g->h, sizeof(Rat) * (size_t)s->nyears);
    size_t tlen = (size_t)g->h.idlen + 1 + (g->h.namelen >= 0 ? (size_t)g->h.namelen + 1 : 0);
    hold_text(g, tlen);
    if (!read_at(s->text, &s->text_at, g->h.text, g->text, tlen))
        goto fail;
    s->got_e = e;
    fill(out, g);
    return true;
fail:
    if (!s->error[0])
        snprintf(s->error, sizeof s->error, "cannot read back the employees' figures from a temporary file in %s: %s", s->dir,
                 errno ? strerror(errno) : "it is shorter than written");
    for (int y = 0; y < s->nyears; y++)
        s->got.totals[y] = rat_int(0);
    s->got_e = -1;
    *out = (CostEmployee){.id = "", .name = "", .group = -1, .totals = s->got.totals};
    return false;
}

const char *cost_store_error(const CostStore *s)
{
    return s->error[0] ? s->error : NULL;
}
