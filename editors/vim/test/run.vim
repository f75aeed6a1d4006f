" The Vim package's tests, run headless by editors/vim/test/run.sh (in Vim,
" and in Neovim where it is installed): the filetype, the syntax group at
" chosen places of sample.terms, and the indentation of the line after each
" of a set of lines.
let s:failures = []

function! s:Check(what, got, want) abort
  if a:got !=# a:want
    call add(s:failures, printf('%s: got %s, expected %s', a:what, string(a:got), string(a:want)))
  endif
endfunction

filetype plugin indent on
syntax on
edit editors/vim/test/sample.terms
call s:Check('filetype', &filetype, 'terms')
call s:Check('commentstring', &commentstring, '# %s')
call s:Check('expandtab', &expandtab, 1)

" [the start of a line, a text in it, the group of each of its characters]
let s:syntax = [
  \ ['# A contract', 'A contract', 'termsComment'],
  \ ['# A contract', 'TODO', 'termsTodo'],
  \ ['contract', 'contract', 'termsHeader'],
  \ ['contract', '"Sample', 'termsString'],
  \ ['contract', '\"', 'termsEscape'],
  \ ['term', 'term', 'termsHeader'],
  \ ['term', '2024-07-01', 'termsDate'],
  \ ['term', 'to', 'termsKeyword'],
  \ ['years', 'years', 'termsHeader'],
  \ ['years', '"2025-26"', 'termsYear'],
  \ ['rounding', 'rounding', 'termsHeader'],
  \ ['rounding', 'half even', 'termsRoundingMode'],
  \ ['rounding', 'dollars', 'termsUnit'],
  \ ['enum Lane', 'enum', 'termsDeclaration'],
  \ ['enum Lane', 'Lane', 'termsEnumName'],
  \ ['enum Lane', ',', 'termsDelimiter'],
  \ ['  band "Sr', '"Sr. High Band"', 'termsString'],
  \ ['employee', 'employee', 'termsDeclaration'],
  \ ['  id: text', 'id', 'termsField'],
  \ ['  id: text', 'text', 'termsType'],
  \ ['  lane: Lane', '# an enum', 'termsComment'],
  \ ['  step: integer', 'integer', 'termsType'],
  \ ['  step: integer', '15', 'termsNumber'],
  \ ['  lead: yes/no', 'yes/no', 'termsType'],
  \ ['  jobs: list', 'list of', 'termsType'],
  \ ['param rate', 'param', 'termsDeclaration'],
  \ ['param rate', 'rate', 'termsParamName'],
  \ ['param rate', '7.5', 'termsNumber'],
  \ ['param rate', 'cite', 'termsKeyword'],
  \ ['param rate', '"Art. V §3"', 'termsString'],
  \ ['param min_pay', '$33.50', 'termsMoney'],
  \ ['param min_pay', '/', 'termsOperator'],
  \ ['param lead_pay', '$___', 'termsBlank'],
  \ ['param points', '___', 'termsBlank'],
  \ ['schedule', 'schedule', 'termsDeclaration'],
  \ ['schedule', 'salary', 'termsTableName'],
  \ ['schedule', 'by', 'termsKeyword'],
  \ ['schedule', 'clamp', 'termsModifier'],
  \ ['  "2024-25"', '"2024-25"', 'termsYear'],
  \ ['    1     $42', '$42,000', 'termsMoney'],
  \ ['table', 'stipend', 'termsTableName'],
  \ ['  debate   $', '$___', 'termsBlank'],
  \ ['longevity:', 'longevity', 'termsComponent'],
  \ ['longevity:', 'at most one', 'termsPolicy'],
  \ ['longevity I', 'longevity', 'termsComponent'],
  \ ['longevity I', 'I', 'termsLabel'],
  \ ['longevity I', 'when', 'termsConditional'],
  \ ['longevity I', '..', 'termsRange'],
  \ ['longevity I', 'and', 'termsOperatorWord'],
  \ ['longevity I', 'not', 'termsOperatorWord'],
  \ ['longevity I', 'add', 'termsKeyword'],
  \ ['longevity I', '$1,000', 'termsMoney'],
  \ ['bonus', 'bonus', 'termsComponent'],
  \ ['bonus', '>=', 'termsOperator'],
  \ ['bonus', '0.5', 'termsNumber'],
  \ ['base', 'base', 'termsDefinition'],
  \ ['base', '[', 'termsDelimiter'],
  \ ['extra', 'sum', 'termsBuiltin'],
  \ ['extra', 'for', 'termsRepeat'],
  \ ['extra', 'if', 'termsConditional'],
  \ ['extra', '!=', 'termsOperator'],
  \ ['extra', 'count', 'termsBuiltin'],
  \ ['start', 'contract_year', 'termsContractYear'],
  \ ['start', 'then', 'termsConditional'],
  \ ['start', '2025-07-01', 'termsDate'],
  \ ['wrong', '$40,00', 'termsMoneyError'],
  \ ['wrong', '5%', 'termsNumber'],
  \ ['function half', 'function', 'termsDeclaration'],
  \ ['function half', 'div', 'termsOperatorWord'],
  \ ['record session', 'record', 'termsDeclaration'],
  \ ['one-time', 'one-time', 'termsKeyword'],
  \ ['one-time', 'last_year', 'termsBuiltin'],
  \ ['one-time', '4%', 'termsNumber'],
  \ ['roll-up', 'roll-up', 'termsKeyword'],
  \ ['roll-up', '1.45%', 'termsNumber'],
  \ ['benefit', 'benefit', 'termsKeyword'],
  \ ['wrong', 'ï', 'termsError'],
  \ ['unit', '×', 'termsOperator'],
  \ ['unit', '÷', 'termsOperator'],
  \ ['unit', '−', 'termsOperator'],
  \ ['output', 'output', 'termsDeclaration'],
  \ ['each year', 'each year', 'termsHeader'],
  \ ['each year', 'min', 'termsBuiltin'],
  \ ['example', 'example', 'termsDeclaration'],
  \ ['example', '"A: case #1"', 'termsString'],
  \ ['  given', 'given', 'termsKeyword'],
  \ ['  given', 'yes', 'termsBoolean'],
  \ ['  expect', 'expect', 'termsKeyword'],
  \ ['  expect', 'in', 'termsOperatorWord'],
  \ ['  expect', '"2024-25"', 'termsYear'],
  \ ]

for [start, text, group] in s:syntax
  let lnum = match(getline(1, '$'), '^\V' . escape(start, '\'))
  if lnum < 0
    call add(s:failures, printf('no line starts with %s', string(start)))
    continue
  endif
  let lnum += 1
  let col = stridx(getline(lnum), text) + 1
  for c in range(col, col + strlen(text) - 1)
    let got = synIDattr(synID(lnum, c, 1), 'name')
    if got !=# group
      call add(s:failures, printf('line %d (%s), column %d of %s: got %s, expected %s',
            \ lnum, start, c, string(text), string(got), group))
      break
    endif
  endfor
endfor

" [the lines above, the indentation of the next line]
let s:indent = [
  \ [['employee:'], 2],
  \ [['employee:', '  id: text'], 2],
  \ [['employee:', '  lane: Lane   # an enum:'], 2],
  \ [['schedule salary by step, lane  cite "Appendix A"'], 2],
  \ [['schedule salary by step, lane', '  "2024-25":'], 4],
  \ [['schedule salary by step, lane', '  "2024-25":', '    step  BA  MA'], 4],
  \ [['table stipend by Position'], 2],
  \ [['enum Coach:'], 2],
  \ [['enum Coach:', '  ms_head "Head",'], 2],
  \ [['enum Coach:', '  ms_head "Head",', '  ms_asst "Assistant",'], 2],
  \ [['output id, name,'], 4],
  \ [['output id, name,', '    base, total,'], 4],
  \ [['output id, name,', '    base, total'], 0],
  \ [['example "A: case #1":'], 2],
  \ [['example "x":', '  given a = 1,'], 6],
  \ [['example "x":', '  given a = 1,', '      b = 2'], 2],
  \ [['# Art. V:'], 0],
  \ [['x = 1   # note:'], 0],
  \ [['longevity: at most one'], 0],
  \ [['extra = round(hourly_rate'], 14],
  \ [['extra = round(a × rate'], 14],
  \ [['extra = round(hourly_rate', '              * min(a, b))   cite "x"'], 0],
  \ [['total = a +'], 4],
  \ [['total = a +', '    b +'], 4],
  \ [['total = a +', '    b'], 0],
  \ [['longevity I when years >= 10 and', '    district_years >= 5'], 0],
  \ [['example "x":', '  expect a = 1', ''], 2],
  \ ]

for [lines, want] in s:indent
  enew!
  setfiletype terms
  call setline(1, lines + ['x'])
  let v:lnum = len(lines) + 1
  call s:Check(printf('indent after %s', string(lines)), eval(&indentexpr), want)
endfor

" a closing bracket that starts a line goes back to the line that opened it
enew!
setfiletype terms
call setline(1, ['  x = f(a,', '        b', ')'])
let v:lnum = 3
call s:Check('indent of a closing bracket', eval(&indentexpr), 2)

" typing a line after `employee:` indents it
enew!
setfiletype terms
call setline(1, ['employee:'])
execute "normal! Goid: text\<Esc>"
call s:Check('the line typed after employee:', getline(2), '  id: text')

" the report goes to the file run.sh names: writing to /dev/stdout would
" open the output anew, at its own offset, and overwrite what others wrote
if empty(s:failures)
  call writefile([(len(s:syntax) + len(s:indent) + 6) . ' checks passed'], g:report)
  qall!
endif
call writefile(s:failures, g:report)
cquit!
