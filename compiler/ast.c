/* ast.c: making the syntax tree's nodes in the contract's arena, finding a
 * component by name, and the text of an operator. */
#include "ast.h"

#include <stdlib.h>
#include <string.h>

#include "alloc.h"

Contract *contract_new(const char *path)
{
    Contract *c = xcalloc(1, sizeof *c);
    c->path = path;
    c->rounding = ROUND_HALF_UP;
    c->round_places = 2;
    return c;
}

void contract_free(Contract *c)
{
    if (!c)
        return;
    arena_free(&c->arena);
    free(c);
}

Expr *expr_new(Contract *c, ExprKind kind, Span at)
{
    Expr *e = arena_alloc(&c->arena, sizeof *e);
    e->kind = kind;
    e->at = at;
    return e;
}

Expr *expr_binary(Contract *c, BinOp op, Expr *a, Expr *b, Span at)
{
    Expr *e = expr_new(c, E_BINARY, at);
    e->op = op;
    e->a = a;
    e->b = b;
    return e;
}

/* Lists grow to the next power of two, so the capacity need not be stored. */
Expr **expr_list_push(Contract *c, Expr **list, int *n, Expr *e)
{
    if (*n >= 4 && (*n & (*n - 1)) == 0) {
        Expr **bigger = arena_alloc(&c->arena, (size_t)*n * 2 * sizeof *bigger);
        for (int i = 0; i < *n; i++)
            bigger[i] = list[i];
        list = bigger;
    } else if (*n == 0) {
        list = arena_alloc(&c->arena, 4 * sizeof *list);
    }
    list[(*n)++] = e;
    return list;
}

ComponentDecl *contract_component(Contract *c, Name name)
{
    for (int i = 0; i < c->components.n; i++)
        if (strcmp(c->components.v[i].name.s, name.s) == 0)
            return &c->components.v[i];
    ComponentDecl comp = {.name = name};
    VEC_PUSH(&c->arena, c->components, comp);
    return &c->components.v[c->components.n - 1];
}

const char *binop_text(BinOp op)
{
    static const char *const text[] = {
        [OPB_ADD] = "+", [OPB_SUB] = "-", [OPB_MUL] = "*", [OPB_DIV] = "/",
        [OPB_IDIV] = "div", [OPB_MOD] = "mod",
        [OPB_EQ] = "=", [OPB_NE] = "!=", [OPB_LT] = "<", [OPB_LE] = "<=",
        [OPB_GT] = ">", [OPB_GE] = ">=", [OPB_AND] = "and", [OPB_OR] = "or",
    };
    return text[op];
}
