# socketpair, dup and dup2. Data through a socketpair both ways; dup and dup2
# give a second number for one socket, `fds` says which numbers share one (as
# fstat tells it), and closing one number leaves the socket open while another
# holds it (the peer reads and writes on, and sees EOF only after the last
# close); dup2 onto a number in the table replaces its entry; dup2 over the
# open-file limit fails with EBADF; refusals come before any call. Then the
# same script under strace: every call line is strace's own.
. "$top_srcdir/tests/scripts/lib.sh"
need timeout

cat > "$TMP/dup.sock" <<'SCRIPT'
socketpair stream
expect = 0
write fd4 "ping"
read fd3
expect "ping"
write fd3 "pong"
read fd4
expect "pong"
dup fd3
expect = 5
fds
dup2 fd3 7
expect = 7
dup2 fd3 2147483647
expect EBADF
close fd3
write fd5 "via five"
read fd4
expect "via five"
write fd4 "to seven"
read fd7
expect "to seven"
close fd5
close fd7
read fd4
expect = 0
socketpair dgram
dup2 fd3 4
expect = 4
fds
write fd5 "one datagram"
read fd4
expect "one datagram"
SCRIPT

sockshell_t "$TMP/dup.sock" > "$TMP/dup.out" 2> "$TMP/dup.err"
expect_status 0 $? "the dup script"
[ -s "$TMP/dup.err" ] && fail "stderr: $(cat "$TMP/dup.err")"
expect_calls "$TMP/dup.out" <<'EOF'
socketpair(AF_UNIX, SOCK_STREAM, 0, [3, 4]) = 0
write(4, "ping", 4) = 4
read(3, "ping", 4096) = 4
write(3, "pong", 4) = 4
read(4, "pong", 4096) = 4
dup(3) = 5
dup2(3, 7) = 7
dup2(3, 2147483647) = -1 EBADF (Bad file descriptor)
close(3) = 0
write(5, "via five", 8) = 8
read(4, "via five", 4096) = 8
write(4, "to seven", 8) = 8
read(7, "to seven", 4096) = 8
close(5) = 0
close(7) = 0
read(4, "", 4096) = 0
socketpair(AF_UNIX, SOCK_DGRAM, 0, [3, 5]) = 0
dup2(3, 4) = 4
write(5, "one datagram", 12) = 12
read(4, "one datagram", 4096) = 12
close(3) = 0
close(4) = 0
close(5) = 0
EOF
out="$TMP/dup.out"
expect_line "$out" "  fd3 and fd4 are connected to each other; fd4 is the current descriptor"
expect_line "$out" "  fd5 = fd3: one socket, two numbers" "fds shows the sharing"
expect_line "$out" "  * 5    unix stream  connected" "the dup is in the table as a unix stream"
expect_line "$out" "  fd3 closed; fd5 still holds the socket: no FIN is sent"
expect_line "$out" "  fd5 closed; fd7 still holds the socket: no FIN is sent"
expect_line "$out" "  hint: the new number must be below the open-file limit"
expect_line "$out" "  fd4 was open: dup2 closed it first, inside the call (no close line)"
expect_line "$out" "  fd4 = fd3: one socket, two numbers" "dup2's number shares fd3's socket"
expect_line "$out" "  * 4    unix dgram   connected" "dup2 replaced fd4's entry"
# The last close of the stream pair's end is the only one the peer notices.
[ "$(grep -c 'still holds the socket' "$out")" = 2 ] ||
	fail "a close of the last number said another still held it"

# Refusals: one line each, before any call, the script goes on with -k.
cat > "$TMP/bad.sock" <<'SCRIPT'
dup
socketpair inet stream
socketpair raw
socketpair stream
dup2 fd3 x
dup2 fd3 -1
dup2 fd3 2147483648
dup2 fd3 1
dup2 fd9 7
dup fd9
dup2 3 7
SCRIPT
sockshell_t -k "$TMP/bad.sock" > "$TMP/bad.out" 2> "$TMP/bad.err"
expect_status 1 $? "a script with refused lines"
expect_calls "$TMP/bad.out" <<'EOF'
socketpair(AF_UNIX, SOCK_STREAM, 0, [3, 4]) = 0
close(3) = 0
close(4) = 0
EOF
[ "$(wc -l < "$TMP/bad.err")" = 10 ] || fail "not one line per refusal: $(cat "$TMP/bad.err")"
err="$TMP/bad.err"
expect_line "$err" "bad.sock:1: dup: no current descriptor"
expect_line "$err" "bad.sock:2: socketpair: inet: a socket pair is unix (AF_UNIX) only on Linux"
expect_line "$err" "bad.sock:3: socketpair: unknown type: raw (stream or dgram)"
expect_line "$err" "bad.sock:5: dup2: new descriptor number is not a number: x (usage: dup2 fdN M)"
expect_line "$err" "bad.sock:6: dup2: "
expect_line "$err" "bad.sock:7: dup2: "
expect_line "$err" "bad.sock:8: dup2: 1 is the shell's own (0, 1, 2: stdin, stdout, stderr)"
expect_line "$err" "bad.sock:9: dup2: fd9 is not open in this shell"
expect_line "$err" "bad.sock:10: dup: fd9 is not open in this shell"
expect_line "$err" "bad.sock:11: dup2: not a descriptor: 3 (fdN)"

# Three numbers for one socket are counted as three, wherever a note counts them.
sockshell_t -c 'socketpair stream; dup fd3; dup fd3; fds' > "$TMP/three.out" 2> "$TMP/three.err"
expect_status 0 $? "two dups of one socket"
expect_line "$TMP/three.out" "  fd6 = fd3 (dup): three numbers, one socket; it is open until all are closed. fd6 is the current descriptor"
expect_line "$TMP/three.out" "  fd6 = fd3: one socket, three numbers"

# Under strace: every call line the shell printed is strace's, in order, and
# from the first socketpair on strace shows no call on the learner's
# descriptors that the shell did not print.
if can_strace; then
	strace_agree dup socketpair,dup,dup2,dup3,close,write,read socketpair "$TMP/dup.sock"
	expect_status 0 $? "the dup script under strace"
else
	printf 'note: strace cannot trace here; the comparison was left out\n' >&2
fi

# FD_CLOEXEC is the number's own, O_NONBLOCK the open socket's: a dup of a
# socket made with both has nonblock and not cloexec.
sockshell_t -c 'socket stream nonblock cloexec; dup; socket dgram; fds' > "$TMP/flags.out" 2>&1
expect_status 0 $? "the flags script"
grep -qE '^    3 +inet stream +CLOSE +0\.0\.0\.0:0 +- +nonblock cloexec$' "$TMP/flags.out" ||
	fail "fds does not show fd3 nonblock cloexec: $(cat "$TMP/flags.out")"
grep -qE '^    4 +inet stream +CLOSE +0\.0\.0\.0:0 +- +nonblock$' "$TMP/flags.out" ||
	fail "fds does not show the dup fd4 nonblock alone: $(cat "$TMP/flags.out")"
grep -qE '^  \* 5 +inet dgram +- +0\.0\.0\.0:0 +-$' "$TMP/flags.out" ||
	fail "fds shows flags on fd5, made with none: $(cat "$TMP/flags.out")"

done_testing
