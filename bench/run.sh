#!/usr/bin/env bash
# bench/run.sh [SOCKSHELL]: run by hand, never in make check. Measures what a demo or
# a lesson leans on: commands per second through the whole path (lexer, command table,
# the call, the printer) and the memory a long script takes. Results: bench/RESULTS.md.
set -euo pipefail
bin=${1:-$(dirname "$0")/../src/sockshell}
n=${N:-20000}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# n write/read pairs over one unix stream connection, server and client in one shell.
{
	echo "socket unix stream"; echo "bind $tmp/s"; echo "listen 1"
	echo "socket unix stream"; echo "connect $tmp/s"; echo "accept fd3"
	for ((i = 0; i < n; i++)); do echo 'write fd4 "ping\n"'; echo "read fd5 5"; done
} > "$tmp/pairs.sock"

start=$(date +%s%N)
"$bin" "$tmp/pairs.sock" > /dev/null
end=$(date +%s%N)
ms=$(( (end - start) / 1000000 ))
echo "pairs: $n write+read pairs in ${ms} ms: $(( 2 * n * 1000 / (ms > 0 ? ms : 1) )) commands/s"

rm -f "$tmp/s"
/usr/bin/time -f "peak RSS: %M KiB for a $((2 * n + 6))-line script" \
	"$bin" "$tmp/pairs.sock" > /dev/null
