# Korean at a real terminal: Hangul is two columns wide, and `fds` and `help`
# still line up: every row's columns start where the heading's do, help's
# summaries start in one column and wrap within the terminal's 120 columns.
. "$top_srcdir/tests/tty/lib.sh"

ko=$(locale -a 2>/dev/null | grep -i -m1 '^ko_KR\.utf-\?8$')
[ -n "$ko" ] || skip "the ko_KR.UTF-8 locale is not generated (locale-gen ko_KR.UTF-8)"
unset LC_ALL LANGUAGE LC_MESSAGES
export LANG=$ko

# cols LINE: each field of LINE (fields are parted by two spaces or more) as
# "COLUMN FIELD", COLUMN counted in display columns (Hangul two each).
cols() {
	local line=$1 pre=""
	while [[ $line =~ ^(\ *)([^ ]+( [^ ]+)*)(.*)$ ]]; do
		pre+=${BASH_REMATCH[1]}
		printf '%s %s\n' "$(printf '%s' "$pre" | wc -L)" "${BASH_REMATCH[2]}"
		pre+=${BASH_REMATCH[2]}
		line=${BASH_REMATCH[4]}
	done
}

port=$(free_port) || { fail "no free port"; done_testing; }
start_shell
run_cmd "socket stream"
run_cmd "bind 127.0.0.1 $port"
run_cmd "listen 5"
run_cmd "socket dgram"
run_cmd "socket stream"
run_cmd "connect 127.0.0.1 $port"
wait_for_screen "connect(5, "
run_cmd "fds"
wait_for_screen "LISTEN"
wait_for_prompt
screen > "$TMP/fds.screen"

# The heading: the line above the rows, in Korean.
head=$(grep -B1 -m1 -E '^ +(\* )?3 ' "$TMP/fds.screen" | head -n 1)
LC_ALL=C.UTF-8 grep -qP '[\x{AC00}-\x{D7A3}]' <<< "$head" ||
	fail "the fds heading is not Korean: $head"
cols "$head" | cut -d' ' -f1 > "$TMP/head.cols"
[ "$(wc -l < "$TMP/head.cols")" -ge 5 ] || fail "the heading has too few columns: $head"
# Each row of fd3..fd5: its fields from the second start where the heading's do
# (the first may carry the current descriptor's mark).
for fd in 3 4 5; do
	row=$(grep -m1 -E "^ +(\\* )?$fd " "$TMP/fds.screen")
	[ -n "$row" ] || { fail "no row for fd$fd"; continue; }
	cols "$row" | cut -d' ' -f1 > "$TMP/row.cols"
	n=$(wc -l < "$TMP/row.cols")
	paste -d' ' <(sed -n "2,${n}p" "$TMP/head.cols") <(sed -n "2,${n}p" "$TMP/row.cols") |
	while read -r h r; do
		[ "$h" = "$r" ] || fail "fd$fd: a field at column $r, its heading at $h:
$head
$row"
	done
done

# help: Korean summaries, each starting in one column, no line past 120 columns,
# and a summary's further lines starting in that column too.
run_cmd "help"
wait_for_screen "quit"
wait_for_prompt
tm capture-pane -p -J -S - | sed 's/[[:space:]]*$//' > "$TMP/help.screen"
LC_ALL=C.UTF-8 grep -qP '[\x{AC00}-\x{D7A3}]' "$TMP/help.screen" || fail "help is not Korean"
while IFS= read -r line; do
	w=$(printf '%s' "$line" | wc -L)
	[ "$w" -le 120 ] || fail "a help line of $w columns: $line"
done < "$TMP/help.screen"
# Lines of the list: "  socket [inet|...]   <summary>": the summary's column.
sed -n '/^  socket \[/,/^  quit/p' "$TMP/help.screen" | grep -E '^  [a-z]' |
	grep -vE '^  [a-z].* {2,}$' | while IFS= read -r line; do
	c=$(cols "$line" | sed -n '2p' | cut -d' ' -f1)
	[ -z "$c" ] || [ "$c" = 38 ] || fail "a summary at column $c, not 38: $line"
done
sed -n '/^  socket \[/,/^  quit/p' "$TMP/help.screen" | grep -E '^ {3,}[^ ]' |
	while IFS= read -r line; do
	c=$(cols "$line" | head -n 1 | cut -d' ' -f1)
	[ "$c" = 38 ] || fail "a summary's next line at column $c, not 38: $line"
done

# A hint longer than the terminal is broken between words: no line past 120
# columns, the lines after the first under its words (column 8, after "  힌트: "),
# and it still begins with the C library's Korean text for the error.
refused=$(free_port) || fail "no free port"
run_cmd "socket stream"
run_cmd "connect 127.0.0.1 $refused"
wait_for_screen_re "^connect\(6, .*ECONNREFUSED"
wait_for_prompt
tm capture-pane -p -J -S - | sed 's/[[:space:]]*$//' > "$TMP/hint.screen"
sed -n '/^connect(6, /,/^sockshell/p' "$TMP/hint.screen" | sed -n '/^  힌트: /,/^sockshell/p' |
	sed '$d' > "$TMP/hint"
[ "$(wc -l < "$TMP/hint")" -ge 2 ] || fail "the long hint is not broken into lines: $(cat "$TMP/hint")"
head -n 1 "$TMP/hint" | grep -q '^  힌트: 연결이 거부됨' || fail "the hint's first line: $(head -n 1 "$TMP/hint")"
while IFS= read -r line; do
	w=$(printf '%s' "$line" | wc -L)
	[ "$w" -le 120 ] || fail "a hint line of $w columns: $line"
done < "$TMP/hint"
tail -n +2 "$TMP/hint" | while IFS= read -r line; do
	c=$(cols "$line" | head -n 1 | cut -d' ' -f1)
	[ "$c" = 8 ] || fail "a hint's next line at column $c, not 8: $line"
done

done_testing
