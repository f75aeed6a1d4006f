# The folders are layers, and the #include lines keep to them: a folder
# includes only from the folders its SEES_ line in the Makefile lists
# (itself and those below it), and the folder graph drawn from the
# includes has no cycle.  The order is written once, in the Makefile; this
# reads it from there.  Then the same check on small made-up trees, which
# it must refuse.
set -u
fail() { echo "$*"; exit 1; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT

# check_layers ROOT: prints what is wrong with ROOT's layers; fails if any
check_layers() (
  root=$1 w=$(mktemp -d "$tmp/w.XXXXXX")
  : >"$w/wrong"
  # "x y $(SEES_z)..." from SEES_x = y $(SEES_z)..., and each list expanded
  sed -n 's/^SEES_\([a-z]*\) *= *\(.*\)$/\1 \2/p' "$root/Makefile" >"$w/lines"
  [ -s "$w/lines" ] || { echo "no SEES_ lines in the Makefile"; exit 1; }
  layers=$(cut -d' ' -f1 "$w/lines")
  sees() { # (depth guards a list that names itself; make refuses those too)
    [ "${2:-0}" -lt 20 ] || return 0
    for s in $(sed -n "s/^$1 //p" "$w/lines"); do
      case $s in
        '$(SEES_'*')') s=${s#'$(SEES_'}; sees "${s%)}" $((${2:-0} + 1)) ;;
        *) echo "$s" ;;
      esac
    done
  }
  for l in $layers; do sees "$l" | sort -u >"$w/sees.$l"; done

  # the order itself: each layer sees itself, and no two see each other
  : >"$w/order"
  for l in $layers; do
    grep -qx "$l" "$w/sees.$l" || echo "the Makefile's SEES_$l does not list $l itself" >>"$w/wrong"
    while read -r s; do [ "$s" = "$l" ] || echo "$s $l" >>"$w/order"; done <"$w/sees.$l"
  done
  tsort <"$w/order" >/dev/null 2>"$w/err" || echo "the Makefile's SEES_ lines go round in a circle:" $(sed -n 's/^tsort: \([a-z]*\)$/\1/p' "$w/err") >>"$w/wrong"

  # every header, "name layer"; the generated parser.h and lexer.h are grammar's
  for l in $layers; do
    [ -d "$root/$l" ] && find "$root/$l" -name node_modules -prune -o -name '*.h' -print | sed "s|.*/||; s|\$| $l|"
  done >"$w/headers"
  printf 'parser.h grammar\nlexer.h grammar\n' >>"$w/headers"

  : >"$w/edges"
  for l in $layers; do
    [ -d "$root/$l" ] || continue
    find "$root/$l" -name node_modules -prune -o -type f \( -name '*.[ch]' -o -name '*.[yl]' \) -print | sort |
    while read -r f; do
      sed -n 's/^[ \t]*#[ \t]*include[ \t]*"\([^"]*\)".*/\1/p' "$f" | while read -r h; do
        [ -e "$(dirname "$f")/$h" ] && continue # beside the file, in its own folder
        homes=$(grep "^${h##*/} " "$w/headers" | cut -d' ' -f2 | sort -u)
        case $homes in
          '') echo "${f#"$root"/} includes \"$h\", which no layer holds" ;;
          *[!a-z]*) echo "${f#"$root"/} includes \"$h\", which more than one layer holds:" $homes ;;
          "$l") ;;
          *)
            echo "$homes $l" >>"$w/edges"
            grep -qx "$homes" "$w/sees.$l" ||
              echo "${f#"$root"/} includes \"$h\" from $homes/, which $l/ may not see (it sees" $(cat "$w/sees.$l")")" ;;
        esac
      done
    done
  done >>"$w/wrong"
  tsort <"$w/edges" >/dev/null 2>"$w/err" || echo "the includes go round in a circle:" $(sed -n 's/^tsort: \([a-z]*\)$/\1/p' "$w/err") >>"$w/wrong"
  cat "$w/wrong"
  [ ! -s "$w/wrong" ]
)

check_layers . >"$tmp/out" || fail "$(cat "$tmp/out")"

# made-up trees: low/ below high/
mk() { rm -rf "$tmp/t"; mkdir -p "$tmp/t/low" "$tmp/t/high"; printf '%s\n' "$@" >"$tmp/t/Makefile"
       echo '#include "low.h"' >"$tmp/t/high/high.c"; : >"$tmp/t/low/low.h"; : >"$tmp/t/high/high.h"; }
mk 'SEES_low = low' 'SEES_high = high $(SEES_low)'
check_layers "$tmp/t" >"$tmp/out" || fail "a tree that keeps to its layers refused: $(cat "$tmp/out")"
echo '#include "high.h"' >"$tmp/t/low/low.c"
check_layers "$tmp/t" >"$tmp/out" && fail "an include upward passed"
grep -q 'low/low.c includes "high.h" from high/, which low/ may not see (it sees low)' "$tmp/out" || fail "upward: $(cat "$tmp/out")"
mk 'SEES_low = low $(SEES_high)' 'SEES_high = high low'
check_layers "$tmp/t" >"$tmp/out" && fail "layers that see each other passed"
grep -q 'go round in a circle' "$tmp/out" || fail "circle: $(cat "$tmp/out")"
mk 'SEES_low = low' 'SEES_high = high $(SEES_low)'
echo '#include "nowhere.h"' >"$tmp/t/high/high.c"
check_layers "$tmp/t" >"$tmp/out" && fail "an include of a header no layer holds passed"
grep -q 'high/high.c includes "nowhere.h", which no layer holds' "$tmp/out" || fail "nowhere: $(cat "$tmp/out")"
exit 0
