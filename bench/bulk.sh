#!/usr/bin/env bash
# bench/bulk.sh [SOCKSHELL]: run by hand, never in make check. 1 GiB (SIZE_MB=1024)
# through loopback TCP from one process to another: sockshell `write @FILE` to
# sockshell `read >/dev/null`, against the plain C pair (sendfile_pair.c:
# sendfile -> read), nc -> nc and socat -> socat. Each is run RUNS times (3); the
# median wall time counts, from starting the sender to the receiver's exit (the
# receiver is up and listening before). The file is read once first, so every
# run reads it from the page cache. Results go to bench/RESULTS.md by hand.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
bin=$(realpath "${1:-$here/../src/sockshell}")
size_mb=${SIZE_MB:-1024}
runs=${RUNS:-3}
tmp=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$tmp"' EXIT

file=$tmp/data
head -c "$((size_mb << 20))" /dev/urandom > "$file"
cat "$file" > /dev/null
cc -O2 -o "$tmp/sendfile_pair" "$here/sendfile_pair.c"
# Below 32768, outside the kernel's range for the ports connect picks: a
# receiver's port is never one an earlier sender's connection still holds.
port=$((20000 + RANDOM % 10000))

now() { date +%s%N; }

# next_port: a port no earlier run used (one_run runs in a subshell of its own).
echo "$port" > "$tmp/port"
next_port() {
	local p
	p=$(($(cat "$tmp/port") + 1))
	echo "$p" > "$tmp/port"
	echo "$p"
}

# wait_listen PORT: until something listens on PORT.
wait_listen() {
	local i
	for ((i = 0; i < 1500; i++)); do
		ss -Htln "sport = :$1" | grep -q . && return 0
		sleep 0.01
	done
	echo "nothing listens on $1" >&2
	return 1
}

# median: of the runs that gave a number (-1: a receiver never listened).
median() { grep -v "^-" | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

# The C pair is one process that forks: timed whole, start to end.
c_pair() {
	local t0 t1
	t0=$(now)
	"$tmp/sendfile_pair" "$file" > /dev/null
	t1=$(now)
	echo $(((t1 - t0) / 1000000))
}

export bin file
# one_run RECEIVER SENDER: milliseconds from starting SENDER to RECEIVER's
# end; in both, bash -c's $0 is the port (a new one each run).
one_run() {
	local t0 t1 rpid port=$(next_port)
	bash -c "$1" "$port" &
	rpid=$!
	# A receiver that never listened is not waited for: no number for it.
	wait_listen "$port" || { kill "$rpid"; wait "$rpid"; echo -1; return; }
	t0=$(now)
	bash -c "$2" "$port"
	wait "$rpid"
	t1=$(now)
	echo $(((t1 - t0) / 1000000))
}

sh_recv='printf "socket stream\nbind 127.0.0.1 %s\nlisten\naccept\nread >/dev/null\n" "$0" > "$file.r$0"; "$bin" "$file.r$0" > /dev/null 2>&1'
sh_send='printf "socket stream\nconnect 127.0.0.1 %s\nwrite @%s\n" "$0" "$file" > "$file.s$0"; "$bin" "$file.s$0" > /dev/null'

# Round by round, each of the four once: a machine busy with something else
# for a while slows them all alike, not one.
for ((i = 0; i < runs; i++)); do
	echo "C $(c_pair)"
	echo "sockshell $(one_run "$sh_recv" "$sh_send")"
	echo "nc $(one_run 'nc -l 127.0.0.1 "$0" > /dev/null' 'nc -N 127.0.0.1 "$0" < "$file"')"
	echo "socat $(one_run 'socat -u TCP-LISTEN:"$0",bind=127.0.0.1 OPEN:/dev/null' \
		'socat -u OPEN:"$file" TCP:127.0.0.1:"$0"')"
done > "$tmp/times"
c_ms=$(awk '$1 == "C" { print $2 }' "$tmp/times" | median)
for name in C sockshell nc socat; do
	ms=$(awk -v n="$name" '$1 == n { print $2 }' "$tmp/times" | median)
	printf '%-10s %6d ms  %6.0f MB/s  %5.2f of the C pair  (runs: %s)\n' "$name" "$ms" \
		"$(echo "$size_mb * 1048576 / $ms / 1000" | bc -l)" \
		"$(echo "$c_ms / $ms" | bc -l)" \
		"$(awk -v n="$name" '$1 == n { printf "%s ", $2 }' "$tmp/times")"
done
