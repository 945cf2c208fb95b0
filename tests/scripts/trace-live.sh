# trace, live, in the lab, as a user without root: the handshake before
# accept's line, the data segment, FIN and ACK on close, RST on a close with
# unread data, ICMP port unreachable for a datagram to a closed port, more
# than one segment for a write larger than the MSS across the two hosts; states;
# the expectations on the kernel; the ladder on the terminal and in SVG; a pcap
# that tcpdump reads back; every call line still strace's. Outside the lab,
# without the right to capture: one line, and the shell goes on.
#
# The lab makes namespaces of its own, so this test needs none from lib.sh;
# and it must run as a user without root, whom lib.sh's namespace (root
# mapped alone) would not have.
SOCKSHELL_NETNS=no
. "$top_srcdir/tests/scripts/lib.sh"
# The packet lines say → in a UTF-8 locale (-> in others): the tests read UTF-8.
export LC_ALL=C.UTF-8
"$SOCKSHELL" -c 'trace' 2>&1 | grep -q 'built without packet capture' &&
	skip "built without libpcap"

# The shell runs as nobody when the test runs as root: from a copy anyone may
# run, in a directory nobody may write to.
WORK=$(mktemp -d /tmp/sockshell-trace.XXXXXX)
chmod 755 "$WORK"
cp "$SOCKSHELL" "$WORK/sockshell"
chmod 755 "$WORK/sockshell"
mkdir "$WORK/out"
chmod 1777 "$WORK/out"
trap 'cleanup; rm -rf "$WORK"' EXIT
as_user() {
	if [ "$(id -u)" = 0 ]; then
		need setpriv
		setpriv --reuid=65534 --regid=65534 --clear-groups "$@"
	else
		"$@"
	fi
}
# lab SCRIPT-FILE: the shell in the lab, as a user without root, on a script.
lab() {
	(cd "$WORK/out" && NO_COLOR=1 COLUMNS=80 as_user timeout "$HANG_LIMIT" \
		"$WORK/sockshell" --lab "$@")
}

as_user "$WORK/sockshell" --lab -c 'host' > "$TMP/probe" 2>&1 ||
	skip "no lab here: $(head -n 1 "$TMP/probe")"

# 1. Outside the lab, without the right: one line, and the shell goes on.
(cd "$WORK/out" && NO_COLOR=1 as_user "$WORK/sockshell" -k -c 'trace on; echo still here') \
	> "$TMP/norights.out" 2> "$TMP/norights.err"
grep -q 'needs the right to' "$TMP/norights.err" ||
	fail "trace on without the right: $(cat "$TMP/norights.err")"
grep -q -- '--lab' "$TMP/norights.err" || fail "the refusal does not say --lab"
[ "$(wc -l < "$TMP/norights.err")" = 1 ] || fail "the refusal is not one line: $(cat "$TMP/norights.err")"
expect_line "$TMP/norights.out" "still here" "the shell went on"

# 2. An expectation on the kernel that does not hold says what was expected
# and what happened, and ends the script with status 1.
fails() {	# EXPECTATION MESSAGE
	lab -c "trace on; host server; socket stream; bind 5000; listen; host client; \
		socket stream; connect server 5000; $1; echo not reached" \
		> "$TMP/fails.out" 2> "$TMP/fails.err"
	expect_status 1 $? "\`$1' that does not hold"
	expect_line "$TMP/fails.err" "sockshell: $2" "\`$1' that does not hold"
	expect_no_line "$TMP/fails.out" "not reached" "the script went on after \`$1' failed"
}
fails "expect packet S R" "expected packets S R from connect, got S S. ."
fails "expect state fd4 LISTEN" "expected fd4 in LISTEN, got fd4 in ESTABLISHED"
fails "expect packet none" "expected no packet from connect, got S S. ."

# 3. The TCP lifecycle across the two hosts.
big=$(head -c 3000 /dev/zero | tr '\0' x)
cat > "$WORK/out/life.sock" <<EOF
set states on
trace on
host server
socket stream
bind 5000
expect packet none
listen 5
expect packet none
host client
socket stream
connect server 5000
expect ok
expect packet S S. .
accept fd3
expect at-once
expect state fd5 ESTABLISHED
write fd5 "hello"
expect packet P.
read fd4
expect "hello"
write fd4 "$big"
expect = 3000
read fd5 4096
close fd4
expect packet F.
expect state fd5 CLOSE_WAIT
close fd5
socket stream
connect server 5000
accept fd3
write fd4 "unread"
sleep 0.2
close fd5
expect packet R.
close fd4
socket stream
connect server 5000
accept fd3
shutdown fd4 wr
read fd5
close fd5
read fd4
expect state fd4 TIME_WAIT
close fd4
host server
socket stream
connect 127.0.0.1 5000
accept fd3
close fd5
close fd4
host client
socket dgram
sendto server 9 "ping"
sleep 0.2
trace save life.pcap
diagram
diagram life.svg
trace off
EOF
lab "life.sock" > "$TMP/life.out" 2> "$TMP/life.err"
expect_status 0 $? "the lifecycle in the lab (stderr: $(head -c 2000 "$TMP/life.err"))"
packets() { grep '^  ~ ' "$TMP/life.out"; }

# The handshake, before accept's line.
awk '/^  ~ .*\[S\] /{s=NR} /^  ~ .*\[S\.\] /{sa=NR} /^  ~ .*\[\.\] ack 1,/{a=a?a:NR}
	/^accept\(/{ acc=NR; exit }
	END { exit !(s && sa && a && s < sa && sa < a && a < acc) }' "$TMP/life.out" ||
	fail "SYN, SYN-ACK, ACK do not come before accept's line:
$(head -n 40 "$TMP/life.out")"
packets | grep -q '\[P\.\] seq 1:6, ack 1, .*length 5 "hello"' ||
	fail "no data segment for write \"hello\": $(packets)"
# A packet the call sent prints under its line, before any other call's.
awk '/^write\(5, "hello", 5\) = 5$/ { w = NR } w && NR == w + 1 { ok = /^  ~ fd5 → fd4  \[P\.\] seq 1:6/; exit }
	END { exit !ok }' "$TMP/life.out" ||
	fail "the data segment is not the line under write's: $(grep -A2 '^write(5, "hello"' "$TMP/life.out")"
# Each packet once: the lab sees each leave one host and enter the other, a
# host's loopback sees each go out and come in. Four connections, the last on
# server's loopback: four SYNs, four SYN-ACKs, one datagram.
for flags in '\[S\]' '\[S\.\]'; do
	n=$(packets | grep -c "  $flags seq 0")
	[ "$n" = 4 ] || fail "$n lines of $flags for four connections: $(packets | grep "$flags")"
done
n=$(packets | grep -c '^  ~ fd4 → 127\.0\.0\.1:5000  \[S\] seq 0')
[ "$n" = 1 ] || fail "the SYN on server's loopback is shown $n times: $(packets | grep '127\.0\.0\.1')"
n=$(packets | grep -c 'UDP, length 4 "ping"')
[ "$n" = 1 ] || fail "the datagram is shown $n times"
packets | grep -q '\[F\.\]' || fail "no FIN on close: $(packets)"
packets | grep -q '\[R\.\]' || fail "no RST on a close with unread data: $(packets)"
packets | grep -q 'ICMP port unreachable' || fail "no ICMP port unreachable: $(packets)"
n=$(packets | grep -c 'length 1448')
[ "$n" -ge 2 ] || fail "a 3000-byte write across hosts is not segmented at MSS 1448: $(packets | grep length)"
grep -q 'fd4 SYN_SENT → ESTABLISHED\|fd4 CLOSE → ESTABLISHED' "$TMP/life.out" ||
	grep -q 'fd4 ESTABLISHED' "$TMP/life.out" || fail "set states on: no ESTABLISHED line"
grep -q 'fd5 ESTABLISHED → CLOSE_WAIT' "$TMP/life.out" || fail "no CLOSE_WAIT line"
grep -q 'fd3 LISTEN, 1 waiting in the accept queue' "$TMP/life.out" ||
	fail "no accept-queue line"
grep -q 'closed; the kernel keeps its connection in TIME_WAIT\|closed; the kernel keeps its connection in FIN_WAIT' "$TMP/life.out" ||
	fail "no line on the connection the kernel keeps after close"
grep -q 'fd4 FIN_WAIT[12] → TIME_WAIT (the kernel keeps the connection' "$TMP/life.out" ||
	fail "no TIME_WAIT line for a socket whose connection both sides closed"
grep -q '^  ~ ' "$TMP/life.err" && fail "packet lines on stderr"

# The terminal diagram fits 80 columns; the SVG is XML and draws something.
awk '/^  ~ /{next} /┌|│|└/{print}' "$TMP/life.out" > "$TMP/ladder"
[ -s "$TMP/ladder" ] || fail "no ladder diagram drawn"
expect_width "$TMP/ladder" 80
expect_svg "$WORK/out/life.svg"

# The pcap reads back with as many packets as were printed before it was saved.
if command -v tcpdump > /dev/null 2>&1; then
	shown=$(awk '/^  ~ /{n++} /packets? written to life.pcap/{print n; exit}' "$TMP/life.out")
	got=$(tcpdump -nr - < "$WORK/out/life.pcap" 2>/dev/null | wc -l)
	[ -n "$shown" ] && [ "$got" = "$shown" ] ||
		fail "tcpdump -r read $got packets, the shell showed ${shown:-?}"
fi

# 4. Every call line is strace's, with trace on (the capture thread's own
# calls are not printed, and need not be).
if strace -f -o /dev/null true > /dev/null 2>&1; then
	(cd "$WORK/out" && NO_COLOR=1 as_user timeout "$HANG_LIMIT" strace -f -s 32 \
		-o "$WORK/out/life.trace" -e trace=socket,bind,listen,accept,accept4,connect,read,write,close,sendto,recvfrom,shutdown \
		"$WORK/sockshell" --lab life.sock > "$TMP/strace.out" 2>/dev/null)
	# The capture thread's calls can cut the shell's (<unfinished ...>): joined.
	strace_joined "$WORK/out/life.trace" | squeeze > "$TMP/strace.lines"
	# The ladder's rows name calls too, its left column from the margin: not call lines.
	calls_of "$TMP/strace.out" | grep -v '[│┆┐┘┌└]' | squeeze > "$TMP/calls"
	[ -s "$TMP/calls" ] || fail "no call lines under strace"
	while IFS= read -r call; do
		grep -qxF -- "$call" "$TMP/strace.lines" || fail "not strace's line: $call"
	done < "$TMP/calls"
fi

# A child holds only what the table holds and its way to the parent: not
# the capture's sockets, not its pipes.
lab -c 'trace on; fork "sleep 30"; sleep 30' > "$TMP/kid.out" 2>&1 &
kid_shell=$!
PIDS="$PIDS $kid_shell"
wait_for_text "$TMP/kid.out" "runs it"
kid=$(sed -n 's/^  pid \([0-9]*\) runs it.*/\1/p' "$TMP/kid.out")
if [ -n "$kid" ] && [ -d "/proc/$kid/fd" ]; then
	held=$(ls -l "/proc/$kid/fd" | awk '$NF ~ /^(socket|pipe):/ { print $NF }')
	[ "$(echo "$held" | grep -c '^socket:')" = 0 ] ||
		fail "the child holds the capture's sockets: $held"
	[ "$(echo "$held" | grep -c '^pipe:')" = 1 ] ||
		fail "the child holds pipes besides its way to the parent: $held"
else
	fail "no child to look at: $(cat "$TMP/kid.out")"
fi
# The shell itself is the child's parent ($kid_shell is the subshell that
# runs lab, and ending it leaves the shell to sleep on).
[ -n "$kid" ] && kill -TERM "$(ps -o ppid= -p "$kid" | tr -d ' ')" 2>/dev/null
kill -TERM "$kid_shell" 2>/dev/null
[ -n "$kid" ] && kill -KILL "$kid" 2>/dev/null

# A side accepted and then left (no call made on it since) is still named by
# its descriptor at the top of the diagram, as the packet lines name it.
lab -c 'trace on; socket stream; bind 5002; listen 5; socket stream; connect 127.0.0.1 5002; accept fd3; diagram' \
	> "$TMP/heads.out" 2>&1
grep -qE 'client fd4 127\.0\.0\.1:[0-9]+ +server fd5 127\.0\.0\.1:5002' "$TMP/heads.out" ||
	fail "the diagram does not name both sides by descriptor: $(grep -E 'client|server' "$TMP/heads.out")"
# The server is in LISTEN from its listen on, before the client's connect;
# connect is drawn across the handshake that flew while it ran.
awk '/listen\(3, 5\) = 0/ { l = NR } /\[LISTEN\]/ { s = NR } /connect\(4, / { c = NR }
	/\[SYN_SENT\]/ { y = NR } /= 0 ┘/ { e = NR }
	END { exit !(l && s && c && l < s && s < c && c < y && y < e) }' "$TMP/heads.out" ||
	fail "LISTEN, connect and the handshake out of place: $(sed -n '/client fd4/,$p' "$TMP/heads.out")"

# Numbers come back: the client's second socket is fd4 again, the second
# accept returns fd5 again. Each diagram draws its own connection's accept
# and close, none of the other's.
lab -c 'trace on; host server; socket stream; bind 5000; listen 5; host client;
socket stream; connect server 5000; host server; accept fd3; write fd5 "one"; close fd5;
host client; read fd4; close fd4; socket stream; connect server 5000; host server;
accept fd3; write fd5 "two"; diagram fd4; echo first; diagram' > "$TMP/reuse.out" 2>&1
awk '/client fd4/ { on = 1 } /^  first$/ { exit } on' "$TMP/reuse.out" > "$TMP/reuse.second"
awk '/^  first$/ { past = 1 } past && /client fd4/ { on = 1 } on && /^close\(/ { exit } on' \
	"$TMP/reuse.out" > "$TMP/reuse.first"
for d in first second; do
	[ "$(grep -c 'accept(3, ' "$TMP/reuse.$d")" = 1 ] ||
		fail "the $d connection's diagram does not draw one accept: $(grep -E 'accept|close' "$TMP/reuse.$d")"
done
grep -E 'close\(4\)|"one"' "$TMP/reuse.second" &&
	fail "the second connection's diagram draws the first's calls"
grep -q '"two"' "$TMP/reuse.first" && fail "the first connection's diagram draws the second's write"
grep -qE 'close\(4\) = 0 +│' "$TMP/reuse.first" || fail "the first connection's diagram lacks its client's close"

# Linux gives two connections to two servers the same local port: the
# diagram of the first draws none of the second's calls.
lab -c 'trace on; socket stream; bind 5002; listen 5; socket stream; bind 5003; listen 5;
socket stream; setsockopt reuseaddr 1; bind 127.0.0.1 5004; connect 127.0.0.1 5002;
socket stream; setsockopt reuseaddr 1; bind 127.0.0.1 5004; connect 127.0.0.1 5003; write "second";
diagram' > "$TMP/shared.out" 2>&1
grep -q '^connect(5, ' "$TMP/shared.out" && grep -q '^connect(6, ' "$TMP/shared.out" ||
	fail "two connections from one port were not made: $(cat "$TMP/shared.out")"
sed -n '/client fd5/,$p' "$TMP/shared.out" > "$TMP/shared.ladder"
grep -q '^ *connect(5, .*│' "$TMP/shared.ladder" && grep -q '= 5 *│' "$TMP/shared.ladder" ||
	fail "the diagram lacks the first connection's socket or connect: $(cat "$TMP/shared.ladder")"
grep -E '(connect|write|bind|setsockopt)\(6, ' "$TMP/shared.ladder" &&
	fail "the diagram of the first connection drew the second's calls"

done_testing
