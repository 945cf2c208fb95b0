# Invocation and exit status (DESIGN section 1 and 6): FILE, -c, -i FILE with
# more commands on stdin, plain lines on a pipe with no prompt noise, --help,
# --version, bad flags and unreadable files (2), a failed expect (1, with
# FILE:LINE: expected X, got Y), all expectations held (0), and descriptors
# inherited from the caller closed so that the first socket is always 3.
. "$top_srcdir/tests/scripts/lib.sh"
need timeout

SOCK3='socket(AF_INET, SOCK_STREAM, IPPROTO_TCP) = 3'

# run NAME ARGS...: the shell with stdin from $TMP/NAME.in when it exists
# (else empty); NAME.out, NAME.err, and $st.
run() {
	local name=$1 in=/dev/null
	shift
	[ -e "$TMP/$name.in" ] && in=$TMP/$name.in
	sockshell_t "$@" < "$in" > "$TMP/$name.out" 2> "$TMP/$name.err"
	st=$?
}
no_stderr() {
	[ -s "$TMP/$1.err" ] && fail "$1: stderr: $(cat "$TMP/$1.err")"
}

# ---- sockshell FILE ----
cat > "$TMP/file.sock" <<'SCRIPT'
# a comment line, then commands
socket stream
expect = 3
socket dgram   # a comment after a command
expect = 4
SCRIPT
run file "$TMP/file.sock"
expect_status 0 "$st" "sockshell FILE"
no_stderr file
expect_calls "$TMP/file.out" "sockshell FILE" <<EOF
$SOCK3
socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP) = 4
close(3) = 0
close(4) = 0
EOF

# Blank lines, lone separators, comments and CRLF line ends (a script saved
# on Windows) are no commands and no errors.
printf 'socket stream\r\nexpect = 3\r\n\r\n   \n;\n ; ;\n# c\n\t# c2\nsocket dgram ; ; expect = 4\n' > "$TMP/loose.sock"
run loose "$TMP/loose.sock"
expect_status 0 "$st" "blank lines, separators, comments, CRLF"
no_stderr loose
expect_calls "$TMP/loose.out" "blank lines, separators, comments, CRLF" <<EOF
$SOCK3
socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP) = 4
close(3) = 0
close(4) = 0
EOF

# ---- -c 'a; b' ----
run c -c 'socket stream; socket inet6 stream ;socket tcp'
expect_status 0 "$st" "-c"
no_stderr c
expect_calls "$TMP/c.out" "-c" <<EOF
$SOCK3
socket(AF_INET6, SOCK_STREAM, IPPROTO_TCP) = 4
socket(AF_INET, SOCK_STREAM, IPPROTO_TCP) = 5
close(3) = 0
close(4) = 0
close(5) = 0
EOF
# -c runs its commands and exits: it does not read stdin.
printf 'socket dgram\n' > "$TMP/c-stdin.in"
run c-stdin -c 'socket stream'
expect_status 0 "$st" "-c with lines on stdin"
expect_no_line "$TMP/c-stdin.out" "SOCK_DGRAM" "-c read stdin"

# ---- -i FILE, then commands on stdin: FILE's descriptors are still there ----
cat > "$TMP/i.sock" <<'SCRIPT'
socket stream
bind 127.0.0.1 0
listen 5
expect ok
SCRIPT
printf '%s\n' 'fds' 'socket stream' 'expect = 4' 'fds' > "$TMP/i.in"
run i -i "$TMP/i.sock"
expect_status 0 "$st" "-i FILE with stdin"
no_stderr i
expect_calls "$TMP/i.out" "-i FILE then stdin" <<EOF
$SOCK3
bind(3, {sa_family=AF_INET, sin_port=htons(0), sin_addr=inet_addr("127.0.0.1")}, 16) = 0
listen(3, 5) = 0
socket(AF_INET, SOCK_STREAM, IPPROTO_TCP) = 4
close(3) = 0
close(4) = 0
EOF
squeeze "$TMP/i.out" | grep -qE '^\* 3 inet stream LISTEN 127\.0\.0\.1:[0-9]+ -$' ||
	fail "-i: the listener from FILE is not in fds: $(cat "$TMP/i.out")"
squeeze "$TMP/i.out" | grep -qE '^\* 4 inet stream ' ||
	fail "-i: the socket made on stdin is not current: $(cat "$TMP/i.out")"
expect_no_line "$TMP/i.out" "sockshell fd" "-i on a pipe: prompt noise"

# ---- plain lines on a pipe: exactly the call lines, nothing else ----
printf 'socket stream\n' > "$TMP/pipe.in"
run pipe
expect_status 0 "$st" "printf 'socket stream\\n' | sockshell"
no_stderr pipe
printf '%s\n' "$SOCK3" 'close(3) = 0' | cmp -s - "$TMP/pipe.out" ||
	fail "a pipe: stdout is not exactly the two call lines: $(od -c "$TMP/pipe.out" | head)"
# The last line needs no newline; an empty input is a quiet, clean run.
printf 'socket stream' > "$TMP/pipe-nonl.in"
run pipe-nonl
expect_status 0 "$st" "a last line without a newline"
cmp -s "$TMP/pipe.out" "$TMP/pipe-nonl.out" || fail "a last line without a newline: $(cat "$TMP/pipe-nonl.out")"
: > "$TMP/empty.in"
run empty
expect_status 0 "$st" "empty stdin"
no_stderr empty
[ -s "$TMP/empty.out" ] && fail "empty stdin printed: $(cat "$TMP/empty.out")"

# ---- --help, --version ----
run help --help
expect_status 0 "$st" "--help"
no_stderr help
grep -q '^usage: sockshell' "$TMP/help.out" || fail "--help: no usage line: $(head -3 "$TMP/help.out")"
for w in ' -c ' ' -i ' '--step' '--version'; do
	grep -qF -- "$w" "$TMP/help.out" || fail "--help does not mention $w"
done
run version --version
expect_status 0 "$st" "--version"
no_stderr version
grep -qxE 'sockshell [0-9]+\.[0-9]+(\.[0-9]+)?[^ ]*' "$TMP/version.out" ||
	fail "--version: $(cat "$TMP/version.out")"
expect_lines_n "$TMP/version.out" 1 "--version"
if [ -n "${top_builddir:-}" ] && [ -r "$top_builddir/config.h" ]; then
	v=$(sed -n 's/^#define PACKAGE_VERSION "\(.*\)"$/\1/p' "$top_builddir/config.h")
	[ -z "$v" ] || grep -qxF "sockshell $v" "$TMP/version.out" ||
		fail "--version: $(cat "$TMP/version.out"), configured $v"
fi

# ---- usage errors: 2, a message on stderr, nothing run ----
usage_error() {
	local name=$1
	shift
	run "$name" "$@"
	expect_status 2 "$st" "sockshell $*"
	[ -s "$TMP/$name.err" ] || fail "sockshell $*: no message on stderr"
	[ -s "$TMP/$name.out" ] && fail "sockshell $*: stdout: $(cat "$TMP/$name.out")"
}
usage_error flag --bogus
usage_error short-flag -z
usage_error no-c-arg -c
usage_error no-i-arg -i
usage_error color --color=sometimes
usage_error c-and-file -c 'socket stream' "$TMP/file.sock"
usage_error two-files "$TMP/file.sock" "$TMP/file.sock"
# Unreadable files: named in the message.
usage_error missing "$TMP/no-such-file"
grep -qF "$TMP/no-such-file" "$TMP/missing.err" || fail "missing file not named: $(cat "$TMP/missing.err")"
grep -qF "No such file or directory" "$TMP/missing.err" || fail "missing file: reason: $(cat "$TMP/missing.err")"
usage_error dir "$TMP"
usage_error i-missing -i "$TMP/no-such-file"
usage_error step-missing --step "$TMP/no-such-file"
if [ "$(id -u)" != 0 ]; then
	printf 'socket stream\n' > "$TMP/secret.sock"
	chmod 000 "$TMP/secret.sock"
	usage_error unreadable "$TMP/secret.sock"
	grep -qF "Permission denied" "$TMP/unreadable.err" || fail "unreadable: $(cat "$TMP/unreadable.err")"
fi

# ---- expectations ----
port=$(free_port)
refused=$(free_port)
cat > "$TMP/held.sock" <<SCRIPT
socket stream
expect = 3
expect ok
bind 127.0.0.1 $port
expect ok
expect = 0
listen 5
socket stream
connect 127.0.0.1 $port
expect ok
accept fd3
expect = 5
write "hello\n"
expect = 6
read fd4
expect "hello\n"
socket stream
connect 127.0.0.1 $refused
expect ECONNREFUSED
expect = -1
SCRIPT
run held "$TMP/held.sock"
expect_status 0 "$st" "a script whose expectations all hold"
if grep -v '^  waiting for ' "$TMP/held.err" | grep -q .; then
	fail "held: stderr: $(cat "$TMP/held.err")"
fi

# expect_fails NAME LINE WANT: the script $TMP/NAME.sock fails at LINE with WANT.
expect_fails() {
	run "$1" "$TMP/$1.sock"
	expect_status 1 "$st" "$1: a failed expect"
	grep -qxF "$TMP/$1.sock:$2: $3" "$TMP/$1.err" ||
		fail "$1: wanted \"FILE:$2: $3\" on stderr, got: $(cat "$TMP/$1.err")"
}
printf '%s\n' 'socket stream' 'expect = 4' > "$TMP/ret.sock"
expect_fails ret 2 "expected = 4, got = 3"
printf '%s\n' 'socket stream' 'bind 127.0.0.1 0' '' '# the example of DESIGN section 6' 'expect EADDRINUSE' > "$TMP/errno.sock"
expect_fails errno 5 "expected EADDRINUSE, got = 0"
printf '%s\n' 'socket stream' "connect 127.0.0.1 $refused" 'expect ok' > "$TMP/refused.sock"
expect_fails refused 3 "expected ok, got = -1 ECONNREFUSED"
printf '%s\n' 'socket stream' 'close' 'expect = 1' > "$TMP/close.sock"
expect_fails close 3 "expected = 1, got = 0"
# The shell's own commands make no call: expect still sees the one before.
printf '%s\n' 'socket stream' 'fds' 'echo hi' 'expect = 3' > "$TMP/keep.sock"
run keep "$TMP/keep.sock"
expect_status 0 "$st" "expect after fds and echo sees the socket call"
# With no call before it, an expectation cannot hold.
printf '%s\n' 'expect ok' > "$TMP/nocall.sock"
run nocall "$TMP/nocall.sock"
expect_status 1 "$st" "expect with no call before it"
grep -q "^$TMP/nocall.sock:1: expected ok, got " "$TMP/nocall.err" || fail "nocall: $(cat "$TMP/nocall.err")"
# A failure is not forgotten when a later expectation holds, nor by quit.
printf '%s\n' 'socket stream' 'expect = 9' 'expect = 3' 'quit' 'socket stream' > "$TMP/later.sock"
run later "$TMP/later.sock"
expect_status 1 "$st" "a failed expect, then one that holds, then quit"
expect_calls "$TMP/later.out" "quit ends the script" <<EOF
$SOCK3
close(3) = 0
EOF
# The same on a pipe and with -c.
printf '%s\n' 'socket stream' 'expect = 4' > "$TMP/pipe-expect.in"
run pipe-expect
expect_status 1 "$st" "a failed expect on a pipe"
grep -qF "expected = 4, got = 3" "$TMP/pipe-expect.err" || fail "pipe-expect: $(cat "$TMP/pipe-expect.err")"
run c-expect -c 'socket stream; expect = 4'
expect_status 1 "$st" "a failed expect in -c"
grep -qF "expected = 4, got = 3" "$TMP/c-expect.err" || fail "c-expect: $(cat "$TMP/c-expect.err")"
# A failed expect in -i FILE is reported in the exit status too.
printf '%s\n' 'socket stream' > "$TMP/i-expect.in"
printf '%s\n' 'socket stream' 'expect = 7' > "$TMP/i-expect.sock"
run i-expect -i "$TMP/i-expect.sock"
expect_status 1 "$st" "a failed expect in -i FILE"

# ---- inherited descriptors are closed: the first socket is 3 ----
NO_COLOR=1 timeout "$HANG_LIMIT" "$SOCKSHELL" -c 'socket stream; socket stream; socket stream; socket stream; socket stream' \
	3</dev/null 7</dev/null > "$TMP/inh.out" 2> "$TMP/inh.err"
expect_status 0 $? "-c with 3 and 7 inherited"
calls_of "$TMP/inh.out" | sed -n 's/^socket(.*) = \([0-9]*\)$/\1/p' | tr '\n' ' ' > "$TMP/inh.fds"
[ "$(cat "$TMP/inh.fds")" = "3 4 5 6 7 " ] ||
	fail "inherited 3 and 7: the sockets were $(cat "$TMP/inh.fds")"
NO_COLOR=1 timeout "$HANG_LIMIT" "$SOCKSHELL" "$TMP/file.sock" 3<"$TMP/file.sock" 4</dev/null 9>/dev/null \
	> "$TMP/inh-file.out" 2> "$TMP/inh-file.err"
expect_status 0 $? "FILE with 3, 4, 9 inherited (its expects say = 3, = 4)"
printf 'socket stream\n' |
	NO_COLOR=1 timeout "$HANG_LIMIT" "$SOCKSHELL" -i "$TMP/file.sock" 3</dev/null 5</dev/null \
	> "$TMP/inh-i.out" 2> "$TMP/inh-i.err"
expect_status 0 $? "-i FILE with 3 and 5 inherited"
expect_line "$TMP/inh-i.out" "socket(AF_INET, SOCK_STREAM, IPPROTO_TCP) = 5"

# -c takes lines as well as ';': a comment ends at its line's end.
sockshell_t -c 'echo one # a comment
echo two' > "$TMP/lines.out" 2>&1
expect_status 0 $? "-c with two lines"
expect_line "$TMP/lines.out" "  one"
expect_line "$TMP/lines.out" "  two"

# echo: a newline starts a line, a tab goes on to the next column of eight
# on the screen (the indent of two counted), other control bytes are escaped.
sockshell_t -c 'echo "a\tb\x01c\nd\tx\t\ty"; echo "1234567\tA"' > "$TMP/echo.out" 2>&1
expect_status 0 $? "echo with control bytes"
expect_line "$TMP/echo.out" "  a     b\\001c"
expect_line "$TMP/echo.out" "  d     x               y"
expect_line "$TMP/echo.out" "  1234567       A"
done_testing
