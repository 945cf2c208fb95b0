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
# socat sends its line from port $peer, then waits 2 s for an answer.
printf 'hello from socat\n' |
	timeout 10 socat -t 2 - "UDP:127.0.0.1:$srv,bind=127.0.0.1:$peer" > "$TMP/socat.out" 2> "$TMP/socat.err"
wait "$server"
expect_status 0 $? "the server script"
expect_calls "$TMP/server.out" <<EOF
socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP) = 3
bind(3, {sa_family=AF_INET, sin_port=htons($srv), sin_addr=inet_addr("127.0.0.1")}, 16) = 0
recvfrom(3, "hello from socat\n", 4096, 0, {sa_family=AF_INET, sin_port=htons($peer), sin_addr=inet_addr("127.0.0.1")}, [128 => 16]) = 17
sendto(3, "hello from sockshell\n", 21, 0, {sa_family=AF_INET, sin_port=htons($peer), sin_addr=inet_addr("127.0.0.1")}, 16) = 21
close(3) = 0
EOF
grep -qx 'hello from sockshell' "$TMP/socat.out" ||
	fail "socat did not receive the reply: $(cat "$TMP/socat.out" "$TMP/socat.err")"

# sockshell first: socat only receives, and prints each datagram.
rcv=$(free_port udp)
timeout 10 socat -u "UDP-RECV:$rcv,bind=127.0.0.1" - > "$TMP/recv.out" 2> "$TMP/recv.err" &
PIDS="$PIDS $!"
wait_for_port "$rcv" udp
sockshell_t -c "socket dgram; sendto 127.0.0.1 $rcv \"one\\n\"; sendto localhost $rcv two; sendto 127.0.0.1 $rcv \"\\n\"" \
	> "$TMP/client.out" 2> "$TMP/client.err"
expect_status 0 $? "the sending shell"
expect_line "$TMP/client.out" "sendto(3, \"one\\n\", 4, 0, {sa_family=AF_INET, sin_port=htons($rcv), sin_addr=inet_addr(\"127.0.0.1\")}, 16) = 4"
expect_line "$TMP/client.out" "sendto(3, \"two\", 3, 0, {sa_family=AF_INET, sin_port=htons($rcv), sin_addr=inet_addr(\"127.0.0.1\")}, 16) = 3"
i=0
while [ $i -lt 50 ] && [ "$(wc -l < "$TMP/recv.out")" -lt 2 ]; do
	sleep 0.1
	i=$((i + 1))
done
[ "$(cat "$TMP/recv.out")" = "one
two" ] || fail "socat received: $(od -c "$TMP/recv.out")"
done_testing
