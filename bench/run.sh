#!/usr/bin/env bash
# bench/run.sh [SOCKSHELL]: run by hand, never in make check. Every row of the
# performance table, each beside its floor and its peers, and the table
# written into bench/RESULTS.md (between its two "bench/run.sh" marks) with
# the date, the machine, its load and the medians; WRITE=no only prints it.
#   - bench/lifecycle.sh: 1000 TCP lifecycles from a script against
#     bench/lifecycle.c, output to /dev/null and to a pipe; `sockshell -c quit`
#     against `nc -h`;
#   - bench/many.sh: 1,000 and 10,000 sockets opened and closed against
#     bench/many.c, `fds` with 10,000 open, peak RSS holding 10,000 (and C's);
#   - bench/bulk.sh: 1 GiB through loopback TCP, sockshell to sockshell
#     against the C pair (sendfile -> read), nc and socat (BULK=no leaves it
#     out; SIZE_MB=, RUNS=);
#   - the whole-path command rate: write/read pairs over one unix connection.
# ROUNDS= (5) runs of each, alternating A B A B; the medians count. It runs in
# a network namespace of its own where it can (unshare -rn): no port, no
# TIME_WAIT and no listener of anything else shares its loopback.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
bin=$(realpath "${1:-$here/../src/sockshell}")
ip=$(command -v ip || echo /sbin/ip)
if [ -z "${BENCH_NETNS:-}" ] && [ "${NETNS:-yes}" != no ] &&
	unshare -rn "$ip" link set lo up > /dev/null 2>&1; then
	export BENCH_NETNS=1
	exec unshare -rn bash -c '"$0" link set lo up && exec bash "$1" "$2"' \
		"$ip" "$here/run.sh" "$bin"
fi
export ROUNDS=${ROUNDS:-5}
n=${N:-20000}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

load() { cut -d' ' -f1 /proc/loadavg; }
load0=$(load)

echo "lifecycles and start-up (bench/lifecycle.sh)..." >&2
"$here/lifecycle.sh" "$bin" > "$tmp/lifecycle" 2>&1
echo "ten thousand descriptors (bench/many.sh)..." >&2
"$here/many.sh" "$bin" > "$tmp/many" 2>&1
if [ "${BULK:-yes}" != no ]; then
	echo "bulk data (bench/bulk.sh)..." >&2
	"$here/bulk.sh" "$bin" > "$tmp/bulk" 2>&1
fi

# n write/read pairs over one unix stream connection, server and client in one shell.
{
	echo "socket unix stream"; echo "bind $tmp/s"; echo "listen 1"
	echo "socket unix stream"; echo "connect $tmp/s"; echo "accept fd3"
	for ((i = 0; i < n; i++)); do echo 'write fd4 "ping\n"'; echo "read fd5 5"; done
} > "$tmp/pairs.sock"
start=$(date +%s%N)
"$bin" "$tmp/pairs.sock" > /dev/null
end=$(date +%s%N)
rm -f "$tmp/s"
pairs_ms=$(( (end - start) / 1000000 ))
load1=$(load)

# field FILE REGEX N: the Nth number on FILE's line matching REGEX.
field() {
	grep -E "$2" "$1" | head -1 | grep -oE '[0-9]+(\.[0-9]+)?' | sed -n "$3p"
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / (b > 0 ? b : 1) }'; }
# met VALUE GOAL: "yes" when VALUE <= GOAL, else "no".
met() { awk -v v="$1" -v g="$2" 'BEGIN { print (v <= g ? "yes" : "no") }'; }

L=$tmp/lifecycle M=$tmp/many
lc_n_a=$(field "$L" 'output to null' 2); lc_n_b=$(field "$L" 'output to null' 3)
lc_p_a=$(field "$L" 'output to pipe' 2); lc_p_b=$(field "$L" 'output to pipe' 3)
q_a=$(field "$L" '^start and quit' 1); q_b=$(field "$L" '^start and quit' 2)
m1_a=$(field "$M" '^1000 sockets' 2); m1_b=$(field "$M" '^1000 sockets' 3)
m10_a=$(field "$M" '^10000 sockets' 2); m10_b=$(field "$M" '^10000 sockets' 3)
fds_ms=$(field "$M" '^fds with' 2)
rss=$(field "$M" '^peak RSS holding' 2); rss_c=$(field "$M" '^peak RSS of C' 2)
mib() { awk -v k="$1" 'BEGIN { printf "%.1f MiB", k / 1024 }'; }

{
	echo "Written by \`bench/run.sh\` on $(date -u +%Y-%m-%d) at $(date -u +%H:%M) UTC:" \
		"$(nproc)-core $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)," \
		"Linux $(uname -r), $(cc --version | head -1 | sed 's/ (.*)//'), load average" \
		"$load0 at the start and $load1 at the end; ${ROUNDS} rounds, medians" \
		"(the lifecycles: $(field "$L" '^lifecycle rounds' 1));" \
		"sockshell $("$bin" --version 2>/dev/null | head -1 | awk '{ print $NF }')" \
		"($(git -C "$here" describe --always --dirty 2>/dev/null || echo '?'))."
	echo
	echo "| what | sockshell | floor or peer | ratio | goal | met |"
	echo "|---|---|---|---|---|---|"
	r=$(ratio "$lc_n_a" "$lc_n_b")
	echo "| 1,000 TCP lifecycles from a script, output to /dev/null | $lc_n_a ms | C $lc_n_b ms | ${r}x | <= 1.10x | $(met "$r" 1.10) |"
	r=$(ratio "$lc_p_a" "$lc_p_b")
	echo "| the same, output to a pipe | $lc_p_a ms | C $lc_p_b ms | ${r}x | <= 1.15x | $(met "$r" 1.15) |"
	r=$(ratio "$q_a" "$q_b")
	echo "| \`sockshell -c quit\` | $q_a ms | \`nc -h\` $q_b ms | ${r}x | <= 1.2x | $(met "$r" 1.2) |"
	r1=$(ratio "$m1_a" "$m1_b"); r10=$(ratio "$m10_a" "$m10_b")
	echo "| 1,000 sockets opened and closed, a socket | $m1_a us | C $m1_b us | ${r1}x | <= 1.3x | $(met "$r1" 1.3) |"
	echo "| 10,000 sockets opened and closed, a socket | $m10_a us | C $m10_b us | ${r10}x | <= 1.3x, flat | $(met "$r10" 1.3) |"
	echo "| \`fds\` with 10,000 descriptors | $fds_ms ms | - | - | < 50 ms | $(met "$fds_ms" 49.999) |"
	echo "| peak RSS holding 10,000 descriptors | $(mib "$rss") | C $(mib "$rss_c") | $(ratio "$rss" "$rss_c")x | < 4 MiB | $(met "$rss" 4095) |"
	if [ -f "$tmp/bulk" ]; then
		B=$tmp/bulk
		c_ms=$(field "$B" '^C ' 1); s_ms=$(field "$B" '^sockshell ' 1)
		nc_ms=$(field "$B" '^nc ' 1); so_ms=$(field "$B" '^socat ' 1)
		r=$(ratio "$c_ms" "$s_ms")
		echo "| ${SIZE_MB:-1024} MiB through loopback TCP, sender and receiver in sockshell | $s_ms ms ($(field "$B" '^sockshell ' 2) MB/s) | C pair $c_ms ms, nc $nc_ms ms, socat $so_ms ms | ${r} of the C pair | >= 0.95, faster than nc and socat | $(awk -v r="$r" -v s="$s_ms" -v n="$nc_ms" -v o="$so_ms" 'BEGIN { print (r >= 0.95 && s < n && s < o ? "yes" : "no") }') |"
	fi
	echo
	echo "Also: $n write/read pairs over one unix connection in one shell, the whole"
	echo "path (lexer, command table, the call, the printer): $pairs_ms ms,"
	echo "$(( 2 * n * 1000 / (pairs_ms > 0 ? pairs_ms : 1) )) commands a second."
	echo
	echo "What each script printed:"
	echo
	echo '```'
	cat "$tmp/lifecycle" "$tmp/many"
	[ -f "$tmp/bulk" ] && cat "$tmp/bulk"
	echo '```'
} > "$tmp/table"
cat "$tmp/table"

results=$here/RESULTS.md
begin='<!-- bench/run.sh writes from here -->'
end_mark='<!-- bench/run.sh writes up to here -->'
if [ "${WRITE:-yes}" != no ]; then
	if grep -qF "$begin" "$results" 2>/dev/null; then
		awk -v b="$begin" -v e="$end_mark" -v t="$tmp/table" '
			$0 == b { print; while ((getline l < t) > 0) print l; skip = 1; next }
			$0 == e { skip = 0 }
			!skip' "$results" > "$tmp/results"
	else
		{ printf '%s\n\n## The latest run\n\n%s\n' "# Benchmarks" "$begin"
		  cat "$tmp/table"; echo "$end_mark"; echo
		  [ -f "$results" ] && sed '1{/^# Benchmarks$/d}' "$results"; } > "$tmp/results"
	fi
	cp "$tmp/results" "$results"
	echo "written into $results" >&2
fi
