# send, recv, shutdown, getsockname, getpeername and read -x over TCP on
# loopback, both ends in one shell: flags (nosignal, peek, dontwait, waitall),
# the hexdump, EOF after shutdown, the failures of an unconnected socket, and
# bad input refused before any call.
. "$top_srcdir/tests/scripts/lib.sh"

port=$(free_port)
[ -n "$port" ] || { fail "no free port"; done_testing; }

# plain FILE: the run's stdout with the client's ephemeral port and the buffer
# addresses (which differ each run) replaced by words.
plain() {
	local cport
	cport=$(sed -n 's/^accept(3, {sa_family=AF_INET, sin_port=htons(\([0-9]*\)).*/\1/p' "$1")
	sed -e "s/htons($cport)/htons(CPORT)/g" -e 's/0x[0-9a-f]\{6,\}/PTR/g' "$1"
}

cat > "$TMP/tcp.sock" <<SCRIPT
socket stream
bind 127.0.0.1 $port
listen 5
socket stream
connect 127.0.0.1 $port
accept fd3
expect = 5
send fd4 "hello\n\0\1" nosignal
expect = 8
recv fd5 4 peek
expect "hell"
recv -x fd5 100
expect "hello\n\0\1"
recv fd5 dontwait
expect EAGAIN
send fd5 "0123456789" dontwait|nosignal
recv fd4 10 waitall
expect "0123456789"
# TEXT then FLAGS: a last word that is not all flag names is text
send fd5 say peek|nothing
expect = 16
read -x fd4 3
expect "say"
recv fd4 MSG_DONTWAIT
expect " peek|nothing"
set strsize 4
send fd5 "\x1b]0;owned\x07"
recv -x fd4
expect "\x1b]0;owned\x07"
set strsize 32
getsockname fd4
getpeername fd4
getpeername fd5
shutdown fd4 wr
expect ok
recv fd5
expect = 0
# the other direction still works after shutdown wr
send fd5 "still here"
recv fd4
expect "still here"
socket stream
getpeername
expect ENOTCONN
recv
expect ENOTCONN
send "x"
expect EPIPE
shutdown rdwr
expect ENOTCONN
SCRIPT

sockshell_t "$TMP/tcp.sock" > "$TMP/tcp.out" 2> "$TMP/tcp.err"
expect_status 0 $? "the TCP script"
plain "$TMP/tcp.out" > "$TMP/tcp.plain"
expect_calls "$TMP/tcp.plain" <<EOF
socket(AF_INET, SOCK_STREAM, IPPROTO_TCP) = 3
bind(3, {sa_family=AF_INET, sin_port=htons($port), sin_addr=inet_addr("127.0.0.1")}, 16) = 0
listen(3, 5) = 0
socket(AF_INET, SOCK_STREAM, IPPROTO_TCP) = 4
connect(4, {sa_family=AF_INET, sin_port=htons($port), sin_addr=inet_addr("127.0.0.1")}, 16) = 0
accept(3, {sa_family=AF_INET, sin_port=htons(CPORT), sin_addr=inet_addr("127.0.0.1")}, [128 => 16]) = 5
sendto(4, "hello\n\0\1", 8, MSG_NOSIGNAL, NULL, 0) = 8
recvfrom(5, "hell", 4, MSG_PEEK, NULL, NULL) = 4
recvfrom(5, "hello\n\0\1", 100, 0, NULL, NULL) = 8
recvfrom(5, PTR, 4096, MSG_DONTWAIT, NULL, NULL) = -1 EAGAIN (Resource temporarily unavailable)
sendto(5, "0123456789", 10, MSG_DONTWAIT|MSG_NOSIGNAL, NULL, 0) = 10
recvfrom(4, "0123456789", 10, MSG_WAITALL, NULL, NULL) = 10
sendto(5, "say peek|nothing", 16, 0, NULL, 0) = 16
read(4, "say", 3) = 3
recvfrom(4, " peek|nothing", 4096, MSG_DONTWAIT, NULL, NULL) = 13
sendto(5, "\33]0;"..., 10, 0, NULL, 0) = 10
recvfrom(4, "\33]0;"..., 4096, 0, NULL, NULL) = 10
getsockname(4, {sa_family=AF_INET, sin_port=htons(CPORT), sin_addr=inet_addr("127.0.0.1")}, [128 => 16]) = 0
getpeername(4, {sa_family=AF_INET, sin_port=htons($port), sin_addr=inet_addr("127.0.0.1")}, [128 => 16]) = 0
getpeername(5, {sa_family=AF_INET, sin_port=htons(CPORT), sin_addr=inet_addr("127.0.0.1")}, [128 => 16]) = 0
shutdown(4, SHUT_WR) = 0
recvfrom(5, "", 4096, 0, NULL, NULL) = 0
sendto(5, "still here", 10, 0, NULL, 0) = 10
recvfrom(4, "still here", 4096, 0, NULL, NULL) = 10
socket(AF_INET, SOCK_STREAM, IPPROTO_TCP) = 6
getpeername(6, PTR, [128]) = -1 ENOTCONN (Transport endpoint is not connected)
recvfrom(6, PTR, 4096, 0, NULL, NULL) = -1 ENOTCONN (Transport endpoint is not connected)
sendto(6, "x", 1, 0, NULL, 0) = -1 EPIPE (Broken pipe)
shutdown(6, SHUT_RDWR) = -1 ENOTCONN (Transport endpoint is not connected)
close(3) = 0
close(4) = 0
close(5) = 0
close(6) = 0
EOF

# The dumps: under their call, every byte, no raw control byte.
expect_line "$TMP/tcp.out" ' | 00000  68 65 6c 6c 6f 0a 00 01                           hello...         |'
expect_line "$TMP/tcp.out" ' | 00000  73 61 79                                          say              |'
expect_line "$TMP/tcp.out" ' | 00000  1b 5d 30 3b 6f 77 6e 65  64 07                    .]0;owned.       |'
[ "$(grep -c '^ | ' "$TMP/tcp.out")" -eq 3 ] ||
	fail "three dumps wanted: $(grep '^ | ' "$TMP/tcp.out")"
grep -A1 '^recvfrom(5, "hello' "$TMP/tcp.out" | tail -n 1 | grep -q '^ | 00000' ||
	fail "the dump is not right under its call"
if LC_ALL=C grep -q "$(printf '\033')" "$TMP/tcp.out"; then
	fail "a raw ESC reached the output"
fi
expect_line "$TMP/tcp.out" "  end of file: the peer closed its side (or shut down writing); close fd5 too"

# Bad input: one line each on stderr, no call, and the shell goes on.
cat > "$TMP/bad.sock" <<SCRIPT
socket stream
shutdown sideways
recv 10 bogus
recv peek|what
recv lots
recv 99999999
send
getsockname 3
unlink
resolve
socket stream
expect = 4
SCRIPT
sockshell_t -k "$TMP/bad.sock" > "$TMP/bad.out" 2> "$TMP/bad.err"
expect_status 1 $? "bad input exits 1 at the end"
expect_calls "$TMP/bad.out" <<EOF
socket(AF_INET, SOCK_STREAM, IPPROTO_TCP) = 3
socket(AF_INET, SOCK_STREAM, IPPROTO_TCP) = 4
close(3) = 0
close(4) = 0
EOF
expect_lines_n "$TMP/bad.err" 9 "one stderr line per bad command"
expect_line "$TMP/bad.err" "bad.sock:2: shutdown: unknown mode: sideways (rd, wr or rdwr) (usage: shutdown [fdN] rd|wr|rdwr)"
expect_line "$TMP/bad.err" "bad.sock:3: recv: unknown flag: bogus (flags are oob, peek,"
expect_line "$TMP/bad.err" "bad.sock:4: recv: unknown flag: what (flags are"
expect_line "$TMP/bad.err" "bad.sock:5: recv: unknown flag: lots (flags are"
expect_line "$TMP/bad.err" "bad.sock:6: recv: count out of range: 99999999"
expect_line "$TMP/bad.err" "bad.sock:7: send: missing argument (usage: send [fdN] TEXT [FLAGS] | [fdN] @FILE)"
expect_line "$TMP/bad.err" "bad.sock:8: getsockname: too many arguments (a descriptor is written fd3) (usage: getsockname [fdN])"
expect_line "$TMP/bad.err" "bad.sock:9: unlink: missing argument (usage: unlink PATH)"
expect_line "$TMP/bad.err" "bad.sock:10: resolve: missing argument (usage: resolve HOST [PORT])"
# A read of 0 bytes returns 0, and a note says it is no end of file.
sockshell_t -c 'socketpair stream; read fd4 0' > "$TMP/zero.out" 2>&1
expect_line "$TMP/zero.out" 'read(4, "", 0) = 0'
expect_line "$TMP/zero.out" "  a read of 0 bytes returns 0: that is not the end of file"
expect_no_line "$TMP/zero.out" "end of file: the peer closed" "a read of 0 bytes was taken for the end of file"
# Quotes that are not the shell's are sent as bytes, and a note says so.
sockshell_t -c "socketpair stream; write fd3 'hi there'; write fd3 \"fine\"" > "$TMP/quotes.out" 2>&1
expect_line "$TMP/quotes.out" "write(3, \"'hi there'\", 10) = 10"
expect_line "$TMP/quotes.out" "  ' is not a quote here: it was sent as bytes"
[ "$(grep -c 'is not a quote here' "$TMP/quotes.out")" = 1 ] ||
	fail "a note on quotes where there were none: $(cat "$TMP/quotes.out")"
# A last word that is no flag goes as data; one a typo away from a flag,
# or with flags' '|', gets a note (the data is what the kernel got).
sockshell_t -c 'socketpair stream; send fd3 "hi" nosginal; send fd3 "x" dontwait|bogus; send fd3 hello world' \
	> "$TMP/flagtypo.out" 2>&1
expect_line "$TMP/flagtypo.out" 'sendto(3, "hi nosginal", 11, 0, NULL, 0) = 11'
expect_line "$TMP/flagtypo.out" "  nosginal went as data, with the text: it is no flag (did you mean nosignal?)"
expect_line "$TMP/flagtypo.out" "  dontwait|bogus went as data, with the text: bogus is no flag"
[ "$(grep -c 'went as data' "$TMP/flagtypo.out")" = 2 ] ||
	fail "a note on plain words: $(cat "$TMP/flagtypo.out")"
done_testing
