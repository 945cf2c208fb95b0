. "$top_srcdir/tests/scripts/lib.sh"
exit 77
