/*
 * i18n.h: the shell's own words in the learner's language (GNU gettext).
 * Call lines are code and never pass through here.
 */
#ifndef SOCKSHELL_I18N_H
#define SOCKSHELL_I18N_H

#include <stdio.h>

#ifdef ENABLE_NLS
#include <libintl.h>
#include <stdbool.h>
/*
 * No catalogue speaks (English): every word is its own msgid, and gettext,
 * which reads the environment and takes a lock at each word, is not asked.
 * i18n_refresh() sets it whenever the language may have changed.
 */
extern bool	i18n_english;
void		i18n_refresh(void);
#define _(s)		(i18n_english ? (const char *)(s) : gettext(s))
#define P_(s, p, n)	(i18n_english ? ((n) == 1 ? (const char *)(s) : \
			    (const char *)(p)) : ngettext((s), (p), (n)))
#else
#define i18n_refresh()	((void)0)
#define _(s)		((const char *)(s))
#define P_(s, p, n)	((n) == 1 ? (const char *)(s) : (const char *)(p))
#endif
/*
 * In Korean, the particles the catalogue writes in both forms ("은(는)")
 * fitted, in place, to the word before them where its sound is known (a
 * Hangul syllable, a digit): "fd3은(는)" becomes "fd3은". Returns the new
 * length of the LEN bytes at S; in any other language, LEN.
 */
#include <stdbool.h>
#include <stddef.h>
size_t		i18n_particles(char *s, size_t len);
/*
 * Does the (translated) format FMT itself write a particle in both forms?
 * Only then is its message fitted: a word the user wrote ("%s" alone, as
 * echo's) is never rewritten.
 */
bool		i18n_has_particles(const char *fmt);
/* Marked for the catalogue where it is written; translated where it is said. */
#define N_(s)		s
/* The same, for a word whose sense needs a context ("two" as a count). */
#define NC_(ctx, s)	s

/*
 * S translated in the context CTX (gettext's msgctxt): for short words that
 * could mean other things elsewhere.
 */
static inline const char *
C_(const char *ctx, const char *s)
{
#ifdef ENABLE_NLS
	char id[256];
	const char *t;
	int n;

	if (i18n_english)
		return s;
	n = snprintf(id, sizeof id, "%s\004%s", ctx, s);

	if (n < 0 || (size_t)n >= sizeof id)
		return s;
	t = gettext(id);
	return t == id ? s : t;
#else
	(void)ctx;
	return s;
#endif
}

#endif
