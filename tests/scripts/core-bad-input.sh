# Bad input (DESIGN section 8): each malformed line gives exactly one line on
# stderr naming what was wrong (with the usage where it is the command's
# arguments that are wrong), makes no call, and the shell goes on: the next
# command runs and the descriptor table is intact. A script holding such a
# line ends there with exit 1 (with -k it goes on, and still exits 1); a run
# fed on a pipe goes on and exits 1.
. "$top_srcdir/tests/scripts/lib.sh"
need timeout

# usage_of CMD: "(usage: CMD USAGE)" as the command table declares it.
usage_of() {
	sockshell --list-commands | awk -F '\t' -v c="$1" '
		$1 == c { printf "(usage: %s%s%s)\n", c, ($3 == "" ? "" : " "), $3 }'
}
[ -n "$(usage_of bind)" ] || fail "--list-commands gives no usage for bind"

# The setup every case runs first; then the bad line, then two commands that
# must still run. The listener is current; fd4 is an unbound unix socket.
setup() {
	printf '%s\n' 'socket stream' 'bind 127.0.0.1 0' 'listen 5' \
		'socket unix stream' 'use 3'
}
after() {
	printf '%s\n' 'fds' 'echo still here'
}
BAD_LINE=6
stops=0
# Where the runs happen: here, or (NS=in_ns) in a network namespace of their own.
NS=
# (in_ns sockshell_t ARGS: what sockshell_t does, inside the namespace.)
in_ns() {
	in_netns env NO_COLOR=1 timeout "$HANG_LIMIT" "$SOCKSHELL" "${@:2}"
}

# norm FILE: the stdout of a run with the kernel's port number replaced.
norm() {
	sed -E 's/127\.0\.0\.1:[0-9]+/127.0.0.1:PORT/; s/htons\([1-9][0-9]*\)/htons(PORT)/' "$1"
}

# The run without a bad line: what every bad run's stdout must equal.
{ setup; after; } > "$TMP/good.sock"
sockshell_t "$TMP/good.sock" > "$TMP/good.out" 2> "$TMP/good.err"
expect_status 0 $? "the script without a bad line"
[ -s "$TMP/good.err" ] && fail "good run: stderr: $(cat "$TMP/good.err")"
norm "$TMP/good.out" > "$TMP/good.norm"
squeeze "$TMP/good.out" | grep -qE '^\* 3 inet stream LISTEN 127\.0\.0\.1:[0-9]+ -$' ||
	fail "good run: fds has no current listener: $(cat "$TMP/good.out")"
squeeze "$TMP/good.out" | grep -qE '^4 unix stream ' ||
	fail "good run: fds has no fd4: $(cat "$TMP/good.out")"
expect_line "$TMP/good.out" "  still here"
expect_line "$TMP/good.out" "close(3) = 0"
expect_line "$TMP/good.out" "close(4) = 0"

# bad NAME WANT...: the bad line is on stdin (use < <(printf ...), not a pipe,
# so that failures are counted). Runs it as a script file and on a pipe; the
# single stderr line must hold each fixed string WANT.
bad() {
	local name=$1 st w
	shift
	cat > "$TMP/$name.line"
	{ setup; cat "$TMP/$name.line"; after; } > "$TMP/$name.sock"

	# As a script, the run ends at the bad line: exit 1, the rest not run,
	# every descriptor closed. (For the first few kinds: the same code ends
	# them all, and each run costs time in a sanitizer build.)
	stops=$((stops + 1))
	if [ "$stops" -le 4 ]; then
		$NS sockshell_t "$TMP/$name.sock" > "$TMP/$name.sout" 2> "$TMP/$name.serr"
		expect_status 1 $? "$name: a script with a bad line, without -k"
		expect_lines_n "$TMP/$name.serr" 1 "$name: stderr of the script without -k"
		grep -q "^$TMP/$name.sock:$BAD_LINE: " "$TMP/$name.serr" ||
			fail "$name: without -k, stderr does not start with FILE:$BAD_LINE: : $(cat "$TMP/$name.serr")"
		grep -q 'still here' "$TMP/$name.sout" &&
			fail "$name: without -k, the script went on after the bad line"
		expect_line "$TMP/$name.sout" "close(3) = 0"
		expect_line "$TMP/$name.sout" "close(4) = 0"
	fi

	# With -k (keep going): FILE:LINE: prefix, exit 1, and the rest runs.
	$NS sockshell_t -k "$TMP/$name.sock" > "$TMP/$name.out" 2> "$TMP/$name.err"
	st=$?
	expect_status 1 $st "$name: a script with a bad line"
	expect_lines_n "$TMP/$name.err" 1 "$name: stderr of the script"
	grep -q "^$TMP/$name.sock:$BAD_LINE: " "$TMP/$name.err" ||
		fail "$name: stderr does not start with FILE:$BAD_LINE: : $(cat "$TMP/$name.err")"
	for w in "$@"; do
		grep -qF -- "$w" "$TMP/$name.err" ||
			fail "$name: stderr lacks \"$w\": $(cat "$TMP/$name.err")"
	done
	# No call made, the rest ran, the table as it was.
	norm "$TMP/$name.out" > "$TMP/$name.norm"
	diff -u "$TMP/good.norm" "$TMP/$name.norm" > "$TMP/$name.diff" ||
		fail "$name: stdout differs from the run without the bad line:
$(cat "$TMP/$name.diff")"

	# On a pipe: the same, with the shell's name as the prefix.
	$NS sockshell_t < "$TMP/$name.sock" > "$TMP/$name.pout" 2> "$TMP/$name.perr"
	st=$?
	expect_status 1 $st "$name: a bad line on a pipe"
	expect_lines_n "$TMP/$name.perr" 1 "$name: stderr on a pipe"
	grep -q '^sockshell: ' "$TMP/$name.perr" ||
		fail "$name: stderr on a pipe does not start with sockshell: : $(cat "$TMP/$name.perr")"
	for w in "$@"; do
		grep -qF -- "$w" "$TMP/$name.perr" ||
			fail "$name: stderr on a pipe lacks \"$w\": $(cat "$TMP/$name.perr")"
	done
	norm "$TMP/$name.pout" > "$TMP/$name.pnorm"
	diff -u "$TMP/good.norm" "$TMP/$name.pnorm" > "$TMP/$name.pdiff" ||
		fail "$name: stdout on a pipe differs from the run without the bad line:
$(cat "$TMP/$name.pdiff")"
}

line() { printf '%s\n' "$@"; }

# Unknown commands: the nearest name, or where to look.
bad unknown "unknown command: sokcet" "did you mean socket?" < <(line 'sokcet stream')
bad unknown-far "unknown command: frobnicate" < <(line 'frobnicate now')
# A prefix that fits more than one: every candidate named.
bad ambiguous "ambiguous command: c" "connect" "close" < <(line 'c 127.0.0.1 80')
# Missing and extra arguments: the message carries the usage.
bad missing "missing argument" "$(usage_of connect)" < <(line 'connect 127.0.0.1')
bad host-colon-port "the address and the port are two words: connect 127.0.0.1 8080" "$(usage_of connect)" < <(line 'connect 127.0.0.1:8080')
bad v6-colon-port "the address and the port are two words: bind ::1 8080" "$(usage_of bind)" < <(line 'bind [::1]:8080')
bad missing-all "missing argument" "$(usage_of bind)" < <(line 'bind')
bad missing-type "missing argument" "$(usage_of socket)" < <(line 'socket')
bad extra "too many arguments" "$(usage_of listen)" < <(line 'listen 5 6')
bad extra-connect "too many arguments" "$(usage_of connect)" < <(line 'connect 127.0.0.1 80 90')
bad extra-fds "too many arguments" "$(usage_of fds)" < <(line 'fds now')
# Ports outside 0..65535, and not numbers.
bad port-range "99999" "$(usage_of connect)" < <(line 'connect 127.0.0.1 99999')
bad port-range-bind "65536" "$(usage_of bind)" < <(line 'bind fd3 127.0.0.1 65536')
bad port-word "abc" "$(usage_of connect)" < <(line 'connect 127.0.0.1 abc')
bad port-negative "-1" "$(usage_of connect)" < <(line 'connect 127.0.0.1 -1')
# Descriptors the shell does not hold.
bad fd-write "fd9" "$(usage_of write)" < <(line 'write fd9 "x"')
bad fd-read "fd9" "$(usage_of read)" < <(line 'read fd9')
bad fd-close "fd9" "$(usage_of close)" < <(line 'close fd9')
bad fd-close-n "fd9" "$(usage_of close)" < <(line 'close 9')
bad fd-use "fd9" "$(usage_of use)" < <(line 'use fd9')
bad fd-accept "fd9" "$(usage_of accept)" < <(line 'accept fd9')
# Other words that are not what the command takes.
bad socket-type "bogus" "$(usage_of socket)" < <(line 'socket bogus')
bad backlog "abc" "$(usage_of listen)" < <(line 'listen abc')
bad count "99999999" "$(usage_of read)" < <(line 'read 99999999')
# A name that cannot resolve (.invalid never does, RFC 6761), looked up in a
# network namespace of its own so that no query leaves this machine; the run
# is bounded by a timeout should the resolver hang.
if in_netns true; then
	NS=in_ns
	bad unresolvable "connect: " "no-such-host.invalid" < <(line 'connect no-such-host.invalid 80')
	NS=
fi
# A unix path longer than sun_path: refused before any call.
bad sun-path "ENAMETOOLONG" "$(usage_of bind)" < <(line "bind fd4 $TMP/$(printf 'p%.0s' $(seq 120))")
# The lexer: bad escapes, an unterminated quote, a NUL byte, an over-long line.
bad escape "bad escape \\q" < <(line 'write "\q"')
bad escape-x "bad escape \\x" < <(line 'write "\xZZ"')
bad escape-octal "bad escape \\400" < <(line 'write "\400"')
bad quote "unterminated quote" < <(line 'write "abc')
# A NUL byte: nothing of the line runs, not even the command before it.
bad nul "NUL" < <(printf 'socket stream; socket\0 stream\n')
# Over 4096 bytes: refused whole; the `socket` at its start must not run.
bad long "too long" < <(printf 'socket stream; echo %s\n' "$(head -c 5000 /dev/zero | tr '\0' A)")
# Just over the limit: 4097 bytes is refused like 5000.
pad() { head -c "$1" /dev/zero | tr '\0' A; }
bad long-4097 "too long" < <(printf 'socket stream; echo %s\n' "$(pad $((4097 - 20)))")
# At the limit, 4096 bytes, the line is taken whole: every byte of the text
# is written, and echo prints every byte of it.
pre='socket dgram; connect 127.0.0.1 9; write "'
n=$((4096 - ${#pre} - 1))
printf '%s%s"\n' "$pre" "$(pad $n)" > "$TMP/max.in"
[ "$(head -n 1 "$TMP/max.in" | tr -d '\n' | wc -c)" = 4096 ] || fail "the test's own 4096-byte line is not"
sockshell_t < "$TMP/max.in" > "$TMP/max.out" 2> "$TMP/max.err"
expect_status 0 $? "a 4096-byte line"
[ -s "$TMP/max.err" ] && fail "a 4096-byte line: stderr: $(cat "$TMP/max.err")"
expect_line "$TMP/max.out" "write(3, \"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\"..., $n) = $n"
printf 'echo %s\n' "$(pad 4091)" > "$TMP/max-echo.in"
sockshell_t < "$TMP/max-echo.in" > "$TMP/max-echo.out" 2> "$TMP/max-echo.err"
expect_status 0 $? "a 4096-byte echo line"
grep -qx "  $(pad 4091)" "$TMP/max-echo.out" ||
	fail "echo of 4091 bytes printed $(tr -d '\n' < "$TMP/max-echo.out" | wc -c) bytes (2 of indent): the text was cut"

# A bad command among good ones on one line: the others still run.
sockshell_t -c 'socket stream; sokcet; echo next; fds' > "$TMP/semi.out" 2> "$TMP/semi.err"
expect_status 1 $? "-c with a bad command"
expect_lines_n "$TMP/semi.err" 1 "-c with a bad command: stderr"
expect_line "$TMP/semi.out" "socket(AF_INET, SOCK_STREAM, IPPROTO_TCP) = 3"
expect_line "$TMP/semi.out" "  next"
squeeze "$TMP/semi.out" | grep -qE '^\* 3 inet stream ' || fail "-c: fds after the bad command: $(cat "$TMP/semi.out")"
expect_line "$TMP/semi.out" "close(3) = 0"

# Interactive use is a terminal's (tests/tty); here: several bad lines in one
# script, each one line, and the script still reaches its end.
{ setup; line 'sokcet' 'listen 1 2 3' 'connect 127.0.0.1 99999' 'write fd9 x' 'write "\q"'; after; } > "$TMP/many.sock"
sockshell_t -k "$TMP/many.sock" > "$TMP/many.out" 2> "$TMP/many.err"
expect_status 1 $? "a script with five bad lines"
expect_lines_n "$TMP/many.err" 5 "five bad lines"
for n in 6 7 8 9 10; do
	grep -q "^$TMP/many.sock:$n: " "$TMP/many.err" || fail "no error for line $n: $(cat "$TMP/many.err")"
done
norm "$TMP/many.out" | diff -u "$TMP/good.norm" - > "$TMP/many.diff" ||
	fail "five bad lines: stdout differs: $(cat "$TMP/many.diff")"

# A file named by nothing, a descriptor number past any: refused, one line
# each, no call made.
sockshell_t -k -c 'socketpair stream; write fd3 @; send fd3 @""; read fd4 >""; read fd4 > ""; close fd99999999999999999999; write fd4294967299 x; select fd1000001; write fd3 "@"' \
	> "$TMP/none.out" 2> "$TMP/none.err"
expect_status 1 $? "files named by nothing, numbers past any descriptor"
expect_lines_n "$TMP/none.err" 7 "one line each"
[ "$(grep -c '@ needs a FILE after it' "$TMP/none.err")" = 2 ] || fail "@ alone: $(cat "$TMP/none.err")"
[ "$(grep -c '> needs a FILE after it' "$TMP/none.err")" = 2 ] || fail "> with no FILE: $(cat "$TMP/none.err")"
[ "$(grep -c 'descriptor number out of range (fd0..fd1000000)' "$TMP/none.err")" = 3 ] ||
	fail "fdN past any: $(cat "$TMP/none.err")"
# A quoted "@" is the character.
expect_line "$TMP/none.out" 'write(3, "@", 1) = 1'
grep -E '^(write|sendto|openat|close|pselect6)\(' "$TMP/none.out" |
	grep -vE '^(close\([34]\)|write\(3, "@")' | grep -q . &&
	fail "a refused command made a call: $(cat "$TMP/none.out")"
sockshell_t -c 'write "x"*0x10' > "$TMP/hex.out" 2> "$TMP/hex.err"
expect_status 1 $? "a repeat count in hex"
grep -q 'a repeat count is a whole number: \*0x10 at column 10' "$TMP/hex.err" || fail "*0x10: $(cat "$TMP/hex.err")"
# 0, 1 and 2 are the shell's own, not "not open"; `?` is help.
sockshell_t -k -c 'close 0; close fd2; ?' > "$TMP/own.out" 2> "$TMP/own.err"
expect_status 1 $? "closing the shell's own descriptors"
[ "$(grep -c "is the shell's own (0, 1, 2: stdin, stdout, stderr); its sockets are fd3 and up" "$TMP/own.err")" = 2 ] ||
	fail "close 0, close fd2: $(cat "$TMP/own.err")"
expect_no_line "$TMP/own.err" "not open in this shell" "close 0"
expect_line "$TMP/own.out" "Create a socket:" "? is not help"
# Loopback down (a fresh network namespace): the hint says so, not "check the address".
if unshare -rn true 2>/dev/null; then
	NO_COLOR=1 timeout "$HANG_LIMIT" unshare -rn "$SOCKSHELL" -c 'socket stream; connect 127.0.0.1 9' \
		> "$TMP/lodown.out" 2>&1
	expect_hint "$TMP/lodown.out" '^connect\(3, .*\) = -1 ENETUNREACH' \
		"the loopback interface is down here (a new network namespace?): \`ip link set lo up\` brings it up"
fi
# read >- on a terminal: refused, so that a peer's bytes never reach it raw.
if command -v script > /dev/null 2>&1; then
	NO_COLOR=1 timeout "$HANG_LIMIT" script -qec "$SOCKSHELL -c 'socketpair stream; write fd3 \"\\e]2;PWNED\\a\"; shutdown fd3 wr; read fd4 >-'" /dev/null \
		< /dev/null > "$TMP/rawtty.out" 2>&1
	grep -q '>- on a terminal' "$TMP/rawtty.out" || fail "read >- on a terminal: $(cat -v "$TMP/rawtty.out")"
	grep -q "$(printf '\033')]2;PWNED" "$TMP/rawtty.out" && fail "a peer's escape reached the terminal raw"
fi

done_testing
