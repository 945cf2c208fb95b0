# The whole TCP lifecycle by hand in one shell: a server and a client on
# loopback, fed as plain lines on a pipe. Checks the exact call lines, that
# nothing but call lines and indented notes reach stdout (no prompt), and what
# `fds` says at each stage: LISTEN, ESTABLISHED both ways, CLOSE_WAIT once the
# peer closed, the addresses, and `*` on the current descriptor.
. "$top_srcdir/tests/scripts/lib.sh"
need timeout

port=$(free_port)
[ -n "$port" ] || { fail "no free port"; done_testing; }

cat > "$TMP/in" <<SCRIPT
socket stream
bind 127.0.0.1 $port
listen 5
echo -- fds listen
fds
socket stream
connect 127.0.0.1 $port
accept fd3
echo -- fds established
fds
write "ping\n"
read fd4
use 4
write "pong\n"
echo -- fds use
fds
read fd5
close
read
echo -- fds close_wait
fds
close
echo -- fds last
fds
SCRIPT

sockshell_t < "$TMP/in" > "$TMP/out" 2> "$TMP/err"
expect_status 0 $? "lifecycle on a pipe"

# The client's port: the kernel chose it; accept and fds must agree on it.
cport=$(sed -n 's/^accept(3, {sa_family=AF_INET, sin_port=htons(\([0-9]*\)), .*/\1/p' "$TMP/out")
[ -n "$cport" ] || { fail "no accept line: $(cat "$TMP/out")"; cport=0; }

expect_calls "$TMP/out" "the lifecycle's call lines" <<EOF
socket(AF_INET, SOCK_STREAM, IPPROTO_TCP) = 3
bind(3, {sa_family=AF_INET, sin_port=htons($port), sin_addr=inet_addr("127.0.0.1")}, 16) = 0
listen(3, 5) = 0
socket(AF_INET, SOCK_STREAM, IPPROTO_TCP) = 4
connect(4, {sa_family=AF_INET, sin_port=htons($port), sin_addr=inet_addr("127.0.0.1")}, 16) = 0
accept(3, {sa_family=AF_INET, sin_port=htons($cport), sin_addr=inet_addr("127.0.0.1")}, [128 => 16]) = 5
write(5, "ping\n", 5) = 5
read(4, "ping\n", 4096) = 5
write(4, "pong\n", 5) = 5
read(5, "pong\n", 4096) = 5
close(4) = 0
read(5, "", 4096) = 0
close(5) = 0
close(3) = 0
EOF

# Every line is a call line or indented words of the shell's own; no prompt.
if grep -vE '^(  |[a-z0-9_]+\(.*\) = )' "$TMP/out" | grep -q .; then
	fail "stdout has lines that are neither calls nor notes: $(grep -vE '^(  |[a-z0-9_]+\(.*\) = )' "$TMP/out")"
fi
expect_no_line "$TMP/out" "sockshell>" "prompt on a pipe"
expect_no_line "$TMP/out" "sockshell fd" "prompt on a pipe"
if grep -v '^  waiting for ' "$TMP/err" | grep -q .; then
	fail "stderr: $(cat "$TMP/err")"
fi

# fds_block NAME: the descriptor lines of the `fds` after "-- fds NAME", squeezed.
fds_block() {
	awk -v want="-- fds $1" '
		/^  -- fds / { on = ($0 == "  " want); next }
		on && /^  / { print }
		on && !/^  / { on = 0 }
	' "$TMP/out" | squeeze | grep -v '^FD TYPE'
}
# expect_fds NAME: that block is exactly the lines on stdin.
expect_fds() {
	fds_block "$1" > "$TMP/fds.$1"
	if ! diff -u - "$TMP/fds.$1" > "$TMP/fds.$1.diff"; then
		fail "fds after $1 (- wanted, + got):
$(cat "$TMP/fds.$1.diff")"
	fi
}

# The header names the columns.
grep -qE '^ +FD +TYPE +STATE +LOCAL +PEER' "$TMP/out" || fail "no fds header"

expect_fds listen <<EOF
* 3 inet stream LISTEN 127.0.0.1:$port -
EOF
expect_fds established <<EOF
3 inet stream LISTEN 127.0.0.1:$port -
4 inet stream ESTABLISHED 127.0.0.1:$cport 127.0.0.1:$port
* 5 inet stream ESTABLISHED 127.0.0.1:$port 127.0.0.1:$cport
EOF
# `use 4` moves the star; the table is otherwise the same.
expect_fds use <<EOF
3 inet stream LISTEN 127.0.0.1:$port -
* 4 inet stream ESTABLISHED 127.0.0.1:$cport 127.0.0.1:$port
5 inet stream ESTABLISHED 127.0.0.1:$port 127.0.0.1:$cport
EOF
# fd4 closed (it was current): the most recent descriptor left, 5, is current,
# and the kernel says CLOSE_WAIT: the peer's FIN came, we have not closed yet.
expect_fds close_wait <<EOF
3 inet stream LISTEN 127.0.0.1:$port -
* 5 inet stream CLOSE_WAIT 127.0.0.1:$port 127.0.0.1:$cport
EOF
expect_fds last <<EOF
* 3 inet stream LISTEN 127.0.0.1:$port -
EOF

done_testing
