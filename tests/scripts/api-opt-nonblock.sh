# nonblock on loopback: the fcntl pair strace shows, then the calls that would
# wait fail at once with EAGAIN and a hint on blocking and poll; nonblock off
# makes them wait again; fds shows the flag; bad input is one line.
. "$top_srcdir/tests/scripts/lib.sh"
need timeout

port=$(free_port)
[ -n "$port" ] || { fail "no free port"; done_testing; }

cat > "$TMP/nb.sock" <<SCRIPT
socket stream
bind 127.0.0.1 $port
listen 5
nonblock on
expect ok
# nothing is waiting to be accepted
accept
expect EAGAIN
fds
socket dgram
bind 127.0.0.1 0
nonblock fd4 on
read fd4
expect EAGAIN
nonblock fd3 off
expect ok
# a client comes: accept waits no more
socket stream
connect 127.0.0.1 $port
accept fd3
expect = 6
nonblock fd6 on
read fd6
expect EAGAIN
write fd5 "hi"
# poll says when the bytes are there (at once, on loopback)
poll fd6 $WAIT_MS
expect = 1
read fd6
expect "hi"
SCRIPT
sockshell_t "$TMP/nb.sock" > "$TMP/nb.out" 2> "$TMP/nb.err"
expect_status 0 $? "nonblock script"
sed -E -e 's/, 0x[0-9a-f]+, /, 0xADDR, /' -e 's/htons\([0-9]+\)/htons(P)/g' \
	-e "s/\\], 1, $WAIT_MS\\) = /], 1, WAIT_MS) = /" "$TMP/nb.out" > "$TMP/nb.norm"
expect_calls "$TMP/nb.norm" "nonblock lines" <<'LINES'
socket(AF_INET, SOCK_STREAM, IPPROTO_TCP) = 3
bind(3, {sa_family=AF_INET, sin_port=htons(P), sin_addr=inet_addr("127.0.0.1")}, 16) = 0
listen(3, 5) = 0
fcntl(3, F_GETFL) = 0x2 (flags O_RDWR)
fcntl(3, F_SETFL, O_RDWR|O_NONBLOCK) = 0
accept(3, 0xADDR, [128]) = -1 EAGAIN (Resource temporarily unavailable)
socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP) = 4
bind(4, {sa_family=AF_INET, sin_port=htons(P), sin_addr=inet_addr("127.0.0.1")}, 16) = 0
fcntl(4, F_GETFL) = 0x2 (flags O_RDWR)
fcntl(4, F_SETFL, O_RDWR|O_NONBLOCK) = 0
read(4, 0xADDR, 4096) = -1 EAGAIN (Resource temporarily unavailable)
fcntl(3, F_GETFL) = 0x802 (flags O_RDWR|O_NONBLOCK)
fcntl(3, F_SETFL, O_RDWR) = 0
socket(AF_INET, SOCK_STREAM, IPPROTO_TCP) = 5
connect(5, {sa_family=AF_INET, sin_port=htons(P), sin_addr=inet_addr("127.0.0.1")}, 16) = 0
accept(3, {sa_family=AF_INET, sin_port=htons(P), sin_addr=inet_addr("127.0.0.1")}, [128 => 16]) = 6
fcntl(6, F_GETFL) = 0x2 (flags O_RDWR)
fcntl(6, F_SETFL, O_RDWR|O_NONBLOCK) = 0
read(6, 0xADDR, 4096) = -1 EAGAIN (Resource temporarily unavailable)
write(5, "hi", 2) = 2
poll([{fd=6, events=POLLIN}], 1, WAIT_MS) = 1 ([{fd=6, revents=POLLIN}])
read(6, "hi", 4096) = 2
close(3) = 0
close(4) = 0
close(5) = 0
close(6) = 0
LINES
# Each EAGAIN is explained: what non-blocking means and what to do instead.
[ "$(grep -c '^  hint: ' "$TMP/nb.out")" = 3 ] || fail "not one hint per EAGAIN: $(cat "$TMP/nb.out")"
grep -A1 '^accept(3, 0x' "$TMP/nb.out" | grep -q '^  hint: non-blocking and no connection is waiting yet: poll for POLLIN' ||
	fail "accept EAGAIN hint"
grep -A1 '^read(4, 0x' "$TMP/nb.out" | grep -q '^  hint: non-blocking .*poll for POLLIN.*nonblock off' ||
	fail "read EAGAIN hint"
expect_line "$TMP/nb.out" "  fd3 is non-blocking: a call that would wait fails with EAGAIN (connect: EINPROGRESS) instead; poll tells when"
expect_line "$TMP/nb.out" "  fd3 blocks again: accept, connect, read and write wait until they can finish"
grep -E '^  \* 3 +inet stream +LISTEN .* nonblock$' "$TMP/nb.out" >/dev/null || fail "fds does not show fd3 nonblock"
# Nothing waited: no waiting note, nothing else on stderr.
[ -s "$TMP/nb.err" ] && fail "stderr: $(cat "$TMP/nb.err")"

# ---- bad input ----
sockshell_t -c 'socket stream; nonblock maybe; nonblock; nonblock on off; nonblock fd7 on' > "$TMP/bad.out" 2> "$TMP/bad.err"
expect_status 1 $? "bad nonblock input"
expect_lines_n "$TMP/bad.err" 4 "one line per bad command"
expect_line "$TMP/bad.err" "sockshell: nonblock: on or off, not maybe (usage: nonblock [fdN] on|off)"
expect_line "$TMP/bad.err" "sockshell: nonblock: missing argument (usage: nonblock [fdN] on|off)"
expect_line "$TMP/bad.err" "sockshell: nonblock: too many arguments"
expect_line "$TMP/bad.err" "sockshell: nonblock: fd7 is not open in this shell"
expect_no_line "$TMP/bad.out" "fcntl(" "a refused nonblock made a call"
done_testing
