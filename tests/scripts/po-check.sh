# The Korean catalogue is whole and sound: every message of the sources is in
# po/ko.po, translated, not fuzzy, with the same printf directives (msgfmt -c),
# and every source file is listed for xgettext.
. "$top_srcdir/tests/scripts/lib.sh"
need msgfmt xgettext msgcmp

PO="$top_srcdir/po"

# 1. Every C file of src/ is where xgettext looks.
(cd "$top_srcdir" && ls src/*/*.c) | sort > "$TMP/sources"
grep -v '^#' "$PO/POTFILES.in" | grep . | sort > "$TMP/listed"
# (Not a pipe into the loop: fail counts in this shell, not in a subshell.)
while read -r f; do
	fail "po/POTFILES.in does not list $f"
done < <(comm -23 "$TMP/sources" "$TMP/listed")
while read -r f; do
	fail "po/POTFILES.in lists $f, which is no source file"
done < <(comm -13 "$TMP/sources" "$TMP/listed")

# 2. The messages as the sources have them now, with po/Makevars's keywords.
opts=$(sed -n '/^XGETTEXT_OPTIONS *=/,/[^\\]$/p' "$PO/Makevars" |
	sed -e 's/^XGETTEXT_OPTIONS *=//' -e 's/\\$//' | tr '\n' ' ')
# shellcheck disable=SC2086
(cd "$top_srcdir" && xgettext $opts --language=C --from-code=UTF-8 \
	-o "$TMP/now.pot" --files-from=po/POTFILES.in) 2> "$TMP/xgettext.err" ||
	fail "xgettext failed: $(cat "$TMP/xgettext.err")"

# 3. None is missing from ko.po (make -C po update-po brings them in).
msgcmp --use-untranslated "$PO/ko.po" "$TMP/now.pot" > "$TMP/msgcmp" 2>&1 ||
	fail "po/ko.po lacks messages of the sources (run make -C po update-po, then translate):
$(head -n 20 "$TMP/msgcmp")"

# 4. Translated, none fuzzy, directives matching.
msgfmt -c --statistics -o /dev/null "$PO/ko.po" > "$TMP/stats" 2>&1 ||
	fail "msgfmt -c po/ko.po: $(head -n 20 "$TMP/stats")"
grep -q 'fuzzy\|untranslated' "$TMP/stats" &&
	fail "po/ko.po is not whole: $(cat "$TMP/stats")"
grep -q 'translated message' "$TMP/stats" ||
	fail "msgfmt said nothing of po/ko.po: $(cat "$TMP/stats")"

done_testing
