# Ctrl-C at a real terminal: in a blocking accept it interrupts that call alone (EINTR, the
# prompt back, the listener intact); at the prompt it drops the half-typed line, as bash does.
. "$top_srcdir/tests/tty/lib.sh"

port=$(free_port)
[ -n "$port" ] || { fail "no free port"; done_testing; }

start_shell
run_cmd "socket stream"
wait_for_screen "socket(AF_INET, SOCK_STREAM, IPPROTO_TCP) = 3"
run_cmd "bind 127.0.0.1 $port"
wait_for_screen "sin_addr=inet_addr(\"127.0.0.1\")}, 16) = 0"
run_cmd "listen 5"
wait_for_screen "listen(3, 5) = 0"

# accept blocks: its waiting line says so, then Ctrl-C.
run_cmd "accept"
wait_for_screen "waiting for a connection on fd3 (Ctrl-C interrupts)"
press_blocked 3 C-c
wait_for_screen_re '^accept\(3, 0x[0-9a-f]+, \[128\]\) = -1 EINTR \(Interrupted system call\)$'
wait_for_prompt
[ "$(last_line)" = "sockshell fd3>" ] || fail "the prompt after EINTR: $(last_line)"

# The listener is still there, still listening.
run_cmd "fds"
wait_for_screen_re '^ +\* 3 +inet stream +LISTEN +127\.0\.0\.1:'"$port"' '

# Ctrl-C with a half-typed line: ^C shows after it, and the next prompt is empty.
wait_for_prompt
type_text "close fd3; echo never"
press C-c
wait_for_screen "sockshell fd3> close fd3; echo never^C"
wait_for_last_line "sockshell fd3>"
# What comes next runs alone: the dropped line did not.
run_cmd "echo after"
wait_for_screen "  after"
wait_for_prompt
screen_has "close(3)" && fail "the abandoned line was run"
screen_has "  never" && fail "the abandoned line was run"

# And an interrupted line's later commands do not run either: Ctrl-C returns to the prompt.
run_cmd "accept; echo skipped"
wait_for_screen_re 'waiting for a connection on fd3.*'
wait_until "the second accept never waited" shown_at_least 2 "waiting for a connection on fd3"
press_blocked 3 C-c
wait_until "the second EINTR never showed" shown_at_least 2 "= -1 EINTR (Interrupted system call)"
wait_for_prompt
screen_has "  skipped" && fail "Ctrl-C in a call ran the rest of the line"

# connect: behind a listener whose queue is full (backlog 0 holds one), the handshake
# goes unanswered and connect blocks until Ctrl-C.
need ss
port2=$(free_port)
run_cmd "socket stream; bind 127.0.0.1 $port2; listen 0; socket stream; connect 127.0.0.1 $port2"
wait_for_screen_re "^connect\(5, .*htons\($port2\).*\) = 0\$"
run_cmd "socket stream; connect 127.0.0.1 $port2"
syn_sent() { ss -Htn state syn-sent "dport = :$port2" 2>/dev/null | grep -q .; }
wait_until "connect never got to SYN-SENT" syn_sent
press C-c
wait_for_screen_re "^connect\(6, .*htons\($port2\).*\) = -1 EINTR \(Interrupted system call\)\$"
wait_for_prompt

# A connected socket's connect fails at once (EISCONN), wherever it points:
# no waiting line before it, not even for an address off loopback.
run_cmd "connect fd5 10.9.9.9 53"
wait_for_screen_re "^connect\(5, .*inet_addr\(\"10\.9\.9\.9\"\).*\) = -1 EISCONN "
wait_for_prompt
screen_has "waiting for 10.9.9.9:53" && fail "a waiting line before a connect that cannot wait"

# A write longer than the room in the send buffer waits for the peer to
# read, though a peek finds room: its waiting line comes all the same, and
# Ctrl-C cuts it short after what went (a count, not EINTR), which is said.
run_cmd "socketpair stream"
wait_for_screen_re "^socketpair\(AF_UNIX, SOCK_STREAM, 0, \[7, 8\]\) = 0\$"
run_cmd 'write fd7 "x"*10000000'
wait_for_screen "waiting for room in the send buffer on fd7 (Ctrl-C interrupts)"
press_blocked 7 C-c
wait_for_screen_re '^write\(7, "x+"\.\.\., 10000000\) = [0-9]+$'
wait_for_screen "short write: Ctrl-C (SIGINT) cut it short after"
wait_for_prompt

# Not for a write that fails at once, however long: a socket never
# connected has no peer to wait for.
run_cmd "socket stream"
wait_for_screen "socket(AF_INET, SOCK_STREAM, IPPROTO_TCP) = 9"
run_cmd 'write fd9 "x"*20000'
wait_for_screen_re '^write\(9, "x+"\.\.\., 20000\) = -1 EPIPE'
wait_for_prompt
screen_has "room in the send buffer on fd9" && fail "a waiting line before a write that fails at once"

# A close that lingers (SO_LINGER on, data the peer never reads) waits,
# and says so first, on a non-blocking socket too; Ctrl-C ends the wait.
port3=$(free_port)
run_cmd "socket stream; bind 127.0.0.1 $port3; listen 1; socket stream; connect 127.0.0.1 $port3; accept fd10"
wait_for_screen_re "^accept\(10, .*\) = 12\$"
run_cmd 'setsockopt fd11 linger on 30; nonblock fd11 on; write fd11 "x"*20000000; close fd11'
wait_for_screen_re "still queued \(SO_LINGER: 30 s at most\) on fd11 \(Ctrl-C interrupts\)\$"
press_blocked 11 C-c
wait_for_screen "close(11) = 0"
wait_for_prompt

# Quit closes the listener.
run_cmd "quit"
wait_for_screen "close(3) = 0"
wait_for_screen "[exit 0]"
done_testing
