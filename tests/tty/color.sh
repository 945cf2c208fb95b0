# Colour: on a terminal by default; never with NO_COLOR or off a terminal; --color=always
# forces it. Colour codes only go around text: the characters are the same either way.
. "$top_srcdir/tests/tty/lib.sh"

ESC=$(printf '\033')
port=$(free_port)
[ -n "$port" ] || { fail "no free port"; done_testing; }

# A prompt, a success, data in a call, an error with its hint, a waiting line, a news line.
session() {
	run_cmd "socket stream"
	wait_for_screen "socket(AF_INET, SOCK_STREAM, IPPROTO_TCP) = 3"
	run_cmd 'write "data\n"'
	wait_for_screen 'write(3, "data\n", 5) = -1 EPIPE (Broken pipe)'
	wait_for_screen "  hint: "
	run_cmd "bind 127.0.0.1 $port; listen 1; socket stream; connect 127.0.0.1 $port"
	wait_for_screen "  fd3: a connection is waiting"
	run_cmd "read fd4 1"
	wait_for_screen_re "^  waiting for .* on fd4"
	press_blocked 4 C-c
	wait_for_screen "= -1 EINTR"
	wait_for_prompt
}

# The call lines on the screen (buffer addresses differ from run to run).
calls_of() {
	screen | grep -E '^(socket|write|bind|listen|connect|read)\(' | sed 's/0x[0-9a-f]*/0xADDR/g'
}

# NO_COLOR at a terminal: not one escape sequence.
start_shell env NO_COLOR=1 "$SOCKSHELL"
session
plain=$(calls_of)
if screen_escapes | grep -q "$ESC"; then
	fail "escape codes with NO_COLOR: $(screen_escapes | grep "$ESC" | head -n 3 | cat -v)"
fi
stop_shell

# A terminal without NO_COLOR: colour (tmux shows it back as escape sequences).
start_shell
session
screen_escapes | grep -q "$ESC" || fail "no colour at a terminal"
[ "$(calls_of)" = "$plain" ] || fail "colour changed the text: $(calls_of)"
stop_shell

# --color=never at a terminal: none; NO_COLOR beats even --color=always (DESIGN 4).
start_shell --color=never
session
screen_escapes | grep -q "$ESC" && fail "escape codes with --color=never"
stop_shell
start_shell env NO_COLOR=1 "$SOCKSHELL" --color=always
session
screen_escapes | grep -q "$ESC" && fail "escape codes with NO_COLOR and --color=always"
stop_shell
start_shell --color=always
session
screen_escapes | grep -q "$ESC" || fail "no colour with --color=always"
[ "$(calls_of)" = "$plain" ] || fail "colour changed the text: $(calls_of)"
stop_shell

# Not a terminal: plain, unless asked for; always, it is the same text with codes around.
out=$("$SOCKSHELL" -c 'socket stream; write "x"; listen 5' 2>&1)
case $out in *"$ESC"*) fail "escape codes in a pipe: $(printf '%s' "$out" | cat -v)" ;; esac
out2=$("$SOCKSHELL" --color=always -c 'socket stream; write "x"; listen 5' 2>/dev/null)
case $out2 in *"$ESC"*) ;; *) fail "--color=always gave no colour in a pipe" ;; esac
[ "$(printf '%s' "$out2" | sed "s/$ESC\\[[0-9;]*m//g")" = "$("$SOCKSHELL" -c 'socket stream; write "x"; listen 5' 2>/dev/null)" ] ||
	fail "colour codes changed the text: $(printf '%s' "$out2" | cat -v)"
done_testing
