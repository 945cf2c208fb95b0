# A terminal where GNU Readline cannot be opened (it is opened with dlopen, not
# linked): a note says why, and the plain reader takes the lines. The library is
# hidden by a mount namespace of the test's own, with /dev/null over it.
. "$top_srcdir/tests/tty/lib.sh"
have_readline || skip "built --without-readline: the plain reader is the only one"
need unshare ldconfig
lib=$(ldconfig -p | awk '/libreadline\.so\.8 / { print $NF; exit }')
[ -n "$lib" ] || skip "ldconfig lists no libreadline.so.8"
lib=$(readlink -f "$lib")
unshare -rm sh -c "mount --bind /dev/null '$lib'" 2>/dev/null ||
	skip "no mount namespace here (unshare -rm)"

start_shell env unshare -rm sh -c "mount --bind /dev/null '$lib' && exec '$SOCKSHELL'"
wait_for_screen "no line editing: GNU Readline could not be opened"
wait_for_prompt
run_cmd "socket stream"
wait_for_screen "socket(AF_INET, SOCK_STREAM, IPPROTO_TCP) = 3"
run_cmd "quit"
wait_for_screen "close(3) = 0"
wait_for_screen "[exit 0]"
done_testing
