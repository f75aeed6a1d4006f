// Loads the Terms grammar into vscode-textmate, the engine VS Code itself
// uses, for the scripts that render and check contracts.
'use strict';
const fs = require('fs');
const path = require('path');
const oniguruma = require('vscode-oniguruma');
const textmate = require('vscode-textmate');

const GRAMMAR = path.join(__dirname, '..', 'syntaxes', 'terms.tmLanguage.json');

async function loadGrammar(theme) {
    const wasm = fs.readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
    await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
    const registry = new textmate.Registry({
        onigLib: Promise.resolve({
            createOnigScanner: (sources) => new oniguruma.OnigScanner(sources),
            createOnigString: (s) => new oniguruma.OnigString(s),
        }),
        loadGrammar: async (scopeName) =>
            scopeName === 'source.terms'
                ? textmate.parseRawGrammar(fs.readFileSync(GRAMMAR, 'utf8'), GRAMMAR)
                : null,
        theme,
    });
    return { registry, grammar: await registry.loadGrammar('source.terms') };
}

// Calls visit(lineNumber, lineText, tokens) for each line of text, the
// tokens as vscode-textmate gives them (startIndex, endIndex, scopes).
function tokenize(grammar, text, visit) {
    let stack = textmate.INITIAL;
    text.split(/\r?\n/).forEach((line, i) => {
        const r = grammar.tokenizeLine(line, stack);
        visit(i + 1, line, r.tokens);
        stack = r.ruleStack;
    });
}

module.exports = { loadGrammar, tokenize };
