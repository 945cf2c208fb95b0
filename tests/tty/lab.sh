# The lab (--lab) at a terminal: a banner says what it is, the prompt names the
# host, `host` moves between them and gives the line that joins each, `fds`
# names each descriptor's host, and Tab completes the host names. Run from a
# script (-i FILE), no banner.
. "$top_srcdir/tests/tty/lib.sh"
NO_COLOR=1 "$SOCKSHELL" --lab -c 'echo lab' > /dev/null 2> "$TMP/lab.err" ||
	skip "no lab here: $(cat "$TMP/lab.err")"

start_shell --lab
wait_for_screen "  a lab: hosts client 10.0.0.1 and server 10.0.0.2, joined by a veth link"
# (broken between words to the terminal's 120 columns, the rest under it)
banner_whole() {
	screen | tr -s ' \n' '  ' | grep -qF "joined by a veth link (eth0, MTU 1500); no way out to the real network"
}
wait_until "the banner never said it all" banner_whole
wait_for_screen "  you are on client, where the next socket is made; \`host server\` moves there, and \`host\` says where you are"
wait_for_screen "  a second terminal joins a host with the nsenter line \`host\` prints for it"
wait_for_last_line "sockshell@client>"
# host alone: where, and the line that joins each host, whichever this shell is on.
type_text "host"
press Enter
wait_for_screen "  another terminal joins a host with its line (sockshell, nc or any program):"
wait_for_screen_re '^    server: nsenter -t [0-9]+ -U --preserve-credentials --net=/proc/[0-9]+/fd/[0-9]+ [^ ]*sockshell$'
screen_has_re '^    client: nsenter -t [0-9]+ -U --preserve-credentials --net=/proc/[0-9]+/fd/[0-9]+ [^ ]*sockshell$' ||
	fail "no join line for client: $(screen)"
wait_for_last_line "sockshell@client>"
if have_readline; then
	type_text "host s"
	press Tab
	wait_for_last_line "sockshell@client> host server"
else
	type_text "host server"
fi
press Enter
wait_for_screen "  now on server (10.0.0.2"
wait_for_last_line "sockshell@server>"
type_text "socket stream"
press Enter
wait_for_last_line "sockshell@server fd3>"
# fds names the host each descriptor was made on.
type_text "fds"
press Enter
wait_for_screen_re '^    FD   HOST   TYPE +STATE'
wait_for_screen_re '^  \* 3    server inet stream  CLOSE '
wait_for_last_line "sockshell@server fd3>"
press C-d
wait_for_screen "close(3) = 0"
wait_for_screen "[exit 0]"
stop_shell

# -i FILE: the file's descriptors, then the prompt, and no banner (a script runs it).
printf 'socket stream\n' > "$TMP/one.sock"
start_shell --lab -i "$TMP/one.sock"
wait_for_last_line "sockshell@client fd3>"
[ "$(count_on_screen "a lab: hosts")" = 0 ] || fail "a banner with -i FILE"
# A connect to no host: its error is on its line, and the prompt's news
# does not tell of it again as pending (poll keeps POLLERR, SO_ERROR is 0).
type_text "connect 10.0.0.3 80"
press Enter
wait_for_screen "EHOSTUNREACH"
wait_for_last_line "sockshell@client fd3>"
sleep 1
type_text "echo after"
press Enter
wait_for_screen "  after"
screen_has "an error is pending" && fail "news of an error the connect already showed"
wait_until "no prompt after the echo" last_line_re '^sockshell@[a-z]+( fd[0-9]+)?>$'
press C-d
wait_for_screen "[exit 0]"
done_testing
