# man at a real terminal: the page opens in its pager, which has the
# terminal (a process group of its own, in the foreground); q gives the
# terminal back to the prompt. SIGTERM while the page is open ends the
# pager and man with the shell, which closes its descriptors and exits 0.
. "$top_srcdir/tests/tty/lib.sh"
need man less
man -w 2 connect > /dev/null 2>&1 || skip "no connect(2) page here (apt-get install manpages-dev)"

# pager_alive: a pager or man still runs on the terminal.
pager_alive() {
	local p
	for p in $(pane_procs); do
		case $(cat "/proc/$p/comm" 2>/dev/null) in
		man|pager|less|more) return 0 ;;
		esac
	done
	return 1
}
# shell_pid: the terminal's process that runs the shell under test.
shell_pid() {
	local p want
	want=$(readlink -f "$SOCKSHELL")
	for p in $(pane_procs); do
		[ "$(readlink -f "/proc/$p/exe" 2>/dev/null)" = "$want" ] && { echo "$p"; return; }
	done
}

start_shell env PAGER=less MANPAGER=less "$SOCKSHELL"
run_cmd "socket stream"
wait_for_screen "socket(AF_INET, SOCK_STREAM, IPPROTO_TCP) = 3"
run_cmd "man connect"
wait_for_screen_re '^CONNECT\(2\)|^connect\(2\)'
press q
wait_for_prompt
# The terminal is the shell's again: what is typed runs.
run_cmd "echo back"
wait_for_screen "  back"
wait_for_prompt

run_cmd "man connect"
wait_for_screen_re '^CONNECT\(2\)|^connect\(2\)'
pid=$(shell_pid)
[ -n "$pid" ] || { fail "no sockshell on the terminal"; done_testing; }
kill -TERM "$pid"
wait_for_screen "[exit 0]"
wait_for_screen "close(3) = 0"
wait_until "the pager outlived the shell" eval '! pager_alive'
screen_has "ended with an error or signal" &&
	fail "a page SIGTERM closed with the shell was reported as an error"
done_testing
