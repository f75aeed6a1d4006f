// extension.js run against stand-ins for VS Code's API and the language
// client library: which server it starts, when, and what it says when it
// cannot.
'use strict';
const test = require('node:test');
const assert = require('node:assert');
const fs = require('fs');
const os = require('os');
const path = require('path');
const Module = require('module');

// A VS Code with the given settings, recording what the extension does.
function fakeEditor(settings) {
    const seen = { clients: [], errors: [], commands: {}, onConfig: null };
    class LanguageClient {
        constructor(id, name, server, options) {
            this.record = { id, name, server, options, started: false, stopped: false };
            seen.clients.push(this.record);
        }
        async start() {
            this.record.started = true;
        }
        async stop() {
            this.record.stopped = true;
        }
    }
    const vscode = {
        workspace: {
            workspaceFolders: [{ uri: { fsPath: '/work/contracts' } }],
            getConfiguration: (section) => ({ get: (key) => settings[`${section}.${key}`] }),
            onDidChangeConfiguration: (listener) => {
                seen.onConfig = listener;
                return { dispose() {} };
            },
        },
        window: {
            createOutputChannel: () => ({ dispose() {} }),
            showErrorMessage: async (message) => {
                seen.errors.push(message);
                return undefined;
            },
        },
        commands: {
            registerCommand: (id, run) => {
                seen.commands[id] = run;
                return { dispose() {} };
            },
            executeCommand: () => undefined,
        },
    };
    const load = Module._load;
    Module._load = function (request, ...rest) {
        if (request === 'vscode') return vscode;
        if (request === 'vscode-languageclient/node') return { LanguageClient };
        return load.call(this, request, ...rest);
    };
    try {
        delete require.cache[require.resolve('../extension')];
        seen.extension = require('../extension');
    } finally {
        Module._load = load;
    }
    seen.context = { subscriptions: [] };
    return seen;
}

function withProgram(run) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'terms-client-'));
    const program = path.join(dir, 'terms');
    fs.writeFileSync(program, '#!/bin/sh\n', { mode: 0o755 });
    return Promise.resolve(run(program)).finally(() => fs.rmSync(dir, { recursive: true }));
}

test('opening a contract starts `terms lsp` for .terms files', () =>
    withProgram(async (program) => {
        const editor = fakeEditor({ 'terms.path': program });
        await editor.extension.activate(editor.context);
        assert.strictEqual(editor.clients.length, 1);
        const client = editor.clients[0];
        assert.strictEqual(client.id, 'terms');
        assert.deepStrictEqual(client.server, { command: program, args: ['lsp'] });
        assert.deepStrictEqual(client.options.documentSelector.map((d) => d.language), ['terms', 'terms']);
        assert.ok(client.started);
        assert.deepStrictEqual(editor.errors, []);
        await editor.extension.deactivate();
        assert.ok(client.stopped);
    }));

test('a terms that is not there is said once, with what to do, and nothing is started', async () => {
    const editor = fakeEditor({ 'terms.path': 'no-such-terms-program' });
    await editor.extension.activate(editor.context);
    assert.strictEqual(editor.clients.length, 0);
    assert.strictEqual(editor.errors.length, 1);
    assert.match(editor.errors[0], /`no-such-terms-program lsp`: it is not on PATH/);
    assert.match(editor.errors[0], /terms\.path/);
});

test('the restart command and a new terms.path start a new server', () =>
    withProgram(async (program) => {
        const settings = { 'terms.path': program };
        const editor = fakeEditor(settings);
        await editor.extension.activate(editor.context);
        await editor.commands['terms.restartServer']();
        assert.strictEqual(editor.clients.length, 2);
        assert.ok(editor.clients[0].stopped && editor.clients[1].started);

        settings['terms.path'] = path.join(path.dirname(program), 'missing');
        await editor.onConfig({ affectsConfiguration: (name) => name === 'terms.path' });
        assert.ok(editor.clients[1].stopped);
        assert.strictEqual(editor.clients.length, 2);
        assert.match(editor.errors[0], /missing lsp`: no such program/);

        await editor.onConfig({ affectsConfiguration: () => false });
        assert.strictEqual(editor.errors.length, 1);
    }));
