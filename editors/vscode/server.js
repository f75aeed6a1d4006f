// The command the extension runs as its language server, kept apart from
// extension.js (which needs VS Code) so that it can be tested with node.
'use strict';
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

module.exports = { serverCommand };
