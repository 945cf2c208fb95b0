/* hints.h: errno x call -> one line on the likely cause and the fix. */
#ifndef SOCKSHELL_HINTS_H
#define SOCKSHELL_HINTS_H

#include <stdbool.h>

/* What a hint may need to know of the socket, beyond the call and the errno. */
enum hint_when {
	WHEN_ANY,		/* whatever the socket */
	WHEN_UNIX,		/* a unix socket: a path, a file */
	WHEN_UNIX_BOUND,	/* a unix socket bound already: its path is its file */
	WHEN_INET,		/* an inet or inet6 socket: a port */
	WHEN_LISTENING,		/* listen(2) succeeded on it */
	WHEN_REUSEADDR,		/* SO_REUSEADDR is set on it */
	WHEN_LAB,		/* the shell runs in the lab (--lab) */
};

struct hint {
	const char	*call;		/* NULL: any call */
	int		 err;
	const char	*text;
	enum hint_when	 when;
};

/* The socket a call was made on, as the hint table asks of it. */
struct hint_socket {
	bool	 known;		/* the call had a socket of the table */
	int	 family;
	bool	 listening;
	bool	 reuseaddr;
	bool	 lab;		/* in the lab: two hosts, no way out */
	bool	 bound;		/* bind(2) succeeded on it before */
};

extern const struct hint hint_table[];

/*
 * The same, WHAT's own first: the rows named "CALL WHAT" ("setsockopt
 * ip_add_membership"), then the call's. WHAT NULL: hint_find.
 */
const char	*hint_find_what(const char *call, const char *what, int err,
		    const struct hint_socket *s);
/* The hint for this call failing with err whatever the socket, or NULL. */
const char	*hint_for(const char *call, int err);
/* The hint for this call failing with err on the socket S (NULL: unknown). */
const char	*hint_find(const char *call, int err, const struct hint_socket *s);

#endif
