# valgrind over a whole session: no memory error, no leak, no descriptor left open.
. "$top_srcdir/tests/scripts/lib.sh"
need valgrind
[ "${SOCKSHELL_SANITIZED:-0}" = 1 ] && skip "a sanitizer build does not run under valgrind"

port=$(free_port)
refused=$(free_port)
[ -n "$port" ] && [ -n "$refused" ] || { fail "no free ports"; done_testing; }
printf 'small file\n' > "$TMP/small"
cat > "$TMP/session.sock" <<SCRIPT
# the lifecycle, with errors and bad input along the way
socket stream
bind 127.0.0.1 $port
listen 5
socket stream
connect 127.0.0.1 $port
accept fd3
write fd4 "hello\x00\xff\n and more than thirty-two bytes of it"
read
write "back"
read fd4 2
read fd4
write fd4 @$TMP/small
read fd5 11 >$TMP/copy
write fd4 @$TMP
write fd4 @$TMP/nonexistent
write fd4 "ab"*5000
read fd5 10000 >$TMP/copy
socket stream
bind 127.0.0.1 $port
expect EADDRINUSE
connect 127.0.0.1 $refused
blah
bind 99999
write "unterminated
close fd4
read fd5
fds
socketpair stream
sendmsg fd4 "ab" "cd" rights fd3 fd6
recvmsg fd7 2 2
sendmsg fd4 "x" rights fd5 fd6 fd3
recvmsg fd7 rights 1
help
help bind
set strsize 8
echo "done \x1b[2J"
connect nosuch.invalid 80
SCRIPT

# In a network namespace of its own: the .invalid lookup asks no resolver off
# this machine. -k: every bad line is refused, and the session goes on.
in_netns timeout "$HANG_LIMIT" valgrind -q --leak-check=full --show-leak-kinds=definite,indirect \
	--errors-for-leak-kinds=definite,indirect --error-exitcode=99 \
	--track-fds=yes --log-file="$TMP/vg.log" \
	"$SOCKSHELL" -k "$TMP/session.sock" > "$TMP/out" 2> "$TMP/err"
rc=$?
[ "$rc" = 125 ] && skip "no network namespaces here (unshare -rn)"
[ "$rc" = 99 ] && fail "valgrind found errors: $(head -40 "$TMP/vg.log")"
[ "$rc" = 1 ] || fail "the session should exit 1 (it has bad input), got $rc"
grep -q 'definitely lost\|indirectly lost\|Invalid \(read\|write\)\|uninitialised' "$TMP/vg.log" &&
	fail "valgrind: $(head -40 "$TMP/vg.log")"
# Only stdin, stdout and stderr may be open at exit: every socket was closed.
if grep -q 'Open AF_\|Open file descriptor [3-9]' "$TMP/vg.log"; then
	fail "descriptors left open at exit: $(grep -A2 'Open ' "$TMP/vg.log" | head)"
fi
expect_line "$TMP/out" "close(3) = 0"
expect_line "$TMP/out" "close(5) = 0"
# write @FILE and read >FILE ran, their files opened and closed
expect_line "$TMP/out" "sendfile(4, 6, NULL, 1048576) = 11"
expect_line "$TMP/out" "  received 10000 bytes from fd5 into $TMP/copy in "

# The kernel's side, in the lab: the capture thread, states, the diagram in
# both forms, a pcap saved and read back, and the shell left with trace on.
if "$SOCKSHELL" --lab -c 'trace on' > /dev/null 2>&1; then
	cat > "$TMP/trace.sock" <<SCRIPT
set states on
trace on
host server
socket stream
bind 5000
listen 5
host client
socket stream
connect server 5000
expect packet S S. .
accept fd3
write fd5 "hello\x1b]0;title\x07"
read fd4
close fd4
close fd5
socket dgram
sendto server 9 "ping"
diagram
diagram fd4 $TMP/v.svg
trace save $TMP/v.pcap
trace off
trace load $TMP/v.pcap
diagram
trace clear
trace on -v
socket stream
connect server 5000
SCRIPT
	timeout "$HANG_LIMIT" valgrind -q --leak-check=full --show-leak-kinds=definite,indirect \
		--errors-for-leak-kinds=definite,indirect --error-exitcode=99 \
		--track-fds=yes --log-file="$TMP/vg-trace.log" \
		"$SOCKSHELL" --lab -k "$TMP/trace.sock" > "$TMP/trace.out" 2> "$TMP/trace.err"
	rc=$?
	[ "$rc" = 0 ] || fail "the trace session under valgrind exited $rc: $(head -40 "$TMP/vg-trace.log") $(cat "$TMP/trace.err")"
	grep -q 'definitely lost\|indirectly lost\|Invalid \(read\|write\)\|uninitialised' "$TMP/vg-trace.log" &&
		fail "valgrind, trace session: $(head -40 "$TMP/vg-trace.log")"
	if grep -q 'Open AF_\|Open file descriptor [3-9]' "$TMP/vg-trace.log"; then
		fail "trace session: descriptors left open at exit: $(grep -A2 'Open ' "$TMP/vg-trace.log" | head)"
	fi
	grep -q '^  ~ ' "$TMP/trace.out" || fail "the trace session under valgrind printed no packet"
fi
done_testing
