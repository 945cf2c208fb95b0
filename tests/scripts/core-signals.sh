# Signals (DESIGN section 5). SIGTERM and SIGHUP while the shell blocks in
# accept (or waits for its next line): every descriptor closed, each close
# printed, exit 0. SIGINT while a script blocks in accept: the call returns
# EINTR and says so, and the shell ends cleanly rather than dying. SIGPIPE
# never kills it: a write to a peer that has gone prints EPIPE.
. "$top_srcdir/tests/scripts/lib.sh"
need timeout

# Start the shell in the background on $1 (a script file), stdin from $2;
# sets $pid to the shell itself, so that signals reach it and no wrapper.
start() {
	NO_COLOR=1 "$SOCKSHELL" "$1" < "${2:-/dev/null}" > "$3.out" 2> "$3.err" &
	pid=$!
	PIDS="$PIDS $pid"
}

# blocked_in_accept NAME: the shell announced its wait and sleeps in the kernel.
blocked_in_accept() {
	wait_for_text "$TMP/$1.err" "Ctrl-C" || return 1
	wait_sleeping "$pid"
}

# closes_all NAME FD...: each FD closed exactly once, and after the last call
# made before the signal, nothing but closes.
closes_all() {
	local name=$1 fd n
	shift
	for fd in "$@"; do
		n=$(grep -cxF "close($fd) = 0" "$TMP/$name.out")
		[ "$n" = 1 ] || fail "$name: close($fd) = 0 printed $n times: $(cat "$TMP/$name.out")"
	done
	n=$(calls_of "$TMP/$name.out" | grep -c '^close(')
	[ "$n" = $# ] || fail "$name: $n closes, wanted $#: $(cat "$TMP/$name.out")"
	# The closes are the last call lines.
	calls_of "$TMP/$name.out" | tail -n $# | grep -vq '^close(' &&
		fail "$name: a call after the closes: $(cat "$TMP/$name.out")"
	expect_no_line "$TMP/$name.out" "never here" "$name: the script went on after the signal"
}

# accept_script PORT: a listener, a connected pair through it, then an accept
# that waits forever. Each case takes a fresh port.
accept_script() {
	cat <<SCRIPT
socket stream
bind 127.0.0.1 $1
listen 5
socket stream
connect 127.0.0.1 $1
accept fd3
expect = 5
accept fd3
echo never here
SCRIPT
}

# ---- SIGTERM in accept ----
accept_script "$(free_port)" > "$TMP/accept.sock"
start "$TMP/accept.sock" /dev/null "$TMP/term"
if blocked_in_accept term; then
	kill -TERM "$pid"
	wait_exit "$pid"
	expect_status 0 $? "SIGTERM in accept"
	closes_all term 3 4 5
fi

# ---- SIGHUP in accept, the commands coming on a pipe that stays open ----
mkfifo "$TMP/hup.fifo"
NO_COLOR=1 "$SOCKSHELL" < "$TMP/hup.fifo" > "$TMP/hup.out" 2> "$TMP/hup.err" &
pid=$!
PIDS="$PIDS $pid"
exec 8> "$TMP/hup.fifo"
accept_script "$(free_port)" | grep -v '^echo never' >&8
if blocked_in_accept hup; then
	kill -HUP "$pid"
	wait_exit "$pid"
	expect_status 0 $? "SIGHUP in accept"
	closes_all hup 3 4 5
fi
exec 8>&-

# ---- SIGTERM while the shell waits for its next line on a pipe ----
rm -f "$TMP/idle.fifo"
mkfifo "$TMP/idle.fifo"
NO_COLOR=1 "$SOCKSHELL" < "$TMP/idle.fifo" > "$TMP/idle.out" 2> "$TMP/idle.err" &
pid=$!
PIDS="$PIDS $pid"
exec 8> "$TMP/idle.fifo"
printf '%s\n' 'socket stream' 'socket dgram' 'echo ready' >&8
if wait_for_text "$TMP/idle.out" "ready" && wait_sleeping "$pid"; then
	kill -TERM "$pid"
	wait_exit "$pid"
	expect_status 0 $? "SIGTERM while waiting for input"
	closes_all idle 3 4
fi
exec 8>&-

# ---- SIGINT in accept: EINTR, then a clean end ----
port2=$(free_port)
cat > "$TMP/int.sock" <<SCRIPT
socket stream
bind 127.0.0.1 $port2
listen 5
accept
echo never here
SCRIPT
start "$TMP/int.sock" /dev/null "$TMP/int"
if blocked_in_accept int; then
	kill -INT "$pid"
	wait_exit "$pid"
	st=$?
	[ "$st" = 124 ] && fail "SIGINT in accept: the shell did not end"
	# An interrupted script did not run to its end: not a success.
	[ "$st" = 0 ] && fail "SIGINT in accept: a script cut short exited 0"
	grep -qxE 'accept\(3, 0x[0-9a-f]+, \[128\]\) = -1 EINTR \(Interrupted system call\)' "$TMP/int.out" ||
		fail "SIGINT in accept: no EINTR line: $(cat "$TMP/int.out")"
	# Not killed by the signal: it went on to close its listener itself.
	closes_all int 3
fi

# ---- a signal that comes just before the call blocks ----
# A script makes no peek before a call that may block (its waiting line
# comes from a watching thread once the call waits): the last call before it
# is the getrusage that tells `expect waited` whether it slept. strace
# delivers the signal there, after the previous command ended and the flags
# were looked at, before the call enters the kernel. It must not be lost:
# SIGTERM and SIGHUP still end the shell, SIGINT still stops the call.
# Without strace's help this window is too small to hit from outside. Two
# blocking calls: accept on a listener (fd3), read on a connection with
# nothing to read (fd4). A lost signal shows as the shell asleep in that call
# for good; that is what is looked for, not how long the run takes.
early_script() {
	case $1 in
	accept)	echo 'socket stream; bind 127.0.0.1 0; listen; accept; expect waited; echo never here';;
	read)	p=$(free_port)
		echo "socket stream; bind 127.0.0.1 $p; listen; socket stream; connect 127.0.0.1 $p; read; expect waited; echo never here";;
	esac
}
early_fd() {
	case $1 in accept) echo 3;; read) echo 4;; esac
}
# early_when CALL: which getrusage is the one just before CALL (connect, which
# can wait too, asks before and after it; socket, bind and listen never do).
early_when() {
	case $1 in accept) echo 1;; read) echo 3;; esac
}
# settled TRACER FD: the run under strace (TRACER) has ended, or the shell
# under it blocks in a call on FD.
settled() {
	local kid
	ended "$1" && return 0
	kid=$({ cat "/proc/$1/task/$1/children" || pgrep -P "$1"; } 2>/dev/null)
	[ -n "$kid" ] && blocked_on $kid "$2"
}
if strace -f -o /dev/null -e trace=getrusage true >/dev/null 2>&1; then
	for call in accept read; do
	for sig in TERM HUP INT; do
		name=early-$call-$sig
		NO_COLOR=1 strace -o "$TMP/$name.trace" \
			-e trace=getrusage -e inject=getrusage:signal=SIG$sig:when=$(early_when $call) \
			"$SOCKSHELL" -c "$(early_script $call)" \
			> "$TMP/$name.out" 2> "$TMP/$name.err" &
		tracer=$!
		PIDS="$PIDS $tracer"
		lost=
		# Blocked in it a moment is not lost: the signal cuts the call
		# short once it is in (a timer, 1 ms on); blocked seconds is.
		if poll_until settled "$tracer" "$(early_fd $call)" && ! ended "$tracer"; then
			for i in $(seq 1 100); do
				ended "$tracer" && break
				sleep 0.05
			done
		fi
		if ! ended "$tracer"; then
			# blocked (or, after HANG_LIMIT s, neither ended nor blocked)
			lost=yes
			kid=$({ cat "/proc/$tracer/task/$tracer/children" || pgrep -P "$tracer"; } 2>/dev/null)
			[ -n "$kid" ] && kill -KILL $kid 2>/dev/null
			kill -KILL "$tracer" 2>/dev/null
		fi
		wait "$tracer"
		st=$?
		grep -q "^--- SIG$sig " "$TMP/$name.trace" ||
			{ fail "$name: strace did not deliver SIG$sig: $(cat "$TMP/$name.trace")"; continue; }
		if [ -n "$lost" ]; then
			fail "$name: SIG$sig came just before $call and was lost: the shell blocked in it"
			continue
		fi
		case $sig in
		INT)
			# Either the call was made and interrupted, or (the signal
			# being there already) not made at all, and an indented line
			# says so: never a call line for a call that was not made.
			if ! grep -qE "^$call\([0-9]+, .*\) = -1 EINTR \(Interrupted system call\)\$" "$TMP/$name.out"; then
				grep -q "^$call(" "$TMP/$name.out" &&
					fail "$name: $call line without EINTR: $(cat "$TMP/$name.out")"
				grep -qE "^ +.*$call" "$TMP/$name.out" "$TMP/$name.err" ||
					fail "$name: neither an EINTR line nor a note on $call: $(cat "$TMP/$name.out")"
			fi;;
		*)
			expect_status 0 "$st" "$name: SIG$sig just before $call";;
		esac
		expect_line "$TMP/$name.out" "close(3) = 0" "$name: descriptors not closed"
		expect_no_line "$TMP/$name.out" "never here" "$name: the run went on after the signal"
	done
	done
fi

# ---- a signal after the last look at the flags, before the call ----
# strace delivers SIGINT in the getrusage that call_begin makes (a script
# that says `expect waited` has it asked): the flags were looked at already,
# and accept is next. The call must still end, EINTR, not wait for a client.
if strace -f -o /dev/null -e trace=getrusage true >/dev/null 2>&1; then
	NO_COLOR=1 timeout "$HANG_LIMIT" strace -o "$TMP/late.trace" -e trace=getrusage \
		-e inject=getrusage:signal=SIGINT:when=1 "$SOCKSHELL" \
		-c 'socket stream; bind 127.0.0.1 0; listen; accept; expect waited; echo never here' \
		> "$TMP/late.out" 2> "$TMP/late.err"
	st=$?
	grep -q "^--- SIGINT " "$TMP/late.trace" || fail "late: strace did not deliver SIGINT: $(cat "$TMP/late.trace")"
	[ "$st" = 124 ] && fail "late: SIGINT just before accept was lost: the shell waited in it"
	expect_status 130 "$st" "late: SIGINT just before accept"
	grep -qxE 'accept\(3, 0x[0-9a-f]+, \[128\]\) = -1 EINTR \(Interrupted system call\)' "$TMP/late.out" ||
		fail "late: no EINTR line: $(cat "$TMP/late.out")"
	expect_no_line "$TMP/late.out" "never here" "late: the run went on after the signal"
fi

# ---- a script from a FIFO whose writer is slow ----
# The shell waits for the script's next line; Ctrl-C ends the run (130) and
# SIGTERM cleanly (0), each with its descriptors closed, no read error.
for sig in INT TERM; do
	mkfifo "$TMP/slow-$sig"
	exec 9<> "$TMP/slow-$sig"
	printf 'socket stream\n' >&9
	NO_COLOR=1 "$SOCKSHELL" "$TMP/slow-$sig" > "$TMP/slow-$sig.out" 2> "$TMP/slow-$sig.err" &
	pid=$!
	PIDS="$PIDS $pid"
	# What it said is out before it waits for more.
	wait_for_text "$TMP/slow-$sig.out" "socket(AF_INET, SOCK_STREAM, IPPROTO_TCP) = 3"
	wait_sleeping "$pid"
	kill -$sig "$pid"
	wait_exit "$pid"
	st=$?
	[ "$st" = 124 ] && fail "SIG$sig while the script's writer is slow: the shell did not end"
	case $sig in INT) want=130 ;; TERM) want=0 ;; esac
	expect_status "$want" "$st" "SIG$sig while the script's writer is slow"
	expect_line "$TMP/slow-$sig.out" "close(3) = 0" "SIG$sig, slow script: fd3 not closed"
	grep -q "reading the script" "$TMP/slow-$sig.err" &&
		fail "SIG$sig, slow script: taken for a read error: $(cat "$TMP/slow-$sig.err")"
	exec 9>&-
done

# ---- SIGTERM with the output stalled ----
# Standard output is a pipe nobody reads (a pager not scrolled, Ctrl-S): the
# shell sleeps in its write. SIGTERM must still end it, its descriptors
# closed, and standard error says what became of the output.
mkfifo "$TMP/stall"
exec 8<> "$TMP/stall"
cmds="socket stream"
for i in $(seq 1 40); do cmds="$cmds; help"; done
NO_COLOR=1 "$SOCKSHELL" -c "$cmds; sleep 3600" > "$TMP/stall" 2> "$TMP/stall.err" &
pid=$!
PIDS="$PIDS $pid"
# stalled: the shell sleeps in a write to the full pipe.
stalled() {
	sleeping "$pid" && grep -q 'pipe_write' "/proc/$pid/wchan" 2>/dev/null
}
# term_stalled ERR WHAT: SIGTERM to the stalled shell ends it, and its
# standard error (ERR) says what became of the output.
term_stalled() {
	kill -TERM "$pid"
	wait_exit "$pid"
	[ $? = 124 ] && fail "SIGTERM with $2 stalled: the shell did not end"
	grep -q "write error" "$1" ||
		fail "SIGTERM with $2 stalled: no word of the lost output: $(cat "$1")"
}
if poll_until stalled; then
	term_stalled "$TMP/stall.err" "the output"
else
	fail "the shell never blocked writing to a full pipe (wchan $(cat "/proc/$pid/wchan" 2>&1))"
fi
exec 8>&-

# ---- SIGTERM while the watcher's write is stalled ----
# A script's blocking accept: the watching thread writes out what the shell
# holds, into a pipe that is full, and sleeps there (its waiting line comes
# after). SIGTERM cuts the accept short; the shell waits for the thread
# before it prints the accept's line, so it must cut the thread's write
# short too, or wait for ever.
# The pipe is all but full before the shell starts; what the shell says
# before accept (one help, 7 KB) stays in its block until the watcher writes it.
mkfifo "$TMP/stall2"
exec 8<> "$TMP/stall2"
head -c 64000 /dev/zero >&8
NO_COLOR=1 "$SOCKSHELL" -c "socket stream; help; bind 127.0.0.1 0; listen; accept" > "$TMP/stall2" 2> "$TMP/stall2.err" &
pid=$!
PIDS="$PIDS $pid"
# watcher_stalled: a thread of the shell other than its own sleeps in a
# write to the full pipe, while the shell's thread waits in accept.
watcher_stalled() {
	local t
	for t in /proc/$pid/task/*; do
		[ "${t##*/}" = "$pid" ] && continue
		grep -q 'pipe_write' "$t/wchan" 2>/dev/null && return 0
	done
	return 1
}
if poll_until watcher_stalled; then
	term_stalled "$TMP/stall2.err" "the watcher's write"
else
	fail "the watcher never blocked writing to a full pipe: $(cat /proc/$pid/task/*/wchan 2>&1)"
fi
exec 8>&-

# ---- SIGPIPE: writing to a peer that is gone ----
# Run the shell with SIGPIPE at its default, as a terminal would start it.
nosigpipe=
env --default-signal=PIPE true 2>/dev/null && nosigpipe="env --default-signal=PIPE"

# check_epipe NAME: after the peer went away, writes fail with EPIPE (the
# first may still succeed, or meet the reset as ECONNRESET), and the shell
# lives on to the end of its script.
check_epipe() {
	local name=$1
	grep -qE '^write\(4, "b", 1\) = -1 (EPIPE \(Broken pipe\)|ECONNRESET \(Connection reset by peer\))$' "$TMP/$name.out" ||
		grep -qxF 'write(4, "b", 1) = 1' "$TMP/$name.out" ||
		fail "$name: second write: $(grep '^write' "$TMP/$name.out")"
	expect_line "$TMP/$name.out" 'write(4, "c", 1) = -1 EPIPE (Broken pipe)' "$name: no EPIPE"
	expect_line "$TMP/$name.out" '  alive' "$name: the shell died"
	grep -qE '^ +hint: .*(closed|peer)' "$TMP/$name.out" || fail "$name: no hint under EPIPE"
}

# The peer is another socket of the same shell, closed after accept.
port3=$(free_port)
cat > "$TMP/pipe.sock" <<SCRIPT
socket stream
bind 127.0.0.1 $port3
listen 5
socket stream
connect 127.0.0.1 $port3
accept fd3
close fd5
read fd4
expect = 0
write fd4 "a"
write fd4 "b"
write fd4 "c"
expect EPIPE
echo alive
SCRIPT
NO_COLOR=1 timeout "$HANG_LIMIT" $nosigpipe "$SOCKSHELL" "$TMP/pipe.sock" > "$TMP/pipe.out" 2> "$TMP/pipe.err"
expect_status 0 $? "writes to a closed peer in the same shell"
check_epipe pipe
expect_line "$TMP/pipe.out" "close(3) = 0"
expect_line "$TMP/pipe.out" "close(4) = 0"

# The peer is a real nc that quits as soon as a client connects. The shell's
# commands come through a fifo, so that it writes only once nc is gone.
if command -v nc >/dev/null 2>&1; then
	port4=$(free_port)
	timeout "$HANG_LIMIT" nc -q 0 -l 127.0.0.1 "$port4" < /dev/null > /dev/null 2>&1 &
	nc_pid=$!
	PIDS="$PIDS $nc_pid"
	if wait_for_port "$port4"; then
		mkfifo "$TMP/nc.fifo"
		NO_COLOR=1 $nosigpipe "$SOCKSHELL" < "$TMP/nc.fifo" > "$TMP/nc.out" 2> "$TMP/nc.err" &
		pid=$!
		PIDS="$PIDS $pid"
		exec 8> "$TMP/nc.fifo"
		printf '%s\n' 'socket stream' 'socket stream' "connect 127.0.0.1 $port4" \
			'expect ok' 'read' 'expect = 0' >&8
		wait_exit "$nc_pid"
		expect_status 0 $? "nc -q 0 -l"
		printf '%s\n' 'write "a"' 'write "b"' 'write "c"' 'echo alive' >&8
		exec 8>&-
		wait_exit "$pid"
		expect_status 0 $? "writes to an nc that quit"
		check_epipe nc
		expect_line "$TMP/nc.out" "close(4) = 0"
	fi
fi

done_testing
