# What a new user tripped on, typed at a real terminal: Ctrl-D leaves a lesson
# though its next command is already on the line; a failed expect in step mode
# stops the lesson, saying what was expected and what happened; notes, news and
# the data view print above a half-typed line without breaking it.
. "$top_srcdir/tests/tty/lib.sh"

cat > "$TMP/lesson.sock" <<'SCRIPT'
# Lesson 1: a test lesson
socket stream
expect = 3
listen 5
expect ok
SCRIPT

# 1. Ctrl-D at a step, with the step's command on the line: the lesson ends,
#    the shell and its descriptors stay.
start_shell
wait_for_prompt
run_cmd "lesson $TMP/lesson.sock"
if have_readline; then
	wait_for_last_line "sockshell> socket stream"
else
	wait_for_last_line "sockshell> socket stream  (Enter runs it)"
fi
press Enter
wait_for_screen "socket(AF_INET, SOCK_STREAM, IPPROTO_TCP) = 3"
if have_readline; then
	wait_for_last_line "sockshell fd3> listen 5"
else
	wait_for_last_line "sockshell fd3> listen 5  (Enter runs it)"
fi
press C-d
wait_for_screen "left the lesson; its descriptors stay"
wait_for_last_line "sockshell fd3>"
screen_has "listen(" && fail "Ctrl-D ran the step's command"
run_cmd "fds"
wait_for_screen_re '^ *\* +3 +inet stream'
run_cmd "quit"
wait_for_screen "close(3) = 0"
wait_for_screen "[exit 0]"
stop_shell

# 2. A failed expect in step mode: expected and actual, and the lesson goes
#    on: the step is on the prompt again; a cleared line goes on without it.
cat > "$TMP/stop.sock" <<'SCRIPT'
socket stream
expect = 4
listen 5
SCRIPT
start_shell --step "$TMP/stop.sock"
wait_for_screen "sockshell> socket stream"
press Enter
wait_for_screen "expected = 4, got = 3"
wait_for_screen "the step is on the prompt again"
if have_readline; then
	wait_for_last_line "sockshell fd3> socket stream"
	press C-u
	wait_for_last_line "sockshell fd3>"
else
	wait_for_last_line "sockshell fd3> socket stream  (Enter runs it)"
	tm send-keys -l -- " "
fi
press Enter
if have_readline; then
	wait_for_last_line "sockshell fd3> listen 5"
else
	wait_for_last_line "sockshell fd3> listen 5  (Enter runs it)"
fi
screen_has "IPPROTO_TCP) = 4" && fail "the step ran again though the line was cleared"
press Enter
wait_for_screen "listen(3, 5) = 0"
# The end says that the step's expect did not hold: gone on without, it stands.
wait_for_screen "  the end of the lesson: all 2 steps are done"
wait_for_screen "  but 1 expect did not hold (line 2)"
wait_for_screen "[exit 1]"
stop_shell

# 2c. Made again and failed again, then gone on without: one expect did
#     not hold, not one for each try.
cat > "$TMP/twice.sock" <<'SCRIPT'
socket stream
expect = 9
listen 5
SCRIPT
start_shell --step "$TMP/twice.sock"
wait_for_screen "sockshell> socket stream"
press Enter
wait_for_screen "the step is on the prompt again"
wait_for_last_line_re_step() { last_line_re '^sockshell fd3> socket stream'; }
wait_until "the step never came again" wait_for_last_line_re_step
press Enter
wait_until "the step never failed twice" shown_at_least 2 "the step is on the prompt again"
if have_readline; then
	wait_for_last_line "sockshell fd4> socket stream"
	press C-u
	wait_for_last_line "sockshell fd4>"
else
	wait_for_last_line "sockshell fd4> socket stream  (Enter runs it)"
	tm send-keys -l -- " "
fi
press Enter
wait_until "the next step never came" last_line_re '^sockshell fd4> listen 5'
press Enter
wait_for_screen "  the end of the lesson: all 2 steps are done"
wait_for_screen "  but 1 expect did not hold (line 2)"
stop_shell

# 2b. Made again, the step's expect holds: the end has nothing to take back.
start_shell --step "$TMP/stop.sock"
wait_for_screen "sockshell> socket stream"
press Enter
wait_for_screen "the step is on the prompt again"
if have_readline; then
	wait_for_last_line "sockshell fd3> socket stream"
else
	wait_for_last_line "sockshell fd3> socket stream  (Enter runs it)"
fi
press Enter
wait_for_screen "  as expected: = 4"
if have_readline; then
	wait_for_last_line "sockshell fd4> listen 5"
else
	wait_for_last_line "sockshell fd4> listen 5  (Enter runs it)"
fi
press Enter
wait_for_screen "  the end of the lesson: all 2 steps are done"
wait_for_screen "[exit"
screen_has "did not hold" && fail "a step that held when made again still counted as missed"
stop_shell

# 3. News arrives above a half-typed line, which stays as it was typed.
start_shell
wait_for_prompt
run_cmd "socket unix dgram"
run_cmd "bind @sockshell-tty-trips-$$"
run_cmd "socket unix dgram"
wait_for_prompt
type_text "echo half"
press Enter
wait_for_screen "  half"
run_cmd "sendto fd3 @sockshell-tty-trips-$$ hi"
wait_for_screen "a datagram of 2 bytes is waiting"
# The news may show before the prompt comes back; without Readline what is
# typed before the prompt is not echoed (the terminal's echo is off while a
# command runs), so type only at the prompt.
wait_for_prompt
type_text "recvfrom fd"
wait_for_last_line "sockshell fd4> recvfrom fd"
type_text "3"
press Enter
wait_for_screen 'recvfrom(3, "hi", 4096'
run_cmd "quit"
wait_for_screen "[exit 0]"
stop_shell

# 4. Typed ahead while a call blocks: the call line stays whole, and what was
#    typed waits at the next prompt.
if command -v socat > /dev/null 2>&1; then
	start_shell
	run_cmd "socket unix stream"
	run_cmd "bind @sockshell-tty-ahead-$$"
	run_cmd "listen 1"
	run_cmd "accept"
	wait_for_screen "waiting for a connection on fd3"
	tm send-keys -l -- "fds"
	sleep 0.3	# (typing takes no time to wait for; this only lets the keys land)
	timeout "$HANG_LIMIT" socat -u /dev/null "ABSTRACT-CONNECT:sockshell-tty-ahead-$$" || true
	wait_for_screen_re '^accept\(3, \{sa_family=AF_UNIX\}, \[128 => 2\]\) = 4$'
	if have_readline; then
		wait_for_last_line "sockshell fd4> fds"
	fi
	screen_has "fdsaccept(" && fail "typed-ahead text broke the call line"
	stop_shell
fi

# 5. A typo at a step offers the same step again; the lesson goes on.
cat > "$TMP/typo.sock" <<'SCRIPT'
socket stream
expect = 3
listen 5
expect ok
SCRIPT
if have_readline; then
	start_shell --step "$TMP/typo.sock"
	wait_for_last_line "sockshell> socket stream"
	press C-a
	tm send-keys -l -- "x"
	wait_for_last_line "sockshell> xsocket stream"
	press Enter
	wait_for_screen "unknown command: xsocket"
	wait_for_screen "the step again, as the lesson has it"
	wait_for_last_line "sockshell> socket stream"
	press Enter
	wait_for_screen "  as expected: = 3"
	wait_for_last_line "sockshell fd3> listen 5"
	press Enter
	wait_for_screen "  as expected: ok"
	wait_for_screen "[exit 0]"
fi
done_testing
