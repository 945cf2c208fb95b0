# The Korean man page and the command table must not drift apart either: the
# checks of man-drift.sh on man/ko/sockshell.1, whose COMMANDS section is 명령.
export MAN_PAGE="$top_srcdir/man/ko/sockshell.1" MAN_COMMANDS="명령"
. "$top_srcdir/tests/scripts/man-drift.sh"
