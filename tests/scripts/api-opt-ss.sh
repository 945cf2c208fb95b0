# ss on loopback: the kernel's own list of sockets on this shell's ports. After
# an active close, the closing side's socket stays in TIME_WAIT with no
# descriptor; ss shows it with its timer, and no call line. Then the classic
# story: the server closes first, its port stays busy, a new bind fails with
# EADDRINUSE while ss shows why, and SO_REUSEADDR lets it through, on Linux
# only when the old socket had it too.
. "$top_srcdir/tests/scripts/lib.sh"
need timeout

# row FILE STATE LOCAL PEER FD: FILE has a table row (blanks squeezed) for it.
row() {
	squeeze "$1" | grep -qE "^tcp $2 [0-9]+ [0-9]+ $3 $4 $5( |\$)" ||
		fail "no row: tcp $2 $3 $4 $5 in:
$(cat "$1")"
}

# ---- the client closes first: it keeps the TIME_WAIT ----
port=$(free_port)
[ -n "$port" ] || { fail "no free port"; done_testing; }
cat > "$TMP/active.sock" <<SCRIPT
socket stream
bind 127.0.0.1 $port
listen 5
socket stream
connect 127.0.0.1 $port
accept fd3
ss
close fd4
read fd5
expect = 0
close fd5
ss
netstat
SCRIPT
sockshell_t "$TMP/active.sock" > "$TMP/active.out" 2> "$TMP/active.err"
expect_status 0 $? "active close script"
client=$(sed -n 's/^accept(3, {sa_family=AF_INET, sin_port=htons(\([0-9]*\)).*/\1/p' "$TMP/active.out")
[ -n "$client" ] || { fail "no accept line: $(cat "$TMP/active.out")"; done_testing; }
# ss prints no call line: the calls are exactly the script's.
expect_calls "$TMP/active.out" "ss makes no call line" <<LINES
socket(AF_INET, SOCK_STREAM, IPPROTO_TCP) = 3
bind(3, {sa_family=AF_INET, sin_port=htons($port), sin_addr=inet_addr("127.0.0.1")}, 16) = 0
listen(3, 5) = 0
socket(AF_INET, SOCK_STREAM, IPPROTO_TCP) = 4
connect(4, {sa_family=AF_INET, sin_port=htons($port), sin_addr=inet_addr("127.0.0.1")}, 16) = 0
accept(3, {sa_family=AF_INET, sin_port=htons($client), sin_addr=inet_addr("127.0.0.1")}, [128 => 16]) = 5
close(4) = 0
read(5, "", 4096) = 0
close(5) = 0
close(3) = 0
LINES
sed -n '1,/^close(4)/p' "$TMP/active.out" > "$TMP/before"
sed -n '/^close(5)/,$p' "$TMP/active.out" > "$TMP/after"
expect_line "$TMP/before" "  TCP and UDP sockets on ports $port, $client, as the kernel lists them (/proc/net/tcp, udp):"
squeeze "$TMP/before" | grep -qx 'PROTO STATE RECV-Q SEND-Q LOCAL PEER FD TIMER' || fail "no header row: $(cat "$TMP/before")"
row "$TMP/before" LISTEN "127.0.0.1:$port" '0\.0\.0\.0:\*' fd3
row "$TMP/before" ESTABLISHED "127.0.0.1:$client" "127.0.0.1:$port" fd4
row "$TMP/before" ESTABLISHED "127.0.0.1:$port" "127.0.0.1:$client" fd5
# After both closes: the listener, and the client's side in TIME_WAIT with its timer.
row "$TMP/after" LISTEN "127.0.0.1:$port" '0\.0\.0\.0:\*' fd3
row "$TMP/after" TIME_WAIT "127.0.0.1:$client" "127.0.0.1:$port" '- timewait [0-9]+s'
expect_line "$TMP/after" "  TIME_WAIT: the side that closed first keeps the pair for 60 s"
[ "$(grep -c 'TIME_WAIT  ' "$TMP/after")" = 2 ] || fail "netstat (the alias) did not list the same: $(cat "$TMP/after")"
expect_no_line "$TMP/after" "ESTABLISHED" "a closed connection still listed"
[ -s "$TMP/active.err" ] && fail "stderr: $(cat "$TMP/active.err")"

# Another shell sees the same socket: it is the kernel's, not this shell's.
sockshell_t -c "ss $client" > "$TMP/other.out" 2>&1
row "$TMP/other.out" TIME_WAIT "127.0.0.1:$client" "127.0.0.1:$port" '- timewait [0-9]+s'

# ---- the classic story: the server closes first ----
# story PORT REUSE_ON_LISTENER: the run's output in $TMP/story-PORT.out
story() {
	cat > "$TMP/story-$1.sock" <<SCRIPT
socket stream
$2
bind 127.0.0.1 $1
listen 5
socket stream
connect 127.0.0.1 $1
accept fd3
# the server hangs up first: its side of the pair waits in TIME_WAIT
close fd5
close fd4
close fd3
ss $1
socket stream
bind 127.0.0.1 $1
expect EADDRINUSE
setsockopt reuseaddr 1
bind 127.0.0.1 $1
SCRIPT
	sockshell_t "$TMP/story-$1.sock" > "$TMP/story-$1.out" 2> "$TMP/story-$1.err"
	expect_status 0 $? "story on $1"
}

p1=$(free_port)
story "$p1" "setsockopt reuseaddr 1"
out="$TMP/story-$p1.out"
row "$out" TIME_WAIT "127.0.0.1:$p1" '127\.0\.0\.1:[0-9]+' '- timewait [0-9]+s'
expect_line "$out" "bind(3, {sa_family=AF_INET, sin_port=htons($p1), sin_addr=inet_addr(\"127.0.0.1\")}, 16) = -1 EADDRINUSE (Address already in use)"
# The hint says what the kernel's table shows on the port: TIME_WAIT.
grep -A1 'EADDRINUSE (Address' "$out" | grep -q "^  hint: the port's last connection waits in TIME_WAIT (about 60 s, \`ss PORT\`): wait, or pick another port; servers set reuseaddr before each bind" ||
	fail "no hint on TIME_WAIT under EADDRINUSE: $(cat "$out")"
[ "$(calls_of "$out" | grep -c "^bind(3, .*htons($p1).* = 0\$")" = 2 ] ||
	fail "with reuseaddr on both sockets, the second bind did not succeed: $(cat "$out")"

# Linux checks SO_REUSEADDR on the socket in TIME_WAIT too (it inherits it
# from its listener): set only on the new socket, the bind still fails.
p2=$(free_port)
story "$p2" "# no reuseaddr on the first server"
out="$TMP/story-$p2.out"
row "$out" TIME_WAIT "127.0.0.1:$p2" '127\.0\.0\.1:[0-9]+' '- timewait [0-9]+s'
[ "$(calls_of "$out" | grep -c "^bind(3, .*htons($p2).* = -1 EADDRINUSE (Address already in use)\$")" = 2 ] ||
	fail "reuseaddr on the new socket alone: wanted EADDRINUSE twice: $(cat "$out")"
grep -q "^  hint: the port's last connection waits in TIME_WAIT (about 60 s, \`ss PORT\`); its socket lacked reuseaddr, and both must set it" "$out" ||
	fail "reuseaddr on the new socket alone: the hint does not say the old one lacked it: $(cat "$out")"

# What else can hold a port, each with its own hint: a listener (reuseaddr
# cannot share it), a connection not yet closed on both sides, a UDP socket.
p3=$(free_port)
sockshell_t -c "socket stream; setsockopt reuseaddr 1; bind 127.0.0.1 $p3; listen
socket stream; setsockopt reuseaddr 1; bind 127.0.0.1 $p3
socket stream; connect 127.0.0.1 $p3; accept fd3; close fd3
socket stream; bind 127.0.0.1 $p3
socket dgram; bind 127.0.0.1 $p3; socket dgram; bind 127.0.0.1 $p3" > "$TMP/held.out" 2>&1
hint_after() { grep -A1 "^bind($1, .*htons($p3).*EADDRINUSE" "$TMP/held.out" | sed -n 2p; }
case $(hint_after 4) in
"  hint: a socket of this shell's listens on this port already (\`fds\` shows which)"*) ;;
*) fail "bind beside a listener of the same shell: $(cat "$TMP/held.out")" ;;
esac
# Another process's listener: ss shows it, this shell has none there.
p4=$(free_port)
sockshell_t -c "socket stream; bind 127.0.0.1 $p4; listen; sleep 30" > /dev/null 2>&1 &
PIDS="$PIDS $!"
wait_for_port "$p4" &&
	sockshell_t -c "socket stream; bind 127.0.0.1 $p4" > "$TMP/other.out" 2>&1
grep -A1 "^bind(3, .*htons($p4).*EADDRINUSE" "$TMP/other.out" | grep -q "^  hint: a socket listens on this port already (\`ss PORT\` shows it; another shell's?)" ||
	fail "bind beside another shell's listener: $(cat "$TMP/other.out")"
# The table is as wide as what it holds: a loopback connection's rows, two
# five-digit ports and a timer, take 82 columns at most (the address columns
# were once 24 wide whatever they held, and a row 103).
p5=$(free_port)
sockshell_t -c "socket stream; bind 127.0.0.1 $p5; listen; socket stream; connect 127.0.0.1 $p5; accept fd3; close fd4; ss $p5" > "$TMP/narrow.out" 2>&1
[ "$(grep -cE '^  (PROTO|tcp) ' "$TMP/narrow.out")" = 4 ] ||
	fail "ss: not a heading and three rows: $(cat "$TMP/narrow.out")"
wide=$(grep -E '^  (PROTO|tcp) ' "$TMP/narrow.out" | awk 'length > 82')
[ -z "$wide" ] || fail "ss rows wider than 82 columns: $wide"
# A socket a send or connect gave a port: bind is too late, and says why.
sockshell_t -c "socket dgram; sendto 127.0.0.1 $p4 x; bind 127.0.0.1 0" > "$TMP/auto.out" 2>&1
grep -A1 "^bind(3, .*= -1 EINVAL" "$TMP/auto.out" | grep -q "^  hint: this socket has its address already: its connect, listen or first send gave it a port the kernel chose" ||
	fail "bind after sendto: $(cat "$TMP/auto.out")"
# EINVAL for another reason, on a socket with no port yet: not that hint.
sockshell_t -c "socket inet6 stream; setsockopt v6only 1; bind ::ffff:127.0.0.1 0" > "$TMP/v6only.out" 2>&1
grep -q "^bind(3, .*= -1 EINVAL" "$TMP/v6only.out" || fail "v6only bind of a mapped address: $(cat "$TMP/v6only.out")"
has_text "$TMP/v6only.out" "has its address already" &&
	fail "a socket with no port was told it has one: $(cat "$TMP/v6only.out")"
case $(hint_after 3) in
"  hint: a connection on this port is still open or closing"*) ;;
*) fail "bind beside an open connection: $(cat "$TMP/held.out")" ;;
esac
case $(hint_after 8) in
"  hint: another UDP socket is bound to this port"*) ;;
*) fail "bind beside a UDP socket: $(cat "$TMP/held.out")" ;;
esac

# ---- UDP, no ports yet, bad input ----
sockshell_t -c 'ss; socket dgram; bind 127.0.0.1 0; ss' > "$TMP/udp.out" 2> "$TMP/udp.err"
expect_status 0 $? "udp ss"
expect_line "$TMP/udp.out" "  no ports yet: this shell's sockets have none (bind or connect first); \`ss PORT\` shows any port"
squeeze "$TMP/udp.out" | grep -qE '^udp UNCONN 0 0 127\.0\.0\.1:[0-9]+ 0\.0\.0\.0:\* fd3$' || fail "no UDP row: $(cat "$TMP/udp.out")"
sockshell_t -c 'ss 70000; ss http; ss 1 2' > "$TMP/bad.out" 2> "$TMP/bad.err"
expect_status 1 $? "bad ss input"
expect_lines_n "$TMP/bad.err" 3 "one line per bad command"
expect_line "$TMP/bad.err" "sockshell: ss: "
expect_line "$TMP/bad.err" "(usage: ss [PORT])"
expect_line "$TMP/bad.err" "sockshell: ss: too many arguments (usage: ss [PORT])"
[ -s "$TMP/bad.out" ] && fail "bad ss printed: $(cat "$TMP/bad.out")"
done_testing
