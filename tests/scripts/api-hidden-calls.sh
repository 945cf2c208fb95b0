# The calls the shell makes unprinted, only where something uses them: whether
# a call slept (getrusage around it) is asked when a script can ask it
# (`expect waited`, `expect at-once`, in a file, in -c, typed after -i FILE),
# and not otherwise; `expect waited` and `at-once` hold as before. The ports
# the shell knows (bind, connect, accept) are not asked again at a close, and
# ss still finds them in TIME_WAIT; fds tells a socket nothing has bound or
# connected without asking, in the very words it has for one it asks about.
. "$top_srcdir/tests/scripts/lib.sh"
need timeout

# A poll that times out sleeps; a socket call never does.
cat > "$TMP/asks.sock" <<'SCRIPT'
socket dgram
bind 127.0.0.1 0
poll fd3:in 100
expect waited
socket dgram
expect at-once
SCRIPT
grep -v expect "$TMP/asks.sock" > "$TMP/silent.sock"

sockshell "$TMP/asks.sock" > "$TMP/asks.out" 2> "$TMP/asks.err"
expect_status 0 $? "a script whose expect waited and at-once hold"
expect_line "$TMP/asks.out" "poll([{fd=3, events=POLLIN}], 1, 100) = 0 (Timeout)"
sockshell -c 'socket dgram; poll fd3:in 100; expect at-once' > /dev/null 2>&1
expect_status 1 $? "-c: a poll that timed out did not return at once"
head -3 "$TMP/silent.sock" > "$TMP/poll.sock"
printf 'expect waited\n' > "$TMP/stay.in"
sockshell -i "$TMP/poll.sock" < "$TMP/stay.in" > "$TMP/stay.out" 2>&1
expect_status 0 $? "-i: expect waited typed after the script"

if can_strace; then
	# calls NAME FILE: how many getrusage calls the shell ran FILE with.
	rusage() {
		timeout "$HANG_LIMIT" strace -f -o "$TMP/$1.trace" -e trace=getrusage \
			"$SOCKSHELL" "$2" > /dev/null 2>&1
		grep -c '^[0-9]* *getrusage(' "$TMP/$1.trace"
	}
	n=$(rusage silent "$TMP/silent.sock")
	[ "$n" = 0 ] || fail "no expect waited in the script, yet $n getrusage calls"
	n=$(rusage asks "$TMP/asks.sock")
	[ "$n" -ge 2 ] || fail "expect waited in the script, yet $n getrusage calls"
fi

port=$(free_port)
[ -n "$port" ] || { fail "no free port"; done_testing; }
{ lifecycle_script "$port"; echo "ss $port"; } > "$TMP/life.sock"
sockshell "$TMP/life.sock" > "$TMP/life.out" 2>&1
expect_status 0 $? "a TCP lifecycle"
grep -q "TIME_WAIT .*:$port " "$TMP/life.out" ||
	fail "ss lists no TIME-WAIT on port $port after the closes:
$(cat "$TMP/life.out")"

# Sockets nothing bound nor connected, and their like a setsockopt made the
# shell ask the kernel about: rows alike.
cat > "$TMP/rows.sock" <<'SCRIPT'
socket stream
socket dgram nonblock
socket stream
setsockopt fd5 keepalive 0
socket stream
setsockopt fd6 keepalive 0
nonblock fd6 on
socket inet6 dgram
socket dgram
setsockopt fd8 keepalive 0
nonblock fd8 on
socket inet6 stream
socket inet6 stream
setsockopt fd10 keepalive 0
fds
SCRIPT
sockshell "$TMP/rows.sock" > "$TMP/rows.out" 2>&1
expect_status 0 $? "fds of sockets never bound nor connected"
# row FD: fd's row in the table, without its number and the current mark.
row() { grep -E "^  [ *] $1 " "$TMP/rows.out" | cut -c10-; }
[ -n "$(row 3)" ] || fail "no row for fd3 in fds:
$(cat "$TMP/rows.out")"
[ "$(row 3)" = "$(row 5)" ] || fail "fd3 and fd5 differ: $(row 3) / $(row 5)"
[ "$(row 3 | sed 's/ *$//')" = "$(row 6 | sed 's/ *nonblock$//')" ] ||
	fail "fd3 and fd6 (nonblock) differ: $(row 3) / $(row 6)"
[ "$(row 4)" = "$(row 8)" ] || fail "fd4 and fd8 differ: $(row 4) / $(row 8)"
[ "$(row 9)" = "$(row 10)" ] || fail "fd9 and fd10 differ: $(row 9) / $(row 10)"
expect_line "$TMP/rows.out" "    3    inet stream  CLOSE        0.0.0.0:0"
expect_line "$TMP/rows.out" "    7    inet6 dgram  -            [::]:0"
expect_line "$TMP/rows.out" "    9    inet6 stream CLOSE        [::]:0"

if can_strace; then
	# count NAME CALLS FILE: how many CALLS the shell made running FILE.
	count() {
		timeout "$HANG_LIMIT" strace -f -o "$TMP/$1.trace" -e trace="$2" \
			"$SOCKSHELL" "$3" > /dev/null 2>&1
		grep -cE "^[0-9]* *($2)\(" "$TMP/$1.trace"
	}
	# Every close knows the peer's port (ss finds the TIME-WAIT row by it, as
	# the check above shows), so the client's own port is never asked.
	port=$(free_port)
	sed "s/ $(sed -n 's/^bind 127.0.0.1 //p' "$TMP/life.sock")\$/ $port/" \
		"$TMP/life.sock" | grep -v '^ss' > "$TMP/life2.sock"
	n=$(count life getsockname "$TMP/life2.sock")
	[ "$n" = 0 ] || fail "a TCP lifecycle made $n getsockname calls, not 0"
	n=$(count life getpeername "$TMP/life2.sock")
	[ "$n" = 0 ] || fail "a TCP lifecycle made $n getpeername calls, not 0"
	# A script peeks at no call (poll with a timeout of 0): a watching thread
	# says the waiting line of a call that waits. None with standard error on
	# /dev/null, none with it in a file, where the line is seen; at the
	# prompt the peek stays (tests/tty). Standard output on /dev/null is
	# flushed for nobody: the data goes, and the lines at the end.
	n=$(count life poll "$TMP/life2.sock")
	[ "$n" = 0 ] || fail "with nobody to see the waiting line, $n polls, not 0"
	timeout "$HANG_LIMIT" strace -f -o "$TMP/seen.trace" -e trace=poll,write \
		"$SOCKSHELL" "$TMP/life2.sock" > /dev/null 2> "$TMP/seen.err"
	n=$(grep -c '^[0-9]* *poll(' "$TMP/seen.trace")
	[ "$n" = 0 ] || fail "with the waiting line seen, $n polls in a script, not 0"
	n=$(count life write "$TMP/life2.sock")
	[ "$n" = 2 ] || fail "with standard output on /dev/null, $n writes, not 2 (the data, the lines at the end)"
	# fds: the sockets it asks about are the four setsockopt touched (what
	# comes after the first close is the end's).
	count rows getsockname,close,socket "$TMP/rows.sock" > /dev/null
	n=$(awk '/ socket\(|^socket\(/ { on = 1 } on && /close\(/ { exit }
		on && /getsockname\(/ { n++ } END { print n + 0 }' "$TMP/rows.trace")
	[ "$n" = 4 ] || fail "fds made $n getsockname calls, not 4 (fd5, fd6, fd8, fd10)"

	# Every call the shell makes from its first socket to its last close is
	# printed, or named in the man page's list of the calls it makes
	# unprinted (read and write also move the script and the output). The
	# script comes through a pipe, so the wait for input is among them. The
	# C library's allocator may map memory at any time, and a sanitizer's
	# run time makes calls of its own: those are not the shell's.
	listed=$(awk '/^These are all the calls the shell makes that it does not print/ { on = 1 }
		on && /^\.El/ { exit }
		on && /^\.(Fn|Xr) / { print $2 }' "$top_srcdir/man/sockshell.1" | sort -u)
	[ -n "$listed" ] || fail "no list of unprinted calls found in man/sockshell.1"
	port=$(free_port)
	sed "s/ $(sed -n 's/^bind 127.0.0.1 //p' "$TMP/life.sock")\$/ $port/" \
		"$TMP/life.sock" | sed 's/^ss .*/fds/' > "$TMP/life3.sock"
	printf 'sleep 0.01\n' >> "$TMP/life3.sock"
	cat "$TMP/life3.sock" | timeout "$HANG_LIMIT" strace -f -o "$TMP/all.trace" \
		"$SOCKSHELL" > "$TMP/all.out" 2> "$TMP/all.err"
	printed=$(sed -n 's/^\([a-z0-9_]*\)(.*/\1/p' "$TMP/all.out" | sort -u)
	[ -n "$printed" ] || fail "no call lines from the lifecycle through a pipe:
$(cat "$TMP/all.out" "$TMP/all.err")"
	made=$(awk '/^[0-9]+ +socket\(/ { on = 1 } on { print }' "$TMP/all.trace" |
		sed -n 's/^[0-9]* *\([a-z0-9_]*\)(.*/\1/p' | sort -u)
	for name in $made; do
		[ "${SOCKSHELL_SANITIZED:-0}" = 1 ] && break
		case " read write exit_group brk mmap munmap mremap madvise mprotect " in
		*" $name "*) continue ;;
		esac
		printf '%s\n' "$printed" | grep -qx "$name" && continue
		printf '%s\n' "$listed" | grep -qx "$name" && continue
		fail "$name: the shell made it unprinted, and the man page does not list it"
	done
else
	printf 'note: strace cannot trace here; the call counts were left out\n' >&2
fi
done_testing
