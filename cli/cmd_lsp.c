/* terms lsp: a Language Server Protocol server on standard input and output.
 *
 * This file is the protocol only: JSON-RPC messages framed by
 * Content-Length headers, read and written with json-c; the documents an
 * editor has open, by URI; positions turned into byte offsets and back.
 * What each answer says comes from engine/ide.h.  Documents are synced
 * whole (a change carrying a range is applied too), and each version is
 * parsed and checked once, when it arrives.
 */
#include <json-c/json.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cli.h"
#include "alloc.h"
#include "ide.h"

static const char usage[] =
    "usage: terms lsp\n\n"
    "A language server for editors: the Language Server Protocol on standard\n"
    "input and output.  An editor starts it and shows, as a contract is typed,\n"
    "the checker's errors and warnings; a name's kind, type, citation and value\n"
    "for the employee of the nearest example on hover; go to definition and\n"
    "find references; the outline; completion; formatting as `terms fmt`; and\n"
    "quick fixes for \"did you mean\" and for a proof's example employee.\n"
    "docs/lsp.md says how to set up an editor.\n";

enum { MAX_HEADER_LINE = 1024, MAX_DOCUMENTS = 256 };
/* The longest message read: a contract of MAX_SOURCE_BYTES, each byte
 * escaped as JSON may escape it (\u0001), with room for the rest. */
#define MAX_MESSAGE ((size_t)MAX_SOURCE_BYTES * 6 + 65536)

enum {
    PARSE_ERROR = -32700,
    INVALID_REQUEST = -32600,
    METHOD_NOT_FOUND = -32601,
    INVALID_PARAMS = -32602,
    SERVER_NOT_INITIALIZED = -32002,
    REQUEST_FAILED = -32803,
};

typedef struct {
    char *uri;
    json_object *version;  /* as the editor sent it */
    IdeDoc *doc;
    bool too_large;        /* the text was refused: doc is empty */
} Document;

typedef struct {
    FILE *out;
    bool initialized, shut_down, exiting;
    Document docs[MAX_DOCUMENTS];
    int ndocs;
} Server;

typedef struct {
    int code;
    char message[256];
} Failure;

/* ---- messages ---- */

/* The next message's body (malloc'd, NUL-terminated), or NULL at the end
 * of the input.  Headers other than Content-Length are ignored; a message
 * without one is skipped, and so is one longer than MAX_MESSAGE. */
static char *read_message(FILE *in, size_t *len)
{
    for (;;) {
        char line[MAX_HEADER_LINE];
        long long length = -1;
        bool blank = false;
        while (!blank && fgets(line, sizeof line, in)) {
            blank = !strcmp(line, "\r\n") || !strcmp(line, "\n");
            if (!strncasecmp(line, "Content-Length:", 15))
                length = strtoll(line + 15, NULL, 10);
        }
        if (!blank)
            return NULL;
        if (length < 0) {
            fputs("terms lsp: a message without a Content-Length header was skipped\n", stderr);
            continue;
        }
        if ((unsigned long long)length > MAX_MESSAGE) {
            fprintf(stderr, "terms lsp: a message of %lld bytes was skipped: at most %zu are read\n", length, MAX_MESSAGE);
            for (long long i = 0; i < length; i++)
                if (getc(in) == EOF)
                    return NULL;
            continue;
        }
        char *body = xmalloc((size_t)length + 1);
        if (!body || fread(body, 1, (size_t)length, in) != (size_t)length) {
            free(body);
            return NULL;
        }
        body[length] = '\0';
        *len = (size_t)length;
        return body;
    }
}

/* Writes msg, and lets go of it. */
static void send_message(Server *s, json_object *msg)
{
    size_t n;
    const char *text = json_object_to_json_string_length(msg, JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE, &n);
    fprintf(s->out, "Content-Length: %zu\r\n\r\n", n);
    fwrite(text, 1, n, s->out);
    fflush(s->out);
    json_object_put(msg);
}

static json_object *message(void)
{
    json_object *m = json_object_new_object();
    json_object_object_add(m, "jsonrpc", json_object_new_string("2.0"));
    return m;
}

static void respond(Server *s, json_object *id, json_object *result)
{
    json_object *m = message();
    json_object_object_add(m, "id", json_object_get(id));
    json_object_object_add(m, "result", result);
    send_message(s, m);
}

static void respond_error(Server *s, json_object *id, int code, const char *text)
{
    json_object *m = message(), *e = json_object_new_object();
    json_object_object_add(e, "code", json_object_new_int(code));
    json_object_object_add(e, "message", json_object_new_string(text));
    json_object_object_add(m, "id", json_object_get(id));
    json_object_object_add(m, "error", e);
    send_message(s, m);
}

static void notify(Server *s, const char *method, json_object *params)
{
    json_object *m = message();
    json_object_object_add(m, "method", json_object_new_string(method));
    json_object_object_add(m, "params", params);
    send_message(s, m);
}

/* params.a.b..., or NULL */
static json_object *member(json_object *o, const char *path)
{
    char key[64];
    while (o && *path) {
        size_t n = strcspn(path, ".");
        if (n >= sizeof key || !json_object_is_type(o, json_type_object))
            return NULL;
        memcpy(key, path, n);
        key[n] = '\0';
        if (!json_object_object_get_ex(o, key, &o))
            return NULL;
        path += n + (path[n] == '.');
    }
    return o;
}

static const char *string_member(json_object *o, const char *path)
{
    json_object *v = member(o, path);
    return v && json_object_is_type(v, json_type_string) ? json_object_get_string(v) : NULL;
}

static bool int_member(json_object *o, const char *path, int *out)
{
    json_object *v = member(o, path);
    if (!v || !json_object_is_type(v, json_type_int))
        return false;
    int64_t n = json_object_get_int64(v);
    *out = n < 0 ? 0 : n > INT32_MAX ? INT32_MAX : (int)n;
    return true;
}

/* ---- positions ---- */

static json_object *position_json(const IdeDoc *doc, uint32_t offset)
{
    int line, character;
    ide_position(doc, offset, &line, &character);
    json_object *p = json_object_new_object();
    json_object_object_add(p, "line", json_object_new_int(line));
    json_object_object_add(p, "character", json_object_new_int(character));
    return p;
}

static json_object *range_json(const IdeDoc *doc, Span at)
{
    json_object *r = json_object_new_object();
    json_object_object_add(r, "start", position_json(doc, at.start));
    json_object_object_add(r, "end", position_json(doc, at.end > at.start ? at.end : at.start));
    return r;
}

static json_object *location_json(const Document *d, Span at)
{
    json_object *l = json_object_new_object();
    json_object_object_add(l, "uri", json_object_new_string(d->uri));
    json_object_object_add(l, "range", range_json(d->doc, at));
    return l;
}

static bool offset_at(const IdeDoc *doc, json_object *position, uint32_t *offset)
{
    int line, character;
    if (!int_member(position, "line", &line) || !int_member(position, "character", &character))
        return false;
    *offset = ide_offset(doc, line, character);
    return true;
}

/* ---- documents ---- */

static Document *find_document(Server *s, const char *uri)
{
    for (int i = 0; uri && i < s->ndocs; i++)
        if (!strcmp(s->docs[i].uri, uri))
            return &s->docs[i];
    return NULL;
}

/* The document params.textDocument names, NULL (after fail) if params do not name one. */
static Document *document_of(Server *s, json_object *params, Failure *fail)
{
    const char *uri = string_member(params, "textDocument.uri");
    if (!uri) {
        fail->code = INVALID_PARAMS;
        snprintf(fail->message, sizeof fail->message, "params.textDocument.uri is missing");
    }
    return find_document(s, uri);
}

static json_object *diagnostic_json(const Document *d, const IdeDiag *all, int n, int i)
{
    json_object *o = json_object_new_object(), *related = json_object_new_array();
    json_object_object_add(o, "range", range_json(d->doc, all[i].at));
    json_object_object_add(o, "severity", json_object_new_int(all[i].kind == DIAG_ERROR ? 1 : 2));
    json_object_object_add(o, "source", json_object_new_string("terms"));
    json_object_object_add(o, "message", json_object_new_string(all[i].message));
    for (int j = i + 1; j < n && all[j].parent == i; j++) {
        json_object *r = json_object_new_object();
        json_object_object_add(r, "location", location_json(d, all[j].at));
        json_object_object_add(r, "message", json_object_new_string(all[j].message));
        json_object_array_add(related, r);
    }
    if (json_object_array_length(related) > 0)
        json_object_object_add(o, "relatedInformation", related);
    else
        json_object_put(related);
    return o;
}

static void publish(Server *s, const Document *d)
{
    json_object *p = json_object_new_object(), *list = json_object_new_array();
    json_object_object_add(p, "uri", json_object_new_string(d->uri));
    if (d->version)
        json_object_object_add(p, "version", json_object_get(d->version));
    if (d->too_large) {
        json_object *o = json_object_new_object();
        json_object_object_add(o, "range", range_json(d->doc, (Span){0, 0}));
        json_object_object_add(o, "severity", json_object_new_int(1));
        json_object_object_add(o, "source", json_object_new_string("terms"));
        char text[128];
        snprintf(text, sizeof text, "this contract is larger than %d MiB, the most a contract may be", MAX_SOURCE_BYTES >> 20);
        json_object_object_add(o, "message", json_object_new_string(text));
        json_object_array_add(list, o);
    }
    const IdeDiag *all = NULL;
    int n = d->too_large ? 0 : ide_diagnostics(d->doc, &all);
    for (int i = 0; i < n; i++)
        if (all[i].kind != DIAG_NOTE)
            json_object_array_add(list, diagnostic_json(d, all, n, i));
    json_object_object_add(p, "diagnostics", list);
    notify(s, "textDocument/publishDiagnostics", p);
}

/* d's text is now text: parsed and checked, and its diagnostics sent. */
static void set_text(Server *s, Document *d, const char *text, size_t len, json_object *version)
{
    ide_close(d->doc);
    d->too_large = len > MAX_SOURCE_BYTES;
    d->doc = ide_open(d->uri, d->too_large ? "" : text, d->too_large ? 0 : len);
    json_object_put(d->version);
    d->version = json_object_get(version);
    publish(s, d);
}

static void did_open(Server *s, json_object *params)
{
    const char *uri = string_member(params, "textDocument.uri");
    json_object *text = member(params, "textDocument.text");
    if (!uri || !text || !json_object_is_type(text, json_type_string))
        return;
    Document *d = find_document(s, uri);
    if (!d) {
        if (s->ndocs == MAX_DOCUMENTS) {
            fprintf(stderr, "terms lsp: %s not opened: at most %d documents are open at once\n", uri, MAX_DOCUMENTS);
            return;
        }
        d = &s->docs[s->ndocs++];
        *d = (Document){.uri = xstrndup(uri, strlen(uri))};
    }
    set_text(s, d, json_object_get_string(text), (size_t)json_object_get_string_len(text), member(params, "textDocument.version"));
}

/* text with [from, to) replaced by with (malloc'd). */
static char *splice(const char *text, size_t len, uint32_t from, uint32_t to, const char *with, size_t n, size_t *out)
{
    char *s = xmalloc(len - (to - from) + n + 1);
    memcpy(s, text, from);
    memcpy(s + from, with, n);
    memcpy(s + from + n, text + to, len - to);
    *out = len - (to - from) + n;
    s[*out] = '\0';
    return s;
}

static void did_change(Server *s, json_object *params)
{
    Document *d = find_document(s, string_member(params, "textDocument.uri"));
    json_object *changes = member(params, "contentChanges");
    if (!d || !changes || !json_object_is_type(changes, json_type_array))
        return;
    size_t len;
    const char *now = ide_text(d->doc, &len);
    char *text = xmalloc(len + 1);
    memcpy(text, now, len + 1);
    for (size_t i = 0; i < json_object_array_length(changes); i++) {
        json_object *change = json_object_array_get_idx(changes, i), *with = member(change, "text");
        if (!with || !json_object_is_type(with, json_type_string))
            continue;
        size_t n = (size_t)json_object_get_string_len(with);
        uint32_t from = 0, to = (uint32_t)len;
        int l1, c1, l2, c2;
        if (int_member(change, "range.start.line", &l1) && int_member(change, "range.start.character", &c1) &&
            int_member(change, "range.end.line", &l2) && int_member(change, "range.end.character", &c2)) {
            from = ide_text_offset(text, len, l1, c1);
            to = ide_text_offset(text, len, l2, c2);
            if (to < from)
                to = from;
        }
        char *next = splice(text, len, from, to, json_object_get_string(with), n, &len);
        free(text);
        text = next;
        if (len > MAX_MESSAGE)
            break;
    }
    set_text(s, d, text, len, member(params, "textDocument.version"));
    free(text);
}

static void close_document(Document *d)
{
    ide_close(d->doc);
    json_object_put(d->version);
    free(d->uri);
}

static void did_close(Server *s, json_object *params)
{
    Document *d = find_document(s, string_member(params, "textDocument.uri"));
    if (!d)
        return;
    json_object *p = json_object_new_object();
    json_object_object_add(p, "uri", json_object_new_string(d->uri));
    json_object_object_add(p, "diagnostics", json_object_new_array());
    notify(s, "textDocument/publishDiagnostics", p);
    close_document(d);
    *d = s->docs[--s->ndocs];
}

/* ---- requests ---- */

static json_object *initialize(Server *s, json_object *params, Failure *fail)
{
    (void)params;
    (void)fail;
    s->initialized = true;
    json_object *caps = json_object_new_object(), *sync = json_object_new_object(), *completion = json_object_new_object(),
                *actions = json_object_new_object(), *kinds = json_object_new_array(), *info = json_object_new_object(),
                *result = json_object_new_object();
    json_object_object_add(sync, "openClose", json_object_new_boolean(1));
    json_object_object_add(sync, "change", json_object_new_int(1)); /* the whole text */
    json_object_object_add(caps, "textDocumentSync", sync);
    json_object_object_add(caps, "hoverProvider", json_object_new_boolean(1));
    json_object_object_add(caps, "definitionProvider", json_object_new_boolean(1));
    json_object_object_add(caps, "referencesProvider", json_object_new_boolean(1));
    json_object_object_add(caps, "documentSymbolProvider", json_object_new_boolean(1));
    json_object_object_add(completion, "triggerCharacters", json_object_new_array());
    json_object_array_add(json_object_object_get(completion, "triggerCharacters"), json_object_new_string("["));
    json_object_object_add(caps, "completionProvider", completion);
    json_object_object_add(caps, "documentFormattingProvider", json_object_new_boolean(1));
    json_object_array_add(kinds, json_object_new_string("quickfix"));
    json_object_object_add(actions, "codeActionKinds", kinds);
    json_object_object_add(caps, "codeActionProvider", actions);
    json_object_object_add(info, "name", json_object_new_string("terms"));
    json_object_object_add(result, "capabilities", caps);
    json_object_object_add(result, "serverInfo", info);
    return result;
}

static json_object *shutdown_request(Server *s, json_object *params, Failure *fail)
{
    (void)params;
    (void)fail;
    s->shut_down = true;
    return NULL;
}

static json_object *hover(Server *s, json_object *params, Failure *fail)
{
    Document *d = document_of(s, params, fail);
    uint32_t offset;
    if (!d)
        return NULL;
    if (!offset_at(d->doc, member(params, "position"), &offset)) {
        fail->code = INVALID_PARAMS;
        snprintf(fail->message, sizeof fail->message, "params.position is missing");
        return NULL;
    }
    Arena a = {0};
    Span at;
    const char *text = ide_hover(d->doc, offset, &at, &a);
    json_object *result = NULL;
    if (text) {
        json_object *contents = json_object_new_object();
        json_object_object_add(contents, "kind", json_object_new_string("markdown"));
        json_object_object_add(contents, "value", json_object_new_string(text));
        result = json_object_new_object();
        json_object_object_add(result, "contents", contents);
        json_object_object_add(result, "range", range_json(d->doc, at));
    }
    arena_free(&a);
    return result;
}

static json_object *definition(Server *s, json_object *params, Failure *fail)
{
    Document *d = document_of(s, params, fail);
    uint32_t offset;
    Span at;
    if (!d || !offset_at(d->doc, member(params, "position"), &offset) || !ide_definition(d->doc, offset, &at))
        return NULL;
    return location_json(d, at);
}

static json_object *references(Server *s, json_object *params, Failure *fail)
{
    Document *d = document_of(s, params, fail);
    uint32_t offset;
    json_object *list = json_object_new_array();
    if (!d || !offset_at(d->doc, member(params, "position"), &offset))
        return list;
    json_object *decl = member(params, "context.includeDeclaration");
    Arena a = {0};
    Span *spans;
    int n = ide_references(d->doc, offset, decl && json_object_get_boolean(decl), &spans, &a);
    for (int i = 0; i < n; i++)
        json_object_array_add(list, location_json(d, spans[i]));
    arena_free(&a);
    return list;
}

/* LSP's SymbolKind for each IdeKind. */
static int symbol_kind(IdeKind k)
{
    static const int kinds[] = {
        [IDE_FIELD] = 8,      [IDE_PARAM] = 14, [IDE_DEFINITION] = 12, [IDE_COMPONENT] = 5, [IDE_RULE] = 6,
        [IDE_SCHEDULE] = 18,  [IDE_TABLE] = 19, [IDE_ENUM] = 10,       [IDE_MEMBER] = 22,   [IDE_EMPLOYEE] = 23,
        [IDE_EXAMPLE] = 24,   [IDE_FUNCTION] = 12,
    };
    return k < sizeof kinds / sizeof *kinds && kinds[k] ? kinds[k] : 13;
}

static json_object *symbols_json(const IdeDoc *doc, const IdeSymbol *syms, int n)
{
    json_object *list = json_object_new_array();
    for (int i = 0; i < n; i++) {
        json_object *o = json_object_new_object();
        json_object_object_add(o, "name", json_object_new_string(syms[i].name));
        if (*syms[i].detail)
            json_object_object_add(o, "detail", json_object_new_string(syms[i].detail));
        json_object_object_add(o, "kind", json_object_new_int(symbol_kind(syms[i].kind)));
        json_object_object_add(o, "range", range_json(doc, syms[i].at));
        json_object_object_add(o, "selectionRange", range_json(doc, syms[i].name_at));
        if (syms[i].nchildren > 0)
            json_object_object_add(o, "children", symbols_json(doc, syms[i].children, syms[i].nchildren));
        json_object_array_add(list, o);
    }
    return list;
}

static json_object *document_symbols(Server *s, json_object *params, Failure *fail)
{
    Document *d = document_of(s, params, fail);
    if (!d)
        return json_object_new_array();
    Arena a = {0};
    IdeSymbol *syms;
    int n = ide_outline(d->doc, &syms, &a);
    json_object *list = symbols_json(d->doc, syms, n);
    arena_free(&a);
    return list;
}

/* LSP's CompletionItemKind for each IdeKind. */
static int completion_kind(IdeKind k)
{
    static const int kinds[] = {
        [IDE_FIELD] = 5,    [IDE_PARAM] = 21, [IDE_DEFINITION] = 6, [IDE_COMPONENT] = 7, [IDE_SCHEDULE] = 22,
        [IDE_TABLE] = 22,   [IDE_ENUM] = 13,  [IDE_MEMBER] = 20,    [IDE_BUILTIN] = 3,   [IDE_YEAR] = 6,
        [IDE_KEYWORD] = 14, [IDE_VALUE] = 12, [IDE_FUNCTION] = 3, [IDE_PARAMETER] = 6,
    };
    return k < sizeof kinds / sizeof *kinds && kinds[k] ? kinds[k] : 1;
}

static json_object *completion(Server *s, json_object *params, Failure *fail)
{
    Document *d = document_of(s, params, fail);
    uint32_t offset;
    json_object *result = json_object_new_object(), *items = json_object_new_array();
    int n = 0;
    if (d && offset_at(d->doc, member(params, "position"), &offset)) {
        Arena a = {0};
        IdeCompletion *c;
        n = ide_completions(d->doc, offset, &c, &a);
        for (int i = 0; i < n; i++) {
            json_object *o = json_object_new_object();
            char order[16];
            snprintf(order, sizeof order, "%04d", i);
            json_object_object_add(o, "label", json_object_new_string(c[i].label));
            json_object_object_add(o, "kind", json_object_new_int(completion_kind(c[i].kind)));
            if (*c[i].detail)
                json_object_object_add(o, "detail", json_object_new_string(c[i].detail));
            json_object_object_add(o, "sortText", json_object_new_string(order));
            json_object_array_add(items, o);
        }
        arena_free(&a);
    }
    json_object_object_add(result, "isIncomplete", json_object_new_boolean(n >= IDE_MAX_COMPLETIONS));
    json_object_object_add(result, "items", items);
    return result;
}

static json_object *edit_json(const IdeDoc *doc, Span at, const char *text, size_t n)
{
    json_object *e = json_object_new_object();
    json_object_object_add(e, "range", range_json(doc, at));
    json_object_object_add(e, "newText", json_object_new_string_len(text, (int)n));
    return e;
}

static json_object *formatting(Server *s, json_object *params, Failure *fail)
{
    Document *d = document_of(s, params, fail);
    if (!d)
        return NULL;
    size_t len, n;
    const char *text = ide_text(d->doc, &len);
    if (d->too_large) {
        fail->code = REQUEST_FAILED;
        snprintf(fail->message, sizeof fail->message, "this contract is larger than %d MiB, the most a contract may be",
                 MAX_SOURCE_BYTES >> 20);
        return NULL;
    }
    char *formatted = ide_format(d->doc, &n);
    if (!formatted) {
        int errors = ide_syntax_errors(d->doc);
        fail->code = REQUEST_FAILED;
        snprintf(fail->message, sizeof fail->message, "the contract has %d syntax error%s: fix %s to format it", errors,
                 errors == 1 ? "" : "s", errors == 1 ? "it" : "them");
        return NULL;
    }
    json_object *edits = json_object_new_array();
    if (n != len || memcmp(formatted, text, n))
        json_object_array_add(edits, edit_json(d->doc, (Span){0, (uint32_t)len}, formatted, n));
    free(formatted);
    return edits;
}

static json_object *code_action(Server *s, json_object *params, Failure *fail)
{
    Document *d = document_of(s, params, fail);
    json_object *list = json_object_new_array();
    uint32_t from, to;
    if (!d || !offset_at(d->doc, member(params, "range.start"), &from) || !offset_at(d->doc, member(params, "range.end"), &to))
        return list;
    Arena a = {0};
    IdeFix *fixes;
    int n = ide_fixes(d->doc, (Span){from, to > from ? to : from}, &fixes, &a);
    const IdeDiag *all;
    int ndiags = ide_diagnostics(d->doc, &all);
    for (int i = 0; i < n; i++) {
        json_object *action = json_object_new_object(), *diags = json_object_new_array(), *edit = json_object_new_object(),
                    *changes = json_object_new_object(), *edits = json_object_new_array();
        json_object_object_add(action, "title", json_object_new_string(fixes[i].title));
        json_object_object_add(action, "kind", json_object_new_string("quickfix"));
        json_object_array_add(diags, diagnostic_json(d, all, ndiags, fixes[i].diag));
        json_object_object_add(action, "diagnostics", diags);
        if (fixes[i].preferred)
            json_object_object_add(action, "isPreferred", json_object_new_boolean(1));
        json_object_array_add(edits, edit_json(d->doc, fixes[i].at, fixes[i].text, strlen(fixes[i].text)));
        json_object_object_add(changes, d->uri, edits);
        json_object_object_add(edit, "changes", changes);
        json_object_object_add(action, "edit", edit);
        json_object_array_add(list, action);
    }
    arena_free(&a);
    return list;
}

static const struct {
    const char *method;
    json_object *(*answer)(Server *s, json_object *params, Failure *fail);
} requests[] = {
    {"initialize", initialize},
    {"shutdown", shutdown_request},
    {"textDocument/hover", hover},
    {"textDocument/definition", definition},
    {"textDocument/references", references},
    {"textDocument/documentSymbol", document_symbols},
    {"textDocument/completion", completion},
    {"textDocument/formatting", formatting},
    {"textDocument/codeAction", code_action},
};

static void request(Server *s, json_object *id, const char *method, json_object *params)
{
    if (!s->initialized && strcmp(method, "initialize")) {
        respond_error(s, id, SERVER_NOT_INITIALIZED, "the server is not initialized yet: send `initialize` first");
        return;
    }
    if (s->shut_down) {
        respond_error(s, id, INVALID_REQUEST, "the server is shut down: only `exit` is left to send");
        return;
    }
    for (size_t i = 0; i < sizeof requests / sizeof *requests; i++)
        if (!strcmp(method, requests[i].method)) {
            Failure fail = {0};
            json_object *result = requests[i].answer(s, params, &fail);
            if (fail.code) {
                json_object_put(result);
                respond_error(s, id, fail.code, fail.message);
            } else {
                respond(s, id, result);
            }
            return;
        }
    char text[256];
    snprintf(text, sizeof text, "no method `%.200s` here", method);
    respond_error(s, id, METHOD_NOT_FOUND, text);
}

static void notification(Server *s, const char *method, json_object *params)
{
    if (!strcmp(method, "exit")) {
        s->exiting = true;
        return;
    }
    if (!s->initialized || s->shut_down)
        return;
    if (!strcmp(method, "textDocument/didOpen"))
        did_open(s, params);
    else if (!strcmp(method, "textDocument/didChange"))
        did_change(s, params);
    else if (!strcmp(method, "textDocument/didClose"))
        did_close(s, params);
    /* initialized, didSave, $/cancelRequest, ...: nothing to do */
}

static void handle(Server *s, const char *body, size_t len)
{
    json_tokener *tok = json_tokener_new();
    if (!tok)
        abort();
    json_tokener_set_flags(tok, JSON_TOKENER_VALIDATE_UTF8);
    json_object *msg = json_tokener_parse_ex(tok, body, (int)len);
    bool complete = json_tokener_get_error(tok) == json_tokener_success;
    for (size_t i = complete ? json_tokener_get_parse_end(tok) : len; i < len; i++)
        complete &= body[i] == ' ' || body[i] == '\t' || body[i] == '\r' || body[i] == '\n';
    json_tokener_free(tok);
    if (!complete) {
        json_object_put(msg);
        respond_error(s, NULL, PARSE_ERROR, "the message is not JSON in UTF-8");
        return;
    }
    json_object *id = member(msg, "id");
    const char *method = string_member(msg, "method");
    bool has_id = json_object_is_type(msg, json_type_object) && json_object_object_get_ex(msg, "id", NULL);
    if (!method) {
        /* a response to a request of ours (there are none), or nonsense */
        if (!has_id || !(member(msg, "result") || member(msg, "error")))
            respond_error(s, id, INVALID_REQUEST, "a message needs a `method`");
    } else if (has_id) {
        request(s, id, method, member(msg, "params"));
    } else {
        notification(s, method, member(msg, "params"));
    }
    json_object_put(msg);
}

int cmd_lsp(int argc, char **argv)
{
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
            fputs(usage, stdout);
            return EXIT_OK;
        }
        /* what editors' clients add: the transport is always standard input and output */
        if (strcmp(argv[i], "--stdio") && strncmp(argv[i], "--clientProcessId", 17))
            return usage_error("lsp", "unknown argument `%s`: an editor starts `terms lsp` and talks to it on standard input and output",
                               argv[i]);
    }
    Server s = {.out = stdout};
    size_t len;
    char *body;
    while (!s.exiting && (body = read_message(stdin, &len))) {
        handle(&s, body, len);
        free(body);
    }
    for (int i = 0; i < s.ndocs; i++)
        close_document(&s.docs[i]);
    return s.shut_down ? EXIT_OK : EXIT_BAD_INPUT;
}
