# History across runs: kept in $XDG_STATE_HOME/sockshell/history (its folders made), Up brings
# back the last session's lines, a line that did not parse is kept too; SOCKSHELL_HISTORY moves
# it or (empty) turns it off; a pipe never reads or writes it.
. "$top_srcdir/tests/tty/lib.sh"
have_readline || skip "built --without-readline: no history"

hist="$XDG_STATE_HOME/sockshell/history"

# First run: two lines, one of which does not parse.
start_shell
run_cmd "echo first session"
wait_for_screen "  first session"
run_cmd 'write "unterminated'
wait_for_screen "sockshell: "
wait_for_prompt
press C-d
wait_for_screen "[exit 0]"
stop_shell
[ -f "$hist" ] || fail "no history file at $hist"
grep -qx 'echo first session' "$hist" || fail "history lacks the first line: $(cat "$hist" 2>&1)"
grep -qxF 'write "unterminated' "$hist" || fail "history lacks the line that did not parse"

# Second run: Up shows the last line, Up again the one before; Enter runs it.
start_shell
wait_for_prompt
press Up
wait_for_last_line 'sockshell> write "unterminated'
press Up
wait_for_last_line "sockshell> echo first session"
press Enter
wait_for_screen "  first session"
# A line the same as the one before is kept once.
run_cmd "echo second session"
wait_for_screen "  second session"
run_cmd "echo second session"
wait_until "the second echo never ran" shown_at_least 2 "  second session"
run_cmd "quit"
wait_for_screen "[exit 0]"
stop_shell
want='echo first session
write "unterminated
echo first session
echo second session
quit'
[ "$(cat "$hist")" = "$want" ] || fail "the history file, after two runs: $(cat "$hist")"

# SOCKSHELL_HISTORY moves it.
start_shell env SOCKSHELL_HISTORY="$TMP/moved/hist" "$SOCKSHELL"
run_cmd "echo moved"
wait_for_screen "  moved"
# Ctrl-D only once Readline reads keys again: before, the terminal takes it.
wait_for_prompt
press C-d
wait_for_screen "[exit 0]"
stop_shell
grep -qx 'echo moved' "$TMP/moved/hist" 2>/dev/null || fail "SOCKSHELL_HISTORY=path was not used"
grep -qx 'echo moved' "$hist" && fail "the line went to the default history too"

# Empty, it turns history off: nothing read (Up finds nothing), nothing written.
before=$(cat "$hist")
start_shell env SOCKSHELL_HISTORY= "$SOCKSHELL"
wait_for_prompt
press Up
run_cmd "echo unrecorded"
wait_for_screen "  unrecorded"
screen_has "second session" && fail "SOCKSHELL_HISTORY= still read the history"
# Ctrl-D only once Readline reads keys again: before, the terminal takes it.
wait_for_prompt
press C-d
wait_for_screen "[exit 0]"
stop_shell
[ "$(cat "$hist")" = "$before" ] || fail "SOCKSHELL_HISTORY= still wrote the history"

# Bounded: 1000 lines at most, the newest kept.
seq -f 'echo old %g' 1 1100 > "$TMP/long-hist"
start_shell env SOCKSHELL_HISTORY="$TMP/long-hist" "$SOCKSHELL"
wait_for_prompt
press Up
wait_for_last_line "sockshell> echo old 1100"
press C-u
run_cmd "echo newest"
wait_for_screen "  newest"
# Ctrl-D only once Readline reads keys again: before, the terminal takes it.
wait_for_prompt
press C-d
wait_for_screen "[exit 0]"
stop_shell
[ "$(wc -l < "$TMP/long-hist")" -eq 1000 ] || fail "the history grew past 1000 lines: $(wc -l < "$TMP/long-hist")"
[ "$(tail -n 1 "$TMP/long-hist")" = "echo newest" ] || fail "the newest line was not kept last"

# Not a terminal: neither read nor written.
printf 'echo piped\n' | SOCKSHELL_HISTORY="$TMP/piped-hist" "$SOCKSHELL" >/dev/null 2>&1
[ -e "$TMP/piped-hist" ] && fail "a piped run wrote history"
printf 'echo piped\n' | "$SOCKSHELL" >/dev/null 2>&1
[ "$(cat "$hist")" = "$before" ] || fail "a piped run changed the history"
done_testing
