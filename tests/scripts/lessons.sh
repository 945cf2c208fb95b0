# Every lesson shipped runs, and checks itself with its own `expect` lines:
# each lessons/*.sock runs with the built binary, exits 0, and writes nothing
# to stderr but the shell's "  waiting for" lines. Lessons use fixed ports
# (8080, as teachers show them), so each runs in a network namespace of its
# own with a fresh loopback; where namespaces are not available, in a copy
# with 8080 changed to a free port. Step mode from a pipe is checked too: an
# empty line runs the command shown, and the narration is shown.
. "$top_srcdir/tests/scripts/lib.sh"
need timeout

shopt -s nullglob
lessons=("$top_srcdir"/lessons/*.sock)
[ ${#lessons[@]} -gt 0 ] || { fail "no lessons in $top_srcdir/lessons"; done_testing; }

# Can this machine give each run a namespace of its own (with `ip` for lo)?
netns=yes
in_netns true > /dev/null 2>&1 || netns=no
[ $netns = no ] && printf '%s: no network namespaces here: lessons run on free ports\n' \
	"$TEST_NAME" >&2

# runnable LESSON: the file to run; outside a namespace, a copy on a free
# port (a new one each time: the last run left its port in TIME_WAIT).
runnable() {
	local copy port
	if [ $netns = yes ]; then
		printf '%s\n' "$1"
		return
	fi
	port=$(free_port)
	[ -n "$port" ] || return 1
	copy="$TMP/port-$port-$(basename "$1")"
	sed "s/\\b8080\\b/$port/g" "$1" > "$copy"
	printf '%s\n' "$copy"
}

# isolated CMD...: CMD in its own namespace when there are namespaces.
isolated() {
	if [ $netns = yes ]; then
		in_netns "$@"
	else
		"$@"
	fi
}

# stderr_clean FILE WHAT: nothing in FILE but the shell's waiting lines.
stderr_clean() {
	if grep -v '^  waiting for ' "$1" | grep -q .; then
		fail "$2 wrote to stderr:
$(grep -v '^  waiting for ' "$1")"
	fi
}

for lesson in "${lessons[@]}"; do
	name=$(basename "$lesson" .sock)
	out="$TMP/$name.out"
	err="$TMP/$name.err"

	# Shipped and installed: listed in Makefile.am.
	grep -qF "lessons/$name.sock" "$top_srcdir/Makefile.am" ||
		fail "$name.sock is not in dist_lessons_DATA in Makefile.am"

	# 1. As a script.
	file=$(runnable "$lesson") || { fail "$name: no free port"; continue; }
	isolated env NO_COLOR=1 timeout "$HANG_LIMIT" "$SOCKSHELL" "$file" > "$out" 2> "$err"
	expect_status 0 $? "$name"
	stderr_clean "$err" "$name"
	grep -q '^socket(' "$out" || fail "$name made no socket: $(head -n 5 "$out")"

	# 2. In step mode from a pipe: an empty line runs the command shown.
	file=$(runnable "$lesson") || { fail "$name: no free port"; continue; }
	isolated sh -c 'yes "" | NO_COLOR=1 timeout "$HANG_LIMIT" "$0" --step "$1"' \
		"$SOCKSHELL" "$file" > "$out.step" 2> "$err.step"
	expect_status 0 $? "$name in step mode"
	stderr_clean "$err.step" "$name in step mode"

	# The narration is shown: every comment line's words, behind "# " as in the file.
	sed -n 's/^[[:space:]]*#[[:space:]]\{0,1\}//p' "$file" | grep . |
		while IFS= read -r line; do
			grep -qxF -- "# $line" "$out.step" || printf '%s\n' "$line"
		done > "$TMP/$name.unshown"
	[ -s "$TMP/$name.unshown" ] &&
		fail "$name in step mode did not show the narration:
$(cat "$TMP/$name.unshown")"

	# Each command is put on the prompt before it runs, and then runs: the
	# step run's calls are the script run's (addresses and ports aside).
	grep -v '^[[:space:]]*#' "$file" | grep -v '^[[:space:]]*$' |
		grep -v '^[[:space:]]*expect\b' | while IFS= read -r cmd; do
			grep -qF -- "> $cmd" "$out.step" || printf '%s\n' "$cmd"
		done > "$TMP/$name.unprompted"
	[ -s "$TMP/$name.unprompted" ] &&
		fail "$name in step mode did not put these on the prompt:
$(cat "$TMP/$name.unprompted")"
	calls='^[a-z0-9_]+\(.*\) = '
	norm='s/0x[0-9a-f]+/ADDR/g; s/htons\([0-9]+\)/htons(PORT)/g'
	if ! diff <(grep -E "$calls" "$out" | sed -E "$norm") \
	    <(grep -E "$calls" "$out.step" | sed -E "$norm") \
	    > "$TMP/$name.calls.diff"; then
		fail "$name: step mode made other calls than the script run:
$(cat "$TMP/$name.calls.diff")"
	fi
done

done_testing
