# Ten thousand descriptors in one shell, under a raised open-file limit: each
# socket gets the next number, `fds` lists every one with the newest current,
# closes in an order that is neither up nor down leave the table exactly the
# ones still open (fds again, against the kernel's own /proc/PID/fd), the
# current descriptor after each close is the newest left, and quit closes the
# rest, one line each. Nothing here is timed.
. "$top_srcdir/tests/scripts/lib.sh"
need timeout

N=10000
limit=$((N + 100))
if ! ulimit -n "$limit" 2> /dev/null; then
	skip "the open-file limit cannot be raised to $limit here (hard limit $(ulimit -Hn))"
fi

# N sockets; fds; every third closed from the top down, then every third
# again from the bottom up; fds.
{
	for ((i = 0; i < N; i++)); do echo "socket dgram"; done
	echo fds
	for ((fd = N + 2; fd >= 3; fd -= 3)); do echo "close fd$fd"; done
	for ((fd = 4; fd < N + 3; fd += 3)); do echo "close fd$fd"; done
	echo fds
} > "$TMP/many.sock"
# Open: 3 .. N+2. Closed: N+2, N-1, ... down by threes, and 4, 7, ... up by
# threes; left: the others.
left=()
for ((fd = 3; fd < N + 3; fd++)); do
	[ $(((fd - (N + 2)) % 3)) -eq 0 ] && continue
	[ $(((fd - 4) % 3)) -eq 0 ] && continue
	left+=("$fd")
done

sockshell_t "$TMP/many.sock" > "$TMP/many.out" 2> "$TMP/many.err"
expect_status 0 $? "$N sockets opened and closed"
[ -s "$TMP/many.err" ] && fail "stderr: $(head -3 "$TMP/many.err")"

# Each socket the next number, 3 to N+2.
grep '^socket(' "$TMP/many.out" | sed 's/.* = //' > "$TMP/got.fds"
seq 3 $((N + 2)) > "$TMP/want.fds"
cmp -s "$TMP/got.fds" "$TMP/want.fds" || fail "the sockets were not numbered 3 to $((N + 2))"

# The two fds tables: the rows between each header and the next call line.
awk '/^    FD /{ t++; next } t && /^  [* ] +[0-9]+ /{ print t, $0 }' "$TMP/many.out" > "$TMP/rows"
awk '$1 == 1' "$TMP/rows" | wc -l | { read -r n; [ "$n" -eq "$N" ] || fail "the first fds listed $n rows, not $N"; }
awk '$1 == 1 && $2 == "*" { print $3 }' "$TMP/rows" > "$TMP/cur1"
[ "$(cat "$TMP/cur1")" = "$((N + 2))" ] || fail "the current descriptor was not the newest: $(cat "$TMP/cur1")"
awk '$1 == 2 { print ($2 == "*" ? $3 : $2) }' "$TMP/rows" > "$TMP/rows2"
printf '%s\n' "${left[@]}" > "$TMP/left"
cmp -s "$TMP/rows2" "$TMP/left" ||
	fail "after the closes fds lists $(wc -l < "$TMP/rows2") rows, not the ${#left[@]} left: $(diff "$TMP/left" "$TMP/rows2" | head -5)"
# The newest left is current: the highest number still open.
awk '$1 == 2 && $2 == "*" { print $3 }' "$TMP/rows" > "$TMP/cur2"
[ "$(cat "$TMP/cur2")" = "${left[${#left[@]} - 1]}" ] ||
	fail "after the closes the current is fd$(cat "$TMP/cur2"), not the newest left, fd${left[${#left[@]} - 1]}"

# At the end the rest close, each once, in order: every number closed once in all.
grep '^close(' "$TMP/many.out" | sed 's/^close(\([0-9]*\)).*/\1/' | sort -n > "$TMP/closed"
cmp -s "$TMP/closed" "$TMP/want.fds" || fail "not every socket was closed exactly once"
grep -c '^close(.* = 0$' "$TMP/many.out" | { read -r n; [ "$n" -eq "$N" ] || fail "$n closes succeeded, not $N"; }

# The kernel agrees with the table: a shell holding the ones left, asked by /proc.
mkfifo "$TMP/in"
{
	for ((i = 0; i < N; i++)); do echo "socket dgram"; done
	for ((fd = N + 2; fd >= 3; fd -= 3)); do echo "close fd$fd"; done
	for ((fd = 4; fd < N + 3; fd += 3)); do echo "close fd$fd"; done
	echo "echo all closed that were to be"
} > "$TMP/open.sock"
NO_COLOR=1 "$SOCKSHELL" -i "$TMP/open.sock" < "$TMP/in" > "$TMP/open.out" 2>&1 &
pid=$!
PIDS="$PIDS $pid"
exec 9> "$TMP/in"
if wait_for_text "$TMP/open.out" "all closed that were to be"; then
	ls /proc/$pid/fd | awk -v top=$((N + 3)) '$1 > 2 && $1 < top' | sort -n > "$TMP/kernel"
	cmp -s "$TMP/kernel" "$TMP/left" ||
		fail "the kernel holds $(wc -l < "$TMP/kernel") of the shell's numbers, not the ${#left[@]} left"
fi
exec 9>&-
wait_exit "$pid"

done_testing
