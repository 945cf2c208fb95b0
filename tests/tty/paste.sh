# Lines pasted at once (the terminal's bracketed paste hands them to Readline as
# one, newlines kept) run one by one, as if typed, each kept in the history; a
# Ctrl-C in one of them drops those still to come.
. "$top_srcdir/tests/tty/lib.sh"

port=$(free_port)
[ -n "$port" ] || { fail "no free port"; done_testing; }

# paste TEXT: paste TEXT as a terminal does, bracketed when the program asks.
paste_text() {
	tm set-buffer -- "$1"
	tm paste-buffer -p
}

start_shell
wait_for_prompt
paste_text "socket stream
bind 127.0.0.1 $port; listen 5
echo pasted"
press Enter
wait_for_screen "socket(AF_INET, SOCK_STREAM, IPPROTO_TCP) = 3"
wait_for_screen "listen(3, 5) = 0"
wait_for_screen "  pasted"
wait_for_prompt
screen_has "too many arguments" && fail "the pasted lines ran as one"

# Each pasted line comes back alone with Up.
if have_readline; then
	press Up
	wait_for_last_line "sockshell fd3> echo pasted"
	press Up
	wait_for_last_line "sockshell fd3> bind 127.0.0.1 $port; listen 5"
	press C-c
	wait_for_prompt
fi

# Ctrl-C in the accept stops there: the line after it does not run.
paste_text "accept
echo never"
press Enter
wait_for_screen "waiting for a connection on fd3 (Ctrl-C interrupts)"
press_blocked 3 C-c
wait_for_screen_re '^accept\(3, 0x[0-9a-f]+, \[128\]\) = -1 EINTR'
wait_for_prompt
run_cmd "echo after"
wait_for_screen "  after"
screen_has "  never" && fail "a pasted line after a Ctrl-C ran"
run_cmd "quit"
wait_for_screen "[exit 0]"
done_testing
