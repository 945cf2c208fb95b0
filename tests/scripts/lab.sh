# The lab (--lab): two hosts, client 10.0.0.1 and server 10.0.0.2, on a veth
# link, made at start with no root, and no way out. Run as root (as in CI), the
# shell runs as nobody here, to prove that the lab needs no root. Where the
# system forbids user namespaces, --lab says why in one line and exits 1: the
# test makes such systems itself, where it can without changing this one (a
# user namespace whose user.max_user_namespaces is 0, a seccomp filter that
# refuses unshare), and it nests the lab in user namespaces 5 deep.
#
# The lab is a network of its own: this test needs no namespace of lib.sh's
# around it, and setpriv needs the machine's own users, which one would hide.
SOCKSHELL_NETNS=no
. "$top_srcdir/tests/scripts/lib.sh"
need unshare timeout

# as_user CMD..., lab ARGS...: as nobody when we are root (lib.sh).
lab_user

# errors_of FILE: the lines of a run's stderr that are the shell's errors
# (the waiting lines before a connect are not).
errors_of() {
	grep -v '^  waiting for ' "$1"
}

# one_refusal OUT ERR STATUS WANT WHAT: --lab was refused: status 1, nothing
# on stdout, one line on stderr, and that line holds WANT.
one_refusal() {
	expect_status 1 "$3" "$5"
	[ -s "$1" ] && fail "$5: something ran after the refusal: $(head -3 "$1")"
	expect_lines_n "$2" 1 "$5: stderr"
	grep -q '^sockshell: --lab: ' "$2" ||
		fail "$5: the line does not begin with 'sockshell: --lab: ': $(cat "$2")"
	expect_line "$2" "$4" "$5"
}

# ---- Can this user make user namespaces at all? ----
if ! as_user unshare -Urn true 2>/dev/null; then
	# Then --lab must say why, in one line, and end.
	lab -c 'socket stream' > "$TMP/no.out" 2> "$TMP/no.err"
	one_refusal "$TMP/no.out" "$TMP/no.err" $? "sockshell: --lab: " \
		"--lab where $WHO may make no user namespace"
	[ "$FAILS" -eq 0 ] || done_testing
	skip "$WHO may make no user namespace here: only the refusal was checked ($(cat "$TMP/no.err"))"
fi

# ---- A server on one host, its client on the other, over IPv4 ----
port=8080	# the lab is new: any port is free in it
lab -c "host server; socket stream; bind server $port; expect ok; listen; expect ok; \
	host client; socket stream; connect server $port; expect ok; \
	accept fd3; expect = 5; \
	write fd5 \"ping\\n\"; read fd4; expect \"ping\\n\"; \
	write fd4 pong; read fd5; expect \"pong\"; \
	host" > "$TMP/tcp.out" 2> "$TMP/tcp.err"
expect_status 0 $? "a TCP connection from client to server"
expect_line "$TMP/tcp.out" "  now on server (10.0.0.2"
expect_line "$TMP/tcp.out" "bind(3, {sa_family=AF_INET, sin_port=htons($port), sin_addr=inet_addr(\"10.0.0.2\")}, 16) = 0"
expect_line "$TMP/tcp.out" "  now on client (10.0.0.1"
expect_line "$TMP/tcp.out" "  server is a host of the lab: 10.0.0.2:$port (the lab's own name, not looked up with getaddrinfo)"
expect_line "$TMP/tcp.out" "connect(4, {sa_family=AF_INET, sin_port=htons($port), sin_addr=inet_addr(\"10.0.0.2\")}, 16) = 0"
grep -qE '^accept\(3, \{sa_family=AF_INET, sin_port=htons\([0-9]+\), sin_addr=inet_addr\("10\.0\.0\.1"\)\}, \[128 => 16\]\) = 5$' "$TMP/tcp.out" ||
	fail "the server did not see the client at 10.0.0.1: $(grep '^accept' "$TMP/tcp.out")"
expect_line "$TMP/tcp.out" 'read(4, "ping\n", 4096) = 5'
expect_line "$TMP/tcp.out" 'read(5, "pong", 4096) = 4'
expect_line "$TMP/tcp.out" "  on client: 10.0.0.1"
expect_line "$TMP/tcp.out" "the other host is server: 10.0.0.2"
# Not at a terminal: no banner.
expect_no_line "$TMP/tcp.out" "a lab: hosts" "a banner in a -c run"
[ -s "$TMP/tcp.err" ] && [ -n "$(errors_of "$TMP/tcp.err")" ] &&
	fail "errors in the TCP run: $(errors_of "$TMP/tcp.err")"

# ---- fds and ss name the host: one port, a listener on each host ----
lab -c "host server; socket stream; bind $port; listen; \
	host client; socket stream; bind $port; listen; fds; ss $port; \
	socket stream; connect server $port; host server; accept fd3; \
	host client; close fd6; close fd5; ss" > "$TMP/hosts.out" 2> "$TMP/hosts.err"
expect_status 0 $? "a listener on each host"
squeeze "$TMP/hosts.out" | grep -qx 'FD HOST TYPE STATE LOCAL PEER FLAGS' ||
	fail "no HOST column in fds in the lab: $(cat "$TMP/hosts.out")"
squeeze "$TMP/hosts.out" | grep -qx "3 server inet stream LISTEN 0.0.0.0:$port -" ||
	fail "fds does not say fd3 is on server: $(cat "$TMP/hosts.out")"
squeeze "$TMP/hosts.out" | grep -qx "\* 4 client inet stream LISTEN 0.0.0.0:$port -" ||
	fail "fds does not say fd4 is on client: $(cat "$TMP/hosts.out")"
# ss PORT, on client, lists both hosts' listeners.
sed -n "/on port $port, on client and server/,/^close\|^socket/p" "$TMP/hosts.out" > "$TMP/ss-port"
squeeze "$TMP/ss-port" | grep -qx 'HOST PROTO STATE RECV-Q SEND-Q LOCAL PEER FD TIMER' ||
	fail "no HOST column in ss in the lab: $(cat "$TMP/hosts.out")"
squeeze "$TMP/ss-port" | grep -qx "server tcp LISTEN 0 0 0.0.0.0:$port 0.0.0.0:\* fd3" ||
	fail "ss on client does not list server's listener: $(cat "$TMP/ss-port")"
squeeze "$TMP/ss-port" | grep -qx "client tcp LISTEN 0 0 0.0.0.0:$port 0.0.0.0:\* fd4" ||
	fail "ss does not list client's listener: $(cat "$TMP/ss-port")"
# The accepted socket is on its listener's host, and the server's side closed
# first while the shell was on client: its TIME_WAIT is found on server.
squeeze "$TMP/hosts.out" | grep -qE "^server tcp TIME_WAIT 0 0 10\.0\.0\.2:$port 10\.0\.0\.1:[0-9]+ - timewait [0-9]+s\$" ||
	fail "ss on client does not find server's TIME_WAIT: $(sed -n '/^close(5)/,$p' "$TMP/hosts.out")"
grep -q '^  TCP and UDP sockets on this shell.s ports (client [0-9, ]*; server [0-9, ]*), as each host lists them' "$TMP/hosts.out" ||
	fail "ss does not say which ports of which host: $(grep 'TCP and UDP' "$TMP/hosts.out")"
[ -s "$TMP/hosts.err" ] && [ -n "$(errors_of "$TMP/hosts.err")" ] &&
	fail "errors in the run of two listeners: $(errors_of "$TMP/hosts.err")"
# Outside the lab, no HOST column.
sockshell -c "socket stream; bind 127.0.0.1 0; fds; ss" > "$TMP/nohost.out" 2>&1
expect_no_line "$TMP/nohost.out" "HOST" "a HOST column outside the lab"

# ---- UDP across: sendto takes the lab's names too ----
lab -c "host server; socket dgram; bind server 9000; expect ok; \
	host client; socket dgram; sendto server 9000 hello; expect = 5; \
	recvfrom fd3; expect \"hello\"" > "$TMP/udp.out" 2> "$TMP/udp.err"
expect_status 0 $? "a datagram from client to server"
expect_line "$TMP/udp.out" 'sendto(4, "hello", 5, 0, {sa_family=AF_INET, sin_port=htons(9000), sin_addr=inet_addr("10.0.0.2")}, 16) = 5'
grep -qE '^recvfrom\(3, "hello", 4096, 0, \{sa_family=AF_INET, sin_port=htons\([0-9]+\), sin_addr=inet_addr\("10\.0\.0\.1"\)\}, \[128 => 16\]\) = 5$' "$TMP/udp.out" ||
	fail "the datagram did not come from 10.0.0.1: $(grep '^recvfrom' "$TMP/udp.out")"

# ---- IPv6 across, over fd00:: (no duplicate address detection to wait for) ----
if [ -d /proc/sys/net/ipv6 ]; then
	lab -c "host server; socket inet6 stream; bind server $port; expect ok; listen; \
		host client; socket inet6 stream; connect server $port; expect ok; \
		accept fd3; expect = 5; \
		socket inet6 stream; connect fd00::2 $port; expect ok" \
		> "$TMP/tcp6.out" 2> "$TMP/tcp6.err"
	expect_status 0 $? "a TCP connection over IPv6"
	expect_line "$TMP/tcp6.out" "connect(4, {sa_family=AF_INET6, sin6_port=htons($port), sin6_flowinfo=htonl(0), inet_pton(AF_INET6, \"fd00::2\", &sin6_addr), sin6_scope_id=0}, 28) = 0"
	grep -qE '^accept\(3, \{sa_family=AF_INET6, sin6_port=htons\([0-9]+\), sin6_flowinfo=htonl\(0\), inet_pton\(AF_INET6, "fd00::1", &sin6_addr\), sin6_scope_id=0\}, \[128 => 28\]\) = 5$' "$TMP/tcp6.out" ||
		fail "the server did not see the client at fd00::1: $(grep '^accept' "$TMP/tcp6.out")"
fi

# ---- Each host has its loopback, and localhost still works ----
lab -c "host server; socket stream; bind localhost 7000; expect ok; listen; \
	socket stream; connect localhost 7000; expect ok; \
	host client; socket stream; connect 127.0.0.1 7000; expect ECONNREFUSED" \
	> "$TMP/lo.out" 2> "$TMP/lo.err"
expect_status 0 $? "localhost on each host (the client's loopback is not the server's)"

# ---- No way out: anything beyond the two hosts is unreachable at once ----
lab -c "socket stream; connect 192.0.2.1 80; expect ENETUNREACH; \
	host server; socket dgram; sendto 198.51.100.7 53 hi; expect ENETUNREACH" \
	> "$TMP/out.out" 2> "$TMP/out.err"
expect_status 0 $? "connect and sendto out of the lab fail with ENETUNREACH"
expect_line "$TMP/out.out" "  hint: the lab has no way out"
# This machine's own addresses are outside the lab too (those of the
# lab's network aside: one of them would be a host of the lab).
real=$("${netns_ip:-ip}" -o -4 addr show scope global 2>/dev/null | awk '{ sub("/.*", "", $4); print $4 }' |
	grep -v '^10\.0\.0\.' | head -n 1)
if [ -n "$real" ]; then
	lab -c "socket stream; connect $real 22; expect ENETUNREACH" > "$TMP/real.out" 2> "$TMP/real.err"
	expect_status 0 $? "connect to this machine's own $real from the lab"
fi
if [ -d /proc/sys/net/ipv6 ]; then
	lab -c "socket inet6 stream; connect 2001:db8::1 80; expect ENETUNREACH" \
		> "$TMP/out6.out" 2> "$TMP/out6.err"
	expect_status 0 $? "connect out of the lab over IPv6"
fi

# ---- host: names, refusals ----
lab -c "host nosuch" > "$TMP/nosuch.out" 2> "$TMP/nosuch.err"
expect_status 1 $? "an unknown host is refused"
expect_lines_n "$TMP/nosuch.err" 1 "the refusal of an unknown host"
expect_line "$TMP/nosuch.err" "sockshell: host: no host nosuch in the lab (there are client and server)"
lab -c "socket stream; connect nosuch 80" > "$TMP/nosuch2.out" 2> "$TMP/nosuch2.err"
expect_status 1 $? "a name the lab does not know is looked up, and fails"
for cmd in "host" "host server"; do
	sockshell -c "$cmd" > "$TMP/outside.out" 2> "$TMP/outside.err"
	expect_status 1 $? "\`$cmd' outside the lab"
	expect_lines_n "$TMP/outside.err" 1 "\`$cmd' outside the lab"
	expect_line "$TMP/outside.err" "sockshell: host: there are hosts only in the lab: start the shell with --lab (sockshell --lab)"
done
# Outside the lab, client and server are no names of the shell's (asked in
# a network namespace with only a loopback: no resolver off this machine).
in_netns env NO_COLOR=1 "$SOCKSHELL" -c "resolve server" > "$TMP/outside2.out" 2>&1
[ $? = 125 ] || expect_no_line "$TMP/outside2.out" "is a host of the lab" "a lab name outside the lab"

# ---- Another terminal joins a host with the line `host` prints ----
# The shell listens on server, on every address, then waits; a peer run with
# server's line connects to 127.0.0.1 (only server's loopback has the
# listener), one run with client's line to 10.0.0.2 (a shell joined so is
# not in the lab: client and server are no names there). Same user as the shell.
lab -c "host server; socket stream; bind $port; listen; host client; host; \
	accept fd3; read; expect \"from server\"; accept fd3; read; expect \"from client\"" \
	> "$TMP/join.out" 2> "$TMP/join.err" &
lab_pid=$!
PIDS="$PIDS $lab_pid"
wait_for_text "$TMP/join.out" "    server: nsenter"
# joined HOST: the line `host` printed for HOST, as a person pastes it: it
# ends with the shell as it was started (its path, from a build tree).
joined() {
	sed -n "s/^    $1: \(nsenter .*\)\$/\1/p" "$TMP/join.out"
}
for h in client server; do
	grep -qE "^    $h: nsenter -t [0-9]+ -U --preserve-credentials --net=/proc/[0-9]+/fd/[0-9]+ $(realpath "$LAB_SHELL")\$" "$TMP/join.out" ||
		fail "no line to join $h: $(cat "$TMP/join.out")"
done
join_server=$(joined server)
join_client=$(joined client)
as_user timeout "$HANG_LIMIT" $join_server -c \
	"socket stream; connect 127.0.0.1 $port; expect ok; write \"from server\"" \
	> "$TMP/peer-server.out" 2>&1
expect_status 0 $? "a peer joined to server with its line: $(cat "$TMP/peer-server.out")"
as_user timeout "$HANG_LIMIT" $join_client -c \
	"socket stream; connect 10.0.0.2 $port; expect ok; write \"from client\"" \
	> "$TMP/peer-client.out" 2>&1
expect_status 0 $? "a peer joined to client with its line: $(cat "$TMP/peer-client.out")"
wait_exit "$lab_pid"
expect_status 0 $? "the lab shell the peers joined"
grep -qE '^accept\(3, \{sa_family=AF_INET, sin_port=htons\([0-9]+\), sin_addr=inet_addr\("127\.0\.0\.1"\)\}, \[128 => 16\]\) = 4$' "$TMP/join.out" ||
	fail "the peer joined to server did not come from server's loopback: $(grep '^accept' "$TMP/join.out")"
grep -qE '^accept\(3, \{sa_family=AF_INET, sin_port=htons\([0-9]+\), sin_addr=inet_addr\("10\.0\.0\.1"\)\}, \[128 => 16\]\) = 5$' "$TMP/join.out" ||
	fail "the peer joined to client did not come from 10.0.0.1: $(grep '^accept' "$TMP/join.out")"

# ---- The prompt names the host (step mode shows it off a terminal) ----
printf 'socket stream\nhost server\nsocket stream\n' > "$TMP/step.sock"
printf '\n\n\n' | lab --step "$TMP/step.sock" > "$TMP/step.out" 2> "$TMP/step.err"
expect_status 0 $? "a step through the lab"
expect_line "$TMP/step.out" "sockshell@client> socket stream"
expect_line "$TMP/step.out" "sockshell@client fd3> host server"
expect_line "$TMP/step.out" "sockshell@server fd3> socket stream"

# ---- The first socket is 3 in the lab too: the namespaces' descriptors are out of the way ----
lab -c "socket stream; expect = 3" > /dev/null 2>&1
expect_status 0 $? "the first socket in the lab"

# ---- valgrind: no memory error, no leak, and the namespaces' descriptors closed at exit;
# fds and ss (which enters each host) and host (the join lines) included ----
if command -v valgrind > /dev/null 2>&1 && [ "${SOCKSHELL_SANITIZED:-0}" != 1 ]; then
	touch "$TMP/vg.log"
	chmod 666 "$TMP/vg.log"
	NO_COLOR=1 as_user timeout "$HANG_LIMIT" valgrind -q --leak-check=full \
		--show-leak-kinds=definite,indirect --errors-for-leak-kinds=definite,indirect \
		--error-exitcode=99 --track-fds=yes --log-file="$TMP/vg.log" \
		"$LAB_SHELL" --lab -c 'host server; socket stream; bind server 80; expect ok; listen; host client; socket stream; connect server 80; expect ok; fds; ss; ss 80; host; close 3; ss' \
		> "$TMP/vg.out" 2> "$TMP/vg.err"
	rc=$?
	[ "$rc" = 99 ] && fail "valgrind found errors in the lab: $(head -40 "$TMP/vg.log")"
	expect_status 0 "$rc" "the lab under valgrind"
	if grep -q 'Open AF_\|Open file descriptor [3-9]\|Open file descriptor [1-9][0-9]' "$TMP/vg.log"; then
		fail "descriptors left open at exit in the lab: $(grep -A2 'Open ' "$TMP/vg.log" | head)"
	fi
fi

# ---- Refusals: user namespaces off (user.max_user_namespaces=0) ----
# In a user namespace of our own, root there may lower the limit for
# everything inside it: the shell then meets a system with none left.
as_user unshare -rU sh -c 'echo 0 > /proc/sys/user/max_user_namespaces' 2>/dev/null
if [ $? -eq 0 ]; then
	NO_COLOR=1 as_user timeout "$HANG_LIMIT" unshare -rU sh -c \
		'echo 0 > /proc/sys/user/max_user_namespaces && exec "$@"' sh \
		"$LAB_SHELL" --lab -c 'socket stream' > "$TMP/max.out" 2> "$TMP/max.err"
	one_refusal "$TMP/max.out" "$TMP/max.err" $? \
		"sockshell: --lab: user namespaces are off (sysctl user.max_user_namespaces=0); as root: sysctl -w user.max_user_namespaces=15000" \
		"--lab with user.max_user_namespaces=0"
else
	printf '%s: cannot lower user.max_user_namespaces in a namespace here: not checked\n' "$TEST_NAME" >&2
fi

# ---- Refusals: a container's seccomp filter ----
# A filter as Docker's default profile has: unshare(2) fails with EPERM.
# Written in Perl (the filter is 4 BPF instructions); x86-64's numbers.
if command -v perl > /dev/null 2>&1 && [ "$(uname -m)" = x86_64 ]; then
	cat > "$TMP/deny-unshare.pl" <<'PERL'
use strict;
my ($SYS_prctl, $SYS_unshare) = (157, 272);
my ($PR_SET_NO_NEW_PRIVS, $PR_SET_SECCOMP, $SECCOMP_MODE_FILTER) = (38, 22, 2);
sub insn { pack('SCCL', @_) }
my $filter = join '',
	insn(0x20, 0, 0, 0),			# load seccomp_data.nr
	insn(0x15, 0, 1, $SYS_unshare),		# unshare?
	insn(0x06, 0, 0, 0x00050000 | 1),	# then SECCOMP_RET_ERRNO | EPERM
	insn(0x06, 0, 0, 0x7fff0000);		# else SECCOMP_RET_ALLOW
my $prog = pack('S x6 P', length($filter) / 8, $filter);
syscall($SYS_prctl, $PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) == 0 or die "no_new_privs: $!\n";
syscall($SYS_prctl, $PR_SET_SECCOMP, $SECCOMP_MODE_FILTER, $prog, 0, 0) == 0 or die "seccomp: $!\n";
exec { $ARGV[0] } @ARGV or die "exec $ARGV[0]: $!\n";
PERL
	chmod 644 "$TMP/deny-unshare.pl"
	if as_user perl "$TMP/deny-unshare.pl" sh -c '! unshare -Ur true' 2>/dev/null; then
		NO_COLOR=1 as_user timeout "$HANG_LIMIT" perl "$TMP/deny-unshare.pl" \
			"$LAB_SHELL" --lab -c 'socket stream' > "$TMP/seccomp.out" 2> "$TMP/seccomp.err"
		one_refusal "$TMP/seccomp.out" "$TMP/seccomp.err" $? \
			"sockshell: --lab: this container forbids namespaces (seccomp: unshare(CLONE_NEWUSER) is refused); run it with --privileged or outside the container" \
			"--lab under a seccomp filter"
	else
		printf '%s: no seccomp filter could be set here: not checked\n' "$TEST_NAME" >&2
	fi
fi

# ---- Nested 5 deep: the lab works inside user namespaces, and nothing hangs ----
nest="$LAB_SHELL"
for depth in 1 2 3 4 5; do
	nest="unshare -rU $nest"
done
NO_COLOR=1 as_user timeout "$HANG_LIMIT" $nest --lab -c "host server; socket stream; \
	bind server $port; listen; host client; socket stream; connect server $port; expect ok; \
	accept fd3; expect = 5" > "$TMP/deep.out" 2> "$TMP/deep.err"
rc=$?
[ "$rc" = 124 ] && fail "the lab 5 user namespaces deep hung (killed after $HANG_LIMIT s)"
expect_status 0 "$rc" "the lab 5 user namespaces deep"
# ... and refused there, in one line, when the innermost allows no more.
NO_COLOR=1 as_user timeout "$HANG_LIMIT" unshare -rU unshare -rU unshare -rU unshare -rU \
	unshare -rU sh -c 'echo 0 > /proc/sys/user/max_user_namespaces && exec "$@"' sh \
	"$LAB_SHELL" --lab -c 'socket stream' > "$TMP/deep0.out" 2> "$TMP/deep0.err"
rc=$?
[ "$rc" = 124 ] && fail "the refused lab 5 user namespaces deep hung"
one_refusal "$TMP/deep0.out" "$TMP/deep0.err" "$rc" "user.max_user_namespaces=0" \
	"--lab refused 5 user namespaces deep"

done_testing
