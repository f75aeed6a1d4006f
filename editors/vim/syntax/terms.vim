" Vim syntax file
" Language:   Terms, the pay terms of labor contracts (*.terms)
" Reference:  docs/language.md; the tokens are those of grammar/lexer.l

if exists("b:current_syntax")
  finish
endif
scriptencoding utf-8
let s:cpo_save = &cpo
set cpo&vim

syn case match
syn iskeyword @,48-57,_

" Of two matches at one place the one defined last wins, and a keyword wins
" over any match: what must win is defined later.

" anything the lexer does not read: stray characters, letters beyond ASCII
syn match termsError "[;@%&{}?\\|^~`'!$]"
syn match termsError "[^\x01-\x7f×÷−–≤≥≠]\+"

syn match termsOperator "<=\|>=\|!=\|[-+*/=<>]\|[×÷−–≤≥≠]"
syn match termsRange "\.\."
syn match termsDelimiter "[,:()[\]]"

" literals
syn match termsNumber "\<\d\+\>"
syn match termsNumber "\d*\.\d\+\>"
syn match termsNumber "\%(\<\d\+\|\d*\.\d\+\)%"
syn match termsBlank "\<N/A\>"
syn match termsDate "\<\d\{4}-\d\d-\d\d\>"
syn match termsMoneyError "\$\d\+\%(,\d\+\)*\%(\.\d\+\)\="
syn match termsMoney "\$\%(\d\{1,3}\%(,\d\{3}\)\+\|\d\+\)\%(\.\d\+\)\=\%(,\=\d\)\@!"
syn match termsBlank "\$_\+"
syn match termsBlank "\<___\+\>"
syn match termsBoolean "\<\%(yes\|no\)\>"
syn match termsType "\<yes/no\>"
syn region termsString start=+"+ skip=+\\.+ end=+"+ end=+$+ oneline contains=termsEscape
syn match termsEscape "\\." contained
" a year's name: in the years line, opening a schedule's year, after `in`
syn match termsYear +\%(^years\s.*\)\@<="\%([^"\\]\|\\.\)*"+ contains=termsEscape
syn match termsYear +^\s\+\zs"\%([^"\\]\|\\.\)*"\ze\s*:\s*\%(#.*\)\=$+ contains=termsEscape
syn match termsYear +\%(\<in\s\+\)\@<="\%([^"\\]\|\\.\)*"+ contains=termsEscape

" words
syn keyword termsDeclaration enum employee param schedule table output example
syn keyword termsKeyword by to cite add given expect
syn keyword termsConditional if then else when
syn keyword termsRepeat for
syn keyword termsOperatorWord and or not in div mod
syn keyword termsUnit cents dollars
syn keyword termsContractYear contract_year
syn match termsHeader "^\%(contract\ze\s\+\"\|term\ze\s\+\d\|years\ze\s\+\"\|rounding\ze\s\)"
syn match termsHeader "^each\s\+year\ze\s*:"
syn match termsRoundingMode "\%(^rounding\s\+\)\@<=half\s\+\%(up\|down\|even\)\>"
syn match termsPolicy "\<\%(at\s\+most\|exactly\)\s\+one\>"
syn match termsType "\<list\s\+of\>"
syn match termsType "\%(^\s\+\h\w*\s*:\s*\)\@<=\<\%(integer\|decimal\|money\|text\|date\)\>"
syn match termsModifier "\%(^schedule\>.*\)\@<=\<clamp\>"
syn match termsBuiltin "\<\%(round\|floor\|ceil\|min\|max\|clamp\|abs\|prorate\|days_between\|years_between\|sum\|count\|any\|all\|next\|previous\|last_year\|retro\)\ze\s*("
syn match termsDeclaration "^\%(function\|record\|check\)\>"
syn match termsKeyword "\<one-time\>"
syn match termsKeyword "^roll-up\>"
syn match termsKeyword "^benefit\ze\s\+\h\w*\s*="
syn keyword termsKeyword from unrounded rounded optional

" the names a line declares
syn match termsDefinition "^\h\w*\ze\s*="
syn match termsComponent "^\h\w*\ze\s*:\s*\%(at\s\+most\|exactly\)\s\+one\>"
syn match termsComponent "^\h\w*\ze\%(\s\+\h\w*\)\=\s\+\%(when\|add\)\>"
syn match termsLabel "\%(^\h\w*\s\+\)\@<=\%(\%(when\|add\)\>\)\@!\h\w*\ze\s\+\%(when\|add\)\>"
syn match termsParamName "\%(^param\s\+\)\@<=\h\w*"
syn match termsTableName "\%(^\%(schedule\|table\)\s\+\)\@<=\h\w*"
syn match termsEnumName "\%(^enum\s\+\)\@<=\h\w*"
syn match termsField "^\s\+\zs\h\w*\ze\s*:"

syn keyword termsTodo TODO FIXME XXX contained
syn match termsComment "#.*$" contains=termsTodo,@Spell

hi def link termsComment      Comment
hi def link termsTodo         Todo
hi def link termsHeader       PreProc
hi def link termsDeclaration  Structure
hi def link termsKeyword      Keyword
hi def link termsConditional  Conditional
hi def link termsRepeat       Repeat
hi def link termsOperatorWord Operator
hi def link termsOperator     Operator
hi def link termsRange        Operator
hi def link termsDelimiter    Delimiter
hi def link termsPolicy       StorageClass
hi def link termsModifier     StorageClass
hi def link termsType         Type
hi def link termsEnumName     Typedef
hi def link termsBuiltin      Function
hi def link termsDefinition   Function
hi def link termsComponent    Function
hi def link termsTableName    Function
hi def link termsParamName    Identifier
hi def link termsField        Identifier
hi def link termsLabel        Label
hi def link termsContractYear Special
hi def link termsUnit         Constant
hi def link termsRoundingMode Constant
hi def link termsBoolean      Boolean
hi def link termsNumber       Number
hi def link termsMoney        Number
hi def link termsDate         Number
hi def link termsBlank        Todo
hi def link termsString       String
hi def link termsYear         Constant
hi def link termsEscape       SpecialChar
hi def link termsMoneyError   Error
hi def link termsError        Error

let b:current_syntax = "terms"
let &cpo = s:cpo_save
unlet s:cpo_save
