# A name server that never answers: a lookup waits for it. After a quarter
# second one line says what the shell waits for; Ctrl-C cuts the lookup short
# and nothing is called (a script then ends with 130), SIGTERM ends the shell
# with 0 and its closes, and a lookup that gets its answer in time says no
# such line. Run in a namespace whose name server never answers (lib.sh's
# in_silent_dns), with a timeout (30 s) that no run of this test reaches.
. "$top_srcdir/tests/scripts/lib.sh"

in_silent_dns
silent_dns_server || done_testing

# A name the hosts file has: looked up at once, no waiting line.
sockshell_t -c 'socket stream; connect localhost 9' > "$TMP/fast.out" 2> "$TMP/fast.err"
expect_line "$TMP/fast.out" '  getaddrinfo("localhost") found 127.0.0.1:9'
has_text "$TMP/fast.err" "looking up" &&
	fail "a lookup answered at once said it waited: $(cat "$TMP/fast.err")"

# Ctrl-C while connect's lookup waits: nothing is called, the script ends.
printf 'socket stream\nconnect slow.invalid 80\nsocket stream\n' > "$TMP/cut.sock"
if ctrl_c cut; then
	expect_line "$TMP/cut.err" "  looking up slow.invalid: waiting for the name server (Ctrl-C interrupts)"
	expect_line "$TMP/cut.out" "  nothing was called: Ctrl-C (SIGINT) came during the lookup of slow.invalid"
	expect_no_line "$TMP/cut.out" "connect("
	# the script ends there; its one socket is closed at the end
	[ "$(calls_of "$TMP/cut.out" | tr '\n' '|')" = "socket(AF_INET, SOCK_STREAM, IPPROTO_TCP) = 3|close(3) = 0|" ] ||
		fail "calls after a cut lookup: $(calls_of "$TMP/cut.out")"
fi

# resolve too.
printf 'resolve slow.invalid\n' > "$TMP/res.sock"
if ctrl_c res; then
	expect_line "$TMP/res.out" "  Ctrl-C (SIGINT) came during the lookup of slow.invalid: it was cut short"
	[ -s "$TMP/res.err" ] && ! has_text "$TMP/res.err" "looking up slow.invalid" &&
		fail "resolve's wait said nothing: $(cat "$TMP/res.err")"
fi

# SIGTERM while the lookup waits: the shell ends as it does in a call, with 0.
NO_COLOR=1 "$SOCKSHELL" "$TMP/cut.sock" > "$TMP/term.out" 2> "$TMP/term.err" &
pid=$!
PIDS="$PIDS $pid"
if wait_for_text "$TMP/term.err" "Ctrl-C" && wait_sleeping "$pid"; then
	kill -TERM "$pid"
	wait_exit "$pid"
	expect_status 0 $? "SIGTERM during a lookup"
	expect_line "$TMP/term.out" "  nothing was called: SIGTERM came during the lookup of slow.invalid"
	expect_line "$TMP/term.out" "close(3) = 0"
	[ -s "$TMP/term.err" ] && ! grep -qv "looking up" "$TMP/term.err" ||
		fail "SIGTERM during a lookup: $(cat "$TMP/term.err")"
fi

# While a lookup waits, a child's lines print as they come (as in a call
# that waits); and a child whose lookup Ctrl-C cuts short ends with 130.
cat > "$TMP/kids.sock" <<'SCRIPT'
fork "echo from the child"
resolve slow.invalid
SCRIPT
NO_COLOR=1 "$SOCKSHELL" "$TMP/kids.sock" > "$TMP/kids.out" 2> "$TMP/kids.err" &
pid=$!
PIDS="$PIDS $pid"
if wait_for_text "$TMP/kids.err" "Ctrl-C" && wait_for_text "$TMP/kids.out" "from the child"; then
	kill -INT "$pid"
	wait_exit "$pid"
	expect_status 130 $? "Ctrl-C during the lookup, a child's lines printed meanwhile"
fi
cat > "$TMP/kid.sock" <<'SCRIPT'
fork "socket stream; connect slow.invalid 80; echo never here"
wait
SCRIPT
NO_COLOR=1 "$SOCKSHELL" "$TMP/kid.sock" > "$TMP/kid.out" 2> "$TMP/kid.err" &
pid=$!
PIDS="$PIDS $pid"
if wait_for_text "$TMP/kid.err" "looking up slow.invalid"; then
	kid=$(pgrep -P "$pid" | head -n 1)
	[ -n "$kid" ] && kill -INT "$kid"
	wait_exit "$pid"
	expect_status 0 $? "a script whose child's lookup was cut short"
	expect_line "$TMP/kid.out" "  [pid $kid] nothing was called: Ctrl-C (SIGINT) came during the lookup of slow.invalid"
	grep -q "^wait4(-1, \[{WIFEXITED(s) && WEXITSTATUS(s) == 130}\], 0, NULL) = $kid\$" "$TMP/kid.out" ||
		fail "the child whose lookup was cut short did not end with 130: $(cat "$TMP/kid.out")"
	expect_no_line "$TMP/kid.out" "  [pid $kid] never here"
fi

# No descriptor left for the lookup's pipe: it runs in the shell itself, and
# says first that Ctrl-C cannot cut it short.
{ echo "socket stream"; for i in $(seq 20); do echo "socket stream"; done
  echo "connect fd3 localhost 9"; } > "$TMP/full.sock"
(ulimit -n 16 && NO_COLOR=1 timeout "$HANG_LIMIT" "$SOCKSHELL" -k "$TMP/full.sock") > "$TMP/full.out" 2>&1
grep -q "^  looking up localhost in the shell itself (no process for it: Too many open files): Ctrl-C cannot cut this one short\$" "$TMP/full.out" ||
	fail "a lookup with no descriptor for its pipe: $(cat "$TMP/full.out")"
done_testing
