/* lang.c: the language of the shell's own words: gettext's catalogue, LANGUAGE, set lang. */
#include "config.h"

#include <errno.h>
#include <langinfo.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "i18n.h"
#include "lang.h"

const char *const lang_codes[] = { "en", "ko", NULL };

#ifdef ENABLE_NLS
/* Installed, or else the build tree's copy (a shell run where it was built). */
static const char *
catalogue_dir(void)
{
	static const char *const dirs[] = {
		LOCALEDIR,
#ifdef BUILDDIR_LOCALE
		BUILDDIR_LOCALE,
#endif
	};
	char path[4096];

	for (size_t i = 0; i < sizeof dirs / sizeof dirs[0]; i++) {
		snprintf(path, sizeof path, "%s/ko/LC_MESSAGES/" PACKAGE ".mo", dirs[i]);
		if (access(path, R_OK) == 0)
			return dirs[i];
	}
	return LOCALEDIR;
}
#endif

void
lang_init(void)
{
	/*
	 * Only messages and characters follow the locale: numbers and times in
	 * the shell's lines stay as C writes them.
	 */
	setlocale(LC_MESSAGES, "");
#ifdef ENABLE_NLS
	bindtextdomain(PACKAGE, catalogue_dir());
	/* The catalogue is UTF-8, whatever LC_CTYPE says of the terminal. */
	bind_textdomain_codeset(PACKAGE, "UTF-8");
	textdomain(PACKAGE);
#endif
	i18n_refresh();
}

int
lang_current(void)
{
	/*
	 * TRANSLATORS: the code of this catalogue's language, as `set lang`
	 * takes it: ko for Korean. The shell asks it to know what it speaks.
	 */
#ifdef ENABLE_NLS
	return strcmp(gettext("en"), "ko") == 0 ? LANG_KO : LANG_EN;
#else
	return LANG_EN;
#endif
}

/* LC_MESSAGES is the C locale, where gettext heeds no LANGUAGE. */
static bool
messages_are_c(void)
{
	const char *m = setlocale(LC_MESSAGES, NULL);

	return m == NULL || strcmp(m, "C") == 0 || strcmp(m, "POSIX") == 0;
}

bool
lang_set(const char *code, char *err, size_t errlen)
{
	const char *cur = setlocale(LC_MESSAGES, NULL);
	char *keep = strdup(cur != NULL ? cur : "C");

	if (keep == NULL) {
		snprintf(err, errlen, "%s", strerror(ENOMEM));
		return false;
	}
	if (strcmp(code, "en") == 0) {
		/* C's messages are the English ones, the C library's too. */
		setenv("LANGUAGE", "en", 1);
		setlocale(LC_MESSAGES, "C");
		i18n_refresh();
		free(keep);
		return true;
	}
	setenv("LANGUAGE", code, 1);
	/* Setting the locale again is what makes gettext read LANGUAGE anew. */
	if (setlocale(LC_MESSAGES, keep) == NULL || messages_are_c())
		if (setlocale(LC_MESSAGES, "ko_KR.UTF-8") == NULL)
			setlocale(LC_MESSAGES, "C.UTF-8");
	/* Hangul needs a UTF-8 LC_CTYPE: widths, and the data view. */
	if (strcmp(nl_langinfo(CODESET), "UTF-8") != 0)
		if (setlocale(LC_CTYPE, "ko_KR.UTF-8") == NULL)
			setlocale(LC_CTYPE, "C.UTF-8");
	i18n_refresh();
	if (lang_current() == LANG_KO) {
		free(keep);
		return true;
	}
	setlocale(LC_MESSAGES, keep);
	setenv("LANGUAGE", "en", 1);
	i18n_refresh();
	free(keep);
	snprintf(err, errlen, "%s",
#ifdef ENABLE_NLS
	    "no Korean catalogue (" PACKAGE ".mo) was found: run `make install`, or "
	    "the shell from the directory it was built in"
#else
	    "this sockshell was built without gettext (./configure --disable-nls)"
#endif
	    );
	return false;
}

const char *
lang_strerror(int err)
{
	if (lang_current() == LANG_EN || messages_are_c())
		return NULL;
	return strerror(err);
}
