# The calls that wait: recv, recvfrom, and send with the send buffer full each
# print the waiting line first, block in the kernel, and Ctrl-C (SIGINT)
# interrupts the call alone: recv and recvfrom return EINTR; a send that has
# already copied part of its data returns that count, as Linux does. The
# script then stops (status 130) and closes every descriptor.
. "$top_srcdir/tests/scripts/lib.sh"
need timeout

# interrupt NAME WHAT: once the shell said it waits for WHAT and sleeps in
# the kernel, send SIGINT; it must end with status 130.
interrupt() {
	wait_for_text "$TMP/$1.err" "waiting for $2" || return 1
	wait_sleeping "$pid" || return 1
	kill -INT "$pid"
	wait_exit "$pid"
	expect_status 130 $? "$1: the script stops after the interrupted call"
}

# ---- recv on a connected TCP socket with nothing to read ----
port=$(free_port)
cat > "$TMP/recv.sock" <<SCRIPT
socket stream
bind 127.0.0.1 $port
listen 5
socket stream
connect 127.0.0.1 $port
accept fd3
recv fd5 peek
echo never here
SCRIPT
start_script recv
interrupt recv "data on fd5"
grep -Eq '^recvfrom\(5, 0x[0-9a-f]+, 4096, MSG_PEEK, NULL, NULL\) = -1 EINTR \(Interrupted system call\)$' "$TMP/recv.out" ||
	fail "recv: no EINTR line: $(cat "$TMP/recv.out")"
expect_line "$TMP/recv.err" "  waiting for data on fd5 (Ctrl-C interrupts)"
expect_no_line "$TMP/recv.out" "never here"
for fd in 3 4 5; do expect_line "$TMP/recv.out" "close($fd) = 0"; done

# ---- recv dontwait never waits, so it says nothing of waiting ----
port=$(free_port)
cat > "$TMP/dontwait.sock" <<SCRIPT
socket stream
bind 127.0.0.1 $port
listen 5
socket stream
connect 127.0.0.1 $port
accept fd3
recv fd5 dontwait
expect EAGAIN
SCRIPT
sockshell_t "$TMP/dontwait.sock" > "$TMP/dontwait.out" 2> "$TMP/dontwait.err"
expect_status 0 $? "recv dontwait"
expect_no_line "$TMP/dontwait.err" "waiting"

# ---- recvfrom on a UDP socket nobody sends to ----
udp=$(free_port udp)
cat > "$TMP/recvfrom.sock" <<SCRIPT
socket dgram
bind 127.0.0.1 $udp
recvfrom
echo never here
SCRIPT
start_script recvfrom
interrupt recvfrom "data on fd3"
grep -Eq '^recvfrom\(3, 0x[0-9a-f]+, 4096, 0, 0x[0-9a-f]+, \[128\]\) = -1 EINTR \(Interrupted system call\)$' "$TMP/recvfrom.out" ||
	fail "recvfrom: no EINTR line: $(cat "$TMP/recvfrom.out")"
expect_line "$TMP/recvfrom.out" "close(3) = 0"

# ---- send into a full send buffer: small buffers, a peer that never reads ----
port=$(free_port)
chunk=$(head -c 4000 /dev/zero | tr '\0' a)
{
	echo "socket stream"
	echo "bind 127.0.0.1 $port"
	echo "listen 1"
	echo "socket stream"
	echo "setsockopt sndbuf 4096"
	echo "connect 127.0.0.1 $port"
	echo "accept fd3"
	echo "setsockopt rcvbuf 4096"
	i=0
	while [ $i -lt 500 ]; do
		echo "send fd4 \"$chunk\""
		i=$((i + 1))
	done
	echo "echo never here"
} > "$TMP/send.sock"
start_script send
interrupt send "room in the send buffer on fd4"
# The last send is the interrupted one: EINTR, or the part it had copied.
last=$(grep '^sendto(4, ' "$TMP/send.out" | tail -n 1)
printf '%s\n' "$last" | grep -Eq '^sendto\(4, "a{32}"\.\.\., 4000, 0, NULL, 0\) = (-1 EINTR \(Interrupted system call\)|[0-9]+)$' ||
	fail "send: last line $last"
[ "$(grep -c '^sendto(4, ' "$TMP/send.out")" -lt 500 ] ||
	fail "send: every send went through, none blocked"
expect_no_line "$TMP/send.out" "never here"
for fd in 3 4 5; do expect_line "$TMP/send.out" "close($fd) = 0"; done
done_testing
