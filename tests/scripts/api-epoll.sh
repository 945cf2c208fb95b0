# epoll on loopback: create, add, mod, del and their errors (EEXIST, ENOENT,
# EINVAL), a wait that times out, one that reports a socket with data, level-
# against edge-triggered with the data left unread, `fds` listing what an epoll
# descriptor watches, a wait with no timeout woken by a real nc client and one
# stopped by Ctrl-C, bad input; and the call lines against strace's own.
. "$top_srcdir/tests/scripts/lib.sh"
need timeout

port=$(free_port)
[ -n "$port" ] || { fail "no free port"; done_testing; }

# ---- a connected pair, watched level- and edge-triggered ----
cat > "$TMP/pair.sock" <<SCRIPT
socket stream
bind 127.0.0.1 $port
listen 5
socket stream
connect 127.0.0.1 $port
accept fd3
epoll create
expect = 6
epoll add fd5 in
expect ok
epoll add fd5 in
expect EEXIST
epoll mod fd4 out
expect ENOENT
epoll del fd4
expect ENOENT
epoll add fd6 in
expect EINVAL
epoll add fd4 in|et rdhup
expect ok
epoll wait 8 50
expect = 0
fds
write fd4 "ping"
write fd5 "pong"
epoll wait 8 $WAIT_MS
expect = 2
# level-triggered fd5: reported again while "ping" is unread
epoll wait 8 0
expect = 1
read fd5
expect "ping"
# edge-triggered fd4: "pong" is unread, but nothing new came
epoll wait fd6 8 0
expect = 0
read fd4
expect "pong"
epoll mod fd5 out oneshot
expect ok
epoll wait 1 0
expect = 1
fds
epoll wait 1 0
expect = 0
epoll mod fd6 fd5 out oneshot
expect ok
fds
epoll wait 1 0
expect = 1
epoll del fd5
expect ok
close fd4
epoll wait 8 0
expect = 0
fds
SCRIPT
sockshell_t "$TMP/pair.sock" > "$TMP/pair.out" 2> "$TMP/pair.err"
expect_status 0 $? "epoll pair script"
o="$TMP/pair.out"
expect_line "$o" "epoll_create1(0) = 6"
expect_line "$o" "epoll_ctl(6, EPOLL_CTL_ADD, 5, {events=EPOLLIN, data={u32=5, u64=5}}) = 0"
expect_line "$o" "epoll_ctl(6, EPOLL_CTL_ADD, 5, {events=EPOLLIN, data={u32=5, u64=5}}) = -1 EEXIST (File exists)"
grep -A1 'EEXIST' "$o" | grep -q '^  hint: this descriptor is in the epoll set already' ||
	fail "no hint under EEXIST"
expect_line "$o" "epoll_ctl(6, EPOLL_CTL_MOD, 4, {events=EPOLLOUT, data={u32=4, u64=4}}) = -1 ENOENT (No such file or directory)"
expect_line "$o" "epoll_ctl(6, EPOLL_CTL_DEL, 4, NULL) = -1 ENOENT (No such file or directory)"
grep -A1 'EPOLL_CTL_DEL, 4, NULL) = -1 ENOENT' "$o" | grep -q '^  hint: this descriptor is not in the epoll set' ||
	fail "no hint under ENOENT"
expect_line "$o" "epoll_ctl(6, EPOLL_CTL_ADD, 6, {events=EPOLLIN, data={u32=6, u64=6}}) = -1 EINVAL (Invalid argument)"
expect_line "$o" "epoll_ctl(6, EPOLL_CTL_ADD, 4, {events=EPOLLIN|EPOLLRDHUP|EPOLLET, data={u32=4, u64=4}}) = 0"
expect_line "$o" "epoll_wait(6, [], 8, 50) = 0"
grep -qE '^ +6 +epoll +- +watches fd5 EPOLLIN, fd4 EPOLLIN\|EPOLLRDHUP\|EPOLLET$' "$o" ||
	fail "fds does not list what fd6 watches: $(grep epoll "$o")"
grep -qE "^epoll_wait\(6, \[\{events=EPOLLIN, data=\{u32=(4|5), u64=(4|5)\}\}, \{events=EPOLLIN, data=\{u32=(4|5), u64=(4|5)\}\}\], 8, $WAIT_MS\) = 2$" "$o" ||
	fail "no wait reporting both"
expect_line "$o" "epoll_wait(6, [{events=EPOLLIN, data={u32=5, u64=5}}], 8, 0) = 1"
expect_line "$o" "epoll_wait(6, [], 8, 0) = 0"
expect_line "$o" "  fd4 is still readable, but it is edge-triggered (EPOLLET): epoll reports it once per arrival; read until EAGAIN, or add it without et"
expect_line "$o" "epoll_ctl(6, EPOLL_CTL_MOD, 5, {events=EPOLLOUT|EPOLLONESHOT, data={u32=5, u64=5}}) = 0"
expect_line "$o" "epoll_wait(6, [{events=EPOLLOUT, data={u32=5, u64=5}}], 1, 0) = 1"
expect_line "$o" "epoll_wait(6, [], 1, 0) = 0"
# a oneshot descriptor, once reported, is off until mod arms it again
[ "$(grep -c '^  fd5 was added with oneshot (EPOLLONESHOT): the kernel now leaves it off, still in the set; `epoll mod fd6 fd5 out oneshot` arms it again$' "$o")" = 2 ] ||
	fail "no note, once for each firing, that the oneshot watch is off: $(grep oneshot "$o")"
grep -qE '^ +6 +epoll +- +watches fd5 EPOLLOUT\|EPOLLONESHOT \(fired: off until epoll mod\), fd4 ' "$o" ||
	fail "fds does not show the oneshot watch off: $(grep 'watches fd5' "$o")"
grep -qE '^ +6 +epoll +- +watches fd5 EPOLLOUT\|EPOLLONESHOT, fd4 ' "$o" ||
	fail "fds does not show the oneshot watch armed again after mod: $(grep 'watches fd5' "$o")"
[ "$(grep -c '^epoll_wait(6, \[{events=EPOLLOUT, data={u32=5, u64=5}}\], 1, 0) = 1$' "$o")" = 2 ] ||
	fail "the watch armed again by mod was not reported"
expect_line "$o" "epoll_ctl(6, EPOLL_CTL_DEL, 5, NULL) = 0"
# closed, fd4 left the set; deleted, fd5 too
grep -qE '^ +6 +epoll +- +watches nothing$' "$o" ||
	fail "fds still lists watches after del and close: $(grep epoll "$o")"
# the epoll descriptor never becomes the current one
expect_no_line "$o" "  fd6 is the current descriptor now" "epoll became current"
[ -s "$TMP/pair.err" ] && fail "pair: stderr: $(cat "$TMP/pair.err")"

# ---- no timeout: it waits, says so, and a client wakes it ----
need nc
port2=$(free_port)
cat > "$TMP/wait.sock" <<SCRIPT
socket stream
bind 127.0.0.1 $port2
listen 5
epoll create
epoll add fd3
epoll wait
expect = 1
SCRIPT
sockshell_t "$TMP/wait.sock" > "$TMP/wait.out" 2> "$TMP/wait.err" &
pid=$!
PIDS="$PIDS $pid"
if wait_for_text "$TMP/wait.err" "Ctrl-C" && wait_sleeping "$pid"; then
	expect_line "$TMP/wait.err" "  waiting for an event on epoll fd4 (Ctrl-C interrupts)"
	printf 'hello\n' | timeout "$HANG_LIMIT" nc -N 127.0.0.1 "$port2" >/dev/null
	wait_exit "$pid"
	expect_status 0 $? "epoll wait woken by nc"
	expect_line "$TMP/wait.out" "epoll_wait(4, [{events=EPOLLIN, data={u32=3, u64=3}}], 8, -1) = 1"
fi

# ---- Ctrl-C in a wait with no timeout ----
cat > "$TMP/int.sock" <<SCRIPT
socket dgram
epoll create
epoll add fd3 in
epoll wait
echo never here
SCRIPT
if ctrl_c int; then
	grep -qE '^epoll_wait\(4, 0x[0-9a-f]+, 8, -1\) = -1 EINTR \(Interrupted system call\)$' "$TMP/int.out" ||
		fail "no EINTR line: $(cat "$TMP/int.out")"
	grep -A1 'EINTR' "$TMP/int.out" | grep -q '^  hint: Ctrl-C came before any event' ||
		fail "no hint under EINTR: $(cat "$TMP/int.out")"
	expect_line "$TMP/int.out" "close(4) = 0"
	expect_no_line "$TMP/int.out" "never here" "the script went on after Ctrl-C"
fi

# ---- bad input ----
sockshell_t -c 'epoll wait; epoll add fd3; socket stream; epoll create; epoll add fd3 sideways; epoll add fd9; epoll del fd3 in; epoll frob; epoll wait 0; epoll add' > "$TMP/bad.out" 2> "$TMP/bad.err"
expect_status 1 $? "bad epoll input"
u="(usage: epoll create | add|mod|del [EPFD] fdN [EVENTS...] | wait [EPFD] [MAX] [TIMEOUT_MS])"
expect_line "$TMP/bad.err" "sockshell: epoll: no epoll descriptor: \`epoll create\` makes one $u"
expect_line "$TMP/bad.err" "sockshell: epoll: not an event: sideways (in, out, rdhup, pri, err, hup, et, oneshot, exclusive) $u"
expect_line "$TMP/bad.err" "sockshell: epoll: fd9 is not open in this shell"
expect_line "$TMP/bad.err" "sockshell: epoll: del takes no events $u"
expect_line "$TMP/bad.err" "sockshell: epoll: not a subcommand: frob (create, add, mod, del, wait) $u"
expect_line "$TMP/bad.err" "sockshell: epoll: max out of range: 0 (1..1024)"
expect_line "$TMP/bad.err" "sockshell: epoll: which descriptor? (epoll add [EPFD] fdN [EVENTS...]) $u"
expect_lines_n "$TMP/bad.err" 8 "one line per bad command"
expect_no_line "$TMP/bad.out" "epoll_ctl(" "a refused epoll made a call"

# ---- EPFD as a number, as C writes it; a descriptor that is no epoll's ----
sockshell_t -c 'socket stream; epoll create; epoll add 4 fd3 in; epoll mod 4 fd3 out; epoll wait 4 2 0; epoll wait 3 0; epoll del 4 fd3' > "$TMP/num.out" 2> "$TMP/num.err"
expect_status 0 $? "epoll with EPFD as a number"
expect_line "$TMP/num.out" "epoll_ctl(4, EPOLL_CTL_ADD, 3, {events=EPOLLIN, data={u32=3, u64=3}}) = 0"
expect_line "$TMP/num.out" "epoll_ctl(4, EPOLL_CTL_MOD, 3, {events=EPOLLOUT, data={u32=3, u64=3}}) = 0"
expect_line "$TMP/num.out" "epoll_wait(4, [{events=EPOLLOUT|EPOLLHUP, data={u32=3, u64=3}}], 2, 0) = 1"
expect_line "$TMP/num.out" "epoll_wait(4, [{events=EPOLLOUT|EPOLLHUP, data={u32=3, u64=3}}], 3, 0) = 1"
expect_line "$TMP/num.out" "epoll_ctl(4, EPOLL_CTL_DEL, 3, NULL) = 0"
sockshell_t -c 'socket stream; epoll create; epoll add 3 fd3; epoll wait fd3 1 0; epoll add 7 fd3' > "$TMP/noep.out" 2> "$TMP/noep.err"
expect_status 1 $? "epoll with a descriptor that is no epoll's"
expect_lines_n "$TMP/noep.err" 3 "one line per bad command"
expect_line "$TMP/noep.err" "sockshell: epoll: fd3 is not an epoll descriptor (\`epoll create\` makes one) $u"
expect_line "$TMP/noep.err" "sockshell: epoll: fd7 is not open in this shell (see \`fds\`) $u"
expect_no_line "$TMP/noep.out" "epoll_ctl(" "a refused epoll made a call"

# ---- the call lines are strace's ----
can_strace || done_testing
port3=$(free_port)
cat > "$TMP/st.sock" <<SCRIPT
socket stream
bind 127.0.0.1 $port3
listen 5
socket stream
connect 127.0.0.1 $port3
accept fd3
epoll create
epoll add fd5 in
epoll add fd5 in
epoll mod fd4 out|et
epoll add fd4 in|et|rdhup|oneshot
epoll add fd6
epoll wait 8 0
write fd4 "ping"
epoll wait 8 $WAIT_MS
epoll wait 1 0
epoll mod fd4 out
epoll del fd4
epoll del fd4
epoll wait 4 10
SCRIPT
strace_agree st socket,bind,listen,accept,connect,write,close,epoll_create1,epoll_ctl,epoll_wait,epoll_pwait \
	socket "$TMP/st.sock"
expect_status 0 $? "the epoll script under strace"
grep -q '^epoll_wait(' "$TMP/st.calls" || fail "strace run: no epoll_wait line"
done_testing
