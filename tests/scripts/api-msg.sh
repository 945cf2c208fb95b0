# sendmsg and recvmsg. A descriptor passed over a unix stream socket
# (SCM_RIGHTS) enters the table as the same open socket as the one sent, and
# works: data written on the received number is read at the other end of its
# pair, and a listening socket passed is accepted on by its new number, after
# the sender closed its own. Pieces both ways (scatter/gather: 3 pieces sent,
# 3 sizes received), MSG_CTRUNC with little or no room for descriptors, a
# datagram with `to PATH` and `to HOST PORT`, MSG_TRUNC, and the failures a
# learner meets (ENOTCONN, EINVAL, EBADF, EAGAIN, ENOENT, SCM_RIGHTS dropped
# by TCP), Ctrl-C in a blocking recvmsg, bad input refused before any call.
# Then the same script under strace: every call line is strace's own.
. "$top_srcdir/tests/scripts/lib.sh"
need timeout

port=$(free_port)
uport=$(free_port)
cat > "$TMP/msg.sock" <<SCRIPT
socketpair stream
socketpair stream
sendmsg fd3 "ab" "cd" rights fd5
expect = 4
recvmsg fd4
expect "abcd"
fds
write fd7 "via seven"
read fd6
expect "via seven"
write fd6 "back"
read fd7
expect "back"
close fd5
write fd6 "still there"
read fd7
expect "still there"
sendmsg fd3 "hello " "world, this is a long piece of text" "and the third piece is here too"
expect = 72
recvmsg fd4 3 5 4096
expect "hello world, this is a long piece of textand the third piece is here too"
sendmsg fd3 one two
recvmsg fd4 1 2
expect "one"
recvmsg fd4
expect "two"
socket inet stream
bind 127.0.0.1 $port
listen 5
sendmsg fd3 "listener" rights fd5
recvmsg fd4
expect "listener"
close fd5
socket inet stream
connect fd5 127.0.0.1 $port
accept fd8
write fd5 "through the passed listener"
read fd9
expect "through the passed listener"
sendmsg fd5 "tcp" rights fd3
expect = 3
read fd9
expect "tcp"
sendmsg fd3 "x" rights fd6 fd7 fd8
recvmsg fd4 rights 1
expect = 1
sendmsg fd3 "y" rights fd6
recvmsg fd4 rights 0
expect = 1
recvmsg fd4 dontwait
expect EAGAIN
sendmsg fd3 "z" rights fd40
expect EBADF
socket unix dgram
bind fd12 $TMP/r.sock
socket unix dgram
sendmsg fd13 "one" "two"
expect ENOTCONN
sendmsg fd13 "one" "two" rights fd3 to $TMP/r.sock
expect = 6
recvmsg fd12 2 2
expect "onet"
sendmsg fd13 "x" to $TMP/nothing-here.sock
expect ENOENT
socket unix stream
sendmsg fd15 "x"
expect ENOTCONN
sendmsg fd15 "x" to $TMP/r.sock
expect EOPNOTSUPP
recvmsg fd15
expect EINVAL
socket inet dgram
bind fd16 127.0.0.1 $uport
socket inet dgram
sendmsg fd17 "ud" "p!" to 127.0.0.1 $uport
expect = 4
recvmsg fd16 2 8
expect "udp!"
fds
SCRIPT

sockshell_t "$TMP/msg.sock" > "$TMP/msg.out" 2> "$TMP/msg.err"
expect_status 0 $? "the msg script"
[ -s "$TMP/msg.err" ] && fail "stderr: $(cat "$TMP/msg.err")"
# The sender's address on an unnamed unix socket is a pointer: the same each
# time only under strace, so it is left out here.
calls_of "$TMP/msg.out" | sed 's/msg_name=0x[0-9a-f]*/msg_name=ADDR/' > "$TMP/msg.calls"
cat > "$TMP/msg.want" <<EOF
socketpair(AF_UNIX, SOCK_STREAM, 0, [3, 4]) = 0
socketpair(AF_UNIX, SOCK_STREAM, 0, [5, 6]) = 0
sendmsg(3, {msg_name=NULL, msg_namelen=0, msg_iov=[{iov_base="ab", iov_len=2}, {iov_base="cd", iov_len=2}], msg_iovlen=2, msg_control=[{cmsg_len=20, cmsg_level=SOL_SOCKET, cmsg_type=SCM_RIGHTS, cmsg_data=[5]}], msg_controllen=24, msg_flags=0}, 0) = 4
recvmsg(4, {msg_name=NULL, msg_namelen=0, msg_iov=[{iov_base="abcd", iov_len=4096}], msg_iovlen=1, msg_control=[{cmsg_len=20, cmsg_level=SOL_SOCKET, cmsg_type=SCM_RIGHTS, cmsg_data=[7]}], msg_controllen=24, msg_flags=0}, 0) = 4
write(7, "via seven", 9) = 9
read(6, "via seven", 4096) = 9
write(6, "back", 4) = 4
read(7, "back", 4096) = 4
close(5) = 0
write(6, "still there", 11) = 11
read(7, "still there", 4096) = 11
sendmsg(3, {msg_name=NULL, msg_namelen=0, msg_iov=[{iov_base="hello ", iov_len=6}, {iov_base="world, this is a long piece of t"..., iov_len=35}, {iov_base="and the third piece is here too", iov_len=31}], msg_iovlen=3, msg_controllen=0, msg_flags=0}, 0) = 72
recvmsg(4, {msg_name=NULL, msg_namelen=0, msg_iov=[{iov_base="hel", iov_len=3}, {iov_base="lo wo", iov_len=5}, {iov_base="rld, this is a long piece of tex"..., iov_len=4096}], msg_iovlen=3, msg_controllen=0, msg_flags=0}, 0) = 72
sendmsg(3, {msg_name=NULL, msg_namelen=0, msg_iov=[{iov_base="one", iov_len=3}, {iov_base="two", iov_len=3}], msg_iovlen=2, msg_controllen=0, msg_flags=0}, 0) = 6
recvmsg(4, {msg_name=NULL, msg_namelen=0, msg_iov=[{iov_base="o", iov_len=1}, {iov_base="ne", iov_len=2}], msg_iovlen=2, msg_controllen=0, msg_flags=0}, 0) = 3
recvmsg(4, {msg_name=NULL, msg_namelen=0, msg_iov=[{iov_base="two", iov_len=4096}], msg_iovlen=1, msg_controllen=0, msg_flags=0}, 0) = 3
socket(AF_INET, SOCK_STREAM, IPPROTO_TCP) = 5
bind(5, {sa_family=AF_INET, sin_port=htons($port), sin_addr=inet_addr("127.0.0.1")}, 16) = 0
listen(5, 5) = 0
sendmsg(3, {msg_name=NULL, msg_namelen=0, msg_iov=[{iov_base="listener", iov_len=8}], msg_iovlen=1, msg_control=[{cmsg_len=20, cmsg_level=SOL_SOCKET, cmsg_type=SCM_RIGHTS, cmsg_data=[5]}], msg_controllen=24, msg_flags=0}, 0) = 8
recvmsg(4, {msg_name=NULL, msg_namelen=0, msg_iov=[{iov_base="listener", iov_len=4096}], msg_iovlen=1, msg_control=[{cmsg_len=20, cmsg_level=SOL_SOCKET, cmsg_type=SCM_RIGHTS, cmsg_data=[8]}], msg_controllen=24, msg_flags=0}, 0) = 8
close(5) = 0
socket(AF_INET, SOCK_STREAM, IPPROTO_TCP) = 5
connect(5, {sa_family=AF_INET, sin_port=htons($port), sin_addr=inet_addr("127.0.0.1")}, 16) = 0
accept(8, {sa_family=AF_INET, sin_port=htons(PEERPORT), sin_addr=inet_addr("127.0.0.1")}, [128 => 16]) = 9
write(5, "through the passed listener", 27) = 27
read(9, "through the passed listener", 4096) = 27
sendmsg(5, {msg_name=NULL, msg_namelen=0, msg_iov=[{iov_base="tcp", iov_len=3}], msg_iovlen=1, msg_control=[{cmsg_len=20, cmsg_level=SOL_SOCKET, cmsg_type=SCM_RIGHTS, cmsg_data=[3]}], msg_controllen=24, msg_flags=0}, 0) = 3
read(9, "tcp", 4096) = 3
sendmsg(3, {msg_name=NULL, msg_namelen=0, msg_iov=[{iov_base="x", iov_len=1}], msg_iovlen=1, msg_control=[{cmsg_len=28, cmsg_level=SOL_SOCKET, cmsg_type=SCM_RIGHTS, cmsg_data=[6, 7, 8]}], msg_controllen=32, msg_flags=0}, 0) = 1
recvmsg(4, {msg_name=NULL, msg_namelen=0, msg_iov=[{iov_base="x", iov_len=4096}], msg_iovlen=1, msg_control=[{cmsg_len=24, cmsg_level=SOL_SOCKET, cmsg_type=SCM_RIGHTS, cmsg_data=[10, 11]}], msg_controllen=24, msg_flags=MSG_CTRUNC}, 0) = 1
sendmsg(3, {msg_name=NULL, msg_namelen=0, msg_iov=[{iov_base="y", iov_len=1}], msg_iovlen=1, msg_control=[{cmsg_len=20, cmsg_level=SOL_SOCKET, cmsg_type=SCM_RIGHTS, cmsg_data=[6]}], msg_controllen=24, msg_flags=0}, 0) = 1
recvmsg(4, {msg_name=NULL, msg_namelen=0, msg_iov=[{iov_base="y", iov_len=4096}], msg_iovlen=1, msg_controllen=0, msg_flags=MSG_CTRUNC}, 0) = 1
recvmsg(4, {msg_namelen=0}, MSG_DONTWAIT) = -1 EAGAIN (Resource temporarily unavailable)
sendmsg(3, {msg_name=NULL, msg_namelen=0, msg_iov=[{iov_base="z", iov_len=1}], msg_iovlen=1, msg_control=[{cmsg_len=20, cmsg_level=SOL_SOCKET, cmsg_type=SCM_RIGHTS, cmsg_data=[40]}], msg_controllen=24, msg_flags=0}, 0) = -1 EBADF (Bad file descriptor)
socket(AF_UNIX, SOCK_DGRAM, 0) = 12
bind(12, {sa_family=AF_UNIX, sun_path="$TMP/r.sock"}, RLEN) = 0
socket(AF_UNIX, SOCK_DGRAM, 0) = 13
sendmsg(13, {msg_name=NULL, msg_namelen=0, msg_iov=[{iov_base="one", iov_len=3}, {iov_base="two", iov_len=3}], msg_iovlen=2, msg_controllen=0, msg_flags=0}, 0) = -1 ENOTCONN (Transport endpoint is not connected)
sendmsg(13, {msg_name={sa_family=AF_UNIX, sun_path="$TMP/r.sock"}, msg_namelen=RLEN, msg_iov=[{iov_base="one", iov_len=3}, {iov_base="two", iov_len=3}], msg_iovlen=2, msg_control=[{cmsg_len=20, cmsg_level=SOL_SOCKET, cmsg_type=SCM_RIGHTS, cmsg_data=[3]}], msg_controllen=24, msg_flags=0}, 0) = 6
recvmsg(12, {msg_name=ADDR, msg_namelen=128 => 0, msg_iov=[{iov_base="on", iov_len=2}, {iov_base="et", iov_len=2}], msg_iovlen=2, msg_control=[{cmsg_len=20, cmsg_level=SOL_SOCKET, cmsg_type=SCM_RIGHTS, cmsg_data=[14]}], msg_controllen=24, msg_flags=MSG_TRUNC}, 0) = 4
sendmsg(13, {msg_name={sa_family=AF_UNIX, sun_path="$TMP/nothing-here.sock"}, msg_namelen=NLEN, msg_iov=[{iov_base="x", iov_len=1}], msg_iovlen=1, msg_controllen=0, msg_flags=0}, 0) = -1 ENOENT (No such file or directory)
socket(AF_UNIX, SOCK_STREAM, 0) = 15
sendmsg(15, {msg_name=NULL, msg_namelen=0, msg_iov=[{iov_base="x", iov_len=1}], msg_iovlen=1, msg_controllen=0, msg_flags=0}, 0) = -1 ENOTCONN (Transport endpoint is not connected)
sendmsg(15, {msg_name={sa_family=AF_UNIX, sun_path="$TMP/r.sock"}, msg_namelen=RLEN, msg_iov=[{iov_base="x", iov_len=1}], msg_iovlen=1, msg_controllen=0, msg_flags=0}, 0) = -1 EOPNOTSUPP (Operation not supported)
recvmsg(15, {msg_namelen=0}, 0) = -1 EINVAL (Invalid argument)
socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP) = 16
bind(16, {sa_family=AF_INET, sin_port=htons($uport), sin_addr=inet_addr("127.0.0.1")}, 16) = 0
socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP) = 17
sendmsg(17, {msg_name={sa_family=AF_INET, sin_port=htons($uport), sin_addr=inet_addr("127.0.0.1")}, msg_namelen=16, msg_iov=[{iov_base="ud", iov_len=2}, {iov_base="p!", iov_len=2}], msg_iovlen=2, msg_controllen=0, msg_flags=0}, 0) = 4
recvmsg(16, {msg_name={sa_family=AF_INET, sin_port=htons(UPEER), sin_addr=inet_addr("127.0.0.1")}, msg_namelen=128 => 16, msg_iov=[{iov_base="ud", iov_len=2}, {iov_base="p!", iov_len=8}], msg_iovlen=2, msg_controllen=0, msg_flags=0}, 0) = 4
close(3) = 0
close(4) = 0
close(5) = 0
close(6) = 0
close(7) = 0
close(8) = 0
close(9) = 0
close(10) = 0
close(11) = 0
close(12) = 0
close(13) = 0
close(14) = 0
close(15) = 0
close(16) = 0
close(17) = 0
EOF
# What depends on the run: the client's ports, and the length of \$TMP's paths.
rlen=$(( 2 + ${#TMP} + 7 + 1 ))
nlen=$(( 2 + ${#TMP} + 18 + 1 ))
sed -i -E -e 's/accept\(8, \{sa_family=AF_INET, sin_port=htons\([0-9]+\)/accept(8, {sa_family=AF_INET, sin_port=htons(PEERPORT)/' \
	-e 's/(recvmsg\(16, \{msg_name=\{sa_family=AF_INET, sin_port=htons\()[0-9]+/\1UPEER/' "$TMP/msg.calls"
sed -i -e "s/RLEN/$rlen/g" -e "s/NLEN/$nlen/g" "$TMP/msg.want"
diff -u "$TMP/msg.want" "$TMP/msg.calls" > "$TMP/msg.diff" ||
	fail "the msg script's calls (- wanted, + printed):
$(cat "$TMP/msg.diff")"

out="$TMP/msg.out"
expect_line "$out" "  the descriptor travels in the message: recvmsg at the other end gets a number of its own for each; here it stays open"
expect_line "$out" "  received fd7: a unix stream socket, the same open socket as fd5 (two numbers now, as after dup)"
expect_line "$out" "  fd7 is the current descriptor"
expect_line "$out" "  * 7    unix stream  connected" "fds lists the received descriptor"
expect_line "$out" "  fd7 = fd5: one socket, two numbers" "fds knows it is fd5's socket"
expect_line "$out" "  fd5 closed; fd7 still holds the socket: no FIN is sent"
expect_line "$out" " | hello world, this is a long piece of textand the third piece is here too"
expect_line "$out" "  received fd8: an inet stream socket (listening), the same open socket as fd5 (two numbers now, as after dup)"
expect_line "$out" "  only unix sockets pass descriptors: this socket sent the bytes and dropped SCM_RIGHTS"
expect_line "$out" "  MSG_CTRUNC: more descriptors came than msg_control (24 bytes) held: the kernel closed the rest, lost; give more room (rights N)"
expect_line "$out" "  received fd10: a unix stream socket, the same open socket as fd6"
expect_line "$out" "  received fd11: a unix stream socket, the same open socket as fd7"
expect_line "$out" "  MSG_CTRUNC: descriptors came and there was no msg_control (rights 0): the kernel closed them, they are lost"
expect_line "$out" "  hint: non-blocking (or dontwait, or rcvtimeo ran out) and nothing has arrived: poll for POLLIN first"
expect_line "$out" "  hint: a descriptor named after rights is not open (closed since?): pass one \`fds\` lists"
expect_line "$out" "  hint: this socket has no peer: connect it first (a datagram socket may name one: \`to PATH\`, \`to HOST PORT\`)"
expect_line "$out" "  MSG_TRUNC: the datagram was longer than the pieces (4 bytes in all): the rest of it is lost"
expect_line "$out" "  received fd14: a unix stream socket, the same open socket as fd3"
expect_line "$out" "  hint: no unix socket at that path: bind a receiver there first"
expect_line "$out" "  hint: a stream socket takes no \`to\` (connect it instead), or a flag given does not suit this socket: drop it"
expect_line "$out" "  hint: no peer yet (a unix stream socket says EINVAL where TCP says ENOTCONN), or a flag it does not take: connect first"
# The passed listener is still listed after the sender's number closed.
expect_line "$out" "    8    inet stream  LISTEN       127.0.0.1:$port"
# Only what the kernel gave: fd8 of the three sent is not received again.
expect_no_line "$out" "received fd12" "a descriptor past the control buffer was received"

# set strsize cuts each piece; -x adds a hexdump of what came.
sockshell_t -c 'socketpair stream; set strsize 4; sendmsg fd3 "abcdef" "gh"; recvmsg -x fd4 2 8' > "$TMP/size.out" 2> "$TMP/size.err"
expect_status 0 $? "strsize and -x"
expect_line "$TMP/size.out" 'sendmsg(3, {msg_name=NULL, msg_namelen=0, msg_iov=[{iov_base="abcd"..., iov_len=6}, {iov_base="gh", iov_len=2}], msg_iovlen=2, msg_controllen=0, msg_flags=0}, 0) = 8'
expect_line "$TMP/size.out" 'recvmsg(4, {msg_name=NULL, msg_namelen=0, msg_iov=[{iov_base="ab", iov_len=2}, {iov_base="cdef"..., iov_len=8}], msg_iovlen=2, msg_controllen=0, msg_flags=0}, 0) = 8'
expect_line "$TMP/size.out" "61 62 63 64 65 66 67 68"

# A socketpair's survivor, its peer closed: fds says so (a unix stream keeps
# its peer's name, so only the kernel's hang-up tells); a datagram pair stays
# "connected", as it has no hang-up to tell.
sockshell_t -c 'socketpair stream; socketpair dgram; close fd3; fds' > "$TMP/peer.out" 2> "$TMP/peer.err"
expect_status 0 $? "fds after a pair's close"
grep -qE '^    4    unix stream  peer closed +\(unnamed\) +\(unnamed\)' "$TMP/peer.out" ||
	fail "fds does not say fd4's peer closed: $(cat "$TMP/peer.out")"
grep -qE '^    5    unix dgram   connected ' "$TMP/peer.out" ||
	fail "fds: the datagram pair is not connected: $(cat "$TMP/peer.out")"

# From another process: a socket no number here holds enters the table as
# what getsockopt says it is; a pipe is no socket, and the shell closes it
# (its close line printed), so nothing received is left open unseen.
if command -v python3 > /dev/null 2>&1 &&
	python3 -c 'import socket; socket.send_fds' 2> /dev/null; then
	cat > "$TMP/passer.py" <<'PY'
import os, socket, sys
srv = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
srv.bind(sys.argv[1])
srv.listen(1)
c, _ = srv.accept()
r, w = os.pipe()
a, b = socket.socketpair(socket.AF_UNIX, socket.SOCK_DGRAM)
socket.send_fds(c, [b"two"], [r, a.fileno()])
b.send(b"to the passed end")
c.recv(1)
PY
	timeout "$HANG_LIMIT" python3 "$TMP/passer.py" "$TMP/py.sock" &
	PIDS="$PIDS $!"
	if wait_for_socket "$TMP/py.sock"; then
		sockshell_t -c "socket unix stream; connect $TMP/py.sock; recvmsg fd3; expect \"two\"; read fd5; write fd3 x; fds" \
			> "$TMP/py.out" 2> "$TMP/py.err"
		expect_status 0 $? "descriptors from another process"
		# The peer sends when it likes: waiting for it is no fault.
		grep -v '^  waiting for data on fd[35] ' "$TMP/py.err" | grep -q . &&
			fail "stderr: $(cat "$TMP/py.err")"
		expect_calls "$TMP/py.out" <<EOF
socket(AF_UNIX, SOCK_STREAM, 0) = 3
connect(3, {sa_family=AF_UNIX, sun_path="$TMP/py.sock"}, $(( 2 + ${#TMP} + 8 + 1 ))) = 0
recvmsg(3, {msg_name=NULL, msg_namelen=0, msg_iov=[{iov_base="two", iov_len=4096}], msg_iovlen=1, msg_control=[{cmsg_len=24, cmsg_level=SOL_SOCKET, cmsg_type=SCM_RIGHTS, cmsg_data=[4, 5]}], msg_controllen=24, msg_flags=0}, 0) = 3
close(4) = 0
read(5, "to the passed end", 4096) = 17
write(3, "x", 1) = 1
close(3) = 0
close(5) = 0
EOF
		expect_line "$TMP/py.out" "  received fd4: not a socket; the shell closes it"
		expect_line "$TMP/py.out" "  received fd5: a unix dgram socket, from the sender (a new number here for a socket it has open)"
		expect_line "$TMP/py.out" "  fd5 is the current descriptor"
		expect_line "$TMP/py.out" "  * 5    unix dgram"
	fi
fi

# Ctrl-C in a recvmsg with nothing to receive: the waiting line, then EINTR.
cat > "$TMP/int.sock" <<'SCRIPT'
socketpair stream
recvmsg fd3 3 3
echo never here
SCRIPT
if ctrl_c int; then
	expect_line "$TMP/int.err" "  waiting for data on fd3 (Ctrl-C interrupts)"
	expect_line "$TMP/int.out" "recvmsg(3, {msg_namelen=0}, 0) = -1 EINTR (Interrupted system call)"
	expect_line "$TMP/int.out" "  hint: Ctrl-C came before anything arrived: nothing is lost, receive again"
	expect_no_line "$TMP/int.out" "never here" "the script went on after Ctrl-C"
fi

# A receive of 0 bytes waits on a unix socket (only TCP's returns at once):
# it gets its waiting line, and Ctrl-C ends it.
cat > "$TMP/zero.sock" <<'SCRIPT'
socketpair stream
recv fd3 0
SCRIPT
if ctrl_c zero; then
	expect_line "$TMP/zero.err" "  waiting for data on fd3 (Ctrl-C interrupts)"
	grep -q '^recvfrom(3, 0x[0-9a-f]*, 0, 0, NULL, NULL) = -1 EINTR (Interrupted system call)$' "$TMP/zero.out" ||
		fail "recv of 0 bytes not cut short: $(cat "$TMP/zero.out")"
fi

# Refusals: one line each, before any call; the script goes on with -k.
cat > "$TMP/bad.sock" <<'SCRIPT'
sendmsg "x"
recvmsg
socketpair stream
sendmsg fd3
sendmsg fd3 "x" rights
sendmsg fd3 "x" rights fd1
sendmsg fd3 "x" rights hello
sendmsg fd3 rights fd4
sendmsg fd3 "x" to
sendmsg fd3 "x" rights fd4 rights fd4
sendmsg fd3 a b c d e f g h i j k l m n o p q
recvmsg fd3 big
recvmsg fd3 rights
recvmsg fd3 rights 17
recvmsg fd3 2000000
recvmsg fd3 1 rights 2 3
SCRIPT
sockshell_t -k "$TMP/bad.sock" > "$TMP/bad.out" 2> "$TMP/bad.err"
expect_status 1 $? "a script with refused lines"
if grep -E '^(sendmsg|recvmsg)\(' "$TMP/bad.out"; then
	fail "a refused line made a call"
fi
[ "$(wc -l < "$TMP/bad.err")" = 15 ] || fail "not one line per refusal: $(cat "$TMP/bad.err")"
err="$TMP/bad.err"
expect_line "$err" "bad.sock:1: sendmsg: no current descriptor"
expect_line "$err" "bad.sock:2: recvmsg: no current descriptor"
expect_line "$err" "bad.sock:4: sendmsg: missing argument"
expect_line "$err" "bad.sock:5: sendmsg: rights names no descriptor"
expect_line "$err" "bad.sock:6: sendmsg: fd1 is one of the shell's own descriptors: send one \`fds\` lists"
expect_line "$err" "bad.sock:7: sendmsg: rights takes descriptors (fdN): hello"
expect_line "$err" "bad.sock:8: sendmsg: no piece of text to send"
expect_line "$err" "bad.sock:9: sendmsg: to names no address"
expect_line "$err" "bad.sock:10: sendmsg: rights given twice"
expect_line "$err" "bad.sock:11: sendmsg: at most 16 pieces"
expect_line "$err" "bad.sock:12: recvmsg: size is not a number: big"
expect_line "$err" "bad.sock:13: recvmsg: rights takes one number, last"
expect_line "$err" "bad.sock:14: recvmsg: rights out of range: 17 (0..16)"
expect_line "$err" "bad.sock:15: recvmsg: size out of range: 2000000"
expect_line "$err" "bad.sock:16: recvmsg: rights takes one number, last"

# Under strace: every call line the shell printed is strace's, in order, and
# from the first socketpair on strace shows no call on the learner's
# descriptors that the shell did not print.
rm -f "$TMP/r.sock"
strace_check msg socketpair,socket,bind,listen,connect,accept,sendmsg,recvmsg,read,write,close \
	socketpair "$TMP/msg.sock"

# strace -s bounds an array's elements as it bounds a string's bytes: the
# descriptor pair, the pieces and the descriptors passed, at 1 and at 0.
for s in 1 0; do
	printf 'set strsize %s\nsocketpair stream\nsendmsg fd3 "ab" "cd" "ef" rights fd3 fd4\nrecvmsg fd4 2 2 2 rights 2\n' \
		"$s" > "$TMP/short$s.sock"
	STRACE_S=$s strace_check "short$s" socketpair,sendmsg,recvmsg,close socketpair "$TMP/short$s.sock"
done
if can_strace; then
	expect_line "$TMP/short1.out" "socketpair(AF_UNIX, SOCK_STREAM, 0, [3, ...]) = 0"
	expect_line "$TMP/short0.out" "socketpair(AF_UNIX, SOCK_STREAM, 0, [...]) = 0"
fi

done_testing
