# The calls the shell makes unprinted, only where something uses them: whether
# a call slept (getrusage around it) is asked when a script can ask it
# (`expect waited`, `expect at-once`, in a file, in -c, typed after -i FILE),
# and not otherwise; `expect waited` and `at-once` hold as before.
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
else
	printf 'note: strace cannot trace here; the call counts were left out\n' >&2
fi
done_testing
