# sendto and recvfrom over UDP on loopback, both ends in one shell: the
# sender's address in recvfrom, a reply sent back there, a datagram cut to
# COUNT (the rest is lost), MSG_TRUNC's real size, sendto by name, and the
# failures: ECONNREFUSED on a connected UDP socket after send or sendto to a
# closed port, EDESTADDRREQ, ENOTCONN, EAGAIN.
. "$top_srcdir/tests/scripts/lib.sh"

srv=$(free_port udp)
cli=$(free_port udp)
closed=$(free_port udp)
[ -n "$srv" ] && [ -n "$cli" ] && [ -n "$closed" ] && [ "$srv" != "$cli" ] ||
	{ fail "no free ports"; done_testing; }

cat > "$TMP/udp.sock" <<SCRIPT
socket dgram
bind 127.0.0.1 $srv
socket dgram
bind 127.0.0.1 $cli
sendto 127.0.0.1 $srv "ping"
expect = 4
recvfrom fd3
expect "ping"
# the reply goes where recvfrom said the datagram came from
sendto fd3 127.0.0.1 $cli "pong\n"
expect = 5
recvfrom -x fd4 2
expect "po"
# one datagram, one receive: the rest of it was discarded
recvfrom fd4 dontwait
expect EAGAIN
sendto fd3 127.0.0.1 $cli "0123456789"
recv fd4 4 trunc
expect = 10
sendto fd4 localhost $srv "by name"
expect = 7
recvfrom fd3 100 peek
expect "by name"
recvfrom fd3 100 dontwait
expect "by name"
getsockname fd4
getpeername fd4
expect ENOTCONN
# connected UDP: the port unreachable answer comes back as ECONNREFUSED
socket dgram
connect 127.0.0.1 $closed
send "anyone?"
expect = 7
recvfrom
expect ECONNREFUSED
# sendto names the same closed port on the connected socket: the same answer
sendto 127.0.0.1 $closed "again"
expect = 5
recvfrom
expect ECONNREFUSED
getpeername
recv dontwait
expect EAGAIN
socket dgram
send "where to?"
expect EDESTADDRREQ
SCRIPT

sockshell_t "$TMP/udp.sock" > "$TMP/udp.out" 2> "$TMP/udp.err"
expect_status 0 $? "the UDP script"
sed -e 's/0x[0-9a-f]\{6,\}/PTR/g' "$TMP/udp.out" > "$TMP/udp.plain"
lo() { printf '{sa_family=AF_INET, sin_port=htons(%s), sin_addr=inet_addr("127.0.0.1")}' "$1"; }
expect_calls "$TMP/udp.plain" <<EOF
socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP) = 3
bind(3, $(lo $srv), 16) = 0
socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP) = 4
bind(4, $(lo $cli), 16) = 0
sendto(4, "ping", 4, 0, $(lo $srv), 16) = 4
recvfrom(3, "ping", 4096, 0, $(lo $cli), [128 => 16]) = 4
sendto(3, "pong\n", 5, 0, $(lo $cli), 16) = 5
recvfrom(4, "po", 2, 0, $(lo $srv), [128 => 16]) = 2
recvfrom(4, PTR, 4096, MSG_DONTWAIT, PTR, [128]) = -1 EAGAIN (Resource temporarily unavailable)
sendto(3, "0123456789", 10, 0, $(lo $cli), 16) = 10
recvfrom(4, "0123", 4, MSG_TRUNC, NULL, NULL) = 10
sendto(4, "by name", 7, 0, $(lo $srv), 16) = 7
recvfrom(3, "by name", 100, MSG_PEEK, $(lo $cli), [128 => 16]) = 7
recvfrom(3, "by name", 100, MSG_DONTWAIT, $(lo $cli), [128 => 16]) = 7
getsockname(4, $(lo $cli), [128 => 16]) = 0
getpeername(4, PTR, [128]) = -1 ENOTCONN (Transport endpoint is not connected)
socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP) = 5
connect(5, $(lo $closed), 16) = 0
sendto(5, "anyone?", 7, 0, NULL, 0) = 7
recvfrom(5, PTR, 4096, 0, PTR, [128]) = -1 ECONNREFUSED (Connection refused)
sendto(5, "again", 5, 0, $(lo $closed), 16) = 5
recvfrom(5, PTR, 4096, 0, PTR, [128]) = -1 ECONNREFUSED (Connection refused)
getpeername(5, $(lo $closed), [128 => 16]) = 0
recvfrom(5, PTR, 4096, MSG_DONTWAIT, NULL, NULL) = -1 EAGAIN (Resource temporarily unavailable)
socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP) = 6
sendto(6, "where to?", 9, 0, NULL, 0) = -1 EDESTADDRREQ (Destination address required)
close(3) = 0
close(4) = 0
close(5) = 0
close(6) = 0
EOF
expect_line "$TMP/udp.out" ' | 00000  70 6f                                             po               |'
expect_line "$TMP/udp.out" "  getaddrinfo(\"localhost\") found 127.0.0.1:$srv"
# No end-of-file words for datagrams: 0 bytes would be an empty datagram.
expect_no_line "$TMP/udp.out" "end of file"
# A datagram longer than COUNT is cut: a note says the rest is lost, and
# with trunc how long it was; one that fits says nothing.
sockshell_t -c 'socketpair dgram; write fd3 "hello again"; recvfrom fd4 4
write fd3 "hello again"; recv fd4 4 trunc; write fd3 "abc"; read fd4' > "$TMP/cut.out" 2>&1
expect_line "$TMP/cut.out" "  the datagram filled all 4 bytes: had it more, the rest is lost (the trunc flag gives its whole length)"
expect_line "$TMP/cut.out" "  the datagram was 11 bytes: the 4 that fit are here, the rest is lost"
[ "$(grep -c 'the datagram' "$TMP/cut.out")" = 2 ] ||
	fail "a datagram that fit got a note: $(cat "$TMP/cut.out")"
done_testing
