# Unix domain sockets. A stream server in sockshell at a path longer than 32
# bytes (strace prints a path whole, whatever -s says), a real socat
# UNIX-CONNECT client: accept and getpeername show the unnamed peer
# {sa_family=AF_UNIX}, getsockname the path.
# Then datagrams in one shell: sendto PATH TEXT, recvfrom naming a bound
# sender, an unbound one, an abstract name (@name) and autobind (@); unlink
# and its ENOENT; EADDRINUSE on a path left behind; a path over sun_path
# refused in one line before any call.
. "$top_srcdir/tests/scripts/lib.sh"
need socat timeout

# un PATH: strace's sockaddr_un for PATH, and its length (family, path, NUL).
un() {
	printf '{sa_family=AF_UNIX, sun_path="%s"}' "$1"
}
unlen() {
	echo $((2 + ${#1} + 1))
}

path="$TMP/a-unix-stream-socket-with-a-long-name.sock"
[ ${#path} -gt 32 ] || fail "the test path is not longer than 32 bytes"
[ ${#path} -lt 108 ] || skip "TMPDIR is too long for sun_path"

# ---- sockshell serves, socat connects ----
cat > "$TMP/server.sock" <<SCRIPT
socket unix stream
bind "$path"
listen 5
getsockname
accept
expect = 4
getpeername
getsockname
recv -x
expect "hello over unix\n"
send "hello back\n"
recv
expect = 0
close
close
unlink "$path"
expect ok
unlink "$path"
expect ENOENT
SCRIPT
sockshell_t "$TMP/server.sock" > "$TMP/server.out" 2> "$TMP/server.err" &
server=$!
PIDS="$PIDS $server"
wait_for_socket "$path"
# After its end of input socat shuts down its side, and ends when the shell
# closes; -t only bounds a hang.
printf 'hello over unix\n' |
	timeout "$HANG_LIMIT" socat -t "$HANG_LIMIT" - "UNIX-CONNECT:$path" > "$TMP/socat.out" 2> "$TMP/socat.err"
wait "$server"
expect_status 0 $? "the server script"
expect_calls "$TMP/server.out" <<EOF
socket(AF_UNIX, SOCK_STREAM, 0) = 3
bind(3, $(un "$path"), $(unlen "$path")) = 0
listen(3, 5) = 0
getsockname(3, $(un "$path"), [128 => $(unlen "$path")]) = 0
accept(3, {sa_family=AF_UNIX}, [128 => 2]) = 4
getpeername(4, {sa_family=AF_UNIX}, [128 => 2]) = 0
getsockname(4, $(un "$path"), [128 => $(unlen "$path")]) = 0
recvfrom(4, "hello over unix\n", 4096, 0, NULL, NULL) = 16
sendto(4, "hello back\n", 11, 0, NULL, 0) = 11
recvfrom(4, "", 4096, 0, NULL, NULL) = 0
close(4) = 0
close(3) = 0
unlink("$path") = 0
unlink("$path") = -1 ENOENT (No such file or directory)
EOF
expect_line "$TMP/server.out" ' | 00000  68 65 6c 6c 6f 20 6f 76  65 72 20 75 6e 69 78 0a  hello over unix. |'
grep -qx 'hello back' "$TMP/socat.out" || fail "socat did not receive the reply: $(cat "$TMP/socat.err")"
[ -e "$path" ] && fail "unlink left $path"

# ---- datagrams, in one shell ----
srv="$TMP/dgram-server.sock"
cli="$TMP/dgram-client.sock"
long=$(printf '%0120d' 0)
cat > "$TMP/dgram.sock" <<SCRIPT
socket unix dgram
bind "$srv"
socket unix dgram
bind "$cli"
sendto "$srv" "over unix"
expect = 9
recvfrom fd3
expect "over unix"
sendto fd3 "$cli" back
recvfrom fd4
expect "back"
# an unbound sender has no address to show
socket unix dgram
sendto "$srv" anon
recvfrom fd3
expect "anon"
sendto "$TMP/nobody-here.sock" "x"
expect ENOENT
# the file outlives the socket: bind again fails until it is unlinked
close fd3
socket unix dgram
bind "$srv"
expect EADDRINUSE
unlink "$srv"
bind "$srv"
expect ok
unlink "$srv"
unlink "$cli"
# Linux's abstract names: no file at all
socket unix dgram
bind @sockshell-test-$$
sendto fd4 @sockshell-test-$$ "abstract"
recvfrom
expect "abstract"
socket unix stream
bind @
getsockname
SCRIPT
sockshell_t "$TMP/dgram.sock" > "$TMP/dgram.out" 2> "$TMP/dgram.err"
expect_status 0 $? "the datagram script"
sed -e 's/0x[0-9a-f]\{6,\}/PTR/g' "$TMP/dgram.out" > "$TMP/dgram.plain"
abs="@\"sockshell-test-$$\""
abslen=$((2 + 1 + ${#abs} - 3))
autobound=$(sed -n 's/^getsockname(7, {sa_family=AF_UNIX, sun_path=\(@"[0-9a-f]*"\)}, \[128 => 8\]) = 0$/\1/p' "$TMP/dgram.out")
[ -n "$autobound" ] || fail "autobind: $(grep "^getsockname(7" "$TMP/dgram.out")"
expect_calls "$TMP/dgram.plain" <<EOF
socket(AF_UNIX, SOCK_DGRAM, 0) = 3
bind(3, $(un "$srv"), $(unlen "$srv")) = 0
socket(AF_UNIX, SOCK_DGRAM, 0) = 4
bind(4, $(un "$cli"), $(unlen "$cli")) = 0
sendto(4, "over unix", 9, 0, $(un "$srv"), $(unlen "$srv")) = 9
recvfrom(3, "over unix", 4096, 0, $(un "$cli"), [128 => $(unlen "$cli")]) = 9
sendto(3, "back", 4, 0, $(un "$cli"), $(unlen "$cli")) = 4
recvfrom(4, "back", 4096, 0, $(un "$srv"), [128 => $(unlen "$srv")]) = 4
socket(AF_UNIX, SOCK_DGRAM, 0) = 5
sendto(5, "anon", 4, 0, $(un "$srv"), $(unlen "$srv")) = 4
recvfrom(3, "anon", 4096, 0, PTR, [128 => 0]) = 4
sendto(5, "x", 1, 0, $(un "$TMP/nobody-here.sock"), $(unlen "$TMP/nobody-here.sock")) = -1 ENOENT (No such file or directory)
close(3) = 0
socket(AF_UNIX, SOCK_DGRAM, 0) = 3
bind(3, $(un "$srv"), $(unlen "$srv")) = -1 EADDRINUSE (Address already in use)
unlink("$srv") = 0
bind(3, $(un "$srv"), $(unlen "$srv")) = 0
unlink("$srv") = 0
unlink("$cli") = 0
socket(AF_UNIX, SOCK_DGRAM, 0) = 6
bind(6, {sa_family=AF_UNIX, sun_path=$abs}, $abslen) = 0
sendto(4, "abstract", 8, 0, {sa_family=AF_UNIX, sun_path=$abs}, $abslen) = 8
recvfrom(6, "abstract", 4096, 0, $(un "$cli"), [128 => $(unlen "$cli")]) = 8
socket(AF_UNIX, SOCK_STREAM, 0) = 7
bind(7, {sa_family=AF_UNIX}, 2) = 0
getsockname(7, {sa_family=AF_UNIX, sun_path=$autobound}, [128 => 8]) = 0
close(3) = 0
close(4) = 0
close(5) = 0
close(6) = 0
close(7) = 0
EOF

# ---- EADDRINUSE: the hint tells a socket left behind from another file ----
# A socket file an earlier run left: `unlink` removes it. A plain file:
# `unlink` here would refuse it, so the hint does not send the learner there.
printf 'not a socket\n' > "$TMP/plain.txt"
cat > "$TMP/inuse.sock" <<SCRIPT
socket unix stream
bind "$TMP/left.sock"
close
socket unix stream
bind "$TMP/left.sock"
expect EADDRINUSE
socket unix stream
bind "$TMP/plain.txt"
expect EADDRINUSE
SCRIPT
sockshell_t "$TMP/inuse.sock" > "$TMP/inuse.out" 2>&1
expect_status 0 $? "the EADDRINUSE script"
expect_line "$TMP/inuse.out" "  hint: a file is at that path already (a socket an earlier run left?): \`unlink PATH\` removes it, then bind again" \
	"a socket left behind: no unlink hint"
expect_line "$TMP/inuse.out" "  hint: a file that is not a socket is at that path (\`unlink\` here removes only sockets): bind a path of its own, in /tmp" \
	"a plain file at the path: no hint of its own"
[ "$(grep -c 'unlink PATH' "$TMP/inuse.out")" = 1 ] ||
	fail "the unlink hint under a plain file too: $(cat "$TMP/inuse.out")"

# ---- a path over sun_path: one line, before any call ----
cat > "$TMP/long.sock" <<SCRIPT
socket unix stream
bind "/tmp/$long"
connect "/tmp/$long"
sendto "/tmp/$long" "x"
socket unix dgram
bind @$long
SCRIPT
sockshell_t -k "$TMP/long.sock" > "$TMP/long.out" 2> "$TMP/long.err"
expect_status 1 $? "over-long paths"
expect_calls "$TMP/long.out" <<EOF
socket(AF_UNIX, SOCK_STREAM, 0) = 3
socket(AF_UNIX, SOCK_DGRAM, 0) = 4
close(3) = 0
close(4) = 0
EOF
expect_lines_n "$TMP/long.err" 4 "one line per over-long path"
expect_line "$TMP/long.err" "long.sock:2: bind: path too long: 125 bytes, sun_path holds 107 and a NUL (ENAMETOOLONG) (usage: bind"
expect_line "$TMP/long.err" "long.sock:3: connect: path too long: 125 bytes"
expect_line "$TMP/long.err" "long.sock:4: sendto: path too long: 125 bytes"
expect_line "$TMP/long.err" "long.sock:6: bind: abstract name too long: 120 bytes, sun_path holds 107 after its NUL (ENAMETOOLONG)"
done_testing
