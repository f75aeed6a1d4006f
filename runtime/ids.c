/* ids.c: the duplicate-id check (ids.h).
 *
 * In memory, every id noted is one record appended to a block of bytes
 * (the arena), eight-byte aligned: its row, its line and its length, then
 * its bytes.  An open-addressing table finds them: a slot is one 64-bit
 * word, the id's keyed hash's top 36 bits (its tag) above the record's
 * place in the arena in eight-byte units plus one (0: an empty slot).  An
 * id's first slot to try (its home) is its hash's top bits, and a probe
 * goes forward, never round the end (the table has PAD slots past its
 * size, the last one always empty).
 *
 * Past the budget, the ids in memory, and every id noted after them, go
 * to one of PARTS partitions by the hash's top byte, each through a
 * buffer of BLOCK bytes written, when full, as the partition's next block
 * of the unlinked temporary file; a block's head links it to the next,
 * so a partition is read back in the order its ids were noted, with no
 * list that grows with the roster.  A record there: the id's length (a
 * byte), its row (five) and its line less its row (one), or, for an id,
 * row or line past those, 255 and the three in eight bytes each; then 32
 * bits of its hash (8 to 39, below any that choose partitions) and its
 * bytes.  roster_ids_end reads each partition whole and checks it in a
 * table whose slots are those 32 bits and the record's place, so nothing
 * is hashed or copied again; a partition too big for the budget is first
 * split into PARTS by the hash's next byte, and so on (LEVELS bytes; past
 * them it is checked whole: only ids whose keyed hashes agree in 24 bits,
 * or the test hook below, make one that big).  Every row with one id is
 * in one partition, in row order, so each partition's first row whose id
 * came before is its earliest duplicate, and the earliest of all the
 * partitions' is the roster's: the one a check in memory alone reports.
 * Memory is the budget, the PARTS buffers and a partition's table at the
 * end, whatever the roster's size.
 *
 * Why it is exact: a duplicate is reported only when two records have the
 * same length and bytes (memcmp), never on a hash alone; an id is always
 * found where it is (equal bytes hash alike, so the same home and tag,
 * the same partition; a later probe passes the earlier id's slot before
 * any empty one).  Tests make every hash alike (roster_ids_collide: the
 * hash's last multiplier 0) to run the exact paths alone.
 *
 * Before all that, while the ids come in order (a roster sorted by its
 * ids), none is looked for and there is no table: see "ids in order".
 *
 * The hash is keyed with what differs from run to run (where memory is,
 * the clock), so that a roster cannot be made of ids that all land in one
 * slot, or in one partition. */
#include "ids.h"

#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "alloc.h"
#include "gnuc.h"
#include "roster.h"
#include "words.h"

enum {
    AT_BITS = 28,           /* the record's place: a 2 GiB arena, a 256 MiB partition */
    PAD = 16,               /* slots past the table's size, for probes near its end */
    FIRST_SIZE = 1 << 18,   /* 2 MiB: the budget's 131,072 ids with no growing (pages no id reaches are never touched) */
    BUDGET_MIN = 256,
    PART_BITS = 8,
    PARTS = 1 << PART_BITS, /* partitions of a level, by one byte of the hash */
    LEVELS = 3,             /* bytes of the hash that choose partitions: its top three */
    BLOCK = 16384,          /* a partition's buffer: 4 MiB for the PARTS */
    LONG_RECORD = 29,       /* 255, then length, row and line in eight bytes each, then 32 bits of hash */
    SLACK = 16,             /* an id of 8 to 16 bytes is copied as two words */
    SHORT_ROOM = LONG_RECORD + 16 + SLACK, /* room for any record of an id of up to 16 bytes */
    PART_MAX = 1 << 22,     /* ids a partition's table takes */
    PART_BYTES = (1 << 24) - 1, /* a partition's bytes: a slot has 24 bits for a place in it */
};
#define AT_MASK ((UINT64_C(1) << AT_BITS) - 1)
#define TAG_MASK (~AT_MASK)

/* A record's head in the arena, its bytes after it. */
typedef struct {
    int64_t row, line;
    uint64_t len;
} Head;

/* An id as a partition's record gives it. */
typedef struct {
    long row, line;
    size_t len;
    const char *bytes;
} Id;

/* A block of the temporary file: its records' bytes follow. */
typedef struct {
    int64_t size;           /* of the records */
    int64_t next;           /* the partition's next block, or -1 */
} BlockHead;

/* A partition in the temporary file. */
typedef struct {
    int64_t first, last;    /* its first and last blocks, -1 before any */
    int64_t bytes;          /* its records' bytes written */
    int64_t count;          /* its records, written or in its buffer */
} Part;

/* The PARTS partitions of one level: the hash's byte number level. */
typedef struct {
    Part part[PARTS];
    unsigned level;
} Parts;

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
    uint64_t mix;           /* the hash's last multiplier, or 0 so that every hash is 0 (roster_ids_collide) */
    bool keep_all, ended;
    bool ascending;         /* every id noted so far comes after the one before it (after()): no table yet */
    u128 last_key;          /* while ascending, the last id's order_key */
    int64_t run_end;        /* while ascending past the budget: the records written, from the file's start */
    size_t budget;
    uint64_t *slot;         /* [size + PAD] */
    size_t size;
    size_t left, upto;      /* ids of 8 to 16 bytes roster_ids_add takes before add_slowly must look; ids held: upto - left - in_order */
    size_t in_order;        /* while ascending, left is 0 and this is it */
    uint64_t *last;         /* the last slot, always empty */
    unsigned shift;         /* 64 - log2(size) */
    unsigned char *arena;
    size_t at, room;        /* the next record's place in eight-byte units; the arena's bytes */
    Parts *parts;           /* past the budget: the first level's partitions */
    unsigned char *buf;     /* [PARTS][BLOCK]: each partition's block being filled */
    size_t used[PARTS];     /* bytes of each buffer used, its head's included */
    int fd;                 /* the temporary file, or -1 */
    const char *dir;
    int64_t file_end;
    uint64_t *part_slot;    /* [part_size]: the table of the partition being checked */
    size_t part_size;
    unsigned epoch;         /* its slots of an earlier partition (another epoch) are empty */
    long splits;            /* partitions split at the end (for tests) */
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

static void arena_room(RosterIds *ids, size_t need);

static size_t count_of(const RosterIds *ids)
{
    return ids->upto - ids->left - ids->in_order;
}

static void new_table(RosterIds *ids, size_t size)
{
    ids->size = size;
    ids->shift = 64 - log2_of(size);
    ids->slot = xcalloc(size + PAD, sizeof *ids->slot);
    ids->last = ids->slot + size + PAD - 1;
}

RosterIds *roster_ids_new(const char *path, const char *column)
{
    RosterIds *ids = xcalloc(1, sizeof *ids);
    *ids = (RosterIds){.path = path, .column = column, .budget = ROSTER_IDS_BUDGET, .fd = -1, .mix = UINT64_C(0x94D049BB133111EB), .ascending = true};
    new_table(ids, FIRST_SIZE);
    arena_room(ids, 0);
    const char *knob = getenv("TERMS_ID_MEMORY");
    if (knob && *knob)
        roster_ids_budget(ids, (size_t)strtoull(knob, NULL, 10));
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    ids->key = (uint64_t)(uintptr_t)ids ^ (uint64_t)(uintptr_t)&now ^ (uint64_t)now.tv_nsec << 20 ^ (uint64_t)now.tv_sec;
    return ids;
}

void roster_ids_collide(RosterIds *ids)
{
    ids->mix = 0;
}

void roster_ids_budget(RosterIds *ids, size_t bytes)
{
    ids->budget = bytes < BUDGET_MIN ? BUDGET_MIN : bytes;
    if (count_of(ids) == 0 && ids->size * sizeof *ids->slot > ids->budget / 2) { /* a table and an arena that fit */
        free(ids->slot);
        new_table(ids, 16);
        free(ids->arena);
        ids->arena = NULL;
        arena_room(ids, 0);
        ids->left = ids->upto = ids->in_order = 0;
    }
}

void roster_ids_keep_all(RosterIds *ids)
{
    ids->keep_all = true;
    ids->ascending = false; /* roster_ids_has looks in the table */
}

void roster_ids_free(RosterIds *ids)
{
    if (!ids)
        return;
    if (ids->fd >= 0)
        close(ids->fd);
    free(ids->slot);
    free(ids->arena);
    free(ids->parts);
    free(ids->buf);
    free(ids->part_slot);
    free(ids->dup.bytes);
    free(ids);
}

/* ---- in memory ---- */

/* A keyed 64-bit hash of s[0..n), good in its top bits (the tag and the
 * home) and its low ones (the partitions): ids of 8 to 16 bytes (most) as
 * two words, overlapping; longer ones eight bytes a round, the last eight
 * (overlapping the round before) as the last; shorter ones a byte at a
 * time. */
static inline uint64_t hash_words(const RosterIds *ids, uint64_t a, uint64_t b, size_t n)
{
    uint64_t h = (ids->key ^ n ^ a) * UINT64_C(0xBF58476D1CE4E5B9) ^ b;
    h ^= h >> 29;
    return h * ids->mix;
}

static inline uint64_t id_hash(const RosterIds *ids, const char *s, size_t n)
{
    uint64_t h = ids->key ^ n, w = 0;
    if (n - 8 <= 8)
        return hash_words(ids, word8(s), word8(s + n - 8), n);
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
    return h * ids->mix;
}

/* Whether slot v's tag is hash's. */
static inline bool same_tag(uint64_t v, uint64_t hash)
{
    return (v ^ hash) <= AT_MASK;
}

/* id[0..len) to p, which has SLACK bytes of room past it. */
static inline void copy_id(unsigned char *p, const char *id, size_t len)
{
    if (len - 8 <= 8) { /* most ids: two words, overlapping */
        uint64_t a = word8(id), b = word8(id + len - 8);
        memcpy(p, &a, 8);
        memcpy(p + len - 8, &b, 8);
    } else if (len > 0) {
        memcpy(p, id, len);
    }
}

static inline const Head *head_at(const RosterIds *ids, uint64_t slot)
{
    return (const Head *)(const void *)(ids->arena + ((slot & AT_MASK) - 1) * 8);
}

static inline size_t record_size(size_t len)
{
    return (sizeof(Head) + len + 7) & ~(size_t)7;
}

/* The slot of id s[0..n), whose hash is hash, or the empty one where it
 * would go (the table's last slot: no room). */
static inline uint64_t *find_id(const RosterIds *ids, uint64_t hash, const char *s, size_t n)
{
    for (uint64_t *slot = ids->slot + (hash >> ids->shift);; slot++) {
        uint64_t v = *slot;
        if (!v)
            return slot;
        if (same_tag(v, hash)) {
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

static size_t grown_size(const RosterIds *ids)
{
    return ids->size < 1 << 20 ? 4 * ids->size : 2 * ids->size;
}

/* More slots (four times as many while there are few), each put back at
 * its tag's top bits. */
static void grow_table(RosterIds *ids)
{
    uint64_t *old = ids->slot;
    size_t n = ids->size + PAD;
    for (size_t grown = grown_size(ids);; grown *= 2) {
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

static size_t arena_len(const RosterIds *ids)
{
    return ids->at * 8;
}

/* Whether the table or the arena lacks room for an id of len bytes. */
static bool no_room(const RosterIds *ids, const uint64_t *slot, size_t len)
{
    return count_of(ids) >= ids->size / 2 || slot == ids->last || arena_len(ids) + record_size(len) > ids->room;
}

/* How many ids of 8 to 16 bytes roster_ids_add may add with no look at
 * the room left: while the table is at most half full and the arena has
 * room for their records. */
static void set_left(RosterIds *ids)
{
    size_t count = count_of(ids), table = ids->size / 2 > count ? ids->size / 2 - count : 0;
    size_t arena = (ids->room - arena_len(ids)) / record_size(16);
    size_t left = table < arena ? table : arena;
    ids->left = ids->ascending ? 0 : left;
    ids->in_order = ids->ascending ? left : 0;
    ids->upto = count + left;
}

/* Room in the arena for a record of `need` bytes and 64 to spare: under
 * a budget, all the room it leaves at once (up to the default's), as
 * pages no record reaches are never touched, and the arena is not moved
 * as it fills. */
static void arena_room(RosterIds *ids, size_t need)
{
    size_t len = arena_len(ids), want = len + need + 64, room = 2 * want + (4 << 10);
    size_t table = (ids->size + PAD) * sizeof(uint64_t);
    if (!ids->keep_all) {
        size_t cap = ids->budget > table ? ids->budget - table : 0;
        if (room < cap && room < ROSTER_IDS_BUDGET)
            room = cap < ROSTER_IDS_BUDGET ? cap : ROSTER_IDS_BUDGET;
        if (room > cap)
            room = cap > want ? cap : want;
    }
    if (want > (AT_MASK - 1) * 8) { /* 2 GiB of ids, which memory cannot hold: as alloc.c says it */
        fputs("terms: out of memory\n", stderr);
        abort();
    }
    ids->arena = xrealloc(ids->arena, room);
    ids->room = room;
}

/* A record's head to p. */
static inline void put_head(unsigned char *p, long row, long line, size_t len)
{
    int64_t r = row, l = line;
    uint64_t n = len;
    memcpy(p + offsetof(Head, row), &r, 8);
    memcpy(p + offsetof(Head, line), &l, 8);
    memcpy(p + offsetof(Head, len), &n, 8);
}

/* Slot to the record at the arena's top, which is then past it. */
static inline void note_slot(RosterIds *ids, uint64_t hash, uint64_t *slot, size_t len)
{
    *slot = (hash & TAG_MASK) | (ids->at + 1);
    ids->at += record_size(len) / 8;
}

/* The id's record to the arena and its slot (the caller saw to the room). */
static void append(RosterIds *ids, uint64_t hash, uint64_t *slot, const char *id, size_t len, long row, long line)
{
    unsigned char *p = ids->arena + ids->at * 8;
    put_head(p, row, line, len);
    if (len)
        memcpy(p + sizeof(Head), id, len);
    note_slot(ids, hash, slot, len);
    ids->upto++;
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

static bool spill(RosterIds *ids);
static bool open_temp(RosterIds *ids);
static NOINLINE bool add_in_order_slowly(RosterIds *ids, u128 key, const char *id, size_t len, long row, long line);
static inline u128 order_key(uint64_t a, uint64_t b);
static bool write_at(RosterIds *ids, const void *p, size_t n, int64_t at);
static bool to_part(RosterIds *ids, Parts *ps, uint64_t hash, const char *id, size_t len, long row, long line);
static inline bool to_part_short(RosterIds *ids, uint64_t hash, const char *id, size_t len, long row, long line);

/* What roster_ids_add does past its common case: an id past the budget
 * (to its partition), an id found in memory (or one whose tag matches),
 * or no room for another (a table to grow, an arena to enlarge, or the
 * budget reached: every id to the partitions); then the id added. */
static NOINLINE bool add_slowly(RosterIds *ids, uint64_t hash, const char *id, size_t len, long row, long line)
{
    if (ids->parts)
        return to_part(ids, ids->parts, hash, id, len, row, line);
    uint64_t *slot = find_id(ids, hash, id, len);
    if (*slot) {
        const Head *first = head_at(ids, *slot);
        if (first->row == row)
            return true;
        ids->dup.found = false; /* this is the first, if rows go on after one */
        keep_dup(ids, id, len, row, line, (long)first->row, (long)first->line);
        ids->ended = true;
        return false;
    }
    while (no_room(ids, slot, len)) {
        if (count_of(ids) >= ids->size / 2 || slot == ids->last) {
            if (count_of(ids) > 0 && over_budget(ids, ids->room, grown_size(ids) + PAD))
                return spill(ids) && add_slowly(ids, hash, id, len, row, line);
            grow_table(ids);
        } else if (count_of(ids) > 0 && over_budget(ids, arena_len(ids) + record_size(len) + 64, ids->size + PAD)) {
            return spill(ids) && add_slowly(ids, hash, id, len, row, line);
        } else {
            arena_room(ids, record_size(len));
        }
        slot = find_id(ids, hash, id, len);
    }
    append(ids, hash, slot, id, len, row, line);
    set_left(ids);
    return true;
}

/* An id of 8 to 16 bytes with no room left for it in the common case:
 * past the budget, to its partition; else add_slowly sees to it. */
static NOINLINE bool add_more(RosterIds *ids, uint64_t hash, const char *id, size_t len, long row, long line)
{
    if (ids->ascending)
        return add_in_order_slowly(ids, order_key(word8(id), word8(id + len - 8)), id, len, row, line);
    if (ids->parts)
        return to_part_short(ids, hash, id, len, row, line);
    return add_slowly(ids, hash, id, len, row, line);
}

/* ---- ids in order ----
 *
 * A roster is often sorted by its ids.  While every id comes after the
 * one before it (after()), no id can be an earlier row's, so none is
 * looked for: its record goes to the arena and the table is not touched
 * (no hash, no slot: nothing but the arena's next bytes, in order).  At
 * the budget the arena's records are written to the temporary file, the
 * run, and the arena is emptied, so a roster in order keeps no more than
 * the budget however long it is, and at its end there is nothing to
 * check.  The first id that does not come after the last one (an id of
 * another row, or only out of order) ends it: the records in memory are
 * put in the table (each slot where the table would have put it), or,
 * with a run written, every id noted goes to the partitions, the run's
 * first (spill); the id is then looked for as any other.  An id longer
 * than 16 bytes ends it. */

/* w's bytes as a number, its first byte the most significant. */
static inline uint64_t big_end(uint64_t w)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
    return w;
#else
    return __builtin_bswap64(w);
#endif
}

/* An id of 8 to 16 bytes as one number, its two words as the hash reads
 * them (overlapping), big end first: ids of one length compare as their
 * bytes do.  Ids of two lengths may have one number (and shorter ones
 * may be greater), but one id always has one number, so an id whose
 * number is greater than every earlier id's is none of them. */
static inline u128 order_key(uint64_t a, uint64_t b)
{
    return (u128)big_end(a) << 64 | big_end(b);
}

/* Whether an id whose order_key is key comes after the last one noted
 * (as in a roster sorted by codes of one width). */
static inline bool after(const RosterIds *ids, u128 key)
{
    return key > ids->last_key;
}

/* An id of fewer than 8 bytes as one number: its length in the top byte
 * (so that a number of more digits is greater), its bytes after it. */
static inline u128 short_key(const char *id, size_t len)
{
    uint64_t x = 0;
    for (size_t i = 0; i < len; i++)
        x = x << 8 | (unsigned char)id[i];
    return (u128)((uint64_t)len << 56 | x << 8 * (7 - len)) << 64;
}

/* An id in order to the arena, which has room for its record. */
static inline void append_in_order(RosterIds *ids, u128 key, uint64_t a, uint64_t b, size_t len, long row, long line)
{
    unsigned char *p = ids->arena + ids->at * 8;
    put_head(p, row, line, len);
    memcpy(p + sizeof(Head), &a, 8);
    memcpy(p + sizeof(Head) + len - 8, &b, 8);
    ids->at += record_size(len) / 8;
    ids->last_key = key;
}

/* append_in_order for an id of any length up to 16. */
static void append_short(RosterIds *ids, u128 key, const char *id, size_t len, long row, long line)
{
    unsigned char *p = ids->arena + ids->at * 8;
    put_head(p, row, line, len);
    if (len)
        memcpy(p + sizeof(Head), id, len);
    ids->at += record_size(len) / 8;
    ids->last_key = key;
}

/* At the budget, the ids in order: the arena's records written to the
 * temporary file after the run's, and the arena emptied. */
static bool write_run(RosterIds *ids)
{
    if (ids->fd < 0 && !open_temp(ids))
        return false;
    if (!write_at(ids, ids->arena, arena_len(ids), ids->run_end))
        return false;
    ids->run_end += (int64_t)arena_len(ids);
    ids->file_end = ids->run_end;
    ids->at = 0;
    ids->left = ids->upto = ids->in_order = 0;
    return true;
}

/* The ids are no longer in order: the records in memory each put in the
 * table, or, with a run written, every id noted to the partitions. */
static bool leave_order(RosterIds *ids)
{
    ids->ascending = false;
    ids->upto -= ids->in_order;
    ids->in_order = 0;
    if (ids->run_end > 0)
        return spill(ids);
    for (size_t at = 0; at < ids->at;) {
        const unsigned char *p = ids->arena + at * 8;
        Head h;
        memcpy(&h, p, sizeof h);
        uint64_t v = (id_hash(ids, (const char *)p + sizeof h, (size_t)h.len) & TAG_MASK) | (at + 1);
        while (!put_slot(ids, v))
            grow_table(ids);
        at += record_size((size_t)h.len) / 8;
    }
    set_left(ids);
    return true;
}

/* roster_ids_add in order, past its common case: an id that does not
 * come after the last one (the order ended, and the id looked for), or
 * no room for another (the arena enlarged, or, at the budget, written to
 * the run). */
static NOINLINE bool add_in_order_slowly(RosterIds *ids, u128 key, const char *id, size_t len, long row, long line)
{
    if (!after(ids, key))
        return leave_order(ids) && add_slowly(ids, id_hash(ids, id, len), id, len, row, line);
    for (;;) {
        size_t count = count_of(ids), need = arena_len(ids) + record_size(len);
        bool full = count >= ids->size / 2;
        if (!full && need <= ids->room)
            break;
        /* the table grown only to be ready if the order ends: it is empty, and the arena's room untouched costs nothing */
        if (count > 0 && (full ? over_budget(ids, need + 64, grown_size(ids) + PAD) : over_budget(ids, need + 64, ids->size + PAD))) {
            if (!write_run(ids))
                return false;
        } else if (full) {
            grow_table(ids);
        } else {
            arena_room(ids, record_size(len));
        }
    }
    append_short(ids, key, id, len, row, line);
    ids->upto++;
    set_left(ids);
    return true;
}

/* An id shorter than 8 bytes (in order, or not) or longer than 16. */
static NOINLINE bool add_other(RosterIds *ids, const char *id, size_t len, long row, long line)
{
    if (ids->ascending && len < 8) {
        u128 key = short_key(id, len);
        if (ids->in_order == 0 || !after(ids, key))
            return add_in_order_slowly(ids, key, id, len, row, line);
        append_short(ids, key, id, len, row, line);
        ids->in_order--;
        return true;
    }
    if (ids->ascending && !leave_order(ids))
        return false;
    return add_slowly(ids, id_hash(ids, id, len), id, len, row, line);
}

/* The common case: a new id of 8 to 16 bytes, with room for it (left,
 * looked at first: past the budget it is always 0, and add_more writes
 * the id to its partition with no probe of the table in memory, which
 * needs none); the probe stops at the first slot whose tag is the id's,
 * where add_slowly compares bytes, or before the table's last slot.  Its
 * record's bytes are the two words the hash read.  Small, and inline, so
 * that LTO puts it in the callers' row loops (ids.h declares it extern:
 * this is its one definition). */
ALWAYS_INLINE bool roster_ids_add(RosterIds *ids, const char *id, size_t len, long row, long line)
{
    if (__builtin_expect(len - 8 > 8, 0))
        return add_other(ids, id, len, row, line);
    uint64_t a = word8(id), b = word8(id + len - 8);
    if (__builtin_expect(ids->in_order != 0, 1)) {
        u128 key = order_key(a, b);
        if (__builtin_expect(!after(ids, key), 0))
            return add_in_order_slowly(ids, key, id, len, row, line);
        append_in_order(ids, key, a, b, len, row, line);
        ids->in_order--;
        return true;
    }
    uint64_t hash = hash_words(ids, a, b, len);
    if (__builtin_expect(ids->left == 0, 0)) /* past the budget, every id */
        return add_more(ids, hash, id, len, row, line);
    uint64_t *slot = ids->slot + (hash >> ids->shift);
    for (uint64_t v; (v = *slot) != 0;)
        if (__builtin_expect(same_tag(v, hash) || ++slot == ids->last, 0))
            return add_slowly(ids, hash, id, len, row, line);
    unsigned char *p = ids->arena + ids->at * 8;
    put_head(p, row, line, len);
    memcpy(p + sizeof(Head), &a, 8);
    memcpy(p + sizeof(Head) + len - 8, &b, 8);
    note_slot(ids, hash, slot, len);
    ids->left--;
    return true;
}

bool roster_ids_has(const RosterIds *ids, const char *id, size_t len)
{
    return *find_id(ids, id_hash(ids, id, len), id, len) != 0;
}

/* ---- the temporary file ---- */

/* The temporary file cannot be made, written or read: the check stops,
 * ids->failure says why (errno's words). */
static bool temp_failed(RosterIds *ids, const char *what)
{
    if (!ids->failure[0])
        snprintf(ids->failure, sizeof ids->failure,
                 "%s: cannot %s a temporary file in %s for the ids of its rows: %s (TMPDIR names the folder)", ids->path, what,
                 ids->dir, strerror(errno));
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
    return true;
}

/* p[0..n) to the file at `at`; false if it cannot be written (a short
 * write: no space), and ids->failure says why. */
static bool write_at(RosterIds *ids, const void *p, size_t n, int64_t at)
{
    const char *c = p;
    while (n > 0) {
        ssize_t k = pwrite(ids->fd, c, n, (off_t)at);
        if (k < 0 && errno == EINTR)
            continue;
        if (k <= 0) {
            if (k == 0)
                errno = ENOSPC;
            return temp_failed(ids, "write");
        }
        c += k;
        n -= (size_t)k;
        at += k;
    }
    return true;
}

/* p[0..n) from the file at `at`; false if it cannot be read, and
 * ids->failure says why. */
static bool read_at(RosterIds *ids, void *p, size_t n, int64_t at)
{
    char *c = p;
    while (n > 0) {
        ssize_t k = pread(ids->fd, c, n, (off_t)at);
        if (k < 0 && errno == EINTR)
            continue;
        if (k <= 0) {
            if (k == 0)
                errno = EIO;
            return temp_failed(ids, "read");
        }
        c += k;
        n -= (size_t)k;
        at += k;
    }
    return true;
}

/* ---- partitions ---- */

static Parts *new_parts(unsigned level)
{
    Parts *ps = xmalloc(sizeof *ps);
    for (int p = 0; p < PARTS; p++)
        ps->part[p] = (Part){-1, -1, 0, 0};
    ps->level = level;
    return ps;
}

/* b[0..n) to the file as partition pt's next block (b's head, BlockHead,
 * filled here), linked from its last. */
static bool write_block(RosterIds *ids, Part *pt, unsigned char *b, size_t n)
{
    BlockHead h = {(int64_t)(n - sizeof h), -1};
    memcpy(b, &h, sizeof h);
    int64_t at = ids->file_end;
    if (!write_at(ids, b, n, at))
        return false;
    ids->file_end += (int64_t)n;
    pt->bytes += (int64_t)(n - sizeof h);
    if (pt->last >= 0 && !write_at(ids, &at, sizeof at, pt->last + (int64_t)offsetof(BlockHead, next)))
        return false;
    if (pt->last < 0)
        pt->first = at;
    pt->last = at;
    return true;
}

/* Partition p's buffer to the file, and emptied. */
static bool flush_part(RosterIds *ids, Parts *ps, int p)
{
    size_t n = ids->used[p];
    ids->used[p] = sizeof(BlockHead);
    return n == sizeof(BlockHead) || write_block(ids, &ps->part[p], ids->buf + (size_t)p * BLOCK, n);
}

static bool flush_parts(RosterIds *ids, Parts *ps)
{
    for (int p = 0; p < PARTS; p++)
        if (!flush_part(ids, ps, p))
            return false;
    return true;
}

/* x to p[0..8), least significant byte first: one store where the
 * machine's order is that (GCC does not merge the loop's stores). */
static inline void put_le(unsigned char *p, uint64_t x)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    memcpy(p, &x, 8);
#else
    for (int i = 0; i < 8; i++)
        p[i] = (unsigned char)(x >> 8 * i);
#endif
}

static inline uint64_t get_le(const unsigned char *p)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    return word8(p);
#else
    uint64_t x = 0;
    for (int i = 0; i < 8; i++)
        x |= (uint64_t)p[i] << 8 * i;
    return x;
#endif
}

/* The hash's bits a partition's record keeps, for its table at the end:
 * 8 to 39, below any that choose partitions. */
static inline uint32_t kept_hash(uint64_t hash)
{
    return (uint32_t)(hash >> 8);
}

/* The record of an id whose hash is hash to p, which has LONG_RECORD +
 * len + SLACK bytes of room; where it ends.  (to_part_short writes the
 * short one of an id of 8 to 16 bytes itself.) */
static inline unsigned char *put_record(unsigned char *p, uint64_t hash, const char *id, size_t len, long row, long line)
{
    uint64_t gap = (uint64_t)line - (uint64_t)row;
    uint32_t h = kept_hash(hash);
    if (len < 255 && (uint64_t)row >> 40 == 0 && gap < 256) {
        put_le(p, len | (uint64_t)row << 8 | gap << 48);
        p += 7;
    } else {
        p[0] = 255;
        put_le(p + 1, len);
        put_le(p + 9, (uint64_t)row);
        put_le(p + 17, (uint64_t)line);
        p += 25;
    }
    memcpy(p, &h, 4);
    copy_id(p + 4, id, len);
    return p + 4 + len;
}

/* The record at p (within a partition read whole, or a block), and the
 * hash's bits it keeps; where it ends. */
static inline const unsigned char *get_record(const unsigned char *p, Id *id, uint32_t *hash)
{
    if (p[0] != 255) {
        uint64_t w = get_le(p);
        id->len = w & 0xFF;
        id->row = (long)(w >> 8 & ((UINT64_C(1) << 40) - 1));
        id->line = id->row + (long)(w >> 48 & 0xFF);
        p += 7;
    } else {
        id->len = (size_t)get_le(p + 1);
        id->row = (long)get_le(p + 9);
        id->line = (long)get_le(p + 17);
        p += 25;
    }
    memcpy(hash, p, 4);
    id->bytes = (const char *)p + 4;
    return p + 4 + id->len;
}

/* The partition of level `level` of an id whose hash is hash: the hash's
 * top byte at level 0, its next at level 1, and so on. */
static inline int part_of(uint64_t hash, unsigned level)
{
    return (int)(hash >> (64 - PART_BITS * (level + 1)) & (PARTS - 1));
}

/* An id's record to partition p's buffer, which has room for it. */
static inline void to_buffer(RosterIds *ids, Part *pt, int p, uint64_t hash, const char *id, size_t len, long row, long line)
{
    unsigned char *b = ids->buf + (size_t)p * BLOCK + ids->used[p];
    size_t n = (size_t)(put_record(b, hash, id, len, row, line) - b);
    ids->used[p] += n;
    pt->count++;
}

/* What to_part does when partition p's buffer is full: it is written
 * out, and the id goes to it emptied, or, too long for that, to a block
 * of its own. */
static NOINLINE bool to_full_part(RosterIds *ids, Parts *ps, int p, uint64_t hash, const char *id, size_t len,
                                                   long row, long line)
{
    Part *pt = &ps->part[p];
    if (!flush_part(ids, ps, p))
        return false;
    size_t need = sizeof(BlockHead) + LONG_RECORD + len + SLACK;
    if (need <= BLOCK) {
        to_buffer(ids, pt, p, hash, id, len, row, line);
        return ids->used[p] <= BLOCK - SHORT_ROOM || flush_part(ids, ps, p);
    }
    unsigned char *b = xmalloc(need);
    size_t n = (size_t)(put_record(b + sizeof(BlockHead), hash, id, len, row, line) - b);
    bool ok = write_block(ids, pt, b, n);
    free(b);
    pt->count++;
    return ok;
}

/* An id to its partition of ps; a buffer fuller than SHORT_ROOM leaves
 * is written out, so that it always has room for an id of 16 bytes. */
static bool to_part(RosterIds *ids, Parts *ps, uint64_t hash, const char *id, size_t len, long row, long line)
{
    int p = part_of(hash, ps->level);
    if (ids->used[p] + LONG_RECORD + len + SLACK > BLOCK)
        return to_full_part(ids, ps, p, hash, id, len, row, line);
    to_buffer(ids, &ps->part[p], p, hash, id, len, row, line);
    return ids->used[p] <= BLOCK - SHORT_ROOM || flush_part(ids, ps, p);
}

static NOINLINE bool flush_full(RosterIds *ids, Parts *ps, int p)
{
    return flush_part(ids, ps, p);
}

/* to_part for an id of 8 to 16 bytes past the budget whose record is
 * the short one (its buffer has room for it); else to_part. */
static inline bool to_part_short(RosterIds *ids, uint64_t hash, const char *id, size_t len, long row, long line)
{
    uint64_t gap = (uint64_t)line - (uint64_t)row;
    if (__builtin_expect((uint64_t)row >> 40 != 0 || gap >= 256, 0))
        return to_part(ids, ids->parts, hash, id, len, row, line);
    Parts *ps = ids->parts;
    int p = part_of(hash, 0);
    unsigned char *at = ids->buf + (size_t)p * BLOCK + ids->used[p];
    uint32_t h = kept_hash(hash);
    uint64_t a = word8(id), b = word8(id + len - 8);
    put_le(at, len | (uint64_t)row << 8 | gap << 48);
    memcpy(at + 7, &h, 4);
    memcpy(at + 11, &a, 8);
    memcpy(at + 3 + len, &b, 8);
    ids->used[p] += 11 + len;
    ps->part[p].count++;
    return ids->used[p] <= BLOCK - SHORT_ROOM || flush_full(ids, ps, p);
}

/* The records from p to end, but for a last one not whole, each to its
 * partition: where the one not whole starts, or NULL if the file cannot
 * be written. */
static const unsigned char *records_to_parts(RosterIds *ids, const unsigned char *p, const unsigned char *end)
{
    while ((size_t)(end - p) >= sizeof(Head)) {
        Head h;
        memcpy(&h, p, sizeof h);
        size_t len = (size_t)h.len, size = record_size(len);
        if ((size_t)(end - p) < size)
            break;
        const char *id = (const char *)p + sizeof h;
        uint64_t hash = id_hash(ids, id, len);
        if (!(len - 8 <= 8 ? to_part_short(ids, hash, id, len, (long)h.row, (long)h.line)
                           : to_part(ids, ids->parts, hash, id, len, (long)h.row, (long)h.line)))
            return NULL;
        p += size;
    }
    return p;
}

/* The run (ids in order written at the budget) read back, a chunk at a
 * time, each record to its partition. */
static bool run_to_parts(RosterIds *ids)
{
    enum { CHUNK = 1 << 16 };
    unsigned char *b = xmalloc(CHUNK);
    size_t kept = 0; /* bytes of a record not whole at the chunk's end */
    bool ok = true;
    for (int64_t at = 0; ok && at < ids->run_end;) {
        size_t n = CHUNK - kept;
        if ((int64_t)n > ids->run_end - at)
            n = (size_t)(ids->run_end - at);
        ok = read_at(ids, b + kept, n, at);
        at += (int64_t)n;
        const unsigned char *end = b + kept + n, *p = ok ? records_to_parts(ids, b, end) : NULL;
        ok = p != NULL;
        if (ok) {
            kept = (size_t)(end - p);
            memmove(b, p, kept);
        }
    }
    free(b);
    if (ok && kept) { /* a record cut short: the file is not what was written */
        errno = EIO;
        ok = temp_failed(ids, "read");
    }
    return ok;
}

/* The budget reached: the temporary file made, and the ids in memory
 * moved to the partitions, in the order they were noted; the table and
 * the arena freed, but for a table of a few slots, always empty, with no
 * room, so that every id after goes to add_slowly. */
static bool spill(RosterIds *ids)
{
    if (ids->fd < 0 && !open_temp(ids))
        return false;
    free(ids->slot);
    new_table(ids, 16);
    ids->left = ids->upto = 0; /* every id after to add_slowly */
    ids->parts = new_parts(0);
    ids->buf = xmalloc((size_t)PARTS * BLOCK);
    for (int p = 0; p < PARTS; p++)
        ids->used[p] = sizeof(BlockHead);
    if (ids->run_end > 0 && !run_to_parts(ids))
        return false;
    if (!records_to_parts(ids, ids->arena, ids->arena + arena_len(ids)))
        return false;
    ids->arena = xrealloc(ids->arena, 64);
    ids->at = 0;
    ids->room = 64;
    return true;
}

/* ---- the check at the end ---- */

static size_t part_table_size(int64_t count)
{
    size_t size = 16;
    while ((int64_t)size < 4 * count)
        size *= 2;
    return size;
}

static bool fits(const RosterIds *ids, const Part *pt)
{
    return (size_t)pt->bytes + SLACK + part_table_size(pt->count) * sizeof(uint64_t) <= ids->budget && pt->count <= PART_MAX &&
           pt->bytes < PART_BYTES;
}

/* The block of a partition at *at into *b (of *cap bytes, enlarged to
 * fit it and SLACK more); its records' size, and *at the block after it. */
static bool read_block(RosterIds *ids, int64_t *at, unsigned char **b, size_t *cap, size_t *size)
{
    BlockHead h;
    if (!read_at(ids, &h, sizeof h, *at))
        return false;
    if (h.size < 0 || h.size > ids->file_end) {
        errno = EIO;
        return temp_failed(ids, "read");
    }
    *size = (size_t)h.size;
    if (*size + SLACK > *cap) {
        *cap = *size + SLACK;
        *b = xrealloc(*b, *cap);
    }
    if (!read_at(ids, *b, *size, *at + (int64_t)sizeof h))
        return false;
    *at = h.next;
    return true;
}

/* Partition pt read whole, its blocks in order (and SLACK bytes more);
 * NULL if the file cannot be read. */
static unsigned char *read_part(RosterIds *ids, const Part *pt)
{
    size_t cap = (size_t)pt->bytes + SLACK, got = 0;
    unsigned char *data = xmalloc(cap);
    for (int64_t at = pt->first; at >= 0;) {
        BlockHead h;
        if (!read_at(ids, &h, sizeof h, at))
            break;
        if (h.size < 0 || (size_t)h.size > cap - SLACK - got)
            break;
        if (!read_at(ids, data + got, (size_t)h.size, at + (int64_t)sizeof h))
            break;
        got += (size_t)h.size;
        at = h.next;
    }
    if (got != (size_t)pt->bytes) {
        if (!ids->failure[0]) {
            errno = EIO;
            temp_failed(ids, "read");
        }
        free(data);
        return NULL;
    }
    return data;
}

static bool check_parts(RosterIds *ids, Parts *ps);

/* Partition pt split into PARTS of the next level, by the hash's next
 * byte (the buffers are free: every partition of the level above is
 * written out), and those checked. */
static bool split_part(RosterIds *ids, const Part *pt, unsigned level)
{
    ids->splits++;
    Parts *sub = new_parts(level);
    unsigned char *b = NULL;
    size_t cap = 0, size;
    bool ok = true;
    for (int64_t at = pt->first; ok && at >= 0;) {
        ok = read_block(ids, &at, &b, &cap, &size);
        for (const unsigned char *p = b; ok && p < b + size;) {
            Id id;
            uint32_t kept;
            p = get_record(p, &id, &kept);
            ok = to_part(ids, sub, id_hash(ids, id.bytes, id.len), id.bytes, id.len, id.row, id.line);
        }
    }
    free(b);
    ok = ok && flush_parts(ids, sub);
    ok = ok && check_parts(ids, sub);
    free(sub);
    return ok;
}

/* The table for a partition of `count` ids: size slots, a power of two,
 * at most a quarter full (a new id's probe, the common case, then meets
 * a slot in use about a quarter as often as at half full).  One
 * allocation serves every partition: a slot is 32 bits of the hash, the
 * epoch (8 bits) and the place of its record in the partition plus one
 * (24 bits), and each partition has an epoch of its own, so a slot of
 * another epoch is empty and the table is cleared only when the epochs
 * run out, not for each partition. */
static uint64_t *part_table(RosterIds *ids, int64_t count, size_t *size)
{
    *size = part_table_size(count);
    if (*size > ids->part_size || ids->epoch == 255) {
        if (*size > ids->part_size) {
            free(ids->part_slot);
            ids->part_size = *size;
            ids->part_slot = xmalloc(*size * sizeof *ids->part_slot);
        }
        memset(ids->part_slot, 0, ids->part_size * sizeof *ids->part_slot);
        ids->epoch = 0;
    }
    ids->epoch++;
    return ids->part_slot;
}

/* A partition's table (size slots, wrapping round): the slot of the id
 * whose kept hash bits are hash, or the empty one (of another epoch)
 * where it would go. */
static uint64_t *find_in_part(const unsigned char *data, uint64_t *slot, size_t size, unsigned shift, uint32_t hash, uint32_t epoch,
                              const Id *id)
{
    for (size_t i = hash >> shift;; i = (i + 1) & (size - 1)) {
        uint64_t v = slot[i];
        if ((uint32_t)v >> 24 != epoch)
            return &slot[i];
        if (v >> 32 == hash) {
            Id first;
            uint32_t h;
            get_record(data + (v & 0xFFFFFF) - 1, &first, &h);
            if (first.len == id->len && (id->len == 0 || !memcmp(first.bytes, id->bytes, id->len)))
                return &slot[i];
        }
    }
}

/* check_part's common case, no duplicate known yet: the records from p
 * on whose kept hash bits no slot has, each put in its slot (nothing
 * more is read of them), up to the first that is long (its length 255)
 * or whose bits a slot has (the same id, or another with those bits),
 * which check_part then reads whole: where that one starts, or end.
 * Out of line, so that it keeps all it needs in registers. */
static NOINLINE const unsigned char *add_new_ids(const unsigned char *data, const unsigned char *p, const unsigned char *end,
                                        uint64_t *slot, size_t size, unsigned shift, uint32_t epoch)
{
    for (; p < end; p += 11 + p[0]) {
        if (p[0] == 255)
            return p;
        uint32_t hash;
        memcpy(&hash, p + 7, 4);
        size_t i = hash >> shift;
        for (uint64_t v; (uint32_t)(v = slot[i]) >> 24 == epoch; i = (i + 1) & (size - 1))
            if (v >> 32 == hash)
                return p;
        slot[i] = (uint64_t)hash << 32 | epoch << 24 | (uint64_t)(p - data + 1);
    }
    return p;
}

/* Partition pt read whole and checked in a table of its own, in the
 * order its ids were noted, up to its first row whose id came before
 * (kept, if no duplicate at an earlier row is known already).  The
 * table's home and tag are the hash's bits each record keeps. */
static bool check_part(RosterIds *ids, const Part *pt)
{
    if (pt->bytes >= PART_BYTES || pt->count > PART_MAX) { /* only if every hash is alike */
        fputs("terms: out of memory\n", stderr);
        abort();
    }
    unsigned char *data = read_part(ids, pt);
    if (!data)
        return false;
    size_t size;
    uint64_t *slot = part_table(ids, pt->count, &size);
    unsigned shift = 32 - log2_of(size);
    uint32_t epoch = ids->epoch;
    const unsigned char *end = data + pt->bytes;
    for (const unsigned char *p = data, *next; p < end; p = next) {
        if (!ids->dup.found && (p = add_new_ids(data, p, end, slot, size, shift, epoch)) == end)
            break;
        Id id, first;
        uint32_t hash;
        next = get_record(p, &id, &hash);
        if (ids->dup.found && id.row >= ids->dup.row)
            break;
        uint64_t *s = find_in_part(data, slot, size, shift, hash, epoch, &id);
        if ((uint32_t)*s >> 24 != epoch) {
            *s = (uint64_t)hash << 32 | epoch << 24 | (uint64_t)(p - data + 1);
            continue;
        }
        get_record(data + (*s & 0xFFFFFF) - 1, &first, &hash);
        if (first.row != id.row) { /* not the same row noted again */
            keep_dup(ids, id.bytes, id.len, id.row, id.line, first.row, first.line);
            break;
        }
    }
    free(data);
    return true;
}

/* Each partition of ps checked, or split and its parts checked, if it is
 * too big for the budget and the hash has bytes left to split it by. */
static bool check_parts(RosterIds *ids, Parts *ps)
{
    for (int p = 0; p < PARTS; p++) {
        const Part *pt = &ps->part[p];
        if (pt->count == 0)
            continue;
        bool ok = fits(ids, pt) || ps->level + 1 == LEVELS ? check_part(ids, pt) : split_part(ids, pt, ps->level + 1);
        if (!ok)
            return false;
    }
    return true;
}

/* The ids past the budget checked: the buffers written out, and every
 * partition checked, keeping the earliest duplicate. */
static void check_spilled(RosterIds *ids)
{
    if (flush_parts(ids, ids->parts))
        check_parts(ids, ids->parts);
}

int roster_ids_partition(const RosterIds *ids, const char *id, size_t len)
{
    return part_of(id_hash(ids, id, len), 0);
}

long roster_ids_splits(const RosterIds *ids)
{
    return ids->splits;
}

bool roster_ids_end(RosterIds *ids)
{
    if (!ids->ended && ids->parts)
        check_spilled(ids);
    ids->ended = true;
    return !ids->dup.found && !ids->failure[0];
}
