# `set notify` at a real terminal: while the prompt waits, one line when a peer connects,
# sends or closes, printed above the prompt with the half-typed line kept; each event once.
. "$top_srcdir/tests/tty/lib.sh"

port=$(free_port)
[ -n "$port" ] || { fail "no free port"; done_testing; }

# peer_start: a client in bash, driven by lines written to fd 7: "send TEXT", "close".
peer_start() {
	mkfifo "$TMP/peer.ctl"
	bash -c '
		exec 3<>"/dev/tcp/127.0.0.1/$1" || exit 1
		while read -r cmd; do
			case $cmd in
			send\ *) printf "%s" "${cmd#send }" >&3 ;;
			close) exec 3>&- ;;
			esac
		done' peer "$port" < "$TMP/peer.ctl" &
	PIDS="$PIDS $!"
	exec 7>"$TMP/peer.ctl"
}

start_shell
run_cmd "socket stream"
run_cmd "bind 127.0.0.1 $port"
run_cmd "listen 5"
wait_for_screen "listen(3, 5) = 0"

# Half a line typed, then a client connects: the news shows, the line stays as it was.
wait_for_prompt
type_text "echo kept as typed"
peer_start
wait_for_screen_re '^  fd3: a connection is waiting (—|--) accept fd3$'
if have_readline; then
	wait_for_last_line "sockshell fd3> echo kept as typed"
else
	# No line editing to redraw it: the terminal still holds the line, the prompt is new.
	wait_for_prompt
fi
press Enter
wait_for_screen "  kept as typed"
# The connection still waits, but that is not news any more.
wait_for_prompt
[ "$(count_on_screen "a connection is waiting")" = 1 ] || fail "the same news was told twice"

run_cmd "accept"
wait_for_screen_re '^accept\(3, \{sa_family=AF_INET, .*\) = 4$'
wait_for_prompt

# Bytes arrive while the prompt waits.
echo "send hello" >&7
wait_for_screen_re '^  fd4: 5 bytes waiting (—|--) read fd4$'
wait_for_prompt
# The peer closes: read gets the bytes, then the prompt says the next read returns 0.
echo "close" >&7
wait_for_screen_re '^  fd4: 5 bytes waiting, then the peer closed (—|--) read fd4$'
run_cmd "read"
wait_for_screen 'read(4, "hello", 4096) = 5'
wait_for_prompt
screen_has "fd4: the peer closed" && fail "the close was told twice"

# Written to a peer that closed: its kernel answers with a reset, an error
# now pending on fd4, told once and in words (not read: that would clear it).
run_cmd 'write fd4 "x"'
wait_for_screen 'write(4, "x", 1) = 1'
# (the line is broken to the terminal's width: its head is enough)
wait_for_screen_re '^  fd4: an error is pending \(a reset peer, or an ICMP error\) (—|--) the next call on it fails with it;'
screen_has_re '^  fd4: *$' && fail "a news line with no words"
run_cmd "getsockopt fd4 error"
# (Linux sets EPIPE for a reset that comes after the peer's FIN)
wait_for_screen_re '^getsockopt\(4, SOL_SOCKET, SO_ERROR, \[(EPIPE|ECONNRESET)\], \[4\]\) = 0$'

# notify off: a second client connects, and nothing is said.
exec 7>&-
run_cmd "set notify off"
wait_for_prompt
exec 8<>"/dev/tcp/127.0.0.1/$port"
prompts=$(count_on_screen "sockshell fd4>")
press Enter			# a fresh prompt, after the connection is queued
wait_until "no fresh prompt" shown_at_least $((prompts + 1)) "sockshell fd4>"
wait_for_prompt
[ "$(count_on_screen "a connection is waiting")" = 1 ] || fail "notify off still told"
exec 8>&-

run_cmd "quit"
wait_for_screen "[exit 0]"
done_testing
