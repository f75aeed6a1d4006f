// Renders a contract as VS Code shows it with this grammar: the grammar's
// tokens, coloured as VS Code's default dark theme (Dark+) colours these
// scopes, as a standalone HTML page (docs/editors.md has the screenshot).
//   node scripts/render-html.js FILE.terms [FIRST-LAST[,FIRST-LAST...]] > out.html
// With several ranges of lines, the lines between them are shown folded, as
// VS Code folds a block (at the end of the line before them).
'use strict';
const fs = require('fs');
const path = require('path');
const { loadGrammar } = require('./grammar');
const textmate = require('vscode-textmate');

const DEFAULT_FG = '#D4D4D4';
const BACKGROUND = '#1E1E1E';
// The Dark+ colour of each scope this grammar gives; the most specific
// selector wins, as in VS Code.
const THEME = {
    name: 'Dark+ (the colours of the scopes Terms uses)',
    settings: [
        { settings: { foreground: DEFAULT_FG, background: BACKGROUND } },
        { scope: 'comment', settings: { foreground: '#6A9955' } },
        { scope: 'string', settings: { foreground: '#CE9178' } },
        { scope: 'constant.character.escape', settings: { foreground: '#D7BA7D' } },
        { scope: 'constant.numeric', settings: { foreground: '#B5CEA8' } },
        { scope: 'constant.language', settings: { foreground: '#569CD6' } },
        { scope: ['keyword', 'storage', 'storage.type', 'storage.modifier'], settings: { foreground: '#569CD6' } },
        { scope: 'keyword.control', settings: { foreground: '#C586C0' } },
        { scope: 'keyword.operator', settings: { foreground: '#D4D4D4' } },
        { scope: 'keyword.operator.wordlike', settings: { foreground: '#569CD6' } },
        { scope: ['entity.name.function', 'support.function'], settings: { foreground: '#DCDCAA' } },
        { scope: ['entity.name.type', 'support.type'], settings: { foreground: '#4EC9B0' } },
        { scope: 'entity.name.label', settings: { foreground: '#C8C8C8' } },
        { scope: 'variable', settings: { foreground: '#9CDCFE' } },
        { scope: ['variable.other.constant', 'variable.other.enummember'], settings: { foreground: '#4FC1FF' } },
        { scope: 'variable.language', settings: { foreground: '#569CD6' } },
        { scope: 'invalid', settings: { foreground: '#F44747' } },
    ],
};

// vscode-textmate packs a token's style into one number (its
// EncodedTokenAttributes): font style in bits 11-14, colour index in 15-23.
const fontStyleOf = (meta) => (meta >>> 11) & 0xf;
const foregroundOf = (meta) => (meta >>> 15) & 0x1ff;

const escapeHtml = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function span(text, meta, colors) {
    const style = [`color:${colors[foregroundOf(meta)]}`];
    const font = fontStyleOf(meta);
    if (font & 1) style.push('font-style:italic');
    if (font & 2) style.push('font-weight:bold');
    if (font & 4) style.push('text-decoration:underline');
    return `<span style="${style.join(';')}">${escapeHtml(text)}</span>`;
}

async function main() {
    const [file, range] = process.argv.slice(2);
    if (!file) {
        console.error('usage: node scripts/render-html.js FILE.terms [FIRST-LAST[,FIRST-LAST...]] > out.html');
        process.exit(2);
    }
    const { registry, grammar } = await loadGrammar(THEME);
    const colors = registry.getColorMap();
    const lines = fs.readFileSync(file, 'utf8').replace(/\t/g, '    ').split(/\r?\n/);
    const ranges = (range || `1-${lines.length}`).split(',').map((r) => r.split('-').map(Number));
    const shown = (n) => ranges.some(([first, last]) => n >= first && n <= last);
    const rows = [];
    let stack = textmate.INITIAL;
    lines.forEach((line, i) => {
        const r = grammar.tokenizeLine2(line, stack);
        stack = r.ruleStack;
        if (!shown(i + 1)) return;
        let html = '';
        for (let k = 0; k < r.tokens.length; k += 2) {
            const end = k + 2 < r.tokens.length ? r.tokens[k + 2] : line.length;
            html += span(line.slice(r.tokens[k], end), r.tokens[k + 1], colors);
        }
        const folded = i + 2 <= lines.length && !shown(i + 2) && ranges.some(([first]) => first > i + 2);
        rows.push(`<div class="l"><span class="n">${i + 1}</span>${html}${folded ? '<span class="fold">⋯</span>' : ''}</div>`);
    });
    process.stdout.write(`<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>${escapeHtml(path.basename(file))}</title>
<style>
body { margin: 0; background: ${BACKGROUND}; color: ${DEFAULT_FG}; }
.tab { font: 13px sans-serif; color: #FFFFFF; background: ${BACKGROUND}; border-top: 1px solid #0078D4;
       display: inline-block; padding: 8px 16px; }
.bar { background: #252526; }
pre { margin: 0; padding: 6px 0; font: 14px/19px "DejaVu Sans Mono", monospace; white-space: pre; }
.fold { margin-left: 4px; padding: 0 4px; color: #C5C5C5; background: #3A3D41; border-radius: 3px; }
.n { display: inline-block; width: 4em; padding-right: 1.5em; text-align: right; color: #858585; }
</style></head>
<body><div class="bar"><span class="tab">${escapeHtml(path.basename(file))}</span></div>
<pre>${rows.join('')}</pre>
</body></html>
`);
}

main().catch((e) => {
    console.error(e);
    process.exit(1);
});
