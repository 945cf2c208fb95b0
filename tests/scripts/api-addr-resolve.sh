# resolve, and the lookups of connect and sendto. resolve prints getaddrinfo's
# list as the shell's own indented lines (never a call line). In a network
# namespace with its own /etc/hosts: a name with two addresses makes connect
# print the lookup, then each attempt in getaddrinfo's order until one
# succeeds; localhost works on inet and inet6 sockets with only loopback up
# (no AI_ADDRCONFIG), and an address getaddrinfo gives twice is tried once;
# a name with no address of the socket's family says which it has.
. "$top_srcdir/tests/scripts/lib.sh"

# ---- resolve: numeric hosts, no lookup service needed ----
sockshell_t -c 'resolve 127.0.0.1 80; resolve [::1]; resolve 127.0.0.1' > "$TMP/num.out" 2> "$TMP/num.err"
expect_status 0 $? "resolve of numeric hosts"
[ -s "$TMP/num.err" ] && fail "stderr: $(cat "$TMP/num.err")"
cat > "$TMP/num.want" <<'EOF'
  getaddrinfo("127.0.0.1", "80") found 3:
  AF_INET   SOCK_STREAM  IPPROTO_TCP  127.0.0.1:80
  AF_INET   SOCK_DGRAM   IPPROTO_UDP  127.0.0.1:80
  AF_INET   SOCK_RAW     IPPROTO_IP   127.0.0.1:80
  getaddrinfo("::1", NULL) found 3:
  AF_INET6  SOCK_STREAM  IPPROTO_TCP  ::1
  AF_INET6  SOCK_DGRAM   IPPROTO_UDP  ::1
  AF_INET6  SOCK_RAW     IPPROTO_IP   ::1
  getaddrinfo("127.0.0.1", NULL) found 3:
  AF_INET   SOCK_STREAM  IPPROTO_TCP  127.0.0.1
  AF_INET   SOCK_DGRAM   IPPROTO_UDP  127.0.0.1
  AF_INET   SOCK_RAW     IPPROTO_IP   127.0.0.1
EOF
diff -u "$TMP/num.want" "$TMP/num.out" > "$TMP/num.diff" || fail "resolve output differs:
$(cat "$TMP/num.diff")"
# every line is the shell's own: indented, so never taken for a call line
[ -z "$(calls_of "$TMP/num.out")" ] || fail "resolve printed a call line"

sockshell_t -c 'resolve 127.0.0.1 99999; resolve 127.0.0.1 80 extra' > "$TMP/bad.out" 2> "$TMP/bad.err"
expect_status 1 $? "resolve with bad input"
[ -s "$TMP/bad.out" ] && fail "bad input printed: $(cat "$TMP/bad.out")"
expect_lines_n "$TMP/bad.err" 2 "one line per bad resolve"
expect_line "$TMP/bad.err" "resolve: port out of range: 99999 (ports are 0..65535) (usage: resolve HOST [PORT])"
expect_line "$TMP/bad.err" "resolve: too many arguments (usage: resolve HOST [PORT])"

# An IPv4 address written short (inet_aton's forms) is taken as the C library
# takes it, and a note says what it was read as: a dropped number is a host
# elsewhere.
sockshell_t -c 'socket dgram; sendto 127.1 9 "x"' > "$TMP/short.out" 2>&1
expect_line "$TMP/short.out" "  127.1 is read as 127.0.0.1, as inet_aton reads it: the last number fills the bytes left, a leading 0 means octal, 0x hex"
expect_line "$TMP/short.out" 'sendto(3, "x", 1, 0, {sa_family=AF_INET, sin_port=htons(9), sin_addr=inet_addr("127.0.0.1")}, 16) = 1'
sockshell_t -c 'socket dgram; sendto 127.0.0.1 9 "x"' > "$TMP/full.out" 2>&1
has_text "$TMP/full.out" "is read as" && fail "a dotted quad got the short form's note"

# ---- names, in a namespace with its own loopback and hosts file ----
cat > "$TMP/hosts" <<'EOF'
127.0.0.1 localhost
::1 localhost ip6-localhost
127.0.0.2 multi
127.0.0.1 multi
127.0.0.3 v4only
EOF
# in_ns CMD...: CMD in a new network and mount namespace, lo up, $TMP/hosts
# as /etc/hosts. Returns 125 when namespaces cannot be made here.
in_ns() {
	unshare -rmn true 2>/dev/null || return 125
	unshare -rmn sh -c 'ip link set lo up && mount --bind "$0" /etc/hosts && exec "$@"' \
		"$TMP/hosts" "$@"
}
in_ns true
case $? in
0) ;;
125) skip "cannot make a network and mount namespace here (unshare -rmn)";;
*) fail "cannot set up the namespace"; done_testing;;
esac

# Which of multi's addresses does getaddrinfo put first? Listen on the other,
# so the first attempt is refused and the second succeeds.
NO_COLOR=1 in_ns "$SOCKSHELL" -c 'resolve multi 7000' > "$TMP/multi.out" 2>&1
first=$(sed -n 's/^  AF_INET   SOCK_STREAM  IPPROTO_TCP  \(127\.0\.0\.[12]\):7000$/\1/p' "$TMP/multi.out" | head -n 1)
second=$(sed -n 's/^  AF_INET   SOCK_STREAM  IPPROTO_TCP  \(127\.0\.0\.[12]\):7000$/\1/p' "$TMP/multi.out" | sed -n 2p)
[ -n "$first" ] && [ -n "$second" ] && [ "$first" != "$second" ] ||
	{ fail "multi does not resolve to two addresses: $(cat "$TMP/multi.out")"; done_testing; }

cat > "$TMP/names.sock" <<SCRIPT
socket stream
bind $second 7000
listen 5
socket stream
connect multi 7000
expect ok
socket inet6 stream
bind ::1 7001
listen 5
socket inet6 stream
connect localhost 7001
expect ok
socket stream
connect localhost 7002
expect ECONNREFUSED
socket dgram
bind 127.0.0.1 7003
sendto localhost 7003 "by name"
recvfrom
expect "by name"
socket inet6 stream
connect v4only 80
socket inet6 dgram
sendto v4only 9 "x"
socket stream
bind localhost 0
SCRIPT
NO_COLOR=1 in_ns timeout "$HANG_LIMIT" "$SOCKSHELL" -k "$TMP/names.sock" > "$TMP/names.out" 2> "$TMP/names.err"
expect_status 1 $? "the names script (two lookups fail)"
v4() { printf '{sa_family=AF_INET, sin_port=htons(%s), sin_addr=inet_addr("%s")}' "$2" "$1"; }
expect_line "$TMP/names.out" "  getaddrinfo(\"multi\") found $first:7000, $second:7000"
expect_line "$TMP/names.out" "connect(4, $(v4 "$first" 7000), 16) = -1 ECONNREFUSED (Connection refused)"
expect_line "$TMP/names.out" "connect(4, $(v4 "$second" 7000), 16) = 0"
# the attempts come in getaddrinfo's order, right after its note
grep -A3 '^  getaddrinfo("multi")' "$TMP/names.out" | grep '^connect(' > "$TMP/attempts"
[ "$(sed -n 1p "$TMP/attempts")" = "connect(4, $(v4 "$first" 7000), 16) = -1 ECONNREFUSED (Connection refused)" ] &&
	[ "$(sed -n 2p "$TMP/attempts")" = "connect(4, $(v4 "$second" 7000), 16) = 0" ] ||
	fail "attempts out of order: $(cat "$TMP/attempts")"
expect_line "$TMP/names.out" '  getaddrinfo("localhost") found [::1]:7001'
expect_line "$TMP/names.out" 'connect(6, {sa_family=AF_INET6, sin6_port=htons(7001), sin6_flowinfo=htonl(0), inet_pton(AF_INET6, "::1", &sin6_addr), sin6_scope_id=0}, 28) = 0'
# an inet socket looks up IPv4 addresses only, with nothing but loopback up
expect_line "$TMP/names.out" "connect(7, $(v4 127.0.0.1 7002), 16) = -1 ECONNREFUSED (Connection refused)"
# glibc gives 127.0.0.1 twice here (hosts names localhost for ::1 too): one attempt
grep -qxF '  getaddrinfo("localhost") found 127.0.0.1:7002' "$TMP/names.out" ||
	fail "localhost's duplicate kept: $(grep 'found 127' "$TMP/names.out")"
[ "$(grep -c '^connect(7, ' "$TMP/names.out")" = 1 ] ||
	fail "the same address tried twice: $(grep '^connect(7, ' "$TMP/names.out")"
expect_no_line "$TMP/names.out" "connect(7, {sa_family=AF_INET6"
expect_line "$TMP/names.out" "sendto(8, \"by name\", 7, 0, $(v4 127.0.0.1 7003), 16) = 7"
expect_line "$TMP/names.out" 'recvfrom(8, "by name", 4096, 0, {sa_family=AF_INET, sin_port=htons('
expect_lines_n "$TMP/names.err" 2 "one line per failed lookup"
expect_line "$TMP/names.err" "names.sock:22: connect: v4only has no IPv6 address, only 127.0.0.3: make a socket of that family for it"
expect_line "$TMP/names.err" "names.sock:24: sendto: v4only has no IPv6 address, only 127.0.0.3"
# bind says what a name stood for too, and binds the first address
expect_line "$TMP/names.out" '  getaddrinfo("localhost") found 127.0.0.1:0'
expect_line "$TMP/names.out" "bind(11, $(v4 127.0.0.1 0), 16) = 0"
# a failed lookup makes no call
expect_no_line "$TMP/names.out" "connect(9,"
expect_no_line "$TMP/names.out" "sendto(10,"
done_testing
