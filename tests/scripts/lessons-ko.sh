# The Korean twins of the lessons, run as lessons.sh runs the English ones
# (in Korean: --lang=ko), each with the same commands as its English twin.
export LESSONS_LANG=ko
. "$top_srcdir/tests/scripts/lessons.sh"
