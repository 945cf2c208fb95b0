# The `lesson` command: it lists the lessons, steps through one, refuses a shell
# that already holds descriptors, and Ctrl-D (end of input) leaves the lesson only.
. "$top_srcdir/tests/scripts/lib.sh"

mkdir -p "$TMP/lessons"
cat > "$TMP/lessons/01-tiny.sock" <<'SCRIPT'
# First a socket.
socket stream
expect = 3
# Then an address.
bind 127.0.0.1 0
expect ok
SCRIPT
cat > "$TMP/lessons/02-other.sock" <<'SCRIPT'
socket dgram
SCRIPT
cat > "$TMP/lessons/03-hosts.sock" <<'SCRIPT'
# Lesson 3: two hosts
#
# Run it in the lab: sockshell --lab --step lessons/03-hosts.sock
host server
SCRIPT
export SOCKSHELL_LESSONS="$TMP/lessons"

# Listed by name, without .sock.
sockshell -c 'lesson' > "$TMP/list.out" 2> "$TMP/list.err"
expect_status 0 $? "lesson lists"
expect_line "$TMP/list.out" "  01-tiny"
expect_line "$TMP/list.out" "  02-other"

# A name that is no lesson: one error line, exit 1.
sockshell -c 'lesson nope' > "$TMP/nope.out" 2> "$TMP/nope.err"
expect_status 1 $? "lesson nope"
expect_line "$TMP/nope.err" "no lesson is called nope"
[ "$(wc -l < "$TMP/nope.err")" = 1 ] || fail "lesson nope: not one line: $(cat "$TMP/nope.err")"

# Descriptors already open: the lesson's numbers would be wrong, so it is refused.
sockshell -c 'socket stream; lesson 01' > "$TMP/busy.out" 2> "$TMP/busy.err"
expect_status 1 $? "lesson with a descriptor open"
expect_line "$TMP/busy.err" "this shell has descriptors open (first: fd3)"
expect_no_line "$TMP/busy.out" "First a socket."

# Stepping from a pipe: an empty line runs the shown command; end of input at
# the next step leaves the lesson, keeps its descriptor, and the shell goes on.
printf 'lesson 01\n\n' | sockshell > "$TMP/step.out" 2> "$TMP/step.err"
expect_status 0 $? "stepping, then end of input"
expect_line "$TMP/step.out" "# First a socket."
expect_line "$TMP/step.out" "socket(AF_INET, SOCK_STREAM, IPPROTO_TCP) = 3"
expect_line "$TMP/step.out" "  left the lesson; its descriptors stay"
expect_no_line "$TMP/step.out" "bind(3,"
expect_line "$TMP/step.out" "close(3) = 0"
[ -s "$TMP/step.err" ] && fail "stderr: $(cat "$TMP/step.err")"

# A lesson whose head says it runs in the lab is refused outside it, at once
# and in one line, by `lesson` and by --step alike; nothing of it runs.
sockshell -c 'lesson 03' > "$TMP/lab.out" 2> "$TMP/lab.err"
expect_status 1 $? "a lab lesson outside the lab"
expect_line "$TMP/lab.err" "sockshell: lesson: 03 runs in the lab, and this shell is not in it: start \`sockshell --lab\` and type \`lesson 03\` there"
[ "$(wc -l < "$TMP/lab.err")" = 1 ] || fail "lab lesson: not one line: $(cat "$TMP/lab.err")"
[ -s "$TMP/lab.out" ] && fail "lab lesson: it ran: $(cat "$TMP/lab.out")"
sockshell --step "$TMP/lessons/03-hosts.sock" < /dev/null > "$TMP/labs.out" 2> "$TMP/labs.err"
expect_status 2 $? "--step of a lab lesson outside the lab"
expect_line "$TMP/labs.err" "sockshell: $TMP/lessons/03-hosts.sock runs in the lab: sockshell --lab --step $TMP/lessons/03-hosts.sock"
[ -s "$TMP/labs.out" ] && fail "--step lab lesson: it ran: $(cat "$TMP/labs.out")"
# Run as a plain script, the same: refused before its first line.
sockshell "$TMP/lessons/03-hosts.sock" < /dev/null > "$TMP/labp.out" 2> "$TMP/labp.err"
expect_status 2 $? "a lab lesson run as a script outside the lab"
expect_line "$TMP/labp.err" "sockshell: $TMP/lessons/03-hosts.sock runs in the lab: sockshell --lab $TMP/lessons/03-hosts.sock"
[ -s "$TMP/labp.out" ] && fail "lab lesson as a script: it ran: $(cat "$TMP/labp.out")"

# A unique prefix names a lesson as well as its number does.
printf 'lesson ti\n\n\n' | sockshell > "$TMP/prefix.out" 2>&1
expect_line "$TMP/prefix.out" "bind(3, {sa_family=AF_INET, sin_port=htons(0), sin_addr=inet_addr(\"127.0.0.1\")}, 16) = 0"
# So does a prefix of any of its words; a prefix of more than one names them.
cat > "$TMP/lessons/04-tiny-two.sock" <<'SCRIPT'
socket stream
SCRIPT
printf 'lesson two\n\n' | sockshell > "$TMP/word.out" 2>&1
expect_line "$TMP/word.out" "socket(AF_INET, SOCK_STREAM, IPPROTO_TCP) = 3"
sockshell -c 'lesson ti' > "$TMP/many.out" 2> "$TMP/many.err"
expect_status 1 $? "lesson ti, now the prefix of two"
expect_line "$TMP/many.err" "sockshell: lesson: ti begins more than one: 01-tiny, 04-tiny-two (say more of the name)"
# A step the lesson itself mistyped is refused and makes no call: its expect
# has nothing of its own to judge, and says so, rather than hold by the
# call before it.
printf '# a socket\nsocket stream\nexpect ok\n# a typo\nsokcet stream\nexpect ok\n' > "$TMP/typo.sock"
printf '\n\n\n' | sockshell --step "$TMP/typo.sock" > "$TMP/typo.out" 2> "$TMP/typo.err"
expect_line "$TMP/typo.err" "unknown command: sokcet"
[ "$(grep -c '  as expected: ok' "$TMP/typo.out")" = 1 ] ||
	fail "the refused step's expect held by the call before it: $(cat "$TMP/typo.out")"
expect_line "$TMP/typo.out" "  the step made no call (it was refused): its expect is not checked"

# From a pipe, a step whose expect fails is not put again (the same empty
# line would run it again, and fail again, for ever): the lesson stops, 1.
printf '# two\nsocket stream\nexpect = 4\necho never here\n' > "$TMP/miss.sock"
yes '' 2>/dev/null | sockshell_t --step "$TMP/miss.sock" > "$TMP/miss.out" 2> "$TMP/miss.err"
expect_status 1 $? "a failed expect at a step from a pipe"
expect_line "$TMP/miss.err" "$TMP/miss.sock:3: expected = 4, got = 3"
expect_line "$TMP/miss.out" "  the next steps build on this call, which was to give = 4 and gave = 3; with no terminal to put the step on again, the lesson stops here"
expect_no_line "$TMP/miss.out" "  never here"
[ "$(grep -c '^socket(' "$TMP/miss.out")" = 1 ] || fail "the step ran again: $(cat "$TMP/miss.out")"
# A step that moved bytes is not made again, and the lesson goes on; its end
# says that an expect did not hold, so that it does not read as all well.
printf '# pair\nsocketpair stream\nwrite fd3 "a"\nread fd4\nexpect "b"\necho after\n' > "$TMP/moved.sock"
yes '' 2>/dev/null | sockshell_t --step "$TMP/moved.sock" > "$TMP/moved.out" 2> "$TMP/moved.err"
expect_status 1 $? "a lesson with a failed expect"
expect_line "$TMP/moved.out" "  after"
expect_line "$TMP/moved.out" "  the end of the lesson: all 4 steps are done"
expect_line "$TMP/moved.out" "  but 1 expect did not hold (line 5)"

done_testing
