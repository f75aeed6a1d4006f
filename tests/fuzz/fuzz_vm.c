/* fuzz_vm: the VM on programs the compiler accepts, over fuzzed records.
 *
 * The input is a contract, a line "%%", and a CSV roster:
 *
 *     employee:
 *       id: text
 *     pay = $1
 *     output id, pay
 *     %%
 *     id
 *     T1
 *
 * A contract that checks is compiled for each contract year; every row the
 * roster reader accepts is evaluated (outputs written as CSV and JSON
 * Lines, `each year` advanced, and checked against asking for each output
 * in turn), then evaluated again under the `terms explain` program, asking
 * for every node and rule.  Runtime errors (overflow, division by zero, a
 * blank) are answers, not failures. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "compile.h"
#include "fuzz.h"
#include "output.h"
#include "roster.h"
#include "vm.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

enum { MAX_YEARS = 4, MAX_ROWS = 32 };

static const char SEPARATOR[] = "\n%%\n";

static bool same_value(Value a, Value b, TypeKind kind)
{
    switch (kind) {
    case TY_TEXT: return a.text.p == b.text.p && a.text.len == b.text.len;
    case TY_LIST: return a.list.items == b.list.items && a.list.len == b.list.len;
    case TY_BOOL: case TY_ENUM: case TY_DATE: return a.i == b.i;
    default: return rat_eq(a.num, b.num);
    }
}

/* The outputs as vm_outputs computed them (values, or failed with
 * message) against asking for each output in turn, as lazy evaluation
 * does: the same values, or the same first failure (and the same blanks
 * named). */
static void compare_with_lazy(VM *vm, const Program *p, const Value *record, const Value *const *values, const char *message)
{
    Value *kept = calloc((size_t)p->noutputs + 1, sizeof(Value));
    for (int i = 0; values && i < p->noutputs; i++)
        kept[i] = *values[i];
    vm_begin(vm, record);
    bool ok = true;
    for (int i = 0; i < p->noutputs && ok; i++) {
        Value v;
        if (p->outputs[i].kind != OUT_NODE)
            continue;
        ok = vm_value(vm, p->outputs[i].index, &v);
        FUZZ_ASSERT(!ok || !values || same_value(v, kept[i], p->outputs[i].type.kind),
                    "output %d differs between the outputs' code and asking for it", i);
    }
    FUZZ_ASSERT(ok == (values != NULL), "the outputs' code %s, asking for each output %s", values ? "succeeded" : "failed",
                ok ? "succeeded" : "failed");
    /* a row that fails on blanks names every blank its outputs need, more
     * than one output asked for does: the row's message, asked for each
     * output in turn, is the one to compare */
    FUZZ_ASSERT(ok || (!vm_outputs(vm) && strcmp(message, vm_error(vm)) == 0), "different first failures: %s / %s", message,
                vm_error(vm));
    free(kept);
}

/* Runs rows of roster through p; with explained, asks for every node. */
static void run(const Program *p, const char *roster, size_t len, bool explained)
{
    FILE *in = fmemopen((void *)roster, len, "rb");
    if (!in)
        return;
    char err[1024];
    Roster *r = roster_open(in, "fuzz.csv", p->schema, err, sizeof err);
    if (!r) {
        fclose(in);
        return;
    }
    Value *record = calloc((size_t)p->schema->nfields + 1, sizeof(Value));
    Output *csv = output_to_stream(fuzz_sink(), FORMAT_CSV, p);
    Output *jsonl = output_to_stream(fuzz_sink(), FORMAT_JSONL, p);
    VM *vm = vm_new(p);
    for (int rows = 0; rows < MAX_ROWS && roster_next(r, record, err, sizeof err) == 1; rows++) {
        vm_begin(vm, record);
        if (explained) {
            Value v;
            for (int i = 0; i < p->nnodes; i++)
                if (!vm_value(vm, i, &v))
                    FUZZ_ASSERT(vm_error(vm) && *vm_error(vm), "a failed node has no message");
            for (int i = 0; i < p->nrules; i++)
                (void)vm_rule_fired(vm, i);
            continue;
        }
        const Value *const *values = vm_outputs(vm);
        if (values) {
            output_row(csv, values);
            output_row(jsonl, values);
        } else {
            FUZZ_ASSERT(vm_error(vm) && *vm_error(vm), "a failed row has no message");
        }
        char message[sizeof err];
        snprintf(message, sizeof message, "%s", values ? "" : vm_error(vm));
        compare_with_lazy(vm, p, record, values, message);
        /* the next years, as `each year:` moves the record on */
        for (int y = 0; p->nadvance > 0 && y < 2 && vm_advance(vm, record); y++) {
            vm_begin(vm, record);
            if ((values = vm_outputs(vm)))
                output_row(csv, values);
        }
    }
    vm_free(vm);
    output_abort(csv);
    output_abort(jsonl);
    free(record);
    roster_close(r);
    fclose(in);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *src = (const char *)data;
    const char *sep = memmem(src, size, SEPARATOR, sizeof SEPARATOR - 1);
    if (!sep)
        return 0;
    size_t clen = (size_t)(sep - src) + 1;
    const char *roster = sep + sizeof SEPARATOR - 1;
    size_t rlen = size - (size_t)(roster - src);
    FuzzContract fc;
    fuzz_load(&fc, "fuzz.terms", src, clen);
    if (fc.ok) {
        for (int y = 0; y < fc.m.nyears && y < MAX_YEARS; y++) {
            run(compile_program(&fc.m, y, NULL, 0), roster, rlen, false);
            run(compile_explained(&fc.m, y, NULL, 0), roster, rlen, true);
        }
    }
    fuzz_unload(&fc);
    return 0;
}
