# The client side: a real `nc -l` is the server; sockshell connects (to an
# address, then to a name), writes, reads the reply, reads 0 at EOF, closes.
. "$top_srcdir/tests/scripts/lib.sh"
need nc timeout

# client_run HOST TAG: nc listens on a fresh port, sockshell connects to HOST.
client_run() {
	local host=$1 tag=$2 port nc_pid st
	port=$(free_port)
	[ -n "$port" ] || { fail "$tag: no free port"; return; }

	# -N: shut down writing once the reply is sent, so sockshell reads 0.
	printf 'hello from nc\n' |
		timeout "$HANG_LIMIT" nc -N -l 127.0.0.1 "$port" > "$TMP/$tag.nc.out" &
	nc_pid=$!
	PIDS="$PIDS $nc_pid"
	wait_for_port "$port" || return

	cat > "$TMP/$tag.sock" <<SCRIPT
socket stream
expect = 3
connect $host $port
expect ok
write "hello from sockshell\n"
expect = 21
read
expect "hello from nc\n"
read
expect = 0
close
expect ok
SCRIPT
	sockshell_t "$TMP/$tag.sock" > "$TMP/$tag.out" 2> "$TMP/$tag.err"
	st=$?
	expect_status 0 $st "$tag: client script"
	wait_exit "$nc_pid"
	expect_status 0 $? "$tag: nc -l"

	expect_calls "$TMP/$tag.out" "$tag: call lines" <<EOF
socket(AF_INET, SOCK_STREAM, IPPROTO_TCP) = 3
connect(3, {sa_family=AF_INET, sin_port=htons($port), sin_addr=inet_addr("127.0.0.1")}, 16) = 0
write(3, "hello from sockshell\n", 21) = 21
read(3, "hello from nc\n", 4096) = 14
read(3, "", 4096) = 0
close(3) = 0
EOF

	if [ "$host" = localhost ]; then
		# The name is looked up first; the note comes just before the connect.
		grep -B1 '^connect(' "$TMP/$tag.out" | head -n 1 > "$TMP/$tag.note"
		grep -Eq "^  +getaddrinfo\(\"localhost\"\) found (.*, )?127\.0\.0\.1:$port(,|\$)" \
			"$TMP/$tag.note" ||
			fail "$tag: no getaddrinfo note before connect: $(cat "$TMP/$tag.note")"
	else
		expect_no_line "$TMP/$tag.out" "getaddrinfo" "$tag: a numeric address needs no lookup"
	fi
	# The shell never prints a prompt when its input is not a terminal.
	expect_no_line "$TMP/$tag.out" "sockshell fd" "$tag: prompt noise"
	expect_no_line "$TMP/$tag.out" "sockshell>" "$tag: prompt noise"
	grep -qx 'hello from sockshell' "$TMP/$tag.nc.out" ||
		fail "$tag: nc did not receive the line: $(cat "$TMP/$tag.nc.out")"
	# stderr: only the shell's waiting notes, indented.
	if grep -v '^  waiting for ' "$TMP/$tag.err" | grep -q .; then
		fail "$tag: stderr: $(cat "$TMP/$tag.err")"
	fi
}

client_run 127.0.0.1 numeric
client_run localhost name

done_testing
