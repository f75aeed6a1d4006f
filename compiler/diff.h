/* diff.h: what changed in terms between two versions of a contract.
 *
 * Both versions are checked Models; they are compared by meaning, not by
 * text: params, schedule cells and table rows by value per contract year,
 * rules, definitions and functions by their canonical form (fmt.h), enums, record
 * fields, policies and outputs by content.  Layout and comments are not
 * terms, so a reformatted contract has no changes.
 */
#ifndef TERMS_DIFF_H
#define TERMS_DIFF_H

#include "check.h"
#include "diag.h"

typedef enum { CHANGE_ADDED, CHANGE_REMOVED, CHANGED } ChangeKind;

/* What a change is to, and how a report names it. */
#define CHANGE_SUBJECTS(X) \
    X(SUBJECT_PARAM, "param") \
    X(SUBJECT_SCHEDULE, "schedule") \
    X(SUBJECT_SCHEDULE_CELL, "schedule cell") \
    X(SUBJECT_SCHEDULE_ROWS, "schedule rows or columns") \
    X(SUBJECT_SCHEDULE_CLAMP, "schedule beyond its last row") \
    X(SUBJECT_TABLE, "table") \
    X(SUBJECT_TABLE_ROW, "table row") \
    X(SUBJECT_TABLE_ROW_AND_MEMBER, "table row (and enum member)") \
    X(SUBJECT_RULE, "rule") \
    X(SUBJECT_POLICY, "component policy") \
    X(SUBJECT_DEFINITION, "definition") \
    X(SUBJECT_ENUM, "enum") \
    X(SUBJECT_ENUM_MEMBER, "enum member") \
    X(SUBJECT_ENUM_MEMBER_NAME, "enum member's name") \
    X(SUBJECT_FIELD, "record field") \
    X(SUBJECT_OUTPUT, "output") \
    X(SUBJECT_FUNCTION, "function") \
    X(SUBJECT_SCHEDULE_YEAR, "derived schedule year")

typedef enum {
#define SUBJECT_ENUM(name, text) name,
    CHANGE_SUBJECTS(SUBJECT_ENUM)
#undef SUBJECT_ENUM
} ChangeSubject;

extern const char *const change_subjects[]; /* the names, by ChangeSubject */

typedef struct {
    ChangeKind kind;
    ChangeSubject subject;
    const char *what;     /* change_subjects[subject]: "param", "schedule cell", "rule", ... */
    const char *name;     /* "salary[3, MA] in \"2017-18\"", "longevity II" */
    const char *old_value, *new_value; /* NULL where there is none */
    const char *cite;
    int old_line, new_line;            /* 0 where there is none; a schedule
                                          cell's and a table entry's are its row's */
    /* A changed rule or definition of which one part changed: which
     * ("amount", "condition", "in the condition", "citation", "in the
     * formula") and that part, old and new; NULL when all of it changed. */
    const char *part, *old_part, *new_part;
    /* A change of amounts: by how much, "+0.33%" or per year "+5.00% /
     * +4.76%"; NULL where it is not a change of one number to another. */
    const char *percent;
    /* What follows from the change, in lines: a derived schedule year's
     * cells, summarised ("every cell of salary \"2025-26\" +0.98%"); NULL
     * if nothing does. */
    const char *effect;
} Change;

typedef struct {
    Change *v;
    int n, cap;
} Changes;

/* Compares a (old, source in da) with b (new, in db); the changes' text
 * lives in b's arena. */
void diff_models(const Model *a, const Diags *da, const Model *b, const Diags *db, Changes *out);
void changes_free(Changes *c);

#endif
