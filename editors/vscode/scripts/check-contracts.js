// Tokenizes contracts with the grammar and fails if any character outside
// whitespace is left without a scope of its own or is marked invalid: the
// bundled contracts are valid Terms, so the grammar must read all of them.
//   node scripts/check-contracts.js [FILE.terms...]   (default: contracts-dsl/*.terms)
'use strict';
const fs = require('fs');
const path = require('path');
const { loadGrammar, tokenize } = require('./grammar');

function defaultFiles() {
    const dir = path.join(__dirname, '..', '..', '..', 'contracts-dsl');
    return fs.readdirSync(dir).filter((f) => f.endsWith('.terms')).sort().map((f) => path.join(dir, f));
}

async function main() {
    const files = process.argv.length > 2 ? process.argv.slice(2) : defaultFiles();
    const { grammar } = await loadGrammar();
    let problems = 0;
    for (const file of files) {
        tokenize(grammar, fs.readFileSync(file, 'utf8'), (n, line, tokens) => {
            for (const t of tokens) {
                const text = line.slice(t.startIndex, t.endIndex);
                const bare = t.scopes.length === 1;
                const invalid = t.scopes.find((s) => s.startsWith('invalid'));
                if (text.trim() && (bare || invalid)) {
                    problems++;
                    console.log(`${file}:${n}:${t.startIndex + 1}: \`${text.trim()}\` ${bare ? 'has no scope' : 'is ' + invalid}`);
                }
            }
        });
    }
    console.log(`${files.length} contracts read, ${problems} problem(s)`);
    process.exit(problems ? 1 : 0);
}

main().catch((e) => {
    console.error(e);
    process.exit(2);
});
