# trace at a terminal, in the lab: packets that come while the prompt is up
# print above it, marked, as does the news of a state (set states on), and
# the prompt comes back with what was typed; a blocked accept prints the
# handshake as it comes, then its line; Ctrl-C in a blocked read with trace
# on leaves a healthy shell. The peer is nc in the
# lab's client host (nsenter, with the line `host` prints).
. "$top_srcdir/tests/tty/lib.sh"
# The packet lines say → in a UTF-8 locale (-> in others): the tests read UTF-8.
export LC_ALL=C.UTF-8
need nsenter nc
NO_COLOR=1 "$SOCKSHELL" --lab -c 'trace on' > /dev/null 2> "$TMP/lab.err" ||
	skip "no lab or no capture here: $(cat "$TMP/lab.err")"

start_shell --lab
wait_for_screen "a second terminal joins a host with the nsenter line \`host\` prints for it"
wait_for_last_line "sockshell@client>"
type_text "host"
press Enter
wait_for_screen_re '^    client: nsenter .* [^ ]*sockshell$'
# The line as `host` prints it, with CMD in place of the shell (its last word).
join=$(screen | sed -n 's/^    client: \(nsenter .*\) [^ ]*sockshell$/\1/p' | head -n 1)
[ -n "$join" ] || { fail "no line to join client in what host printed"; done_testing; }
peer() {	# peer CMD...: CMD in the lab's client host
	$join "$@"
}
wait_for_last_line "sockshell@client>"
type_text "trace on"
press Enter
wait_for_screen "trace on: a line marked ~"
type_text "set states on"
press Enter
wait_for_screen "  states on"
for line in "socket stream" "bind 5000" "listen 5"; do
	type_text "$line"
	press Enter
done
wait_for_screen "listen(3, 5) = 0"
wait_for_last_line "sockshell@client fd3>"

# A connection while something half-typed waits at the prompt.
type_text "fd"
peer nc -z 10.0.0.1 5000 &
PIDS="$PIDS $!"
wait_for_screen_re '^  ~ 10\.0\.0\.1:[0-9]+ → 10\.0\.0\.1:5000  \[S\] seq 0'
wait_for_screen_re '^  ~ 10\.0\.0\.1:5000 → 10\.0\.0\.1:[0-9]+  \[S\.\] seq 0, ack 1'
# The listener's state news comes at the prompt too.
wait_for_screen "  fd3 LISTEN, 1 waiting in the accept queue"
wait_for_last_line "sockshell@client fd3> fd"
press BSpace BSpace
wait_for_last_line "sockshell@client fd3>"
type_text "accept"
press Enter
wait_for_screen_re '^accept\(3, '
wait_for_last_line "sockshell@client fd4>"
type_text "close"
press Enter
wait_for_screen "close(4) = 0"

# A blocked accept: the handshake prints while it waits, its line after.
wait_for_last_line "sockshell@client fd3>"
type_text "accept"
press Enter
wait_for_screen "waiting for a connection on fd3"
# The peer sends a line and stays while the test holds its input open, so
# that a read can wait; it ends when the shell closes the connection.
mkfifo "$TMP/peer-in"
peer sh -c "exec nc 10.0.0.1 5000 < '$TMP/peer-in' > /dev/null" &
PIDS="$PIDS $!"
exec 7> "$TMP/peer-in"
printf 'hi\n' >&7
wait_for_screen_re '^accept\(3, .* = 4$'
screen > "$TMP/screen"
syn=$(grep -n '\[S\] seq 0' "$TMP/screen" | tail -n 1 | cut -d: -f1)
acc=$(grep -n '^accept(3, .* = 4$' "$TMP/screen" | tail -n 1 | cut -d: -f1)
[ -n "$syn" ] && [ -n "$acc" ] && [ "$syn" -lt "$acc" ] ||
	fail "the handshake of a waited accept does not come before its line:
$(cat "$TMP/screen")"

# Ctrl-C in a blocked read, with trace on: the call ends with EINTR, the shell goes on.
wait_for_last_line "sockshell@client fd4>"
type_text "read"
press Enter
wait_for_screen_re '^read\(4, "hi\\n", 4096\) = 3$'
wait_for_last_line "sockshell@client fd4>"
type_text "read"
press Enter
wait_for_screen "waiting for data on fd4"
press_blocked 4 C-c
wait_for_screen_re '^read\(4, 0x[0-9a-f]+, 4096\) = -1 EINTR'
wait_for_last_line "sockshell@client fd4>"
type_text "socket stream"
press Enter
wait_for_screen "socket(AF_INET, SOCK_STREAM, IPPROTO_TCP) = 5"

# At 80 columns (a projector), a packet line too long for them is broken
# between words, its further lines indented: none runs past the edge for the
# terminal to break mid-word into column 1, where call lines begin.
wait_for_last_line "sockshell@client fd5>"
tm resize-window -x 80
type_text "echo narrow"
press Enter
wait_for_screen "  narrow"
wait_for_last_line "sockshell@client fd5>"
peer nc -z 10.0.0.1 5000 &
PIDS="$PIDS $!"
wait_for_screen_re '^  ~ 10\.0\.0\.1:5000 → 10\.0\.0\.1:[0-9]+ +\[S\.\] seq 0, ack 1'
wait_for_screen_re '^    .*length 0$'
screen | sed -n '/^  narrow$/,$p' | grep -F '  ~ ' |
	awk '{ if (length($0) > 80) { print; bad = 1 } } END { exit bad }' ||
	fail "a packet line ran past 80 columns:
$(screen)"
wait_for_last_line "sockshell@client fd5>"
press C-d
wait_for_screen "[exit 0]"
exec 7>&-
stop_shell
done_testing
