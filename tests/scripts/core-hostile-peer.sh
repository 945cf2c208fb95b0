# A hostile peer: nc sends terminal escape sequences (retitle, clear, colour,
# reset), BEL, backspace, \r, NUL, DEL and bytes >= 0x80. None of them may
# reach the terminal raw: stdout and stderr hold only printable ASCII and
# newlines, and the read line shows the bytes escaped exactly as strace does.
. "$top_srcdir/tests/scripts/lib.sh"
need nc timeout

port=$(free_port)
[ -n "$port" ] || { fail "no free port"; done_testing; }

# The bytes, as printf writes them, and as strace quotes them.
HOSTILE='\033]0;pwned\007\033[2J\033[31mred\033[0m\r\000\200\377\177\010\033c\233\303\251end\n'
QUOTED='"\33]0;pwned\7\33[2J\33[31mred\33[0m\r\0\200\377\177\10\33c\233\303\251end\n"'
hostile_len=$(printf "$HOSTILE" | wc -c)
# 31 bytes, then ESC: the default strsize 32 cuts right after the \33.
CUT='AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\033[2J\007more'
cut_len=$(printf "$CUT" | wc -c)

cat > "$TMP/server.sock" <<SCRIPT
socket stream
bind 127.0.0.1 $port
listen 5
accept
expect = 4
read
read
expect = 0
close
set strsize 256
accept fd3
expect = 4
read
expect $QUOTED
# a failed expect shows the data it got: escaped there too (and ends the run)
expect "nope"
SCRIPT

# In the C locale: there even well-formed UTF-8 (the \303\251 above) is no
# text, so not one byte outside ASCII may show. (With a UTF-8 locale the data
# view shows it as the letter it is: tests/scripts/trips.sh.)
NO_COLOR=1 LC_ALL=C timeout "$HANG_LIMIT" "$SOCKSHELL" "$TMP/server.sock" > "$TMP/out" 2> "$TMP/err" &
server=$!
PIDS="$PIDS $server"
if wait_for_port "$port"; then
	printf "$CUT" | timeout "$HANG_LIMIT" nc -N 127.0.0.1 "$port" > /dev/null
	printf "$HOSTILE" | timeout "$HANG_LIMIT" nc -N 127.0.0.1 "$port" > /dev/null
fi
wait_exit "$server"
# 1: the one expectation meant to fail ("nope"); every other one held.
expect_status 1 $? "the server script"

# no_raw FILE: nothing but printable ASCII (0x20-0x7e) and newlines.
no_raw() {
	local n
	n=$(LC_ALL=C tr -d '\n\040-\176' < "$1" | wc -c)
	[ "$n" -eq 0 ] ||
		fail "$(basename "$1") holds $n raw byte(s): $(LC_ALL=C tr -d '\n\040-\176' < "$1" | od -An -tx1 | head -3)"
}
no_raw "$TMP/out"
no_raw "$TMP/err"
# The same, said another way, in case tr's ranges differ somewhere.
if LC_ALL=C grep -q "$(printf '[\001-\011\013-\037\177-\377]')" "$TMP/out" "$TMP/err"; then
	fail "a control or high byte in the output: $(od -c "$TMP/out" | head -3)"
fi
LC_ALL=C grep -q "$(printf '\033')" "$TMP/out" "$TMP/err" && fail "an ESC reached the terminal"

# The read lines: escaped as strace escapes them, and cut as strace -s 32 cuts.
expect_line "$TMP/out" "read(4, $QUOTED, 4096) = $hostile_len"
expect_line "$TMP/out" "read(4, \"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\\33\"..., 4096) = $cut_len"
n=$(grep -c '^read(' "$TMP/out")
[ "$n" = 3 ] || fail "$n read lines, wanted 3: $(cat "$TMP/out")"

# The failed expect names the data, escaped, on one stderr line.
grep -av '^  waiting for ' "$TMP/err" > "$TMP/err.own"
expect_lines_n "$TMP/err.own" 1 "stderr"
nope_line=$(grep -n '^expect "nope"$' "$TMP/server.sock" | cut -d: -f1)
expect_line "$TMP/err.own" "$TMP/server.sock:$nope_line: expected \"nope\", got $QUOTED"

done_testing
