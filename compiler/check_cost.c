/* check_cost.c: definitions marked `roll-up` or `benefit`, what the
 * employer pays beside pay (docs/costing.md, "Total compensation").  Each
 * is money, and pay does not include one: `terms cost` adds them to the
 * pay to make the total compensation, so a total that used one would count
 * it twice. */
#include "checker.h"

static const char *kind_text(CostKind k)
{
    return k == COST_ROLL_UP ? "a roll-up" : "a benefit";
}

static CostKind node_cost(const Contract *c, int node)
{
    return node < c->defs.n ? c->defs.v[node].cost : COST_PAY;
}

static const char *node_text(const Contract *c, int node)
{
    return node < c->defs.n ? c->defs.v[node].name.s : c->components.v[node - c->defs.n].name.s;
}

void check_cost_kinds(Checker *k)
{
    const Contract *c = k->c;
    for (int i = 0; i < c->defs.n; i++) {
        Type t = k->m->def_types[i];
        if (c->defs.v[i].cost != COST_PAY && t.kind != TY_MONEY && t.kind != TY_ERROR)
            diag_error(k->d, c->defs.v[i].name.at, "`%s` is %s, an amount the employer pays, so it must be money, not %s",
                       c->defs.v[i].name.s, kind_text(c->defs.v[i].cost), type_article(k, t));
    }
    for (int i = 0; i < c->defs.n + c->components.n; i++) {
        if (node_cost(c, i) != COST_PAY)
            continue;
        for (int j = 0; j < k->deps[i].n; j++) {
            int used = k->deps[i].v[j].node;
            if (node_cost(c, used) != COST_PAY) {
                diag_error(k->d, k->deps[i].v[j].at,
                           "pay cannot include `%s`: it is %s, which `terms cost` adds to pay as total compensation "
                           "(mark `%s` roll-up or benefit if it is one too)",
                           node_text(c, used), kind_text(node_cost(c, used)), node_text(c, i));
                break;
            }
        }
    }
}
