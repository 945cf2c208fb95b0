# TCP over IPv6 loopback with a real peer, OpenBSD nc -6: sockshell as the
# server on ::1 (accept, getpeername, recv, send print sockaddr_in6 exactly as
# strace does), then as the client of `nc -6 -l`, connecting to "[::1]" as
# URLs write it; shutdown wr lets nc see end of file while its reply still
# comes back.
. "$top_srcdir/tests/scripts/lib.sh"
need nc timeout

sockshell_t -c 'socket inet6 stream; bind ::1 0' > "$TMP/probe.out" 2>&1
grep -q '^bind(3, .* = 0$' "$TMP/probe.out" || skip "no IPv6 loopback here"

port=$(free_port)
[ -n "$port" ] || { fail "no free port"; done_testing; }
# in6 PORT: strace's sockaddr_in6 for [::1]:PORT
in6() {
	printf '{sa_family=AF_INET6, sin6_port=htons(%s), sin6_flowinfo=htonl(0), inet_pton(AF_INET6, "::1", &sin6_addr), sin6_scope_id=0}' "$1"
}

# ---- sockshell serves, nc -6 connects ----
cat > "$TMP/server.sock" <<SCRIPT
socket inet6 stream
bind ::1 $port
listen 5
accept
expect = 4
getsockname
getpeername
recv
expect "hello over v6\n"
send "hello back\n"
expect = 11
recv
expect = 0
close
SCRIPT
sockshell_t "$TMP/server.sock" > "$TMP/server.out" 2> "$TMP/server.err" &
server=$!
PIDS="$PIDS $server"
wait_for_port "$port"
# -N: nc shuts down its side after the line, and reads the reply until the shell closes.
printf 'hello over v6\n' | timeout "$HANG_LIMIT" nc -6 -N ::1 "$port" > "$TMP/nc.out"
wait "$server"
expect_status 0 $? "the server script"
cport=$(sed -n 's/^accept(3, {sa_family=AF_INET6, sin6_port=htons(\([0-9]*\)).*/\1/p' "$TMP/server.out")
[ -n "$cport" ] || fail "no accept line: $(cat "$TMP/server.out")"
expect_calls "$TMP/server.out" <<EOF
socket(AF_INET6, SOCK_STREAM, IPPROTO_TCP) = 3
bind(3, $(in6 "$port"), 28) = 0
listen(3, 5) = 0
accept(3, $(in6 "$cport"), [128 => 28]) = 4
getsockname(4, $(in6 "$port"), [128 => 28]) = 0
getpeername(4, $(in6 "$cport"), [128 => 28]) = 0
recvfrom(4, "hello over v6\n", 4096, 0, NULL, NULL) = 14
sendto(4, "hello back\n", 11, 0, NULL, 0) = 11
recvfrom(4, "", 4096, 0, NULL, NULL) = 0
close(4) = 0
close(3) = 0
EOF
grep -qx 'hello back' "$TMP/nc.out" || fail "nc did not receive the reply"

# ---- nc -6 -l serves, sockshell connects to [::1] ----
port=$(free_port)
printf 'hi from nc\n' > "$TMP/nc.in"
# nc answers with its file, and prints what it receives until end of file.
timeout "$HANG_LIMIT" nc -6 -l ::1 "$port" < "$TMP/nc.in" > "$TMP/ncl.out" 2> "$TMP/ncl.err" &
ncpid=$!
PIDS="$PIDS $ncpid"
wait_for_port "$port"
cat > "$TMP/client.sock" <<SCRIPT
socket inet6 stream
connect [::1] $port
expect ok
getpeername
send "hi from sockshell\n" nosignal
expect = 18
shutdown wr
recv 100 waitall
expect "hi from nc\n"
SCRIPT
sockshell_t "$TMP/client.sock" > "$TMP/client.out" 2> "$TMP/client.err"
expect_status 0 $? "the client script"
wait "$ncpid"
expect_line "$TMP/client.out" "connect(3, $(in6 "$port"), 28) = 0"
expect_line "$TMP/client.out" "getpeername(3, $(in6 "$port"), [128 => 28]) = 0"
expect_line "$TMP/client.out" 'sendto(3, "hi from sockshell\n", 18, MSG_NOSIGNAL, NULL, 0) = 18'
expect_line "$TMP/client.out" 'shutdown(3, SHUT_WR) = 0'
expect_line "$TMP/client.out" 'recvfrom(3, "hi from nc\n", 100, MSG_WAITALL, NULL, NULL) = 11'
grep -qx 'hi from sockshell' "$TMP/ncl.out" || fail "nc did not receive: $(cat "$TMP/ncl.out")"

# ---- the two spellings of the IPv6 loopback bind alike ----
sockshell_t -c 'socket inet6 dgram; bind [::1] 0; socket inet6 dgram; bind ::1 0; socket inet6 dgram; bind 0; getsockname' \
	> "$TMP/spell.out" 2> "$TMP/spell.err"
expect_line "$TMP/spell.out" "bind(3, $(in6 0), 28) = 0"
expect_line "$TMP/spell.out" "bind(4, $(in6 0), 28) = 0"
expect_line "$TMP/spell.out" 'bind(5, {sa_family=AF_INET6, sin6_port=htons(0), sin6_flowinfo=htonl(0), inet_pton(AF_INET6, "::", &sin6_addr), sin6_scope_id=0}, 28) = 0'
done_testing
