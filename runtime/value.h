/* value.h: types of the Terms language and the values the VM works on.
 *
 * The checker gives every expression a Type; the VM trusts it, so a Value
 * carries no tag.  Numbers of every kind (integer, decimal, money) are
 * Rats; yes/no, enum members and dates are integers; text and lists point
 * into memory owned by whoever produced them (the roster reader's row
 * buffer, valid until its next row, or the program's constants).
 */
#ifndef TERMS_VALUE_H
#define TERMS_VALUE_H

#include <stdbool.h>
#include <stdint.h>
#include "rat.h"

typedef enum {
    TY_ERROR,    /* an expression the checker already reported */
    TY_INTEGER,
    TY_DECIMAL,
    TY_MONEY,
    TY_BOOL,     /* yes/no */
    TY_TEXT,
    TY_DATE,     /* days since 1970-01-01 */
    TY_ENUM,     /* enum_id says which enum */
    TY_LIST,     /* a list of members of enum enum_id */
    TY_RECORDS,  /* an employee's records of record type enum_id (`list of session`) */
    TY_RECORD,   /* one of them: a comprehension's variable */
} TypeKind;

typedef struct {
    TypeKind kind;
    int enum_id; /* for TY_ENUM and TY_LIST, an index into the contract's enums;
                    for TY_RECORDS and TY_RECORD, into its record types; for
                    TY_MONEY, the places it is shown with (money_places) */
} Type;

/* Money shown with cents, or, rounded to more places than cents by the
 * contract (`round(x, 4)`), with those places: 24.6500. */
static inline Type money_shown_to(int places)
{
    return (Type){TY_MONEY, places > 2 ? places : 0};
}

static inline int money_places(Type t)
{
    return t.kind == TY_MONEY && t.enum_id > 2 ? t.enum_id : 2;
}

typedef struct {
    const char *name;      /* "Lane" */
    int count;
    const char **members;  /* "BA", "MA15", ... */
    const char **display;  /* "Sr. High Band", or NULL where none was given */
} EnumDef;

typedef struct Value {
    union {
        Rat num;        /* TY_INTEGER, TY_DECIMAL, TY_MONEY */
        int64_t i;      /* TY_BOOL (0/1), TY_ENUM (member index), TY_DATE */
        struct { const char *p; uint32_t len; } text;
        struct { const int32_t *items; uint32_t len; } list; /* member indexes */
        struct { const struct Value *rows; uint32_t len, width; } recs; /* len records of width values each,
                                                                          * after one another (len where list's is) */
        const struct Value *row; /* one record's values */
    };
} Value;

/* A figure the contract writes for a year: a param's value, or a cell of
 * a schedule or a table.  blank: `$___`, not yet agreed; using it is an
 * error for the employee whose row needs it.  na: a schedule's `N/A`, a
 * cell no one may be placed in; looking it up is an error too. */
typedef struct {
    Rat v;
    bool blank;
    bool na;
} Figure;

/* One field of the employee record, as the contract declares it. */
typedef struct {
    const char *name;
    Type type;
    bool has_range;  /* integer lo to hi */
    int64_t lo, hi;
    bool has_default;  /* a roster may leave the column out: every row is deflt */
    bool empty_is_default; /* and an empty cell is deflt (`optional`) */
    Value deflt;       /* text points into the contract's memory; a list's is empty */
    const struct RecordSchema *rows; /* TY_RECORDS: the records file's columns, its id first */
} FieldDef;

typedef struct RecordSchema {
    int nfields;
    const FieldDef *fields;
    int nenums;
    const EnumDef *enums;
    const char *name;  /* a record type's name ("session"); NULL for the employee record */
} RecordSchema;

/* Days since 1970-01-01 of a proleptic Gregorian date; false if the date
 * does not exist.  And back. */
bool date_from_ymd(int y, int m, int d, int64_t *days);
void date_to_ymd(int64_t days, int *y, int *m, int *d);

#endif
