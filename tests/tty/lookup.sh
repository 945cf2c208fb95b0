# Ctrl-C at a real terminal while a name lookup waits for a name server that
# never answers: the lookup alone is cut short, nothing is called, and the
# prompt comes back with the descriptors as they were; the next socket gets
# the number it would have had.
. "$top_srcdir/tests/tty/lib.sh"

in_silent_dns
silent_dns_server || done_testing

start_shell
run_cmd "socket stream"
wait_for_screen "socket(AF_INET, SOCK_STREAM, IPPROTO_TCP) = 3"
run_cmd "connect slow.invalid 80; echo skipped"
wait_for_screen "  looking up slow.invalid: waiting for the name server (Ctrl-C interrupts)"
press C-c
wait_for_screen "  nothing was called: Ctrl-C (SIGINT) came during the lookup of slow.invalid"
wait_for_prompt
[ "$(last_line)" = "sockshell fd3>" ] || fail "the prompt after the cut lookup: $(last_line)"
screen_has "  skipped" && fail "Ctrl-C in a lookup ran the rest of the line"
screen_has "connect(" && fail "a call was made after the cut lookup"
run_cmd "socket stream"
wait_for_screen "socket(AF_INET, SOCK_STREAM, IPPROTO_TCP) = 4"
run_cmd "fds"
wait_for_screen_re '^ +3 +inet stream +CLOSE '
wait_for_screen_re '^ +\* 4 +inet stream +CLOSE '
done_testing
