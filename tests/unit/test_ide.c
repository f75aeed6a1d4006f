/* engine/ide.c: what an editor asks of a contract being written. */
#include "support.h"

#include "ide.h"

static const char contract[] =
    "years \"2024-25\", \"2025-26\"\n"
    "enum Lane: BA, MA\n"
    "employee:\n"
    "  lane: Lane\n"
    "  step: integer 1 to 2   # steps on the schedule\n"
    "param bonus = $100 / $110  cite \"Art. 1 §2\"\n"
    "schedule salary by step, lane  cite \"App. A\"\n"
    "  step  BA       MA\n"
    "  1     $40,000  $42,000\n"
    "  2     $41,000  $43,000\n"
    "base = salary[step, lane]  cite \"Art. 2\"\n"
    "pay: at most one\n"
    "pay senior when step >= 2 add bonus  cite \"Art. 3\"\n"
    "total = base + pay\n"
    "output total\n"
    "example \"A senior on the MA lane\":\n"
    "  given lane = MA, step = 2\n"
    "  expect total = $43,100 in \"2024-25\"\n";

static IdeDoc *open_text(const char *text)
{
    return ide_open("t.terms", text, strlen(text));
}

/* Where the nth (from 0) `word` starts in text. */
static uint32_t at(const char *text, const char *word, int nth)
{
    const char *p = strstr(text, word);
    while (p && nth-- > 0)
        p = strstr(p + 1, word);
    if (!p)
        fail_msg("no %s in the text", word);
    return (uint32_t)(p - text);
}

static void assert_position(const IdeDoc *doc, uint32_t offset, int line, int character)
{
    int l, c;
    ide_position(doc, offset, &l, &c);
    if (l != line || c != character)
        fail_msg("offset %u: expected %d:%d, got %d:%d", offset, line, character, l, c);
}

static void test_positions_count_utf16(void **state)
{
    (void)state;
    /* § is 2 bytes and 1 unit, 😀 4 bytes and 2 units, € 3 bytes and 1 unit */
    const char *text = "a§b\r\nc😀d\n€";
    IdeDoc *doc = open_text(text);
    assert_position(doc, 3, 0, 2);   /* b */
    assert_position(doc, 4, 0, 3);   /* \r: the end of the line */
    assert_position(doc, 6, 1, 0);   /* c */
    assert_position(doc, 11, 1, 3);  /* d */
    assert_position(doc, 13, 2, 0);  /* € */
    assert_position(doc, 16, 2, 1);  /* the end */
    assert_position(doc, 99, 2, 1);  /* past it */
    assert_int_equal(ide_offset(doc, 1, 3), 11);
    assert_int_equal(ide_offset(doc, 1, 2), 7);   /* inside 😀: before it */
    assert_int_equal(ide_offset(doc, 0, 99), 4);  /* past the line's end */
    assert_int_equal(ide_offset(doc, 9, 0), 16);  /* past the last line */
    assert_int_equal(ide_offset(doc, -1, 0), 0);
    for (int line = -1; line < 5; line++)
        for (int ch = -1; ch < 6; ch++)
            assert_int_equal(ide_text_offset(text, strlen(text), line, ch), ide_offset(doc, line, ch));
    ide_close(doc);
    /* a byte that is not UTF-8 is one character, as an editor shows it
     * (U+FFFD): a stray continuation byte, a sequence cut short */
    text = "a\x80" "b\xf0\x9f";
    doc = open_text(text);
    for (uint32_t i = 0; i <= 5; i++) {
        assert_position(doc, i, 0, (int)i);
        assert_int_equal(ide_offset(doc, 0, (int)i), i);
    }
    ide_close(doc);
}

static void test_diagnostics_keep_notes_with_their_error(void **state)
{
    (void)state;
    const char *text = "enum Lane: BA, MA\nemployee:\n  years: integer\n"
                       "pay: at most one\npay a when years >= 1 add $1\npay b when years >= 5 add $2\noutput pay\n";
    IdeDoc *doc = open_text(text);
    const IdeDiag *d;
    int n = ide_diagnostics(doc, &d);
    assert_int_equal(n, 2);
    assert_int_equal(d[0].kind, DIAG_ERROR);
    assert_string_equal(d[0].message, "rules `pay a` and `pay b` can both apply, but `pay` allows at most one");
    assert_int_equal(d[0].at.start, at(text, "pay b", 0));
    assert_int_equal(d[1].kind, DIAG_NOTE);
    assert_int_equal(d[1].parent, 0);
    assert_string_equal(d[1].message, "for example, an employee with years = 5");
    ide_close(doc);
}

static void test_syntax_errors_alone_while_typing(void **state)
{
    (void)state;
    /* the checker would say `totl` is unknown: while a line does not
     * parse, only syntax errors are shown, as `terms check` shows them */
    char text[2048];
    snprintf(text, sizeof text, "%sx = totl +\n", contract);
    IdeDoc *doc = open_text(text);
    const IdeDiag *d;
    assert_int_equal(ide_diagnostics(doc, &d), 1);
    assert_int_equal(ide_syntax_errors(doc), 1);
    assert_int_equal(d[0].kind, DIAG_ERROR);
    /* the rest is still understood */
    Span s;
    assert_true(ide_definition(doc, at(text, "base", 1), &s));
    assert_int_equal(s.start, at(text, "base", 0));
    ide_close(doc);
}

static void assert_refs(const IdeDoc *doc, const char *text, const char *word, int nth, bool declaration, const uint32_t *want, int n)
{
    Arena a = {0};
    Span *spans;
    int got = ide_references(doc, at(text, word, nth), declaration, &spans, &a);
    if (got != n)
        fail_msg("%s: %d references, expected %d", word, got, n);
    for (int i = 0; i < n; i++) {
        assert_int_equal(spans[i].start, want[i]);
        assert_int_equal(spans[i].end, want[i] + strcspn(word, " \n,[:"));
    }
    arena_free(&a);
}

static void test_definitions_and_references(void **state)
{
    (void)state;
    const char *t = contract;
    IdeDoc *doc = open_text(t);
    Span s;
    IdeRef r;
    assert_true(ide_name_at(doc, at(t, "MA\n", 1) + 1, &r, &s));
    assert_int_equal(r.kind, IDE_MEMBER);
    assert_true(ide_definition(doc, at(t, "MA\n", 1), &s)); /* in the schedule's header */
    assert_int_equal(s.start, at(t, "MA", 0));
    assert_true(ide_definition(doc, at(t, "pay", 2) + 3, &s)); /* just after the word */
    assert_int_equal(s.start, at(t, "pay", 0));
    assert_false(ide_definition(doc, at(t, "salary[", 0) - 2, &s)); /* the `=` */
    ide_close(doc);
    doc = open_text("employee:\n  fte: decimal\nx = round(fte)\noutput x\n");
    assert_true(ide_name_at(doc, 30, &r, &s)); /* round: a built-in, declared nowhere */
    assert_int_equal(r.kind, IDE_BUILTIN);
    assert_false(ide_definition(doc, 30, &s));
    ide_close(doc);
    doc = open_text(t);
    uint32_t ma[] = {at(t, "MA\n", 0), at(t, "MA\n", 1), at(t, "MA,", 0)};
    assert_refs(doc, t, "MA\n", 0, true, ma, 3);
    uint32_t step[] = {at(t, "step:", 0), at(t, "step,", 0), at(t, "step  BA", 0), at(t, "step,", 1), at(t, "step >=", 0),
                       at(t, "step = 2", 0)};
    assert_refs(doc, t, "step >=", 0, true, step, 6);
    uint32_t salary[] = {at(t, "salary[", 0)};
    assert_refs(doc, t, "salary[", 0, false, salary, 1);
    uint32_t total[] = {at(t, "total =", 0), at(t, "total\n", 0), at(t, "total =", 1)};
    assert_refs(doc, t, "total\n", 0, true, total, 3);
    ide_close(doc);
}

static void assert_hover(IdeDoc *doc, uint32_t offset, const char *want)
{
    Arena a = {0};
    Span s;
    const char *got = ide_hover(doc, offset, &s, &a);
    if (!got || strcmp(got, want))
        fail_msg("hover: expected\n%s\ngot\n%s", want, got ? got : "(none)");
    arena_free(&a);
}

static void test_hover_says_kind_type_text_cite_and_value(void **state)
{
    (void)state;
    const char *t = contract;
    IdeDoc *doc = open_text(t);
    assert_hover(doc, at(t, "total\n", 0),
                 "**definition** `total`: money\n\n```terms\ntotal = base + pay\n```\n\n"
                 "In example \"A senior on the MA lane\" (line 16): $43,100.00 in \"2024-25\", $43,110.00 in \"2025-26\"\n");
    assert_hover(doc, at(t, "bonus", 1),
                 "**param** `bonus`: money\n\n```terms\nparam bonus = $100 / $110  cite \"Art. 1 §2\"\n```\n\nCites Art. 1 §2\n\n"
                 "In example \"A senior on the MA lane\" (line 16): $100.00 in \"2024-25\", $110.00 in \"2025-26\"\n");
    assert_hover(doc, at(t, "step >=", 0),
                 "**field** `step`: integer\n\n```terms\nstep: integer 1 to 2   # steps on the schedule\n```\n\n"
                 "In example \"A senior on the MA lane\" (line 16): 2\n");
    assert_hover(doc, at(t, "pay\n", 0),
                 "**component** `pay`, 1 rule, at most one applies: money\n\n```terms\npay: at most one\n"
                 "pay senior when step >= 2 add bonus  cite \"Art. 3\"\n```\n\nCites Art. 3\n\n"
                 "In example \"A senior on the MA lane\" (line 16): $100.00 in \"2024-25\", $110.00 in \"2025-26\"\n");
    assert_hover(doc, at(t, "senior", 0),
                 "**rule** `pay senior`\n\n```terms\npay senior when step >= 2 add bonus  cite \"Art. 3\"\n```\n\nCites Art. 3\n\n"
                 "In example \"A senior on the MA lane\" (line 16): applies\n");
    assert_hover(doc, at(t, "MA,", 0), "**member** `MA` of `Lane`\n\n```terms\nenum Lane: BA, MA\n```\n");
    assert_hover(doc, at(t, "salary[", 0),
                 "**schedule** `salary` by step, lane: money\n\n```terms\nschedule salary by step, lane  cite \"App. A\"\n...\n```\n\n"
                 "Cites App. A\n");
    ide_close(doc);
}

/* A value computed from a definition the example gives, which the contract
 * folds (k = 2 * 3): the example's 10, not the folded 6. */
static void test_hover_value_from_a_given_folded_definition(void **state)
{
    (void)state;
    const char *t = "employee:\n"
                    "  id: text\n"
                    "k = 2 * 3\n"
                    "pay = k * $1\n"
                    "output id, pay\n"
                    "example \"k given\":\n"
                    "  given k = 10\n"
                    "  expect pay = $10\n";
    IdeDoc *doc = open_text(t);
    assert_hover(doc, at(t, "pay =", 0),
                 "**definition** `pay`: money\n\n```terms\npay = k * $1\n```\n\n"
                 "In example \"k given\" (line 6): $10.00\n");
    ide_close(doc);
}

static void test_outline(void **state)
{
    (void)state;
    const char *t = contract;
    IdeDoc *doc = open_text(t);
    Arena a = {0};
    IdeSymbol *s;
    int n = ide_outline(doc, &s, &a);
    const char *names[] = {"Lane", "employee", "bonus", "salary", "base", "pay", "total", "A senior on the MA lane"};
    IdeKind kinds[] = {IDE_ENUM, IDE_EMPLOYEE, IDE_PARAM, IDE_SCHEDULE, IDE_DEFINITION, IDE_COMPONENT, IDE_DEFINITION, IDE_EXAMPLE};
    assert_int_equal(n, 8);
    for (int i = 0; i < n; i++) {
        assert_string_equal(s[i].name, names[i]);
        assert_int_equal(s[i].kind, kinds[i]);
        assert_true(s[i].at.start <= s[i].name_at.start && s[i].name_at.end <= s[i].at.end);
    }
    assert_int_equal(s[1].nchildren, 2);
    assert_string_equal(s[1].children[1].name, "step");
    assert_string_equal(s[1].children[1].detail, "integer");
    assert_string_equal(s[5].detail, "money, at most one");
    assert_int_equal(s[5].nchildren, 1);
    assert_string_equal(s[5].children[0].name, "pay senior");
    assert_string_equal(s[5].children[0].detail, "Art. 3");
    /* the schedule's block is inside it, not the next line */
    assert_int_equal(s[3].at.end, at(t, "$43,000", 0) + strlen("$43,000"));
    ide_close(doc);
    arena_free(&a);
}

/* A function: in the outline with its signature, hover on a call, go to
 * its declaration from a call, and a parameter's uses in the body are the
 * parameter's, not the field's of the same name. */
static void test_functions(void **state)
{
    (void)state;
    const char *t = "employee:\n"
                    "  minutes: integer\n"
                    "param rate = $40\n"
                    "function half_hour_pay(minutes: integer, rate_: money): money =\n"
                    "    rate_ * floor(minutes / 30) / 2  cite \"Art. V §4\"\n"
                    "pay = half_hour_pay(minutes, rate)\n"
                    "output pay\n";
    IdeDoc *doc = open_text(t);
    Arena a = {0};
    IdeSymbol *s;
    int n = ide_outline(doc, &s, &a);
    assert_int_equal(n, 4); /* employee, rate, half_hour_pay, pay */
    assert_string_equal(s[2].name, "half_hour_pay");
    assert_int_equal(s[2].kind, IDE_FUNCTION);
    assert_string_equal(s[2].detail, "(minutes: integer, rate_: money): money");
    Span d;
    assert_true(ide_definition(doc, at(t, "half_hour_pay(minutes, rate)", 0) + 2, &d));
    assert_int_equal(d.start, at(t, "half_hour_pay", 0));
    assert_true(ide_definition(doc, at(t, "minutes / 30", 0), &d));
    assert_int_equal(d.start, at(t, "minutes: integer,", 0));
    assert_true(ide_definition(doc, at(t, "minutes, rate)", 0), &d));
    assert_int_equal(d.start, at(t, "minutes: integer\n", 0));
    assert_hover(doc, at(t, "half_hour_pay(minutes, rate)", 0),
                 "**function** `half_hour_pay`, 2 parameters: money\n\n```terms\n"
                 "function half_hour_pay(minutes: integer, rate_: money): money =\n"
                 "    rate_ * floor(minutes / 30) / 2  cite \"Art. V §4\"\n```\n\nCites Art. V §4\n");
    assert_hover(doc, at(t, "rate_ *", 0), "**parameter** `rate_` of `half_hour_pay`: money\n");
    ide_close(doc);
    arena_free(&a);
}

static void test_completion(void **state)
{
    (void)state;
    char text[2048];
    snprintf(text, sizeof text, "%sx = ba", contract);
    IdeDoc *doc = open_text(text);
    Arena a = {0};
    IdeCompletion *c;
    int n = ide_completions(doc, (uint32_t)strlen(text), &c, &a);
    assert_int_equal(n, 2);
    assert_string_equal(c[0].label, "base");
    assert_string_equal(c[0].detail, "money");
    assert_string_equal(c[1].label, "BA");
    assert_int_equal(c[1].kind, IDE_MEMBER);
    ide_close(doc);
    snprintf(text, sizeof text, "%sEx", contract);
    doc = open_text(text);
    n = ide_completions(doc, (uint32_t)strlen(text), &c, &a);
    assert_int_equal(n, 3);
    assert_string_equal(c[0].label, "exactly one");
    assert_string_equal(c[1].label, "example");
    assert_string_equal(c[2].label, "expect");
    assert_int_equal(c[2].kind, IDE_KEYWORD);
    ide_close(doc);
    /* where a member of an enum is wanted, its members come first */
    snprintf(text, sizeof text, "%sx = lane in [BA, ", contract);
    doc = open_text(text);
    n = ide_completions(doc, (uint32_t)strlen(text), &c, &a);
    assert_true(n > 2);
    assert_string_equal(c[0].label, "BA");
    assert_string_equal(c[1].label, "MA");
    assert_string_equal(c[2].label, "lane");
    ide_close(doc);
    snprintf(text, sizeof text, "%sx = if step = ", contract);
    doc = open_text(text);
    ide_completions(doc, (uint32_t)strlen(text), &c, &a);
    assert_string_equal(c[0].label, "lane");
    /* none in a comment or a text */
    assert_int_equal(ide_completions(doc, at(text, "schedule\n", 0) + 3, &c, &a), 0);
    assert_int_equal(ide_completions(doc, at(text, "2024", 0) + 2, &c, &a), 0);
    /* the grammar's keywords and the built-ins */
    n = ide_completions(doc, 0, &c, &a);
    bool keyword = false, builtin = false;
    for (int i = 0; i < n; i++) {
        keyword |= !strcmp(c[i].label, "at most one") && c[i].kind == IDE_KEYWORD;
        builtin |= !strcmp(c[i].label, "prorate") && c[i].kind == IDE_BUILTIN;
    }
    assert_true(keyword && builtin);
    ide_close(doc);
    arena_free(&a);
}

static char *applied(const IdeDoc *doc, const IdeFix *fix)
{
    size_t len;
    const char *text = ide_text(doc, &len);
    size_t n = strlen(fix->text);
    char *out = malloc(len + n + 1);
    memcpy(out, text, fix->at.start);
    memcpy(out + fix->at.start, fix->text, n);
    memcpy(out + fix->at.start + n, text + fix->at.end, len - fix->at.end);
    out[len - (fix->at.end - fix->at.start) + n] = '\0';
    return out;
}

static void test_fix_did_you_mean(void **state)
{
    (void)state;
    char text[2048];
    snprintf(text, sizeof text, "%s", contract);
    memcpy(strstr(text, "base + pay"), "bsae", 4);
    IdeDoc *doc = open_text(text);
    Arena a = {0};
    IdeFix *f;
    uint32_t typo = at(text, "bsae", 0);
    assert_int_equal(ide_fixes(doc, (Span){0, 0}, &f, &a), 0); /* nothing there */
    assert_int_equal(ide_fixes(doc, (Span){typo + 2, typo + 2}, &f, &a), 1);
    assert_string_equal(f[0].title, "Change `bsae` to `base`");
    assert_true(f[0].preferred);
    char *fixed = applied(doc, &f[0]);
    assert_string_equal(fixed, contract);
    free(fixed);
    ide_close(doc);
    arena_free(&a);
}

static void test_fix_example_from_witness(void **state)
{
    (void)state;
    const char *text = "enum Pos: band, debate\nemployee:\n  years: integer\n  lead: yes/no\n  jobs: list of Pos\n"
                       "pay: at most one\npay a when years >= 1 and band in jobs add $1\n"
                       "pay b when years >= 5 and lead and debate in jobs add $2\noutput pay";
    IdeDoc *doc = open_text(text);
    Arena a = {0};
    IdeFix *f;
    const IdeDiag *d;
    ide_diagnostics(doc, &d);
    assert_string_equal(d[1].message, "for example, an employee with years = 5, jobs includes band, lead = yes, jobs includes debate");
    assert_int_equal(ide_fixes(doc, d[0].at, &f, &a), 1);
    assert_string_equal(f[0].title, "Add an example for an employee with years = 5, jobs includes band, lead = yes, jobs includes debate");
    assert_string_equal(f[0].text, "\n\nexample \"pay for an employee with years = 5, jobs includes band, lead = yes, jobs includes debate\":\n"
                                   "  # rules `pay a` and `pay b` can both apply, but `pay` allows at most one\n"
                                   "  given years = 5, jobs = [band, debate], lead = yes\n"
                                   "  expect pay = $0  # the amount the parties intend\n");
    /* the block checks, and its example runs the witness's employee */
    char *with = applied(doc, &f[0]);
    IdeDoc *after = open_text(with);
    assert_int_equal(ide_syntax_errors(after), 0);
    assert_int_equal(ide_diagnostics(after, &d), 2);
    ide_close(after);
    free(with);
    ide_close(doc);
    arena_free(&a);
}

static void test_format_as_terms_fmt(void **state)
{
    (void)state;
    const char *text = "employee:\n  years: integer\nx   =   years+1\noutput x\n";
    IdeDoc *doc = open_text(text);
    size_t n;
    char *got = ide_format(doc, &n);
    assert_non_null(got);
    assert_string_equal(got, "employee:\n  years: integer\nx = years + 1\noutput x\n");
    free(got);
    ide_close(doc);
    doc = open_text("employee:\n  years: integer\nx = years +\n");
    assert_null(ide_format(doc, &n));
    ide_close(doc);
}

/* Every question at a few places of every prefix of the contract (and of
 * one with non-ASCII text): under the sanitizers, nothing may go wrong. */
static void test_every_prefix(void **state)
{
    (void)state;
    size_t len = strlen(contract);
    for (size_t n = 0; n <= len; n++) {
        IdeDoc *doc = ide_open("t.terms", contract, n);
        Arena a = {0};
        const IdeDiag *d;
        int nd = ide_diagnostics(doc, &d);
        for (int i = 0; i < nd; i++)
            assert_true(d[i].at.start <= n + 1);
        uint32_t offsets[] = {0, (uint32_t)n / 3, (uint32_t)n / 2, (uint32_t)n > 0 ? (uint32_t)n - 1 : 0, (uint32_t)n};
        for (int i = 0; i < 5; i++) {
            Span s, *spans;
            IdeCompletion *c;
            IdeFix *f;
            ide_hover(doc, offsets[i], &s, &a);
            ide_definition(doc, offsets[i], &s);
            ide_references(doc, offsets[i], true, &spans, &a);
            ide_completions(doc, offsets[i], &c, &a);
            ide_fixes(doc, (Span){offsets[i], (uint32_t)n}, &f, &a);
        }
        IdeSymbol *s;
        ide_outline(doc, &s, &a);
        size_t flen;
        free(ide_format(doc, &flen));
        arena_free(&a);
        ide_close(doc);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_positions_count_utf16),
        cmocka_unit_test(test_diagnostics_keep_notes_with_their_error),
        cmocka_unit_test(test_syntax_errors_alone_while_typing),
        cmocka_unit_test(test_definitions_and_references),
        cmocka_unit_test(test_hover_says_kind_type_text_cite_and_value),
        cmocka_unit_test(test_hover_value_from_a_given_folded_definition),
        cmocka_unit_test(test_outline),
        cmocka_unit_test(test_completion),
        cmocka_unit_test(test_fix_did_you_mean),
        cmocka_unit_test(test_fix_example_from_witness),
        cmocka_unit_test(test_format_as_terms_fmt),
        cmocka_unit_test(test_every_prefix),
        cmocka_unit_test(test_functions),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
