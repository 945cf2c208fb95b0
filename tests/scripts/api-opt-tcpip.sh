# setsockopt and getsockopt of the TCP and IP options (cork, maxseg, the
# keepalive timers, quickack, ttl, the IPv6 hops) and of multicast on
# loopback: each set and read back, a refusal of the kernel for each kind
# with its hint, the lines exactly as strace -s 32 prints the same calls
# (strace_agree), and one sender with two receivers of a group on 127.0.0.1.
# Nothing leaves loopback: every join names 127.0.0.1 (or an address no
# interface has), and the sender sends by 127.0.0.1's interface.
. "$top_srcdir/tests/scripts/lib.sh"
need timeout

port=$(free_port)
[ -n "$port" ] || { fail "no free port"; done_testing; }
group=239.255.42.1

# traced NAME: the script $TMP/NAME.sock, under strace where it may trace.
# The name of an interface (lo) comes from reading /proc/thread-self/net/igmp,
# whose descriptor (4) is the shell's, as ss's are: where a line names one,
# the socket calls alone are compared exactly (no socket the learner does not
# see, as if_nametoindex(3) would open).
traced() {
	if can_strace; then
		STRACE_EXACT=$2 strace_agree "$1" \
			socket,bind,setsockopt,getsockopt,sendto,recvfrom,close \
			socket "$TMP/$1.sock"
		expect_status 0 $? "$1 script under strace"
		if [ "$2" = no ]; then
			awk '/^socket\(/ { on = 1 } on' "$TMP/$1.strace" |
				grep -E '^(socket|setsockopt|getsockopt)\(' > "$TMP/$1.made"
			grep -E '^(socket|setsockopt|getsockopt)\(' "$TMP/$1.calls" > "$TMP/$1.printed"
			diff -u "$TMP/$1.made" "$TMP/$1.printed" > "$TMP/$1.diff" ||
				fail "$1: socket calls made (-) and printed (+) differ:
$(cat "$TMP/$1.diff")"
		fi
	else
		sockshell_t "$TMP/$1.sock" > "$TMP/$1.out" 2> "$TMP/$1.err"
		expect_status 0 $? "$1 script"
	fi
	[ -s "$TMP/$1.err" ] && fail "$1: stderr: $(cat "$TMP/$1.err")"
}

# ---- TCP: each option set, read back, and refused out of its range ----
cat > "$TMP/tcp.sock" <<'SCRIPT'
socket stream
setsockopt cork 1
expect ok
getsockopt cork
expect ok
setsockopt cork 0
setsockopt maxseg 1400
expect ok
getsockopt maxseg
setsockopt maxseg 40000
expect EINVAL
setsockopt keepalive 1
setsockopt keepidle 10
expect ok
getsockopt keepidle
setsockopt keepintvl 5
getsockopt keepintvl
setsockopt keepcnt 3
getsockopt keepcnt
setsockopt keepidle 0
expect EINVAL
setsockopt keepcnt 200
expect EINVAL
setsockopt quickack 1
expect ok
getsockopt quickack
setsockopt syncnt 10
expect ok
getsockopt syncnt
setsockopt syncnt 300
expect EINVAL
setsockopt ttl 64
expect ok
getsockopt ttl
setsockopt ttl 0
expect EINVAL
setsockopt ttl -1
expect ok
SCRIPT
traced tcp yes
expect_calls "$TMP/tcp.out" "TCP option lines" <<'LINES'
socket(AF_INET, SOCK_STREAM, IPPROTO_TCP) = 3
setsockopt(3, SOL_TCP, TCP_CORK, [1], 4) = 0
getsockopt(3, SOL_TCP, TCP_CORK, [1], [4]) = 0
setsockopt(3, SOL_TCP, TCP_CORK, [0], 4) = 0
setsockopt(3, SOL_TCP, TCP_MAXSEG, [1400], 4) = 0
getsockopt(3, SOL_TCP, TCP_MAXSEG, [1400], [4]) = 0
setsockopt(3, SOL_TCP, TCP_MAXSEG, [40000], 4) = -1 EINVAL (Invalid argument)
setsockopt(3, SOL_SOCKET, SO_KEEPALIVE, [1], 4) = 0
setsockopt(3, SOL_TCP, TCP_KEEPIDLE, [10], 4) = 0
getsockopt(3, SOL_TCP, TCP_KEEPIDLE, [10], [4]) = 0
setsockopt(3, SOL_TCP, TCP_KEEPINTVL, [5], 4) = 0
getsockopt(3, SOL_TCP, TCP_KEEPINTVL, [5], [4]) = 0
setsockopt(3, SOL_TCP, TCP_KEEPCNT, [3], 4) = 0
getsockopt(3, SOL_TCP, TCP_KEEPCNT, [3], [4]) = 0
setsockopt(3, SOL_TCP, TCP_KEEPIDLE, [0], 4) = -1 EINVAL (Invalid argument)
setsockopt(3, SOL_TCP, TCP_KEEPCNT, [200], 4) = -1 EINVAL (Invalid argument)
setsockopt(3, SOL_TCP, TCP_QUICKACK, [1], 4) = 0
getsockopt(3, SOL_TCP, TCP_QUICKACK, [1], [4]) = 0
setsockopt(3, SOL_TCP, TCP_SYNCNT, [10], 4) = 0
getsockopt(3, SOL_TCP, TCP_SYNCNT, [10], [4]) = 0
setsockopt(3, SOL_TCP, TCP_SYNCNT, [300], 4) = -1 EINVAL (Invalid argument)
setsockopt(3, SOL_IP, IP_TTL, [64], 4) = 0
getsockopt(3, SOL_IP, IP_TTL, [64], [4]) = 0
setsockopt(3, SOL_IP, IP_TTL, [0], 4) = -1 EINVAL (Invalid argument)
setsockopt(3, SOL_IP, IP_TTL, [-1], 4) = 0
close(3) = 0
LINES
expect_line "$TMP/tcp.out" "  writes wait in the kernel until cork 0 or a full segment"
expect_line "$TMP/tcp.out" "  what waited in the kernel goes now"
expect_line "$TMP/tcp.out" "  the first probe after 10 s with nothing received; only with keepalive 1"
expect_line "$TMP/tcp.out" "  acknowledge at once, for now"
expect_line "$TMP/tcp.out" "  -1: the system's default"
expect_hint "$TMP/tcp.out" 'TCP_MAXSEG, \[40000\]' 'maxseg takes 88 to 32767 bytes'
expect_hint "$TMP/tcp.out" 'TCP_KEEPIDLE, \[0\]' 'keepidle takes 1 to 32767 seconds'
expect_hint "$TMP/tcp.out" 'TCP_KEEPCNT, \[200\]' 'keepcnt takes 1 to 127 probes'
expect_hint "$TMP/tcp.out" 'TCP_SYNCNT, \[300\]' 'syncnt takes 1 to 127 retries'
expect_line "$TMP/tcp.out" "  connect sends the SYN again up to 10 times, each wait twice the last (120 s at most), then gives up with ETIMEDOUT"
expect_hint "$TMP/tcp.out" 'IP_TTL, \[0\]' 'ttl takes 1 to 255 hops'

# ---- Multicast on loopback: one sender, two receivers ----
cat > "$TMP/mc.sock" <<SCRIPT
socket dgram
setsockopt reuseaddr 1
bind $group $port
expect ok
setsockopt ip_add_membership $group 127.0.0.1
expect ok
socket dgram
setsockopt reuseaddr 1
bind $group $port
expect ok
setsockopt ip_add_membership $group 127.0.0.1
expect ok
setsockopt ip_add_membership $group 127.0.0.1
expect EADDRINUSE
socket dgram
setsockopt ip_multicast_if 127.0.0.1
expect ok
getsockopt ip_multicast_if
setsockopt ip_multicast_loop 1
getsockopt ip_multicast_loop
expect ok
setsockopt ip_multicast_ttl 1
getsockopt ip_multicast_ttl
setsockopt ip_multicast_all 1
getsockopt ip_multicast_all
sendto $group $port hello
expect = 5
recvfrom fd3
expect "hello"
recvfrom fd4
expect "hello"
setsockopt fd3 ip_drop_membership $group 127.0.0.1
expect ok
setsockopt fd3 ip_drop_membership $group 127.0.0.1
expect EADDRNOTAVAIL
setsockopt fd3 ip_add_membership $group 192.0.2.9
expect ENODEV
setsockopt fd3 ip_add_membership 10.1.1.1 127.0.0.1
expect EINVAL
setsockopt ip_multicast_if 192.0.2.55
expect EADDRNOTAVAIL
setsockopt ip_multicast_ttl 256
expect EINVAL
SCRIPT
traced mc yes
# The sender's port is the kernel's choice.
sed -E '/^recvfrom/s/sin_port=htons\([0-9]+\)/sin_port=htons(SRC)/' "$TMP/mc.out" > "$TMP/mc.norm"
expect_calls "$TMP/mc.norm" "multicast lines" <<LINES
socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP) = 3
setsockopt(3, SOL_SOCKET, SO_REUSEADDR, [1], 4) = 0
bind(3, {sa_family=AF_INET, sin_port=htons($port), sin_addr=inet_addr("$group")}, 16) = 0
setsockopt(3, SOL_IP, IP_ADD_MEMBERSHIP, {imr_multiaddr=inet_addr("$group"), imr_interface=inet_addr("127.0.0.1")}, 8) = 0
socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP) = 4
setsockopt(4, SOL_SOCKET, SO_REUSEADDR, [1], 4) = 0
bind(4, {sa_family=AF_INET, sin_port=htons($port), sin_addr=inet_addr("$group")}, 16) = 0
setsockopt(4, SOL_IP, IP_ADD_MEMBERSHIP, {imr_multiaddr=inet_addr("$group"), imr_interface=inet_addr("127.0.0.1")}, 8) = 0
setsockopt(4, SOL_IP, IP_ADD_MEMBERSHIP, {imr_multiaddr=inet_addr("$group"), imr_interface=inet_addr("127.0.0.1")}, 8) = -1 EADDRINUSE (Address already in use)
socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP) = 5
setsockopt(5, SOL_IP, IP_MULTICAST_IF, [16777343], 4) = 0
getsockopt(5, SOL_IP, IP_MULTICAST_IF, [16777343], [4]) = 0
setsockopt(5, SOL_IP, IP_MULTICAST_LOOP, [1], 4) = 0
getsockopt(5, SOL_IP, IP_MULTICAST_LOOP, [1], [4]) = 0
setsockopt(5, SOL_IP, IP_MULTICAST_TTL, [1], 4) = 0
getsockopt(5, SOL_IP, IP_MULTICAST_TTL, [1], [4]) = 0
setsockopt(5, SOL_IP, IP_MULTICAST_ALL, [1], 4) = 0
getsockopt(5, SOL_IP, IP_MULTICAST_ALL, [1], [4]) = 0
sendto(5, "hello", 5, 0, {sa_family=AF_INET, sin_port=htons($port), sin_addr=inet_addr("$group")}, 16) = 5
recvfrom(3, "hello", 4096, 0, {sa_family=AF_INET, sin_port=htons(SRC), sin_addr=inet_addr("127.0.0.1")}, [128 => 16]) = 5
recvfrom(4, "hello", 4096, 0, {sa_family=AF_INET, sin_port=htons(SRC), sin_addr=inet_addr("127.0.0.1")}, [128 => 16]) = 5
setsockopt(3, SOL_IP, IP_DROP_MEMBERSHIP, {imr_multiaddr=inet_addr("$group"), imr_interface=inet_addr("127.0.0.1")}, 8) = 0
setsockopt(3, SOL_IP, IP_DROP_MEMBERSHIP, {imr_multiaddr=inet_addr("$group"), imr_interface=inet_addr("127.0.0.1")}, 8) = -1 EADDRNOTAVAIL (Cannot assign requested address)
setsockopt(3, SOL_IP, IP_ADD_MEMBERSHIP, {imr_multiaddr=inet_addr("$group"), imr_interface=inet_addr("192.0.2.9")}, 8) = -1 ENODEV (No such device)
setsockopt(3, SOL_IP, IP_ADD_MEMBERSHIP, {imr_multiaddr=inet_addr("10.1.1.1"), imr_interface=inet_addr("127.0.0.1")}, 8) = -1 EINVAL (Invalid argument)
setsockopt(5, SOL_IP, IP_MULTICAST_IF, [922878144], 4) = -1 EADDRNOTAVAIL (Cannot assign requested address)
setsockopt(5, SOL_IP, IP_MULTICAST_TTL, [256], 4) = -1 EINVAL (Invalid argument)
close(3) = 0
close(4) = 0
close(5) = 0
LINES
# Both receivers got the one datagram, from the sender on loopback.
[ "$(grep -cE '^recvfrom\((3|4), "hello", 4096, 0, \{sa_family=AF_INET, sin_port=htons\([0-9]+\), sin_addr=inet_addr\("127\.0\.0\.1"\)\}, \[128 => 16\]\) = 5$' "$TMP/mc.out")" = 2 ] ||
	fail "the two receivers did not both get the datagram: $(grep '^recvfrom' "$TMP/mc.out")"
expect_line "$TMP/mc.out" "  this socket joined $group on 127.0.0.1: a socket bound to the group's port gets what is sent to it"
expect_line "$TMP/mc.out" "  16777343 is the struct in_addr of 127.0.0.1 read as an int: datagrams to a group now leave by 127.0.0.1's interface"
expect_line "$TMP/mc.out" "  this socket left $group; while another socket of this host is in the group"
expect_hint "$TMP/mc.out" 'EADDRINUSE' 'this socket is in that group on that interface already'
expect_hint "$TMP/mc.out" 'EADDRNOTAVAIL' 'this socket is not in that group'
expect_hint "$TMP/mc.out" 'ENODEV' 'no interface for it: IFADDR is no address here'
expect_line "$TMP/mc.out" "give one (239.1.1.1 127.0.0.1), or try sockshell --lab"
expect_hint "$TMP/mc.out" '"10.1.1.1"' 'GROUP must be a multicast address'
expect_hint "$TMP/mc.out" 'IP_MULTICAST_IF, \[922878144\]' 'no interface of this host has that address'

# ---- With no route for the group (a namespace with a loopback alone) ----
# The join with no IFADDR takes the route to the group: there is none, and
# the hint says how to name the interface. Only in a network namespace of
# this test's own: on the machine's network it would join on a real link.
if [ -n "${SOCKSHELL_NETNS_INSIDE:-}" ]; then
	sockshell_t -c "socket dgram; setsockopt ip_add_membership $group; expect ENODEV; \
		sendto $group $port x; expect ENETUNREACH" > "$TMP/noroute.out" 2> "$TMP/noroute.err"
	expect_status 0 $? "a join and a send with no multicast route"
	expect_line "$TMP/noroute.out" "setsockopt(3, SOL_IP, IP_ADD_MEMBERSHIP, {imr_multiaddr=inet_addr(\"$group\"), imr_interface=inet_addr(\"0.0.0.0\")}, 8) = -1 ENODEV (No such device)"
	expect_line "$TMP/noroute.out" "  hint: no interface for it: IFADDR is no address here, or none given and no route leads to the group; give one (239.1.1.1 127.0.0.1), or try sockshell --lab"
	expect_line "$TMP/noroute.out" "  hint: no route leads to the group: name the interface (setsockopt ip_multicast_if 127.0.0.1, or ipv6_multicast_if lo), or try sockshell --lab"
fi

# ---- IPv6: the hops, and a group joined and left on lo ----
if sockshell_t -c 'socket inet6 dgram; expect ok' > /dev/null 2>&1 && [ -e /sys/class/net/lo ]; then
	lo=$(cat /sys/class/net/lo/ifindex)
	cat > "$TMP/v6.sock" <<'SCRIPT'
socket inet6 dgram
setsockopt ipv6_unicast_hops 32
expect ok
getsockopt ipv6_unicast_hops
setsockopt ipv6_join_group ff02::1:3 lo
expect ok
setsockopt ipv6_join_group ff02::1:3 lo
expect EADDRINUSE
setsockopt ipv6_leave_group ff02::1:3 lo
expect ok
setsockopt ipv6_leave_group ff02::1:3 lo
expect EADDRNOTAVAIL
setsockopt ipv6_multicast_if lo
expect ok
getsockopt ipv6_multicast_if
setsockopt ipv6_multicast_hops 1
getsockopt ipv6_multicast_hops
setsockopt ipv6_multicast_loop 1
getsockopt ipv6_multicast_loop
setsockopt ipv6_multicast_hops 300
expect EINVAL
SCRIPT
	traced v6 no
	expect_calls "$TMP/v6.out" "IPv6 option lines" <<LINES
socket(AF_INET6, SOCK_DGRAM, IPPROTO_UDP) = 3
setsockopt(3, SOL_IPV6, IPV6_UNICAST_HOPS, [32], 4) = 0
getsockopt(3, SOL_IPV6, IPV6_UNICAST_HOPS, [32], [4]) = 0
setsockopt(3, SOL_IPV6, IPV6_ADD_MEMBERSHIP, {inet_pton(AF_INET6, "ff02::1:3", &ipv6mr_multiaddr), ipv6mr_interface=if_nametoindex("lo")}, 20) = 0
setsockopt(3, SOL_IPV6, IPV6_ADD_MEMBERSHIP, {inet_pton(AF_INET6, "ff02::1:3", &ipv6mr_multiaddr), ipv6mr_interface=if_nametoindex("lo")}, 20) = -1 EADDRINUSE (Address already in use)
setsockopt(3, SOL_IPV6, IPV6_DROP_MEMBERSHIP, {inet_pton(AF_INET6, "ff02::1:3", &ipv6mr_multiaddr), ipv6mr_interface=if_nametoindex("lo")}, 20) = 0
setsockopt(3, SOL_IPV6, IPV6_DROP_MEMBERSHIP, {inet_pton(AF_INET6, "ff02::1:3", &ipv6mr_multiaddr), ipv6mr_interface=if_nametoindex("lo")}, 20) = -1 EADDRNOTAVAIL (Cannot assign requested address)
setsockopt(3, SOL_IPV6, IPV6_MULTICAST_IF, [$lo], 4) = 0
getsockopt(3, SOL_IPV6, IPV6_MULTICAST_IF, [$lo], [4]) = 0
setsockopt(3, SOL_IPV6, IPV6_MULTICAST_HOPS, [1], 4) = 0
getsockopt(3, SOL_IPV6, IPV6_MULTICAST_HOPS, [1], [4]) = 0
setsockopt(3, SOL_IPV6, IPV6_MULTICAST_LOOP, [1], 4) = 0
getsockopt(3, SOL_IPV6, IPV6_MULTICAST_LOOP, [1], [4]) = 0
setsockopt(3, SOL_IPV6, IPV6_MULTICAST_HOPS, [300], 4) = -1 EINVAL (Invalid argument)
close(3) = 0
LINES
	expect_line "$TMP/v6.out" "  IPV6_JOIN_GROUP is IPV6_ADD_MEMBERSHIP, the name strace prints; this socket joined ff02::1:3 on lo"
	expect_line "$TMP/v6.out" "  $lo is lo: datagrams to a group now leave by it"
	expect_hint "$TMP/v6.out" 'EADDRNOTAVAIL' 'this socket is not in that group'
	expect_hint "$TMP/v6.out" 'EINVAL' 'ipv6_multicast_hops takes 0 to 255'
fi

# ---- Bad input: one line on stderr each, no call, the shell goes on ----
cat > "$TMP/bad.sock" <<'SCRIPT'
socket dgram
getsockopt ip_add_membership
getsockopt ipv6_leave_group
setsockopt ip_add_membership
setsockopt ip_add_membership 239.1.1.1 nosuch
setsockopt ipv6_join_group ff02::1:3 nosuch0
setsockopt ipv6_join_group 239.1.1.1
setsockopt ipv6_multicast_if nosuch0
setsockopt keepidle soon
setsockopt ttl -2
setsockopt ip_multicast_if lo
getsockopt type
expect = 0
SCRIPT
sockshell_t -k "$TMP/bad.sock" > "$TMP/bad.out" 2> "$TMP/bad.err"
expect_status 1 $? "bad input in a script"
expect_lines_n "$TMP/bad.err" 10 "one error line per bad command"
expect_calls "$TMP/bad.out" "bad input makes no call" <<'LINES'
socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP) = 3
getsockopt(3, SOL_SOCKET, SO_TYPE, [2], [4]) = 0
close(3) = 0
LINES
expect_line "$TMP/bad.err" "bad.sock:2: getsockopt: ip_add_membership can only be set: the kernel has nothing to give back for it (ENOPROTOOPT)"
expect_line "$TMP/bad.err" "bad.sock:3: getsockopt: ipv6_leave_group can only be set"
expect_line "$TMP/bad.err" "bad.sock:4: setsockopt: ip_add_membership takes GROUP [IFADDR], IPv4 addresses"
expect_line "$TMP/bad.err" "bad.sock:5: setsockopt: ip_add_membership takes GROUP [IFADDR]"
expect_line "$TMP/bad.err" "bad.sock:6: setsockopt: no interface nosuch0 here (\`ip link\` lists them)"
expect_line "$TMP/bad.err" "bad.sock:7: setsockopt: ipv6_join_group takes GROUP [IFNAME|IFINDEX]"
expect_line "$TMP/bad.err" "bad.sock:8: setsockopt: no interface nosuch0 here"
expect_line "$TMP/bad.err" "bad.sock:9: setsockopt: keepidle takes seconds, a whole number, not soon"
expect_line "$TMP/bad.err" "bad.sock:10: setsockopt: ttl takes a number of hops, 0 to 255 (-1: the default), not -2"
expect_line "$TMP/bad.err" "bad.sock:11: setsockopt: ip_multicast_if takes an interface's IPv4 address"
done_testing
