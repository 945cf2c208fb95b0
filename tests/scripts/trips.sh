# What a new user tripped on, as scripts: each case once wrong, now as it should be.
. "$top_srcdir/tests/scripts/lib.sh"
need timeout

# 1. A refused line ends a script: it never runs on into a blocking accept.
port=$(free_port)
cat > "$TMP/typo.sock" <<SCRIPT
socket stream
bind 127.0.0.1 $port
listen 1
conect 127.0.0.1 $port
accept
SCRIPT
sockshell_t "$TMP/typo.sock" > "$TMP/typo.out" 2> "$TMP/typo.err"
expect_status 1 $? "a script with a typo"
expect_lines_n "$TMP/typo.err" 1 "the typo's error"
grep -q "^$TMP/typo.sock:4: unknown command: conect (did you mean connect?)" "$TMP/typo.err" ||
	fail "typo: $(cat "$TMP/typo.err")"
grep -q '^accept(' "$TMP/typo.out" && fail "typo: the script went on to accept"
expect_line "$TMP/typo.out" "close(3) = 0"

# 2. Data past strsize is not lost: the data view shows it whole, line by line.
# (abstract names are the network namespace's: each run takes its own)
cat > "$TMP/view.sock" <<SCRIPT
socket unix stream
bind @sockshell-trips-view-$$
listen 1
socket unix stream
connect @sockshell-trips-view-$$
accept fd3
write "HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n\r\nthe body, longer than strsize\n"
read fd4
set data hex
write "hi"
read fd4
set DATA OFF
write "hi"
read fd4
set data text
write "hi"
read fd4
SCRIPT
LC_ALL=C.UTF-8 sockshell_t "$TMP/view.sock" > "$TMP/view.out" 2> "$TMP/view.err"
expect_status 0 $? "the data view script"
[ -s "$TMP/view.err" ] && fail "data view: stderr: $(cat "$TMP/view.err")"
# The call line stays strace's, cut at 32 bytes...
expect_line "$TMP/view.out" 'read(4, "HTTP/1.0 200 OK\r\nContent-Type: t"..., 4096) = 75'
# ...and under it every line of the data, escaped as the call line escapes.
grep -A4 '^read(4, "HTTP' "$TMP/view.out" | tail -4 > "$TMP/view.lines"
printf '%s\n' ' | HTTP/1.0 200 OK\r\n' ' | Content-Type: text/plain\r\n' ' | \r\n' \
	' | the body, longer than strsize\n' > "$TMP/view.want"
diff -u "$TMP/view.want" "$TMP/view.lines" > "$TMP/view.diff" ||
	fail "data view: $(cat "$TMP/view.diff")"
# `set` answers every change; values in any case; hex dumps, off shows nothing,
# and text says nothing more when the line showed it all.
expect_line "$TMP/view.out" "  data hex"
expect_line "$TMP/view.out" "  data off"
expect_line "$TMP/view.out" "  data text"
[ "$(grep -c '^ | 00000  68 69 ' "$TMP/view.out")" = 1 ] ||
	fail "data hex: one hexdump wanted: $(cat "$TMP/view.out")"
[ "$(grep -c '^ | ' "$TMP/view.out")" = 5 ] ||
	fail "data view: 5 view lines wanted (4 text, 1 hex): $(cat "$TMP/view.out")"

# 3. Korean in the data view with a UTF-8 locale; the call line stays octal.
cat > "$TMP/ko.sock" <<SCRIPT
socket unix stream
bind @sockshell-trips-ko-$$
listen 1
socket unix stream
connect @sockshell-trips-ko-$$
accept fd3
write "안녕"
read fd4
SCRIPT
LC_ALL=C.UTF-8 sockshell_t "$TMP/ko.sock" > "$TMP/ko.out" 2> "$TMP/ko.err"
expect_status 0 $? "Korean data"
expect_line "$TMP/ko.out" 'read(4, "\354\225\210\353\205\225", 4096) = 6'
expect_line "$TMP/ko.out" ' | 안녕'
LC_ALL=C sockshell_t "$TMP/ko.sock" > "$TMP/ko-c.out" 2> "$TMP/ko-c.err"
grep -q '안녕' "$TMP/ko-c.out" && fail "Korean shown raw in the C locale"

# 4. Refusals that point at what was meant.
cat > "$TMP/hints.sh" <<'SCRIPT'
socket stream
accept 3
expect 3
expect EADRINUSE
echo "a\nb"
SCRIPT
sockshell_t < "$TMP/hints.sh" > "$TMP/hints.out" 2> "$TMP/hints.err"
expect_status 1 $? "refusals on a pipe"
grep -qF 'accept: too many arguments (a descriptor is written fd3)' "$TMP/hints.err" ||
	fail "accept 3: $(cat "$TMP/hints.err")"
grep -qF 'expect: cannot expect 3: a return value is written `expect = 3`' "$TMP/hints.err" ||
	fail "expect 3: $(cat "$TMP/hints.err")"
grep -qF 'expect: unknown errno: EADRINUSE (did you mean EADDRINUSE?)' "$TMP/hints.err" ||
	fail "expect EADRINUSE: $(cat "$TMP/hints.err")"
expect_line "$TMP/hints.out" "  a"
expect_line "$TMP/hints.out" "  b"

# 5. Hints that see the socket.
cat > "$TMP/sock-hints.sh" <<SCRIPT
socket unix stream
bind $TMP/taken
socket unix stream
bind $TMP/taken
socket stream
bind 127.0.0.1 0
listen 1
connect 127.0.0.1 1
SCRIPT
sockshell_t < "$TMP/sock-hints.sh" > "$TMP/sh.out" 2> "$TMP/sh.err"
grep -A1 '^bind(4, .* = -1 EADDRINUSE' "$TMP/sh.out" | grep -q 'unlink PATH' ||
	fail "EADDRINUSE on a unix path: $(cat "$TMP/sh.out")"
grep -A1 '^bind(4, .* = -1 EADDRINUSE' "$TMP/sh.out" | grep -q 'TIME_WAIT' &&
	fail "EADDRINUSE on a unix path speaks of TIME_WAIT"
grep -A1 '^connect(5, .* = -1 ' "$TMP/sh.out" | grep '^  hint:' | grep -q 'already connected' &&
	fail "connect on a listener: 'already connected': $(cat "$TMP/sh.out")"
grep -A1 '^connect(5, .* = -1 ' "$TMP/sh.out" | grep '^  hint:' | grep -q 'listens' ||
	fail "connect on a listener: $(cat "$TMP/sh.out")"

# 6. lesson: a path runs that file; the list has titles; one lesson cannot
#    start another; an empty name is refused.
cat > "$TMP/mine.sock" <<'SCRIPT'
# Lesson 42: my own lesson
socket stream
expect = 3
SCRIPT
(cd "$TMP" && printf 'lesson ./mine.sock\n\n' | sockshell_t) > "$TMP/mine.out" 2> "$TMP/mine.err"
expect_line "$TMP/mine.out" "# Lesson 42: my own lesson"
expect_line "$TMP/mine.out" "socket(AF_INET, SOCK_STREAM, IPPROTO_TCP) = 3"
printf 'lesson %s\n\n' "$TMP/mine.sock" | sockshell_t > "$TMP/abs.out" 2> "$TMP/abs.err"
expect_line "$TMP/abs.out" "socket(AF_INET, SOCK_STREAM, IPPROTO_TCP) = 3"
printf 'lesson\n' | sockshell_t > "$TMP/list.out" 2>&1
grep -qE '^  01-tcp-lifecycle +the life of a TCP connection$' "$TMP/list.out" ||
	fail "lesson list without titles: $(cat "$TMP/list.out")"
printf '# Lesson 1: self\nlesson self\n' > "$TMP/self.sock"
printf '\n\n' | sockshell_t --step "$TMP/self.sock" > "$TMP/self.out" 2> "$TMP/self.err"
grep -q 'one lesson cannot start another' "$TMP/self.err" ||
	fail "lesson inside a lesson: $(cat "$TMP/self.err")"
printf 'lesson ""\n' | sockshell_t > /dev/null 2> "$TMP/empty.err"
grep -q 'lesson: the name is empty' "$TMP/empty.err" || fail "lesson \"\": $(cat "$TMP/empty.err")"

# 7. --step -i FILE steps through FILE, then stays at the prompt (here a pipe).
printf '\nfds\n' | sockshell_t --step -i "$TMP/mine.sock" > "$TMP/stay.out" 2> "$TMP/stay.err"
expect_status 0 $? "--step -i"
grep -qE '^\* +3 +inet stream' "$(squeeze "$TMP/stay.out" > "$TMP/stay.sq"; echo "$TMP/stay.sq")" ||
	fail "--step -i did not stay with fd3: $(cat "$TMP/stay.out")"

# 8. A failed expect in step mode says what was expected and what happened.
#    From a pipe the step is not put again (`yes ''` would run it, and fail
#    it, for ever): the lesson stops there, as a script does. At a terminal
#    the step comes again (tests/tty/trips.sh).
cat > "$TMP/stop.sock" <<'SCRIPT'
socket stream
expect = 4
listen 5
SCRIPT
printf '\n\n\n' | sockshell_t --step "$TMP/stop.sock" > "$TMP/stop.out" 2> "$TMP/stop.err"
expect_status 1 $? "a failed expect in step mode"
grep -qF "stop.sock:2: expected = 4, got = 3" "$TMP/stop.err" || fail "step expect: $(cat "$TMP/stop.err")"
expect_line "$TMP/stop.out" "  the next steps build on this call, which was to give = 4 and gave = 3; with no terminal to put the step on again, the lesson stops here"
expect_no_line "$TMP/stop.out" "socket(AF_INET, SOCK_STREAM, IPPROTO_TCP) = 4"
expect_no_line "$TMP/stop.out" "listen(3, 5) = 0"

# A step that moved bytes is not made again when its expect fails: it would
# send twice. The lesson goes on to the next step.
cat > "$TMP/moved.sock" <<'SCRIPT'
socketpair stream
write fd3 "hi"
expect = 3
read fd4
SCRIPT
printf '\n\n\n' | sockshell_t --step "$TMP/moved.sock" > "$TMP/moved.out" 2> "$TMP/moved.err"
expect_status 1 $? "a failed expect after a write in step mode"
grep -qF "moved.sock:3: expected = 3, got = 2" "$TMP/moved.err" || fail "moved: $(cat "$TMP/moved.err")"
grep -qF "the step is on the prompt again" "$TMP/moved.out" &&
	fail "a write whose expect failed was offered again: $(cat "$TMP/moved.out")"
[ "$(grep -c '^write(3, "hi", 2) = 2$' "$TMP/moved.out")" = 1 ] ||
	fail "the write was made more than once: $(cat "$TMP/moved.out")"
expect_line "$TMP/moved.out" 'read(4, "hi", 4096) = 2'

# A step the teacher changed: the lesson's expects for it, written for the
# step as it was, say what they wanted, but fail nothing and bring no step
# back.
printf 'socket dgram\n\n' | sockshell_t --step "$TMP/stop.sock" > "$TMP/changed.out" 2> "$TMP/changed.err"
expect_status 0 $? "a changed step whose expect does not hold"
grep -q "expected" "$TMP/changed.err" && fail "a changed step's expect failed the lesson: $(cat "$TMP/changed.err")"
expect_line "$TMP/changed.out" "  the lesson expects = 4 of this step as it is written; changed, it gave = 3"
expect_line "$TMP/changed.out" "socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP) = 3"
grep -qF "on the prompt again" "$TMP/changed.out" && fail "a changed step came again: $(cat "$TMP/changed.out")"

# The end of input at a step (Ctrl-D) leaves the lesson, and says where.
printf 'socket stream\nlisten 5\nclose\n' > "$TMP/three.sock"
printf '\n' | sockshell_t --step "$TMP/three.sock" > "$TMP/left.out" 2>&1
expect_line "$TMP/left.out" "  the lesson was left at step 2 of 3"

# A step the teacher changed is theirs: an error in it names no line of the file.
printf 'sokcet stream\n\n' | sockshell_t --step "$TMP/stop.sock" > "$TMP/typo.out" 2> "$TMP/typo.err"
expect_line "$TMP/typo.err" "sockshell: unknown command: sokcet (did you mean socket?)"
grep -q 'stop.sock:1:' "$TMP/typo.err" && fail "a typo at a step was blamed on the lesson: $(cat "$TMP/typo.err")"

# fds of IPv4 sockets with a flag fits 80 columns: no row of it is broken.
sockshell_t -c 'socket stream; bind 127.0.0.1 0; listen; socket stream; nonblock on; fds' > "$TMP/fds80.out" 2>&1
grep -E '^ +(\* )?[0-9]+ +inet|^ +FD ' "$TMP/fds80.out" > "$TMP/fds80.rows"
[ "$(wc -l < "$TMP/fds80.rows")" = 3 ] || fail "fds rows: $(cat "$TMP/fds80.out")"
expect_width "$TMP/fds80.rows" 80

# 9. A refused line makes no call: `expect` still checks the call before it.
printf 'socket stream\naccept\nexpect EADRINUSE\nexpect EINVAL\n' |
	sockshell_t > "$TMP/keep.out" 2> "$TMP/keep.err"
grep -q 'expected EINVAL' "$TMP/keep.err" && fail "a refused line hid the call before it: $(cat "$TMP/keep.err")"
printf 'socket stream\naccept\nlisten 1 2 3\nexpect EINVAL\n' > "$TMP/keep.sock"
sockshell_t -k "$TMP/keep.sock" > "$TMP/keepk.out" 2> "$TMP/keepk.err"
expect_lines_n "$TMP/keepk.err" 1 "-k: only the refused line is an error"
done_testing
