/*
 * i18n.h: the shell's own words in the learner's language (GNU gettext).
 * Call lines are code and never pass through here.
 */
#ifndef SOCKSHELL_I18N_H
#define SOCKSHELL_I18N_H

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

#endif
