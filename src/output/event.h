/* event.h: every word the shell says is an event; one emitter hands it to the sinks. */
#ifndef SOCKSHELL_EVENT_H
#define SOCKSHELL_EVENT_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

enum ev_kind {
	EV_COMMAND,	/* a line typed or read from a script; shown only when echoed */
	EV_CALL,	/* a system call and its result: strace's line */
	EV_HINT,	/* under a failed call: the likely cause and the fix */
	EV_NOTE,	/* words of the shell's own, indented */
	EV_WAIT,	/* before a call that may block: what it waits for */
	EV_NEWS,	/* at the prompt: a descriptor has something waiting */
	EV_ERROR,	/* a refused line, or a failed expectation: one line */
	EV_NARRATION,	/* a lesson's comment lines, in step mode */
	EV_EXPECT,	/* an expectation that held */
	EV_DATA,	/* what a call received, whole: escaped text or a hexdump */
	EV_HELP,	/* help and tables: text laid out by the shell */
	EV_PACKET,	/* a segment or datagram seen on the wire */
	EV_CHILD,	/* a line a forked child said ("[pid N] ..."), as it said it */
	EV_CHILD_ERR,	/* ...on its standard error */
	EV_KIND_MAX
};

/* The call of an EV_CALL event: what the kernel got and gave back. */
struct ev_call {
	const char	*name;		/* as strace names it: "accept", "sendto" */
	const char	*args;		/* between the parentheses, from the values passed */
	long		 ret;
	int		 err;		/* errno when ret == -1 */
	const char	*result;	/* after " = ": "3", "-1 ECONNREFUSED (Connection refused)" */
	size_t		 args_len, result_len;	/* their lengths, when known (else 0) */
	struct timespec	 begin;		/* CLOCK_REALTIME, as packet timestamps are */
	struct timespec	 end;
};

struct event {
	enum ev_kind		 kind;
	const char		*text;	/* whole lines, without the last '\n'; NULL for EV_CALL */
	int			 fd;	/* the descriptor it is about, or -1 */
	struct timespec		 time;	/* CLOCK_REALTIME when it was said */
	const struct ev_call	*call;	/* EV_CALL only */
	const char		*where;	/* EV_ERROR: "FILE:LINE" in a script, else NULL */
	bool			 echo;	/* EV_COMMAND: show it (a step's prompt off a terminal) */
};

/* A subscriber: it gets every event, in order, as it is said. */
struct sink {
	void	(*deliver)(struct sink *, const struct event *);
	/* Make what was delivered visible (before a call that may block, at exit). */
	void	(*flush)(struct sink *);
	/* Would an event of this kind reach anyone? NULL: every kind does. */
	bool	(*shows)(struct sink *, enum ev_kind);
	bool	 timed;		/* it reads the events' times: they are stamped */
	bool	 dead;		/* removed while events were being delivered */
	struct sink *next;
};

void	sink_add(struct sink *);
/* Unsubscribe; safe from inside a delivery (the sink is unlinked afterwards). */
void	sink_remove(struct sink *);
/* Hand EV to every sink; its time is stamped now when it has none and a sink reads it. */
void	emit(struct event *);
/* An event of KIND with TEXT (printf-style), about FD (-1: none). */
void	emitf(enum ev_kind, int fd, const char *, ...)
	    __attribute__((format(printf, 3, 4)));
void	emit_text(enum ev_kind, int fd, const char *text);
/*
 * Events are said by the shell's own thread, and by the threads that print
 * while it waits in a call (packets, the children's lines): each of those
 * holds this around what it says, so that the two never say at once.
 */
void	emit_thread_begin(void);
void	emit_thread_end(void);
/* Every sink shows what it holds. */
void	emit_flush(void);
/* emit_shown's answer asked of the sinks, and kept. */
bool	emit_shown_ask(enum ev_kind);
/* What emit_shown found, by kind (a bit each), until a sink comes or goes. */
extern unsigned	emit_shown_known, emit_shown_yes;

/*
 * Would an event of KIND reach anyone? Work done only to say it (a peek
 * for the waiting line) is skipped when it would not. Asked at every line
 * of a script: the answer found before, inline.
 */
static inline bool
emit_shown(enum ev_kind kind)
{
	unsigned bit = 1u << kind;

	if (emit_shown_known & bit)
		return (emit_shown_yes & bit) != 0;
	return emit_shown_ask(kind);
}
/* Does a sink read the events' times (a record kept)? If not, none are taken. */
bool	emit_timed(void);

#endif
