/* fuzz_roster: the CSV roster reader on arbitrary bytes, with a record
 * that has a field of every type.  Every row is read to the end of the
 * input or the first bad row, whose message must name it; the text read
 * is UTF-8. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "roster.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *lane_members[] = {"BA", "MA", "DOC"};
static const char *position_members[] = {"band", "play", "yearbook"};
static const char *position_display[] = {"Sr. High Band", NULL, "Yearbook Adviser"};
static const EnumDef enums[] = {
    {"Lane", 3, lane_members, NULL},
    {"Position", 3, position_members, position_display},
};
static const FieldDef fields[] = {
    {.name = "id", .type = {TY_TEXT, 0}},
    {.name = "lane", .type = {TY_ENUM, 0}},
    {.name = "step", .type = {TY_INTEGER, 0}, .has_range = true, .lo = 1, .hi = 13},
    {.name = "years", .type = {TY_INTEGER, 0}},
    {.name = "fte", .type = {TY_DECIMAL, 0}},
    {.name = "salary", .type = {TY_MONEY, 0}},
    {.name = "nb", .type = {TY_BOOL, 0}},
    {.name = "hired", .type = {TY_DATE, 0}},
    {.name = "jobs", .type = {TY_LIST, 1}},
};
static const RecordSchema schema = {sizeof fields / sizeof *fields, fields, 2, enums, NULL};

enum { NF = sizeof fields / sizeof *fields };

/* Whether s[0..n) is UTF-8, written apart from the reader's check: each
 * character decoded, then refused if overlong, a surrogate or past
 * 10FFFF. */
static int is_utf8(const unsigned char *s, size_t n)
{
    for (size_t i = 0; i < n;) {
        unsigned c = s[i], len = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 0;
        if (len == 0 || i + len > n)
            return 0;
        uint32_t cp = len == 1 ? c : c & (0x7F >> len);
        for (unsigned k = 1; k < len; k++) {
            if ((s[i + k] & 0xC0) != 0x80)
                return 0;
            cp = cp << 6 | (s[i + k] & 0x3F);
        }
        static const uint32_t least[] = {0, 0, 0x80, 0x800, 0x10000};
        if (cp < least[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            return 0;
        i += len;
    }
    return 1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    FILE *in = fmemopen((void *)data, size, "rb");
    char *copy = malloc(size ? size : 1); /* exactly size bytes: ASan sees any read past them */
    if (!in || !copy) {
        if (in)
            fclose(in);
        free(copy);
        return 0;
    }
    memcpy(copy, data, size);
    char err[1024], err2[1024];
    /* the same bytes read from a stream and in place (--jobs pieces) */
    Roster *r = roster_open(in, "fuzz.csv", &schema, err, sizeof err);
    Roster *m = roster_open_memory(copy, size, "fuzz.csv", &schema, err2, sizeof err2);
    FUZZ_ASSERT(!r == !m, "opened one way and not the other: %s / %s", r ? "" : err, m ? "" : err2);
    if (r && m) {
        Value record[NF + 1], record2[NF + 1];
        int got, got2;
        while ((got = roster_next(r, record, err, sizeof err)) == 1) {
            got2 = roster_next(m, record2, err2, sizeof err2);
            FUZZ_ASSERT(got2 == 1, "a row read from the stream, not in place: %s", err2);
            FUZZ_ASSERT(roster_row(r) == roster_row(m) && roster_line(r) == roster_line(m), "row numbers differ");
            FUZZ_ASSERT(record[0].text.len == 0 || record[0].text.p != NULL, "id text without bytes");
            FUZZ_ASSERT(is_utf8((const unsigned char *)record[0].text.p, record[0].text.len), "id text that is not UTF-8");
            FUZZ_ASSERT(record[0].text.len == record2[0].text.len &&
                            (record[0].text.len == 0 || !memcmp(record[0].text.p, record2[0].text.p, record[0].text.len)),
                        "id differs");
            FUZZ_ASSERT(record[1].i >= 0 && record[1].i < 3, "lane %lld", (long long)record[1].i);
            FUZZ_ASSERT(record[1].i == record2[1].i && rat_eq(record[2].num, record2[2].num) &&
                            rat_eq(record[4].num, record2[4].num) && record[7].i == record2[7].i,
                        "values differ");
            FUZZ_ASSERT(record[8].list.len == record2[8].list.len, "list lengths differ");
            for (uint32_t i = 0; i < record[8].list.len; i++) {
                FUZZ_ASSERT(record[8].list.items[i] >= 0 && record[8].list.items[i] < 3, "list item %d", record[8].list.items[i]);
                FUZZ_ASSERT(record[8].list.items[i] == record2[8].list.items[i], "list items differ");
            }
        }
        got2 = roster_next(m, record2, err2, sizeof err2);
        FUZZ_ASSERT(got == got2, "the stream ended %d, in place %d", got, got2);
        if (got < 0) {
            FUZZ_ASSERT(strstr(err, "fuzz.csv") == err, "a bad row's message does not name the file: %s", err);
            FUZZ_ASSERT(!strcmp(err, err2), "messages differ: %s / %s", err, err2);
        }
    } else if (!r) {
        FUZZ_ASSERT(err[0] != '\0', "roster_open failed without a message");
        FUZZ_ASSERT(!strcmp(err, err2), "messages differ: %s / %s", err, err2);
    }
    roster_close(r);
    roster_close(m);
    fclose(in);
    free(copy);
    return 0;
}
