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
/* `longevity = $8,400 in "2017-18"` parses as a membership test whose
 * right side is text; it is split into the value and the year here. */
static void push_expect(Contract *c, Binding b)
{
    if (b.expr->kind == E_IN && b.expr->b->kind == E_TEXT && !b.expr->parens) {
        b.year = b.expr->b->name;
        b.year_at = b.expr->b->at;
        b.expr = b.expr->a;
    }
    VEC_PUSH(&c->arena, c->examples.v[c->examples.n - 1].expect, b);
}
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
static YearRule *rounding_rule(Contract *c, Diags *d, const char *word, Span word_at, const char *half, const char *mode, Span mode_at);
static void add_from(Contract *c, Diags *d, EffectiveDates *to, const char *word, Span word_at, EffectiveDates dates);
static void add_row_range(Contract *c, Expr *from, Expr *to, Expr **cells, int ncells, Span at);
static void close_keyed_grid(Contract *c, const char *year, Span year_at, Name key);
static void add_numbered_member(Contract *c, Name name, const char *display, Rat number, Span at);
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
    YearRule *year_rule;
    EffectiveDates dates;
}

%token END 0 "end of file"
%token NEWLINE "end of line" INDENT "indented block" DEDENT "end of indented block"
%token CONTRACT "contract" TERM "term" YEARS "years" ROUNDING "rounding" EACH_YEAR "each year:"
%token AT_MOST_ONE "at most one" EXACTLY_ONE "exactly one" YESNO "yes/no" LIST_OF "list of"
%token ENUM "enum" EMPLOYEE "employee" PARAM "param" SCHEDULE "schedule" TABLE "table"
%token BY "by" TO "to" WHEN "when" ADD "add" CITE "cite" OUTPUT "output" EXAMPLE "example"
%token GIVEN "given" EXPECT "expect" IN "in" AND "and" OR "or" NOT "not" IF "if" THEN "then"
%token DIV "div" MOD "mod"
%token ELSE "else" FOR "for" CHECK "check" DOTDOT ".." LE "<=" GE ">=" NE "!="
%token FUNCTION "function"
%token BEFORE_FIRST "before the first year:" PAY_PERIODS "pay periods" SETTLED "settled" ONE_TIME "one-time" ROLL_UP "roll-up" BENEFIT "benefit"
%token RECORD "record"
%token <str> IDENT "name" STRING "quoted text"
%token <num> INTEGER "integer" DECIMAL "decimal number" MONEY "amount" DATE "date" BOOL "yes or no"
%token <num> BLANK "blank ($___)"
%token <num> PERCENT "percent"
%token NA "N/A"

%type <str> cite
%type <expr> field_default field_default_opt expr or_expr and_expr not_expr cmp_expr add_expr mul_expr unary postfix primary literal signed_literal row_key cell
%type <list> expr_list args peryear cells param_values
%type <expr> param_value param_term
%type <name> name header_title grid_key
%type <num> signed_int
%type <binding> binding
%type <field> field_type fn_type
%type <policy> policy item
%type <year_rule> year_rule rounded
%type <dates> effective dates

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
    | PARAM name '=' param_values effective cite NEWLINE {
            ParamDecl p = {.name = $2, .values = $4.v, .nvalues = $4.n, .values_at = @4, .cite = $6, .from = $5};
            VEC_PUSH(&c->arena, c->params, p);
            $$ = ITEM_PARAM;
        }
    | SCHEDULE name BY name ',' name grid_key schedule_start cite NEWLINE {
            ScheduleDecl *s = &c->schedules.v[c->schedules.n - 1];
            s->name = $2;
            s->row_dim = $4;
            s->col_dim = $6;
            s->key_dim = $7;
            s->cite = $9;
        } INDENT schedule_body DEDENT          { $$ = ITEM_SCHEDULE; }
    | table_start name BY name effective cite NEWLINE INDENT table_rows DEDENT {
            TableDecl *t = &c->tables.v[c->tables.n - 1];
            t->name = $2;
            t->key_dim = $4;
            t->cite = $6;
            t->from = $5;
            $$ = ITEM_TABLE;
        }
    | name '=' expr cite NEWLINE               {
            DefDecl def = {.name = $1, .expr = $3, .cite = $4};
            VEC_PUSH(&c->arena, c->defs, def);
            $$ = ITEM_DEF;
        }
    | ONE_TIME name '=' expr cite NEWLINE      {
            DefDecl def = {.name = $2, .expr = $4, .cite = $5, .one_time = true};
            VEC_PUSH(&c->arena, c->defs, def);
            $$ = ITEM_DEF;
        }
    | ROLL_UP name '=' expr cite NEWLINE       {
            DefDecl def = {.name = $2, .expr = $4, .cite = $5, .cost = COST_ROLL_UP};
            VEC_PUSH(&c->arena, c->defs, def);
            $$ = ITEM_DEF;
        }
    | BENEFIT name '=' expr cite NEWLINE       {
            DefDecl def = {.name = $2, .expr = $4, .cite = $5, .cost = COST_BENEFIT};
            VEC_PUSH(&c->arena, c->defs, def);
            $$ = ITEM_DEF;
        }
    | name ':' ONE_TIME NEWLINE                {
            ComponentDecl *comp = contract_component(c, $1);
            if (comp->one_time)
                diag_error(d, @3, "component `%s` is already marked one-time", $1.s);
            comp->one_time = true;
            $$ = ITEM_ONE_TIME;
            c->last_policy = (int)(comp - c->components.v);
        }
    | BEFORE_FIRST before_list NEWLINE         { $$ = ITEM_BEFORE_FIRST; }
    | PAY_PERIODS INTEGER NEWLINE              {
            if ($2.n < 1 || $2.n > 366)
                diag_error(d, @2, "a year has 1 to 366 pay periods, not %lld", (long long)$2.n);
            c->pay_periods = $2.n >= 1 && $2.n <= 366 ? (int)$2.n : 0;
            c->pay_periods_at = @$;
            $$ = ITEM_PAY_PERIODS;
        }
    | SETTLED DATE NEWLINE                     {
            c->has_settled = true;
            c->settled = $2.n;
            c->settled_at = @2;
            $$ = ITEM_SETTLED;
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
    | function_start name '(' fn_params ')' ':' fn_type '=' expr cite NEWLINE {
            FunctionDecl *f = &c->functions.v[c->functions.n - 1];
            f->name = $2;
            f->result = $7;
            f->body = $9;
            f->cite = $10;
            f->at = @$;
            $$ = ITEM_FUNCTION;
        }
    | function_start name '(' fn_params ')' '=' expr cite NEWLINE {
            diag_error(d, @6, "function `%s` does not say what it gives: write its type after the parameters, as in `): money =`", $2.s);
            c->functions.n--;
            $$ = ITEM_NONE;
        }
    | CHECK name STRING '=' year_rule cite NEWLINE {
            CheckDecl ck = {.target = $2, .year = $3, .year_at = @3, .rule = $5, .cite = $6, .at = @$};
            VEC_PUSH(&c->arena, c->checks, ck);
            $$ = ITEM_CHECK;
        }
    | CHECK name ':' expr cite NEWLINE         {
            CheckDecl ck = {.target = $2, .expr = $4, .cite = $5, .at = @$};
            VEC_PUSH(&c->arena, c->checks, ck);
            $$ = ITEM_CHECK;
        }
    | error NEWLINE                            { yyerrok; $$ = ITEM_NONE; }
    | INDENT error DEDENT                      { yyerrok; $$ = ITEM_NONE; }
    ;

/* function_start -> FUNCTION ; the function is added here, so its
 * parameters can be stored in it as they are read */
function_start
    : FUNCTION                                 {
            FunctionDecl f = {0};
            VEC_PUSH(&c->arena, c->functions, f);
        }
    ;

/* fn_params -> [name ':' fn_type {',' name ':' fn_type}] */
fn_params
    : %empty
    | fn_param_list
    ;

fn_param_list
    : fn_param
    | fn_param_list ',' fn_param
    ;

fn_param
    : name ':' fn_type                         {
            FieldDecl p = $3;
            p.name = $1;
            p.at = @$;
            VEC_PUSH(&c->arena, c->functions.v[c->functions.n - 1].params, p);
        }
    ;

/* a parameter's or a result's type: as a field's, without a range */
fn_type
    : name                                     { $$ = (FieldDecl){.type = $1, .at = @1}; }
    | YESNO                                    { $$ = (FieldDecl){.yesno = true, .type = name_at("yes/no", @1), .at = @1}; }
    | LIST_OF name                             { $$ = (FieldDecl){.list = true, .type = $2, .at = @$}; }
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
    | name '=' signed_int                      { add_numbered_member(c, $1, NULL, $3, @3); }
    | name STRING '=' signed_int               { add_numbered_member(c, $1, $2, $4, @4); }
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

/* param_values -> param_value ('/' param_value)* ; a param's value, one
 * per contract year or one for all: `/` at the top separates the years,
 * so a division inside a param is written in parentheses. */
param_values
    : param_value                              { $$ = list1(c, $1); }
    | param_values '/' param_value             { $$ = $1; $$.v = expr_list_push(c, $$.v, &$$.n, $3); }
    ;

/* param_value -> param_term (('+' | '-') param_term)* ; -$5 and -3% are
 * literals, as in a table */
param_value
    : param_term                               {
            $$ = $1;
            if ($$->kind == E_NEG && !$$->parens && ($$->a->kind == E_INT || $$->a->kind == E_DEC || $$->a->kind == E_MONEY) && !$$->a->parens) {
                Span at = $$->at;
                $$ = $$->a;
                $$->num = rat_neg($$->num);
                $$->at = at;
            }
        }
    | param_value '+' param_term               { $$ = expr_binary(c, OPB_ADD, $1, $3, @$); }
    | param_value '-' param_term               { $$ = expr_binary(c, OPB_SUB, $1, $3, @$); }
    ;

param_term
    : unary
    | param_term '*' unary                     { $$ = expr_binary(c, OPB_MUL, $1, $3, @$); }
    | param_term DIV unary                     { $$ = expr_binary(c, OPB_IDIV, $1, $3, @$); }
    | param_term MOD unary                     { $$ = expr_binary(c, OPB_MOD, $1, $3, @$); }
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
    | PERCENT                                  { $$ = leaf(c, E_DEC, $1, @1); $$->percent = true; }
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
            c->grid_open = false;
        }
    | IDENT                                    {
            ScheduleDecl s = {0};
            c->grid_open = false;
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

/* the block is added by grid_for when its header is read, so a block's
 * first line may be a grid's header or a third key's `ten_month:` */
grid_block
    : grid
    ;

/* grid_key -> [, name] ; the field or enum whose member picks a grid */
grid_key
    : %empty                                   { $$ = (Name){0}; }
    | ',' name                                 { $$ = $2; }
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
            c->grid_open = false;
        }
    | IDENT STRING ':' NEWLINE INDENT grid_block DEDENT {
            GridDecl *g = grid_for(c);
            g->year = $2;
            g->year_at = @2;
            g->base = true;
            c->grid_open = false;
            if (strcmp($1, "base") != 0)
                diag_error(d, @1, "expected a year, or `base` before a block that is no contract year, found `%s`", $1);
        }
    | IDENT STRING name ':' NEWLINE INDENT grid_block DEDENT {
            grid_for(c)->base = true; /* base "2023-24" ten_month: one grid of a base block */
            close_keyed_grid(c, $2, @2, $3);
            if (strcmp($1, "base") != 0)
                diag_error(d, @1, "expected a year, or `base` before a block that is no contract year, found `%s`", $1);
        }
    | derived_year                             { c->grid_open = false; }
    | derived_year INDENT derived_columns DEDENT { c->grid_open = false; }
    | STRING IDENT dates ':' NEWLINE INDENT grid_block DEDENT {
            GridDecl *g = grid_for(c);
            g->year = $1;
            g->year_at = @1;
            c->grid_open = false;
            add_from(c, d, &g->from, $2, @2, $3);
        }
    | STRING name ':' NEWLINE INDENT grid_block DEDENT { close_keyed_grid(c, $1, @1, $2); }
    | name ':' NEWLINE INDENT grid_block DEDENT { close_keyed_grid(c, NULL, (Span){0, 0}, $1); }
    | error NEWLINE                            { yyerrok; c->grid_open = false; }
    ;

/* derived_year -> "2025-26" = year_rule ; its derived columns, if any,
 * are indented below it */
derived_year
    : STRING '=' year_rule NEWLINE             {
            GridDecl g = {.year = $1, .year_at = @1, .rule = $3};
            VEC_PUSH(&c->arena, c->schedules.v[c->schedules.n - 1].blocks, g);
            c->grid_open = true; /* its derived columns, if any, are indented below */
        }
    ;

derived_columns
    : derived_column
    | derived_columns derived_column
    ;

derived_column
    : name '=' expr NEWLINE                    {
            DerivedDecl dd = {.name = $1, .expr = $3};
            VEC_PUSH(&c->arena, grid_for(c)->derived, dd);
        }
    | error NEWLINE                            { yyerrok; }
    ;

/* year_rule -> "2024-25" [unrounded] * rate [rounded [half MODE] to UNIT] */
year_rule
    : STRING '*' mul_expr rounded              { $$ = $4; $$->from = $1; $$->from_at = @1; $$->rate = $3; $$->at = @$; }
    | STRING IDENT '*' mul_expr rounded        {
            $$ = $5; $$->from = $1; $$->from_at = @1; $$->unrounded = true; $$->rate = $4; $$->at = @$;
            if (strcmp($2, "unrounded") != 0)
                diag_error(d, @2, "expected `*` or `unrounded` after the year, found `%s`", $2);
        }
    ;

rounded
    : %empty                                   { $$ = arena_alloc(&c->arena, sizeof *$$); }
    | IDENT TO round_unit                      { $$ = rounding_rule(c, d, $1, @1, NULL, NULL, (Span){0, 0}); }
    | IDENT IDENT IDENT TO round_unit          { $$ = rounding_rule(c, d, $1, @1, $2, $3, (Span){@2.start, @3.end}); }
    ;

/* the unit is kept where the rule is made: the last expression parsed */
round_unit
    : IDENT                                    { c->last_unit = expr_new(c, E_NAME, @1); c->last_unit->name = $1; }
    | literal                                  { c->last_unit = $1; }
    ;

grid
    : header_row
    | grid grid_row
    ;

header_row
    : header_title header_columns NEWLINE      { grid_for(c)->row_title = $1; }
    ;

/* the block is opened at its first word, before its columns are read (not
 * before it: a schedule's body may also start with `base` or a third key's
 * member) */
header_title
    : IDENT                                    {
            grid_for(c);
            $$ = name_at($1, @1);
        }
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
    | INTEGER DOTDOT INTEGER cells NEWLINE     { add_row_range(c, leaf(c, E_INT, $1, @1), leaf(c, E_INT, $3, @3), $4.v, $4.n, @$); }
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
    : cell                                     { $$ = list1(c, $1); }
    | cells cell                               { $$ = $1; $$.v = expr_list_push(c, $$.v, &$$.n, $2); }
    ;

/* cell -> signed_literal | N/A ; N/A: no one may be placed there */
cell
    : signed_literal
    | NA                                       { $$ = expr_new(c, E_NA, @1); }
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

/* effective -> [from DATE, DATE...] : when a new value takes effect inside a year */
effective
    : %empty                                   { $$ = (EffectiveDates){0}; }
    | IDENT dates                              { $$ = (EffectiveDates){0}; add_from(c, d, &$$, $1, @1, $2); }
    ;

dates
    : DATE                                     {
            $$ = (EffectiveDates){0};
            EffectiveDate e = {$1.n, @1};
            VEC_PUSH(&c->arena, $$, e);
        }
    | dates ',' DATE                           {
            $$ = $1;
            EffectiveDate e = {$3.n, @3};
            VEC_PUSH(&c->arena, $$, e);
        }
    ;

before_list
    : binding                                  { VEC_PUSH(&c->arena, c->before_first, $1); }
    | before_list ',' binding                  { VEC_PUSH(&c->arena, c->before_first, $3); }
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

expects
    : expect_item
    | expects ',' expect_item
    ;

expect_item
    : binding                                  { push_expect(c, $1); }
    | IDENT '(' args ')' '=' expr              {
            /* expect half_hours(90) = $60: the call, named by its text */
            Expr *call = expr_new(c, E_CALL, (Span){@1.start, @4.end});
            call->name = $1;
            call->args = $3.v;
            call->nargs = $3.n;
            const char *text = arena_strndup(&c->arena, d->src + @1.start, @4.end - @1.start);
            push_expect(c, (Binding){.name = name_at(text, call->at), .call = call, .expr = $6});
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
    | mul_expr DIV unary                       { $$ = expr_binary(c, OPB_IDIV, $1, $3, @$); }
    | mul_expr MOD unary                       { $$ = expr_binary(c, OPB_MOD, $1, $3, @$); }
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
    | '[' ']'                                  { $$ = expr_new(c, E_SET, @$); } /* the empty list: typed where it stands */
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
    for (int i = 0; i < c->functions.n; i++)
        bound_one(c, d, &c->functions.v[i].body, &st);
    for (int i = 0; i < c->examples.n; i++) {
        for (int j = 0; j < c->examples.v[i].given.n; j++)
            bound_one(c, d, &c->examples.v[i].given.v[j].expr, &st);
        for (int j = 0; j < c->examples.v[i].expect.n; j++)
            bound_one(c, d, &c->examples.v[i].expect.v[j].expr, &st);
    }
    free(st.slot);
    free(st.depth);
}

/* The rows a schedule block prints, a range 12..15 counted as four (at
 * most MAX_CELLS + 1 for each, so the sum cannot overflow). */
static int64_t printed_rows(const GridDecl *g)
{
    int64_t n = 0;
    for (int r = 0; r < g->rows.n; r++) {
        const RowDecl *row = &g->rows.v[r];
        int64_t span = row->key_to ? row->key_to->num.n - row->key->num.n + 1 : 1;
        n += span < 1 ? 1 : span > MAX_CELLS ? MAX_CELLS + 1 : span;
    }
    return n;
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
    for (int i = 0; i < c->functions.n; i++)
        if (c->functions.v[i].params.n > MAX_LIST_ITEMS)
            too_many(d, c->functions.v[i].params.n, c->functions.v[i].params.v[MAX_LIST_ITEMS].at, "parameters in one function");
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
        int64_t printed = 0; /* a derived year has as many cells as the printed blocks */
        for (int b = 0; b < sd->blocks.n; b++) {
            GridDecl *g = &sd->blocks.v[b];
            int64_t n = printed_rows(g) * (g->columns.n + g->derived.n);
            printed = n > printed ? n : printed;
            cells += (sd->blocks.n == 1 ? nyears : 1) * n;
        }
        for (int b = 0; b < sd->blocks.n; b++)
            cells += sd->blocks.v[b].rule ? printed : 0;
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
    yysymbol_kind_t expected[MAX_EXPECTED + 1];
    int n = yypcontext_expected_tokens(ctx, expected, MAX_EXPECTED + 1);
    /* `name: one-time` is named only where nothing else would do */
    for (int i = 0; n > 1 && i < n; i++)
        if (expected[i] == YYSYMBOL_ONE_TIME) {
            memmove(&expected[i], &expected[i + 1], sizeof expected[0] * (size_t)(n - i - 1));
            n--;
        }
    if (n > MAX_EXPECTED)
        n = 0;
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

/* rounded [half MODE] to UNIT, the unit just parsed (c->last_unit) */
static YearRule *rounding_rule(Contract *c, Diags *d, const char *word, Span word_at, const char *half, const char *mode, Span mode_at)
{
    YearRule *r = arena_alloc(&c->arena, sizeof *r);
    r->rounded = true;
    r->unit = c->last_unit;
    if (strcmp(word, "rounded") != 0)
        diag_error(d, word_at, "expected `rounded` after the rate, found `%s`", word);
    if (half) {
        r->has_mode = true;
        r->mode_at = mode_at;
        if (strcmp(half, "half") != 0 || (strcmp(mode, "up") && strcmp(mode, "down") && strcmp(mode, "even")))
            diag_error(d, mode_at, "a derived year is rounded `half up`, `half down` or `half even`");
        else
            r->mode = mode[0] == 'u' ? ROUND_HALF_UP : mode[0] == 'd' ? ROUND_HALF_DOWN : ROUND_HALF_EVEN;
    }
    return r;
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

/* The block being read: a new one at its first line. */
static GridDecl *grid_for(Contract *c)
{
    ScheduleDecl *s = &c->schedules.v[c->schedules.n - 1];
    if (!c->grid_open) {
        GridDecl g = {0};
        VEC_PUSH(&c->arena, s->blocks, g);
        c->grid_open = true;
    }
    return &s->blocks.v[s->blocks.n - 1];
}

/* `from DATE, ...` after a param's values, a table's dimension or a
 * schedule's year: the word must be `from`. */
static void add_from(Contract *c, Diags *d, EffectiveDates *to, const char *word, Span word_at, EffectiveDates dates)
{
    (void)c;
    if (strcmp(word, "from") != 0) {
        diag_error(d, word_at, "expected `from` and the date a value takes effect, found `%s`", word);
        return;
    }
    *to = dates;
}

/* A block picked by the third key's member (and its year, if year) */
static void close_keyed_grid(Contract *c, const char *year, Span year_at, Name key)
{
    GridDecl *g = grid_for(c);
    g->year = year;
    g->year_at = year_at;
    g->key = key;
    c->grid_open = false;
}

/* A schedule row shared by the steps from..to: 12..15 $61,000 $64,000 */
static void add_row_range(Contract *c, Expr *from, Expr *to, Expr **cells, int ncells, Span at)
{
    RowDecl r = {.key = from, .key_to = to, .cells = cells, .ncells = ncells, .at = at};
    VEC_PUSH(&c->arena, grid_for(c)->rows, r);
}

/* A member that says which number it stands for (A = 0); the members
 * after it count on from there. */
static void add_numbered_member(Contract *c, Name name, const char *display, Rat number, Span at)
{
    MemberDecl m = {.name = name, .display = display, .has_number = true, .number = number.n, .number_at = at};
    VEC_PUSH(&c->arena, c->enums.v[c->enums.n - 1].members, m);
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
    case ITEM_FUNCTION: index = c->functions.n - 1; break;
    case ITEM_CHECK: index = c->checks.n - 1; break;
    case ITEM_RECORD: index = c->records.n - 1; break;
    /* these add to one list each time they are written: where this one ends */
    case ITEM_YEARS: index = c->years.n; break;
    case ITEM_EMPLOYEE: index = c->fields.n; break;
    case ITEM_OUTPUT: index = c->outputs.n; break;
    case ITEM_EACH_YEAR: index = c->each_year.n; break;
    case ITEM_ONE_TIME: index = c->last_policy; break;
    case ITEM_BEFORE_FIRST: index = c->before_first.n; break;
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
