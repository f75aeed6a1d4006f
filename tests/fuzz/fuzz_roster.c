/* fuzz_roster: the CSV roster reader on arbitrary bytes, with a record
 * that has a field of every type.  Every row is read to the end of the
 * input or the first bad row, whose message must name it. */
#include <stddef.h>
#include <stdint.h>
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
static const RecordSchema schema = {sizeof fields / sizeof *fields, fields, 2, enums};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    FILE *in = fmemopen((void *)data, size, "rb");
    if (!in)
        return 0;
    char err[1024];
    Roster *r = roster_open(in, "fuzz.csv", &schema, err, sizeof err);
    if (r) {
        Value record[sizeof fields / sizeof *fields + 1];
        int got;
        while ((got = roster_next(r, record, err, sizeof err)) == 1) {
            FUZZ_ASSERT(record[0].text.len == 0 || record[0].text.p != NULL, "id text without bytes");
            FUZZ_ASSERT(record[1].i >= 0 && record[1].i < 3, "lane %lld", (long long)record[1].i);
            for (uint32_t i = 0; i < record[8].list.len; i++)
                FUZZ_ASSERT(record[8].list.items[i] >= 0 && record[8].list.items[i] < 3, "list item %d", record[8].list.items[i]);
        }
        if (got < 0)
            FUZZ_ASSERT(strstr(err, "fuzz.csv") == err, "a bad row's message does not name the file: %s", err);
        roster_close(r);
    } else {
        FUZZ_ASSERT(err[0] != '\0', "roster_open failed without a message");
    }
    fclose(in);
    return 0;
}
