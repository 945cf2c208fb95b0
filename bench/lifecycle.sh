#!/usr/bin/env bash
# bench/lifecycle.sh [SOCKSHELL]: run by hand, never in make check. N TCP
# lifecycles (12 calls each) from a script, against bench/lifecycle.c making the
# same calls and printing the same lines, with output to /dev/null and to a
# pipe; then `sockshell -c quit` against `nc -h`. Runs alternate A B A B,
# ROUNDS times each (41 at least where each run can have a network
# namespace of its own); each lifecycle run is in a fresh namespace, or
# else takes ports no earlier run used (TIME_WAIT piling up on one port
# slows both sides). Prints the medians.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
bin=${1:-$here/../src/sockshell}
n=${N:-1000}
rounds=${ROUNDS:-5}
port=${FIRST_PORT:-10000}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cc -O2 -o "$tmp/lifecycle" "$here/lifecycle.c"

# script N FIRSTPORT: the sockshell script of N lifecycles.
script() {
	local i p
	for ((i = 0; i < $1; i++)); do
		p=$(($2 + i))
		printf 'socket stream\nbind 127.0.0.1 %d\nlisten 5\nsocket stream\nconnect 127.0.0.1 %d\naccept fd3\nwrite fd4 "ping\\n"\nread fd5\nclose fd4\nread fd5\nclose fd5\nclose fd3\n' "$p" "$p"
	done
}

# block N: advance $port to the first N ports in a row no socket uses now (a
# bind that failed would leave accept waiting for ever). Ports below 32768 are
# outside Linux's default range for ephemeral ports.
block() {
	local used
	used=$(ss -Htan | awk '{ n = split($4, a, ":"); print a[n] }' | sort -n -u)
	while echo "$used" | awk -v lo="$port" -v hi="$((port + $1))" \
	    '$1 >= lo && $1 < hi { found = 1 } END { exit !found }'; do
		port=$((port + $1))
	done
	[ $((port + $1)) -lt 32768 ] || { echo "no free block of $1 ports" >&2; exit 1; }
}

# Where a network namespace can be made (bench/run.sh runs this in a user
# namespace of its own), each lifecycle run gets a fresh one: no TIME_WAIT of
# an earlier run, the same ports each time, and so no limit on the rounds.
# Single runs spread by a tenth and more on a shared machine, and the median
# of 15 rounds still by 0.04 either way (more than the goal leaves): 41
# rounds at least, then.
fresh=no
if command -v ip > /dev/null 2>&1 && unshare -n true 2> /dev/null; then
	fresh=yes
	[ "$rounds" -ge 41 ] || rounds=41
fi

# ms OUT SINK COMMAND...: one run's wall milliseconds (to a tenth) appended
# to OUT; its stdout to /dev/null (SINK null) or through a pipe (SINK pipe).
ms() {
	local out=$1 sink=$2
	shift 2
	if [ "$fresh" = yes ]; then
		unshare -n bash -c 'ip link set lo up || exit 1; sink=$1; shift
			s=$(date +%s%N)
			if [ "$sink" = null ]; then "$@" > /dev/null 2>&1
			else "$@" 2>&1 | cat > /dev/null; fi
			e=$(date +%s%N)
			echo $(((e - s) / 100000))' x "$sink" "$@"
	else
		local s e
		s=$(date +%s%N)
		if [ "$sink" = null ]; then
			"$@" > /dev/null 2>&1
		else
			"$@" 2>&1 | cat > /dev/null
		fi
		e=$(date +%s%N)
		echo $(((e - s) / 100000))
	fi | awk '{ printf "%.1f\n", $1 / 10 }' >> "$out"
}

median() { sort -n "$1" | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / (b > 0 ? b : 1) }'; }

# The floor must print what the shell prints, line for line (the port accept
# reports is the kernel's choice, so it is left out of the comparison).
block 1
script 1 "$port" > "$tmp/one.sock"
"$bin" "$tmp/one.sock" 2>&1 | sed 's/sin_port=htons([0-9]*)/PORT/g' > "$tmp/one.a"
port=$((port + 1))
block 1
"$tmp/lifecycle" 1 "$port" 2>&1 | sed 's/sin_port=htons([0-9]*)/PORT/g' > "$tmp/one.b"
port=$((port + 1))
if ! diff "$tmp/one.a" "$tmp/one.b" >&2; then
	echo "lifecycle.sh: the C floor no longer prints what the shell prints" >&2
	exit 1
fi

for sink in null pipe; do
	: > "$tmp/a"; : > "$tmp/b"
	for ((r = 0; r < rounds; r++)); do
		[ "$fresh" = yes ] || block "$n"
		script "$n" "$port" > "$tmp/s.sock"
		ms "$tmp/a" "$sink" "$bin" "$tmp/s.sock"
		[ "$fresh" = yes ] || { port=$((port + n)); block "$n"; }
		ms "$tmp/b" "$sink" "$tmp/lifecycle" "$n" "$port"
		[ "$fresh" = yes ] || port=$((port + n))
	done
	a=$(median "$tmp/a"); b=$(median "$tmp/b")
	# Also each round's own ratio, the median of them: the machine's drift
	# moves a round's two runs together, so it spreads less from one run of
	# this script to the next than the ratio of the medians does.
	paste "$tmp/a" "$tmp/b" | awk '{ printf "%.4f\n", $1 / ($2 > 0 ? $2 : 1) }' > "$tmp/r"
	echo "$n lifecycles, output to $sink: sockshell $a ms, C $b ms: $(ratio "$a" "$b")x (round by round: median $(median "$tmp/r" | awk '{ printf "%.2f", $1 }')x)"
done
if [ "$fresh" = yes ]; then
	echo "lifecycle rounds: $rounds, each run in a network namespace of its own"
else
	echo "lifecycle rounds: $rounds, each run on ports no earlier run used"
fi

# us_many OUT K COMMAND...: the wall microseconds of K runs of COMMAND in a
# row, appended to OUT (one start takes a millisecond: one alone is too
# short to time).
us_many() {
	local out=$1 k=$2 s e i
	shift 2
	s=$(date +%s%N)
	for ((i = 0; i < k; i++)); do
		"$@" > /dev/null 2>&1
	done
	e=$(date +%s%N)
	echo $(((e - s) / 1000)) >> "$out"
}

: > "$tmp/a"; : > "$tmp/b"
for ((r = 0; r < rounds * 4; r++)); do
	us_many "$tmp/a" 50 "$bin" -c quit
	us_many "$tmp/b" 50 nc -h
done
a=$(median "$tmp/a"); b=$(median "$tmp/b")
echo "start and quit: sockshell -c quit $(awk -v t="$a" 'BEGIN { printf "%.2f", t / 50000 }') ms, nc -h $(awk -v t="$b" 'BEGIN { printf "%.2f", t / 50000 }') ms: $(ratio "$a" "$b")x"
