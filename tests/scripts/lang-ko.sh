# The shell in Korean: under ko_KR.UTF-8 (or LANGUAGE=ko, --lang=ko, set lang ko)
# its own words are Korean (hints with the C library's Korean text for the
# error, refusals, help), while every call line is byte for byte the one the
# C locale prints; set lang switches both ways in one session.
. "$top_srcdir/tests/scripts/lib.sh"

ko=$(locale -a 2>/dev/null | grep -i -m1 '^ko_KR\.utf-\?8$')
[ -n "$ko" ] || skip "the ko_KR.UTF-8 locale is not generated (locale-gen ko_KR.UTF-8)"
unset LC_ALL LANGUAGE LC_MESSAGES

# hangul FILE WHAT: FILE has Korean text (Hangul syllables).
hangul() {
	LC_ALL=C.UTF-8 grep -qP '[\x{AC00}-\x{D7A3}]' "$1" || fail "$2: no Korean in: $(cat "$1")"
}
# no_hangul FILE WHAT
no_hangul() {
	if LC_ALL=C.UTF-8 grep -qP '[\x{AC00}-\x{D7A3}]' "$1"; then fail "$2: Korean in: $(cat "$1")"; fi
}
# calls FILE: its call lines (not indented, not the shell's own errors), the
# client's ephemeral port in accept's line made P (the kernel picks another each run).
calls() {
	grep -v -e '^ ' -e '^sockshell:' -e '^\[' "$1" |
		sed '/^accept(/s/sin_port=htons([0-9]*)/sin_port=htons(P)/'
}

port=$(free_port) || fail "no free port"
refused=$(free_port) || fail "no free port"

# One session a learner might type: a server and a client, data both ways,
# Korean data, a refused connect, a bad command and help.
cat > "$TMP/s.sock" <<EOS
socket stream
bind 127.0.0.1 $port
listen 5
socket stream
connect 127.0.0.1 $port
accept fd3
write fd4 "안녕"
read fd5
close fd4
read fd5
socket stream
connect 127.0.0.1 $refused
bind 127.0.0.1 $port
EOS
LANG=C sockshell -k "$TMP/s.sock" > "$TMP/c.out" 2> "$TMP/c.err"
LANG=$ko sockshell -k "$TMP/s.sock" > "$TMP/ko.out" 2> "$TMP/ko.err"

# Call lines: the same bytes in both languages, and as many.
calls "$TMP/c.out" > "$TMP/c.calls"
calls "$TMP/ko.out" > "$TMP/ko.calls"
[ "$(wc -l < "$TMP/c.calls")" -ge 12 ] || fail "too few call lines: $(cat "$TMP/c.out")"
cmp -s "$TMP/c.calls" "$TMP/ko.calls" ||
	fail "call lines differ between C and Korean: $(diff "$TMP/c.calls" "$TMP/ko.calls")"
expect_line "$TMP/ko.out" '= -1 ECONNREFUSED (Connection refused)' "strace's own errno text in Korean"
expect_line "$TMP/ko.out" 'write(4, "\354\225\210\353\205\225", 6) = 6' "the call line's octal"

# The words: English under C, Korean under ko_KR.UTF-8.
no_hangul "$TMP/c.out" "the C locale's notes"
grep '^  ' "$TMP/ko.out" > "$TMP/ko.words"
hangul "$TMP/ko.words" "notes and hints in Korean"
expect_line "$TMP/ko.out" '연결이 거부됨' "the C library's Korean text for ECONNREFUSED"
expect_line "$TMP/ko.out" '주소가 이미 사용 중입니다' "the C library's Korean text for EADDRINUSE"
# The data view: valid UTF-8 shows as itself under the call line.
expect_line "$TMP/ko.out" ' | 안녕' "the data view shows Korean as Korean"

# A bad command, in Korean, naming what was typed.
LANG=$ko sockshell -c 'sokcet stream' > "$TMP/bad.out" 2> "$TMP/bad.err"
expect_status 1 $? "a refused command"
hangul "$TMP/bad.err" "the refusal of a bad command"
expect_line "$TMP/bad.err" 'sokcet' "the refusal names the word"
expect_line "$TMP/bad.err" 'socket' "the refusal names the nearest command"

# help, the list and one command, in Korean.
LANG=$ko sockshell -c 'help' > "$TMP/help.out" 2>&1
hangul "$TMP/help.out" "help"
expect_line "$TMP/help.out" 'socket [inet|inet6|unix]' "help keeps the commands' usage"
LANG=$ko sockshell -c 'help bind' > "$TMP/hbind.out" 2>&1
hangul "$TMP/hbind.out" "help bind"
expect_line "$TMP/hbind.out" 'bind [fdN]' "help bind keeps the usage"

# LANGUAGE is honoured, and --lang=ko needs no locale at all.
LANG=C.UTF-8 LANGUAGE=ko sockshell -c 'help' > "$TMP/language.out" 2>&1
hangul "$TMP/language.out" "LANGUAGE=ko"
LANG=C sockshell --lang=ko -c 'help' > "$TMP/opt.out" 2>&1
hangul "$TMP/opt.out" "--lang=ko"
LANG=$ko sockshell --lang=en -c 'help' > "$TMP/opten.out" 2>&1
no_hangul "$TMP/opten.out" "--lang=en under ko_KR.UTF-8"
LANG=C sockshell --lang=fr -c 'help' > /dev/null 2> "$TMP/fr.err"
expect_status 2 $? "--lang=fr"
expect_line "$TMP/fr.err" 'en or ko' "--lang names the languages"

# set lang: English to Korean and back in one session, the calls unchanged.
cat > "$TMP/switch.sock" <<EOS
socket stream
connect 127.0.0.1 $refused
set lang ko
connect 127.0.0.1 $refused
set lang en
connect 127.0.0.1 $refused
set lang
EOS
LANG=C sockshell -k "$TMP/switch.sock" > "$TMP/sw.out" 2>&1
grep -c '^connect(3, .* = -1 ECONNREFUSED (Connection refused)$' "$TMP/sw.out" > "$TMP/n"
[ "$(cat "$TMP/n")" = 3 ] || fail "three identical connect lines wanted: $(cat "$TMP/sw.out")"
awk '/^connect/ { n++ } n == 1 && /^  / { print }' "$TMP/sw.out" > "$TMP/sw1"
awk '/^connect/ { n++ } n == 2 && /^  / { print }' "$TMP/sw.out" > "$TMP/sw2"
awk '/^connect/ { n++ } n == 3 && /^  / { print }' "$TMP/sw.out" > "$TMP/sw3"
no_hangul "$TMP/sw1" "before set lang ko"
hangul "$TMP/sw2" "after set lang ko"
expect_line "$TMP/sw2" '연결이 거부됨' "the C library's Korean after set lang ko"
no_hangul "$TMP/sw3" "after set lang en"
grep '^  lang ' "$TMP/sw.out" | tail -n 1 | grep -qx '  lang en' ||
	fail "set lang shows en at the end: $(cat "$TMP/sw.out")"

# The same the other way: a Korean session switched to English.
LANG=$ko sockshell -k "$TMP/switch.sock" > "$TMP/sw.out" 2>&1
awk '/^connect/ { n++ } n == 1 && /^  / { print }' "$TMP/sw.out" > "$TMP/sw1"
hangul "$TMP/sw1" "a Korean session before set lang"

# set lang refuses what it does not know, and the shell goes on.
LANG=C sockshell -c 'set lang fr; set lang' > "$TMP/setfr.out" 2> "$TMP/setfr.err"
expect_line "$TMP/setfr.err" 'en, ko' "set lang names the languages"
expect_line "$TMP/setfr.out" '  lang en' "the shell goes on in English"

# An English lesson stepped by its path under a Korean locale: a note names
# its Korean twin, before the first step; the twin itself gets no such note,
# nor does the English lesson in English.
mkdir -p "$TMP/les/ko"
printf '# Lesson 1: one\nsocket stream\n' > "$TMP/les/01-one.sock"
printf '# 레슨 1: 하나\nsocket stream\n' > "$TMP/les/ko/01-one.sock"
LANG=$ko sockshell --step "$TMP/les/01-one.sock" < /dev/null > "$TMP/twin.out" 2>&1
expect_line "$TMP/twin.out" "  이 레슨은 영어판입니다. 한국어판: sockshell --step $TMP/les/ko/01-one.sock"
[ "$(head -n 1 "$TMP/twin.out")" = "  이 레슨은 영어판입니다. 한국어판: sockshell --step $TMP/les/ko/01-one.sock" ] ||
	fail "the twin's note is not first: $(head -n 3 "$TMP/twin.out")"
LANG=$ko sockshell --step "$TMP/les/ko/01-one.sock" < /dev/null > "$TMP/twin2.out" 2>&1
expect_no_line "$TMP/twin2.out" "한국어판:" "a note on the Korean twin itself"
LANG=C.UTF-8 sockshell --step "$TMP/les/01-one.sock" < /dev/null > "$TMP/twin3.out" 2>&1
expect_no_line "$TMP/twin3.out" "Korean twin" "a twin's note in English"

# A particle after a word the message put there fits the word's sound where
# it is known (fd3: 삼, 과; fd4: 사, 는), not both forms with brackets.
LANG=$ko sockshell -c 'socketpair stream' > "$TMP/josa.out" 2>&1
expect_line "$TMP/josa.out" "  fd3과 fd4는 서로 연결되어 있습니다. 현재 디스크립터는 fd4입니다"
# What the user wrote is never fitted: only the catalogue's own particles are.
LANG=$ko sockshell -c 'echo "사과을(를) 책와(과)"' > "$TMP/josa-echo.out" 2>&1
expect_line "$TMP/josa-echo.out" "  사과을(를) 책와(과)"
# And fds names an unnamed unix socket in Korean.
LANG=$ko sockshell -c 'socketpair stream; fds' > "$TMP/unnamed.out" 2>&1
grep -qE '^ +3 +unix stream +연결됨 +\(이름 없음\) +\(이름 없음\)' "$TMP/unnamed.out" ||
	fail "fds of a socketpair in Korean: $(cat "$TMP/unnamed.out")"
done_testing
