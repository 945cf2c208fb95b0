# What setsockopt, getsockopt, nonblock and poll print is strace's own line for
# the call made (whitespace aside), in the same order: the script runs under
# strace -s 32 and every call line of the shell must be in strace's output.
# setsockopt, getsockopt and socket calls must match exactly, none unprinted:
# ss reads /proc and opens no socket of its own.
. "$top_srcdir/tests/scripts/lib.sh"
need strace timeout

strace -f -o /dev/null -e trace=socket true >/dev/null 2>&1 ||
	skip "strace cannot trace here (ptrace not permitted?)"

port=$(free_port)
refused=$(free_port)
[ -n "$port" ] && [ -n "$refused" ] && [ "$port" != "$refused" ] ||
	{ fail "no free ports"; done_testing; }

cat > "$TMP/opt.sock" <<SCRIPT
socket stream
setsockopt reuseaddr 1
setsockopt nodelay on
getsockopt nodelay
setsockopt linger on 0
getsockopt linger
setsockopt rcvtimeo 1500
getsockopt rcvtimeo
setsockopt sndtimeo 250
setsockopt sndbuf 65536
getsockopt sndbuf
setsockopt v6only 1
expect ENOPROTOOPT
getsockopt v6only
expect EOPNOTSUPP
bind 127.0.0.1 $port
listen 5
ss
nonblock on
accept
expect EAGAIN
poll fd3 10
expect = 0
socket stream
nonblock on
connect 127.0.0.1 $refused
expect EINPROGRESS
poll fd4:out $WAIT_MS
getsockopt error
expect ok
getsockopt error
getsockopt type
getsockopt fd3 acceptconn
socket dgram
bind 127.0.0.1 0
nonblock on
read
expect EAGAIN
poll fd3 fd5:inout 0
nonblock fd5 off
poll fd3:inout fd4:inout fd5:inout 0
SCRIPT

TRACE=socket,bind,listen,accept,accept4,connect,read,write,close,setsockopt,getsockopt,fcntl,poll
NO_COLOR=1 timeout "$HANG_LIMIT" strace -ff -s 32 -o "$TMP/opt.trace" -e trace=$TRACE \
	"$SOCKSHELL" "$TMP/opt.sock" > "$TMP/opt.out" 2> "$TMP/opt.err"
expect_status 0 $? "the script under strace"
for f in "$TMP/opt.trace".*; do
	grep -q '^socket(' "$f" && cat "$f"
done > "$TMP/trace"
grep -vE '<unfinished \.\.\.>|resumed>|^\+\+\+ |^--- ' "$TMP/trace" | squeeze > "$TMP/strace"
calls_of "$TMP/opt.out" | squeeze > "$TMP/calls"
[ -s "$TMP/calls" ] || fail "the shell printed no calls"

awk -v trace="$TMP/strace" '
	{
		while ((getline t < trace) > 0)
			if (t == $0)
				next
		print "not in strace (or out of order): " $0
		exit 1
	}' "$TMP/calls" > "$TMP/missing" ||
	fail "$(cat "$TMP/missing")
--- strace said:
$(grep -vE '^[a-z0-9]+\([012],' "$TMP/strace" | grep -v '^close(')"

# Nothing unprinted among the calls this group makes that nothing else makes.
awk '/^socket\(/ { on = 1 } on' "$TMP/strace" | grep -E '^(socket|setsockopt|getsockopt)\(' |
	grep -vE '^[a-z]+\([012],' > "$TMP/made"
grep -E '^(socket|setsockopt|getsockopt)\(' "$TMP/calls" > "$TMP/printed"
diff -u "$TMP/made" "$TMP/printed" > "$TMP/diff" ||
	fail "setsockopt/getsockopt/socket calls made (-) and printed (+) differ:
$(cat "$TMP/diff")"

# The cases really happened.
expect_line "$TMP/calls" "getsockopt(4, SOL_SOCKET, SO_ERROR, [ECONNREFUSED], [4]) = 0"
expect_line "$TMP/calls" "getsockopt(4, SOL_SOCKET, SO_TYPE, [1], [4]) = 0"
expect_line "$TMP/calls" "poll([{fd=3, events=POLLIN}], 1, 10) = 0 (Timeout)"
grep -qE '^getsockopt\(3, SOL_IPV6, IPV6_V6ONLY, 0x[0-9a-f]+, \[4\]\) = -1 EOPNOTSUPP' "$TMP/calls" ||
	fail "no failed getsockopt with its buffer's address"
grep -qE '^accept\(3, 0x[0-9a-f]+, \[128\]\) = -1 EAGAIN' "$TMP/calls" || fail "no accept EAGAIN"

# The cut after `set strsize`: the same calls under strace -s 1 and -s 4.
cat > "$TMP/cut.c.sock" <<SCRIPT
socket stream
socket stream
socket dgram
set strsize 1
poll fd3:inout fd4:inout fd5:inout 0
set strsize 4
setsockopt fd3 rcvtimeo 2000
SCRIPT
for s in 1 4; do
	NO_COLOR=1 timeout "$HANG_LIMIT" strace -s $s -o "$TMP/cut$s.trace" -e trace=poll,setsockopt \
		"$SOCKSHELL" "$TMP/cut.c.sock" > "$TMP/cut$s.out" 2>&1
done
want=$(grep '^poll(' "$TMP/cut1.trace" | squeeze)
got=$(grep '^poll(' "$TMP/cut1.out" | squeeze)
[ -n "$want" ] && [ "$want" = "$got" ] || fail "strace -s 1: $want
shell, strsize 1: $got"
want=$(grep '^setsockopt(' "$TMP/cut4.trace" | squeeze)
got=$(grep '^setsockopt(' "$TMP/cut4.out" | squeeze)
[ -n "$want" ] && [ "$want" = "$got" ] || fail "strace -s 4: $want
shell, strsize 4: $got"
done_testing
