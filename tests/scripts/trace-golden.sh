# The packet lines and both forms of the ladder diagram, from the pcap files
# kept in tests/pcap (no live timing): `trace load` prints what `trace on`
# would have, and `diagram` draws it; each is compared with its golden file.
# The SVG is also checked as XML (xmllint) and drawn (rsvg-convert).
# No network at all: no namespace of its own (where tcpdump, as root, could
# not drop its privileges).
SOCKSHELL_NETNS=no
. "$top_srcdir/tests/scripts/lib.sh"
# The packet lines say → in a UTF-8 locale (-> in others): the tests read UTF-8.
export LC_ALL=C.UTF-8

# Built without libpcap (./configure --without-pcap): trace says so, in one
# line, and the shell goes on.
if "$SOCKSHELL" -c 'trace' 2>&1 | grep -q 'built without packet capture'; then
	sockshell -k -c 'trace on; trace load x.pcap; echo on' > "$TMP/nopcap.out" 2> "$TMP/nopcap.err"
	[ "$(wc -l < "$TMP/nopcap.err")" = 2 ] || fail "without libpcap: $(cat "$TMP/nopcap.err")"
	grep -q 'trace: this sockshell was built without packet capture' "$TMP/nopcap.err" ||
		fail "trace on without libpcap: $(cat "$TMP/nopcap.err")"
	expect_line "$TMP/nopcap.out" "on" "the shell goes on without libpcap"
	done_testing
fi

PCAPS="$top_srcdir/tests/pcap"
GOLDEN="$top_srcdir/tests/golden"

# SOCKSHELL_GOLDEN_UPDATE=1 rewrites the golden files (review them by eye).
compare() {	# WHAT GOT-FILE GOLDEN-FILE
	if [ -n "${SOCKSHELL_GOLDEN_UPDATE:-}" ]; then
		cp "$2" "$3"
		return
	fi
	diff -u "$3" "$2" > "$TMP/diff" || fail "$1 differs from $(basename "$3") (- golden, + got):
$(head -n 40 "$TMP/diff")"
}

for pcap in "$PCAPS"/*.pcap; do
	name=$(basename "$pcap" .pcap)
	sockshell -c "trace load $pcap" > "$TMP/$name.out" 2> "$TMP/$name.err"
	expect_status 0 $? "trace load $name.pcap ($(cat "$TMP/$name.err"))"
	# Every packet line is marked, and says what the module's golden says.
	grep -v '^  ~ ' "$TMP/$name.out" | grep -qv 'packets\? read from' &&
		fail "$name: a line that is neither a packet nor the count: $(cat "$TMP/$name.out")"
	sed -n 's/^  ~ //p' "$TMP/$name.out" > "$TMP/$name.lines"
	[ -s "$TMP/$name.lines" ] || fail "$name: no packet lines"
	compare "trace load $name.pcap" "$TMP/$name.lines" "$PCAPS/$name.lines"
	n=$(wc -l < "$TMP/$name.lines")
	expect_line "$TMP/$name.out" "$n packet" "the count of $name.pcap"
done

# A terminal that is not UTF-8 gets an ASCII arrow.
LC_ALL=C sockshell -c "trace load $PCAPS/udp-unreach.pcap" > "$TMP/ascii.out"
expect_line "$TMP/ascii.out" "  ~ 127.0.0.1:40000 -> 127.0.0.1:9  UDP, length 4" "the C locale's arrow"
expect_line "$TMP/ascii.out" "(UDP 127.0.0.1:40000 -> 127.0.0.1:9)" "the C locale's arrow in ICMP"

# A saved capture reads back the same: trace load, trace save, trace load.
sockshell -c "trace load $PCAPS/tcp-lifecycle.pcap; trace save $TMP/again.pcap" > /dev/null 2>&1
sockshell -c "trace load $TMP/again.pcap" | sed -n 's/^  ~ //p' > "$TMP/again.lines"
compare "tcp-lifecycle.pcap saved and read again" "$TMP/again.lines" "$PCAPS/tcp-lifecycle.lines"
if command -v tcpdump > /dev/null 2>&1; then
	got=$(tcpdump -nr - < "$TMP/again.pcap" 2>/dev/null | wc -l)
	[ "$got" = "$(wc -l < "$PCAPS/tcp-lifecycle.lines")" ] ||
		fail "tcpdump -r reads $got packets from a saved capture"
fi

# The diagrams.
for name in tcp-lifecycle tcp-rst udp-unreach tcp6; do
	sockshell -c "trace load $PCAPS/$name.pcap; diagram" 2>&1 |
		sed -e '/^  ~ /d' -e '/packets\? read from/d' > "$TMP/$name.txt"
	compare "diagram of $name.pcap" "$TMP/$name.txt" "$GOLDEN/diagram-$name.txt"
	expect_width "$TMP/$name.txt" 80
	sockshell -c "trace load $PCAPS/$name.pcap; diagram $TMP/$name.svg" > /dev/null 2> "$TMP/svg.err"
	[ -s "$TMP/$name.svg" ] || fail "$name: no SVG written: $(cat "$TMP/svg.err")"
	compare "diagram $name.svg" "$TMP/$name.svg" "$GOLDEN/diagram-$name.svg"
	expect_svg "$TMP/$name.svg"
done

# Bad files: one line, and the shell goes on.
printf 'not a pcap' > "$TMP/bad.pcap"
sockshell -k -c "trace load $TMP/bad.pcap; trace load $TMP/none.pcap; echo on" > "$TMP/bad.out" 2> "$TMP/bad.err"
[ "$(wc -l < "$TMP/bad.err")" = 2 ] || fail "bad pcap files: $(cat "$TMP/bad.err")"
expect_line "$TMP/bad.out" "on" "the shell goes on after a bad file"
sockshell -k -c "diagram; echo on" > "$TMP/none.out" 2> "$TMP/none.err"
expect_line "$TMP/none.err" "diagram: nothing was captured" "diagram with nothing captured"

done_testing
