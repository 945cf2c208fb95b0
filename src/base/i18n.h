/*
 * i18n.h: the shell's own words in the learner's language (GNU gettext).
 * Call lines are code and never pass through here.
 */
#ifndef SOCKSHELL_I18N_H
#define SOCKSHELL_I18N_H

#include <stdio.h>

#ifdef ENABLE_NLS
#include <libintl.h>
#define _(s)		gettext(s)
#define P_(s, p, n)	ngettext((s), (p), (n))
#else
#define _(s)		((const char *)(s))
#define P_(s, p, n)	((n) == 1 ? (const char *)(s) : (const char *)(p))
#endif
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
	int n = snprintf(id, sizeof id, "%s\004%s", ctx, s);

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
