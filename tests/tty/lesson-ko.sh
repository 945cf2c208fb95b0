# A Korean lesson at a terminal: under ko_KR.UTF-8 `lesson` lists the lessons
# with their Korean titles, and `lesson 01` steps through the Korean twin:
# its narration, "단계 1/N", the shell's notes in Korean, the calls as strace's.
. "$top_srcdir/tests/tty/lib.sh"

ko=$(locale -a 2>/dev/null | grep -i -m1 '^ko_KR\.utf-\?8$')
[ -n "$ko" ] || skip "the ko_KR.UTF-8 locale is not generated (locale-gen ko_KR.UTF-8)"
[ -f "$top_srcdir/lessons/ko/01-tcp-lifecycle.sock" ] || { fail "no Korean lesson 01"; done_testing; }
in_netns true > /dev/null 2>&1 || skip "no network namespace for the lesson's port 8080"
unset LC_ALL LANGUAGE LC_MESSAGES
export LANG=$ko SOCKSHELL_LESSONS="$top_srcdir/lessons"

tm() {
	tmux -S "$TMP/tmux.sock" -f /dev/null "$@"
}
unshare -rn sh -c 'ip link set lo up && exec tmux -S "$0" -f /dev/null start-server \; set-option -g remain-on-exit on \; new-session -d -x 160 -y 50 "$1; echo [exit \$?]; exec sleep 2147483647"' \
	"$TMP/tmux.sock" "$SOCKSHELL" || { fail "tmux could not start"; done_testing; }
trap 'tm kill-server > /dev/null 2>&1; cleanup' EXIT

run_cmd "lesson"
title=$(sed -n '1s/^# 레슨 1: //p' "$top_srcdir/lessons/ko/01-tcp-lifecycle.sock")
wait_for_screen "$title"
run_cmd "lesson 01"
wait_for_screen "$(sed -n '1p' "$top_srcdir/lessons/ko/01-tcp-lifecycle.sock")"
wait_for_screen_re '^  단계 1/[0-9]+$'
wait_until "the first step never waited on the prompt" last_line_re "^sockshell> socket stream"
press Enter
wait_for_screen "socket(AF_INET, SOCK_STREAM, IPPROTO_TCP) = 3"
# The expectation holds, said in Korean; the next step waits.
wait_for_screen_re '^  단계 2/[0-9]+$'
screen | grep -A1 '^socket(AF_INET' | tail -n 1 | LC_ALL=C.UTF-8 grep -qP '[\x{AC00}-\x{D7A3}]' ||
	fail "the expectation's line is not Korean: $(screen | grep -A1 '^socket(AF_INET')"
# Ctrl-D leaves the lesson; the shell goes on.
wait_until "no step on the prompt" last_line_re '^sockshell fd3> [a-z]'
press C-d
wait_for_prompt
run_cmd "quit"
wait_for_screen "[exit 0]"
done_testing
