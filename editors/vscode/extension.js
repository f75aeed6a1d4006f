// The Terms extension: the grammar and language configuration are declared
// in package.json; this starts the language server, `terms lsp`, which
// checks the contract as it is typed and answers hover, go to definition,
// completion and formatting (Language Server Protocol over stdio).
'use strict';
const vscode = require('vscode');
const { LanguageClient } = require('vscode-languageclient/node');
const { serverCommand, findProgram } = require('./server');

let client = null;

function workspaceFolder() {
    const folders = vscode.workspace.workspaceFolders;
    return folders && folders.length ? folders[0].uri.fsPath : undefined;
}

// Tells the user the server cannot be started, and how to fix it.
async function cannotStart(command, why) {
    const open = 'Open Settings';
    const choice = await vscode.window.showErrorMessage(
        `Terms: cannot start the language server \`${command} lsp\`: ${why}. ` +
            'Highlighting works without it; checking as you type, hover and formatting need it. ' +
            'Install terms, or set terms.path to where it is.',
        open
    );
    if (choice === open) {
        vscode.commands.executeCommand('workbench.action.openSettings', 'terms.path');
    }
}

async function start(output) {
    const server = serverCommand(vscode.workspace.getConfiguration('terms').get('path'), workspaceFolder());
    if (!findProgram(server.command)) {
        // said here rather than by the client, whose message would not say
        // what to do; not awaited, so that activation does not wait for a click
        cannotStart(server.command, /[\\/]/.test(server.command) ? 'no such program' : 'it is not on PATH');
        return;
    }
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
        // the client has shown the error and logged it in the Terms output panel
        client = null;
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
        vscode.workspace.onDidChangeConfiguration((e) =>
            e.affectsConfiguration('terms.path') ? restart(output) : undefined
        )
    );
    return start(output);
}

function deactivate() {
    return stop();
}

module.exports = { activate, deactivate };
