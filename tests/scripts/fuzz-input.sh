# Robustness (DESIGN sections 4 and 8): a storm of a few thousand hostile
# lines, made from a fixed seed, fed to the shell on a pipe against a
# listener, a connected pair, a UDP and a unix datagram socket opened first.
# Command names (whole, cut to a prefix, or mangled) from --list-commands with
# hostile words: fdN with huge N, negative and 20-digit numbers, empty quotes,
# quotes with every escape form (and bad ones), unterminated quotes, lone
# backslashes, runs of `;`, `#`, very long words and lines, bytes 0x01-0x1f
# and 0x80-0xff, NUL, UTF-8 Korean text. The shell must end normally (status 0
# or 1: no signal, no timeout), print no control byte but the newline and no
# 0x7f, print bytes >= 0x80 only where the user typed them (never on a call
# line), make no sanitizer report (run with SOCKSHELL set to a sanitizer build
# to get one), and keep the five sockets of the start in its table.
#
# Nothing may block: the calls that can wait (accept, accept4, connect, read, recv,
# recvfrom, recvmsg, sendmsg) always name one of the five sockets, all made non-blocking first,
# or a descriptor the shell does not hold; nonblock is never given `off`;
# poll and select always end with a timeout of a few ms; sleep gets no number above a
# millisecond; close never names the five; quit and lesson NAME are not typed.
# Hosts are numeric addresses, unless the port next to them is refused first,
# so no lookup goes to DNS (not even localhost: /etc/hosts may lack ::1).
#
# FUZZ_SEED and FUZZ_LINES change the storm (the defaults are what make check
# runs); a failure prints the seed, and the input is kept when FUZZ_KEEP is set.
. "$top_srcdir/tests/scripts/lib.sh"
need timeout

SEED=${FUZZ_SEED:-20240917}
LINES_N=${FUZZ_LINES:-2500}
export LC_ALL=C

# ---- the pieces the generator draws from ----

# Every byte but NUL as a one-character string: B[i].
declare -a B
for ((i = 1; i < 256; i++)); do
	printf -v oct '%03o' "$i"
	printf -v "B[$i]" "\\$oct"
done

KOREAN=($'\xec\x95\x88\xeb\x85\x95\xed\x95\x98\xec\x84\xb8\xec\x9a\x94' \
	$'\xec\x86\x8c\xec\xbc\x93' $'\xed\x85\x8d\xec\x8a\xa4\xed\x8a\xb8')

# Command names from the shell itself; quit/exit, a failed expect and lesson
# NAME would end or redirect the storm, so they are not typed (lesson alone
# only lists); nor fork, whose child would run on beside the storm, nor wait,
# which waits for it (api-fork.sh gives them bad input).
ALL_NAMES=()
# (awk, not read: IFS would merge the empty alias field.)
while read -r name; do
	ALL_NAMES+=("$name")
done < <(sockshell --list-commands | awk -F '\t' '{ print $1; if ($2 != "") print $2 }')
[ "${#ALL_NAMES[@]}" -ge 20 ] || fail "--list-commands gave only ${#ALL_NAMES[@]} names"
FORBIDDEN=" quit exit expect fork wait "
NAMES=()
for n in "${ALL_NAMES[@]}"; do
	case "$FORBIDDEN" in *" $n "*) continue ;; esac
	NAMES+=("$n")
done
# Names whose prefix must not be typed alone: it could mean these.
NO_PREFIX=(close quit exit lesson expect fork wait)

# Descriptors: the five of the start (non-blocking), and ones never held
# (the storm makes sockets of its own, from 8 up: none of those).
SAFE_FD=(fd3 fd4 fd5 fd6 fd7 fd03 fd0 fd1 fd2 fd99999 fd1000000 fd1000001 fd10000000)
HUGE_FD=(fd99999999999999999999 fd100000000 fd4294967299 fd-1 fd fd+4 fdx fd3x FD3 fd04:in)
NUMBERS=(0 -0 -1 +1 1 7 4096 65535 65536 99999 2147483647 2147483648 -2147483649
	4294967296 18446744073709551615 99999999999999999999 -99999999999999999999
	1e9 0x10 007 00000000000000000000001 1048576 1048577 9223372036854775808)
GOOD_PORTS=(0 1 9 65535 00009)
BAD_PORTS=(65536 99999 -1 99999999999999999999 abc 0x10 +80 1e3 8o80 "\"\"" "\"80\"")
# Hosts that never ask DNS: numeric, bracketed or not.
SAFE_HOSTS=(127.0.0.1 ::1 "[::1]" 0.0.0.0 127.1 0x7f.1 1.2.3.4
	::ffff:127.0.0.1 "[127.0.0.1]" 255.255.255.255 ::)
KEYWORDS=(inet inet6 unix stream dgram tcp udp rd wr rdwr on off ON 1 0
	reuseaddr reuseport keepalive nodelay rcvbuf sndbuf linger rcvtimeo sndtimeo
	broadcast v6only error type acceptconn bogus
	peek dontwait waitall oob trunc nosignal more "peek|dontwait" "dontwait|nosignal"
	"|" "peek|" "|peek" strsize notify ok EAGAIN EADDRINUSE ENOSUCH = "=" -x -xx -q -X -)
# Escapes inside quotes, each with the bytes it stands for (for the check of
# the bytes >= 0x80 in the output); the bad ones make the whole line an error.
ESC_IN=('\n' '\t' '\r' '\\' '\"' "\\'" '\a' '\b' '\f' '\v' '\e' '\?' '\0' '\00' '\000'
	'\x0' '\x41' '\x7f' '\x80' '\xff' '\xFf' '\xc2\x9b' '\x1b[2J' '\377' '\200'
	'\033]0;title\007' '\1' '\12' '\177' '\101')
ESC_OUT=(' ' ' ' ' ' '\' '"' "'" ' ' ' ' ' ' ' ' ' ' '?' ' ' ' ' ' ' ' ' 'A' ' '
	"${B[128]}" "${B[255]}" "${B[255]}" "${B[194]}${B[155]}" ' [2J' "${B[255]}"
	"${B[128]}" ' ]0;title ' ' ' ' ' ' ' 'A')
BAD_ESC=('\q' '\x' '\xZZ' '\400' '\777' '\'"${B[1]}" '\'"${B[200]}" '\u1234' '\8')

# ---- the generator: each function leaves its result in W (and D) ----

# rnd N: R = 0..N-1
rnd() { R=$((RANDOM % $1)); }
# from ARRAY: W = one element
from() {
	local -n a=$1
	W=${a[RANDOM % ${#a[@]}]}
}

# junk_byte: W = one byte that splits no line and opens no quote or comment.
junk_byte() {
	local b
	while :; do
		rnd 4
		case $R in
		0) b=$((1 + RANDOM % 31)) ;;
		1) b=$((128 + RANDOM % 128)) ;;
		2) b=127 ;;
		*) b=$((33 + RANDOM % 94)) ;;
		esac
		case $b in 10 | 34 | 35 | 47 | 59) continue ;; esac
		break
	done
	W=${B[$b]}
}

# quoted: W = a quoted string, D = its bytes (high ones kept, others blanks).
quoted() {
	local q='"' d='' n i
	rnd 6
	n=$R
	[ $((RANDOM % 5)) = 0 ] && n=$((RANDOM % 40))
	for ((i = 0; i < n; i++)); do
		rnd 10
		case $R in
		0 | 1 | 2)
			rnd ${#ESC_IN[@]}
			q+=${ESC_IN[R]}
			d+=${ESC_OUT[R]}
			;;
		3) from KOREAN; q+=$W; d+=$W ;;
		4) q+=';'; d+=' ' ;;
		5) q+='#'; d+=' ' ;;
		6)
			junk_byte
			[ "$W" = '\' ] && W='\\'
			q+=$W
			d+=$W
			;;
		*) q+=abc; d+=abc ;;
		esac
	done
	# Now and then a bad escape: the line is refused whole.
	[ $((RANDOM % 25)) = 0 ] && { from BAD_ESC; q+=$W; }
	W="$q\""
	D=$d
}

# bare: W = a word with no quote, `;` or leading `#`; D = its bytes.
bare() {
	local w='' n i
	rnd 12
	case $R in
	0) from NUMBERS ;;
	1) from HUGE_FD ;;
	2) from SAFE_FD ;;
	3) from KOREAN ;;
	4) W='\' ;;
	5) W='\\' ;;
	6)
		n=$((1 + RANDOM % 8))
		for ((i = 0; i < n; i++)); do junk_byte; w+=$W; done
		W=$w
		;;
	7)	# a very long word; sometimes past the line limit
		rnd 3
		case $R in
		0) n=300 ;;
		1) n=2000 ;;
		*) n=5000 ;;
		esac
		printf -v w '%*s' "$n" ''
		W=${w// /A}
		;;
	8) W="a#b${B[200]}" ;;
	9) W='\n\x41\t\' ;;
	*) from KEYWORDS ;;
	esac
	D=$W
}

# word: W = any hostile word.
word() {
	rnd 10
	case $R in
	0 | 1 | 2) quoted ;;
	3) W='""'; D='' ;;
	*) bare ;;
	esac
	CORPUS+=$D$'\n'
}

# nonword: W = a word that is not a port and makes no lookup.
nonword() {
	word
	case $W in [0-9]*) W="x$W" ;; esac
}

# words N: A = N hostile words, space separated.
words() {
	local i
	A=''
	for ((i = 0; i < $1; i++)); do word; A+=" $W"; done
}

# hostport: A = "HOST PORT" that makes no DNS lookup.
hostport() {
	rnd 5
	if [ $R = 0 ]; then
		nonword
		A=" $W"
		from BAD_PORTS
		A+=" $W"
	else
		from SAFE_HOSTS
		A=" $W"
		rnd 3
		if [ $R = 0 ]; then from BAD_PORTS; else from GOOD_PORTS; fi
		A+=" $W"
	fi
}

# name INTENDED: W = the name as typed: whole, a prefix, or mangled.
name() {
	local n=$1 p len bad
	rnd 10
	case $R in
	0 | 1)	# a prefix of it; never one that could mean close, quit or lesson
		len=$((1 + RANDOM % ${#n}))
		p=${n:0:len}
		for bad in "${NO_PREFIX[@]}"; do
			[ "$bad" != "$n" ] && [ "${bad#"$p"}" != "$bad" ] && p=$n
		done
		W=$p
		;;
	2)	# mangled: never a name
		rnd 4
		case $R in
		0) W=${n^^} ;;
		1) W="$n${B[$((128 + RANDOM % 128))]}" ;;
		2) W="${B[$((1 + RANDOM % 8))]}$n" ;;
		*) W="${n}_" ;;
		esac
		;;
	*) W=$n ;;
	esac
}

# command: C = one command with its arguments.
command() {
	local n i opts
	from NAMES
	n=$W
	name "$n"
	C=$W
	case $n in
	accept | accept4 | read | recv | recvfrom | recvmsg | sendmsg | connect)
		# These can wait: always a named descriptor, one of the five
		# (non-blocking) or one not held; a flag before it sometimes.
		[ $((RANDOM % 4)) = 0 ] && C+=" -x"
		from SAFE_FD
		C+=" $W"
		case $n in
		connect)
			rnd 4
			case $R in
			0) words 1; C+=$A ;;
			1) words $((RANDOM % 4)); C+=$A ;;
			*) hostport; C+=$A ;;
			esac
			;;
		accept) words $((RANDOM % 2)); C+=$A ;;
		*)
			rnd 3
			case $R in
			0) from NUMBERS; C+=" $W" ;;
			1) from COUNTS; C+=" $W" ;;
			esac
			[ $((RANDOM % 3)) = 0 ] && { from RFLAGS; C+=" $W"; }
			[ $((RANDOM % 3)) = 0 ] && { words $((RANDOM % 3)); C+=$A; }
			;;
		esac
		;;
	poll | select)
		# Descriptors, then a timeout of a few ms, always last.
		for ((i = RANDOM % 4; i > 0; i--)); do
			rnd 4
			case $R in
			0) from SAFE_FD; C+=" $W" ;;
			1) from SAFE_FD; C+=" $W:out" ;;
			2) from SAFE_FD; C+=" $W:inout" ;;
			*) from HUGE_FD; C+=" $W:in" ;;
			esac
		done
		rnd 8
		case $R in
		0)	# not a number, and not fdN either (that would be polled)
			nonword
			case $W in fd*) W="x$W" ;; esac
			C+=" $W"
			;;
		1) C+=' "0"' ;;
		*) opts=(0 1 2 00 +1 -0); C+=" ${opts[RANDOM % 6]}" ;;
		esac
		;;
	sleep)
		opts=(0 0.0001 -1 -0.5 3601 1e99 nan inf -inf 0x0 x 99999999999999999999 '""' '"0"' 1e-4)
		C+=" ${opts[RANDOM % ${#opts[@]}]}"
		;;
	nonblock)
		# Never off: a socket of the start must not block again.
		[ $((RANDOM % 2)) = 0 ] && { from SAFE_FD; C+=" $W"; }
		opts=(on ON oN '"on"' "" '""' of onn 1 0 "on on")
		C+=" ${opts[RANDOM % ${#opts[@]}]}"
		;;
	close)
		# A descriptor not held, or too many words: never one of the five.
		rnd 3
		if [ $R = 0 ]; then
			words $((2 + RANDOM % 2))
			C+=" fd9$A"
		else
			word
			case $W in
			fd0[3-7] | fd[3-7] | [3-7] | 0*[3-7] | +[3-7] | fd | "") W=fd99 ;;
			esac
			C+=" $W"
		fi
		;;
	lesson) ;;
	bind)
		[ $((RANDOM % 2)) = 0 ] && { from SAFE_FD; C+=" $W"; }
		rnd 3
		case $R in
		0) nonword; C+=" $W" ;;
		1) from NUMBERS; C+=" $W" ;;
		*) hostport; C+=$A ;;
		esac
		;;
	sendto)
		[ $((RANDOM % 2)) = 0 ] && { from SAFE_FD; C+=" $W"; }
		rnd 3
		if [ $R = 0 ]; then nonword; C+=" $W"; else hostport; C+=$A; fi
		words $((RANDOM % 3))
		C+=$A
		;;
	resolve)
		from SAFE_HOSTS
		C+=" $W"
		rnd 3
		case $R in
		0) ;;
		1) from BAD_PORTS; C+=" $W" ;;
		*) nonword; C+=" $W" ;;
		esac
		;;
	man)
		# man runs man(1): seldom, and with a plain name mostly.
		rnd 3
		if [ $R = 0 ]; then words 1; C+=$A; else from NAMES; C+=" $W"; fi
		;;
	set)
		opts=(strsize notify bogus "" strsize strsize)
		C+=" ${opts[RANDOM % ${#opts[@]}]}"
		rnd 2
		if [ $R = 0 ]; then from NUMBERS; else words 1; W=${A# }; fi
		C+=" $W"
		;;
	*)
		# Everything else: half the time as it should be typed (with
		# hostile data), else maybe a descriptor, then hostile words.
		[ $((RANDOM % 2)) = 0 ] && wellformed "$n" && return
		rnd 4
		case $R in
		0) from SAFE_FD; C+=" $W" ;;
		1) from HUGE_FD; C+=" $W" ;;
		esac
		words $((RANDOM % 5))
		C+=$A
		;;
	esac
}

COUNTS=(1 2 5 16 100 4096 65536 1048576)
RFLAGS=(peek dontwait waitall oob trunc "peek|dontwait" "trunc|peek" "waitall|dontwait" 0 "")
SFLAGS=(dontwait nosignal more oob "dontwait|nosignal" "more|oob" 0 "")
OPTS=(reuseaddr reuseport keepalive nodelay rcvbuf sndbuf linger rcvtimeo sndtimeo
	broadcast v6only error type acceptconn)
OPTVALS=(0 1 on off -1 2147483647 4294967296 99999999999999999999 "on 0" "on 5"
	"on -1" "on 99999999999999999999" off 500 0.5 "" '""')
ERRNAMES=(ok EAGAIN EADDRINUSE EINPROGRESS EISCONN ENOTCONN EPIPE EBADF ENOSUCH eagain)

# wellformed NAME: C += arguments in the shape NAME takes, data hostile.
# Returns 1 for a name it has no shape for.
wellformed() {
	[ $((RANDOM % 2)) = 0 ] && case $1 in
	listen | write | send | shutdown | getsockname | getpeername | setsockopt | getsockopt | use)
		from SAFE_FD
		C+=" $W"
		;;
	esac
	case $1 in
	socket)
		W=(inet inet6 unix "")
		C+=" ${W[RANDOM % 4]}"
		W=(stream dgram tcp udp)
		C+=" ${W[RANDOM % 4]}"
		;;
	listen) [ $((RANDOM % 2)) = 0 ] && { from NUMBERS; C+=" $W"; } ;;
	write | echo) words $((1 + RANDOM % 4)); C+=$A ;;
	send) words 1; C+=$A; from SFLAGS; C+=" $W" ;;
	shutdown) W=(rd wr rdwr RD both); C+=" ${W[RANDOM % 5]}" ;;
	getsockname | getpeername | fds | ss | netstat | lesson) ;;
	setsockopt) from OPTS; C+=" $W"; from OPTVALS; C+=" $W" ;;
	getsockopt) from OPTS; C+=" $W" ;;
	use) from SAFE_FD; C+=" ${W#fd}" ;;
	expect)
		rnd 3
		case $R in
		0) from ERRNAMES; C+=" $W" ;;
		1) from NUMBERS; C+=" = $W" ;;
		*) quoted; C+=" $W"; CORPUS+=$D$'\n' ;;
		esac
		;;
	help) from NAMES; C+=" $W" ;;
	unlink) nonword; C+=" $W" ;;
	*) return 1 ;;
	esac
	return 0
}

SEPS=(';' ' ; ' ';;' ' ;;; ' ";${B[9]}" '; ;')

# line: L = one storm line.
line() {
	local k
	rnd 100
	if [ $R -lt 84 ]; then
		L=''
		[ $((RANDOM % 15)) = 0 ] && L=';'
		for ((k = 1 + RANDOM % 3; k > 0; k--)); do
			command
			man_guard
			L+=$C
			[ $k -gt 1 ] && { from SEPS; L+=$W; }
		done
		[ $((RANDOM % 10)) = 0 ] && { from SEPS; L+=$W; }
		[ $((RANDOM % 12)) = 0 ] && { junk_byte; L+=" # comment \"; read $W"; }
		return
	fi
	case $R in
	84) L='' ;;
	85) L=';;;;' ;;
	86) L="   ${B[9]}  " ;;
	87) L='# a comment; read fd4 "x' ;;
	88) L='\' ;;
	89) L='echo \' ;;
	90) L='write fd4 "abc' ;;
	91) L='echo "unterminated \"' ;;
	92) L="socket stream${B[1]}" ;;
	93)	# over the line limit: refused whole
		printf -v L '%*s' 5000 ''
		L="socket stream; echo ${L// /B}"
		;;
	94) L="${B[$((128 + RANDOM % 128))]}${B[$((1 + RANDOM % 8))]}${KOREAN[0]}" ;;
	95) L="${KOREAN[1]} ${KOREAN[2]}" ;;
	96) L="socket; ${B[27]}[2J" ;;
	*)
		junk_byte
		L="${B[$((128 + RANDOM % 128))]}$W"
		for ((k = RANDOM % 30; k > 0; k--)); do junk_byte; L+=$W; done
		;;
	esac
}

# At most a few man(1) runs in a storm: each one forks man.
MAN_LEFT=8
man_guard() {
	case $C in
	man\ * | ma\ * | m\ *)
		if [ $MAN_LEFT -gt 0 ]; then MAN_LEFT=$((MAN_LEFT - 1)); else C='echo no more man'; fi
		;;
	esac
}

# ---- the run ----

PORT=$(free_port tcp)
[ -n "$PORT" ] || skip "no free port on loopback"
mkdir "$TMP/run"	# cwd of the run: bind PATH and unlink PATH land here

RANDOM=$SEED
CORPUS=''
{
	# The sockets of the start: 3 listener, 4 and 5 a connected pair,
	# 6 UDP, 7 unix datagram. All non-blocking; data waiting on 4 and 7.
	printf '%s\n' 'socket stream' "bind 127.0.0.1 $PORT" 'listen 5' \
		'socket stream' "connect 127.0.0.1 $PORT" 'accept fd3' \
		'socket udp' 'bind 127.0.0.1 0' 'socket unix dgram' 'bind start.sock' \
		'nonblock fd3 on' 'nonblock fd4 on' 'nonblock fd5 on' \
		'nonblock fd6 on' 'nonblock fd7 on' \
		'write fd5 "hello\r\n\0\377"' 'sendto fd7 start.sock "dgram\x1b"' \
		'echo FUZZ-START'
	for ((ln = 0; ln < LINES_N; ln++)); do
		line
		if [ $((ln % 2)) = 0 ] && [ ${#L} -gt 0 ] && [ $((RANDOM % 50)) = 0 ]; then
			# A NUL in the line: refused whole.
			printf '%s\0%s\n' "$L" 'read fd4'
		else
			printf '%s\n' "$L"
		fi
	done
	printf '%s\n' 'echo FUZZ-END' 'fds'
} > "$TMP/storm.in"
printf '%s' "$CORPUS" > "$TMP/corpus"
cat "$TMP/storm.in" >> "$TMP/corpus"

# How long the storm takes is no business of the test (a sanitizer build on a
# busy machine is many times slower); HANG_LIMIT only ends one that blocks.
start=$SECONDS
(cd "$TMP/run" && sockshell_t) < "$TMP/storm.in" > "$TMP/out" 2> "$TMP/err"
st=$?
printf '%s: the storm took %d s\n' "$TEST_NAME" $((SECONDS - start))
[ -n "${FUZZ_KEEP:-}" ] && cp "$TMP/storm.in" "$TMP/out" "$TMP/err" "$FUZZ_KEEP/"

what="storm of seed $SEED ($LINES_N lines)"
case $st in
0 | 1) ;;
124) fail "$what: still running after $HANG_LIMIT s (blocked?); last lines: $(tail -n 3 "$TMP/out")" ;;
*) fail "$what: exit status $st (a signal is 128+N); stderr ends: $(tail -n 5 "$TMP/err")" ;;
esac

# The sockets of the start were made as planned.
grep -qx 'accept(3, .*) = 5' "$TMP/out" || fail "$what: the setup made no connected pair: $(head -n 20 "$TMP/out")"
expect_line "$TMP/out" "  FUZZ-START"

# No sanitizer report.
SAN='AddressSanitizer|LeakSanitizer|UndefinedBehaviorSanitizer|MemorySanitizer|runtime error:'
if grep -qaE "$SAN" "$TMP/err"; then
	fail "$what: sanitizer report:
$(grep -aE -B 2 -A 25 -m 1 "$SAN" "$TMP/err" | cut -c 1-300)"
fi

# No control byte but the newline, no DEL, on either stream.
CTRL=$(printf '[\001-\011\013-\037\177]')
HIGH=$(printf '[\200-\377]')
for f in out err; do
	n=$(tr -d '\n\040-\176\200-\377' < "$TMP/$f" | wc -c)
	[ "$n" -eq 0 ] || fail "$what: $n control byte(s) on std$f, as in:
$(grep -na -e "$CTRL" "$TMP/$f" | head -n 3 | cat -v)"
done

# Bytes >= 0x80: never on a call line (data is quoted in octal there) nor in
# a hexdump; on the shell's own lines and in errors only as typed: each run
# of them is in the input (or in what a quoted string of it stands for).
grep -a -v '^ ' "$TMP/out" | grep -na -e "$HIGH" > "$TMP/high" &&
	fail "$what: a call line holds raw bytes >= 0x80: $(head -n 3 "$TMP/high" | cat -v)"
grep -a '^ | ' "$TMP/out" | grep -na -e "$HIGH" > "$TMP/high" &&
	fail "$what: a hexdump line holds raw bytes >= 0x80: $(head -n 3 "$TMP/high" | cat -v)"
cat "$TMP/out" "$TMP/err" | grep -ao -e "$HIGH$HIGH*" | sort -u > "$TMP/runs"
awk -v corpus="$TMP/corpus" '
	BEGIN { while ((getline l < corpus) > 0) all = all "\n" l }
	index(all, $0) == 0 { print; bad++ }
	END { exit bad > 0 }' "$TMP/runs" > "$TMP/strange" ||
	fail "$what: bytes >= 0x80 nobody typed: $(head -n 3 "$TMP/strange" | od -An -tx1 | head -n 4)"

# After the storm: the five sockets of the start are still in the table, and
# the end of input closes each of them.
sed -n '/^  FUZZ-END$/,$p' "$TMP/out" | squeeze > "$TMP/tail"
if [ ! -s "$TMP/tail" ]; then
	fail "$what: the storm never reached its end; stdout ends: $(tail -n 5 "$TMP/out" | cat -v)"
	done_testing
fi
for want in '3 inet stream' '4 inet stream' '5 inet stream' '6 inet dgram' '7 unix dgram'; do
	grep -qE "^(\* )?$want " "$TMP/tail" ||
		fail "$what: fds after the storm lacks \"$want\": $(cat "$TMP/tail")"
done
for fd in 3 4 5 6 7; do
	grep -qx "close($fd) = 0" "$TMP/tail" ||
		fail "$what: end of input did not close fd$fd: $(tail -n 12 "$TMP/tail")"
done

[ "$FAILS" -eq 0 ] || printf '%s: reproduce with FUZZ_SEED=%s FUZZ_LINES=%s FUZZ_KEEP=DIR\n' \
	"$TEST_NAME" "$SEED" "$LINES_N" >&2
done_testing
