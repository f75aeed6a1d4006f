"""Every keystroke's text is valid input to `terms lsp`: the server is
given every prefix of a bundled contract by line, and of a small one (with
a § and a 😀) by character, and after each it must publish diagnostics
for that version and answer hover, definition, references, completion,
the outline, formatting and quick fixes (formatting may refuse a text that
does not parse, with the protocol's error for that) within the client's
timeout: no crash, no hang.  Then every input fuzz_lsp once failed on
(tests/fuzz/regressions/lsp/) is asked the same at the edges of its words.

    python3 tests/lsp/prefixes.py TERMS
"""
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lsp import Server  # noqa: E402

TERMS = sys.argv[1]
HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
URI = "file:///work/prefix.terms"
DOC = {"uri": URI}


def end_of(text):
    """The LSP position of the end of text (UTF-16 characters)."""
    lines = text.split("\n")
    return {"line": len(lines) - 1, "character": len(lines[-1].encode("utf-16-le")) // 2}


def word_edges(text):
    word = [c.isalnum() or c == "_" for c in text]
    for i in range(1, len(text)):
        if word[i] != word[i - 1]:
            yield {"line": text.count("\n", 0, i), "character": len(text[text.rfind("\n", 0, i) + 1:i].encode("utf-16-le")) // 2}


def ask(s, version, text, full, places=()):
    s.notify("textDocument/didChange", {"textDocument": {"uri": URI, "version": version},
                                        "contentChanges": [{"text": text}]})
    d = s.notification("textDocument/publishDiagnostics")["params"]
    assert d["uri"] == URI and d["version"] == version, d
    end = end_of(text)
    middle = {"line": end["line"] // 2, "character": 3}
    questions = [("textDocument/hover", {"position": end}),
                 ("textDocument/completion", {"position": end}),
                 ("textDocument/definition", {"position": middle})]
    for p in places:
        questions += [("textDocument/hover", {"position": p}), ("textDocument/definition", {"position": p}),
                      ("textDocument/references", {"position": p, "context": {"includeDeclaration": True}}),
                      ("textDocument/completion", {"position": p})]
    if full:
        questions += [("textDocument/hover", {"position": middle}),
                      ("textDocument/references", {"position": middle, "context": {"includeDeclaration": True}}),
                      ("textDocument/documentSymbol", {}),
                      ("textDocument/formatting", {"options": {"tabSize": 2, "insertSpaces": True}}),
                      ("textDocument/codeAction", {"range": {"start": {"line": 0, "character": 0}, "end": end},
                                                   "context": {"diagnostics": d["diagnostics"]}})]
    for method, params in questions:
        params["textDocument"] = DOC
        r = s.request(method, params)
        if "error" in r and not (method == "textDocument/formatting" and r["error"]["code"] == -32803):
            raise AssertionError("%s on version %d: %s" % (method, version, r["error"]))


def run(name, prefixes, full, edges=False):
    start = time.time()
    s = Server(TERMS)
    s.request("initialize", {"processId": None, "rootUri": None, "capabilities": {}})
    s.notify("initialized", {})
    s.notify("textDocument/didOpen", {"textDocument": {"uri": URI, "languageId": "terms", "version": 0, "text": ""}})
    s.notification("textDocument/publishDiagnostics")
    for version, text in enumerate(prefixes, 1):
        try:
            ask(s, version, text, full, list(word_edges(text)) if edges else ())
        except Exception as e:
            print("FAIL %s, prefix of %d characters: %s" % (name, len(text), e))
            return False
    s.request("shutdown")
    s.notify("exit")
    status, err = s.close()
    if status != 0 or err:
        print("FAIL %s: exit status %d, %s" % (name, status, err))
        return False
    print("%s: %d prefixes in %.1fs" % (name, len(prefixes), time.time() - start))
    return True


district = open(os.path.join(ROOT, "contracts-dsl", "example-district.terms"), encoding="utf-8").read()
lines = district.splitlines(keepends=True)
small = open(os.path.join(HERE, "small.terms"), encoding="utf-8").read()
ok = run("example-district.terms by line", ["".join(lines[:n]) for n in range(len(lines) + 1)], True)
ok &= run("small.terms by character", [small[:n] for n in range(len(small) + 1)], False)
found = os.path.join(ROOT, "tests", "fuzz", "regressions", "lsp")
ok &= run("fuzz_lsp's findings", [open(os.path.join(found, f), encoding="utf-8", errors="replace").read()
                                  for f in sorted(os.listdir(found))], True, edges=True)
sys.exit(0 if ok else 1)
