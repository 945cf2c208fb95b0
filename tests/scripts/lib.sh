# lib.sh: shared by the script tests. Source it first: . "$top_srcdir/tests/scripts/lib.sh"
# Each test runs the built binary on real sockets over loopback and compares what it prints.
set -u

: "${SOCKSHELL:?run the tests with make check (SOCKSHELL is the built binary)}"
: "${top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}"

TMP=$(mktemp -d "${TMPDIR:-/tmp}/sockshell-test.XXXXXX")
PIDS=""
cleanup() {
	for p in $PIDS; do kill "$p" 2>/dev/null; done
	wait 2>/dev/null
	rm -rf "$TMP"
}
trap cleanup EXIT

FAILS=0
TEST_NAME=$(basename "$0" .sh)

# fail MESSAGE: record a failure and go on; the test exits 1 at the end.
fail() {
	printf 'FAIL: %s: %s\n' "$TEST_NAME" "$*" >&2
	FAILS=$((FAILS + 1))
}

# done_testing: the last line of every test.
done_testing() {
	if [ "$FAILS" -ne 0 ]; then
		printf '%s: %d check(s) failed\n' "$TEST_NAME" "$FAILS" >&2
		exit 1
	fi
	exit 0
}

# skip REASON: exit 77, which automake reports as SKIP.
skip() {
	printf 'SKIP: %s: %s\n' "$TEST_NAME" "$*" >&2
	exit 77
}

# need CMD...: skip unless every command is installed.
need() {
	for c in "$@"; do
		command -v "$c" >/dev/null 2>&1 || skip "$c is not installed"
	done
}

# free_port [tcp|udp]: a port the kernel just handed out for port 0, now free again.
free_port() {
	local type=${1:-tcp}
	"$SOCKSHELL" -c "socket $type; bind 127.0.0.1 0; fds" 2>/dev/null |
		sed -n 's/.*127\.0\.0\.1:\([0-9][0-9]*\).*/\1/p' | head -n 1
}

# sockshell ARGS...: run the shell with no colour, so output compares as text.
sockshell() {
	NO_COLOR=1 "$SOCKSHELL" "$@"
}

# expect_line FILE PATTERN [WHAT]: FILE has a line matching the fixed string PATTERN.
expect_line() {
	grep -qF -- "$2" "$1" || fail "${3:-missing line}: $2 (in $(basename "$1"))"
}

# expect_no_line FILE PATTERN [WHAT]
expect_no_line() {
	if grep -qF -- "$2" "$1"; then fail "${3:-unexpected line}: $2"; fi
}

# expect_status WANT GOT WHAT
expect_status() {
	[ "$1" = "$2" ] || fail "$3: exit status $2, wanted $1"
}

# wait_for_port PORT [tcp|udp]: until something listens there (at most 5 s).
wait_for_port() {
	local i=0 flag=-tln
	[ "${2:-tcp}" = udp ] && flag=-uln
	while [ $i -lt 50 ]; do
		ss -H $flag "sport = :$1" 2>/dev/null | grep -q . && return 0
		sleep 0.1
		i=$((i + 1))
	done
	fail "nothing listened on port $1"
	return 1
}

# in_netns CMD...: run CMD in a fresh network namespace with its own loopback,
# where fixed ports (the 8080 of a lesson) cannot collide with another run.
# Returns 125 when namespaces are not available here.
in_netns() {
	unshare -rn true 2>/dev/null || return 125
	unshare -rn sh -c 'ip link set lo up && exec "$@"' sh "$@"
}

# ---- helpers added by the core script tests (core-*.sh) ----

# sockshell_t ARGS...: the shell with no colour, killed after ${T_LIMIT:-30} s,
# for runs that could block forever on a wrong implementation (status 124 then).
sockshell_t() {
	NO_COLOR=1 timeout "${T_LIMIT:-30}" "$SOCKSHELL" "$@"
}

# calls_of FILE: the call lines of a run's stdout, in order. The shell's own
# words (notes, hints, fds, echo) are indented, so a call line is any other.
calls_of() {
	grep -v '^ ' "$1" | grep -v '^$'
}

# squeeze [FILE]: runs of blanks to one space, none at either end.
squeeze() {
	sed -e 's/[[:space:]][[:space:]]*/ /g' -e 's/^ //' -e 's/ $//' "$@"
}

# expect_calls FILE [WHAT]: the call lines of FILE are exactly the lines on stdin.
# Feed it a here-document, not a pipe: in a pipe it runs in a subshell, and the
# failure it records would be lost.
expect_calls() {
	local want got
	want=$(mktemp "$TMP/want.XXXXXX")
	got=$(mktemp "$TMP/got.XXXXXX")
	cat > "$want"
	calls_of "$1" > "$got"
	if ! diff -u "$want" "$got" > "$got.diff"; then
		fail "${2:-call lines of $(basename "$1")} differ (- wanted, + got):
$(cat "$got.diff")"
	fi
}

# expect_lines_n FILE N WHAT: FILE has exactly N lines.
expect_lines_n() {
	local n
	n=$(wc -l < "$1")
	[ "$n" -eq "$2" ] || fail "$3: $n line(s), wanted $2: $(cat "$1")"
}

# wait_for_text FILE STRING: until FILE holds the fixed STRING (at most 5 s).
wait_for_text() {
	local i=0
	while [ $i -lt 100 ]; do
		grep -qF -- "$2" "$1" 2>/dev/null && return 0
		sleep 0.05
		i=$((i + 1))
	done
	fail "never saw \"$2\" in $(basename "$1")"
	return 1
}

# proc_state PID: the kernel's one-letter state of PID (R, S, Z...), or nothing.
proc_state() {
	sed -n 's/^.*) \([A-Za-z]\).*$/\1/p' "/proc/$1/stat" 2>/dev/null
}

# wait_sleeping PID: until PID sleeps in the kernel, i.e. blocks in a call (5 s).
wait_sleeping() {
	local i=0
	while [ $i -lt 100 ]; do
		[ "$(proc_state "$1")" = S ] && return 0
		sleep 0.05
		i=$((i + 1))
	done
	fail "process $1 never blocked (state $(proc_state "$1"))"
	return 1
}

# wait_exit PID [SECS]: wait for the child PID to end (at most SECS, default 10),
# then return its status; a child still running then is killed (status 124).
wait_exit() {
	local i=0 max=$((${2:-10} * 20)) st
	while [ $i -lt $max ]; do
		st=$(proc_state "$1")
		[ -z "$st" ] || [ "$st" = Z ] && break
		sleep 0.05
		i=$((i + 1))
	done
	if [ $i -ge $max ]; then
		kill -KILL "$1" 2>/dev/null
		wait "$1" 2>/dev/null
		return 124
	fi
	wait "$1"
}
# ---- end of the core script tests' helpers ----
