# A server in sockshell, a real nc as the client: accept, read, write, EOF, close.
. "$top_srcdir/tests/scripts/lib.sh"
need nc

port=$(free_port)
[ -n "$port" ] || { fail "no free port"; done_testing; }

cat > "$TMP/server.sock" <<SCRIPT
socket stream
expect = 3
bind 127.0.0.1 $port
expect ok
listen 5
expect ok
accept
expect = 4
read
expect "hello from nc\n"
write "hello from sockshell\n"
expect = 21
read
expect = 0
close
expect ok
SCRIPT

sockshell "$TMP/server.sock" > "$TMP/out" 2> "$TMP/err" &
PIDS="$PIDS $!"
server=$!
wait_for_port "$port"
# -N: nc shuts down its side after the line, and reads the reply until the shell closes.
printf 'hello from nc\n' | timeout "$HANG_LIMIT" nc -N 127.0.0.1 "$port" > "$TMP/nc.out"
wait "$server"
expect_status 0 $? "server script"

expect_line "$TMP/out" "socket(AF_INET, SOCK_STREAM, IPPROTO_TCP) = 3"
expect_line "$TMP/out" "bind(3, {sa_family=AF_INET, sin_port=htons($port), sin_addr=inet_addr(\"127.0.0.1\")}, 16) = 0"
expect_line "$TMP/out" "listen(3, 5) = 0"
grep -Eq '^accept\(3, \{sa_family=AF_INET, sin_port=htons\([0-9]+\), sin_addr=inet_addr\("127\.0\.0\.1"\)\}, \[128 => 16\]\) = 4$' "$TMP/out" ||
	fail "accept line: $(grep ^accept "$TMP/out")"
expect_line "$TMP/out" 'read(4, "hello from nc\n", 4096) = 14'
expect_line "$TMP/out" 'write(4, "hello from sockshell\n", 21) = 21'
expect_line "$TMP/out" 'read(4, "", 4096) = 0'
expect_line "$TMP/out" "close(4) = 0"
expect_line "$TMP/out" "close(3) = 0"
grep -qx 'hello from sockshell' "$TMP/nc.out" || fail "nc did not receive the reply"
[ -s "$TMP/err" ] && grep -v 'waiting for' "$TMP/err" | grep -q . && fail "stderr: $(cat "$TMP/err")"
done_testing
