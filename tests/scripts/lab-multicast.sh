# Multicast in the lab (--lab), as an unprivileged user: two receivers on
# server and one on client join a group with no IFADDR (the lab routes
# 224.0.0.0/4 on its link, as a LAN host does by its default route), a
# sender on client sends once, and all three get the datagram: two across
# the veth, one through ip_multicast_loop. A second join fails with
# EADDRINUSE; a receiver that left the group (and takes only its own groups,
# ip_multicast_all 0) gets the next datagram no more: its non-blocking read
# fails with EAGAIN after the other receiver on its host got its copy, which
# the kernel hands to both sockets of a host in one pass, so no timing
# matters. Then the same lines under strace, which traces into the lab.
#
# The lab is a network of its own: no namespace of lib.sh's around it (and
# setpriv needs the machine's own users, which one would hide).
SOCKSHELL_NETNS=no
. "$top_srcdir/tests/scripts/lib.sh"
need unshare timeout

# as_user CMD..., lab ARGS...: as nobody when we are root (lib.sh).
lab_user
as_user unshare -Urn true 2>/dev/null ||
	skip "$WHO may make no user namespace here: there is no lab (lab.sh checks its refusal)"

group=239.1.2.3
port=7000	# the lab is new: any port is free in it

cat > "$TMP/mc.sock" <<SCRIPT
host server
socket dgram
setsockopt reuseaddr 1
bind $group $port
expect ok
setsockopt ip_add_membership $group
expect ok
socket dgram
setsockopt reuseaddr 1
bind $group $port
expect ok
setsockopt ip_add_membership $group
expect ok
setsockopt ip_add_membership $group
expect EADDRINUSE
setsockopt ip_add_membership $group 10.0.0.9
expect ENODEV
host client
socket dgram
setsockopt reuseaddr 1
bind $group $port
setsockopt ip_add_membership $group client
expect ok
socket dgram
getsockopt ip_multicast_loop
expect = 0
sendto $group $port hello
expect = 5
recvfrom fd3
expect "hello"
recvfrom fd4
expect "hello"
recvfrom fd5
expect "hello"
setsockopt fd3 ip_multicast_all 0
setsockopt fd3 ip_drop_membership $group
expect ok
setsockopt fd3 ip_drop_membership $group
expect EADDRNOTAVAIL
sendto $group $port again
recvfrom fd4
expect "again"
nonblock fd3 on
recvfrom fd3
expect EAGAIN
SCRIPT

# traced_lab NAME: the script under strace -f -s 32, as the lab's user.
traced_lab() {
	local f
	mkdir "$TMP/trace"
	chmod 777 "$TMP/trace"
	NO_COLOR=1 as_user timeout "$HANG_LIMIT" strace -ff -s 32 -o "$TMP/trace/t" \
		-e trace=socket,bind,setsockopt,getsockopt,sendto,recvfrom \
		"$LAB_SHELL" --lab "$TMP/$1.sock" > "$TMP/$1.out" 2> "$TMP/$1.err"
}

if can_strace && as_user strace -f -o /dev/null -e trace=socket "$LAB_SHELL" --lab -c 'socket dgram' \
	> /dev/null 2>&1; then
	cp "$TMP/mc.sock" "$TMP/tr.sock"
	chmod 644 "$TMP/tr.sock"
	traced_lab tr
	expect_status 0 $? "the lab's multicast under strace"
	for f in "$TMP/trace/t".*; do
		grep -q '^socket(AF_INET' "$f" && cat "$f"
	done | grep -vE '<unfinished \.\.\.>|resumed>|^\+\+\+ |^--- ' | squeeze |
		grep -E '^(socket|bind|setsockopt|getsockopt|sendto|recvfrom)\(' |
		grep -vE '^[a-z]+\(([012],|[0-9]{4,}[,)])' |
		awk '/^socket\(AF_INET, SOCK_DGRAM, IPPROTO_UDP\) = 3$/ { on = 1 } on' > "$TMP/tr.made"
	calls_of "$TMP/tr.out" | squeeze | grep -E '^(socket|bind|setsockopt|getsockopt|sendto|recvfrom)\(' > "$TMP/tr.calls"
	[ -s "$TMP/tr.calls" ] || fail "under strace the lab printed no calls: $(cat "$TMP/tr.err")"
	diff -u "$TMP/tr.made" "$TMP/tr.calls" > "$TMP/tr.diff" ||
		fail "in the lab, the calls made (-, strace) and printed (+) differ:
$(cat "$TMP/tr.diff")"
	cp "$TMP/tr.out" "$TMP/mc.out"
else
	printf '%s: strace may not trace the lab here: its lines are not compared\n' "$TEST_NAME" >&2
	lab "$TMP/mc.sock" > "$TMP/mc.out" 2> "$TMP/mc.err"
	expect_status 0 $? "multicast in the lab"
fi

# The sender's port is the kernel's choice.
sed -E '/^recvfrom/s/sin_port=htons\([0-9]+\)/sin_port=htons(SRC)/' "$TMP/mc.out" |
	grep -vE '^(fcntl|close)\(|^recvfrom\(3, 0x' > "$TMP/mc.norm"
expect_calls "$TMP/mc.norm" "multicast in the lab" <<LINES
socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP) = 3
setsockopt(3, SOL_SOCKET, SO_REUSEADDR, [1], 4) = 0
bind(3, {sa_family=AF_INET, sin_port=htons($port), sin_addr=inet_addr("$group")}, 16) = 0
setsockopt(3, SOL_IP, IP_ADD_MEMBERSHIP, {imr_multiaddr=inet_addr("$group"), imr_interface=inet_addr("0.0.0.0")}, 8) = 0
socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP) = 4
setsockopt(4, SOL_SOCKET, SO_REUSEADDR, [1], 4) = 0
bind(4, {sa_family=AF_INET, sin_port=htons($port), sin_addr=inet_addr("$group")}, 16) = 0
setsockopt(4, SOL_IP, IP_ADD_MEMBERSHIP, {imr_multiaddr=inet_addr("$group"), imr_interface=inet_addr("0.0.0.0")}, 8) = 0
setsockopt(4, SOL_IP, IP_ADD_MEMBERSHIP, {imr_multiaddr=inet_addr("$group"), imr_interface=inet_addr("0.0.0.0")}, 8) = -1 EADDRINUSE (Address already in use)
setsockopt(4, SOL_IP, IP_ADD_MEMBERSHIP, {imr_multiaddr=inet_addr("$group"), imr_interface=inet_addr("10.0.0.9")}, 8) = -1 ENODEV (No such device)
socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP) = 5
setsockopt(5, SOL_SOCKET, SO_REUSEADDR, [1], 4) = 0
bind(5, {sa_family=AF_INET, sin_port=htons($port), sin_addr=inet_addr("$group")}, 16) = 0
setsockopt(5, SOL_IP, IP_ADD_MEMBERSHIP, {imr_multiaddr=inet_addr("$group"), imr_interface=inet_addr("10.0.0.1")}, 8) = 0
socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP) = 6
getsockopt(6, SOL_IP, IP_MULTICAST_LOOP, [1], [4]) = 0
sendto(6, "hello", 5, 0, {sa_family=AF_INET, sin_port=htons($port), sin_addr=inet_addr("$group")}, 16) = 5
recvfrom(3, "hello", 4096, 0, {sa_family=AF_INET, sin_port=htons(SRC), sin_addr=inet_addr("10.0.0.1")}, [128 => 16]) = 5
recvfrom(4, "hello", 4096, 0, {sa_family=AF_INET, sin_port=htons(SRC), sin_addr=inet_addr("10.0.0.1")}, [128 => 16]) = 5
recvfrom(5, "hello", 4096, 0, {sa_family=AF_INET, sin_port=htons(SRC), sin_addr=inet_addr("10.0.0.1")}, [128 => 16]) = 5
setsockopt(3, SOL_IP, IP_MULTICAST_ALL, [0], 4) = 0
setsockopt(3, SOL_IP, IP_DROP_MEMBERSHIP, {imr_multiaddr=inet_addr("$group"), imr_interface=inet_addr("0.0.0.0")}, 8) = 0
setsockopt(3, SOL_IP, IP_DROP_MEMBERSHIP, {imr_multiaddr=inet_addr("$group"), imr_interface=inet_addr("0.0.0.0")}, 8) = -1 EADDRNOTAVAIL (Cannot assign requested address)
sendto(6, "again", 5, 0, {sa_family=AF_INET, sin_port=htons($port), sin_addr=inet_addr("$group")}, 16) = 5
recvfrom(4, "again", 4096, 0, {sa_family=AF_INET, sin_port=htons(SRC), sin_addr=inet_addr("10.0.0.1")}, [128 => 16]) = 5
LINES
# The last read: fd3 left, and got nothing.
grep -qE '^recvfrom\(3, 0x[0-9a-f]+, 4096, 0, 0x[0-9a-f]+, \[128\]\) = -1 EAGAIN ' "$TMP/mc.out" ||
	fail "the receiver that left the group still got a datagram: $(grep '^recvfrom(3' "$TMP/mc.out")"
expect_hint "$TMP/mc.out" 'EADDRINUSE' 'this socket is in that group on that interface already'
expect_hint "$TMP/mc.out" 'ENODEV' 'no interface of this host has that IFADDR: give its own (client 10.0.0.1, server 10.0.0.2)'
expect_line "$TMP/mc.out" "  this socket left $group; while another socket of this host is in the group, this one still gets its datagrams, unless \`setsockopt ip_multicast_all 0\`"

# ---- Without ip_multicast_all 0, one that left still gets the group's
# datagrams while another socket of its host is in it: the note's reason ----
lab -c "socket dgram; setsockopt reuseaddr 1; bind $group $port; setsockopt ip_add_membership $group; \
	socket dgram; setsockopt reuseaddr 1; bind $group $port; setsockopt ip_add_membership $group; \
	setsockopt fd3 ip_drop_membership $group; expect ok; \
	socket dgram; sendto $group $port still; recvfrom fd4; expect \"still\"; \
	nonblock fd3 on; recvfrom fd3; expect \"still\"" > "$TMP/all.out" 2> "$TMP/all.err"
expect_status 0 $? "a socket that left, with ip_multicast_all 1 (the default): $(cat "$TMP/all.err")"

done_testing
