# read >FILE at a real terminal: the bytes go through a pipe of the shell's
# into the file (pipe2, F_SETPIPE_SZ, splice in and out); past a second the
# progress line shows, and Ctrl-C stops the transfer cleanly: the cut call
# prints, then the closes of the pipe and of the file, how much came, and the
# prompt; the next socket takes the lowest number again.
. "$top_srcdir/tests/tty/lib.sh"
need nc

port=$(free_port)
[ -n "$port" ] || { fail "no free port"; done_testing; }

start_shell
# The bytes that keep coming after Ctrl-C would be news at every prompt:
# quiet, so that what is typed next shows whatever the line reader.
run_cmd "set notify off"
run_cmd "socket stream"
run_cmd "bind 127.0.0.1 $port"
run_cmd "listen"
wait_for_screen_re '^listen\(3, [0-9]+\) = 0$'
# A slow sender, about 20 MB/s: the transfer lasts long enough to be seen.
{ for i in $(seq 400); do head -c 1048576 /dev/zero; sleep 0.05; done |
	timeout "$HANG_LIMIT" nc -N 127.0.0.1 "$port"; } > /dev/null 2>&1 &
PIDS="$PIDS $!"
run_cmd "accept"
wait_for_screen_re '^accept\(3, .*\) = 4$'
run_cmd "read >$TMP/got"
wait_for_screen_re '^  splice: [0-9]+ bytes in [0-9.]+ s \([0-9]+ [kM]B/s\), Ctrl-C stops$'
press C-c
wait_for_screen "  Ctrl-C stopped it: the rest is still to be read"
wait_for_prompt
screen_has "Ctrl-C stops" && fail "the progress line stayed: $(screen)"
screen_has "pipe2([6, 7], O_CLOEXEC) = 0" || fail "no pipe made: $(screen)"
screen_has "fcntl(7, F_SETPIPE_SZ, 1048576) = 1048576" || fail "the pipe not enlarged: $(screen)"
screen_has_re '^splice\(4, NULL, 7, NULL, 1048576, SPLICE_F_MOVE\) = ([0-9]+|-1 EINTR \(Interrupted system call\))$' ||
	fail "no last splice line: $(screen)"
screen_has_re '^  \.\.\. [0-9]+ more splice calls: [0-9]+ bytes$' ||
	fail "no summary line: $(screen)"
for fd in 6 7 5; do
	screen_has "close($fd) = 0" || fail "fd $fd was not closed: $(screen)"
done
got=$(screen | sed -n 's/^  received \([0-9]*\) bytes from fd4 into .*\/got in .*/\1/p')
[ -n "$got" ] || fail "no total: $(screen)"
# Whatever the splices took reached the file: the total is the file's size.
[ -n "$got" ] && [ "$got" = "$(wc -c < "$TMP/got")" ] ||
	fail "the file has $(wc -c < "$TMP/got") bytes, the note says $got"
# The shell goes on: the pipe's and the file's numbers are free again.
run_cmd "socket stream"
wait_for_screen "socket(AF_INET, SOCK_STREAM, IPPROTO_TCP) = 5"

done_testing
