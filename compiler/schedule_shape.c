/* schedule_shape.c: the shapes of printed schedules the checker reads
 * (row ranges, N/A cells, rows that stand for numbers, derived columns
 * over the row key, grids picked by a third key) and enum order
 * (next( ), previous( ), comparisons by declared order). */
#include "checker.h"
#include "builtins.h"

#include <string.h>

/* next(x), previous(x): x is a member of an enum, and so is the result;
 * going past either end is the VM's error for the row (MEMBER_STEP). */
Type check_member_step(Checker *k, Expr *e)
{
    const char *name = builtins[e->ref_index].name;
    Type t = check_expr(k, e->args[0], NULL);
    if (t.kind == TY_ERROR)
        return T_ERROR;
    if (t.kind != TY_ENUM) {
        diag_error(k->d, e->args[0]->at, "%s( ) takes a member of an enum, as in %s(lane), but this is %s", name, name,
                   type_article(k, t));
        return T_ERROR;
    }
    const EnumDef *en = &k->m->enums[t.enum_id];
    bool next = strcmp(name, "next") == 0;
    Expr *a = e->args[0];
    if (a->kind == E_NAME && a->ref == REF_MEMBER && a->ref_index == (next ? en->count - 1 : 0))
        diag_error(k->d, e->at, "there is no %s %s %s, the %s", en->name, next ? "after" : "before", a->name, next ? "last" : "first");
    return t;
}
