# setsockopt and getsockopt on loopback: every option's line exactly as strace
# 6.1 prints it, the notes under raw values, the kernel's refusals with their
# hints, the refusals of bad input (one stderr line, no call, the shell goes
# on), and SO_ERROR after a refused non-blocking connect.
. "$top_srcdir/tests/scripts/lib.sh"
need timeout

refused=$(free_port)
[ -n "$refused" ] || { fail "no free port"; done_testing; }

# ---- every option on a TCP socket ----
cat > "$TMP/opts.sock" <<'SCRIPT'
socket stream
setsockopt reuseaddr 1
expect ok
getsockopt reuseaddr
expect ok
setsockopt reuseport on
setsockopt keepalive 1
setsockopt nodelay 1
getsockopt nodelay
setsockopt rcvbuf 65536
getsockopt rcvbuf
setsockopt sndbuf 65536
setsockopt linger on 0
getsockopt linger
setsockopt linger off
setsockopt rcvtimeo 1500
getsockopt rcvtimeo
setsockopt sndtimeo 500
setsockopt broadcast 1
getsockopt error
getsockopt type
getsockopt acceptconn
# v6only is for inet6 sockets
setsockopt v6only 1
expect ENOPROTOOPT
getsockopt v6only
expect EOPNOTSUPP
SCRIPT
sockshell_t "$TMP/opts.sock" > "$TMP/opts.out" 2> "$TMP/opts.err"
expect_status 0 $? "options script"
[ -s "$TMP/opts.err" ] && fail "options: stderr: $(cat "$TMP/opts.err")"
# The kernel doubles the buffer sizes, and what it keeps depends on its
# limits; a failed getsockopt shows its buffer's address, which varies.
sed -E -e 's/SO_RCVBUF, \[[0-9]+\], \[4\]\) = 0$/SO_RCVBUF, [N], [4]) = 0/' \
	-e 's/, 0x[0-9a-f]+, \[4\]\) = -1 /, 0xADDR, [4]) = -1 /' "$TMP/opts.out" > "$TMP/opts.norm"
expect_calls "$TMP/opts.norm" "option lines" <<'LINES'
socket(AF_INET, SOCK_STREAM, IPPROTO_TCP) = 3
setsockopt(3, SOL_SOCKET, SO_REUSEADDR, [1], 4) = 0
getsockopt(3, SOL_SOCKET, SO_REUSEADDR, [1], [4]) = 0
setsockopt(3, SOL_SOCKET, SO_REUSEPORT, [1], 4) = 0
setsockopt(3, SOL_SOCKET, SO_KEEPALIVE, [1], 4) = 0
setsockopt(3, SOL_TCP, TCP_NODELAY, [1], 4) = 0
getsockopt(3, SOL_TCP, TCP_NODELAY, [1], [4]) = 0
setsockopt(3, SOL_SOCKET, SO_RCVBUF, [65536], 4) = 0
getsockopt(3, SOL_SOCKET, SO_RCVBUF, [N], [4]) = 0
setsockopt(3, SOL_SOCKET, SO_SNDBUF, [65536], 4) = 0
setsockopt(3, SOL_SOCKET, SO_LINGER, {l_onoff=1, l_linger=0}, 8) = 0
getsockopt(3, SOL_SOCKET, SO_LINGER, {l_onoff=1, l_linger=0}, [8]) = 0
setsockopt(3, SOL_SOCKET, SO_LINGER, {l_onoff=0, l_linger=0}, 8) = 0
setsockopt(3, SOL_SOCKET, SO_RCVTIMEO_OLD, "\1\0\0\0\0\0\0\0 \241\7\0\0\0\0\0", 16) = 0
getsockopt(3, SOL_SOCKET, SO_RCVTIMEO_OLD, "\1\0\0\0\0\0\0\0 \241\7\0\0\0\0\0", [16]) = 0
setsockopt(3, SOL_SOCKET, SO_SNDTIMEO_OLD, "\0\0\0\0\0\0\0\0 \241\7\0\0\0\0\0", 16) = 0
setsockopt(3, SOL_SOCKET, SO_BROADCAST, [1], 4) = 0
getsockopt(3, SOL_SOCKET, SO_ERROR, [0], [4]) = 0
getsockopt(3, SOL_SOCKET, SO_TYPE, [1], [4]) = 0
getsockopt(3, SOL_SOCKET, SO_ACCEPTCONN, [0], [4]) = 0
setsockopt(3, SOL_IPV6, IPV6_V6ONLY, [1], 4) = -1 ENOPROTOOPT (Protocol not available)
getsockopt(3, SOL_IPV6, IPV6_V6ONLY, 0xADDR, [4]) = -1 EOPNOTSUPP (Operation not supported)
close(3) = 0
LINES
# The notes say what the raw values mean; the failures get their hints.
expect_line "$TMP/opts.out" "  the bytes are a struct timeval {tv_sec=1, tv_usec=500000}: 1500 ms"
expect_line "$TMP/opts.out" "  1 is SOCK_STREAM"
expect_line "$TMP/opts.out" "  the kernel caps the size at net.core.rmem_max (wmem_max to send), then doubles it"
expect_line "$TMP/opts.out" "  close will now reset the connection (RST"
grep -A1 '= -1 ENOPROTOOPT' "$TMP/opts.out" | grep -q '^  hint: .*v6only is for inet6' ||
	fail "no v6only hint under ENOPROTOOPT"
grep -A1 '= -1 EOPNOTSUPP' "$TMP/opts.out" | grep -q '^  hint: .*v6only' ||
	fail "no v6only hint under EOPNOTSUPP"

# ---- v6only where it belongs ----
if sockshell_t -c 'socket inet6 stream' 2>/dev/null | grep -q '= 3$'; then
	sockshell_t -c 'socket inet6 stream; setsockopt v6only 1; getsockopt v6only' > "$TMP/v6.out" 2>&1
	expect_status 0 $? "v6only on inet6"
	expect_line "$TMP/v6.out" "setsockopt(3, SOL_IPV6, IPV6_V6ONLY, [1], 4) = 0"
	expect_line "$TMP/v6.out" "getsockopt(3, SOL_IPV6, IPV6_V6ONLY, [1], [4]) = 0"
fi

# ---- bad input: one line on stderr each, no call, the shell goes on ----
cat > "$TMP/bad.sock" <<'SCRIPT'
socket stream
setsockopt nosuch 1
setsockopt reuseaddr 7
setsockopt reuseaddr
setsockopt linger on
setsockopt rcvtimeo soon
setsockopt error 0
getsockopt nosuch
getsockopt
getsockopt rcvbuf now
setsockopt fd9 reuseaddr 1
getsockopt type
expect = 0
SCRIPT
sockshell_t -k "$TMP/bad.sock" > "$TMP/bad.out" 2> "$TMP/bad.err"
expect_status 1 $? "bad input in a script"
expect_lines_n "$TMP/bad.err" 10 "one error line per bad command"
expect_calls "$TMP/bad.out" "bad input makes no call" <<'LINES'
socket(AF_INET, SOCK_STREAM, IPPROTO_TCP) = 3
getsockopt(3, SOL_SOCKET, SO_TYPE, [1], [4]) = 0
close(3) = 0
LINES
expect_line "$TMP/bad.err" "bad.sock:2: setsockopt: unknown option: nosuch (reuseaddr, reuseport, keepalive, nodelay, rcvbuf, sndbuf, linger, rcvtimeo, sndtimeo, broadcast, v6only, cork, maxseg, keepidle, keepintvl, keepcnt, quickack, syncnt, ttl, ipv6_unicast_hops, ip_add_membership, ip_drop_membership, ip_multicast_loop, ip_multicast_ttl, ip_multicast_if, ip_multicast_all, ipv6_join_group, ipv6_leave_group, ipv6_multicast_loop, ipv6_multicast_hops, ipv6_multicast_if) (usage: setsockopt [fdN] OPTION VALUE...)"
expect_line "$TMP/bad.err" "bad.sock:3: setsockopt: reuseaddr takes 1 or 0 (on or off), not 7 (usage: setsockopt [fdN] OPTION VALUE...)"
expect_line "$TMP/bad.err" "bad.sock:4: setsockopt: reuseaddr takes 1 or 0 (on or off) (usage:"
expect_line "$TMP/bad.err" "bad.sock:5: setsockopt: linger takes \`on SECONDS\` (0 to 65535) or \`off\`, not on"
expect_line "$TMP/bad.err" "bad.sock:6: setsockopt: rcvtimeo takes milliseconds"
expect_line "$TMP/bad.err" "bad.sock:7: setsockopt: error can only be read: getsockopt error"
expect_line "$TMP/bad.err" "bad.sock:8: getsockopt: unknown option: nosuch"
expect_line "$TMP/bad.err" "bad.sock:9: getsockopt: missing argument (usage: getsockopt [fdN] OPTION)"
expect_line "$TMP/bad.err" "bad.sock:10: getsockopt: too many arguments"
expect_line "$TMP/bad.err" "bad.sock:11: setsockopt: fd9 is not open in this shell"

# ---- SO_ERROR after a refused non-blocking connect on loopback ----
cat > "$TMP/nbconnect.sock" <<SCRIPT
socket stream
nonblock on
connect 127.0.0.1 $refused
expect EINPROGRESS
# the refusal comes back at once on loopback; the timeout only bounds a hang
poll fd3:out $WAIT_MS
expect = 1
getsockopt error
expect ok
getsockopt error
SCRIPT
sockshell_t "$TMP/nbconnect.sock" > "$TMP/nb.out" 2> "$TMP/nb.err"
expect_status 0 $? "non-blocking connect script"
expect_line "$TMP/nb.out" "connect(3, {sa_family=AF_INET, sin_port=htons($refused), sin_addr=inet_addr(\"127.0.0.1\")}, 16) = -1 EINPROGRESS (Operation now in progress)"
grep -A1 'EINPROGRESS' "$TMP/nb.out" | grep -q '^  hint: .*POLLOUT.*getsockopt error' ||
	fail "no hint under EINPROGRESS"
expect_line "$TMP/nb.out" "poll([{fd=3, events=POLLOUT}], 1, $WAIT_MS) = 1 ([{fd=3, revents=POLLOUT|POLLERR|POLLHUP}])"
expect_line "$TMP/nb.out" "  POLLERR on fd3: an error is pending; \`getsockopt fd3 error\` tells which"
expect_line "$TMP/nb.out" "getsockopt(3, SOL_SOCKET, SO_ERROR, [ECONNREFUSED], [4]) = 0"
expect_line "$TMP/nb.out" "  ECONNREFUSED is how the last connect or send ended; reading SO_ERROR cleared it to 0"
# read once, it is gone
[ "$(grep -c '^getsockopt(3, SOL_SOCKET, SO_ERROR, \[0\], \[4\]) = 0$' "$TMP/nb.out")" = 1 ] ||
	fail "second SO_ERROR read is not [0]: $(cat "$TMP/nb.out")"

# SO_LINGER on 30 with data the peer never reads: the close waits, says so
# first, and Ctrl-C ends the wait (the close still returns 0). With linger
# off, or nothing queued, a close says no such line.
port=$(free_port)
[ -n "$port" ] || { fail "no free port"; done_testing; }
cat > "$TMP/linger.sock" <<SCRIPT
socket stream
bind 127.0.0.1 $port
listen 1
socket stream
connect 127.0.0.1 $port
accept fd3
setsockopt fd4 linger on 30
nonblock fd4 on
write fd4 "x"*20000000
nonblock fd4 off
close fd4
echo never here
SCRIPT
if ctrl_c linger; then
	grep -qE '^  waiting for the peer to take [0-9]+ bytes still queued \(SO_LINGER: 30 s at most\) on fd4 \(Ctrl-C interrupts\)$' "$TMP/linger.err" ||
		fail "no waiting line for the lingering close: $(cat "$TMP/linger.err")"
	expect_line "$TMP/linger.out" "close(4) = 0"
	expect_no_line "$TMP/linger.out" "never here" "the script went on after Ctrl-C"
fi
port=$(free_port)
sed -e "/^bind\|^connect/s/ [0-9]*\$/ $port/" -e '/^echo/d' \
	-e 's/^write fd4 .*/write fd4 "x"/' "$TMP/linger.sock" > "$TMP/quick.sock"
sockshell_t "$TMP/quick.sock" > "$TMP/quick.out" 2> "$TMP/quick.err"
expect_status 0 $? "a lingering close with nothing queued"
expect_line "$TMP/quick.out" "close(4) = 0"
has_text "$TMP/quick.err" "waiting for" &&
	fail "a close with nothing queued said it waited: $(cat "$TMP/quick.err")"
done_testing
