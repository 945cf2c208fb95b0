#!/usr/bin/env bash
# bench/compare.sh SOCKSHELL... : run by hand, never in make check. Builds of
# the shell side by side with the C floor (bench/lifecycle.c) on the /dev/null
# row: N (1000) TCP lifecycles from a script, output to /dev/null. In each of
# ROUNDS (15) rounds the floor and every build run once, in turn, each in a
# network namespace of its own (as root, or under `unshare -r`); a build's
# figure is the median over the rounds of its own ratio to the floor in that
# round, since the machine's drift moves a round's runs together. Two builds
# measured in the same rounds are compared fairly; on this shared 2-core guest
# the same binary twice differs by up to 0.03.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
[ $# -gt 0 ] || { echo "usage: bench/compare.sh SOCKSHELL..." >&2; exit 2; }
n=${N:-1000}
rounds=${ROUNDS:-15}
port=10000
ip=$(command -v ip || echo /sbin/ip)
unshare -n "$ip" link set lo up 2> /dev/null || {
	echo "compare.sh: no network namespace can be made here (run it as root or under unshare -r)" >&2
	exit 1
}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cc -O2 -o "$tmp/lifecycle" "$here/lifecycle.c"
for ((i = 0; i < n; i++)); do
	p=$((port + i))
	printf 'socket stream\nbind 127.0.0.1 %d\nlisten 5\nsocket stream\nconnect 127.0.0.1 %d\naccept fd3\nwrite fd4 "ping\\n"\nread fd5\nclose fd4\nread fd5\nclose fd5\nclose fd3\n' "$p" "$p"
done > "$tmp/s.sock"

# once OUT COMMAND...: one run's wall time in a fresh namespace, in tenths of
# a millisecond, appended to OUT.
once() {
	local out=$1
	shift
	unshare -n bash -c '"$0" link set lo up || exit 1
		s=$(date +%s%N); "$@" > /dev/null 2>&1; e=$(date +%s%N)
		echo $(((e - s) / 100000))' "$ip" "$@" >> "$out"
}

for ((r = 0; r < rounds; r++)); do
	once "$tmp/floor" "$tmp/lifecycle" "$n" "$port"
	k=0
	for bin in "$@"; do
		once "$tmp/b$k" "$bin" "$tmp/s.sock"
		k=$((k + 1))
	done
done
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
echo "C floor: median $(median < "$tmp/floor" | awk '{ printf "%.1f", $1 / 10 }') ms ($rounds rounds, $n lifecycles, output to /dev/null)"
k=0
for bin in "$@"; do
	printf '%s: median %s ms, round by round: median %sx\n' "$bin" \
	    "$(median < "$tmp/b$k" | awk '{ printf "%.1f", $1 / 10 }')" \
	    "$(paste "$tmp/b$k" "$tmp/floor" | awk '{ printf "%.4f\n", $1 / ($2 > 0 ? $2 : 1) }' | median | awk '{ printf "%.3f", $1 }')"
	k=$((k + 1))
done
