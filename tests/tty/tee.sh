# A session recorded with `| tee LOG` (or `> FILE`): the calls go to standard
# output, the prompt and the typing to the terminal (standard error), as
# bash does. The log holds the calls alone, no prompt and no escape codes;
# on the screen each prompt comes after the lines tee shows, not before.
. "$top_srcdir/tests/tty/lib.sh"

port=$(free_port)
[ -n "$port" ] || { fail "no free port"; done_testing; }

start_shell env NO_COLOR=1 sh -c '"$0" | tee "$1"' "$SOCKSHELL" "$TMP/log"
wait_for_prompt
run_cmd "socket stream"
wait_for_screen "socket(AF_INET, SOCK_STREAM, IPPROTO_TCP) = 3"
run_cmd "bind 127.0.0.1 $port"
wait_for_screen "bind(3, {sa_family=AF_INET, sin_port=htons($port), sin_addr=inet_addr(\"127.0.0.1\")}, 16) = 0"
wait_for_prompt
# The call line is a line of its own: no prompt written before it.
screen_has_re "^bind\(3, " || fail "a call line shares its line with a prompt: $(screen)"
run_cmd "quit"
wait_for_screen "[exit 0]"
printf '%s\n' "socket(AF_INET, SOCK_STREAM, IPPROTO_TCP) = 3" \
	"bind(3, {sa_family=AF_INET, sin_port=htons($port), sin_addr=inet_addr(\"127.0.0.1\")}, 16) = 0" \
	"close(3) = 0" > "$TMP/log.want"
diff -u "$TMP/log.want" "$TMP/log" > "$TMP/log.diff" ||
	fail "the log holds more than the calls: $(cat -A "$TMP/log.diff")"
stop_shell

# A reader that takes its time between reading a line and writing it (a
# twentieth of a second, as a loaded machine's tee might): the prompt waits
# until it is back to reading, so the call line is still a line of its own.
start_shell env NO_COLOR=1 sh -c '"$0" | while IFS= read -r l; do sleep 0.05; printf "%s\n" "$l"; done' "$SOCKSHELL"
wait_for_prompt
run_cmd "socket stream"
wait_for_screen "socket(AF_INET, SOCK_STREAM, IPPROTO_TCP) = 3"
wait_for_prompt
screen_has_re "^socket\(AF_INET, " ||
	fail "the prompt came before the slow reader's line: $(screen)"
run_cmd "quit"
wait_for_screen "[exit 0]"
stop_shell

# Standard output to a file: the prompt and the typing are still on the screen.
start_shell env NO_COLOR=1 sh -c '"$0" > "$1"' "$SOCKSHELL" "$TMP/file"
wait_for_prompt
type_text "socket stream"
wait_for_last_line "sockshell> socket stream"
press Enter
wait_for_prompt
run_cmd "quit"
wait_for_screen "[exit 0]"
grep -qxF "socket(AF_INET, SOCK_STREAM, IPPROTO_TCP) = 3" "$TMP/file" ||
	fail "the file lacks the call: $(cat -A "$TMP/file")"
grep -q "sockshell>" "$TMP/file" && fail "the prompt went into the file: $(cat -A "$TMP/file")"
done_testing
