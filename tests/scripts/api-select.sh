# select (made as pselect6, as glibc makes it on x86_64) and ioctl FIONREAD on loopback: a
# timeout, data ready, a write set, the time left, a negative timeout the
# kernel refuses (EINVAL), a descriptor above FD_SETSIZE refused before the
# call; FIONREAD with nothing, then 4 bytes, waiting, and on a listener
# (EINVAL); and the whole run under strace, every call line the shell printed
# equal to strace's line for it, in order.
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

# run_sel NAME: the script under strace when it can trace here, else without.
if command -v strace >/dev/null 2>&1 &&
    strace -f -o /dev/null -e trace=socket true >/dev/null 2>&1; then
	traced=yes
	NO_COLOR=1 timeout "$HANG_LIMIT" strace -ff -s 32 -o "$TMP/sel.trace" \
		-e trace=$TRACE "$SOCKSHELL" "$TMP/sel.sock" > "$TMP/sel.out" 2> "$TMP/sel.err"
else
	traced=no
	sockshell_t "$TMP/sel.sock" > "$TMP/sel.out" 2> "$TMP/sel.err"
fi
expect_status 0 $? "select script"
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

# Every call line the shell printed is strace's line for it, in order.
if [ "$traced" = yes ]; then
	for f in "$TMP/sel.trace".*; do
		grep -q '^socket(' "$f" && cat "$f"
	done | grep -vE '<unfinished \.\.\.>|resumed>|^\+\+\+ |^--- ' |
		squeeze > "$TMP/sel.strace"
	calls_of "$TMP/sel.out" | squeeze > "$TMP/sel.calls"
	[ -s "$TMP/sel.calls" ] || fail "the shell printed no calls"
	awk -v trace="$TMP/sel.strace" '
		{
			while ((getline t < trace) > 0)
				if (t == $0)
					next
			print "not in strace (or out of order): " $0
			exit 1
		}' "$TMP/sel.calls" > "$TMP/sel.missing" ||
		fail "$(cat "$TMP/sel.missing")
--- strace said:
$(grep -E '^(pselect6|select|ioctl|socket|accept4?)\(' "$TMP/sel.strace")"
	# glibc's select is pselect6 here: no select call of another name was made.
	grep -q '^select(' "$TMP/sel.strace" && fail "a select syscall was made: $(grep '^select(' "$TMP/sel.strace")"
fi

# A descriptor select's sets cannot hold is refused before any call.
printf 'select fd2000 0\n' > "$TMP/high.sock"
sockshell_t "$TMP/high.sock" > "$TMP/high.out" 2> "$TMP/high.err"
expect_status 1 $? "select fd2000"
expect_line "$TMP/high.err" "select: fd2000: select's sets hold descriptors below FD_SETSIZE (1024) only; poll takes any descriptor (usage: select [fdN[:r|w|e]...] [TIMEOUT_MS])"
grep -q 'pselect6' "$TMP/high.out" && fail "select fd2000 made a call"

done_testing
