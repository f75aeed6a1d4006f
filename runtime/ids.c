/* ids.c: the duplicate-id check (ids.h).
 *
 * In memory, every id noted is one record appended to a block of bytes
 * (the arena), eight-byte aligned: its row, its line and its length, then
 * its bytes.  An open-addressing table finds them: a slot is one
 * 64-bit word, the id's keyed hash's top 36 bits (its tag) above the
 * record's place in the arena in eight-byte units plus one (0: an empty
 * slot).  An id's first slot to try (its home) is its hash's top bits,
 * and a probe goes forward, never round the end (the table has PAD slots
 * past its size, the last one always empty), so the table in slot order
 * is sorted by tag but for the few ids a cluster moved on: growing it
 * needs no arena, and sorting its slots (tag, then place: row order) is an
 * insertion sort of a nearly sorted array, in place.
 *
 * Past the budget, the ids in memory are written to the temporary file as
 * one run, sorted by (tag, length, bytes, row): a record of its length,
 * row and line less row less one (LEB128, zigzag for the last), then its
 * bytes; the table and arena are emptied and reused.  When FAN runs of one
 * level are behind, they are merged into one of the next level, so that
 * the runs left stay few.  roster_ids_end merges the runs and the ids
 * still in memory: equal ids meet, the earliest row first; the duplicate
 * reported is the one whose second row comes first, as a check in memory
 * alone reports.
 *
 * Why it is exact: a duplicate is reported only when two records have the
 * same length and bytes (memcmp), never on a hash alone; an id in memory
 * is always found there (equal bytes hash alike, so the same home and tag;
 * slots are not emptied but all at once; a later probe passes the earlier
 * id's slot before any empty one); and runs are merged in one total order
 * in which equal ids are next to each other.  Tests make every hash alike
 * (roster_ids_collide: the hash's bits kept are none) to run the exact
 * paths alone.
 *
 * The hash is keyed with what differs from run to run (where memory is,
 * the clock), so that a roster cannot be made of ids that all land in one
 * slot. */
#include "ids.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "alloc.h"
#include "roster.h"
#include "words.h"

enum {
    AT_BITS = 28,           /* the record's place: a 2 GiB arena */
    PAD = 16,               /* slots past the table's size, for probes near its end */
    FIRST_SIZE = 1 << 16,   /* 512 KiB: a roster of 32,768 rows without growing */
    FAN = 32,               /* runs of one level merged into one */
    RUN_BUF = 16 << 10,     /* bytes of a run read at a time */
    OUT_BUF = 64 << 10,
    BUDGET_MIN = 256,
};
#define AT_MASK ((UINT64_C(1) << AT_BITS) - 1)
#define TAG_MASK (~AT_MASK)

/* A record's head in the arena, its bytes after it. */
typedef struct {
    int64_t row, line;
    uint64_t len;
} Head;

/* An id as the merge sees it. */
typedef struct {
    uint64_t tag;
    long row, line;
    size_t len;
    const char *bytes;
} Id;

/* A run in the temporary file. */
typedef struct {
    int64_t at, size;
    int level;
} Run;

/* The duplicate to report: the row and the earlier row with its id. */
typedef struct {
    bool found;
    long row, line, first_row, first_line;
    char *bytes;
    size_t len;
} Dup;

struct RosterIds {
    const char *path, *column;
    uint64_t key;
    uint64_t keep;          /* the hash's bits kept: all, or none (roster_ids_collide) */
    bool keep_all, ended;
    size_t budget;
    uint64_t *slot;         /* [size + PAD] */
    size_t size, count, limit; /* limit: the ids it holds at most, half its size */
    uint64_t *last;         /* the last slot, always empty */
    unsigned shift;         /* 64 - log2(size) */
    unsigned char *arena;
    size_t len, room;
    int fd;                 /* the temporary file, or -1 */
    const char *dir;
    int64_t file_end;
    Run *runs;
    int nruns, runcap;
    unsigned char *out;     /* [OUT_BUF]: a run being written */
    size_t nout;
    Dup dup;
    char failure[512];      /* the temporary file could not be used: why */
};

static unsigned log2_of(size_t n)
{
    unsigned k = 0;
    while ((size_t)1 << k < n)
        k++;
    return k;
}

static void new_table(RosterIds *ids, size_t size)
{
    ids->size = size;
    ids->limit = size / 2;
    ids->shift = 64 - log2_of(size);
    ids->slot = xcalloc(size + PAD, sizeof *ids->slot);
    ids->last = ids->slot + size + PAD - 1;
}

RosterIds *roster_ids_new(const char *path, const char *column)
{
    RosterIds *ids = xcalloc(1, sizeof *ids);
    *ids = (RosterIds){.path = path, .column = column, .budget = ROSTER_IDS_BUDGET, .fd = -1, .keep = ~UINT64_C(0)};
    const char *knob = getenv("TERMS_ID_MEMORY");
    if (knob && *knob)
        roster_ids_budget(ids, (size_t)strtoull(knob, NULL, 10));
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    ids->key = (uint64_t)(uintptr_t)ids ^ (uint64_t)(uintptr_t)&now ^ (uint64_t)now.tv_nsec << 20 ^ (uint64_t)now.tv_sec;
    new_table(ids, FIRST_SIZE);
    return ids;
}

void roster_ids_collide(RosterIds *ids)
{
    ids->keep = 0;
}

void roster_ids_budget(RosterIds *ids, size_t bytes)
{
    ids->budget = bytes < BUDGET_MIN ? BUDGET_MIN : bytes;
    if (ids->count == 0 && ids->size * sizeof *ids->slot > ids->budget / 2) { /* a table that fits */
        free(ids->slot);
        new_table(ids, 16);
    }
}

void roster_ids_keep_all(RosterIds *ids)
{
    ids->keep_all = true;
}

void roster_ids_free(RosterIds *ids)
{
    if (!ids)
        return;
    if (ids->fd >= 0)
        close(ids->fd);
    free(ids->slot);
    free(ids->arena);
    free(ids->runs);
    free(ids->out);
    free(ids->dup.bytes);
    free(ids);
}

/* ---- in memory ---- */


/* A keyed 64-bit hash of s[0..n), good in its top bits (the tag and the
 * home): ids of 8 to 16 bytes (most) as two words, overlapping; longer
 * ones eight bytes a round, the last eight (overlapping the round before)
 * as the last; shorter ones a byte at a time. */
static inline uint64_t id_hash(const RosterIds *ids, const char *s, size_t n)
{
    uint64_t h = ids->key ^ n, w = 0;
    if (n - 8 <= 8) {
        h = (h ^ word8(s)) * UINT64_C(0xBF58476D1CE4E5B9) ^ word8(s + n - 8);
        h ^= h >> 29;
        return h * UINT64_C(0x94D049BB133111EB) & ids->keep;
    }
    if (n > 16) {
        for (size_t i = 0; n - i > 8; i += 8) {
            h = (h ^ word8(s + i)) * UINT64_C(0xBF58476D1CE4E5B9);
            h ^= h >> 31;
        }
        w = word8(s + n - 8);
    } else {
        for (size_t i = 0; i < n; i++)
            w = w << 8 | (unsigned char)s[i];
    }
    h = (h ^ w) * UINT64_C(0x94D049BB133111EB);
    h ^= h >> 29;
    return h * UINT64_C(0xBF58476D1CE4E5B9) & ids->keep;
}

static inline const Head *head_at(const RosterIds *ids, uint64_t slot)
{
    return (const Head *)(const void *)(ids->arena + ((slot & AT_MASK) - 1) * 8);
}

static Id id_of(const RosterIds *ids, uint64_t slot)
{
    const Head *h = head_at(ids, slot);
    return (Id){slot & TAG_MASK, (long)h->row, (long)h->line, (size_t)h->len, (const char *)(h + 1)};
}

/* The slot of id s[0..n), whose hash is hash, or the empty one where it
 * would go (the table's last slot: no room). */
static inline uint64_t *find_id(const RosterIds *ids, uint64_t hash, const char *s, size_t n)
{
    uint64_t tag = hash & TAG_MASK;
    for (uint64_t *slot = ids->slot + (hash >> ids->shift);; slot++) {
        uint64_t v = *slot;
        if (!v)
            return slot;
        if ((v & TAG_MASK) == tag) {
            const Head *h = head_at(ids, v);
            if (h->len == n && (n == 0 || !memcmp(h + 1, s, n)))
                return slot;
        }
    }
}

/* Slot v into the table in its place (the table has room). */
static bool put_slot(RosterIds *ids, uint64_t v)
{
    uint64_t *s = ids->slot + (v >> ids->shift);
    while (*s)
        s++;
    if (s == ids->last)
        return false;
    *s = v;
    return true;
}

/* Twice as many slots (four times while there are few), each put back at
 * its tag's top bits. */
static void grow_table(RosterIds *ids)
{
    uint64_t *old = ids->slot;
    size_t n = ids->size + PAD;
    for (size_t grown = ids->size < 1 << 20 ? 4 * ids->size : 2 * ids->size;; grown *= 2) {
        new_table(ids, grown);
        size_t i = 0;
        while (i < n && (!old[i] || put_slot(ids, old[i])))
            i++;
        if (i == n)
            break;
        free(ids->slot); /* a cluster ran past the end: more room */
    }
    free(old);
}

/* Whether an arena of `arena` bytes and a table of `slots` would hold more than the budget. */
static bool over_budget(const RosterIds *ids, size_t arena, size_t slots)
{
    return !ids->keep_all && arena + slots * sizeof(uint64_t) > ids->budget;
}

static bool spill(RosterIds *ids);

/* Room in the arena for a record of `need` bytes (and eight to spare). */
static void arena_room(RosterIds *ids, size_t need)
{
    size_t want = ids->len + need + 8, room = 2 * want + (4 << 10), table = (ids->size + PAD) * sizeof(uint64_t);
    if (!ids->keep_all) {
        size_t cap = ids->budget > table ? ids->budget - table : 0;
        if (room > cap)
            room = cap > want ? cap : want;
    }
    if (want > (AT_MASK - 1) * 8) { /* 2 GiB of ids, which memory cannot hold: as alloc.c says it */
        fputs("terms: out of memory\n", stderr);
        abort();
    }
    ids->room = room;
    ids->arena = xrealloc(ids->arena, room);
}

static inline void append(RosterIds *ids, uint64_t hash, uint64_t *slot, const char *id, size_t len, long row, long line)
{
    size_t need = (sizeof(Head) + len + 7) & ~(size_t)7; /* the caller saw to the room */
    unsigned char *p = ids->arena + ids->len;
    Head h = {row, line, len};
    memcpy(p, &h, sizeof h);
    p += sizeof h;
    if (len >= 8 && len <= 16) { /* most ids: two words, overlapping */
        uint64_t a = word8(id), b = word8(id + len - 8);
        memcpy(p, &a, 8);
        memcpy(p + len - 8, &b, 8);
    } else if (len > 0) {
        memcpy(p, id, len);
    }
    *slot = (hash & TAG_MASK) | (ids->len / 8 + 1);
    ids->len += need;
    ids->count++;
}

/* ---- the message ---- */

static void keep_dup(RosterIds *ids, const char *id, size_t len, long row, long line, long first_row, long first_line)
{
    Dup *d = &ids->dup;
    if (d->found && d->row <= row)
        return;
    d->bytes = xrealloc(d->bytes, len + 1);
    if (len)
        memcpy(d->bytes, id, len);
    *d = (Dup){true, row, line, first_row, first_line, d->bytes, len};
}

void roster_ids_error(const RosterIds *ids, char *err, size_t errcap)
{
    if (!errcap)
        return;
    if (ids->failure[0] || !ids->dup.found) {
        snprintf(err, errcap, "%s", ids->failure);
        return;
    }
    const Dup *d = &ids->dup;
    snprintf(err, errcap, "%s:%ld: row %ld, column \"%s\": ", ids->path, d->line, d->row, ids->column);
    roster_quote(err, errcap, d->bytes, d->len);
    size_t n = strlen(err);
    snprintf(err + n, errcap - n,
             " is also the id of row %ld (line %ld); each employee must have one row "
             "(if this roster has one row per assignment, give --allow-duplicate-ids)",
             d->first_row, d->first_line);
}

long roster_ids_dup_row(const RosterIds *ids)
{
    return ids->failure[0] || !ids->dup.found ? 1 : ids->dup.row;
}

static bool merge_all(RosterIds *ids);

/* What roster_ids_add does past its common case: an id found in memory
 * (or one whose tag matches), or no room for another (a table to grow, an
 * arena to enlarge, or the budget reached: the ids to a run); then the id
 * added. */
static __attribute__((noinline)) bool add_slowly(RosterIds *ids, const char *id, size_t len, long row, long line)
{
    uint64_t hash = id_hash(ids, id, len);
    uint64_t *slot = find_id(ids, hash, id, len);
    if (*slot) {
        Id first = id_of(ids, *slot);
        if (first.row == row)
            return true;
        if (!ids->nruns) /* memory alone: this is the first, if rows go on after one */
            ids->dup.found = false;
        keep_dup(ids, id, len, row, line, first.row, first.line);
        if (ids->nruns) /* an earlier row may have it too, or an earlier duplicate be in the runs */
            merge_all(ids);
        ids->ended = true;
        return false;
    }
    while (ids->count >= ids->limit || slot == ids->last || ids->len + len + 64 > ids->room) {
        if (ids->count >= ids->limit || slot == ids->last) {
            size_t grown = ids->size < 1 << 20 ? 4 * ids->size : 2 * ids->size;
            if (ids->count > 0 && over_budget(ids, ids->room, grown + PAD)) {
                if (!spill(ids))
                    return false;
            } else {
                grow_table(ids);
            }
        } else if (ids->count > 0 && over_budget(ids, ids->len + len + 64, ids->size + PAD)) {
            if (!spill(ids))
                return false;
        } else {
            arena_room(ids, len + 64);
        }
        slot = find_id(ids, hash, id, len);
    }
    append(ids, hash, slot, id, len, row, line);
    return true;
}

/* The common case: a new id, with room for it; the probe stops at the
 * first slot whose tag is the id's, where add_slowly compares bytes. */
bool roster_ids_add(RosterIds *ids, const char *id, size_t len, long row, long line)
{
    uint64_t hash = id_hash(ids, id, len), tag = hash & TAG_MASK;
    uint64_t *slot = ids->slot + (hash >> ids->shift);
    for (uint64_t v; (v = *slot) != 0; slot++)
        if (__builtin_expect((v & TAG_MASK) == tag, 0))
            return add_slowly(ids, id, len, row, line);
    if (__builtin_expect(ids->count >= ids->limit || slot == ids->last || ids->len + len + 64 > ids->room, 0))
        return add_slowly(ids, id, len, row, line);
    append(ids, hash, slot, id, len, row, line);
    return true;
}

bool roster_ids_has(const RosterIds *ids, const char *id, size_t len)
{
    return *find_id(ids, id_hash(ids, id, len), id, len) != 0;
}

/* ---- runs ---- */

/* Ids in the merge's order: tag, length, bytes, row. */
static int compare_ids(const Id *a, const Id *b)
{
    if (a->tag != b->tag)
        return a->tag < b->tag ? -1 : 1;
    if (a->len != b->len)
        return a->len < b->len ? -1 : 1;
    int c = a->len ? memcmp(a->bytes, b->bytes, a->len) : 0;
    if (c)
        return c;
    return a->row < b->row ? -1 : a->row > b->row;
}

/* The table's slots to its front, in the merge's order; their number. */
static size_t sort_slots(RosterIds *ids)
{
    uint64_t *s = ids->slot;
    size_t n = 0;
    for (size_t i = 0; i < ids->size + PAD; i++)
        if (s[i])
            s[n++] = s[i];
    for (size_t i = 1; i < n; i++) { /* by tag and place: nearly sorted already */
        uint64_t v = s[i];
        size_t j = i;
        for (; j > 0 && s[j - 1] > v; j--)
            s[j] = s[j - 1];
        s[j] = v;
    }
    for (size_t i = 0; i < n;) { /* ids of one tag, by length and bytes */
        size_t end = i + 1;
        while (end < n && (s[end] & TAG_MASK) == (s[i] & TAG_MASK))
            end++;
        for (size_t k = i + 1; k < end; k++) {
            uint64_t v = s[k];
            Id a = id_of(ids, v);
            size_t j = k;
            for (; j > i; j--) {
                Id b = id_of(ids, s[j - 1]);
                if (compare_ids(&b, &a) <= 0)
                    break;
                s[j] = s[j - 1];
            }
            s[j] = v;
        }
        i = end;
    }
    return n;
}

static bool temp_failed(RosterIds *ids, const char *what)
{
    snprintf(ids->failure, sizeof ids->failure, "%s: cannot %s a temporary file in %s for the ids of its rows: %s (TMPDIR names the folder)",
             ids->path, what, ids->dir, strerror(errno));
    ids->ended = true;
    return false;
}

static bool open_temp(RosterIds *ids)
{
    const char *d = getenv("TMPDIR");
    ids->dir = d && *d ? d : "/tmp";
    char path[4096];
    snprintf(path, sizeof path, "%s/terms-ids.XXXXXX", ids->dir);
    ids->fd = mkstemp(path);
    if (ids->fd < 0)
        return temp_failed(ids, "make");
    unlink(path);
    ids->out = xmalloc(OUT_BUF);
    return true;
}

static bool write_all(RosterIds *ids, const void *p, size_t n)
{
    const char *c = p;
    while (n > 0) {
        ssize_t k = pwrite(ids->fd, c, n, (off_t)ids->file_end);
        if (k < 0 && errno == EINTR)
            continue;
        if (k <= 0) {
            if (k == 0)
                errno = ENOSPC;
            return false;
        }
        c += k;
        n -= (size_t)k;
        ids->file_end += k;
    }
    return true;
}

static bool flush_out(RosterIds *ids)
{
    bool ok = write_all(ids, ids->out, ids->nout);
    ids->nout = 0;
    return ok;
}

static unsigned char *put_varint(unsigned char *p, uint64_t x)
{
    while (x >= 0x80) {
        *p++ = (unsigned char)(x | 0x80);
        x >>= 7;
    }
    *p++ = (unsigned char)x;
    return p;
}

/* Id to the run being written. */
static bool write_id(RosterIds *ids, const Id *id)
{
    if (ids->nout + 30 + id->len > OUT_BUF && !flush_out(ids))
        return false;
    unsigned char *p = ids->out + ids->nout;
    int64_t gap = (int64_t)id->line - (int64_t)id->row - 1;
    p = put_varint(p, id->len);
    p = put_varint(p, (uint64_t)id->row);
    p = put_varint(p, (uint64_t)gap << 1 ^ (uint64_t)(gap >> 63));
    ids->nout = (size_t)(p - ids->out);
    if (ids->nout + id->len > OUT_BUF)
        return flush_out(ids) && write_all(ids, id->bytes, id->len);
    if (id->len)
        memcpy(ids->out + ids->nout, id->bytes, id->len);
    ids->nout += id->len;
    return true;
}

static bool merge_runs(RosterIds *ids, int from, bool with_memory, size_t nmemory, bool write);

/* A run written from at, now ended, at level. */
static void add_run(RosterIds *ids, int64_t at, int level)
{
    if (ids->nruns == ids->runcap) {
        ids->runcap = ids->runcap ? 2 * ids->runcap : 16;
        ids->runs = xrealloc(ids->runs, (size_t)ids->runcap * sizeof *ids->runs);
    }
    ids->runs[ids->nruns++] = (Run){at, ids->file_end - at, level};
}

/* The ids in memory to a run of their own, and memory emptied; while FAN
 * runs of one level are the last, they are merged into one.  False if the
 * file cannot be written, or a merge met a duplicate (then every run is
 * merged, to find the roster's first). */
static bool spill(RosterIds *ids)
{
    if (ids->fd < 0 && !open_temp(ids))
        return false;
    size_t n = sort_slots(ids);
    int64_t at = ids->file_end;
    for (size_t i = 0; i < n; i++) {
        Id id = id_of(ids, ids->slot[i]);
        if (!write_id(ids, &id))
            return temp_failed(ids, "write");
    }
    if (!flush_out(ids))
        return temp_failed(ids, "write");
    add_run(ids, at, 0);
    memset(ids->slot, 0, (ids->size + PAD) * sizeof *ids->slot);
    ids->count = ids->len = 0;
    while (ids->nruns >= FAN && ids->runs[ids->nruns - FAN].level == ids->runs[ids->nruns - 1].level) {
        if (!merge_runs(ids, ids->nruns - FAN, false, 0, true)) { /* a duplicate, or the file failed */
            if (!ids->failure[0])
                merge_all(ids);
            ids->ended = true;
            return false;
        }
    }
    return true;
}

/* ---- merging ---- */

/* Where a merge reads from: a run of the file, or the ids in memory. */
typedef struct {
    Id id;                  /* the current one */
    bool done;
    int64_t at, end;        /* a run: what is left of it */
    unsigned char *buf;
    size_t cap, pos, fill;
    const uint64_t *slot;   /* memory: the sorted slots left */
    size_t left;
} Source;

static bool get_varint(Source *s, uint64_t *x)
{
    uint64_t v = 0;
    for (unsigned shift = 0; s->pos < s->fill && shift < 64; shift += 7) {
        unsigned char c = s->buf[s->pos++];
        v |= (uint64_t)(c & 0x7F) << shift;
        if (!(c & 0x80)) {
            *x = v;
            return true;
        }
    }
    return false;
}

/* At least n bytes of the run from pos in the buffer, unless the run ends
 * first; false if the file cannot be read. */
static bool fill_run(RosterIds *ids, Source *s, size_t n)
{
    if (s->fill - s->pos >= n)
        return true;
    memmove(s->buf, s->buf + s->pos, s->fill - s->pos);
    s->fill -= s->pos;
    s->pos = 0;
    if (n > s->cap) {
        s->cap = n;
        s->buf = xrealloc(s->buf, s->cap);
    }
    while (s->fill < s->cap && s->at < s->end) {
        size_t want = s->cap - s->fill;
        if ((int64_t)want > s->end - s->at)
            want = (size_t)(s->end - s->at);
        ssize_t k = pread(ids->fd, s->buf + s->fill, want, (off_t)s->at);
        if (k < 0 && errno == EINTR)
            continue;
        if (k <= 0) {
            if (k == 0)
                errno = EIO;
            return false;
        }
        s->fill += (size_t)k;
        s->at += k;
    }
    return true;
}

/* The source's next id, or done; false if the file cannot be read. */
static bool next_id(RosterIds *ids, Source *s)
{
    if (s->slot) {
        s->done = s->left == 0;
        if (!s->done) {
            s->id = id_of(ids, *s->slot++);
            s->left--;
        }
        return true;
    }
    if (s->pos == s->fill && s->at == s->end) {
        s->done = true;
        return true;
    }
    uint64_t len, row, gap;
    if (!fill_run(ids, s, 30))
        return false;
    if (!get_varint(s, &len) || !get_varint(s, &row) || !get_varint(s, &gap) || len > SIZE_MAX / 2) {
        errno = EIO;
        return false;
    }
    if (!fill_run(ids, s, (size_t)len))
        return false;
    if (s->fill - s->pos < len) {
        errno = EIO;
        return false;
    }
    int64_t delta = (int64_t)(gap >> 1) ^ -(int64_t)(gap & 1);
    s->id = (Id){0, (long)row, (long)((int64_t)row + delta + 1), (size_t)len, (const char *)s->buf + s->pos};
    s->id.tag = id_hash(ids, s->id.bytes, s->id.len) & TAG_MASK;
    s->pos += (size_t)len;
    return true;
}

/* A binary heap of sources by their current ids. */
static void sift_down(Source **heap, int n, int i)
{
    for (;;) {
        int least = i, l = 2 * i + 1, r = l + 1;
        if (l < n && compare_ids(&heap[l]->id, &heap[least]->id) < 0)
            least = l;
        if (r < n && compare_ids(&heap[r]->id, &heap[least]->id) < 0)
            least = r;
        if (least == i)
            return;
        Source *t = heap[i];
        heap[i] = heap[least];
        heap[least] = t;
        i = least;
    }
}

/* The runs from `from` on (and the nmemory sorted slots in memory, with
 * with_memory) merged: each duplicate met is kept (keep_dup); with write,
 * into one run of the next level that replaces them.  False if the file
 * cannot be read or written (ids->failure says why) or a duplicate was
 * met. */
static bool merge_runs(RosterIds *ids, int from, bool with_memory, size_t nmemory, bool write)
{
    int nsrc = ids->nruns - from + (with_memory ? 1 : 0);
    Source *src = xcalloc((size_t)nsrc, sizeof *src);
    Source **heap = xcalloc((size_t)nsrc, sizeof *heap);
    bool ok = true, met = false;
    int n = 0;
    for (int k = 0; k < nsrc; k++) {
        Source *s = &src[k];
        if (k < ids->nruns - from) {
            const Run *r = &ids->runs[from + k];
            *s = (Source){.at = r->at, .end = r->at + r->size, .cap = RUN_BUF};
            s->buf = xmalloc(s->cap);
        } else {
            *s = (Source){.slot = ids->slot, .left = nmemory};
        }
        ok = ok && next_id(ids, s);
        if (ok && !s->done)
            heap[n++] = s;
    }
    for (int i = n / 2 - 1; i >= 0; i--)
        sift_down(heap, n, i);
    int64_t at = ids->file_end;
    int level = write ? ids->runs[from].level + 1 : 0;
    char *prev = NULL;
    size_t prevcap = 0;
    Id last = {0};
    bool have_last = false;
    while (ok && n > 0) {
        Source *s = heap[0];
        Id id = s->id;
        bool same = have_last && last.tag == id.tag && last.len == id.len && (id.len == 0 || !memcmp(last.bytes, id.bytes, id.len));
        if (same && last.row != id.row) {
            keep_dup(ids, id.bytes, id.len, id.row, id.line, last.row, last.line);
            met = true;
        }
        if (!same) { /* the first row of each id: a copy, as the source's buffer moves */
            if (id.len > prevcap) {
                prevcap = id.len;
                prev = xrealloc(prev, prevcap);
            }
            if (id.len)
                memcpy(prev, id.bytes, id.len);
            last = id;
            last.bytes = prev;
            have_last = true;
            if (write && !write_id(ids, &id)) {
                ok = false;
                break;
            }
        }
        ok = next_id(ids, s);
        if (s->done)
            heap[0] = heap[--n];
        sift_down(heap, n, 0);
    }
    if (write && ok)
        ok = flush_out(ids);
    if (!ok && !ids->failure[0])
        snprintf(ids->failure, sizeof ids->failure, "%s: cannot %s a temporary file in %s for the ids of its rows: %s (TMPDIR names the folder)",
                 ids->path, write ? "write" : "read", ids->dir, strerror(errno));
    for (int k = 0; k < nsrc; k++)
        free(src[k].buf);
    free(src);
    free(heap);
    free(prev);
    if (ok && write) {
        ids->nruns = from;
        add_run(ids, at, level);
    }
    return ok && !met;
}

/* Every run and the ids in memory merged, keeping the duplicate to report. */
static bool merge_all(RosterIds *ids)
{
    size_t n = sort_slots(ids);
    bool ok = merge_runs(ids, 0, true, n, false);
    memset(ids->slot, 0, (ids->size + PAD) * sizeof *ids->slot);
    ids->count = ids->len = 0;
    return ok;
}

bool roster_ids_end(RosterIds *ids)
{
    if (!ids->ended && ids->nruns)
        merge_all(ids);
    ids->ended = true;
    return !ids->dup.found && !ids->failure[0];
}
