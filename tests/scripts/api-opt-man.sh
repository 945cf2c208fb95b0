# man: which page a command maps to (its call's: nonblock is fcntl(2),
# resolve getaddrinfo(3), ss ss(8)), what it says in a pipe (where the page
# is, no pager), when a page or man itself is missing (how to install it), and
# on a terminal the child man: no socket of the shell, no signal ignored.
# A stand-in `man` on PATH makes the answers certain; the real one is checked
# too when its pages are here.
. "$top_srcdir/tests/scripts/lib.sh"
need timeout

mkdir "$TMP/bin" "$TMP/empty"
cat > "$TMP/bin/man" <<'FAKE'
#!/bin/sh
# man -w [SECTION] NAME: where the page is; other pages missing, status 16.
if [ "$1" = -w ]; then
	shift
	case "$*" in
	"2 bind") page=man2/bind.2 ;;
	"2 fcntl") page=man2/fcntl.2 ;;
	"2 recvfrom") page=man2/recv.2 ;;
	"2 setsockopt") page=man2/getsockopt.2 ;;
	"3 getaddrinfo") page=man3/getaddrinfo.3 ;;
	"8 ss") page=man8/ss.8 ;;
	"7 tcp"|"tcp") page=man7/tcp.7 ;;
	*) echo "No manual entry for $*" >&2; exit 16 ;;
	esac
	echo "/usr/share/man/$page.gz"
	exit 0
fi
echo "fake man: $*"
n=0
for f in /proc/$$/fd/*; do
	case "$(readlink "$f")" in socket:*) n=$((n + 1)) ;; esac
done
echo "sockets: $n"
exec grep -E '^SigIgn' /proc/self/status
FAKE
chmod +x "$TMP/bin/man"

# fake_shell ARGS...: the shell with the stand-in man first on PATH.
fake_shell() {
	PATH="$TMP/bin:$PATH" NO_COLOR=1 timeout "$HANG_LIMIT" "$SOCKSHELL" "$@"
}

# ---- in a pipe: the page's location, one note line each ----
fake_shell -c 'man bind; man nonblock; man recvfrom; man resolve; man ss; man 7 tcp; man tcp; man setsockopt' > "$TMP/pipe.out" 2> "$TMP/pipe.err"
expect_status 0 $? "man in a pipe"
[ -s "$TMP/pipe.err" ] && fail "stderr: $(cat "$TMP/pipe.err")"
expect_lines_n "$TMP/pipe.out" 8 "one line per man"
expect_line "$TMP/pipe.out" "  man 2 bind: /usr/share/man/man2/bind.2.gz (not shown: stdout is not a terminal)"
expect_line "$TMP/pipe.out" "  man 2 fcntl: /usr/share/man/man2/fcntl.2.gz"
# recvfrom and resolve come with the data commands; when they are in the table:
if "$SOCKSHELL" --list-commands | cut -f1 | grep -qx recvfrom; then
	expect_line "$TMP/pipe.out" "  man 2 recvfrom: /usr/share/man/man2/recv.2.gz"
fi
if "$SOCKSHELL" --list-commands | cut -f1 | grep -qx resolve; then
	expect_line "$TMP/pipe.out" "  man 3 getaddrinfo: /usr/share/man/man3/getaddrinfo.3.gz"
fi
expect_line "$TMP/pipe.out" "  man 8 ss: /usr/share/man/man8/ss.8.gz"
expect_line "$TMP/pipe.out" "  man 7 tcp: /usr/share/man/man7/tcp.7.gz"
expect_line "$TMP/pipe.out" "  man tcp: /usr/share/man/man7/tcp.7.gz"
expect_line "$TMP/pipe.out" "  man 2 setsockopt: /usr/share/man/man2/getsockopt.2.gz"

# ---- missing pages, by section; a missing man ----
fake_shell -c 'man listen; man fds; man 7 udp; man 3 nosuch; man nosuchcmd' > "$TMP/miss.out" 2> "$TMP/miss.err"
expect_status 0 $? "missing pages"
expect_line "$TMP/miss.out" "  no manual page listen(2) here; the pages of sections 2 and 3 come with manpages-dev (apt-get install manpages-dev)"
expect_line "$TMP/miss.out" "  no manual page sockshell(1) here; \`make install\` puts sockshell's own page there"
expect_line "$TMP/miss.out" "  no manual page udp(7) here; the pages of section 7 come with manpages (apt-get install manpages)"
expect_line "$TMP/miss.out" "  no manual page nosuch(3) here; the pages of sections 2 and 3 come with manpages-dev"
expect_line "$TMP/miss.out" "  no manual page nosuchcmd here, and no command of this shell is called so (\`help\` lists them)"
PATH="$TMP/empty" NO_COLOR=1 "$SOCKSHELL" -c 'man bind' > "$TMP/noman.out" 2>&1
expect_status 0 $? "no man"
expect_line "$TMP/noman.out" "  man is not installed here: apt-get install man-db manpages-dev (Debian, Ubuntu), then \`man bind\`"

# ---- bad input: one line, and the shell goes on ----
fake_shell -c 'man; man -k; man s; man 0 bind; man a b c; man bind' > "$TMP/bad.out" 2> "$TMP/bad.err"
expect_status 1 $? "bad man input"
expect_lines_n "$TMP/bad.err" 5 "one line per bad command"
expect_line "$TMP/bad.err" "sockshell: man: missing argument (usage: man CMD)"
expect_line "$TMP/bad.err" "sockshell: man: not a page name: -k"
expect_line "$TMP/bad.err" "sockshell: man: ambiguous command: s, could be: "
expect_line "$TMP/bad.err" "sockshell: man: not a section: 0 (1 to 9)"
expect_line "$TMP/bad.err" "sockshell: man: too many arguments"
expect_line "$TMP/bad.out" "  man 2 bind: "

# ---- on a terminal: man runs, with none of the shell's sockets ----
if command -v script >/dev/null 2>&1; then
	printf 'socket stream\nsocket dgram\nman 7 tcp\nfds\n' > "$TMP/tty.sock"
	PATH="$TMP/bin:$PATH" NO_COLOR=1 timeout "$HANG_LIMIT" script -qec "$SOCKSHELL --color=never $TMP/tty.sock" /dev/null < /dev/null > "$TMP/tty.out" 2>&1
	expect_status 0 $? "man on a terminal"
	tr -d '\r' < "$TMP/tty.out" > "$TMP/tty.txt"
	expect_line "$TMP/tty.txt" "fake man: 7 tcp"
	expect_line "$TMP/tty.txt" "sockets: 0"
	# None of the signals the shell ignores or catches stays ignored: SIGHUP 1,
	# SIGINT 2, SIGQUIT 3, SIGPIPE 13, SIGTERM 15 (bit N-1 of SigIgn).
	ign=$(sed -n 's/^SigIgn:[[:space:]]*//p' "$TMP/tty.txt")
	[ -n "$ign" ] && [ $((0x$ign & 0x5007)) -eq 0 ] || fail "man inherited ignored signals: SigIgn $ign"
	# the shell goes on with its descriptors
	grep -qE '^  \* 4 +inet dgram' "$TMP/tty.txt" || fail "fds after man: $(cat "$TMP/tty.txt")"
fi

# ---- the real man, when its pages are here ----
if command -v man >/dev/null 2>&1 && where=$(man -w 2 bind 2>/dev/null) && [ -n "$where" ]; then
	NO_COLOR=1 "$SOCKSHELL" -c 'man bind' > "$TMP/real.out" 2>&1
	expect_line "$TMP/real.out" "  man 2 bind: $where (not shown: stdout is not a terminal)"
fi
done_testing
