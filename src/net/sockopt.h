/* sockopt.h: the socket options the shell knows, one table for parsing, printing, completion. */
#ifndef SOCKSHELL_SOCKOPT_H
#define SOCKSHELL_SOCKOPT_H

#include <sys/socket.h>
#include <sys/time.h>
#include <netinet/in.h>

#include <stdbool.h>
#include <stddef.h>

#include "lexer.h"
#include "strbuf.h"

/* What the option's value is, in memory and as the learner types it. */
enum sockopt_kind {
	SOCKOPT_BOOL,		/* int, typed 1|0|on|off */
	SOCKOPT_INT,		/* int, a number of bytes */
	SOCKOPT_LINGER,		/* struct linger, typed `on SECONDS` | `off` */
	SOCKOPT_TIMEVAL,	/* struct timeval, typed in milliseconds */
	SOCKOPT_ERRNO,		/* int holding an errno value; read only */
	SOCKOPT_RDONLY,		/* int; read only */
	SOCKOPT_SECONDS,	/* int, seconds (keepidle) */
	SOCKOPT_COUNT,		/* int, a count (keepcnt) */
	SOCKOPT_HOPS,		/* int, hops 0 to 255, or -1: the default (ttl) */
	SOCKOPT_MREQ,		/* struct ip_mreq, typed `GROUP [IFADDR]`; set only */
	SOCKOPT_MREQ6,		/* struct ipv6_mreq, typed `GROUP [IFNAME|IFINDEX]`; set only */
	SOCKOPT_INADDR,		/* struct in_addr, typed ADDR (ip_multicast_if) */
	SOCKOPT_IFINDEX,	/* int, an interface index, typed IFNAME|IFINDEX */
};

struct sockopt {
	const char		*name;		/* as the learner types it: "reuseaddr" */
	int			 level;		/* SOL_SOCKET */
	int			 optname;	/* SO_REUSEADDR */
	const char		*optname_str;	/* as strace prints it: "SO_REUSEADDR" */
	enum sockopt_kind	 kind;
	const char		*about;		/* what it does, a few words (N_: show with _()) */
};

/* Room for any option's value. */
union sockopt_value {
	int		i;
	struct linger	linger;
	struct timeval	tv;
	struct ip_mreq	mreq;
	struct ipv6_mreq mreq6;
	struct in_addr	in;
};

/* Every option, in the order help and completion list them, NULL-terminated. */
extern const struct sockopt sockopt_table[];

/* By the learner's name ("reuseaddr"), in any case; NULL when unknown. */
const struct sockopt	*sockopt_find(const char *);
/* The I-th option name, for completion; NULL past the last. */
const char		*sockopt_name(size_t);
/* All names, joined with ", ": for errors and help. */
void			 sockopt_names(struct strbuf *);
bool			 sockopt_settable(const struct sockopt *);
/* false for the ones the kernel only takes (ip_add_membership): ENOPROTOOPT. */
bool			 sockopt_gettable(const struct sockopt *);
/* The size the kernel expects for the option's value: optlen. */
socklen_t		 sockopt_size(const struct sockopt *);

/*
 * The VALUE words of `setsockopt OPTION VALUE...` into V. Returns false with a
 * one-line reason (what the option takes) in ERR.
 */
bool	sockopt_parse(const struct sockopt *, const struct word *, size_t,
	    union sockopt_value *, char *err, size_t errlen);

/* The value as strace prints it: [1], {l_onoff=1, l_linger=0}, "\1\0...". */
void	pr_sockopt_value(struct strbuf *, const struct sockopt *,
	    const union sockopt_value *, size_t strsize);
/* setsockopt's arguments: 3, SOL_SOCKET, SO_REUSEADDR, [1], 4. */
void	pr_setsockopt_args(struct strbuf *, int fd, const struct sockopt *,
	    const union sockopt_value *, socklen_t, size_t strsize);
/*
 * getsockopt's arguments: 3, SOL_SOCKET, SO_RCVBUF, [131072], [4];
 * when the call FAILED, the value's address as strace shows it.
 */
void	pr_getsockopt_args(struct strbuf *, int fd, const struct sockopt *,
	    const union sockopt_value *, socklen_t before, socklen_t after,
	    bool failed, size_t strsize);
/*
 * What a raw value means, for a note under the call (the timeval strace shows
 * as bytes, the number SO_TYPE returns); empty when the line says it all.
 */
void	sockopt_explain(struct strbuf *, const struct sockopt *,
	    const union sockopt_value *, bool set);


#endif
