// The Terms extension: the grammar and language configuration are declared
// in package.json; this starts the language server, `terms lsp`, which
// checks the contract as it is typed and answers hover, go to definition,
// completion and formatting (Language Server Protocol over stdio).
'use strict';
const vscode = require('vscode');
const { LanguageClient } = require('vscode-languageclient/node');
const { serverCommand } = require('./server');

let client = null;

function workspaceFolder() {
    const folders = vscode.workspace.workspaceFolders;
    return folders && folders.length ? folders[0].uri.fsPath : undefined;
}

async function start(output) {
    const server = serverCommand(vscode.workspace.getConfiguration('terms').get('path'), workspaceFolder());
    // the id `terms` makes the client read the setting terms.trace.server
    client = new LanguageClient('terms', 'Terms', server, {
        documentSelector: [
            { scheme: 'file', language: 'terms' },
            { scheme: 'untitled', language: 'terms' },
        ],
        outputChannel: output,
    });
    try {
        await client.start();
    } catch (err) {
        client = null;
        const open = 'Open Settings';
        const choice = await vscode.window.showErrorMessage(
            `Terms: could not start \`${server.command} lsp\` (${err.message}). ` +
                'Highlighting works without it; checking as you type, hover and formatting need it. ' +
                'Set terms.path to the terms program.',
            open
        );
        if (choice === open) {
            vscode.commands.executeCommand('workbench.action.openSettings', 'terms.path');
        }
    }
}

async function stop() {
    const running = client;
    client = null;
    if (running) {
        try {
            await running.stop();
        } catch (err) {
            // a server that never started or already exited has nothing to stop
        }
    }
}

async function restart(output) {
    await stop();
    await start(output);
}

function activate(context) {
    const output = vscode.window.createOutputChannel('Terms');
    context.subscriptions.push(
        output,
        vscode.commands.registerCommand('terms.restartServer', () => restart(output)),
        vscode.workspace.onDidChangeConfiguration((e) => {
            if (e.affectsConfiguration('terms.path')) {
                restart(output);
            }
        })
    );
    return start(output);
}

function deactivate() {
    return stop();
}

module.exports = { activate, deactivate };
