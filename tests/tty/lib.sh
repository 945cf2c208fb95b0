# lib.sh: shared by the terminal tests. Source it first: . "$top_srcdir/tests/tty/lib.sh"
# Each test runs the built binary in a terminal of its own (a private tmux server, 120x40),
# types at it as a person would with send-keys, and reads the screen with capture-pane.
# Nothing waits a fixed time: every wait polls the screen, and gives up after WAIT_SECONDS
# (two minutes by default: only a terminal that never shows what it should meets it).
: "${top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}"
. "$top_srcdir/tests/scripts/lib.sh"	# TMP, fail, done_testing, skip, need, free_port
need tmux

# The server's socket lives in the test's own directory: a name made of the
# test's pid alone (tmux -L) is shared with any server an earlier run left
# behind under the same pid, and pids come round again within minutes on a
# busy machine; that server's sessions would be the ones read and typed at.
TMUX_SOCKET="$TMP/tmux"
# Two minutes is far beyond what a busy machine needs to draw a line, and a
# test that fails does not hold a whole CI run for HANG_LIMIT.
WAIT_SECONDS=${WAIT_SECONDS:-120}
# TTY_DEBUG=1 shows the last screen when the test ends.
trap '[ -n "${TTY_DEBUG:-}" ] && screen >&2; end_terminal; cleanup' EXIT
trap 'exit 1' INT TERM HUP

# The shell under test keeps its history and state in the test's own directory, and
# decides on colour by itself: no NO_COLOR, no tmux of the person running the tests.
export HOME="$TMP/home" XDG_STATE_HOME="$TMP/state"
mkdir -p "$HOME"
unset TMUX NO_COLOR SOCKSHELL_HISTORY

# have_readline: was the shell built with GNU Readline (not ./configure --without-readline)?
have_readline() {
	if [ -f "${top_builddir:-}/config.h" ]; then
		grep -q '^#define HAVE_READLINE 1' "$top_builddir/config.h"
	else
		# Readline is opened at run time: its name is in the binary.
		grep -qa 'libreadline\.so' "$SOCKSHELL"
	fi
}

# tm ARGS...: tmux on this test's own server, with no configuration.
tm() {
	tmux -S "$TMUX_SOCKET" -f /dev/null "$@"
}

# start_shell ARGS...: sockshell ARGS in a fresh terminal. To set its environment, begin
# with env: start_shell env NO_COLOR=1 "$SOCKSHELL" ARGS... When the shell leaves, the
# terminal stays and shows "[exit N]". The pane's process stays too (a
# sleep): tmux throws away what a pane's process wrote and tmux had not read
# yet when that process ends, so "[exit N]" and the shell's last lines would
# now and then be lost on a busy machine.
start_shell() {
	local cmd="" a
	[ "${1:-}" = env ] || set -- "$SOCKSHELL" "$@"
	for a in "$@"; do cmd="$cmd $(printf '%q' "$a")"; done
	tm start-server \; set-option -g remain-on-exit on \; \
		new-session -d -x 120 -y 40 "$cmd; echo \"[exit \$?]\"; exec sleep 2147483647" ||
		{ fail "tmux could not start:$cmd"; done_testing; }
}

# no_session: this test's tmux server has no terminal (any more).
no_session() {
	! tm has-session >/dev/null 2>&1
}

# stop_shell: end the terminal (and the shell in it), so another can start.
# A killed server has no session at once but may take a while to exit, and
# until then it takes connections only to drop them: its socket goes, so the
# next start_shell starts a server of its own.
stop_shell() {
	end_terminal
	poll_until no_session || fail "the terminal did not end after $HANG_LIMIT s"
	rm -f "$TMUX_SOCKET"
}

# end_terminal: the terminal closed, and the processes it ran gone too: a
# shell that ends at the hangup may still be writing its history into the
# test's directory a moment later, while that directory is being removed.
gone() { ! kill -0 "$1" 2>/dev/null; }
end_terminal() {
	local procs p
	procs=$(pane_procs 2>/dev/null)
	tm kill-server >/dev/null 2>&1
	for p in $procs; do
		poll_until gone "$p" || true
	done
}

# screen: what the terminal shows now, wrapped lines joined, without trailing blanks.
screen() {
	tm capture-pane -p -J | sed 's/[[:space:]]*$//'
}

# screen_escapes: the same, with the colours and attributes as escape sequences.
screen_escapes() {
	tm capture-pane -p -J -e
}

# last_line: the bottom line with text on it (where the prompt is).
last_line() {
	screen | sed '/^[[:space:]]*$/d' | tail -n 1
}

# wait_until WHAT COMMAND...: poll COMMAND until it succeeds. After WAIT_SECONDS, fail with
# WHAT and the screen, and end the test: what follows would only wait in vain.
wait_until() {
	local what=$1 end=$((SECONDS + WAIT_SECONDS))
	shift
	until "$@"; do
		if [ "$SECONDS" -ge "$end" ]; then
			fail "$what (waited $WAIT_SECONDS s)"
			printf -- '--- the screen:\n%s\n---\n' "$(screen)" >&2
			done_testing
		fi
		sleep 0.05
	done
}

screen_has() { screen | grep -qF -- "$1"; }
screen_has_re() { screen | grep -qE -- "$1"; }
last_line_is() { [ "$(last_line)" = "$1" ]; }
last_line_re() { last_line | grep -qE -- "$1"; }

# wait_for_screen TEXT: until the screen shows TEXT (a fixed string) somewhere.
wait_for_screen() {
	wait_until "the screen never showed: $1" screen_has "$1"
}

# wait_for_screen_re REGEX
wait_for_screen_re() {
	wait_until "the screen never matched: $1" screen_has_re "$1"
}

# wait_for_last_line TEXT: until the bottom line is exactly TEXT (trailing blanks do not show).
wait_for_last_line() {
	wait_until "the last line never read: $1 (it reads: $(last_line))" last_line_is "$1"
}

# wait_for_prompt: until the bottom line is an empty prompt.
wait_for_prompt() {
	wait_until "no prompt came (the last line reads: $(last_line))" \
		last_line_re '^sockshell( fd[0-9]+)?>$'
}

# count_on_screen TEXT: how many lines show TEXT.
count_on_screen() {
	screen | grep -cF -- "$1"
}

# shown_at_least N TEXT: at least N lines show TEXT. (A wait polls this, not
# a "$(count_on_screen ...)" expanded once before the wait began.)
shown_at_least() {
	[ "$(count_on_screen "$2")" -ge "$1" ]
}

# type_text TEXT: type TEXT (no Enter), and wait until it shows at the prompt.
type_text() {
	tm send-keys -l -- "$1"
	wait_until "typed text never showed: $1" last_line_re "> .*$(printf '%s' "$1" | sed 's/[][\.*^$|+?(){}]/\\&/g')\$"
}

# press KEY...: keys by tmux's names: Enter, Tab, C-c, C-d, Up, BSpace.
press() {
	tm send-keys "$@"
}

# pane_procs: the processes the terminal runs (its sh, the shell, and theirs).
pane_procs() {
	local todo next p
	todo=$(tm display-message -p '#{pane_pid}' 2>/dev/null)
	while [ -n "$todo" ]; do
		next=""
		for p in $todo; do
			printf '%s\n' "$p"
			next="$next $(pgrep -P "$p" 2>/dev/null | tr '\n' ' ')"
		done
		todo=$(printf '%s' "$next" | tr -s ' ')
		todo=${todo# }
	done
}

# some_blocked_on FD: one of the terminal's processes sleeps in a call on FD.
some_blocked_on() {
	local p
	for p in $(pane_procs); do
		blocked_on "$p" "$1" && return 0
	done
	return 1
}

# press_blocked FD KEY...: once the shell sleeps in its call on FD (accept,
# read...), press KEY. The waiting line shows before the call is made: a key
# pressed at the sight of it may come before the call, and mean another thing.
press_blocked() {
	local fd=$1
	shift
	wait_until "the shell never blocked in a call on fd$fd" some_blocked_on "$fd"
	press "$@"
}

# run_cmd LINE: at a fresh prompt, type LINE and press Enter.
run_cmd() {
	wait_for_prompt || return 1
	type_text "$1" || return 1
	press Enter
}
