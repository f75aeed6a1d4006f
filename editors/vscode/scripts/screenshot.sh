#!/bin/sh
# The screenshot in docs/editors.md: contracts-dsl/example-district.terms
# rendered by scripts/render-html.js (the grammar's tokens in VS Code's Dark+
# colours), the second year of the salary schedule folded, taken with
# headless Chromium (Debian's chromium package).
#   sh editors/vscode/scripts/screenshot.sh [OUT.png]
set -e
here=$(cd "$(dirname "$0")/.." && pwd)
root=$(cd "$here/../.." && pwd)
out=${1:-$root/docs/img/editors-vscode.png}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
node "$here/scripts/render-html.js" "$root/contracts-dsl/example-district.terms" 15-66,82-118 > "$tmp/contract.html"
chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$tmp/profile" --hide-scrollbars --window-size=1200,1752 \
    --screenshot="$out" "file://$tmp/contract.html" 2>/dev/null
echo "wrote $out"
