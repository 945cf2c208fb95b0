# The man page and the command table must not drift apart.
# Every command of `sockshell --list-commands` has an `.It Ic NAME` entry in the
# COMMANDS section that renders as exactly "NAME USAGE"; every entry there is a
# command of the table; `help NAME` shows the same usage; mandoc lints it clean.
# man-drift-ko.sh runs the same checks on the Korean page (MAN_PAGE, and its
# COMMANDS section's title in MAN_COMMANDS).
. "$top_srcdir/tests/scripts/lib.sh"
need mandoc col

MAN=${MAN_PAGE:-$top_srcdir/man/sockshell.1}
COMMANDS_SH=${MAN_COMMANDS:-COMMANDS}
[ -r "$MAN" ] || { fail "cannot read $MAN"; done_testing; }

# squish: all whitespace, newlines too, to single spaces; none at either end.
squish() {
	tr -s ' \t\n' '   ' | sed -e 's/^ //' -e 's/ $//'
}

# render: mdoc on stdin to plain text, wide enough that nothing wraps.
render() {
	mandoc -Tascii -O width=1000 | col -b
}

# 1. mandoc's own checks, warnings and worse.
mandoc -Tlint -W warning "$MAN" > "$TMP/lint" 2>&1
lint_rc=$?
[ -s "$TMP/lint" ] && fail "mandoc -Tlint -W warning:
$(cat "$TMP/lint")"
[ "$lint_rc" -eq 0 ] || fail "mandoc -Tlint exited $lint_rc"

# 2. The table, as the binary has it.
"$SOCKSHELL" --list-commands > "$TMP/table" 2> "$TMP/table.err"
expect_status 0 $? "--list-commands"
[ -s "$TMP/table" ] || { fail "--list-commands printed nothing"; done_testing; }
[ -s "$TMP/table.err" ] && fail "--list-commands wrote to stderr: $(cat "$TMP/table.err")"

# 3. The COMMANDS section's source, and the commands it documents: the
# `.It Ic NAME` items (option names and the like are `.It Cm`, not commands).
awk -v sh=".Sh $COMMANDS_SH" '/^\.Sh /{ on = ($0 == sh) } on' "$MAN" > "$TMP/commands.mdoc"
[ -s "$TMP/commands.mdoc" ] || fail "no COMMANDS section in the man page"
awk '$1 == ".It" && $2 == "Ic" { print $3 }' "$TMP/commands.mdoc" > "$TMP/documented"

cut -f1 "$TMP/table" > "$TMP/names"
while read -r name; do
	grep -qxF -- "$name" "$TMP/names" ||
		fail "the man page documents \`$name', which is not in the command table"
done < "$TMP/documented"
for name in $(sort "$TMP/documented" | uniq -d); do
	fail "\`$name' has more than one .It Ic entry in COMMANDS"
done

# The whole page as text on one line, for the plain "contains" check.
render < "$MAN" | squish > "$TMP/page.txt"

# entry NAME: the source of NAME's item, from its `.It Ic NAME` line to the
# next item of the same list (nested lists, as setsockopt's options, included).
entry() {
	awk -v name="$1" '
		!on && $1 == ".It" && $2 == "Ic" && $3 == name { on = 1; depth = 0; print; next }
		on && $1 == ".Bl" { depth++ }
		on && $1 == ".El" { if (depth == 0) exit; depth-- }
		on && $1 == ".It" && depth == 0 { exit }
		on { print }
	' "$TMP/commands.mdoc"
}

# wrap: a one-list mdoc page around the item source on stdin.
wrap() {
	printf '.Dd January 1, 2000\n.Dt DRIFT 1\n.Os\n.Sh NAME\n.Nm drift\n.Nd drift\n.Sh COMMANDS\n.Bl -ohang\n'
	cat
	printf '.El\n.Pp\nEND-OF-ENTRY\n'
}

# rendered: the text of a wrapped item, without page header and footer.
rendered() {
	wrap | render | sed -n '/^COMMANDS$/,/END-OF-ENTRY/p' | sed -e '1d' -e '$d' | squish
}

# 4. Each command of the table against its entry, and against `help`.
while IFS= read -r row; do
	name=${row%%	*}
	rest=${row#*	}
	alias=${rest%%	*}
	usage=${rest#*	}
	want="$name${usage:+ $usage}"

	grep -qF -- "$want" "$TMP/page.txt" ||
		fail "the rendered man page does not contain \`$want'"

	entry "$name" > "$TMP/entry.mdoc"
	if [ ! -s "$TMP/entry.mdoc" ]; then
		fail "\`$name' has no \`.It Ic $name' entry in COMMANDS (want: $want)"
	else
		# The item's head, alone: the .It line renders as the tag.
		head -n 1 "$TMP/entry.mdoc" | rendered > "$TMP/tag"
		got=$(cat "$TMP/tag")
		[ "$got" = "$want" ] ||
			fail "man page entry for \`$name' reads \`$got', the table says \`$want'"
		# The entry's body says what it does, and names the alias.
		rendered < "$TMP/entry.mdoc" > "$TMP/body"
		[ "$(wc -w < "$TMP/body")" -gt "$(printf '%s\n' "$want" | wc -w)" ] ||
			fail "man page entry for \`$name' has no description"
		if [ -n "$alias" ] && ! grep -qw -- "$alias" "$TMP/body"; then
			fail "man page entry for \`$name' does not name its alias \`$alias'"
		fi
	fi

	for n in "$name" $alias; do
		printf 'help %s\n' "$n" | NO_COLOR=1 "$SOCKSHELL" > "$TMP/help" 2>&1
		got=$(head -n 1 "$TMP/help")
		[ "$got" = "usage: $want" ] ||
			fail "\`help $n' says \`$got', the table says \`usage: $want'"
	done
done < "$TMP/table"

# The settings: each one `help set` lists (from the settings table) has its
# entry under `set` in the page, with the same values; and the page has none
# the table lacks.
NO_COLOR=1 "$SOCKSHELL" -c 'help set' | sed -nE 's/^  ([a-z]+) (N|[a-z]+(\|[a-z]+)+): .*/\1 \2/p' > "$TMP/settings"
[ "$(wc -l < "$TMP/settings")" -ge 3 ] || fail "help set lists no settings: $(cat "$TMP/settings")"
entry set > "$TMP/set.mdoc"
while read -r name values; do
	grep -q "^\.It Cm $name\( \|$\)" "$TMP/set.mdoc" ||
		fail "setting \`$name' has no entry under \`set' in the man page"
	if [ "$values" != N ]; then
		for v in $(printf '%s' "$values" | tr '|' ' '); do
			grep "^\.It Cm $name" "$TMP/set.mdoc" | grep -qw -- "$v" ||
				fail "the man page's \`set $name' lacks the value \`$v'"
		done
	fi
done < "$TMP/settings"
for name in $(sed -n 's/^\.It Cm \([a-z]*\).*/\1/p' "$TMP/set.mdoc"); do
	grep -q "^$name " "$TMP/settings" ||
		fail "the man page documents setting \`$name', which the table lacks"
done

# The socket options: each one setsockopt takes (as its refusal of an unknown
# one lists them, from the option table) has its `.It Cm NAME` under
# setsockopt in the page, and the page lists none the table lacks.
"$SOCKSHELL" -c 'socket dgram; setsockopt nosuch 1' 2>&1 >/dev/null |
	sed -n 's/.*unknown option: nosuch (\([^)]*\)).*/\1/p' | tr -d ',' | tr ' ' '\n' |
	grep . > "$TMP/sockopts"
[ "$(wc -l < "$TMP/sockopts")" -ge 10 ] || fail "no option list from setsockopt: $(cat "$TMP/sockopts")"
entry setsockopt > "$TMP/setsockopt.mdoc"
while read -r name; do
	grep -qx "\.It Cm $name" "$TMP/setsockopt.mdoc" ||
		fail "option \`$name' has no entry under \`setsockopt' in the man page"
done < "$TMP/sockopts"
for name in $(sed -n 's/^\.It Cm \([a-z0-9_]*\)$/\1/p' "$TMP/setsockopt.mdoc"); do
	grep -qx "$name" "$TMP/sockopts" ||
		fail "the man page documents option \`$name', which setsockopt does not take"
done
# And `help setsockopt` lists the same options, each with its few words;
# `help getsockopt` those and the ones only read (error, type, acceptconn).
NO_COLOR=1 "$SOCKSHELL" -c 'help setsockopt' |
	sed -n '/^  OPTION is one of:$/,/^$/s/^  \([a-z0-9_]*\)  *[^ ].*/\1/p' > "$TMP/help-set"
diff "$TMP/sockopts" "$TMP/help-set" > "$TMP/help-set.diff" ||
	fail "help setsockopt does not list the options setsockopt takes: $(cat "$TMP/help-set.diff")"
NO_COLOR=1 "$SOCKSHELL" -c 'help getsockopt' |
	sed -n '/^  OPTION is one of:$/,/^$/s/^  \([a-z0-9_]*\)  *[^ ].*/\1/p' > "$TMP/help-get"
for name in $(cat "$TMP/sockopts") error type acceptconn; do
	grep -qx "$name" "$TMP/help-get" || fail "help getsockopt does not list \`$name'"
done

done_testing
