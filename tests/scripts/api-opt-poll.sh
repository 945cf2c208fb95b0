# poll on loopback: a timeout, revents once a peer has written, several
# descriptors with in and out, every descriptor by default, a poll with no
# timeout woken by a real nc client, and Ctrl-C during it: EINTR, printed.
# A poll that is to see a descriptor ready has a timeout of $WAIT_MS ms: it
# returns as soon as the descriptor is ready, however slow the machine.
. "$top_srcdir/tests/scripts/lib.sh"
need timeout

port=$(free_port)
[ -n "$port" ] || { fail "no free port"; done_testing; }

# ---- in one shell: a connected pair, polled before and after a write ----
cat > "$TMP/pair.sock" <<SCRIPT
socket stream
bind 127.0.0.1 $port
listen 5
poll fd3 100
expect = 0
socket stream
connect 127.0.0.1 $port
# the listener is readable: a connection waits to be accepted
poll fd3 $WAIT_MS
expect = 1
accept fd3
poll fd5:in 50
expect = 0
write fd4 "ping"
poll fd5:in fd4:out $WAIT_MS
expect = 2
poll fd3 fd4 fd5 0
expect = 1
poll 0
expect = 1
read fd5
expect "ping"
SCRIPT
sockshell_t "$TMP/pair.sock" > "$TMP/pair.out" 2> "$TMP/pair.err"
expect_status 0 $? "poll pair script"
expect_line "$TMP/pair.out" "poll([{fd=3, events=POLLIN}], 1, 100) = 0 (Timeout)"
expect_line "$TMP/pair.out" "poll([{fd=3, events=POLLIN}], 1, $WAIT_MS) = 1 ([{fd=3, revents=POLLIN}])"
expect_line "$TMP/pair.out" "poll([{fd=5, events=POLLIN}], 1, 50) = 0 (Timeout)"
expect_line "$TMP/pair.out" "poll([{fd=5, events=POLLIN}, {fd=4, events=POLLOUT}], 2, $WAIT_MS) = 2 ([{fd=5, revents=POLLIN}, {fd=4, revents=POLLOUT}])"
expect_line "$TMP/pair.out" "poll([{fd=3, events=POLLIN}, {fd=4, events=POLLIN}, {fd=5, events=POLLIN}], 3, 0) = 1 ([{fd=5, revents=POLLIN}])"
# no fdN: the whole table, for reading
expect_line "$TMP/pair.out" "poll([{fd=3, events=POLLIN}, {fd=4, events=POLLIN}, {fd=5, events=POLLIN}], 3, 0) = 1 ([{fd=5, revents=POLLIN}])"
expect_line "$TMP/pair.out" 'read(5, "ping", 4096) = 4'
[ -s "$TMP/pair.err" ] && fail "pair: stderr (a poll with a timeout says nothing): $(cat "$TMP/pair.err")"

# ---- no timeout: it waits, says so, and a client wakes it ----
need nc
port2=$(free_port)
cat > "$TMP/wait.sock" <<SCRIPT
socket stream
bind 127.0.0.1 $port2
listen 5
nonblock on
poll
expect = 1
accept
expect = 4
poll fd4
read fd4
expect "hello\n"
SCRIPT
sockshell_t "$TMP/wait.sock" > "$TMP/wait.out" 2> "$TMP/wait.err" &
pid=$!
PIDS="$PIDS $pid"
if wait_for_text "$TMP/wait.err" "Ctrl-C" && wait_sleeping "$pid"; then
	# a non-blocking listener changes nothing: poll itself waits
	expect_line "$TMP/wait.err" "  waiting for POLLIN on fd3 (Ctrl-C interrupts)"
	# -N: nc shuts down its side after the line and waits for the shell to close.
	printf 'hello\n' | timeout "$HANG_LIMIT" nc -N 127.0.0.1 "$port2" >/dev/null
	wait_exit "$pid"
	expect_status 0 $? "poll woken by nc"
	expect_line "$TMP/wait.out" "poll([{fd=3, events=POLLIN}], 1, -1) = 1 ([{fd=3, revents=POLLIN}])"
	expect_line "$TMP/wait.out" "poll([{fd=4, events=POLLIN}], 1, -1) = 1 ([{fd=4, revents=POLLIN}])"
	expect_line "$TMP/wait.out" 'read(4, "hello\n", 4096) = 6'
fi

# ---- Ctrl-C in a poll with no timeout ----
port3=$(free_port)
cat > "$TMP/int.sock" <<SCRIPT
socket stream
bind 127.0.0.1 $port3
listen 5
socket dgram
poll
echo never here
SCRIPT
NO_COLOR=1 "$SOCKSHELL" "$TMP/int.sock" > "$TMP/int.out" 2> "$TMP/int.err" &
pid=$!
PIDS="$PIDS $pid"
if wait_for_text "$TMP/int.err" "Ctrl-C" && wait_sleeping "$pid"; then
	expect_line "$TMP/int.err" "  waiting for POLLIN on fd3 or POLLIN on fd4 (Ctrl-C interrupts)"
	kill -INT "$pid"
	wait_exit "$pid"
	expect_status 130 $? "a script stops at Ctrl-C"
	expect_line "$TMP/int.out" "poll([{fd=3, events=POLLIN}, {fd=4, events=POLLIN}], 2, -1) = -1 EINTR (Interrupted system call)"
	grep -A1 'EINTR' "$TMP/int.out" | grep -q '^  hint: Ctrl-C came before any descriptor was ready' ||
		fail "no hint under EINTR: $(cat "$TMP/int.out")"
	expect_line "$TMP/int.out" "close(3) = 0"
	expect_line "$TMP/int.out" "close(4) = 0"
	expect_no_line "$TMP/int.out" "never here" "the script went on after Ctrl-C"
fi

# ---- bad input ----
sockshell_t -c 'poll; socket stream; poll fd3:sideways; poll fd9; poll later; poll 5 5; poll -7' > "$TMP/bad.out" 2> "$TMP/bad.err"
expect_status 1 $? "bad poll input"
expect_lines_n "$TMP/bad.err" 6 "one line per bad command"
expect_line "$TMP/bad.err" "sockshell: poll: no descriptors to poll: make one with \`socket\` (usage: poll [fdN[:in|out]...] [TIMEOUT_MS])"
expect_line "$TMP/bad.err" "sockshell: poll: not a descriptor: fd3:sideways (fdN, fdN:in, fdN:out or fdN:inout)"
expect_line "$TMP/bad.err" "sockshell: poll: fd9 is not open in this shell"
expect_line "$TMP/bad.err" "sockshell: poll: timeout is not a number: later"
expect_line "$TMP/bad.err" "sockshell: poll: not a descriptor: 5"
expect_line "$TMP/bad.err" "sockshell: poll: timeout out of range: -7 (-1..2147483647)"
expect_no_line "$TMP/bad.out" "poll(" "a refused poll made a call"
done_testing
