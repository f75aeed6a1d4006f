#!/bin/sh
# Tests the Vim package headless (editors/vim/test/run.vim); exits 0 when they pass.
cd "$(dirname "$0")/../../.." || exit 2
exec vim -Es -N -u NONE -i NONE --cmd 'set rtp^=editors/vim' -S editors/vim/test/run.vim
