# A UDP exchange with a real peer, socat: sockshell's recvfrom shows socat's
# address (the source port socat was told to use), the reply sockshell sends
# there with sendto reaches socat; then sockshell sends first, to a socat that
# only receives.
. "$top_srcdir/tests/scripts/lib.sh"
need socat timeout

srv=$(free_port udp)
peer=$(free_port udp)
[ -n "$srv" ] && [ -n "$peer" ] && [ "$srv" != "$peer" ] ||
	{ fail "no free ports"; done_testing; }

cat > "$TMP/server.sock" <<SCRIPT
socket dgram
bind 127.0.0.1 $srv
recvfrom
expect "hello from socat\n"
sendto 127.0.0.1 $peer "hello from sockshell\n"
expect = 21
SCRIPT
sockshell_t "$TMP/server.sock" > "$TMP/server.out" 2> "$TMP/server.err" &
server=$!
PIDS="$PIDS $server"
wait_for_port "$srv" udp
# socat sends its line from port $peer, and prints the answer. UDP has no end
# of file: socat's input stays open until the answer is there, then its end
# lets socat go.
mkfifo "$TMP/socat.in"
timeout "$HANG_LIMIT" socat - "UDP:127.0.0.1:$srv,bind=127.0.0.1:$peer" \
	< "$TMP/socat.in" > "$TMP/socat.out" 2> "$TMP/socat.err" &
socat_pid=$!
PIDS="$PIDS $socat_pid"
exec 8> "$TMP/socat.in"
printf 'hello from socat\n' >&8
wait "$server"
expect_status 0 $? "the server script"
wait_for_text "$TMP/socat.out" "hello from sockshell"
exec 8>&-
wait_exit "$socat_pid"
expect_status 0 $? "socat"
expect_calls "$TMP/server.out" <<EOF
socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP) = 3
bind(3, {sa_family=AF_INET, sin_port=htons($srv), sin_addr=inet_addr("127.0.0.1")}, 16) = 0
recvfrom(3, "hello from socat\n", 4096, 0, {sa_family=AF_INET, sin_port=htons($peer), sin_addr=inet_addr("127.0.0.1")}, [128 => 16]) = 17
sendto(3, "hello from sockshell\n", 21, 0, {sa_family=AF_INET, sin_port=htons($peer), sin_addr=inet_addr("127.0.0.1")}, 16) = 21
close(3) = 0
EOF
grep -qx 'hello from sockshell' "$TMP/socat.out" ||
	fail "socat did not receive the reply: $(cat "$TMP/socat.out" "$TMP/socat.err")"

# sendto back: the reply goes to the address recvfrom filled in, a port
# socat's kernel picked; the line shows that address, as the kernel got it.
srv2=$(free_port udp)
cat > "$TMP/back.sock" <<SCRIPT
socket dgram
bind 127.0.0.1 $srv2
recvfrom
expect "who am I\n"
sendto back "you are the sender\n"
expect = 19
SCRIPT
sockshell_t "$TMP/back.sock" > "$TMP/back.out" 2> "$TMP/back.err" &
server=$!
PIDS="$PIDS $server"
wait_for_port "$srv2" udp
mkfifo "$TMP/back.in"
timeout "$HANG_LIMIT" socat - "UDP:127.0.0.1:$srv2" \
	< "$TMP/back.in" > "$TMP/back.socat" 2> "$TMP/back.socat.err" &
socat_pid=$!
PIDS="$PIDS $socat_pid"
exec 8> "$TMP/back.in"
printf 'who am I\n' >&8
wait "$server"
expect_status 0 $? "the server that sends back (stderr: $(cat "$TMP/back.err"))"
wait_for_text "$TMP/back.socat" "you are the sender"
exec 8>&-
wait_exit "$socat_pid"
from=$(sed -n 's/^recvfrom(3, .*, {sa_family=AF_INET, sin_port=htons(\([0-9]*\)), .*/\1/p' "$TMP/back.out")
[ -n "$from" ] || fail "no sender in recvfrom's line: $(grep recvfrom "$TMP/back.out")"
expect_line "$TMP/back.out" "sendto(3, \"you are the sender\\n\", 19, 0, {sa_family=AF_INET, sin_port=htons($from), sin_addr=inet_addr(\"127.0.0.1\")}, 16) = 19"

# back with no datagram received, or on a socket made anew with the number: refused.
sockshell_t -c "socket dgram; bind 127.0.0.1 0; sendto back x; socket unix dgram; sendto fd4 back x" \
	> "$TMP/noback.out" 2> "$TMP/noback.err"
expect_status 1 $? "sendto back with no sender"
u="(usage: sendto [fdN] HOST PORT TEXT | [fdN] PATH TEXT | [fdN] back TEXT)"
expect_line "$TMP/noback.err" "sockshell: sendto: fd3 has no sender to send back to: recvfrom on it first $u"
expect_line "$TMP/noback.err" "sockshell: sendto: fd4 has no sender to send back to: recvfrom a datagram from a bound socket first (./back is a file named back) $u"
expect_no_line "$TMP/noback.out" "sendto(" "a refused sendto made a call"
p3=$(free_port udp)
sockshell_t -c "socket dgram; bind 127.0.0.1 $p3; socket dgram; sendto 127.0.0.1 $p3 hi; recvfrom fd3; close fd3; socket dgram; sendto fd3 back x" \
	> "$TMP/anew.out" 2> "$TMP/anew.err"
expect_status 1 $? "sendto back on a socket made anew"
expect_line "$TMP/anew.err" "sockshell: sendto: fd3 has no sender to send back to: recvfrom on it first $u"
[ "$(grep -c '^sendto(' "$TMP/anew.out")" = 1 ] || fail "sendto back went to the old socket's sender: $(grep sendto "$TMP/anew.out")"

# sockshell first: socat only receives, and prints each datagram.
rcv=$(free_port udp)
timeout "$HANG_LIMIT" socat -u "UDP-RECV:$rcv,bind=127.0.0.1" - > "$TMP/recv.out" 2> "$TMP/recv.err" &
PIDS="$PIDS $!"
wait_for_port "$rcv" udp
sockshell_t -c "socket dgram; sendto 127.0.0.1 $rcv \"one\\n\"; sendto localhost $rcv two; sendto 127.0.0.1 $rcv \"\\n\"" \
	> "$TMP/client.out" 2> "$TMP/client.err"
expect_status 0 $? "the sending shell"
expect_line "$TMP/client.out" "sendto(3, \"one\\n\", 4, 0, {sa_family=AF_INET, sin_port=htons($rcv), sin_addr=inet_addr(\"127.0.0.1\")}, 16) = 4"
expect_line "$TMP/client.out" "sendto(3, \"two\", 3, 0, {sa_family=AF_INET, sin_port=htons($rcv), sin_addr=inet_addr(\"127.0.0.1\")}, 16) = 3"
# all three datagrams there: "one\n", "two" and "\n" make two lines
has_lines() { [ "$(wc -l < "$1")" -ge "$2" ]; }
poll_until has_lines "$TMP/recv.out" 2
[ "$(cat "$TMP/recv.out")" = "one
two" ] || fail "socat received: $(od -c "$TMP/recv.out")"
done_testing
