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
done_testing
