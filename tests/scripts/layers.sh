# The house: src/ is laid out by layer, and arrows run one way, from the front
# ends down. A file may include headers of its own layer and of the layers
# below it, never of one above. And only the sinks write to stdout or stderr:
# every word the shell says is an event.
. "$top_srcdir/tests/scripts/lib.sh"

# Top to bottom; output and net stand side by side above the notation.
rank() {
	case $1 in
	front) echo 6 ;;
	commands) echo 5 ;;
	shell) echo 4 ;;
	output|net) echo 3 ;;
	notation) echo 2 ;;
	base) echo 1 ;;
	*) echo 0 ;;
	esac
}

src=$top_srcdir/src
# Each header's layer, once.
declare -A layer_of
for h in "$src"/*/*.h; do
	layer_of[$(basename "$h")]=$(basename "$(dirname "$h")")
done
n=0
for f in "$src"/*/*.[ch]; do
	layer=$(basename "$(dirname "$f")")
	r=$(rank "$layer")
	[ "$r" -gt 0 ] || { fail "$f: in no layer ($layer)"; continue; }
	while read -r h; do
		[ -z "$h" ] || [ "$h" = config.h ] && continue
		hl=${layer_of[$h]:-}
		[ -n "$hl" ] || { fail "$f includes $h, which is in no layer"; continue; }
		hr=$(rank "$hl")
		n=$((n + 1))
		if [ "$hr" -gt "$r" ]; then
			fail "$layer/$(basename "$f") includes $hl/$h: an arrow up"
		elif [ "$hr" -eq "$r" ] && [ "$hl" != "$layer" ]; then
			fail "$layer/$(basename "$f") includes $hl/$h: output and net stay apart"
		fi
	done < <(sed -n 's/^#include "\([^"]*\)".*/\1/p' "$f")
done
[ "$n" -gt 50 ] || fail "only $n includes checked: is src/ where it should be?"
ls "$src"/*.c > /dev/null 2>&1 && fail "files outside the layers: $(ls "$src"/*.c)"

# Stray writers: only the terminal sink writes to stdout and stderr. A call
# that prints, or names a standard stream, anywhere else fails. (Readline's
# line reader hands Readline its own stream, rl_outstream.)
pattern='\b(printf|vprintf|puts|putchar|perror|err|errx|warn|warnx)[[:space:]]*\(|\b(stdout|stderr|STDOUT_FILENO|STDERR_FILENO)\b|\bwrite[[:space:]]*\([[:space:]]*[12][[:space:]]*,'
# String literals and comments are words, not writes: left out of the search.
for f in "$src"/*/*.c; do
	sed -E 's/"([^"\\]|\\.)*"/""/g' "$f" | grep -nE "$pattern" | sed "s|^|$f:|"
done |
	grep -v '^[^:]*/output/term\.c:' |
	grep -vE 'dup2\(' |
	grep -vE '^[^:]*:[0-9]+:[[:space:]]*(/?\*|//)' |
	grep -vE 'isatty\((STDOUT|STDERR)_FILENO\)|ioctl\(STDOUT_FILENO, TIOCGWINSZ' |
	grep -vE '^[^:]*/front/lineread-readline\.c:.*rl_outstream' > "$TMP/stray"
[ -s "$TMP/stray" ] && fail "writes outside the sinks:
$(cat "$TMP/stray")"
# The pattern itself must catch what it is for.
printf 'int main(void) { printf("x"); fputs("y", stderr); }\n' > "$TMP/probe.c"
grep -qE "$pattern" "$TMP/probe.c" || fail "the stray-writer pattern misses printf"
done_testing
