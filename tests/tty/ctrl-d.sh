# Ctrl-D on an empty line leaves as quit does: every descriptor closed, each close printed,
# exit 0. On a line with text it does not leave.
. "$top_srcdir/tests/tty/lib.sh"

start_shell
run_cmd "socket stream"
wait_for_screen "socket(AF_INET, SOCK_STREAM, IPPROTO_TCP) = 3"
run_cmd "socket dgram"
wait_for_screen "socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP) = 4"
run_cmd "socket unix stream"
wait_for_screen "socket(AF_UNIX, SOCK_STREAM, 0) = 5"

# With text on the line, Ctrl-D deletes under the cursor, as in bash: the shell stays.
if have_readline; then
	wait_for_prompt
	type_text "echo still here"
	press Home C-d
	wait_for_last_line "sockshell fd5> cho still here"
	press End C-u
	wait_for_last_line "sockshell fd5>"
fi

press C-d
wait_for_screen "[exit 0]"
for fd in 3 4 5; do
	wait_for_screen_re "^close\\($fd\\) = 0\$"
done
# the prompt's line is ended before the closes
screen_has_re '^close\(3\) = 0$' || fail "close(3) is not on a line of its own"
done_testing
