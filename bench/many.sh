#!/usr/bin/env bash
# bench/many.sh [SOCKSHELL]: run by hand, never in make check. N sockets opened
# by a script and closed in order (N = 1000 and 10000), per socket against
# bench/many.c making and printing the same calls; `fds` with 10,000 open (ten
# of them, less the run without, a tenth); the
# peak RSS of the shell holding 10,000, and of the C program. Medians of ROUNDS
# runs, A B A B.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
bin=${1:-$here/../src/sockshell}
rounds=${ROUNDS:-5}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cc -O2 -o "$tmp/many" "$here/many.c"
ulimit -n 20000

# script N: N sockets, then their closes in order.
script() {
	local i
	for ((i = 0; i < $1; i++)); do echo "socket stream"; done
	for ((i = 3; i < $1 + 3; i++)); do echo "close fd$i"; done
}

# us COMMAND...: one run's wall microseconds.
us() {
	local s e
	s=$(date +%s%N)
	"$@" > /dev/null 2>&1
	e=$(date +%s%N)
	echo $(((e - s) / 1000))
}

median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

# in_turn: run_a and run_b ROUNDS times each, in turn; their median
# microseconds in $a and $b.
in_turn() {
	: > "$tmp/a"; : > "$tmp/b"
	for ((r = 0; r < rounds; r++)); do
		run_a >> "$tmp/a"
		run_b >> "$tmp/b"
	done
	a=$(median < "$tmp/a"); b=$(median < "$tmp/b")
}

for n in 1000 10000; do
	script "$n" > "$tmp/s.sock"
	run_a() { us "$bin" "$tmp/s.sock"; }
	run_b() { us "$tmp/many" "$n"; }
	in_turn
	awk -v n="$n" -v a="$a" -v b="$b" 'BEGIN {
		printf "%d sockets opened and closed: sockshell %.2f us a socket, C %.2f us: %.2fx\n",
		    n, a / n, b / n, a / b }'
done

# fds with 10,000 open: ten `fds` after them, less the run without, a tenth.
{ for ((i = 0; i < 10000; i++)); do echo "socket stream"; done; } > "$tmp/open.sock"
{ cat "$tmp/open.sock"; for ((i = 0; i < 10; i++)); do echo fds; done; } > "$tmp/fds.sock"
run_a() { us "$bin" "$tmp/fds.sock"; }
run_b() { us "$bin" "$tmp/open.sock"; }
in_turn
echo "fds with 10000 descriptors: $(((a - b) / 10000)) ms"
/usr/bin/time -f "peak RSS holding 10000 descriptors: %M KiB" "$bin" "$tmp/open.sock" > /dev/null
/usr/bin/time -f "peak RSS of C holding 10000 descriptors: %M KiB" "$tmp/many" 10000 > /dev/null
