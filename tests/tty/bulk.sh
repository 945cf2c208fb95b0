# write @FILE at a real terminal: past a second a progress line shows (on
# stderr, drawn over itself), and Ctrl-C stops the transfer cleanly: the cut
# call prints, then the close of the file, how much went, and the prompt, with
# the progress line gone.
. "$top_srcdir/tests/tty/lib.sh"
need nc dd

port=$(free_port)
[ -n "$port" ] || { fail "no free port"; done_testing; }
head -c $((200 << 20)) /dev/zero > "$TMP/data"
# A slow reader, about 20 MB/s, so the transfer lasts long enough to be seen.
{ nc -l 127.0.0.1 "$port" < /dev/null |
	while dd bs=1M count=1 iflag=fullblock status=none of=/dev/null &&
		[ -e "$TMP/data" ]; do sleep 0.05; done; } &
PIDS="$PIDS $!"
wait_for_port "$port"

start_shell
run_cmd "socket stream"
run_cmd "connect 127.0.0.1 $port"
wait_for_screen "sin_addr=inet_addr(\"127.0.0.1\")}, 16) = 0"
run_cmd "write @$TMP/data"
wait_for_screen_re '^  sendfile: [0-9]+ bytes of 209715200 \([0-9]+%\) in [0-9.]+ s \([0-9]+ [kM]B/s\), Ctrl-C stops$'
press C-c
wait_for_screen "  Ctrl-C stopped it: the rest was not sent"
wait_for_prompt
screen_has "Ctrl-C stops" && fail "the progress line stayed: $(screen)"
screen_has_re '^sendfile\(3, 4, NULL, 1048576\) = ([0-9]+|-1 EINTR \(Interrupted system call\))$' ||
	fail "no last sendfile line: $(screen)"
screen_has_re '^  \.\.\. [0-9]+ more sendfile calls: [0-9]+ bytes$' ||
	fail "no summary line: $(screen)"
screen_has "close(4) = 0" || fail "the file was not closed: $(screen)"
screen_has_re '^  sent [0-9]+ bytes of .*/data to fd3 in ' || fail "no total: $(screen)"
# The shell goes on: the file's number is free again.
run_cmd "socket stream"
wait_for_screen "socket(AF_INET, SOCK_STREAM, IPPROTO_TCP) = 4"

done_testing
