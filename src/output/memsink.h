/* memsink.h: a sink that keeps events in memory, for the unit tests and for recorders. */
#ifndef SOCKSHELL_MEMSINK_H
#define SOCKSHELL_MEMSINK_H

#include <stddef.h>

#include "event.h"
#include "strbuf.h"

/* One event as it was delivered, with its own copies of the strings. */
struct mem_event {
	enum ev_kind	 kind;
	int		 fd;
	struct timespec	 time;
	char		*text;		/* EV_CALL: the whole line as printed */
	char		*where;
	bool		 echo;
	/* EV_CALL */
	char		*name;
	char		*args;
	char		*result;	/* after " = " */
	long		 ret;
	int		 err;
	struct timespec	 begin, end;
};

struct mem_sink {
	struct sink		 sink;
	struct mem_event	*v;
	size_t			 n, cap;
};

/* Subscribe M (empty) to the emitter. */
void	mem_sink_attach(struct mem_sink *);
/* Unsubscribe M and free what it holds. */
void	mem_sink_detach(struct mem_sink *);
void	mem_sink_clear(struct mem_sink *);
/* What the terminal would have shown on stdout and on stderr, without colour. */
void	mem_sink_render(const struct mem_sink *, struct strbuf *out,
	    struct strbuf *err);
/* The I-th event of KIND, or NULL. */
const struct mem_event *mem_sink_find(const struct mem_sink *, enum ev_kind,
	    size_t i);

#endif
