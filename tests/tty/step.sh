# Step mode at a terminal: the narration shows, the next command waits on the prompt already
# typed; Enter runs it, or it is edited first. Expectations run by themselves.
. "$top_srcdir/tests/tty/lib.sh"

cat > "$TMP/lesson.sock" <<'SCRIPT'
# A socket is the first step.
# stream means TCP.
socket stream
expect = 3
# Now mark it as a listener.
listen 5
expect ok
SCRIPT

start_shell --step "$TMP/lesson.sock"
wait_for_screen "A socket is the first step."
wait_for_screen "stream means TCP."
if have_readline; then
	wait_for_last_line "sockshell> socket stream"
else
	wait_for_last_line "sockshell> socket stream  (Enter runs it)"
fi
screen_has "socket(" && fail "the command ran before Enter"
press Enter
wait_for_screen "socket(AF_INET, SOCK_STREAM, IPPROTO_TCP) = 3"
wait_for_screen "  as expected: = 3"
wait_for_screen "Now mark it as a listener."
# The teacher edits it: backlog 7 instead of 5 (without Readline: types it anew).
if have_readline; then
	wait_for_last_line "sockshell fd3> listen 5"
	# A botched edit: Ctrl-C gives the step's command back as the lesson has it.
	press BSpace
	type_text "99"
	wait_for_last_line "sockshell fd3> listen 99"
	press C-c
	wait_for_last_line "sockshell fd3> listen 5"
	press BSpace
	type_text "7"
	wait_for_last_line "sockshell fd3> listen 7"
else
	wait_for_last_line "sockshell fd3> listen 5  (Enter runs it)"
	tm send-keys -l -- "listen 7"
	wait_for_screen "(Enter runs it)listen 7"
fi
press Enter
wait_for_screen "listen(3, 7) = 0"
wait_for_screen "  as expected: ok"
# The end of the lesson is said; it ends the shell, closing what it opened.
wait_for_screen "  the end of the lesson: all 2 steps are done"
wait_for_screen "close(3) = 0"
wait_for_screen "[exit 0]"
done_testing
