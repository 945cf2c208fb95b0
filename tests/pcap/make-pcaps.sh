#!/bin/bash
# make-pcaps.sh: remake the captures under tests/pcap/ that the golden test
# in tests/check_packet.c decodes. A developer tool; the tests do not run it.
#
# How to remake them (as root, from the top of the source tree, after make):
#
#	apt-get install -y tcpdump
#	bash tests/pcap/make-pcaps.sh
#	PACKET_GOLDEN_UPDATE=1 CK_RUN_SUITE=packet tests/check_sockshell
#	python3 tests/pcap/tcpdump-check.py	# the new lines against tcpdump's
#	git diff tests/pcap			# and read them
#
# The third step writes the NAME.lines files from what the decoder says; the
# fourth compares them with what `tcpdump -r NAME.pcap -nn -S` says of the
# same packets, in substance (flags, numbers made relative to each SYN,
# window, SYN options, lengths); only the wording of ICMP differs.
#
# Each capture is made in a network namespace of its own (unshare -n), so
# only its own traffic is on it, by tcpdump on the "any" device with the
# LINUX_SLL2 link type, the one the shell's capture uses. On loopback the
# kernel hands the "any" device each packet twice (pkttype OUTGOING, then
# HOST); libpcap 1.10 already drops the OUTGOING copy on lo, but an older one
# keeps it, and so the golden test, as the shell does, skips any OUTGOING
# copy on a loopback interface (hatype 772).
#
# The traffic comes from sockshell itself (SOCKSHELL, by default the one
# built in src/), one call at a time, so the order of the segments does not
# depend on timing: client port 40000, server port 5000 (9 for the closed
# UDP port). Sequence numbers and timestamps differ from run to run; the
# lines, which count from each SYN and leave the timestamps out, do not.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
SOCKSHELL=${SOCKSHELL:-$here/../../src/sockshell}
[ -x "$SOCKSHELL" ] || { echo "make-pcaps.sh: build sockshell first ($SOCKSHELL)" >&2; exit 1; }
[ "$(id -u)" = 0 ] || { echo "make-pcaps.sh: run as root (tcpdump and unshare -n)" >&2; exit 1; }
command -v tcpdump >/dev/null || { echo "make-pcaps.sh: needs tcpdump" >&2; exit 1; }

# capture NAME COMMANDS: run the sockshell COMMANDS (separated by ;) in a new
# network namespace while tcpdump writes what loopback carries to NAME.pcap.
capture() {
	local name=$1 cmds=$2 out=$here/$1.pcap

	rm -f "$out"
	unshare -n bash -c '
		set -eu
		ip link set lo up
		tcpdump -i any -y LINUX_SLL2 -U -w "$1" -Z root \
		    "tcp or udp or icmp or icmp6" 2>/dev/null &
		dump=$!
		sleep 1
		"$2" -k -c "$3" >/dev/null
		sleep 1
		kill -INT $dump
		wait $dump || true
	' capture "$out" "$SOCKSHELL" "$cmds"
	echo "$name.pcap: $(stat -c %s "$out") bytes"
}

# (a) The whole life of a connection over IPv4: handshake, "hi" from the
# client, "hello" back, the client closes first, then the server.
capture tcp-lifecycle '
	socket stream; setsockopt reuseaddr 1; bind 5000; listen 5;
	socket stream; bind 127.0.0.1 40000; connect 127.0.0.1 5000;
	accept fd3;
	write fd4 "hi"; read fd5;
	write fd5 "hello"; read fd4;
	close fd4; read fd5; close fd5; close fd3'

# (b) The server closes with data it never read: its kernel resets the
# connection (RST) instead of closing it with a FIN.
capture tcp-rst '
	socket stream; setsockopt reuseaddr 1; bind 5000; listen 5;
	socket stream; bind 127.0.0.1 40000; connect 127.0.0.1 5000;
	accept fd3;
	write fd4 "unread"; sleep 0.2;
	close fd5; sleep 0.2; close fd4; close fd3'

# (c) A datagram to a port nobody listens on: ICMP port unreachable.
capture udp-unreach '
	socket dgram; bind 127.0.0.1 40000; connect 127.0.0.1 9;
	write "ping"; sleep 0.2; close'

# (d) The life of (a) over IPv6 loopback.
capture tcp6 '
	socket inet6 stream; setsockopt reuseaddr 1; bind ::1 5000; listen 5;
	socket inet6 stream; bind ::1 40000; connect ::1 5000;
	accept fd3;
	write fd4 "hi"; read fd5;
	write fd5 "hello"; read fd4;
	close fd4; read fd5; close fd5; close fd3'

# (e) A segment longer than strsize (32) with bytes that need quoting:
# a newline, a NUL, a 0xff.
capture tcp-bytes '
	socket stream; setsockopt reuseaddr 1; bind 5000; listen 5;
	socket stream; bind 127.0.0.1 40000; connect 127.0.0.1 5000;
	accept fd3;
	write fd4 "line one\nline two\0\377 and then a good many more bytes";
	read fd5;
	close fd4; read fd5; close fd5; close fd3'

# (f) The datagram of (c) over IPv6: ICMP6 port unreachable.
capture udp6-unreach '
	socket inet6 dgram; bind ::1 40000; connect ::1 9;
	write "ping"; sleep 0.2; close'
