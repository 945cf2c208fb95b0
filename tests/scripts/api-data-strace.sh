# The data and address commands print strace's own lines: run a script under
# `strace -s 32` and check that every call line the shell printed is the line
# strace printed for that call (strace pads before " = "; nothing else may
# differ), in order, and that every call strace saw on the shell's sockets
# was printed. The hexdumps of read -x, recv -x and recvfrom -x are checked
# against strace's own dump of the same bytes (-e read=FD).
. "$top_srcdir/tests/scripts/lib.sh"
need strace timeout

strace -o /dev/null -e trace=socket true >/dev/null 2>&1 ||
	skip "strace cannot trace here (ptrace not permitted?)"

TRACE=socket,bind,listen,accept,accept4,connect,read,sendto,recvfrom,shutdown,getsockname,getpeername,unlink,close
PRINTED='socket|bind|listen|accept|accept4|connect|read|sendto|recvfrom|shutdown|getsockname|getpeername|unlink'

port=$(free_port)
udp=$(free_port udp)
[ -n "$port" ] && [ -n "$udp" ] || { fail "no free ports"; done_testing; }
upath="$TMP/a-unix-datagram-socket-path.sock"

# Numeric addresses only: the C library makes no socket calls of its own.
cat > "$TMP/main.sock" <<SCRIPT
socket stream
bind 127.0.0.1 $port
listen 5
socket stream
connect 127.0.0.1 $port
accept fd3
getsockname fd4
getpeername fd4
send fd4 "hello\n\0\1\x1b[31mthere\r\n" nosignal
recv -x fd5 100 peek
recv -x fd5 4
read -x fd5
recv fd5 dontwait
send fd5 "a line longer than the 32 bytes of -s, cut in both\n"
# a peek that waits: the line is there for the receive that must not wait
recv -x fd4 1 peek
recvfrom -x fd4 200 waitall|dontwait
shutdown fd4 wr
recv fd5
send fd4 "x" nosignal
socket dgram
bind 127.0.0.1 $udp
socket dgram
sendto 127.0.0.1 $udp "datagram\0\377"
recvfrom fd6 4 trunc
sendto fd6 back "reply"
recvfrom fd7
getpeername fd6
socket unix dgram
bind "$upath"
socket unix dgram
sendto "$upath" "unix"
recvfrom fd8
sendto "$TMP/nobody.sock" "x"
unlink "$upath"
unlink "$upath"
socket unix stream
bind @sockshell-strace-$$
getsockname
socket inet6 stream
bind ::1 0
getsockname
getpeername
shutdown rd
SCRIPT

NO_COLOR=1 timeout "$HANG_LIMIT" strace -s 32 -o "$TMP/main.trace" -e trace=$TRACE -e read=4,5 \
	"$SOCKSHELL" "$TMP/main.sock" > "$TMP/main.out" 2> "$TMP/main.err"
expect_status 0 $? "the script under strace"

# strace's call lines squeezed, its dumps apart; the shell's the same way.
grep -v '^ | ' "$TMP/main.trace" | grep -v '^+++ ' | squeeze > "$TMP/main.strace"
grep '^ | ' "$TMP/main.trace" > "$TMP/strace.dumps"
calls_of "$TMP/main.out" | squeeze > "$TMP/main.calls"
grep '^ | ' "$TMP/main.out" > "$TMP/shell.dumps"
[ -s "$TMP/main.calls" ] || fail "the shell printed no calls"
[ -s "$TMP/shell.dumps" ] || fail "the shell printed no dumps"

# in_order MINE THEIRS WHAT: the lines of MINE appear in THEIRS, in order.
in_order() {
	awk -v theirs="$2" '
		{
			while ((getline t < theirs) > 0)
				if (t == $0)
					next
			print "not in strace (or out of order): " $0
			exit 1
		}' "$1" > "$TMP/missing" ||
		fail "$3: $(cat "$TMP/missing")
--- strace said:
$(cat "$2")"
}
in_order "$TMP/main.calls" "$TMP/main.strace" "call lines"
# Every receive on fd4 and fd5 that returned bytes has -x: the dumps are the same.
diff -u "$TMP/strace.dumps" "$TMP/shell.dumps" > "$TMP/dumps.diff" ||
	fail "strace's dumps (-) and the shell's (+) differ:
$(cat "$TMP/dumps.diff")"

# Nothing made and not printed: from the first socket to the script's last
# call (the clean exit after it asks each socket its ports for ss, unprinted),
# strace's calls on descriptors above 2 are exactly the shell's lines.
grep -v '^close(' "$TMP/main.calls" > "$TMP/main.printed"
awk -v last="$(tail -n 1 "$TMP/main.printed")" \
	'/^socket\(/ { on = 1 } on { print } on && $0 == last { exit }' "$TMP/main.strace" |
	grep -E "^($PRINTED)\(" | grep -vE '^[a-z0-9]+\([012],' > "$TMP/main.made"
diff -u "$TMP/main.made" "$TMP/main.printed" > "$TMP/main.diff" ||
	fail "the calls made (-) and printed (+) differ:
$(cat "$TMP/main.diff")"

# The forms this test is about, so a change in strace's output is noticed.
expect_line "$TMP/main.calls" 'recvfrom(5, "hell", 4, 0, NULL, NULL) = 4'
expect_line "$TMP/main.calls" 'recvfrom(4, "a line longer than the 32 bytes "..., 200, MSG_DONTWAIT|MSG_WAITALL, 0x'
grep -q '^recvfrom(6, "data", 4, MSG_TRUNC, {sa_family=AF_INET, sin_port=htons([0-9]*), sin_addr=inet_addr("127.0.0.1")}, \[128 => 16\]) = 10$' "$TMP/main.calls" ||
	fail "recvfrom with MSG_TRUNC: $(grep '^recvfrom(6' "$TMP/main.calls")"
expect_line "$TMP/main.calls" "sendto(7, \"datagram\\0\\377\", 10, 0, {sa_family=AF_INET, sin_port=htons($udp), sin_addr=inet_addr(\"127.0.0.1\")}, 16) = 10"
grep -q '^sendto(6, "reply", 5, 0, {sa_family=AF_INET, sin_port=htons([0-9]*), sin_addr=inet_addr("127.0.0.1")}, 16) = 5$' "$TMP/main.calls" ||
	fail "sendto back: $(grep '^sendto(6' "$TMP/main.calls")"
expect_line "$TMP/main.calls" "bind(10, {sa_family=AF_UNIX, sun_path=@\"sockshell-strace-$$\"}, "
expect_line "$TMP/main.calls" "unlink(\"$upath\") = -1 ENOENT (No such file or directory)"
grep -q '^recvfrom(8, "unix", 4096, 0, 0x[0-9a-f]*, \[128 => 0\]) = 4$' "$TMP/main.calls" ||
	fail "recvfrom from an unbound unix sender: $(grep '^recvfrom(8' "$TMP/main.calls")"
[ "$(wc -l < "$TMP/shell.dumps")" -ge 7 ] || fail "fewer dump lines than sent: $(cat "$TMP/shell.dumps")"
done_testing
