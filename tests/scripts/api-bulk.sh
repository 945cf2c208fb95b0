# Bulk data: write @FILE (sendfile; splice from a pipe) and read >FILE (into a
# regular file through a pipe of the shell's, spliced in and out; read and
# write into anything else; splice straight into a pipe). 100 MiB to nc and from nc with equal
# checksums; COUNT; `-` for standard input and output; a file that does not
# exist, a directory, an unreadable file, a peer that closes mid-way (EPIPE or
# ECONNRESET, the peer's bytes the file's first ones); the file's descriptor
# closed every time; "x"*N filling a non-blocking socket's send buffer (a
# short write, then EAGAIN), and a file sent into it (sendfile: EAGAIN); a
# file that takes nothing (/dev/full); bad input; and under strace, each
# printed call strace's line for it, in order, with the summary line's count
# of the calls it stands for equal to strace's.
. "$top_srcdir/tests/scripts/lib.sh"
need nc timeout sha256sum head

MiB=1048576
data=$TMP/data
head -c $((100 * MiB)) /dev/urandom > "$data"
sum() { sha256sum < "$1" | cut -d ' ' -f 1; }

# summed NAME FILE: the number of NAME calls FILE's summary line stands for.
summed() {
	sed -n "s/^  \.\.\. \([0-9]*\) more $1 calls.*/\1/p" "$2" |
		awk '{ n += $1 } END { if (NR > 0) print n }'
}

# ---- sockshell -> nc: 100 sendfile calls of 1 MiB, then the one that returns 0 ----
port=$(free_port)
[ -n "$port" ] || { fail "no free port"; done_testing; }
timeout "$HANG_LIMIT" nc -l 127.0.0.1 "$port" < /dev/null > "$TMP/to-nc" &
nc_pid=$!
PIDS="$PIDS $nc_pid"
wait_for_port "$port"
cat > "$TMP/send.sock" <<SCRIPT
socket stream
connect 127.0.0.1 $port
write @$data
expect = 0
close
SCRIPT
sockshell_t "$TMP/send.sock" > "$TMP/send.out" 2> "$TMP/send.err"
expect_status 0 $? "send script"
wait_exit "$nc_pid"
expect_status 0 $? "nc -l"
[ "$(sum "$TMP/to-nc")" = "$(sum "$data")" ] ||
	fail "nc received $(wc -c < "$TMP/to-nc") bytes, not the file's 100 MiB"
expect_calls "$TMP/send.out" "write @FILE" <<EOF
socket(AF_INET, SOCK_STREAM, IPPROTO_TCP) = 3
connect(3, {sa_family=AF_INET, sin_port=htons($port), sin_addr=inet_addr("127.0.0.1")}, 16) = 0
openat(AT_FDCWD, "$data", O_RDONLY) = 4
sendfile(3, 4, NULL, 1048576) = 1048576
sendfile(3, 4, NULL, 1048576) = 1048576
sendfile(3, 4, NULL, 1048576) = 1048576
sendfile(3, 4, NULL, 1048576) = 0
close(4) = 0
close(3) = 0
EOF
expect_line "$TMP/send.out" "  ... 97 more sendfile calls: $((97 * MiB)) bytes" "the summary line"
expect_line "$TMP/send.out" "  sent $((100 * MiB)) bytes of $data to fd3 in " "the total"
# Off a terminal there is no progress line.
if grep -q $'\r' "$TMP/send.out" "$TMP/send.err"; then
	fail "a progress line off a terminal: $(cat -A "$TMP/send.err" | head -n 3)"
fi

# ---- nc -> sockshell: COUNT bytes into one file, the rest into another ----
port=$(free_port)
cat > "$TMP/recv.sock" <<SCRIPT
socket stream
bind 127.0.0.1 $port
listen
accept
read 1000000 >$TMP/part
expect ok
read > $TMP/rest
expect = 0
close
SCRIPT
sockshell_t "$TMP/recv.sock" > "$TMP/recv.out" 2> "$TMP/recv.err" &
sh_pid=$!
PIDS="$PIDS $sh_pid"
wait_for_port "$port"
timeout "$HANG_LIMIT" nc -N 127.0.0.1 "$port" < "$data"
expect_status 0 $? "nc -N sending the file"
wait_exit "$sh_pid"
expect_status 0 $? "receive script"
expect_status 1000000 "$(wc -c < "$TMP/part")" "bytes of read 1000000 >FILE"
[ "$(cat "$TMP/part" "$TMP/rest" | sum /dev/stdin)" = "$(sum "$data")" ] ||
	fail "the two files are not the 100 MiB sent: $(wc -c "$TMP/part" "$TMP/rest")"
calls_of "$TMP/recv.out" > "$TMP/recv.calls"
grep -qx "openat(AT_FDCWD, \"$TMP/part\", O_WRONLY|O_CREAT|O_TRUNC, 0666) = 5" "$TMP/recv.calls" ||
	fail "no openat of part: $(cat "$TMP/recv.calls")"
# Into a regular file the bytes go through a pipe of the shell's (6 and 7),
# spliced in and out, never read up into the shell. Each splice from the
# socket asks for what is left of COUNT, at most 1 MiB; its bytes go to fd 5.
expect_status 2 "$(grep -c '^pipe2(\[6, 7\], O_CLOEXEC) = 0$' "$TMP/recv.calls")" "a pipe for each file"
expect_line "$TMP/recv.calls" 'fcntl(7, F_SETPIPE_SZ, 1048576) = 1048576' "the pipe made as large as a call"
grep -Eq '^splice\(4, NULL, 7, NULL, 1000000, SPLICE_F_MOVE\) = [0-9]+$' "$TMP/recv.calls" ||
	fail "the first splice does not ask for COUNT: $(cat "$TMP/recv.calls")"
grep -Eq '^splice\(6, NULL, 5, NULL, [0-9]+, SPLICE_F_MOVE\) = [0-9]+$' "$TMP/recv.calls" ||
	fail "no splice into the file: $(cat "$TMP/recv.calls")"
grep -q '^read(' "$TMP/recv.calls" && fail "a read into a regular file: $(grep '^read(' "$TMP/recv.calls")"
expect_line "$TMP/recv.calls" 'splice(4, NULL, 7, NULL, 1048576, SPLICE_F_MOVE) = 0' "the splice at end of file"
expect_status 2 "$(grep -c '^close(6) = 0$' "$TMP/recv.calls")" "closes of the pipes"
expect_line "$TMP/recv.out" "  received 1000000 bytes from fd4 into $TMP/part in " "the COUNT total"
expect_line "$TMP/recv.out" "  received $((100 * MiB - 1000000)) bytes from fd4 into $TMP/rest in " "the total"
expect_line "$TMP/recv.out" "  end of file: the peer closed" "the end of file note"
# Every file the shell opened it closed again: 5 opened twice, closed twice.
expect_status 2 "$(grep -c '^close(5) = 0$' "$TMP/recv.calls")" "closes of the files"

# ---- `-`: standard input (sendfile from a file, splice from a pipe), standard output ----
printf 'from stdin\n' > "$TMP/small"
cat > "$TMP/dash.sock" <<SCRIPT
socketpair unix stream
write fd3 @-
shutdown fd3 wr
read fd4 >-
expect = 0
SCRIPT
sockshell_t "$TMP/dash.sock" < "$TMP/small" > "$TMP/dash-file.out" 2>&1
expect_status 0 $? "@- from a file, >- to a file"
expect_calls "$TMP/dash-file.out" "@- and >- on files" <<'EOF'
socketpair(AF_UNIX, SOCK_STREAM, 0, [3, 4]) = 0
sendfile(3, 0, NULL, 1048576) = 11
sendfile(3, 0, NULL, 1048576) = 0
shutdown(3, SHUT_WR) = 0
read(4, "from stdin\n", 1048576) = 11
from stdin
write(1, "from stdin\n", 11) = 11
read(4, "", 1048576) = 0
close(3) = 0
close(4) = 0
EOF
sockshell_t "$TMP/dash.sock" < <(cat "$TMP/small") 2>&1 | cat > "$TMP/dash-pipe.out"
expect_calls "$TMP/dash-pipe.out" "@- and >- on pipes" <<'EOF'
socketpair(AF_UNIX, SOCK_STREAM, 0, [3, 4]) = 0
splice(0, NULL, 3, NULL, 1048576, SPLICE_F_MOVE) = 11
splice(0, NULL, 3, NULL, 1048576, SPLICE_F_MOVE) = 0
shutdown(3, SHUT_WR) = 0
from stdin
splice(4, NULL, 1, NULL, 1048576, SPLICE_F_MOVE) = 11
splice(4, NULL, 1, NULL, 1048576, SPLICE_F_MOVE) = 0
close(3) = 0
close(4) = 0
EOF

# ---- files that cannot be sent or written; the descriptor never stays open ----
mkdir "$TMP/dir"
printf 'secret\n' > "$TMP/unreadable"
chmod 000 "$TMP/unreadable"
# Root reads any file whatever its mode: a sysctl that is write-only, for root
# too, then.
unreadable=$TMP/unreadable
if cat "$unreadable" > /dev/null 2>&1; then
	unreadable=/proc/sys/vm/compact_memory
	cat "$unreadable" > /dev/null 2>&1 && skip "no file here that cannot be read"
fi
cat > "$TMP/bad.sock" <<SCRIPT
socketpair unix stream
write fd3 @$TMP/nonexistent
expect ENOENT
write fd3 @$TMP/dir
expect EINVAL
write fd3 @$unreadable
expect EACCES
read fd4 >$TMP/dir
expect EISDIR
# a file that takes nothing: the write fails, and the transfer ends there
write fd3 "hello"
read fd4 >/dev/full
expect ENOSPC
# no file was left open: the next descriptor is 5
socket stream
expect = 5
SCRIPT
sockshell_t "$TMP/bad.sock" > "$TMP/bad.out" 2> "$TMP/bad.err"
expect_status 0 $? "script of unusable files"
expect_calls "$TMP/bad.out" "unusable files" <<EOF
socketpair(AF_UNIX, SOCK_STREAM, 0, [3, 4]) = 0
openat(AT_FDCWD, "$TMP/nonexistent", O_RDONLY) = -1 ENOENT (No such file or directory)
openat(AT_FDCWD, "$TMP/dir", O_RDONLY) = 5
sendfile(3, 5, NULL, 1048576) = -1 EINVAL (Invalid argument)
close(5) = 0
openat(AT_FDCWD, "$unreadable", O_RDONLY) = -1 EACCES (Permission denied)
openat(AT_FDCWD, "$TMP/dir", O_WRONLY|O_CREAT|O_TRUNC, 0666) = -1 EISDIR (Is a directory)
write(3, "hello", 5) = 5
openat(AT_FDCWD, "/dev/full", O_WRONLY|O_CREAT|O_TRUNC, 0666) = 5
read(4, "hello", 1048576) = 5
write(5, "hello", 5) = -1 ENOSPC (No space left on device)
close(5) = 0
socket(AF_INET, SOCK_STREAM, IPPROTO_TCP) = 5
close(3) = 0
close(4) = 0
close(5) = 0
EOF
expect_line "$TMP/bad.out" "  hint: no such file (@FILE)" "the ENOENT hint"
expect_line "$TMP/bad.out" "  hint: sendfile reads files only" "the EINVAL hint"
expect_line "$TMP/bad.out" "  hint: that is a directory" "the EISDIR hint"
expect_line "$TMP/bad.out" "  writing the file failed: what was read last is lost" "the ENOSPC note"

# ---- a file past `ulimit -f`: EFBIG from the splice into it, the shell goes on ----
cat > "$TMP/fsz.sock" <<SCRIPT
socketpair unix stream
write fd3 "x"*5000
shutdown fd3 wr
read fd4 >$TMP/fsz
expect EFBIG
socket stream
expect = 5
SCRIPT
(ulimit -f 1 && sockshell_t "$TMP/fsz.sock") > "$TMP/fsz.out" 2>&1
expect_status 0 $? "a read >FILE past ulimit -f (SIGXFSZ ignored)"
expect_line "$TMP/fsz.out" 'splice(6, NULL, 5, NULL, 5000, SPLICE_F_MOVE) = 1024' "the splice the limit cut"
expect_line "$TMP/fsz.out" 'splice(6, NULL, 5, NULL, 3976, SPLICE_F_MOVE) = -1 EFBIG (File too large)' "EFBIG"
expect_line "$TMP/fsz.out" "  writing the file failed: what was read last is lost" "the note"
expect_status 1024 "$(wc -c < "$TMP/fsz")" "bytes in the file"

# ---- a write that fails unprinted: its read prints once, not summed as well ----
# Six datagrams of 60000 bytes; the file may grow to 300 KiB, so the sixth
# read's bytes go in part (7200) and the rest fails. Each read is printed or
# summed, never both: printed and summed add up to the six and to the total.
{
	echo "socketpair unix dgram"
	echo "setsockopt fd3 sndbuf 2000000"
	echo "setsockopt fd4 rcvbuf 2000000"
	for i in 1 2 3 4 5 6; do echo 'write fd3 "x"*60000'; done
	echo "nonblock fd4 on"
	echo "read fd4 >$TMP/six"
	echo "expect EFBIG"
} > "$TMP/six.sock"
(ulimit -f 300 && sockshell_t "$TMP/six.sock") > "$TMP/six.out" 2>&1
expect_status 0 $? "six datagrams into a file that takes 300 KiB"
calls_of "$TMP/six.out" | grep -E '^(read|write)\((4|5),' > "$TMP/six.rw"
printed=$(grep -c '^read(4, ".*) = 60000$' "$TMP/six.rw")
summed=$(summed read "$TMP/six.out")
expect_status 6 "$((printed + ${summed:-0}))" "reads printed ($printed) and summed (${summed:-none})"
tail -n 3 "$TMP/six.rw" > "$TMP/six.tail"
expect_calls "$TMP/six.tail" "the sixth read, then its writes" <<'EOF'
read(4, "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"..., 1048576) = 60000
write(5, "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"..., 60000) = 7200
write(5, "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"..., 52800) = -1 EFBIG (File too large)
EOF
expect_line "$TMP/six.out" "  received 360000 bytes from fd4 into $TMP/six in " "the total"
expect_status 307200 "$(wc -c < "$TMP/six")" "bytes in the file"

# ---- a file that takes no splice (/proc): the pipe's bytes and the rest by read and write ----
sockshell_t -c 'socketpair unix stream; write fd3 "abc"; shutdown fd3 wr; read fd4 >/proc/self/comm; expect = 0; socket stream; expect = 5' > "$TMP/proc.out" 2>&1
expect_status 0 $? "read >/proc/self/comm"
expect_calls "$TMP/proc.out" "a splice refused, read and write instead" <<'EOF'
socketpair(AF_UNIX, SOCK_STREAM, 0, [3, 4]) = 0
write(3, "abc", 3) = 3
shutdown(3, SHUT_WR) = 0
openat(AT_FDCWD, "/proc/self/comm", O_WRONLY|O_CREAT|O_TRUNC, 0666) = 5
pipe2([6, 7], O_CLOEXEC) = 0
fcntl(7, F_SETPIPE_SZ, 1048576) = 1048576
splice(4, NULL, 7, NULL, 1048576, SPLICE_F_MOVE) = 3
splice(6, NULL, 5, NULL, 3, SPLICE_F_MOVE) = -1 EINVAL (Invalid argument)
read(6, "abc", 3) = 3
write(5, "abc", 3) = 3
close(6) = 0
close(7) = 0
read(4, "", 1048576) = 0
close(5) = 0
socket(AF_INET, SOCK_STREAM, IPPROTO_TCP) = 5
close(3) = 0
close(4) = 0
close(5) = 0
EOF
expect_line "$TMP/proc.out" "  hint: this file takes no splice" "the hint"

# ---- a name with spaces, quoted after the mark: >"my file" and @"my file" ----
sockshell_t -c "socketpair unix stream; write fd3 \"spaced\"; shutdown fd3 wr; read fd4 >\"$TMP/my file\"; write fd4 @\"$TMP/my file\"; read fd3 6; expect \"spaced\"; write fd3 \"@x\"" > "$TMP/spaced.out" 2>&1
expect_status 0 $? "quoted names after > and @"
expect_line "$TMP/spaced.out" "openat(AT_FDCWD, \"$TMP/my file\", O_WRONLY|O_CREAT|O_TRUNC, 0666) = 5" "the file read into"
expect_line "$TMP/spaced.out" "openat(AT_FDCWD, \"$TMP/my file\", O_RDONLY) = 5" "the file sent"
expect_line "$TMP/spaced.out" 'write(3, "@x", 2) = ' "a quoted \"@x\" is text"
[ "$(cat "$TMP/my file")" = spaced ] || fail "the file has: $(cat "$TMP/my file")"

# ---- the peer closes mid-way: EPIPE (or ECONNRESET), what it got is the file's start ----
port=$(free_port)
{ timeout "$HANG_LIMIT" nc -l 127.0.0.1 "$port" < /dev/null | head -c 10000000 > "$TMP/peer"; } &
peer_pid=$!
PIDS="$PIDS $peer_pid"
wait_for_port "$port"
cat > "$TMP/gone.sock" <<SCRIPT
socket stream
connect 127.0.0.1 $port
write @$data
socket stream
expect = 4
SCRIPT
sockshell_t "$TMP/gone.sock" > "$TMP/gone.out" 2> "$TMP/gone.err"
expect_status 0 $? "script of a peer that goes"
wait_exit "$peer_pid"
calls_of "$TMP/gone.out" > "$TMP/gone.calls"
grep -B1 '^close(4) = 0$' "$TMP/gone.calls" | head -n 1 > "$TMP/gone.last"
grep -Eqx 'sendfile\(3, 4, NULL, 1048576\) = -1 (EPIPE \(Broken pipe\)|ECONNRESET \(Connection reset by peer\))' \
	"$TMP/gone.last" || fail "the last sendfile: $(cat "$TMP/gone.last")"
sent=$(sed -n 's/^  sent \([0-9]*\) bytes of .*/\1/p' "$TMP/gone.out")
got=$(wc -c < "$TMP/peer")
expect_status 10000000 "$got" "bytes the peer read"
[ -n "$sent" ] && [ "$sent" -ge "$got" ] && [ "$sent" -lt $((100 * MiB)) ] ||
	fail "the shell says $sent bytes went, the peer got $got"
[ "$(head -c "$got" "$data" | sum /dev/stdin)" = "$(sum "$TMP/peer")" ] ||
	fail "the peer's bytes are not the file's first $got"
expect_line "$TMP/gone.out" "  the peer is gone: the send buffer took the first $sent bytes" "the note"

# ---- "x"*N fills a non-blocking socket's send buffer: a short write, then EAGAIN ----
port=$(free_port)
cat > "$TMP/fill.sock" <<SCRIPT
socket stream
bind 127.0.0.1 $port
listen
socket stream
connect 127.0.0.1 $port
accept fd3
nonblock fd4 on
write fd4 "x"*60000000
SCRIPT
# What was sent goes on draining into the peer's receive buffer until that is
# full too: a write may still find a little room, but within a few EAGAIN.
for i in 1 2 3 4 5 6 7 8 9 10; do
	echo 'write fd4 "x"*100000' >> "$TMP/fill.sock"
done
# A file into the full buffer: sendfile stops at EAGAIN too, and the file is closed.
echo "write fd4 @$data" >> "$TMP/fill.sock"
echo "expect EAGAIN" >> "$TMP/fill.sock"
sockshell_t "$TMP/fill.sock" > "$TMP/fill.out" 2> "$TMP/fill.err"
expect_status 0 $? "fill script"
grep -A1 '^write(4, ' "$TMP/fill.out" | head -n 2 > "$TMP/fill.first"
n=$(sed -n 's/^write(4, "x\{32\}"\.\.\., 60000000) = \([0-9]*\)$/\1/p' "$TMP/fill.first")
[ -n "$n" ] && [ "$n" -gt 0 ] && [ "$n" -lt 60000000 ] ||
	fail "no short write of 60000000 x's: $(cat "$TMP/fill.first")"
expect_line "$TMP/fill.first" "  short write: the send buffer took $n of 60000000 bytes" "the short-write note"
expect_line "$TMP/fill.out" 'write(4, "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"..., 100000) = -1 EAGAIN (Resource temporarily unavailable)' "EAGAIN"
expect_line "$TMP/fill.out" "  hint: non-blocking (or sndtimeo ran out) and the send buffer is full" "the EAGAIN hint"
grep -A1 '^sendfile(4, 6, NULL, 1048576) = -1 EAGAIN' "$TMP/fill.out" | tail -n 1 > "$TMP/fill.eagain"
expect_line "$TMP/fill.eagain" "  hint: non-blocking and the send buffer is full" "sendfile's EAGAIN hint"
expect_line "$TMP/fill.out" "close(6) = 0" "the file closed after EAGAIN"
expect_line "$TMP/fill.out" "  the descriptor is non-blocking and had no room or data for more: the rest was not sent" "the EAGAIN note"

# ---- bad input: one line on stderr each, no call ----
cat > "$TMP/input.sock" <<SCRIPT
socketpair unix stream
send fd3 @$data dontwait
read fd4 >
read -x fd4 >$TMP/x
read fd4 0 >$TMP/x
read fd4 1 2 >$TMP/x
write fd3 "x"*67108865
SCRIPT
sockshell_t -k "$TMP/input.sock" > "$TMP/input.out" 2> "$TMP/input.err"
expect_status 1 $? "bad input"
expect_calls "$TMP/input.out" "bad input makes no call" <<'EOF'
socketpair(AF_UNIX, SOCK_STREAM, 0, [3, 4]) = 0
close(3) = 0
close(4) = 0
EOF
expect_lines_n "$TMP/input.err" 6 "errors of bad input"
expect_line "$TMP/input.err" "send: @FILE goes with sendfile, which takes no FLAGS" "flags"
expect_line "$TMP/input.err" "read: > needs a FILE after it" "a lone >"
expect_line "$TMP/input.err" "read: -x shows the data here; >FILE puts it in the file" "-x"
expect_line "$TMP/input.err" "read: count out of range: 0" "COUNT 0"
expect_line "$TMP/input.err" "read: one COUNT before >FILE" "two COUNTs"
expect_line "$TMP/input.err" "repeated text too long at column 14: 67108865 times 1 byte(s) is over 64 MiB" "too much"
[ -e "$TMP/x" ] && fail "a refused read >FILE made the file"

# ---- under strace: sendfile, splice, read and write as strace sees them ----
if can_strace; then
	head -c $((20 * MiB)) "$data" > "$TMP/d20"
	p1=$(free_port) p2=$(free_port) p3=$(free_port)
	timeout "$HANG_LIMIT" nc -l 127.0.0.1 "$p1" < /dev/null > "$TMP/st1" &
	PIDS="$PIDS $!"
	timeout "$HANG_LIMIT" nc -l 127.0.0.1 "$p2" < /dev/null > "$TMP/st2" &
	PIDS="$PIDS $!"
	timeout "$HANG_LIMIT" nc -N -l 127.0.0.1 "$p3" < "$TMP/d20" > /dev/null &
	PIDS="$PIDS $!"
	wait_for_port "$p1"
	wait_for_port "$p2"
	wait_for_port "$p3"
	cat > "$TMP/st.sock" <<SCRIPT
socket stream
connect 127.0.0.1 $p1
write @$TMP/d20
close
socket stream
connect 127.0.0.1 $p2
write @-
close
socket stream
connect 127.0.0.1 $p3
read >$TMP/st3
close
SCRIPT
	# Collapsed calls are not printed: the order is checked, the count below.
	STRACE_EXACT=no strace_agree st socket,connect,openat,sendfile,splice,read,write,close,pipe2,fcntl \
		socket "$TMP/st.sock" < <(cat "$TMP/d20")
	expect_status 0 $? "strace run"
	for f in d20:st1 d20:st2 d20:st3; do
		[ "$(sum "$TMP/${f%:*}")" = "$(sum "$TMP/${f#*:}")" ] ||
			fail "under strace: $f differ"
	done
	# From the first socket on (before it the shell read its script), and
	# not on the shell's own descriptors, numbered from 1000 up.
	awk '/^socket\(/ { on = 1 } on' "$TMP/st.strace" |
		grep -vE '^[a-z0-9_]+\([0-9]{4,}[,)]' > "$TMP/st.after"
	for c in sendfile splice; do
		made=$(grep -c "^$c(" "$TMP/st.after")
		shown=$(grep -c "^$c(" "$TMP/st.calls")
		n=$(summed "$c" "$TMP/st.out")
		[ -n "$n" ] || { fail "no summary of $c calls: $(cat "$TMP/st.out")"; continue; }
		[ "$made" -eq $((shown + n)) ] ||
			fail "$c: strace saw $made calls, the shell printed $shown and summed up $n"
	done
	grep -q '^splice(0, NULL, 3, NULL, 1048576, SPLICE_F_MOVE) = ' "$TMP/st.calls" ||
		fail "no splice from standard input: $(cat "$TMP/st.calls")"
fi

# @- from a pipe that is slow to bring its bytes: splice waits on the pipe,
# not on the socket, whose send buffer is empty: no waiting line for it.
(sleep 0.5; echo hi) | NO_COLOR=1 timeout "$HANG_LIMIT" "$SOCKSHELL" \
	-c 'socketpair stream; write fd3 @-; read fd4' > "$TMP/slowin.out" 2> "$TMP/slowin.err"
expect_status 0 $? "@- from a slow pipe"
expect_no_line "$TMP/slowin.err" "waiting for room in the send buffer" "@- from a slow pipe: a wait on the socket said"
expect_line "$TMP/slowin.out" 'read(4, "hi\n", 4096) = 3' "@- from a slow pipe"

done_testing
