/* record_text.h: a record's values as text, for tests that read one row
 * two ways and compare what they got: a text in brackets, a number as
 * n/d, a list's member indexes in parentheses, anything else as its
 * integer. */
#ifndef TERMS_TEST_RECORD_TEXT_H
#define TERMS_TEST_RECORD_TEXT_H

#include <stdio.h>

#include "value.h"

static inline void record_text(const FieldDef *fields, int nfields, const Value *rec, char *buf, size_t cap)
{
    size_t n = 0;
#define PUT(...) (n += (size_t)snprintf(buf + n, n < cap ? cap - n : 0, __VA_ARGS__), n = n < cap ? n : cap)
    buf[0] = '\0';
    for (int f = 0; f < nfields; f++) {
        Value v = rec[f];
        switch (fields[f].type.kind) {
        case TY_TEXT: PUT("[%.*s]", (int)v.text.len, v.text.p); break;
        case TY_INTEGER:
        case TY_DECIMAL:
        case TY_MONEY: PUT("%lld/%lld ", (long long)v.num.n, (long long)v.num.d); break;
        case TY_LIST:
            PUT("(");
            for (uint32_t k = 0; k < v.list.len; k++)
                PUT("%d ", v.list.items[k]);
            PUT(")");
            break;
        default: PUT("%lld ", (long long)v.i); break;
        }
    }
#undef PUT
}

#endif
