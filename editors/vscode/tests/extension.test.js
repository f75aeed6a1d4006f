// The parts of the extension that run without VS Code: the command that
// starts the language server and the language configuration's patterns.
'use strict';
const test = require('node:test');
const assert = require('node:assert');
const os = require('os');
const path = require('path');
const fs = require('fs');
const { serverCommand, findProgram } = require('../server');
const config = require('../language-configuration.json');

test('the server is `terms lsp`, terms found on PATH by default', () => {
    assert.deepStrictEqual(serverCommand(undefined, '/w'), { command: 'terms', args: ['lsp'] });
    assert.deepStrictEqual(serverCommand('  ', '/w'), { command: 'terms', args: ['lsp'] });
});

test('terms.path may be absolute, under ~, or relative to the workspace', () => {
    assert.strictEqual(serverCommand('/opt/terms/bin/terms', '/w').command, '/opt/terms/bin/terms');
    assert.strictEqual(serverCommand('~/bin/terms', '/w').command, path.join(os.homedir(), 'bin/terms'));
    assert.strictEqual(serverCommand('build/terms', '/w').command, path.resolve('/w', 'build/terms'));
    assert.strictEqual(serverCommand('terms-dev', '/w').command, 'terms-dev');
});

test('the program is looked for on PATH, or taken as the path it is', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'terms-ext-'));
    const program = path.join(dir, 'terms');
    fs.writeFileSync(program, '#!/bin/sh\n', { mode: 0o755 });
    fs.writeFileSync(path.join(dir, 'notes'), 'not a program\n', { mode: 0o644 });
    try {
        assert.strictEqual(findProgram('terms', `/no/such/folder${path.delimiter}${dir}`), program);
        assert.strictEqual(findProgram('terms', '/no/such/folder'), null);
        assert.strictEqual(findProgram(program, ''), program);
        assert.strictEqual(findProgram(path.join(dir, 'notes'), ''), null);
        assert.strictEqual(findProgram('notes', dir), null);
        assert.strictEqual(findProgram(dir, ''), null);
    } finally {
        fs.rmSync(dir, { recursive: true });
    }
});

test('a line ending with `:` and a schedule or table line open a block', () => {
    const opens = new RegExp(config.indentationRules.increaseIndentPattern);
    for (const line of ['employee:', 'enum Coach:', '  "2024-25":', 'example "A: case #1":',
                        'example "x":   # comment', 'schedule salary by step, lane clamp  cite "Appendix A"',
                        'table stipend by Position']) {
        assert.ok(opens.test(line), line);
    }
    for (const line of ['# Art. V:', 'x = 1  # note:', 'enum Lane: BA, MA', 'longevity: at most one',
                        'example "no colon"', 'base = salary[step, lane]', 'timetable = 5']) {
        assert.ok(!opens.test(line), line);
    }
});

test('a closing bracket at the start of a line goes back one level', () => {
    const closes = new RegExp(config.indentationRules.decreaseIndentPattern);
    assert.ok(closes.test('    )   cite "x"'));
    assert.ok(!closes.test('    * min(a, b)'));
});

test('double-clicking an amount, a date or a name selects all of it', () => {
    const word = new RegExp(config.wordPattern, 'g');
    const words = (s) => s.match(word);
    assert.deepStrictEqual(words('x = $1,234.56 + $___'), ['x', '$1,234.56', '$___']);
    assert.deepStrictEqual(words('d = 2024-07-01'), ['d', '2024-07-01']);
    assert.deepStrictEqual(words('fte >= 0.75'), ['fte', '0.75']);
});
