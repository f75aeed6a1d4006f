/* parser.y: the grammar of Terms.  Builds the Contract and nothing else:
 * names are resolved and types worked out by the checker. */
%define api.pure full
%define parse.error custom
%locations
%define api.location.type {Span}
%expect 0
%lex-param {void *scanner}
%parse-param {void *scanner} {Contract *c} {Diags *d}

%code requires {
#include "ast.h"
#include "diag.h"
#define YYLLOC_DEFAULT(Cur, Rhs, N) do { \
        if (N) { (Cur).start = YYRHSLOC(Rhs, 1).start; (Cur).end = YYRHSLOC(Rhs, N).end; } \
        else { (Cur).start = (Cur).end = YYRHSLOC(Rhs, 0).end; } \
    } while (0)

typedef struct {
    Expr **v;
    int n;
} ExprList;
}

%code provides {
int yylex(YYSTYPE *val, YYLTYPE *loc, void *scanner);
bool lex_closed_bracket_at(void *scanner, uint32_t offset);
/* After parsing: reports and replaces (with an E_ERROR) every expression
 * that nests deeper than MAX_EXPR_DEPTH, so no later pass recurses too
 * deeply, and reports every list longer than MAX_LIST_ITEMS, so no later
 * pass takes quadratic time over one. */
void parse_limits(Contract *c, Diags *d);
}

%code {
#include <stdlib.h>
#include <string.h>
#include "parse.h"

#include "alloc.h"

/* How deep an expression may nest (a chain of n operators is n levels);
 * the parser's own stack is bounded to match (docs/security.md). */
enum { MAX_EXPR_DEPTH = 256 };
/* How many declarations a contract, members an enum, rows or columns a
 * schedule block, rows a table, names an output line, arguments a call...
 * may have. */
enum { MAX_LIST_ITEMS = 10000 };
/* How many contract years, and how many schedule and table cells, counted
 * once for each year they hold in, a contract may have: the checker lays
 * them all out. */
enum { MAX_YEARS = 64, MAX_CELLS = 1000000 };
#define YYMAXDEPTH (8 * MAX_EXPR_DEPTH + 400)

static void yyerror(YYLTYPE *loc, void *scanner, Contract *c, Diags *d, const char *msg);
static Name name_at(const char *s, Span at) { return (Name){s, at}; }
static Expr *leaf(Contract *c, ExprKind k, Rat num, Span at)
{
    Expr *e = expr_new(c, k, at);
    e->num = num;
    return e;
}
static ExprList list1(Contract *c, Expr *e)
{
    ExprList l = {0};
    l.v = expr_list_push(c, l.v, &l.n, e);
    return l;
}
static void set_rounding(Contract *c, Diags *d, const char *a, const char *b, const char *unit, Span at);
static void add_field(Contract *c, FieldDecl f);
static void add_output(Contract *c, Name n);
static GridDecl *grid_for(Contract *c);
static void add_item(Contract *c, int kind, Span at);
}

%union {
    const char *str;
    Rat num;
    Expr *expr;
    ExprList list;
    Name name;
    Binding binding;
    RowDecl row;
    FieldDecl field;
    int policy;
}

%token END 0 "end of file"
%token NEWLINE "end of line" INDENT "indented block" DEDENT "end of indented block"
%token CONTRACT "contract" TERM "term" YEARS "years" ROUNDING "rounding" EACH_YEAR "each year:"
%token AT_MOST_ONE "at most one" EXACTLY_ONE "exactly one" YESNO "yes/no" LIST_OF "list of"
%token ENUM "enum" EMPLOYEE "employee" PARAM "param" SCHEDULE "schedule" TABLE "table"
%token BY "by" TO "to" WHEN "when" ADD "add" CITE "cite" OUTPUT "output" EXAMPLE "example"
%token GIVEN "given" EXPECT "expect" IN "in" AND "and" OR "or" NOT "not" IF "if" THEN "then"
%token ELSE "else" FOR "for" DOTDOT ".." LE "<=" GE ">=" NE "!="
%token RECORD "record"
%token <str> IDENT "name" STRING "quoted text"
%token <num> INTEGER "integer" DECIMAL "decimal number" MONEY "amount" DATE "date" BOOL "yes or no"
%token <num> BLANK "blank ($___)"

%type <str> cite
%type <expr> field_default field_default_opt expr or_expr and_expr not_expr cmp_expr add_expr mul_expr unary postfix primary literal signed_literal row_key
%type <list> expr_list args peryear cells
%type <name> name
%type <num> signed_int
%type <binding> binding
%type <field> field_type
%type <policy> policy item

%%

contract
    : %empty
    | contract item                            { add_item(c, $2, @2); }
    ;

item
    : CONTRACT STRING NEWLINE                  { c->title = $2; $$ = ITEM_CONTRACT; }
    | TERM DATE TO DATE NEWLINE                {
            c->has_term = true;
            c->term_start = $2.n;
            c->term_end = $4.n;
            c->term_at = @$;
            if ($4.n <= $2.n)
                diag_error(d, @4, "the term must end after it starts");
            $$ = ITEM_TERM;
        }
    | YEARS year_names NEWLINE                 { $$ = ITEM_YEARS; }
    | ROUNDING IDENT IDENT TO IDENT NEWLINE    { set_rounding(c, d, $2, $3, $5, @$); $$ = ITEM_ROUNDING; }
    | enum_start name ':' members NEWLINE      { c->enums.v[c->enums.n - 1].name = $2; $$ = ITEM_ENUM; }
    | enum_start name ':' NEWLINE INDENT member_lines DEDENT {
            c->enums.v[c->enums.n - 1].name = $2;
            @$.end = @6.end; /* not the dedent, which sits at the next line */
            $$ = ITEM_ENUM;
        }
    | EMPLOYEE ':' NEWLINE INDENT fields DEDENT { c->employee_at = @1; $$ = ITEM_EMPLOYEE; }
    | RECORD name ':' NEWLINE                  {
            RecordDecl r = {.name = $2, .at = @$};
            VEC_PUSH(&c->arena, c->records, r);
            c->in_record = true;
        } INDENT fields DEDENT                 { c->in_record = false; $$ = ITEM_RECORD; }
    | PARAM name '=' peryear cite NEWLINE      {
            ParamDecl p = {.name = $2, .values = $4.v, .nvalues = $4.n, .values_at = @4, .cite = $5};
            VEC_PUSH(&c->arena, c->params, p);
            $$ = ITEM_PARAM;
        }
    | SCHEDULE name BY name ',' name schedule_start cite NEWLINE {
            ScheduleDecl *s = &c->schedules.v[c->schedules.n - 1];
            s->name = $2;
            s->row_dim = $4;
            s->col_dim = $6;
            s->cite = $8;
        } INDENT schedule_body DEDENT          { $$ = ITEM_SCHEDULE; }
    | table_start name BY name cite NEWLINE INDENT table_rows DEDENT {
            TableDecl *t = &c->tables.v[c->tables.n - 1];
            t->name = $2;
            t->key_dim = $4;
            t->cite = $5;
            $$ = ITEM_TABLE;
        }
    | name '=' expr cite NEWLINE               {
            DefDecl def = {.name = $1, .expr = $3, .cite = $4};
            VEC_PUSH(&c->arena, c->defs, def);
            $$ = ITEM_DEF;
        }
    | name ':' policy NEWLINE                  {
            ComponentDecl *comp = contract_component(c, $1);
            if (comp->policy != POLICY_ANY)
                diag_error(d, @3, "component `%s` already has a policy", $1.s);
            comp->policy = (Policy)$3;
            comp->policy_at = @3;
            $$ = ITEM_POLICY;
            c->last_policy = (int)(comp - c->components.v);
        }
    | name rule_start rule_when ADD expr cite NEWLINE {
            RuleDecl *r = &c->rules.v[c->rules.n - 1];
            r->component = $1;
            r->amount = $5;
            r->cite = $6;
            r->at = (Span){@1.start, @6.end};
            ComponentDecl *comp = contract_component(c, $1);
            VEC_PUSH(&c->arena, comp->rules, c->rules.n - 1);
            $$ = ITEM_RULE;
        }
    | OUTPUT output_names NEWLINE              { $$ = ITEM_OUTPUT; }
    | EACH_YEAR each_year_list NEWLINE         { $$ = ITEM_EACH_YEAR; }
    | EXAMPLE STRING ':' NEWLINE                {
            ExampleDecl ex = {.title = $2, .at = @$};
            VEC_PUSH(&c->arena, c->examples, ex);
        } INDENT example_lines DEDENT          { $$ = ITEM_EXAMPLE; }
    | error NEWLINE                            { yyerrok; $$ = ITEM_NONE; }
    | INDENT error DEDENT                      { yyerrok; $$ = ITEM_NONE; }
    ;

name
    : IDENT                                    { $$ = name_at($1, @1); }
    ;

year_names
    : STRING                                   { VEC_PUSH(&c->arena, c->years, name_at($1, @1)); }
    | year_names ',' STRING                    { VEC_PUSH(&c->arena, c->years, name_at($3, @3)); }
    ;

/* a long enum may list its members in an indented block below its name */
member_lines
    : members NEWLINE
    | members ',' NEWLINE
    | member_lines members NEWLINE
    | member_lines members ',' NEWLINE
    ;

members
    : member
    | members ',' member
    ;

member
    : name                                     {
            MemberDecl m = {.name = $1};
            VEC_PUSH(&c->arena, c->enums.v[c->enums.n - 1].members, m);
        }
    | name STRING                              {
            MemberDecl m = {.name = $1, .display = $2};
            VEC_PUSH(&c->arena, c->enums.v[c->enums.n - 1].members, m);
        }
    ;

/* the enum is added before its members are read */
enum_start
    : ENUM                                     {
            EnumDecl e = {0};
            VEC_PUSH(&c->arena, c->enums, e);
        }
    ;

fields
    : field
    | fields field
    ;

field
    : name ':' field_type NEWLINE              { FieldDecl f = $3; f.name = $1; f.at = @$; add_field(c, f); }
    | name ':' field_type '=' field_default NEWLINE {
            FieldDecl f = $3; f.name = $1; f.deflt = $5; f.at = @$; add_field(c, f);
        }
    | name ':' IDENT field_type field_default_opt NEWLINE {
            FieldDecl f = $4; f.name = $1; f.deflt = $5; f.at = @$;
            f.optional = true;
            f.optional_at = @3;
            if (strcmp($3, "optional") != 0)
                diag_error(d, @3, "expected a type, found `%s %s` (a field that a roster may leave empty is written `optional %s`)",
                           $3, f.type.s, f.type.s);
            add_field(c, f);
        }
    | error NEWLINE                            { yyerrok; }
    ;

/* field -> name ':' [optional] type ['=' default] ; the default is what a
 * roster without the column gives every row (and, for `optional`, what an
 * empty cell is) */
field_default_opt
    : %empty                                   { $$ = NULL; }
    | '=' field_default                        { $$ = $2; }
    ;

field_default
    : signed_literal
    | BOOL                                     { $$ = leaf(c, E_BOOL, $1, @1); }
    | DATE                                     { $$ = leaf(c, E_DATE, $1, @1); }
    | STRING                                   { $$ = expr_new(c, E_TEXT, @1); $$->name = $1; }
    | IDENT                                    { $$ = expr_new(c, E_NAME, @1); $$->name = $1; }
    | '[' ']'                                  { $$ = expr_new(c, E_SET, @$); }
    ;

field_type
    : name                                     { $$ = (FieldDecl){.type = $1}; }
    | name signed_int TO signed_int            { $$ = (FieldDecl){.type = $1, .has_range = true, .lo = $2.n, .hi = $4.n}; }
    | YESNO                                    { $$ = (FieldDecl){.yesno = true, .type = name_at("yes/no", @1)}; }
    | LIST_OF name                             { $$ = (FieldDecl){.list = true, .type = $2}; }
    ;

signed_int
    : INTEGER
    | '-' INTEGER                              { $$ = rat_neg($2); }
    ;

peryear
    : signed_literal                           { $$ = list1(c, $1); }
    | peryear '/' signed_literal               { $$ = $1; $$.v = expr_list_push(c, $$.v, &$$.n, $3); }
    ;

signed_literal
    : literal
    | BLANK                                    { $$ = leaf(c, E_BLANK, $1, @1); }
    | '-' literal                              { $$ = $2; $$->num = rat_neg($2->num); $$->at = @$; }
    ;

literal
    : INTEGER                                  { $$ = leaf(c, E_INT, $1, @1); }
    | DECIMAL                                  { $$ = leaf(c, E_DEC, $1, @1); }
    | MONEY                                    { $$ = leaf(c, E_MONEY, $1, @1); }
    ;

cite
    : %empty                                   { $$ = NULL; }
    | CITE STRING                              { $$ = $2; }
    ;

/* schedule_start -> [clamp] ; the schedule is added here, with its clamp,
 * before its grid is read, and the rest of its header filled in after */
schedule_start
    : %empty                                   {
            ScheduleDecl s = {0};
            VEC_PUSH(&c->arena, c->schedules, s);
        }
    | IDENT                                    {
            ScheduleDecl s = {0};
            if (strcmp($1, "clamp") != 0)
                diag_error(d, @1, "expected `clamp` or the end of the line after the schedule's dimensions, found `%s`", $1);
            s.clamp = true;
            VEC_PUSH(&c->arena, c->schedules, s);
        }
    ;

/* schedule_body -> grid | year_block+ ; a year block is  "2017-18": INDENT grid DEDENT */
schedule_body
    : grid_block
    | year_blocks
    ;

grid_block
    : grid_start grid
    ;

grid_start
    : %empty                                   {
            GridDecl g = {0};
            VEC_PUSH(&c->arena, c->schedules.v[c->schedules.n - 1].blocks, g);
        }
    ;

year_blocks
    : year_block
    | year_blocks year_block
    ;

year_block
    : STRING ':' NEWLINE INDENT grid_block DEDENT {
            GridDecl *g = grid_for(c);
            g->year = $1;
            g->year_at = @1;
        }
    | error NEWLINE                            { yyerrok; }
    ;

grid
    : header_row
    | grid grid_row
    ;

header_row
    : name header_columns NEWLINE              { grid_for(c)->row_title = $1; }
    ;

header_columns
    : name                                     { VEC_PUSH(&c->arena, grid_for(c)->columns, $1); }
    | header_columns name                      { VEC_PUSH(&c->arena, grid_for(c)->columns, $2); }
    ;

grid_row
    : row_key cells NEWLINE                    {
            RowDecl r = {.key = $1, .cells = $2.v, .ncells = $2.n, .at = @$};
            VEC_PUSH(&c->arena, grid_for(c)->rows, r);
        }
    | name '=' expr NEWLINE                    {
            DerivedDecl dd = {.name = $1, .expr = $3};
            VEC_PUSH(&c->arena, grid_for(c)->derived, dd);
        }
    | error NEWLINE                            { yyerrok; }
    ;

row_key
    : INTEGER                                  { $$ = leaf(c, E_INT, $1, @1); }
    | IDENT                                    { $$ = expr_new(c, E_NAME, @1); $$->name = $1; }
    ;

cells
    : signed_literal                           { $$ = list1(c, $1); }
    | cells signed_literal                     { $$ = $1; $$.v = expr_list_push(c, $$.v, &$$.n, $2); }
    ;

table_start
    : TABLE                                    {
            TableDecl t = {0};
            VEC_PUSH(&c->arena, c->tables, t);
        }
    ;

table_rows
    : table_row
    | table_rows table_row
    ;

table_row
    : row_key peryear NEWLINE                  {
            RowDecl r = {.key = $1, .cells = $2.v, .ncells = $2.n, .at = @$};
            VEC_PUSH(&c->arena, c->tables.v[c->tables.n - 1].rows, r);
        }
    | error NEWLINE                            { yyerrok; }
    ;

policy
    : AT_MOST_ONE                              { $$ = POLICY_AT_MOST_ONE; }
    | EXACTLY_ONE                              { $$ = POLICY_EXACTLY_ONE; }
    ;

/* rule -> component rule_start [when cond] add amount [cite "..."] ;
 * rule_start -> [label] ; the rule is added here, with its label, so the
 * condition can be stored in it */
rule_start
    : %empty                                   {
            RuleDecl r = {0};
            VEC_PUSH(&c->arena, c->rules, r);
        }
    | IDENT                                    {
            RuleDecl r = {.label = name_at($1, @1)};
            VEC_PUSH(&c->arena, c->rules, r);
        }
    ;

rule_when
    : %empty
    | WHEN expr                                { c->rules.v[c->rules.n - 1].when = $2; }
    ;

output_names
    : name                                     { add_output(c, $1); }
    | output_names ',' name                    { add_output(c, $3); }
    ;

each_year_list
    : binding                                  { VEC_PUSH(&c->arena, c->each_year, $1); }
    | each_year_list ',' binding               { VEC_PUSH(&c->arena, c->each_year, $3); }
    ;

binding
    : name '=' expr                            { $$ = (Binding){.name = $1, .expr = $3}; }
    ;

example_lines
    : example_line
    | example_lines example_line
    ;

example_line
    : GIVEN givens NEWLINE
    | EXPECT expects NEWLINE
    | error NEWLINE                            { yyerrok; }
    ;

givens
    : binding                                  { VEC_PUSH(&c->arena, c->examples.v[c->examples.n - 1].given, $1); }
    | givens ',' binding                       { VEC_PUSH(&c->arena, c->examples.v[c->examples.n - 1].given, $3); }
    ;

/* `longevity = $8,400 in "2017-18"` parses as a membership test whose
 * right side is text; it is split into the value and the year here. */
expects
    : expect_item
    | expects ',' expect_item
    ;

expect_item
    : binding                                  {
            Binding b = $1;
            if (b.expr->kind == E_IN && b.expr->b->kind == E_TEXT && !b.expr->parens) {
                b.year = b.expr->b->name;
                b.year_at = b.expr->b->at;
                b.expr = b.expr->a;
            }
            VEC_PUSH(&c->arena, c->examples.v[c->examples.n - 1].expect, b);
        }
    ;

/* Expressions, loosest first. */
expr
    : IF expr THEN expr ELSE expr              { $$ = expr_new(c, E_IF, @$); $$->a = $2; $$->b = $4; $$->c = $6; }
    | IF expr THEN expr error                  { $$ = $4; }
    | or_expr
    ;

or_expr
    : or_expr OR and_expr                      { $$ = expr_binary(c, OPB_OR, $1, $3, @$); }
    | and_expr
    ;

and_expr
    : and_expr AND not_expr                    { $$ = expr_binary(c, OPB_AND, $1, $3, @$); }
    | not_expr
    ;

not_expr
    : NOT not_expr                             { $$ = expr_new(c, E_NOT, @$); $$->a = $2; }
    | cmp_expr
    ;

cmp_expr
    : add_expr
    | add_expr '=' add_expr                    { $$ = expr_binary(c, OPB_EQ, $1, $3, @$); }
    | add_expr NE add_expr                     { $$ = expr_binary(c, OPB_NE, $1, $3, @$); }
    | add_expr '<' add_expr                    { $$ = expr_binary(c, OPB_LT, $1, $3, @$); }
    | add_expr LE add_expr                     { $$ = expr_binary(c, OPB_LE, $1, $3, @$); }
    | add_expr '>' add_expr                    { $$ = expr_binary(c, OPB_GT, $1, $3, @$); }
    | add_expr GE add_expr                     { $$ = expr_binary(c, OPB_GE, $1, $3, @$); }
    | add_expr IN add_expr                     { $$ = expr_new(c, E_IN, @$); $$->a = $1; $$->b = $3; }
    | add_expr IN add_expr DOTDOT add_expr     { $$ = expr_new(c, E_IN_RANGE, @$); $$->a = $1; $$->b = $3; $$->c = $5; }
    ;

add_expr
    : add_expr '+' mul_expr                    { $$ = expr_binary(c, OPB_ADD, $1, $3, @$); }
    | add_expr '-' mul_expr                    { $$ = expr_binary(c, OPB_SUB, $1, $3, @$); }
    | mul_expr
    ;

mul_expr
    : mul_expr '*' unary                       { $$ = expr_binary(c, OPB_MUL, $1, $3, @$); }
    | mul_expr '/' unary                       { $$ = expr_binary(c, OPB_DIV, $1, $3, @$); }
    | unary
    ;

unary
    : '-' unary                                { $$ = expr_new(c, E_NEG, @$); $$->a = $2; }
    | postfix
    ;

postfix
    : primary
    | IDENT '[' expr_list ']'                  { $$ = expr_new(c, E_INDEX, @$); $$->name = $1; $$->args = $3.v; $$->nargs = $3.n; }
    | IDENT '(' args ')'                       { $$ = expr_new(c, E_CALL, @$); $$->name = $1; $$->args = $3.v; $$->nargs = $3.n; }
    | IDENT '(' expr FOR IDENT IN add_expr ')' {
            $$ = expr_new(c, E_COMPREH, @$); $$->name = $1; $$->a = $3; $$->var = $5; $$->var_at = @5; $$->b = $7;
        }
    | IDENT '(' expr FOR IDENT IN add_expr IF expr ')' {
            $$ = expr_new(c, E_COMPREH, @$); $$->name = $1; $$->a = $3; $$->var = $5; $$->var_at = @5; $$->b = $7; $$->c = $9;
        }
    | IDENT '(' error ')'                      { $$ = expr_new(c, E_ERROR, @$); }
    | IDENT '.' IDENT                          { $$ = expr_new(c, E_FIELD_OF, @$); $$->name = $1; $$->var = $3; $$->var_at = @3; }
    ;

primary
    : literal
    | BOOL                                     { $$ = leaf(c, E_BOOL, $1, @1); }
    | DATE                                     { $$ = leaf(c, E_DATE, $1, @1); }
    | BLANK                                    { $$ = leaf(c, E_BLANK, $1, @1); }
    | STRING                                   { $$ = expr_new(c, E_TEXT, @1); $$->name = $1; }
    | IDENT                                    { $$ = expr_new(c, E_NAME, @1); $$->name = $1; }
    | '(' expr ')'                             { $$ = $2; $$->parens = true; }
    | '[' expr_list ']'                        { $$ = expr_new(c, E_SET, @$); $$->args = $2.v; $$->nargs = $2.n; }
    | '(' error ')'                            { $$ = expr_new(c, E_ERROR, @$); }
    ;

args
    : %empty                                   { $$ = (ExprList){0}; }
    | expr_list
    ;

expr_list
    : expr                                     { $$ = list1(c, $1); }
    | expr_list ',' expr                       { $$ = $1; $$.v = expr_list_push(c, $$.v, &$$.n, $3); }
    ;

%%

static void yyerror(YYLTYPE *loc, void *scanner, Contract *c, Diags *d, const char *msg)
{
    (void)scanner;
    (void)c;
    /* the only other message bison gives: its stack reached YYMAXDEPTH */
    if (strcmp(msg, "memory exhausted") == 0)
        diag_error(d, *loc, "this is nested too deeply: an expression nests at most %d levels", MAX_EXPR_DEPTH);
    else
        diag_error(d, *loc, "%s", msg);
}

/* The depth of *root, walked with a stack of its own (slots of the tree,
 * each with its depth); if it is more than MAX_EXPR_DEPTH, reports the
 * first node past it and replaces *root. */
typedef struct {
    Expr ***slot;
    int *depth;
    size_t cap;
} DepthStack;

static void bound_one(Contract *c, Diags *d, Expr **root, DepthStack *st)
{
    if (!*root)
        return;
    size_t n = 0;
    st->slot[n] = root;
    st->depth[n++] = 0; /* a leaf under n operators is at level n */
    while (n > 0) {
        Expr *e = *st->slot[--n];
        int level = st->depth[n];
        if (level > MAX_EXPR_DEPTH) {
            diag_error(d, e->at, "this expression nests more than %d levels deep (each operator of a chain like a + b + c "
                       "is a level): split it into several definitions", MAX_EXPR_DEPTH);
            *root = expr_new(c, E_ERROR, (*root)->at);
            return;
        }
        if (e->nargs > MAX_LIST_ITEMS) {
            diag_error(d, e->args[MAX_LIST_ITEMS]->at, "more than %d items in one list", MAX_LIST_ITEMS);
            *root = expr_new(c, E_ERROR, (*root)->at);
            return;
        }
        if (n + (size_t)e->nargs + 3 > st->cap) {
            st->cap = 2 * (n + (size_t)e->nargs + 3);
            st->slot = xrealloc(st->slot, st->cap * sizeof *st->slot);
            st->depth = xrealloc(st->depth, st->cap * sizeof *st->depth);
        }
        Expr **kids[3] = {&e->c, &e->b, &e->a};
        for (int i = 0; i < 3; i++)
            if (*kids[i]) {
                st->slot[n] = kids[i];
                st->depth[n++] = level + 1;
            }
        for (int i = e->nargs - 1; i >= 0; i--) {
            st->slot[n] = &e->args[i];
            st->depth[n++] = level + 1;
        }
    }
}

static void bound_expression_depth(Contract *c, Diags *d)
{
    DepthStack st = {xmalloc(64 * sizeof *st.slot), xmalloc(64 * sizeof *st.depth), 64};
    for (int i = 0; i < c->defs.n; i++)
        bound_one(c, d, &c->defs.v[i].expr, &st);
    for (int i = 0; i < c->rules.n; i++) {
        bound_one(c, d, &c->rules.v[i].when, &st);
        bound_one(c, d, &c->rules.v[i].amount, &st);
    }
    for (int i = 0; i < c->schedules.n; i++)
        for (int b = 0; b < c->schedules.v[i].blocks.n; b++)
            for (int j = 0; j < c->schedules.v[i].blocks.v[b].derived.n; j++)
                bound_one(c, d, &c->schedules.v[i].blocks.v[b].derived.v[j].expr, &st);
    for (int i = 0; i < c->each_year.n; i++)
        bound_one(c, d, &c->each_year.v[i].expr, &st);
    for (int i = 0; i < c->examples.n; i++) {
        for (int j = 0; j < c->examples.v[i].given.n; j++)
            bound_one(c, d, &c->examples.v[i].given.v[j].expr, &st);
        for (int j = 0; j < c->examples.v[i].expect.n; j++)
            bound_one(c, d, &c->examples.v[i].expect.v[j].expr, &st);
    }
    free(st.slot);
    free(st.depth);
}

/* n items, the one past the limit at `at`: reported if too many */
static bool too_many(Diags *d, int n, Span at, const char *what)
{
    if (n <= MAX_LIST_ITEMS)
        return false;
    diag_error(d, at, "more than %d %s", MAX_LIST_ITEMS, what);
    return true;
}

void parse_limits(Contract *c, Diags *d)
{
    if (too_many(d, c->items.n, c->items.n > MAX_LIST_ITEMS ? c->items.v[MAX_LIST_ITEMS].at : (Span){0, 0},
                 "declarations in one contract"))
        return;
    if (c->years.n > MAX_YEARS) {
        diag_error(d, c->years.v[MAX_YEARS].at, "more than %d contract years", MAX_YEARS);
        return;
    }
    too_many(d, c->fields.n, c->fields.n > MAX_LIST_ITEMS ? c->fields.v[MAX_LIST_ITEMS].at : (Span){0, 0},
             "fields in the employee record");
    too_many(d, c->outputs.n, c->outputs.n > MAX_LIST_ITEMS ? c->outputs.v[MAX_LIST_ITEMS].at : (Span){0, 0}, "outputs");
    too_many(d, c->each_year.n, c->each_year.n > MAX_LIST_ITEMS ? c->each_year.v[MAX_LIST_ITEMS].name.at : (Span){0, 0},
             "`each year:` bindings");
    for (int i = 0; i < c->enums.n; i++)
        if (c->enums.v[i].members.n > MAX_LIST_ITEMS)
            too_many(d, c->enums.v[i].members.n, c->enums.v[i].members.v[MAX_LIST_ITEMS].name.at, "members in one enum");
    for (int i = 0; i < c->tables.n; i++)
        if (c->tables.v[i].rows.n > MAX_LIST_ITEMS)
            too_many(d, c->tables.v[i].rows.n, c->tables.v[i].rows.v[MAX_LIST_ITEMS].at, "rows in one table");
    for (int i = 0; i < c->schedules.n; i++)
        for (int b = 0; b < c->schedules.v[i].blocks.n; b++) {
            GridDecl *g = &c->schedules.v[i].blocks.v[b];
            if (g->rows.n > MAX_LIST_ITEMS)
                too_many(d, g->rows.n, g->rows.v[MAX_LIST_ITEMS].at, "rows in one schedule");
            if (g->columns.n > MAX_LIST_ITEMS)
                too_many(d, g->columns.n, g->columns.v[MAX_LIST_ITEMS].at, "columns in one schedule");
            if (g->derived.n > MAX_LIST_ITEMS)
                too_many(d, g->derived.n, g->derived.v[MAX_LIST_ITEMS].name.at, "derived columns in one schedule");
        }
    int64_t cells = 0, nyears = c->years.n ? c->years.n : 1;
    for (int i = 0; i < c->tables.n; i++)
        cells += nyears * c->tables.v[i].rows.n;
    for (int i = 0; i < c->schedules.n; i++) {
        ScheduleDecl *sd = &c->schedules.v[i];
        for (int b = 0; b < sd->blocks.n; b++) {
            GridDecl *g = &sd->blocks.v[b];
            cells += (sd->blocks.n == 1 ? nyears : 1) * (int64_t)g->rows.n * (g->columns.n + g->derived.n);
        }
        if (cells > MAX_CELLS) {
            diag_error(d, sd->name.at, "schedules and tables hold more than %d cells here (counting each year's): that is the most a contract may have",
                       MAX_CELLS);
            break;
        }
    }
    for (int i = 0; i < c->examples.n; i++) {
        ExampleDecl *ex = &c->examples.v[i];
        if (ex->given.n > MAX_LIST_ITEMS)
            too_many(d, ex->given.n, ex->given.v[MAX_LIST_ITEMS].name.at, "`given` values in one example");
        if (ex->expect.n > MAX_LIST_ITEMS)
            too_many(d, ex->expect.n, ex->expect.v[MAX_LIST_ITEMS].name.at, "`expect` values in one example");
    }
    bound_expression_depth(c, d);
}

/* "expected X, Y or Z, found W", naming tokens as a reader knows them. */
static int yyreport_syntax_error(const yypcontext_t *ctx, void *scanner, Contract *c, Diags *d)
{
    (void)c;
    enum { MAX_EXPECTED = 6 };
    yysymbol_kind_t expected[MAX_EXPECTED];
    int n = yypcontext_expected_tokens(ctx, expected, MAX_EXPECTED);
    /* a bracket the lexer closed itself was reported as never closed */
    if (lex_closed_bracket_at(scanner, yypcontext_location(ctx)->start))
        return 0;
    if (n == 1 && expected[0] == YYSYMBOL_ELSE) {
        diag_error(d, *yypcontext_location(ctx), "this `if` has no `else`: every `if` needs one, so the value is defined for everyone");
        return 0;
    }
    char buf[512];
    size_t len = 0;
    if (n > 0) {
        len += (size_t)snprintf(buf + len, sizeof buf - len, "expected ");
        for (int i = 0; i < n && len < sizeof buf; i++)
            len += (size_t)snprintf(buf + len, sizeof buf - len, "%s%s",
                                    i == 0 ? "" : i == n - 1 ? " or " : ", ", yysymbol_name(expected[i]));
        if (len < sizeof buf)
            len += (size_t)snprintf(buf + len, sizeof buf - len, ", found ");
    } else {
        len += (size_t)snprintf(buf + len, sizeof buf - len, "unexpected ");
    }
    if (len < sizeof buf)
        snprintf(buf + len, sizeof buf - len, "%s", yysymbol_name(yypcontext_token(ctx)));
    diag_error(d, *yypcontext_location(ctx), "%s", buf);
    return 0;
}

static void set_rounding(Contract *c, Diags *d, const char *a, const char *b, const char *unit, Span at)
{
    c->rounding_at = at;
    if (strcmp(a, "half") != 0 || (strcmp(b, "up") && strcmp(b, "down") && strcmp(b, "even")))
        diag_error(d, at, "rounding must be `half up`, `half down` or `half even`");
    else
        c->rounding = b[0] == 'u' ? ROUND_HALF_UP : b[0] == 'd' ? ROUND_HALF_DOWN : ROUND_HALF_EVEN;
    if (strcmp(unit, "cents") == 0)
        c->round_places = 2;
    else if (strcmp(unit, "dollars") == 0)
        c->round_places = 0;
    else
        diag_error(d, at, "rounding is `to cents` or `to dollars`");
}

static void add_field(Contract *c, FieldDecl f)
{
    if (c->in_record)
        VEC_PUSH(&c->arena, c->records.v[c->records.n - 1].fields, f);
    else
        VEC_PUSH(&c->arena, c->fields, f);
}

static void add_output(Contract *c, Name n)
{
    VEC_PUSH(&c->arena, c->outputs, n);
}

static GridDecl *grid_for(Contract *c)
{
    ScheduleDecl *s = &c->schedules.v[c->schedules.n - 1];
    return &s->blocks.v[s->blocks.n - 1];
}

/* Items in source order, for the formatter: each names its list and index. */
static void add_item(Contract *c, int kind, Span at)
{
    int index = 0;
    switch ((ItemKind)kind) {
    case ITEM_NONE: return;
    case ITEM_ENUM: index = c->enums.n - 1; break;
    case ITEM_PARAM: index = c->params.n - 1; break;
    case ITEM_SCHEDULE: index = c->schedules.n - 1; break;
    case ITEM_TABLE: index = c->tables.n - 1; break;
    case ITEM_DEF: index = c->defs.n - 1; break;
    case ITEM_POLICY: index = c->last_policy; break;
    case ITEM_RULE: index = c->rules.n - 1; break;
    case ITEM_EXAMPLE: index = c->examples.n - 1; break;
    case ITEM_RECORD: index = c->records.n - 1; break;
    /* these add to one list each time they are written: where this one ends */
    case ITEM_YEARS: index = c->years.n; break;
    case ITEM_EMPLOYEE: index = c->fields.n; break;
    case ITEM_OUTPUT: index = c->outputs.n; break;
    case ITEM_EACH_YEAR: index = c->each_year.n; break;
    default: break;
    }
    ItemRef item = {(ItemKind)kind, index, at};
    VEC_PUSH(&c->arena, c->items, item);
}

/* The keywords are the tokens declared from "contract" to "for". */
const char *grammar_keyword(int i)
{
    if (i < 0 || i > YYSYMBOL_FOR - YYSYMBOL_CONTRACT)
        return NULL;
    return yysymbol_name((yysymbol_kind_t)(YYSYMBOL_CONTRACT + i));
}
