# select (made as pselect6, as glibc makes it on x86_64) and ioctl FIONREAD on loopback: a
# timeout, data ready, a write set, the time left, a negative timeout the
# kernel refuses (EINVAL), a descriptor above FD_SETSIZE refused before the
# call; FIONREAD with nothing, then 4 bytes, waiting, and on a listener
# (EINVAL); socket's nonblock and cloexec, accept4 with them and a read on
# a non-blocking accepted socket (EAGAIN); and each run under strace, every
# call line the shell printed equal to strace's line for it, in order.
. "$top_srcdir/tests/scripts/lib.sh"
need timeout

port=$(free_port)
[ -n "$port" ] || { fail "no free port"; done_testing; }

# The traced calls: those this test makes, and those the shell makes unprinted.
TRACE=socket,bind,listen,accept,accept4,connect,read,write,close,select,pselect6,ioctl,fcntl,poll,getsockopt

cat > "$TMP/sel.sock" <<SCRIPT
socket stream
bind 127.0.0.1 $port
listen 5
select fd3 100
expect = 0
socket stream
connect 127.0.0.1 $port
# the listener is readable: a connection waits to be accepted
select fd3 $WAIT_MS
expect = 1
accept fd3
select fd5 50
expect = 0
ioctl fd5 fionread
expect = 0
write fd4 "ping"
ioctl fd5 fionread
expect = 0
# a listener queues connections, not bytes
ioctl fd3 fionread
expect EINVAL
select fd5 fd4:w $WAIT_MS
expect = 2
# no timeout, but ready: it returns at once, with no time left to show
select fd5
expect = 1
select fd5:e 0
expect = 0
# the kernel takes no negative timeout
select fd5 -1
expect EINVAL
read fd5
expect "ping"
SCRIPT

# traced NAME: $TMP/NAME.sock under strace when it can trace here, its call
# lines checked against strace's (else run alone); stdout to NAME.out.
traced() {
	if can_strace; then
		# The shell looks before a call may block (poll, fcntl), unprinted, so
		# only the order of the printed lines is checked here.
		STRACE_EXACT=no strace_agree "$1" "$TRACE" socket "$TMP/$1.sock"
		expect_status 0 $? "$1 script under strace"
	else
		sockshell_t "$TMP/$1.sock" > "$TMP/$1.out" 2> "$TMP/$1.err"
		expect_status 0 $? "$1 script"
	fi
}

traced sel
expect_line "$TMP/sel.out" "pselect6(4, [3], NULL, NULL, {tv_sec=0, tv_nsec=100000000}, NULL) = 0 (Timeout)"
secs=$((WAIT_MS / 1000))
grep -qE "^pselect6\(4, \[3\], NULL, NULL, \{tv_sec=$secs, tv_nsec=0\}, NULL\) = 1 \(in \[3\], left \{tv_sec=[0-9]+, tv_nsec=[0-9]+\}\)$" "$TMP/sel.out" ||
	fail "no select line for the listener ready: $(grep pselect6 "$TMP/sel.out")"
expect_line "$TMP/sel.out" "pselect6(6, [5], NULL, NULL, {tv_sec=0, tv_nsec=50000000}, NULL) = 0 (Timeout)"
grep -qE "^pselect6\(6, \[5\], \[4\], NULL, \{tv_sec=$secs, tv_nsec=0\}, NULL\) = 2 \(in \[5\], out \[4\], left \{tv_sec=[0-9]+, tv_nsec=[0-9]+\}\)$" "$TMP/sel.out" ||
	fail "no select line for a read and a write set: $(grep pselect6 "$TMP/sel.out")"
expect_line "$TMP/sel.out" "pselect6(6, [5], NULL, NULL, NULL, NULL) = 1 (in [5])"
expect_line "$TMP/sel.out" "pselect6(6, NULL, NULL, [5], {tv_sec=0, tv_nsec=0}, NULL) = 0 (Timeout)"
expect_line "$TMP/sel.out" "pselect6(6, [5], NULL, NULL, {tv_sec=-1, tv_nsec=999000000}, NULL) = -1 EINVAL (Invalid argument)"
expect_line "$TMP/sel.out" "  hint: a negative timeout: the kernel takes none below 0; leave it out to wait for ever, or give 0 to only look"
expect_line "$TMP/sel.out" "ioctl(5, FIONREAD, [0]) = 0"
expect_line "$TMP/sel.out" "  no bytes wait on fd5: a read now would wait, or return 0 if the peer closed"
expect_line "$TMP/sel.out" "ioctl(5, FIONREAD, [4]) = 0"
expect_line "$TMP/sel.out" "  4 bytes wait on fd5: a read of that many returns at once"
grep -qE '^ioctl\(3, FIONREAD, 0x[0-9a-f]+\) = -1 EINVAL \(Invalid argument\)$' "$TMP/sel.out" ||
	fail "no failed FIONREAD on the listener: $(grep ioctl "$TMP/sel.out")"
if grep -v '^  waiting for ' "$TMP/sel.err" | grep -q .; then
	fail "sel: stderr: $(cat "$TMP/sel.err")"
fi

# glibc's select is pselect6 here: no select call of another name was made.
can_strace && grep -q '^select(' "$TMP/sel.strace" &&
	fail "a select syscall was made: $(grep '^select(' "$TMP/sel.strace")"

# Ctrl-C in a select with no timeout: the waiting line, then EINTR, printed.
port4=$(free_port)
cat > "$TMP/int.sock" <<SCRIPT
socket stream
bind 127.0.0.1 $port4
listen 5
select fd3 fd3:e
echo never here
SCRIPT
if ctrl_c int; then
	expect_line "$TMP/int.err" "  waiting for reading on fd3 or an exception on fd3 (Ctrl-C interrupts)"
	expect_line "$TMP/int.out" "pselect6(4, [3], NULL, [3], NULL, NULL) = -1 EINTR (Interrupted system call)"
	expect_line "$TMP/int.out" "  hint: Ctrl-C came before any descriptor was ready: nothing changed, select again"
	expect_no_line "$TMP/int.out" "never here" "the script went on after Ctrl-C"
fi

# Bad input, refused before any call.
sockshell_t -c 'select; socket stream; select fd3:x; select fd9; select later' > "$TMP/bad.out" 2> "$TMP/bad.err"
expect_status 1 $? "bad select input"
expect_line "$TMP/bad.err" "sockshell: select: no descriptors to select: make one with \`socket\` (usage: select [fdN[:r|w|e]...] [TIMEOUT_MS])"
expect_line "$TMP/bad.err" "sockshell: select: not a descriptor: fd3:x (fdN, fdN:r, fdN:w or fdN:e)"
expect_line "$TMP/bad.err" "sockshell: select: fd9 is not open in this shell"
expect_line "$TMP/bad.err" "sockshell: select: timeout is not a number: later"
expect_no_line "$TMP/bad.out" "pselect6(" "a refused select made a call"

# A descriptor select's sets cannot hold is refused before any call.
printf 'select fd2000 0\n' > "$TMP/high.sock"
sockshell_t "$TMP/high.sock" > "$TMP/high.out" 2> "$TMP/high.err"
expect_status 1 $? "select fd2000"
expect_line "$TMP/high.err" "select: fd2000: select's sets hold descriptors below FD_SETSIZE (1024) only; poll takes any descriptor (usage: select [fdN[:r|w|e]...] [TIMEOUT_MS])"
grep -q 'pselect6' "$TMP/high.out" && fail "select fd2000 made a call"

# Socket flags: a non-blocking listener from socket, accept4 with and without
# flags, and a read on a non-blocking accepted socket: EAGAIN.
port3=$(free_port)
[ -n "$port3" ] || { fail "no free port"; done_testing; }
cat > "$TMP/flags.sock" <<SCRIPT
socket inet stream nonblock cloexec
expect = 3
bind 127.0.0.1 $port3
listen 5
# nothing queued, and the listener is non-blocking: at once, EAGAIN
accept4 nonblock
expect EAGAIN
socket stream
connect 127.0.0.1 $port3
select fd3 $WAIT_MS
expect = 1
accept4 fd3 nonblock
expect = 5
read
expect EAGAIN
socket stream
connect fd6 127.0.0.1 $port3
select fd3 $WAIT_MS
accept4 fd3 cloexec
expect = 7
accept4 fd3
expect EAGAIN
socket unix dgram cloexec
SCRIPT
traced flags
expect_line "$TMP/flags.out" "socket(AF_INET, SOCK_STREAM|SOCK_CLOEXEC|SOCK_NONBLOCK, IPPROTO_TCP) = 3"
expect_line "$TMP/flags.out" "  fd3 is non-blocking from the start: a call that would wait fails with EAGAIN (connect: EINPROGRESS) instead; poll tells when"
grep -qE '^accept4\(3, 0x[0-9a-f]+, \[128\], SOCK_NONBLOCK\) = -1 EAGAIN \(Resource temporarily unavailable\)$' "$TMP/flags.out" ||
	fail "no accept4 EAGAIN line: $(grep accept4 "$TMP/flags.out")"
grep -qE '^accept4\(3, \{sa_family=AF_INET, sin_port=htons\([0-9]+\), sin_addr=inet_addr\("127.0.0.1"\)\}, \[128 => 16\], SOCK_NONBLOCK\) = 5$' "$TMP/flags.out" ||
	fail "no accept4 nonblock line: $(grep accept4 "$TMP/flags.out")"
grep -qE '^read\(5, 0x[0-9a-f]+, 4096\) = -1 EAGAIN \(Resource temporarily unavailable\)$' "$TMP/flags.out" ||
	fail "no read EAGAIN on the accepted socket: $(grep '^read' "$TMP/flags.out")"
grep -qE '^accept4\(3, \{.*\}, \[128 => 16\], SOCK_CLOEXEC\) = 7$' "$TMP/flags.out" ||
	fail "no accept4 cloexec line: $(grep accept4 "$TMP/flags.out")"
grep -qE '^accept4\(3, 0x[0-9a-f]+, \[128\], 0\) = -1 EAGAIN' "$TMP/flags.out" ||
	fail "no accept4 without flags: $(grep accept4 "$TMP/flags.out")"
expect_line "$TMP/flags.out" "socket(AF_UNIX, SOCK_DGRAM|SOCK_CLOEXEC, 0) = 8"

done_testing
