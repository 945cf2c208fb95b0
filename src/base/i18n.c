/*
 * i18n.c: whether the shell speaks its msgids, asked once per language; and
 * Korean's particles fitted to the word a message put before them.
 */
#include "config.h"

#include <stdbool.h>
#include <string.h>

#include "i18n.h"

#ifdef ENABLE_NLS
bool	i18n_english;

void
i18n_refresh(void)
{
	const char *en = "en";

	/* gettext gives back its very argument when no catalogue has the word. */
	i18n_english = gettext(en) == en;
}
#endif

/*
 * The Korean catalogue writes a particle after a word it does not know in
 * both its forms, as Korean programs do: "%s은(는)". Where the word ends
 * in a Hangul syllable or a digit, its sound is known, and one form fits:
 * 은 after a final consonant, 는 after a vowel, and so on.
 */
static const struct particle {
	const char	*both;		/* as the catalogue writes it */
	const char	*after_consonant, *after_vowel, *after_rieul;
} particles[] = {
	{ "\xec\x9d\x80(\xeb\x8a\x94)", "\xec\x9d\x80", "\xeb\x8a\x94", NULL },	/* 은(는) */
	{ "\xec\x9d\xb4(\xea\xb0\x80)", "\xec\x9d\xb4", "\xea\xb0\x80", NULL },	/* 이(가) */
	{ "\xec\x9d\x84(\xeb\xa5\xbc)", "\xec\x9d\x84", "\xeb\xa5\xbc", NULL },	/* 을(를) */
	{ "\xec\x99\x80(\xea\xb3\xbc)", "\xea\xb3\xbc", "\xec\x99\x80", NULL },	/* 와(과) */
	{ "(\xec\x9c\xbc)\xeb\xa1\x9c", "\xec\x9c\xbc\xeb\xa1\x9c", "\xeb\xa1\x9c",
	    "\xeb\xa1\x9c" },					/* (으)로: 로 after ㄹ too */
};

enum ending { END_UNKNOWN, END_VOWEL, END_CONSONANT, END_RIEUL };

/* How the word that ends just before S + AT sounds at its end. */
static enum ending
ending_before(const char *s, size_t at)
{
	/* Korean numbers read: 영 일 이 삼 사 오 육 칠 팔 구. */
	static const enum ending digit[10] = { END_CONSONANT, END_RIEUL,
	    END_VOWEL, END_CONSONANT, END_VOWEL, END_VOWEL, END_CONSONANT,
	    END_RIEUL, END_RIEUL, END_VOWEL };
	const unsigned char *u = (const unsigned char *)s;
	unsigned code, final;

	/* Past quotes and brackets: "`fds`은(는)" is about fds. */
	while (at > 0 && strchr("\"'`)]", s[at - 1]) != NULL && s[at - 1] != '\0')
		at--;
	if (at == 0)
		return END_UNKNOWN;
	if (s[at - 1] >= '0' && s[at - 1] <= '9')
		return digit[s[at - 1] - '0'];
	/* A Hangul syllable, U+AC00 to U+D7A3: three bytes of UTF-8. */
	if (at < 3 || (u[at - 3] & 0xf0) != 0xe0 || (u[at - 2] & 0xc0) != 0x80 ||
	    (u[at - 1] & 0xc0) != 0x80)
		return END_UNKNOWN;
	code = (unsigned)(u[at - 3] & 0x0f) << 12 | (unsigned)(u[at - 2] & 0x3f) << 6 |
	    (u[at - 1] & 0x3f);
	if (code < 0xac00 || code > 0xd7a3)
		return END_UNKNOWN;
	final = (code - 0xac00) % 28;
	return final == 0 ? END_VOWEL : final == 8 ? END_RIEUL : END_CONSONANT;
}

bool
i18n_has_particles(const char *fmt)
{
#ifdef ENABLE_NLS
	if (i18n_english || fmt == NULL || strchr(fmt, '(') == NULL)
		return false;
	for (size_t i = 0; i < sizeof particles / sizeof particles[0]; i++)
		if (strstr(fmt, particles[i].both) != NULL)
			return true;
#else
	(void)fmt;
#endif
	return false;
}

size_t
i18n_particles(char *s, size_t len)
{
	size_t r = 0, w = 0;

#ifdef ENABLE_NLS
	if (i18n_english)
		return len;
#else
	return len;
#endif
	/* Every form begins with '(' or the byte 0xec: nothing else is looked at. */
	if (memchr(s, '(', len) == NULL)
		return len;
	while (r < len) {
		const struct particle *p = NULL;
		size_t n = 0;

		for (size_t i = 0; i < sizeof particles / sizeof particles[0]; i++) {
			n = strlen(particles[i].both);
			if (len - r >= n && memcmp(s + r, particles[i].both, n) == 0) {
				p = &particles[i];
				break;
			}
		}
		if (p != NULL) {
			enum ending e = ending_before(s, w);
			const char *form = e == END_VOWEL ? p->after_vowel :
			    e == END_RIEUL ? (p->after_rieul != NULL ?
			    p->after_rieul : p->after_consonant) :
			    e == END_CONSONANT ? p->after_consonant : NULL;

			if (form != NULL) {
				size_t m = strlen(form);

				memmove(s + w, form, m);
				w += m;
				r += n;
				continue;
			}
		}
		s[w++] = s[r++];
	}
	s[w] = '\0';
	return w;
}
