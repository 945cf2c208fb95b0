/* width.c: terminal columns of text, for lining up Korean as English lines up. */
#include "config.h"

#include <string.h>
#include <wchar.h>

#include "width.h"

size_t
text_width(const char *s, size_t n)
{
	mbstate_t st;
	size_t cols = 0;

	memset(&st, 0, sizeof st);
	while (n > 0) {
		wchar_t wc;
		size_t k = mbrtowc(&wc, s, n, &st);
		int w;

		if (k == (size_t)-1 || k == (size_t)-2 || k == 0) {
			/* Not a character here: one column, start afresh. */
			memset(&st, 0, sizeof st);
			k = 1;
			w = 1;
		} else if ((w = wcwidth(wc)) < 0) {
			w = 1;
		}
		cols += (size_t)w;
		s += k;
		n -= k;
	}
	return cols;
}

void
sb_addpad(struct strbuf *sb, const char *s, size_t width)
{
	size_t w = text_width(s, strlen(s));

	sb_add(sb, s);
	while (w++ < width)
		sb_addc(sb, ' ');
}
