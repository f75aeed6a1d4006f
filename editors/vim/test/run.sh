#!/bin/sh
# Tests the Vim package headless (editors/vim/test/run.vim) in Vim, and in
# Neovim too where it is installed; exits 0 when they pass.
cd "$(dirname "$0")/../../.." || exit 2
command -v vim >/dev/null || { echo "run.sh: vim is not installed (apt-get install vim)" >&2; exit 1; }
report=$(mktemp)
trap 'rm -f "$report"' EXIT
status=0
for editor in vim nvim; do
    command -v $editor >/dev/null || continue
    : > "$report"
    $editor -Es -N -u NONE -i NONE --cmd "let g:report = '$report'" --cmd 'set rtp^=editors/vim' \
        -S editors/vim/test/run.vim || { echo "failed (exit status $?)" >> "$report"; status=1; }
    sed "s/^/$editor: /" "$report"
done
exit $status
