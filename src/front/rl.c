/* rl.c: GNU Readline found at run time (rl.h). */
#include "config.h"

#include <dlfcn.h>
#include <stdio.h>

/* Here Readline's names are still its own: RLSYM's fields are named after them. */
#define RL_OWN_NAMES
#include "rl.h"

#include "i18n.h"

struct readline_symbols	rlsym;

bool
readline_open(const char **why)
{
	/* Debian's soname, then the development link. */
	static const char *const names[] = {
		"libreadline.so.8", "libreadline.so", NULL
	};
	static int state;	/* 0: not tried, 1: open, -1: cannot be */
	static char reason[256];
	void *h = NULL;

	if (state == 0) {
		for (const char *const *n = names; *n != NULL && h == NULL; n++)
			h = dlopen(*n, RTLD_NOW | RTLD_LOCAL);
		state = h != NULL ? 1 : -1;
		if (h == NULL)
			snprintf(reason, sizeof reason, "%s", dlerror());
#define READLINE_FIND(s) \
		if (state == 1 && (*(void **)&rlsym.s = dlsym(h, #s)) == NULL) { \
			snprintf(reason, sizeof reason, _("it has no %s: it is too old"), #s); \
			state = -1; \
		}
		READLINE_SYMBOLS(READLINE_FIND)
#undef READLINE_FIND
		if (state == -1 && h != NULL)
			dlclose(h);
	}
	if (state == -1 && why != NULL)
		*why = reason;
	return state == 1;
}
