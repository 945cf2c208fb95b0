# Tab at a real terminal: command names, descriptors, option names, and a second Tab that
# lists the candidates, as bash does.
. "$top_srcdir/tests/tty/lib.sh"
have_readline || skip "built --without-readline: no completion"

start_shell

# A command name: "soc" Tab is "socket", the part socket and socketpair share
# (no space: socketpair may follow).
wait_for_prompt
type_text "soc"
press Tab
wait_for_last_line "sockshell> socket"
type_text " stream"
press Enter
wait_for_screen "socket(AF_INET, SOCK_STREAM, IPPROTO_TCP) = 3"

# A family, then a type.
wait_for_prompt
type_text "socket in"
press Tab
wait_for_last_line "sockshell fd3> socket inet"	# inet or inet6: the common part
type_text " d"
press Tab
wait_for_last_line "sockshell fd3> socket inet dgram"
press Enter
wait_for_screen "socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP) = 4"

# A descriptor: two open, so Tab completes what they share and a second Tab lists both.
wait_for_prompt
type_text "close f"
press Tab
wait_for_last_line "sockshell fd4> close fd"
press Tab
press Tab
wait_for_screen_re '^fd3 +fd4$'
wait_for_last_line "sockshell fd4> close fd"
type_text "3"
press Enter
wait_for_screen "close(3) = 0"

# One left: Tab takes it whole.
wait_for_prompt
type_text "use f"
press Tab
wait_for_last_line "sockshell fd4> use fd4"
press C-u
wait_for_last_line "sockshell fd4>"

# After ';' a new command starts; help completes command names.
type_text "echo x; hel"
press Tab
wait_for_last_line "sockshell fd4> echo x; help"
type_text "bi"
press Tab
wait_for_last_line "sockshell fd4> echo x; help bind"
press Enter
wait_for_screen "usage: bind"

# Where free text goes, Tab offers nothing, not even file names.
wait_for_prompt
touch "$TMP/home/zzfile"
type_text "echo zz"
press Tab
press Tab
wait_for_prompt_text() { last_line_is "sockshell fd4> echo zz"; }
wait_until "echo zz changed" wait_for_prompt_text
screen_has "zzfile" && fail "Tab offered file names for echo"
press C-u

# set NAME, then its value.
wait_for_last_line "sockshell fd4>"
type_text "set no"
press Tab
wait_for_last_line "sockshell fd4> set notify"
press Tab			# "o", what on and off share
wait_for_last_line "sockshell fd4> set notify o"
press Tab			# nothing more to add: bash's second Tab lists
press Tab
wait_for_screen_re '^off +on$'
type_text "ff"
press Enter
wait_for_prompt
run_cmd "set"
wait_for_screen "  notify off"

# Option names, once the setsockopt command exists.
if "$SOCKSHELL" --list-commands | grep -q '^setsockopt	'; then
	wait_for_last_line "sockshell fd4>"
	type_text "setsockopt reu"
	press Tab
	wait_for_last_line "sockshell fd4> setsockopt reuse"
	press Tab
	press Tab
	wait_for_screen_re '^reuseaddr +reuseport$'
	type_text "addr 1"
	press Enter
	wait_for_screen "setsockopt(4, SOL_SOCKET, SO_REUSEADDR, [1], 4) = 0"
else
	printf 'NOTE: %s: no setsockopt command yet: option names not tried\n' "$TEST_NAME" >&2
fi

# Readline is opened (dlopen) for a person at a terminal, never for a script.
pane=$(tm display -p '#{pane_pid}')
pid=$(pgrep -P "$pane" | head -n 1)
[ -n "$pid" ] && grep -q 'libreadline' "/proc/$pid/maps" ||
	fail "the shell at the terminal (pid ${pid:-none}) has no Readline loaded"
"$SOCKSHELL" -c 'sleep 3' > /dev/null 2>&1 &
script=$!
script_running() { [ "$(readlink "/proc/$script/exe")" = "$(readlink -f "$SOCKSHELL")" ]; }
poll_until script_running || fail "the script shell did not start"
grep -q 'libreadline' "/proc/$script/maps" && fail "a shell running -c loaded Readline"
wait "$script"

# sendto back: offered once recvfrom on the socket heard someone.
udp=$(free_port udp)
run_cmd "socket dgram"
run_cmd "bind 127.0.0.1 $udp"
wait_for_prompt
fdn=$(screen | sed -n 's/^socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP) = \([0-9]*\)$/\1/p' | tail -n 1)
type_text "sendto fd$fdn ba"
press Tab
type_text "X"	# after the Tab: the line shows what it did
wait_until "the line never showed the X" last_line_re "^sockshell fd$fdn> sendto fd$fdn ba(ck )?X$"
last_line_is "sockshell fd$fdn> sendto fd$fdn baX" || fail "back offered before any datagram came"
press C-u
run_cmd "sendto 127.0.0.1 $udp hi"
run_cmd "recvfrom fd$fdn"
wait_for_screen "recvfrom($fdn, \"hi\""
wait_for_prompt
type_text "sendto ba"
press Tab
wait_for_last_line "sockshell fd$fdn> sendto back"
press C-u

run_cmd "quit"
wait_for_screen "[exit 0]"
done_testing
