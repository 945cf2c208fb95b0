# A two-terminal lesson as a teacher runs it: the server half stepped in one
# pane, the client half in another beside it, Enter pressed in each as the
# narration says to switch. The server's accept and read wait until the
# client's connect and write come; the answer comes back; both halves end 0.
. "$top_srcdir/tests/tty/lib.sh"

server=$top_srcdir/lessons/07-uppercase-tcp-server.sock
client=$top_srcdir/lessons/07-uppercase-tcp-client.sock
[ -f "$server" ] && [ -f "$client" ] || { fail "no two-terminal lesson 07-uppercase-tcp"; done_testing; }
# Its port is fixed, as a textbook's: the test has a network of its own, or skips.
grep -q 12000 "$server" || fail "the server half does not use port 12000"
in_netns true > /dev/null 2>&1 || skip "no network namespace for the lesson's fixed port"

# Both panes in one network namespace: a tmux server started inside it.
tm() {
	tmux -S "$TMP/tmux.sock" -f /dev/null "$@"
}
unshare -rn sh -c 'ip link set lo up && exec tmux -S "$0" -f /dev/null start-server \; set-option -g remain-on-exit on \; new-session -d -x 200 -y 50 "$1 --step $2; echo [exit \$?]; exec sleep 2147483647"' \
	"$TMP/tmux.sock" "$SOCKSHELL" "$server" || { fail "tmux could not start"; done_testing; }
tm split-window -h "$SOCKSHELL --step $client; echo [exit \$?]; exec sleep 2147483647"
trap 'tm kill-server > /dev/null 2>&1; cleanup' EXIT

# pane PANE: all it showed, what scrolled away included.
pane() { tm capture-pane -p -J -S - -t "$1" | sed 's/[[:space:]]*$//'; }
pane_has() { pane "$1" | grep -qF -- "$2"; }
pane_has_re() { pane "$1" | grep -qE -- "$2"; }
pane_last() { pane "$1" | sed '/^[[:space:]]*$/d' | tail -n 1; }
prompt_waits() { pane_last "$1" | grep -qE "^sockshell( fd[0-9]+)?> [a-z]"; }
# enter PANE: when the pane's step waits on its prompt, run it.
enter() {
	wait_until "pane $1 never put a step on its prompt: $(pane_last "$1")" prompt_waits "$1"
	tm send-keys -t "$1" Enter
}
wait_pane() {
	wait_until "pane $1 never showed: $2" pane_has "$1" "$2"
}
S=%0 C=%1

# The server half: socket, bind, listen, then accept, which waits.
wait_pane $S "step 1 of"
until pane_has_re $S '^accept\(' || pane_has $S "  waiting for "; do
	enter $S
done
wait_pane $S "  waiting for "
pane_has_re $S '^accept\(3, ' && fail "accept returned before any client came"
# The narration told the teacher to switch: the client half, to its end.
end=$((SECONDS + WAIT_SECONDS))
until pane_has $C "[exit "; do
	[ "$SECONDS" -lt "$end" ] || { fail "the client's pane never ended"; done_testing; }
	prompt_waits $C && tm send-keys -t $C Enter
	# Once the client waits for the answer, the server half goes on.
	if pane_has $C "  waiting for " && prompt_waits $S; then
		tm send-keys -t $S Enter
	fi
	sleep 0.1
done
end=$((SECONDS + WAIT_SECONDS))
until pane_has $S "[exit "; do
	[ "$SECONDS" -lt "$end" ] || { fail "the server's pane never ended"; done_testing; }
	prompt_waits $S && tm send-keys -t $S Enter
	sleep 0.1
done
wait_pane $S "[exit 0]"
wait_pane $C "[exit 0]"
pane $S | grep -qE '^accept\(3, \{sa_family=AF_INET, sin_port=htons\([0-9]+\), sin_addr=inet_addr\("127.0.0.1"\)\}, \[128 => 16\]\) = 4$' ||
	fail "the server's accept line: $(pane $S | grep '^accept')"
pane $C | grep -qE '^(read|recvfrom)\(3, "[A-Z ]+\\n", ' ||
	fail "the client got no uppercase answer: $(pane $C | grep -E '^(read|recvfrom)')"
pane $S | grep -q 'switch' || pane $S | grep -qi 'client' || fail "the server half never says to switch"
done_testing
