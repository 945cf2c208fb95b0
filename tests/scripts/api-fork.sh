# fork and wait on loopback: the concurrent server of UNP chapter 5 by hand (a
# listener, a client in the parent, a child that accepts, reads, answers and
# closes, each process closing its copy of what it does not use), the child's
# lines marked [pid N], its SIGCHLD as news, its zombie in `fds` and in
# /proc, `wait` reaping it with strace's wait4 line; a child killed by a
# signal, a child whose expect fails, `fork FILE`; ECHILD, Ctrl-C in a wait,
# bad input refused before any fork; and a run under `strace -f`, every call
# line printed, the child's too, equal to strace's.
. "$top_srcdir/tests/scripts/lib.sh"
need timeout

port=$(free_port)
[ -n "$port" ] || { fail "no free port"; done_testing; }

TRACE=socket,bind,listen,accept,connect,read,write,close,clone,clone3,wait4

# ---- the concurrent server, scripted ----
cat > "$TMP/srv.sock" <<SCRIPT
socket stream
bind 127.0.0.1 $port
listen 5
socket stream
connect 127.0.0.1 $port
fork "accept fd3; expect ok; close fd3; read; expect \"ping\"; write \"pong\\\\n\"; close"
close fd3
write fd4 "ping"
read fd4
expect "pong\n"
# the child closed its end, and the parent never held it: FIN, end of file
read fd4
expect = 0
wait
expect ok
wait
expect ECHILD
wait nohang
expect ECHILD
SCRIPT

if can_strace; then
	strace_agree_f srv "$TRACE" socket "$TMP/srv.sock"
	expect_status 0 $? "the server script under strace -f"
	# glibc's fork() is clone here, never clone3 nor a fork syscall (the
	# shell's own thread, made by clone3 with CLONE_THREAD, is no child)
	grep -E '^(\[pid [0-9]+\] )?(clone3|fork|vfork)\(' "$TMP/srv.strace" |
		grep -v CLONE_THREAD > "$TMP/srv.other" &&
		fail "another call than clone made the child: $(cat "$TMP/srv.other")"
else
	sockshell_t "$TMP/srv.sock" > "$TMP/srv.out" 2> "$TMP/srv.err"
	expect_status 0 $? "the server script"
fi
out=$TMP/srv.out
clone_re='^clone\(child_stack=NULL, flags=CLONE_CHILD_CLEARTID\|CLONE_CHILD_SETTID\|SIGCHLD, child_tidptr=0x[0-9a-f]+\) = ([0-9]+)$'
grep -qE "$clone_re" "$out" || fail "no clone line as strace prints glibc's fork: $(grep clone "$out")"
cpid=$(sed -nE "s/$clone_re/\\1/p" "$out" | head -n 1)
if [ -n "$cpid" ]; then
	grep -qE "^\[pid $cpid\] accept\(3, \{sa_family=AF_INET, sin_port=htons\([0-9]+\), sin_addr=inet_addr\(\"127.0.0.1\"\)\}, \[128 => 16\]\) = 5$" "$out" ||
		fail "the child's accept, marked [pid $cpid]: $(grep accept "$out")"
	expect_line "$out" "[pid $cpid] close(3) = 0"
	expect_line "$out" "[pid $cpid] read(5, \"ping\", 4096) = 4"
	expect_line "$out" "[pid $cpid] write(5, \"pong\\n\", 5) = 5"
	expect_line "$out" "[pid $cpid] close(5) = 0"
	expect_line "$out" "wait4(-1, [{WIFEXITED(s) && WEXITSTATUS(s) == 0}], 0, NULL) = $cpid"
	expect_line "$out" "  pid $cpid reaped: it exited with 0; the zombie is gone"
	# each process closes its copy: neither close ends the listener
	expect_line "$out" "  the child (pid $cpid) had fd3 open when it was forked: the socket stays open (it still listens) while the child holds it"
	expect_line "$out" "  [pid $cpid] the parent ("
	# the child's lines come in its own order, whole
	grep -F "[pid $cpid] " "$out" | grep -v '^ ' | sed 's/(.*//; s/.*\] //' | tr '\n' ' ' > "$TMP/child.order"
	[ "$(cat "$TMP/child.order")" = "accept close read write close " ] ||
		fail "the child's calls out of order: $(cat "$TMP/child.order")"
fi
expect_line "$out" "read(4, \"pong\\n\", 4096) = 5"
expect_line "$out" "read(4, \"\", 4096) = 0"
grep -qE '^wait4\(-1, 0x[0-9a-f]+, 0, NULL\) = -1 ECHILD \(No child processes\)$' "$out" ||
	fail "no ECHILD from a wait with no child: $(grep wait4 "$out")"
grep -qE '^wait4\(-1, 0x[0-9a-f]+, WNOHANG, NULL\) = -1 ECHILD \(No child processes\)$' "$out" ||
	fail "no ECHILD from wait nohang: $(grep wait4 "$out")"
expect_line "$out" "  hint: no child to wait for: none left unreaped (each is reaped once), or not this shell's; \`fork\` makes one"
[ "$(grep -c '^clone(' "$out")" = 1 ] || fail "not one fork: $(grep -c '^clone(' "$out")"

# ---- a child's line longer than a pipe takes at once (PIPE_BUF) comes whole ----
a3000=$(printf '%3000s' '' | tr ' ' a)
printf 'socketpair stream\nwrite fd3 "%s"\nwrite fd3 "%s"\nfork "read fd4 8192"\nwait\n' \
	"$a3000" "$a3000" > "$TMP/long.sock"
sockshell_t "$TMP/long.sock" > "$TMP/long.out" 2> "$TMP/long.err"
expect_status 0 $? "a child's long line"
grep -qE "^ \[pid [0-9]+\] \| a{6000}\$" "$TMP/long.out" ||
	fail "the child's data view of 6000 bytes did not come whole and indented: $(cut -c1-80 "$TMP/long.out")"

# ---- quit in a child ends it, as exit does: its descriptors close unprinted ----
sockshell_t -c 'socket stream; fork "echo before; quit; echo after"; wait' > "$TMP/quit.out" 2> "$TMP/quit.err"
expect_status 0 $? "quit in a child"
q=$(sed -nE "s/$clone_re/\\1/p" "$TMP/quit.out")
expect_line "$TMP/quit.out" "  [pid $q] before"
expect_no_line "$TMP/quit.out" "[pid $q] after"
expect_no_line "$TMP/quit.out" "[pid $q] close("
expect_line "$TMP/quit.out" "wait4(-1, [{WIFEXITED(s) && WEXITSTATUS(s) == 0}], 0, NULL) = $q"
[ "$(grep -c '^close(3) = 0$' "$TMP/quit.out")" = 1 ] ||
	fail "the parent's quit did not close fd3 once: $(cat "$TMP/quit.out")"

# A long write while a child prints more than the pipe holds: the child waits
# for room in the pipe before it reads the socket, and the parent, in its
# write, reads the pipe meanwhile; else the two would wait for each other.
{
	echo 'close fd4'
	for i in $(seq 3000); do echo "echo line $i of what the child says, to fill the pipe"; done
	echo 'read fd3 >/dev/null'
} > "$TMP/talker.sock"
head -c 8388608 /dev/zero > "$TMP/8m.bin"
printf 'socketpair stream\nfork %s\nwrite fd4 @%s\nclose fd4\nwait\n' "$TMP/talker.sock" "$TMP/8m.bin" > "$TMP/talk.sock"
sockshell_t "$TMP/talk.sock" > "$TMP/talk.out" 2> "$TMP/talk.err"
expect_status 0 $? "a long write while a child fills the pipe"
[ "$(grep -c 'line [0-9]* of what the child says' "$TMP/talk.out")" = 3000 ] ||
	fail "not every line of the child: $(grep -c 'of what the child says' "$TMP/talk.out")"
grep -q 'WEXITSTATUS(s) == 0' "$TMP/talk.out" || fail "the child did not end well: $(tail -5 "$TMP/talk.out")"

# ---- the zombie, SIGCHLD, a kill, a failed expect, fork FILE: a shell fed line by line ----
mkfifo "$TMP/in.fifo"
NO_COLOR=1 "$SOCKSHELL" < "$TMP/in.fifo" > "$TMP/z.out" 2> "$TMP/z.err" &
spid=$!
PIDS="$PIDS $spid"
exec 8> "$TMP/in.fifo"
say() { printf '%s\n' "$1" >&8; }
pid_of_fork() {	# the pid of the Nth clone line in z.out
	sed -nE "s/$clone_re/\\1/p" "$TMP/z.out" | sed -n "${1}p"
}
has_fork() { [ -n "$(pid_of_fork "$1")" ]; }
# wait_fork N: FORK_PID, the pid of the Nth clone line, once the shell has
# written it (its standard output is a file: written when a call may wait,
# not at once). Not in $(...): a fail there would not count.
wait_fork() {
	poll_until has_fork "$1" || fail "no clone line number $1 in z.out"
	FORK_PID=$(pid_of_fork "$1")
}

say 'fork "echo child here"'
wait_for_text "$TMP/z.out" "SIGCHLD: pid"
z=$(pid_of_fork 1)
expect_line "$TMP/z.out" "  [pid $z] child here"
expect_line "$TMP/z.out" "  SIGCHLD: pid $z exited with 0: a zombie until \`wait\` reaps it"
[ "$(proc_state "$z")" = Z ] || fail "pid $z is no zombie before wait: state $(proc_state "$z")"
say fds
wait_for_text "$TMP/z.out" "Z zombie, exited with 0"
grep -qE "^    $z +Z zombie, exited with 0 +echo child here$" "$TMP/z.out" ||
	fail "fds does not list the zombie: $(grep -A3 PID "$TMP/z.out")"
say wait
wait_for_text "$TMP/z.out" "wait4(-1, [{WIFEXITED(s) && WEXITSTATUS(s) == 0}], 0, NULL) = $z"
poll_until test ! -e "/proc/$z" || fail "pid $z still there after wait reaped it"

# killed by a signal: the status says so, as strace does
say 'fork "sleep 3600"'
wait_fork 2; k=$FORK_PID
[ -n "$k" ] && kill -KILL "$k"
wait_for_text "$TMP/z.out" "SIGCHLD: pid $k was killed by SIGKILL"
say "wait $k"
wait_for_text "$TMP/z.out" "wait4($k, [{WIFSIGNALED(s) && WTERMSIG(s) == SIGKILL}], 0, NULL) = $k"

# a child whose expect fails exits 1, as a script does; fork FILE names the line
printf 'echo from a file\nsocket stream\nexpect = 99\necho never\n' > "$TMP/child.sock"
say "fork $TMP/child.sock"
wait_fork 3; f=$FORK_PID
wait_for_text "$TMP/z.out" "SIGCHLD: pid $f exited with 1"
expect_line "$TMP/z.out" "  [pid $f] from a file"
expect_line "$TMP/z.out" "[pid $f] socket(AF_INET, SOCK_STREAM, IPPROTO_TCP) = 3"
expect_line "$TMP/z.err" "[pid $f] $TMP/child.sock:3: expected = 99, got = 3"
expect_no_line "$TMP/z.out" "[pid $f] never"
say wait
wait_for_text "$TMP/z.out" "wait4(-1, [{WIFEXITED(s) && WEXITSTATUS(s) == 1}], 0, NULL) = $f"

# bad input: refused whole, before any fork
say 'fork "echo a; acept"'
say 'fork "fork \"echo\""'
say 'fork "man socket"'
say "fork $TMP/no-such-file"
say 'fork'
say 'wait abc'
say 'wait 1 2'
say 'echo bad input done'
wait_for_text "$TMP/z.out" "bad input done"
expect_line "$TMP/z.err" "sockshell: fork: unknown command: acept (did you mean accept?) (usage: fork \"CMD; CMD...\" | FILE)"
expect_line "$TMP/z.err" "sockshell: fork: fork in a child: a child forks no further here: fork from the parent"
expect_line "$TMP/z.err" "sockshell: fork: man in a child: the pager needs the terminal"
expect_line "$TMP/z.err" "sockshell: fork: $TMP/no-such-file: No such file or directory"
expect_line "$TMP/z.err" "sockshell: fork: missing argument"
expect_line "$TMP/z.err" "sockshell: wait: PID is not a number: abc"
expect_line "$TMP/z.err" "sockshell: wait: one PID at a time"
[ "$(grep -c '^clone(' "$TMP/z.out")" = 3 ] ||
	fail "bad input forked: $(grep -c '^clone(' "$TMP/z.out") clone lines, wanted 3"

# The concurrent server: the child serves while the parent waits in accept,
# and what the child does prints as it does it, not when the accept returns.
port=$(free_port)
say "socket stream; bind 127.0.0.1 $port; listen 5"
wait_for_port "$port"
mkfifo "$TMP/nc.fifo"
nc 127.0.0.1 "$port" < "$TMP/nc.fifo" > "$TMP/nc.out" &
PIDS="$PIDS $!"
exec 9> "$TMP/nc.fifo"
say 'accept fd3'
say 'fork "close fd3; read fd4; write fd4 \"pong\\n\"; close fd4"'
say 'close fd4'
say 'accept fd3'
wait_fork 4; s=$FORK_PID
poll_until blocked_on "$spid" 3 || fail "the parent never waited in its second accept"
printf 'ping\n' >&9
wait_for_text "$TMP/nc.out" pong
wait_for_text "$TMP/z.out" "[pid $s] close(4) = 0"
expect_line "$TMP/z.out" "[pid $s] read(4, \"ping\\n\", 4096) = 5"
blocked_on "$spid" 3 || fail "the child's lines came only once the parent's accept returned"
exec 9>&-
nc -z 127.0.0.1 "$port" || fail "no second connection to end the parent's accept"
wait_for_text "$TMP/z.out" "SIGCHLD: pid $s exited with 0"
say 'close fd3; close fd4; wait'
wait_for_text "$TMP/z.out" "wait4(-1, [{WIFEXITED(s) && WEXITSTATUS(s) == 0}], 0, NULL) = $s"

# A call with a timeout, which says no waiting line, lets the child's lines
# in as they come too: the child prints while the parent's poll still waits.
in_syscall() {	# PID NR: PID sleeps in system call number NR
	local sc
	sleeping "$1" || return 1
	read -r -a sc < "/proc/$1/syscall" 2>/dev/null || return 1
	[ "${sc[0]:-}" = "$2" ]
}
if command -v socat > /dev/null 2>&1; then
	say "socket unix dgram; bind $TMP/u1; socket unix dgram; bind $TMP/u2"
	say 'fork "recvfrom fd3; echo live during the poll"'
	wait_fork 5; u=$FORK_PID
	say 'poll fd4:in 600000'
	# poll is system call 7 on x86-64; elsewhere its number differs
	if [ "$(uname -m)" = x86_64 ]; then
		poll_until in_syscall "$spid" 7 || fail "the parent never waited in poll"
	fi
	printf 'x' | socat -u - "UNIX-SENDTO:$TMP/u1" || fail "socat could not send to u1"
	wait_for_text "$TMP/z.out" "[pid $u] live during the poll"
	if [ "$(uname -m)" = x86_64 ]; then
		in_syscall "$spid" 7 || fail "the child's line came only once the parent's poll returned"
	fi
	printf 'y' | socat -u - "UNIX-SENDTO:$TMP/u2" || fail "socat could not send to u2"
	wait_for_text "$TMP/z.out" "poll([{fd=4, events=POLLIN}], 1, 600000) = 1 ([{fd=4, revents=POLLIN}])"
	say 'close fd3; close fd4; wait'
	wait_for_text "$TMP/z.out" "wait4(-1, [{WIFEXITED(s) && WEXITSTATUS(s) == 0}], 0, NULL) = $u"
	n=6
else
	printf 'note: no socat: the poll with a timeout was left out\n' >&2
	n=5
fi

# Ctrl-C in a wait: EINTR, nothing reaped; then the child is killed and the run ends
say 'fork "sleep 3600"'
wait_fork $n; w=$FORK_PID
wait_for_text "$TMP/z.out" "pid $w runs it"
say 'wait'
wait_for_text "$TMP/z.err" "waiting for a child to end (Ctrl-C interrupts)"
# wait4(-1, ...): its first argument, an int, as /proc shows it
poll_until blocked_on "$spid" $((0xffffffff)) || fail "the shell never blocked in wait4"
kill -INT "$spid"
wait_for_text "$TMP/z.out" "hint: Ctrl-C came before any child ended"
grep -qE '^wait4\(-1, 0x[0-9a-f]+, 0, NULL\) = -1 EINTR \(Interrupted system call\)$' "$TMP/z.out" ||
	fail "no EINTR from a wait cut by Ctrl-C: $(grep wait4 "$TMP/z.out")"
[ "$(proc_state "$w")" = S ] || fail "the child $w did not run on after Ctrl-C in the parent's wait"
exec 8>&-
wait_exit "$spid"
expect_status 130 $? "the run ended by Ctrl-C"
expect_line "$TMP/z.out" "  pid $w still runs: it outlives the shell, adopted by init, and says the rest itself"
kill -KILL "$w" 2>/dev/null
poll_until test ! -e "/proc/$w" || fail "pid $w left behind"

# The parent's write comes before the child's read of it: a call that did
# not wait prints its line before the child's lines that follow it (three
# runs: the two processes race). With a trace on, where one can be, whose
# thread makes the parent's write look like a wait.
tr="trace on;"
"$SOCKSHELL" -c 'trace on' > /dev/null 2>&1 || tr=
for run in 1 2 3; do
	p=$(free_port)
	NO_COLOR=1 "$SOCKSHELL" -c "$tr socket stream; bind 127.0.0.1 $p; listen; fork \"socket stream; connect 127.0.0.1 $p; read\"; accept fd3; sleep 0.3; write \"bye\\n\"; wait" \
		> "$TMP/cause.out" 2>&1
	awk '/^write\(4, "bye\\n", 4\) = 4$/ { w = NR } /\] read\(4, "bye\\n", 4096\) = 4$/ { r = NR }
		END { exit !(w && r && w < r) }' "$TMP/cause.out" ||
		fail "run $run: the child's read came before the parent's write: $(grep -E 'write\(4|read\(4' "$TMP/cause.out")"
done

# And the child's write comes before the parent's read of it, whether the
# waiting lines are seen or not (stderr away: the shell then does not peek).
for run in 1 2 3; do
	p=$(free_port)
	NO_COLOR=1 "$SOCKSHELL" -c "socket stream; bind 127.0.0.1 $p; listen; socket stream; connect 127.0.0.1 $p; fork \"accept fd3; close fd3; read; write \\\"pong\\\\n\\\"; close\"; close fd3; write fd4 ping; read fd4; wait" \
		> "$TMP/pong.out" 2> /dev/null
	awk '/\] write\(5, "pong\\n", 5\) = 5$/ { w = NR } /^read\(4, "pong\\n", 4096\) = 5$/ { r = NR }
		END { exit !(w && r && w < r) }' "$TMP/pong.out" ||
		fail "run $run: the parent's read came before the child's write: $(grep -E 'write\(5|read\(4' "$TMP/pong.out")"
done

# A child printing fast while the shell quits: every line it wrote comes out
# once, in order, whether the shell printed it or the child itself.
awk 'BEGIN { for (i = 1; i <= 3000; i++) print "echo line" i }' > "$TMP/many.sock"
NO_COLOR=1 "$SOCKSHELL" -c "fork $TMP/many.sock; quit" > "$TMP/many.out" 2>&1
expect_status 0 $? "quit while a child prints"
w=$(sed -n 's/^  pid \([0-9]*\) runs it.*/\1/p' "$TMP/many.out")
[ -n "$w" ] || fail "no child in: $(head -n 3 "$TMP/many.out")"
poll_until test ! -e "/proc/$w" || fail "pid $w left behind"
grep -o '^  \[pid [0-9]*\] line[0-9]*$' "$TMP/many.out" | sed 's/.*line//' > "$TMP/many.got"
awk 'BEGIN { for (i = 1; i <= 3000; i++) print i }' > "$TMP/many.want"
cmp -s "$TMP/many.got" "$TMP/many.want" ||
	fail "the child's 3000 lines, as they came out: $(wc -l < "$TMP/many.got") lines, first difference: $(diff "$TMP/many.want" "$TMP/many.got" | sed -n 2p)"

done_testing
