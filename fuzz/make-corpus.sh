#!/bin/bash
# make-corpus.sh: the seed corpora of the two harnesses, made from the tree's
# own command lines: the lessons (lessons/*.sock) and the heredocs of the
# script tests (tests/scripts/*.sh), plus a few lines written here for the
# lexer's escape forms and for unix sockets by a relative name.
#
#   fuzz/make-corpus.sh [TOP_SRCDIR [BUILDDIR]]
#
# rewrites fuzz/corpus/lexer/ and fuzz/corpus/dispatch/: one line per file (no
# newline), named by its SHA-1 as libFuzzer names its own, at most 200 each.
# With BUILDDIR, a build configured with --enable-fuzzing, each harness keeps
# (libFuzzer's -merge=1) only the candidates that add coverage; without it,
# the first 200 distinct candidates are kept.
#
#   lexer:    every distinct line, as written (comments and paths too);
#   dispatch: lines the dispatch harness runs (no '/' in them, no sleep, man,
#             lesson or unlink): each one alone, and each lesson or heredoc
#             joined with "; " into one line, whole and in windows of eight
#             commands, so a fresh shell reaches a listener, a connection and
#             data within one input.
#
# Shell variables of the tests become fixed values: ports 8080-8082 and 9090,
# a refused port 9, "u.sock" for a path, 4242 for $$.
set -euo pipefail
export LC_ALL=C

top=${1:-$(cd "$(dirname "$0")/.." && pwd)}
build=${2:-}
out=$top/fuzz/corpus
max=200
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# The command names and aliases, from the command table's sources.
grep -ho '^[[:space:]]*\.\(name\|alias\) = "[a-z]*"' "$top"/src/commands/cmd-*.c |
	sed 's/.*"\(.*\)"/\1/' | sort -u > "$tmp/names"

# Blocks of command lines, each after a line "@@ NAME". A lesson is one block
# (its comment lines dropped); so is a heredoc, of its lines that start with
# a command name (expected output and helper scripts are left out).
{
	for f in "$top"/lessons/*.sock; do
		echo "@@ $f"
		grep -v '^[[:space:]]*\(#\|$\)' "$f" || true
	done
	awk '
	FNR == 1 { inh = 0 }
	inh && $0 == term { inh = 0; next }
	inh { print; next }
	/<<-?[ ]*["'\'']?[A-Z_]+/ {
		m = $0
		sub(/.*<<-?[ ]*["'\'']?/, "", m)
		sub(/[^A-Z_].*$/, "", m)
		term = m; inh = 1
		print "@@ " FILENAME ":" FNR
	}' "$top"/tests/scripts/*.sh
} | awk -v names="$tmp/names" '
	BEGIN {
		while ((getline n < names) > 0) cmd[n] = 1
		val["port"] = 8080; val["port2"] = 8081; val["port3"] = 8082
		val["udp"] = 9090; val["refused"] = 9; val["second"] = "127.0.0.2"
	}
	/^@@ / { print; first = 1; skip = 0; next }
	# a heredoc that is a script of its own (a fake man(1)) holds no commands
	first && /^#!/ { skip = 1 }
	{ first = 0 }
	skip { next }
	{
		line = $0
		sub(/^[ \t]+/, "", line)
		split(line, w, /[ \t;]+/)
		if (!(w[1] in cmd)) next
		gsub(/\$\$/, "4242", line)
		gsub(/\$\{?TMP\}?\//, "", line)
		while (match(line, /\$\{?([A-Za-z_][A-Za-z_0-9]*|[0-9])\}?/)) {
			v = substr(line, RSTART, RLENGTH)
			gsub(/[${}]/, "", v)
			r = (v in val) ? val[v] : (v ~ /path|sock|dir|file/) ? "u.sock" : 8080
			line = substr(line, 1, RSTART - 1) r substr(line, RSTART + RLENGTH)
		}
		print line
	}' > "$tmp/blocks"

# Lines the lexer should see besides: every escape form, good and bad.
cat > "$tmp/extra-lexer" <<'EOF'
write "\x00\x7f\xff\xFF\x1b[31m"
write "\0\1\12\123\377\400"
write "\n\t\r\\\"\'\a\b\f\v\e\?"
write "\q"
write "\x"
write "\xg"
write "unterminated
write "ends in a backslash\
echo "a""b"c"d" ; echo ;; ; # a comment
echo bare\word "quoted # not a comment" #comment
send "\xec\x95\x88\xeb\x85\x95" 
	 socket	stream	;	bind	8080 
EOF
# Lines the dispatch harness should see besides: unix sockets by a relative
# name and in the abstract namespace, UDP and TCP over IPv6, refusals.
cat > "$tmp/extra-dispatch" <<'EOF'
socket unix stream; bind u.sock; listen 5; socket unix stream; connect u.sock; accept fd3; write fd4 "hi\n"; read fd5; getsockname fd3; getpeername fd4
socket unix dgram; bind @abstract-4242; socket unix dgram; sendto @abstract-4242 "x\0y"; recvfrom fd3; expect "x\0y"
socket inet6 dgram; bind ::1 9090; sendto ::1 9090 "six"; recvfrom -x; set data hex; sendto ::1 9090 "\x00\x01"; recv
socket inet6 stream; setsockopt v6only 1; bind ::1 8080; listen 1; socket inet6 stream; nonblock on; connect ::1 8080; poll fd4:out 10; getsockopt error; accept fd3
socket stream; nonblock on; connect 127.0.0.1 9; expect EINPROGRESS; poll fd3:out 20; getsockopt error; read; expect ECONNREFUSED
socket dgram; connect 127.0.0.1 9; send "x"; recv dontwait; expect ECONNREFUSED; ss; fds
set strsize 4; set notify off; set data off; set; help; help bind; help set; fds; ss 8080; netstat
resolve localhost; resolve 127.0.0.1 80; resolve ::1; resolve no.such.name.invalid 80
socket stream; setsockopt linger on 1; bind 8080; listen 5; socket stream; connect 127.0.0.1 8080; write "x"; close
echo "\xec\x95\x88\xeb\x85\x95"; echo a b c; expect ok; expect = 3; expect EAGAIN; quit
EOF

# One file per distinct line of $2 in the directory $1, named by its SHA-1.
candidates() {
	local dir=$1 line sum

	mkdir -p "$dir"
	while IFS= read -r line; do
		[ -n "$line" ] || continue
		sum=$(printf '%s' "$line" | sha1sum | cut -d' ' -f1)
		printf '%s' "$line" > "$dir/$sum"
	done < "$2"
}

# Into fuzz/corpus/$1: what harness $1 keeps of the candidates, or the first MAX.
keep() {
	local name=$1 n=0 f

	mkdir -p "$out/$name"
	rm -f "$out/$name/"*
	if [ -n "$build" ]; then
		"$build/fuzz/fuzz_$name" -merge=1 -artifact_prefix="$tmp/" \
		    "$out/$name" "$tmp/$name" > "$tmp/merge-$name.log" 2>&1 ||
		    { cat "$tmp/merge-$name.log"; exit 1; }
	else
		while IFS= read -r f && [ "$n" -lt "$max" ]; do
			cp "$tmp/$name/$f" "$out/$name/" && n=$((n + 1))
		done < <(ls "$tmp/$name")
	fi
	n=$(ls "$out/$name" | wc -l)
	[ "$n" -le "$max" ] || ls "$out/$name" | tail -n +$((max + 1)) |
	    while IFS= read -r f; do rm -f "$out/$name/$f"; done
	echo "fuzz/corpus/$name: $(ls "$out/$name" | wc -l) of $(ls "$tmp/$name" | wc -l) candidates"
}

# lexer: the hand-written lines first, then every line of the blocks.
{ cat "$tmp/extra-lexer"; grep -v '^@@ ' "$tmp/blocks"; } > "$tmp/lexer.txt"
candidates "$tmp/lexer" "$tmp/lexer.txt"
keep lexer

# dispatch: what the harness would run, with the blocked commands' lines out.
awk '
	/^@@ / { print; next }
	index($0, "/") { next }
	{ split($0, w, /[ \t;]+/) }
	w[1] ~ /^(sleep|man|lesson|unlink)$/ { next }
	{ print }' "$tmp/blocks" > "$tmp/runnable"
{
	cat "$tmp/extra-dispatch"
	# each block whole, then in windows of 8 commands (a new one every 4)
	awk '
	function flush(   i, j, s) {
		if (n == 0) return
		s = v[1]; for (i = 2; i <= n; i++) s = s "; " v[i]
		if (length(s) < 4000) print s
		for (i = 1; i + 8 <= n + 3; i += 4) {
			s = v[i]
			for (j = i + 1; j < i + 8 && j <= n; j++) s = s "; " v[j]
			print s
		}
		n = 0
	}
	/^@@ / { flush(); next }
	{ v[++n] = $0 }
	END { flush() }' "$tmp/runnable"
	grep -v '^@@ ' "$tmp/runnable"
} > "$tmp/dispatch.txt"
candidates "$tmp/dispatch" "$tmp/dispatch.txt"
keep dispatch
