/* i18n.c: whether the shell speaks its msgids, asked once per language. */
#include "config.h"

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
