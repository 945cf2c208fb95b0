# fork at a real terminal: a child serving a connection while the parent sits at
# the prompt with half a line typed; the child's [pid N] lines print whole above
# the prompt, the half-typed line kept, and the child's end comes as SIGCHLD news.
. "$top_srcdir/tests/tty/lib.sh"

port=$(free_port)
[ -n "$port" ] || { fail "no free port"; done_testing; }

start_shell
run_cmd "socket stream"
run_cmd "bind 127.0.0.1 $port"
run_cmd "listen 5"
wait_for_screen "listen(3, 5) = 0"
run_cmd 'fork "accept; read; write \"bye\\n\"; close"'
wait_for_screen_re '^clone\(child_stack=NULL, flags=CLONE_CHILD_CLEARTID\|CLONE_CHILD_SETTID\|SIGCHLD, child_tidptr=0x[0-9a-f]+\) = [0-9]+$'
pid=$(screen | sed -nE 's/^clone\(.*\) = ([0-9]+)$/\1/p' | head -n 1)

# Half a line typed; then a client connects and sends: the child's lines come.
wait_for_prompt
type_text "echo kept as typed"
exec 8<>"/dev/tcp/127.0.0.1/$port"
printf 'hi' >&8
wait_for_screen "[pid $pid] read(4, \"hi\", 4096) = 2"
wait_for_screen_re "^\[pid $pid\] accept\(3, \{sa_family=AF_INET, sin_port=htons\([0-9]+\), sin_addr=inet_addr\(\"127.0.0.1\"\)\}, \[128 => 16\]\) = 4$"
wait_for_screen "[pid $pid] write(4, \"bye\\n\", 4) = 4"
wait_for_screen "[pid $pid] close(4) = 0"
wait_for_screen "  SIGCHLD: pid $pid exited with 0: a zombie until \`wait\` reaps it"
read -r -t "$HANG_LIMIT" reply <&8
[ "$reply" = bye ] || fail "the client got \"$reply\" from the child, not bye"
exec 8>&-
if have_readline; then
	wait_for_last_line "sockshell fd3> echo kept as typed"
else
	wait_for_prompt
fi
# every line of the child's is whole: none began after a prompt, or ran into one
screen | grep -E 'sockshell[^>]*>.*\[pid [0-9]+\]|\[pid [0-9]+\] .*sockshell[^>]*>' &&
	fail "a child's line was broken by the prompt"
press Enter
wait_for_screen "  kept as typed"

run_cmd "fds"
wait_for_screen_re "^    $pid +Z zombie, exited with 0 +accept; read; write"
run_cmd "wait"
wait_for_screen "wait4(-1, [{WIFEXITED(s) && WEXITSTATUS(s) == 0}], 0, NULL) = $pid"
[ "$(count_on_screen "SIGCHLD: pid $pid")" = 1 ] || fail "the child's end was told more than once"

# Ctrl-C at the prompt reaches a child waiting in a call: it ends there,
# exit 130, with no advice to call again, which only the parent could take.
run_cmd 'fork "accept"'
wait_for_screen_re "pid [0-9]+ runs it"
kid=$(screen | sed -n 's/.*pid \([0-9]*\) runs it.*/\1/p' | tail -n 1)
poll_until blocked_on "$kid" 3 || fail "the child never waited in accept"
wait_for_prompt
type_text "echo never"
press C-c
wait_for_screen_re "\\[pid $kid\\] accept\\(3, .*EINTR"
wait_for_screen "  SIGCHLD: pid $kid exited with 130"
screen | grep -F "[pid $kid]" | grep -q 'hint:' && fail "a child cut short by Ctrl-C was advised to call again"
run_cmd "quit"
wait_for_screen "[exit 0]"
done_testing
