" Vim filetype plugin for Terms contracts (*.terms)
if exists("b:did_ftplugin")
  finish
endif
let b:did_ftplugin = 1

" # comments; blocks are marked by indentation, made of spaces (docs/language.md)
setlocal commentstring=#\ %s
setlocal comments=:#
setlocal formatoptions-=t formatoptions+=croql
setlocal expandtab shiftwidth=2 softtabstop=2

let b:undo_ftplugin = "setlocal commentstring< comments< formatoptions< expandtab< shiftwidth< softtabstop<"
