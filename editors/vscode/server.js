// The command the extension runs as its language server, kept apart from
// extension.js (which needs VS Code) so that it can be tested with node.
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');

// `terms lsp`, terms being the setting terms.path: a name looked up on PATH
// (the default, `terms`), an absolute path, a path under the home folder
// written ~/..., or a path relative to the workspace folder (build/terms).
function serverCommand(setting, workspaceFolder) {
    let command = (setting || '').trim() || 'terms';
    if (command === '~' || command.startsWith('~/')) {
        command = path.join(os.homedir(), command.slice(1));
    } else if (/[\\/]/.test(command) && !path.isAbsolute(command) && workspaceFolder) {
        command = path.resolve(workspaceFolder, command);
    }
    return { command, args: ['lsp'] };
}

// The file that command runs: command itself when it is a path, else the
// first executable of that name in the folders of PATH; null when none is.
function findProgram(command, pathVariable = process.env.PATH || '') {
    const candidates = /[\\/]/.test(command)
        ? [command]
        : pathVariable.split(path.delimiter).filter(Boolean).map((dir) => path.join(dir, command));
    for (const file of candidates) {
        try {
            fs.accessSync(file, fs.constants.X_OK);
            if (fs.statSync(file).isFile()) {
                return file;
            }
        } catch (err) {
            // not there, or not executable: try the next folder
        }
    }
    return null;
}

module.exports = { serverCommand, findProgram };
