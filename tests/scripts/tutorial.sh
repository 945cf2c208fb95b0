# The tutorial pages, man/sockshell-tutorial.7 and its Korean twin
# man/ko/sockshell-tutorial.7: mandoc lints both clean, and each lesson file
# of lessons/ (as the tree has them when the test runs) has its subsection in
# both, a `.Ss` line that names it: "NAME: title", or, for the halves of a
# two-terminal lesson, "NAME, NAME, ...: title".
. "$top_srcdir/tests/scripts/lib.sh"
need mandoc

PAGES="$top_srcdir/man/sockshell-tutorial.7 $top_srcdir/man/ko/sockshell-tutorial.7"

for page in $PAGES; do
	[ -r "$page" ] || { fail "cannot read $page"; continue; }
	mandoc -Tlint -W warning "$page" > "$TMP/lint" 2>&1
	lint_rc=$?
	[ -s "$TMP/lint" ] && fail "mandoc -Tlint -W warning $page:
$(cat "$TMP/lint")"
	[ "$lint_rc" -eq 0 ] || fail "mandoc -Tlint exited $lint_rc on $page"
done

# The lessons, by name without .sock; the Korean twins in lessons/ko are the
# same lessons, and have no subsection of their own.
ls "$top_srcdir"/lessons/*.sock > "$TMP/lessons" 2> /dev/null
[ -s "$TMP/lessons" ] || fail "no lessons in $top_srcdir/lessons"

for page in $PAGES; do
	[ -r "$page" ] || continue
	# The names the subsection titles give, one a line.
	sed -n 's/^\.Ss \([^:]*\):.*/\1/p' "$page" | tr ',' '\n' | tr -d ' ' > "$TMP/named"
	while read -r file; do
		name=$(basename "$file" .sock)
		grep -qxF -- "$name" "$TMP/named" ||
			fail "$(basename "$page") ($page) has no subsection for the lesson $name (a \`.Ss $name: ...' line)"
	done < "$TMP/lessons"
done

done_testing
