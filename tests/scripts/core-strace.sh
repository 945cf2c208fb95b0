# What the shell prints is what strace prints: run a script under strace and
# check that every call line the shell printed is strace's line for the same
# call (whitespace aside: strace pads before " = "), in the same order, and that
# the shell made no socket call it did not print. Covers a failed read (the
# buffer's address), EADDRINUSE, ECONNREFUSED, accept's [128 => 16], data with
# control bytes and the -s 32 cut at its boundary, a short read, EOF.
. "$top_srcdir/tests/scripts/lib.sh"
need strace timeout

TRACE=socket,bind,listen,accept,accept4,connect,read,write,close,sendto,recvfrom,fcntl,poll,setsockopt,getsockopt,shutdown
# The calls the shell prints for these commands; getsockopt, poll and fcntl it
# also makes without printing them (fds asks TCP_INFO, a wait note polls first).
PRINTED='socket|bind|listen|accept|accept4|connect|read|write|close|sendto|recvfrom|shutdown|setsockopt'

strace -f -o /dev/null -e trace=socket true >/dev/null 2>&1 ||
	skip "strace cannot trace here (ptrace not permitted?)"

port=$(free_port)
refused=$(free_port)
[ -n "$port" ] && [ -n "$refused" ] && [ "$port" != "$refused" ] ||
	{ fail "no free ports"; done_testing; }

# traced NAME: run $TMP/NAME.sock under strace; stdout to NAME.out, trace to NAME.trace.
traced() {
	local f
	# -ff: one file per process, so no call line is split by another's.
	NO_COLOR=1 timeout "$HANG_LIMIT" strace -ff -s 32 -o "$TMP/$1.trace" -e trace=$TRACE \
		"$SOCKSHELL" "$TMP/$1.sock" > "$TMP/$1.out" 2> "$TMP/$1.err"
	expect_status 0 $? "$1: the script under strace"
	# The shell's process is the one that made sockets.
	for f in "$TMP/$1.trace".*; do
		grep -q '^socket(' "$f" && cat "$f"
	done > "$TMP/$1.trace"
	# strace's lines squeezed; no split or signal lines.
	sed -E 's/^[0-9]+ +//' "$TMP/$1.trace" |
		grep -vE '<unfinished \.\.\.>|resumed>|^\+\+\+ |^--- ' |
		squeeze > "$TMP/$1.strace"
	calls_of "$TMP/$1.out" | squeeze > "$TMP/$1.calls"
	[ -s "$TMP/$1.calls" ] || fail "$1: the shell printed no calls"
}

# in_order NAME: every call line of the shell is in strace's output, in order.
in_order() {
	awk -v trace="$TMP/$1.strace" '
		{
			while ((getline t < trace) > 0)
				if (t == $0)
					next
			print "not in strace (or out of order): " $0
			exit 1
		}' "$TMP/$1.calls" > "$TMP/$1.missing" ||
		fail "$1: $(cat "$TMP/$1.missing")
--- strace said:
$(grep -E "^($PRINTED)\(" "$TMP/$1.strace" | grep -vE '^[a-z0-9]+\(([012],|[0-9]{4,}[,)])')"
}

# exactly NAME: from the first socket on, strace's socket calls on descriptors
# above 2 are exactly the shell's call lines: none unprinted, none made up.
# (The script itself is read as it runs, on a descriptor far above the ones
# the calls hand out: four digits and more are the shell's own, as 0-2 are.)
# The kernel's socket table a bind that failed with EADDRINUSE reads for its
# hint (/proc/thread-self/net, listed in the man page among the calls made
# unprinted) is left out: the reads that begin with its header " sl ", and
# the descriptor's close.
exactly() {
	awk '/^socket\(/ { on = 1 } on' "$TMP/$1.strace" |
		awk '/^read\([0-9]+, " +sl / { split($0, a, /[(,]/); proc[a[2]] = 1; next }
			/^(read|close)\(/ { split($0, a, /[(,)]/); if (a[2] in proc) {
				if ($0 ~ /^close/) delete proc[a[2]]; next } }
			{ print }' |
		grep -E "^($PRINTED)\(" | grep -vE '^[a-z0-9]+\(([012],|[0-9]{4,}[,)])' > "$TMP/$1.made"
	diff -u "$TMP/$1.made" "$TMP/$1.calls" > "$TMP/$1.diff" ||
		fail "$1: the calls made (-) and printed (+) differ:
$(cat "$TMP/$1.diff")"
}

# 1. Numeric addresses only, so the C library makes no calls of its own.
cat > "$TMP/main.sock" <<SCRIPT
socket stream
bind 127.0.0.1 $port
listen 5
# a listening socket has no peer: the failed read shows the buffer's address
read
expect ENOTCONN
socket stream
bind 127.0.0.1 $port
expect EADDRINUSE
connect 127.0.0.1 $refused
expect ECONNREFUSED
close
socket stream
expect = 4
connect 127.0.0.1 $port
expect ok
accept fd3
expect = 5
write "\x1b[31mred\x1b[0m\a\b\r\n\t\v\f\0001\"\\\\\x7f\x80\xff tail past thirty-two bytes"
read fd4
write fd4 "0123456789abcdef0123456789abcdef"
read fd5
expect "0123456789abcdef0123456789abcdef"
write fd4 "0123456789abcdef0123456789abcdefX"
read fd5
expect "0123456789abcdef0123456789abcdefX"
write fd4 "short\r\n"
read fd5 3
expect "sho"
read fd5
expect "rt\r\n"
close fd4
read fd5
expect = 0
SCRIPT
traced main
in_order main
exactly main

# The cases this run exists for really happened.
grep -q '^read(3, 0x[0-9a-f]*, 4096) = -1 ENOTCONN (Transport endpoint is not connected)$' "$TMP/main.calls" ||
	fail "main: no failed read with the buffer's address"
expect_line "$TMP/main.calls" "bind(4, {sa_family=AF_INET, sin_port=htons($port), sin_addr=inet_addr(\"127.0.0.1\")}, 16) = -1 EADDRINUSE (Address already in use)"
expect_line "$TMP/main.calls" "connect(4, {sa_family=AF_INET, sin_port=htons($refused), sin_addr=inet_addr(\"127.0.0.1\")}, 16) = -1 ECONNREFUSED (Connection refused)"
grep -qE '^accept\(3, \{sa_family=AF_INET, sin_port=htons\([0-9]+\), sin_addr=inet_addr\("127\.0\.0\.1"\)\}, \[128 => 16\]\) = 5$' "$TMP/main.calls" ||
	fail "main: no accept line with [128 => 16]"
expect_line "$TMP/main.calls" 'write(5, "\33[31mred\33[0m\7\10\r\n\t\v\f\0001\"\\\177\200\377 tail "..., 53) = 53'
expect_line "$TMP/main.calls" 'read(4, "\33[31mred\33[0m\7\10\r\n\t\v\f\0001\"\\\177\200\377 tail "..., 4096) = 53'
expect_line "$TMP/main.calls" 'write(4, "0123456789abcdef0123456789abcdef", 32) = 32'
expect_line "$TMP/main.calls" 'write(4, "0123456789abcdef0123456789abcdef"..., 33) = 33'
expect_line "$TMP/main.calls" 'read(5, "sho", 3) = 3'
expect_line "$TMP/main.calls" 'read(5, "", 4096) = 0'
if grep -v '^  waiting for ' "$TMP/main.err" | grep -q .; then
	fail "main: stderr: $(cat "$TMP/main.err")"
fi

# 2. A name: getaddrinfo reads files and may open sockets of its own, which
# the shell rightly does not print; its own calls must still match strace's.
cat > "$TMP/name.sock" <<SCRIPT
socket stream
bind 127.0.0.1 $port
listen
socket stream
connect localhost $port
expect ok
accept fd3
write "hi\n"
read fd4
expect "hi\n"
SCRIPT
traced name
in_order name
grep -q '^connect(4, ' "$TMP/name.calls" || fail "name: no connect line"

done_testing
