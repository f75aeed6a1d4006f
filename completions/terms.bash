# bash completion for terms(1): commands, each command's options, and the
# files each place takes (contracts *.terms, rosters *.csv).  Needs nothing
# but bash; `make install` puts it where bash-completion finds it, or
# source it from ~/.bashrc.

# _terms_files EXT: files ending in .EXT, and directories to go into.
_terms_files()
{
    local IFS=$'\n'
    compopt -o filenames 2>/dev/null
    COMPREPLY+=($(compgen -d -- "$cur"))
    if [ -n "$1" ]; then
        COMPREPLY+=($(compgen -f -X "!*.$1" -- "$cur"))
    else
        COMPREPLY+=($(compgen -f -- "$cur"))
    fi
}

_terms()
{
    local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]}
    local commands="check eval explain test diff cost solve fmt disasm lsp help"
    COMPREPLY=()
    if [ "$COMP_CWORD" -eq 1 ]; then
        COMPREPLY=($(compgen -W "$commands --help --version" -- "$cur"))
        return
    fi
    local cmd=${COMP_WORDS[1]} opts="" valued=""
    case $cmd in
    check)   opts="--strict --values --columns --help"; valued="--values" ;;
    eval)    opts="--year --set --values -o --output --format --jobs --allow-duplicate-ids --coverage --quiet --records --help"
             valued="--year --set --values -o --output --format --jobs --records" ;;
    explain) opts="--id --year --set --values --format --records --help"; valued="--id --year --set --values --format --records" ;;
    test)    opts="--values --coverage --help"; valued="--values" ;;
    diff)    opts="--roster --year --total --set --values --format --git --allow-duplicate-ids --by --quiet --records --help"
             valued="--roster --year --total --set --values --format --by --records" ;;
    cost)    opts="--baseline --status-quo --years --html --xlsx --total --fte --by --format --employees --hours --turnover --quiet --set --values --allow-duplicate-ids --records --unit --help"
             valued="--baseline --status-quo --years --html --xlsx --total --fte --by --format --employees --hours --turnover --set --values --records --unit" ;;
    solve)   opts="--param --range --step --at-most --at-least --smallest --figure --in --baseline --status-quo --years --total --fte --set --values --allow-duplicate-ids --quiet --help"
             valued="--param --range --step --at-most --at-least --figure --in --baseline --status-quo --years --total --fte --set --values" ;;
    fmt)     opts="--check -w --help" ;;
    lsp)     opts="--help" ;;
    disasm)  opts="--year --set --values --opcodes --help"; valued="--year --set --values" ;;
    help)    [ "$COMP_CWORD" -eq 2 ] && COMPREPLY=($(compgen -W "${commands% help}" -- "$cur"))
             return ;;
    *)       return ;;
    esac

    # the value of the option before the cursor
    case $prev in
    --values|--baseline) _terms_files terms; return ;;
    --roster)            _terms_files csv; return ;;
    --html)              _terms_files html; return ;;
    --xlsx)              _terms_files xlsx; return ;;
    -o|--output)         _terms_files ""; return ;;
    --format)
        case $cmd in
        eval)    COMPREPLY=($(compgen -W "csv jsonl" -- "$cur")) ;;
        explain) COMPREPLY=($(compgen -W "text json" -- "$cur")) ;;
        diff)    COMPREPLY=($(compgen -W "text csv json jsonl" -- "$cur")) ;;
        cost)    COMPREPLY=($(compgen -W "text csv jsonl" -- "$cur")) ;;
        esac
        return ;;
    --years) COMPREPLY=($(compgen -W "all" -- "$cur")); return ;;
    --figure) COMPREPLY=($(compgen -W "total settlement" -- "$cur")); return ;;
    --status-quo) COMPREPLY=($(compgen -W "steps frozen" -- "$cur")); return ;;
    esac
    case " $valued " in *" $prev "*) return ;; esac

    if [[ $cur == -* ]]; then
        COMPREPLY=($(compgen -W "$opts" -- "$cur"))
        return
    fi
    # which argument this is, options and their values left out
    local i n=0
    for ((i = 2; i < COMP_CWORD; i++)); do
        case ${COMP_WORDS[i]} in
        -*) case " $valued " in *" ${COMP_WORDS[i]} "*) ((i++)) ;; esac ;;
        *) ((n++)) ;;
        esac
    done
    case $cmd in
    eval|explain|cost|solve)
        if [ $n -eq 0 ]; then _terms_files terms; elif [ $n -eq 1 ]; then _terms_files csv; fi ;;
    diff)
        [ $n -lt 2 ] && _terms_files terms ;;
    check|disasm)
        [ $n -lt 1 ] && _terms_files terms ;;
    *)
        _terms_files terms ;;
    esac
}

complete -F _terms terms
