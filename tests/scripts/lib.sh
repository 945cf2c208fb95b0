# lib.sh: shared by the script tests. Source it first: . "$top_srcdir/tests/scripts/lib.sh"
# Each test runs the built binary on real sockets over loopback and compares what it prints.
set -u

: "${SOCKSHELL:?run the tests with make check (SOCKSHELL is the built binary)}"
: "${top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}"

# HANG_LIMIT: the seconds one step of a test (a run of the shell, a peer such
# as nc, a wait for something to happen) may take before it counts as hung.
# It is no speed requirement: every wait polls for its condition and goes on
# the moment it holds, and nothing waits a fixed time for something to happen.
# The limit only ends a step that would otherwise wait forever, so it is far
# above what the slowest, busiest machine needs. Lower it (HANG_LIMIT=20) to
# see a broken test fail sooner.
# The shell's words are English in every test but the Korean ones, whatever
# language the person running them reads (those tests set their own).
unset LANGUAGE
export LC_MESSAGES=C

HANG_LIMIT=${HANG_LIMIT:-600}
export HANG_LIMIT
# WAIT_MS: the same in milliseconds, the timeout of a poll that is to see a
# descriptor become ready (it returns as soon as it is).
WAIT_MS=$((HANG_LIMIT * 1000))

# Each test runs in a network namespace of its own when this machine can make
# one (unprivileged user namespaces, and ip(8) to bring the loopback up): then
# no other test, no other `make check` at the same time and nothing else on the
# machine shares its ports, its TIME_WAIT sockets or what ss lists. The test
# runs itself again in there, as the same user (a second user namespace maps
# the user back), so that only the network differs. SOCKSHELL_NETNS=no runs
# the tests on the machine's own loopback, as happens where there are no
# namespaces; free_port keeps their ports apart there.
netns_ip=$(command -v ip || { [ -x /sbin/ip ] && echo /sbin/ip; } ||
	{ [ -x /usr/sbin/ip ] && echo /usr/sbin/ip; })
# own_netns CMD...: CMD in a new network namespace, loopback up, as this user.
own_netns() {
	if [ "$(id -u)" = 0 ] && [ "$(id -g)" = 0 ]; then
		unshare -rn sh -c '"$0" link set lo up && exec "$@"' "$netns_ip" "$@"
	else
		unshare -rn sh -c 'ip=$0 user=$1 group=$2; shift 2
			"$ip" link set lo up &&
			exec unshare -U --map-user="$user" --map-group="$group" "$@"' \
			"$netns_ip" "$(id -u)" "$(id -g)" "$@"
	fi
}
if [ -z "${SOCKSHELL_NETNS_INSIDE:-}" ] && [ "${SOCKSHELL_NETNS:-yes}" != no ] &&
	[ -n "$netns_ip" ] && command -v unshare > /dev/null 2>&1 &&
	own_netns true > /dev/null 2>&1; then
	export SOCKSHELL_NETNS_INSIDE=1
	own_netns bash "$0" "$@"
	exit $?
fi

TMP=$(mktemp -d "${TMPDIR:-/tmp}/sockshell-test.XXXXXX")
PIDS=""
cleanup() {
	local d
	for p in $PIDS; do kill "$p" 2>/dev/null; done
	wait 2>/dev/null
	# the ports this test claimed (free_port) are free for others again
	if [ -f "$TMP/claims" ]; then
		while read -r d; do rmdir "$d" 2>/dev/null; done < "$TMP/claims"
	fi
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

# ---- ports ----
# A port a test binds, or connects to so as to be refused, must stay its own
# while the test runs. A port the kernel once handed out for port 0 does not:
# any connect (of this test or another) may get it as its own port the next
# moment, and a connection of another test may leave it in TIME_WAIT. So
# free_port takes one from outside the kernel's ephemeral range (where connect
# and bind to port 0 pick theirs), checks that nothing uses it, for TCP or UDP,
# on any address, in any state (TIME_WAIT too), and claims it: a directory per
# port, which no other test takes while this one holds it. In a namespace of
# the test's own the claims only keep its ports apart from each other; on the
# machine's own loopback they are shared by every run of the tests (in /tmp).
if [ -n "${SOCKSHELL_NETNS_INSIDE:-}" ]; then
	PORT_CLAIMS="$TMP/ports"
	mkdir "$PORT_CLAIMS"
elif [ -w /tmp ]; then
	PORT_CLAIMS=/tmp
else
	PORT_CLAIMS=${TMPDIR:-/tmp}
fi
# PORT_LO..PORT_HI: below the ephemeral range, or above it.
read -r PORT_LO PORT_HI < /proc/sys/net/ipv4/ip_local_port_range 2>/dev/null ||
	{ PORT_LO=32768; PORT_HI=60999; }
if [ "$PORT_LO" -gt 11024 ]; then
	PORT_HI=$((PORT_LO - 1)) PORT_LO=10000
elif [ "$PORT_HI" -lt 64512 ]; then
	PORT_LO=$((PORT_HI + 1)) PORT_HI=65535
else
	# The ephemeral range is (nearly) everything: the claims still keep
	# the tests apart.
	PORT_LO=10000 PORT_HI=65535
fi

# port_unused PORT: no socket on this machine (or namespace) has PORT.
port_unused() {
	local p=$1 cmd
	cmd="socket stream; bind $p; expect ok; close; socket dgram; bind $p; expect ok; close"
	# IPv6 too, where there is IPv6: [::] takes every address of both families.
	if "$SOCKSHELL" -c 'socket inet6 dgram; expect ok' > /dev/null 2>&1; then
		cmd="$cmd; socket inet6 stream; bind $p; expect ok; close"
		cmd="$cmd; socket inet6 dgram; bind $p; expect ok; close"
	fi
	"$SOCKSHELL" -c "$cmd" > /dev/null 2>&1 || return 1
	# A bind does not meet a connection whose far end is PORT: ss does.
	if command -v ss > /dev/null 2>&1; then
		[ -z "$(ss -Htuan "( sport = :$p or dport = :$p )" 2>/dev/null)" ] || return 1
	fi
}

# free_port [tcp|udp]: print a port nothing uses, claimed for this test (free
# for TCP and UDP alike); nothing when none can be found.
free_port() {
	local p tries=0
	while [ $tries -lt 500 ]; do
		tries=$((tries + 1))
		p=$((PORT_LO + (RANDOM * 32768 + RANDOM) % (PORT_HI - PORT_LO + 1)))
		mkdir "$PORT_CLAIMS/sockshell-port-$p" 2> /dev/null || continue
		printf '%s\n' "$PORT_CLAIMS/sockshell-port-$p" >> "$TMP/claims"
		# (in use: the claim stays, so that nobody tries it again)
		port_unused "$p" || continue
		printf '%s\n' "$p"
		return 0
	done
	return 1
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

# poll_until CMD...: run CMD every 50 ms until it succeeds; status 1 if it
# still fails after HANG_LIMIT seconds.
poll_until() {
	local end=$((SECONDS + HANG_LIMIT))
	until "$@"; do
		[ "$SECONDS" -lt "$end" ] || return 1
		sleep 0.05
	done
}

# listening FLAGS PORT: ss lists a socket bound to PORT (FLAGS: -tln or -uln).
listening() {
	ss -H "$1" "sport = :$2" 2>/dev/null | grep -q .
}

# wait_for_port PORT [tcp|udp]: until something listens there.
wait_for_port() {
	local flag=-tln
	[ "${2:-tcp}" = udp ] && flag=-uln
	poll_until listening "$flag" "$1" && return 0
	fail "nothing listened on port $1 after $HANG_LIMIT s"
	return 1
}

# wait_for_socket PATH: until a unix socket is bound at PATH.
wait_for_socket() {
	poll_until test -S "$1" && return 0
	fail "no socket at $1 after $HANG_LIMIT s"
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

# sockshell_t ARGS...: the shell with no colour, killed after HANG_LIMIT s, for
# runs that could block forever on a wrong implementation (status 124 then).
sockshell_t() {
	NO_COLOR=1 timeout "$HANG_LIMIT" "$SOCKSHELL" "$@"
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

# lifecycle_script PORT: the commands of one TCP lifecycle in one shell, a
# server on PORT and its client: twelve calls, none of which waits.
lifecycle_script() {
	printf '%s\n' "socket stream" "bind 127.0.0.1 $1" "listen 5" \
		"socket stream" "connect 127.0.0.1 $1" "accept fd3" \
		'write fd4 "ping\n"' "read fd5" "close fd4" "read fd5" \
		"close fd5" "close fd3"
}

# start_script NAME [ERR]: run $TMP/NAME.sock in the background, its output
# to $TMP/NAME.out, standard error to ERR ($TMP/NAME.err unless given);
# $pid is the shell itself.
start_script() {
	NO_COLOR=1 "$SOCKSHELL" "$TMP/$1.sock" < /dev/null > "$TMP/$1.out" \
		2> "${2:-$TMP/$1.err}" &
	pid=$!
	PIDS="$PIDS $pid"
}

# has_text FILE STRING: FILE holds the fixed STRING.
has_text() {
	grep -qF -- "$2" "$1" 2>/dev/null
}

# wait_for_text FILE STRING: until FILE holds the fixed STRING.
wait_for_text() {
	poll_until has_text "$1" "$2" && return 0
	fail "never saw \"$2\" in $(basename "$1") (waited $HANG_LIMIT s)"
	return 1
}

# proc_state PID: the kernel's one-letter state of PID (R, S, Z...), or nothing.
proc_state() {
	sed -n 's/^.*) \([A-Za-z]\).*$/\1/p' "/proc/$1/stat" 2>/dev/null
}

# sleeping PID: PID sleeps in the kernel, i.e. blocks in a call.
sleeping() {
	[ "$(proc_state "$1")" = S ]
}

# wait_sleeping PID: until PID sleeps in the kernel.
wait_sleeping() {
	poll_until sleeping "$1" && return 0
	fail "process $1 never blocked (state $(proc_state "$1"), waited $HANG_LIMIT s)"
	return 1
}

# blocked_on PID FD: PID sleeps in a system call whose first argument is FD
# (accept, read, recv... on that descriptor): it blocks there.
blocked_on() {
	local sc
	sleeping "$1" || return 1
	read -r -a sc < "/proc/$1/syscall" 2>/dev/null || return 1
	[ "${sc[0]:-running}" != running ] && [ -n "${sc[1]:-}" ] &&
		[ "$((sc[1]))" = "$2" ]
}

# ended PID: PID is gone, or a zombie waiting to be reaped.
ended() {
	local st
	st=$(proc_state "$1")
	[ -z "$st" ] || [ "$st" = Z ]
}

# wait_exit PID: wait for the child PID to end and return its status; one
# still running after HANG_LIMIT s is killed (status 124).
wait_exit() {
	if ! poll_until ended "$1"; then
		kill -KILL "$1" 2>/dev/null
		wait "$1" 2>/dev/null
		return 124
	fi
	wait "$1"
}
# ---- end of the core script tests' helpers ----

# ---- a name server that never answers: lookups that wait ----
# in_silent_dns: unless this is that run already, run this test again in a
# network and mount namespace of its own, and exit with its status. There
# /etc/resolv.conf names 127.0.0.1 (a timeout of 30 s, one attempt), the
# hosts file has localhost alone, and names are looked up in files, then
# DNS. Skips where such namespaces cannot be made.
in_silent_dns() {
	[ -n "${SILENT_DNS_INSIDE:-}" ] && return 0
	unshare -rmn true 2>/dev/null ||
		skip "cannot make a network and mount namespace here (unshare -rmn)"
	printf 'nameserver 127.0.0.1\noptions timeout:30 attempts:1\n' > "$TMP/resolv"
	printf '127.0.0.1 localhost\n' > "$TMP/hosts"
	printf 'hosts: files dns\n' > "$TMP/nsswitch"
	SILENT_DNS_INSIDE=1 unshare -rmn sh -c 'ip link set lo up &&
		mount --bind "$1" /etc/resolv.conf && mount --bind "$2" /etc/hosts &&
		mount --bind "$3" /etc/nsswitch.conf && exec bash "$0"' \
		"$0" "$TMP/resolv" "$TMP/hosts" "$TMP/nsswitch"
	exit $?
}

# silent_dns_server: in there, the name server: a socket of the shell's own
# bound to 127.0.0.1:53, which reads nothing and never answers.
silent_dns_server() {
	NO_COLOR=1 "$SOCKSHELL" -c 'socket dgram; bind 127.0.0.1 53; sleep 3600' \
		> /dev/null 2>&1 &
	PIDS="$PIDS $!"
	wait_for_port 53 udp
}

# ---- helpers added by the kernel-side tests (trace-*.sh) ----

# expect_width FILE COLS: no line of FILE is wider than COLS characters.
expect_width() {
	local line w
	while IFS= read -r line; do
		w=$(printf '%s' "$line" | wc -m)
		[ "$w" -le "$2" ] || fail "$(basename "$1"): a line of $w columns (at most $2): $line"
	done < "$1"
}

# expect_svg FILE: an SVG document that is XML (xmllint) and draws something
# (rsvg-convert): its PNG holds far more than a blank page of the same size.
expect_svg() {
	local f=$1 size w h
	if command -v xmllint > /dev/null 2>&1; then
		xmllint --noout "$f" 2> "$TMP/xmllint" ||
			fail "$(basename "$f") is not XML: $(head -n 5 "$TMP/xmllint")"
	fi
	command -v rsvg-convert > /dev/null 2>&1 || return 0
	rsvg-convert -o "$TMP/svg.png" "$f" 2> "$TMP/rsvg" ||
		{ fail "rsvg-convert $(basename "$f"): $(cat "$TMP/rsvg")"; return; }
	w=$(sed -n 's/.*<svg[^>]* width="\([0-9]*\)".*/\1/p' "$f" | head -n 1)
	h=$(sed -n 's/.*<svg[^>]* height="\([0-9]*\)".*/\1/p' "$f" | head -n 1)
	printf '<svg xmlns="http://www.w3.org/2000/svg" width="%s" height="%s"><rect width="100%%" height="100%%" fill="#fff"/></svg>\n' \
		"${w:-800}" "${h:-600}" > "$TMP/blank.svg"
	rsvg-convert -o "$TMP/blank.png" "$TMP/blank.svg" 2>/dev/null
	size=$(wc -c < "$TMP/blank.png")
	[ "$(wc -c < "$TMP/svg.png")" -gt $((size * 4 + 2000)) ] ||
		fail "$(basename "$f") draws (next to) nothing: $(wc -c < "$TMP/svg.png") bytes of PNG, a blank page $size"
}

# can_strace: strace is installed and may trace here (ptrace is permitted).
can_strace() {
	command -v strace > /dev/null 2>&1 &&
		strace -f -o /dev/null -e trace=socket true > /dev/null 2>&1
}

# in_strace_order NAME CALLS PRINTED STRACE: every line of PRINTED is a line
# of STRACE, in the same order (strace's lines of CALLS shown when one is not).
in_strace_order() {
	awk -v trace="$4" '
		{
			while ((getline t < trace) > 0)
				if (t == $0)
					next
			print "not in strace (or out of order): " $0
			exit 1
		}' "$3" > "$TMP/$1.missing" ||
		fail "$1: $(cat "$TMP/$1.missing")
--- strace said:
$(grep -E "^(\[pid [0-9]+\] )?(${2//,/|})\(" "$4")"
}

# strace_agree NAME CALLS FIRST ARGS...: the shell run with ARGS under
# `strace -ff -s 32 -e trace=CALLS` (-s $STRACE_S, when set: the script then
# says `set strsize` to the same), its stdout in $TMP/NAME.out, stderr in
# $TMP/NAME.err, strace's lines (squeezed, pid files that made a FIRST call
# joined) in $TMP/NAME.strace. Two checks:
#   - every call line the shell printed is strace's line for it, in order;
#   - from strace's first FIRST( line on, the calls of the kinds in CALLS on the
#     learner's descriptors (3 to 999) are exactly the lines the shell printed,
#     so no call is made unseen (leave it out with STRACE_EXACT=no); the
#     shell's own threads (a clone with CLONE_THREAD) are not the learner's.
# Returns the shell's status; the caller checks it.
strace_agree() {
	local name=$1 calls=$2 first=$3 status f
	shift 3
	NO_COLOR=1 timeout "$HANG_LIMIT" strace -ff -s "${STRACE_S:-32}" -o "$TMP/$name.trace" \
		-e trace="$calls" "$SOCKSHELL" "$@" > "$TMP/$name.out" 2> "$TMP/$name.err"
	status=$?
	for f in "$TMP/$name.trace".*; do
		grep -q "^$first(" "$f" && cat "$f"
	done | grep -vE '<unfinished \.\.\.>|resumed>|^\+\+\+ |^--- ' |
		squeeze > "$TMP/$name.strace"
	calls_of "$TMP/$name.out" | squeeze > "$TMP/$name.calls"
	if [ ! -s "$TMP/$name.calls" ]; then
		fail "$name: under strace the shell printed no calls"
		return $status
	fi
	in_strace_order "$name" "$calls" "$TMP/$name.calls" "$TMP/$name.strace"
	[ "${STRACE_EXACT:-yes}" = yes ] || return $status
	awk -v first="$first(" 'index($0, first) == 1 { on = 1 } on' "$TMP/$name.strace" |
		grep -E "^(${calls//,/|})\(" |
		grep -vE '^[a-z0-9_]+\(([012],|[0-9]{4,}[,)])' > "$TMP/$name.made"
	diff -u "$TMP/$name.made" "$TMP/$name.calls" > "$TMP/$name.diff" ||
		fail "$name: the calls made (-) and printed (+) differ:
$(cat "$TMP/$name.diff")"
	return $status
}

# strace_check NAME CALLS FIRST SCRIPT: strace_agree on the shell running
# SCRIPT, which must end with status 0; where strace cannot trace, a note.
strace_check() {
	if can_strace; then
		strace_agree "$1" "$2" "$3" "$4"
		expect_status 0 $? "the $1 script under strace"
	else
		printf 'note: strace cannot trace here; the comparison was left out\n' >&2
	fi
}

# ctrl_c NAME: run $TMP/NAME.sock in the background (stdout $TMP/NAME.out,
# stderr $TMP/NAME.err) until it prints its waiting line and sleeps, then
# type Ctrl-C (SIGINT): the script must stop with status 130. Returns 1 when
# it never came to wait (that is recorded as a failure).
ctrl_c() {
	local pid status
	NO_COLOR=1 "$SOCKSHELL" "$TMP/$1.sock" > "$TMP/$1.out" 2> "$TMP/$1.err" &
	pid=$!
	PIDS="$PIDS $pid"
	wait_for_text "$TMP/$1.err" "Ctrl-C" && wait_sleeping "$pid" || return 1
	kill -INT "$pid"
	wait_exit "$pid"
	status=$?
	expect_status 130 "$status" "$1: a script stops at Ctrl-C"
	return 0
}

# expect_hint FILE LINE_RE HINT: under the first line of FILE that matches the
# extended regex LINE_RE, the hint begins with the fixed string HINT.
expect_hint() {
	local under
	under=$(grep -E -m1 -A1 -- "$2" "$1" | sed -n 2p)
	case $under in
	"  hint: $3"*) ;;
	*) fail "no hint \"$3\" under the line of /$2/ in $(basename "$1"): ${under:-(no such line)}" ;;
	esac
}

# ---- the lab as an unprivileged user (lab.sh, lab-multicast.sh) ----
# lab_user: defines as_user CMD... (CMD as an unprivileged user: nobody when
# we are root, with the binary copied where nobody can run it, as LAB_SHELL),
# WHO (that user, in words) and lab ARGS... (the shell in its lab, as that
# user, killed when it hangs). Root needs setpriv (the test skips without).
lab_user() {
	if [ "$(id -u)" = 0 ]; then
		need setpriv
		# The binary where nobody can run it: the build tree may lie in a
		# home only root may enter.
		mkdir "$TMP/bin"
		cp "$SOCKSHELL" "$TMP/bin/sockshell"
		chmod 711 "$TMP"
		chmod 755 "$TMP/bin" "$TMP/bin/sockshell"
		LAB_SHELL=$TMP/bin/sockshell
		as_user() {
			setpriv --reuid=65534 --regid=65534 --clear-groups "$@"
		}
		WHO="nobody (uid 65534)"
	else
		LAB_SHELL=$SOCKSHELL
		as_user() {
			"$@"
		}
		WHO="uid $(id -u)"
	fi
	lab() {
		NO_COLOR=1 as_user timeout "$HANG_LIMIT" "$LAB_SHELL" --lab "$@"
	}
}

# strace_joined FILE: the lines of a `strace -f -o FILE` run, each call whole:
# the pid strace puts first taken off, a line of a process or thread other
# than the first marked "[pid N] ", a call cut by another's line
# (<unfinished ...>, <... resumed>) joined again; no signal or exit lines.
strace_joined() {
	awk '
		NR == 1 { main = $1 }
		{
			pid = $1
			line = $0
			sub(/^[0-9]+ +/, "", line)	# strace pads the pid to a width
			if (line ~ /^(\+\+\+|---) /)
				next
			if (line ~ / <unfinished \.\.\.>$/) {
				held[pid] = substr(line, 1, length(line) - length(" <unfinished ...>"))
				next
			}
			if (line ~ /^<\.\.\. [a-z0-9_]+ resumed>/) {
				sub(/^<\.\.\. [a-z0-9_]+ resumed>/, "", line)
				line = held[pid] line
				delete held[pid]
			}
			print (pid == main ? "" : "[pid " pid "] ") line
		}' "$1"
}

# strace_agree_f NAME CALLS FIRST ARGS...: strace_agree for a shell that forks:
# one `strace -f -o` file, where strace puts each line's pid first. A line of
# the shell itself loses it; a child's is marked "[pid N] ", as strace -f marks
# it on a terminal and as the shell marks its children's lines; a call cut by
# another process's line (<unfinished ...>, <... resumed>) is joined again.
# The checks are strace_agree's, for each process apart (the shell prints a
# child's lines when it gets them, so between processes the order may differ).
strace_agree_f() {
	local name=$1 calls=$2 first=$3 status who
	shift 3
	NO_COLOR=1 timeout "$HANG_LIMIT" strace -f -s 32 -o "$TMP/$name.trace" \
		-e trace="$calls" "$SOCKSHELL" "$@" > "$TMP/$name.out" 2> "$TMP/$name.err"
	status=$?
	strace_joined "$TMP/$name.trace" | squeeze > "$TMP/$name.strace"
	calls_of "$TMP/$name.out" | squeeze > "$TMP/$name.calls"
	if [ ! -s "$TMP/$name.calls" ]; then
		fail "$name: under strace the shell printed no calls"
		return $status
	fi
	awk -v first="$first(" 'index($0, first) == 1 { on = 1 } on' "$TMP/$name.strace" |
		grep -E "^(\[pid [0-9]+\] )?(${calls//,/|})\(" |
		grep -vE '^(\[pid [0-9]+\] )?[a-z0-9_]+\(([012],|[0-9]{4,}[,)])' |
		grep -v 'CLONE_THREAD' > "$TMP/$name.made"
	# Each process: the shell itself (""), and each child it marked.
	for who in "" $(sed -n 's/^\(\[pid [0-9]*\]\) .*/\1/p' "$TMP/$name.calls" "$TMP/$name.made" |
		sort -u | tr -d '[]' | tr ' ' '_'); do
		of_who() {
			if [ -z "$who" ]; then grep -v '^\[pid ' "$1"
			else grep -F "[${who/_/ }] " "$1"; fi
		}
		of_who "$TMP/$name.calls" > "$TMP/$name.calls.who"
		of_who "$TMP/$name.strace" > "$TMP/$name.strace.who"
		in_strace_order "$name" "$calls" "$TMP/$name.calls.who" "$TMP/$name.strace.who"
		[ "${STRACE_EXACT:-yes}" = yes ] || continue
		of_who "$TMP/$name.made" > "$TMP/$name.made.who"
		diff -u "$TMP/$name.made.who" "$TMP/$name.calls.who" > "$TMP/$name.diff" ||
			fail "$name: the calls made (-) and printed (+) differ (${who:-the shell}):
$(cat "$TMP/$name.diff")"
	done
	return $status
}
