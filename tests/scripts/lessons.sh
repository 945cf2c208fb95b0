# Every lesson shipped runs, and checks itself with its own `expect` lines:
# each lessons/*.sock and its Korean twin lessons/ko/*.sock runs with the built
# binary, exits 0, and writes nothing to stderr but the shell's "  waiting
# for" lines; in step mode from a pipe too (an empty line runs the command
# shown; the narration and "step N of M" are shown). The twins make the same
# calls: their command lines are the same, byte for byte. Lessons use fixed
# ports, as textbooks do, so each runs in a network namespace of its own with
# a fresh loopback (where there are none, in a copy on free ports). A lesson
# that says `sockshell --lab` in its head runs in the lab, as a user without
# root. A two-terminal lesson (NAME-server.sock and NAME-client.sock) runs
# its server half, waits until that half waits in a call, then runs the
# client half beside it, in one namespace; both end with status 0.
# lessons-ko.sh runs the Korean twins (LESSONS_LANG=ko), this file the English.
# Each lesson gets a namespace of its own below; the test itself stays in the
# machine's, where a user without root can be made for the lab.
SOCKSHELL_NETNS=no
. "$top_srcdir/tests/scripts/lib.sh"
only=${LESSONS_LANG:-en}
need timeout

shopt -s nullglob
lessons=("$top_srcdir"/lessons/*.sock "$top_srcdir"/lessons/ko/*.sock)
[ ${#lessons[@]} -gt 0 ] || { fail "no lessons in $top_srcdir/lessons"; done_testing; }

netns=yes
in_netns true > /dev/null 2>&1 || netns=no
pcap=yes
if [ -f "${top_builddir:-}/config.h" ] && ! grep -q '^#define HAVE_PCAP 1' "$top_builddir/config.h"; then
	pcap=no
fi
[ $netns = no ] && printf '%s: no network namespaces here: lessons run on free ports\n' \
	"$TEST_NAME" >&2
lab_user
can_lab=yes
(cd "$TMP" && lab -c 'host') > "$TMP/lab.probe" 2>&1 || can_lab=no
# Korean in the lab, where nobody can read the catalogue of this build tree.
lab_ko=ko
(cd "$TMP" && lab --lang=ko -c 'set lang') > /dev/null 2>&1 || lab_ko=en

# commands FILE: its command and expect lines, as they are.
commands() {
	grep -v '^[[:space:]]*#' "$1" | grep -v '^[[:space:]]*$'
}

# is_lab FILE: its head says to run it with sockshell --lab.
is_lab() {
	head -n 10 "$1" | grep -q 'sockshell --lab'
}

# runnable LESSON...: the files to run, in a folder anyone may read (the lab
# runs as nobody); outside a namespace, copies with their ports made free ones
# (the same in every file given, so that two halves still meet).
runnable() {
	local dir f p free
	dir=$(mktemp -d "$TMP/run.XXXXXX")
	chmod 755 "$dir"
	for f in "$@"; do
		cp "$f" "$dir/"
		chmod 644 "$dir/$(basename "$f")"
	done
	if [ $netns = no ]; then
		for p in $(cat "$@" | grep -E '^[[:space:]]*(bind|connect|sendto|ss)\b' |
		    grep -oE '\b[0-9]{4,5}\b' | sort -u); do
			free=$(free_port) || return 1
			sed -i "s/\\b$p\\b/$free/g" "$dir"/*.sock
		done
	fi
	printf '%s\n' "$dir"
}

# isolated CMD...: CMD in its own namespace when there are namespaces.
isolated() {
	if [ $netns = yes ]; then
		in_netns "$@"
	else
		"$@"
	fi
}

# stderr_clean FILE WHAT: nothing in FILE but the shell's waiting lines (in
# English or Korean).
waiting='^  (waiting for |.*(대기 중|기다리는 중) \(Ctrl-C)'
stderr_clean() {
	if grep -vE "$waiting" "$1" | grep -q .; then
		fail "$2 wrote to stderr:
$(grep -vE "$waiting" "$1")"
	fi
}

# step_checks FILE OUT NAME: the narration and every command shown in OUT, a
# step run of FILE, with "step N of M".
step_checks() {
	local file=$1 out=$2 name=$3 n
	# Every comment line's words, behind "# " as in the file (one grep for all).
	sed -n 's/^[[:space:]]*#[[:space:]]\{0,1\}//p' "$file" | grep . | sed 's/^/# /' |
		sort -u > "$TMP/$name.told"
	grep -xF -f "$TMP/$name.told" "$out" | sort -u > "$TMP/$name.shown"
	comm -23 "$TMP/$name.told" "$TMP/$name.shown" > "$TMP/$name.unshown"
	[ -s "$TMP/$name.unshown" ] &&
		fail "$name in step mode did not show the narration:
$(cat "$TMP/$name.unshown")"
	# Every command put on the prompt ("> CMD") before it ran.
	commands "$file" | grep -v '^[[:space:]]*expect\b' | sed 's/^/> /' | sort -u > "$TMP/$name.cmds"
	grep -oF -f "$TMP/$name.cmds" "$out" | sort -u > "$TMP/$name.prompted"
	comm -23 "$TMP/$name.cmds" "$TMP/$name.prompted" > "$TMP/$name.unprompted"
	[ -s "$TMP/$name.unprompted" ] &&
		fail "$name in step mode did not put these on the prompt:
$(cat "$TMP/$name.unprompted")"
	n=$(commands "$file" | grep -vc '^[[:space:]]*expect\b')
	grep -qxE "  (step $n of $n|단계 $n/$n)" "$out" ||
		fail "$name in step mode did not count its $n steps: $(grep -m3 -E '^  (step|단계) ' "$out")"
}

# same_calls NAME OUT STEPOUT: the step run made the script run's calls.
same_calls() {
	# Addresses, ports and pids are the kernel's pick, run to run.
	local calls='^(\[pid [0-9]+\] )?[a-z0-9_]+\(.*\) = '
	local norm='s/0x[0-9a-f]+/ADDR/g; s/htons\([0-9]+\)/htons(PORT)/g; s/^\[pid [0-9]+\]/[pid PID]/; s/^((clone|wait4)\(.*\)) = [0-9]+/\1 = PID/'
	if ! diff <(grep -E "$calls" "$2" | sed -E "$norm") \
	    <(grep -E "$calls" "$3" | sed -E "$norm") > "$TMP/$1.calls.diff"; then
		fail "$1: step mode made other calls than the script run:
$(cat "$TMP/$1.calls.diff")"
	fi
}

# One lesson alone: as a script, then stepped.
run_one() {
	local lesson=$1 name=$2 lang=$3 dir file out="$TMP/$2.out" err="$TMP/$2.err"
	# A build without libpcap (./configure --without-pcap) has no trace: the
	# lessons that show packets say so in their first call, and cannot run.
	if [ "$pcap" = no ] && grep -q '^[[:space:]]*trace on' "$lesson"; then
		printf '%s: shows packets, and this build has no capture\n' "$name" >&2
		return
	fi
	if is_lab "$lesson"; then
		if [ $can_lab = no ]; then
			# No namespaces on this machine: said, not failed. Where they
			# are, a lab that cannot start is a failure.
			if [ $netns = yes ]; then
				fail "$name: the lab did not start: $(head -n 1 "$TMP/lab.probe")"
			else
				printf '%s: no lab here: %s\n' "$name" "$(head -n 1 "$TMP/lab.probe")" >&2
			fi
			return
		fi
		[ "$lang" = ko ] && lang=$lab_ko
		dir=$(runnable "$lesson") || { fail "$name: no free port"; return; }
		file=$dir/$(basename "$lesson")
		(cd "$dir" && lab --lang="$lang" "$file") > "$out" 2> "$err"
		expect_status 0 $? "$name in the lab"
		stderr_clean "$err" "$name"
		(cd "$dir" && yes "" | lab --lang="$lang" --step "$file") > "$out.step" 2> "$err.step"
		expect_status 0 $? "$name in the lab, in step mode"
	else
		dir=$(runnable "$lesson") || { fail "$name: no free port"; return; }
		file=$dir/$(basename "$lesson")
		(cd "$dir" && isolated env NO_COLOR=1 timeout "$HANG_LIMIT" "$SOCKSHELL" --lang="$lang" "$file") > "$out" 2> "$err"
		expect_status 0 $? "$name"
		stderr_clean "$err" "$name"
		dir=$(runnable "$lesson") || { fail "$name: no free port"; return; }
		file=$dir/$(basename "$lesson")
		(cd "$dir" && isolated sh -c 'yes "" | NO_COLOR=1 timeout "$HANG_LIMIT" "$0" --lang="$2" --step "$1"' \
			"$SOCKSHELL" "$file" "$lang") > "$out.step" 2> "$err.step"
		expect_status 0 $? "$name in step mode"
	fi
	stderr_clean "$err.step" "$name in step mode"
	grep -q '^socket' "$out" || fail "$name made no socket: $(head -n 5 "$out")"
	step_checks "$file" "$out.step" "$name"
	same_calls "$name" "$out" "$out.step"
}

# The two halves of a two-terminal lesson, side by side (STEP: "--step" or "").
pair_run() {
	local server=$1 client=$2 name=$3 step=$4 lang=$5 dir
	dir=$(runnable "$server" "$client") || { fail "$name: no free port"; return 1; }
	cat > "$dir/pair.sh" <<'EOS'
# pair.sh SHELL DIR SERVER CLIENT OUT STEP LANG: the server half, and once it waits
# in a call (it has said "waiting for"), the client half; both statuses.
sh=$1 dir=$2 out=$5 step=$6 lang=$7
cd "$dir" || exit 1
if [ -n "$step" ]; then
	yes "" | NO_COLOR=1 timeout "$HANG_LIMIT" "$sh" --lang="$lang" --step "$3" > "$out.s" 2> "$out.s.err" &
else
	NO_COLOR=1 timeout "$HANG_LIMIT" "$sh" --lang="$lang" "$3" > "$out.s" 2> "$out.s.err" &
fi
spid=$!
end=$((SECONDS + HANG_LIMIT))
until grep -qE '^  (waiting for |.*(대기 중|기다리는 중) \(Ctrl-C)' "$out.s.err" 2> /dev/null; do
	kill -0 "$spid" 2> /dev/null || break
	[ "$SECONDS" -lt "$end" ] || break
	sleep 0.05
done
if [ -n "$step" ]; then
	yes "" | NO_COLOR=1 timeout "$HANG_LIMIT" "$sh" --lang="$lang" --step "$4" > "$out.c" 2> "$out.c.err"
else
	NO_COLOR=1 timeout "$HANG_LIMIT" "$sh" --lang="$lang" "$4" > "$out.c" 2> "$out.c.err"
fi
crc=$?
wait "$spid"
echo "$? $crc" > "$out.rc"
EOS
	isolated bash "$dir/pair.sh" "$SOCKSHELL" "$dir" "$(basename "$server")" \
		"$(basename "$client")" "$TMP/$name$step.pair" "$step" "$lang"
	read -r src crc < "$TMP/$name$step.pair.rc"
	expect_status 0 "$src" "$name's server half${step:+ in step mode} (its output: $(tail -n 5 "$TMP/$name$step.pair.s"))"
	expect_status 0 "$crc" "$name's client half${step:+ in step mode} (its output: $(tail -n 5 "$TMP/$name$step.pair.c"))"
	stderr_clean "$TMP/$name$step.pair.s.err" "$name's server half"
	stderr_clean "$TMP/$name$step.pair.c.err" "$name's client half"
	if [ -n "$step" ]; then
		step_checks "$dir/$(basename "$server")" "$TMP/$name$step.pair.s" "$name-server"
		step_checks "$dir/$(basename "$client")" "$TMP/$name$step.pair.c" "$name-client"
	fi
}

for lesson in "${lessons[@]}"; do
	base=$(basename "$lesson" .sock)
	case $lesson in
	*/lessons/ko/*) lang=ko; name=ko-$base; rel=lessons/ko/$base.sock ;;
	*) lang=en; name=$base; rel=lessons/$base.sock ;;
	esac
	[ "$lang" = "$only" ] || continue

	# Shipped and installed: listed in Makefile.am.
	grep -qF "$rel" "$top_srcdir/Makefile.am" ||
		fail "$rel is not in Makefile.am's lessons"
	head -n 1 "$lesson" | grep -qE '^# (Lesson|레슨) [0-9]+: ' ||
		fail "$rel does not begin with its title: $(head -n 1 "$lesson")"

	# Twins: every lesson in both languages, with the same commands.
	if [ $lang = en ]; then
		twin=$top_srcdir/lessons/ko/$base.sock
		if [ ! -f "$twin" ]; then
			fail "$rel has no Korean twin lessons/ko/$base.sock"
		elif ! diff <(commands "$lesson") <(commands "$twin") > "$TMP/$base.twin.diff"; then
			fail "$rel and its Korean twin make other calls:
$(cat "$TMP/$base.twin.diff")"
		fi
	else
		[ -f "$top_srcdir/lessons/$base.sock" ] ||
			fail "$rel has no English twin lessons/$base.sock"
		LC_ALL=C.UTF-8 grep -qP '[\x{AC00}-\x{D7A3}]' "$lesson" || fail "$rel has no Korean in it"
	fi

	# A two-terminal lesson's halves: NAME-server.sock and NAME-client.sock.
	if [[ $base == *-client && -f ${lesson%-client.sock}-server.sock ]]; then
		continue	# run with its server half
	elif [[ $base == *-server && -f ${lesson%-server.sock}-client.sock ]]; then
		client=${lesson%-server.sock}-client.sock
		pair_run "$lesson" "$client" "$name" "" "$lang"
		pair_run "$lesson" "$client" "$name" "--step" "$lang"
	else
		run_one "$lesson" "$name" "$lang"
	fi
done

done_testing
