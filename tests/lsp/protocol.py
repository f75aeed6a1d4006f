"""`terms lsp` spoken to as an editor speaks to it, each answer checked
exactly: the lifecycle, diagnostics as the text changes (positions in
UTF-16: the contract has a § and a 😀 before the names it points at),
quick fixes, hover, definition, references, the outline, completion,
formatting (the same text as `terms fmt`) and the errors of the protocol.

    python3 tests/lsp/protocol.py TERMS
"""
import json
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lsp import Server  # noqa: E402

TERMS = sys.argv[1]
HERE = os.path.dirname(os.path.abspath(__file__))
SMALL = open(os.path.join(HERE, "small.terms"), encoding="utf-8").read()
URI = "file:///work/small.terms"
DOC = {"uri": URI}
failures = 0


def check(what, got, want):
    global failures
    if got != want:
        failures += 1
        print("FAIL %s\n  expected: %s\n  got:      %s" % (what, json.dumps(want, ensure_ascii=False),
                                                          json.dumps(got, ensure_ascii=False)))


def pos(line, character):
    return {"line": line, "character": character}


def rng(l1, c1, l2, c2):
    return {"start": pos(l1, c1), "end": pos(l2, c2)}


def loc(l1, c1, l2, c2):
    return {"uri": URI, "range": rng(l1, c1, l2, c2)}


def result(msg):
    return msg.get("result", msg.get("error"))


def error(code, message):
    return {"code": code, "message": message}


def diagnostics(version):
    msg = s.notification("textDocument/publishDiagnostics")
    check("diagnostics of version %d are for the document" % version, msg["params"]["uri"], URI)
    check("diagnostics of version %d carry it" % version, msg["params"].get("version"), version)
    return msg["params"]["diagnostics"]


def change(version, text):
    s.notify("textDocument/didChange", {"textDocument": {"uri": URI, "version": version},
                                        "contentChanges": [{"text": text}]})
    return diagnostics(version)


s = Server(TERMS)

# ---- lifecycle ----
check("a request before initialize",
      result(s.request("textDocument/hover", {"textDocument": DOC, "position": pos(0, 0)})),
      error(-32002, "the server is not initialized yet: send `initialize` first"))
check("initialize", result(s.request("initialize", {"processId": None, "rootUri": None, "capabilities": {}})), {
    "capabilities": {
        "textDocumentSync": {"openClose": True, "change": 1},
        "hoverProvider": True,
        "definitionProvider": True,
        "referencesProvider": True,
        "documentSymbolProvider": True,
        "completionProvider": {"triggerCharacters": ["["]},
        "documentFormattingProvider": True,
        "codeActionProvider": {"codeActionKinds": ["quickfix"]},
    },
    "serverInfo": {"name": "terms"},
})
s.notify("initialized", {})

# ---- a misspelt name after a § and a 😀 on its line, and its fix ----
typo = SMALL.replace("else id\n", "else idd\n")
s.notify("textDocument/didOpen", {"textDocument": {"uri": URI, "languageId": "terms", "version": 1, "text": typo}})
misspelt = {"range": rng(19, 44, 19, 47), "severity": 1, "source": "terms",
            "message": "unknown name `idd`; did you mean `id`?"}
check("diagnostics as opened", diagnostics(1), [misspelt])
check("the fix of the misspelt name",
      result(s.request("textDocument/codeAction", {"textDocument": DOC, "range": rng(19, 45, 19, 45),
                                                   "context": {"diagnostics": [misspelt]}})),
      [{"title": "Change `idd` to `id`", "kind": "quickfix", "diagnostics": [misspelt], "isPreferred": True,
        "edit": {"changes": {URI: [{"range": rng(19, 44, 19, 47), "newText": "id"}]}}}])
check("no fix elsewhere",
      result(s.request("textDocument/codeAction", {"textDocument": DOC, "range": rng(3, 0, 3, 0),
                                                   "context": {"diagnostics": []}})), [])
check("diagnostics once fixed", change(2, SMALL), [])

# ---- hover ----
check("hover on a component: its rules, citation and value in the example",
      result(s.request("textDocument/hover", {"textDocument": DOC, "position": pos(24, 16)})),
      {"contents": {"kind": "markdown", "value":
                    "**component** `pay`, 1 rule, at most one applies: money\n\n"
                    "```terms\npay: at most one\npay senior when step >= 2 add bonus  cite \"Art. 3 😀\"\n```\n\n"
                    "Cites Art. 3 😀\n\n"
                    "In example \"A senior on the MA lane\" (line 29): $100.00 in \"2024-25\", $110.00 in \"2025-26\"\n"},
       "range": rng(24, 15, 24, 18)})
check("hover on a param",
      result(s.request("textDocument/hover", {"textDocument": DOC, "position": pos(22, 33)})),
      {"contents": {"kind": "markdown", "value":
                    "**param** `bonus`: money\n\n```terms\nparam bonus = $100 / $110  cite \"Art. 1 §2\"\n```\n\n"
                    "Cites Art. 1 §2\n\n"
                    "In example \"A senior on the MA lane\" (line 29): $100.00 in \"2024-25\", $110.00 in \"2025-26\"\n"},
       "range": rng(22, 30, 22, 35)})
check("hover on a field in the example",
      result(s.request("textDocument/hover", {"textDocument": DOC, "position": pos(29, 21)})),
      {"contents": {"kind": "markdown", "value":
                    "**field** `step`: integer\n\n```terms\nstep: integer 1 to 2  # Art. 2 §1\n```\n\n"
                    "In example \"A senior on the MA lane\" (line 29): 2\n"},
       "range": rng(29, 19, 29, 23)})
check("hover on a field after a 😀",
      result(s.request("textDocument/hover", {"textDocument": DOC, "position": pos(19, 45)})),
      {"contents": {"kind": "markdown", "value":
                    "**field** `id`: text\n\n```terms\nid: text\n```\n\n"
                    "In example \"A senior on the MA lane\" (line 29): \"\"\n"},
       "range": rng(19, 44, 19, 46)})
check("hover on nothing", result(s.request("textDocument/hover", {"textDocument": DOC, "position": pos(5, 0)})), None)

# ---- definition and references ----
check("definition of a use",
      result(s.request("textDocument/definition", {"textDocument": DOC, "position": pos(24, 9)})), loc(18, 0, 18, 4))
check("definition of a member in the schedule's header",
      result(s.request("textDocument/definition", {"textDocument": DOC, "position": pos(14, 17)})), loc(4, 15, 4, 17))
check("definition of a keyword",
      result(s.request("textDocument/definition", {"textDocument": DOC, "position": pos(22, 27)})), None)
check("references of a field, its declaration included",
      result(s.request("textDocument/references", {"textDocument": DOC, "position": pos(22, 17),
                                                   "context": {"includeDeclaration": True}})),
      [loc(9, 2, 9, 6), loc(13, 19, 13, 23), loc(14, 2, 14, 6), loc(18, 15, 18, 19), loc(19, 11, 19, 15),
       loc(22, 16, 22, 20), loc(29, 19, 29, 23)])
check("references of a member, without its declaration",
      result(s.request("textDocument/references", {"textDocument": DOC, "position": pos(4, 16),
                                                   "context": {"includeDeclaration": False}})),
      [loc(14, 17, 14, 19), loc(29, 15, 29, 17)])


# ---- the outline ----
def symbol(name, kind, r, sel, detail=None, children=None):
    o = {"name": name}
    if detail:
        o["detail"] = detail
    o.update({"kind": kind, "range": r, "selectionRange": sel})
    if children:
        o["children"] = children
    return o


check("the outline", result(s.request("textDocument/documentSymbol", {"textDocument": DOC})), [
    symbol("Lane", 10, rng(4, 0, 4, 17), rng(4, 5, 4, 9), children=[
        symbol("BA", 22, rng(4, 11, 4, 13), rng(4, 11, 4, 13)),
        symbol("MA", 22, rng(4, 15, 4, 17), rng(4, 15, 4, 17))]),
    symbol("employee", 23, rng(6, 0, 9, 22), rng(6, 0, 6, 8), children=[
        symbol("id", 8, rng(7, 2, 7, 10), rng(7, 2, 7, 4), "text"),
        symbol("lane", 8, rng(8, 2, 8, 12), rng(8, 2, 8, 6), "Lane"),
        symbol("step", 8, rng(9, 2, 9, 22), rng(9, 2, 9, 6), "integer")]),
    symbol("bonus", 14, rng(11, 0, 11, 43), rng(11, 6, 11, 11), "money"),
    symbol("salary", 18, rng(13, 0, 16, 24), rng(13, 9, 13, 15), "by step, lane"),
    symbol("base", 12, rng(18, 0, 18, 68), rng(18, 0, 18, 4), "money"),
    symbol("label", 12, rng(19, 0, 19, 46), rng(19, 0, 19, 5), "text"),
    symbol("pay", 5, rng(21, 0, 22, 53), rng(21, 0, 21, 3), "money, at most one", children=[
        symbol("pay senior", 6, rng(22, 0, 22, 53), rng(22, 4, 22, 10), "Art. 3 😀")]),
    symbol("total", 12, rng(24, 0, 24, 18), rng(24, 0, 24, 5), "money"),
    symbol("A senior on the MA lane", 24, rng(28, 0, 30, 37), rng(28, 0, 28, 34)),
])

# ---- completion ----
check("completion of `ba`",
      result(s.request("textDocument/completion", {"textDocument": DOC, "position": pos(24, 10)})),
      {"isIncomplete": False, "items": [
          {"label": "base", "kind": 6, "detail": "money", "sortText": "0000"},
          {"label": "BA", "kind": 20, "detail": "Lane", "sortText": "0001"}]})
check("completion of `pa`",
      result(s.request("textDocument/completion", {"textDocument": DOC, "position": pos(22, 2)})),
      {"isIncomplete": False, "items": [
          {"label": "pay", "kind": 7, "detail": "money", "sortText": "0000"},
          {"label": "param", "kind": 14, "detail": "keyword", "sortText": "0001"}]})
everything = result(s.request("textDocument/completion", {"textDocument": DOC, "position": pos(29, 15)}))["items"]
labels = [i["label"] for i in everything]
check("completion of nothing after `lane = `: Lane's members first, then names, built-ins, keywords",
      [l for l in labels if l in ("step", "total", "pay", "bonus", "salary", "MA", "contract_year", "prorate",
                                  "sum", "yes", "at most one", "example", "expect")],
      ["MA", "step", "total", "pay", "bonus", "salary", "contract_year", "prorate", "sum", "yes", "at most one",
       "example", "expect"])
check("completion of nothing after `lane = `: BA and MA", labels[:2], ["BA", "MA"])
check("no completion in a comment",
      result(s.request("textDocument/completion", {"textDocument": DOC, "position": pos(0, 10)})),
      {"isIncomplete": False, "items": []})

# ---- formatting: the same text as `terms fmt` ----
fmt = subprocess.run([TERMS, "fmt", "-"], input=SMALL.encode("utf-8"), stdout=subprocess.PIPE, check=True)
want = fmt.stdout.decode("utf-8")
check("formatting", result(s.request("textDocument/formatting", {"textDocument": DOC,
                                                                "options": {"tabSize": 2, "insertSpaces": True}})),
      [{"range": rng(0, 0, 31, 0), "newText": want}] if want != SMALL else [])
change(3, want)
check("formatting a formatted text", result(s.request("textDocument/formatting", {
    "textDocument": DOC, "options": {"tabSize": 2, "insertSpaces": True}})), [])

# ---- a proof's witness as an example ----
overlap = SMALL.replace("add bonus  cite \"Art. 3 😀\"\n",
                        "add bonus  cite \"Art. 3 😀\"\npay junior when step <= 2 add $50\n")
both = {"range": rng(23, 0, 23, 10), "severity": 1, "source": "terms",
        "message": "rules `pay senior` and `pay junior` can both apply, but `pay` allows at most one",
        "relatedInformation": [{"location": loc(22, 0, 22, 10),
                                "message": "for example, an employee with step = 2"}]}
check("diagnostics of an overlap", change(4, overlap), [both])
check("the overlap's example",
      result(s.request("textDocument/codeAction", {"textDocument": DOC, "range": rng(22, 3, 22, 3),
                                                   "context": {"diagnostics": [both]}})),
      [{"title": "Add an example for an employee with step = 2", "kind": "quickfix", "diagnostics": [both],
        "edit": {"changes": {URI: [{"range": rng(32, 0, 32, 0), "newText":
                                    "\nexample \"pay for an employee with step = 2\":\n"
                                    "  # rules `pay senior` and `pay junior` can both apply, but `pay` allows at most one\n"
                                    "  given step = 2\n"
                                    "  expect pay = $0  # the amount the parties intend\n"}]}}}])

# ---- half-typed: syntax errors only, and the rest still answers ----
check("diagnostics while typing", change(5, SMALL + "x = "),
      [{"range": rng(31, 3, 31, 3), "severity": 1, "source": "terms", "message": "unexpected end of line"}])
check("definition while typing",
      result(s.request("textDocument/definition", {"textDocument": DOC, "position": pos(24, 9)})), loc(18, 0, 18, 4))
check("formatting refused while typing",
      result(s.request("textDocument/formatting", {"textDocument": DOC, "options": {"tabSize": 2, "insertSpaces": True}})),
      error(-32803, "the contract has 1 syntax error: fix it to format it"))

# ---- the protocol's errors ----
check("an unknown request", result(s.request("textDocument/frobnicate", {"textDocument": DOC})),
      error(-32601, "no method `textDocument/frobnicate` here"))
s.notify("workspace/frobnicated", {})  # an unknown notification: nothing
s.send_raw(b"Content-Length: 5\r\n\r\n{oops")
check("a message that is not JSON", s.read(),
      {"jsonrpc": "2.0", "id": None, "error": error(-32700, "the message is not JSON in UTF-8")})
check("a request about a document not open",
      result(s.request("textDocument/hover", {"textDocument": {"uri": "file:///nowhere.terms"}, "position": pos(0, 0)})),
      None)
check("invalid params", result(s.request("textDocument/hover", {"position": pos(0, 0)})),
      error(-32602, "params.textDocument.uri is missing"))
BIG = {"uri": "file:///work/big.terms"}
s.notify("textDocument/didOpen", {"textDocument": dict(BIG, languageId="terms", version=1,
                                                       text="#" * (16 << 20) + "\n")})
check("a contract over 16 MiB", s.notification("textDocument/publishDiagnostics")["params"]["diagnostics"],
      [{"range": rng(0, 0, 0, 0), "severity": 1, "source": "terms",
        "message": "this contract is larger than 16 MiB, the most a contract may be"}])
check("formatting a contract over 16 MiB",
      result(s.request("textDocument/formatting", {"textDocument": BIG, "options": {"tabSize": 2, "insertSpaces": True}})),
      error(-32803, "this contract is larger than 16 MiB, the most a contract may be"))
s.notify("textDocument/didClose", {"textDocument": BIG})
s.notification("textDocument/publishDiagnostics")
s.notify("textDocument/didClose", {"textDocument": DOC})
check("diagnostics cleared on close", s.notification("textDocument/publishDiagnostics")["params"],
      {"uri": URI, "diagnostics": []})

check("shutdown", result(s.request("shutdown")), None)
check("a request after shutdown", result(s.request("textDocument/hover", {"textDocument": DOC, "position": pos(0, 0)})),
      error(-32600, "the server is shut down: only `exit` is left to send"))
s.notify("exit")
status, err = s.close()
check("exit after shutdown", (status, err), (0, ""))

t = Server(TERMS)
t.request("initialize", {"processId": None, "rootUri": None, "capabilities": {}})
t.notify("exit")
check("exit without shutdown", t.close()[0], 1)

sys.exit(1 if failures else 0)
