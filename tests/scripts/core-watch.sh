# A script peeks at no call before it is made: a thread of the shell's
# watches a call that may wait, and once the call has slept a moment it
# writes out what the shell held for standard output and says the waiting
# line, while the call still waits. The call's own line comes after it,
# when it returns; a call that never waits has no waiting line.
. "$top_srcdir/tests/scripts/lib.sh"
need timeout

# ---- accept waits: the lines before it are out, then its waiting line ----
port=$(free_port)
cat > "$TMP/acc.sock" <<SCRIPT
socket stream
bind 127.0.0.1 $port
listen 5
accept
expect = 4
close fd4
SCRIPT
start_script acc
wait_for_text "$TMP/acc.err" "  waiting for a connection on fd3 (Ctrl-C interrupts)"
# Said while the call waits: the listen line was written out before it.
expect_line "$TMP/acc.out" "listen(3, 5) = 0" "accept waits: the lines before it not written out"
expect_no_line "$TMP/acc.out" "accept(" "accept waits: its line before it returned"
exec 7<>"/dev/tcp/127.0.0.1/$port"
wait_exit "$pid"
expect_status 0 $? "accept waits, then a client comes"
exec 7>&-
grep -qE '^accept\(3, \{sa_family=AF_INET, .*\) = 4$' "$TMP/acc.out" ||
	fail "accept waits: no accept line after: $(cat "$TMP/acc.out")"
n=$(grep -c "waiting for" "$TMP/acc.err")
[ "$n" = 1 ] || fail "accept waits: $n waiting lines, not 1: $(cat "$TMP/acc.err")"

# ---- nobody sees the waiting line: what came before is still written out ----
port=$(free_port)
sed "s/^bind 127.0.0.1 .*/bind 127.0.0.1 $port/" "$TMP/acc.sock" > "$TMP/quiet.sock"
start_script quiet /dev/null
wait_for_text "$TMP/quiet.out" "listen(3, 5) = 0"
wait_sleeping "$pid"
exec 7<>"/dev/tcp/127.0.0.1/$port"
wait_exit "$pid"
expect_status 0 $? "accept waits unseen, then a client comes"
exec 7>&-

# ---- connect on loopback has no waiting line, but may wait too ----
# A listener whose queue is full (backlog 0 holds one connection) lets the
# second client's SYN go unanswered: its connect sleeps, retrying.
port=$(free_port)
cat > "$TMP/full.sock" <<SCRIPT
socket stream
bind 127.0.0.1 $port
listen 0
socket stream
connect 127.0.0.1 $port
socket stream
connect 127.0.0.1 $port
SCRIPT
start_script full
wait_for_text "$TMP/full.out" "socket(AF_INET, SOCK_STREAM, IPPROTO_TCP) = 5"
wait_sleeping "$pid"
expect_no_line "$TMP/full.err" "waiting for" "connect on loopback: a waiting line"
kill -INT "$pid"
wait_exit "$pid"
st=$?
[ "$st" = 124 ] && fail "SIGINT in a connect to a full queue: the shell did not end"
expect_line "$TMP/full.out" "close(5) = 0" "SIGINT in a connect to a full queue: fd5 not closed"

# ---- calls that never wait: no waiting line, whatever the output is ----
lifecycle_script "$(free_port)" > "$TMP/quick.sock"
NO_COLOR=1 "$SOCKSHELL" "$TMP/quick.sock" 2>&1 | cat > "$TMP/quick.out"
expect_line "$TMP/quick.out" 'read(5, "", 4096) = 0' "a lifecycle through a pipe"
expect_no_line "$TMP/quick.out" "waiting for" "a call that never waited has a waiting line"

# ---- the order of a session's lines is the same as at a prompt ----
# The server's output in a file: its accept and its read wait for the
# client, so each waiting line comes before its call's line, and nothing of
# the server's is lost or out of order.
port=$(free_port)
cat > "$TMP/srv.sock" <<SCRIPT
socket stream
bind 127.0.0.1 $port
listen 5
accept
read fd4
expect "hello\n"
close fd4
close fd3
SCRIPT
NO_COLOR=1 "$SOCKSHELL" "$TMP/srv.sock" < /dev/null > "$TMP/srv.out" 2>&1 &
srv=$!
PIDS="$PIDS $srv"
wait_for_text "$TMP/srv.out" "  waiting for a connection on fd3 (Ctrl-C interrupts)"
# The client writes only once the server said it waits for the data.
exec 7<>"/dev/tcp/127.0.0.1/$port"
wait_for_text "$TMP/srv.out" "  waiting for data on fd4 (Ctrl-C interrupts)"
printf 'hello\n' >&7
exec 7>&-
wait_exit "$srv"
expect_status 0 $? "the server's session"
sed -n 's/^\(  waiting for [a-z ]*\) on .*/\1/p; s/^\([a-z]*\)(.*/\1/p' "$TMP/srv.out" > "$TMP/srv.order"
printf '%s\n' socket bind listen "  waiting for a connection" accept \
	"  waiting for data" read close close > "$TMP/srv.want"
diff -u "$TMP/srv.want" "$TMP/srv.order" > "$TMP/srv.diff" ||
	fail "the server's lines out of order: $(cat "$TMP/srv.diff")"

done_testing
