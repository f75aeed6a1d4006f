" Vim indent file
" Language:   Terms, the pay terms of labor contracts (*.terms)
"
" A line ending in `:` opens a block (employee:, a schedule's "2024-25":,
" example "...":), and so does a schedule or table line: the next line goes
" one level in.  Inside an open bracket a line lines up after the bracket; a
" line ending with an operator, a comma or a word such as `and` continues on
" the next, two levels in.  Otherwise a line keeps the indentation of the
" statement above it: where a block ends is for the writer to say.

if exists("b:did_indent")
  finish
endif
let b:did_indent = 1

setlocal autoindent
setlocal indentexpr=GetTermsIndent(v:lnum)
setlocal indentkeys=0),0],!^F,o,O

let b:undo_indent = "setlocal autoindent< indentexpr< indentkeys<"

if exists("*GetTermsIndent")
  finish
endif

let s:cpo_save = &cpo
set cpo&vim

" The line's code: each string's bytes replaced by x (so that what is left
" is at its place), the comment and trailing blanks removed.
function! s:Code(lnum) abort
  let line = substitute(getline(a:lnum), '"\%([^"\\]\|\\.\)*"', '\=repeat("x", strlen(submatch(0)))', 'g')
  return substitute(substitute(line, '#.*$', '', ''), '\s\+$', '', '')
endfunction

" The nearest line above lnum that has code, or 0.
function! s:PrevCode(lnum) abort
  let lnum = prevnonblank(a:lnum - 1)
  while lnum > 0 && getline(lnum) =~ '^\s*#'
    let lnum = prevnonblank(lnum - 1)
  endwhile
  return lnum
endfunction

" Where the bracket still open at the end of line lnum is, counted over the
" lines from start: [line, column], or [0, 0].
function! s:OpenBracket(start, lnum) abort
  let open = []
  for l in range(a:start, a:lnum)
    let code = s:Code(l)
    for i in range(len(code))
      if code[i] =~ '[([]'
        call add(open, [l, i])
      elseif code[i] =~ '[)\]]' && !empty(open)
        call remove(open, -1)
      endif
    endfor
  endfor
  return empty(open) ? [0, 0] : open[-1]
endfunction

let s:continues = '\%([-+*/=<>,]\|\<\%(and\|or\|not\|if\|then\|else\|when\|add\|in\)\)$'

" Whether line lnum opens a block: it ends in `:` or names a schedule or table.
function! s:OpensBlock(lnum) abort
  let code = s:Code(a:lnum)
  return code =~ ':$' || code =~ '^\%(schedule\|table\)\>'
endfunction

" The first line of the statement that line lnum belongs to: a line
" continues the one above it if that one ends with an operator or a comma,
" or if it is deeper and that one does not open a block.
function! s:StatementStart(lnum) abort
  let start = a:lnum
  for i in range(50)
    let prev = s:PrevCode(start)
    if prev == 0 || s:OpensBlock(prev)
      break
    endif
    if indent(start) <= indent(prev) && s:Code(prev) !~ s:continues
      break
    endif
    let start = prev
  endfor
  return start
endfunction

" The line that opens the block line lnum is in, or 0.
function! s:BlockOpener(lnum) abort
  let l = s:PrevCode(a:lnum)
  while l > 0 && indent(l) >= indent(a:lnum)
    let l = s:PrevCode(l)
  endwhile
  return l
endfunction

function! GetTermsIndent(lnum) abort
  let prev = s:PrevCode(a:lnum)
  if prev == 0
    return 0
  endif
  let start = s:StatementStart(prev)
  let [bl, bc] = s:OpenBracket(start, prev)
  if bl > 0
    " a closing bracket that starts the line goes under the opening one's line
    if getline(a:lnum) =~ '^\s*[)\]]'
      return indent(bl)
    endif
    return strdisplaywidth(strpart(getline(bl), 0, bc)) + 1
  endif
  if s:OpensBlock(prev)
    return indent(prev) + shiftwidth()
  endif
  if s:Code(prev) =~ s:continues
    " an enum's members may be listed one a line, each ending with a comma
    if prev != start || s:Code(s:BlockOpener(prev)) =~ '^enum\>'
      return indent(prev)
    endif
    return indent(prev) + 2 * shiftwidth()
  endif
  return indent(start)
endfunction

let &cpo = s:cpo_save
unlet s:cpo_save
