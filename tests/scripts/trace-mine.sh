# trace shows the shell's own packets only: another program's datagram to
# the same port number, between other addresses, is not shown, saved or
# drawn; the shell's own datagrams, both ways, are. Runs in a network
# namespace of its own (lib.sh), where the capture is allowed.
. "$top_srcdir/tests/scripts/lib.sh"
# The packet lines say → in a UTF-8 locale (-> in others): the tests read UTF-8.
export LC_ALL=C.UTF-8
need socat
"$SOCKSHELL" -c 'trace' 2>&1 | grep -q 'built without packet capture' &&
	skip "built without libpcap"
"$SOCKSHELL" -c 'trace on' > /dev/null 2> "$TMP/probe" ||
	skip "no capture here: $(cat "$TMP/probe")"
ip addr add 127.0.0.5/8 dev lo 2>/dev/null || true

mine=$(free_port)
theirs=$(free_port)
other=$(free_port)
[ -n "$mine" ] && [ -n "$theirs" ] && [ -n "$other" ] || { fail "no free ports"; done_testing; }

# The shell sends to $theirs, then waits for a datagram to its own port; the
# other program sends to the same port number $theirs first, between other
# addresses, and only then to the shell: what was not the shell's has come by
# the time the shell's recvfrom returns.
cat > "$TMP/mine.sock" <<SCRIPT
trace on
socket dgram
bind 127.0.0.1 $mine
sendto 127.0.0.1 $theirs "mine"
recvfrom
trace save $TMP/mine.pcap
diagram
SCRIPT
sockshell "$TMP/mine.sock" > "$TMP/out" 2> "$TMP/err" &
shell=$!
PIDS="$PIDS $shell"
poll_until grep -q '^sendto(' "$TMP/out" || { fail "the shell never sent: $(cat "$TMP/err")"; done_testing; }
printf 'not yours' | socat -u - "UDP:127.0.0.9:$theirs,bind=127.0.0.5:$other"
printf 'done' | socat -u - "UDP:127.0.0.1:$mine,bind=127.0.0.5:$other"
wait "$shell"
expect_status 0 $? "the shell ($(cat "$TMP/err"))"

grep -q '^  ~ fd3 → 127.0.0.1:'"$theirs"'  UDP, length 4 "mine"' "$TMP/out" ||
	fail "the shell's own datagram is not shown: $(cat "$TMP/out")"
grep -q '^  ~ 127.0.0.5:'"$other"' → fd3  UDP, length 4 "done"' "$TMP/out" ||
	fail "the datagram to the shell is not shown: $(cat "$TMP/out")"
# Loopback hands the capture each datagram twice (out, then in): shown once.
for what in '"mine"' '"done"'; do
	n=$(grep -c "^  ~ .*UDP, length 4 $what" "$TMP/out")
	[ "$n" = 1 ] || fail "the datagram $what is shown $n times on loopback"
done
expect_no_line "$TMP/out" "not yours" "another program's datagram shown"
expect_no_line "$TMP/out" "127.0.0.9" "another program's datagram shown"
expect_line "$TMP/out" "packets written to $TMP/mine.pcap" "trace save"
grep -c '^  ~ ' "$TMP/out" > "$TMP/n"
if command -v tcpdump > /dev/null 2>&1; then
	# Inside a user namespace tcpdump cannot drop privileges: read it as stdin.
	got=$(tcpdump -Z "$(id -un)" -nr - < "$TMP/mine.pcap" 2>/dev/null | wc -l)
	[ "$got" = 0 ] || [ "$got" = "$(cat "$TMP/n")" ] ||
		fail "the saved capture has $got packets, the shell showed $(cat "$TMP/n")"
fi
done_testing
