/* hints.h: errno x call -> one line on the likely cause and the fix. */
#ifndef SOCKSHELL_HINTS_H
#define SOCKSHELL_HINTS_H

struct hint {
	const char	*call;		/* NULL: any call */
	int		 err;
	const char	*text;
};

extern const struct hint hint_table[];

/* The hint for this call failing with err, or NULL. */
const char	*hint_for(const char *call, int err);

#endif
