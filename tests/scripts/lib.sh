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
